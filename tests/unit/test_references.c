/*
 * test_references.c - what stacks refer to outside themselves, through the
 * engine: {{resolve:ssm}} references judged with the template (stack
 * findings; values substituted when the state knows them), Secrets
 * Manager references judged with the resource, and ECR images of ECS
 * services and Lambda functions.
 */
#include "helpers.h"
#include "stack_fixture.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static const char state_text[] =
	"account: \"111111111111\"\nregion: us-east-1\naccounts:\n  \"111111111111\":\n"
	"    global:\n      AWS::IAM::Role:\n        lambda-exec: {}\n"
	"    regions:\n      us-east-1:\n"
	"        AWS::SSM::Parameter:\n"
	"          /app/bucket: {Type: String, Value: real-bucket-name}\n"
	"          /app/secure: {Type: SecureString}\n"
	"        AWS::SecretsManager::Secret:\n"
	"          github-token: {SecretKeys: [token]}\n"
	"          my-super-secret: {}\n"
	"        AWS::ECS::Cluster:\n          dev: {}\n"
	"        AWS::ECR::Repository:\n          api: {ImageTags: [v1]}\n"
	"  \"222222222222\":\n    regions:\n      us-east-1:\n"
	"        AWS::SecretsManager::Secret:\n          shared: {SecretKeys: [password]}\n";

static struct stack_result *run(struct stack_fixture *fx, const char *template)
{
	fixture_init(fx, 1);
	fixture_write(fx, "state.yaml", state_text);
	fixture_write(fx, "t.yaml", template);
	return fixture_run(fx, "t.yaml", "app", 0);
}

/* The message of stack finding i, checking its code. */
static const char *stack_message(const struct stack_result *s, size_t i, enum finding_code code)
{
	assert_true(i < s->stack_findings.n);
	assert_int_equal(s->stack_findings.items[i].code, code);
	return s->stack_findings.items[i].message;
}

static void test_ssm_missing_is_stack_level(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	s = run(&fx, "Parameters:\n  Env: {Type: String, Default: dev}\n"
		"Resources:\n  Made:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Name: /app/made, Type: String, Value: x}\n"
		"  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Made\n    Properties:\n"
		"      QueueName: !Sub 'q-{{resolve:ssm:/app/missing}}-${Env}'\n"
		"      Tags: [{Key: a, Value: '{{resolve:ssm:/app/made}}'}]\n");
	assert_int_equal(s->verdict, VERDICT_FAIL);
	assert_int_equal(s->stack_findings.n, 2);
	assert_string_equal(stack_message(s, 0, FC_SSM_REF_MISSING),
			    "Parameters: [ssm:/app/missing] cannot be found.");
	assert_string_equal(s->stack_findings.items[0].path, "Resources/Q/Properties/QueueName");
	assert_int_equal(s->stack_findings.items[0].pos.line, 11);
	assert_string_equal(stack_message(s, 1, FC_SSM_REF_MISSING),
			    "Parameters: [ssm:/app/made] cannot be found.");
	assert_non_null(strstr(s->stack_findings.items[1].fix, "parameter /app/made is created by "
			       "this stack (resource Made), but CloudFormation resolves"));
	assert_int_equal(fixture_resource(s, "Q")->status, STATUS_BLOCKED);
	assert_int_equal(fixture_resource(s, "Q")->blocked_by.n, 0);
	fixture_done(&fx);
}

/* A known String value becomes the property's value: the bucket is
 * created, named and referred to by the parameter's value. */
static void test_ssm_value_substituted(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	s = run(&fx, "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
		"    Properties: {BucketName: '{{resolve:ssm:/app/bucket}}'}\n"
		"  P:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: !Sub 'x-{{resolve:ssm:/app/bucket}}-{{resolve:ssm:/app/bucket:3}}'}\n"
		"Outputs:\n  Name: {Value: !Ref B}\n  Raw: {Value: '{{resolve:ssm:/app/nope}}'}\n");
	assert_int_equal(s->verdict, VERDICT_OK);
	assert_string_equal(fixture_resource(s, "B")->physical_id, "real-bucket-name");
	assert_string_equal(value_str(value_map_get(s->outputs, "Name")), "real-bucket-name");
	/* outputs keep the text: CloudFormation does not resolve them */
	assert_string_equal(value_str(value_map_get(s->outputs, "Raw")), "{{resolve:ssm:/app/nope}}");
	fixture_done(&fx);
}

