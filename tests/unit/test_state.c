/*
 * test_state.c - the account-state file: every error kind with its
 * position, lookups by id, name and ARN, uniqueness scopes, enabled
 * regions, File: paths that escape, and what the simulation writes back
 * (kept trees of an arena, groups in insertion order through removals and
 * ghosts).
 */
#include "helpers.h"
#include "state/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/cfn-state-test.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return remove_test_dir(dir);
}

static char *write_file(const char *name, const char *text)
{
	char *path = xstrfmt("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static struct state *load_ok(const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = write_file("state.yaml", text);
	struct state *st = state_load(path, NULL, &dl);

	if (!st)
		fail_msg("state did not load: %s", diag_first_error(&dl));
	diag_clear(&dl);
	free(path);
	return st;
}

/* Loads text expecting failure; returns every error as "L:C: msg\n" (new). */
static char *load_errors(const char *text, const struct state_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = write_file("bad.yaml", text);
	struct state *st = state_load(path, o, &dl);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (st) {
		state_free(st);
		fail_msg("state loaded, errors expected");
	}
	for (i = 0; i < dl.n; i++)
		strbuf_addf(&sb, "%u:%u: %s\n", dl.items[i].pos.line, dl.items[i].pos.col,
			    dl.items[i].message);
	diag_clear(&dl);
	free(path);
	return strbuf_detach(&sb, NULL);
}

static void expect_errors(const char *text, const char *expected)
{
	char *got = load_errors(text, NULL);

	assert_string_equal(got, expected);
	free(got);
}

static const char spec_example[] =
	"partition: aws\n"
	"account: \"111111111111\"\n"
	"region: us-east-1\n"
	"s3_names_taken: [my-company-logs]\n"
	"accounts:\n"
	"  \"111111111111\":\n"
	"    enabled_regions: [us-east-1, us-west-2]\n"
	"    global:\n"
	"      AWS::IAM::Role:\n"
	"        AWSCloudFormationStackSetAdministrationRole: {}\n"
	"    regions:\n"
	"      us-east-1:\n"
	"        AWS::S3::Bucket:\n"
	"          cfn-templates-111111111111-us-east-1:\n"
	"            VersioningConfiguration: {Status: Enabled}\n"
	"            Objects:\n"
	"              network.yaml: {File: templates/network.yaml}\n"
	"              blob.zip: {}\n"
	"        AWS::SSM::Parameter:\n"
	"          /app/db/username: {Type: String, Value: admin}\n"
	"          /app/db/password: {Type: SecureString}\n"
	"        AWS::SecretsManager::Secret:\n"
	"          github-token: {SecretKeys: [token]}\n"
	"        AWS::ECR::Repository:\n"
	"          payment-service: {ImageTags: [latest]}\n"
	"        AWS::EC2::VPC:\n"
	"          vpc-0abc1234: {CidrBlock: 10.0.0.0/16}\n"
	"        exports:\n"
	"          NetworkStack-VpcId: vpc-0abc1234\n"
	"        stacks:\n"
	"          NetworkStack: {status: CREATE_COMPLETE, outputs: {VpcId: vpc-0abc1234}}\n"
	"        quotas:\n"
	"          AWS::EC2::VPC: 5\n";

static void make_templates_dir(void)
{
	char *sub = xstrfmt("%s/templates", dir);
	char *file;

	mkdir(sub, 0755);
	file = write_file("templates/network.yaml", "Resources: {}\n");
	free(file);
	free(sub);
}

static void test_spec_example(void **state)
{
	struct state *st;
	const struct state_res *r;
	const char *file = NULL;
	const struct state_stack *stack;

	(void)state;
	make_templates_dir();
	st = load_ok(spec_example);
	assert_string_equal(state_partition(st), "aws");
	assert_string_equal(state_default_account(st), "111111111111");
	assert_string_equal(state_default_region(st), "us-east-1");
	/* account-wide resources are found from any region */
	r = state_find(st, "111111111111", "us-east-1", "AWS::IAM::Role",
		       "AWSCloudFormationStackSetAdministrationRole");
	assert_non_null(r);
	assert_string_equal(r->region, "");
	assert_int_equal(r->pos.line, 10);
	/* S3 objects, with and without a body */
	r = state_find(st, "111111111111", "us-east-1", "AWS::S3::Bucket",
		       "cfn-templates-111111111111-us-east-1");
	assert_non_null(r);
	assert_int_equal(state_object(r, "network.yaml", &file), 1);
	assert_non_null(file);
	assert_non_null(strstr(file, "/templates/network.yaml"));
	assert_int_equal(file[0], '/'); /* resolved to a real path */
	assert_int_equal(state_object(r, "blob.zip", &file), 1);
	assert_null(file);
	assert_int_equal(state_object(r, "missing.zip", &file), 0);
	/* properties as written */
	r = state_find(st, "111111111111", "us-east-1", "AWS::SSM::Parameter", "/app/db/username");
	assert_string_equal(value_str(value_map_get(r->props, "Value")), "admin");
	assert_null(state_find(st, "111111111111", "us-west-2", "AWS::SSM::Parameter", "/app/db/username"));
	assert_null(state_find(st, "222222222222", "us-east-1", "AWS::SSM::Parameter", "/app/db/username"));
	/* exports, stacks, quotas */
	assert_string_equal(value_str(state_export(st, "111111111111", "us-east-1", "NetworkStack-VpcId")),
			    "vpc-0abc1234");
	assert_null(state_export(st, "111111111111", "us-west-2", "NetworkStack-VpcId"));
	stack = state_find_stack(st, "111111111111", "us-east-1", "NetworkStack");
	assert_non_null(stack);
	assert_string_equal(stack->status, "CREATE_COMPLETE");
	assert_string_equal(value_str(value_map_get(stack->outputs, "VpcId")), "vpc-0abc1234");
	assert_int_equal(state_quota(st, "111111111111", "us-east-1", "AWS::EC2::VPC"), 5);
	assert_int_equal(state_quota(st, "111111111111", "us-east-1", "AWS::EC2::EIP"), -1);
	assert_int_equal(state_count(st, "111111111111", "us-east-1", "AWS::EC2::VPC"), 1);
	/* enabled regions: the list, not the defaults */
	assert_true(state_region_enabled(st, "111111111111", "us-west-2"));
	assert_false(state_region_enabled(st, "111111111111", "eu-west-1"));
	/* an account the file does not describe: regions enabled by default only */
	assert_true(state_region_enabled(st, "999999999999", "eu-west-1"));
	assert_false(state_region_enabled(st, "999999999999", "af-south-1"));
	state_free(st);
}

static void test_lookup_by_arn(void **state)
{
	struct state *st = load_ok(
		"accounts:\n"
		"  \"111111111111\":\n"
		"    global:\n"
		"      AWS::IAM::Role:\n"
		"        deploy-role: {}\n"
		"    regions:\n"
		"      eu-west-1:\n"
		"        AWS::SNS::Topic:\n"
		"          alerts: {}\n"
		"        AWS::SecretsManager::Secret:\n"
		"          github-token: {SecretKeys: [token]}\n"
		"        AWS::KMS::Key:\n"
		"          1234abcd-12ab-34cd-56ef-1234567890ab: {}\n"
		"        AWS::Logs::LogGroup:\n"
		"          /aws/lambda/fn: {}\n"
		"        AWS::S3::Bucket:\n"
		"          data-bucket: {}\n");
	const char *acct = "222222222222"; /* the caller's account: ARNs name their own */

	(void)state;
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::IAM::Role",
				   "arn:aws:iam::111111111111:role/deploy-role"));
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::IAM::Role",
				   "arn:aws:iam::111111111111:role/service-role/deploy-role"));
	assert_null(state_find(st, acct, "us-east-1", "AWS::IAM::Role",
			       "arn:aws:iam::333333333333:role/deploy-role"));
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::SNS::Topic",
				   "arn:aws:sns:eu-west-1:111111111111:alerts"));
	assert_null(state_find(st, acct, "us-east-1", "AWS::SNS::Topic",
			       "arn:aws:sns:us-east-1:111111111111:alerts"));
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::SecretsManager::Secret",
				   "arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token-AbCdEf"));
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::KMS::Key",
				   "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
	assert_non_null(state_find(st, acct, "us-east-1", "AWS::Logs::LogGroup",
				   "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/fn:*"));
	/* S3 bucket names are partition-wide: found from any account and region */
	assert_non_null(state_find(st, acct, "ap-south-1", "AWS::S3::Bucket", "data-bucket"));
	assert_non_null(state_find(st, acct, "ap-south-1", "AWS::S3::Bucket", "arn:aws:s3:::data-bucket"));
	assert_true(state_bucket_name_taken(st, "data-bucket"));
	assert_false(state_bucket_name_taken(st, "other-bucket"));
	state_free(st);
}

