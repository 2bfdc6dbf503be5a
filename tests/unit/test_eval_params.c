/*
 * test_eval_params.c - parameter binding and every constraint with
 * CloudFormation's exact message (parameters-section-structure.html and
 * /work/notes/cfn-messages-template.md section 2), each next to the fixed
 * value passing; and the pseudo parameters of pseudo-parameter-reference.html.
 */
#include "eval_harness.h"
#include "engine/physid.h"

#include <stdlib.h>
#include <string.h>

#define R "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: "

/* Runs text with parameter name=value (name NULL: none). */
static void run1(struct harness *h, const char *text, const char *name, const char *value)
{
	h_init(h);
	if (name)
		h_param(h, name, value);
	h_run(h, text);
}

/* Asserts one stack finding code/msg with name=bad, and none with name=good. */
static void constraint(const char *text, const char *name, const char *bad, const char *good,
		       enum finding_code code, const char *msg)
{
	struct harness h;

	run1(&h, text, name, bad);
	assert_one_finding(&h.fl, code, msg);
	assert_non_null(h.fl.items[find_code(&h.fl, code)].fix);
	h_done(&h);
	run1(&h, text, name, good);
	h_assert_clean(&h);
	h_done(&h);
}

static void test_allowed_values(void **state)
{
	(void)state;
	constraint("Parameters:\n  InsufficientDataHealthStatus: {Type: String, AllowedValues: [Healthy, Unhealthy]}\n"
		   R "!Ref InsufficientDataHealthStatus\n", "InsufficientDataHealthStatus", "Maybe", "Healthy",
		   FC_PARAM_CONSTRAINT, "Parameter 'InsufficientDataHealthStatus' must be one of AllowedValues");
}

static void test_allowed_pattern(void **state)
{
	(void)state;
	constraint("Parameters:\n  P: {Type: String, AllowedPattern: '^[a-z]+$'}\n" R "!Ref P\n",
		   "P", "abc1", "abc", FC_PARAM_CONSTRAINT, "Parameter 'P' must match pattern ^[a-z]+$");
	/* the pattern must match the whole value */
	constraint("Parameters:\n  P: {Type: String, AllowedPattern: '[a-z]+'}\n" R "!Ref P\n",
		   "P", "abc-", "abc", FC_PARAM_CONSTRAINT, "Parameter 'P' must match pattern [a-z]+");
}

static void test_lengths(void **state)
{
	(void)state;
	constraint("Parameters:\n  XYZ: {Type: String, MinLength: 3}\n" R "!Ref XYZ\n",
		   "XYZ", "ab", "abc", FC_PARAM_CONSTRAINT, "Parameter 'XYZ' must contain at least 3 characters");
	constraint("Parameters:\n  XYZ: {Type: String, MaxLength: '4'}\n" R "!Ref XYZ\n",
		   "XYZ", "abcde", "abcd", FC_PARAM_CONSTRAINT, "Parameter 'XYZ' must contain at most 4 characters");
	/* AllowedPattern is checked before MinLength */
	constraint("Parameters:\n  XYZ: {Type: String, MinLength: 3, AllowedPattern: '[0-9]*'}\n" R "!Ref XYZ\n",
		   "XYZ", "a", "123", FC_PARAM_CONSTRAINT, "Parameter 'XYZ' must match pattern [0-9]*");
}

static void test_numbers(void **state)
{
	(void)state;
	constraint("Parameters:\n  NumberParameter: {Type: Number}\n" R "!Ref NumberParameter\n",
		   "NumberParameter", "ten", "10", FC_PARAM_CONSTRAINT,
		   "Parameter 'NumberParameter' must be a number.");
	constraint("Parameters:\n  AvailabilityZoneCount: {Type: Number, MinValue: 1, MaxValue: 4}\n" R "!Ref AvailabilityZoneCount\n",
		   "AvailabilityZoneCount", "0", "1", FC_PARAM_CONSTRAINT,
		   "Parameter 'AvailabilityZoneCount' must be a number not less than 1");
	constraint("Parameters:\n  AvailabilityZoneCount: {Type: Number, MinValue: 1, MaxValue: 4}\n" R "!Ref AvailabilityZoneCount\n",
		   "AvailabilityZoneCount", "4.5", "4", FC_PARAM_CONSTRAINT,
		   "Parameter 'AvailabilityZoneCount' must be a number not greater than 4");
	constraint("Parameters:\n  Ports: {Type: 'List<Number>'}\n" R "!Ref Ports\n",
		   "Ports", "80,http", "80, 443", FC_PARAM_CONSTRAINT, "Parameter 'Ports' must be a number.");
}

