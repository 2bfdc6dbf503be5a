/*
 * test_template.c - structural validation with CloudFormation's wording.
 */
#include "helpers.h"
#include "template/refs.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKET "  B:\n    Type: AWS::S3::Bucket\n"

static void expect_one(const char *text, enum finding_code code, const char *message)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct template *t = open_template(text, &fl);

	assert_one_finding(&fl, code, message);
	finding_list_free(&fl);
	template_free(t);
}

static void test_clean(void **state)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct template *t = open_template("AWSTemplateFormatVersion: '2010-09-09'\n"
					   "Resources:\n" BUCKET
					   "  Q:\n    Type: AWS::SQS::Queue\n    Condition: C\n"
					   "    DependsOn: B\n"
					   "Outputs:\n  O:\n    Value: !Ref B\n", &fl);

	(void)state;
	assert_int_equal(fl.n, 0);
	assert_int_equal(t->n_resources, 2);
	assert_string_equal(t->resources[0].logical_id, "B");
	assert_string_equal(t->resources[0].type, "AWS::S3::Bucket");
	assert_string_equal(t->resources[1].condition, "C");
	assert_int_equal(template_resource_index(t, "Q"), 1);
	assert_int_equal(template_resource_index(t, "Nope"), -1);
	assert_int_equal(t->n_outputs, 1);
	template_free(t);
	finding_list_free(&fl);
}

static void test_unknown_section(void **state)
{
	(void)state;
	expect_one("Resources:\n" BUCKET "outputs: {}\n", FC_UNKNOWN_SECTION,
		   "Invalid template property or properties [outputs]");
}

static void test_format_version(void **state)
{
	(void)state;
	expect_one("AWSTemplateFormatVersion: '2011-01-01'\nResources:\n" BUCKET, FC_FORMAT_VERSION,
		   "Template format error: unsupported value for AWSTemplateFormatVersion.");
}

static void test_no_resources(void **state)
{
	(void)state;
	expect_one("AWSTemplateFormatVersion: '2010-09-09'\n", FC_NO_RESOURCES,
		   "Template format error: At least one Resources member must be defined.");
	expect_one("Resources: {}\n", FC_NO_RESOURCES,
		   "Template format error: At least one Resources member must be defined.");
}

static void test_resource_shape(void **state)
{
	(void)state;
	expect_one("Resources:\n  A:\n    Properties: {}\n", FC_RESOURCE_NO_TYPE,
		   "Template format error: [/Resources/A] Every Resources object must contain a Type member.");
	expect_one("Resources:\n  A: [1]\n", FC_RESOURCE_NO_TYPE,
		   "Template format error: Any Resources member must be an object.");
	expect_one("Resources:\n  A:\n    Type: [x]\n", FC_RESOURCE_NO_TYPE,
		   "Template format error: [/Resources/A/Type] Every Type member must be a string.");
	expect_one("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Propertes: {}\n",
		   FC_RESOURCE_ATTRIBUTE, "Invalid template resource property 'Propertes'");
}

static void test_condition_not_string(void **state)
{
	(void)state;
	/* YAML 1.1 reads Off as false: CloudFormation then sees a boolean */
	expect_one("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: Off\n",
		   FC_CONDITION_NOT_STRING, "Template format error: Every Condition member must be a string");
}

static void test_logical_ids(void **state)
{
	(void)state;
	expect_one("Resources:\n  SNS_TOPIC:\n    Type: AWS::SNS::Topic\n", FC_BAD_LOGICAL_ID,
		   "Template format error: Resource name SNS_TOPIC is non alphanumeric.");
	assert_true(template_valid_logical_id("Abc123"));
	assert_false(template_valid_logical_id(""));
	assert_false(template_valid_logical_id("a-b"));
}

