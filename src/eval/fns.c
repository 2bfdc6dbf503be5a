/*
 * fns.c - the table of intrinsic functions (one line each: name, handler,
 * the blocks it may appear in) and the small handlers that need no file
 * of their own: Fn::Base64, Fn::GetAZs, Fn::ImportValue, Fn::ToJsonString
 * and Fn::Transform.
 */
#include "eval/eval_int.h"
#include "value/value_json.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define RES EVAL_IN_RESOURCES
#define OUT EVAL_IN_OUTPUTS
#define CND EVAL_IN_CONDITIONS
#define RUL EVAL_IN_RULES

static const struct eval_fn_entry table[] = {
	{ "Fn::Base64", eval_fn_base64, RES | OUT | CND, false },
	{ "Fn::GetAtt", eval_fn_getatt, RES | OUT, false },
	{ "Fn::GetAZs", eval_fn_getazs, RES | OUT | CND, false },
	{ "Fn::ImportValue", eval_fn_import, RES | OUT, false },
	{ "Fn::Join", eval_fn_join, RES | OUT | CND | RUL, false },
	{ "Fn::Split", eval_fn_split, RES | OUT | CND | RUL, false },
	{ "Fn::FindInMap", eval_fn_findinmap, RES | OUT | CND | RUL, false },
	{ "Fn::Select", eval_fn_select, RES | OUT | CND | RUL, false },
	{ "Ref", eval_fn_ref, RES | OUT | CND | RUL, false },
	{ "Fn::Equals", eval_fn_equals, CND | RUL, false },
	{ "Fn::If", eval_fn_if, RES | OUT | CND, false },
	{ "Fn::Not", eval_fn_not, CND | RUL, false },
	{ "Condition", eval_fn_condition, CND, false },
	{ "Fn::And", eval_fn_and, CND | RUL, false },
	{ "Fn::Or", eval_fn_or, CND | RUL, false },
	{ "Fn::Contains", eval_fn_contains, RUL, false },
	{ "Fn::EachMemberEquals", eval_fn_each_equals, RUL, false },
	{ "Fn::EachMemberIn", eval_fn_each_in, RUL, false },
	{ "Fn::ValueOf", eval_fn_valueof, RUL, false },
	{ "Fn::ValueOfAll", eval_fn_valueofall, RUL, false },
	{ "Fn::RefAll", eval_fn_refall, RUL, false },
	{ "Fn::Sub", eval_fn_sub, RES | OUT | CND | RUL, false },
	{ "Fn::Cidr", eval_fn_cidr, RES | OUT | CND, false },
	{ "Fn::Transform", eval_fn_transform, RES | OUT, false },
	{ "Fn::Length", eval_fn_length, RES | OUT | CND, true },
	{ "Fn::ToJsonString", eval_fn_tojson, RES | OUT | CND, true },
};

#define N_FNS (sizeof(table) / sizeof(table[0]))

const struct eval_fn_entry *eval_fn_lookup(const char *name)
{
	/* every name of the table that starts with 'F' starts with "Fn::": compare the rest;
	 * the first letter first ("Ref" would be compared with every name before it) */
	const char *tail = !strncmp(name, "Fn::", 4) ? name + 4 : NULL;
	size_t i;

	for (i = 0; i < N_FNS; i++) {
		const char *t = table[i].name;

		if (tail ? t[0] == 'F' && t[4] == tail[0] && !strcmp(t + 4, tail)
			 : t[0] == name[0] && !strcmp(t, name))
			return &table[i];
	}
	return NULL;
}

void eval_fn_list(struct strbuf *out, unsigned block, bool le)
{
	size_t i;

	for (i = 0; i < N_FNS; i++) {
		if (!(table[i].blocks & block) || (table[i].le_only && !le))
			continue;
		if (out->len)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, table[i].name);
	}
}

/* ---- Fn::Base64 (intrinsic-function-reference-base64.html) ---- */

static void base64(struct strbuf *out, const unsigned char *s, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		strbuf_addch(out, digits[s[i] >> 2]);
		strbuf_addch(out, digits[((s[i] & 3) << 4) | (s[i + 1] >> 4)]);
		strbuf_addch(out, digits[((s[i + 1] & 15) << 2) | (s[i + 2] >> 6)]);
		strbuf_addch(out, digits[s[i + 2] & 63]);
	}
	if (len - i == 1) {
		strbuf_addch(out, digits[s[i] >> 2]);
		strbuf_addch(out, digits[(s[i] & 3) << 4]);
		strbuf_addstr(out, "==");
	} else if (len - i == 2) {
		strbuf_addch(out, digits[s[i] >> 2]);
		strbuf_addch(out, digits[((s[i] & 3) << 4) | (s[i + 1] >> 4)]);
		strbuf_addch(out, digits[(s[i + 1] & 15) << 2]);
		strbuf_addch(out, '=');
	}
}

