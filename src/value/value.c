/*
 * value.c - construction, access and destruction of value trees.
 *
 * Maps are a vector of entries in insertion order.  Small maps are searched
 * linearly; past MAP_INDEX_MIN keys an open-addressing index of entry
 * numbers (slot = entry index + 1, 0 = empty) makes lookups O(1), which
 * matters for Resources sections and state files with many ids.
 */
#include "value/value.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAP_INDEX_MIN 8 /* maps with more keys than this get a hash index */

static struct value *alloc_value(struct srcpos pos, enum value_kind kind)
{
	struct value *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	v->pos = pos;
	return v;
}

struct value *value_null(struct srcpos pos)
{
	return alloc_value(pos, VALUE_NULL);
}

struct value *value_bool(struct srcpos pos, bool b)
{
	struct value *v = alloc_value(pos, VALUE_BOOL);

	v->u.boolean = b;
	return v;
}

struct value *value_number(struct srcpos pos, double num, const char *text)
{
	struct value *v = alloc_value(pos, VALUE_NUMBER);

	v->u.number.num = num;
	if (text)
		v->u.number.text = xstrdup(text);
	else if (num == floor(num) && fabs(num) < 1e15)
		v->u.number.text = xstrfmt("%.0f", num);
	else
		v->u.number.text = xstrfmt("%.17g", num);
	return v;
}

struct value *value_string_take(struct srcpos pos, char *s)
{
	struct value *v = alloc_value(pos, VALUE_STRING);

	v->u.string.s = s;
	v->u.string.len = strlen(s);
	return v;
}

struct value *value_string(struct srcpos pos, const char *s)
{
	return value_string_take(pos, xstrdup(s));
}

struct value *value_string_n(struct srcpos pos, const char *s, size_t len)
{
	return value_string_take(pos, xstrndup(s, len));
}

struct value *value_list(struct srcpos pos)
{
	return alloc_value(pos, VALUE_LIST);
}

struct value *value_map(struct srcpos pos)
{
	return alloc_value(pos, VALUE_MAP);
}

struct value *value_unknown(struct srcpos pos, const char *fmt, ...)
{
	struct value *v = alloc_value(pos, VALUE_UNKNOWN);
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	v->u.unknown.reason = strbuf_detach(&sb, NULL);
	return v;
}

void value_unknown_set_origin(struct value *u, const char *logical_id)
{
	assert(u->kind == VALUE_UNKNOWN);
	free(u->u.unknown.origin);
	u->u.unknown.origin = logical_id ? xstrdup(logical_id) : NULL;
}

/* ---- Freeing: iterative, with an explicit stack of pending nodes ---- */

static void free_node_only(struct value *v)
{
	switch (v->kind) {
	case VALUE_NUMBER: free(v->u.number.text); break;
	case VALUE_STRING: free(v->u.string.s); break;
	case VALUE_LIST: free(v->u.list.items); break;
	case VALUE_MAP:
		free(v->u.map.entries);
		free(v->u.map.index);
		break;
	case VALUE_UNKNOWN:
		free(v->u.unknown.reason);
		free(v->u.unknown.origin);
		break;
	default: break;
	}
	free(v);
}

void value_free(struct value *v)
{
	struct value **pending = NULL;
	size_t n = 0, cap = 0, i;

	if (!v)
		return;
	XGROW(pending, cap, 1);
	pending[n++] = v;
	while (n) {
		struct value *cur = pending[--n];

		if (cur->kind == VALUE_LIST) {
			XGROW(pending, cap, n + cur->u.list.n);
			for (i = 0; i < cur->u.list.n; i++)
				pending[n++] = cur->u.list.items[i];
		} else if (cur->kind == VALUE_MAP) {
			XGROW(pending, cap, n + cur->u.map.n);
			for (i = 0; i < cur->u.map.n; i++) {
				free(cur->u.map.entries[i].key);
				pending[n++] = cur->u.map.entries[i].val;
			}
		}
		free_node_only(cur);
	}
	free(pending);
}

struct value *value_copy(const struct value *v)
{
	struct value *c;
	size_t i;

