/*
 * report_markdown.c - a compact summary for a pull-request comment
 * (GitHub and GitLab flavoured Markdown): a headline and the summary line,
 * then per stack its failures first (stack findings, then one table row
 * per finding of failing, blocked and uncertain resources, with the fix),
 * and a collapsible <details> list of everything else.  A comparison of
 * variants and the plans' checklists come before the stacks.
 */
#include "report/report.h"
#include "report/report_util.h"
#include "report/report_views.h"

#include <stdlib.h>

static const char *status_icon(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return ":x:";
	case STATUS_BLOCKED: return ":no_entry:";
	case STATUS_UNCERTAIN: return ":grey_question:";
	case STATUS_CREATE: return ":white_check_mark:";
	default: return ":heavy_minus_sign:";
	}
}

static const char *verdict_icon(enum verdict v)
{
	switch (v) {
	case VERDICT_OK: return ":white_check_mark:";
	case VERDICT_UNCERTAIN: return ":grey_question:";
	case VERDICT_BLOCKED: return ":no_entry:";
	default: return ":x:";
	}
}

static const char *severity_icon(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR: return ":x:";
	case SEV_WARNING: return ":warning:";
	default: return ":information_source:";
	}
}

/* "LOCATION CODE message" and the fix, escaped, for a cell or a bullet. */
static void finding_md(struct strbuf *out, const struct finding *f,
		       const struct res_result *r, const struct stack_result *s)
{
	struct strbuf loc = STRBUF_INIT;

	if (report_location(&loc, report_pos(f, r), report_template(s))) {
		report_add_md(out, loc.buf);
		strbuf_addch(out, ' ');
	}
	strbuf_addf(out, "**%s** ", finding_code_info(f->code)->code);
	report_add_md(out, f->message);
	strbuf_release(&loc);
}

static void fix_md(struct strbuf *out, const struct finding *f)
{
	if (f->fix)
		report_add_md(out, f->fix);
}

/* "| ICON status[ by ROOT, ...] | LogicalId | Type | " */
static void row_start(struct strbuf *out, const struct res_result *r)
{
	size_t j;

	strbuf_addf(out, "| %s %s", status_icon(r->status), result_status_name(r->status));
	for (j = 0; j < r->blocked_by.n; j++) {
		strbuf_addstr(out, j ? ", " : " by ");
		report_add_md(out, r->blocked_by.items[j]);
	}
	strbuf_addstr(out, " | ");
	report_add_md(out, r->logical_id);
	strbuf_addstr(out, " | ");
	report_add_md(out, r->type);
	strbuf_addstr(out, " | ");
}

static void problem_rows(struct strbuf *out, const struct res_result *r,
			 const struct stack_result *s)
{
	size_t k;

	if (!r->findings.n) {
		row_start(out, r);
		if (r->status == STATUS_BLOCKED)
			strbuf_addstr(out, r->blocked_by.n ? "not attempted"
					   : "not attempted: the stack fails before any resource");
		strbuf_addstr(out, " | |\n");
		return;
	}
	for (k = 0; k < r->findings.n; k++) {
		row_start(out, r);
		finding_md(out, &r->findings.items[k], r, s);
		strbuf_addstr(out, " | ");
		fix_md(out, &r->findings.items[k]);
		strbuf_addstr(out, " |\n");
	}
}

static int is_problem(enum res_status st)
{
	return st == STATUS_FAIL || st == STATUS_BLOCKED || st == STATUS_UNCERTAIN;
}

static void problems(struct strbuf *out, const struct stack_result *s)
{
	size_t i, k, n = 0;

	for (i = 0; i < s->stack_findings.n; i++) {
		const struct finding *f = &s->stack_findings.items[i];

		strbuf_addf(out, "- %s ", severity_icon(f->severity));
		finding_md(out, f, NULL, s);
		if (f->fix) {
			strbuf_addstr(out, "<br>**Fix:** ");
			fix_md(out, f);
		}
		strbuf_addch(out, '\n');
	}
	if (s->stack_findings.n)
		strbuf_addch(out, '\n');
	for (i = 0; i < s->n_resources; i++)
		n += is_problem(s->resources[i].status);
	if (!n)
		return;
	strbuf_addstr(out, "| Status | Resource | Type | Finding | Fix |\n|---|---|---|---|---|\n");
	for (k = 0; k < 3; k++)
		for (i = 0; i < s->n_resources; i++)
			if (s->resources[i].status == report_status_order[k])
				problem_rows(out, &s->resources[i], s);
	strbuf_addch(out, '\n');
}

