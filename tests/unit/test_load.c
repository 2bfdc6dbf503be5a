/*
 * test_load.c - the YAML and JSON loaders: every short-form tag against its
 * long form, positions, scalar types, and every kind of malformed input
 * with its exact error and position.
 */
#include "helpers.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/* ---- Short-form tags become the long form ---- */

static void test_tag_ref(void **state)
{
	(void)state;
	assert_same_tree("A: !Ref Bucket", "{\"A\": {\"Ref\": \"Bucket\"}}");
	/* Ref keeps its argument a string even when it looks like a number */
	assert_same_tree("A: !Ref 123", "{\"A\": {\"Ref\": \"123\"}}");
	assert_same_tree("A: !Condition IsProd", "{\"A\": {\"Condition\": \"IsProd\"}}");
}

static void test_tag_getatt(void **state)
{
	(void)state;
	assert_same_tree("A: !GetAtt Bucket.Arn",
			 "{\"A\": {\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}}");
	/* split at the first dot only: nested attributes and stack outputs */
	assert_same_tree("A: !GetAtt Db.Endpoint.Address",
			 "{\"A\": {\"Fn::GetAtt\": [\"Db\", \"Endpoint.Address\"]}}");
	assert_same_tree("A: !GetAtt Child.Outputs.VpcId",
			 "{\"A\": {\"Fn::GetAtt\": [\"Child\", \"Outputs.VpcId\"]}}");
	assert_same_tree("A: !GetAtt [Bucket, Arn]",
			 "{\"A\": {\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}}");
	/* the long form with a string is kept as written */
	assert_same_tree("A: {Fn::GetAtt: Bucket.Arn}", "{\"A\": {\"Fn::GetAtt\": \"Bucket.Arn\"}}");
}

static void test_tag_sub(void **state)
{
	(void)state;
	assert_same_tree("A: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}'",
			 "{\"A\": {\"Fn::Sub\": \"arn:${AWS::Partition}:s3:::${Bucket}\"}}");
	assert_same_tree("A: !Sub\n  - 'www.${Domain}'\n  - Domain: !Ref RootDomainName\n",
			 "{\"A\": {\"Fn::Sub\": [\"www.${Domain}\", {\"Domain\": {\"Ref\": \"RootDomainName\"}}]}}");
}

