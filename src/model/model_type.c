/*
 * model_type.c - one type's model: built from its generated line and its
 * overlay facts, and the questions the engine asks of it (attributes,
 * name property and scope, create-only properties, rules).
 */
#include "model/model_internal.h"
#include "model/model_snode.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CUSTOM_RESOURCE "AWS::CloudFormation::CustomResource"

static bool list_has(const struct value *list, const char *s)
{
	if (!list || list->kind != VALUE_LIST)
		return false;
	VALUE_LIST_FOREACH(list, it)
		if (value_str(*it) && !strcmp(value_str(*it), s))
			return true;
	return false;
}

const struct value *model_deref(const struct model *m, const struct value *node)
{
	int i;

	for (i = 0; i < MODEL_MAX_SCHEMA_STEPS && node && node->kind == VALUE_MAP; i++) {
		const char *ref = value_str(value_map_get(node, "$ref"));
		if (!ref)
			return node;
		if (strncmp(ref, "#/definitions/", 14))
			return NULL;
		node = value_map_get(m->defs, ref + 14);
		if (!node && m->lazy)
			node = model_lazy_get(m->lazy, (struct value *)m->defs, ref + 14);
	}
	return i < MODEL_MAX_SCHEMA_STEPS ? node : NULL;
}

const struct value *model_schema_at(const struct model *m, const char *dotted)
{
	const struct value *node = m->schema;
	const char *p = dotted;

	while (node && *p) {
		size_t len = strcspn(p, ".");
		char *seg = xstrndup(p, len);

		node = value_map_get(value_map_get(model_deref(m, node), "properties"), seg);
		free(seg);
		p += len;
		if (*p == '.')
			p++;
	}
	return node ? model_deref(m, node) : NULL;
}

/* Removes the constraint at pointer ("/properties/Runtime/enum",
 * "/definitions/Code/properties/S3Bucket/pattern") from the generated
 * schema.  A pointer that does not resolve is an error: the overlay went
 * stale when the models were regenerated. */
static int ignore_constraint(struct model *m, const struct value *ptr, struct diag_list *dl)
{
	const char *s = value_str(ptr);
	struct value *node = NULL;
	char *copy = NULL, *seg, *save = NULL, *last = NULL;
	bool first = true;

	if (m->doc && s && !strncmp(s, "/definitions/", 13) && m->lazy) {
		char *name = xstrndup(s + 13, strcspn(s + 13, "/"));

		if (!value_map_get(m->defs, name))
			model_lazy_get(m->lazy, (struct value *)m->defs, name);
		free(name);
	}
	if (m->doc && s && s[0] == '/') {
		node = (struct value *)value_map_get(m->doc, "schema");
		copy = xstrdup(s + 1);
		for (seg = strtok_r(copy, "/", &save); seg && node; seg = strtok_r(NULL, "/", &save)) {
			if (first && !strcmp(seg, "definitions")) {
				node = (struct value *)value_map_get(m->doc, "defs");
			} else if (last) {
				node = (struct value *)value_map_get(node, last);
				last = seg;
			} else {
				last = seg;
			}
			first = false;
		}
	}
	if (!node || !last || node->kind != VALUE_MAP || !value_map_get(node, last)) {
		diag_error(dl, ptr->pos, "%s: schema_ignore: %s is not in the generated model "
			   "(regenerated? update the overlay)", m->type, s ? s : "?");
		free(copy);
		return -1;
	}
	value_free(value_map_take(node, last));
	free(copy);
	return 0;
}

/* Copies the rules for m's type from the overlays of its service, the
 * first directory's rule winning when two share an id. */
static void collect_rules(struct model *m, struct diag_list *dl)
{
	char *service = model_overlay_service(m->type);
	size_t d, i, k, cap = 0;

	for (d = 0; service && d < m->set->n_dirs; d++) {
		struct model_overlay *ov = model_overlay_get(m->set, d, service, dl);

		for (i = 0; i < ov->n_rules; i++) {
			const struct model_rule *r = &ov->rules[i];
			if (strcmp(r->resource_type, m->type))
				continue;
			for (k = 0; k < m->n_rules; k++)
				if (!strcmp(m->rules[k].id, r->id))
					break;
			if (k < m->n_rules)
				continue;
			XGROW(m->rules, cap, m->n_rules + 1);
			m->rules[m->n_rules++] = *r;
		}
	}
	free(service);
}

