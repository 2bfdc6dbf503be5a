/*
 * test_typecheck.c - the template against the models: "Unrecognized
 * resource types", GetAtt of attributes a type lacks, custom resources,
 * transforms, and what the property-schema check does to resources.
 */
#include "helpers.h"
#include "engine/engine.h"
#include "engine/typecheck.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct model_set *ms;

static int setup(void **state)
{
	(void)state;
	ms = open_models(MODELS_DIR, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	model_set_free(ms);
	srcfile_reset();
	return 0;
}

/* The stack findings of typecheck_stack as "SEV CODE L:C PATH: MESSAGE |
 * FIX" lines (new). */
static char *stack_findings(const char *text, const char *region)
{
	struct finding_list fl = { NULL, 0, 0 }, tfl = { NULL, 0, 0 };
	struct diag_list dl = DIAG_LIST_INIT;
	struct template *t = open_template(text, &tfl);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	typecheck_stack(ms, t, region, &fl, &dl);
	assert_int_equal(dl.n, 0);
	for (i = 0; i < fl.n; i++)
		strbuf_addf(&sb, "%s %s %u:%u %s: %s | %s\n", severity_name(fl.items[i].severity),
			    finding_code_info(fl.items[i].code)->code, fl.items[i].pos.line,
			    fl.items[i].pos.col, fl.items[i].path, fl.items[i].message,
			    fl.items[i].fix ? fl.items[i].fix : "-");
	finding_list_free(&fl);
	finding_list_free(&tfl);
	template_free(t);
	return strbuf_detach(&sb, NULL);
}

#define ASSERT_STACK(text, expected)                                            \
	do {                                                                    \
		char *got_ = stack_findings(text, "us-east-1");                 \
		assert_string_equal(got_, expected);                            \
		free(got_);                                                     \
	} while (0)

static void test_unrecognized_types(void **state)
{
	(void)state;
	ASSERT_STACK("Resources:\n"
		     "  A: {Type: AWS::S3::Bucket}\n"
		     "  B: {Type: AWS::Backup::BackupVaultz}\n"
		     "  C: {Type: AWS::S3::bucket}\n"
		     "  D: {Type: AWS::Backup::BackupVaultz}\n"
		     "  E: {Type: AWS::EC2::Image}\n",
		     "error CD1100 3:13 Resources: Template format error: Unrecognized resource "
		     "types: [AWS::Backup::BackupVaultz, AWS::S3::bucket, AWS::EC2::Image] | "
		     "AWS::S3::bucket is spelled AWS::S3::Bucket\n");
	ASSERT_STACK("Resources:\n  A: {Type: My::Thing::Here}\n",
		     "error CD1100 2:13 Resources: Template format error: Unrecognized resource "
		     "types: [My::Thing::Here] | check each type name (case matters: "
		     "AWS::S3::Bucket); a type that exists elsewhere may not be available in "
		     "us-east-1\n");
	ASSERT_STACK("Resources:\n  A: {Type: AWS::S3::Bucket}\n  B: {Type: Custom::Mine}\n", "");
}

static void test_transforms(void **state)
{
	(void)state;
	/* SAM's own types are expanded by its transform. */
	ASSERT_STACK("Transform: AWS::Serverless-2016-10-31\nResources:\n"
		     "  F: {Type: AWS::Serverless::Function}\n", "");
	/* A macro may create the types: a warning, not a failure. */
	ASSERT_STACK("Transform: Boto3\nResources:\n  F: {Type: Boto3::S3.put_object}\n",
		     "warning CD1100 3:13 Resources: Template format error: Unrecognized "
		     "resource types: [Boto3::S3.put_object] | check each type name (case "
		     "matters: AWS::S3::Bucket); a type that exists elsewhere may not be "
		     "available in us-east-1; the template's transform may replace these "
		     "resources, which cfn-dryrun does not simulate\n");
}

static void test_getatt_attributes(void **state)
{
	(void)state;
	ASSERT_STACK("Resources:\n"
		     "  Q: {Type: AWS::SQS::Queue}\n"
		     "  T:\n"
		     "    Type: AWS::SNS::Topic\n"
		     "    Properties:\n"
		     "      DisplayName: !GetAtt Q.Url\n"
		     "      TopicName: !Sub '${Q.Arn}-${Q.Url}'\n"
		     "Outputs:\n"
		     "  O: {Value: !GetAtt [Q, Url]}\n"
		     "  P: {Value: !GetAtt Q.arn}\n",
		     "error CD1101 6:20 Resources/T/Properties/DisplayName: Template error: "
		     "resource Q does not support attribute type Url in Fn::GetAtt | use one of "
		     "the attributes of AWS::SQS::Queue: QueueUrl, Arn\n"
		     "error CD1101 10:14 Outputs/P/Value: Template error: resource Q does not "
		     "support attribute type arn in Fn::GetAtt | did you mean Arn? use one of "
		     "the attributes of AWS::SQS::Queue: QueueUrl, Arn\n");
	/* Nested attributes, stack outputs, custom resources, computed names. */
	ASSERT_STACK("Resources:\n"
		     "  D: {Type: AWS::RDS::DBInstance}\n"
		     "  S: {Type: AWS::CloudFormation::Stack}\n"
		     "  C: {Type: Custom::Thing}\n"
		     "Outputs:\n"
		     "  A: {Value: !GetAtt D.Endpoint.Address}\n"
		     "  B: {Value: !GetAtt S.Outputs.VpcId}\n"
		     "  E: {Value: !GetAtt C.Anything.At.All}\n"
		     "  F: {Value: !GetAtt [D, !Ref Attr]}\n"
		     "  G: {Value: !GetAtt D.Endpoint}\n",
		     "error CD1101 10:14 Outputs/G/Value: Template error: resource D does not "
		     "support attribute type Endpoint in Fn::GetAtt | use one of the attributes "
		     "of AWS::RDS::DBInstance: AutomaticRestartTime, CertificateDetails.CAIdentifier, "
		     "CertificateDetails.ValidTill, Endpoint.Address, Endpoint.HostedZoneId, "
		     "Endpoint.Port, DbiResourceId, DBInstanceArn, DBInstanceStatus, "
		     "InstanceCreateTime, IsStorageConfigUpgradeAvailable, LatestRestorableTime, "
		     "... (22 in all)\n");
	/* A type without attributes; an unrecognized target is reported once, as a type. */
	ASSERT_STACK("Resources:\n"
		     "  W: {Type: AWS::ApiGateway::BasePathMapping}\n"
		     "  X: {Type: AWS::Nope::Thing}\n"
		     "Outputs:\n"
		     "  A: {Value: !GetAtt W.Arn}\n"
		     "  B: {Value: !GetAtt X.Arn}\n",
		     "error CD1100 3:13 Resources: Template format error: Unrecognized resource "
		     "types: [AWS::Nope::Thing] | check each type name (case matters: "
		     "AWS::S3::Bucket); a type that exists elsewhere may not be available in "
		     "us-east-1\n"
		     "error CD1101 5:14 Outputs/A/Value: Template error: resource W does not "
		     "support attribute type Arn in Fn::GetAtt | "
		     "AWS::ApiGateway::BasePathMapping has no attributes for Fn::GetAtt; "
		     "use Ref\n");
}

/* Runs the engine on text; returns "ID STATUS [blocked_by] findings..."
 * lines (new) and the verdict. */
static char *engine_run(const char *text, enum verdict *verdict)
{
	char path[] = "/tmp/test_typecheck_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct deploy d = { .stack_name = "st", .account = "111111111111", .region = "us-east-1",
			    .capabilities = CAP_IAM | CAP_NAMED_IAM | CAP_AUTO_EXPAND,
			    .date = "2026-01-01", .models = ms };
	struct state *state = state_new(NULL);
	struct run_result r = RUN_RESULT_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(engine_check_file(path, &d, state, &r, &dl), 0);
	*verdict = r.stacks[0].verdict;
	for (i = 0; i < r.stacks[0].n_resources; i++) {
		const struct res_result *res = &r.stacks[0].resources[i];

		strbuf_addf(&sb, "%s %s", res->logical_id, result_status_name(res->status));
		for (k = 0; k < res->blocked_by.n; k++)
			strbuf_addf(&sb, "%s%s", k ? "," : " by ", res->blocked_by.items[k]);
		for (k = 0; k < res->findings.n; k++)
			strbuf_addf(&sb, " %s", finding_code_info(res->findings.items[k].code)->code);
		strbuf_addch(&sb, '\n');
	}
	result_free(&r);
	diag_clear(&dl);
	state_free(state);
	unlink(path);
	return strbuf_detach(&sb, NULL);
}

