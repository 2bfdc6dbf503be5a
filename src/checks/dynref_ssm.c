/*
 * dynref_ssm.c - {{resolve:ssm:...}} and {{resolve:ssm-secure:...}}
 * references, judged as CloudFormation judges them: when it processes the
 * template, before any resource (cfn-messages-prereq.md section 2, "When
 * each kind is resolved").  So every failure here is a stack finding, and
 * a parameter that the stack itself creates never satisfies a reference,
 * whatever DependsOn says.  References pass 1 never resolves (a resource
 * whose Condition is false, a Mappings entry nothing selects) are
 * uncertain when they would fail: nothing documents whether CloudFormation
 * resolves them.
 */
#include "checks/checks.h"
#include "aws/dynref.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* CloudFormation's documented limit ("You can include up to 60 dynamic
 * references in a stack template"). */
#define DYNREF_MAX_PER_TEMPLATE 60
/* Distinct references judged one by one (lists searched linearly); past
 * this the template fails the limit above anyway. */
#define DYNREF_MAX_JUDGED 1000

struct check_ssm_scan {
	struct strlist seen;     /* texts of the references pass 1 resolved */
	struct strlist reported; /* texts already reported (one finding per reference) */
};

/* The properties that accept ssm-secure (documented list of 11); "*" is
 * any list index. */
static const struct {
	const char *type; /* the resource type */
	const char *path; /* the property path that accepts ssm-secure */
} secure_ok[] = {
	{ "AWS::DirectoryService::MicrosoftAD", "Password" },
	{ "AWS::DirectoryService::SimpleAD", "Password" },
	{ "AWS::ElastiCache::ReplicationGroup", "AuthToken" },
	{ "AWS::IAM::User", "LoginProfile/Password" },
	{ "AWS::KinesisFirehose::DeliveryStream", "RedshiftDestinationConfiguration/Password" },
	{ "AWS::OpsWorks::App", "AppSource/Password" },
	{ "AWS::OpsWorks::Stack", "CustomCookbooksSource/Password" },
	{ "AWS::OpsWorks::Stack", "RdsDbInstances/*/DbPassword" },
	{ "AWS::RDS::DBCluster", "MasterUserPassword" },
	{ "AWS::RDS::DBInstance", "MasterUserPassword" },
	{ "AWS::Redshift::Cluster", "MasterUserPassword" },
};

struct check_ssm_scan *check_ssm_scan_new(void)
{
	return xcalloc(1, sizeof(struct check_ssm_scan));
}

void check_ssm_scan_free(struct check_ssm_scan *scan)
{
	if (!scan)
		return;
	strlist_free(&scan->seen);
	strlist_free(&scan->reported);
	free(scan);
}

/* True when path matches pattern segment by segment ("*" = digits). */
static bool path_matches(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		size_t pl = strcspn(pattern, "/"), l = strcspn(path, "/");

		if (pl == 1 && *pattern == '*') {
			if (!l || strspn(path, "0123456789") != l)
				return false;
		} else if (pl != l || strncmp(pattern, path, l)) {
			return false;
		}
		pattern += pl + (pattern[pl] == '/');
		path += l + (path[l] == '/');
	}
	return !*pattern && !*path;
}

static bool secure_allowed(const char *type, const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(secure_ok) / sizeof(secure_ok[0]); i++)
		if (!strcmp(type, secure_ok[i].type) && path_matches(secure_ok[i].path, path))
			return true;
	return false;
}

/* The resource of this template that creates SSM parameter name, or NULL:
 * its resolved Name when pass 1 has it, else its Name as written. */
static const char *created_here(const struct check_env *env, const char *name)
{
	size_t j;

	for (j = 0; j < env->t->n_resources; j++) {
		const struct tmpl_resource *tr = &env->t->resources[j];
		const struct value *props = env->resolved && env->resolved[j] ? env->resolved[j]
									    : tr->properties;

		if (tr->type && !strcmp(tr->type, "AWS::SSM::Parameter") &&
		    value_str(value_map_get(props, "Name")) &&
		    !strcmp(value_str(value_map_get(props, "Name")), name))
			return tr->logical_id;
	}
	return NULL;
}

/* What a reference names: the parameter, in which account and region. */
struct target {
	char *name;          /* owned: the parameter name */
	char *account;       /* owned: from an ARN, else NULL (the stack's) */
	char *region;        /* owned: from an ARN, else NULL (the stack's) */
	const struct state_res *param; /* the parameter in the state, or NULL */
};