static void test_limits(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	strbuf_addstr(&sb, "Resources:\n");
	for (i = 0; i < TEMPLATE_MAX_RESOURCES; i++)
		strbuf_addf(&sb, "  R%d:\n    Type: AWS::SNS::Topic\n", i);
	{
		struct finding_list fl = { NULL, 0, 0 };
		struct template *t = open_template(sb.buf, &fl);
		assert_int_equal(fl.n, 0); /* exactly 500 is allowed */
		template_free(t);
	}
	strbuf_addstr(&sb, "  Last:\n    Type: AWS::SNS::Topic\nParameters:\n");
	for (i = 0; i <= TEMPLATE_MAX_PARAMETERS; i++)
		strbuf_addf(&sb, "  P%d: {Type: String}\n", i);
	strbuf_addstr(&sb, "Outputs:\n");
	for (i = 0; i <= TEMPLATE_MAX_OUTPUTS; i++)
		strbuf_addf(&sb, "  O%d: {Value: x}\n", i);
	strbuf_addstr(&sb, "Mappings:\n");
	for (i = 0; i <= TEMPLATE_MAX_MAPPINGS; i++)
		strbuf_addf(&sb, "  M%d: {k: {v: x}}\n", i);
	{
		struct finding_list fl = { NULL, 0, 0 };
		struct template *t = open_template(sb.buf, &fl);
		assert_int_equal(fl.n, 4);
		assert_string_equal(fl.items[0].message,
				    "Template format error: Number of resources, 501, is greater than maximum allowed, 500");
		assert_string_equal(fl.items[1].message,
				    "Template format error: Parameter count 201 is greater than max allowed 200");
		assert_string_equal(fl.items[2].message,
				    "Template format error: Outputs count 201 is greater than max allowed 200");
		assert_string_equal(fl.items[3].message,
				    "Template format error: Mappings count 201 is greater than max allowed 200");
		template_free(t);
		finding_list_free(&fl);
	}
	strbuf_release(&sb);
}

static void test_not_a_template(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = parse_ok("list.yaml", "- a\n- b\n");
	struct finding_list fl = { NULL, 0, 0 };

	(void)state;
	assert_null(template_open(v, 8, &fl, &dl));
	assert_string_equal(diag_first_error(&dl),
			    "not a CloudFormation template: the top level is a list, not a map of sections");
	diag_clear(&dl);
	v = parse_ok("compose.yaml", "services:\n  web: {image: nginx}\n");
	assert_null(template_open(v, 8, &fl, &dl));
	assert_string_equal(diag_first_error(&dl),
			    "not a CloudFormation template: no Resources, AWSTemplateFormatVersion or other template section");
	diag_clear(&dl);
	assert_int_equal(fl.n, 0);
}

static void test_transform(void **state)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct template *t = open_template("Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\n"
					   "Resources:\n" BUCKET, &fl);

	(void)state;
	assert_int_equal(t->n_transforms, 2);
	assert_true(template_has_transform(t, "AWS::LanguageExtensions"));
	assert_one_finding(&fl, FC_TRANSFORM_NOT_EXPANDED,
			   "Transform AWS::Serverless-2016-10-31 is expanded by CloudFormation before the "
			   "create; cfn-dryrun does not expand it, so what it generates is not simulated");
	assert_int_equal(fl.items[0].severity, SEV_WARNING);
	template_free(t);
	finding_list_free(&fl);
}

/* template_open indexes every reference but Refs to parameters, per
 * definition, in walk order; the path of one is written on demand. */
