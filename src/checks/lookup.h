/*
 * lookup.h - small lookups shared by the prerequisite checks of issue 7:
 * a property at a slash path, a KMS key named by id, ARN or alias, a
 * resource by ARN in the account and region the ARN names, and whether a
 * region may be used by an account.
 */
#ifndef CFN_CHECKS_LOOKUP_H
#define CFN_CHECKS_LOOKUP_H

#include <stdbool.h>

#include "aws/policy.h"
#include "sim/check.h"

/* The value at path ("A/B/0") under v (borrowed) or NULL. */
const struct value *lookup_path(const struct value *v, const char *path);
/* The string at path under v (borrowed) or NULL. */
const char *lookup_str(const struct value *v, const char *path);
/* True when the value at path is unknown (a resource of this stack, or a
 * value not known before the create). */
bool lookup_unknown(const struct value *v, const char *path);

/* The KMS key that value names (a key id, key ARN, alias name or alias
 * ARN; aliases are followed to their TargetKeyId) in the stack's account
 * and region, or in the ARN's.  Returns borrowed, or NULL. */
const struct state_res *lookup_kms_key(const struct check_env *env, const char *value);
/* The resource of type that arn names, in the ARN's account and region
 * (account-wide types: region ""), borrowed, or NULL. */
const struct state_res *lookup_arn(const struct check_env *env, const char *type,
				   const char *arn);
/* The account id of an ARN or "" (new). */
char *lookup_arn_account(const char *arn);
/* The region of an ARN or "" (new). */
char *lookup_arn_region(const char *arn);

/* May the service principal (or, when service is NULL, principal_arn)
 * assume role (a state entry)?  Evaluates its AssumeRolePolicyDocument for
 * sts:AssumeRole.  A role whose trust policy the state does not give is
 * taken as trusting (the state does not say otherwise).  *reason receives
 * a new explanation. */
enum policy_decision lookup_trust(const struct state_res *role, const char *service,
				  const char *principal_arn, char **reason);

#endif