	if (!v)
		return NULL;
	switch (v->kind) {
	case VALUE_NULL: return value_null(v->pos);
	case VALUE_BOOL: return value_bool(v->pos, v->u.boolean);
	case VALUE_NUMBER: return value_number(v->pos, v->u.number.num, v->u.number.text);
	case VALUE_STRING: return value_string_n(v->pos, v->u.string.s, v->u.string.len);
	case VALUE_UNKNOWN:
		c = value_unknown(v->pos, "%s", v->u.unknown.reason);
		if (v->u.unknown.origin)
			value_unknown_set_origin(c, v->u.unknown.origin);
		return c;
	case VALUE_LIST:
		c = value_list(v->pos);
		XGROW(c->u.list.items, c->u.list.cap, v->u.list.n);
		for (i = 0; i < v->u.list.n; i++)
			c->u.list.items[c->u.list.n++] = value_copy(v->u.list.items[i]);
		return c;
	case VALUE_MAP:
		c = value_map(v->pos);
		for (i = 0; i < v->u.map.n; i++) {
			const struct value_entry *e = &v->u.map.entries[i];
			value_map_add(c, e->key, e->key_pos, value_copy(e->val));
		}
		return c;
	default:
		assert(!"value_copy: invalid kind");
		return NULL;
	}
}

/* ---- Lists ---- */

void value_list_append(struct value *list, struct value *item)
{
	assert(list->kind == VALUE_LIST && item);
	XGROW(list->u.list.items, list->u.list.cap, list->u.list.n + 1);
	list->u.list.items[list->u.list.n++] = item;
}

const struct value *value_list_get(const struct value *list, size_t i)
{
	if (!list || list->kind != VALUE_LIST || i >= list->u.list.n)
		return NULL;
	return list->u.list.items[i];
}

size_t value_list_len(const struct value *list)
{
	return list && list->kind == VALUE_LIST ? list->u.list.n : 0;
}

/* ---- Maps ---- */

