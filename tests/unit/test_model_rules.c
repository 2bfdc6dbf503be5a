/*
 * test_model_rules.c - existence rules as data: parsing (every field, every
 * error with its position), walking the values a rule checks, message
 * placeholders, parameter-type rules, and overlay files with mistakes.
 */
#include "helpers.h"
#include "model/model.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Parses the YAML list of rules; returns the errors as "LINE:COL: message"
 * lines (new); the rules are freed. */
static char *parse_errors(const char *yaml, size_t *n_out)
{
	struct value *list = parse_ok("rules.yaml", yaml);
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_rule *rules = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, i;
	int rc = model_rules_parse(list, &rules, &n, &dl);

	assert_int_equal(rc < 0, dl.n_errors > 0);
	for (i = 0; i < dl.n; i++)
		strbuf_addf(&sb, "%u:%u: %s\n", dl.items[i].pos.line, dl.items[i].pos.col,
			    dl.items[i].message);
	if (n_out)
		*n_out = n;
	free(rules);
	value_free(list);
	diag_clear(&dl);
	return strbuf_detach(&sb, NULL);
}

#define ASSERT_ERRORS(yaml, expected)                                           \
	do {                                                                    \
		char *got_ = parse_errors(yaml, NULL);                          \
		assert_string_equal(got_, expected);                            \
		free(got_);                                                     \
	} while (0)

#define RULE_HEAD "- id: r1\n  resource: AWS::EC2::Instance\n  property: KeyName\n" \
		  "  must_exist: AWS::EC2::KeyPair\n"
#define RULE_TAIL "  message: The key pair '{value}' does not exist\n  fix: create {value}\n" \
		  "  source: test\n"

