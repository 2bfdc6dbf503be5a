/*
 * stackset.c - AWS::CloudFormation::StackSet prerequisites
 * (/work/notes/cfn-messages-prereq.md section 5).  SELF_MANAGED: the
 * administration role in this account, trusting CloudFormation; the
 * execution role in every target account, trusting the administration
 * role.  SERVICE_MANAGED: this account is the organization's management
 * account (or a delegated administrator, CallAs: DELEGATED_ADMIN) with
 * trusted access on (the organization: extension of the state).  Target
 * regions must be enabled in the target accounts the state describes; a
 * target account the state does not describe makes the outcome uncertain.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define ADMIN_ROLE "AWSCloudFormationStackSetAdministrationRole"
#define EXEC_ROLE "AWSCloudFormationStackSetExecutionRole"

/* The last segment of a role ARN (its name), borrowed. */
static const char *role_name(const char *arn)
{
	const char *slash = strrchr(arn, '/');

	return slash ? slash + 1 : arn;
}

static void check_admin_role(const struct check_env *env, const struct check_resource *r,
			     const char *admin_arn, struct check_sink *sink)
{
	const struct state_res *role = lookup_arn(env, "AWS::IAM::Role", admin_arn);
	const char *path = value_map_get(r->props, "AdministrationRoleARN") ? "AdministrationRoleARN"
									    : "PermissionModel";
	char *fpath = check_path(r, path), *why = NULL;
	enum policy_decision d = POLICY_ALLOW;
	struct finding *f;

	if (role)
		d = lookup_trust(role, "cloudformation.amazonaws.com", NULL, &why);
	if (role && d == POLICY_UNCERTAIN) {
		f = check_uncertain(sink, FC_STACKSET_ROLES, check_pos(r, path), fpath,
				    "whether %s trusts CloudFormation cannot be told: %s",
				    role_name(admin_arn), why);
		finding_set_fix(f, "state the trust policy of %s", role_name(admin_arn));
	} else if (!role || d != POLICY_ALLOW) {
		f = check_fail(sink, FC_STACKSET_ROLES, check_pos(r, path), fpath,
			       "Account %s should have '%s' role with trust relationship to "
			       "CloudFormation service.", env->deploy->account, role_name(admin_arn));
		if (role) {
			finding_set_fix(f, "let cloudformation.amazonaws.com assume %s (%s)",
					role_name(admin_arn), why);
		} else {
			finding_set_fix(f, "create the role %s in account %s (trusting "
				       "cloudformation.amazonaws.com) first", role_name(admin_arn),
				       env->deploy->account);
			check_need(sink, "AWS::IAM::Role", env->deploy->account, "", role_name(admin_arn));
		}
	}
	free(why);
	free(fpath);
}

static void check_exec_role(const struct check_env *env, const struct check_resource *r,
			    const char *account, const char *admin_arn, const char *path,
			    struct check_sink *sink)
{
	const char *name = value_str(value_map_get(r->props, "ExecutionRoleName"));
	const struct state_res *role;
	char *fpath = check_path(r, path), *why = NULL;
	enum policy_decision d = POLICY_ALLOW;
	struct finding *f;

	name = name ? name : EXEC_ROLE;
	if (!state_has_account(env->state, account)) {
		f = check_uncertain(sink, FC_STACKSET_ROLES, check_pos(r, path), fpath,
				    "target account %s is not described in the state: whether it has "
				    "the role %s cannot be told", account, name);
		finding_set_fix(f, "describe account %s in the state (its global AWS::IAM::Role %s)",
				account, name);
		goto out;
	}
	role = state_find(env->state, account, "", "AWS::IAM::Role", name);
	if (role)
		d = lookup_trust(role, NULL, admin_arn, &why);
	if (role && d == POLICY_UNCERTAIN) {
		f = check_uncertain(sink, FC_STACKSET_ROLES, check_pos(r, path), fpath,
				    "whether %s in account %s trusts %s cannot be told: %s", name, account,
				    role_name(admin_arn), why);
		finding_set_fix(f, "state the trust policy of %s in account %s", name, account);
	} else if (!role || d != POLICY_ALLOW) {
		f = check_fail(sink, FC_STACKSET_ROLES, check_pos(r, path), fpath,
			       "Account %s should have '%s' role with trust relationship to Role '%s'.",
			       account, name, role_name(admin_arn));
		if (role)
			finding_set_fix(f, "let %s assume %s in account %s (%s)", admin_arn, name, account,
					why);
		else
			finding_set_fix(f, "create the role %s in account %s, trusting account %s (or its "
				       "role %s), first", name, account, env->deploy->account,
				       role_name(admin_arn));
		if (!role)
			check_need(sink, "AWS::IAM::Role", account, "", name);
	}
out:
	free(why);
	free(fpath);
}

