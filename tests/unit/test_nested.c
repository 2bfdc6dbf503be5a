/*
 * test_nested.c - nested stacks through the engine: the child simulated
 * with the parent's parameters and its outputs feeding the parent, the
 * messages CloudFormation gives when it refuses or fails the child, the
 * child's capabilities, a template that includes itself (directly or
 * through two others) and the limits, each in bounded time.
 */
#include "helpers.h"
#include "stack_fixture.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define URL(key) "https://tpl-111111111111.s3.us-east-1.amazonaws.com/" key

static const char state_text[] =
	"account: \"111111111111\"\nregion: us-east-1\naccounts:\n  \"111111111111\":\n"
	"    regions:\n      us-east-1:\n        AWS::S3::Bucket:\n          tpl-111111111111:\n"
	"            Objects:\n"
	"              network.yaml: {File: network.yaml}\n"
	"              bare.yaml: {}\n"
	"              a.yaml: {File: a.yaml}\n"
	"              b.yaml: {File: b.yaml}\n"
	"              c.yaml: {File: c.yaml}\n"
	"              failing.yaml: {File: failing.yaml}\n"
	"              importing.yaml: {File: importing.yaml}\n"
	"              iam.yaml: {File: iam.yaml}\n"
	"              plain.yaml: {File: plain.yaml}\n";

static const char network_text[] =
	"Parameters:\n  Env: {Type: String}\n  Size: {Type: Number, Default: '2'}\n"
	"Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n"
	"Outputs:\n  VpcId: {Value: !Ref Vpc}\n  Name: {Value: !Sub '${Env}-net-${Size}'}\n"
	"  Self: {Value: !Ref AWS::StackId}\n";

/* The state and every template it names (a topic each, until a test
 * writes its own). */
static void setup(struct stack_fixture *fx)
{
	static const char *const names[] = { "a.yaml", "b.yaml", "c.yaml", "failing.yaml",
					     "importing.yaml", "iam.yaml", "plain.yaml" };
	size_t i;

	fixture_init(fx, 1);
	fixture_write(fx, "state.yaml", state_text);
	fixture_write(fx, "network.yaml", network_text);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		fixture_write(fx, names[i], "Resources:\n  T: {Type: AWS::SNS::Topic}\n");
}

/* The child runs with the parent's Parameters; its outputs feed GetAtt in
 * the parent's resources (resolved again in pass 2) and outputs. */
static void test_outputs_feed_parent(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "parent.yaml",
		      "Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("network.yaml") "\n"
		      "      Parameters: {Env: prod, Size: 3}\n"
		      "  Topic:\n    Type: AWS::SNS::Topic\n"
		      "    Properties: {TopicName: !GetAtt Net.Outputs.Name}\n"
		      "Outputs:\n  Vpc: {Value: !GetAtt Net.Outputs.VpcId}\n"
		      "  Id: {Value: !Ref Net}\n");
	s = fixture_run(&fx, "parent.yaml", "app", 0);
	assert_int_equal(s->verdict, VERDICT_OK);
	assert_int_equal(s->n_nested, 1);
	assert_string_equal(s->nested[0].stack, "app-Net-KQ1LMF7PKIJ3");
	assert_string_equal(s->nested[0].parent_resource, "Net");
	assert_int_equal(s->nested[0].verdict, VERDICT_OK);
	assert_string_equal(fixture_resource(s, "Net")->physical_id, "app-Net-KQ1LMF7PKIJ3");
	assert_string_equal(fixture_resource(s, "Topic")->physical_id, "prod-net-3");
	assert_string_equal(value_str(value_map_get(s->outputs, "Vpc")),
			    value_str(value_map_get(s->nested[0].outputs, "VpcId")));
	/* Ref of the nested stack is the child's own AWS::StackId */
	assert_string_equal(value_str(value_map_get(s->outputs, "Id")),
			    "arn:aws:cloudformation:us-east-1:111111111111:stack/app-Net-KQ1LMF7PKIJ3/"
			    "69c0796c-9cf1-42bc-aeae-70d812835b36");
	assert_string_equal(value_str(value_map_get(s->outputs, "Id")),
			    value_str(value_map_get(s->nested[0].outputs, "Self")));
	/* the child is in the state the next stack sees */
	assert_non_null(state_find_stack(fx.state, "111111111111", "us-east-1",
					 "app-Net-KQ1LMF7PKIJ3"));
	fixture_done(&fx);
}

