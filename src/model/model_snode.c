/*
 * model_snode.c - schema nodes decoded once per model: one pass over a
 * node's keys finds the validator's keywords, its $ref is followed, its
 * "type" names are read as enum values.  Entries and table live in the
 * model set's arena (next to the trees they describe; freed with it), the
 * entries found by the node's address in an open-addressing table.
 */
#include "model/model_snode.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct model_snodes {
	struct snode **slots; /* cap slots (entries borrowed), NULL for an empty slot;
				 in the set's arena */
	size_t cap, n;        /* slots (a power of two) and entries */
};

struct kw_name {
	const char *name; /* the keyword as the schema spells it */
	enum kw kw;       /* its slot */
};

/* By first letter: a schema key is compared only with keywords sharing it. */
static const struct kw_name kw_a[] = { { "additionalProperties", KW_ADDITIONAL_PROPERTIES },
				       { "allOf", KW_ALL_OF }, { "anyOf", KW_ANY_OF }, { NULL, 0 } };
static const struct kw_name kw_c[] = { { "const", KW_CONST }, { NULL, 0 } };
static const struct kw_name kw_e[] = { { "enum", KW_ENUM },
				       { "exclusiveMinimum", KW_EXCL_MINIMUM },
				       { "exclusiveMaximum", KW_EXCL_MAXIMUM }, { NULL, 0 } };
static const struct kw_name kw_i[] = { { "items", KW_ITEMS }, { NULL, 0 } };
static const struct kw_name kw_m[] = {
	{ "minLength", KW_MIN_LENGTH }, { "maxLength", KW_MAX_LENGTH }, { "minimum", KW_MINIMUM },
	{ "maximum", KW_MAXIMUM }, { "multipleOf", KW_MULTIPLE_OF }, { "minItems", KW_MIN_ITEMS },
	{ "maxItems", KW_MAX_ITEMS }, { "minProperties", KW_MIN_PROPERTIES },
	{ "maxProperties", KW_MAX_PROPERTIES }, { NULL, 0 }
};
static const struct kw_name kw_n[] = { { "not", KW_NOT }, { NULL, 0 } };
static const struct kw_name kw_o[] = { { "oneOf", KW_ONE_OF }, { NULL, 0 } };
static const struct kw_name kw_p[] = { { "pattern", KW_PATTERN }, { "properties", KW_PROPERTIES },
				       { "patternProperties", KW_PATTERN_PROPERTIES },
				       { NULL, 0 } };
static const struct kw_name kw_r[] = { { "required", KW_REQUIRED }, { NULL, 0 } };
static const struct kw_name kw_t[] = { { "type", KW_TYPE }, { NULL, 0 } };
static const struct kw_name kw_u[] = { { "uniqueItems", KW_UNIQUE_ITEMS }, { NULL, 0 } };

static const struct kw_name *const kw_by_letter[26] = {
	['a' - 'a'] = kw_a, ['c' - 'a'] = kw_c, ['e' - 'a'] = kw_e, ['i' - 'a'] = kw_i,
	['m' - 'a'] = kw_m, ['n' - 'a'] = kw_n, ['o' - 'a'] = kw_o, ['p' - 'a'] = kw_p,
	['r' - 'a'] = kw_r, ['t' - 'a'] = kw_t, ['u' - 'a'] = kw_u,
};

static const char *const jtype_schema[] = { "string", "integer", "number", "boolean",
					    "object", "array", "null" };

enum jtype model_jtype_of_name(const char *s)
{
	enum jtype t;

	if (!s)
		return J_NONE;
	switch (s[0]) { /* one candidate per first letter ("null" and "number" by the second) */
	case 's': t = J_STRING; break;
	case 'i': t = J_INTEGER; break;
	case 'n': t = s[1] == 'u' && s[2] == 'l' ? J_NULL : J_NUMBER; break;
	case 'b': t = J_BOOLEAN; break;
	case 'o': t = J_OBJECT; break;
	case 'a': t = J_ARRAY; break;
	default: return J_NONE;
	}
	return strcmp(s, jtype_schema[t]) ? J_NONE : t;
}