static void test_simulation_writes(void **state)
{
	struct state *st = state_new("aws");
	const struct state_res *r;

	(void)state;
	r = state_add(st, "111111111111", "us-east-1", "AWS::S3::Bucket", "stack-bucket-abc",
		      value_map(SRCPOS_NONE), "stack", SRCPOS_NONE);
	assert_string_equal(r->stack, "stack");
	assert_true(state_bucket_name_taken(st, "stack-bucket-abc"));
	state_add_export(st, "111111111111", "us-east-1", "Shared-Bucket",
			 value_string(SRCPOS_NONE, "stack-bucket-abc"), "stack");
	assert_string_equal(state_export_stack(st, "111111111111", "us-east-1", "Shared-Bucket"), "stack");
	state_add_stack(st, "111111111111", "us-east-1", "stack", "CREATE_COMPLETE", NULL);
	assert_non_null(state_find_stack(st, "111111111111", "us-east-1", "stack"));
	/* adding the same key again replaces the entry, it is not counted twice */
	state_add(st, "111111111111", "us-east-1", "AWS::S3::Bucket", "stack-bucket-abc",
		  value_map(SRCPOS_NONE), "other", SRCPOS_NONE);
	assert_int_equal(state_count(st, "111111111111", "us-east-1", "AWS::S3::Bucket"), 1);
	state_free(st);
}

