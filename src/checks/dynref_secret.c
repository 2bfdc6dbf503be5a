/*
 * dynref_secret.c - {{resolve:secretsmanager:...}} references, resolved
 * when the resource that holds them is provisioned, so a failure here is
 * the resource's (cfncompat T9; FAILURES.md rows 7 and 8).
 *
 * The secret is looked up by name in the stack's account and region, or
 * by ARN in the ARN's account and region (cross-account secrets need the
 * full ARN).  A name ending in a hyphen and six characters is read by
 * Secrets Manager as a partial ARN, so it does not find a secret of that
 * name (coverage-roadmap#1187).  A secret the same stack creates satisfies
 * the reference when the resource depends on it (it is created first);
 * without that dependency CloudFormation may create both at once, so the
 * outcome is uncertain.  JSON keys are checked against SecretKeys, or the
 * SecretString / GenerateSecretString of a secret the stack creates.
 */
#include "checks/checks.h"
#include "aws/dynref.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Secrets Manager can't find the specified secret. (Service: " \
	"AWSSecretsManager; Status Code: 400; Error Code: ResourceNotFoundException)"
#define SECRET_TYPE "AWS::SecretsManager::Secret"
/* References judged per resource (a hostile template may hold thousands;
 * the stack fails the 60-reference limit anyway). */
#define SECRET_MAX_JUDGED 100

struct ctx {
	const struct check_env *env;    /* the stack */
	const struct check_resource *r; /* the resource whose properties are scanned */
	struct check_sink *sink;        /* where findings go */
	size_t judged;                  /* references judged so far */
	const char *path;               /* the property being scanned (borrowed) */
};

/* ---- JSON keys of a secret ---- */

enum keys_known { KEYS_UNKNOWN, KEYS_LISTED, KEYS_NOT_JSON };

/* Adds the top-level keys of JSON text to keys; KEYS_NOT_JSON when it is
 * not a JSON object. */
static enum keys_known json_keys(const char *text, struct strlist *keys)
{
	static const struct load_options opt = { LOAD_JSON, 0, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = load_buffer("(SecretString)", text, strlen(text), &opt, &dl);
	enum keys_known k = KEYS_NOT_JSON;

	diag_clear(&dl);
	if (v && v->kind == VALUE_MAP) {
		VALUE_MAP_FOREACH(v, e)
			strlist_add(keys, e->key);
		k = KEYS_LISTED;
	}
	value_free(v);
	return k;
}

/* The keys of a secret this template creates, from its resolved props. */
static enum keys_known template_keys(const struct value *props, struct strlist *keys)
{
	const struct value *s = value_map_get(props, "SecretString");
	const struct value *gen = value_map_get(props, "GenerateSecretString");
	const struct value *tmpl = value_map_get(gen, "SecretStringTemplate");
	const struct value *key = value_map_get(gen, "GenerateStringKey");

	if (s)
		return value_str(s) ? json_keys(value_str(s), keys) : KEYS_UNKNOWN;
	if (!gen || gen->kind != VALUE_MAP)
		return KEYS_UNKNOWN; /* no value given: not judged */
	if (!key)
		return KEYS_NOT_JSON; /* a generated random string */
	if (!value_str(key) || (tmpl && !value_str(tmpl)))
		return KEYS_UNKNOWN;
	if (tmpl && json_keys(value_str(tmpl), keys) != KEYS_LISTED)
		return KEYS_NOT_JSON;
	strlist_add_unique(keys, value_str(key));
	return KEYS_LISTED;
}

/* The keys the state lists (SecretKeys); KEYS_UNKNOWN when not stated. */
static enum keys_known state_keys(const struct state_res *secret, struct strlist *keys)
{
	const struct value *l = value_map_get(secret->props, "SecretKeys");

