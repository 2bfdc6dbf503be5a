/*
 * report_util.h - helpers the report writers share: status counts and the
 * summary line, where a finding points, walking nested stacks with a
 * bound, and escaping for XML/HTML, Markdown and DOT.
 *
 * Everything here reads the engine's result (borrowed) and appends to a
 * strbuf; nothing allocates what the caller must free except where noted.
 */
#ifndef CFN_REPORT_UTIL_H
#define CFN_REPORT_UTIL_H

#include <stddef.h>

#include "engine/result.h"
#include "util/strbuf.h"
#include "value/value.h"

/* Nested stacks deeper than this are not written (the engine's own
 * nesting limit is far lower; this only keeps every writer's recursion
 * bounded whatever a result holds). */
#define REPORT_MAX_NESTING 64

/* Resource counts by status, indexed by enum res_status. */
struct report_counts {
	size_t n[STATUS_UNCERTAIN + 1]; /* resources per status */
	size_t stacks;                  /* stacks, nested ones included */
	size_t stacks_failing;          /* stacks whose verdict is fail or blocked */
};

/* Statuses in report order: fail, blocked, uncertain, create, skipped. */
extern const enum res_status report_status_order[5];

/* Adds the resources of s and of its nested stacks (borrowed) to c. */
void report_count_stack(const struct stack_result *s, struct report_counts *c);
/* Fills c (zeroed first) from every stack of r. */
void report_count(const struct run_result *r, struct report_counts *c);
/* Appends "3 would fail, 12 blocked, 40 would create, 2 uncertain" and,
 * when there are some, ", 1 skipped" (no newline). */
void report_summary(struct strbuf *out, const struct report_counts *c);

/* Where a finding points: its own position when it has a file, else the
 * position of its resource r (may be NULL), else SRCPOS_NONE. */
struct srcpos report_pos(const struct finding *f, const struct res_result *r);
/* Appends an output value as one line of text: a string as it is, an
 * unknown as "(unknown: REASON)", anything else as compact JSON. */
void report_value_text(struct strbuf *out, const struct value *v);
/* The fill colour ("#rrggbb", static) of a resource box with status st,
 * shared by the DOT graph and the HTML timeline. */
const char *report_status_fill(enum res_status st);

/* The stack's name for headings and ids: "NAME", or "NAME [VARIANT]" when
 * the run used a variant (compare, scenario variants:).  Returns new. */
char *report_stack_label(const struct stack_result *s);

/* The file of pos (borrowed), else fallback (the stack's template), else "". */
const char *report_pos_file(struct srcpos pos, const char *fallback);
/* Appends "FILE:LINE:COLUMN", "FILE:LINE" or "FILE" for pos (fallback file
 * as above); appends nothing and returns 0 when no file is known, else 1. */
int report_location(struct strbuf *out, struct srcpos pos, const char *fallback);
/* The stack's template file (borrowed), "" when the result has none. */
const char *report_template(const struct stack_result *s);
/* The resource of s whose logical id is id (borrowed), or NULL. */
const struct res_result *report_resource(const struct stack_result *s, const char *id);

/* Appends s escaped for XML and HTML text and attribute values (& < > " '),
 * with control characters XML cannot hold replaced by U+FFFD. */
void report_add_xml(struct strbuf *out, const char *s);
/* Appends s as text element content: as report_add_xml, but newlines stay. */
void report_add_xml_text(struct strbuf *out, const char *s);
/* Appends s for a terminal or a plain-text file: control characters
 * (C0, DEL, C1) become '?', so input cannot send escape sequences; a
 * newline is kept and followed by indent. */
void report_add_plain(struct strbuf *out, const char *s, const char *indent);
/* Appends s escaped for a Markdown table cell or line: punctuation that
 * Markdown reads is backslash-escaped, < > & become entities, newlines
 * become <br>. */
void report_add_md(struct strbuf *out, const char *s);
/* Appends s escaped for a double-quoted DOT string (" and \ escaped,
 * newlines as \n, other control characters as spaces). */
void report_add_dot(struct strbuf *out, const char *s);

/* ---- Building JSON documents as value trees (SARIF) ----
 * These add a child to map (or list) and return it borrowed; the child
 * belongs to the parent.  A NULL string is not added. */
void report_put_str(struct value *map, const char *key, const char *s);
void report_put_int(struct value *map, const char *key, long n);
struct value *report_put_map(struct value *map, const char *key);
struct value *report_put_list(struct value *map, const char *key);
struct value *report_add_map(struct value *list);
void report_add_str(struct value *list, const char *s);

#endif
