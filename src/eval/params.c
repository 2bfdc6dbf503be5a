/*
 * params.c - binding the Parameters section: declared types, values from
 * --param/--params or Default, and what CloudFormation checks before any
 * resource (missing values, undeclared names, AWS-specific values that must
 * exist, SSM parameters that must be in Parameter Store).
 *
 * Doc: parameters-section-structure.html.  Constraints (AllowedValues,
 * AllowedPattern, lengths, bounds) are in param_check.c.  Bound values:
 * String and Number give a string, list types a list of trimmed strings,
 * SSM Value<> types the parameter's value (unknown when the state does
 * not give it).
 */
#include "eval/eval_int.h"
#include "eval/param.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const aws_types[] = {
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
	"AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
	"AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id", NULL,
};

static const char *const properties[] = {
	"Type", "Default", "Description", "AllowedValues", "AllowedPattern",
	"ConstraintDescription", "MaxLength", "MinLength", "MaxValue", "MinValue", "NoEcho", NULL,
};

static bool listed(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* "List<X>" -> a new "X", else NULL. */
static char *unwrap(const char *type, const char *open)
{
	size_t n = strlen(type), k = strlen(open);

	if (n > k + 1 && !strncmp(type, open, k) && type[n - 1] == '>')
		return xstrndup(type + k, n - k - 1);
	return NULL;
}

int param_classify(const char *type, struct param_type *pt)
{
	char *inner, *in2;

	memset(pt, 0, sizeof(*pt));
	if (!strcmp(type, "String") || !strcmp(type, "Number") ||
	    !strcmp(type, "CommaDelimitedList") || !strcmp(type, "List<Number>")) {
		pt->kind = type[0] == 'S' ? PT_STRING : type[0] == 'N' ? PT_NUMBER
			 : type[0] == 'C' ? PT_LIST : PT_LIST_NUMBER;
		return 0;
	}
	if (listed(type, aws_types)) {
		pt->kind = PT_AWS;
		pt->aws = type;
		return 0;
	}
	if ((inner = unwrap(type, "List<")) != NULL) {
		const char *const *t;
		for (t = aws_types; *t; t++)
			if (!strcmp(inner, *t) && strcmp(*t, "AWS::EC2::KeyPair::KeyName"))
				break;
		free(inner);
		pt->kind = PT_LIST_AWS;
		pt->aws = *t;
		return *t ? 0 : -1;
	}
	if (!strcmp(type, "AWS::SSM::Parameter::Name")) {
		pt->kind = PT_SSM_NAME;
		return 0;
	}
	if ((inner = unwrap(type, "AWS::SSM::Parameter::Value<")) == NULL)
		return -1;
	pt->kind = PT_SSM_VALUE;
	if (!strcmp(inner, "String") || listed(inner, aws_types)) {
		free(inner);
		return 0;
	}
	pt->ssm_list = true;
	if (!strcmp(inner, "CommaDelimitedList") || !strcmp(inner, "List<String>")) {
		free(inner);
		return 0;
	}
	in2 = unwrap(inner, "List<");
	free(inner);
	pt->kind = in2 && listed(in2, aws_types) ? PT_SSM_VALUE : PT_INVALID;
	free(in2);
	return pt->kind == PT_INVALID ? -1 : 0;
}

struct value *param_split(struct srcpos pos, const char *text)
{
	struct value *list = value_list(pos);
	const char *p = text, *comma;

	for (;;) {
		const char *end;
		comma = strchr(p, ',');
		end = comma ? comma : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		value_list_append(list, value_string_n(pos, p, (size_t)(end - p)));
		if (!comma)
			return list;
		p = comma + 1;
	}
}

/* ---- Checks on the given names ---- */

static void check_given(struct eval *ev, const struct value *params, struct finding_list *fl)
{
	const struct value *given = ev->env.given;
	struct strbuf names = STRBUF_INIT;
	struct finding *f;

	if (!value_map_len(given))
		return;
	if (!value_map_len(params)) {
		f = finding_add(fl, FC_PARAM_UNDECLARED, params ? params->pos : SRCPOS_NONE, "Parameters",
				"Parameter values specified for a template which does not require them.");
		finding_set_fix(f, "drop the --param/--params values: the template declares no parameters");
		return;
	}
	VALUE_MAP_FOREACH(given, e) {
		if (value_map_get(params, e->key))
			continue;
		strbuf_addf(&names, "%s%s", names.len ? ", " : "", e->key);
	}
	if (names.len) {
		f = finding_add(fl, FC_PARAM_UNDECLARED, params->pos, "Parameters",
				"Parameters: [%s] do not exist in the template", names.buf);
		finding_set_fix(f, "drop the values of [%s], or correct their names (names are "
			       "case-sensitive)", names.buf);
	}
	strbuf_release(&names);
}

/* ---- One declared parameter ---- */

/* Checks the definition; returns its type string (borrowed) or NULL. */
static const char *check_definition(const struct value_entry *e, struct param_type *pt,
				    struct finding_list *fl)
{
	const struct value *type = value_map_get(e->val, "Type");
	const struct value *def = value_map_get(e->val, "Default");
	struct strbuf path = STRBUF_INIT;
	const char *ok = NULL;
	struct finding *f;

	strbuf_addf(&path, "Parameters/%s", e->key);
	if (e->val->kind != VALUE_MAP || !type) {
		f = finding_add(fl, FC_PARAM_DEFINITION, e->key_pos, path.buf,
				"Template format error: Every Parameters object must contain a Type member.");
		finding_set_fix(f, "give parameter %s a Type (String, Number, CommaDelimitedList...)",
				e->key);
	} else if (!value_is_string(type) || param_classify(type->u.string.s, pt) < 0) {
		f = finding_add(fl, FC_PARAM_DEFINITION, type->pos, path.buf,
				"Template format error: Unrecognized parameter type: %s",
				value_is_string(type) ? type->u.string.s : value_kind_name(type->kind));
		finding_set_fix(f, "use one of the documented parameter types (String, Number, "
			       "List<Number>, CommaDelimitedList, AWS::EC2::VPC::Id, "
			       "AWS::SSM::Parameter::Value<String>...)");
	} else {
		ok = type->u.string.s;
	}
	if (e->val->kind == VALUE_MAP)
		VALUE_MAP_FOREACH(e->val, p)
			if (!listed(p->key, properties)) {
				f = finding_add(fl, FC_PARAM_DEFINITION, p->key_pos, path.buf,
						"Invalid template parameter property '%s'", p->key);
				finding_set_fix(f, "remove %s or correct its name", p->key);
			}
	if (def && (def->kind == VALUE_MAP || def->kind == VALUE_LIST || def->kind == VALUE_NULL)) {
		f = finding_add(fl, FC_PARAM_DEFINITION, def->pos, path.buf,
				"Template format error: Every Default member must be a string.");
		finding_set_fix(f, "write the Default of %s as a plain string (functions are not "
			       "allowed; a list is written \"a,b,c\")", e->key);
		ok = NULL;
	}
	strbuf_release(&path);
	return ok;
}

/* The text given for name, or its Default (new), or NULL. */
static char *raw_value(struct eval *ev, const struct value_entry *e)
{
	const struct value *v = value_map_get(ev->env.given, e->key);

	if (!v)
		v = value_map_get(e->val, "Default");
	return eval_scalar_text(v);
}

/* AWS-specific values must exist: asks the hook for each. */
static void check_exists(struct eval *ev, const char *name, const struct param_type *pt,
			 const struct value *bound, struct srcpos pos, struct finding_list *fl)
{
	size_t i, n = bound->kind == VALUE_LIST ? bound->u.list.n : 1;
	bool unknown = false;
	struct finding *f;

	for (i = 0; i < n; i++) {
		const struct value *item = bound->kind == VALUE_LIST ? bound->u.list.items[i] : bound;
		const char *id = value_str(item);
		int ex;

		if (!id || (!*id && pt->kind == PT_LIST_AWS && n == 1))
			continue; /* an empty list */
		ex = *id ? ev->hooks.aws_param_exists(ev->hooks.ctx, pt->aws, id) : 0;
		if (ex < 0) {
			unknown = true;
			continue;
		}
		if (ex)
			continue;
		f = finding_add(fl, FC_PARAM_NOT_FOUND, pos, "Parameters",
				"Parameter validation failed: parameter value %s%sfor parameter name %s "
				"does not exist.", id, *id ? " " : "", name);
		finding_set_fix(f, "create the %s %s in account %s, region %s first, or pass an "
				"existing one", pt->aws, *id ? id : "(empty value)", ev->env.account,
				ev->env.region);
	}
	if (unknown) {
		f = finding_add(fl, FC_PARAM_UNVERIFIED, pos, "Parameters",
				"The value of parameter %s (%s) cannot be checked: the account state "
				"does not say whether it exists", name, pt->aws);
		finding_set_fix(f, "describe the account's %s resources in the state file (--state)",
				pt->aws);
		ev->n_uncertain++;
	}
}

/* The SSM parameter's value (new); *missing set when it does not exist. */
static struct value *ssm_value(struct eval *ev, const struct param_type *pt, const char *ssm_name,
			       struct srcpos pos, bool *missing)
{
	struct value *v = ev->hooks.ssm_param_value(ev->hooks.ctx, ssm_name, pos);
	struct value *r;

	*missing = v == NULL;
	if (!v || v->kind != VALUE_STRING || !pt->ssm_list)
		return v ? v : value_unknown(pos, "SSM parameter %s does not exist", ssm_name);
	r = param_split(pos, v->u.string.s);
	value_free(v);
	return r;
}

static struct value *bind_one(struct eval *ev, const struct value_entry *e,
			      const struct param_type *pt, const char *text,
			      struct strbuf *ssm_missing, struct finding_list *fl)
{
	struct srcpos pos = e->key_pos;
	struct value *bound;
	bool missing;

	switch (pt->kind) {
	case PT_LIST: case PT_LIST_NUMBER: case PT_LIST_AWS:
		bound = param_split(pos, text);
		break;
	case PT_SSM_VALUE:
		bound = ssm_value(ev, pt, text, pos, &missing);
		if (missing)
			strbuf_addf(ssm_missing, "%s%s", ssm_missing->len ? ", " : "", text);
		break;
	default:
		bound = value_string(pos, text);
	}
	if (pt->kind == PT_AWS || pt->kind == PT_LIST_AWS)
		check_exists(ev, e->key, pt, bound, pos, fl);
	return bound;
}

void eval_bind_parameters(struct eval *ev, const struct value *root, struct finding_list *fl)
{
	const struct value *params = value_map_get(root, "Parameters");
	struct strbuf missing = STRBUF_INIT, ssm_missing = STRBUF_INIT;
	struct finding *f;

	check_given(ev, params, fl);
	if (!params || params->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(params, e) {
		struct param_type pt;
		const char *type = check_definition(e, &pt, fl);
		char *text;

		if (!type) {
			value_map_set(ev->params, e->key, value_unknown(e->key_pos,
				      "parameter %s is not declared correctly", e->key));
			continue;
		}
		value_map_set(ev->param_types, e->key, value_string(e->key_pos, type));
		if (value_map_get(ev->env.given, e->key) &&
		    value_map_get(ev->env.given, e->key)->kind == VALUE_UNKNOWN) {
			/* a nested stack's parameter computed from a resource of its
			 * parent: bound as unknown, its constraints cannot be judged */
			value_map_set(ev->params, e->key, value_copy(value_map_get(ev->env.given, e->key)));
			continue;
		}
		text = raw_value(ev, e);
		if (!text && (pt.kind == PT_SSM_VALUE || pt.kind == PT_SSM_NAME)) {
			f = finding_add(fl, FC_PARAM_MISSING, e->key_pos, "Parameters",
					"Parameter %s should either have input value or default value",
					e->key);
			finding_set_fix(f, "pass --param %s=NAME-OF-SSM-PARAMETER, or give it a Default",
					e->key);
		} else if (!text) {
			strbuf_addf(&missing, "%s%s", missing.len ? ", " : "", e->key);
		} else if (param_check(e->key, e->val, &pt, text, e->key_pos, fl) == 0) {
			value_map_set(ev->params, e->key,
				      bind_one(ev, e, &pt, text, &ssm_missing, fl));
		}
		if (!value_map_get(ev->params, e->key)) /* the stack fails; keep resolving */
			value_map_set(ev->params, e->key,
				      value_unknown(e->key_pos, "parameter %s has no valid value", e->key));
		free(text);
	}
	if (missing.len) {
		f = finding_add(fl, FC_PARAM_MISSING, params->pos, "Parameters",
				"Parameters: [%s] must have values", missing.buf);
		finding_set_fix(f, "pass a value for each (--param NAME=VALUE or --params FILE), or "
			       "give them a Default");
	}
	if (ssm_missing.len) {
		f = finding_add(fl, FC_SSM_PARAM_MISSING, params->pos, "Parameters",
				"Unable to fetch parameters [%s] from parameter store for this account.",
				ssm_missing.buf);
		finding_set_fix(f, "create the SSM parameter%s [%s] in account %s, region %s first "
				"(aws ssm put-parameter), or pass other names",
				strchr(ssm_missing.buf, ',') ? "s" : "", ssm_missing.buf,
				ev->env.account, ev->env.region);
	}
	strbuf_release(&missing);
	strbuf_release(&ssm_missing);
}
