/*
 * test_policy.c - the IAM policy parser and evaluator (src/aws/policy.h):
 * every element, every condition operator on both sides of its boundary,
 * IfExists and the set qualifiers, Deny over Allow, uncertainty; and the
 * parsers the prerequisite checks lean on: ARNs (state.h) and dates
 * (util/date.h).
 */
#include "helpers.h"

#include "aws/policy.h"
#include "state/state.h"
#include "util/date.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define ACCOUNT "111111111111"
#define ROOT "arn:aws:iam::111111111111:root"
#define KEY "arn:aws:kms:us-east-1:111111111111:key/1234"
#define GROUP "arn:aws:logs:us-east-1:111111111111:log-group:/app/x"

static struct policy *parse(const char *text)
{
	struct value *v = parse_ok("policy.yaml", text);
	char *err = NULL;
	struct policy *p = policy_parse(v, &err);

	if (!p)
		fail_msg("policy did not parse: %s", err);
	value_free(v);
	return p;
}

static char *parse_err(const char *text)
{
	struct value *v = parse_ok("policy.yaml", text);
	const struct value *doc = value_map_get(v, "KeyPolicy") ? value_map_get(v, "KeyPolicy") : v;
	char *err = NULL;
	struct policy *p = policy_parse(doc, &err);

	assert_null(p);
	value_free(v);
	return err;
}

/* Decides the request of a service principal with one context key. */
static enum policy_decision decide(const char *policy, const char *service, const char *arn,
				   const char *action, const char *key, const char *value)
{
	struct policy *p = parse(policy);
	const char *vals[] = { value, NULL };
	struct policy_ctx ctx = { key, value ? vals : NULL };
	struct policy_request req = { service, arn, action, KEY, &ctx, key ? 1 : 0 };
	struct policy_result r;
	enum policy_decision d;

	policy_evaluate(p, &req, &r);
	d = r.decision;
	policy_result_free(&r);
	policy_free(p);
	return d;
}

#define LOGS "logs.us-east-1.amazonaws.com"

/* A statement allowing the logs service kms:Encrypt under one condition. */
static enum policy_decision cond(const char *op, const char *key, const char *pattern,
				 const char *value)
{
	char *text = xstrfmt("Statement:\n  - Effect: Allow\n    Principal: {Service: %s}\n"
			     "    Action: kms:Encrypt\n    Resource: '*'\n"
			     "    Condition: {'%s': {'%s': %s}}\n", LOGS, op, key, pattern);
	enum policy_decision d = decide(text, LOGS, NULL, "kms:Encrypt", key, value);

	free(text);
	return d;
}

/* ---- Parsing ---- */

static void test_parse_shapes(void **state)
{
	struct policy *p;
	char *err;

	(void)state;
	p = parse("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
		  "\"Principal\": \"*\", \"Action\": \"kms:*\"}}");
	assert_int_equal(policy_statement_count(p), 1);
	policy_free(p);
	p = parse("Statement:\n  - {Effect: Deny, NotPrincipal: {AWS: x}, NotAction: s3:*, "
		  "NotResource: '*'}\n  - {Sid: b, Effect: Allow, Action: [a, b], Resource: [c]}\n");
	assert_int_equal(policy_statement_count(p), 2);
	policy_free(p);

	err = parse_err("Version: '2012-10-17'\n");
	assert_string_equal(err, "the policy document has no Statement");
	free(err);
	err = parse_err("Statement: [{Effect: Maybe, Action: x}]\n");
	assert_string_equal(err, "Effect must be Allow or Deny");
	free(err);
	err = parse_err("Statement: [{Effect: Allow}]\n");
	assert_string_equal(err, "a statement needs an Action or NotAction");
	free(err);
	err = parse_err("Statement: [{Action: x}]\n");
	assert_string_equal(err, "a statement needs an Effect");
	free(err);
	err = parse_err("Statement: [{Effect: Allow, Action: x, Principal: [a]}]\n");
	assert_string_equal(err, "Principal must be \"*\" or a map (AWS, Service, Federated, CanonicalUser)");
	free(err);
	err = parse_err("Statement: [{Effect: Allow, Action: {a: b}}]\n");
	assert_string_equal(err, "Action must be a string or a list of strings");
	free(err);
	err = parse_err("Statement: [{Effect: Allow, Action: x, Condition: {StringEquals: x}}]\n");
	assert_string_equal(err, "Condition StringEquals must be a map of keys to values");
	free(err);
	err = parse_err("Statement: [{Effect: Allow, Action: x, Bogus: 1}]\n");
	assert_string_equal(err, "unknown statement element Bogus");
	free(err);
	err = parse_err("KeyPolicy: '[1, 2'\n");
	assert_string_equal(err, "the policy document is not a JSON object");
	free(err);
	err = parse_err("KeyPolicy: 3\n");
	assert_string_equal(err, "a policy document must be a map or a JSON string, not a number");
	free(err);
}

