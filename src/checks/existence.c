/*
 * existence.c - the curated existence rules of the models ("the value at
 * this property must name an existing resource of that type, there"),
 * evaluated against the account state as the simulation has it: what the
 * state file lists, plus what earlier waves and earlier stacks created.
 *
 * A value that is the id or an attribute of a resource of this stack is
 * satisfied by that resource (it is created first: a dependency); any
 * other value not known yet makes the resource uncertain.  S3 code buckets
 * may belong to any account but must be in the stack's region: a rule's
 * region_message says what the service answers otherwise (FAILURES.md rows
 * 29-31).
 */
#include "checks/checks.h"
#include "model/model.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct hit_ctx {
	const struct check_env *env;
	const struct check_resource *r;
	struct check_sink *sink;
	const struct model *m;    /* r's model */
	bool arn_done;            /* resource_arn was computed (messages only need it) */
	const char *resource_arn; /* owned: ARN of the resource being created, or NULL */
};

static int has_value(void *ctx, const struct state_res *r)
{
	const struct model_rule *rule = ((const void **)ctx)[0];
	const char *want = ((const void **)ctx)[1];
	const char *have = value_str(value_map_get(r->props, rule->by_property));

	return have && !strcmp(have, want);
}

/* Where the rule's target must be: account and region (region "" for an
 * account-wide scope). */
static void where(const struct check_env *env, const struct model_rule *rule,
		  const char **account, const char **region)
{
	*account = env->deploy->account;
	*region = env->deploy->region;
	if (rule->scope == MODEL_SCOPE_ACCOUNT)
		*region = "";
	else if (rule->scope == MODEL_SCOPE_FIXED_REGION && rule->region)
		*region = rule->region;
}

/* True when the rule accepts KMS aliases and value is one ("alias/x" or an
 * alias ARN): what must exist is then the alias. */
static bool is_alias(const struct model_rule *rule, const char *value)
{
	return (rule->match & MODEL_MATCH_ALIAS) &&
	       (!strncmp(value, "alias/", 6) || (strstr(value, ":alias/") && !strncmp(value, "arn:", 4)));
}

/* The state entry the value names, or NULL (by_property rules are looked up
 * by the caller, through state_each). */
static const struct state_res *lookup(const struct check_env *env, const struct model_rule *rule,
				      const char *value)
{
	const char *account, *region;

	where(env, rule, &account, &region);
	if (!strcmp(rule->target_type, "AWS::S3::Bucket") || !strcmp(rule->target_type, "AWS::S3::Object"))
		return state_find_bucket(env->state, value);
	if (!*value)
		return NULL;
	if (rule->scope == MODEL_SCOPE_FIXED_REGION && rule->region) {
		/* an ARN names its own region: it must be the one the rule requires */
		struct arn a;
		bool elsewhere = false;

		if (arn_parse(value, &a)) {
			elsewhere = *a.region && strcmp(a.region, rule->region);
			arn_free(&a);
		}
		if (elsewhere)
			return NULL;
	}
	if (is_alias(rule, value))
		return state_find(env->state, account, region, "AWS::KMS::Alias", value);
	return state_find(env->state, account, region, rule->target_type, value);
}

static struct model_rule_vars vars_for(struct hit_ctx *h, const struct model_rule *rule,
				       const char *value, const char *path, const char *key)
{
	const char *account, *region;
	struct model_rule_vars v;

	if (!h->arn_done) {
		h->resource_arn = model_arn(h->m, h->r->physical_id, h->env->deploy->account,
					    h->env->deploy->region, h->env->partition);
		h->arn_done = true;
	}

	where(h->env, rule, &account, &region);
	memset(&v, 0, sizeof(v));
	v.value = value;
	v.logical_id = h->r->logical_id;
	v.property = path;
	v.region = *region ? region : h->env->deploy->region;
	v.account = account;
	v.partition = h->env->partition;
	v.target_arn = value;
	v.object_key = key;
	v.resource_arn = h->resource_arn;
	return v;
}