static int collect(void *ctx, const struct state_res *r)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%s%s", sb->len ? "," : "", r->id);
	return 0;
}

/* The ids of the queues of the test account, in the state's order. */
static const char *queues(const struct state *st, struct strbuf *sb)
{
	strbuf_reset(sb);
	state_each(st, "111111111111", "us-east-1", "AWS::SQS::Queue", collect, sb);
	return sb->buf ? sb->buf : "";
}

/* state_add_kept: the entry borrows a tree of an arena the state takes;
 * removing, replacing and ghosting entries keeps the group's order and
 * counts right. */
static void test_kept_entries(void **state)
{
	struct state *st = state_new("aws");
	struct value_arena *a = value_arena_new();
	struct value *props = value_map_in(a, SRCPOS_NONE);
	struct strbuf sb = STRBUF_INIT;
	const char *acct = "111111111111", *rg = "us-east-1", *q = "AWS::SQS::Queue";
	const struct state_res *r;

	(void)state;
	value_map_add(props, "QueueName", SRCPOS_NONE, value_string(SRCPOS_NONE, "qa"));
	r = state_add_kept(st, acct, rg, q, "qa", props, "stack", SRCPOS_NONE);
	assert_ptr_equal(r->props, props);
	state_add_kept(st, acct, rg, q, "qb", props, "stack", SRCPOS_NONE);
	state_add_kept(st, acct, rg, q, "qc", props, NULL, SRCPOS_NONE);
	state_add_kept(st, acct, rg, "AWS::S3::Bucket", "kept-bucket", props, "stack",
		       SRCPOS_NONE);
	assert_string_equal(queues(st, &sb), "qa,qb,qc");
	assert_int_equal(state_count(st, acct, rg, q), 3);
	state_mark_ghost(st, state_find(st, acct, rg, q, "qb"));
	state_mark_ghost(st, state_find(st, acct, rg, q, "qb"));
	assert_int_equal(state_count(st, acct, rg, q), 2);
	assert_true(state_remove(st, acct, rg, q, "qb"));
	assert_false(state_remove(st, acct, rg, q, "qb"));
	assert_string_equal(queues(st, &sb), "qa,qc");
	assert_int_equal(state_count(st, acct, rg, q), 2);
	state_mark_ghost(st, state_find(st, acct, rg, q, "qc"));
	assert_int_equal(state_count(st, acct, rg, q), 1);
	/* replacing a ghost makes it real again, in its place, with its own props */
	r = state_add(st, acct, rg, q, "qc", value_map(SRCPOS_NONE), "other", SRCPOS_NONE);
	assert_int_equal(state_count(st, acct, rg, q), 2);
	assert_false(r->ghost);
	assert_string_equal(r->stack, "other");
	state_add_kept(st, acct, rg, q, "qd", props, "stack", SRCPOS_NONE);
	assert_string_equal(queues(st, &sb), "qa,qc,qd");
	/* the stack's name given from the entry itself */
	r = state_find(st, acct, rg, q, "qa");
	r = state_add(st, acct, rg, q, "qa", value_copy(r->props), r->stack, r->pos);
	assert_string_equal(r->stack, "stack");
	assert_string_equal(value_str(value_map_get(r->props, "QueueName")), "qa");
	assert_true(state_remove(st, acct, rg, q, "qa"));
	assert_true(state_remove(st, acct, rg, q, "qd"));
	assert_string_equal(queues(st, &sb), "qc");
	assert_non_null(state_find_bucket(st, "kept-bucket"));
	assert_true(state_remove(st, acct, rg, "AWS::S3::Bucket", "kept-bucket"));
	assert_null(state_find_bucket(st, "kept-bucket"));
	assert_true(state_remove(st, acct, rg, q, "qc"));
	assert_string_equal(queues(st, &sb), "");
	assert_int_equal(state_count(st, acct, rg, q), 0);
	state_add_kept(st, acct, rg, q, "qe", props, "stack", SRCPOS_NONE);
	assert_string_equal(queues(st, &sb), "qe");
	state_keep_arena(st, a); /* props stay valid until the state goes */
	state_free(st);
	strbuf_release(&sb);
}

