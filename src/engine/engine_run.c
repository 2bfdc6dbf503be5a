/*
 * engine_run.c - the resource phase of one stack (see engine_run.h).
 *
 * Statuses follow SPEC section 4: a stack-level error blocks every
 * resource (empty blocked_by); otherwise, in wave order, a resource that
 * depends on a failing or blocked one is blocked (blocked_by names the
 * root causes), one with an error of its own fails, one whose Condition or
 * a dependency is uncertain is uncertain, the rest are created.  Edges to
 * skipped resources do not count: a reference that was evaluated would
 * already be an error, so the remaining ones sit in Fn::If branches not
 * taken.
 */
#include "engine/engine_run.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void fill_one(struct res_result *r, const struct template *t, const struct graph *g,
		     size_t i)
{
	const struct tmpl_resource *tr = &t->resources[i];
	size_t e;

	r->logical_id = xstrdup(tr->logical_id);
	r->type = xstrdup(tr->type ? tr->type : "");
	r->wave = g->nodes[i].wave;
	r->pos = tr->pos;
	for (e = 0; e < g->nodes[i].n_deps; e++)
		strlist_add(&r->depends_on, t->resources[g->nodes[i].deps[e].to].logical_id);
}

/* Resolves the properties of every resource whose Condition is not false. */
static void resolve_all(struct stack_result *s, const struct template *t, const struct graph *g,
			struct eval *ev, struct engine_hooks_ctx *hc, const struct deploy *d)
{
	size_t k;

	for (k = 0; k < t->n_resources; k++) {
		size_t i = g->order[k];
		struct res_result *r = &s->resources[k];
		const char *reason;

		fill_one(r, t, g, i);
		if (eval_resource_condition(ev, i, &reason) == EVAL_FALSE) {
			r->status = STATUS_SKIPPED;
			continue;
		}
		hc->props[i] = eval_resource_properties(ev, i, &s->stack_findings, &r->findings);
		if (d->show_resolved && hc->props[i])
			r->properties = value_copy(hc->props[i]);
	}
}

/* Decides resource k's status from its dependencies (already decided). */
static void decide(struct stack_result *s, const struct template *t, const struct graph *g,
		   struct eval *ev, struct engine_hooks_ctx *hc, size_t k, const size_t *slot)
{
	size_t i = g->order[k], e, j;
	struct res_result *r = &s->resources[k];
	const char *uncertain_dep = NULL, *reason;
	enum eval_tri cond = eval_resource_condition(ev, i, &reason);
	struct finding *f;

	for (e = 0; e < g->nodes[i].n_deps; e++) {
		const struct res_result *dep = &s->resources[slot[g->nodes[i].deps[e].to]];

		if (dep->status == STATUS_FAIL)
			strlist_add_unique(&r->blocked_by, dep->logical_id);
		else if (dep->status == STATUS_BLOCKED)
			for (j = 0; j < dep->blocked_by.n; j++)
				strlist_add_unique(&r->blocked_by, dep->blocked_by.items[j]);
		else if (dep->status == STATUS_UNCERTAIN && !uncertain_dep)
			uncertain_dep = dep->logical_id;
	}
	if (r->blocked_by.n) {
		r->status = STATUS_BLOCKED;
	} else if (finding_list_errors(&r->findings)) {
		r->status = STATUS_FAIL;
	} else if (cond == EVAL_UNKNOWN) {
		r->status = STATUS_UNCERTAIN;
		f = finding_add(&r->findings, FC_CONDITION_UNKNOWN, r->pos,
				"Condition", "Whether %s is created is uncertain: %s", r->logical_id,
				reason);
		finding_set_fix(f, "give the values the condition reads (parameters, or the "
			       "account state with --state)");
	} else if (uncertain_dep) {
		r->status = STATUS_UNCERTAIN;
		f = finding_add(&r->findings, FC_DEPENDS_ON_UNCERTAIN, r->pos, NULL,
				"%s depends on %s, whose creation is uncertain", r->logical_id,
				uncertain_dep);
		finding_set_fix(f, "settle %s first", uncertain_dep);
	} else {
		r->status = STATUS_CREATE;
	}
	if (r->status == STATUS_CREATE || r->status == STATUS_UNCERTAIN)
		r->physical_id = engine_ref_text(hc, i);
	(void)t;
}

static bool has_code(const struct finding_list *fl, enum finding_code code)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == code)
			return true;
	return false;
}

static enum verdict verdict(const struct stack_result *s, const struct eval *ev)
{
	bool uncertain = eval_stack_uncertain(ev) ||
			 has_code(&s->stack_findings, FC_TRANSFORM_NOT_EXPANDED);
	size_t k;

	if (finding_list_errors(&s->stack_findings))
		return VERDICT_FAIL;
	for (k = 0; k < s->n_resources; k++) {
		if (s->resources[k].status == STATUS_FAIL || s->resources[k].status == STATUS_BLOCKED)
			return VERDICT_FAIL;
		uncertain |= s->resources[k].status == STATUS_UNCERTAIN;
	}
	return uncertain ? VERDICT_UNCERTAIN : VERDICT_OK;
}

void engine_run_resources(struct stack_result *s, const struct template *t,
			  const struct graph *g, struct eval *ev,
			  struct engine_hooks_ctx *hc, const struct deploy *d)
{
	size_t n = t->n_resources ? t->n_resources : 1, k;
	size_t *slot = xcalloc(n, sizeof(size_t));

	s->resources = xcalloc(n, sizeof(*s->resources));
	s->n_resources = t->n_resources;
	for (k = 0; k < t->n_resources; k++)
		slot[g->order[k]] = k;
	resolve_all(s, t, g, ev, hc, d);
	s->outputs = eval_outputs(ev, &s->stack_findings, NULL);
	for (k = 0; k < t->n_resources; k++) {
		struct res_result *r = &s->resources[k];

		if (r->status == STATUS_SKIPPED)
			continue;
		if (finding_list_errors(&s->stack_findings))
			r->status = STATUS_BLOCKED;
		else
			decide(s, t, g, ev, hc, k, slot);
	}
	s->verdict = verdict(s, ev);
	free(slot);
}