static void test_tag_every_function(void **state)
{
	static const struct { const char *yaml, *json; } cases[] = {
		{ "!Join [':', [a, b]]", "{\"Fn::Join\": [\":\", [\"a\", \"b\"]]}" },
		{ "!Select [1, [a, b]]", "{\"Fn::Select\": [1, [\"a\", \"b\"]]}" },
		{ "!Split ['|', 'a|b']", "{\"Fn::Split\": [\"|\", \"a|b\"]}" },
		{ "!If [C, a, b]", "{\"Fn::If\": [\"C\", \"a\", \"b\"]}" },
		{ "!Equals [a, b]", "{\"Fn::Equals\": [\"a\", \"b\"]}" },
		{ "!And [x, y]", "{\"Fn::And\": [\"x\", \"y\"]}" },
		{ "!Or [x, y]", "{\"Fn::Or\": [\"x\", \"y\"]}" },
		{ "!Not [x]", "{\"Fn::Not\": [\"x\"]}" },
		{ "!FindInMap [M, k, v]", "{\"Fn::FindInMap\": [\"M\", \"k\", \"v\"]}" },
		{ "!ImportValue Shared-VpcId", "{\"Fn::ImportValue\": \"Shared-VpcId\"}" },
		{ "!GetAZs ''", "{\"Fn::GetAZs\": \"\"}" },
		{ "!Base64 hello", "{\"Fn::Base64\": \"hello\"}" },
		{ "!Cidr [10.0.0.0/16, 6, 8]", "{\"Fn::Cidr\": [\"10.0.0.0/16\", 6, 8]}" },
		{ "!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
		  "{\"Fn::Transform\": {\"Name\": \"AWS::Include\", \"Parameters\": {\"Location\": \"s3://b/k\"}}}" },
		{ "!Length [1, 2]", "{\"Fn::Length\": [1, 2]}" },
		{ "!ToJsonString {a: b}", "{\"Fn::ToJsonString\": {\"a\": \"b\"}}" },
		{ "!Contains [[a], a]", "{\"Fn::Contains\": [[\"a\"], \"a\"]}" },
		{ "!EachMemberEquals [[a], a]", "{\"Fn::EachMemberEquals\": [[\"a\"], \"a\"]}" },
		{ "!EachMemberIn [[a], [a, b]]", "{\"Fn::EachMemberIn\": [[\"a\"], [\"a\", \"b\"]]}" },
		{ "!RefAll AWS::EC2::VPC::Id", "{\"Fn::RefAll\": \"AWS::EC2::VPC::Id\"}" },
		{ "!ValueOf [Subnet, VpcId]", "{\"Fn::ValueOf\": [\"Subnet\", \"VpcId\"]}" },
		{ "!ValueOfAll [AWS::EC2::Subnet::Id, VpcId]",
		  "{\"Fn::ValueOfAll\": [\"AWS::EC2::Subnet::Id\", \"VpcId\"]}" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *yaml = xstrfmt("A: %s\n", cases[i].yaml);
		char *json = xstrfmt("{\"A\": %s}", cases[i].json);
		assert_same_tree(yaml, json);
		free(yaml);
		free(json);
	}
}

static void test_tags_nested(void **state)
{
	(void)state;
	/* !Sub inside !Join inside !If */
	assert_same_tree("A: !If\n  - IsProd\n  - !Join ['', [!Sub '${AWS::Region}-x', !Ref B]]\n"
			 "  - !Ref AWS::NoValue\n",
			 "{\"A\": {\"Fn::If\": [\"IsProd\", {\"Fn::Join\": [\"\", [{\"Fn::Sub\": "
			 "\"${AWS::Region}-x\"}, {\"Ref\": \"B\"}]]}, {\"Ref\": \"AWS::NoValue\"}]}}");
	assert_same_tree("A: !Select [0, !GetAZs '']",
			 "{\"A\": {\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}}");
	assert_same_tree("A: !Base64\n  Fn::Sub: 'echo ${X}'\n",
			 "{\"A\": {\"Fn::Base64\": {\"Fn::Sub\": \"echo ${X}\"}}}");
}

/* ---- Positions ---- */

static void test_positions_yaml(void **state)
{
	struct value *v = parse_ok("pos.yaml",
				   "Resources:\n"
				   "  Bucket:\n"
				   "    Type: AWS::S3::Bucket\n"
				   "    Properties:\n"
				   "      BucketName: !Sub '${AWS::StackName}-logs'\n");
	const struct value *res = value_map_get(v, "Resources");
	const struct value_entry *bucket = value_map_entry(res, "Bucket");
	const struct value *props = value_map_get(bucket->val, "Properties");
	const struct value *name = value_map_get(props, "BucketName");
	const struct value *fmt = value_map_get(name, "Fn::Sub");

	(void)state;
	assert_int_equal(bucket->key_pos.line, 2);
	assert_int_equal(bucket->key_pos.col, 3);
	assert_int_equal(value_map_get(bucket->val, "Type")->pos.line, 3);
	assert_int_equal(value_map_get(bucket->val, "Type")->pos.col, 11);
	assert_int_equal(name->pos.line, 5);  /* the !Sub tag */
	assert_int_equal(name->pos.col, 19);
	assert_int_equal(fmt->pos.line, 5);
	assert_string_equal(srcfile_name(name->pos.file), "pos.yaml");
	value_free(v);
}

static void test_positions_json(void **state)
{
	struct value *v = parse_ok("pos.json", "{\n  \"A\": [1,\n    \"\xc3\xa9t\xc3\xa9\", true]\n}");
	const struct value_entry *a = value_map_entry(v, "A");

	(void)state;
	assert_int_equal(v->pos.line, 1);
	assert_int_equal(a->key_pos.line, 2);
	assert_int_equal(a->key_pos.col, 3);
	assert_int_equal(value_list_get(a->val, 1)->pos.line, 3);
	assert_int_equal(value_list_get(a->val, 1)->pos.col, 5);
	/* columns count characters, not bytes: "été" is 5 characters with quotes */
	assert_int_equal(value_list_get(a->val, 2)->pos.col, 12);
	value_free(v);
}

/* ---- Scalars ---- */

static void test_scalar_types(void **state)
{
	struct value *v = parse_ok("s.yaml",
				   "a: 80\nb: '80'\nc: 1.50\nd: true\ne: no\nf: ~\ng:\n"
				   "h: 2010-09-09\ni: 0755\nj: 1e3\nk: \"yes\"\n");

	(void)state;
	assert_int_equal(value_map_get(v, "a")->kind, VALUE_NUMBER);
	assert_int_equal(value_map_get(v, "b")->kind, VALUE_STRING);
	assert_string_equal(value_map_get(v, "c")->u.number.text, "1.50");
	assert_int_equal(value_map_get(v, "d")->kind, VALUE_BOOL);
	assert_true(value_map_get(v, "d")->u.boolean);
	assert_int_equal(value_map_get(v, "e")->kind, VALUE_BOOL); /* YAML 1.1 */
	assert_false(value_map_get(v, "e")->u.boolean);
	assert_int_equal(value_map_get(v, "f")->kind, VALUE_NULL);
	assert_int_equal(value_map_get(v, "g")->kind, VALUE_NULL);
	assert_string_equal(value_str(value_map_get(v, "h")), "2010-09-09");
	assert_string_equal(value_str(value_map_get(v, "i")), "0755");
	assert_int_equal(value_map_get(v, "j")->kind, VALUE_NUMBER);
	assert_string_equal(value_str(value_map_get(v, "k")), "yes");
	value_free(v);
	/* the words' first letters and number signs, in longer or other text */
	v = parse_ok("t.yaml", "a: falsey\nb: OFFICE\nc: nothing\nd: +1\ne: .5\nf: -2.5e3\n"
			       "g: tRUE\nh: '-'\ni: -x\nj: Yes\n");
	assert_string_equal(value_str(value_map_get(v, "a")), "falsey");
	assert_string_equal(value_str(value_map_get(v, "b")), "OFFICE");
	assert_string_equal(value_str(value_map_get(v, "c")), "nothing");
	assert_string_equal(value_map_get(v, "d")->u.number.text, "+1");
	assert_string_equal(value_map_get(v, "e")->u.number.text, ".5");
	assert_string_equal(value_map_get(v, "f")->u.number.text, "-2.5e3");
	assert_string_equal(value_str(value_map_get(v, "g")), "tRUE");
	assert_string_equal(value_str(value_map_get(v, "h")), "-");
	assert_string_equal(value_str(value_map_get(v, "i")), "-x");
	assert_true(value_map_get(v, "j")->kind == VALUE_BOOL && value_map_get(v, "j")->u.boolean);
	value_free(v);
	/* keys are text: YAML 1.1 words and numbers keep their spelling */
	v = parse_ok("keys.yaml", "Off: 1\nNo: 2\n1.50: 3\n~: 4\n");
	assert_non_null(value_map_get(v, "Off"));
	assert_non_null(value_map_get(v, "No"));
	assert_non_null(value_map_get(v, "1.50"));
	assert_non_null(value_map_get(v, "~"));
	value_free(v);
}

static void test_json_escapes(void **state)
{
	struct value *v = parse_ok("e.json", "[\"a\\\"b\\\\c\\/d\\n\", \"\\u00e9\\ud83d\\ude00\"]");

	(void)state;
	assert_string_equal(value_str(value_list_get(v, 0)), "a\"b\\c/d\n");
	assert_string_equal(value_str(value_list_get(v, 1)), "\xc3\xa9\xf0\x9f\x98\x80");
	value_free(v);
}

static void test_bom_and_empty(void **state)
{
	struct value *v = parse_ok("bom.yaml", "\xEF\xBB\xBF" "A: 1\n");
	struct value *e = parse_ok("empty.yaml", "");

	(void)state;
	assert_non_null(value_map_get(v, "A"));
	assert_int_equal(e->kind, VALUE_NULL);
	value_free(v);
	value_free(e);
}

/* ---- Errors, each with its position ---- */

static void expect_error(const char *name, const char *text, const char *expected)
{
	char *msg = parse_error(name, text);

	assert_string_equal(msg, expected);
	free(msg);
}

static void test_errors_yaml(void **state)
{
	(void)state;
	expect_error("a.yaml", "A: 1\nA: 2\n", "2:1: duplicate key \"A\"");
	expect_error("b.yaml", "A: !Foo x\n", "1:4: unknown tag !Foo");
	expect_error("c.yaml", "A: !!binary aGk=\n", "1:4: unsupported YAML tag !!binary");
	expect_error("d.yaml", "A: [1, 2\n", "2:1: did not find expected ',' or ']' while parsing "
		     "a flow sequence (line 1, column 4)");
	expect_error("e.yaml", "A: 1\n---\nB: 2\n", "2:1: more than one YAML document in the file");
	expect_error("f.yaml", "A: *nope\n", "1:4: alias *nope refers to an undefined anchor "
		     "(or to the node that contains it)");
	expect_error("g.yaml", "base: &b {x: 1}\nA:\n  <<: *b\n", "3:3: YAML merge keys (<<) are not supported");
	expect_error("h.yaml", "? [a]\n: 1\n", "1:3: a mapping key must be a scalar");
	expect_error("i.yaml", "A: 'unterminated\n", "2:1: found unexpected end of stream while "
		     "scanning a quoted scalar (line 1, column 4)");
}

/* Children are collected per open collection and copied when it closes:
 * duplicates are found among a map's own keys only, past the point where a
 * map gets an index too, and nested collections keep their children. */
static void test_children_per_collection(void **state)
{
	(void)state;
	assert_same_tree("A: {x: 1, y: [a, {x: 2}]}\nB: {x: 3}\nx: [[], {}, [x]]\n",
			 "{\"A\": {\"x\": 1, \"y\": [\"a\", {\"x\": 2}]}, \"B\": {\"x\": 3}, "
			 "\"x\": [[], {}, [\"x\"]]}");
	assert_same_tree("{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
			 "\"k7\": 7, \"k8\": 8, \"k9\": {\"k1\": 1}, \"k10\": [10]}",
			 "{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
			 "\"k7\": 7, \"k8\": 8, \"k9\": {\"k1\": 1}, \"k10\": [10]}");
	expect_error("dup1.yaml", "A:\n  x: 1\nB: 2\nA: 3\n", "4:1: duplicate key \"A\"");
	expect_error("dup2.yaml", "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\n"
		     "k9: {k3: 1}\nk10: 10\nk3: 11\n", "11:1: duplicate key \"k3\"");
	expect_error("dup3.json", "{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, "
		     "\"k6\": 6, \"k7\": 7, \"k8\": 8, \"k9\": [{\"k9\": 9}], \"k9\": 0}",
		     "1:93: duplicate key \"k9\"");
}

static void test_errors_json(void **state)
{
	(void)state;
	expect_error("a.json", "{\"A\": 1, \"A\": 2}", "1:10: duplicate key \"A\"");
	expect_error("b.json", "{\"A\": [1, 2}", "1:12: unexpected '}'; expected ',' or ']'");
	expect_error("c.json", "{\"A\": \"\\u0000\"}", "1:8: \\u0000 (NUL) in a string is not supported");
	expect_error("d.json", "{\"A\": \"\\ud800\"}", "1:8: invalid \\u escape: unpaired surrogate");
	expect_error("e.json", "{\"A\": \"\\x\"}", "1:8: invalid escape in string");
	expect_error("f.json", "[1] [2]", "1:5: unexpected '['; expected end of input after the top-level value");
}

static void test_errors_bytes(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	static const char nul[] = "A: 1\nB: x\0y\n";
	struct value *v = load_buffer("nul.yaml", nul, sizeof(nul) - 1, NULL, &dl);

	(void)state;
	assert_null(v);
	assert_string_equal(dl.items[0].message, "NUL byte in input (binary file?)");
	assert_int_equal(dl.items[0].pos.line, 2);
	assert_int_equal(dl.items[0].pos.col, 5);
	diag_clear(&dl);
	expect_error("utf8.yaml", "A: caf\xc3\n", "1:7: invalid UTF-8 byte 0xC3");
	expect_error("overlong.yaml", "A: \xc0\xaf\n", "1:4: invalid UTF-8 byte 0xC0");
	expect_error("surrogate.yaml", "A: \xed\xa0\x80\n", "1:4: invalid UTF-8 byte 0xED");
	/* escapes of a double-quoted scalar are the one way to a NUL, key or value */
	expect_error("esc.yaml", "A: \"x\\0y\"\n", "1:4: NUL character in a scalar is not supported");
	expect_error("esc-u.yaml", "A: [\"\\u0000\"]\n",
		     "1:5: NUL character in a scalar is not supported");
	expect_error("esc-key.yaml", "\"x\\x00\": 1\n",
		     "1:1: NUL character in a scalar is not supported");
}

static void test_depth_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct value *v;
	char *msg;
	int i;

	(void)state;
	for (i = 0; i < LOAD_MAX_DEPTH; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < LOAD_MAX_DEPTH; i++)
		strbuf_addch(&sb, ']');
	v = parse_ok("ok.json", sb.buf); /* exactly at the limit: fine */
	value_free(v);
	strbuf_reset(&sb);
	for (i = 0; i < 10000; i++)
		strbuf_addch(&sb, '[');
	msg = parse_error("deep.json", sb.buf);
	assert_string_equal(msg, "1:201: nesting deeper than 200 levels");
	free(msg);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a:\n");
	for (i = 1; i <= 300; i++) {
		int k;
		for (k = 0; k < i; k++)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, "a:\n");
	}
	msg = parse_error("deep.yaml", sb.buf);
	assert_string_equal(msg, "201:201: nesting deeper than 200 levels");
	free(msg);
	strbuf_release(&sb);
}

