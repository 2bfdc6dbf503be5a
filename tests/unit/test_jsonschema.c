/*
 * test_jsonschema.c - the test suite's JSON Schema validator: each keyword
 * accepts what it should and rejects what it should, with the error's
 * JSON pointer, so a schema test that passes means something.
 */
#include "../tools/jsonschema.h"
#include "helpers.h"
#include "util/srcpos.h"

#include <stdlib.h>
#include <string.h>

/* Validates the JSON text doc against the JSON text schema; returns the
 * errors (new) and stores their count in *n. */
static char *check(const char *schema, const char *doc, size_t *n)
{
	struct value *s = parse_ok("schema.json", schema);
	struct value *d = parse_ok("doc.json", doc);
	struct strbuf errors = STRBUF_INIT;

	*n = jsonschema_validate(s, d, &errors);
	value_free(s);
	value_free(d);
	return strbuf_detach(&errors, NULL);
}

static void assert_valid(const char *schema, const char *doc)
{
	size_t n;
	char *e = check(schema, doc, &n);

	if (n)
		fail_msg("expected valid, got: %s", e);
	free(e);
}

static void assert_invalid(const char *schema, const char *doc, const char *first_error)
{
	size_t n;
	char *e = check(schema, doc, &n);
	char *nl;

	assert_true(n > 0);
	nl = strchr(e, '\n');
	if (nl)
		*nl = '\0';
	assert_string_equal(e, first_error);
	free(e);
}

static void test_type(void **state)
{
	(void)state;
	assert_valid("{\"type\": \"integer\"}", "3");
	assert_invalid("{\"type\": \"integer\"}", "3.5", "/: expected integer, got number");
	assert_valid("{\"type\": [\"string\", \"null\"]}", "null");
	assert_invalid("{\"type\": [\"string\", \"null\"]}", "[]",
		       "/: list is not one of the allowed types");
	assert_invalid("{\"type\": \"object\"}", "\"x\"", "/: expected object, got string");
}

static void test_object(void **state)
{
	static const char schema[] =
		"{\"type\": \"object\", \"required\": [\"a\"], \"additionalProperties\": false,"
		" \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"minimum\": 2}}}";

	(void)state;
	assert_valid(schema, "{\"a\": \"x\", \"b\": 2}");
	assert_invalid(schema, "{\"b\": 3}", "/: missing required property 'a'");
	assert_invalid(schema, "{\"a\": \"x\", \"c\": 1}", "/c: property not allowed here");
	assert_invalid(schema, "{\"a\": \"x\", \"b\": 1}", "/b: 1 is less than the minimum 2");
	assert_invalid("{\"additionalProperties\": {\"type\": \"string\"}}", "{\"k\": 1}",
		       "/k: expected string, got number");
	assert_valid("{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}},"
		     " \"additionalProperties\": false}", "{\"x-a\": \"s\"}");
	assert_invalid("{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}},"
		       " \"additionalProperties\": false}", "{\"y\": \"s\"}",
		       "/y: property not allowed here");
}

static void test_array(void **state)
{
	static const char schema[] =
		"{\"type\": \"array\", \"minItems\": 1, \"maxItems\": 3, \"uniqueItems\": true,"
		" \"items\": {\"enum\": [\"a\", \"b\", \"c\"]}}";

	(void)state;
	assert_valid(schema, "[\"a\", \"b\"]");
	assert_invalid(schema, "[]", "/: 0 items, fewer than 1");
	assert_invalid(schema, "[\"a\", \"b\", \"c\", \"a\"]", "/: 4 items, more than 3");
	assert_invalid(schema, "[\"a\", \"a\"]", "/: items 0 and 1 are equal");
	assert_invalid(schema, "[\"a\", \"z\"]", "/1: value is not in the enum");
}

static void test_strings(void **state)
{
	(void)state;
	assert_valid("{\"pattern\": \"^CD[0-9]{4}$\"}", "\"CD1010\"");
	assert_invalid("{\"pattern\": \"^CD[0-9]{4}$\"}", "\"CD10\"",
		       "/: 'CD10' does not match the pattern ^CD[0-9]{4}$");
	assert_invalid("{\"minLength\": 2}", "\"x\"", "/: string shorter than 2");
	assert_invalid("{\"maxLength\": 1}", "\"xy\"", "/: string longer than 1");
	assert_valid("{\"format\": \"uri\"}", "\"https://example.com/x\"");
	assert_invalid("{\"format\": \"uri\"}", "\"templates/app.yaml\"",
		       "/: 'templates/app.yaml' is not an absolute URI");
	assert_valid("{\"format\": \"uri-reference\"}", "\"templates/app.yaml\"");
	assert_invalid("{\"format\": \"uri-reference\"}", "\"a b.yaml\"",
		       "/: 'a b.yaml' is not a URI reference");
	assert_valid("{\"format\": \"date-time\"}", "\"2024-05-01T10:00:00Z\"");
	assert_invalid("{\"format\": \"date-time\"}", "\"2024-05-01\"",
		       "/: '2024-05-01' is not a date-time");
	assert_valid("{\"const\": 1}", "1");
	assert_invalid("{\"const\": 1}", "2", "/: value is not the const");
}

static void test_combinators_and_refs(void **state)
{
	static const char schema[] =
		"{\"definitions\": {\"pos\": {\"type\": \"integer\", \"minimum\": 1}},"
		" \"properties\": {\"n\": {\"$ref\": \"#/definitions/pos\"},"
		"  \"any\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]},"
		"  \"one\": {\"oneOf\": [{\"minimum\": 0}, {\"maximum\": 10}]},"
		"  \"no\": {\"not\": {\"type\": \"string\"}},"
		"  \"all\": {\"allOf\": [{\"minimum\": 0}, {\"maximum\": 10}]}}}";

	(void)state;
	assert_valid(schema, "{\"n\": 1, \"any\": null, \"one\": 20, \"no\": 1, \"all\": 5}");
	assert_invalid(schema, "{\"n\": 0}", "/n: 0 is less than the minimum 1");
	assert_invalid(schema, "{\"any\": 1}", "/any: matches none of anyOf");
	assert_invalid(schema, "{\"one\": 5}", "/one: matches 2 of oneOf, not exactly one");
	assert_invalid(schema, "{\"no\": \"s\"}", "/no: matches the schema under not");
	assert_invalid(schema, "{\"all\": 11}", "/all: 11 is more than the maximum 10");
	assert_invalid("{\"$ref\": \"#/definitions/missing\"}", "1",
		       "/: $ref '#/definitions/missing' does not resolve");
}

static void test_unsupported_keyword(void **state)
{
	(void)state;
	assert_invalid("{\"if\": {\"type\": \"string\"}}", "1",
		       "/: schema keyword 'if' is not supported by this validator");
}

static void test_recursive_ref_is_bounded(void **state)
{
	size_t n;
	char *e;

	(void)state;
	e = check("{\"$ref\": \"#\"}", "1", &n);
	assert_true(n > 0);
	assert_non_null(strstr(e, "validation nested deeper than 1000"));
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_object),
		cmocka_unit_test(test_array),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_combinators_and_refs),
		cmocka_unit_test(test_unsupported_keyword),
		cmocka_unit_test(test_recursive_ref_is_bounded),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
