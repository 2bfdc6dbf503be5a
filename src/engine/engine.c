/*
 * engine.c - running one stack through the stages and filling its result:
 * load, template structure, dependency graph, stack-level checks, then the
 * simulation loop against the account state.
 */
#include "engine/engine.h"
#include "engine/engine_sim.h"
#include "engine/physid.h"
#include "engine/typecheck.h"
#include "graph/graph.h"
#include "load/load.h"
#include "sim/sim.h"
#include "sim/stack_check.h"
#include "template/template.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool has_code(const struct finding_list *fl, enum finding_code code)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == code)
			return true;
	return false;
}

/* Reads and checks the template; NULL with errors in dl when unusable. */
static struct template *open_template(const char *path, struct finding_list *findings,
				      struct diag_list *dl)
{
	struct load_meta meta;
	const struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	struct template *t;
	struct value *root;
	size_t len;
	char *buf = load_read_file(path, TEMPLATE_MAX_FILE_BYTES, &len, dl);

	if (!buf)
		return NULL;
	root = load_buffer(path, buf, len, &opt, dl);
	free(buf);
	if (!root)
		return NULL;
	t = template_open(root, len, findings, dl);
	if (t && meta.n_aliases) {
		struct finding *f = finding_add(findings, FC_YAML_ALIAS, meta.first_alias, NULL,
				"Template error: YAML aliases are not allowed in CloudFormation templates.");
		finding_set_fix(f, "write the aliased value out in full (aws cloudformation package "
			       "expands anchors and aliases)");
	}
	return t;
}

static enum verdict decide_verdict(const struct stack_result *s)
{
	size_t i;
	bool uncertain = has_code(&s->stack_findings, FC_TRANSFORM_NOT_EXPANDED);

	if (finding_list_errors(&s->stack_findings))
		return VERDICT_FAIL;
	for (i = 0; i < s->n_resources; i++) {
		if (s->resources[i].status == STATUS_FAIL || s->resources[i].status == STATUS_BLOCKED)
			return VERDICT_FAIL;
		if (s->resources[i].status == STATUS_UNCERTAIN)
			uncertain = true;
	}
	return uncertain ? VERDICT_UNCERTAIN : VERDICT_OK;
}

int engine_check_file(const char *path, const struct deploy *d, struct state *state,
		      struct run_result *out, struct diag_list *dl)
{
	struct finding_list findings = { NULL, 0, 0 };
	struct check_env env = { d, NULL, state, NULL };
	struct engine_sim hctx;
	struct sim_hooks hooks;
	struct stack_result *s;
	struct template *t;
	struct graph *g;

	t = open_template(path, &findings, dl);
	if (!t) {
		finding_list_free(&findings);
		return -1;
	}
	g = graph_build(t, &findings);
	if (d->models) {
		size_t errors = dl->n_errors;

		typecheck_stack(d->models, t, d->region, &findings, dl);
		if (dl->n_errors > errors) { /* model data that cannot be read */
			finding_list_free(&findings);
			graph_free(g);
			template_free(t);
			return -1;
		}
	}

	env.partition = state_partition(state);
	env.t = t;

	s = result_add_stack(out);
	s->stack = xstrdup(d->stack_name);
	s->account = xstrdup(d->account);
	s->region = xstrdup(d->region);
	s->template_file = xstrdup(path);
	if (d->preset)
		finding_list_copy(&s->stack_findings, d->preset);
	finding_list_copy(&s->stack_findings, &findings);
	finding_list_free(&findings);
	if (!d->blocked)
		stack_check_run_all(&env, s);

	engine_sim_init(&hctx, &hooks, &env, g);
	sim_run(&env, state, g, &hooks, d->blocked || finding_list_errors(&s->stack_findings) > 0,
		d->show_resolved, s);
	engine_sim_free(&hctx);
	s->verdict = d->blocked ? VERDICT_BLOCKED : decide_verdict(s);
	if (s->verdict == VERDICT_OK || s->verdict == VERDICT_UNCERTAIN)
		state_add_stack(state, d->account, d->region, d->stack_name, "CREATE_COMPLETE",
				s->outputs ? value_copy(s->outputs) : NULL);
	graph_free(g);
	template_free(t);
	return 0;
}