/* Extra, missing and unwanted parameters: CloudFormation's messages. */
static void test_parameters(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;
	struct res_result *r;
	char *fix;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "plain.yaml", "Resources:\n  T: {Type: AWS::SNS::Topic}\n");
	fixture_write(&fx, "parent.yaml",
		      "Resources:\n  Extra:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("network.yaml") "\n"
		      "      Parameters: {Env: dev, KeyName: k}\n"
		      "  Missing:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("network.yaml") "\n"
		      "  Unwanted:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("plain.yaml") "\n"
		      "      Parameters: {Env: dev}\n"
		      "  Listed:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("network.yaml") "\n"
		      "      Parameters: {Env: [a, b]}\n");
	s = fixture_run(&fx, "parent.yaml", "app", 0);
	assert_int_equal(s->verdict, VERDICT_FAIL);
	r = fixture_resource(s, "Extra");
	assert_int_equal(r->status, STATUS_FAIL);
	fixture_assert_finding(&r->findings, FC_NESTED_INVALID,
			       "Parameters: [KeyName] do not exist in the template");
	assert_int_equal(r->findings.items[0].pos.line, 6);
	r = fixture_resource(s, "Missing");
	fixture_assert_finding(&r->findings, FC_NESTED_INVALID,
			       "Parameters: [Env] must have values");
	fix = xstrfmt("add them to the Parameters of Missing, or give them a Default in the "
		      "nested template %s/network.yaml", fx.dir);
	assert_string_equal(r->findings.items[0].fix, fix);
	free(fix);
	r = fixture_resource(s, "Unwanted");
	fixture_assert_finding(&r->findings, FC_NESTED_INVALID,
			       "Parameter values specified for a template which does not require "
			       "them.");
	r = fixture_resource(s, "Listed");
	fixture_assert_finding(&r->findings, FC_NESTED_PARAMETERS,
			       "Value of property Parameters must be an object with String (or "
			       "simple type) properties");
	assert_int_equal(s->n_nested, 3); /* the listed one is refused before any child runs */
	fixture_done(&fx);
}

/* A child that fails: the resources in the parent's message, their reasons
 * in the fix; a stack-level failure after create gives the child's reason. */
static void test_child_failures(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;
	struct res_result *r;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "failing.yaml",
		      "Resources:\n  Param:\n    Type: AWS::SSM::Parameter\n"
		      "    Properties: {Type: String, Value: '{{resolve:secretsmanager:nope}}'}\n"
		      "  Other:\n    Type: AWS::SSM::Parameter\n"
		      "    Properties: {Type: String, Value: !Ref Param}\n");
	fixture_write(&fx, "importing.yaml",
		      "Resources:\n  T:\n    Type: AWS::SNS::Topic\n"
		      "    Properties: {TopicName: !ImportValue shared-topic-name}\n");
	fixture_write(&fx, "parent.yaml",
		      "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("failing.yaml") "\n"
		      "  Importer:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("importing.yaml") "\n"
		      "  After:\n    Type: AWS::SNS::Topic\n    DependsOn: Child\n");
	s = fixture_run(&fx, "parent.yaml", "app", 0);
	r = fixture_resource(s, "Child");
	assert_int_equal(r->status, STATUS_FAIL);
	fixture_assert_finding(&r->findings, FC_NESTED_FAILED,
			       "Embedded stack arn:aws:cloudformation:us-east-1:111111111111:stack/"
			       "app-Child-TREADD5YNGL4/3622a832-03e9-4814-8939-1f19127bc9f2 was not "
			       "successfully created: The following resource(s) failed to create: "
			       "[Param].");
	assert_non_null(strstr(r->findings.items[0].fix, "Param: Secrets Manager can't find the "
			       "specified secret."));
	r = fixture_resource(s, "Importer");
	fixture_assert_finding(&r->findings, FC_NESTED_FAILED,
			       "Embedded stack arn:aws:cloudformation:us-east-1:111111111111:stack/"
			       "app-Importer-NSF10Y89YQ5U/063dc861-da6f-4b57-a4a0-ba2cfe034679 was not "
			       "successfully created: No export named shared-topic-name found.");
	assert_int_equal(fixture_resource(s, "After")->status, STATUS_BLOCKED);
	assert_int_equal(s->nested[0].verdict, VERDICT_FAIL);
	fixture_done(&fx);
}

