/*
 * rotation_schedule.c - AWS::SecretsManager::RotationSchedule: rotation
 * needs a function (RotationLambdaARN) or hosted rotation
 * (HostedRotationLambda, expanded by the AWS::SecretsManager-2020-07-23
 * transform), not neither and not both (/work/notes/cfn-messages-prereq.md
 * section 7).  A secret managed by another service (RDS's
 * ManageMasterUserPassword) rotates without a function: such a secret is
 * not a resource of the template or the state, so it is not judged.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void check_rotation_schedule(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink)
{
	bool fn = value_map_get(r->props, "RotationLambdaARN") != NULL;
	bool hosted = value_map_get(r->props, "HostedRotationLambda") != NULL;
	const char *secret = value_str(value_map_get(r->props, "SecretId"));
	char *path = check_path(r, NULL);
	struct finding *f;

	(void)env;
	if (fn && hosted) {
		f = check_fail(sink, FC_ROTATION_SCHEDULE, check_pos(r, "HostedRotationLambda"), path,
			       "Transform AWS::SecretsManager-2020-07-23 failed with: Can only specify "
			       "either HostedRotationLambda or RotationLambdaARN.");
		finding_set_fix(f, "keep one of RotationLambdaARN and HostedRotationLambda");
	} else if (!fn && !hosted) {
		f = check_fail(sink, FC_ROTATION_SCHEDULE, r->raw ? r->raw->pos : r->pos, path,
			       "Resource handler returned message: \"No Lambda rotation function ARN is "
			       "associated with this secret. (Service: SecretsManager, Status Code: 400)\"");
		finding_set_fix(f, "give RotationLambdaARN (a rotation function that exists, with a "
			       "resource policy letting secretsmanager.amazonaws.com invoke it), or "
			       "HostedRotationLambda with Transform: AWS::SecretsManager-2020-07-23, for "
			       "secret %s", secret ? secret : "(SecretId)");
	}
	free(path);
}
