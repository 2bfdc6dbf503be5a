/*
 * mappings.c - the Mappings section's shape and Fn::FindInMap, with the
 * DefaultValue form of AWS::LanguageExtensions.
 *
 * Docs: mappings-section-structure.html,
 * intrinsic-function-reference-findinmap.html and
 * intrinsic-function-reference-findinmap-enhancements.html.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool is_attribute(const struct value *v)
{
	size_t i;

	if (v->kind == VALUE_STRING || v->kind == VALUE_NUMBER || v->kind == VALUE_BOOL)
		return true;
	if (v->kind != VALUE_LIST)
		return false;
	for (i = 0; i < v->u.list.n; i++)
		if (v->u.list.items[i]->kind == VALUE_LIST || v->u.list.items[i]->kind == VALUE_MAP)
			return false;
	return true;
}

void eval_check_mappings(struct eval *ev, struct finding_list *fl)
{
	const struct value *maps = ev->t->mappings;
	struct finding *f;

	if (!maps || maps->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(maps, m) {
		bool bad = m->val->kind != VALUE_MAP;

		if (!bad)
			VALUE_MAP_FOREACH(m->val, top)
				bad |= top->val->kind != VALUE_MAP;
		if (bad) {
			f = finding_add(fl, FC_MAPPING_ERROR, m->val->pos, "Mappings",
					"Template format error: Every Mappings member %s must be a map",
					m->key);
			finding_set_fix(f, "write mapping %s as Key: {Attribute: value}", m->key);
			continue;
		}
		VALUE_MAP_FOREACH(m->val, top)
			VALUE_MAP_FOREACH(top->val, attr) {
				if (is_attribute(attr->val))
					continue;
				f = finding_add(fl, FC_MAPPING_ERROR, attr->val->pos, "Mappings",
						"Template format error: Every Mappings attribute must be "
						"a String or a List.");
				finding_set_fix(f, "make %s/%s/%s a string or a list of strings",
						m->key, top->key, attr->key);
			}
	}
}

/* The three keys resolved to text; returns an unknown or failure (new) to
 * return instead, or NULL when keys[] are set. */
static struct value *resolve_keys(struct eval_site *s, const struct value *call,
				  const struct value *arg, char *keys[3])
{
	struct value *r = NULL;
	size_t i;

	for (i = 0; i < 3; i++) {
		struct value *v = eval_child(s, NULL, i, value_list_get(arg, i));

		if (!r && v && v->kind == VALUE_UNKNOWN)
			r = eval_unknown_from(call->pos, v);
		else if (!(keys[i] = eval_scalar_text(v)) && !r) {
			struct finding *f = eval_error(s, call, FC_MALFORMED_FUNCTION,
						       "Template error: every Fn::FindInMap object "
						       "requires three parameters, the map name, map key "
						       "and the attribute for return value");
			finding_set_fix(f, "give Fn::FindInMap three strings (or functions that "
				       "return strings): map name, top-level key, second-level key");
			r = eval_failed(call, "Fn::FindInMap");
		}
		value_free(v);
	}
	return r;
}

/* The DefaultValue of the 4th argument (new), or NULL when there is none. */
static struct value *default_value(struct eval_site *s, const struct value *arg,
				   bool *has_default)
{
	const struct value *d = value_list_get(arg, 3);
	const struct value *dv = value_map_get(d, "DefaultValue");

	*has_default = dv != NULL;
	if (!dv)
		return NULL;
	return eval_child(s, "3/DefaultValue", 0, dv);
}

static struct value *lookup(struct eval_site *s, const struct value *call, const struct value *arg,
			    char *keys[3])
{
	const struct value *maps = s->ev->t->mappings;
	const struct value *map = value_map_get(maps, keys[0]);
	const struct value *top = value_map_get(map, keys[1]);
	const struct value *v = value_map_get(top, keys[2]);
	struct finding *f;
	struct value *r;
	bool has_default;

	if (v) {
		r = value_copy(v);
		r->pos = call->pos;
		return r;
	}
	r = default_value(s, arg, &has_default);
	if (has_default)
		return r;
	if (!map) {
		f = eval_error(s, call, FC_MAPPING_ERROR, "Template error: Mapping named '%s' is not "
			       "present in the 'Mappings' section of template", keys[0]);
		finding_set_fix(f, "declare mapping %s in the Mappings section, or correct the name",
				keys[0]);
	} else {
		f = eval_error(s, call, FC_MAPPING_ERROR, "Template error: Unable to get mapping for "
			       "%s::%s::%s", keys[0], keys[1], keys[2]);
		finding_set_fix(f, "add %s: {%s: ...} to mapping %s%s", keys[1], keys[2], keys[0],
				s->ev->le ? ", or give Fn::FindInMap a {DefaultValue: ...}" : "");
	}
	return eval_failed(call, "Fn::FindInMap");
}

struct value *eval_fn_findinmap(struct eval_site *s, const struct value *call, const struct value *arg)
{
	char *keys[3] = { NULL, NULL, NULL };
	size_t n = value_list_len(arg);
	struct value *r;
	struct finding *f;
	int i;

	if (n != 3 && !(n == 4 && s->ev->le &&
			value_map_get(value_list_get(arg, 3), "DefaultValue"))) {
		f = eval_error(s, call, FC_MALFORMED_FUNCTION,
			       "Template error: every Fn::FindInMap object requires three "
			       "parameters, the map name, map key and the attribute for return value");
		finding_set_fix(f, "write Fn::FindInMap [MapName, TopLevelKey, SecondLevelKey]%s",
				s->ev->le ? " (and optionally {DefaultValue: ...})" : "");
		return eval_failed(call, "Fn::FindInMap");
	}
	r = resolve_keys(s, call, arg, keys);
	if (!r)
		r = lookup(s, call, arg, keys);
	for (i = 0; i < 3; i++)
		free(keys[i]);
	return r;
}
