/*
 * checks.c - the table of prerequisite checks: one line per check, with
 * the resource types it applies to (NULL = every type).
 */
#include "checks/checks.h"

static const char *const nested_stack_types[] = { "AWS::CloudFormation::Stack", NULL };
static const char *const ecs_service_types[] = { "AWS::ECS::Service", NULL };
static const char *const lambda_function_types[] = { "AWS::Lambda::Function", NULL };

static const struct check checks[] = {
	{ "property-schema", NULL, check_property_schema },
	{ "name-collision", NULL, check_name_collision },
	{ "existence", NULL, check_existence },
	{ "nested-stack", nested_stack_types, check_nested_stack },
	{ "secret-references", NULL, check_secret_references },
	{ "ecs-service-image", ecs_service_types, check_ecs_service_image },
	{ "lambda-image", lambda_function_types, check_lambda_image },
	{ NULL, NULL, NULL },
};

const struct check *check_table(void)
{
	return checks;
}