static void test_statuses(void **state)
{
	enum verdict v;
	char *got;

	(void)state;
	got = engine_run("Resources:\n"
			 "  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 9999}}\n"
			 "  T: {Type: AWS::SNS::Topic, Properties: {DisplayName: !GetAtt Q.Arn}}\n"
			 "  A:\n"
			 "    Type: AWS::CloudWatch::Alarm\n"
			 "    Properties: {AlarmActions: [!Ref T], MetricName: m, Namespace: n,\n"
			 "                 EvaluationPeriods: 1, ComparisonOperator: GreaterThanThreshold}\n"
			 "  F: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}\n",
			 &v);
	/* Q fails; T and A are blocked by it; F is created. */
	assert_string_equal(got, "F create\nQ fail CD3006\nT blocked by Q\nA blocked by Q\n");
	assert_int_equal(v, VERDICT_FAIL);
	free(got);
	/* The fixed template passes. */
	got = engine_run("Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 900}}\n",
			 &v);
	assert_string_equal(got, "Q create\n");
	assert_int_equal(v, VERDICT_OK);
	free(got);
}

static void test_custom_resource_service_token(void **state)
{
	enum verdict v;
	char *got;

	(void)state;
	got = engine_run("Resources:\n"
			 "  C: {Type: Custom::Mine, Properties: {Size: 1}}\n",
			 &v);
	assert_string_equal(got, "C fail CD3000\n");
	assert_int_equal(v, VERDICT_FAIL);
	free(got);
	/* With a ServiceToken the custom resource is fine. */
	got = engine_run("Resources:\n"
			 "  C: {Type: Custom::Mine, Properties: {ServiceToken: arn:aws:lambda:x, Size: 1}}\n",
			 &v);
	assert_string_equal(got, "C create\n");
	assert_int_equal(v, VERDICT_OK);
	free(got);
}

static void test_macro_templates_not_validated(void **state)
{
	enum verdict v;
	char *got;

	(void)state;
	got = engine_run("Transform: MyMacro\n"
			 "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 9999}}\n",
			 &v);
	assert_string_equal(got, "Q create\n");
	assert_int_equal(v, VERDICT_UNCERTAIN);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unrecognized_types),
		cmocka_unit_test(test_transforms),
		cmocka_unit_test(test_getatt_attributes),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_custom_resource_service_token),
		cmocka_unit_test(test_macro_templates_not_validated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
