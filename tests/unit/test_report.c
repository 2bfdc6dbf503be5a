/*
 * test_report.c - the report writers on hand-built results (fixture.c):
 * exact lines where a format has them, colour only when asked, the summary
 * alone with --quiet, SARIF rule indexes and nested artifacts, JUnit
 * counts, Markdown order, DOT clusters, HTML escaping and self-containment.
 */
#include "fixture.h"
#include "helpers.h"
#include "load/load.h"
#include "report/report.h"
#include "report/report_util.h"
#include "util/srcpos.h"

#include <stdlib.h>
#include <string.h>

/* Writes fixture name in format fmt with the given options; returns new text. */
static char *render(const char *name, const char *fmt, bool color, bool quiet)
{
	struct run_result r = RUN_RESULT_INIT;
	struct report_options o = { color, quiet, false };
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(fixture_build(name, &r), 0);
	report_find(fmt)->write(&r, &o, &out);
	result_free(&r);
	return strbuf_detach(&out, NULL);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("output lacks: %s", part);
}

static void assert_before(const char *text, const char *a, const char *b)
{
	const char *pa = strstr(text, a), *pb = strstr(text, b);

	if (!pa || !pb || pa >= pb)
		fail_msg("'%s' does not come before '%s'", a, b);
}

static void test_counts_include_nested(void **state)
{
	struct run_result r = RUN_RESULT_INIT;
	struct report_counts c;

	(void)state;
	fixture_build("mixed", &r);
	report_count(&r, &c);
	assert_int_equal(c.stacks, 3);
	assert_int_equal(c.stacks_failing, 1);
	assert_int_equal(c.n[STATUS_FAIL], 1);
	assert_int_equal(c.n[STATUS_BLOCKED], 2);
	assert_int_equal(c.n[STATUS_CREATE], 5); /* 2 in app, 2 nested, 1 in web */
	assert_int_equal(c.n[STATUS_UNCERTAIN], 2);
	assert_int_equal(c.n[STATUS_SKIPPED], 1);
	result_free(&r);
}

static void test_text_lines(void **state)
{
	char *t = render("mixed", "text", false, false);

	(void)state;
	assert_contains(t, "\ntemplates/app.yaml:14:9: error: The new key policy will not allow you "
			   "to update the key policy in the future. [CD1013]\n"
			   "    fix: add a statement that allows kms:PutKeyPolicy to the deploying role\n");
	/* a finding without a position points at its resource */
	assert_contains(t, "\ntemplates/app.yaml:27:3: error: Error occurred while GetObject.");
	assert_contains(t, "  Function  AWS::Lambda::Function  wave 2  blocked by DataKey\n");
	assert_contains(t, "  KeyArn = (unknown: DataKey would not be created)\n");
	assert_before(t, "would fail (1):", "blocked (2):");
	assert_before(t, "blocked (2):", "uncertain (1):");
	assert_before(t, "uncertain (1):", "would create (2):");
	assert_contains(t, "\n1 would fail, 2 blocked, 5 would create, 2 uncertain, 1 skipped\n");
	assert_null(strchr(t, '\033'));
	free(t);
}

static void test_text_quiet_and_color(void **state)
{
	char *q = render("mixed", "text", false, true);
	char *c = render("mixed", "text", true, false);

	(void)state;
	assert_string_equal(q, "1 would fail, 2 blocked, 5 would create, 2 uncertain, 1 skipped\n");
	assert_contains(c, "\033[31merror\033[0m: The new key policy");
	free(q);
	free(c);
}

static void test_text_without_positions(void **state)
{
	char *t = render("empty", "text", false, false);

	(void)state;
	assert_contains(t, "stack bare (123456789012 us-east-1): fail\ncfn-dryrun: error: Template "
			   "format error: At least one Resources member must be defined. [CD1002]\n");
	free(t);
}

static void test_text_neutralises_control_characters(void **state)
{
	char *t = render("hostile", "text", true, false);
	const char *p;

	(void)state;
	assert_contains(t, "]]> ? ctrl");
	assert_contains(t, "line one\n    line two with");
	/* the only escape sequences are the writer's own colours */
	for (p = t; (p = strchr(p, '\033')); p++)
		assert_true(p[1] == '[');
	free(t);
}

static void test_sarif_rules_and_artifacts(void **state)
{
	char *s = render("mixed", "sarif", false, false);
	struct value *doc = parse_ok("out.sarif", s);
	const struct value *run = value_list_get(value_map_get(doc, "runs"), 0);
	const struct value *rules = value_map_get(value_map_get(value_map_get(run, "tool"),
								"driver"), "rules");
	const struct value *results = value_map_get(run, "results");
	const struct value *arts = value_map_get(run, "artifacts");
	size_t i;

	(void)state;
	assert_int_equal(value_list_len(rules), 3); /* CD1010, CD1013, CD1090 */
	assert_int_equal(value_list_len(results), 6);
	for (i = 0; i < value_list_len(results); i++) {
		const struct value *res = value_list_get(results, i);
		const struct value *rule = value_list_get(rules,
			(size_t)value_map_get(res, "ruleIndex")->u.number.num);

		assert_string_equal(value_str(value_map_get(rule, "id")),
				    value_str(value_map_get(res, "ruleId")));
	}
	assert_int_equal(value_list_len(arts), 3);
	assert_string_equal(value_str(value_map_get(value_map_get(value_list_get(arts, 1),
				"location"), "uri")), "templates/network.yaml");
	assert_string_equal(value_str(value_map_get(value_map_get(value_list_get(arts, 1),
				"description"), "text")),
			    "template of nested stack app-Network-0A1B2C3D4E5F (resource Network)");
	assert_contains(s, "\"text\": \"The new key policy will not allow you to update the key "
			   "policy in the future.\\nFix: add a statement that allows kms:PutKeyPolicy "
			   "to the deploying role\"");
	value_free(doc);
	free(s);
}

