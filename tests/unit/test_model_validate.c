/*
 * test_model_validate.c - schema validation, keyword by keyword, with
 * CloudFormation's message, the path and position, the fix, the coercions
 * and the values that are not judged.  Uses the synthetic type of
 * tests/model (Test::Keywords::Thing) and a few real types.
 */
#include "helpers.h"
#include "model/model.h"
#include "model/model_snode.h"
#include "util/strbuf.h"

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

/* Validates the YAML properties of a Thing named R (or of type) and
 * returns every finding as "CODE LINE:COL PATH: MESSAGE" lines (new). */
static char *run_type(const char *type, const char *yaml)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ms, type, &dl);
	struct value *props = yaml ? parse_ok("props.yaml", yaml) : NULL;
	struct finding_list fl = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	assert_non_null(m);
	model_validate(m, "R", props, srcpos_make(1, 99, 1), &fl);
	for (i = 0; i < fl.n; i++)
		strbuf_addf(&sb, "%s %u:%u %s: %s\n", finding_code_info(fl.items[i].code)->code,
			    fl.items[i].pos.line, fl.items[i].pos.col, fl.items[i].path,
			    fl.items[i].message);
	finding_list_free(&fl);
	value_free(props);
	diag_clear(&dl);
	return strbuf_detach(&sb, NULL);
}

static char *run(const char *yaml)
{
	return run_type("Test::Keywords::Thing", yaml);
}

/* The fix of the only finding (new). */
static char *fix_of(const char *type, const char *yaml)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ms, type, &dl);
	struct value *props = parse_ok("props.yaml", yaml);
	struct finding_list fl = { NULL, 0, 0 };
	char *fix;

	model_validate(m, "R", props, srcpos_make(1, 99, 1), &fl);
	assert_int_equal(fl.n, 1);
	fix = strdup(fl.items[0].fix);
	finding_list_free(&fl);
	value_free(props);
	return fix;
}

#define ASSERT_RUN(yaml, expected)                                              \
	do {                                                                    \
		char *got_ = run(yaml);                                         \
		assert_string_equal(got_, expected);                            \
		free(got_);                                                     \
	} while (0)

#define PFX "Properties validation failed for resource R with message: "

static void test_valid_passes(void **state)
{
	(void)state;
	ASSERT_RUN("Name: abc\nMode: fast\nCount: 3\nTags: [{Key: a, Value: b}]\n"
		   "Source: {Url: x}\nTarget: {Arn: y}\nLimits: {Low: 1, High: 2}\n", "");
}

static void test_required(void **state)
{
	(void)state;
	/* No Properties at all: reported at the resource's position. */
	ASSERT_RUN(NULL, "CD3000 99:1 Resources/R/Properties: " PFX
		   "#: required key [Name] not found\n");
	/* Nested: at the map missing the key. */
	ASSERT_RUN("Name: abc\nTags:\n  - Key: k\n",
		   "CD3000 3:5 Resources/R/Properties/Tags/0: " PFX
		   "#/Tags/0: required key [Value] not found\n");
}

static void test_required_custom_resource(void **state)
{
	char *got = run_type("Custom::Anything", "Foo: 1\n");

	(void)state;
	assert_string_equal(got, "CD3000 1:1 Resources/R/Properties: " PFX
			    "#: required key [ServiceToken] not found\n");
	free(got);
	got = run_type("AWS::CloudFormation::CustomResource", "ServiceToken: arn:x\nAny: [1]\n");
	assert_string_equal(got, "");
	free(got);
}

static void test_extraneous(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: abc\nNmae: x\n",
		   "CD3001 2:1 Resources/R/Properties/Nmae: " PFX
		   "#: extraneous key [Nmae] is not permitted\n");
	ASSERT_RUN("Name: abc\nTags: [{Key: a, Value: b, Extra: c}]\n",
		   "CD3001 2:27 Resources/R/Properties/Tags/0/Extra: " PFX
		   "#/Tags/0: extraneous key [Extra] is not permitted\n");
	fix = fix_of("Test::Keywords::Thing", "Name: abc\nmode: fast\n");
	assert_string_equal(fix, "did you mean Mode? remove mode or correct its name; allowed here: "
			    "Name, Endpoint, Mode, Version, Count, Ratio, Enabled, Tags, Labels, "
			    "Settings, Source, Target, ... (19 in all)");
	free(fix);
}

