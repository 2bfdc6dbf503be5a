/*
 * lookup.c - small lookups shared by the prerequisite checks (see
 * lookup.h).
 */
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

const struct value *lookup_path(const struct value *v, const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *key;

	for (key = strtok_r(copy, "/", &save); key && v; key = strtok_r(NULL, "/", &save)) {
		if (v->kind == VALUE_MAP) {
			v = value_map_get(v, key);
		} else if (v->kind == VALUE_LIST) {
			char *end;
			unsigned long i = strtoul(key, &end, 10);
			v = *end ? NULL : value_list_get(v, i);
		} else {
			v = NULL;
		}
	}
	free(copy);
	return v;
}

const char *lookup_str(const struct value *v, const char *path)
{
	return value_str(lookup_path(v, path));
}

bool lookup_unknown(const struct value *v, const char *path)
{
	const struct value *x = lookup_path(v, path);

	return x && x->kind == VALUE_UNKNOWN;
}

static char *arn_part(const char *arn, bool account)
{
	struct arn a;
	char *out;

	if (!arn_parse(arn, &a))
		return xstrdup("");
	out = xstrdup(account ? a.account : a.region);
	arn_free(&a);
	return out;
}

char *lookup_arn_account(const char *arn)
{
	return arn_part(arn, true);
}

char *lookup_arn_region(const char *arn)
{
	return arn_part(arn, false);
}

/* The account and region arn names (parsed once into a), or the
 * deployment's where arn is not an ARN or leaves them empty. */
static bool scope(const struct check_env *env, const char *arn, struct arn *a,
		  const char **account, const char **region)
{
	bool ok = arn_parse(arn, a);

	*account = ok && *a->account ? a->account : env->deploy->account;
	*region = ok && *a->region ? a->region : env->deploy->region;
	return ok;
}

const struct state_res *lookup_arn(const struct check_env *env, const char *type, const char *arn)
{
	const char *acct, *reg;
	struct arn a;
	bool parsed = scope(env, arn, &a, &acct, &reg);
	const struct state_res *r = state_find(env->state, acct, reg, type, arn);

	if (parsed)
		arn_free(&a);
	return r;
}

const struct state_res *lookup_kms_key(const struct check_env *env, const char *value)
{
	const char *acct, *reg;
	struct arn a;
	bool parsed = scope(env, value, &a, &acct, &reg);
	const struct state_res *r = NULL;

	if (!strncmp(value, "alias/", 6) || strstr(value, ":alias/")) {
		const struct state_res *alias = state_find(env->state, acct, reg, "AWS::KMS::Alias", value);
		const char *target = alias ? value_str(value_map_get(alias->props, "TargetKeyId")) : NULL;

		if (target)
			r = state_find(env->state, acct, reg, "AWS::KMS::Key", target);
	} else {
		r = state_find(env->state, acct, reg, "AWS::KMS::Key", value);
	}
	if (parsed)
		arn_free(&a);
	return r;
}

enum policy_decision lookup_trust(const struct state_res *role, const char *service,
				  const char *principal_arn, char **reason)
{
	const struct value *doc = value_map_get(role->props, "AssumeRolePolicyDocument");
	struct policy_request req = { service, principal_arn, "sts:AssumeRole", NULL, NULL, 0 };
	struct policy_result res;
	struct policy *p;
	char *err = NULL;

	if (!doc) {
		*reason = xstrdup("the state does not give its trust policy");
		return POLICY_ALLOW;
	}
	if (doc->kind == VALUE_UNKNOWN) {
		*reason = xstrfmt("its trust policy is not known: %s", doc->u.unknown.reason);
		return POLICY_UNCERTAIN;
	}
	p = policy_parse(doc, &err);
	if (!p) {
		*reason = xstrfmt("its trust policy cannot be read: %s", err);
		free(err);
		return POLICY_UNCERTAIN;
	}
	policy_evaluate(p, &req, &res);
	*reason = res.reason;
	policy_free(p);
	return res.decision;
}
