/*
 * cond.c - the Conditions section, the condition functions (Fn::Equals,
 * Fn::And, Fn::Or, Fn::Not, Condition) and Fn::If.
 *
 * Docs: conditions-section-structure.html,
 * intrinsic-function-reference-conditions.html.  Logic is three-valued:
 * a comparison with an unknown is unknown, And is false as soon as one
 * operand is false, Or true as soon as one is true.  Each condition is
 * evaluated once (memoised); a condition that names itself through others
 * is an error, not a loop.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct finding *not_boolean(struct eval_site *s, struct srcpos pos)
{
	struct finding *f = eval_stack_error(s, pos, FC_MALFORMED_FUNCTION,
					     "Template format error: Conditions can only be boolean "
					     "operations on parameters and other conditions");

	finding_set_fix(f, "use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition here");
	return f;
}

static void memo(struct eval_cond *c, enum eval_tri t, const char *reason)
{
	c->state = 2;
	c->value = t;
	free(c->reason);
	c->reason = t == EVAL_UNKNOWN ? xstrdup(reason ? reason : "cannot be evaluated") : NULL;
}

int eval_condition_named(struct eval_site *s, const char *name, const char **reason)
{
	struct eval *ev = s->ev;
	const struct value_entry *e = value_map_entry(ev->t->conditions, name);
	struct eval_cond *c;
	struct eval_site sub;
	struct value *v;
	const char *why = NULL;
	int t;

	if (!e)
		return -1;
	c = &ev->conds[e - ev->t->conditions->u.map.entries];
	if (c->state == 1) {
		struct finding *f = eval_stack_error(s, e->key_pos, FC_CONDITION_REFERENCE,
						     "Template error: Found circular condition "
						     "dependency: %s", name);
		finding_set_fix(f, "condition %s must not depend on itself through other conditions",
				name);
		memo(c, EVAL_UNKNOWN, "circular condition");
	}
	if (c->state == 0) {
		c->state = 1;
		eval_site_init(&sub, ev, EVAL_IN_CONDITIONS, "Conditions", s->stack_fl, s->stack_fl);
		sub.depth = s->depth;
		v = eval_child(&sub, name, 0, e->val);
		t = eval_value_tri(v, &why);
		if (t < 0) {
			not_boolean(&sub, e->val->pos);
			t = EVAL_UNKNOWN;
			why = "not a condition";
		}
		if (c->state == 1) /* not already set by a cycle through it */
			memo(c, (enum eval_tri)t, why);
		value_free(v);
		eval_site_release(&sub);
	}
	*reason = c->reason;
	return (int)c->value;
}

/* ---- Condition functions ---- */

struct value *eval_fn_condition(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const char *reason = NULL;
	struct finding *f;
	int t;

	if (!value_is_string(arg)) {
		not_boolean(s, call->pos);
		return eval_failed(call, "Condition");
	}
	t = eval_condition_named(s, arg->u.string.s, &reason);
	if (t < 0) {
		f = eval_stack_error(s, call->pos, FC_UNDEFINED_CONDITION,
				     "Template format error: Unresolved condition dependencies [%s] in "
				     "the Conditions block of the template", arg->u.string.s);
		finding_set_fix(f, "declare condition %s, or correct the name", arg->u.string.s);
		return eval_failed(call, "Condition");
	}
	return eval_tri_value(call->pos, (enum eval_tri)t, reason);
}

static struct value *arity(struct eval_site *s, const struct value *call, const char *name,
			   const char *want)
{
	struct finding *f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
					     "Template error: every %s object requires a list of %s",
					     name, want);

	finding_set_fix(f, "give %s a list of %s", name, want);
	return eval_failed(call, name);
}

/* Equality as CloudFormation compares: scalars by their text. */
static bool same(const struct value *a, const struct value *b)
{
	char *ta = eval_scalar_text(a), *tb = eval_scalar_text(b);
	bool eq;

	if (ta && tb)
		eq = !strcmp(ta, tb);
	else
		eq = value_equal(a, b);
	free(ta);
	free(tb);
	return eq;
}

struct value *eval_fn_equals(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *a, *b, *r;
	const struct value *u;

	if (value_list_len(arg) != 2)
		return arity(s, call, "Fn::Equals", "2 string parameters.");
	a = eval_child(s, NULL, 0, value_list_get(arg, 0));
	b = eval_child(s, NULL, 1, value_list_get(arg, 1));
	if ((u = value_find_unknown(a)) != NULL || (u = value_find_unknown(b)) != NULL)
		r = eval_unknown_from(call->pos, u);
	else
		r = value_bool(call->pos, a && b && same(a, b));
	value_free(a);
	value_free(b);
	return r;
}

/* And (is_and) or Or over 2..10 operands. */
static struct value *and_or(struct eval_site *s, const struct value *call, const struct value *arg,
			    bool is_and, const char *name)
{
	size_t i, n = value_list_len(arg);
	bool decided = false, unknown = false, failed = false;
	struct value *first_unknown = NULL, *r;

	if (arg->kind != VALUE_LIST || n < 2 || n > 10)
		return arity(s, call, name, "at least 2 and at most 10 boolean parameters.");
	for (i = 0; i < n; i++) {
		struct value *v = eval_child(s, NULL, i, value_list_get(arg, i));
		const char *why = NULL;
		int t = eval_value_tri(v, &why);

		if (t < 0) {
			not_boolean(s, value_list_get(arg, i)->pos);
			failed = true;
		} else if (t == EVAL_UNKNOWN) {
			unknown = true;
			if (!first_unknown)
				first_unknown = eval_unknown_from(call->pos, v);
		} else if ((t == EVAL_TRUE) != is_and) {
			decided = true; /* a false in And, a true in Or */
		}
		value_free(v);
	}
	if (failed)
		r = eval_failed(call, name);
	else if (decided)
		r = value_bool(call->pos, !is_and);
	else if (unknown)
		r = first_unknown, first_unknown = NULL;
	else
		r = value_bool(call->pos, is_and);
	value_free(first_unknown);
	return r;
}