/* IAM in the child needs the parent's capabilities. */
static void test_capabilities(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;
	struct res_result *r;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "iam.yaml",
		      "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
		      "      AssumeRolePolicyDocument: {}\n");
	fixture_write(&fx, "parent.yaml",
		      "Resources:\n  Roles:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
		      "      TemplateURL: " URL("iam.yaml") "\n");
	s = fixture_run(&fx, "parent.yaml", "app", 0);
	r = fixture_resource(s, "Roles");
	fixture_assert_finding(&r->findings, FC_NESTED_INVALID,
			       "Requires capabilities : [CAPABILITY_IAM]");
	assert_int_equal(s->capabilities.n, 1);
	assert_string_equal(s->capabilities.items[0], "CAPABILITY_IAM");
	s = fixture_run(&fx, "parent.yaml", "app2", CAP_IAM);
	assert_int_equal(s->verdict, VERDICT_OK);
	fixture_done(&fx);
}

/* TemplateURL forms and objects. */
static void test_template_url(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "parent.yaml",
		      "Resources:\n"
		      "  Local: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./network.yaml}}\n"
		      "  S3: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: 's3://tpl-111111111111/network.yaml'}}\n"
		      "  Text: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: '!Sub https://x/y'}}\n"
		      "  Gone: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: '" URL("gone.yaml") "'}}\n"
		      "  Bare: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: '" URL("bare.yaml") "'}}\n"
		      "  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: fresh-bucket}}\n"
		      "  New:\n    Type: AWS::CloudFormation::Stack\n"
		      "    Properties: {TemplateURL: !Sub 'https://${Bucket}.s3.amazonaws.com/network.yaml'}\n");
	s = fixture_run(&fx, "parent.yaml", "app", 0);
	fixture_assert_finding(&fixture_resource(s, "Local")->findings, FC_NESTED_URL,
			       "TemplateURL must be an Amazon S3 URL.");
	fixture_assert_finding(&fixture_resource(s, "S3")->findings, FC_NESTED_URL,
			       "S3 error: Domain name specified in tpl-111111111111 is not a valid "
			       "S3 domain");
	fixture_assert_finding(&fixture_resource(s, "Text")->findings, FC_NESTED_URL,
			       "TemplateURL must be a supported URL.");
	fixture_assert_finding(&fixture_resource(s, "Gone")->findings, FC_NESTED_OBJECT_MISSING,
			       "TemplateURL must reference a valid S3 object to which you have "
			       "access.");
	fixture_assert_finding(&fixture_resource(s, "New")->findings, FC_NESTED_OBJECT_MISSING,
			       "TemplateURL must reference a valid S3 object to which you have "
			       "access.");
	assert_non_null(strstr(fixture_resource(s, "New")->findings.items[0].fix,
			       "bucket fresh-bucket is created by this stack, so it is empty"));
	assert_int_equal(fixture_resource(s, "Bare")->status, STATUS_UNCERTAIN);
	assert_int_equal(fixture_resource(s, "Bare")->findings.items[0].code, FC_NESTED_UNCERTAIN);
	assert_int_equal(s->n_prereqs, 2);
	assert_string_equal(s->prereqs[0].id, "tpl-111111111111/gone.yaml");
	fixture_done(&fx);
}

