/*
 * names.c - the table of name properties (see names.h).
 *
 * Wording: FAILURES.md rows 1-3 (legacy "already exists", also "in stack
 * ARN" when another stack owns the name) and row 2 (registry handlers, as
 * AWS::Logs::LogGroup reports it); /work/notes/cfn-messages-prereq.md
 * section 10 for the per-service evidence.
 */
#include "sim/names.h"

#include <stdbool.h>
#include <string.h>

static const struct name_rule rules[] = {
	{ "AWS::S3::Bucket", "BucketName", NAME_SCOPE_PARTITION, NAME_MSG_LEGACY },
	{ "AWS::IAM::Role", "RoleName", NAME_SCOPE_ACCOUNT, NAME_MSG_LEGACY },
	{ "AWS::IAM::User", "UserName", NAME_SCOPE_ACCOUNT, NAME_MSG_LEGACY },
	{ "AWS::IAM::Group", "GroupName", NAME_SCOPE_ACCOUNT, NAME_MSG_LEGACY },
	{ "AWS::IAM::ManagedPolicy", "ManagedPolicyName", NAME_SCOPE_ACCOUNT, NAME_MSG_LEGACY },
	{ "AWS::IAM::InstanceProfile", "InstanceProfileName", NAME_SCOPE_ACCOUNT, NAME_MSG_LEGACY },
	{ "AWS::DynamoDB::Table", "TableName", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::Lambda::Function", "FunctionName", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::Kinesis::Stream", "Name", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::RDS::DBInstance", "DBInstanceIdentifier", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::RDS::DBCluster", "DBClusterIdentifier", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::CodeBuild::Project", "Name", NAME_SCOPE_REGION, NAME_MSG_LEGACY },
	{ "AWS::Logs::LogGroup", "LogGroupName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY_JSON },
	{ "AWS::ECR::Repository", "RepositoryName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::SecretsManager::Secret", "Name", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::SSM::Parameter", "Name", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::StepFunctions::StateMachine", "StateMachineName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::KMS::Alias", "AliasName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::EC2::KeyPair", "KeyName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ "AWS::CodeCommit::Repository", "RepositoryName", NAME_SCOPE_REGION, NAME_MSG_REGISTRY },
	{ NULL, NULL, 0, 0 },
};

/* Whether s starts with "AWS::" (the namespace most types share), read a
 * byte at a time so that a shorter s stops at its NUL. */
static bool aws(const char *s)
{
	return s[0] == 'A' && s[1] == 'W' && s[2] == 'S' && s[3] == ':' && s[4] == ':';
}

const struct name_rule *names_find(const char *type)
{
	const struct name_rule *r;
	bool type_aws = aws(type);

	/* Where both are "AWS::" types, the byte after the namespace settles
	 * most comparisons without a strcmp call. */
	for (r = rules; r->type; r++) {
		if (type_aws && aws(r->type) ? r->type[5] == type[5] && !strcmp(r->type + 5, type + 5)
					     : !strcmp(r->type, type))
			return r;
	}
	return NULL;
}
