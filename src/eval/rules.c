/*
 * rules.c - the Rules section and its functions (Fn::Contains,
 * Fn::EachMemberEquals, Fn::EachMemberIn, Fn::RefAll, Fn::ValueOf,
 * Fn::ValueOfAll), evaluated before any resource.
 *
 * Docs: rules-section-structure.html, intrinsic-function-reference-rules.html.
 * A false assertion fails the stack with its AssertDescription; one that
 * cannot be decided (it needs account data the state does not give) makes
 * the stack uncertain.  Account data comes through the ref_all and
 * value_of hooks.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct value *malformed(struct eval_site *s, const struct value *call, const char *name,
			       const char *shape)
{
	struct finding *f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
					     "Template error: %s requires %s", name, shape);

	finding_set_fix(f, "write %s with %s", name, shape);
	return eval_failed(call, name);
}

/* Resolves arg's two elements; returns an unknown or failure (new) to
 * return, or NULL with *a and *b set (new). */
static struct value *two(struct eval_site *s, const struct value *call, const struct value *arg,
			 struct value **a, struct value **b)
{
	const struct value *u;

	*a = eval_child(s, NULL, 0, value_list_get(arg, 0));
	*b = eval_child(s, NULL, 1, value_list_get(arg, 1));
	if ((u = value_find_unknown(*a)) != NULL || (u = value_find_unknown(*b)) != NULL)
		return eval_unknown_from(call->pos, u);
	return NULL;
}

static bool in_list(const struct value *list, const struct value *item)
{
	char *want = eval_scalar_text(item), *have;
	bool found = false;
	size_t i;

	for (i = 0; want && i < value_list_len(list) && !found; i++) {
		have = eval_scalar_text(list->u.list.items[i]);
		found = have && !strcmp(have, want);
		free(have);
	}
	free(want);
	return found;
}

static bool same_text(const struct value *a, const struct value *b)
{
	char *ta = eval_scalar_text(a), *tb = eval_scalar_text(b);
	bool eq = ta && tb && !strcmp(ta, tb);

	free(ta);
	free(tb);
	return eq;
}

/* kind 0: Contains, 1: EachMemberEquals, 2: EachMemberIn. */
static struct value *membership(struct eval_site *s, const struct value *call,
				const struct value *arg, int kind, const char *name)
{
	struct value *a = NULL, *b = NULL, *r;
	bool ok = true;
	size_t i;

	if (value_list_len(arg) != 2)
		return malformed(s, call, name, kind == 2 ? "two lists" : "a list and a string");
	r = two(s, call, arg, &a, &b);
	if (!r && (a->kind != VALUE_LIST || (kind == 2) != (b && b->kind == VALUE_LIST)))
		r = malformed(s, call, name, kind == 2 ? "two lists" : "a list and a string");
	if (!r) {
		if (kind == 0) {
			ok = in_list(a, b);
		} else {
			for (i = 0; i < a->u.list.n && ok; i++)
				ok = kind == 1 ? same_text(a->u.list.items[i], b)
						: in_list(b, a->u.list.items[i]);
		}
		r = value_bool(call->pos, ok);
	}
	value_free(a);
	value_free(b);
	return r;
}

struct value *eval_fn_contains(struct eval_site *s, const struct value *call, const struct value *arg)
{
	return membership(s, call, arg, 0, "Fn::Contains");
}

struct value *eval_fn_each_equals(struct eval_site *s, const struct value *call, const struct value *arg)
{
	return membership(s, call, arg, 1, "Fn::EachMemberEquals");
}

struct value *eval_fn_each_in(struct eval_site *s, const struct value *call, const struct value *arg)
{
	return membership(s, call, arg, 2, "Fn::EachMemberIn");
}

struct value *eval_fn_refall(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct eval *ev = s->ev;

	if (!value_is_string(arg))
		return malformed(s, call, "Fn::RefAll", "a parameter type such as AWS::EC2::VPC::Id");
	return ev->hooks.ref_all(ev->hooks.ctx, arg->u.string.s, call->pos);
}

/* The element type of an AWS-specific parameter type: List<T> gives T. */
static char *element_type(const char *type)
{
	size_t n = strlen(type);

	if (!strncmp(type, "List<", 5) && n > 6 && type[n - 1] == '>')
		return xstrndup(type + 5, n - 6);
	return xstrdup(type);
}

