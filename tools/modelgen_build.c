/*
 * modelgen_build.c - one registry schema in, one model out (see modelgen.h).
 *
 * Pruning keeps the validation keywords of kept_keywords[]; read-only
 * properties become GetAtt names the way CloudFormation exposes them
 * (objects expand to their leaves, "Endpoint" -> "Endpoint.Address").
 */
#include "modelgen.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* JSON Schema keywords that CloudFormation's validation uses.  Everything
 * else is dropped: documentation (description, title, examples), keywords
 * CloudFormation does not enforce at create (format, default,
 * insertionOrder) and cfn-lint's own additions (requiredXor,
 * requiredOr, dependentExcluded, dependentRequired, enumCaseInsensitive,
 * uniqueKeys, maxUniqueItems, arrayType, relationshipRef, dependencies,
 * if/then/else, prefixItems). */
static const char *const kept_keywords[] = {
	"type", "$ref", "properties", "patternProperties", "additionalProperties",
	"required", "items", "enum", "const", "pattern", "minLength", "maxLength",
	"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
	"minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "oneOf",
	"anyOf", "allOf", "not", NULL,
};

/* Keywords whose value is a map of name -> schema. */
static const char *const schema_maps[] = { "properties", "patternProperties", NULL };
/* Keywords whose value is a schema (or a boolean schema). */
static const char *const schema_values[] = { "items", "additionalProperties", "not", NULL };
/* Keywords whose value is a list of schemas. */
static const char *const schema_lists[] = { "oneOf", "anyOf", "allOf", NULL };

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static struct value *prune(const struct value *node, int depth, struct diag_list *dl);

static struct value *prune_map_of_schemas(const struct value *m, int depth,
					  struct diag_list *dl)
{
	struct value *out = value_map(m->pos);

	if (m->kind != VALUE_MAP) {
		value_free(out);
		return value_copy(m);
	}
	VALUE_MAP_FOREACH(m, e) {
		struct value *child = prune(e->val, depth + 1, dl);
		if (!child) {
			value_free(out);
			return NULL;
		}
		value_map_add(out, e->key, e->key_pos, child);
	}
	return out;
}

static struct value *prune_list_of_schemas(const struct value *l, int depth,
					   struct diag_list *dl)
{
	struct value *out = value_list(l->pos);

	if (l->kind != VALUE_LIST) {
		value_free(out);
		return value_copy(l);
	}
	VALUE_LIST_FOREACH(l, it) {
		struct value *child = prune(*it, depth + 1, dl);
		if (!child) {
			value_free(out);
			return NULL;
		}
		value_list_append(out, child);
	}
	return out;
}

/* True for a schema that constrains nothing ({} after pruning). */
static bool is_empty_schema(const struct value *v)
{
	return v->kind == VALUE_MAP && value_map_len(v) == 0;
}

/* Whether a pruned combinator still means what the schema meant.  A branch
 * left empty by pruning (its keywords were all dropped, typically formats)
 * would make oneOf fail on everything and anyOf pass on everything, so the
 * whole keyword is dropped: it is not judged.  Empty allOf branches and an
 * empty "not" are dropped likewise. */
static bool keep_combinator(const char *key, struct value *list)
{
	size_t i;

	if (!strcmp(key, "not"))
		return !is_empty_schema(list);
	if (list->kind != VALUE_LIST)
		return true;
	for (i = 0; i < list->u.list.n; i++)
		if (is_empty_schema(list->u.list.items[i]))
			break;
	if (i == list->u.list.n)
		return true;
	if (strcmp(key, "allOf"))
		return false;
	for (i = list->u.list.n; i-- > 0;) {
		if (!is_empty_schema(list->u.list.items[i]))
			continue;
		value_free(list->u.list.items[i]);
		memmove(list->u.list.items + i, list->u.list.items + i + 1,
			(list->u.list.n - i - 1) * sizeof(*list->u.list.items));
		list->u.list.n--;
	}
	return list->u.list.n > 0;
}

