/*
 * ref.c - Ref, Fn::GetAtt and Fn::Sub: names resolved to pseudo
 * parameters, bound parameters, or resources (through the engine's hooks).
 *
 * Docs: intrinsic-function-reference-ref.html, -getatt.html, -sub.html.
 * Undeclared names in Resources and Outputs were reported by the graph;
 * here they only become unknown.  A reference to a resource whose
 * Condition is false is CloudFormation's "Unresolved resource
 * dependencies" error, raised only where the reference is evaluated (the
 * branch of an Fn::If that is not taken is never evaluated).
 */
#include "eval/eval_int.h"
#include "template/sub.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *block_word(enum eval_block b)
{
	return b == EVAL_IN_CONDITIONS ? "Conditions" : b == EVAL_IN_RULES ? "Rules"
		: b == EVAL_IN_OUTPUTS ? "Outputs" : "Resources";
}

/* Resource i (name) may be referenced here: i, or -1 after an error. */
static long usable_resource(struct eval_site *s, const struct value *call, const char *name,
			    long i)
{
	struct finding *f;

	if (s->block == EVAL_IN_CONDITIONS || s->block == EVAL_IN_RULES) {
		f = eval_stack_error(s, call->pos, FC_CONDITION_REFERENCE,
				     "Template format error: Unresolved dependencies [%s]. Cannot "
				     "reference resources in the %s block of the template",
				     name, block_word(s->block));
		finding_set_fix(f, "compare parameters, pseudo parameters or mappings instead of "
			       "resource %s", name);
		return -1;
	}
	if (s->ev->res_cond[i] == EVAL_FALSE) {
		f = eval_stack_error(s, call->pos, FC_SKIPPED_REFERENCE,
				     "%sUnresolved resource dependencies [%s] in the %s block of the "
				     "template",
				     s->block == EVAL_IN_RESOURCES ? "Template format error: " : "",
				     name, block_word(s->block));
		finding_set_fix(f, "%s is not created (its Condition %s is false): wrap the "
			       "reference in Fn::If on the same condition, or give this %s the "
			       "same Condition", name, s->ev->t->resources[i].condition,
			       s->block == EVAL_IN_OUTPUTS ? "output" : "resource");
		return -1;
	}
	return i;
}

/* A name that is neither parameter, pseudo parameter nor resource. */
static struct value *undeclared(struct eval_site *s, const struct value *call, const char *name)
{
	struct finding *f;

	if (s->block == EVAL_IN_RESOURCES || s->block == EVAL_IN_OUTPUTS)
		return value_unknown(call->pos, "%s is not declared in the template", name);
	f = eval_stack_error(s, call->pos, FC_UNRESOLVED_DEPENDENCY,
			     "Template format error: Unresolved resource dependencies [%s] in the "
			     "%s block of the template", name, block_word(s->block));
	finding_set_fix(f, "declare a parameter named %s, or correct the name", name);
	return eval_failed(call, "Ref");
}

struct value *eval_ref_name(struct eval_site *s, const struct value *call, const char *name)
{
	struct eval *ev = s->ev;
	const struct value *p;
	struct value *r;
	bool found;
	long i;

	r = eval_pseudo(ev, name, call->pos, &found);
	if (found)
		return r;
	if ((p = value_map_get(ev->params, name)) != NULL) {
		r = value_copy(p);
		r->pos = call->pos;
		return r;
	}
	i = template_resource_index(ev->t, name);
	if (i < 0)
		return undeclared(s, call, name);
	if (usable_resource(s, call, name, i) < 0)
		return eval_failed(call, "Ref");
	return ev->hooks.resource_ref(ev->hooks.ctx, name, call->pos);
}

struct value *eval_fn_ref(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *name = NULL, *r;
	struct finding *f;

	if (!value_is_string(arg) && s->ev->le && arg->kind == VALUE_MAP)
		arg = name = eval_child(s, NULL, 0, arg); /* Ref of a computed name */
	if (arg && arg->kind == VALUE_UNKNOWN) {
		r = eval_unknown_from(call->pos, arg);
	} else if (!value_is_string(arg)) {
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
				     "Template error: All References must be of type string");
		finding_set_fix(f, "give Ref the name of a parameter or resource as a plain string");
		r = eval_failed(call, "Ref");
	} else {
		r = eval_ref_name(s, call, arg->u.string.s);
	}
	value_free(name);
	return r;
}

/* GetAtt of a checked resource name. */
static struct value *getatt(struct eval_site *s, const struct value *call, const char *res,
			    const char *attr)
{
	struct eval *ev = s->ev;
	long i = template_resource_index(ev->t, res);

	if (i < 0)
		return s->block == EVAL_IN_CONDITIONS || s->block == EVAL_IN_RULES
			? undeclared(s, call, res)
			: value_unknown(call->pos, "resource %s is not declared", res);
	if (usable_resource(s, call, res, i) < 0)
		return eval_failed(call, "Fn::GetAtt");
	return ev->hooks.resource_getatt(ev->hooks.ctx, res, attr, call->pos);
}

