/*
 * report_text.c - the human-readable report.  Per stack: its findings, then
 * its resources grouped by status (fail first); every finding is one GNU
 * "FILE:LINE:COLUMN: error: MESSAGE [CODE]" line at column 0 so editors can
 * jump to it, with the fix indented under it; then prerequisites, outputs
 * and nested stacks; last, one summary line (alone with --quiet).  A run
 * with plans or a comparison of variants is written by its own view
 * (report_views.h).
 */
#include "report/report.h"
#include "report/report_util.h"
#include "report/report_views.h"

#define C_RESET "\033[0m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_GREEN "\033[32m"
#define C_CYAN "\033[36m"
#define C_DIM "\033[2m"
#define C_BOLD "\033[1m"

/* Input-derived text, made safe for a terminal (report_add_plain). */
static void put(struct strbuf *out, const char *s)
{
	report_add_plain(out, s, "    ");
}

static void color(struct strbuf *out, const struct report_options *o, const char *c)
{
	if (o->color)
		strbuf_addstr(out, c);
}

static const char *severity_color(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR: return C_RED;
	case SEV_WARNING: return C_YELLOW;
	default: return C_CYAN;
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

static const char *status_heading(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return "would fail";
	case STATUS_BLOCKED: return "blocked";
	case STATUS_UNCERTAIN: return "uncertain";
	case STATUS_CREATE: return "would create";
	default: return "skipped (Condition false)";
	}
}

static void finding_text(struct strbuf *out, const struct report_options *o,
			 const struct finding *f, const struct res_result *r,
			 const struct stack_result *s)
{
	struct strbuf loc = STRBUF_INIT;

	if (report_location(&loc, report_pos(f, r), report_template(s)))
		put(out, loc.buf);
	else
		strbuf_addstr(out, "cfn-dryrun");
	strbuf_release(&loc);
	strbuf_addstr(out, ": ");
	color(out, o, severity_color(f->severity));
	strbuf_addstr(out, severity_name(f->severity));
	color(out, o, C_RESET);
	strbuf_addstr(out, ": ");
	put(out, f->message);
	strbuf_addf(out, " [%s]\n", finding_code_info(f->code)->code);
	if (f->fix) {
		strbuf_addstr(out, "    ");
		color(out, o, C_BOLD);
		strbuf_addstr(out, "fix:");
		color(out, o, C_RESET);
		strbuf_addch(out, ' ');
		put(out, f->fix);
		strbuf_addch(out, '\n');
	}
}

static void strlist_text(struct strbuf *out, const struct strlist *l)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		if (k)
			strbuf_addstr(out, ", ");
		put(out, l->items[k]);
	}
}

static void resource_text(struct strbuf *out, const struct report_options *o,
			  const struct res_result *r, const struct stack_result *s)
{
	size_t k;

	strbuf_addstr(out, "  ");
	put(out, r->logical_id);
	strbuf_addstr(out, "  ");
	put(out, *r->type ? r->type : "(no type)");
	strbuf_addf(out, "  wave %d", r->wave);
	if (r->status == STATUS_BLOCKED) {
		strbuf_addstr(out, r->blocked_by.n ? "  blocked by " : "  (the stack fails first)");
		strlist_text(out, &r->blocked_by);
	}
	if (r->physical_id && r->status == STATUS_CREATE) {
		strbuf_addstr(out, "  -> ");
		put(out, r->physical_id);
	}
	strbuf_addch(out, '\n');
	for (k = 0; k < r->findings.n; k++)
		finding_text(out, o, &r->findings.items[k], r, s);
}

static void resources_text(struct strbuf *out, const struct report_options *o,
			   const struct stack_result *s)
{
	size_t i, k, n;

	for (k = 0; k < 5; k++) {
		enum res_status st = report_status_order[k];

		for (i = n = 0; i < s->n_resources; i++)
			n += s->resources[i].status == st;
		if (!n)
			continue;
		color(out, o, status_color(st));
		strbuf_addf(out, "%s (%zu):", status_heading(st), n);
		color(out, o, C_RESET);
		strbuf_addch(out, '\n');
		for (i = 0; i < s->n_resources; i++)
			if (s->resources[i].status == st)
				resource_text(out, o, &s->resources[i], s);
	}
}

static void prereqs_text(struct strbuf *out, const struct stack_result *s)
{
	size_t i;

	if (!s->n_prereqs)
		return;
	strbuf_addstr(out, "create first:\n");
	for (i = 0; i < s->n_prereqs; i++) {
		const struct prereq *p = &s->prereqs[i];

		strbuf_addstr(out, "  ");
		put(out, p->type);
		strbuf_addch(out, ' ');
		put(out, p->id);
		strbuf_addstr(out, " in ");
		put(out, p->account);
		strbuf_addch(out, ' ');
		put(out, *p->region ? p->region : "(global)");
		strbuf_addstr(out, ", needed by ");
		strlist_text(out, &p->needed_by);
		strbuf_addch(out, '\n');
	}
}

static void outputs_text(struct strbuf *out, const struct stack_result *s)
{
	if (!s->outputs || !value_map_len(s->outputs))
		return;
	strbuf_addstr(out, "outputs:\n");
	VALUE_MAP_FOREACH(s->outputs, e) {
		struct strbuf v = STRBUF_INIT;

		report_value_text(&v, e->val);
		strbuf_addstr(out, "  ");
		put(out, e->key);
		strbuf_addstr(out, " = ");
		put(out, v.buf);
		strbuf_addch(out, '\n');
		strbuf_release(&v);
	}
}

static void stack_text(struct strbuf *out, const struct report_options *o,
		       const struct stack_result *s, int depth)
{
	size_t i;

	color(out, o, C_BOLD);
	strbuf_addstr(out, s->parent_resource ? "nested stack " : "stack ");
	put(out, s->stack);
	strbuf_addstr(out, " (");
	if (s->parent_resource) {
		strbuf_addstr(out, "resource ");
		put(out, s->parent_resource);
		strbuf_addstr(out, ", ");
	}
	put(out, s->account);
	strbuf_addch(out, ' ');
	put(out, s->region);
	strbuf_addf(out, "): %s", result_verdict_name(s->verdict));
	color(out, o, C_RESET);
	strbuf_addch(out, '\n');
	if (s->capabilities.n) {
		strbuf_addstr(out, "needs capabilities: ");
		strlist_text(out, &s->capabilities);
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < s->stack_findings.n; i++)
		finding_text(out, o, &s->stack_findings.items[i], NULL, s);
	resources_text(out, o, s);
	prereqs_text(out, s);
	outputs_text(out, s);
	if (depth >= REPORT_MAX_NESTING) {
		if (s->n_nested)
			strbuf_addstr(out, "(nested stacks nested too deeply are not shown)\n");
		return;
	}
	for (i = 0; i < s->n_nested; i++) {
		strbuf_addch(out, '\n');
		stack_text(out, o, &s->nested[i], depth + 1);
	}
}

void report_text(const struct run_result *r, const struct report_options *o,
		 struct strbuf *out)
{
	struct report_counts c;
	size_t i;

	if (r->n_plans) {
		report_plan_text(r, o, out);
		return;
	}
	if (r->comparison) {
		report_compare_text(r, o, out);
		return;
	}
	report_count(r, &c);
	if (!o->quiet)
		for (i = 0; i < r->n_stacks; i++) {
			stack_text(out, o, &r->stacks[i], 0);
			strbuf_addch(out, '\n');
		}
	color(out, o, C_BOLD);
	report_summary(out, &c);
	color(out, o, C_RESET);
	strbuf_addch(out, '\n');
}
