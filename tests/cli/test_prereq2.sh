#!/bin/sh
# test_prereq2.sh - the prerequisite checks of issue 7, word for word: each
# failing scenario's findings (code and CloudFormation's message), the
# fixed ones without them, and the cases no scenario folder holds (V1
# replication destinations, streams of a global table, uncertain key
# policies, --date warnings, resource types missing from a region's list).
. "$TOP_SRCDIR/tests/lib.sh"
SC="$TOP_SRCDIR/scenarios"

# nth_finding LOGICAL CODE N: the message of the Nth (from 1) finding with
# CODE of resource LOGICAL in the first stack of $OUT.
nth_finding() {
	nres=$("$JGET" "$OUT" stacks.0.resources.length) || return 1
	i=0
	seen=0
	while [ "$i" -lt "$nres" ]; do
		if [ "$("$JGET" "$OUT" "stacks.0.resources.$i.logical_id")" = "$1" ]; then
			nf=$("$JGET" "$OUT" "stacks.0.resources.$i.findings.length")
			k=0
			while [ "$k" -lt "$nf" ]; do
				if [ "$("$JGET" "$OUT" "stacks.0.resources.$i.findings.$k.code")" = "$2" ]; then
					seen=$((seen + 1))
					if [ "$seen" -eq "$3" ]; then
						"$JGET" "$OUT" "stacks.0.resources.$i.findings.$k.message"
						return 0
					fi
				fi
				k=$((k + 1))
			done
		fi
		i=$((i + 1))
	done
	return 1
}

# expect_finding LOGICAL CODE MESSAGE [N]
expect_finding() {
	n_checks=$((n_checks + 1))
	got=$(nth_finding "$1" "$2" "${4:-1}") || fail "$1 has no finding $2 (#${4:-1})"
	[ "$got" = "$3" ] || fail "$1 $2 says:
$got
expected:
$3"
}

# expect_no_code CODE: no finding of the first stack has CODE.
expect_no_code() {
	n_checks=$((n_checks + 1))
	case "$out" in *"\"$1\""*) fail "unexpected finding $1" ;; esac
}

scenario() {
	run "$CFN_DRYRUN" scenario "$SC/$1" --format json
}

S3="(Service: Amazon S3; Status Code: 400; Error Code: InvalidRequest)"

# ---- S3 replication (FAILURES.md rows 45-47) ----
scenario s3-replication/fail-missing.scenario.yaml
expect_status 1
expect_finding Source CD4200 "Destination bucket must exist. $S3"
scenario s3-replication/fail-unversioned.scenario.yaml
expect_finding Source CD4200 "Destination bucket must have versioning enabled. $S3"
scenario s3-replication/fail-source.scenario.yaml
expect_finding Source CD4200 "Versioning must be 'Enabled' on the bucket to apply a replication configuration $S3"
scenario s3-replication/fixed.scenario.yaml
expect_status 0
expect_no_code CD4200

# Row 47: two rules without Filter (the V1 schema), two destinations; and
# SSE-KMS replication without a replica key; and a missing role (warning).
cat >"$TMP/v1.yaml" <<'YAML'
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
      ReplicationConfiguration:
        Role: arn:aws:iam::111111111111:role/nobody
        Rules:
          - {Status: Enabled, Prefix: a, Destination: {Bucket: "arn:aws:s3:::dest-one"}}
          - Status: Enabled
            Prefix: b
            Destination: {Bucket: "arn:aws:s3:::dest-two"}
            SourceSelectionCriteria: {SseKmsEncryptedObjects: {Status: Enabled}}
YAML
cat >"$TMP/v1-state.yaml" <<'YAML'
account: "111111111111"
region: us-east-1
accounts:
  "111111111111":
    regions:
      us-west-2:
        AWS::S3::Bucket:
          dest-one: {VersioningConfiguration: {Status: Enabled}}
          dest-two: {VersioningConfiguration: {Status: Enabled}}
YAML
run "$CFN_DRYRUN" check "$TMP/v1.yaml" --state "$TMP/v1-state.yaml" --format json
expect_status 1
expect_finding B CD4200 "Number of distinct destination bucket ARNs cannot exceed 1 $S3"
expect_finding B CD4200 "ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present. $S3" 2
expect_finding B CD9103 "the replication role arn:aws:iam::111111111111:role/nobody does not exist: the bucket is created, but S3 cannot replicate objects"