static void test_type(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: [a]\n", "CD3002 1:7 Resources/R/Properties/Name: " PFX
		   "#/Name: expected type: String, found: JSONArray\n");
	ASSERT_RUN("Name: abc\nTags: {Key: a}\n", "CD3002 2:7 Resources/R/Properties/Tags: " PFX
		   "#/Tags: expected type: JSONArray, found: JSONObject\n");
	ASSERT_RUN("Name: abc\nCount: many\n", "CD3002 2:8 Resources/R/Properties/Count: " PFX
		   "#/Count: expected type: Integer, found: String\n");
	ASSERT_RUN("Name: abc\nCount: 2.5\n", "CD3002 2:8 Resources/R/Properties/Count: " PFX
		   "#/Count: expected type: Integer, found: BigDecimal\n");
	ASSERT_RUN("Name: abc\nEnabled: yes please\n", "CD3002 2:10 Resources/R/Properties/Enabled: " PFX
		   "#/Enabled: expected type: Boolean, found: String\n");
	ASSERT_RUN("Name: abc\nEither: [1]\n", "CD3002 2:9 Resources/R/Properties/Either: " PFX
		   "#/Either: #: no subschema matched out of the total 2 subschemas\n");
	fix = fix_of("Test::Keywords::Thing", "Name: abc\nEither: [1]\n");
	assert_string_equal(fix, "give Either as a map of keys and values or a string (it is a list)");
	free(fix);
}

static void test_coercions(void **state)
{
	(void)state;
	/* A number or boolean where a string is expected; "5" for an integer;
	 * "true" for a boolean; a quoted number for a number. */
	ASSERT_RUN("Name: abc\nId: 12\nVersion: 2\nCount: '5'\nEnabled: 'TRUE'\nRatio: '0.5'\n"
		   "Either: text\nSettings: {a: '7'}\n", "");
	ASSERT_RUN("Name: abc\nId: true\n", "");
}

static void test_enum_and_const(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: abc\nMode: Fast\n", "CD3003 2:7 Resources/R/Properties/Mode: " PFX
		   "#/Mode: failed validation constraint for keyword [enum]\n");
	ASSERT_RUN("Name: abc\nVersion: '3'\n", "CD3003 2:10 Resources/R/Properties/Version: " PFX
		   "#/Version: failed validation constraint for keyword [const]\n");
	/* a number equals the string const "2" by value, not by text */
	ASSERT_RUN("Name: abc\nVersion: 2.0\n", "");
	ASSERT_RUN("Name: abc\nVersion: 2.5\n", "CD3003 2:10 Resources/R/Properties/Version: " PFX
		   "#/Version: failed validation constraint for keyword [const]\n");
	fix = fix_of("Test::Keywords::Thing", "Name: abc\nMode: Fast\n");
	assert_string_equal(fix, "use one of: 'fast', 'slow' (found 'Fast')");
	free(fix);
}

static void test_pattern(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: Abc\n", "CD3004 1:7 Resources/R/Properties/Name: " PFX
		   "#/Name: failed validation constraint for keyword [pattern]\n");
	fix = fix_of("Test::Keywords::Thing", "Name: Abc\n");
	assert_string_equal(fix, "make the value match the pattern ^[a-z][a-z0-9-]*$");
	free(fix);
	/* UTF-16 surrogate ranges stand for characters beyond U+FFFF. */
	ASSERT_RUN("Name: abc\nUnicode: \"\xF0\x9F\x98\x80\"\n", "");
	ASSERT_RUN("Name: abc\nUnicode: \"\\t\"\n", "CD3004 2:10 Resources/R/Properties/Unicode: " PFX
		   "#/Unicode: failed validation constraint for keyword [pattern]\n");
	/* A NUL range written \\u0000 in the schema. */
	ASSERT_RUN("Name: abc\nPrintable: ok\n", "");
	ASSERT_RUN("Name: abc\nPrintable: \"a\\tb\"\n", "CD3004 2:12 Resources/R/Properties/Printable: " PFX
		   "#/Printable: failed validation constraint for keyword [pattern]\n");
}

