/*
 * test_eval_fns.c - every example of the AWS documentation page of each
 * intrinsic function, with the documented result, plus the errors each
 * function reports and the same input fixed.  Pages are cited above each
 * test (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/...).
 */
#include "eval_harness.h"
#include "model/model.h"
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Runs text and asserts resource R's property P is want, with no errors. */
/* What the models say Ref of logical_id (of type) returns in the harness's
 * stack, as JSON text (new). */
static char *ref_of(const char *type, const char *logical_id)
{
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ms, type, &dl);
	struct model_sim sim = { logical_id, NULL, NULL, "teststack", "123456789012", "us-east-1",
				 "aws", SRCPOS_NONE };
	struct value *v;
	char *json;

	assert_non_null(m);
	sim.physical_id = NULL;
	{
		char *name = model_physical_name(m, &sim);
		sim.physical_id = name;
		v = model_ref_value(m, &sim);
		free(name);
	}
	json = to_json(v);
	value_free(v);
	model_set_free(ms);
	diag_clear(&dl);
	return json;
}

static void expect_prop(const char *text, const char *want)
{
	struct harness h;

	h_init(&h);
	h_run(&h, text);
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "P", want);
	h_done(&h);
}

/* Runs text and asserts exactly one error, with message msg, in the stack's
 * list (stack) or in the resources' list. */
static void expect_error(const char *text, bool stack, enum finding_code code, const char *msg)
{
	struct harness h;

	h_init(&h);
	h_run(&h, text);
	assert_one_finding(stack ? &h.fl : &h.rfl, code, msg);
	assert_int_equal(finding_list_errors(stack ? &h.rfl : &h.fl), 0);
	assert_non_null((stack ? &h.fl : &h.rfl)->items[0].fix);
	h_done(&h);
}

#define RITEM "  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: "
#define RES "Resources:\n" RITEM

/* intrinsic-function-reference-join.html: "a:b:c"; the Ref example with
 * AWS::Partition and AWS::AccountId; AWS::NoValue elements are dropped
 * (LocalStack's AWS-recorded join_no_value test). */
static void test_join(void **state)
{
	(void)state;
	expect_prop(RES "!Join [ \":\", [ a, b, c ] ]\n", "\"a:b:c\"");
	expect_prop(RES "!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::elasticbeanstalk-*-', "
		    "!Ref AWS::AccountId]]\n",
		    "\"arn:aws:s3:::elasticbeanstalk-*-123456789012\"");
	expect_prop(RES "!Join [',', [Sample, !Ref AWS::NoValue]]\n", "\"Sample\"");
	expect_prop(RES "!Join [',', [!Ref AWS::NoValue]]\n", "\"\"");
	expect_error(RES "!Join [',', [a, [b]]]\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: every Fn::Join object requires two parameters, (1) a string "
		     "delimiter and (2) a list of strings to be joined or a function that returns a "
		     "list of strings (such as Fn::GetAZs) to be joined.");
}

/* intrinsic-function-reference-select.html: "grapes"; a CommaDelimitedList
 * parameter (members trimmed); !Select [0, !GetAZs ""]. */
static void test_select(void **state)
{
	(void)state;
	expect_prop(RES "!Select [ \"1\", [ \"apples\", \"grapes\", \"oranges\", \"mangoes\" ] ]\n",
		    "\"grapes\"");
	expect_prop("Parameters:\n  DbSubnetIpBlocks:\n    Type: CommaDelimitedList\n"
		    "    Default: \"10.0.48.0/24, 10.0.112.0/24, 10.0.176.0/24\"\n"
		    RES "!Select [0, !Ref DbSubnetIpBlocks]\n", "\"10.0.48.0/24\"");
	expect_prop("Parameters:\n  DbSubnetIpBlocks:\n    Type: CommaDelimitedList\n"
		    "    Default: \"10.0.48.0/24, 10.0.112.0/24, 10.0.176.0/24\"\n"
		    RES "!Select [2, !Ref DbSubnetIpBlocks]\n", "\"10.0.176.0/24\"");
	expect_prop(RES "!Select [0, !GetAZs '']\n", "\"us-east-1a\"");
}