# ---- DynamoDB global tables (row 44) ----
scenario dynamodb-global-table/fail-region.scenario.yaml
expect_finding Orders CD4201 'Resource handler returned message: "Invalid request provided: The Replicas section must contain an entry for the current region"'
scenario dynamodb-global-table/fail-optin.scenario.yaml
expect_finding Orders CD4202 "Replica region ap-east-1 is not enabled for account 111111111111"
scenario dynamodb-global-table/fail-taken.scenario.yaml
expect_finding Orders CD4201 "Failed to create a the new replica of table because one or more replicas already existed as tables. (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException)"
scenario dynamodb-global-table/fixed.scenario.yaml
expect_status 0
cat >"$TMP/gt.yaml" <<'YAML'
Resources:
  T:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      Replicas: [{Region: us-east-1}, {Region: us-west-2}]
YAML
run "$CFN_DRYRUN" check "$TMP/gt.yaml" --format json
expect_status 1
expect_finding T CD4201 "StreamSpecification must be provided for a global table with more than one replica"

# ---- KMS replica keys, Secrets Manager replicas, ECR replication ----
scenario kms-replica-key/fail.scenario.yaml
expect_finding Replica CD4203 "arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab is not a multi-Region primary key. (Service: AWSKMS; Status Code: 400; Error Code: UnsupportedOperationException)"
scenario kms-replica-key/fail-missing.scenario.yaml
expect_finding Replica CD4203 "Key 'arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab' does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException)"
scenario kms-replica-key/fixed.scenario.yaml
expect_status 0
scenario secret-replicas/warn.scenario.yaml
expect_status 0
expect_finding DbSecret CD4204 "A secret named orders/db already exists in eu-west-1: the secret is created, its replica fails"
scenario secret-replicas/fixed.scenario.yaml
expect_no_code CD4204
scenario ecr-replication/fail-self.scenario.yaml
expect_finding Replication CD4205 "Invalid parameter: a replication destination cannot be the source registry (111111111111, us-east-1) (Service: AmazonECR; Status Code: 400; Error Code: InvalidParameterException)"
scenario ecr-replication/fail-optin.scenario.yaml
expect_finding Replication CD4202 "Replication destination region eu-south-2 is not enabled for account 111111111111"

# ---- StackSets ----
scenario stackset-self-managed/fail.scenario.yaml
expect_finding Baseline CD4210 "Account 111111111111 should have 'AWSCloudFormationStackSetAdministrationRole' role with trust relationship to CloudFormation service."
expect_finding Baseline CD4210 "Account 333333333333 should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSCloudFormationStackSetAdministrationRole'." 2
expect_finding Baseline CD4202 "Region ap-east-1 is not enabled for target account 222222222222: its stack instance fails"
expect_json stacks.0.prerequisites.1.type AWS::Account::Region
expect_json stacks.0.prerequisites.1.account 222222222222
expect_json stacks.0.prerequisites.1.id ap-east-1
expect_json stacks.0.prerequisites.2.account 333333333333
expect_json stacks.0.prerequisites.2.id AWSCloudFormationStackSetExecutionRole
scenario stackset-self-managed/fixed.scenario.yaml
expect_status 0
scenario stackset-service-managed/fail.scenario.yaml
expect_finding Guardrails CD4211 'Resource handler returned message: "You must enable organizations access to operate a service managed stack set (Service: CloudFormation, Status Code: 400)" (HandlerErrorCode: InvalidRequest)'
scenario stackset-service-managed/fail-member.scenario.yaml
expect_finding Guardrails CD4211 "You must be the master or delegated admin account of an organization before operating a SERVICE_MANAGED stack set"

# A target account the state does not describe: uncertain.
cat >"$TMP/ss.yaml" <<'YAML'
Resources:
  S:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: s
      PermissionModel: SELF_MANAGED
      StackInstancesGroup: [{DeploymentTargets: {Accounts: ["444444444444"]}, Regions: [us-east-1]}]
      TemplateBody: "Resources: {T: {Type: AWS::SNS::Topic}}"
YAML
run "$CFN_DRYRUN" check "$TMP/ss.yaml" --state "$SC/stackset-self-managed/state-fixed.yaml" --format json
expect_status 3
expect_finding S CD4210 "target account 444444444444 is not described in the state: whether it has the role AWSCloudFormationStackSetExecutionRole cannot be told"

