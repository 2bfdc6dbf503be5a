/*
 * report.h - report writers: the engine's result in the formats people and
 * tools read (SPEC section 1, --format).
 *
 * Writers read a run_result and append text to a strbuf; they never look at
 * templates or states.  The table of formats lives in report.c: adding a
 * format is one function and one line, and --help lists the table.
 */
#ifndef CFN_REPORT_H
#define CFN_REPORT_H

#include <stdbool.h>

#include "engine/result.h"
#include "util/strbuf.h"

struct report_options {
	bool color;         /* ANSI colour (text on a terminal without NO_COLOR) */
	bool quiet;         /* summary only (text) */
	bool show_resolved; /* include resolved properties (json) */
};

typedef void (*report_fn)(const struct run_result *r, const struct report_options *o,
			  struct strbuf *out);

struct report_format {
	const char *name;    /* "--format" value */
	report_fn write;     /* the writer */
	const char *summary; /* one line for --help */
};

/* The format named name (borrowed, static) or NULL. */
const struct report_format *report_find(const char *name);
/* The table, terminated by an entry with a NULL name. */
const struct report_format *report_formats(void);
/* Appends "text, json, ..." (the names in the table) to out. */
void report_list_names(struct strbuf *out);

/* The writers: each borrows r and o and appends the whole document to out. */
void report_json(const struct run_result *r, const struct report_options *o, struct strbuf *out);
void report_text(const struct run_result *r, const struct report_options *o, struct strbuf *out);
void report_sarif(const struct run_result *r, const struct report_options *o, struct strbuf *out);
void report_junit(const struct run_result *r, const struct report_options *o, struct strbuf *out);
void report_markdown(const struct run_result *r, const struct report_options *o,
		     struct strbuf *out);
void report_dot(const struct run_result *r, const struct report_options *o, struct strbuf *out);
void report_html(const struct run_result *r, const struct report_options *o, struct strbuf *out);

#endif