/* Out of range: a template error when the list is static, the resource's
 * CREATE_FAILED when the list is known only at create time (GetAZs). */
static void test_select_errors(void **state)
{
	(void)state;
	expect_error(RES "!Select [4, [a, b, c, d]]\n", true, FC_FUNCTION_ERROR,
		     "Template error: Fn::Select cannot select nonexistent value at index 4");
	expect_prop(RES "!Select [3, [a, b, c, d]]\n", "\"d\"");
	expect_error(RES "!Select [6, !GetAZs '']\n", false, FC_FUNCTION_ERROR,
		     "Template error: Fn::Select cannot select nonexistent value at index 6");
	expect_prop(RES "!Select [5, !GetAZs '']\n", "\"us-east-1f\"");
	expect_error(RES "!Select [x, [a]]\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: Fn::Select requires a list argument with a valid index value "
		     "as its first element");
	expect_error(RES "!Select [0]\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: Fn::Select requires a list argument with two elements: an "
		     "integer index and a list");
}

/* intrinsic-function-reference-split.html: "a|b|c", "a||c|", and the
 * third element of an imported comma-separated output. */
static void test_split(void **state)
{
	struct harness h;

	(void)state;
	expect_prop(RES "!Split [ \"|\" , \"a|b|c\" ]\n", "[\"a\",\"b\",\"c\"]");
	expect_prop(RES "!Split [ \"|\" , \"a||c|\" ]\n", "[\"a\",\"\",\"c\",\"\"]");
	h_init(&h);
	h_export(&h, "AccountSubnetIDs", "subnet-0a,subnet-0b,subnet-0c");
	h_run(&h, RES "!Select [2, !Split [\",\", !ImportValue AccountSubnetIDs]]\n");
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "P", "\"subnet-0c\"");
	h_done(&h);
}

/* intrinsic-function-reference-sub.html: the variable map with a Ref, the
 * pseudo parameters and a resource's logical id, ${!Literal}, and the
 * Fn::FindInMap variable of the Knowledge Center article on Fn::Sub. */
static void test_sub(void **state)
{
	char *vpc = ref_of("AWS::EC2::VPC", "vpc"), *want;

	(void)state;
	expect_prop("Parameters:\n  RootDomainName: {Type: String, Default: example123.com}\n"
		    RES "!Sub ['www.${Domain}', {Domain: !Ref RootDomainName}]\n",
		    "\"www.example123.com\"");
	vpc[strlen(vpc) - 1] = '\0'; /* the id without its JSON quotes */
	want = xstrfmt("\"arn:aws:ec2:us-east-1:123456789012:vpc/%s\"", vpc + 1);
	expect_prop("Resources:\n  vpc: {Type: AWS::EC2::VPC}\n  R:\n    Type: AWS::S3::Bucket\n"
		    "    Properties:\n      P: !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:"
		    "${AWS::AccountId}:vpc/${vpc}'\n", want);
	expect_prop(RES "!Sub 'echo ${!Literal} ${ AWS::Region }'\n", "\"echo ${Literal} us-east-1\"");
	expect_prop("Mappings:\n  LogGroupMapping: {Test: {Name: test_log_group}, Prod: {Name: prod_log_group}}\n"
		    RES "!Sub ['cloud_watch_${log_group_name}', {log_group_name: !FindInMap "
		    "[LogGroupMapping, Test, Name]}]\n", "\"cloud_watch_test_log_group\"");
	expect_error("Parameters:\n  L: {Type: CommaDelimitedList, Default: 'a,b'}\n"
		     RES "!Sub 'x-${L}'\n", true, FC_FUNCTION_ERROR,
		     "Template error: variable L in Fn::Sub expression does not resolve to a string");
	expect_error(RES "!Sub [a, b, c]\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: One or more Fn::Sub intrinsic functions don't specify expected "
		     "arguments. Specify a string as first argument, and an optional second argument "
		     "to specify a mapping of values to replace in the string");
	free(want);
	free(vpc);
}