static void test_constraint_description(void **state)
{
	(void)state;
	constraint("Parameters:\n  RDGWCIDR:\n    Type: String\n    AllowedPattern: '^[0-9./]+$'\n"
		   "    ConstraintDescription: CIDR block parameter must be in the form x.x.x.x/x\n"
		   R "!Ref RDGWCIDR\n", "RDGWCIDR", "any", "10.0.0.0/16", FC_PARAM_CONSTRAINT,
		   "Parameter RDGWCIDR failed to satisfy constraint: CIDR block parameter must be "
		   "in the form x.x.x.x/x");
}

static void test_missing_and_undeclared(void **state)
{
	struct harness h;

	(void)state;
	run1(&h, "Parameters:\n  ArtifactPath: {Type: String}\n  ConfigS3Bucket: {Type: String}\n"
		 "  Opt: {Type: String, Default: x}\n" R "!Ref Opt\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_MISSING, "Parameters: [ArtifactPath, ConfigS3Bucket] must have values");
	h_done(&h);
	run1(&h, "Parameters:\n  Opt: {Type: String, Default: x}\n" R "!Ref Opt\n",
	     "TargetECRRepositoryName", "repo");
	assert_one_finding(&h.fl, FC_PARAM_UNDECLARED,
			   "Parameters: [TargetECRRepositoryName] do not exist in the template");
	h_done(&h);
	run1(&h, R "x\n", "Opt", "x");
	assert_one_finding(&h.fl, FC_PARAM_UNDECLARED,
			   "Parameter values specified for a template which does not require them.");
	h_done(&h);
	run1(&h, "Parameters:\n  Opt: {Type: String, Default: x}\n" R "!Ref Opt\n", "Opt", "y");
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "P", "\"y\"");
	h_done(&h);
}

static void test_definitions(void **state)
{
	struct harness h;

	(void)state;
	run1(&h, "Parameters:\n  A: {Default: x}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_DEFINITION,
			   "Template format error: Every Parameters object must contain a Type member.");
	h_done(&h);
	run1(&h, "Parameters:\n  A: {Type: Strin, Default: x}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_DEFINITION, "Template format error: Unrecognized parameter type: Strin");
	h_done(&h);
	run1(&h, "Parameters:\n  A: {Type: String, Default: !Ref AWS::Region}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_DEFINITION, "Template format error: Every Default member must be a string.");
	h_done(&h);
	run1(&h, "Parameters:\n  A: {Type: String, Default: x, Defualt: y}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_DEFINITION, "Invalid template parameter property 'Defualt'");
	h_done(&h);
	run1(&h, "Parameters:\n  A: {Type: 'List<AWS::EC2::KeyPair::KeyName>', Default: x}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_DEFINITION,
			   "Template format error: Unrecognized parameter type: List<AWS::EC2::KeyPair::KeyName>");
	h_done(&h);
}

/* Ref gives a Number as a string and list types as lists of trimmed
 * strings ("test,dev,prod"; "80,20"). */
static void test_bound_values(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_param(&h, "Envs", "test, dev ,prod");
	h_param(&h, "Ports", "80,20");
	h_run(&h, "Parameters:\n  Envs: {Type: CommaDelimitedList}\n  Ports: {Type: 'List<Number>'}\n"
		  "  N: {Type: Number, Default: 8080}\n"
		  "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
		  "      E: !Ref Envs\n      Q: !Ref Ports\n      N: !Ref N\n");
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "E", "[\"test\",\"dev\",\"prod\"]");
	h_assert_prop(&h, "R", "Q", "[\"80\",\"20\"]");
	h_assert_prop(&h, "R", "N", "\"8080\"");
	h_done(&h);
}

/* AWS-specific types: the hook says whether the value exists. */
static void test_aws_specific(void **state)
{
	static const char *t = "Parameters:\n  KeyName: {Type: 'AWS::EC2::KeyPair::KeyName'}\n" R "!Ref KeyName\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h.exists = 0;
	h_param(&h, "KeyName", "transin-ravi-west-1.pem");
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_PARAM_NOT_FOUND,
			   "Parameter validation failed: parameter value transin-ravi-west-1.pem for "
			   "parameter name KeyName does not exist.");
	h_done(&h);
	h_init(&h);
	h.exists = 1;
	h_param(&h, "KeyName", "transin-ravi-west-1.pem");
	h_run(&h, t);
	h_assert_clean(&h);
	assert_false(eval_stack_uncertain(h.ev));
	h_done(&h);
	h_init(&h); /* unknown: uncertain, not a failure */
	h_param(&h, "KeyName", "k");
	h_run(&h, t);
	h_assert_clean(&h);
	assert_int_equal(find_code(&h.fl, FC_PARAM_UNVERIFIED), 0);
	assert_true(eval_stack_uncertain(h.ev));
	h_done(&h);
	h_init(&h); /* an empty value never exists */
	h_param(&h, "KeyName", "");
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_PARAM_NOT_FOUND,
			   "Parameter validation failed: parameter value for parameter name KeyName "
			   "does not exist.");
	h_done(&h);
}