# ---- Quotas and concurrency (rows 38-40) ----
scenario quota-vpc/fail.scenario.yaml
expect_finding Vpc CD4220 'Resource handler returned message: "The maximum number of VPCs has been reached. (Service: Ec2, Status Code: 400)" (HandlerErrorCode: GeneralServiceException)'
expect_finding NatIp CD4220 "The maximum number of addresses has been reached. (Service: AmazonEC2; Status Code: 400; Error Code: AddressLimitExceeded)"
scenario lambda-reserved-concurrency/fail.scenario.yaml
expect_finding Worker CD4221 "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [10]."
scenario lambda-reserved-concurrency/fixed.scenario.yaml
expect_no_code CD4221

# ---- Key policies, rotation ----
scenario key-policy-logs/fail.scenario.yaml
expect_finding AppLogs CD4230 "Resource handler returned message: \"The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:111111111111:log-group:/orders/app' (Service: CloudWatchLogs, Status Code: 400)\""
scenario rotation-schedule/fail.scenario.yaml
expect_finding Rotation CD4240 'Resource handler returned message: "No Lambda rotation function ARN is associated with this secret. (Service: SecretsManager, Status Code: 400)"'
# A condition on a key the request does not carry: uncertain, with the reason.
cat >"$TMP/kp.yaml" <<'YAML'
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {Service: logs.us-east-1.amazonaws.com}
            Action: "kms:*"
            Resource: "*"
            Condition: {StringEquals: {"aws:SourceAccount": "123456789012"}}
          - {Effect: Allow, Principal: {AWS: "arn:aws:iam::123456789012:root"}, Action: "kms:*", Resource: "*"}
  L:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: /x, KmsKeyId: !GetAtt K.Arn}
YAML
run "$CFN_DRYRUN" check "$TMP/kp.yaml" --format json
expect_status 3
expect_finding L CD4230 "whether the key policy of arn:aws:kms:us-east-1:123456789012:key/$("$JGET" "$OUT" stacks.0.resources.0.physical_id) lets logs.us-east-1.amazonaws.com use the key cannot be told: whether statement 1 allows kms:Encrypt cannot be told: the request's aws:SourceAccount is not known offline (condition StringEquals)"
# A key without a KeyPolicy has KMS's default policy: the account only.
printf 'Resources:\n  K: {Type: AWS::KMS::Key}\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: {LogGroupName: /y, KmsKeyId: !GetAtt K.Arn}\n' >"$TMP/kd.yaml"
run "$CFN_DRYRUN" check "$TMP/kd.yaml" --format json
expect_status 1
expect_finding L CD4230 "Resource handler returned message: \"The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:123456789012:log-group:/y' (Service: CloudWatchLogs, Status Code: 400)\""

# ---- Calendar ----
scenario retired-runtime/fail.scenario.yaml
expect_finding Fn CD4270 "The runtime parameter of python3.6 is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (python3.13) while creating or updating functions. (Service: AWSLambdaInternal; Status Code: 400; Error Code: InvalidParameterValueException)"
expect_finding Db CD4270 'Resource handler returned message: "Cannot find version 5.6.10a for aurora (Service: Rds, Status Code: 400)" (HandlerErrorCode: InvalidRequest)'
scenario retired-runtime/warn.scenario.yaml
expect_status 0
expect_finding Fn CD9100 "Runtime python3.9 can no longer be used to create resources from 2026-08-31, 77 days after 2026-06-15"
# --date decides on both sides of the block day (2022-07-18 for python3.6).
printf 'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Runtime: python3.6, Handler: a.b, Role: arn:aws:iam::111111111111:role/lambda-exec, Code: {ZipFile: x}}\n' >"$TMP/rt.yaml"
run "$CFN_DRYRUN" check "$TMP/rt.yaml" --state "$SC/retired-runtime/state.yaml" --date 2022-07-17 --format json
expect_status 0
expect_finding F CD9100 "Runtime python3.6 can no longer be used to create resources from 2022-07-18, 1 days after 2022-07-17"
run "$CFN_DRYRUN" check "$TMP/rt.yaml" --state "$SC/retired-runtime/state.yaml" --date 2022-07-18 --format json
expect_status 1
run "$CFN_DRYRUN" check "$TMP/rt.yaml" --state "$SC/retired-runtime/state.yaml" --date 2022-04-18 --format json
expect_status 0
expect_no_code CD9100
run "$CFN_DRYRUN" check "$TMP/rt.yaml" --state "$SC/retired-runtime/state.yaml" --date 2022-04-19 --format json
expect_finding F CD9100 "Runtime python3.6 can no longer be used to create resources from 2022-07-18, 90 days after 2022-04-19"