static void test_lengths(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: ab\n", "CD3005 1:7 Resources/R/Properties/Name: " PFX
		   "#/Name: expected minLength: 3, actual: 2\n");
	ASSERT_RUN("Name: abcdefghijk\n", "CD3005 1:7 Resources/R/Properties/Name: " PFX
		   "#/Name: expected maxLength: 10, actual: 11\n");
	/* Lengths count characters, not bytes. */
	ASSERT_RUN("Name: abc\nUnicode: \"\xC3\xA9\xC3\xA9\xC3\xA9\"\n", "");
	ASSERT_RUN("Name: abc\nUnicode: \"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"\n",
		   "CD3005 2:10 Resources/R/Properties/Unicode: " PFX
		   "#/Unicode: expected maxLength: 3, actual: 4\n");
	fix = fix_of("Test::Keywords::Thing", "Name: ab\n");
	assert_string_equal(fix, "use at least 3 characters (it has 2)");
	free(fix);
}

static void test_ranges(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: abc\nCount: 0\n", "CD3006 2:8 Resources/R/Properties/Count: " PFX
		   "#/Count: failed validation constraint for keyword [minimum]\n");
	ASSERT_RUN("Name: abc\nCount: '11'\n", "CD3006 2:8 Resources/R/Properties/Count: " PFX
		   "#/Count: failed validation constraint for keyword [maximum]\n");
	ASSERT_RUN("Name: abc\nRatio: 0\n",
		   "CD3006 2:8 Resources/R/Properties/Ratio: " PFX
		   "#/Ratio: failed validation constraint for keyword [exclusiveMinimum]\n");
	ASSERT_RUN("Name: abc\nRatio: 1\n",
		   "CD3006 2:8 Resources/R/Properties/Ratio: " PFX
		   "#/Ratio: failed validation constraint for keyword [exclusiveMaximum]\n");
	ASSERT_RUN("Name: abc\nRatio: 0.3\n",
		   "CD3006 2:8 Resources/R/Properties/Ratio: " PFX
		   "#/Ratio: failed validation constraint for keyword [multipleOf]\n");
	ASSERT_RUN("Name: abc\nRatio: 0.75\nCount: 10\n", "");
	fix = fix_of("Test::Keywords::Thing", "Name: abc\nCount: 0\n");
	assert_string_equal(fix, "use a value of at least 1 (found 0)");
	free(fix);
}

static void test_item_and_key_counts(void **state)
{
	(void)state;
	ASSERT_RUN("Name: abc\nTags: []\n", "CD3007 2:7 Resources/R/Properties/Tags: " PFX
		   "#/Tags: expected minimum item count: 1, found: 0\n");
	ASSERT_RUN("Name: abc\nTags: [{Key: a, Value: b}, {Key: b, Value: b}, {Key: c, Value: b},"
		   " {Key: d, Value: b}]\n", "CD3007 2:7 Resources/R/Properties/Tags: " PFX
		   "#/Tags: expected maximum item count: 3, found: 4\n");
	/* An item that may resolve to nothing (AWS::NoValue): counts not judged. */
	ASSERT_RUN("Name: abc\nTags: [!If [C, {Key: a, Value: b}, !Ref AWS::NoValue]]\n", "");
	ASSERT_RUN("Name: abc\nTags: [{Key: a, Value: b}, {Key: c, Value: d}, {Key: a, Value: b}]\n",
		   "CD3010 2:7 Resources/R/Properties/Tags: " PFX
		   "#/Tags: array items are not unique\n");
	ASSERT_RUN("Name: abc\nLabels: {}\n", "CD3008 2:9 Resources/R/Properties/Labels: " PFX
		   "#/Labels: minimum size: [1], found: [0]\n");
	ASSERT_RUN("Name: abc\nLabels: {a: x, b: y, c: z}\n",
		   "CD3008 2:9 Resources/R/Properties/Labels: " PFX
		   "#/Labels: maximum size: [2], found: [3]\n");
}