/* intrinsic-function-reference-base64.html: the page gives no result;
 * this is the standard Base64 of "AWS CloudFormation". */
static void test_base64(void **state)
{
	(void)state;
	expect_prop(RES "!Base64 \"AWS CloudFormation\"\n", "\"QVdTIENsb3VkRm9ybWF0aW9u\"");
	expect_prop(RES "!Base64 a\n", "\"YQ==\"");
	expect_prop(RES "!Base64 ab\n", "\"YWI=\"");
}

/* intrinsic-function-reference-cidr.html: "6 CIDRs with a subnet mask /27"
 * inside 192.168.0.0/24; the IPv6 example (/64s of a VPC's /56); and
 * 192.168.0.0/16, 2, 8 as MiniStack measured it. */
static void test_cidr(void **state)
{
	const char *err = NULL;
	struct value *v;
	char *json;

	(void)state;
	expect_prop(RES "!Cidr [ \"192.168.0.0/24\", 6, 5 ]\n",
		    "[\"192.168.0.0/27\",\"192.168.0.32/27\",\"192.168.0.64/27\",\"192.168.0.96/27\","
		    "\"192.168.0.128/27\",\"192.168.0.160/27\"]");
	expect_prop(RES "!Cidr [ \"192.168.0.0/16\", \"2\", \"8\" ]\n",
		    "[\"192.168.0.0/24\",\"192.168.1.0/24\"]");
	expect_prop(RES "!Select [0, !Cidr [10.0.0.0/16, 1, 8]]\n", "\"10.0.0.0/24\"");
	v = eval_cidr(SRCPOS_NONE, "2600:1f14:abc:de00::/56", 2, 64, &err);
	assert_non_null(v);
	json = to_json(v);
	assert_string_equal(json, "[\"2600:1f14:abc:de00::/64\",\"2600:1f14:abc:de01::/64\"]");
	free(json);
	value_free(v);
	expect_error(RES "!Cidr [ \"192.168.0.0/24\", 9, 5 ]\n", true, FC_FUNCTION_ERROR,
		     "Template error: the block is too small for that many subnets of that size");
	expect_prop(RES "!Select [7, !Cidr [ \"192.168.0.0/24\", 8, 5 ]]\n", "\"192.168.0.224/27\"");
	expect_error(RES "!Cidr [ \"192.168.0.0/24\", 0, 5 ]\n", true, FC_FUNCTION_ERROR,
		     "Template error: the count of Fn::Cidr must be between 1 and 256");
}

/* intrinsic-function-reference-getavailabilityzones.html: "", Ref
 * AWS::Region and "us-east-1" give the same list in us-east-1.  The page
 * shows four zones (its account's); the simulator's default data has the
 * six of moto's table (see azs.c).  Another region gives an empty list. */
static void test_getazs(void **state)
{
	const char *want = "[\"us-east-1a\",\"us-east-1b\",\"us-east-1c\",\"us-east-1d\","
			   "\"us-east-1e\",\"us-east-1f\"]";

	(void)state;
	expect_prop(RES "{ \"Fn::GetAZs\" : \"\" }\n", want);
	expect_prop(RES "{ \"Fn::GetAZs\" : { \"Ref\" : \"AWS::Region\" } }\n", want);
	expect_prop(RES "{ \"Fn::GetAZs\" : \"us-east-1\" }\n", want);
	expect_prop(RES "!GetAZs\n", want);
	expect_prop(RES "!GetAZs eu-west-1\n", "[]");
}

/* intrinsic-function-reference-findinmap.html: the RegionMap example;
 * the missing-key message recorded against AWS (LocalStack). */
