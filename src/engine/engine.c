/*
 * engine.c - running one stack through the stages and filling its result.
 */
#include "engine/engine.h"
#include "engine/physid.h"
#include "graph/graph.h"
#include "load/load.h"
#include "template/template.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Fills resource results in wave order, all with the same status. */
static void fill_resources(struct stack_result *s, const struct template *t,
			   const struct graph *g, const struct deploy *d,
			   bool stack_failed)
{
	size_t k, e;

	s->resources = xcalloc(t->n_resources ? t->n_resources : 1, sizeof(*s->resources));
	s->n_resources = t->n_resources;
	for (k = 0; k < t->n_resources; k++) {
		size_t i = g->order[k];
		const struct tmpl_resource *tr = &t->resources[i];
		struct res_result *r = &s->resources[k];

		r->logical_id = xstrdup(tr->logical_id);
		r->type = xstrdup(tr->type ? tr->type : "");
		r->wave = g->nodes[i].wave;
		r->pos = tr->pos;
		for (e = 0; e < g->nodes[i].n_deps; e++)
			strlist_add(&r->depends_on, t->resources[g->nodes[i].deps[e].to].logical_id);
		if (stack_failed) {
			r->status = STATUS_BLOCKED;
		} else {
			r->status = STATUS_CREATE;
			r->physical_id = physid_name(d->stack_name, tr->logical_id);
		}
	}
}

static bool has_code(const struct finding_list *fl, enum finding_code code)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == code)
			return true;
	return false;
}

int engine_check_file(const char *path, const struct deploy *d,
		      struct run_result *out, struct diag_list *dl)
{
	struct load_meta meta;
	const struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	struct finding_list findings = { NULL, 0, 0 };
	struct stack_result *s;
	struct template *t;
	struct graph *g;
	struct value *root;
	size_t len;
	char *buf;
	bool failed;

	buf = load_read_file(path, TEMPLATE_MAX_FILE_BYTES, &len, dl);
	if (!buf)
		return -1;
	root = load_buffer(path, buf, len, &opt, dl);
	free(buf);
	if (!root)
		return -1;
	t = template_open(root, len, &findings, dl);
	if (!t) {
		finding_list_free(&findings);
		return -1;
	}
	if (meta.n_aliases) {
		struct finding *f = finding_add(&findings, FC_YAML_ALIAS, meta.first_alias, NULL,
				"Template error: YAML aliases are not allowed in CloudFormation templates.");
		finding_set_fix(f, "write the aliased value out in full (aws cloudformation package "
			       "expands anchors and aliases)");
	}
	g = graph_build(t, &findings);

	s = result_add_stack(out);
	s->stack = xstrdup(d->stack_name);
	s->account = xstrdup(d->account);
	s->region = xstrdup(d->region);
	s->template_file = xstrdup(path);
	s->stack_findings = findings;
	failed = finding_list_errors(&findings) > 0;
	fill_resources(s, t, g, d, failed);
	if (failed)
		s->verdict = VERDICT_FAIL;
	else if (has_code(&findings, FC_TRANSFORM_NOT_EXPANDED))
		s->verdict = VERDICT_UNCERTAIN;
	else
		s->verdict = VERDICT_OK;
	graph_free(g);
	template_free(t);
	return 0;
}