struct value *eval_fn_getatt(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *res = NULL, *attr = NULL;
	struct value *attr_v = NULL, *r;
	struct finding *f;
	char *name = NULL;

	if (value_is_string(arg)) { /* "Res.Attr" */
		const char *dot = strchr(arg->u.string.s, '.');
		if (dot && dot != arg->u.string.s && dot[1]) {
			name = xstrndup(arg->u.string.s, (size_t)(dot - arg->u.string.s));
			r = getatt(s, call, name, dot + 1);
			free(name);
			return r;
		}
	} else if (value_list_len(arg) == 2) {
		res = value_list_get(arg, 0);
		attr = value_list_get(arg, 1);
		if (!value_is_string(attr))
			attr = attr_v = eval_child(s, NULL, 1, attr);
	}
	if (attr && attr->kind == VALUE_UNKNOWN && value_is_string(res)) {
		r = eval_unknown_from(call->pos, attr);
	} else if (!value_is_string(res) || !res->u.string.len || !value_is_string(attr) ||
		   !attr->u.string.len) {
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
			       "Template error: every Fn::GetAtt object requires two non-empty "
			       "parameters, the resource name and the resource attribute");
		finding_set_fix(f, "write Fn::GetAtt [LogicalId, Attribute] or !GetAtt LogicalId.Attribute");
		r = eval_failed(call, "Fn::GetAtt");
	} else {
		r = getatt(s, call, res->u.string.s, attr->u.string.s);
	}
	value_free(attr_v);
	return r;
}

/* ---- Fn::Sub ---- */

static bool valid_var_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.:", *s))
			return false;
	return true;
}

/* The value of one ${...} (new; NULL for AWS::NoValue). */
static struct value *sub_var(struct eval_site *s, const struct value *call,
			     const struct sub_part *p, const struct value *vars)
{
	const struct value *v = value_map_get(vars, p->text);

	if (v && !p->attr)
		return value_copy(v);
	if (p->attr)
		return getatt(s, call, p->text, p->attr);
	return eval_ref_name(s, call, p->text);
}

static struct value *sub_malformed(struct eval_site *s, const struct value *call)
{
	struct finding *f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
				       "Template error: One or more Fn::Sub intrinsic functions don't "
				       "specify expected arguments. Specify a string as first "
				       "argument, and an optional second argument to specify a "
				       "mapping of values to replace in the string");

	finding_set_fix(f, "write Fn::Sub \"text ${Name}\" or Fn::Sub [\"text ${Var}\", {Var: value}]");
	return eval_failed(call, "Fn::Sub");
}

/* Appends the text of one variable; returns an unknown or failure (new) to
 * stop with, or NULL to go on. */
static struct value *sub_append(struct eval_site *s, const struct value *call,
				const struct sub_part *p, const struct value *vars,
				struct strbuf *out)
{
	struct value *v;
	struct finding *f;
	const char *text;

	if (!valid_var_name(p->text) || (p->attr && !valid_var_name(p->attr))) {
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
			       "Template error: variable names in Fn::Sub syntax must contain only "
			       "alphanumeric characters, underscores, periods, and colons");
		finding_set_fix(f, "write ${!Literal} for a literal ${Literal}, or correct the "
			       "variable name");
		return eval_failed(call, "Fn::Sub");
	}
	v = sub_var(s, call, p, vars);
	if (v && v->kind == VALUE_UNKNOWN)
		return v;
	text = v ? value_scalar_text(v) : NULL; /* borrowed: no copy */
	if (!text) {
		f = eval_error(s, call, FC_FUNCTION_ERROR,
			       "Template error: variable %s in Fn::Sub expression does not resolve "
			       "to a string", p->text);
		finding_set_fix(f, "use Fn::Join or Fn::Select to turn %s into a string first",
				p->text);
		value_free(v);
		return eval_failed(call, "Fn::Sub");
	}
	strbuf_addstr(out, text);
	value_free(v);
	return NULL;
}

struct value *eval_fn_sub(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *fmt = arg, *raw_vars = NULL;
	struct value *vars = NULL, *stop = NULL;
	struct strbuf out = STRBUF_INIT;
	struct sub_parts parts;
	size_t i;

	if (arg->kind == VALUE_LIST) {
		if (arg->u.list.n != 2)
			return sub_malformed(s, call);
		fmt = value_list_get(arg, 0);
		raw_vars = value_list_get(arg, 1);
		if (raw_vars->kind != VALUE_MAP)
			return sub_malformed(s, call);
		vars = eval_child(s, NULL, 1, raw_vars);
	}
	if (!value_is_string(fmt)) {
		value_free(vars);
		return sub_malformed(s, call);
	}
	sub_parse(fmt->u.string.s, &parts);
	for (i = 0; i < parts.n; i++) {
		struct value *r;

		if (parts.items[i].kind == SUB_LITERAL) {
			strbuf_addstr(&out, parts.items[i].text);
			continue;
		}
		r = sub_append(s, call, &parts.items[i], vars, &out);
		if (r && !stop)
			stop = r; /* keep the first unknown, still check the rest */
		else
			value_free(r);
	}
	sub_parts_free(&parts);
	value_free(vars);
	if (stop) {
		strbuf_release(&out);
		stop->pos = call->pos;
		return stop;
	}
	return value_string_take(call->pos, strbuf_detach(&out, NULL));
}
