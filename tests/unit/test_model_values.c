/*
 * test_model_values.c - finding models, attributes, names and scopes, and
 * the Ref / GetAtt values of simulated resources (computed or unknown with
 * a reason), from tests/model's fixture models and the real models/.
 */
#include "helpers.h"
#include "engine/physid.h"
#include "model/model.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static struct model_set *ms;

static int setup(void **state)
{
	(void)state;
	ms = open_models(TEST_MODELS_DIR, MODELS_DIR);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	model_set_free(ms);
	srcfile_reset();
	return 0;
}

static const struct model *find(const char *type)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ms, type, &dl);

	assert_int_equal(dl.n, 0);
	return m;
}

static struct model_sim sim(const char *logical_id, const struct value *props)
{
	struct model_sim s = { logical_id, NULL, props, "Stack", "111111111111", "us-east-1",
			       "aws", SRCPOS_NONE };

	return s;
}

/* The string of a value, or "unknown: REASON" (new). */
static char *show(struct value *v)
{
	char *s = v->kind == VALUE_STRING ? strdup(v->u.string.s)
		  : v->kind == VALUE_UNKNOWN ? xstrfmt("unknown: %s", v->u.unknown.reason)
		  : to_json(v);

	value_free(v);
	return s;
}

#define ASSERT_SHOW(expr, expected)                                             \
	do {                                                                    \
		char *got_ = show(expr);                                        \
		assert_string_equal(got_, expected);                            \
		free(got_);                                                     \
	} while (0)

static void test_find(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;

	(void)state;
	assert_string_equal(model_type_name(find("Test::Keywords::Thing")), "Test::Keywords::Thing");
	assert_null(model_find(ms, "AWS::Nope::Nothing", &dl));
	assert_null(model_find(ms, "AWS::Nope::Nothing", &dl)); /* cached */
	assert_int_equal(dl.n, 0);
	/* Every custom type is the custom resource type. */
	assert_ptr_equal(find("Custom::Foo"), find("AWS::CloudFormation::CustomResource"));
	assert_true(model_is_custom(find("Custom::Bar")));
	assert_false(model_is_custom(find("AWS::SQS::Queue")));
	/* A type only the overlay describes. */
	assert_non_null(find("Test::Keywords::Other"));
	assert_false(model_is_state_only(find("Test::Keywords::Other")));
	assert_true(model_is_state_only(find("AWS::EC2::Image")));
	assert_true(model_is_state_only(find("AWS::S3::Object")));
}

static void test_availability(void **state)
{
	(void)state;
	assert_int_equal(model_available_in(ms, "AWS::SQS::Queue", "us-east-1"), MODEL_AVAIL_YES);
	assert_int_equal(model_available_in(ms, "Custom::X", "us-east-1"), MODEL_AVAIL_YES);
	assert_int_equal(model_available_in(ms, "AWS::Nope::Nothing", "us-east-1"), MODEL_AVAIL_NO);
	assert_int_equal(model_available_in(ms, "AWS::SQS::Queue", "eu-west-1"), MODEL_AVAIL_UNKNOWN);
}

static void test_attributes(void **state)
{
	const struct model *t = find("Test::Keywords::Thing");

	(void)state;
	assert_true(model_has_attribute(t, "Id"));
	assert_true(model_has_attribute(t, "Endpoint.Address"));
	assert_false(model_has_attribute(t, "Endpoint")); /* objects are not returned */
	assert_false(model_has_attribute(t, "Tags.Key"));  /* nor reached into through lists */
	assert_true(model_has_attribute(t, "Mode"));      /* extra_attributes */
	assert_true(model_has_attribute(t, "Outputs.Anything"));
	assert_false(model_has_attribute(t, "Outputs."));
	assert_false(model_has_attribute(t, "Name"));
	assert_int_equal(model_attribute_count(t), 3);
	assert_string_equal(model_attribute_at(t, 1), "Endpoint.Address");
	assert_true(model_has_attribute(find("Custom::X"), "Whatever.You.Like"));
	/* Real types: read-only attributes, nested ones, cfn-lint's exceptions. */
	assert_true(model_has_attribute(find("AWS::RDS::DBInstance"), "Endpoint.Address"));
	assert_false(model_has_attribute(find("AWS::RDS::DBInstance"), "Endpoint"));
	assert_true(model_has_attribute(find("AWS::SQS::Queue"), "QueueName"));
	assert_false(model_has_attribute(find("AWS::SQS::Queue"), "Nope"));
	assert_true(model_has_attribute(find("AWS::EC2::Subnet"), "AvailabilityZone"));
	assert_true(model_has_attribute(find("AWS::CloudFormation::Stack"), "Outputs.VpcId"));
	assert_false(model_has_attribute(find("AWS::S3::Bucket"), "Name"));
}

