#!/bin/sh
# test_prerequisites.sh - the messages the prerequisite scenarios of issue 6
# promise in their READMEs (nested stacks, dynamic references, images,
# code artefacts): each failing variant's exact message, path and
# prerequisite, and what the fixed variants compute (nested results,
# substituted SSM values).  Statuses are checked by test_scenarios.sh.
. "$TOP_SRCDIR/tests/lib.sh"
S="$TOP_SRCDIR/scenarios"

scenario() {
	run "$CFN_DRYRUN" scenario "$S/$1" --format json
}

# ---- nested stacks ----
scenario nested-template-url/fail-local-path.scenario.yaml
expect_status 1
expect_json stacks.0.resources.0.findings.0.code CD5000
expect_json stacks.0.resources.0.findings.0.message "TemplateURL must be an Amazon S3 URL."
expect_json stacks.0.resources.0.findings.0.path "Resources/Network/Properties/TemplateURL"
scenario nested-template-url/fail-s3-scheme.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"S3 error: Domain name specified in cfn-templates-111111111111 is not a valid S3 domain"
scenario nested-template-url/fail-not-a-url.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "TemplateURL must be a supported URL."
scenario nested-template-url/fixed.scenario.yaml
expect_status 0
expect_json stacks.0.nested.0.stack "app-Network-DVT9XXU1ZEFC"
expect_json stacks.0.nested.0.parent_resource Network
expect_json stacks.0.nested.0.resources.0.logical_id Vpc

scenario nested-template-missing/fail-object.scenario.yaml
expect_json stacks.0.resources.0.findings.0.code CD5001
expect_json stacks.0.resources.0.findings.0.message \
	"TemplateURL must reference a valid S3 object to which you have access."
expect_json stacks.0.prerequisites.0.type AWS::S3::Object
expect_json stacks.0.prerequisites.0.id cfn-templates-111111111111/network.yaml
scenario nested-template-missing/fail-same-stack-bucket.scenario.yaml
expect_out_contains "bucket app-templates-111111111111 is created by this stack, so it is empty when the nested stack is created"

scenario nested-stack-parameters/fail-extra.scenario.yaml
expect_json stacks.0.resources.0.findings.0.code CD5002
expect_json stacks.0.resources.0.findings.0.message "Parameters: [KeyName] do not exist in the template"
expect_json stacks.0.resources.0.findings.0.path "Resources/Network/Properties/Parameters"
scenario nested-stack-parameters/fail-missing.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "Parameters: [Env] must have values"
scenario nested-stack-parameters/fail-unwanted.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Parameter values specified for a template which does not require them."
scenario nested-stack-parameters/fail-list.scenario.yaml
expect_json stacks.0.resources.0.findings.0.code CD5007
expect_json stacks.0.resources.0.findings.0.message \
	"Value of property Parameters must be an object with String (or simple type) properties"

arn="arn:aws:cloudformation:us-east-1:111111111111:stack/app-App-GUI2GPH8R8D9/64c7d006-bcf7-4edb-af4f-b27c1a552d29"
scenario nested-stack-child-failure/fail-export.scenario.yaml
expect_json stacks.0.resources.0.findings.0.code CD5003
expect_json stacks.0.resources.0.findings.0.message \
	"Embedded stack $arn was not successfully created: No export named shared-topic-name found."
expect_json stacks.0.resources.1.blocked_by.0 App
scenario nested-stack-child-failure/fail-resource.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Embedded stack $arn was not successfully created: The following resource(s) failed to create: [Fn]."
expect_json stacks.0.nested.0.resources.0.findings.0.message \
	"Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist."
expect_out_contains "fix the nested stack app-App-GUI2GPH8R8D9 first: Fn: Error occurred while GetObject."

scenario nested-stack-outputs/fail.scenario.yaml
expect_json stacks.0.resources.1.logical_id Logs
expect_json stacks.0.resources.1.findings.0.message \
	"Resource handler returned message: \"Resource of type 'AWS::Logs::LogGroup' with identifier '{\"/properties/LogGroupName\":\"/app/dev\"}' already exists.\" (HandlerErrorCode: AlreadyExists)"
scenario nested-stack-outputs/fixed.scenario.yaml
vpc=$("$JGET" "$OUT" stacks.0.nested.0.outputs.VpcId)
expect_json stacks.0.outputs.VpcId "$vpc"
expect_json stacks.0.resources.1.physical_id /app/dev
scenario nested-stack-outputs/uncertain-no-body.scenario.yaml
expect_status 3
expect_json stacks.0.resources.0.findings.0.code CD5004

scenario nested-stack-recursion/fail.scenario.yaml
expect_json stacks.0.nested.0.nested.0.resources.0.findings.0.code CD5005
expect_json stacks.0.nested.0.nested.0.resources.0.findings.0.message \
	"Nested stack Back includes its own template (s3://cfn-templates-111111111111/a.yaml -> s3://cfn-templates-111111111111/b.yaml -> s3://cfn-templates-111111111111/a.yaml): CloudFormation would create nested stacks until the account's stack quota stops it (LimitExceededException: Limit for stack has been exceeded)"

