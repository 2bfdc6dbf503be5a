/*
 * checks.c - the table of prerequisite checks: one line per check, with
 * the resource types it applies to (NULL = every type).
 */
#include "checks/checks.h"

#define TYPES(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct check checks[] = {
	{ "property-schema", NULL, check_property_schema },
	{ "name-collision", NULL, check_name_collision },
	{ "existence", NULL, check_existence },
	{ "s3-replication", TYPES("AWS::S3::Bucket"), check_s3_replication },
	{ "dynamodb-global-table", TYPES("AWS::DynamoDB::GlobalTable"), check_global_table },
	{ "kms-replica-key", TYPES("AWS::KMS::ReplicaKey"), check_kms_replica_key },
	{ "secret-replicas", TYPES("AWS::SecretsManager::Secret"), check_secret_replicas },
	{ "ecr-replication", TYPES("AWS::ECR::ReplicationConfiguration"), check_ecr_replication },
	{ "stackset", TYPES("AWS::CloudFormation::StackSet"), check_stackset },
	{ "quota", NULL, check_quota },
	{ "lambda-concurrency", TYPES("AWS::Lambda::Function"), check_lambda_concurrency },
	{ "key-policy", TYPES("AWS::Logs::LogGroup", "AWS::CloudTrail::Trail",
			      "AWS::SecretsManager::Secret"), check_key_policy },
	{ "rotation-schedule", TYPES("AWS::SecretsManager::RotationSchedule"), check_rotation_schedule },
	{ "codedeploy-ecs", TYPES("AWS::CodeDeploy::DeploymentGroup"), check_codedeploy_ecs },
	{ "codepipeline", TYPES("AWS::CodePipeline::Pipeline"), check_codepipeline },
	{ "retired", TYPES("AWS::Lambda::Function", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance"),
	  check_retired },
	{ "lambda-role-trust", TYPES("AWS::Lambda::Function"), check_lambda_trust },
	{ "certificate-status", TYPES("AWS::CloudFront::Distribution",
				      "AWS::ElasticLoadBalancingV2::Listener",
				      "AWS::ElasticLoadBalancingV2::ListenerCertificate"), check_cert_status },
	{ "apigateway-account", TYPES("AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment"),
	  check_apigw_account },
	{ "ecs-stabilisation", TYPES("AWS::ECS::Service"), check_ecs_stabilisation },
	{ "kms-lockout", TYPES("AWS::KMS::Key"), check_kms_lockout },
	{ "ses-identity", TYPES("AWS::SES::ReceiptRule"), check_ses_identity },
	{ "rds-monitoring", TYPES("AWS::RDS::DBInstance", "AWS::RDS::DBCluster"), check_rds_monitoring },
	{ "autoscaling", TYPES("AWS::AutoScaling::AutoScalingGroup"), check_autoscaling },
	{ "flow-log-format", TYPES("AWS::EC2::FlowLog"), check_flow_log_format },
	{ "nested-stack", TYPES("AWS::CloudFormation::Stack"), check_nested_stack },
	{ "secret-references", NULL, check_secret_references },
	{ "ecs-service-image", TYPES("AWS::ECS::Service"), check_ecs_service_image },
	{ "lambda-image", TYPES("AWS::Lambda::Function"), check_lambda_image },
	{ NULL, NULL, NULL },
};

const struct check *check_table(void)
{
	return checks;
}