static void test_sarif_uri_escaping(void **state)
{
	char *s = render("hostile", "sarif", false, false);

	(void)state;
	assert_contains(s, "\"uri\": \"odd%20dir/t%3Ce%3Em&p%22l'ate.yaml\"");
	free(s);
}

static void test_junit_counts(void **state)
{
	char *j = render("mixed", "junit", false, false);

	(void)state;
	assert_contains(j, "<testsuites name=\"cfn-dryrun\" tests=\"12\" failures=\"1\" errors=\"0\" "
			   "skipped=\"5\">");
	assert_contains(j, "<testsuite name=\"app-Network-0A1B2C3D4E5F\" tests=\"2\" failures=\"0\"");
	assert_contains(j, "<skipped message=\"blocked by DataKey\"/>");
	assert_contains(j, "<skipped message=\"not created: its Condition is false\"/>");
	free(j);
}

static void test_markdown_failures_first(void **state)
{
	char *m = render("mixed", "markdown", false, false);

	(void)state;
	assert_before(m, "| :x: fail | DataKey", "| :no_entry: blocked by DataKey | Table");
	assert_before(m, "| :no_entry: blocked by DataKey | Table", "<details>");
	assert_contains(m, "<details><summary>2 would create, 1 skipped, 2 to create first</summary>");
	free(m);
}

static void test_markdown_escaping(void **state)
{
	char *m = render("hostile", "markdown", false, false);

	(void)state;
	assert_contains(m, "Custom::\"Quoted\"\\|Pipe");
	assert_contains(m, "&lt;script&gt;");
	assert_null(strstr(m, "<script"));
	free(m);
}

static void test_dot_nested_cluster(void **state)
{
	char *d = render("mixed", "dot", false, false);
	const char *inner = strstr(d, "subgraph cluster_2"), *outer_end;

	(void)state;
	assert_non_null(inner);
	/* cluster_2 closes, then the parent's edge to it, then cluster_1 closes */
	outer_end = strstr(inner, "\"app/Network\" -> \"app-Network-0A1B2C3D4E5F/Vpc\" "
			   "[lhead=cluster_2, style=dashed];\n  }\n");
	assert_non_null(outer_end);
	assert_contains(d, "\"app/DataKey\" -> \"app/Table\" [color=\"#b00020\", penwidth=2];");
	free(d);
}

static void test_html_self_contained_and_escaped(void **state)
{
	char *h = render("hostile", "html", false, false);
	char *m = render("mixed", "html", false, false);

	(void)state;
	assert_null(strstr(h, "<script"));
	assert_contains(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	assert_null(strstr(m, "src="));
	assert_null(strstr(m, "url("));
	assert_null(strstr(m, "@import"));
	assert_null(strstr(m, "href=\"http"));
	assert_contains(m, "<li class=\"res fail\" id=\"s1-r1\" data-status=\"fail\" "
			   "data-logical-id=\"DataKey\">");
	assert_contains(m, "<div class=\"fix\"><b>Fix:</b> upload code/function.zip to bucket "
			   "artifacts-111111111111 first</div>");
	assert_contains(m, "Blocked by <a href=\"#s1-r1\">DataKey</a>");
	assert_contains(m, "<path class=\"edge chain\"");
	assert_contains(h, "VeryLongLogicalIdThatK\xe2\x80\xa6</text>");
	free(h);
	free(m);
}

static void test_every_format_in_the_table(void **state)
{
	static const char *const names[] = { "text", "json", "sarif", "junit", "markdown", "dot",
					     "html" };
	struct strbuf list = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_non_null(report_find(names[i]));
	report_list_names(&list);
	assert_string_equal(list.buf, "text, json, sarif, junit, markdown, dot, html");
	strbuf_release(&list);
}

static int teardown(void **state)
{
	(void)state;
	srcfile_reset();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_counts_include_nested, teardown),
		cmocka_unit_test_teardown(test_text_lines, teardown),
		cmocka_unit_test_teardown(test_text_quiet_and_color, teardown),
		cmocka_unit_test_teardown(test_text_without_positions, teardown),
		cmocka_unit_test_teardown(test_text_neutralises_control_characters, teardown),
		cmocka_unit_test_teardown(test_sarif_rules_and_artifacts, teardown),
		cmocka_unit_test_teardown(test_sarif_uri_escaping, teardown),
		cmocka_unit_test_teardown(test_junit_counts, teardown),
		cmocka_unit_test_teardown(test_markdown_failures_first, teardown),
		cmocka_unit_test_teardown(test_markdown_escaping, teardown),
		cmocka_unit_test_teardown(test_dot_nested_cluster, teardown),
		cmocka_unit_test_teardown(test_html_self_contained_and_escaped, teardown),
		cmocka_unit_test_teardown(test_every_format_in_the_table, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
