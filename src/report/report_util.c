/*
 * report_util.c - counts, summary line, finding locations and escaping
 * shared by the report writers.
 */
#include "report/report_util.h"
#include "util/srcpos.h"
#include "util/xalloc.h"
#include "value/value_json.h"

#include <stdlib.h>
#include <string.h>

const enum res_status report_status_order[5] = {
	STATUS_FAIL, STATUS_BLOCKED, STATUS_UNCERTAIN, STATUS_CREATE, STATUS_SKIPPED,
};

/* Counts s and its nested stacks down to REPORT_MAX_NESTING levels. */
static void count_at(const struct stack_result *s, struct report_counts *c, int depth)
{
	size_t i;

	c->stacks++;
	if (s->verdict == VERDICT_FAIL || s->verdict == VERDICT_BLOCKED)
		c->stacks_failing++;
	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].status <= STATUS_UNCERTAIN)
			c->n[s->resources[i].status]++;
	if (depth >= REPORT_MAX_NESTING)
		return;
	for (i = 0; i < s->n_nested; i++)
		count_at(&s->nested[i], c, depth + 1);
}

void report_count_stack(const struct stack_result *s, struct report_counts *c)
{
	count_at(s, c, 0);
}

void report_count(const struct run_result *r, struct report_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < r->n_stacks; i++)
		report_count_stack(&r->stacks[i], c);
}

void report_summary(struct strbuf *out, const struct report_counts *c)
{
	strbuf_addf(out, "%zu would fail, %zu blocked, %zu would create, %zu uncertain",
		    c->n[STATUS_FAIL], c->n[STATUS_BLOCKED], c->n[STATUS_CREATE],
		    c->n[STATUS_UNCERTAIN]);
	if (c->n[STATUS_SKIPPED])
		strbuf_addf(out, ", %zu skipped", c->n[STATUS_SKIPPED]);
}

void report_value_text(struct strbuf *out, const struct value *v)
{
	if (v->kind == VALUE_STRING)
		strbuf_addstr(out, v->u.string.s);
	else if (v->kind == VALUE_UNKNOWN)
		strbuf_addf(out, "(unknown: %s)", v->u.unknown.reason);
	else
		value_to_json_compact(out, v);
}

const char *report_status_fill(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return "#f4a6a6";
	case STATUS_BLOCKED: return "#f6d58e";
	case STATUS_UNCERTAIN: return "#c9d7f2";
	case STATUS_SKIPPED: return "#e6e6e6";
	default: return "#b8e0b8";
	}
}

struct srcpos report_pos(const struct finding *f, const struct res_result *r)
{
	if (f->pos.file)
		return f->pos;
	if (r && r->pos.file)
		return r->pos;
	return SRCPOS_NONE;
}

const char *report_pos_file(struct srcpos pos, const char *fallback)
{
	if (pos.file && *srcfile_name(pos.file))
		return srcfile_name(pos.file);
	return fallback ? fallback : "";
}

int report_location(struct strbuf *out, struct srcpos pos, const char *fallback)
{
	const char *file = report_pos_file(pos, fallback);

	if (!*file)
		return 0;
	strbuf_addstr(out, file);
	if (pos.file && pos.line) {
		strbuf_addf(out, ":%u", pos.line);
		if (pos.col)
			strbuf_addf(out, ":%u", pos.col);
	}
	return 1;
}

char *report_stack_label(const struct stack_result *s)
{
	return s->variant ? xstrfmt("%s [%s]", s->stack, s->variant) : xstrdup(s->stack);
}

const char *report_template(const struct stack_result *s)
{
	return s->template_file ? s->template_file : "";
}

const struct res_result *report_resource(const struct stack_result *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		if (!strcmp(s->resources[i].logical_id, id))
			return &s->resources[i];
	return NULL;
}

void report_add_xml(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		case '\n': strbuf_addstr(out, "&#10;"); break;
		case '\t': strbuf_addstr(out, "&#9;"); break;
		case '\r': strbuf_addstr(out, "&#13;"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				strbuf_addstr(out, "\xef\xbf\xbd");
			else
				strbuf_addch(out, c);
		}
	}
}

void report_add_md(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '\n': strbuf_addstr(out, "<br>"); break;
		case '\r': break;
		case '\\': case '`': case '*': case '_': case '[': case ']': case '|':
		case '#': case '!': case '~': case '{': case '}':
			strbuf_addch(out, '\\');
			strbuf_addch(out, c);
			break;
		default:
			strbuf_addch(out, c < 0x20 ? ' ' : c);
		}
	}
}

void report_add_dot(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			strbuf_addch(out, '\\');
			strbuf_addch(out, c);
		} else if (c == '\n') {
			strbuf_addstr(out, "\\n");
		} else {
			strbuf_addch(out, c < 0x20 || c == 0x7f ? ' ' : c);
		}
	}
}

void report_put_str(struct value *map, const char *key, const char *s)
{
	if (s)
		value_map_set(map, key, value_string(SRCPOS_NONE, s));
}

void report_put_int(struct value *map, const char *key, long n)
{
	value_map_set(map, key, value_number(SRCPOS_NONE, (double)n, NULL));
}

struct value *report_put_map(struct value *map, const char *key)
{
	struct value *v = value_map(SRCPOS_NONE);

	value_map_set(map, key, v);
	return v;
}

struct value *report_put_list(struct value *map, const char *key)
{
	struct value *v = value_list(SRCPOS_NONE);

	value_map_set(map, key, v);
	return v;
}

struct value *report_add_map(struct value *list)
{
	struct value *v = value_map(SRCPOS_NONE);

	value_list_append(list, v);
	return v;
}

void report_add_str(struct value *list, const char *s)
{
	value_list_append(list, value_string(SRCPOS_NONE, s));
}

void report_add_plain(struct strbuf *out, const char *s, const char *indent)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			strbuf_addch(out, '\n');
			strbuf_addstr(out, indent);
		} else if (*p < 0x20 || *p == 0x7f) {
			strbuf_addch(out, '?');
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			strbuf_addch(out, '?'); /* a C1 control character */
			p++;
		} else {
			strbuf_addch(out, *p);
		}
	}
}

void report_add_xml_text(struct strbuf *out, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n'))) {
		char *line = xstrndup(s, (size_t)(nl - s));

		report_add_xml(out, line);
		strbuf_addch(out, '\n');
		free(line);
		s = nl + 1;
	}
	report_add_xml(out, s);
}