static void find_target(const struct check_env *env, const struct dynref *d, struct target *t)
{
	t->name = dynref_ssm_name(d->name, &t->account, &t->region);
	t->param = state_find(env->state, t->account ? t->account : env->deploy->account,
			      t->region ? t->region : env->deploy->region, "AWS::SSM::Parameter",
			      t->name);
}

static void free_target(struct target *t)
{
	free(t->name);
	free(t->account);
	free(t->region);
}

/* True when the reference resolves whatever the state says: AWS's public
 * parameters (cfncompat T10). */
static bool public_parameter(const char *name)
{
	return !strncmp(name, "/aws/service/", 13);
}

/* "ssm:NAME" or "ssm-secure:NAME[:VERSION]": the key CloudFormation quotes. */
static char *quoted_key(const struct dynref *d, const char *name)
{
	if (d->version)
		return xstrfmt("%s:%s:%s", dynref_service_name(d->service), name, d->version);
	return xstrfmt("%s:%s", dynref_service_name(d->service), name);
}

static void report_missing(const struct check_env *env, const struct dynref *d,
			   const struct target *t, const struct value *s, const char *fpath,
			   const char *logical_id, struct finding_list *fl)
{
	const char *account = t->account ? t->account : env->deploy->account;
	const char *region = t->region ? t->region : env->deploy->region;
	const char *here = created_here(env, t->name);
	char *key = quoted_key(d, t->name);
	struct finding *f;

	f = finding_add(fl, FC_SSM_REF_MISSING, s->pos, fpath, "Parameters: [%s] cannot be found.", key);
	if (t->account && strcmp(t->account, env->deploy->account))
		finding_set_fix(f, "dynamic references cannot read SSM parameters of another account "
				"(%s): copy the parameter into account %s, or pass its value as a "
				"stack parameter", t->account, env->deploy->account);
	else if (here)
		finding_set_fix(f, "parameter %s is created by this stack (resource %s), but "
				"CloudFormation resolves {{resolve:%s:...}} when it processes the "
				"template, before any resource exists, whatever DependsOn says: pass "
				"the value directly (a Ref to %s's value, or a stack parameter), or "
				"create the parameter in an earlier stack", t->name, here,
				dynref_service_name(d->service), here);
	else
		finding_set_fix(f, "create the SSM parameter %s in account %s, region %s first "
				"(aws ssm put-parameter --name %s ...), or correct the name", t->name,
				account, region, t->name);
	if (env->result && !here && (!t->account || !strcmp(t->account, env->deploy->account)))
		result_add_prereq(env->result, "AWS::SSM::Parameter", account, region, t->name,
				  logical_id); /* the plan's step: put it */
	free(key);
}

/* ---- Walking the ssm and ssm-secure references of a tree ---- */

typedef void (*ref_fn)(void *ctx, const struct dynref *d, const struct value *s,
		       const char *path);

struct ref_walk {
	ref_fn fn;              /* called per reference */
	void *ctx;              /* fn's context */
	const struct value *s;  /* the string being scanned */
	const char *path;       /* its path */
};

static void ref_one(void *ctx, const struct dynref *d)
{
	struct ref_walk *w = ctx;

	if (d->service != DYNREF_SECRETSMANAGER)
		w->fn(w->ctx, d, w->s, w->path);
}

static void ref_string(void *ctx, const struct value *s, const char *path)
{
	struct ref_walk *w = ctx;

	w->s = s;
	w->path = path;
	dynref_each(s->u.string.s, ref_one, w);
}

/* Calls fn for each ssm or ssm-secure reference in the strings of v. */
static void each_ssm_ref(const struct value *v, ref_fn fn, void *ctx)
{
	struct ref_walk w = { fn, ctx, NULL, NULL };

	check_each_dynref_string(v, ref_string, &w);
}

/* ---- Resolved properties ---- */

struct scan_ctx {
	const struct check_env *env;    /* the stack */
	struct check_ssm_scan *scan;    /* what was seen and reported so far */
	const struct tmpl_resource *tr; /* the resource whose properties are scanned */
	struct finding_list *fl;        /* the stack's findings */
};

/* ssm-secure where it is not accepted (cfncompat T8a/b: this check comes
 * before any other on the reference). */
