/*
 * checks.h - the prerequisite checks, one file each under src/checks/, all
 * with the check_fn signature of sim/check.h.  The table that says which
 * types each applies to is src/checks/checks.c.
 */
#ifndef CFN_CHECKS_H
#define CFN_CHECKS_H

#include "sim/check.h"

/* An explicit name that already exists in its scope (name_collision.c). */
void check_name_collision(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink);

/* The properties against the type's schema (property_schema.c). */
void check_property_schema(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);

/* A value that must name an existing resource (the models' existence rules;
 * existence.c). */
void check_existence(const struct check_env *env, const struct check_resource *r,
		     struct check_sink *sink);

/* A nested stack (AWS::CloudFormation::Stack): its TemplateURL, the object
 * it names, and the child stack simulated through env->nested
 * (nested_stack.c). */
void check_nested_stack(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);

/* {{resolve:secretsmanager:...}} references, resolved when the resource is
 * provisioned: the secret and its JSON key must exist (dynref_secret.c). */
void check_secret_references(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink);

/* An ECS service whose task definition runs an ECR image that was never
 * pushed: the service never stabilises (ecs_image.c). */
void check_ecs_service_image(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink);

/* A Lambda function of PackageType Image whose ImageUri was never pushed
 * (lambda_image.c). */
void check_lambda_image(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);

/* ---- SSM references: judged with the template, before any resource ----
 * {{resolve:ssm:...}} and {{resolve:ssm-secure:...}} are resolved when
 * CloudFormation processes the template, so what is wrong with them fails
 * the whole stack (dynref_ssm.c).  The engine calls check_ssm_resource for
 * each resource pass 1 resolves, before anything else reads its
 * properties, then check_ssm_stack once. */
struct check_ssm_scan;

/* Returns a new, empty scan. */
struct check_ssm_scan *check_ssm_scan_new(void);
/* Frees scan; NULL is fine. */
void check_ssm_scan_free(struct check_ssm_scan *scan);
/* Judges the ssm and ssm-secure references in props (borrowed: resource i's
 * resolved properties): malformed ones, ssm-secure outside the properties
 * that accept it, missing parameters (a parameter the stack itself creates
 * does not count), a non-secure reference to a SecureString.  Findings go
 * to stack_fl; scan remembers what it saw. */
void check_ssm_resource(const struct check_env *env, struct check_ssm_scan *scan, size_t i,
			const struct value *props, struct finding_list *stack_fl);
/* After pass 1: references that pass 1 never resolved (resources whose
 * Condition is false, Mappings entries no Fn::FindInMap selected) are
 * uncertain when they would fail; parameter Defaults with an unversioned
 * ssm reference; the count of dynamic references in the template. */
void check_ssm_stack(const struct check_env *env, struct check_ssm_scan *scan,
		     struct finding_list *stack_fl);

#endif