static void scan_keywords(const struct value *schema, const struct value **at)
{
	memset(at, 0, KW_COUNT * sizeof(*at));
	VALUE_MAP_FOREACH(schema, e) {
		unsigned char first = (unsigned char)e->key[0];
		const struct kw_name *n;

		if (first == '$' && !strcmp(e->key, "$ref"))
			at[KW_REF] = e->val;
		if (first < 'a' || first > 'z' || !kw_by_letter[first - 'a'])
			continue;
		for (n = kw_by_letter[first - 'a']; n->name; n++)
			if (n->name[1] == e->key[1] && !strcmp(n->name, e->key)) {
				at[n->kw] = e->val;
				break;
			}
	}
}

/* The decoded form of node, in arena a: its keywords, or those of where
 * its $ref leads. */
static struct snode *decode(const struct model *m, struct value_arena *a,
			    const struct value *node)
{
	const struct value *at[KW_COUNT], *schema = node, *type;
	struct snode *s;
	size_t n = 0, k;

	scan_keywords(node, at);
	if (at[KW_REF]) { /* model_deref returns a node without $ref unchanged */
		schema = model_deref(m, node);
		if (!schema || schema->kind != VALUE_MAP)
			schema = NULL;
		else
			scan_keywords(schema, at);
	}
	if (!schema)
		memset(at, 0, sizeof(at));
	for (k = 0; k < KW_COUNT; k++)
		n += at[k] != NULL;
	s = value_arena_alloc(a, sizeof(*s) + n * sizeof(s->kw[0]));
	memset(s, 0, sizeof(*s));
	s->node = node;
	s->schema = schema;
	s->jt = J_NONE;
	for (n = 0, k = 0; k < KW_COUNT; k++)
		if (at[k]) {
			s->kw[n++] = at[k];
			s->slot[k] = (unsigned char)n;
		}
	type = at[KW_TYPE];
	if (value_is_string(type)) {
		s->types[s->n_types++] = (unsigned char)model_jtype_of_name(type->u.string.s);
		s->jt = s->types[0];
	} else if (type && type->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(type, it)
			if (value_is_string(*it) && s->n_types < SNODE_MAX_TYPES)
				s->types[s->n_types++] =
					(unsigned char)model_jtype_of_name((*it)->u.string.s);
	}
	return s;
}

static size_t slot_of(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;

	return (size_t)(h >> 32) & (cap - 1);
}

static void insert(struct model_snodes *t, struct snode *s)
{
	size_t k = slot_of(s->node, t->cap);

	while (t->slots[k])
		k = (k + 1) & (t->cap - 1);
	t->slots[k] = s;
}

static void grow(struct value_arena *a, struct model_snodes *t)
{
	struct snode **old = t->slots;
	size_t old_cap = t->cap, k;

	t->cap = old_cap ? old_cap * 2 : 16;
	t->slots = value_arena_alloc(a, t->cap * sizeof(*t->slots));
	memset(t->slots, 0, t->cap * sizeof(*t->slots));
	for (k = 0; k < old_cap; k++) /* (the old table stays in the arena) */
		if (old[k])
			insert(t, old[k]);
}

const struct snode *model_snode(const struct model *m, const struct value *node)
{
	struct model_snodes *t = m->snodes;
	struct model_set *ms = m->set;
	struct snode *s;
	size_t k;

	if (t->cap) {
		for (k = slot_of(node, t->cap); t->slots[k]; k = (k + 1) & (t->cap - 1))
			if (t->slots[k]->node == node)
				return t->slots[k];
	}
	if (!ms->arena)
		ms->arena = value_arena_new();
	s = decode(m, ms->arena, node); /* (may build a lazy definition: no lookup
					   runs meanwhile) */
	if ((t->n + 1) * 2 > t->cap)
		grow(ms->arena, t);
	insert(t, s);
	t->n++;
	return s;
}

struct model_snodes *model_snodes_new(void)
{
	return xcalloc(1, sizeof(struct model_snodes));
}

void model_snodes_free(struct model_snodes *s)
{
	free(s); /* (its table and entries go with the set's arena) */
}