static void not_here(struct scan_ctx *c, const struct value *s, const char *path)
{
	char *fpath = xstrfmt("Resources/%s/Properties/%s", c->tr->logical_id, path);
	struct finding *f;

	f = finding_add(c->fl, FC_SSM_SECURE_PROPERTY, s->pos, fpath,
			"SSM Secure reference is not supported in: [%s/Properties/%s]", c->tr->type,
			path);
	finding_set_fix(f, "ssm-secure works only in 11 password-like properties (RDS "
			"MasterUserPassword, IAM User LoginProfile/Password, ...): read the value "
			"with {{resolve:secretsmanager:...}} instead, or store it as a String "
			"parameter and use {{resolve:ssm:...}}");
	free(fpath);
}

static void judge(struct scan_ctx *c, const struct dynref *d, const struct value *s,
		  const char *path)
{
	char *fpath = xstrfmt("Resources/%s/Properties%s%s", c->tr->logical_id, *path ? "/" : "",
			      path);
	struct target t = { NULL, NULL, NULL, NULL };
	struct finding *f;

	if (d->malformed) {
		f = finding_add(c->fl, FC_DYNREF_FORMAT, s->pos, fpath,
				"Incorrect format is used in the following SSM reference: [%s]", d->text);
		finding_set_fix(f, "write {{resolve:%s:NAME}} or {{resolve:%s:NAME:VERSION}} with a "
				"numeric version (labels are not supported) and a name of letters, "
				"digits and _.-/", dynref_service_name(d->service),
				dynref_service_name(d->service));
		free(fpath);
		return;
	}
	find_target(c->env, d, &t);
	if (public_parameter(t.name)) {
		free_target(&t);
		free(fpath);
		return;
	}
	if (!t.param || (t.account && strcmp(t.account, c->env->deploy->account))) {
		report_missing(c->env, d, &t, s, fpath, c->tr->logical_id, c->fl);
	} else if (d->service == DYNREF_SSM &&
		   value_str(value_map_get(t.param->props, "Type")) &&
		   !strcmp(value_str(value_map_get(t.param->props, "Type")), "SecureString")) {
		f = finding_add(c->fl, FC_SSM_NOT_SECURE, s->pos, fpath,
				"Non-secure ssm prefix was used for secure parameter %s", t.name);
		finding_set_fix(f, "%s is a SecureString: read it with {{resolve:ssm-secure:%s}} in a "
				"property that accepts secure strings, or keep the value in Secrets "
				"Manager ({{resolve:secretsmanager:...}})", t.name, t.name);
	}
	free_target(&t);
	free(fpath);
}

static void on_ref(void *ctx, const struct dynref *d, const struct value *s, const char *path)
{
	struct scan_ctx *c = ctx;

	if (c->scan->seen.n >= DYNREF_MAX_JUDGED)
		return;
	strlist_add_unique(&c->scan->seen, d->text);
	if (!d->malformed && d->service == DYNREF_SSM_SECURE && !secure_allowed(c->tr->type, path)) {
		not_here(c, s, path); /* judged where it is, every time */
		return;
	}
	if (strlist_has(&c->scan->reported, d->text))
		return; /* one finding per reference */
	strlist_add(&c->scan->reported, d->text);
	judge(c, d, s, path);
}

void check_ssm_resource(const struct check_env *env, struct check_ssm_scan *scan, size_t i,
			const struct value *props, struct finding_list *stack_fl)
{
	struct scan_ctx c = { env, scan, &env->t->resources[i], stack_fl };

	if (env->t->resources[i].type)
		each_ssm_ref(props, on_ref, &c);
}

/* ---- What pass 1 did not resolve ---- */

struct unused_ctx {
	const struct check_env *env;  /* the stack */
	struct check_ssm_scan *scan;  /* what pass 1 saw and reported */
	const char *where;            /* "resource X, which is not created (...)," */
	const char *base;             /* path prefix: "Resources/X/Properties", "Mappings" */
	struct finding_list *fl;      /* the stack's findings */
};

