/*
 * kms_lockout.c - KMS refuses a key policy that would not let the caller
 * change it later (FAILURES.md row 37): the policy must allow
 * kms:PutKeyPolicy to the principal creating the key.  That principal
 * (CloudFormation's role or the deploying user) is not in the state: when
 * the account itself (its root, hence its IAM policies) is allowed, the
 * create goes through; when no statement allows kms:PutKeyPolicy to any
 * principal of the account, it fails; otherwise it depends on who deploys.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Does any Allow statement name a principal of account for PutKeyPolicy?
 * Evaluated as a principal of that account with a role ARN no policy
 * names: only statements naming "*" or the account admit it; a policy
 * naming specific roles admits "someone", which is not decided here. */
static bool names_someone(const struct value *doc)
{
	const struct value *st = value_map_get(doc, "Statement");

	if (!st)
		return false;
	if (st->kind != VALUE_LIST)
		return value_map_get(st, "Principal") != NULL; /* one statement: let KMS judge it */
	VALUE_LIST_FOREACH(st, it) {
		const char *eff = value_str(value_map_get(*it, "Effect"));
		const struct value *pr = value_map_get(*it, "Principal");
		if (eff && !strcmp(eff, "Allow") && pr &&
		    (value_str(pr) || value_map_get(pr, "AWS")))
			return true;
	}
	return false;
}

void check_kms_lockout(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink)
{
	const struct value *doc = value_map_get(r->props, "KeyPolicy");
	const struct value *bypass = value_map_get(r->props, "BypassPolicyLockoutSafetyCheck");
	char *root, *err = NULL, *path;
	struct policy_request req = { NULL, NULL, "kms:PutKeyPolicy", NULL, NULL, 0 };
	struct policy_result res;
	struct policy *p;
	struct finding *f;

	if (!doc || doc->kind == VALUE_UNKNOWN || (bypass && bypass->kind == VALUE_BOOL &&
						   bypass->u.boolean))
		return; /* the default policy admits the account */
	p = policy_parse(doc, &err);
	if (!p) {
		free(err);
		return; /* the schema check and KMS judge a malformed document */
	}
	root = xstrfmt("arn:%s:iam::%s:root", env->partition, env->deploy->account);
	req.principal_arn = root;
	policy_evaluate(p, &req, &res);
	path = check_path(r, "KeyPolicy");
	if (res.decision == POLICY_DENY || (res.decision == POLICY_IMPLICIT_DENY &&
					    (doc->kind != VALUE_MAP || !names_someone(doc)))) {
		f = check_fail(sink, FC_KMS_LOCKOUT, check_pos(r, "KeyPolicy"), path,
			       "The new key policy will not allow you to update the key policy in the "
			       "future. (Service: AWSKMS; Status Code: 400; Error Code: "
			       "MalformedPolicyDocumentException)");
		finding_set_fix(f, "allow kms:PutKeyPolicy (kms:* in the usual \"Enable IAM User "
			       "Permissions\" statement) to %s or to the role that deploys the stack (%s)",
			       root, res.reason);
	} else if (res.decision != POLICY_ALLOW) {
		f = check_uncertain(sink, FC_KMS_LOCKOUT, check_pos(r, "KeyPolicy"), path,
				    "whether the principal that creates the key may change its policy "
				    "later cannot be told: the account root is not allowed "
				    "kms:PutKeyPolicy (%s), and the deploying principal is not in the "
				    "state", res.reason);
		finding_set_fix(f, "allow kms:PutKeyPolicy to %s, or make sure the policy names the "
			       "deploying role", root);
	}
	free(path);
	policy_result_free(&res);
	policy_free(p);
	free(root);
}