# ---- The rest of the catalogue ----
scenario lambda-code-bucket-region/fail.scenario.yaml
expect_finding Fn CD4002 "Error occurred while GetObject. S3 Error Code: PermanentRedirect. S3 Error Message: The bucket is in this region: us-west-2. Please use this region to retry the request"
scenario lambda-role-trust/fail.scenario.yaml
expect_finding Fn CD4280 "The role defined for the function cannot be assumed by Lambda."
scenario lambda-role-trust/fixed.scenario.yaml
expect_status 0
scenario certificate-status/fail.scenario.yaml
expect_finding Cdn CD4281 "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain. (Service: AmazonCloudFront; Status Code: 400; Error Code: InvalidViewerCertificate)"
expect_finding Listener CD4281 "Certificate 'arn:aws:acm:us-east-1:111111111111:certificate/1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e' not found (Service: AmazonElasticLoadBalancing; Status Code: 400; Error Code: CertificateNotFound)"
scenario apigateway-cloudwatch-role/fail.scenario.yaml
expect_finding Prod CD4282 'Resource handler returned message: "CloudWatch Logs role ARN must be set in account settings to enable logging (Service: ApiGateway, Status Code: 400)"'

scenario ses-prerequisites/fail.scenario.yaml
expect_finding Outbound CD4002 'Resource handler returned message: "SendingPool pool1 doesn'"'"'t exist"'
expect_finding BounceUnknown CD4284 "Identity is not verified: bounce@example.com"
scenario key-policy-lockout/fail.scenario.yaml
expect_finding Key CD4283 "The new key policy will not allow you to update the key policy in the future. (Service: AWSKMS; Status Code: 400; Error Code: MalformedPolicyDocumentException)"
# A policy that names only a particular role: it depends on who deploys.
printf 'Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::123456789012:role/admins"}, Action: "kms:*", Resource: "*"}]\n' >"$TMP/lock.yaml"
run "$CFN_DRYRUN" check "$TMP/lock.yaml" --format json
expect_status 3
expect_finding K CD4283 "whether the principal that creates the key may change its policy later cannot be told: the account root is not allowed kms:PutKeyPolicy (no statement allows kms:PutKeyPolicy), and the deploying principal is not in the state"
scenario rds-monitoring-role/fail.scenario.yaml
expect_finding Db CD4285 "A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0. (Service: Rds, Status Code: 400)"
scenario autoscaling-placement/fail.scenario.yaml
expect_finding Fleet CD4286 "The availability zones of the specified subnets and the Auto Scaling group do not match (Service: AutoScaling; Status Code: 400; Error Code: ValidationError)"
expect_finding Fleet CD4286 "Provided Target Group 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web-ip/73e2d6bc24d8a067' has invalid target type. Please ensure all provided Target Groups have target type of instance. (Service: AutoScaling; Status Code: 400; Error Code: ValidationError)" 2
scenario flow-log-format/fail.scenario.yaml
expect_finding FlowLog CD4287 'Resource handler returned message: "Value '"'"'${version} ${account-id},${interface-id} ${srcaddr} ${dstaddr}'"'"' at '"'"'logFormat'"'"' has an invalid format (Service: Ec2, Status Code: 400)"'
run "$CFN_DRYRUN" check "$SC/flow-log-format/template.yaml" --state "$SC/flow-log-format/state.yaml" --param 'Format=${version} ${vpc-name}' --format json
expect_status 3
expect_finding FlowLog CD4287 'the flow log field ${vpc-name} is not among the fields cfn-dryrun knows (versions 2-8): EC2 may reject the format'

# ---- Case studies ----
scenario case-ecs-bluegreen/fail.scenario.yaml
expect_finding DeploymentGroup CD4250 "For ECS deployment group, loadBalancerInfo must be specified (Service: AmazonCodeDeploy; Status Code: 400; Error Code: InvalidLoadBalancerInfoException)"
expect_finding DeploymentGroup CD4250 "Deployment group's ECS service must be configured for a CODE_DEPLOY deployment controller. (Service: AmazonCodeDeploy; Status Code: 400; Error Code: InvalidECSServiceException)" 2
# The same pipeline where the service, then the cluster, does not exist.
printf 'account: "111111111111"\nregion: us-east-1\naccounts:\n  "111111111111":\n    regions:\n      us-east-1:\n        AWS::ECS::Cluster: {shop: {}}\n' >"$TMP/nosvc.yaml"
run "$CFN_DRYRUN" check "$SC/case-ecs-bluegreen/pipeline.yaml" --state "$TMP/nosvc.yaml" --capabilities CAPABILITY_IAM \
	--param ClusterName=shop --param ServiceName=web --param CodeDeployRoleArn=arn:aws:iam::111111111111:role/x --format json