static void on_unused(void *ctx, const struct dynref *d, const struct value *s, const char *path)
{
	struct unused_ctx *c = ctx;
	struct target t = { NULL, NULL, NULL, NULL };
	struct finding *f;
	char *fpath;

	if (strstr(d->text, "${") || c->scan->reported.n >= DYNREF_MAX_JUDGED ||
	    strlist_has(&c->scan->seen, d->text) || strlist_has(&c->scan->reported, d->text))
		return; /* resolved elsewhere (and judged there), or a Fn::Sub template */
	if (!d->malformed)
		find_target(c->env, d, &t);
	if (d->malformed || (!public_parameter(t.name) && !t.param)) {
		strlist_add(&c->scan->reported, d->text);
		fpath = xstrfmt("%s%s%s", c->base, *path ? "/" : "", path);
		f = finding_add(c->fl, FC_DYNREF_UNDECIDED, s->pos, fpath,
				"SSM reference %s in %s %s: whether CloudFormation resolves references "
				"it never uses is not documented", d->text, c->where,
				d->malformed ? "is malformed" : "names a parameter that does not exist");
		finding_set_fix(f, "%s, or remove the reference", d->malformed
				? "correct the reference (a numeric version, a valid name)"
				: "create the SSM parameter first");
		free(fpath);
	}
	free_target(&t);
}

static void scan_unused(const struct check_env *env, struct check_ssm_scan *scan,
			struct finding_list *fl)
{
	struct unused_ctx c = { env, scan, NULL, NULL, fl };
	size_t i;

	for (i = 0; i < env->t->n_resources; i++) {
		const struct tmpl_resource *tr = &env->t->resources[i];
		char *where, *base;

		if (!env->resolved || env->resolved[i] || !tr->properties)
			continue;
		where = xstrfmt("resource %s, which is not created (its Condition is false),",
				tr->logical_id);
		base = xstrfmt("Resources/%s/Properties", tr->logical_id);
		c.where = where;
		c.base = base;
		each_ssm_ref(tr->properties, on_unused, &c);
		free(where);
		free(base);
	}
	c.where = "a Mappings entry that no Fn::FindInMap of a created resource selects,";
	c.base = "Mappings";
	each_ssm_ref(env->t->mappings, on_unused, &c);
}

/* The name of the first unversioned ssm reference (new), or NULL. */
static void first_versionless(void *ctx, const struct dynref *d, const struct value *s,
			      const char *path)
{
	char **name = ctx;

	(void)s;
	(void)path;
	if (!*name && d->service == DYNREF_SSM && !d->version && !d->malformed)
		*name = xstrdup(d->name);
}

/* Unversioned ssm references in a parameter Default (cfncompat T7a). */
static void scan_defaults(const struct check_env *env, struct finding_list *fl)
{
	const struct value *params = env->t->parameters;
	struct finding *f;

	if (!params || params->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(params, e) {
		const struct value *def = value_map_get(e->val, "Default");
		char *name = NULL;

		if (!value_str(def))
			continue;
		each_ssm_ref(def, first_versionless, &name);
		if (!name)
			continue;
		f = finding_add(fl, FC_SSM_VERSIONLESS_DEFAULT, def->pos, "Parameters",
				"Template error: parameter %s should not contain ssm versionless "
				"resolver", e->key);
		finding_set_fix(f, "pin a version ({{resolve:ssm:%s:1}}), or move the reference "
				"into the resource property that uses it", name);
		free(name);
	}
}

struct count {
	size_t n;          /* references so far */
	struct srcpos past; /* where the first one past the limit is written */
};

static void count_one(void *ctx, const struct value *s, const char *path)
{
	struct count *c = ctx;
	size_t n = dynref_each(s->u.string.s, NULL, NULL);

	(void)path;
	if (c->n <= DYNREF_MAX_PER_TEMPLATE && c->n + n > DYNREF_MAX_PER_TEMPLATE)
		c->past = s->pos;
	c->n += n;
}

void check_ssm_stack(const struct check_env *env, struct check_ssm_scan *scan,
		     struct finding_list *stack_fl)
{
	struct count c = { 0, SRCPOS_NONE };
	struct finding *f;
	size_t i;

	scan_unused(env, scan, stack_fl);
	scan_defaults(env, stack_fl);
	/* every string of the template holding "{{resolve:", as template_open found them */
	for (i = 0; i < env->t->n_dynref_strings; i++)
		count_one(&c, env->t->dynref_strings[i], NULL);
	if (c.n > DYNREF_MAX_PER_TEMPLATE) {
		f = finding_add(stack_fl, FC_DYNREF_LIMIT, c.past, NULL,
				"The template holds %zu dynamic references; CloudFormation allows up "
				"to %d in a stack template", c.n, DYNREF_MAX_PER_TEMPLATE);
		finding_set_fix(f, "pass some values as parameters (AWS::SSM::Parameter::Value<String> "
				"parameters resolve SSM values without counting here), or split the "
				"stack (a nested stack has its own limit)");
	}
}
