/*
 * engine.c - running one stack through the stages and filling its result:
 * load; bind parameters (and expand AWS::LanguageExtensions loops); open
 * the template; graph; resource types; Rules and Conditions; stack-level
 * checks; pass 1 (resolve every resource, then the outputs); pass 2 (the
 * simulation loop against the account state, nested stacks included);
 * then record the stack, its outputs and exports in the state for the
 * stacks that follow, or, when it fails, roll back what it created.
 */
#include "engine/engine.h"
#include "checks/checks.h"
#include "engine/engine_hooks.h"
#include "engine/engine_nested.h"
#include "engine/engine_sim.h"
#include "engine/typecheck.h"
#include "graph/graph.h"
#include "load/load.h"
#include "sim/sim.h"
#include "sim/stack_check.h"
#include "template/template.h"
#include "util/timings.h"
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

static void note_aliases(const struct load_meta *meta, struct finding_list *fl)
{
	struct finding *f;

	if (!meta->n_aliases)
		return;
	f = finding_add(fl, FC_YAML_ALIAS, meta->first_alias, NULL,
			"Template error: YAML aliases are not allowed in CloudFormation templates.");
	finding_set_fix(f, "write the aliased value out in full (aws cloudformation package "
		       "expands anchors and aliases)");
}

static enum verdict decide_verdict(const struct stack_result *s, const struct eval *ev)
{
	size_t i;
	bool uncertain = has_code(&s->stack_findings, FC_TRANSFORM_NOT_EXPANDED) ||
			 has_code(&s->stack_findings, FC_DYNREF_UNDECIDED) ||
			 eval_stack_uncertain(ev);

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

/* The stack now exists: its outputs and exports are there for later stacks. */
static void record_stack(struct state *state, const struct deploy *d,
			 const struct stack_result *s, const struct value *exports)
{
	state_add_stack(state, d->account, d->region, d->stack_name, "CREATE_COMPLETE",
			s->outputs ? value_copy(s->outputs) : NULL);
	if (exports && exports->kind == VALUE_MAP)
		VALUE_MAP_FOREACH(exports, e)
			state_add_export(state, d->account, d->region, e->key, value_copy(e->val),
					 d->stack_name);
}

/* The stack fails: CloudFormation deletes what it created, nested stacks'
 * resources included (to a bounded depth), except the resources whose
 * DeletionPolicy is Retain (they stay, owned by no stack; t, the stack's
 * template, is NULL for a nested stack: its policies are not known here). */
static void roll_back(struct state *state, const struct deploy *d, const struct stack_result *s,
		      const struct template *t, int depth)
{
	size_t i;

	for (i = 0; depth < 16 && i < s->n_nested; i++)
		roll_back(state, d, &s->nested[i], NULL, depth + 1);
	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];
		const struct tmpl_resource *tr;
		const char *region, *policy;
		const struct state_res *kept;

		if (!r->physical_id || (r->status != STATUS_CREATE && r->status != STATUS_UNCERTAIN))
			continue;
		tr = t ? template_resource(t, r->logical_id) : NULL;
		region = sim_scope_region(r->type, d->region);
		policy = tr ? value_str(value_map_get(tr->def, "DeletionPolicy")) : NULL;
		kept = policy && !strcmp(policy, "Retain")
			? state_find(state, d->account, region, r->type, r->physical_id) : NULL;
		if (kept)
			state_add(state, d->account, region, r->type, r->physical_id,
				  value_copy(kept->props), NULL, kept->pos);
		else
			state_remove(state, d->account, region, r->type, r->physical_id);
	}
}

static struct stack_result *new_stack(struct run_result *out, const struct deploy *d,
				      const char *path, struct finding_list *findings)
{
	struct stack_result *s = result_add_stack(out);

	s->stack = xstrdup(d->stack_name);
	s->account = xstrdup(d->account);
	s->region = xstrdup(d->region);
	s->template_file = xstrdup(path);
	if (d->preset)
		finding_list_copy(&s->stack_findings, d->preset);
	finding_list_copy(&s->stack_findings, findings);
	finding_list_free(findings);
	return s;
}

static int run_buffer(const char *path, const char *buf, size_t len, const struct deploy *d,
		      struct state *state, const struct engine_nest *nest,
		      struct run_result *out, struct diag_list *dl);

int engine_check_file(const char *path, const struct deploy *d, struct state *state,
		      struct run_result *out, struct diag_list *dl)
{
	size_t n_stacks = 0;
	char *real = realpath(path, NULL);
	struct engine_nest top = { NULL, real ? real : path, NULL, 0, &n_stacks };
	int rc = engine_run_stack(path, d, state, &top, out, dl);

	free(real);
	return rc;
}

int engine_check_buffer(const char *path, const char *buf, size_t len, const struct deploy *d,
			struct state *state, struct run_result *out, struct diag_list *dl)
{
	size_t n_stacks = 0;
	struct engine_nest top = { NULL, path, NULL, 0, &n_stacks };

