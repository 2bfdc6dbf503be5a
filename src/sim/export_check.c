/*
 * export_check.c - an export name that another stack of the account and
 * region already exports fails the create ("Export with name X is already
 * exported by stack Y", cfn-messages-template.md): export names are unique
 * per account and region, across stacks.
 */
#include "sim/stack_check.h"

void stack_check_exports(const struct check_env *env, const struct value *exports,
			 struct stack_result *s)
{
	struct finding *f;

	if (!exports || exports->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(exports, e) {
		const char *owner;

		if (!state_export(env->state, env->deploy->account, env->deploy->region, e->key))
			continue;
		owner = state_export_stack(env->state, env->deploy->account, env->deploy->region,
					   e->key);
		if (owner)
			f = finding_add(&s->stack_findings, FC_EXPORT_EXISTS, e->key_pos, NULL,
					"Export with name %s is already exported by stack %s.", e->key,
					owner);
		else
			f = finding_add(&s->stack_findings, FC_EXPORT_EXISTS, e->key_pos, NULL,
					"Export with name %s is already exported by another stack.",
					e->key);
		finding_set_fix(f, "give the export another name (export names are unique per account "
			       "and region), or remove it from %s first", owner ? owner : "the stack "
			       "that exports it");
	}
}