static void check_regions(const struct check_env *env, const struct check_resource *r,
			  const struct value *group, size_t g, const char *account,
			  struct check_sink *sink)
{
	const struct value *regions = value_map_get(group, "Regions");
	size_t i;

	if (!regions || regions->kind != VALUE_LIST || !state_has_account(env->state, account))
		return;
	for (i = 0; i < regions->u.list.n; i++) {
		const char *region = value_str(regions->u.list.items[i]);
		char *path, *fpath;
		struct finding *f;

		if (!region || state_region_enabled(env->state, account, region))
			continue;
		path = xstrfmt("StackInstancesGroup/%zu/Regions/%zu", g, i);
		fpath = check_path(r, path);
		f = check_fail(sink, FC_REPLICA_REGION, check_pos(r, path), fpath,
			       "Region %s is not enabled for target account %s: its stack instance "
			       "fails", region, account);
		finding_set_fix(f, "enable %s in account %s, or remove it from the target regions",
				region, account);
		check_need_region(sink, account, region);
		free(path);
		free(fpath);
	}
}

static void self_managed(const struct check_env *env, const struct check_resource *r,
			 struct check_sink *sink)
{
	const struct value *groups = value_map_get(r->props, "StackInstancesGroup");
	const char *given = value_str(value_map_get(r->props, "AdministrationRoleARN"));
	char *admin = given ? xstrdup(given)
			    : xstrfmt("arn:%s:iam::%s:role/" ADMIN_ROLE, env->partition,
				      env->deploy->account);
	size_t g, i;

	if (!lookup_unknown(r->props, "AdministrationRoleARN"))
		check_admin_role(env, r, admin, sink);
	for (g = 0; groups && groups->kind == VALUE_LIST && g < groups->u.list.n; g++) {
		const struct value *grp = groups->u.list.items[g];
		const struct value *accts = lookup_path(grp, "DeploymentTargets/Accounts");

		for (i = 0; accts && accts->kind == VALUE_LIST && i < accts->u.list.n; i++) {
			const char *account = value_str(accts->u.list.items[i]);
			char *path = xstrfmt("StackInstancesGroup/%zu/DeploymentTargets/Accounts/%zu", g, i);

			if (account) {
				check_exec_role(env, r, account, admin, path, sink);
				check_regions(env, r, grp, g, account, sink);
			}
			free(path);
		}
	}
	free(admin);
}

static void service_managed(const struct check_env *env, const struct check_resource *r,
			    struct check_sink *sink)
{
	const char *call_as = value_str(value_map_get(r->props, "CallAs"));
	enum state_org_role role = state_org_role(env->state, env->deploy->account);
	bool delegated = call_as && !strcmp(call_as, "DELEGATED_ADMIN");
	char *fpath = check_path(r, "PermissionModel");
	struct srcpos pos = check_pos(r, "PermissionModel");
	struct finding *f;

	if (!(role == STATE_ORG_MANAGEMENT && !delegated) && !(role == STATE_ORG_DELEGATED && delegated)) {
		f = check_fail(sink, FC_STACKSET_ORGANIZATIONS, pos, fpath,
			       "You must be the master or delegated admin account of an organization "
			       "before operating a SERVICE_MANAGED stack set");
		finding_set_fix(f, "create the stack set from the organization's management account, or "
			       "from a delegated administrator with CallAs: DELEGATED_ADMIN (state: "
			       "organization: {role: ...} of account %s)", env->deploy->account);
	} else if (!state_stacksets_trusted_access(env->state, env->deploy->account)) {
		f = check_fail(sink, FC_STACKSET_ORGANIZATIONS, pos, fpath,
			       "Resource handler returned message: \"You must enable organizations access "
			       "to operate a service managed stack set (Service: CloudFormation, Status "
			       "Code: 400)\" (HandlerErrorCode: InvalidRequest)");
		finding_set_fix(f, "activate trusted access with AWS Organizations for StackSets "
			       "(CloudFormation console, StackSets, or aws cloudformation "
			       "activate-organizations-access) first");
	}
	free(fpath);
}

void check_stackset(const struct check_env *env, const struct check_resource *r,
		    struct check_sink *sink)
{
	const char *model = value_str(value_map_get(r->props, "PermissionModel"));

	if (!model)
		return;
	if (!strcmp(model, "SELF_MANAGED"))
		self_managed(env, r, sink);
	else if (!strcmp(model, "SERVICE_MANAGED"))
		service_managed(env, r, sink);
}