static uint32_t hash_key(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void index_insert(struct value *map, size_t entry)
{
	size_t mask = map->u.map.index_cap - 1;
	size_t slot = hash_key(map->u.map.entries[entry].key) & mask;

	while (map->u.map.index[slot])
		slot = (slot + 1) & mask;
	map->u.map.index[slot] = (uint32_t)(entry + 1);
}

static void index_rebuild(struct value *map)
{
	size_t cap = 16, i;

	while (cap < map->u.map.n * 2)
		cap *= 2;
	free(map->u.map.index);
	map->u.map.index = xcalloc(cap, sizeof(uint32_t));
	map->u.map.index_cap = cap;
	for (i = 0; i < map->u.map.n; i++)
		index_insert(map, i);
}

/* Returns the entry number of key, or -1. */
static long find_entry(const struct value *map, const char *key)
{
	size_t i;

	if (map->u.map.index_cap) {
		size_t mask = map->u.map.index_cap - 1;
		size_t slot = hash_key(key) & mask;
		uint32_t e;

		while ((e = map->u.map.index[slot]) != 0) {
			if (!strcmp(map->u.map.entries[e - 1].key, key))
				return (long)(e - 1);
			slot = (slot + 1) & mask;
		}
		return -1;
	}
	for (i = 0; i < map->u.map.n; i++)
		if (!strcmp(map->u.map.entries[i].key, key))
			return (long)i;
	return -1;
}

bool value_map_add(struct value *map, const char *key, struct srcpos key_pos,
		   struct value *val)
{
	struct value_entry *e;

	assert(map->kind == VALUE_MAP && val);
	if (find_entry(map, key) >= 0) {
		value_free(val);
		return false;
	}
	if (map->u.map.n >= UINT32_MAX - 1) {
		value_free(val);
		return false;
	}
	XGROW(map->u.map.entries, map->u.map.cap, map->u.map.n + 1);
	e = &map->u.map.entries[map->u.map.n++];
	e->key = xstrdup(key);
	e->key_pos = key_pos;
	e->val = val;
	if (map->u.map.index_cap && map->u.map.n * 2 <= map->u.map.index_cap)
		index_insert(map, map->u.map.n - 1);
	else if (map->u.map.n > MAP_INDEX_MIN)
		index_rebuild(map);
	return true;
}

void value_map_set(struct value *map, const char *key, struct value *val)
{
	long i = find_entry(map, key);

	if (i < 0) {
		value_map_add(map, key, val->pos, val);
		return;
	}
	value_free(map->u.map.entries[i].val);
	map->u.map.entries[i].val = val;
}

const struct value_entry *value_map_entry(const struct value *map, const char *key)
{
	long i;

	if (!map || map->kind != VALUE_MAP)
		return NULL;
	i = find_entry(map, key);
	return i < 0 ? NULL : &map->u.map.entries[i];
}

const struct value *value_map_get(const struct value *map, const char *key)
{
	const struct value_entry *e = value_map_entry(map, key);

	return e ? e->val : NULL;
}

struct value *value_map_take(struct value *map, const char *key)
{
	long i = map && map->kind == VALUE_MAP ? find_entry(map, key) : -1;
	struct value *val;

	if (i < 0)
		return NULL;
	val = map->u.map.entries[i].val;
	free(map->u.map.entries[i].key);
	memmove(&map->u.map.entries[i], &map->u.map.entries[i + 1],
		(map->u.map.n - (size_t)i - 1) * sizeof(struct value_entry));
	map->u.map.n--;
	if (map->u.map.index_cap)
		index_rebuild(map);
	return val;
}

size_t value_map_len(const struct value *map)
{
	return map && map->kind == VALUE_MAP ? map->u.map.n : 0;
}

const struct value_entry *value_map_at(const struct value *map, size_t i)
{
	assert(map->kind == VALUE_MAP && i < map->u.map.n);
	return &map->u.map.entries[i];
}

/* ---- Inspection ---- */

const char *value_kind_name(enum value_kind kind)
{
	static const char *const names[] = {
		[VALUE_INVALID] = "invalid", [VALUE_NULL] = "null",
		[VALUE_BOOL] = "boolean",    [VALUE_NUMBER] = "number",
		[VALUE_STRING] = "string",   [VALUE_LIST] = "list",
		[VALUE_MAP] = "map",         [VALUE_UNKNOWN] = "unknown",
	};

	if ((size_t)kind >= sizeof(names) / sizeof(names[0]))
		return "invalid";
	return names[kind];
}

bool value_equal(const struct value *a, const struct value *b)
{
	size_t i;

	if (!a || !b || a->kind != b->kind)
		return false;
	switch (a->kind) {
	case VALUE_NULL: return true;
	case VALUE_BOOL: return a->u.boolean == b->u.boolean;
	case VALUE_NUMBER: return a->u.number.num == b->u.number.num;
	case VALUE_STRING:
		return a->u.string.len == b->u.string.len &&
		       !memcmp(a->u.string.s, b->u.string.s, a->u.string.len);
	case VALUE_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (i = 0; i < a->u.list.n; i++)
			if (!value_equal(a->u.list.items[i], b->u.list.items[i]))
				return false;
		return true;
	case VALUE_MAP:
		if (a->u.map.n != b->u.map.n)
			return false;
		for (i = 0; i < a->u.map.n; i++) {
			const struct value_entry *e = &a->u.map.entries[i];
			if (!value_equal(e->val, value_map_get(b, e->key)))
				return false;
		}
		return true;
	default:
		return false;
	}
}

const struct value *value_find_unknown(const struct value *v)
{
	const struct value *u;
	size_t i;

	if (!v)
		return NULL;
	switch (v->kind) {
	case VALUE_UNKNOWN: return v;
	case VALUE_LIST:
		for (i = 0; i < v->u.list.n; i++)
			if ((u = value_find_unknown(v->u.list.items[i])) != NULL)
				return u;
		return NULL;
	case VALUE_MAP:
		for (i = 0; i < v->u.map.n; i++)
			if ((u = value_find_unknown(v->u.map.entries[i].val)) != NULL)
				return u;
		return NULL;
	default:
		return NULL;
	}
}

bool value_has_unknown(const struct value *v)
{
	return value_find_unknown(v) != NULL;
}

const char *value_scalar_text(const struct value *v)
{
	if (v->kind == VALUE_STRING)
		return v->u.string.s;
	if (v->kind == VALUE_NUMBER)
		return v->u.number.text;
	if (v->kind == VALUE_BOOL)
		return v->u.boolean ? "true" : "false";
	return NULL;
}

const char *value_intrinsic_name(const struct value *v)
{
	const char *k;

	if (!v || v->kind != VALUE_MAP || v->u.map.n != 1)
		return NULL;
	k = v->u.map.entries[0].key;
	if (!strcmp(k, "Ref") || !strncmp(k, "Fn::", 4))
		return k;
	return NULL;
}