static void test_alias_bomb(void **state)
{
	static const char bomb[] =
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
	char *msg = parse_error("bomb.yaml", bomb);

	(void)state;
	/* b, c and d expand to 12,330 copied nodes; each *d adds 11,111, so the
	 * eighth *d on line 5 is the one past the budget */
	assert_string_equal(msg, "5:36: YAML aliases expand past 100000 nodes (alias bomb?)");
	free(msg);
}

static void test_alias_recorded(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct load_meta meta;
	struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	static const char text[] = "a: &x {k: v}\nb: *x\nc: *x\n";
	struct value *v = load_buffer("alias.yaml", text, sizeof(text) - 1, &opt, &dl);

	(void)state;
	assert_non_null(v);
	assert_int_equal(meta.n_aliases, 2);
	assert_int_equal(meta.first_alias.line, 2);
	assert_int_equal(meta.first_alias.col, 4);
	assert_true(value_equal(value_map_get(v, "a"), value_map_get(v, "c")));
	value_free(v);
	diag_clear(&dl);
}

/* Found by fuzzing: an anchored mapping key is freed once its text is
 * taken; an alias to it read freed memory.  Now the anchor keeps a copy. */
static void test_alias_of_key(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	static const char text[] = "&k a: 1\n&k b: 2\nc: [*k, &n 3]\n&n d: *n\n";
	struct value *v = load_buffer("key.yaml", text, sizeof(text) - 1, NULL, &dl);
	const struct value *c;

	(void)state;
	assert_non_null(v);
	c = value_map_get(v, "c");
	assert_string_equal(value_str(c->u.list.items[0]), "b"); /* the latest &k wins */
	assert_string_equal(value_str(value_map_get(v, "d")), "d"); /* key d's &n comes before *n */
	value_free(v);
	diag_clear(&dl);
}