/* Returns the pruned copy of a schema node (new), or NULL with an error. */
static struct value *prune(const struct value *node, int depth, struct diag_list *dl)
{
	struct value *out;

	if (depth > MODELGEN_MAX_DEPTH) {
		diag_error(dl, node->pos, "schema nested deeper than %d levels", MODELGEN_MAX_DEPTH);
		return NULL;
	}
	if (node->kind != VALUE_MAP)
		return value_copy(node); /* a boolean schema, or a tuple's list */
	out = value_map(node->pos);
	VALUE_MAP_FOREACH(node, e) {
		struct value *child;

		if (!in_list(e->key, kept_keywords))
			continue;
		if (in_list(e->key, schema_maps))
			child = prune_map_of_schemas(e->val, depth, dl);
		else if (in_list(e->key, schema_lists))
			child = prune_list_of_schemas(e->val, depth, dl);
		else if (in_list(e->key, schema_values))
			child = e->val->kind == VALUE_LIST ? prune_list_of_schemas(e->val, depth, dl)
							   : prune(e->val, depth + 1, dl);
		else
			child = value_copy(e->val);
		if (!child) {
			value_free(out);
			return NULL;
		}
		if ((in_list(e->key, schema_lists) || !strcmp(e->key, "not")) &&
		    !keep_combinator(e->key, child)) {
			value_free(child);
			continue;
		}
		value_map_add(out, e->key, e->key_pos, child);
	}
	return out;
}

/* ---- Read-only attributes ---- */

struct ctx {
	const struct value *props;   /* the schema's properties */
	const struct value *defs;    /* the schema's definitions */
	struct value *attrs;         /* list being built */
};

/* Follows "$ref": "#/definitions/X" (a few levels at most). */
static const struct value *deref(const struct ctx *c, const struct value *node)
{
	int i;

	for (i = 0; i < 8 && node && node->kind == VALUE_MAP; i++) {
		const char *ref = value_str(value_map_get(node, "$ref"));
		if (!ref || strncmp(ref, "#/definitions/", 14))
			break;
		node = value_map_get(c->defs, ref + 14);
	}
	return node;
}

static void add_attr(struct ctx *c, const char *name)
{
	VALUE_LIST_FOREACH(c->attrs, it)
		if (!strcmp((*it)->u.string.s, name))
			return;
	value_list_append(c->attrs, value_string(SRCPOS_NONE, name));
}

/* Adds name, or the leaves under it when it is an object with properties
 * (GetAtt does not return objects, nor reach into arrays). */
static void expand(struct ctx *c, const char *name, const struct value *node, int depth)
{
	const struct value *props;
	const char *type;

	node = deref(c, node);
	if (!node || node->kind != VALUE_MAP || depth > 10)
		return;
	type = value_str(value_map_get(node, "type"));
	if (!type || strcmp(type, "object")) {
		add_attr(c, name);
		return;
	}
	props = value_map_get(node, "properties");
	if (!props || props->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(props, e) {
		char *sub = xstrfmt("%s.%s", name, e->key);
		expand(c, sub, e->val, depth + 1);
		free(sub);
	}
}

/* Resolves "/properties/A/B" to its schema node; NULL when it does not
 * resolve (or goes through an array, "*"). */
static const struct value *resolve_pointer(const struct ctx *c, const char *ptr)
{
	const struct value *node = NULL;
	char *copy, *seg, *save = NULL;
	bool first = true;

	if (strncmp(ptr, "/properties/", 12))
		return NULL;
	copy = xstrdup(ptr + 12);
	for (seg = strtok_r(copy, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "*")) {
			node = NULL;
			break;
		}
		if (first)
			node = value_map_get(c->props, seg);
		else
			node = value_map_get(value_map_get(deref(c, node), "properties"), seg);
		first = false;
		if (!node)
			break;
	}
	free(copy);
	return node;
}