static void test_names_and_scopes(void **state)
{
	(void)state;
	assert_string_equal(model_name_property(find("Test::Keywords::Thing")), "Name");
	assert_int_equal(model_name_scope(find("Test::Keywords::Thing")), MODEL_SCOPE_ACCOUNT);
	assert_string_equal(model_name_property(find("AWS::S3::Bucket")), "BucketName");
	assert_int_equal(model_name_scope(find("AWS::S3::Bucket")), MODEL_SCOPE_PARTITION);
	assert_string_equal(model_name_property(find("AWS::SQS::Queue")), "QueueName");
	assert_int_equal(model_name_scope(find("AWS::SQS::Queue")), MODEL_SCOPE_REGION);
	assert_int_equal(model_name_scope(find("AWS::IAM::Role")), MODEL_SCOPE_ACCOUNT);
	/* Without overlay facts: the generated name property (a single
	 * identifier the template sets), IAM's default scope. */
	assert_null(model_name_property(find("AWS::IAM::ServiceLinkedRole"))); /* read-only */
	assert_int_equal(model_name_scope(find("AWS::IAM::OIDCProvider")), MODEL_SCOPE_ACCOUNT);
	assert_null(model_name_property(find("AWS::Logs::LogStream"))); /* compound */
	assert_string_equal(model_name_property(find("AWS::Events::Archive")), "ArchiveName");
	assert_int_equal(model_name_scope(find("AWS::Events::Archive")), MODEL_SCOPE_REGION);
	assert_null(model_name_property(find("AWS::EC2::VPC")));
	assert_string_equal(model_scope_name(MODEL_SCOPE_PARTITION), "partition");
	assert_int_equal(model_has_property(find("AWS::S3::Bucket"), "VersioningConfiguration"), 1);
	assert_int_equal(model_has_property(find("AWS::S3::Bucket"), "Objects"), 0); /* a state extra */
	assert_int_equal(model_has_property(find("AWS::EC2::Image"), "Architecture"), 1);
	assert_int_equal(model_has_property(find("AWS::EC2::Image"), "Arch"), 0);
	assert_int_equal(model_has_property(find("Custom::X"), "Anything"), -1);
	assert_true(model_is_create_only(find("Test::Keywords::Thing"), "Name"));
	assert_true(model_is_create_only(find("Test::Keywords::Thing"), "Endpoint/Port"));
	assert_false(model_is_create_only(find("Test::Keywords::Thing"), "Mode"));
}

static void test_generated_names(void **state)
{
	const struct model *t = find("Test::Keywords::Thing");
	struct model_sim s = sim("MyThingWithALongLogicalId", NULL);
	char *name = model_generated_name(t, &s);
	char *expected = physid_name_lower("Stack", "MyThingWithALongLogicalId", 30);
	size_t i;

	(void)state;
	assert_string_equal(name, expected); /* lowercase, at most 30 characters */
	assert_int_equal(strlen(name), 30);
	for (i = 0; name[i]; i++)
		assert_false(isupper((unsigned char)name[i]));
	free(name);
	free(expected);
	/* Default style, shortened to the type's maximum (ELB target groups: 32). */
	s = sim("AVeryLongLogicalIdForATargetGroup", NULL);
	name = model_generated_name(find("AWS::ElasticLoadBalancingV2::TargetGroup"), &s);
	assert_int_equal(strlen(name), 32);
	assert_int_equal(strncmp(name, "Stack-AVeryLongLogi-", 20), 0);
	free(name);
	/* The engine's physical id wins. */
	s.physical_id = "given-name";
	name = model_generated_name(t, &s);
	assert_string_equal(name, "given-name");
	free(name);
}