static void test_file_errors(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	size_t len;

	(void)state;
	assert_null(load_file("/nonexistent/t.yaml", NULL, &dl));
	assert_string_equal(dl.items[0].message, "cannot open: No such file or directory");
	diag_clear(&dl);
	assert_null(load_read_file("/", 0, &len, &dl));
	assert_string_equal(dl.items[0].message, "is a directory, not a file");
	diag_clear(&dl);
}

/* A file over xprefault's threshold reads back byte for byte, NUL-terminated. */
static void test_read_large_file(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	size_t n = 300 * 1000 + 7, len = 0, i;
	char path[] = "/tmp/cfn-dryrun-test-load-XXXXXX";
	char *text = xmalloc(n), *buf;
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	for (i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	buf = load_read_file(path, 0, &len, &dl);
	unlink(path);
	assert_non_null(buf);
	assert_int_equal(dl.n, 0);
	assert_int_equal(len, n);
	assert_memory_equal(buf, text, n);
	assert_int_equal(buf[n], '\0');
	free(buf);
	free(text);
}

static long minor_faults(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

/* Prefaulted pages take no fault at their first write; small blocks are
 * left alone.  The block is mapped here, not malloc'd, and read once
 * before the count, so a sanitizer's allocator and shadow memory take no
 * part in it. */
static void test_prefault(void **state)
{
	size_t n = 4 * 1024 * 1024, i;
	char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long before, faults;
	unsigned long sum = 0;
	int mapped;

	(void)state;
	assert_true(p != MAP_FAILED);
	assert_int_equal(xprefault(p, 4096), 0);
	mapped = xprefault(p, n);
	for (i = 0; i < n; i += 4096) /* a sanitizer's shadow pages fault here */
		sum += (unsigned char)p[i];
	assert_int_equal(sum, 0);
	before = minor_faults();
	for (i = 0; i < n; i += 4096)
		p[i] = 'x';
	faults = minor_faults() - before;
	if (mapped)
		assert_true(faults < 16); /* 1,024 pages without it */
	assert_int_equal(p[n - 4096], 'x');
	assert_int_equal(munmap(p, n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_ref),
		cmocka_unit_test(test_tag_getatt),
		cmocka_unit_test(test_tag_sub),
		cmocka_unit_test(test_tag_every_function),
		cmocka_unit_test(test_tags_nested),
		cmocka_unit_test(test_positions_yaml),
		cmocka_unit_test(test_positions_json),
		cmocka_unit_test(test_scalar_types),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_bom_and_empty),
		cmocka_unit_test(test_errors_yaml),
		cmocka_unit_test(test_errors_json),
		cmocka_unit_test(test_children_per_collection),
		cmocka_unit_test(test_errors_bytes),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_alias_recorded),
		cmocka_unit_test(test_alias_of_key),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_read_large_file),
		cmocka_unit_test(test_prefault),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
