/*
 * test_aws.c - parsers of AWS notations: S3 object URLs (every form a
 * TemplateURL may take), dynamic references, ECR image URIs, ARNs and the
 * region table.
 */
#include "aws/dynref.h"
#include "aws/ecr.h"
#include "aws/regions.h"
#include "aws/s3url.h"
#include "helpers.h"
#include "state/state.h"

#include <stdlib.h>
#include <string.h>

static void expect_s3(const char *url, const char *bucket, const char *key, const char *region)
{
	struct s3url u;

	assert_int_equal(s3url_parse(url, &u), S3URL_OK);
	assert_string_equal(u.bucket, bucket);
	assert_string_equal(u.key, key);
	if (region)
		assert_string_equal(u.region, region);
	else
		assert_null(u.region);
	s3url_free(&u);
}

static void expect_s3_error(const char *url, enum s3url_error err)
{
	struct s3url u;

	assert_int_equal(s3url_parse(url, &u), err);
	s3url_free(&u);
}

static void test_s3url(void **state)
{
	struct s3url u;

	(void)state;
	/* the six forms of SPEC section 4, and the China suffix */
	expect_s3("https://cfn-templates.s3.amazonaws.com/nested/network.yaml", "cfn-templates",
		  "nested/network.yaml", NULL);
	expect_s3("https://cfn-templates.s3.eu-west-1.amazonaws.com/network.yaml", "cfn-templates",
		  "network.yaml", "eu-west-1");
	expect_s3("https://cfn-templates.s3-eu-west-1.amazonaws.com/network.yaml", "cfn-templates",
		  "network.yaml", "eu-west-1");
	expect_s3("https://s3.amazonaws.com/cfn-templates/a/b.yaml", "cfn-templates", "a/b.yaml", NULL);
	expect_s3("https://s3.us-west-2.amazonaws.com/cfn-templates/b.yaml", "cfn-templates", "b.yaml",
		  "us-west-2");
	expect_s3("https://s3-us-west-2.amazonaws.com/cfn-templates/b.yaml", "cfn-templates", "b.yaml",
		  "us-west-2");
	expect_s3("https://tpl.s3.cn-north-1.amazonaws.com.cn/x.json", "tpl", "x.json", "cn-north-1");
	/* dualstack, dotted bucket names, http, version query, escapes */
	expect_s3("https://tpl.s3.dualstack.us-east-1.amazonaws.com/x.yaml", "tpl", "x.yaml", "us-east-1");
	expect_s3("https://s3.dualstack.us-east-1.amazonaws.com/tpl/x.yaml", "tpl", "x.yaml", "us-east-1");
	expect_s3("https://my.dotted.bucket.s3.amazonaws.com/x.yaml", "my.dotted.bucket", "x.yaml", NULL);
	expect_s3("http://s3.amazonaws.com/foo/bar", "foo", "bar", NULL);
	expect_s3("https://tpl.s3.amazonaws.com/dir/my%20file.yaml?versionId=3", "tpl", "dir/my file.yaml",
		  NULL);
	/* what CloudFormation refuses */
	expect_s3_error("templates/network.yaml", S3URL_NOT_A_URL);
	expect_s3_error("./network.yaml", S3URL_NOT_A_URL);
	expect_s3_error("https://example.com/network.yaml", S3URL_NOT_S3);
	expect_s3_error("https://tpl.s3-website-us-east-1.amazonaws.com/x.yaml", S3URL_NOT_S3);
	expect_s3_error("https://s3.amazonaws.com/only-bucket", S3URL_MALFORMED);
	expect_s3_error("https://tpl.s3.amazonaws.com/", S3URL_MALFORMED);
	assert_int_equal(s3url_parse("s3://cfn-templates/network.yaml", &u), S3URL_S3_SCHEME);
	assert_string_equal(u.bucket, "cfn-templates");
	s3url_free(&u);
	/* text that is no URL at all: an intrinsic written as a string, spaces, braces */
	expect_s3_error("!Sub https://${Bucket}.s3.amazonaws.com/x.yaml", S3URL_NOT_A_URI);
	expect_s3_error("https://tpl.s3.amazonaws.com/my file.yaml", S3URL_NOT_A_URI);
	expect_s3_error("", S3URL_NOT_A_URI);
	expect_s3_error("ftp://tpl.s3.amazonaws.com/x.yaml", S3URL_NOT_A_URL);
	expect_s3_error("https://tpl.s3-website.us-east-1.amazonaws.com/x.yaml", S3URL_NOT_S3);
	/* the legacy regional form and a path with several slashes */
	expect_s3("https://s3-eu-west-1.amazonaws.com/tpl/a/b/c.yaml", "tpl", "a/b/c.yaml",
		  "eu-west-1");
}

