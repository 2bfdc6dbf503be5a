/*
 * result.c - building, reading and freeing engine results.
 */
#include "engine/result.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct stack_result *result_add_stack(struct run_result *r)
{
	struct stack_result *s;

	r->stacks = xrealloc(r->stacks, xsize_mul(r->n_stacks + 1, sizeof(*r->stacks)));
	s = &r->stacks[r->n_stacks++];
	memset(s, 0, sizeof(*s));
	return s;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

struct prereq *result_add_prereq_by(struct stack_result *s, const char *type,
				    const char *account, const char *region,
				    const char *by_property, const char *id,
				    const char *logical_id)
{
	struct prereq *p;
	size_t i;

	for (i = 0; i < s->n_prereqs; i++) {
		p = &s->prereqs[i];
		if (!strcmp(p->type, type) && !strcmp(p->account, account) &&
		    !strcmp(p->region, region) && !strcmp(p->id, id) &&
		    same_text(p->by_property, by_property)) {
			strlist_add_unique(&p->needed_by, logical_id);
			return p;
		}
	}
	s->prereqs = xrealloc(s->prereqs, xsize_mul(s->n_prereqs + 1, sizeof(*s->prereqs)));
	p = &s->prereqs[s->n_prereqs++];
	memset(p, 0, sizeof(*p));
	p->type = xstrdup(type);
	p->account = xstrdup(account);
	p->region = xstrdup(region);
	p->id = xstrdup(id);
	p->by_property = by_property ? xstrdup(by_property) : NULL;
	strlist_add(&p->needed_by, logical_id);
	return p;
}

struct prereq *result_add_prereq(struct stack_result *s, const char *type, const char *account,
				 const char *region, const char *id, const char *logical_id)
{
	return result_add_prereq_by(s, type, account, region, NULL, id, logical_id);
}

void result_prereq_require(struct prereq *p, struct value *props)
{
	if (!p->properties) {
		p->properties = props;
		return;
	}
	VALUE_MAP_FOREACH(props, e)
		value_map_set(p->properties, e->key, value_copy(e->val));
	value_free(props);
}

struct res_result *result_resource(struct stack_result *s, const char *logical_id)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		if (!strcmp(s->resources[i].logical_id, logical_id))
			return &s->resources[i];
	return NULL;
}

const struct stack_result *result_find_stack(const struct run_result *r, const char *variant,
					     const char *name)
{
	size_t i;

	for (i = 0; i < r->n_stacks; i++)
		if (!strcmp(r->stacks[i].stack, name) && same_text(r->stacks[i].variant, variant))
			return &r->stacks[i];
	return NULL;
}

const char *result_status_name(enum res_status st)
{
	switch (st) {
	case STATUS_CREATE: return "create";
	case STATUS_FAIL: return "fail";
	case STATUS_BLOCKED: return "blocked";
	case STATUS_SKIPPED: return "skipped";
	case STATUS_UNCERTAIN: return "uncertain";
	default: return "invalid";
	}
}

const char *result_verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_OK: return "ok";
	case VERDICT_FAIL: return "fail";
	case VERDICT_UNCERTAIN: return "uncertain";
	case VERDICT_BLOCKED: return "blocked";
	default: return "invalid";
	}
}

int result_exit_code(const struct run_result *r)
{
	size_t i;
	int uncertain = 0;

	for (i = 0; i < r->n_stacks; i++) {
		enum verdict v = r->stacks[i].verdict;
		if (v == VERDICT_FAIL || v == VERDICT_BLOCKED)
			return 1;
		if (v == VERDICT_UNCERTAIN)
			uncertain = 1;
	}
	return uncertain ? 3 : 0;
}

void stack_result_free(struct stack_result *s)
{
	size_t i;

	free(s->stack);
	free(s->account);
	free(s->region);
	free(s->template_file);
	finding_list_free(&s->stack_findings);
	for (i = 0; i < s->n_resources; i++) {
		struct res_result *r = &s->resources[i];
		free(r->logical_id);
		free(r->type);
		free(r->physical_id);
		strlist_free(&r->blocked_by);
		strlist_free(&r->depends_on);
		finding_list_free(&r->findings);
		value_free(r->properties);
	}
	free(s->resources);
	for (i = 0; i < s->n_prereqs; i++) {
		free(s->prereqs[i].type);
		free(s->prereqs[i].account);
		free(s->prereqs[i].region);
		free(s->prereqs[i].id);
		free(s->prereqs[i].by_property);
		value_free(s->prereqs[i].properties);
		strlist_free(&s->prereqs[i].needed_by);
	}
	free(s->prereqs);
	value_free(s->outputs);
	strlist_free(&s->capabilities);
	free(s->parent_resource);
	for (i = 0; i < s->n_nested; i++)
		stack_result_free(&s->nested[i]);
	free(s->nested);
	free(s->variant);
	memset(s, 0, sizeof(*s));
}

void comparison_free(struct comparison *c)
{
	size_t i, k;

	if (!c)
		return;
	for (i = 0; i < c->n_rows; i++) {
		struct diff_row *row = &c->rows[i];
		for (k = 0; k < c->variants.n; k++) {
			free(row->sides[k].outcome);
			free(row->sides[k].reason);
			free(row->sides[k].fix);
			strlist_free(&row->sides[k].codes);
		}
		free(row->sides);
		free(row->stack);
		free(row->logical_id);
		free(row->type);
	}
	free(c->rows);
	strlist_free(&c->variants);
	free(c);
}

void plan_step_clear(struct plan_step *st)
{
	free(st->type);
	free(st->account);
	free(st->region);
	free(st->id);
	free(st->by_property);
	value_free(st->properties);
	free(st->stack);
	strlist_free(&st->needed_by);
	free(st->text);
	free(st->why);
	free(st->blocker);
	memset(st, 0, sizeof(*st));
}

void plan_clear(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->n_steps; i++)
		plan_step_clear(&p->steps[i]);
	free(p->steps);
	for (i = 0; i < p->n_unfixed; i++) {
		free(p->unfixed[i].stack);
		free(p->unfixed[i].logical_id);
		free(p->unfixed[i].code);
		free(p->unfixed[i].message);
		free(p->unfixed[i].fix);
	}
	free(p->unfixed);
	free(p->variant);
	strlist_free(&p->after_stacks);
	strlist_free(&p->after_verdicts);
	memset(p, 0, sizeof(*p));
}

void result_free(struct run_result *r)
{
	size_t i;

	for (i = 0; i < r->n_stacks; i++)
		stack_result_free(&r->stacks[i]);
	free(r->stacks);
	comparison_free(r->comparison);
	for (i = 0; i < r->n_plans; i++)
		plan_clear(&r->plans[i]);
	free(r->plans);
	memset(r, 0, sizeof(*r));
}
