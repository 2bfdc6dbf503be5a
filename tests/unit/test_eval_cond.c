/*
 * test_eval_cond.c - conditions (intrinsic-function-reference-conditions.html
 * examples), resources and outputs whose Condition is false, the Rules
 * section (rules-section-structure.html example), the Mappings section's
 * shape, and outputs with their exports; each error next to the fixed input.
 */
#include "eval_harness.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static enum eval_tri cond_of(struct harness *h, const char *id)
{
	const char *reason;
	long i = template_resource_index(h->t, id);

	assert_true(i >= 0);
	return eval_resource_condition(h->ev, (size_t)i, &reason);
}

/* The documented examples: Fn::Equals, Fn::And, Fn::Or, Fn::Not and a
 * Condition naming another one. */
static void test_condition_functions(void **state)
{
	static const char *t =
		"Parameters:\n  EnvironmentType: {Type: String, Default: prod}\n"
		"  ASecurityGroup: {Type: String, Default: sg-mysggroup}\n"
		"Conditions:\n"
		"  UseProdCondition: !Equals [!Ref EnvironmentType, prod]\n"
		"  SomeOtherCondition: !Not [!Equals [!Ref EnvironmentType, dev]]\n"
		"  MyAndCondition: !And [!Equals [sg-mysggroup, !Ref ASecurityGroup], !Condition SomeOtherCondition]\n"
		"  MyOrCondition: !Or [!Equals [sg-other, !Ref ASecurityGroup], !Condition SomeOtherCondition]\n"
		"  MyNotCondition: !Not [!Equals [!Ref EnvironmentType, prod]]\n"
		"Resources:\n"
		"  A: {Type: AWS::SNS::Topic, Condition: UseProdCondition}\n"
		"  B: {Type: AWS::SNS::Topic, Condition: MyAndCondition}\n"
		"  C: {Type: AWS::SNS::Topic, Condition: MyOrCondition}\n"
		"  D: {Type: AWS::SNS::Topic, Condition: MyNotCondition}\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	assert_int_equal(cond_of(&h, "A"), EVAL_TRUE);
	assert_int_equal(cond_of(&h, "B"), EVAL_TRUE);
	assert_int_equal(cond_of(&h, "C"), EVAL_TRUE);
	assert_int_equal(cond_of(&h, "D"), EVAL_FALSE);
	h_done(&h);
	h_init(&h);
	h_param(&h, "EnvironmentType", "dev");
	h_param(&h, "ASecurityGroup", "sg-x");
	h_run(&h, t);
	assert_int_equal(cond_of(&h, "A"), EVAL_FALSE);
	assert_int_equal(cond_of(&h, "B"), EVAL_FALSE);
	assert_int_equal(cond_of(&h, "C"), EVAL_FALSE);
	assert_int_equal(cond_of(&h, "D"), EVAL_TRUE);
	h_done(&h);
}

/* A condition on a value the state does not give is unknown, never a guess;
 * And with a false operand is still false. */
static void test_unknown_condition(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, "Parameters:\n  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', "
		  "Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}\n"
		  "  Env: {Type: String, Default: dev}\n"
		  "Conditions:\n  Custom: !Equals [!Ref Ami, ami-123]\n"
		  "  Both: !And [!Condition Custom, !Equals [!Ref Env, prod]]\n"
		  "Resources:\n  A: {Type: AWS::SNS::Topic, Condition: Custom}\n"
		  "  B: {Type: AWS::SNS::Topic, Condition: Both}\n");
	h_assert_clean(&h);
	assert_int_equal(cond_of(&h, "A"), EVAL_UNKNOWN);
	assert_int_equal(cond_of(&h, "B"), EVAL_FALSE);
	h_done(&h);
}

