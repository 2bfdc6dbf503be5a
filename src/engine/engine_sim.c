/*
 * engine_sim.c - pass 1 over a stack's resources and the hooks through
 * which the simulation loop reads it (see engine_sim.h).
 */
#include "engine/engine_sim.h"
#include "checks/checks.h"
#include "engine/engine_dynref.h"
#include "engine/engine_nested.h"
#include "engine/physid.h"
#include "model/model.h"
#include "sim/names.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <stdlib.h>
#include <string.h>

/* Arena bytes the resolved properties take per template byte, about (a
 * 125 KB template's take 370 KB, a 2.5 MB one's 7.5 MB); less is fine,
 * the arena grows past it. */
#define PROPS_PER_BYTE 3

void engine_stack_arrays(struct engine_stack *es)
{
	size_t n = es->t->n_resources ? es->t->n_resources : 1;

	es->n = es->t->n_resources;
	es->props = xcalloc(n, sizeof(*es->props));
	es->physical = xcalloc(n, sizeof(*es->physical));
	es->models = xcalloc(n, sizeof(*es->models));
	for (size_t i = 0; es->d->models && i < es->n; i++) {
		struct diag_list dl = DIAG_LIST_INIT; /* unreadable model data: reported by typecheck */
		const char *type = es->t->resources[i].type;

		es->models[i] = model_find(es->d->models, type ? type : "", &dl);
		diag_clear(&dl);
	}
	es->res_findings = xcalloc(n, sizeof(*es->res_findings));
	es->cond = xcalloc(n, sizeof(*es->cond));
	es->cond_reason = xcalloc(n, sizeof(*es->cond_reason));
	es->nested_outputs = xcalloc(n, sizeof(*es->nested_outputs));
	es->reresolved = xcalloc(n, sizeof(*es->reresolved));
	es->ssm = check_ssm_scan_new();
	es->arena = value_arena_new_sized(PROPS_PER_BYTE * es->t->size_bytes);
	if (es->ev)
		eval_set_arena(es->ev, es->arena);
}

void engine_stack_free(struct engine_stack *es)
{
	size_t i;

	for (i = 0; i < es->n; i++) {
		if (value_arena_owner(es->props[i]) != es->arena) /* the arena's go with it */
			value_free(es->props[i]);
		free(es->physical[i]);
		finding_list_free(&es->res_findings[i]);
		value_free(es->nested_outputs ? es->nested_outputs[i] : NULL);
	}
	free(es->nested_outputs);
	free(es->reresolved);
	check_ssm_scan_free(es->ssm);
	free(es->props);
	free(es->physical);
	free(es->models);
	free(es->res_findings);
	free(es->cond);
	free(es->cond_reason);
	for (i = 0; i < es->n_misses; i++) {
		free(es->misses[i].type);
		free(es->misses[i].region);
		free(es->misses[i].id);
		free(es->misses[i].by_property);
	}
	free(es->misses);
	eval_free(es->ev);
	if (es->state) /* the state may keep trees of it (see resolve) */
		state_keep_arena(es->state, es->arena);
	else
		value_arena_free(es->arena);
	memset(es, 0, sizeof(*es));
}

char *engine_physical_id(const struct engine_stack *es, size_t i, const struct value *props)
{
	const struct tmpl_resource *r = &es->t->resources[i];
	const char *type = r->type ? r->type : "";
	const struct model *m = es->models[i];

	if (!strcmp(type, "AWS::CloudFormation::Stack"))
		return engine_nested_stack_name(es->d->stack_name, r->logical_id);
	if (m) {
		struct model_sim sim = { r->logical_id, NULL, props, es->d->stack_name,
					 es->d->account, es->d->region, es->partition, r->pos };

		return model_state_id(m, &sim);
	}
	{
		const struct name_rule *rule = names_find(type);
		const struct value *name = rule ? value_map_get(props, rule->property) : NULL;

		if (value_is_string(name))
			return xstrdup(name->u.string.s);
		if (name)
			return NULL;
	}
	if (!strcmp(type, "AWS::S3::Bucket"))
		return physid_name_lower(es->d->stack_name, r->logical_id, 63);
	return physid_name(es->d->stack_name, r->logical_id);
}

/* What the checks called from pass 1 see of the stack. */
static struct check_env env_of(const struct engine_stack *es)
{
	struct check_env env;