/* parse_ok gives the whole file; these documents sit under KeyPolicy. */
static void test_parse_string_under_key(void **state)
{
	struct value *v = parse_ok("p.yaml", "KeyPolicy: '{\"Statement\": [{\"Effect\": \"Allow\", "
				   "\"Principal\": {\"Service\": \"logs.us-east-1.amazonaws.com\"}, "
				   "\"Action\": \"kms:*\"}]}'\n");
	char *err = NULL;
	struct policy *p = policy_parse(value_map_get(v, "KeyPolicy"), &err);
	struct policy_request req = { LOGS, NULL, "kms:Decrypt", KEY, NULL, 0 };
	struct policy_result r;

	(void)state;
	assert_non_null(p);
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_ALLOW);
	assert_string_equal(r.reason, "statement 1 allows kms:Decrypt");
	assert_int_equal(r.pos.line, 1);
	policy_result_free(&r);
	policy_free(p);
	value_free(v);
}

/* ---- Wildcards and ARNs ---- */

static void test_wildcard(void **state)
{
	(void)state;
	assert_true(policy_wildcard("kms:*", "kms:Encrypt", false));
	assert_true(policy_wildcard("kms:Encrypt*", "kms:Encrypt", false));
	assert_false(policy_wildcard("kms:Encrypt?", "kms:Encrypt", false));
	assert_true(policy_wildcard("kms:Encrypt?", "kms:EncryptX", false));
	assert_false(policy_wildcard("kms:encrypt", "kms:Encrypt", false));
	assert_true(policy_wildcard("kms:encrypt", "kms:Encrypt", true));
	assert_true(policy_wildcard("*", "", false));
	assert_false(policy_wildcard("", "a", false));
	assert_true(policy_wildcard("a*b*c", "aXXbYYc", false));
	assert_false(policy_wildcard("a*b*c", "aXXbYY", false));
	assert_true(policy_wildcard("*ReEncrypt*", "kms:ReEncryptFrom", false));
}

static void test_arn_like(void **state)
{
	(void)state;
	assert_true(policy_arn_like("arn:aws:logs:us-east-1:111111111111:*", GROUP));
	assert_true(policy_arn_like(GROUP, GROUP));
	assert_false(policy_arn_like("arn:aws:logs:us-east-1:222222222222:*", GROUP));
	assert_false(policy_arn_like("arn:aws:logs:eu-west-1:111111111111:*", GROUP));
	/* the wildcard stays inside its part: a region cannot spill into the account */
	assert_false(policy_arn_like("arn:aws:logs:us-*", GROUP));
	assert_true(policy_arn_like("arn:aws:logs:us-*:*:*", GROUP));
	assert_true(policy_arn_like("arn:aws:logs:*:*:log-group:/app/*", GROUP));
	assert_false(policy_arn_like("arn:aws:logs:*:*:log-group:/other/*", GROUP));
	assert_false(policy_arn_like("arn:aws:logs:*:*:*", "not-an-arn"));
	assert_false(policy_arn_like("arn:aws:logs", GROUP));
}

static void test_arn_parse(void **state)
{
	struct arn a;

	(void)state;
	assert_true(arn_parse(GROUP, &a));
	assert_string_equal(a.partition, "aws");
	assert_string_equal(a.service, "logs");
	assert_string_equal(a.region, "us-east-1");
	assert_string_equal(a.account, ACCOUNT);
	assert_string_equal(a.resource, "log-group:/app/x");
	arn_free(&a);
	assert_true(arn_parse("arn:aws:s3:::bucket", &a));
	assert_string_equal(a.region, "");
	assert_string_equal(a.account, "");
	assert_string_equal(a.resource, "bucket");
	arn_free(&a);
	assert_false(arn_parse("arn:aws:s3:::", &a));       /* no resource */
	assert_false(arn_parse("arn::s3:::bucket", &a));    /* no partition */
	assert_false(arn_parse("arn:aws:s3::bucket", &a));  /* five parts */
	assert_false(arn_parse("bucket", &a));
}