	return run_buffer(path, buf, len, d, state, &top, out, dl);
}

int engine_run_stack(const char *path, const struct deploy *d, struct state *state,
		     const struct engine_nest *nest, struct run_result *out,
		     struct diag_list *dl)
{
	enum timing_phase caller = timings_enter(TIMING_LOAD);
	size_t len;
	char *buf = load_read_file(path, TEMPLATE_MAX_FILE_BYTES, &len, dl);
	int rc = buf ? run_buffer(path, buf, len, d, state, nest, out, dl) : -1;

	free(buf);
	timings_enter(caller);
	return rc;
}

/* engine_run_stack on the template text already read. */
static int run_buffer(const char *path, const char *buf, size_t len, const struct deploy *d,
		      struct state *state, const struct engine_nest *nest,
		      struct run_result *out, struct diag_list *dl)
{
	struct finding_list findings = { NULL, 0, 0 };
	struct engine_stack es;
	struct eval_env env = { d->stack_name, d->account, d->region, d->parameters };
	struct check_env cenv;
	struct check_nested nhooks;
	struct value *root, *exports = NULL;
	struct eval_hooks ehooks;
	struct sim_hooks shooks;
	struct load_meta meta;
	struct stack_result *s;
	struct template *t;
	struct graph *g;
	bool blocked;
	const struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	size_t errors = dl->n_errors;
	enum timing_phase caller = timings_enter(TIMING_LOAD);

	root = load_buffer(path, buf, len, &opt, dl);
	timings_enter(TIMING_RESOLVE);
	if (!root) {
		timings_enter(caller);
		return -1;
	}
	memset(&es, 0, sizeof(es));
	es.d = d;
	es.state = state;
	es.partition = state_partition(state);
	es.nest = nest;
	memset(&cenv, 0, sizeof(cenv));
	cenv.deploy = d;
	cenv.partition = es.partition;
	cenv.state = state;
	engine_nested_hooks(&es, &nhooks);
	cenv.nested = &nhooks;
	engine_eval_hooks(&ehooks, &es);
	es.ev = eval_new(&env, &ehooks);
	eval_bind_parameters(es.ev, root, &findings);
	if (eval_has_language_extensions(root))
		eval_expand_foreach(es.ev, root, &findings);
	t = template_open(root, len, &findings, dl);
	if (t && d->models)
		typecheck_stack(d->models, t, d->region, &findings, dl);
	if (!t || dl->n_errors > errors) { /* not a template, or unreadable model data */
		eval_free(es.ev);
		finding_list_free(&findings);
		template_free(t);
		timings_enter(caller);
		return -1;
	}
	note_aliases(&meta, &findings);
	g = graph_build(t, &findings);
	es.t = cenv.t = t;
	engine_stack_arrays(&es);
	cenv.resolved = (const struct value *const *)es.props;
	cenv.physical = (const char *const *)es.physical;
	eval_attach(es.ev, t, &findings);
	eval_rules(es.ev, &findings);
	eval_conditions(es.ev, &findings);

	if (d->blocked) /* its inputs never arrive: what they would cause is noise */
		finding_list_free(&findings);
	s = new_stack(out, d, path, &findings);
	es.result = s;
	if (!d->blocked)
		stack_check_run_all(&cenv, s);
	if (d->blocked) {
		struct finding_list ignored = { NULL, 0, 0 };
		engine_resolve_all(&es, g, &ignored);
		finding_list_free(&ignored);
	} else {
		engine_resolve_all(&es, g, &s->stack_findings);
		s->outputs = eval_outputs(es.ev, &s->stack_findings, &exports);
		stack_check_exports(&cenv, exports, s);
		engine_add_misses(&es, t->root, s);
	}
	blocked = d->blocked || finding_list_errors(&s->stack_findings) > 0;
	es.blocked = blocked;
	engine_sim_hooks(&es, &shooks);
	timings_enter(TIMING_SIMULATE);
	sim_run_models(&cenv, es.models, state, g, &shooks, blocked, d->show_resolved, s);
	if (!d->blocked)
		engine_nested_outputs(&es, &s->outputs, &exports);
	if (d->blocked) /* nothing is attempted: no resource findings either */
		for (size_t k = 0; k < s->n_resources; k++)
			finding_list_free(&s->resources[k].findings);
	s->verdict = d->blocked ? VERDICT_BLOCKED : decide_verdict(s, es.ev);
	if (s->verdict == VERDICT_OK || s->verdict == VERDICT_UNCERTAIN)
		record_stack(state, d, s, exports);
	else
		roll_back(state, d, s, t, 0);
	value_free(exports);
	engine_stack_free(&es);
	graph_free(g);
	template_free(t);
	timings_enter(caller);
	return 0;
}
