/*
 * sim.c - the simulation loop and the failure cascade (see sim.h).
 *
 * Creation order is the graph's order (wave, then logical id), so every
 * dependency of a resource is decided before the resource itself.
 */
#include "sim/sim.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *sim_scope_region(const char *type, const char *region)
{
	static const char *const global_prefixes[] = { /* after "AWS::" */
		"IAM::", "Organizations::", "CloudFront::", "Route53::", "Shield::", NULL,
	};
	const char *const *p;

	if (strncmp(type, "AWS::", 5))
		return region;
	for (p = global_prefixes; *p; p++)
		if (type[5] == (*p)[0] && !strncmp(type + 5, *p, strlen(*p)))
			return "";
	return region;
}

/* Dependencies decide first: blocked_by collects the root causes. */
static void apply_dependencies(const struct graph *g, size_t i, const size_t *slot,
			       const struct stack_result *s, struct res_result *r,
			       const char **uncertain_dep)
{
	size_t e, k;

	*uncertain_dep = NULL;
	for (e = 0; e < g->nodes[i].n_deps; e++) {
		const struct res_result *d = &s->resources[slot[g->nodes[i].deps[e].to]];

		if (d == r)
			continue; /* a self-reference is a cycle, reported as such */
		if (d->status == STATUS_FAIL)
			strlist_add_unique(&r->blocked_by, d->logical_id);
		else if (d->status == STATUS_BLOCKED)
			for (k = 0; k < d->blocked_by.n; k++)
				strlist_add_unique(&r->blocked_by, d->blocked_by.items[k]);
		else if (d->status == STATUS_UNCERTAIN && !*uncertain_dep)
			*uncertain_dep = d->logical_id;
	}
}

static void init_result(struct res_result *r, const struct tmpl_resource *tr,
			const struct graph *g, size_t i, const struct template *t)
{
	size_t e;

	r->logical_id = xstrdup(tr->logical_id);
	r->type = xstrdup(tr->type ? tr->type : "");
	r->wave = g->nodes[i].wave;
	r->pos = tr->pos;
	for (e = 0; e < g->nodes[i].n_deps; e++)
		strlist_add(&r->depends_on, t->resources[g->nodes[i].deps[e].to].logical_id);
}

static void decide(struct res_result *r, const struct check_sink *sink, int cond,
		   const char *reason, const char *uncertain_dep, struct srcpos pos)
{
	struct finding *f;

	if (r->blocked_by.n) {
		r->status = STATUS_BLOCKED;
	} else if (sink->failed) {
		r->status = STATUS_FAIL;
	} else if (sink->uncertain || uncertain_dep || cond < 0) {
		r->status = STATUS_UNCERTAIN;
		if (cond < 0) {
			f = finding_add(&r->findings, FC_CONDITION_UNKNOWN, pos, NULL,
					"Whether %s is created is uncertain: %s", r->logical_id,
					reason ? reason : "its Condition cannot be decided");
			finding_set_fix(f, "give the values the condition reads (parameters, or the "
				       "account state with --state)");
		}
		if (uncertain_dep) {
			f = finding_add(&r->findings, FC_UNCERTAIN_DEPENDENCY, pos, NULL,
					"depends on %s, whose create is uncertain", uncertain_dep);
			finding_set_fix(f, "settle %s first (see its findings)", uncertain_dep);
		}
	} else {
		r->status = STATUS_CREATE;
	}
}

/* Resources that fail or are blocked stand in the state as "ghosts" until
 * the stack's simulation ends: their dependents then report only their own
 * problems, not "does not exist" for what the failure already explains.
 * Ghosts are removed before the state is seen by anything else. */
struct ghosts {
	struct strlist regions, types, ids; /* parallel lists */
};

static void add_ghost(struct ghosts *gh, const struct check_env *env, struct state *state,
		      const struct res_result *r, const char *physical, const struct value *props)
{
	const char *region = sim_scope_region(r->type, env->deploy->region);

	if (!physical || state_find(state, env->deploy->account, region, r->type, physical) ||
	    (!strcmp(r->type, "AWS::S3::Bucket") && state_find_bucket(state, physical)))
		return; /* something real already answers for that name */
	state_mark_ghost(state, state_add_kept(state, env->deploy->account, region, r->type,
					       physical, props, env->deploy->stack_name, r->pos));
	strlist_add(&gh->regions, region);
	strlist_add(&gh->types, r->type);
	strlist_add(&gh->ids, physical);
}

static void remove_ghosts(struct ghosts *gh, const struct check_env *env, struct state *state)
{
	size_t i;

	for (i = 0; i < gh->ids.n; i++)
		state_remove(state, env->deploy->account, gh->regions.items[i], gh->types.items[i],
			     gh->ids.items[i]);
	strlist_free(&gh->regions);
	strlist_free(&gh->types);
	strlist_free(&gh->ids);
}

