/*
 * report_compare.c - the comparison of variants (compare, scenario
 * variants:) as text and as a Markdown table: each stack or resource whose
 * outcome or findings differ, one line (or column) per variant with its
 * reason and fix.
 */
#include "report/report_views.h"
#include "report/report_util.h"

#include <stdlib.h>
#include <string.h>

static void put(struct strbuf *out, const char *s)
{
	report_add_plain(out, s, "      ");
}

static void pad(struct strbuf *out, size_t n)
{
	while (n--)
		strbuf_addch(out, ' ');
}

static void run_lines(const struct run_result *r, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < r->n_stacks; i++) {
		const struct stack_result *s = &r->stacks[i];
		struct report_counts c;
		char *label = report_stack_label(s);

		memset(&c, 0, sizeof(c));
		report_count_stack(s, &c);
		strbuf_addstr(out, "  stack ");
		put(out, label);
		strbuf_addstr(out, " (");
		put(out, s->account);
		strbuf_addch(out, ' ');
		put(out, s->region);
		strbuf_addf(out, "): %s  (", result_verdict_name(s->verdict));
		report_summary(out, &c);
		strbuf_addstr(out, ")\n");
		free(label);
	}
}

static bool has_finding(const struct finding_list *fl, const struct finding *f)
{
	size_t i;

	if (!fl)
		return false;
	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == f->code && !strcmp(fl->items[i].message, f->message))
			return true;
	return false;
}

/* True when every variant's stack s->stack holds f, as a stack finding
 * (logical_id NULL) or a finding of that resource. */
static bool everywhere(const struct run_result *r, const struct stack_result *s,
		       const char *logical_id, const struct finding *f)
{
	const struct comparison *c = r->comparison;
	size_t k, i;

	for (k = 0; k < c->variants.n; k++) {
		const struct stack_result *o = result_find_stack(r, c->variants.items[k], s->stack);
		const struct res_result *res = NULL;
		if (!o)
			return false;
		for (i = 0; logical_id && i < o->n_resources; i++)
			if (!strcmp(o->resources[i].logical_id, logical_id))
				res = &o->resources[i];
		if (!has_finding(logical_id ? (res ? &res->findings : NULL) : &o->stack_findings, f))
			return false;
	}
	return true;
}

static void finding_line(struct strbuf *out, const struct finding *f, const struct res_result *res,
			 const struct stack_result *s)
{
	strbuf_addstr(out, "  ");
	if (report_location(out, report_pos(f, res), report_template(s)))
		strbuf_addstr(out, ": ");
	strbuf_addf(out, "%s: ", severity_name(f->severity));
	put(out, f->message);
	strbuf_addf(out, " [%s]\n", finding_code_info(f->code)->code);
	if (f->fix) {
		strbuf_addstr(out, "      fix: ");
		put(out, f->fix);
		strbuf_addch(out, '\n');
	}
}

/* The findings every variant shares (the listed order, a failure the
 * states do not change): written once, under the stack and resource. */
static void shared_findings(const struct run_result *r, struct strbuf *out)
{
	const struct comparison *c = r->comparison;
	size_t i, j, k;
	bool any = false;

	for (i = 0; i < r->n_stacks; i++) {
		const struct stack_result *s = &r->stacks[i];
		if (!s->variant || strcmp(s->variant, c->variants.items[0]))
			continue;
		for (k = 0; k < s->stack_findings.n; k++)
			if (everywhere(r, s, NULL, &s->stack_findings.items[k])) {
				if (!any)
					strbuf_addstr(out, "\nin every variant:\n");
				any = true;
				finding_line(out, &s->stack_findings.items[k], NULL, s);
			}
		for (j = 0; j < s->n_resources; j++)
			for (k = 0; k < s->resources[j].findings.n; k++)
				if (everywhere(r, s, s->resources[j].logical_id,
					       &s->resources[j].findings.items[k])) {
					if (!any)
						strbuf_addstr(out, "\nin every variant:\n");
					any = true;
					finding_line(out, &s->resources[j].findings.items[k],
						     &s->resources[j], s);
				}
	}
}