static void test_dynref(void **state)
{
	struct dynref_list l = { NULL, 0, 0 };

	(void)state;
	dynref_scan("user={{resolve:ssm:/app/db/username}} v={{resolve:ssm:/app/db/port:3}} "
		    "p={{resolve:ssm-secure:/app/db/password:2}} "
		    "t={{resolve:secretsmanager:github-token:SecretString:token}} "
		    "a={{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:222222222222:secret:db-AbCdEf:SecretString:password::v-123}} "
		    "m={{resolve:secretsmanager:MySecret}} "
		    "bad={{resolve:ssm:/x:prod}} bad2={{resolve:secretsmanager:s:SecretBinary}} "
		    "other={{resolve:kms:x}} unterminated={{resolve:ssm:/y", &l);
	assert_int_equal(l.n, 8);
	assert_int_equal(l.items[0].service, DYNREF_SSM);
	assert_string_equal(l.items[0].name, "/app/db/username");
	assert_null(l.items[0].version);
	assert_int_equal(l.items[0].offset, 5);
	assert_string_equal(l.items[1].version, "3");
	assert_int_equal(l.items[2].service, DYNREF_SSM_SECURE);
	assert_string_equal(l.items[2].text, "{{resolve:ssm-secure:/app/db/password:2}}");
	assert_int_equal(l.items[3].service, DYNREF_SECRETSMANAGER);
	assert_string_equal(l.items[3].name, "github-token");
	assert_string_equal(l.items[3].json_key, "token");
	assert_null(l.items[3].version_stage);
	assert_string_equal(l.items[4].name, "arn:aws:secretsmanager:us-east-1:222222222222:secret:db-AbCdEf");
	assert_string_equal(l.items[4].json_key, "password");
	assert_null(l.items[4].version_stage);
	assert_string_equal(l.items[4].version_id, "v-123");
	assert_string_equal(l.items[5].name, "MySecret");
	assert_null(l.items[5].json_key);
	assert_false(l.items[5].malformed);
	assert_true(l.items[6].malformed); /* a label is not a version */
	assert_true(l.items[7].malformed); /* only SecretString may be read */
	dynref_list_free(&l);

	/* parameter names: [a-zA-Z0-9_.-/]+, or a parameter ARN; an empty version */
	dynref_scan("{{resolve:ssm:/a b}} {{resolve:ssm:/x:}} {{resolve:ssm:arn:aws:ssm:us-east-1:"
		    "222222222222:parameter/team/db}} {{resolve:ssm:arn:aws:ssm:us-east-1:2:topic/x}} "
		    "{{resolve:ssm-secure:pw:12}} {{resolve:secretsmanager:s::::}} "
		    "{{resolve:secretsmanager:s:SecretString:k:AWSPREVIOUS}} "
		    "{{resolve:secretsmanager:s:SecretString:k:st:id:extra}} {{resolve:secretsmanager:}}",
		    &l);
	assert_int_equal(l.n, 9);
	assert_true(l.items[0].malformed);
	assert_true(l.items[1].malformed);
	assert_false(l.items[2].malformed);
	assert_string_equal(l.items[2].name, "arn:aws:ssm:us-east-1:222222222222:parameter/team/db");
	assert_true(l.items[3].malformed);
	assert_false(l.items[4].malformed);
	assert_string_equal(l.items[4].version, "12");
	assert_false(l.items[5].malformed); /* the documented shortcut */
	assert_null(l.items[5].json_key);
	assert_string_equal(l.items[6].version_stage, "AWSPREVIOUS");
	assert_true(l.items[7].malformed);
	assert_true(l.items[8].malformed);
	dynref_list_free(&l);
}