static void test_ref(void **state)
{
	const struct model *t = find("Test::Keywords::Thing");
	struct value *props = parse_ok("p.yaml", "Name: my-thing\n");
	struct value *unknown_name = parse_ok("p.yaml", "Name: !Ref P\n");
	struct model_sim s = sim("R", props);
	char *gen;

	(void)state;
	ASSERT_SHOW(model_ref_value(t, &s), "my-thing");
	s.properties = unknown_name;
	ASSERT_SHOW(model_ref_value(t, &s),
		    "unknown: the Ref value of R cannot be computed: its Name is not known");
	s.properties = NULL;
	gen = model_generated_name(t, &s);
	ASSERT_SHOW(model_ref_value(t, &s), gen);
	free(gen);
	value_free(props);
	value_free(unknown_name);
}

static void test_ref_of_overlay_only_type(void **state)
{
	const struct model *o = find("Test::Keywords::Other");
	struct value *props = parse_ok("p.yaml", "Parent: arn:aws:x:us-east-1:1:thing/parent-1\n");
	struct model_sim s = sim("O", props);

	(void)state;
	ASSERT_SHOW(model_ref_value(o, &s), "other-parent-1");
	s.properties = NULL;
	ASSERT_SHOW(model_ref_value(o, &s),
		    "unknown: the Ref value of O cannot be computed: property Parent is not set");
	value_free(props);
}

static void test_getatt(void **state)
{
	const struct model *t = find("Test::Keywords::Thing");
	struct value *props = parse_ok("p.yaml", "Name: my-thing\nMode: fast\nEndpoint: {Port: 8080}\n");
	struct model_sim s = sim("R", props), other = sim("R2", props);
	struct value *a, *b, *c;

	(void)state;
	ASSERT_SHOW(model_getatt_value(t, "Endpoint.Address", &s),
		    "my-thing.us-east-1.example.amazonaws.com");
	ASSERT_SHOW(model_getatt_value(t, "Endpoint.Port", &s), "8080");
	ASSERT_SHOW(model_getatt_value(t, "Mode", &s), "fast");
	ASSERT_SHOW(model_getatt_value(t, "Outputs.X", &s),
		    "unknown: R.Outputs.X is known only once AWS has created the resource");
	ASSERT_SHOW(model_getatt_value(t, "Nope", &s),
		    "unknown: Test::Keywords::Thing has no attribute Nope");
	/* Generated ids: deterministic, and different per logical id. */
	a = model_getatt_value(t, "Id", &s);
	b = model_getatt_value(t, "Id", &s);
	c = model_getatt_value(t, "Id", &other);
	assert_int_equal(a->kind, VALUE_STRING);
	assert_int_equal(strlen(a->u.string.s), 14);
	assert_int_equal(strncmp(a->u.string.s, "thing-", 6), 0);
	assert_true(value_equal(a, b));
	assert_false(value_equal(a, c));
	value_free(a);
	value_free(b);
	value_free(c);
	s.properties = NULL;
	ASSERT_SHOW(model_getatt_value(t, "Endpoint.Port", &s),
		    "unknown: attribute Endpoint.Port of R cannot be computed: property "
		    "Endpoint/Port is not set");
	value_free(props);
}

static void test_arn_and_partition(void **state)
{
	char *arn;

	(void)state;
	arn = model_arn(find("Test::Keywords::Thing"), "abc", "111111111111", "eu-west-1", "aws");
	assert_string_equal(arn, "arn:aws:test:eu-west-1:111111111111:thing/abc");
	free(arn);
	arn = model_arn(find("AWS::IAM::Role"), "deployer", "111111111111", "cn-north-1", "aws-cn");
	assert_string_equal(arn, "arn:aws-cn:iam::111111111111:role/deployer");
	free(arn);
	assert_null(model_arn(find("AWS::EC2::VPC"), "vpc-1", "1", "us-east-1", "aws"));
	/* Keyed by id in the state: the id makes the ARN. */
	arn = model_arn(find("AWS::CertificateManager::Certificate"), "0f1e2d3c", "1", "us-east-1",
			"aws");
	assert_string_equal(arn, "arn:aws:acm:us-east-1:1:certificate/0f1e2d3c");
	free(arn);
	/* A pattern that needs more than the name. */
	assert_null(model_arn(find("AWS::ElasticLoadBalancingV2::TargetGroup"), "tg", "1",
			      "us-east-1", "aws"));
	assert_string_equal(model_partition_of("cn-northwest-1"), "aws-cn");
	assert_string_equal(model_partition_of("us-gov-west-1"), "aws-us-gov");
	assert_string_equal(model_partition_of("eu-west-1"), "aws");
}