static void read_facts(struct model *m)
{
	const struct value *f = m->facts, *name, *gen;
	const char *scope;

	m->scope = strncmp(m->type, "AWS::IAM::", 10) ? MODEL_SCOPE_REGION : MODEL_SCOPE_ACCOUNT;
	if (!f)
		return;
	name = value_map_get(f, "name");
	if (name) {
		m->name_prop = value_str(value_map_get(name, "property"));
		scope = value_str(value_map_get(name, "scope"));
		if (scope && !strcmp(scope, "account"))
			m->scope = MODEL_SCOPE_ACCOUNT;
		else if (scope && !strcmp(scope, "partition"))
			m->scope = MODEL_SCOPE_PARTITION;
		else if (scope)
			m->scope = MODEL_SCOPE_REGION;
	}
	gen = value_map_get(f, "generated_name");
	if (gen) {
		const struct value *lower = value_map_get(gen, "lower");
		const struct value *max = value_map_get(gen, "max");
		long n;

		m->naming.lower = lower && lower->kind == VALUE_BOOL && lower->u.boolean;
		if (value_whole_number(max, &n) && n > 13)
			m->naming.max = (size_t)n;
	}
	m->state_only = value_map_get(f, "state_only") && value_map_get(f, "state_only")->u.boolean;
	m->all_properties = value_map_get(f, "getatt_all_properties") &&
			    value_map_get(f, "getatt_all_properties")->u.boolean;
}

struct model *model_build(struct model_set *ms, const char *type, struct value *doc,
			  struct model_lazy *lazy, const struct value *facts,
			  struct diag_list *dl)
{
	struct model *m = xcalloc(1, sizeof(*m));
	const struct value *ignore;
	int rc = 0;

	m->set = ms;
	m->type = xstrdup(type);
	m->doc = doc;
	m->lazy = lazy;
	m->snodes = model_snodes_new();
	m->facts = facts;
	m->schema = doc ? value_map_get(doc, "schema") : value_map_get(facts, "schema");
	m->defs = doc ? value_map_get(doc, "defs") : NULL;
	m->ids = doc ? value_map_get(doc, "id") : NULL;
	m->attrs = doc ? value_map_get(doc, "attrs") : NULL;
	m->create_only = doc ? value_map_get(doc, "co") : NULL;
	m->name_prop = doc ? value_str(value_map_get(doc, "name")) : NULL;
	m->custom = !strcmp(type, CUSTOM_RESOURCE);
	read_facts(m);
	ignore = facts ? value_map_get(facts, "schema_ignore") : NULL;
	if (ignore)
		VALUE_LIST_FOREACH(ignore, it)
			rc |= ignore_constraint(m, *it, dl);
	if (!m->schema || m->schema->kind != VALUE_MAP) {
		diag_error(dl, doc ? doc->pos : facts->pos, "%s: the model has no schema", type);
		rc = -1;
	}
	if (rc < 0) {
		model_free(m);
		return NULL;
	}
	collect_rules(m, dl);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	value_free(m->doc);
	model_lazy_free(m->lazy);
	model_snodes_free(m->snodes);
	free(m->rules);
	free(m->type);
	free(m);
}

const char *model_type_name(const struct model *m)
{
	return m->type;
}

bool model_is_custom(const struct model *m)
{
	return m->custom;
}

bool model_is_state_only(const struct model *m)
{
	return m->state_only;
}

static bool has_prefix_attribute(const struct model *m, const char *attr)
{
	const struct value *prefixes = m->facts ? value_map_get(m->facts, "attribute_prefixes") : NULL;

	if (!prefixes)
		return false;
	VALUE_LIST_FOREACH(prefixes, it) {
		const char *p = value_str(*it);
		if (p && !strncmp(attr, p, strlen(p)) && attr[strlen(p)])
			return true;
	}
	return false;
}

bool model_has_attribute(const struct model *m, const char *attr)
{
	const struct value *node;

	if (m->custom || list_has(m->attrs, attr) || has_prefix_attribute(m, attr))
		return true;
	if (m->facts && (list_has(value_map_get(m->facts, "extra_attributes"), attr) ||
			 value_map_get(value_map_get(m->facts, "attributes"), attr)))
		return true;
	if (!m->all_properties || !(node = model_schema_at(m, attr)))
		return false;
	/* GetAtt returns scalars and lists, not objects. */
	return !(value_str(value_map_get(node, "type")) &&
		 !strcmp(value_str(value_map_get(node, "type")), "object"));
}

size_t model_attribute_count(const struct model *m)
{
	return value_list_len(m->attrs);
}

const char *model_attribute_at(const struct model *m, size_t i)
{
	return value_str(value_list_get(m->attrs, i));
}

int model_has_property(const struct model *m, const char *name)
{
	if (value_map_get(value_map_get(m->schema, "properties"), name))
		return 1;
	return m->custom || value_map_get(m->schema, "patternProperties") ? -1 : 0;
}

const char *model_name_property(const struct model *m)
{
	return m->name_prop;
}

enum model_scope model_name_scope(const struct model *m)
{
	return m->scope;
}

bool model_is_create_only(const struct model *m, const char *path)
{
	return list_has(m->create_only, path);
}

const char *model_scope_name(enum model_scope scope)
{
	switch (scope) {
	case MODEL_SCOPE_REGION: return "region";
	case MODEL_SCOPE_ACCOUNT: return "account";
	case MODEL_SCOPE_PARTITION: return "partition";
	case MODEL_SCOPE_FIXED_REGION: return "fixed-region";
	case MODEL_SCOPE_REGION_ANY_ACCOUNT: return "region-any-account";
	default: return "invalid";
	}
}

const struct model_rule *model_rules(const struct model *m, size_t *n)
{
	*n = m->n_rules;
	return m->rules;
}