static void test_ssm_misuse(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	s = run(&fx, "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
		"      Type: String\n      Value: '{{resolve:ssm:/app/bucket:prod}}'\n"
		"      Description: '{{resolve:ssm-secure:/app/secure:1}}'\n"
		"      Name: '{{resolve:ssm:/app/secure}}'\n"
		"  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
		"      DBInstanceClass: db.t3.micro\n      Engine: mysql\n      MasterUsername: admin\n"
		"      MasterUserPassword: '{{resolve:ssm-secure:/app/secure:1}}'\n"
		"      AllocatedStorage: '20'\n");
	assert_int_equal(s->stack_findings.n, 3);
	assert_string_equal(stack_message(s, 0, FC_DYNREF_FORMAT),
			    "Incorrect format is used in the following SSM reference: "
			    "[{{resolve:ssm:/app/bucket:prod}}]");
	assert_string_equal(stack_message(s, 1, FC_SSM_SECURE_PROPERTY),
			    "SSM Secure reference is not supported in: "
			    "[AWS::SSM::Parameter/Properties/Description]");
	assert_string_equal(stack_message(s, 2, FC_SSM_NOT_SECURE),
			    "Non-secure ssm prefix was used for secure parameter /app/secure");
	fixture_done(&fx);
}

/* References CloudFormation never uses: uncertain when they would fail. */
static void test_ssm_unused(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	s = run(&fx, "Parameters:\n  Env: {Type: String, Default: dev}\n"
		"  Old: {Type: String, Default: '{{resolve:ssm:/app/bucket}}'}\n"
		"Conditions:\n  Never: !Equals [a, b]\n"
		"Mappings:\n  M:\n    dev: {N: '{{resolve:ssm:/app/bucket}}'}\n"
		"    prod: {N: '{{resolve:ssm:/app/prod-only}}'}\n"
		"Resources:\n  T:\n    Type: AWS::SNS::Topic\n"
		"    Properties: {TopicName: !FindInMap [M, !Ref Env, N]}\n"
		"  Skipped:\n    Type: AWS::SNS::Topic\n    Condition: Never\n"
		"    Properties: {TopicName: '{{resolve:ssm:/app/off}}'}\n");
	assert_int_equal(s->stack_findings.n, 3);
	assert_string_equal(stack_message(s, 0, FC_DYNREF_UNDECIDED),
			    "SSM reference {{resolve:ssm:/app/off}} in resource Skipped, which is not "
			    "created (its Condition is false), names a parameter that does not "
			    "exist: whether CloudFormation resolves references it never uses is not "
			    "documented");
	assert_string_equal(stack_message(s, 1, FC_DYNREF_UNDECIDED),
			    "SSM reference {{resolve:ssm:/app/prod-only}} in a Mappings entry that "
			    "no Fn::FindInMap of a created resource selects, names a parameter that "
			    "does not exist: whether CloudFormation resolves references it never "
			    "uses is not documented");
	assert_string_equal(stack_message(s, 2, FC_SSM_VERSIONLESS_DEFAULT),
			    "Template error: parameter Old should not contain ssm versionless "
			    "resolver");
	assert_int_equal(s->verdict, VERDICT_FAIL);
	fixture_done(&fx);
}

/* 60 references pass, 61 fail the stack. */
static void test_reference_limit(void **state)
{
	struct strbuf t = STRBUF_INIT;
	struct stack_fixture fx;
	struct stack_result *s;
	int n, i;

	(void)state;
	for (n = 60; n <= 61; n++) {
		strbuf_reset(&t);
		strbuf_addstr(&t, "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n"
			      "      Tags:\n");
		for (i = 0; i < n; i++)
			strbuf_addf(&t, "        - {Key: k%d, Value: '{{resolve:ssm:/app/bucket}}'}\n", i);
		s = run(&fx, t.buf);
		if (n == 60) {
			assert_int_equal(s->verdict, VERDICT_OK);
		} else {
			assert_int_equal(s->stack_findings.n, 1);
			assert_string_equal(stack_message(s, 0, FC_DYNREF_LIMIT),
					    "The template holds 61 dynamic references; CloudFormation "
					    "allows up to 60 in a stack template");
		}
		fixture_done(&fx);
	}
	strbuf_release(&t);
}

