/*
 * report_dot.c - Graphviz DOT: one cluster per stack, resources ranked by
 * wave, edges from a resource to what it depends on, filled by status.
 */
#include "report/report.h"

#include <string.h>

static void dot_id(struct strbuf *out, const char *prefix, const char *id)
{
	strbuf_addch(out, '"');
	strbuf_add_json_escaped(out, prefix, strlen(prefix));
	strbuf_addch(out, '/');
	strbuf_add_json_escaped(out, id, strlen(id));
	strbuf_addch(out, '"');
}

static const char *fill(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return "#f4a6a6";
	case STATUS_BLOCKED: return "#f6d58e";
	case STATUS_UNCERTAIN: return "#c9d7f2";
	case STATUS_SKIPPED: return "#e6e6e6";
	default: return "#b8e0b8";
	}
}

static void stack_dot(struct strbuf *out, const struct stack_result *s, int n)
{
	size_t i, k;
	int wave, max_wave = -1;

	strbuf_addf(out, "  subgraph cluster_%d {\n    label=\"", n);
	strbuf_add_json_escaped(out, s->stack, strlen(s->stack));
	strbuf_addf(out, " (%s)\";\n", result_verdict_name(s->verdict));
	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].wave > max_wave)
			max_wave = s->resources[i].wave;
	for (wave = 0; wave <= max_wave; wave++) {
		strbuf_addstr(out, "    { rank=same;");
		for (i = 0; i < s->n_resources; i++)
			if (s->resources[i].wave == wave) {
				strbuf_addch(out, ' ');
				dot_id(out, s->stack, s->resources[i].logical_id);
				strbuf_addch(out, ';');
			}
		strbuf_addstr(out, " }\n");
	}
	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];
		strbuf_addstr(out, "    ");
		dot_id(out, s->stack, r->logical_id);
		strbuf_addstr(out, " [label=\"");
		strbuf_add_json_escaped(out, r->logical_id, strlen(r->logical_id));
		strbuf_addstr(out, "\\n");
		strbuf_add_json_escaped(out, r->type, strlen(r->type));
		strbuf_addf(out, "\\n%s (wave %d)\", fillcolor=\"%s\"];\n",
			    result_status_name(r->status), r->wave, fill(r->status));
	}
	for (i = 0; i < s->n_resources; i++)
		for (k = 0; k < s->resources[i].depends_on.n; k++) {
			strbuf_addstr(out, "    ");
			dot_id(out, s->stack, s->resources[i].logical_id);
			strbuf_addstr(out, " -> ");
			dot_id(out, s->stack, s->resources[i].depends_on.items[k]);
			strbuf_addstr(out, ";\n");
		}
	strbuf_addstr(out, "  }\n");
	for (i = 0; i < s->n_nested; i++)
		stack_dot(out, &s->nested[i], n * 100 + (int)i + 1);
}

void report_dot(const struct run_result *r, const struct report_options *o,
		struct strbuf *out)
{
	size_t i;

	(void)o;
	strbuf_addstr(out, "digraph cfn_dryrun {\n  rankdir=BT;\n"
			   "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
	for (i = 0; i < r->n_stacks; i++)
		stack_dot(out, &r->stacks[i], (int)i + 1);
	strbuf_addstr(out, "}\n");
}