static void test_errors(void **state)
{
	(void)state;
	expect_errors("regoin: us-east-1\n",
		      "1:1: unknown key \"regoin\" (expected partition, account, region, s3_names_taken or accounts)\n");
	expect_errors("partition: aws-moon\n", "1:12: partition must be aws, aws-cn or aws-us-gov\n");
	expect_errors("account: \"1234\"\nregion: us-est-1\n",
		      "1:10: \"1234\" is not an account id (12 digits)\n2:9: unknown region \"us-est-1\"\n");
	expect_errors("partition: aws-cn\nregion: us-east-1\n",
		      "2:9: region us-east-1 is in partition aws, not aws-cn\n");
	expect_errors("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
		      "        AWS::S3:Bucket: {b: {}}\n"
		      "        Exports: {}\n"
		      "        AWS::SQS::Queue:\n          q: {Objects: {}}\n",
		      "5:9: \"AWS::S3:Bucket\" is not a resource type\n"
		      "6:9: unknown key \"Exports\" in us-east-1 (expected a resource type, exports, stacks or quotas)\n"
		      "8:15: Objects is only for AWS::S3::Bucket, not AWS::SQS::Queue\n");
	expect_errors("accounts:\n  \"111111111111\":\n    regoins: {}\n    global:\n      exports: {}\n",
		      "3:5: unknown key \"regoins\" in account 111111111111 (expected enabled_regions, organization, global or regions)\n"
		      "5:7: unknown key \"exports\" in global (expected a resource type)\n");
	expect_errors("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
		      "        stacks: {S: {status: DONE, output: {}}}\n"
		      "        quotas: {AWS::EC2::VPC: -1}\n",
		      "5:30: unknown stack status (expected a CloudFormation status such as CREATE_COMPLETE)\n"
		      "5:36: unknown key \"output\" in stack S (expected status or outputs)\n"
		      "6:33: the quota for AWS::EC2::VPC must be a whole number\n");
	/* too large for a long (found by fuzz_check: the cast was undefined), fractional */
	expect_errors("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
		      "        quotas: {AWS::EC2::VPC: 1e66, AWS::EC2::EIP: 2.5, AWS::SQS::Queue: 9223372036854775808}\n",
		      "5:33: the quota for AWS::EC2::VPC must be a whole number\n"
		      "5:54: the quota for AWS::EC2::EIP must be a whole number\n"
		      "5:76: the quota for AWS::SQS::Queue must be a whole number\n");
}