static void test_findinmap(void **state)
{
	static const char *maps =
		"Mappings:\n  RegionMap:\n"
		"    us-east-1: {HVM64: ami-0ff8a91507f77f867, HVMG2: ami-0a584ac55a7631c0c}\n"
		"    us-west-1: {HVM64: ami-0bdb828fd58c52235, HVMG2: ami-066ee5fd4a9ef77f1}\n";
	char *text = xstrfmt("%s%s", maps, RES "!FindInMap [RegionMap, !Ref 'AWS::Region', HVM64]\n");

	(void)state;
	expect_prop(text, "\"ami-0ff8a91507f77f867\"");
	free(text);
	text = xstrfmt("%s%s", maps, RES "!FindInMap [RegionMap, !Ref 'AWS::Region', HVM32]\n");
	expect_error(text, true, FC_MAPPING_ERROR,
		     "Template error: Unable to get mapping for RegionMap::us-east-1::HVM32");
	free(text);
	text = xstrfmt("%s%s", maps, RES "!FindInMap [Regions, !Ref 'AWS::Region', HVM64]\n");
	expect_error(text, true, FC_MAPPING_ERROR,
		     "Template error: Mapping named 'Regions' is not present in the 'Mappings' "
		     "section of template");
	free(text);
	expect_error(RES "!FindInMap [A, B]\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: every Fn::FindInMap object requires three parameters, the map "
		     "name, map key and the attribute for return value");
}

/* intrinsic-function-reference-findinmap-enhancements.html: DefaultValue
 * when the keys are missing (AWS::LanguageExtensions only). */
static void test_findinmap_default(void **state)
{
	static const char *le =
		"Transform: AWS::LanguageExtensions\n"
		"Mappings:\n  InstanceConfiguration:\n    us-west-2: {Type: m5.large}\n";
	char *text = xstrfmt("%s%s", le, RES "!FindInMap [InstanceConfiguration, !Ref "
			     "'AWS::Region', Type, {DefaultValue: m5.small}]\n");

	(void)state;
	expect_prop(text, "\"m5.small\"");
	free(text);
	expect_error("Mappings:\n  M: {a: {b: c}}\n" RES "!FindInMap [M, x, y, {DefaultValue: d}]\n",
		     true, FC_MALFORMED_FUNCTION,
		     "Template error: every Fn::FindInMap object requires three parameters, the map "
		     "name, map key and the attribute for return value");
}

/* intrinsic-function-reference-conditions.html (Fn::If): a resource Ref
 * chosen by the condition, and AWS::NoValue removing the property. */
static void test_if(void **state)
{
	static const char *t =
		"Parameters:\n  UseSnap: {Type: String, Default: 'false'}\n"
		"  DBSnapshotName: {Type: String, Default: snap-1}\n"
		"Conditions:\n  UseDBSnapshot: !Equals [!Ref UseSnap, 'true']\n"
		"Resources:\n  R:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
		"      P: !If [UseDBSnapshot, !Ref DBSnapshotName, !Ref 'AWS::NoValue']\n"
		"      Q: [a, !If [UseDBSnapshot, b, !Ref 'AWS::NoValue'], c]\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "P", "<none>");
	h_assert_prop(&h, "R", "Q", "[\"a\",\"c\"]");
	h_done(&h);
	h_init(&h);
	h_param(&h, "UseSnap", "true");
	h_run(&h, t);
	h_assert_prop(&h, "R", "P", "\"snap-1\"");
	h_assert_prop(&h, "R", "Q", "[\"a\",\"b\",\"c\"]");
	h_done(&h);
	expect_error(RES "!If [Nope, a, b]\n", true, FC_UNDEFINED_CONDITION,
		     "Template error: unresolved condition dependency Nope in Fn::If");
}

/* intrinsic-function-reference-importvalue.html: the export name built
 * with Fn::Sub; a missing export fails the stack. */
static void test_importvalue(void **state)
{
	static const char *t =
		"Parameters:\n  NetworkStackNameParameter: {Type: String, Default: net}\n"
		RES "{ \"Fn::ImportValue\" : {\"Fn::Sub\": \"${NetworkStackNameParameter}-SecurityGroupID\"} }\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h_export(&h, "net-SecurityGroupID", "sg-0123");
	h_run(&h, t);
	h_assert_clean(&h);
	h_assert_prop(&h, "R", "P", "\"sg-0123\"");
	h_done(&h);
	expect_error(t, true, FC_EXPORT_MISSING, "No export named net-SecurityGroupID found.");
	expect_error("Resources:\n  Q: {Type: AWS::SNS::Topic}\n" RITEM "!ImportValue {'Fn::GetAtt': [Q, TopicName]}\n",
		     true, FC_MALFORMED_FUNCTION,
		     "Template error: the attribute in Fn::ImportValue must not depend on any "
		     "resources, imported values, or Fn::GetAZs");
}