/* SSM types: the value comes from Parameter Store through the hook. */
static void test_ssm(void **state)
{
	static const char *t =
		"Parameters:\n  Kms: {Type: 'AWS::SSM::Parameter::Value<String>', Default: kms_arn}\n"
		"  Subnets: {Type: 'AWS::SSM::Parameter::Value<List<String>>', Default: /net/subnets}\n"
		"Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      K: !Ref Kms\n"
		"      S: !Ref Subnets\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h_ssm(&h, "/net/subnets", "subnet-1,subnet-2");
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_SSM_PARAM_MISSING,
			   "Unable to fetch parameters [kms_arn] from parameter store for this account.");
	h_done(&h);
	h_init(&h);
	h_ssm(&h, "/net/subnets", "subnet-1,subnet-2");
	h_ssm(&h, "kms_arn", "arn:aws:kms:us-east-1:123456789012:key/k");
	h_run(&h, t);
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "K", "\"arn:aws:kms:us-east-1:123456789012:key/k\"");
	h_assert_prop(&h, "R", "S", "[\"subnet-1\",\"subnet-2\"]");
	h_done(&h);
	run1(&h, "Parameters:\n  InputValue: {Type: 'AWS::SSM::Parameter::Value<String>'}\n" R "x\n", NULL, NULL);
	assert_one_finding(&h.fl, FC_PARAM_MISSING,
			   "Parameter InputValue should either have input value or default value");
	h_done(&h);
}

/* pseudo-parameter-reference.html: every pseudo parameter; AWS::Partition
 * and AWS::URLSuffix from the region; AWS::StackId in the documented
 * format; AWS::NotificationARNs a list; AWS::NoValue removes. */
static void test_pseudo_parameters(void **state)
{
	static const char *t =
		"Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
		"      A: !Ref AWS::AccountId\n      N: !Ref AWS::NotificationARNs\n"
		"      P: !Ref AWS::Partition\n      G: !Ref AWS::Region\n      I: !Ref AWS::StackId\n"
		"      S: !Ref AWS::StackName\n      U: !Ref AWS::URLSuffix\n      V: !Ref AWS::NoValue\n";
	struct harness h;
	char *id;

	(void)state;
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "A", "\"123456789012\"");
	h_assert_prop(&h, "R", "N", "[]");
	h_assert_prop(&h, "R", "P", "\"aws\"");
	h_assert_prop(&h, "R", "G", "\"us-east-1\"");
	h_assert_prop(&h, "R", "S", "\"teststack\"");
	h_assert_prop(&h, "R", "U", "\"amazonaws.com\"");
	h_assert_prop(&h, "R", "V", "<none>");
	id = h_prop(&h, "R", "I");
	/* arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/8-4-4-4-12 hex */
	assert_int_equal(strlen(id), strlen("\"arn:aws:cloudformation:us-east-1:123456789012:stack/teststack/51af3dc0-da77-11e4-872e-1234567db123\""));
	assert_int_equal(strncmp(id, "\"arn:aws:cloudformation:us-east-1:123456789012:stack/teststack/", 63), 0);
	assert_true(id[71] == '-' && id[76] == '-' && id[81] == '-' && id[86] == '-');
	free(id);
	h_done(&h);

	h_init(&h);
	free(h.region);
	h.region = strdup("cn-north-1");
	h_run(&h, t);
	h_assert_prop(&h, "R", "P", "\"aws-cn\"");
	h_assert_prop(&h, "R", "U", "\"amazonaws.com.cn\"");
	h_done(&h);
	h_init(&h);
	free(h.region);
	h.region = strdup("us-gov-west-1");
	h_run(&h, t);
	h_assert_prop(&h, "R", "P", "\"aws-us-gov\"");
	h_assert_prop(&h, "R", "U", "\"amazonaws.com\"");
	h_done(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed_values),
		cmocka_unit_test(test_allowed_pattern),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_constraint_description),
		cmocka_unit_test(test_missing_and_undeclared),
		cmocka_unit_test(test_definitions),
		cmocka_unit_test(test_bound_values),
		cmocka_unit_test(test_aws_specific),
		cmocka_unit_test(test_ssm),
		cmocka_unit_test(test_pseudo_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