static void report_missing(struct hit_ctx *h, const struct model_rule *rule, const char *value,
			   const char *path, const char *key, const char *message,
			   const char *target_region)
{
	struct model_rule_vars vars = vars_for(h, rule, value, path, key);
	char *msg, *fix;

	vars.target_region = target_region;
	msg = model_rule_expand(message ? message : rule->message, &vars);
	fix = model_rule_expand(rule->fix, &vars);
	char *fpath = check_path(h->r, path);
	struct srcpos pos = check_pos(h->r, path);
	struct finding *f;
	const char *account, *region;

	if (rule->severity == SEV_WARNING)
		f = check_advise(h->sink, FC_PREREQ_WARNING, pos, fpath, "%s", msg);
	else
		f = check_fail(h->sink, FC_PREREQ_MISSING, pos, fpath, "%s", msg);
	finding_set_fix(f, "%s", fix);
	where(h->env, rule, &account, &region);
	if (rule->severity != SEV_WARNING) {
		char *id = key && !strcmp(rule->target_type, "AWS::S3::Object")
				   ? xstrfmt("%s/%s", value, key) : xstrdup(value);
		if (rule->by_property)
			check_need_by(h->sink, rule->target_type, account, region, rule->by_property,
				      value);
		else if (is_alias(rule, value))
			check_need(h->sink, "AWS::KMS::Alias", account, region, value);
		else
			check_need(h->sink, rule->target_type, account,
				   !strcmp(rule->target_type, "AWS::S3::Object") ||
					   !strcmp(rule->target_type, "AWS::S3::Bucket")
					   ? h->env->deploy->region : region,
				   id);
		free(id);
	}
	free(msg);
	free(fix);
	free(fpath);
}

/* A code bucket or object: any account, but the stack's region. */
static void check_s3(struct hit_ctx *h, const struct model_rule *rule, const char *bucket,
		     const char *key, const char *path)
{
	const struct state_res *b = state_find_bucket(h->env->state, bucket);
	const char *file;

	if (!strcmp(rule->target_type, "AWS::S3::Object")) {
		if (!b || !key)
			return; /* the bucket rule reports a missing bucket; no key, nothing to look for */
		if (!state_object(b, key, &file))
			report_missing(h, rule, bucket, path, key, NULL, NULL);
		return;
	}
	if (!b) {
		report_missing(h, rule, bucket, path, key, NULL, NULL);
		return;
	}
	if (*b->region && strcmp(b->region, h->env->deploy->region) && rule->region_message &&
	    rule->scope == MODEL_SCOPE_REGION_ANY_ACCOUNT)
		report_missing(h, rule, bucket, path, key, rule->region_message, b->region);
}

static void on_hit(void *ctx, const struct model_rule *rule, const struct model_rule_hit *hit)
{
	struct hit_ctx *h = ctx;
	const struct value *v = hit->value;
	const char *value = value_str(v), *key = value_str(hit->object_key);
	char *fpath;
	struct finding *f;

	if (v && v->kind == VALUE_UNKNOWN) {
		if (v->u.unknown.origin)
			return; /* a resource of this stack, created before this one */
		fpath = check_path(h->r, hit->path);
		f = check_uncertain(h->sink, FC_PREREQ_UNKNOWN, check_pos(h->r, hit->path), fpath,
				    "whether the %s that %s names exists cannot be told: %s",
				    rule->target_type, hit->path, v->u.unknown.reason);
		finding_set_fix(f, "give the value (a parameter, or the account state with --state)");
		free(fpath);
		return;
	}
	if (!value)
		return; /* not a name (the schema check judges its type) */
	if (strstr(value, "{{resolve:"))
		return; /* a dynamic reference: resolved later, judged by its own check */
	if (!strcmp(rule->target_type, "AWS::S3::Bucket") || !strcmp(rule->target_type, "AWS::S3::Object")) {
		check_s3(h, rule, value, key, hit->path);
		return;
	}
	if (rule->by_property) {
		const void *c[2] = { rule, value };
		const char *account, *region;

		where(h->env, rule, &account, &region);
		if (!state_each(h->env->state, account, region, rule->target_type, has_value, (void *)c))
			report_missing(h, rule, value, hit->path, key, NULL, NULL);
		return;
	}
	if (!lookup(h->env, rule, value))
		report_missing(h, rule, value, hit->path, key, NULL, NULL);
}

void check_existence(const struct check_env *env, const struct check_resource *r,
		     struct check_sink *sink)
{
	const struct model *m;
	const struct model_rule *rules;
	struct hit_ctx h = { env, r, sink, NULL, false, NULL };
	size_t n, i;

	if (!env->deploy->models)
		return;
	m = check_model(env, r);
	if (!m)
		return;
	rules = model_rules(m, &n);
	if (!n)
		return;
	h.m = m;
	for (i = 0; i < n; i++)
		model_rule_walk(env->deploy->models, &rules[i], r->props, on_hit, &h);
	free((char *)h.resource_arn);
}
