/*
 * ecs_stabilisation.c - an ECS service's create completes only when its
 * tasks run and stay healthy ("Service ... did not stabilize", FAILURES.md
 * row 34's older form).  With every prerequisite present that can still
 * fail (a crashing container, a failing health check): not predictable,
 * said as such (info) rather than guessed.
 */
#include "checks/checks.h"
#include "util/xalloc.h"

#include <stdlib.h>

void check_ecs_stabilisation(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink)
{
	const struct value *count = value_map_get(r->props, "DesiredCount");
	char *path;
	struct finding *f;

	(void)env;
	if (count && count->kind == VALUE_NUMBER && count->u.number.num == 0)
		return; /* nothing to start */
	path = check_path(r, NULL);
	f = check_advise(sink, FC_NOT_PREDICTABLE, r->pos, path, "the create completes when the "
			 "service's tasks run and pass their health checks; a container that exits or "
			 "a failing health check makes it time out (\"did not stabilize\"): not "
			 "predictable");
	finding_set_fix(f, "nothing to create; enable the deployment circuit breaker to fail fast");
	free(path);
}
