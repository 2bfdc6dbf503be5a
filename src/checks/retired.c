/*
 * retired.c - a resource created with a runtime or engine that the
 * lifecycle table (lifecycle.c) says can no longer be used for creates on
 * the judged day fails with AWS's message; one whose block date is
 * within 90 days gets a warning, so a pipeline learns before the day.
 */
#include "checks/checks.h"
#include "checks/lifecycle.h"
#include "util/date.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How many days ahead a block date is announced as a warning. */
#define WARN_DAYS 90

static void judge(const struct check_env *env, const struct check_resource *r,
		  const struct lifecycle *l, long today, struct check_sink *sink)
{
	const char *engine_version = value_str(value_map_get(r->props, "EngineVersion"));
	char *path = check_path(r, l->property);
	struct srcpos pos = check_pos(r, l->property);
	struct finding *f;
	long block;

	if (!date_parse(l->block_create, &block))
		goto out; /* the table is checked by the tests */
	if (today >= block && l->message == LIFECYCLE_LAMBDA) {
		f = check_fail(sink, FC_RETIRED, pos, path, "The runtime parameter of %s is no longer "
			       "supported for creating or updating AWS Lambda functions. We recommend you "
			       "use the new runtime (%s) while creating or updating functions. (Service: "
			       "AWSLambdaInternal; Status Code: 400; Error Code: "
			       "InvalidParameterValueException)", l->value, l->successor);
		finding_set_fix(f, "move the function to %s (creates with %s are blocked since %s)",
				l->successor, l->value, l->block_create);
	} else if (today >= block) {
		f = check_fail(sink, FC_RETIRED, pos, path, "Resource handler returned message: \"Cannot "
			       "find version %s for %s (Service: Rds, Status Code: 400)\" "
			       "(HandlerErrorCode: InvalidRequest)",
			       engine_version ? engine_version : "null", l->value);
		finding_set_fix(f, "use Engine: %s with one of its current versions (%s %s reached end "
				"of life on %s)", l->successor, r->type, l->value, l->block_create);
	} else if (block - today <= WARN_DAYS) {
		f = check_advise(sink, FC_RETIRING_SOON, pos, path, "%s %s can no longer be used to "
				 "create resources from %s, %ld days after %s", l->property, l->value,
				 l->block_create, block - today, env->deploy->date);
		finding_set_fix(f, "move to %s before %s", l->successor, l->block_create);
	}
out:
	free(path);
}

void check_retired(const struct check_env *env, const struct check_resource *r,
		   struct check_sink *sink)
{
	/* The table's rows share their type and property strings (one macro
	 * per run of rows): the comparison and the property's value are kept
	 * while the row's pointers stay the same. */
	const char *last_type = NULL, *last_property = NULL, *v = NULL;
	bool same_type = false;
	const struct lifecycle *l;
	long today;

	if (!env->deploy->date || !date_parse(env->deploy->date, &today))
		return;
	for (l = lifecycle_table(); l->type; l++) {
		if (l->type != last_type) {
			last_type = l->type;
			same_type = !strcmp(l->type, r->type);
			last_property = NULL;
		}
		if (!same_type)
			continue;
		if (l->property != last_property) {
			last_property = l->property;
			v = value_str(value_map_get(r->props, l->property));
		}
		if (v && !strcmp(v, l->value))
			judge(env, r, l, today, sink);
	}
}
