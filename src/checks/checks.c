/*
 * checks.c - the table of prerequisite checks: one line per check, with
 * the resource types it applies to (NULL = every type).
 */
#include "checks/checks.h"

static const struct check checks[] = {
	{ "property-schema", NULL, check_property_schema },
	{ "name-collision", NULL, check_name_collision },
	{ "existence", NULL, check_existence },
	{ NULL, NULL, NULL },
};

const struct check *check_table(void)
{
	return checks;
}