static void test_dates(void **state)
{
	long d, e;

	(void)state;
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(date_parse("2000-03-01", &d));
	assert_true(date_parse("2000-02-29", &e));
	assert_int_equal(d - e, 1);               /* 2000 is a leap year */
	assert_false(date_parse("1900-02-29", &d)); /* 1900 is not */
	assert_false(date_parse("2023-02-29", &d));
	assert_true(date_parse("2024-02-29", &d));
	assert_true(date_parse("2024-12-31", &d));
	assert_true(date_parse("2025-01-01", &e));
	assert_int_equal(e - d, 1);
	assert_false(date_parse("2024-13-01", &d));
	assert_false(date_parse("2024-00-10", &d));
	assert_false(date_parse("2024-04-31", &d));
	assert_true(date_parse("2024-04-30", &d));
	assert_false(date_parse("2024-4-30", &d));
	assert_false(date_parse("2024-04-300", &d));
	assert_false(date_parse("2024/04/30", &d));
	assert_false(date_parse("2024-04-3x", &d));
	assert_true(date_parse("2025-10-01", &d));
	assert_true(date_parse("2025-07-03", &e));
	assert_int_equal(d - e, 90);
}

/* ---- Principals, actions, resources ---- */

static void test_principals(void **state)
{
	static const char *svc = "Statement: [{Effect: Allow, Principal: {Service: [lambda.amazonaws.com, "
				 "logs.us-east-1.amazonaws.com]}, Action: 'kms:*', Resource: '*'}]\n";
	static const char *root = "Statement: [{Effect: Allow, Principal: {AWS: '111111111111'}, "
				  "Action: 'kms:*', Resource: '*'}]\n";
	static const char *star = "Statement: [{Effect: Allow, Principal: '*', Action: 'kms:*'}]\n";
	static const char *aws_star = "Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: 'kms:*'}]\n";
	static const char *notp = "Statement: [{Effect: Allow, NotPrincipal: {Service: lambda.amazonaws.com}, "
				  "Action: 'kms:*'}]\n";
	static const char *fed = "Statement: [{Effect: Allow, Principal: {Federated: x}, Action: 'kms:*'}]\n";

	(void)state;
	assert_int_equal(decide(svc, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(svc, "logs.eu-west-1.amazonaws.com", NULL, "kms:Decrypt", NULL, NULL),
			 POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(svc, NULL, ROOT, "kms:Decrypt", NULL, NULL), POLICY_IMPLICIT_DENY);
	/* an account id and its root ARN are one principal */
	assert_int_equal(decide(root, NULL, ROOT, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(root, NULL, "arn:aws:iam::222222222222:root", "kms:Decrypt", NULL, NULL),
			 POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(root, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_IMPLICIT_DENY);
	/* naming the account admits its roles (their IAM policies then decide) */
	assert_int_equal(decide(root, NULL, "arn:aws:iam::111111111111:role/admin", "kms:Decrypt",
				NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(root, NULL, "arn:aws:iam::222222222222:role/admin", "kms:Decrypt",
				NULL, NULL), POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(star, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(aws_star, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(notp, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(notp, "lambda.amazonaws.com", NULL, "kms:Decrypt", NULL, NULL),
			 POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(fed, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_IMPLICIT_DENY);
}

static void test_actions_and_resources(void **state)
{
	static const char *docs = "Statement: [{Effect: Allow, Principal: '*', Action: ['kms:Encrypt*', "
				  "'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], "
				  "Resource: '*'}]\n";
	static const char *notaction = "Statement: [{Effect: Allow, Principal: '*', NotAction: 'kms:Decrypt'}]\n";
	static const char *res = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				 "Resource: 'arn:aws:kms:us-east-1:111111111111:key/*'}]\n";
	static const char *notres = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				    "NotResource: 'arn:aws:kms:*:*:key/1234'}]\n";

	(void)state;
	assert_int_equal(decide(docs, LOGS, NULL, "kms:GenerateDataKey", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(docs, LOGS, NULL, "kms:describekey", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(docs, LOGS, NULL, "kms:CreateGrant", NULL, NULL), POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(notaction, LOGS, NULL, "kms:Encrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(notaction, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_IMPLICIT_DENY);
	assert_int_equal(decide(res, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_ALLOW);
	assert_int_equal(decide(notres, LOGS, NULL, "kms:Decrypt", NULL, NULL), POLICY_IMPLICIT_DENY);
}

static void test_deny_wins(void **state)
{
	static const char *both = "Statement:\n  - {Effect: Allow, Principal: '*', Action: 'kms:*'}\n"
				  "  - {Sid: NoLogs, Effect: Deny, Principal: {Service: logs.us-east-1.amazonaws.com}, "
				  "Action: 'kms:Decrypt'}\n";
	struct policy *p = parse(both);
	struct policy_request req = { LOGS, NULL, "kms:Decrypt", KEY, NULL, 0 };
	struct policy_result r;

	(void)state;
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_DENY);
	assert_string_equal(r.reason, "statement \"NoLogs\" denies kms:Decrypt");
	assert_int_equal(r.pos.line, 3);
	policy_result_free(&r);
	req.action = "kms:Encrypt";
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_ALLOW);
	assert_string_equal(r.reason, "statement 1 allows kms:Encrypt");
	policy_result_free(&r);
	policy_free(p);
}

/* ---- Conditions: each operator, both sides ---- */

#define CTX "kms:EncryptionContext:aws:logs:arn"

static void test_string_operators(void **state)
{
	(void)state;
	assert_int_equal(cond("StringEquals", "k", "abc", "abc"), POLICY_ALLOW);
	assert_int_equal(cond("StringEquals", "k", "abc", "abC"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringEquals", "k", "[x, abc]", "abc"), POLICY_ALLOW);
	assert_int_equal(cond("StringNotEquals", "k", "abc", "abd"), POLICY_ALLOW);
	assert_int_equal(cond("StringNotEquals", "k", "abc", "abc"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringEqualsIgnoreCase", "k", "ABC", "abc"), POLICY_ALLOW);
	assert_int_equal(cond("StringEqualsIgnoreCase", "k", "ABC", "abd"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringNotEqualsIgnoreCase", "k", "ABC", "abc"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringNotEqualsIgnoreCase", "k", "ABC", "abd"), POLICY_ALLOW);
	assert_int_equal(cond("StringLike", "k", "a*c", "abbbc"), POLICY_ALLOW);
	assert_int_equal(cond("StringLike", "k", "a*c", "abbbd"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringNotLike", "k", "a*c", "abbbc"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringNotLike", "k", "a*c", "abbbd"), POLICY_ALLOW);
}

static void test_arn_operators(void **state)
{
	(void)state;
	assert_int_equal(cond("ArnLike", CTX, "arn:aws:logs:us-east-1:111111111111:*", GROUP),
			 POLICY_ALLOW);
	assert_int_equal(cond("ArnLike", CTX, "arn:aws:logs:us-east-1:222222222222:*", GROUP),
			 POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("ArnEquals", CTX, GROUP, GROUP), POLICY_ALLOW);
	assert_int_equal(cond("ArnEquals", CTX, "arn:aws:logs:us-east-1:111111111111:log-group:/app/y",
			      GROUP), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("ArnNotEquals", CTX, GROUP, GROUP), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("ArnNotLike", CTX, "arn:aws:logs:*:*:log-group:/other/*", GROUP),
			 POLICY_ALLOW);
	assert_int_equal(cond("ArnNotLike", CTX, "arn:aws:logs:*:*:log-group:/app/*", GROUP),
			 POLICY_IMPLICIT_DENY);
}

static void test_numeric_bool_null(void **state)
{
	(void)state;
	assert_int_equal(cond("NumericEquals", "n", "'10'", "10"), POLICY_ALLOW);
	assert_int_equal(cond("NumericEquals", "n", "'10'", "10.5"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericNotEquals", "n", "'10'", "11"), POLICY_ALLOW);
	assert_int_equal(cond("NumericNotEquals", "n", "'10'", "10"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericLessThan", "n", "'10'", "9"), POLICY_ALLOW);
	assert_int_equal(cond("NumericLessThan", "n", "'10'", "10"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericLessThanEquals", "n", "'10'", "10"), POLICY_ALLOW);
	assert_int_equal(cond("NumericLessThanEquals", "n", "'10'", "11"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericGreaterThan", "n", "'10'", "11"), POLICY_ALLOW);
	assert_int_equal(cond("NumericGreaterThan", "n", "'10'", "10"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericGreaterThanEquals", "n", "'10'", "10"), POLICY_ALLOW);
	assert_int_equal(cond("NumericGreaterThanEquals", "n", "'10'", "9"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("NumericEquals", "n", "'10'", "ten"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("Bool", "aws:SecureTransport", "'true'", "true"), POLICY_ALLOW);
	assert_int_equal(cond("Bool", "aws:SecureTransport", "'true'", "false"), POLICY_IMPLICIT_DENY);
	/* Null: true means the key must be absent */
	assert_int_equal(cond("Null", "k", "'true'", NULL), POLICY_ALLOW);
	assert_int_equal(cond("Null", "k", "'true'", "x"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("Null", "k", "'false'", "x"), POLICY_ALLOW);
	assert_int_equal(cond("Null", "k", "'false'", NULL), POLICY_IMPLICIT_DENY);
}

static void test_absent_keys(void **state)
{
	(void)state;
	/* a key known to be absent: positive operators fail, negated hold, IfExists holds */
	assert_int_equal(cond("StringEquals", "k", "abc", NULL), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringNotEquals", "k", "abc", NULL), POLICY_ALLOW);
	assert_int_equal(cond("StringEqualsIfExists", "k", "abc", NULL), POLICY_ALLOW);
	assert_int_equal(cond("StringEqualsIfExists", "k", "abc", "abd"), POLICY_IMPLICIT_DENY);
	assert_int_equal(cond("StringEqualsIfExists", "k", "abc", "abc"), POLICY_ALLOW);
	assert_int_equal(cond("ForAllValues:StringEquals", "k", "abc", NULL), POLICY_ALLOW);
	assert_int_equal(cond("ForAnyValue:StringEquals", "k", "abc", NULL), POLICY_IMPLICIT_DENY);
}

static void test_set_qualifiers(void **state)
{
	static const char *doc = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				 "Condition: {%s: {tags: [a, b]}}}]\n";
	const char *two[] = { "a", "c", NULL }, *ab[] = { "a", "b", NULL };
	struct policy_ctx ctx = { "tags", two };
	struct policy_request req = { LOGS, NULL, "kms:Decrypt", KEY, &ctx, 1 };
	struct policy_result r;
	char *text;
	struct policy *p;

	(void)state;
	text = xstrfmt(doc, "ForAnyValue:StringEquals");
	p = parse(text);
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_ALLOW); /* "a" is among [a, b] */
	policy_result_free(&r);
	policy_free(p);
	free(text);
	text = xstrfmt(doc, "ForAllValues:StringEquals");
	p = parse(text);
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_IMPLICIT_DENY); /* "c" is not */
	policy_result_free(&r);
	ctx.values = ab;
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_ALLOW);
	policy_result_free(&r);
	policy_free(p);
	free(text);
}

static void test_uncertain(void **state)
{
	static const char *src = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				 "Condition: {ArnLike: {'aws:SourceArn': 'arn:aws:logs:*'}}}]\n";
	static const char *ip = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				"Condition: {IpAddress: {'aws:SourceIp': 10.0.0.0/8}}}]\n";
	static const char *var = "Statement: [{Effect: Allow, Principal: '*', Action: '*', "
				 "Condition: {StringEquals: {k: '${aws:username}'}}}]\n";
	static const char *deny_maybe = "Statement:\n  - {Effect: Allow, Principal: '*', Action: '*'}\n"
					"  - {Effect: Deny, Principal: '*', Action: '*', Condition: "
					"{StringEquals: {'aws:PrincipalOrgID': o-1}}}\n";
	struct policy *p = parse(src);
	struct policy_request req = { LOGS, NULL, "kms:Decrypt", KEY, NULL, 0 };
	struct policy_result r;

	(void)state;
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_UNCERTAIN);
	assert_string_equal(r.reason, "whether statement 1 allows kms:Decrypt cannot be told: the "
			    "request's aws:SourceArn is not known offline (condition ArnLike)");
	policy_result_free(&r);
	policy_free(p);
	p = parse(ip);
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_UNCERTAIN);
	assert_string_equal(r.reason, "whether statement 1 allows kms:Decrypt cannot be told: the "
			    "condition operator IpAddress is not evaluated offline");
	policy_result_free(&r);
	policy_free(p);
	assert_int_equal(decide(var, LOGS, NULL, "kms:Decrypt", "k", "bob"), POLICY_UNCERTAIN);
	p = parse(deny_maybe);
	policy_evaluate(p, &req, &r);
	assert_int_equal(r.decision, POLICY_UNCERTAIN);
	assert_string_equal(r.reason, "whether statement 2 denies kms:Decrypt cannot be told: the "
			    "request's aws:PrincipalOrgID is not known offline (condition StringEquals)");
	policy_result_free(&r);
	policy_free(p);
	assert_string_equal(policy_decision_name(POLICY_IMPLICIT_DENY), "implicit deny");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_shapes),
		cmocka_unit_test(test_parse_string_under_key),
		cmocka_unit_test(test_wildcard),
		cmocka_unit_test(test_arn_like),
		cmocka_unit_test(test_arn_parse),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_principals),
		cmocka_unit_test(test_actions_and_resources),
		cmocka_unit_test(test_deny_wins),
		cmocka_unit_test(test_string_operators),
		cmocka_unit_test(test_arn_operators),
		cmocka_unit_test(test_numeric_bool_null),
		cmocka_unit_test(test_absent_keys),
		cmocka_unit_test(test_set_qualifiers),
		cmocka_unit_test(test_uncertain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
