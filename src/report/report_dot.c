/*
 * report_dot.c - Graphviz DOT (also the graph command's default): one
 * cluster per stack, nested stacks as clusters inside their parent's,
 * resources ranked by creation wave from left to right, an edge from each
 * dependency to what needs it (red along blocked chains), nodes filled by
 * status.
 */
#include "report/report.h"
#include "report/report_util.h"

#include <stdlib.h>
#include <string.h>

static void node_id(struct strbuf *out, const struct stack_result *s, const char *id)
{
	char *label = report_stack_label(s);

	strbuf_addch(out, '"');
	report_add_dot(out, label);
	free(label);
	strbuf_addch(out, '/');
	report_add_dot(out, id);
	strbuf_addch(out, '"');
}

static int broken(enum res_status st)
{
	return st == STATUS_FAIL || st == STATUS_BLOCKED;
}

static void pad(struct strbuf *out, int depth)
{
	int i;

	for (i = 0; i <= depth; i++)
		strbuf_addstr(out, "  ");
}

static void waves(struct strbuf *out, const struct stack_result *s, int depth)
{
	size_t i;
	int wave, max_wave = -1;

	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].wave > max_wave)
			max_wave = s->resources[i].wave;
	for (wave = 0; wave <= max_wave; wave++) {
		int any = 0;

		for (i = 0; i < s->n_resources; i++) {
			if (s->resources[i].wave != wave)
				continue;
			if (!any++) {
				pad(out, depth + 1);
				strbuf_addstr(out, "{ rank=same;");
			}
			strbuf_addch(out, ' ');
			node_id(out, s, s->resources[i].logical_id);
			strbuf_addch(out, ';');
		}
		if (any)
			strbuf_addstr(out, " }\n");
	}
}

static void nodes(struct strbuf *out, const struct stack_result *s, int depth)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];

		pad(out, depth + 1);
		node_id(out, s, r->logical_id);
		strbuf_addstr(out, " [label=\"");
		report_add_dot(out, r->logical_id);
		strbuf_addstr(out, "\\n");
		report_add_dot(out, r->type);
		strbuf_addf(out, "\\n%s, wave %d\", fillcolor=\"%s\"%s];\n",
			    result_status_name(r->status), r->wave, report_status_fill(r->status),
			    r->status == STATUS_FAIL ? ", penwidth=2, color=\"#b00020\"" : "");
	}
}

static void edges(struct strbuf *out, const struct stack_result *s, int depth)
{
	size_t i, k;

	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];

		for (k = 0; k < r->depends_on.n; k++) {
			const struct res_result *dep = report_resource(s, r->depends_on.items[k]);

			pad(out, depth + 1);
			node_id(out, s, r->depends_on.items[k]);
			strbuf_addstr(out, " -> ");
			node_id(out, s, r->logical_id);
			if (dep && broken(dep->status) && r->status == STATUS_BLOCKED)
				strbuf_addstr(out, " [color=\"#b00020\", penwidth=2]");
			strbuf_addstr(out, ";\n");
		}
	}
}

static void cluster(struct strbuf *out, const struct stack_result *s, int depth, int *n)
{
	size_t i;
	int id = ++*n;
	char *label = report_stack_label(s);

	pad(out, depth);
	strbuf_addf(out, "subgraph cluster_%d {\n", id);
	pad(out, depth + 1);
	strbuf_addstr(out, "label=\"");
	if (s->parent_resource)
		strbuf_addstr(out, "nested ");
	report_add_dot(out, label);
	free(label);
	strbuf_addf(out, " (%s)\";\n", result_verdict_name(s->verdict));
	pad(out, depth + 1);
	strbuf_addf(out, "style=\"rounded\"; color=\"%s\";\n",
		    s->verdict == VERDICT_OK ? "#5a8f5a" : s->verdict == VERDICT_UNCERTAIN
		    ? "#5a6f9f" : "#b00020");
	waves(out, s, depth);
	nodes(out, s, depth);
	edges(out, s, depth);
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++) {
			const struct stack_result *c = &s->nested[i];
			int child = *n + 1;

			cluster(out, c, depth + 1, n);
			if (!c->parent_resource || !c->n_resources ||
			    !report_resource(s, c->parent_resource))
				continue;
			pad(out, depth + 1);
			node_id(out, s, c->parent_resource);
			strbuf_addstr(out, " -> ");
			node_id(out, c, c->resources[0].logical_id);
			strbuf_addf(out, " [lhead=cluster_%d, style=dashed];\n", child);
		}
	pad(out, depth);
	strbuf_addstr(out, "}\n");
}

void report_dot(const struct run_result *r, const struct report_options *o,
		struct strbuf *out)
{
	struct report_counts c;
	size_t i;
	int n = 0;

	(void)o;
	report_count(r, &c);
	strbuf_addstr(out, "digraph cfn_dryrun {\n  rankdir=LR; compound=true; labelloc=t;\n"
			   "  label=\"cfn-dryrun: ");
	report_summary(out, &c);
	strbuf_addstr(out, "\";\n  node [shape=box, style=\"rounded,filled\", "
			   "fontname=\"Helvetica\"];\n");
	for (i = 0; i < r->n_stacks; i++)
		cluster(out, &r->stacks[i], 0, &n);
	strbuf_addstr(out, "}\n");
}
