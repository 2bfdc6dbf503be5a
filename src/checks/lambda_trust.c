/*
 * lambda_trust.c - a function's execution role must let
 * lambda.amazonaws.com assume it (FAILURES.md row 32): the role's
 * AssumeRolePolicyDocument, from the state or from the role this stack
 * created, is evaluated for sts:AssumeRole.  That the role exists is the
 * existence rule lambda-function-role.  A role created by the same stack
 * can still fail the function through IAM propagation: not predictable,
 * said as such (info).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void check_lambda_trust(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	const char *arn = value_str(value_map_get(r->props, "Role"));
	const struct state_res *role = arn ? lookup_arn(env, "AWS::IAM::Role", arn) : NULL;
	char *path, *why = NULL;
	enum policy_decision d;
	struct finding *f;

	if (!role)
		return;
	path = check_path(r, "Role");
	d = lookup_trust(role, "lambda.amazonaws.com", NULL, &why);
	if (d == POLICY_UNCERTAIN) {
		f = check_uncertain(sink, FC_LAMBDA_TRUST, check_pos(r, "Role"), path,
				    "whether Lambda may assume %s cannot be told: %s", role->id, why);
		finding_set_fix(f, "state the role's trust policy, or trust lambda.amazonaws.com "
			       "without conditions");
	} else if (d != POLICY_ALLOW) {
		f = check_fail(sink, FC_LAMBDA_TRUST, check_pos(r, "Role"), path,
			       "The role defined for the function cannot be assumed by Lambda.");
		finding_set_fix(f, "add a trust policy statement to role %s: Effect Allow, Principal "
			       "{Service: lambda.amazonaws.com}, Action sts:AssumeRole (%s)", role->id, why);
	} else if (role->stack && env->deploy->stack_name &&
		   !strcmp(role->stack, env->deploy->stack_name)) {
		f = check_advise(sink, FC_NOT_PREDICTABLE, check_pos(r, "Role"), path,
				 "the role %s is created by this stack: if IAM has not propagated it "
				 "when the function is created, Lambda answers \"The role defined for "
				 "the function cannot be assumed by Lambda.\" (not predictable)", role->id);
		finding_set_fix(f, "nothing to create; if it happens, retry the deployment");
	}
	free(why);
	free(path);
}