static void test_dynref_names(void **state)
{
	char *name, *account, *region;

	(void)state;
	name = dynref_ssm_name("/app/db", &account, &region);
	assert_string_equal(name, "/app/db");
	assert_null(account);
	assert_null(region);
	free(name);
	name = dynref_ssm_name("arn:aws:ssm:eu-west-1:222222222222:parameter/app/db", &account, &region);
	assert_string_equal(name, "/app/db");
	assert_string_equal(account, "222222222222");
	assert_string_equal(region, "eu-west-1");
	free(name);
	free(account);
	free(region);
	name = dynref_ssm_name("arn:aws:ssm:eu-west-1:222222222222:parameter/flat", &account, &region);
	assert_string_equal(name, "flat");
	free(name);
	free(account);
	free(region);
	/* a hyphen and six letters or digits read as an ARN suffix */
	assert_true(dynref_secret_suffixed("my-super-secret"));
	assert_true(dynref_secret_suffixed("db-AbC123"));
	assert_false(dynref_secret_suffixed("db-creds"));
	assert_false(dynref_secret_suffixed("prod/db-pass_word"));
	assert_false(dynref_secret_suffixed("-abcdef"));
	assert_false(dynref_secret_suffixed("arn:aws:secretsmanager:us-east-1:1:secret:db-AbC123"));
}

static void test_ecr(void **state)
{
	struct ecr_image img;

	(void)state;
	assert_true(ecr_parse("111111111111.dkr.ecr.us-east-1.amazonaws.com/payment-service:v1.2", &img));
	assert_string_equal(img.account, "111111111111");
	assert_string_equal(img.region, "us-east-1");
	assert_string_equal(img.repository, "payment-service");
	assert_string_equal(img.tag, "v1.2");
	assert_null(img.digest);
	ecr_free(&img);
	assert_true(ecr_parse("111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/api", &img));
	assert_string_equal(img.repository, "team/api");
	assert_string_equal(img.tag, "latest"); /* no tag means latest */
	ecr_free(&img);
	assert_true(ecr_parse("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/app@sha256:abcd", &img));
	assert_string_equal(img.repository, "app");
	assert_null(img.tag);
	assert_string_equal(img.digest, "sha256:abcd");
	ecr_free(&img);
	assert_true(ecr_parse("111111111111.dkr.ecr.us-east-1.amazonaws.com/app:v2@sha256:ff", &img));
	assert_string_equal(img.repository, "app");
	assert_string_equal(img.tag, "v2");
	ecr_free(&img);
	assert_false(ecr_parse("nginx:latest", &img));
	assert_false(ecr_parse("public.ecr.aws/nginx/nginx:1.25", &img));
	assert_false(ecr_parse("11111111111.dkr.ecr.us-east-1.amazonaws.com/short-account", &img));
	assert_false(ecr_parse("111111111111.dkr.ecr.us-east-1.amazonaws.com/app:", &img));
	/* nested repository names keep their slashes; only ECR hosts are ECR */
	assert_true(ecr_parse("111111111111.dkr.ecr.us-east-1.amazonaws.com/a/b/c:1.0", &img));
	assert_string_equal(img.repository, "a/b/c");
	assert_string_equal(img.tag, "1.0");
	ecr_free(&img);
	assert_false(ecr_parse("111111111111.dkr.ecr.us-east-1.example.com/app", &img));
	assert_false(ecr_parse("111111111111.dkr.ecr.us-east-1.amazonaws.com", &img));
}

static void test_arn(void **state)
{
	struct arn a;

	(void)state;
	assert_true(arn_parse("arn:aws:iam::111111111111:role/path/name", &a));
	assert_string_equal(a.partition, "aws");
	assert_string_equal(a.service, "iam");
	assert_string_equal(a.region, "");
	assert_string_equal(a.account, "111111111111");
	assert_string_equal(a.resource, "role/path/name");
	arn_free(&a);
	assert_true(arn_parse("arn:aws:logs:us-east-1:111111111111:log-group:/aws/x:*", &a));
	assert_string_equal(a.resource, "log-group:/aws/x:*");
	arn_free(&a);
	assert_false(arn_parse("arn:aws:s3", &a));
	assert_false(arn_parse("bucket-name", &a));
}

static void test_regions(void **state)
{
	(void)state;
	assert_string_equal(region_partition("cn-north-1"), "aws-cn");
	assert_string_equal(region_partition("us-gov-west-1"), "aws-us-gov");
	assert_string_equal(region_partition("eu-west-3"), "aws");
	assert_string_equal(partition_url_suffix("aws-cn"), "amazonaws.com.cn");
	assert_string_equal(partition_url_suffix("aws-us-gov"), "amazonaws.com");
	assert_false(region_find("eu-central-1")->opt_in);
	assert_true(region_find("me-south-1")->opt_in);
	assert_string_equal(region_find("us-east-1")->az_letters, "abcdef");
	assert_null(region_find("us-est-1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s3url),
		cmocka_unit_test(test_dynref),
		cmocka_unit_test(test_dynref_names),
		cmocka_unit_test(test_ecr),
		cmocka_unit_test(test_arn),
		cmocka_unit_test(test_regions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
