/*
 * eval.c - the resolver's life cycle and its walker: maps and lists are
 * resolved child by child (AWS::NoValue children dropped), one-key
 * {"Fn::X": arg} maps are dispatched through the function table (fns.c),
 * and errors are routed to the stack or to the resource being resolved.
 */
#include "eval/eval_int.h"
#include "template/sub.h"
#include "value/value_arena.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- Life cycle ---- */

struct eval *eval_new(const struct eval_env *env, const struct eval_hooks *hooks)
{
	struct eval *ev = xcalloc(1, sizeof(*ev));

	ev->env = *env;
	ev->hooks = *hooks;
	ev->partition = eval_partition(env->region);
	ev->stack_id = eval_make_stack_id(env, ev->partition);
	ev->params = value_map(SRCPOS_NONE);
	ev->param_types = value_map(SRCPOS_NONE);
	return ev;
}

void eval_free(struct eval *ev)
{
	size_t i;

	if (!ev)
		return;
	free(ev->stack_id);
	value_free(ev->params);
	value_free(ev->param_types);
	for (i = 0; i < ev->n_conds; i++)
		free(ev->conds[i].reason);
	free(ev->conds);
	if (ev->t)
		for (i = 0; i < ev->t->n_resources; i++)
			free(ev->res_reason[i]);
	free(ev->res_reason);
	free(ev->res_cond);
	free(ev->out_cond);
	free(ev);
}

void eval_attach(struct eval *ev, const struct template *t, struct finding_list *fl)
{
	size_t i, n = t->n_resources ? t->n_resources : 1;

	ev->t = t;
	ev->le = template_has_transform(t, "AWS::LanguageExtensions");
	ev->n_conds = value_map_len(t->conditions);
	ev->conds = xcalloc(ev->n_conds ? ev->n_conds : 1, sizeof(*ev->conds));
	ev->res_cond = xcalloc(n, sizeof(*ev->res_cond));
	ev->res_reason = xcalloc(n, sizeof(*ev->res_reason));
	ev->out_cond = xcalloc(t->n_outputs ? t->n_outputs : 1, sizeof(*ev->out_cond));
	for (i = 0; i < t->n_resources; i++)
		ev->res_cond[i] = EVAL_TRUE;
	for (i = 0; i < t->n_outputs; i++)
		ev->out_cond[i] = EVAL_TRUE;
	eval_check_mappings(ev, fl);
}

bool eval_stack_uncertain(const struct eval *ev)
{
	return ev->n_uncertain > 0;
}

void eval_set_arena(struct eval *ev, struct value_arena *a)
{
	ev->arena = a;
}

const struct value *eval_parameter(const struct eval *ev, const char *name)
{
	return value_map_get(ev->params, name);
}

/* ---- Sites ---- */

void eval_site_init(struct eval_site *s, struct eval *ev, enum eval_block block,
		    const char *path, struct finding_list *stack_fl,
		    struct finding_list *res_fl)
{
	memset(s, 0, sizeof(*s));
	s->ev = ev;
	s->block = block;
	s->stack_fl = stack_fl;
	s->res_fl = res_fl ? res_fl : stack_fl;
	strbuf_init(&s->path);
	strbuf_init(&s->full);
	strbuf_addstr(&s->path, path);
}

void eval_site_release(struct eval_site *s)
{
	strbuf_release(&s->path);
	strbuf_release(&s->full);
	free(s->steps);
}

static void push_step(struct eval_site *s, const char *key, size_t index)
{
	if (s->n_steps == s->cap_steps)
		XGROW(s->steps, s->cap_steps, s->n_steps + 1);
	s->steps[s->n_steps].key = key;
	s->steps[s->n_steps].index = index;
	s->n_steps++;
}

/* The site's path (NULL when empty), written for a finding. */
static const char *site_path(struct eval_site *s)
{
	refs_write_path(&s->full, s->path.buf, s->steps, s->n_steps);
	return s->full.len ? s->full.buf : NULL;
}

/* ---- Errors ---- */

static struct finding *vadd(struct finding_list *fl, struct eval_site *s, struct srcpos pos,
			    enum finding_code code, const char *fmt, va_list ap)
{
	return finding_vadd(fl, code, pos, site_path(s), fmt, ap);
}

struct finding *eval_error(struct eval_site *s, const struct value *call,
			   enum finding_code code, const char *fmt, ...)
{
	struct finding_list *fl = s->stack_fl;
	struct finding *f;
	va_list ap;