static void test_real_values(void **state)
{
	struct value *role = parse_ok("p.yaml", "RoleName: deployer\nPath: /ops/\n");
	struct value *queue = parse_ok("p.yaml", "QueueName: jobs\n");
	struct value *sg = parse_ok("p.yaml", "GroupDescription: x\n");
	struct model_sim s = sim("R", role);
	struct value *v;
	char *gen;

	(void)state;
	ASSERT_SHOW(model_getatt_value(find("AWS::IAM::Role"), "Arn", &s),
		    "arn:aws:iam::111111111111:role/ops/deployer");
	s.properties = queue;
	ASSERT_SHOW(model_ref_value(find("AWS::SQS::Queue"), &s),
		    "https://sqs.us-east-1.amazonaws.com/111111111111/jobs");
	ASSERT_SHOW(model_getatt_value(find("AWS::SQS::Queue"), "Arn", &s),
		    "arn:aws:sqs:us-east-1:111111111111:jobs");
	s.properties = NULL;
	s.partition = "aws-cn";
	s.region = "cn-north-1";
	gen = model_generated_name(find("AWS::S3::Bucket"), &s);
	v = model_getatt_value(find("AWS::S3::Bucket"), "RegionalDomainName", &s);
	assert_int_equal(v->kind, VALUE_STRING);
	assert_int_equal(strncmp(v->u.string.s, gen, strlen(gen)), 0);
	assert_string_equal(v->u.string.s + strlen(gen), ".s3.cn-north-1.amazonaws.com.cn");
	value_free(v);
	free(gen);
	/* Ref of a certificate is its ARN, made of its generated id. */
	v = model_ref_value(find("AWS::CertificateManager::Certificate"), &s);
	assert_int_equal(strncmp(v->u.string.s, "arn:aws-cn:acm:cn-north-1:111111111111:certificate/",
				 51), 0);
	assert_int_equal(strlen(v->u.string.s), 51 + 36);
	value_free(v);
	v = model_ref_value(find("AWS::EC2::VPC"), &s);
	assert_int_equal(strlen(v->u.string.s), 21);
	assert_int_equal(strncmp(v->u.string.s, "vpc-", 4), 0);
	value_free(v);
	s.properties = sg;
	ASSERT_SHOW(model_ref_value(find("AWS::EC2::SecurityGroup"), &s),
		    "unknown: the Ref value of R cannot be computed: property VpcId is not set");
	ASSERT_SHOW(model_ref_value(find("Custom::X"), &s),
		    "unknown: Ref of custom resource R returns what its provider sends back");
	ASSERT_SHOW(model_getatt_value(find("Custom::X"), "Out", &s),
		    "unknown: R.Out is what the custom resource's provider returns");
	/* No overlay: a compound identifier, an id AWS assigns. */
	ASSERT_SHOW(model_ref_value(find("AWS::Lambda::Permission"), &s),
		    "unknown: Ref of R (AWS::Lambda::Permission) returns a compound identifier "
		    "that cfn-dryrun does not model");
	ASSERT_SHOW(model_ref_value(find("AWS::EC2::SubnetRouteTableAssociation"), &s),
		    "unknown: Ref of R returns its Id, which AWS assigns at create time "
		    "(AWS::EC2::SubnetRouteTableAssociation has no Ref pattern in models/overlay)");
	value_free(role);
	value_free(queue);
	value_free(sg);
}

/* The state key: what Ref returns, but the name for ARN and URL patterns
 * (not expanded), and NULL when the name property is not known, also for
 * a pattern that does not read the name. */