expect_finding DeploymentGroup CD4250 "Could not load ECS service information for cluster: shop, service: web. Cause: the service does not exist. (Service: AmazonCodeDeploy; Status Code: 400; Error Code: InvalidECSServiceException)" 2
run "$CFN_DRYRUN" check "$SC/case-ecs-bluegreen/pipeline.yaml" --capabilities CAPABILITY_IAM \
	--param ClusterName=shop --param ServiceName=web --param CodeDeployRoleArn=arn:aws:iam::111111111111:role/x --format json
expect_finding DeploymentGroup CD4250 "Could not load ECS service information for cluster: shop, service: web. Cause: the cluster does not exist. (Service: AmazonCodeDeploy; Status Code: 400; Error Code: InvalidECSServiceException)" 2
scenario case-pipeline-single-region/fail.scenario.yaml
expect_finding Pipeline CD4260 "There must be an artifact store for the pipeline Region and for each cross-region action in the pipeline. (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStructureException)" 2
expect_finding Pipeline CD4260 "An error occurred while validating the artifact bucket 'builds-111111111111-eu-west-1': No bucket with the name builds-111111111111-eu-west-1 was found. Choose a valid artifact bucket in 'eu-west-1', or create a new artifact bucket to use in your pipeline. (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStructureException)"
expect_finding Pipeline CD9101 "The GitHub (Version 1) source action authenticates with an OAuth token; AWS recommends the GitHub (Version 2) action, and webhooks for version 1 are deprecated"
scenario case-pipeline-single-region/fixed.scenario.yaml
expect_no_code CD9101
scenario case-encrypted-logs-secrets/fail.scenario.yaml
expect_finding AuditLogs CD4230 "Resource handler returned message: \"The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:eu-west-1:111111111111:log-group:/orders/audit' (Service: CloudWatchLogs, Status Code: 400)\""
expect_finding DbPasswordRotation CD4240 'Resource handler returned message: "No Lambda rotation function ARN is associated with this secret. (Service: SecretsManager, Status Code: 400)"'

# A cross-region action with ArtifactStore (singular), and both keys at once.
cat >"$TMP/xr.yaml" <<'YAML'
Resources:
  P:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/p
      ArtifactStore: {Type: S3, Location: builds}
      Stages:
        - Name: Deploy
          Actions:
            - Name: Stack
              Region: eu-west-1
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1"}
              Configuration: {ActionMode: CREATE_UPDATE, StackName: s}
YAML
run "$CFN_DRYRUN" check "$TMP/xr.yaml" --format json
expect_finding P CD4260 "If you create a cross-region action in your pipeline, you must use artifactStores. (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStructureException)"

# ---- Regions without a resource type (row 21) ----
# A model directory whose index is ap-east-1's, listing the bucket only.
mkdir -p "$TMP/m/generated"
line=$(grep '^{"t":"AWS::S3::Bucket"' "$TOP_SRCDIR/models/generated/types.jsonl")
printf '%s\n' "$line" >"$TMP/m/generated/types.jsonl"
printf '#cfn-dryrun-models 1 region=ap-east-1 types=1\nAWS::S3::Bucket\t0\t%s\n' \
	"$(printf '%s' "$line" | wc -c | tr -d ' ')" >"$TMP/m/generated/types.idx"
printf 'Resources:\n  B: {Type: AWS::S3::Bucket}\n  V: {Type: AWS::Backup::BackupVault, Properties: {BackupVaultName: vault1}}\n' >"$TMP/av.yaml"
printf 'accounts:\n  "111111111111":\n    enabled_regions: [us-east-1, ap-east-1]\n' >"$TMP/av-state.yaml"
run "$CFN_DRYRUN" check "$TMP/av.yaml" --models "$TMP/m" --state "$TMP/av-state.yaml" --account 111111111111 --region ap-east-1 --format json
expect_status 1
expect_json stacks.0.stack_findings.0.message "Template format error: Unrecognized resource types: [AWS::Backup::BackupVault]"
run "$CFN_DRYRUN" check "$TMP/av.yaml" --models "$TMP/m" --state "$TMP/av-state.yaml" --account 111111111111 --region us-east-1 --format json
expect_status 0

done_testing
