/*
 * report_text.c - the human-readable report: stack findings, then resources
 * grouped by status (fail first), each finding prefixed FILE:LINE:COLUMN:
 * so editors can jump to it, the fix under it, and one summary line.
 */
#include "report/report.h"
#include "util/srcpos.h"

#define C_RESET "\033[0m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"
#define C_BOLD "\033[1m"

static void color(struct strbuf *out, const struct report_options *o, const char *c)
{
	if (o->color)
		strbuf_addstr(out, c);
}

static void location(struct strbuf *out, const struct finding *f)
{
	if (f->pos.file && f->pos.line)
		strbuf_addf(out, "%s:%u:%u: ", srcfile_name(f->pos.file), f->pos.line, f->pos.col);
	else if (f->pos.file)
		strbuf_addf(out, "%s: ", srcfile_name(f->pos.file));
}

static void finding_text(struct strbuf *out, const struct report_options *o,
			 const struct finding *f, const char *lead)
{
	strbuf_addstr(out, lead);
	location(out, f);
	color(out, o, f->severity == SEV_ERROR ? C_RED : C_YELLOW);
	strbuf_addf(out, "%s", severity_name(f->severity));
	color(out, o, C_RESET);
	strbuf_addf(out, " %s: %s\n", finding_code_info(f->code)->code, f->message);
	if (f->fix) {
		strbuf_addstr(out, lead);
		color(out, o, C_DIM);
		strbuf_addf(out, "  fix: %s", f->fix);
		color(out, o, C_RESET);
		strbuf_addch(out, '\n');
	}
}

static const char *status_color(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return C_RED;
	case STATUS_BLOCKED: return C_YELLOW;
	case STATUS_UNCERTAIN: return C_YELLOW;
	case STATUS_CREATE: return C_GREEN;
	default: return C_DIM;
	}
}

static void resources_with(struct strbuf *out, const struct report_options *o,
			   const struct stack_result *s, enum res_status st)
{
	size_t i, k;

	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];

		if (r->status != st)
			continue;
		strbuf_addstr(out, "  ");
		color(out, o, status_color(st));
		strbuf_addf(out, "%-9s", result_status_name(st));
		color(out, o, C_RESET);
		strbuf_addf(out, " %s (%s) wave %d", r->logical_id, r->type, r->wave);
		if (r->blocked_by.n) {
			strbuf_addstr(out, " blocked by ");
			for (k = 0; k < r->blocked_by.n; k++)
				strbuf_addf(out, "%s%s", k ? ", " : "", r->blocked_by.items[k]);
		}
		strbuf_addch(out, '\n');
		for (k = 0; k < r->findings.n; k++)
			finding_text(out, o, &r->findings.items[k], "    ");
	}
}

static void stack_text(struct strbuf *out, const struct report_options *o,
		       const struct stack_result *s, const char *indent)
{
	static const enum res_status order[] = { STATUS_FAIL, STATUS_BLOCKED, STATUS_UNCERTAIN,
						 STATUS_CREATE, STATUS_SKIPPED };
	size_t i, k;

	color(out, o, C_BOLD);
	strbuf_addf(out, "%sstack %s (%s %s): %s\n", indent, s->stack, s->account, s->region,
		    result_verdict_name(s->verdict));
	color(out, o, C_RESET);
	for (i = 0; i < s->stack_findings.n; i++)
		finding_text(out, o, &s->stack_findings.items[i], "  ");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		resources_with(out, o, s, order[i]);
	for (i = 0; i < s->n_prereqs; i++) {
		const struct prereq *p = &s->prereqs[i];
		strbuf_addf(out, "  needs %s %s in %s %s (for", p->type, p->id, p->account,
			    *p->region ? p->region : "global");
		for (k = 0; k < p->needed_by.n; k++)
			strbuf_addf(out, " %s", p->needed_by.items[k]);
		strbuf_addstr(out, ")\n");
	}
	for (i = 0; i < s->n_nested; i++)
		stack_text(out, o, &s->nested[i], "  ");
}

static void count(const struct stack_result *s, size_t n[6])
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		n[s->resources[i].status]++;
}

void report_text(const struct run_result *r, const struct report_options *o,
		 struct strbuf *out)
{
	size_t n[6] = { 0 }, i;

	for (i = 0; i < r->n_stacks; i++) {
		if (!o->quiet)
			stack_text(out, o, &r->stacks[i], "");
		count(&r->stacks[i], n);
	}
	strbuf_addf(out, "%zu would fail, %zu blocked, %zu would create, %zu uncertain, %zu skipped\n",
		    n[STATUS_FAIL], n[STATUS_BLOCKED], n[STATUS_CREATE], n[STATUS_UNCERTAIN],
		    n[STATUS_SKIPPED]);
}
