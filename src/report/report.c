/*
 * report.c - the table of report formats.
 */
#include "report/report.h"

#include <string.h>

static const struct report_format formats[] = {
	{ "text", report_text, "human-readable, grouped by status (default on a terminal)" },
	{ "json", report_json, "the JSON report of SPEC section 4 (default otherwise)" },
	{ "dot", report_dot, "Graphviz DOT: resources by wave, edges by dependency" },
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