static void test_state_id(void **state)
{
	struct value *queue = parse_ok("p.yaml", "QueueName: jobs\n");
	struct value *topic = parse_ok("p.yaml", "TopicName: news\n");
	struct value *sg = parse_ok("p.yaml", "VpcId: vpc-1\nGroupName: web\n");
	struct value *sg_unknown = parse_ok("p.yaml", "VpcId: vpc-1\nGroupName: !Ref P\n");
	struct value *thing_unknown = parse_ok("p.yaml", "Name: !Ref P\n");
	struct model_sim s = sim("R", queue);
	struct value *ref;
	char *id, *gen;

	(void)state;
	id = model_state_id(find("AWS::SQS::Queue"), &s); /* https://... */
	assert_string_equal(id, "jobs");
	free(id);
	s.properties = topic;
	id = model_state_id(find("AWS::SNS::Topic"), &s); /* {arn} = arn:... */
	assert_string_equal(id, "news");
	free(id);
	s.properties = sg; /* sg-{hex:17}: what Ref returns */
	id = model_state_id(find("AWS::EC2::SecurityGroup"), &s);
	ref = model_ref_value(find("AWS::EC2::SecurityGroup"), &s);
	assert_int_equal(strncmp(id, "sg-", 3), 0);
	assert_string_equal(id, ref->u.string.s);
	value_free(ref);
	free(id);
	s.properties = sg_unknown;
	assert_null(model_state_id(find("AWS::EC2::SecurityGroup"), &s));
	s.properties = NULL; /* no VpcId: the pattern fails, the generated name */
	id = model_state_id(find("AWS::EC2::SecurityGroup"), &s);
	gen = model_generated_name(find("AWS::EC2::SecurityGroup"), &s);
	assert_string_equal(id, gen);
	free(gen);
	free(id);
	id = model_state_id(find("Test::Keywords::Thing"), &s); /* {name} */
	gen = model_generated_name(find("Test::Keywords::Thing"), &s);
	assert_string_equal(id, gen);
	free(gen);
	free(id);
	s.properties = thing_unknown;
	assert_null(model_state_id(find("Test::Keywords::Thing"), &s));
	value_free(queue);
	value_free(topic);
	value_free(sg);
	value_free(sg_unknown);
	value_free(thing_unknown);
}

static void test_extra_directory_first(void **state)
{
	struct model_set *both = open_models(EXTRA_MODELS_DIR, TEST_MODELS_DIR);
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *t = model_find(both, "Test::Keywords::Thing", &dl);
	struct value *props = parse_ok("p.yaml", "Name: abc\n");
	struct model_sim s = sim("R", props);
	const struct model_rule *rules;
	size_t n;

	(void)state;
	assert_non_null(t);
	/* The extra directory's facts replace the type's facts... */
	ASSERT_SHOW(model_ref_value(t, &s), "extra-abc");
	/* ...its rules come first and win over a rule with the same id. */
	rules = model_rules(t, &n);
	assert_int_equal(n, 3);
	assert_string_equal(rules[0].id, "test-thing-target");
	assert_string_equal(rules[0].path, "Target/Name");
	assert_string_equal(rules[1].id, "test-thing-tags");
	value_free(props);
	diag_clear(&dl);
	model_set_free(both);
}

static void test_open_errors(void **state)
{
	const char *dirs[] = { "/nonexistent/models" };
	struct diag_list dl = DIAG_LIST_INIT;

	(void)state;
	assert_null(model_set_open(dirs, 1, &dl));
	assert_string_equal(diag_first_error(&dl), "/nonexistent/models: model directory not found");
	diag_clear(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_availability),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_names_and_scopes),
		cmocka_unit_test(test_generated_names),
		cmocka_unit_test(test_ref),
		cmocka_unit_test(test_ref_of_overlay_only_type),
		cmocka_unit_test(test_getatt),
		cmocka_unit_test(test_arn_and_partition),
		cmocka_unit_test(test_real_values),
		cmocka_unit_test(test_state_id),
		cmocka_unit_test(test_extra_directory_first),
		cmocka_unit_test(test_open_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