/* The checks that apply to one resource type met so far. */
struct applicable_entry {
	const struct model *m;       /* the type's model (shared by its resources) */
	const char *type;            /* borrowed: the type's name */
	const struct check **list;   /* owned: check_applicable's answer for it */
};

struct applicable {
	struct applicable_entry *items; /* per type met */
	size_t n, cap;                  /* types met, allocated */
};

/* check_run_all, matching the types once per resource type with a model. */
static void run_checks(struct applicable *a, const struct model *m, const struct check_env *env,
		       const struct check_resource *cr, struct check_sink *sink)
{
	struct applicable_entry *e;
	size_t k;

	if (!m) { /* no model: no key to share */
		check_run_all(env, cr, sink);
		return;
	}
	for (k = 0; k < a->n; k++)
		if (a->items[k].m == m && !strcmp(a->items[k].type, cr->type))
			break;
	if (k == a->n) {
		XGROW(a->items, a->cap, a->n + 1);
		e = &a->items[a->n++];
		e->m = m;
		e->type = cr->type;
		e->list = check_applicable(cr->type);
	}
	check_run_list(a->items[k].list, env, cr, sink);
}

static void applicable_free(struct applicable *a)
{
	for (size_t k = 0; k < a->n; k++)
		free(a->items[k].list);
	free(a->items);
}

/* Attempts the create of resource i (result r); with blocked_all, only
 * resolves it (the stack fails before any resource). */
static void attempt(const struct check_env *env, const struct model *const *models,
		    struct applicable *checks, struct state *state, const struct graph *g,
		    const struct sim_hooks *h, const size_t *slot, size_t i, bool blocked_all,
		    bool keep_properties, struct stack_result *s, struct res_result *r,
		    struct ghosts *gh)
{
	const struct tmpl_resource *tr = &env->t->resources[i];
	struct check_sink sink = { &r->findings, false, false, blocked_all ? NULL : s,
				   tr->logical_id };
	const char *uncertain_dep = NULL, *reason = NULL;
	const struct value *props;
	char *physical;
	int cond = h->condition ? h->condition(h->ctx, i, &reason) : 1;

	if (cond == 0 && !blocked_all) {
		r->status = STATUS_SKIPPED;
		return;
	}
	props = h->resolve(h->ctx, i, &r->findings, &sink.failed, &sink.uncertain);
	physical = h->physical_id(h->ctx, i, props);
	if (cond != 0 && !blocked_all) {
		struct check_resource cr = { tr->logical_id, r->type, props, tr->properties,
					     physical, tr->pos, models ? &models[i] : NULL };
		run_checks(checks, models ? models[i] : NULL, env, &cr, &sink);
	}
	if (blocked_all) {
		r->status = STATUS_BLOCKED;
	} else {
		apply_dependencies(g, i, slot, s, r, &uncertain_dep);
		decide(r, &sink, cond, reason, uncertain_dep, tr->pos);
	}
	if (r->status == STATUS_CREATE || r->status == STATUS_UNCERTAIN) {
		r->physical_id = physical;
		physical = NULL;
		state_add_kept(state, env->deploy->account,
			       sim_scope_region(r->type, env->deploy->region), r->type,
			       r->physical_id, props, env->deploy->stack_name, tr->pos);
		if (h->created)
			h->created(h->ctx, i, r->physical_id, props);
	} else if (!blocked_all) {
		add_ghost(gh, env, state, r, physical, props);
	}
	free(physical);
	if (keep_properties) /* the report outlives the state */
		r->properties = value_copy(props);
}

void sim_run(const struct check_env *env, struct state *state, const struct graph *g,
	     const struct sim_hooks *h, bool blocked_all, bool keep_properties,
	     struct stack_result *s)
{
	sim_run_models(env, NULL, state, g, h, blocked_all, keep_properties, s);
}

void sim_run_models(const struct check_env *env, const struct model *const *models,
		    struct state *state, const struct graph *g, const struct sim_hooks *h,
		    bool blocked_all, bool keep_properties, struct stack_result *s)
{
	const struct template *t = env->t;
	size_t n = t->n_resources, k;
	size_t *slot = xcalloc(n ? n : 1, sizeof(size_t)); /* resource index -> result slot */
	struct ghosts gh = { { NULL, 0, 0 }, { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct applicable checks = { NULL, 0, 0 };

	s->resources = xcalloc(n ? n : 1, sizeof(*s->resources));
	s->n_resources = n;
	for (k = 0; k < n; k++) {
		slot[g->order[k]] = k;
		init_result(&s->resources[k], &t->resources[g->order[k]], g, g->order[k], t);
	}
	for (k = 0; k < n; k++)
		attempt(env, models, &checks, state, g, h, slot, g->order[k], blocked_all,
			keep_properties, s, &s->resources[k], &gh);
	applicable_free(&checks);
	remove_ghosts(&gh, env, state);
	free(slot);
}