static void test_pattern_and_additional_properties(void **state)
{
	(void)state;
	ASSERT_RUN("Name: abc\nLabels: {ok: x, Bad1: y}\n",
		   "CD3001 2:17 Resources/R/Properties/Labels/Bad1: " PFX
		   "#/Labels: extraneous key [Bad1] is not permitted\n");
	ASSERT_RUN("Name: abc\nLabels: {ok: [x]}\n",
		   "CD3002 2:14 Resources/R/Properties/Labels/ok: " PFX
		   "#/Labels/ok: expected type: String, found: JSONArray\n");
	ASSERT_RUN("Name: abc\nSettings: {a: 1, b: x}\n",
		   "CD3002 2:21 Resources/R/Properties/Settings/b: " PFX
		   "#/Settings/b: expected type: Integer, found: String\n");
}

static void test_combinators(void **state)
{
	char *fix;

	(void)state;
	ASSERT_RUN("Name: abc\nSource: {Bucket: b, Url: u}\n",
		   "CD3009 2:9 Resources/R/Properties/Source: " PFX
		   "#/Source: #: 2 subschemas matched instead of one\n");
	ASSERT_RUN("Name: abc\nSource: {}\n",
		   "CD3009 2:9 Resources/R/Properties/Source: " PFX
		   "#/Source: #: 0 subschemas matched instead of one\n"
		   "CD3000 2:9 Resources/R/Properties/Source: " PFX
		   "#/Source: required key [Bucket] not found\n");
	fix = fix_of("Test::Keywords::Thing", "Name: abc\nSource: {Bucket: b, Url: u}\n");
	assert_string_equal(fix, "set exactly one of: Bucket; or Url");
	free(fix);
	ASSERT_RUN("Name: abc\nTarget: {}\n",
		   "CD3009 2:9 Resources/R/Properties/Target: " PFX
		   "#/Target: #: no subschema matched out of the total 2 subschemas\n"
		   "CD3000 2:9 Resources/R/Properties/Target: " PFX
		   "#/Target: required key [Arn] not found\n");
	ASSERT_RUN("Name: abc\nLimits: {Low: 1}\n",
		   "CD3009 2:9 Resources/R/Properties/Limits: " PFX
		   "#/Limits: #: only 1 subschema matches out of 2\n"
		   "CD3000 2:9 Resources/R/Properties/Limits: " PFX
		   "#/Limits: required key [High] not found\n");
	ASSERT_RUN("Name: abc\nPlain: {Forbidden: 1}\n",
		   "CD3009 2:8 Resources/R/Properties/Plain: " PFX
		   "#/Plain: failed validation constraint for keyword [not]\n");
	/* anyOf of formats only was dropped by the generator: not judged. */
	ASSERT_RUN("Name: abc\nKeyId: anything\n", "");
}

static void test_unknown_values_not_judged(void **state)
{
	(void)state;
	ASSERT_RUN("Name: !Ref P\nCount: !GetAtt X.Y\nTags: !Ref L\nSource: !If [C, {Bucket: b}, {}]\n", "");
	ASSERT_RUN("Name: '{{resolve:ssm:/x}}'\n", "");
	/* oneOf with an unknown value: two matches cannot be trusted. */
	ASSERT_RUN("Name: abc\nSource: {Bucket: !Ref B}\n", "");
	/* A null is template validation's to report, not the schema's. */
	ASSERT_RUN("Name: abc\nCount: null\n", "");
	/* An intrinsic as the whole Properties. */
	ASSERT_RUN("Fn::If: [C, {Name: abc}, {Name: x}]\n", "");
}

static void test_work_budget(void **state)
{
	struct strbuf yaml = STRBUF_INIT;
	char *first, *second;
	int i;

	(void)state;
	/* Each level has both A and B: every oneOf validates both subtrees once
	 * per branch, 4^depth steps without the budget. */
	strbuf_addstr(&yaml, "Name: abc\nTree: ");
	for (i = 0; i < 30; i++)
		strbuf_addstr(&yaml, "{A: {}, B: ");
	strbuf_addstr(&yaml, "{}");
	for (i = 0; i < 30; i++)
		strbuf_addch(&yaml, '}');
	strbuf_addch(&yaml, '\n');
	first = run(yaml.buf);
	second = run(yaml.buf);
	assert_string_equal(first, second);
	/* The innermost levels are judged before the budget runs out. */
	assert_non_null(strstr(first, "#/Tree/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B/B: "
				      "#: 0 subschemas matched instead of one"));
	free(first);
	free(second);
	strbuf_release(&yaml);
}