struct value *eval_fn_base64(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *v = eval_child(s, NULL, 0, arg);
	struct strbuf out = STRBUF_INIT;
	struct finding *f;
	char *text;

	if (v && v->kind == VALUE_UNKNOWN) {
		v->pos = call->pos;
		return v;
	}
	text = eval_scalar_text(v);
	value_free(v);
	if (!text) {
		f = eval_error(s, call, FC_MALFORMED_FUNCTION,
			       "Template error: Fn::Base64 requires a string argument");
		finding_set_fix(f, "give Fn::Base64 a string (Fn::Join a list first)");
		return eval_failed(call, "Fn::Base64");
	}
	base64(&out, (const unsigned char *)text, strlen(text));
	free(text);
	return value_string_take(call->pos, strbuf_detach(&out, NULL));
}

/* ---- Fn::GetAZs (intrinsic-function-reference-getavailabilityzones.html) ---- */

struct value *eval_fn_getazs(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *v = eval_child(s, NULL, 0, arg), *r;
	const char *region, *stack_region = s->ev->env.region;
	struct finding *f;

	if (v && v->kind == VALUE_UNKNOWN) {
		v->pos = call->pos;
		return v;
	}
	if (v && v->kind == VALUE_NULL) { /* "!GetAZs" alone is the empty string */
		value_free(v);
		v = value_string(call->pos, "");
	}
	if (!value_is_string(v)) {
		value_free(v);
		f = eval_error(s, call, FC_MALFORMED_FUNCTION,
			       "Template error: Fn::GetAZs requires a region name as a string");
		finding_set_fix(f, "write Fn::GetAZs \"\" (the stack's region) or a region name");
		return eval_failed(call, "Fn::GetAZs");
	}
	region = v->u.string.len ? v->u.string.s : stack_region;
	if (strcmp(region, stack_region))
		r = value_list(call->pos); /* another region: CloudFormation returns none */
	else if ((r = eval_azs(region, call->pos)) == NULL)
		r = value_unknown(call->pos, "the Availability Zones of region %s are not known",
				  region);
	value_free(v);
	return r;
}

/* ---- Fn::ImportValue (intrinsic-function-reference-importvalue.html) ---- */

struct value *eval_fn_import(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct eval *ev = s->ev;
	struct value *name, *r;
	struct finding *f;

	if (eval_is_runtime(ev, arg)) {
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
				     "Template error: the attribute in Fn::ImportValue must not "
				     "depend on any resources, imported values, or Fn::GetAZs");
		finding_set_fix(f, "build the export name from parameters, pseudo parameters and "
			       "literals only");
		return eval_failed(call, "Fn::ImportValue");
	}
	name = eval_child(s, NULL, 0, arg);
	if (name && name->kind == VALUE_UNKNOWN) {
		name->pos = call->pos;
		return name;
	}
	if (!value_is_string(name)) {
		value_free(name);
		f = eval_stack_error(s, call->pos, FC_MALFORMED_FUNCTION,
				     "Template error: Fn::ImportValue requires the export name as a "
				     "string");
		finding_set_fix(f, "give Fn::ImportValue the export name");
		return eval_failed(call, "Fn::ImportValue");
	}
	r = ev->hooks.import_value(ev->hooks.ctx, name->u.string.s, call->pos);
	if (!r) {
		f = eval_stack_error(s, call->pos, FC_EXPORT_MISSING, "No export named %s found.",
				     name->u.string.s);
		finding_set_fix(f, "deploy the stack that exports %s in account %s, region %s "
				"first, or correct the name", name->u.string.s, ev->env.account,
				ev->env.region);
		r = eval_failed(call, "Fn::ImportValue");
	}
	value_free(name);
	return r;
}

/* ---- Fn::ToJsonString (intrinsic-function-reference-ToJsonString.html) ---- */

struct value *eval_fn_tojson(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *v = eval_child(s, NULL, 0, arg);
	const struct value *u = value_find_unknown(v);
	struct strbuf out = STRBUF_INIT;
	struct finding *f;

	if (u) {
		struct value *r = eval_unknown_from(call->pos, u);
		value_free(v);
		return r;
	}
	if (!v || (v->kind != VALUE_MAP && v->kind != VALUE_LIST)) {
		value_free(v);
		f = eval_error(s, call, FC_FOREACH_ERROR,
			       "Transform AWS::LanguageExtensions failed with: Fn::ToJsonString "
			       "only accepts an object or a list");
		finding_set_fix(f, "give Fn::ToJsonString a map or a list");
		return eval_failed(call, "Fn::ToJsonString");
	}
	value_to_json_compact(&out, v);
	value_free(v);
	return value_string_take(call->pos, strbuf_detach(&out, NULL));
}

/* ---- Fn::Transform: a macro (AWS::Include...) cfn-dryrun does not run ---- */

struct value *eval_fn_transform(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *def = arg->kind == VALUE_LIST ? value_list_get(arg, 0) : arg;
	const char *name = value_str(value_map_get(def, "Name"));
	struct finding *f;

	f = eval_stack_error(s, call->pos, FC_TRANSFORM_NOT_EXPANDED,
			     "Fn::Transform %s is expanded by CloudFormation before the create; "
			     "cfn-dryrun does not run it, so what it returns is not simulated",
			     name ? name : "(without a Name)");
	finding_set_fix(f, "check the processed template (aws cloudformation get-template "
		       "--template-stage Processed)");
	return value_unknown(call->pos, "the result of Fn::Transform %s is not simulated",
			     name ? name : "");
}