static void test_condition_errors(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, "Resources:\n  A: {Type: AWS::SNS::Topic, Condition: ListenForHttps}\n");
	assert_one_finding(&h.fl, FC_UNDEFINED_CONDITION,
			   "Template format error: Condition ListenForHttps is not defined.");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Conditions:\n  C: !Equals [!Ref myInstance1, x]\n"
		  "Resources:\n  myInstance1: {Type: AWS::EC2::Instance}\n");
	assert_one_finding(&h.fl, FC_CONDITION_REFERENCE,
			   "Template format error: Unresolved dependencies [myInstance1]. Cannot "
			   "reference resources in the Conditions block of the template");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n"
		  "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_CONDITION_REFERENCE,
			   "Template error: Found circular condition dependency: A");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Conditions:\n  A: !And [!Equals [a, a]]\nResources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_MALFORMED_FUNCTION,
			   "Template error: every Fn::And object requires a list of at least 2 and at "
			   "most 10 boolean parameters.");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Conditions:\n  A: !Equals [!ImportValue x, a]\nResources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_UNSUPPORTED_FUNCTION,
			   "Template error: Cannot use Fn::ImportValue in Conditions");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Conditions:\n  A: !Condition B\nResources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_UNDEFINED_CONDITION,
			   "Template format error: Unresolved condition dependencies [B] in the "
			   "Conditions block of the template");
	h_done(&h);
}

/* Ref/GetAtt to a resource whose Condition is false, from an unconditional
 * resource or output; the same reference inside Fn::If on that condition
 * is fine; a conditional output of it is omitted. */
static void test_skipped_references(void **state)
{
	static const char *head =
		"Parameters:\n  Enable: {Type: String, Default: 'no'}\n"
		"Conditions:\n  Create: !Equals [!Ref Enable, 'yes']\n"
		"Resources:\n  Analytics: {Type: AWS::SNS::Topic, Condition: Create}\n";
	struct harness h;
	char *t;

	(void)state;
	t = xstrfmt("%s  User:\n    Type: AWS::SQS::Queue\n    Properties:\n      T: !Ref Analytics\n", head);
	h_init(&h);
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_SKIPPED_REFERENCE,
			   "Template format error: Unresolved resource dependencies [Analytics] in the "
			   "Resources block of the template");
	h_done(&h);
	free(t);
	t = xstrfmt("%s  User:\n    Type: AWS::SQS::Queue\n    Properties:\n"
		    "      T: !If [Create, !Ref Analytics, !Ref AWS::NoValue]\n"
		    "Outputs:\n  O: {Value: !Ref Analytics, Condition: Create}\n", head);
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	h_assert_prop(&h, "User", "T", "<none>");
	assert_null(value_map_get(h.outputs, "O"));
	h_done(&h);
	free(t);
	t = xstrfmt("%sOutputs:\n  role: {Value: !GetAtt Analytics.TopicName}\n", head);
	h_init(&h);
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_SKIPPED_REFERENCE,
			   "Unresolved resource dependencies [Analytics] in the Outputs block of the template");
	h_done(&h);
	free(t);
}

/* rules-section-structure.html: the environment / instance type rule. */
static void test_rules(void **state)
{
	static const char *t =
		"Parameters:\n  Environment: {Type: String, Default: test}\n"
		"  InstanceType: {Type: String, Default: a1.medium}\n"
		"Rules:\n  testInstanceType:\n    RuleCondition: !Equals [!Ref Environment, test]\n"
		"    Assertions:\n      - Assert: !Contains [[a1.medium], !Ref InstanceType]\n"
		"        AssertDescription: 'For a test environment, the instance type must be a1.medium'\n"
		"  prodInstanceType:\n    RuleCondition: !Equals [!Ref Environment, prod]\n"
		"    Assertions:\n      - Assert: !Contains [[a1.large], !Ref InstanceType]\n"
		"        AssertDescription: 'For a production environment, the instance type must be a1.large'\n"
		"Resources:\n  R: {Type: AWS::SNS::Topic}\n";
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	h_done(&h);
	h_init(&h);
	h_param(&h, "InstanceType", "a1.large");
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_RULE_ASSERTION,
			   "For a test environment, the instance type must be a1.medium");
	h_done(&h);
	h_init(&h);
	h_param(&h, "Environment", "prod");
	h_param(&h, "InstanceType", "a1.large");
	h_run(&h, t);
	h_assert_clean(&h);
	h_done(&h);
}

/* EachMemberEquals / EachMemberIn, account data through the hooks (unknown
 * by default: the stack is uncertain), and Fn::If refused in Rules. */