	memset(&env, 0, sizeof(env));
	env.deploy = es->d;
	env.partition = es->partition;
	env.state = es->state;
	env.t = es->t;
	env.resolved = (const struct value *const *)es->props;
	env.physical = (const char *const *)es->physical;
	env.result = es->d->blocked ? NULL : es->result; /* a blocked stack needs nothing yet */
	return env;
}

void engine_resolve_all(struct engine_stack *es, const struct graph *g,
			struct finding_list *stack_fl)
{
	struct check_env env = env_of(es);
	size_t k;

	es->g = g;
	for (k = 0; k < es->n; k++) {
		size_t i = g->order[k];

		es->cond[i] = eval_resource_condition(es->ev, i, &es->cond_reason[i]);
		if (es->cond[i] == EVAL_FALSE)
			continue;
		es->props[i] = eval_resource_properties(es->ev, i, stack_fl, &es->res_findings[i]);
		/* ssm references are resolved with the template, before any resource */
		if (check_has_dynref_string(es->props[i])) { /* else both walks find nothing */
			check_ssm_resource(&env, es->ssm, i, es->props[i], stack_fl);
			engine_ssm_substitute(es, es->props[i]);
		}
		es->physical[i] = engine_physical_id(es, i, es->props[i]);
	}
	check_ssm_stack(&env, es->ssm, stack_fl);
}

/* True when resource i depends on a nested stack simulated since pass 1,
 * or on a resource resolved again for that reason: its values may have
 * been unknown in pass 1 and are known now. */
static bool stale(const struct engine_stack *es, size_t i)
{
	const struct graph_node *node;
	size_t e;

	if (!es->n_nested_run || !es->g)
		return false;
	node = &es->g->nodes[i];
	for (e = 0; e < node->n_deps; e++) {
		size_t j = node->deps[e].to;

		if (es->nested_outputs[j] || es->reresolved[j])
			return true;
	}
	return false;
}

/* Resolves resource i again (pass 2); template-level errors were reported
 * by pass 1. */
static void reresolve(struct engine_stack *es, size_t i)
{
	struct finding_list scratch = { NULL, 0, 0 };

	value_free(es->props[i]);
	finding_list_free(&es->res_findings[i]);
	es->props[i] = eval_resource_properties(es->ev, i, &scratch, &es->res_findings[i]);
	engine_ssm_substitute(es, es->props[i]);
	free(es->physical[i]);
	es->physical[i] = engine_physical_id(es, i, es->props[i]);
	es->reresolved[i] = true;
	finding_list_free(&scratch);
}

/* ---- The simulation loop's hooks ---- */

static int condition(void *ctx, size_t i, const char **reason)
{
	struct engine_stack *es = ctx;

	*reason = es->cond_reason[i];
	return es->cond[i] == EVAL_TRUE ? 1 : es->cond[i] == EVAL_FALSE ? 0 : -1;
}

/* The properties of resource i, borrowed from es->arena, which the state
 * keeps when the stack ends (engine_stack_free): the state holds them
 * without a copy. */
static const struct value *resolve(void *ctx, size_t i, struct finding_list *fl, bool *failed,
				   bool *uncertain)
{
	struct engine_stack *es = ctx;

	(void)uncertain;
	if (es->cond[i] != EVAL_FALSE && stale(es, i))
		reresolve(es, i);
	finding_list_copy(fl, &es->res_findings[i]);
	if (finding_list_errors(&es->res_findings[i]))
		*failed = true;
	if (!es->props[i]) /* an empty map that lives as long */
		return value_map_in(es->arena, es->t->resources[i].pos);
	es->props[i] = value_move_in(es->arena, es->props[i]); /* already there */
	return es->props[i];
}

static char *physical_id(void *ctx, size_t i, const struct value *props)
{
	struct engine_stack *es = ctx;
	const struct tmpl_resource *r = &es->t->resources[i];

	(void)props;
	if (es->physical[i])
		return xstrdup(es->physical[i]);
	/* the name is set to a value not known yet: say so rather than invent one */
	return xstrfmt("%s-%s-(name not known yet)", es->d->stack_name, r->logical_id);
}

void engine_sim_hooks(struct engine_stack *es, struct sim_hooks *hooks)
{
	memset(hooks, 0, sizeof(*hooks));
	hooks->ctx = es;
	hooks->condition = condition;
	hooks->resolve = resolve;
	hooks->physical_id = physical_id;
}
