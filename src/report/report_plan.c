/*
 * report_plan.c - the plan (cfn-dryrun plan) as text and Markdown: each
 * stack's creation waves as a timeline, with what would not be created
 * against the state as it is; the numbered checklist (what to create, in
 * which account and region, who needs it and why it comes first); what no
 * step fixes; the verdicts once the checklist is done.
 */
#include "report/report_views.h"
#include "report/report_util.h"

#include <stdlib.h>
#include <string.h>

static void put(struct strbuf *out, const char *s, const char *indent)
{
	report_add_plain(out, s, indent);
}

static bool in_plan(const struct plan *p, const struct stack_result *s)
{
	return p->variant ? s->variant && !strcmp(p->variant, s->variant) : !s->variant;
}

/* "  wave 0 | Bucket  AWS::S3::Bucket  [fail]  (after A, B)" per resource. */
static void timeline(struct strbuf *out, const struct stack_result *s)
{
	int wave, max = -1;
	size_t i, k;
	char *label = report_stack_label(s);

	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].wave > max)
			max = s->resources[i].wave;
	strbuf_addstr(out, "stack ");
	put(out, label, "  ");
	strbuf_addstr(out, " (");
	put(out, s->account, "  ");
	strbuf_addch(out, ' ');
	put(out, s->region, "  ");
	strbuf_addf(out, "): %s now\n", result_verdict_name(s->verdict));
	free(label);
	for (wave = 0; wave <= max; wave++) {
		bool first = true;
		for (i = 0; i < s->n_resources; i++) {
			const struct res_result *r = &s->resources[i];
			if (r->wave != wave)
				continue;
			if (first)
				strbuf_addf(out, "  wave %-3d| ", wave);
			else
				strbuf_addstr(out, "          | ");
			first = false;
			put(out, r->logical_id, "    ");
			strbuf_addstr(out, "  ");
			put(out, *r->type ? r->type : "(no type)", "    ");
			if (r->status != STATUS_CREATE)
				strbuf_addf(out, "  [%s]", result_status_name(r->status));
			for (k = 0; k < r->depends_on.n; k++) {
				strbuf_addstr(out, k ? ", " : "  (after ");
				put(out, r->depends_on.items[k], "    ");
			}
			strbuf_addstr(out, r->depends_on.n ? ")\n" : "\n");
		}
	}
	if (!s->n_resources)
		strbuf_addstr(out, "  (no resources)\n");
}

static void step_text(struct strbuf *out, size_t number, const struct plan_step *st)
{
	strbuf_addf(out, "%3zu. ", number);
	put(out, st->text, "     ");
	strbuf_addch(out, '\n');
	if (st->why) {
		strbuf_addstr(out, "     why: ");
		put(out, st->why, "     ");
		strbuf_addch(out, '\n');
	}
	if (st->blocker) {
		strbuf_addstr(out, "     cannot be done: ");
		put(out, st->blocker, "     ");
		strbuf_addch(out, '\n');
	}
}

static void unfixed_text(struct strbuf *out, const struct plan *p)
{
	size_t i;

	if (!p->n_unfixed)
		return;
	strbuf_addstr(out, "\nno step fixes these (change the template, the parameters or the "
			   "account settings):\n");
	for (i = 0; i < p->n_unfixed; i++) {
		const struct plan_unfixed *u = &p->unfixed[i];

		strbuf_addstr(out, "  - ");
		put(out, u->stack, "    ");
		if (u->logical_id) {
			strbuf_addch(out, '/');
			put(out, u->logical_id, "    ");
		}
		strbuf_addstr(out, ": ");
		put(out, u->message, "    ");
		strbuf_addf(out, " [%s]\n", u->code);
		if (u->fix) {
			strbuf_addstr(out, "    fix: ");
			put(out, u->fix, "    ");
			strbuf_addch(out, '\n');
		}
	}
}

static void after_text(struct strbuf *out, const struct plan *p)
{
	size_t i;

	strbuf_addstr(out, "\nafter the checklist:");
	for (i = 0; i < p->after_stacks.n; i++) {
		strbuf_addstr(out, i ? ", " : " ");
		put(out, p->after_stacks.items[i], "  ");
		strbuf_addch(out, ' ');
		strbuf_addstr(out, p->after_verdicts.items[i]);
	}
	strbuf_addf(out, " (%d simulation round%s)\n", p->rounds, p->rounds == 1 ? "" : "s");
}

void report_plan_text(const struct run_result *r, const struct report_options *o,
		      struct strbuf *out)
{
	struct report_counts c;
	size_t i, k;

	for (i = 0; !o->quiet && i < r->n_plans; i++) {
		const struct plan *p = &r->plans[i];

		if (p->variant) {
			strbuf_addstr(out, "plan for variant ");
			put(out, p->variant, "  ");
			strbuf_addstr(out, "\n\n");
		}
		strbuf_addstr(out, "creation waves (against the state as it is):\n");
		for (k = 0; k < r->n_stacks; k++)
			if (in_plan(p, &r->stacks[k]))
				timeline(out, &r->stacks[k]);
		strbuf_addstr(out, "\nchecklist, in order:\n");
		for (k = 0; k < p->n_steps; k++)
			step_text(out, k + 1, &p->steps[k]);
		unfixed_text(out, p);
		after_text(out, p);
		strbuf_addch(out, '\n');
	}
	report_count(r, &c);
	strbuf_addstr(out, "now: ");
	report_summary(out, &c);
	strbuf_addch(out, '\n');
}

void report_plan_markdown(const struct run_result *r, struct strbuf *out)
{
	size_t i, k;

	for (i = 0; i < r->n_plans; i++) {
		const struct plan *p = &r->plans[i];

		strbuf_addstr(out, "### Checklist");
		if (p->variant) {
			strbuf_addstr(out, " (variant ");
			report_add_md(out, p->variant);
			strbuf_addch(out, ')');
		}
		strbuf_addstr(out, "\n\n");
		for (k = 0; k < p->n_steps; k++) {
			const struct plan_step *st = &p->steps[k];

			strbuf_addf(out, "%zu. ", k + 1);
			report_add_md(out, st->text);
			if (st->why) {
				strbuf_addstr(out, "<br>*why:* ");
				report_add_md(out, st->why);
			}
			if (st->blocker) {
				strbuf_addstr(out, "<br>:no_entry: *cannot be done:* ");
				report_add_md(out, st->blocker);
			}
			strbuf_addch(out, '\n');
		}
		if (p->n_unfixed)
			strbuf_addstr(out, "\n**No step fixes these** (change the template, the parameters "
					   "or the account settings):\n\n");
		for (k = 0; k < p->n_unfixed; k++) {
			const struct plan_unfixed *u = &p->unfixed[k];

			strbuf_addstr(out, "- ");
			report_add_md(out, u->stack);
			if (u->logical_id) {
				strbuf_addch(out, '/');
				report_add_md(out, u->logical_id);
			}
			strbuf_addf(out, ": **%s** ", u->code);
			report_add_md(out, u->message);
			if (u->fix) {
				strbuf_addstr(out, "<br>fix: ");
				report_add_md(out, u->fix);
			}
			strbuf_addch(out, '\n');
		}
		strbuf_addstr(out, "\n**After the checklist:**");
		for (k = 0; k < p->after_stacks.n; k++) {
			strbuf_addstr(out, k ? ", " : " ");
			report_add_md(out, p->after_stacks.items[k]);
			strbuf_addf(out, " %s", p->after_verdicts.items[k]);
		}
		strbuf_addstr(out, "\n\n");
	}
}