/* a includes b includes c includes a: a clear finding, at once. */
static void test_recursion(void **state)
{
	struct stack_fixture fx;
	struct stack_result *s;
	const struct stack_result *c;
	clock_t start = clock();
	char *msg;

	(void)state;
	setup(&fx);
	fixture_write(&fx, "a.yaml", "Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n"
		      "    Properties: {TemplateURL: '" URL("b.yaml") "'}\n");
	fixture_write(&fx, "b.yaml", "Resources:\n  C:\n    Type: AWS::CloudFormation::Stack\n"
		      "    Properties: {TemplateURL: '" URL("c.yaml") "'}\n");
	fixture_write(&fx, "c.yaml", "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n"
		      "    Properties: {TemplateURL: '" URL("a.yaml") "'}\n");
	s = fixture_run(&fx, "a.yaml", "top", 0);
	assert_int_equal(s->verdict, VERDICT_FAIL);
	c = &s->nested[0].nested[0];
	assert_string_equal(c->stack, "top-B-TXBHOZOC6TF8-C-P6J9VVDGCCHH");
	msg = xstrfmt("Nested stack A includes its own template (%s/a.yaml -> "
		      "s3://tpl-111111111111/b.yaml -> s3://tpl-111111111111/c.yaml -> "
		      "s3://tpl-111111111111/a.yaml): CloudFormation would create nested stacks "
		      "until the account's stack quota stops it (LimitExceededException: Limit "
		      "for stack has been exceeded)", fx.dir);
	fixture_assert_finding(&c->resources[0].findings, FC_NESTED_RECURSION, msg);
	free(msg);
	/* the parents fail with the embedded-stack message */
	assert_int_equal(fixture_resource(s, "B")->findings.items[0].code, FC_NESTED_FAILED);
	assert_int_equal(s->nested[0].resources[0].findings.items[0].code, FC_NESTED_FAILED);
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 5.0);
	fixture_done(&fx);
}

/* Ten templates, each nesting the next: the ninth level is not simulated. */
static void test_depth_limit(void **state)
{
	struct stack_fixture fx;
	struct strbuf st = STRBUF_INIT;
	const struct stack_result *s;
	char name[16], *text;
	int i, depth = 0;

	(void)state;
	fixture_init(&fx, 0);
	strbuf_addstr(&st, "accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
		      "        AWS::S3::Bucket:\n          tpl:\n            Objects:\n");
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "l%d.yaml", i);
		text = xstrfmt("Resources:\n  Next:\n    Type: AWS::CloudFormation::Stack\n"
			       "    Properties: {TemplateURL: 'https://tpl.s3.amazonaws.com/l%d.yaml'}\n",
			       i + 1);
		fixture_write(&fx, name, text);
		free(text);
		strbuf_addf(&st, "              l%d.yaml: {File: l%d.yaml}\n", i + 1, i + 1);
	}
	fixture_write(&fx, "l10.yaml", "Resources:\n  T: {Type: AWS::SNS::Topic}\n");
	fixture_write(&fx, "state.yaml", st.buf);
	s = fixture_run(&fx, "l0.yaml", "deep", 0);
	assert_int_equal(s->verdict, VERDICT_UNCERTAIN);
	while (s->n_nested) {
		s = &s->nested[0];
		depth++;
	}
	assert_int_equal(depth, 8);
	fixture_assert_finding(&s->resources[0].findings, FC_NESTED_LIMIT,
			       "Nested stack Next is not simulated: it would be nested 9 levels deep; "
			       "cfn-dryrun simulates 8");
	strbuf_release(&st);
	fixture_done(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs_feed_parent),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_child_failures),
		cmocka_unit_test(test_capabilities),
		cmocka_unit_test(test_template_url),
		cmocka_unit_test(test_recursion),
		cmocka_unit_test(test_depth_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
