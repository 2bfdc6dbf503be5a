/*
 * report.c - the table of report formats.
 */
#include "report/report.h"

#include <string.h>

static const struct report_format formats[] = {
	{ "text", report_text, "human-readable, grouped by status (default on a terminal)" },
	{ "json", report_json, "the JSON report of SPEC section 4 (default otherwise)" },
	{ "sarif", report_sarif, "SARIF 2.1.0 for GitHub code scanning and SARIF viewers" },
	{ "junit", report_junit, "JUnit XML: a testsuite per stack, a testcase per resource" },
	{ "markdown", report_markdown, "a compact summary for a pull-request comment" },
	{ "dot", report_dot, "Graphviz DOT: resources by wave, edges by dependency" },
	{ "html", report_html, "one self-contained page with an SVG timeline of the waves" },
	{ NULL, NULL, NULL },
};

const struct report_format *report_formats(void)
{
	return formats;
}

const struct report_format *report_find(const char *name)
{
	const struct report_format *f;

	for (f = formats; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

void report_list_names(struct strbuf *out)
{
	const struct report_format *f;

	for (f = formats; f->name; f++) {
		if (f != formats)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, f->name);
	}
}
