/*
 * name_collision.c - an explicit physical name that already exists in its
 * scope (the account state, or earlier in this stack or scenario) fails
 * the create with CloudFormation's "already exists" (FAILURES.md rows 1-3).
 */
#include "checks/checks.h"
#include "engine/physid.h"
#include "sim/names.h"
#include "util/xalloc.h"

#include <stdlib.h>

static struct finding *collision(struct check_sink *sink, const struct name_rule *rule,
				 const struct check_env *env, const struct check_resource *r,
				 const char *name, const struct state_res *owner)
{
	struct srcpos pos = check_pos(r, rule->property);
	char *path = check_path(r, rule->property);
	struct finding *f;

	if (owner && owner->stack) {
		char *arn = physid_stack_arn(env->partition, *owner->region ? owner->region
									     : env->deploy->region,
					     owner->account, owner->stack);
		f = check_fail(sink, FC_NAME_EXISTS, pos, path, "%s already exists in stack %s", name, arn);
		free(arn);
	} else if (rule->message == NAME_MSG_REGISTRY_JSON) {
		f = check_fail(sink, FC_NAME_EXISTS, pos, path,
			       "Resource handler returned message: \"Resource of type '%s' with identifier "
			       "'{\"/properties/%s\":\"%s\"}' already exists.\" (HandlerErrorCode: AlreadyExists)",
			       r->type, rule->property, name);
	} else if (rule->message == NAME_MSG_REGISTRY) {
		f = check_fail(sink, FC_NAME_EXISTS, pos, path,
			       "Resource handler returned message: \"Resource of type '%s' with identifier "
			       "'%s' already exists.\" (HandlerErrorCode: AlreadyExists)",
			       r->type, name);
	} else {
		f = check_fail(sink, FC_NAME_EXISTS, pos, path, "%s already exists", name);
	}
	free(path);
	return f;
}

void check_name_collision(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink)
{
	const struct name_rule *rule = names_find(r->type);
	const struct value *v = rule ? value_map_get(r->props, rule->property) : NULL;
	const struct state_res *owner;
	const char *name = value_str(v);
	struct finding *f;

	if (!name)
		return; /* no explicit name (CloudFormation generates one), or not known yet */
	if (rule->scope == NAME_SCOPE_PARTITION) {
		owner = state_find_bucket(env->state, name);
		if (!owner && !state_bucket_name_taken(env->state, name))
			return;
		f = collision(sink, rule, env, r, name, owner);
		finding_set_fix(f, "choose another %s (S3 bucket names are unique across every AWS "
			       "account) or leave it out to let CloudFormation generate one",
			       rule->property);
		return;
	}
	owner = state_find(env->state, env->deploy->account,
			   rule->scope == NAME_SCOPE_ACCOUNT ? "" : env->deploy->region, r->type, name);
	if (!owner)
		return;
	f = collision(sink, rule, env, r, name, owner);
	finding_set_fix(f, "choose another %s, leave it out to let CloudFormation generate one, or "
		       "import the existing %s into the stack", rule->property, r->type);
}
