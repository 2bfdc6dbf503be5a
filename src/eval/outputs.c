/*
 * outputs.c - the Outputs section resolved: each output whose Condition
 * holds gets a string (or unknown) value, and Export names are checked
 * (no dependency on resources, allowed characters, no duplicates).
 *
 * Doc: outputs-section-structure.html; messages from
 * /work/notes/cfn-messages-template.md section 1.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool valid_export_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != ':' && *s != '-')
			return false;
	return true;
}

/* A resolved Value as the output's string (new), or NULL after an error. */
static struct value *as_output(struct eval_site *s, const char *id, const struct value *raw,
			       struct value *v)
{
	struct finding *f;
	char *text;

	if (v && v->kind == VALUE_UNKNOWN)
		return v;
	text = eval_scalar_text(v);
	if (text) {
		struct srcpos pos = v->pos;
		value_free(v);
		return value_string_take(pos, text);
	}
	f = eval_stack_error(s, raw->pos, FC_OUTPUT_MALFORMED,
			     "Template format error: The Value field of every Outputs member must "
			     "evaluate to a String%s",
			     !v ? "." : v->kind == VALUE_LIST ? " and not a List."
			     : v->kind == VALUE_MAP ? " and not a Map." : ".");
	finding_set_fix(f, "make output %s a string (Fn::Join a list, or select one element)", id);
	value_free(v);
	return NULL;
}

/* Checks and resolves an Export; adds it to exports. */
static void export(struct eval_site *s, const struct tmpl_output *o, const struct value *value,
		   struct value *exports, struct strbuf *dups)
{
	const struct value *ex = value_map_get(o->def, "Export");
	const struct value *raw = value_map_get(ex, "Name");
	struct finding *f;
	struct value *name;

	if (!ex)
		return;
	if (raw && eval_is_runtime(s->ev, raw)) {
		f = eval_stack_error(s, raw->pos, FC_OUTPUT_MALFORMED,
				     "Template format error: Output %s is malformed.  The Name field "
				     "of Export must not depend on any resources, imported values, or "
				     "Fn::GetAZs.", o->logical_id);
		finding_set_fix(f, "build the export name from parameters, pseudo parameters and literals");
		return;
	}
	name = raw ? eval_child(s, "Export/Name", 0, raw) : NULL;
	if (name && name->kind == VALUE_UNKNOWN) {
		value_free(name);
		return;
	}
	if (!value_is_string(name) || !valid_export_name(name->u.string.s)) {
		f = eval_stack_error(s, raw ? raw->pos : ex->pos, FC_OUTPUT_MALFORMED,
				     "Template format error: Output %s is malformed. The Name field of "
				     "every Export member must be specified and consist only of "
				     "alphanumeric characters, colons, or hyphens.", o->logical_id);
		finding_set_fix(f, "give output %s an Export Name made of letters, digits, ':' and '-'",
				o->logical_id);
	} else if (value_map_get(exports, name->u.string.s)) {
		strbuf_addf(dups, "%s%s", dups->len ? ", " : "", name->u.string.s);
	} else {
		value_map_add(exports, name->u.string.s, name->pos, value_copy(value));
	}
	value_free(name);
}

static struct value *one_output(struct eval_site *s, const struct tmpl_output *o)
{
	const struct value *raw = value_map_get(o->def, "Value");
	struct finding *f;

	if (!raw) {
		f = eval_stack_error(s, o->pos, FC_OUTPUT_MALFORMED,
				     "Template format error: Every Outputs member must contain a Value "
				     "object");
		finding_set_fix(f, "give output %s a Value", o->logical_id);
		return NULL;
	}
	if (raw->kind == VALUE_NULL) {
		f = eval_stack_error(s, raw->pos, FC_OUTPUT_MALFORMED,
				     "[/Outputs/%s/Value] 'null' values are not allowed in templates",
				     o->logical_id);
		finding_set_fix(f, "give output %s a non-empty Value", o->logical_id);
		return NULL;
	}
	return as_output(s, o->logical_id, raw, eval_child(s, "Value", 0, raw));
}

struct value *eval_outputs(struct eval *ev, struct finding_list *fl, struct value **exports_out)
{
	const struct template *t = ev->t;
	struct value *outputs = value_map(SRCPOS_NONE), *exports = value_map(SRCPOS_NONE);
	struct strbuf dups = STRBUF_INIT;
	struct eval_site s;
	size_t i;

	for (i = 0; i < t->n_outputs; i++) {
		const struct tmpl_output *o = &t->outputs[i];
		struct value *v;

		if (ev->out_cond[i] == EVAL_FALSE)
			continue; /* a condition-false output is omitted */
		eval_site_init(&s, ev, EVAL_IN_OUTPUTS, "Outputs", fl, fl);
		strbuf_addf(&s.path, "/%s", o->logical_id);
		v = one_output(&s, o);
		if (v) {
			export(&s, o, v, exports, &dups);
			value_map_add(outputs, o->logical_id, o->pos, v);
		}
		eval_site_release(&s);
	}
	if (dups.len) {
		struct finding *f = finding_add(fl, FC_DUPLICATE_EXPORT, t->outputs_map->pos, "Outputs",
			"Template format error: The Outputs section contains duplicate Export names: "
			"[%s]. Specify a unique name for each export.", dups.buf);
		finding_set_fix(f, "give each Export a distinct Name (prefix them with "
			       "${AWS::StackName}, for instance)");
	}
	strbuf_release(&dups);
	if (exports_out)
		*exports_out = exports;
	else
		value_free(exports);
	return outputs;
}