static void test_errors_bucket_twice(void **state)
{
	char *got = load_errors("accounts:\n"
				"  \"111111111111\":\n    regions:\n      us-east-1:\n        AWS::S3::Bucket: {shared: {}}\n"
				"  \"222222222222\":\n    regions:\n      eu-west-1:\n        AWS::S3::Bucket: {shared: {}}\n",
				NULL);
	char *expected = xstrfmt("9:27: bucket name shared is already used at %s/bad.yaml:5:27 "
				 "(S3 names are unique across the partition)\n", dir);

	(void)state;
	assert_string_equal(got, expected);
	free(got);
	free(expected);
}

static void test_file_paths(void **state)
{
	struct state_options allow = { true, NULL };
	char *outside = xstrfmt("%s-outside.yaml", dir);
	char *link = xstrfmt("%s/link.yaml", dir);
	char *got, *expected;
	FILE *f = fopen(outside, "w");

	(void)state;
	fputs("Resources: {}\n", f);
	fclose(f);
	assert_int_equal(symlink(outside, link), 0);
	expected = xstrfmt("6:40: File ../x.yaml: No such file or directory\n"
			   "7:40: File /etc/hostname: absolute paths are not allowed (the file must be "
			   "inside the state file's folder; --allow-outside lifts this)\n"
			   "8:40: File link.yaml follows a symlink out of the state file's folder "
			   "(--allow-outside lifts this)\n"
			   "9:40: File ../%s leaves the state file's folder (--allow-outside lifts this)\n"
			   "10:33: unknown key \"Body\" in object e.txt (expected File)\n",
			   strrchr(outside, '/') + 1);
	{
		struct strbuf text = STRBUF_INIT;
		strbuf_addf(&text, "accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
			    "        AWS::S3::Bucket:\n"
			    "          b: {Objects: {a.yaml: {File: ../x.yaml},\n"
			    "                        b.yaml: {File: /etc/hostname},\n"
			    "                        c.yaml: {File: link.yaml},\n"
			    "                        d.yaml: {File: ../%s},\n"
			    "                        e.txt: {Body: x}}}\n", strrchr(outside, '/') + 1);
		got = load_errors(text.buf, NULL);
		assert_string_equal(got, expected);
		free(got);
		strbuf_release(&text);
	}
	/* --allow-outside: the symlink and the ../ path are fine */
	{
		struct diag_list dl = DIAG_LIST_INIT;
		char *path, *text = xstrfmt("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
					    "        AWS::S3::Bucket:\n"
					    "          b: {Objects: {c.yaml: {File: link.yaml}, d.yaml: {File: ../%s}}}\n",
					    strrchr(outside, '/') + 1);
		struct state *st;

		path = write_file("ok.yaml", text);
		st = state_load(path, &allow, &dl);
		assert_non_null(st);
		state_free(st);
		diag_clear(&dl);
		free(path);
		free(text);
	}
	unlink(outside);
	free(outside);
	free(link);
	free(expected);
}

static int type_known(void *ctx, const char *type)
{
	(void)ctx;
	return strcmp(type, "AWS::S3::Bukket") != 0;
}

static int property_known(void *ctx, const char *type, const char *prop)
{
	(void)ctx;
	(void)type;
	return strcmp(prop, "VersioningConfig") != 0;
}

