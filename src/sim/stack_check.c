/*
 * stack_check.c - the table of stack-level checks, and the two small ones:
 * a stack name already in use (FAILURES.md row 4) and a region the account
 * cannot use (opt-in and not enabled, or left out of enabled_regions).
 */
#include "sim/stack_check.h"

static void stack_check_exists(const struct check_env *env, struct stack_result *s)
{
	const struct state_stack *st = state_find_stack(env->state, env->deploy->account,
							 env->deploy->region, env->deploy->stack_name);
	struct finding *f;

	if (!st)
		return;
	f = finding_add(&s->stack_findings, FC_STACK_EXISTS, st->pos, NULL,
			"Stack [%s] already exists", env->deploy->stack_name);
	finding_set_fix(f, "choose another stack name (--stack-name), or update the existing stack "
		       "(status %s) instead of creating it", st->status);
}

static void stack_check_region(const struct check_env *env, struct stack_result *s)
{
	struct finding *f;

	if (state_region_enabled(env->state, env->deploy->account, env->deploy->region))
		return;
	f = finding_add(&s->stack_findings, FC_REGION_DISABLED, SRCPOS_NONE, NULL,
			"The security token included in the request is invalid.");
	finding_set_fix(f, "region %s is not enabled for account %s: enable it (account settings, "
		       "Regions; opt-in regions are disabled by default) or deploy to an enabled region",
		       env->deploy->region, env->deploy->account);
	result_add_prereq(s, PREREQ_REGION, env->deploy->account, env->deploy->region,
			  env->deploy->region, env->deploy->stack_name);
}

static const struct stack_check stack_checks[] = {
	{ "region-enabled", stack_check_region },
	{ "stack-exists", stack_check_exists },
	{ "capabilities", stack_check_capabilities },
	{ NULL, NULL },
};

void stack_check_run_all(const struct check_env *env, struct stack_result *s)
{
	const struct stack_check *c;

	for (c = stack_checks; c->name; c++)
		c->run(env, s);
}