/* intrinsic-function-reference-getatt.html and -ref.html: Ref of a
 * resource is its physical id (what the type's model says; an Elastic IP's
 * Ref is its address, allocated at create time, so unknown); an attribute
 * is unknown until the resource exists, except those computable from its
 * name (an S3 bucket's Arn). */
static void test_ref_getatt(void **state)
{
	char *want = ref_of("AWS::SQS::Queue", "myQueue");

	(void)state;
	expect_prop("Resources:\n  myQueue: {Type: AWS::SQS::Queue}\n" RITEM "!Ref myQueue\n", want);
	assert_non_null(strstr(want, "https://sqs.us-east-1.amazonaws.com/123456789012/teststack-myQueue-"));
	expect_prop("Resources:\n  myEIP: {Type: AWS::EC2::EIP}\n" RITEM "!Ref myEIP\n",
		    "{\"$unknown\":\"Ref of myEIP (AWS::EC2::EIP) returns a compound identifier that "
		    "cfn-dryrun does not model\"}");
	expect_prop("Resources:\n  myELB: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n"
		    RITEM "!GetAtt myELB.DNSName\n",
		    "{\"$unknown\":\"myELB.DNSName is known only once AWS has created the resource\"}");
	expect_prop("Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {BucketName: logs-1}}\n"
		    RITEM "!GetAtt [B, Arn]\n", "\"arn:aws:s3:::logs-1\"");
	expect_prop("Parameters:\n  InstanceTypeParameter: {Type: String, Default: t2.micro}\n"
		    RES "!Ref InstanceTypeParameter\n", "\"t2.micro\"");
	expect_error(RES "{'Fn::GetAtt': [R]}\n", true, FC_MALFORMED_FUNCTION,
		     "Template error: every Fn::GetAtt object requires two non-empty parameters, the "
		     "resource name and the resource attribute");
	free(want);
}

/* intrinsic-function-reference-length.html and -ToJsonString.html
 * (AWS::LanguageExtensions).  The ToJsonString page's printed results do
 * not match its inputs (see the notes); compact JSON in key order is what
 * was measured. */
static void test_language_extensions_functions(void **state)
{
	(void)state;
	expect_prop("Transform: AWS::LanguageExtensions\n" RES "{'Fn::Length': {'Fn::Split': ['|', 'a|b|c']}}\n", "3");
	expect_prop("Transform: AWS::LanguageExtensions\nParameters:\n  ParameterName: {Type: String, Default: x}\n"
		    RES "{'Fn::Length': [1, {Ref: ParameterName}, 3]}\n", "3");
	expect_prop("Transform: AWS::LanguageExtensions\nParameters:\n  ListParameter: {Type: CommaDelimitedList, Default: 'a,b'}\n"
		    RES "{'Fn::Length': {Ref: ListParameter}}\n", "2");
	expect_prop("Transform: AWS::LanguageExtensions\nParameters:\n  ParameterName: {Type: String, Default: resolvedValue}\n"
		    RES "{'Fn::ToJsonString': {key1: value1, key2: {Ref: ParameterName}}}\n",
		    "\"{\\\"key1\\\":\\\"value1\\\",\\\"key2\\\":\\\"resolvedValue\\\"}\"");
	expect_prop("Transform: AWS::LanguageExtensions\n" RES "{'Fn::ToJsonString': [a, b, c]}\n",
		    "\"[\\\"a\\\",\\\"b\\\",\\\"c\\\"]\"");
	expect_error(RES "{'Fn::Length': [1, 2]}\n", true, FC_UNSUPPORTED_FUNCTION,
		     "Template Error: Encountered unsupported function: Fn::Length Supported "
		     "functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, "
		     "Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::If, Fn::Sub, Fn::Cidr, "
		     "Fn::Transform]");
}