struct value *eval_fn_and(struct eval_site *s, const struct value *call, const struct value *arg)
{
	return and_or(s, call, arg, true, "Fn::And");
}

struct value *eval_fn_or(struct eval_site *s, const struct value *call, const struct value *arg)
{
	return and_or(s, call, arg, false, "Fn::Or");
}

struct value *eval_fn_not(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *v, *r;
	const char *why = NULL;
	int t;

	if (value_list_len(arg) != 1)
		return arity(s, call, "Fn::Not", "1 boolean parameter.");
	v = eval_child(s, NULL, 0, value_list_get(arg, 0));
	t = eval_value_tri(v, &why);
	if (t < 0) {
		not_boolean(s, call->pos);
		r = eval_failed(call, "Fn::Not");
	} else if (t == EVAL_UNKNOWN) {
		r = eval_unknown_from(call->pos, v);
	} else {
		r = value_bool(call->pos, t == EVAL_FALSE);
	}
	value_free(v);
	return r;
}

/* ---- Fn::If ---- */

struct value *eval_fn_if(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *name = value_list_get(arg, 0);
	const char *reason = NULL;
	struct finding *f;
	int t;

	if (value_list_len(arg) != 3 || !value_is_string(name)) {
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
				     "Template error: Fn::If requires a list argument with three "
				     "elements");
		finding_set_fix(f, "write Fn::If [ConditionName, value if true, value if false]");
		return eval_failed(call, "Fn::If");
	}
	t = eval_condition_named(s, name->u.string.s, &reason);
	if (t < 0) {
		f = eval_stack_error(s, call->pos, FC_UNDEFINED_CONDITION,
				     "Template error: unresolved condition dependency %s in Fn::If",
				     name->u.string.s);
		finding_set_fix(f, "declare condition %s in the Conditions section, or correct the "
			       "name", name->u.string.s);
		return eval_failed(call, "Fn::If");
	}
	if (t == EVAL_UNKNOWN)
		return value_unknown(call->pos, "condition %s cannot be evaluated: %s",
				     name->u.string.s, reason);
	return eval_child(s, NULL, t == EVAL_TRUE ? 1 : 2, value_list_get(arg, t == EVAL_TRUE ? 1 : 2));
}

/* ---- Conditions of resources and outputs ---- */

/* The truth of a resource's or output's Condition attribute. */
static enum eval_tri attribute(struct eval_site *s, const struct value *def, char **reason)
{
	const struct value *c = value_map_get(def, "Condition");
	const char *why = NULL;
	struct finding *f;
	int t;

	if (!c)
		return EVAL_TRUE;
	if (!value_is_string(c)) {
		f = eval_stack_error(s, c->pos, FC_MALFORMED_FUNCTION,
				     "Template format error: Every Condition member must be a string");
		finding_set_fix(f, "give Condition the name of a condition of the Conditions section");
		return EVAL_TRUE;
	}
	t = eval_condition_named(s, c->u.string.s, &why);
	if (t < 0) {
		f = eval_stack_error(s, c->pos, FC_UNDEFINED_CONDITION,
				     "Template format error: Condition %s is not defined.",
				     c->u.string.s);
		finding_set_fix(f, "declare condition %s in the Conditions section, or correct the "
			       "name", c->u.string.s);
		return EVAL_TRUE;
	}
	if (t == EVAL_UNKNOWN)
		*reason = xstrfmt("condition %s cannot be evaluated: %s", c->u.string.s, why);
	return (enum eval_tri)t;
}

void eval_conditions(struct eval *ev, struct finding_list *fl)
{
	const struct template *t = ev->t;
	struct eval_site s;
	const char *reason;
	char *out_reason;
	size_t i;

	eval_site_init(&s, ev, EVAL_IN_CONDITIONS, "", fl, fl);
	for (i = 0; i < ev->n_conds; i++)
		eval_condition_named(&s, t->conditions->u.map.entries[i].key, &reason);
	for (i = 0; i < t->n_resources; i++) {
		strbuf_reset(&s.path);
		strbuf_addstr(&s.path, "Resources/"); /* no printf: once per resource */
		strbuf_addstr(&s.path, t->resources[i].logical_id);
		strbuf_addstr(&s.path, "/Condition");
		ev->res_cond[i] = attribute(&s, t->resources[i].def, &ev->res_reason[i]);
	}
	for (i = 0; i < t->n_outputs; i++) {
		out_reason = NULL;
		strbuf_reset(&s.path);
		strbuf_addstr(&s.path, "Outputs/");
		strbuf_addstr(&s.path, t->outputs[i].logical_id);
		strbuf_addstr(&s.path, "/Condition");
		ev->out_cond[i] = attribute(&s, t->outputs[i].def, &out_reason);
		free(out_reason);
	}
	eval_site_release(&s);
}

enum eval_tri eval_resource_condition(const struct eval *ev, size_t i, const char **reason)
{
	*reason = ev->res_reason[i];
	return ev->res_cond[i];
}