scenario nested-stack-capabilities/fail.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "Requires capabilities : [CAPABILITY_IAM]"
expect_json stacks.0.capabilities.0 CAPABILITY_IAM

# ---- dynamic references ----
scenario dynref-ssm-missing/fail.scenario.yaml
expect_json stacks.0.stack_findings.0.code CD4110
expect_json stacks.0.stack_findings.0.message "Parameters: [ssm:/app/blueprint-id] cannot be found."
expect_json stacks.0.stack_findings.0.path "Resources/Logs/Properties/LogGroupName"
scenario dynref-ssm-missing/fixed.scenario.yaml
expect_json stacks.0.resources.0.physical_id /app/dev/bp-42
scenario dynref-ssm-same-stack/fail.scenario.yaml
expect_json stacks.0.stack_findings.0.message "Parameters: [ssm:/app/endpoint] cannot be found."
expect_out_contains "parameter /app/endpoint is created by this stack (resource Endpoint), but CloudFormation resolves {{resolve:ssm:...}} when it processes the template, before any resource exists, whatever DependsOn says"
scenario dynref-ssm-format/fail.scenario.yaml
expect_json stacks.0.stack_findings.0.message \
	"Incorrect format is used in the following SSM reference: [{{resolve:ssm:/app/release:prod}}]"
scenario dynref-ssm-secure/fail.scenario.yaml
expect_json stacks.0.stack_findings.0.message \
	"SSM Secure reference is not supported in: [AWS::Lambda::Function/Properties/Environment/Variables/API_KEY]"
expect_json stacks.0.stack_findings.1.message \
	"Non-secure ssm prefix was used for secure parameter /app/db-password"
scenario dynref-ssm-unused/uncertain.scenario.yaml
expect_status 3
expect_json stacks.0.stack_findings.0.code CD4114
expect_json stacks.0.stack_findings.1.path Mappings/Endpoints/prod/Url
scenario dynref-limit/fail.scenario.yaml
expect_json stacks.0.stack_findings.0.message \
	"The template holds 61 dynamic references; CloudFormation allows up to 60 in a stack template"
expect_json stacks.0.stack_findings.0.line 66

notfound="Secrets Manager can't find the specified secret. (Service: AWSSecretsManager; Status Code: 400; Error Code: ResourceNotFoundException)"
scenario dynref-secret-missing/fail-name.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "$notfound"
expect_json stacks.0.prerequisites.0.id prod/db
expect_json stacks.0.resources.1.status create
scenario dynref-secret-missing/fail-partial-arn.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "$notfound"
expect_out_contains "secret my-super-secret exists, but Secrets Manager reads a name ending in a hyphen and six characters as a partial ARN"
scenario dynref-secret-missing/fail-cross-account.scenario.yaml
expect_json stacks.0.prerequisites.0.account 222222222222
scenario dynref-secret-json-key/fail.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message "Could not find a value associated with JSONKey in SecretString"
scenario dynref-secret-same-stack/uncertain.scenario.yaml
expect_json stacks.0.resources.0.findings.0.code CD4122
expect_json stacks.0.resources.0.findings.0.message \
	"secret Secret is created by this stack, but Db does not depend on it: CloudFormation may create Db first (nothing orders them), and then the reference {{resolve:secretsmanager:app/db:SecretString:password}} fails with: $notfound"

# ---- images and code ----
img=111111111111.dkr.ecr.us-east-1.amazonaws.com/payment-service:v1.4.2
scenario ecs-image-missing/fail-tag.scenario.yaml
expect_json stacks.0.resources.2.findings.1.code CD4100
expect_json stacks.0.resources.2.findings.1.message \
	"Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.\" (RequestToken: ..., HandlerErrorCode: GeneralServiceException) Task stopped: CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref $img: $img: not found"
expect_json stacks.0.resources.2.findings.1.path "Resources/TaskDef/Properties/ContainerDefinitions/0/Image"
expect_json stacks.0.prerequisites.0.type AWS::ECR::Image
expect_json stacks.0.prerequisites.0.id payment-service:v1.4.2
scenario ecs-image-missing/fail-new-repository.scenario.yaml
expect_out_contains "repository payment-worker is created by stack app of this deployment, so it is empty when the containers start"

scenario lambda-image-missing/fail-tag.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Source image 111111111111.dkr.ecr.us-east-1.amazonaws.com/report-fn:v4 does not exist. Provide a valid source image."
scenario lambda-image-missing/fail-region.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Source image 111111111111.dkr.ecr.eu-west-1.amazonaws.com/report-fn:v4 is not valid. Provide a valid source image."

scenario exists-eb-source-bundle/fail.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Unable to download from S3 location (Bucket: bundles-111111111111  Key: payments-1.0.0.zip). Reason: Not Found"
scenario exists-eb-source-bundle/fail-region.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Unable to download from S3 location (Bucket: bundles-111111111111  Key: payments-1.0.0.zip). Reason: Moved Permanently"
scenario exists-lambda-layer-content/fail.scenario.yaml
expect_json stacks.0.resources.0.findings.0.message \
	"Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist."
expect_json stacks.0.prerequisites.0.id code-111111111111-us-east-1/layers/shared-2.zip
done_testing