	if (!l || l->kind != VALUE_LIST)
		return KEYS_UNKNOWN;
	VALUE_LIST_FOREACH(l, it)
		if (value_str(*it))
			strlist_add(keys, value_str(*it));
	return KEYS_LISTED;
}

static void judge_key(struct ctx *c, const struct dynref *d, enum keys_known known,
		      const struct strlist *keys, const char *secret, struct srcpos pos,
		      const char *fpath)
{
	struct finding *f;

	if (!d->json_key || known == KEYS_UNKNOWN ||
	    (known == KEYS_LISTED && strlist_has(keys, d->json_key)))
		return;
	if (known == KEYS_NOT_JSON) {
		f = check_fail(c->sink, FC_SECRET_KEY_MISSING, pos, fpath,
			       "Could not parse SecretString JSON");
		finding_set_fix(f, "the value of secret %s is not a JSON object: drop the json-key "
				"(%s) to read the whole value, or store the secret as JSON", secret,
				d->json_key);
		return;
	}
	f = check_fail(c->sink, FC_SECRET_KEY_MISSING, pos, fpath,
		       "Could not find a value associated with JSONKey in SecretString");
	finding_set_fix(f, "secret %s has no key %s in its SecretString: add it "
			"(aws secretsmanager put-secret-value), or reference a key it has", secret,
			d->json_key);
}

/* ---- The secret ---- */

/* The resource of this template that creates the secret id names, or -1. */
static long in_template(const struct check_env *env, const char *id)
{
	const char *name = id;
	size_t j, len = strlen(id);
	struct arn a;
	long hit = -1;
	bool is_arn = arn_parse(id, &a);

	if (is_arn) {
		if (strncmp(a.resource, "secret:", 7)) {
			arn_free(&a);
			return -1;
		}
		name = a.resource + 7;
		len = strlen(name);
	}
	for (j = 0; j < env->t->n_resources && hit < 0; j++) {
		const char *type = env->t->resources[j].type;
		const char *phys = env->physical ? env->physical[j] : NULL;
		size_t n = phys ? strlen(phys) : 0;

		if (!type || strcmp(type, SECRET_TYPE) || !phys)
			continue;
		/* by name; by ARN, with or without the random suffix */
		if (!strcmp(name, phys) ||
		    (is_arn && len == n + 7 && !strncmp(name, phys, n) && name[n] == '-'))
			hit = (long)j;
	}
	if (is_arn)
		arn_free(&a);
	return hit;
}

/* True when the resource logical_id depends on target, directly or not
 * (the dependencies the simulation recorded, bounded by the stack size). */
static bool depends_on(const struct stack_result *s, const char *logical_id, const char *target)
{
	struct strlist todo = { NULL, 0, 0 }, seen = { NULL, 0, 0 };
	bool found = false;
	size_t next = 0, k;

	strlist_add(&todo, logical_id);
	while (next < todo.n && !found) {
		const struct res_result *r = result_resource((struct stack_result *)s,
							     todo.items[next++]);

		for (k = 0; r && k < r->depends_on.n && !found; k++) {
			if (!strcmp(r->depends_on.items[k], target))
				found = true;
			else if (!strlist_has(&seen, r->depends_on.items[k])) {
				strlist_add(&seen, r->depends_on.items[k]);
				strlist_add(&todo, r->depends_on.items[k]);
			}
		}
	}
	strlist_free(&todo);
	strlist_free(&seen);
	return found;
}

static void created_here(struct ctx *c, const struct dynref *d, long j, struct srcpos pos,
			 const char *fpath)
{
	const char *sid = c->env->t->resources[j].logical_id;
	struct strlist keys = { NULL, 0, 0 };
	struct finding *f;

	if (!strcmp(sid, c->r->logical_id))
		return;
	if (c->sink->result && !depends_on(c->sink->result, c->r->logical_id, sid)) {
		f = check_uncertain(c->sink, FC_SECRET_UNDECIDED, pos, fpath,
				    "secret %s is created by this stack, but %s does not depend on it: "
				    "CloudFormation may create %s first (nothing orders them), and "
				    "then the reference %s fails with: " NOT_FOUND, sid,
				    c->r->logical_id, c->r->logical_id, d->text);
		finding_set_fix(f, "make %s depend on %s: reference it as !Sub "
				"'{{resolve:secretsmanager:${%s}:SecretString:KEY}}', or add DependsOn: %s",
				c->r->logical_id, sid, sid, sid);
		return;
	}
	if (c->env->resolved && c->env->resolved[j])
		judge_key(c, d, template_keys(c->env->resolved[j], &keys), &keys, sid, pos, fpath);
	strlist_free(&keys);
}

/* The secret is not found; trap: it exists, but its name reads as a
 * partial ARN. */
static void missing(struct ctx *c, const struct dynref *d, const char *account,
		    const char *region, bool trap, struct srcpos pos, const char *fpath)
{
	struct finding *f = check_fail(c->sink, FC_SECRET_MISSING, pos, fpath, NOT_FOUND);

	if (trap) {
		finding_set_fix(f, "secret %s exists, but Secrets Manager reads a name ending in a "
				"hyphen and six characters as a partial ARN (a name plus the random "
				"suffix), so it does not find it by name: reference it by its full "
				"ARN, or rename it", d->name);
		return;
	}
	finding_set_fix(f, "create the secret %s in account %s, region %s first, or correct the "
			"reference %s", d->name, account, region, d->text);
	check_need(c->sink, SECRET_TYPE, account, region, d->name);
}

static void judge(struct ctx *c, const struct dynref *d, const char *path)
{
	const char *account = c->env->deploy->account, *region = c->env->deploy->region;
	char *fpath = check_path(c->r, path);
	struct srcpos pos = check_pos(c->r, path);
	struct strlist keys = { NULL, 0, 0 };
	const struct state_res *secret;
	struct finding *f;
	struct arn a;
	long j;

	if (d->malformed) {
		f = check_fail(c->sink, FC_DYNREF_FORMAT, pos, fpath,
			       "Incorrect format is used in the following Secrets Manager reference: "
			       "[%s]", d->text);
		finding_set_fix(f, "write {{resolve:secretsmanager:SECRET-ID:SecretString:JSON-KEY:"
				"VERSION-STAGE:VERSION-ID}}: SecretString is the only value the second "
				"segment takes, and no segment may contain ':'");
	} else if (dynref_secret_suffixed(d->name)) {
		char *plain = xstrndup(d->name, strlen(d->name) - 7);

		if (in_template(c->env, d->name) >= 0 ||
		    state_find(c->env->state, account, region, SECRET_TYPE, d->name)) {
			missing(c, d, account, region, true, pos, fpath);
		} else if (in_template(c->env, plain) >= 0 ||
			   state_find(c->env->state, account, region, SECRET_TYPE, plain)) {
			f = check_uncertain(c->sink, FC_SECRET_UNDECIDED, pos, fpath,
					    "%s reads as secret %s plus the random suffix of its ARN, "
					    "which is not known before the create", d->name, plain);
			finding_set_fix(f, "reference the secret by its full ARN (Ref of the secret "
					"gives it)");
		} else {
			missing(c, d, account, region, false, pos, fpath);
		}
		free(plain);
	} else if ((j = in_template(c->env, d->name)) >= 0) {
		created_here(c, d, j, pos, fpath);
	} else {
		if (arn_parse(d->name, &a)) {
			secret = state_find(c->env->state, a.account, a.region, SECRET_TYPE, d->name);
			if (!secret)
				missing(c, d, a.account, a.region, false, pos, fpath);
			arn_free(&a);
		} else {
			secret = state_find(c->env->state, account, region, SECRET_TYPE, d->name);
			if (!secret)
				missing(c, d, account, region, false, pos, fpath);
		}
		if (secret)
			judge_key(c, d, state_keys(secret, &keys), &keys, d->name, pos, fpath);
	}
	strlist_free(&keys);
	free(fpath);
}

static void on_ref(void *ctx, const struct dynref *d)
{
	struct ctx *c = ctx;

	if (d->service != DYNREF_SECRETSMANAGER || c->judged >= SECRET_MAX_JUDGED)
		return;
	c->judged++;
	judge(c, d, c->path);
}

static void on_string(void *ctx, const struct value *s, const char *path)
{
	struct ctx *c = ctx;

	c->path = path;
	dynref_each(s->u.string.s, on_ref, c);
}

void check_secret_references(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink)
{
	struct ctx c = { env, r, sink, 0, NULL };

	check_each_dynref_string(r->props, on_string, &c);
}