static struct value *attributes(struct ctx *c, const struct value *ro)
{
	c->attrs = value_list(SRCPOS_NONE);
	VALUE_LIST_FOREACH(ro, it) {
		const char *ptr = value_str(*it);
		const struct value *node;
		char *name, *p;

		if (!ptr || !(node = resolve_pointer(c, ptr)))
			continue;
		name = xstrdup(ptr + 12);
		for (p = name; *p; p++)
			if (*p == '/')
				*p = '.';
		expand(c, name, node, 0);
		free(name);
	}
	return c->attrs;
}

/* ---- Identifiers ---- */

/* The list of "/properties/X" pointers as a list of "X" (nested: "A/B"). */
static struct value *strip_pointers(const struct value *list)
{
	struct value *out = value_list(SRCPOS_NONE);

	VALUE_LIST_FOREACH(list, it) {
		const char *s = value_str(*it);
		if (s && !strncmp(s, "/properties/", 12))
			value_list_append(out, value_string(SRCPOS_NONE, s + 12));
	}
	return out;
}

static bool list_has(const struct value *list, const char *s)
{
	VALUE_LIST_FOREACH(list, it)
		if (value_str(*it) && !strcmp(value_str(*it), s))
			return true;
	return false;
}

/* The name property: a single primary identifier that the template sets
 * (not read-only), such as BucketName or RoleName. */
static const char *name_property(const struct value *schema, const struct value *ids)
{
	const struct value *ro = value_map_get(schema, "readOnlyProperties");
	const char *id;
	char *ptr;
	bool read_only;

	if (value_list_len(ids) != 1)
		return NULL;
	id = value_str(value_list_get(ids, 0));
	if (!id || strchr(id, '/') || !value_map_get(value_map_get(schema, "properties"), id))
		return NULL;
	ptr = xstrfmt("/properties/%s", id);
	read_only = ro && list_has(ro, ptr);
	free(ptr);
	return read_only ? NULL : id;
}

static const struct value *list_or_empty(const struct value *schema, const char *key,
					 struct value *empty)
{
	const struct value *v = value_map_get(schema, key);

	return v && v->kind == VALUE_LIST ? v : empty;
}

struct value *modelgen_build(const struct value *schema, struct diag_list *dl)
{
	struct value *out, *empty, *ids, *pruned, *defs = NULL;
	const struct value *type = value_map_get(schema, "typeName");
	const char *name;
	struct ctx c;

	if (schema->kind != VALUE_MAP || !value_is_string(type)) {
		diag_error(dl, schema->pos, "not a resource schema: no typeName");
		return NULL;
	}
	c.props = value_map_get(schema, "properties");
	c.defs = value_map_get(schema, "definitions");
	pruned = prune(schema, 0, dl);
	if (c.defs && pruned)
		defs = prune_map_of_schemas(c.defs, 1, dl);
	if (!pruned || (c.defs && !defs)) {
		value_free(pruned);
		value_free(defs);
		return NULL;
	}
	empty = value_list(SRCPOS_NONE);
	out = value_map(SRCPOS_NONE);
	value_map_set(out, "t", value_string(SRCPOS_NONE, type->u.string.s));
	ids = strip_pointers(list_or_empty(schema, "primaryIdentifier", empty));
	name = name_property(schema, ids);
	value_map_set(out, "id", ids);
	if (name)
		value_map_set(out, "name", value_string(SRCPOS_NONE, name));
	value_map_set(out, "attrs",
		      attributes(&c, list_or_empty(schema, "readOnlyProperties", empty)));
	value_map_set(out, "co",
		      strip_pointers(list_or_empty(schema, "createOnlyProperties", empty)));
	value_map_set(out, "schema", pruned);
	if (defs)
		value_map_set(out, "defs", defs);
	value_free(empty);
	return out;
}
