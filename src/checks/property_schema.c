/*
 * property_schema.c - the resource's resolved properties against its
 * type's schema (src/model/model_validate.c), in CloudFormation's wording
 * ("Properties validation failed for resource X with message: ...").
 * Values still unknown are not judged; a template rewritten by a macro is
 * not validated, the macro's output being what CloudFormation validates.
 */
#include "checks/checks.h"
#include "engine/typecheck.h"

void check_property_schema(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink)
{
	const struct model *m;
	size_t errors = finding_list_errors(sink->findings);

	if (!env->deploy->models || typecheck_macro_transform(env->t))
		return;
	m = check_model(env, r); /* unreadable model data was reported before the simulation */
	if (!m || model_is_state_only(m))
		return; /* an unrecognized type fails the stack already */
	model_validate(m, r->logical_id, r->props, r->pos, sink->findings);
	if (finding_list_errors(sink->findings) > errors)
		sink->failed = true;
}