	if (s->res_fl != s->stack_fl && eval_is_runtime(s->ev, call))
		fl = s->res_fl;
	va_start(ap, fmt);
	f = vadd(fl, s, call->pos, code, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *eval_stack_error(struct eval_site *s, struct srcpos pos,
				 enum finding_code code, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vadd(s->stack_fl, s, pos, code, fmt, ap);
	va_end(ap);
	return f;
}

struct value *eval_failed(const struct value *call, const char *name)
{
	return value_unknown(call->pos, "%s failed: see its finding", name);
}

struct value *eval_unknown_from(struct srcpos pos, const struct value *u)
{
	struct value *r = value_unknown(pos, "%s", u->u.unknown.reason);

	if (u->u.unknown.origin)
		value_unknown_set_origin(r, u->u.unknown.origin);
	return r;
}

/* ---- Does a raw tree depend on something known only at create time? ---- */

static bool sub_is_runtime(const struct eval *ev, const struct value *arg)
{
	const struct value *fmt = arg, *vars = NULL;
	struct sub_parts parts;
	bool runtime = false;
	size_t i;

	if (arg->kind == VALUE_LIST) {
		fmt = value_list_get(arg, 0);
		vars = value_list_get(arg, 1);
		if (vars && eval_is_runtime(ev, vars))
			return true;
	}
	if (!value_is_string(fmt))
		return false;
	sub_parse(fmt->u.string.s, &parts);
	for (i = 0; i < parts.n && !runtime; i++) {
		const struct sub_part *p = &parts.items[i];

		if (p->kind != SUB_VAR || value_map_get(vars, p->text))
			continue;
		runtime = p->attr != NULL ||
			  (ev->t && template_resource_index(ev->t, p->text) >= 0);
	}
	sub_parts_free(&parts);
	return runtime;
}

bool eval_is_runtime(const struct eval *ev, const struct value *raw)
{
	const char *fn = value_intrinsic_name(raw);
	size_t i;

	if (fn) {
		const struct value *arg = raw->u.map.entries[0].val;

		if (!strcmp(fn, "Fn::GetAtt") || !strcmp(fn, "Fn::ImportValue") ||
		    !strcmp(fn, "Fn::GetAZs"))
			return true;
		if (!strcmp(fn, "Ref") && value_is_string(arg))
			return ev->t && template_resource_index(ev->t, arg->u.string.s) >= 0;
		if (!strcmp(fn, "Fn::Sub"))
			return sub_is_runtime(ev, arg);
	}
	if (raw->kind == VALUE_LIST) {
		for (i = 0; i < raw->u.list.n; i++)
			if (eval_is_runtime(ev, raw->u.list.items[i]))
				return true;
	} else if (raw->kind == VALUE_MAP) {
		VALUE_MAP_FOREACH(raw, e)
			if (eval_is_runtime(ev, e->val))
				return true;
	}
	return false;
}

/* ---- Conversions ---- */

char *eval_scalar_text(const struct value *v)
{
	switch (v ? v->kind : VALUE_INVALID) {
	case VALUE_STRING: return xstrdup(v->u.string.s);
	case VALUE_NUMBER: return xstrdup(v->u.number.text);
	case VALUE_BOOL: return xstrdup(v->u.boolean ? "true" : "false");
	default: return NULL;
	}
}

struct value *eval_tri_value(struct srcpos pos, enum eval_tri t, const char *reason)
{
	if (t == EVAL_UNKNOWN)
		return value_unknown(pos, "%s", reason ? reason : "the condition cannot be evaluated");
	return value_bool(pos, t == EVAL_TRUE);
}

int eval_value_tri(const struct value *v, const char **reason)
{
	if (v && v->kind == VALUE_BOOL)
		return v->u.boolean ? EVAL_TRUE : EVAL_FALSE;
	if (v && v->kind == VALUE_STRING && (!strcmp(v->u.string.s, "true") ||
					     !strcmp(v->u.string.s, "false")))
		return v->u.string.s[0] == 't' ? EVAL_TRUE : EVAL_FALSE;
	if (v && v->kind == VALUE_UNKNOWN) {
		*reason = v->u.unknown.reason;
		return EVAL_UNKNOWN;
	}
	return -1;
}

/* ---- The walker ---- */

static const char *block_name(enum eval_block b)
{
	switch (b) {
	case EVAL_IN_RESOURCES: return "Resources";
	case EVAL_IN_OUTPUTS: return "Outputs";
	case EVAL_IN_CONDITIONS: return "Conditions";
	default: return "Rules";
	}
}

/* A function that exists but is not allowed in this block. */
static struct value *misplaced(struct eval_site *s, const struct value *call, const char *name)
{
	struct finding *f;

	if (s->block == EVAL_IN_CONDITIONS && !strcmp(name, "Fn::ImportValue"))
		f = eval_stack_error(s, call->pos, FC_UNSUPPORTED_FUNCTION,
				     "Template error: Cannot use Fn::ImportValue in Conditions");
	else
		f = eval_stack_error(s, call->pos, FC_UNSUPPORTED_FUNCTION,
				     "Template format error: Following functions are not supported "
				     "in the %s block of the template: [%s]",
				     block_name(s->block), name);
	finding_set_fix(f, "remove %s from the %s section (it is allowed in Resources and Outputs)",
			name, block_name(s->block));
	return eval_failed(call, name);
}

static struct value *unsupported(struct eval_site *s, const struct value *call, const char *name)
{
	struct strbuf list = STRBUF_INIT;
	struct finding *f;

	eval_fn_list(&list, s->block, s->ev->le);
	f = eval_stack_error(s, call->pos, FC_UNSUPPORTED_FUNCTION,
			     "Template Error: Encountered unsupported function: %s Supported "
			     "functions are: [%s]", name, list.buf);
	if (eval_fn_lookup(name))
		finding_set_fix(f, "%s needs \"Transform: AWS::LanguageExtensions\" at the top of "
				"the template", name);
	else
		finding_set_fix(f, "correct the function name (names are case-sensitive)");
	strbuf_release(&list);
	return eval_failed(call, name);
}

static struct value *call_function(struct eval_site *s, const struct value *v, const char *name)
{
	const struct eval_fn_entry *fe = eval_fn_lookup(name);
	const struct value *arg = v->u.map.entries[0].val;
	struct value_arena *arena = s->arena;
	struct value *r;

	if (!fe || (fe->le_only && !s->ev->le))
		return unsupported(s, v, name);
	if (!(fe->blocks & s->block))
		return misplaced(s, v, name);
	push_step(s, name, 0);
	s->arena = NULL; /* what a function computes and drops stays on the heap */
	r = fe->fn(s, v, arg);
	s->arena = arena;
	s->n_steps--;
	return r;
}

struct value *eval_child(struct eval_site *s, const char *key, size_t index,
			 const struct value *v)
{
	struct value *r;

	push_step(s, key, index);
	r = eval_value(s, v);
	s->n_steps--;
	return r;
}

/* Whether v, evaluated at depth d, is plain data: no function anywhere
 * under it and not deep enough for the nesting limit, so that its value
 * is a copy of it (value_copy: a map in two blocks instead of a node, an
 * array grown key by key and a string per key). */
static bool plain_data(const struct eval_site *s, const struct value *v, int d)
{
	size_t i;

	if (d >= EVAL_MAX_DEPTH)
		return false;
	switch (v->kind) {
	case VALUE_MAP:
		if (value_intrinsic_name(v) ||
		    (s->block == EVAL_IN_CONDITIONS && v->u.map.n == 1 &&
		     !strcmp(v->u.map.entries[0].key, "Condition")))
			return false;
		VALUE_MAP_FOREACH(v, e)
			if (!plain_data(s, e->val, d + 1))
				return false;
		return true;
	case VALUE_LIST:
		for (i = 0; i < v->u.list.n; i++)
			if (!plain_data(s, v->u.list.items[i], d + 1))
				return false;
		return true;
	default:
		return true;
	}
}

/* eval_child, or a copy for plain data (the same tree, no finding). */
static struct value *walk_child(struct eval_site *s, const char *key, size_t index,
				const struct value *v)
{
	if (plain_data(s, v, s->depth))
		return value_copy_in(s->arena, v);
	return eval_child(s, key, index, v);
}

static struct value *walk(struct eval_site *s, const struct value *v)
{
	const char *name = value_intrinsic_name(v);
	struct value *r, *c;
	size_t i;

	if (!name && s->block == EVAL_IN_CONDITIONS && v->kind == VALUE_MAP &&
	    v->u.map.n == 1 && !strcmp(v->u.map.entries[0].key, "Condition"))
		name = "Condition";
	if (name)
		return call_function(s, v, name);
	switch (v->kind) {
	case VALUE_MAP:
		r = value_map_in(s->arena, v->pos);
		value_reserve(r, v->u.map.n);
		VALUE_MAP_FOREACH(v, e)
			if ((c = walk_child(s, e->key, 0, e->val)) != NULL)
				value_map_add(r, e->key, e->key_pos, c);
		return r;
	case VALUE_LIST:
		r = value_list_in(s->arena, v->pos);
		value_reserve(r, v->u.list.n);
		for (i = 0; i < v->u.list.n; i++)
			if ((c = walk_child(s, NULL, i, v->u.list.items[i])) != NULL)
				value_list_append(r, c);
		return r;
	default:
		return value_copy_in(s->arena, v);
	}
}

struct value *eval_value(struct eval_site *s, const struct value *v)
{
	struct value *r;

	if (s->depth >= EVAL_MAX_DEPTH) {
		struct finding *f = eval_stack_error(s, v->pos, FC_MALFORMED_FUNCTION,
						     "Template error: functions nested more than %d "
						     "levels deep", EVAL_MAX_DEPTH);
		finding_set_fix(f, "simplify the expression (conditions naming conditions "
			       "nest too)");
		return value_unknown(v->pos, "nested too deeply");
	}
	s->depth++;
	r = walk(s, v);
	s->depth--;
	return r;
}

/* ---- Resources ---- */

struct value *eval_resource_properties(struct eval *ev, size_t i,
				       struct finding_list *stack_fl,
				       struct finding_list *res_fl)
{
	const struct tmpl_resource *tr = &ev->t->resources[i];
	struct eval_site s;
	struct value *r;

	if (!tr->properties)
		return NULL;
	eval_site_init(&s, ev, EVAL_IN_RESOURCES, "Resources/", stack_fl, res_fl);
	strbuf_addstr(&s.path, tr->logical_id); /* no printf: once per resource */
	strbuf_addstr(&s.path, "/Properties");
	s.arena = ev->arena;
	r = value_move_in(ev->arena, eval_value(&s, tr->properties));
	eval_site_release(&s);
	return r;
}