/* intrinsic-function-reference-foreach.html: the SNS topics example and
 * the nested-loop example with a Ref whose name is a Fn::Sub. */
static void test_foreach(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, "Transform: AWS::LanguageExtensions\nResources:\n"
		  "  Fn::ForEach::Topics:\n    - TopicName\n    - [Success, Failure, Timeout, Unknown]\n"
		  "    - 'SnsTopic${TopicName}':\n        Type: AWS::SNS::Topic\n"
		  "        Properties:\n          TopicName: !Ref TopicName\n"
		  "          FifoTopic: true\n");
	h_assert_clean(&h);
	assert_int_equal(h.t->n_resources, 4);
	h_assert_prop(&h, "SnsTopicSuccess", "TopicName", "\"Success\"");
	h_assert_prop(&h, "SnsTopicFailure", "TopicName", "\"Failure\"");
	h_assert_prop(&h, "SnsTopicTimeout", "TopicName", "\"Timeout\"");
	h_assert_prop(&h, "SnsTopicUnknown", "TopicName", "\"Unknown\"");
	h_done(&h);

	h_init(&h);
	h_run(&h, "Transform: AWS::LanguageExtensions\nResources:\n"
		  "  Fn::ForEach::SubnetTypes:\n    - Prefix\n    - [Transit, Public]\n"
		  "    - Nacl${Prefix}Subnet:\n        Type: AWS::EC2::NetworkAcl\n"
		  "      Fn::ForEach::Subnets:\n        - Suffix\n        - [A, B]\n"
		  "        - ${Prefix}Subnet${Suffix}:\n            Type: AWS::EC2::Subnet\n"
		  "          Nacl${Prefix}Subnet${Suffix}Assoc:\n"
		  "            Type: AWS::EC2::SubnetNetworkAclAssociation\n"
		  "            Properties:\n              SubnetId: !Ref {'Fn::Sub': '${Prefix}Subnet${Suffix}'}\n"
		  "              NetworkAclId: !Ref {'Fn::Sub': 'Nacl${Prefix}Subnet'}\n");
	h_assert_clean(&h);
	assert_int_equal(h.t->n_resources, 10);
	assert_true(template_resource_index(h.t, "PublicSubnetB") >= 0);
	{
		char *want = ref_of("AWS::EC2::Subnet", "TransitSubnetA");
		h_assert_prop(&h, "NaclTransitSubnetAAssoc", "SubnetId", want);
		free(want);
	}
	h_done(&h);
	expect_error("Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::X: [a, b]\n"
		     "  R: {Type: AWS::SNS::Topic}\n", true, FC_FOREACH_ERROR,
		     "Transform AWS::LanguageExtensions failed with: Fn::ForEach layout is incorrect");
}

/* Unknown is a value: anything computed from an unknown is unknown. */
static void test_unknown_propagates(void **state)
{
	(void)state;
	expect_prop("Resources:\n  E: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n"
		    RITEM "!Join ['', ['http://', !GetAtt E.DNSName, /x]]\n",
		    "{\"$unknown\":\"E.DNSName is known only once AWS has created the resource\"}");
	expect_prop("Resources:\n  E: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n"
		    RITEM "!Select [1, !Split ['.', !GetAtt E.DNSName]]\n",
		    "{\"$unknown\":\"E.DNSName is known only once AWS has created the resource\"}");
	expect_prop("Resources:\n  E: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n"
		    RITEM "!Sub 'x-${E.DNSName}'\n",
		    "{\"$unknown\":\"E.DNSName is known only once AWS has created the resource\"}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_select_errors),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_sub),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_getazs),
		cmocka_unit_test(test_findinmap),
		cmocka_unit_test(test_findinmap_default),
		cmocka_unit_test(test_if),
		cmocka_unit_test(test_importvalue),
		cmocka_unit_test(test_ref_getatt),
		cmocka_unit_test(test_language_extensions_functions),
		cmocka_unit_test(test_foreach),
		cmocka_unit_test(test_unknown_propagates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