/* Appends value_of(type, id, attr) for each id of the bound value v. */
static void values_of(struct eval *ev, const char *type, const struct value *v,
		      const char *attr, struct srcpos pos, struct value *out)
{
	char *elem = element_type(type);
	size_t i;

	if (v->kind == VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			value_list_append(out, ev->hooks.value_of(ev->hooks.ctx, elem,
				value_str(v->u.list.items[i]) ? value_str(v->u.list.items[i]) : "",
				attr, pos));
	else if (v->kind == VALUE_STRING)
		value_list_append(out, ev->hooks.value_of(ev->hooks.ctx, elem, v->u.string.s, attr, pos));
	else
		value_list_append(out, value_unknown(pos, "the value of a parameter of type %s is "
						     "not known", type));
	free(elem);
}

struct value *eval_fn_valueof(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *param = value_list_get(arg, 0), *attr = value_list_get(arg, 1);
	const struct value *v, *type;
	struct value *list, *r;

	if (value_list_len(arg) != 2 || !value_is_string(param) || !value_is_string(attr))
		return malformed(s, call, "Fn::ValueOf", "a parameter name and an attribute (no "
				 "other function inside)");
	v = value_map_get(s->ev->params, param->u.string.s);
	type = value_map_get(s->ev->param_types, param->u.string.s);
	if (!v || !type)
		return malformed(s, call, "Fn::ValueOf", "the name of a parameter of the template");
	list = value_list(call->pos);
	values_of(s->ev, type->u.string.s, v, attr->u.string.s, call->pos, list);
	if (v->kind == VALUE_LIST)
		return list;
	r = value_copy(list->u.list.items[0]);
	value_free(list);
	return r;
}

struct value *eval_fn_valueofall(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *type = value_list_get(arg, 0), *attr = value_list_get(arg, 1);
	struct eval *ev = s->ev;
	struct value *list;
	char *want;

	if (value_list_len(arg) != 2 || !value_is_string(type) || !value_is_string(attr))
		return malformed(s, call, "Fn::ValueOfAll", "a parameter type and an attribute (no "
				 "other function inside)");
	list = value_list(call->pos);
	want = element_type(type->u.string.s);
	VALUE_MAP_FOREACH(ev->param_types, e) {
		char *elem = element_type(e->val->u.string.s);

		if (!strcmp(elem, want))
			values_of(ev, e->val->u.string.s, value_map_get(ev->params, e->key),
				  attr->u.string.s, call->pos, list);
		free(elem);
	}
	free(want);
	return list;
}

/* ---- The Rules section ---- */

static void assertion(struct eval_site *s, const char *rule, size_t i, const struct value *a)
{
	struct eval *ev = s->ev;
	const struct value *desc = value_map_get(a, "AssertDescription");
	const struct value *raw = value_map_get(a, "Assert");
	const char *why = NULL;
	struct value *v;
	struct finding *f;
	int t;

	if (!raw) {
		f = eval_stack_error(s, a->pos, FC_MALFORMED_FUNCTION,
				     "Template format error: Every Assertions member of rule %s must "
				     "contain an Assert", rule);
		finding_set_fix(f, "give each assertion an Assert: and an AssertDescription:");
		return;
	}
	v = eval_child(s, "Assert", 0, raw);
	t = eval_value_tri(v, &why);
	if (t < 0) {
		f = eval_stack_error(s, raw->pos, FC_MALFORMED_FUNCTION,
				     "Template format error: the Assert of rule %s must be a rule "
				     "function that returns true or false", rule);
		finding_set_fix(f, "use Fn::Equals, Fn::Contains, Fn::EachMemberIn... in Assert");
	} else if (t == EVAL_FALSE) {
		if (value_is_string(desc))
			f = eval_stack_error(s, raw->pos, FC_RULE_ASSERTION, "%s", desc->u.string.s);
		else
			f = eval_stack_error(s, raw->pos, FC_RULE_ASSERTION,
					     "Rule %s failed: assertion %zu is not satisfied", rule, i);
		finding_set_fix(f, "choose parameter values that satisfy rule %s", rule);
	} else if (t == EVAL_UNKNOWN) {
		f = eval_stack_error(s, raw->pos, FC_RULE_UNDECIDED,
				     "Rule %s: assertion %zu cannot be checked: %s", rule, i, why);
		finding_set_fix(f, "describe what the rule reads in the account state (--state)");
		ev->n_uncertain++;
	}
	value_free(v);
}

static void rule(struct eval_site *s, const char *name, const struct value *def)
{
	const struct value *rc = value_map_get(def, "RuleCondition");
	const struct value *as = value_map_get(def, "Assertions");
	const char *why = NULL;
	struct value *v;
	size_t i, old = s->path.len;
	int t = EVAL_TRUE;

	strbuf_addf(&s->path, "/%s", name);
	if (rc) {
		v = eval_child(s, "RuleCondition", 0, rc);
		t = eval_value_tri(v, &why);
		if (t < 0) {
			struct finding *f = eval_stack_error(s, rc->pos, FC_MALFORMED_FUNCTION,
				"Template format error: the RuleCondition of rule %s must be a rule "
				"function that returns true or false", name);
			finding_set_fix(f, "use Fn::Equals, Fn::Contains... in RuleCondition");
		}
		value_free(v);
	}
	if (t != EVAL_FALSE && t >= 0 && as && as->kind == VALUE_LIST) {
		strbuf_addstr(&s->path, "/Assertions");
		for (i = 0; i < as->u.list.n; i++) {
			size_t mark = s->path.len;
			strbuf_addf(&s->path, "/%zu", i);
			assertion(s, name, i, as->u.list.items[i]);
			strbuf_setlen(&s->path, mark);
		}
	} else if (!as || as->kind != VALUE_LIST) {
		struct finding *f = eval_stack_error(s, def->pos, FC_MALFORMED_FUNCTION,
			"Template format error: Every Rules member must contain an Assertions list");
		finding_set_fix(f, "give rule %s a list of Assertions", name);
	}
	strbuf_setlen(&s->path, old);
}

void eval_rules(struct eval *ev, struct finding_list *fl)
{
	const struct value *rules = ev->t->rules;
	struct eval_site s;

	if (!rules || rules->kind != VALUE_MAP)
		return;
	eval_site_init(&s, ev, EVAL_IN_RULES, "Rules", fl, fl);
	VALUE_MAP_FOREACH(rules, e)
		rule(&s, e->key, e->val);
	eval_site_release(&s);
}