static void test_rule_functions(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_param(&h, "Subnets", "subnet-1,subnet-2");
	h_run(&h, "Parameters:\n  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\n"
		  "  VpcId: {Type: 'AWS::EC2::VPC::Id', Default: vpc-1}\n"
		  "Rules:\n  SubnetsInVPC:\n    Assertions:\n"
		  "      - Assert: {'Fn::EachMemberEquals': [{'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', VpcId]}, !Ref VpcId]}\n"
		  "        AssertDescription: All subnets must in the VPC\n"
		  "      - Assert: !EachMemberIn [[a, b], [a, b, c]]\n"
		  "      - Assert: !EachMemberEquals [[a, a], a]\n"
		  "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
	h_assert_clean(&h);
	assert_true(find_code(&h.fl, FC_RULE_UNDECIDED) >= 0);
	assert_true(eval_stack_uncertain(h.ev));
	h_done(&h);
	h_init(&h);
	h_run(&h, "Rules:\n  r:\n    Assertions:\n      - Assert: !EachMemberIn [[a, d], [a, b, c]]\n"
		  "      - Assert: !If [x, y, z]\nResources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_RULE_ASSERTION, "Rule r failed: assertion 0 is not satisfied");
	assert_one_finding(&h.fl, FC_UNSUPPORTED_FUNCTION,
			   "Template format error: Following functions are not supported in the "
			   "Rules block of the template: [Fn::If]");
	h_done(&h);
}

static void test_mappings_shape(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_run(&h, "Mappings:\n  A: [x]\n  C: {k: {v: [a, b], n: 1}}\n"
		  "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_MAPPING_ERROR, "Template format error: Every Mappings member A must be a map");
	h_done(&h);
	h_init(&h);
	h_run(&h, "Mappings:\n  B: {k: {v: {deep: x}}}\nResources:\n  R: {Type: AWS::SNS::Topic}\n");
	assert_one_finding(&h.fl, FC_MAPPING_ERROR,
			   "Template format error: Every Mappings attribute must be a String or a List.");
	h_done(&h);
}

/* Outputs: string values, list values refused, export names checked. */
static void test_outputs(void **state)
{
	static const char *res = "Parameters:\n  L: {Type: CommaDelimitedList, Default: 'a,b'}\n"
				 "Resources:\n  Q: {Type: AWS::SNS::Topic}\n";
	struct harness h;
	char *t;

	(void)state;
	t = xstrfmt("%sOutputs:\n  O: {Value: !Join [',', !Ref L], Export: {Name: !Sub '${AWS::StackName}-O'}}\n", res);
	h_init(&h);
	h_run(&h, t);
	h_assert_clean(&h);
	assert_string_equal(value_str(value_map_get(h.outputs, "O")), "a,b");
	assert_string_equal(value_str(value_map_get(h.export_map, "teststack-O")), "a,b");
	h_done(&h);
	free(t);
	t = xstrfmt("%sOutputs:\n  O: {Value: !Ref L}\n", res);
	h_init(&h);
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_OUTPUT_MALFORMED,
			   "Template format error: The Value field of every Outputs member must "
			   "evaluate to a String and not a List.");
	h_done(&h);
	free(t);
	t = xstrfmt("%sOutputs:\n  A: {Value: x, Export: {Name: dup}}\n  B: {Value: y, Export: {Name: dup}}\n"
		    "  PrivateSubnetIds: {Value: z, Export: {Name: !Ref Q}}\n  C: {Value: w, Export: {Name: 'a b'}}\n", res);
	h_init(&h);
	h_run(&h, t);
	assert_one_finding(&h.fl, FC_DUPLICATE_EXPORT,
			   "Template format error: The Outputs section contains duplicate Export names: "
			   "[dup]. Specify a unique name for each export.");
	assert_true(find_code(&h.fl, FC_OUTPUT_MALFORMED) >= 0);
	assert_string_equal(h.fl.items[find_code(&h.fl, FC_OUTPUT_MALFORMED)].message,
			    "Template format error: Output PrivateSubnetIds is malformed.  The Name field "
			    "of Export must not depend on any resources, imported values, or Fn::GetAZs.");
	h_done(&h);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_condition_functions),
		cmocka_unit_test(test_unknown_condition),
		cmocka_unit_test(test_condition_errors),
		cmocka_unit_test(test_skipped_references),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_rule_functions),
		cmocka_unit_test(test_mappings_shape),
		cmocka_unit_test(test_outputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