static void test_model_checks(void **state)
{
	struct state_checks checks = { NULL, type_known, property_known };
	struct state_options o = { false, &checks };
	char *got = load_errors("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
				"        AWS::S3::Bukket: {}\n"
				"        AWS::S3::Bucket:\n          b: {VersioningConfig: {}}\n", &o);

	(void)state;
	assert_string_equal(got, "5:9: \"AWS::S3::Bukket\" is not a resource type\n"
				 "7:15: AWS::S3::Bucket has no property \"VersioningConfig\"\n");
	free(got);
}

static void test_empty_and_not_a_map(void **state)
{
	struct state *st = load_ok("");

	(void)state;
	assert_null(state_default_account(st));
	state_free(st);
	expect_errors("- a\n", "1:1: a state file is a map (partition, account, region, "
		      "s3_names_taken, accounts), not a list\n");
}

/* The extensions of state_ext.c: organization:, a certificate's Status,
 * named quotas. */
static void test_extensions(void **state)
{
	struct state *st;

	(void)state;
	st = load_ok("accounts:\n"
		     "  \"111111111111\":\n"
		     "    organization: {role: management, stacksets_trusted_access: true}\n"
		     "    regions:\n"
		     "      us-east-1:\n"
		     "        AWS::CertificateManager::Certificate:\n"
		     "          c1: {Status: PENDING_VALIDATION}\n"
		     "        quotas: {Lambda.ConcurrentExecutions: 10, AWS::EC2::VPC: 5}\n"
		     "  \"222222222222\":\n"
		     "    organization: {role: member}\n");
	assert_int_equal(state_org_role(st, "111111111111"), STATE_ORG_MANAGEMENT);
	assert_true(state_stacksets_trusted_access(st, "111111111111"));
	assert_int_equal(state_org_role(st, "222222222222"), STATE_ORG_MEMBER);
	assert_false(state_stacksets_trusted_access(st, "222222222222"));
	assert_int_equal(state_org_role(st, "333333333333"), STATE_ORG_NONE);
	assert_int_equal(state_quota(st, "111111111111", "us-east-1", "Lambda.ConcurrentExecutions"), 10);
	assert_int_equal(state_quota(st, "111111111111", "us-east-1", "Lambda.UnreservedConcurrencyMinimum"), -1);
	assert_string_equal(value_str(value_map_get(state_find(st, "111111111111", "us-east-1",
		"AWS::CertificateManager::Certificate", "c1")->props, "Status")), "PENDING_VALIDATION");
	state_free(st);
	expect_errors("accounts:\n"
		      "  \"111111111111\":\n"
		      "    organization: {role: boss, stacksets_trusted_access: yes please, x: 1}\n"
		      "    regions:\n"
		      "      us-east-1:\n"
		      "        AWS::CertificateManager::Certificate:\n"
		      "          c1: {Status: issued}\n"
		      "        AWS::S3::Bucket:\n"
		      "          b1: {Status: ISSUED}\n"
		      "        quotas: {Lambda.Concurrency: 10}\n",
		      "3:26: role must be management, delegated_admin or member\n"
		      "3:58: stacksets_trusted_access must be true or false\n"
		      "3:70: unknown key \"x\" in organization (expected role or stacksets_trusted_access)\n"
		      "7:24: Status must be one of PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, "
		      "VALIDATION_TIMED_OUT, REVOKED, FAILED\n"
		      "9:16: Status is only for AWS::CertificateManager::Certificate, not AWS::S3::Bucket\n"
		      "10:18: \"Lambda.Concurrency\" is not a resource type\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example),
		cmocka_unit_test(test_lookup_by_arn),
		cmocka_unit_test(test_simulation_writes),
		cmocka_unit_test(test_kept_entries),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_errors_bucket_twice),
		cmocka_unit_test(test_file_paths),
		cmocka_unit_test(test_model_checks),
		cmocka_unit_test(test_empty_and_not_a_map),
		cmocka_unit_test(test_extensions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