static void test_secrets(void **state)
{
	static const char *const not_found = "Secrets Manager can't find the specified secret. "
		"(Service: AWSSecretsManager; Status Code: 400; Error Code: "
		"ResourceNotFoundException)";
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	s = run(&fx, "Resources:\n"
		"  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: app-db\n"
		"      GenerateSecretString: {SecretStringTemplate: '{\"user\": \"a\"}', GenerateStringKey: pw}\n"
		"  Ok:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:pw}}'}\n"
		"  BadKey:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:nokey}}'}\n"
		"  Race:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:app-db}}'}\n"
		"  Missing:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:nope}}'}\n"
		"  StateKey:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:github-token:SecretString:tok}}'}\n"
		"  Trap:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:my-super-secret}}'}\n"
		"  Cross:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:222222222222:secret:shared-AbCdEf:SecretString:password}}'}\n"
		"  Binary:\n    Type: AWS::SSM::Parameter\n"
		"    Properties: {Type: String, Value: '{{resolve:secretsmanager:x:SecretBinary}}'}\n");
	assert_int_equal(fixture_resource(s, "Ok")->status, STATUS_CREATE);
	fixture_assert_finding(&fixture_resource(s, "BadKey")->findings, FC_SECRET_KEY_MISSING,
			       "Could not find a value associated with JSONKey in SecretString");
	fixture_assert_finding(&fixture_resource(s, "Race")->findings, FC_SECRET_UNDECIDED,
			       "secret Secret is created by this stack, but Race does not depend on "
			       "it: CloudFormation may create Race first (nothing orders them), and "
			       "then the reference {{resolve:secretsmanager:app-db}} fails with: "
			       "Secrets Manager can't find the specified secret. (Service: "
			       "AWSSecretsManager; Status Code: 400; Error Code: "
			       "ResourceNotFoundException)");
	assert_int_equal(fixture_resource(s, "Race")->status, STATUS_UNCERTAIN);
	fixture_assert_finding(&fixture_resource(s, "Missing")->findings, FC_SECRET_MISSING,
			       not_found);
	fixture_assert_finding(&fixture_resource(s, "StateKey")->findings, FC_SECRET_KEY_MISSING,
			       "Could not find a value associated with JSONKey in SecretString");
	fixture_assert_finding(&fixture_resource(s, "Trap")->findings, FC_SECRET_MISSING, not_found);
	assert_non_null(strstr(fixture_resource(s, "Trap")->findings.items[0].fix,
			       "reads a name ending in a hyphen and six characters as a partial ARN"));
	assert_int_equal(fixture_resource(s, "Cross")->status, STATUS_CREATE);
	fixture_assert_finding(&fixture_resource(s, "Binary")->findings, FC_DYNREF_FORMAT,
			       "Incorrect format is used in the following Secrets Manager reference: "
			       "[{{resolve:secretsmanager:x:SecretBinary}}]");
	fixture_done(&fx);
}

static void test_images(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;
	struct res_result *r;
	size_t k;

	(void)state;
	s = run(&fx, "Resources:\n"
		"  Repo: {Type: AWS::ECR::Repository, Properties: {RepositoryName: fresh}}\n"
		"  Td:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n"
		"        - {Name: a, Image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v2}\n"
		"        - {Name: b, Image: !Sub '${Repo.RepositoryUri}:latest'}\n"
		"        - {Name: c, Image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v1}\n"
		"        - {Name: d, Image: 'nginx:1.25'}\n"
		"  Svc:\n    Type: AWS::ECS::Service\n"
		"    Properties: {ServiceName: web, Cluster: dev, TaskDefinition: !Ref Td, DesiredCount: 1}\n"
		"  Idle:\n    Type: AWS::ECS::Service\n"
		"    Properties: {Cluster: dev, TaskDefinition: !Ref Td, DesiredCount: 0}\n"
		"  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      PackageType: Image\n"
		"      Role: arn:aws:iam::111111111111:role/lambda-exec\n"
		"      Code: {ImageUri: 111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v3}\n"
		"  FnFar:\n    Type: AWS::Lambda::Function\n    Properties:\n      PackageType: Image\n"
		"      Role: arn:aws:iam::111111111111:role/lambda-exec\n"
		"      Code: {ImageUri: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/api:v1}\n");
	r = fixture_resource(s, "Svc");
	assert_int_equal(r->status, STATUS_FAIL);
	assert_int_equal(finding_list_errors(&r->findings), 2);
	k = (size_t)find_code(&r->findings, FC_IMAGE_MISSING);
	assert_string_equal(r->findings.items[k].message,
			    "Service arn:aws:ecs:us-east-1:111111111111:service/dev/web did not "
			    "stabilize. Task stopped: CannotPullContainerError: pull image manifest "
			    "has been retried 1 time(s): failed to resolve ref "
			    "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v2: "
			    "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v2: not found");
	/* the finding points at the task definition's Image line */
	assert_string_equal(r->findings.items[k].path,
			    "Resources/Td/Properties/ContainerDefinitions/0/Image");
	assert_int_equal(r->findings.items[k].pos.line, 7);
	assert_int_equal(r->findings.items[k + 1].code, FC_IMAGE_MISSING);
	assert_non_null(strstr(r->findings.items[k + 1].fix,
			       "repository fresh is created by stack app"));
	assert_int_equal(fixture_resource(s, "Idle")->status, STATUS_CREATE);
	fixture_assert_finding(&fixture_resource(s, "Fn")->findings, FC_IMAGE_MISSING,
			       "Source image 111111111111.dkr.ecr.us-east-1.amazonaws.com/api:v3 does "
			       "not exist. Provide a valid source image.");
	fixture_assert_finding(&fixture_resource(s, "FnFar")->findings, FC_IMAGE_MISSING,
			       "Source image 111111111111.dkr.ecr.eu-west-1.amazonaws.com/api:v1 is "
			       "not valid. Provide a valid source image.");
	fixture_done(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssm_missing_is_stack_level),
		cmocka_unit_test(test_ssm_value_substituted),
		cmocka_unit_test(test_ssm_misuse),
		cmocka_unit_test(test_ssm_unused),
		cmocka_unit_test(test_reference_limit),
		cmocka_unit_test(test_secrets),
		cmocka_unit_test(test_images),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