static void test_reference_index(void **state)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct strbuf path = STRBUF_INIT;
	struct template *t = open_template(
		"Parameters:\n  P: {Type: String}\n"
		"Resources:\n" BUCKET
		"  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: B\n    Properties:\n"
		"      QueueName: !Ref P\n      Tags:\n        - Key: k\n"
		"          Value: !Sub '${AWS::Region}-${B.Arn}-${Gone.Attr}'\n"
		"      Policy: !GetAtt Missing.Arn\n"
		"Outputs:\n  O:\n    Value: !GetAtt [Q, Arn]\n", &fl);
	const struct tmpl_ref *refs;
	size_t n;

	(void)state;
	assert_int_equal(fl.n, 0);
	refs = template_resource_refs(t, 0, &n);
	assert_int_equal(n, 0);
	assert_null(refs);
	refs = template_resource_refs(t, 1, &n);
	assert_int_equal(n, 3); /* Ref P and ${AWS::Region} left out, DependsOn not a reference */
	assert_int_equal(refs[0].kind, REF_SUB);
	assert_string_equal(refs[0].target, "B");
	assert_string_equal(refs[0].attr, "Arn");
	assert_int_equal(refs[0].resource, 0);
	assert_int_equal(refs[0].ordinal, 2);
	assert_int_equal(refs[1].kind, REF_SUB);
	assert_string_equal(refs[1].target, "Gone");
	assert_string_equal(refs[1].attr, "Attr");
	assert_int_equal(refs[1].resource, -1);
	assert_int_equal(refs[2].kind, REF_GETATT);
	assert_string_equal(refs[2].target, "Missing");
	assert_string_equal(refs[2].attr, "Arn");
	assert_int_equal(refs[2].ordinal, 4);
	refs_resource_path(&t->resources[1], refs[1].ordinal, &path);
	assert_string_equal(path.buf, "Resources/Q/Properties/Tags/0/Value");
	refs_resource_path(&t->resources[1], refs[2].ordinal, &path);
	assert_string_equal(path.buf, "Resources/Q/Properties/Policy");
	refs = template_output_refs(t, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(refs[0].resource, 1);
	assert_string_equal(refs[0].attr, "Arn");
	refs_output_path(&t->outputs[0], refs[0].ordinal, &path);
	assert_string_equal(path.buf, "Outputs/O/Value");
	strbuf_release(&path);
	template_free(t);
	finding_list_free(&fl);
}

/* template_open's scan also finds the strings holding dynamic references
 * and the first Fn::Transform, anywhere in the tree, in document order. */
static void test_scan_facts(void **state)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct template *t = open_template(
		"Parameters:\n  P: {Type: String, Default: '{{resolve:ssm:/a}}'}\n"
		"Resources:\n"
		"  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
		"      QueueName: !Sub ['x-{{resolve:ssm:/b}}', {V: '{{resolve:ssm:/c}}'}]\n"
		"      Tags: [{Key: k, Value: !Transform {Name: AWS::Include}}]\n"
		"Outputs:\n  O:\n    Value: {'Fn::Transform': {Name: Other}}\n", &fl);
	struct template *plain = open_template("Resources:\n" BUCKET, &fl);

	(void)state;
	assert_int_equal(fl.n, 0);
	assert_int_equal(t->n_dynref_strings, 3);
	assert_string_equal(t->dynref_strings[0]->u.string.s, "{{resolve:ssm:/a}}");
	assert_string_equal(t->dynref_strings[1]->u.string.s, "x-{{resolve:ssm:/b}}");
	assert_string_equal(t->dynref_strings[2]->u.string.s, "{{resolve:ssm:/c}}");
	assert_true(t->has_fn_transform);
	assert_int_equal(t->fn_transform.line, 8); /* the Tags one, not the Outputs one */
	assert_int_equal(plain->n_dynref_strings, 0);
	assert_false(plain->has_fn_transform);
	template_free(t);
	template_free(plain);
	finding_list_free(&fl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_unknown_section),
		cmocka_unit_test(test_format_version),
		cmocka_unit_test(test_no_resources),
		cmocka_unit_test(test_resource_shape),
		cmocka_unit_test(test_condition_not_string),
		cmocka_unit_test(test_logical_ids),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_not_a_template),
		cmocka_unit_test(test_transform),
		cmocka_unit_test(test_reference_index),
		cmocka_unit_test(test_scan_facts),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