static void test_parse_full_rule(void **state)
{
	struct value *list = parse_ok("rules.yaml",
		"- id: full\n"
		"  resource: AWS::Lambda::Function\n"
		"  property: Code/S3Bucket\n"
		"  object_key: Code/S3Key\n"
		"  must_exist: AWS::S3::Object\n"
		"  match: [id, arn, alias]\n"
		"  scope: region-any-account\n"
		"  severity: warning\n"
		"  unless: '^skip'\n"
		"  message: 'No {value}/{object_key} in {region} of {account} ({partition})'\n"
		"  fix: 'upload {value} for {logical_id}.{property} ({target_arn}, {resource_arn})'\n"
		"  source: 'FAILURES.md #29'\n"
		"- id: fixed\n"
		"  parameter_type: AWS::EC2::KeyPair::KeyName\n"
		"  must_exist: AWS::EC2::KeyPair\n"
		"  scope: us-east-1\n"
		"  by_property: KeyName\n"
		"  message: m\n  fix: f\n  source: s\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_rule *rules = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(model_rules_parse(list, &rules, &n, &dl), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rules[0].id, "full");
	assert_string_equal(rules[0].resource_type, "AWS::Lambda::Function");
	assert_null(rules[0].parameter_type);
	assert_string_equal(rules[0].path, "Code/S3Bucket");
	assert_string_equal(rules[0].object_key, "Code/S3Key");
	assert_string_equal(rules[0].target_type, "AWS::S3::Object");
	assert_int_equal(rules[0].match, MODEL_MATCH_ID | MODEL_MATCH_ARN | MODEL_MATCH_ALIAS);
	assert_int_equal(rules[0].scope, MODEL_SCOPE_REGION_ANY_ACCOUNT);
	assert_int_equal(rules[0].severity, SEV_WARNING);
	assert_string_equal(rules[0].unless, "^skip");
	assert_string_equal(rules[0].source, "FAILURES.md #29");
	assert_int_equal(rules[0].pos.line, 1);
	/* Defaults and the other form. */
	assert_null(rules[1].resource_type);
	assert_null(rules[1].path);
	assert_string_equal(rules[1].parameter_type, "AWS::EC2::KeyPair::KeyName");
	assert_int_equal(rules[1].scope, MODEL_SCOPE_FIXED_REGION);
	assert_string_equal(rules[1].region, "us-east-1");
	assert_string_equal(rules[1].by_property, "KeyName");
	assert_int_equal(rules[1].match, MODEL_MATCH_ID);
	assert_int_equal(rules[1].severity, SEV_ERROR);
	free(rules);
	value_free(list);
	diag_clear(&dl);
}

static void test_parse_errors(void **state)
{
	(void)state;
	ASSERT_ERRORS("{a: 1}\n", "1:1: 'rules' must be a list of rules\n");
	ASSERT_ERRORS("- just text\n", "1:3: a rule is a map (id, resource, property, ...)\n");
	ASSERT_ERRORS(RULE_HEAD RULE_TAIL "  colour: red\n", "8:3: rule r1: unknown key 'colour'\n");
	ASSERT_ERRORS("- id: r2\n  resource: AWS::EC2::Instance\n  property: KeyName\n" RULE_TAIL,
		      "1:3: rule r2: 'must_exist' is required\n");
	ASSERT_ERRORS(RULE_HEAD "  message: [a]\n  fix: f\n  source: s\n",
		      "5:12: rule r1: message must be a string\n");
	ASSERT_ERRORS("- id: r3\n  must_exist: AWS::EC2::KeyPair\n" RULE_TAIL,
		      "1:3: rule r3: give either resource and property, or parameter_type\n");
	ASSERT_ERRORS(RULE_HEAD "  parameter_type: AWS::EC2::KeyPair::KeyName\n" RULE_TAIL,
		      "1:3: rule r1: give either resource and property, or parameter_type\n");
	ASSERT_ERRORS(RULE_HEAD "  scope: everywhere\n" RULE_TAIL,
		      "5:10: rule r1: scope must be region, account, partition, region-any-account "
		      "or a region name such as us-east-1\n");
	ASSERT_ERRORS(RULE_HEAD "  match: [name]\n" RULE_TAIL,
		      "5:11: rule r1: match: expected id, arn or alias\n");
	ASSERT_ERRORS(RULE_HEAD "  match: []\n" RULE_TAIL,
		      "5:10: rule r1: match must be a list of id, arn, alias\n");
	ASSERT_ERRORS(RULE_HEAD "  severity: fatal\n" RULE_TAIL,
		      "5:13: rule r1: severity must be error or warning\n");
	ASSERT_ERRORS(RULE_HEAD "  message: 'missing {val}'\n  fix: f\n  source: s\n",
		      "5:12: rule r1: unknown placeholder {val} (value, logical_id, property, region, "
		      "account, partition, target_arn, object_key, resource_arn, target_region)\n");
	ASSERT_ERRORS(RULE_HEAD "  region_message: 'in {target_region}'\n" RULE_TAIL,
		      "5:19: rule r1: region_message is for AWS::S3::Bucket rules of scope "
		      "region-any-account\n");
	ASSERT_ERRORS(RULE_HEAD RULE_TAIL RULE_HEAD RULE_TAIL,
		      "8:3: rule r1: the id is already used\n");
	ASSERT_ERRORS("- id: r4\n  resource: AWS::EC2::Instance\n  property: A//B\n"
		      "  must_exist: AWS::EC2::KeyPair\n" RULE_TAIL,
		      "3:13: rule r4: property must be a path such as A/B/*\n");
	ASSERT_ERRORS("- id: r5\n  resource: Instance\n  property: A\n  must_exist: KeyPair\n" RULE_TAIL,
		      "1:3: rule r5: resource and must_exist are type names such as AWS::EC2::Subnet\n");
	ASSERT_ERRORS(RULE_HEAD "  match: [id]\n  by_property: Name\n" RULE_TAIL,
		      "1:3: rule r1: give match or by_property, not both\n");
}

struct hits {
	struct strbuf sb; /* one line per value the rule checks */
};

static void on_hit(void *ctx, const struct model_rule *r, const struct model_rule_hit *h)
{
	struct hits *hs = ctx;

	strbuf_addf(&hs->sb, "%s %s=%s%s%s\n", r->id, h->path,
		    h->value->kind == VALUE_STRING ? h->value->u.string.s
		    : value_intrinsic_name(h->value) ? value_intrinsic_name(h->value)
		    : value_kind_name(h->value->kind),
		    h->object_key ? " key=" : "", h->object_key ? value_str(h->object_key) : "");
}

static void test_walk(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_set *ms = open_models(TEST_MODELS_DIR, NULL);
	const struct model *m = model_find(ms, "Test::Keywords::Thing", &dl);
	struct value *props = parse_ok("p.yaml",
		"Tags:\n"
		"  - {Key: a, Value: other-1}\n"
		"  - {Key: b, Value: skip-me}\n"
		"  - !If [C, {Key: c, Value: x}, !Ref AWS::NoValue]\n"
		"  - {Key: d, Value: !Ref Other}\n"
		"Source: {Bucket: code, Url: app.zip}\n"
		"Target: {Name: n}\n");
	struct hits hs = { STRBUF_INIT };
	const struct model_rule *rules;
	size_t n, i;

	(void)state;
	assert_non_null(m);
	rules = model_rules(m, &n);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		model_rule_walk(ms, &rules[i], props, on_hit, &hs);
	/* Target/Arn is absent; skip-me matches unless; the Fn::If item and the
	 * Ref value are passed as they are for the simulator to decide. */
	assert_string_equal(hs.sb.buf,
			    "test-thing-tags Tags/0/Value=other-1\n"
			    "test-thing-tags Tags/2=Fn::If\n"
			    "test-thing-tags Tags/3/Value=Ref\n"
			    "test-thing-source Source/Bucket=code key=app.zip\n");
	strbuf_release(&hs.sb);
	value_free(props);
	diag_clear(&dl);
	model_set_free(ms);
}

static void test_expand(void **state)
{
	struct model_rule_vars v = { "kp", "Web", "KeyName", "eu-west-1", "111111111111", "aws",
				     NULL, NULL, NULL, NULL };
	char *s;

	(void)state;
	s = model_rule_expand("The key pair '{value}' of {logical_id}.{property} in {region} "
			      "({account}, {partition}) {target_arn} {nope} {", &v);
	assert_string_equal(s, "The key pair 'kp' of Web.KeyName in eu-west-1 (111111111111, aws) "
			    "{target_arn} {nope} {");
	free(s);
	v.target_region = "us-west-2";
	s = model_rule_expand("The bucket is in this region: {target_region}.", &v);
	assert_string_equal(s, "The bucket is in this region: us-west-2.");
	free(s);
}

static void test_parameter_rules(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	const struct model_rule *r;
	bool list, ssm;

	(void)state;
	r = model_parameter_rule(ms, "AWS::EC2::KeyPair::KeyName", &list, &ssm, &dl);
	assert_string_equal(r->id, "parameter-key-pair");
	assert_false(list);
	assert_false(ssm);
	r = model_parameter_rule(ms, "List<AWS::EC2::Subnet::Id>", &list, &ssm, &dl);
	assert_string_equal(r->id, "parameter-subnet");
	assert_true(list);
	r = model_parameter_rule(ms, "AWS::SSM::Parameter::Value<List<AWS::EC2::Image::Id>>",
				 &list, &ssm, &dl);
	assert_string_equal(r->id, "parameter-image");
	assert_true(list);
	assert_true(ssm);
	assert_null(model_parameter_rule(ms, "AWS::SSM::Parameter::Value<String>", &list, &ssm, &dl));
	assert_true(ssm);
	r = model_parameter_rule(ms, "AWS::SSM::Parameter::Value", &list, &ssm, &dl);
	assert_string_equal(r->message,
			    "Unable to fetch parameters [{value}] from parameter store for this account.");
	assert_null(model_parameter_rule(ms, "String", &list, &ssm, &dl));
	assert_int_equal(dl.n, 0);
	model_set_free(ms);
}

static void test_real_rules(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	const struct model *m = model_find(ms, "AWS::CloudFront::Distribution", &dl);
	const struct model_rule *r;
	size_t n;

	(void)state;
	r = model_rules(m, &n);
	assert_int_equal(n, 1);
	assert_string_equal(r->target_type, "AWS::CertificateManager::Certificate");
	assert_int_equal(r->scope, MODEL_SCOPE_FIXED_REGION);
	assert_string_equal(r->region, "us-east-1");
	assert_int_equal(r->match, MODEL_MATCH_ARN);
	m = model_find(ms, "AWS::SNS::Topic", &dl);
	r = model_rules(m, &n);
	assert_int_equal(n, 1);
	assert_int_equal(r->severity, SEV_WARNING); /* SNS checks the key only when used */
	assert_int_equal(dl.n, 0);
	model_set_free(ms);
}

static void test_bad_overlay_files(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_set *ms = open_models(BAD_MODELS_DIR, MODELS_DIR);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	(void)state;
	assert_non_null(ms);
	assert_null(model_find(ms, "AWS::SQS::Queue", &dl));
	for (i = 0; i < dl.n; i++)
		strbuf_addf(&sb, "%s:%u:%u: %s\n", strrchr(srcfile_name(dl.items[i].pos.file), '/') + 1,
			    dl.items[i].pos.line, dl.items[i].pos.col, dl.items[i].message);
	assert_string_equal(sb.buf,
		"aws-sqs.yaml:4:1: unknown key 'typos' (types, rules)\n"
		"aws-sqs.yaml:7:5: AWS::SQS::Queue: unknown key 'nmae'\n"
		"aws-sqs.yaml:8:10: AWS::SQS::Queue: ref: unknown placeholder {nam}\n"
		"aws-sqs.yaml:9:28: AWS::SQS::Queue: getatt_all_properties must be a boolean, not a string\n"
		"aws-sqs.yaml:10:3: AWS::SNS::Topic does not belong in aws-sqs.yaml\n"
		"aws-sqs.yaml:11:40: AWS::SNS::Topic: name: scope must be region, account or partition\n");
	strbuf_release(&sb);
	diag_clear(&dl);
	model_set_free(ms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_full_rule),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_parameter_rules),
		cmocka_unit_test(test_real_rules),
		cmocka_unit_test(test_bad_overlay_files),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