static void side_text(struct strbuf *out, const char *variant, size_t width,
		      const struct diff_side *d)
{
	strbuf_addstr(out, "    ");
	put(out, variant);
	pad(out, width - strlen(variant) + 2);
	strbuf_addstr(out, d->outcome);
	if (d->reason) { /* outcomes are at most 9 characters ("uncertain") */
		pad(out, 10 - strlen(d->outcome));
		put(out, d->reason);
	}
	strbuf_addch(out, '\n');
	if (d->fix) {
		pad(out, 4 + width + 2 + 10);
		strbuf_addstr(out, "fix: ");
		put(out, d->fix);
		strbuf_addch(out, '\n');
	}
}

void report_compare_text(const struct run_result *r, const struct report_options *o,
			 struct strbuf *out)
{
	const struct comparison *c = r->comparison;
	size_t i, k, width = 0;

	for (k = 0; k < c->variants.n; k++)
		if (strlen(c->variants.items[k]) > width)
			width = strlen(c->variants.items[k]);
	if (!o->quiet) {
		strbuf_addstr(out, "compare: ");
		for (k = 0; k < c->variants.n; k++) {
			strbuf_addstr(out, k ? " | " : "");
			put(out, c->variants.items[k]);
		}
		strbuf_addch(out, '\n');
		run_lines(r, out);
		shared_findings(r, out);
		strbuf_addf(out, "\ndifferences (%zu):\n", c->n_rows);
		for (i = 0; i < c->n_rows; i++) {
			const struct diff_row *row = &c->rows[i];

			strbuf_addstr(out, "  ");
			put(out, row->stack);
			if (row->logical_id) {
				strbuf_addch(out, '/');
				put(out, row->logical_id);
				strbuf_addstr(out, "  ");
				put(out, row->type && *row->type ? row->type : "(no type)");
			} else {
				strbuf_addstr(out, "  (stack)");
			}
			strbuf_addch(out, '\n');
			for (k = 0; k < c->variants.n; k++)
				side_text(out, c->variants.items[k], width, &row->sides[k]);
		}
		strbuf_addch(out, '\n');
	}
	if (c->verdicts_differ)
		strbuf_addstr(out, "the verdicts differ\n");
	else if (c->n_rows)
		strbuf_addf(out, "same verdicts; %zu difference%s in outcomes or findings\n", c->n_rows,
			    c->n_rows == 1 ? "" : "s");
	else
		strbuf_addstr(out, "no differences\n");
}

void report_compare_markdown(const struct run_result *r, struct strbuf *out)
{
	const struct comparison *c = r->comparison;
	size_t i, k;

	strbuf_addstr(out, c->verdicts_differ ? "**The verdicts differ.**\n\n"
					      : c->n_rows ? "**Same verdicts; some outcomes or findings "
							    "differ.**\n\n"
							  : "**No differences.**\n\n");
	if (!c->n_rows)
		return;
	strbuf_addstr(out, "| stack / resource |");
	for (k = 0; k < c->variants.n; k++) {
		strbuf_addch(out, ' ');
		report_add_md(out, c->variants.items[k]);
		strbuf_addstr(out, " |");
	}
	strbuf_addstr(out, "\n|---|");
	for (k = 0; k < c->variants.n; k++)
		strbuf_addstr(out, "---|");
	strbuf_addch(out, '\n');
	for (i = 0; i < c->n_rows; i++) {
		const struct diff_row *row = &c->rows[i];

		strbuf_addstr(out, "| ");
		report_add_md(out, row->stack);
		if (row->logical_id) {
			strbuf_addch(out, '/');
			report_add_md(out, row->logical_id);
		} else {
			strbuf_addstr(out, " (stack)");
		}
		strbuf_addstr(out, " |");
		for (k = 0; k < c->variants.n; k++) {
			const struct diff_side *d = &row->sides[k];
			strbuf_addstr(out, " **");
			strbuf_addstr(out, d->outcome);
			strbuf_addstr(out, "**");
			if (d->reason) {
				strbuf_addstr(out, ": ");
				report_add_md(out, d->reason);
			}
			if (d->fix) {
				strbuf_addstr(out, "<br>fix: ");
				report_add_md(out, d->fix);
			}
			strbuf_addstr(out, " |");
		}
		strbuf_addch(out, '\n');
	}
	strbuf_addch(out, '\n');
}