static void test_real_types(void **state)
{
	char *got;

	(void)state;
	got = run_type("AWS::SQS::Queue", "DelaySeconds: 901\nVisibilityTimeout: '30'\n");
	assert_string_equal(got, "CD3006 1:15 Resources/R/Properties/DelaySeconds: " PFX
			    "#/DelaySeconds: failed validation constraint for keyword [maximum]\n");
	free(got);
	got = run_type("AWS::Lambda::Function", "Role: [x]\nCode: {ZipFile: x}\n");
	assert_string_equal(got, "CD3002 1:7 Resources/R/Properties/Role: " PFX
			    "#/Role: expected type: String, found: JSONArray\n");
	free(got);
}

/* Schema nodes are decoded once per model: the same entry each time, the
 * keywords of where a $ref leads, "type" names as enum values; a dangling
 * $ref is not judged. */
static void test_decoded_nodes(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ms, "Test::Keywords::Thing", &dl);
	const struct value *props, *either;
	const struct snode *root, *ep, *ei, *tags;
	struct value *dangling;
	struct model fake;

	(void)state;
	assert_non_null(m);
	props = value_map_get(m->schema, "properties");
	root = model_snode(m, m->schema);
	assert_ptr_equal(root, model_snode(m, m->schema));
	assert_ptr_equal(root->schema, m->schema);
	assert_ptr_equal(snode_kw(root, KW_PROPERTIES), props);
	assert_ptr_equal(snode_kw(root, KW_REQUIRED), value_map_get(m->schema, "required"));
	assert_null(snode_kw(root, KW_TYPE));
	assert_null(snode_kw(root, KW_REF));
	assert_int_equal(root->n_types, 0);
	assert_int_equal(root->jt, J_NONE);
	ep = model_snode(m, value_map_get(props, "Endpoint")); /* $ref to a definition */
	assert_ptr_equal(ep->schema, model_deref(m, value_map_get(props, "Endpoint")));
	assert_ptr_equal(snode_kw(ep, KW_TYPE), value_map_get(ep->schema, "type"));
	ei = model_snode(m, value_map_get(props, "Either")); /* a list of types */
	either = value_map_get(value_map_get(props, "Either"), "type");
	assert_int_equal(ei->n_types, 2);
	assert_int_equal(ei->types[0], J_OBJECT);
	assert_int_equal(ei->types[1], J_STRING);
	assert_int_equal(ei->jt, J_NONE);
	assert_ptr_equal(snode_kw(ei, KW_TYPE), either);
	tags = model_snode(m, value_map_get(props, "Tags"));
	assert_int_equal(tags->jt, J_ARRAY);
	assert_ptr_equal(snode_kw(tags, KW_ITEMS), value_map_get(value_map_get(props, "Tags"), "items"));
	assert_ptr_equal(snode_kw(tags, KW_UNIQUE_ITEMS),
			 value_map_get(value_map_get(props, "Tags"), "uniqueItems"));
	assert_null(snode_kw(tags, KW_ENUM));
	/* A dangling $ref: nothing to judge, no keyword kept. */
	fake = *m;
	fake.snodes = model_snodes_new();
	dangling = parse_ok("s.yaml", "$ref: '#/definitions/Missing'\ntype: string\n");
	assert_null(model_snode(&fake, dangling)->schema);
	assert_null(snode_kw(model_snode(&fake, dangling), KW_TYPE));
	model_snodes_free(fake.snodes);
	value_free(dangling);
	diag_clear(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_passes),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_required_custom_resource),
		cmocka_unit_test(test_extraneous),
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_coercions),
		cmocka_unit_test(test_enum_and_const),
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_item_and_key_counts),
		cmocka_unit_test(test_pattern_and_additional_properties),
		cmocka_unit_test(test_combinators),
		cmocka_unit_test(test_unknown_values_not_judged),
		cmocka_unit_test(test_work_budget),
		cmocka_unit_test(test_real_types),
		cmocka_unit_test(test_decoded_nodes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
