/*
 * lifecycle.c - retired Lambda runtimes and database engines, with the
 * day from which creating a resource with them fails.  Dates move (AWS
 * has extended block dates before): each line says where its date comes
 * from (/work/notes/cfn-messages-prereq.md section 9: the AWS runtime
 * page as mirrored by cfn-lint's LmbdRuntimeLifecycle.json and
 * tflint-ruleset-aws).  Runtimes whose block date is not published yet
 * are left out rather than guessed.
 */
#include "checks/lifecycle.h"

#include <stddef.h>

#define LAMBDA "AWS::Lambda::Function", "Runtime"
#define CFNLINT "cfn-lint LmbdRuntimeLifecycle.json"

static const struct lifecycle table[] = {
	{ LAMBDA, "nodejs", "2016-10-31", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs4.3", "2020-03-05", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs4.3-edge", "2019-04-30", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs6.10", "2019-08-12", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs8.10", "2020-03-06", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs10.x", "2021-07-30", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs12.x", "2023-03-31", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs14.x", "2024-07-09", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs16.x", "2025-10-01", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "nodejs18.x", "2025-10-01", "nodejs22.x", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "python2.7", "2021-07-15", "python3.13", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "python3.6", "2022-07-18", "python3.13", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "python3.7", "2024-01-09", "python3.13", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "python3.8", "2025-10-01", "python3.13", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "python3.9", "2026-08-31", "python3.13", LIFECYCLE_LAMBDA,
	  "AWS runtime page via a public brief (Apr 2026)" },
	{ LAMBDA, "java8", "2024-02-08", "java21", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnetcore1.0", "2019-07-30", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnetcore2.0", "2019-05-30", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnetcore2.1", "2022-01-05", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnetcore3.1", "2023-04-03", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnet6", "2025-10-01", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "dotnet7", "2024-05-14", "dotnet8", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "go1.x", "2024-02-08", "provided.al2023", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "provided", "2024-02-08", "provided.al2023", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "ruby2.5", "2021-07-30", "ruby3.3", LIFECYCLE_LAMBDA, CFNLINT },
	{ LAMBDA, "ruby2.7", "2024-01-09", "ruby3.3", LIFECYCLE_LAMBDA, CFNLINT },
	/* Aurora MySQL version 1 (Engine: aurora, MySQL 5.6): end of life 2023-02-28 */
	{ "AWS::RDS::DBCluster", "Engine", "aurora", "2023-02-28", "aurora-mysql", LIFECYCLE_RDS,
	  "AWS Aurora MySQL version 1 end-of-life announcement" },
	{ "AWS::RDS::DBInstance", "Engine", "aurora", "2023-02-28", "aurora-mysql", LIFECYCLE_RDS,
	  "AWS Aurora MySQL version 1 end-of-life announcement" },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct lifecycle *lifecycle_table(void)
{
	return table;
}
