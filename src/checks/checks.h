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

/* ---- Issue 7: cross-region, cross-account, keys, pipelines, calendar ---- */

/* S3 replication destinations, versioning, replica keys (s3_replication.c). */
void check_s3_replication(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink);
/* DynamoDB global table replicas (dynamodb_global_table.c). */
void check_global_table(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);
/* KMS replica keys and their primary (kms_replica_key.c). */
void check_kms_replica_key(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);
/* Secrets Manager replica regions (secret_replicas.c). */
void check_secret_replicas(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);
/* ECR replication destinations (ecr_replication.c). */
void check_ecr_replication(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);
/* StackSet roles, organization access, target regions (stackset.c). */
void check_stackset(const struct check_env *env, const struct check_resource *r,
		    struct check_sink *sink);
/* The region's quota for the type (quota.c). */
void check_quota(const struct check_env *env, const struct check_resource *r,
		 struct check_sink *sink);
/* Lambda reserved concurrency against the unreserved minimum (lambda_concurrency.c). */
void check_lambda_concurrency(const struct check_env *env, const struct check_resource *r,
			      struct check_sink *sink);
/* KMS key policies that must let the service use the key (key_policy.c). */
void check_key_policy(const struct check_env *env, const struct check_resource *r,
		      struct check_sink *sink);
/* Secrets Manager rotation schedules (rotation_schedule.c). */
void check_rotation_schedule(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink);
/* CodeDeploy ECS blue/green deployment groups (codedeploy_ecs.c). */
void check_codedeploy_ecs(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink);
/* CodePipeline artifact stores and source actions (codepipeline.c). */
void check_codepipeline(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);
/* Retired runtimes and engines on the judged date (retired.c, lifecycle.c). */
void check_retired(const struct check_env *env, const struct check_resource *r,
		   struct check_sink *sink);
/* The trust policy of a function's role (lambda_trust.c). */
void check_lambda_trust(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);
/* Certificates that exist but are not ISSUED (cert_status.c). */
void check_cert_status(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink);
/* API Gateway logging without the account's CloudWatch role (apigw_account.c). */
void check_apigw_account(const struct check_env *env, const struct check_resource *r,
			 struct check_sink *sink);
/* KMS key policies that lock out their creator (kms_lockout.c). */
void check_kms_lockout(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink);
/* SES bounce senders must be verified identities (ses_identity.c). */
void check_ses_identity(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink);
/* RDS Enhanced Monitoring without its role (rds_monitoring.c). */
void check_rds_monitoring(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink);
/* Auto Scaling group subnets and target groups (autoscaling.c). */
void check_autoscaling(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink);
/* VPC flow log custom formats (flow_log_format.c). */
void check_flow_log_format(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);
/* ECS service stabilisation: not predictable (ecs_stabilisation.c). */
void check_ecs_stabilisation(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink);

#endif