static void rest(struct strbuf *out, const struct stack_result *s)
{
	size_t i, k, n_create = 0, n_skip = 0;

	for (i = 0; i < s->n_resources; i++) {
		n_create += s->resources[i].status == STATUS_CREATE;
		n_skip += s->resources[i].status == STATUS_SKIPPED;
	}
	if (!n_create && !n_skip && !s->n_prereqs && !value_map_len(s->outputs))
		return;
	strbuf_addf(out, "<details><summary>%zu would create, %zu skipped", n_create, n_skip);
	if (s->n_prereqs)
		strbuf_addf(out, ", %zu to create first", s->n_prereqs);
	strbuf_addstr(out, "</summary>\n\n");
	if (n_create + n_skip) {
		strbuf_addstr(out, "| Status | Resource | Type | Wave | Physical id |\n"
				   "|---|---|---|---|---|\n");
		for (k = 3; k < 5; k++)
			for (i = 0; i < s->n_resources; i++) {
				const struct res_result *r = &s->resources[i];

				if (r->status != report_status_order[k])
					continue;
				strbuf_addf(out, "| %s %s | ", status_icon(r->status),
					    result_status_name(r->status));
				report_add_md(out, r->logical_id);
				strbuf_addstr(out, " | ");
				report_add_md(out, r->type);
				strbuf_addf(out, " | %d | ", r->wave);
				if (r->physical_id)
					report_add_md(out, r->physical_id);
				strbuf_addstr(out, " |\n");
			}
		strbuf_addch(out, '\n');
	}
	if (s->n_prereqs) {
		strbuf_addstr(out, "Create first:\n\n");
		for (i = 0; i < s->n_prereqs; i++) {
			const struct prereq *p = &s->prereqs[i];

			strbuf_addstr(out, "- ");
			report_add_md(out, p->type);
			strbuf_addch(out, ' ');
			report_add_md(out, p->id);
			strbuf_addstr(out, " in ");
			report_add_md(out, p->account);
			strbuf_addch(out, ' ');
			report_add_md(out, *p->region ? p->region : "(global)");
			strbuf_addstr(out, ", needed by ");
			for (k = 0; k < p->needed_by.n; k++) {
				if (k)
					strbuf_addstr(out, ", ");
				report_add_md(out, p->needed_by.items[k]);
			}
			strbuf_addch(out, '\n');
		}
		strbuf_addch(out, '\n');
	}
	if (value_map_len(s->outputs)) {
		strbuf_addstr(out, "Outputs:\n\n");
		VALUE_MAP_FOREACH(s->outputs, e) {
			struct strbuf v = STRBUF_INIT;

			report_value_text(&v, e->val);
			strbuf_addstr(out, "- ");
			report_add_md(out, e->key);
			strbuf_addstr(out, ": ");
			report_add_md(out, v.buf);
			strbuf_addch(out, '\n');
			strbuf_release(&v);
		}
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "</details>\n\n");
}

static void stack_md(struct strbuf *out, const struct stack_result *s, int depth)
{
	char *label;
	size_t i;

	strbuf_addf(out, "### %s ", verdict_icon(s->verdict));
	if (s->parent_resource)
		strbuf_addstr(out, "nested stack ");
	label = report_stack_label(s);
	report_add_md(out, label);
	free(label);
	strbuf_addf(out, ": %s (", result_verdict_name(s->verdict));
	report_add_md(out, s->account);
	strbuf_addstr(out, ", ");
	report_add_md(out, s->region);
	if (s->parent_resource) {
		strbuf_addstr(out, ", resource ");
		report_add_md(out, s->parent_resource);
	}
	strbuf_addstr(out, ")\n\n");
	problems(out, s);
	rest(out, s);
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			stack_md(out, &s->nested[i], depth + 1);
}

void report_markdown(const struct run_result *r, const struct report_options *o,
		     struct strbuf *out)
{
	struct report_counts c;
	size_t i, top_failing = 0, top_uncertain = 0;

	(void)o;
	report_count(r, &c);
	for (i = 0; i < r->n_stacks; i++) {
		top_failing += r->stacks[i].verdict == VERDICT_FAIL ||
			       r->stacks[i].verdict == VERDICT_BLOCKED;
		top_uncertain += r->stacks[i].verdict == VERDICT_UNCERTAIN;
	}
	if (top_failing)
		strbuf_addf(out, "## :x: cfn-dryrun: %zu of %zu stacks would not be created\n\n",
			    top_failing, r->n_stacks);
	else if (top_uncertain)
		strbuf_addstr(out, "## :grey_question: cfn-dryrun: no failure predicted, "
				   "some outcomes uncertain\n\n");
	else
		strbuf_addstr(out, "## :white_check_mark: cfn-dryrun: every stack would be created\n\n");
	strbuf_addstr(out, "**");
	report_summary(out, &c);
	strbuf_addstr(out, "**\n\n");
	if (r->comparison)
		report_compare_markdown(r, out);
	if (r->n_plans)
		report_plan_markdown(r, out);
	for (i = 0; i < r->n_stacks; i++)
		stack_md(out, &r->stacks[i], 0);
}
