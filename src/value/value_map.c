/*
 * value_map.c - maps: a vector of entries in insertion order.  Small maps
 * are searched linearly; past MAP_INDEX_MIN keys an open-addressing index
 * of entry numbers (slot = entry index + 1, 0 = empty) makes lookups O(1),
 * which matters for Resources sections and state files with many ids.
 */
#include "value/value_int.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

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
	size_t mask = index_cap(map) - 1;
	size_t slot = hash_key(map->u.map.entries[entry].key) & mask;

	while (map->u.map.index[slot])
		slot = (slot + 1) & mask;
	map->u.map.index[slot] = (uint32_t)(entry + 1);
}

void value_index_rebuild(struct value *map)
{
	struct value_arena *a = arena_of(map);
	size_t cap = 16, i;

	while (cap < map->u.map.n * 2)
		cap *= 2;
	if (a) {
		if (index_cap(map))
			value_arena_poison(map->u.map.index,
					   index_cap(map) * sizeof(uint32_t));
		map->u.map.index = value_alloc_array(a, cap, sizeof(uint32_t));
		memset(map->u.map.index, 0, cap * sizeof(uint32_t));
	} else {
		free(map->u.map.index);
		map->u.map.index = xcalloc(cap, sizeof(uint32_t));
	}
	set_index_cap(map, cap);
	for (i = 0; i < map->u.map.n; i++)
		index_insert(map, i);
}

/* Returns the entry number of key, or -1. */
static inline __attribute__((always_inline)) long find_entry(const struct value *map, const char *key)
{
	size_t i;

	if (index_cap(map)) {
		size_t mask = index_cap(map) - 1;
		size_t slot = hash_key(key) & mask;
		uint32_t e;

		while ((e = map->u.map.index[slot]) != 0) {
			if (!strcmp(map->u.map.entries[e - 1].key, key))
				return (long)(e - 1);
			slot = (slot + 1) & mask;
		}
		return -1;
	}
	for (i = 0; i < map->u.map.n; i++) { /* the first byte rules out most keys */
		const char *k = map->u.map.entries[i].key;

		if (k[0] == key[0] && !strcmp(k, key))
			return (long)i;
	}
	return -1;
}

/* Gives heap map (F_KEYS) entries and keys of their own, so it can grow. */
static void own_keys(struct value *map)
{
	size_t n = map->u.map.n, i;
	uint32_t cap = n < 4 ? 4 : (uint32_t)n * 2;
	struct value_entry *e = xmalloc(xsize_mul(cap, sizeof(*e)));

	for (i = 0; i < n; i++) {
		e[i] = map->u.map.entries[i];
		e[i].key = xstrdup(e[i].key);
	}
	free(map->u.map.entries);
	map->u.map.entries = e;
	map->u.map.cap = cap;
	map->flags &= ~F_KEYS;
}

void value_reserve(struct value *c, size_t n)
{
	if (c->kind == VALUE_LIST && n > c->u.list.cap) {
		value_resize_array(c, (void **)&c->u.list.items, &c->u.list.cap, c->u.list.n, n,
			     sizeof(*c->u.list.items));
	} else if (c->kind == VALUE_MAP && n > c->u.map.cap && n < UINT32_MAX) {
		size_t cap = c->u.map.cap;

		if (c->flags & F_KEYS)
			own_keys(c);
		if (n <= c->u.map.cap)
			return;
		value_resize_array(c, (void **)&c->u.map.entries, &cap, c->u.map.n, n,
			     sizeof(*c->u.map.entries));
		c->u.map.cap = (uint32_t)cap;
	}
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
	val = value_adopt(map, val);
	if (map->flags & F_KEYS)
		own_keys(map);
	if (map->u.map.n >= map->u.map.cap) {
		size_t cap = map->u.map.cap;

		value_grow_array(map, (void **)&map->u.map.entries, &cap, map->u.map.n,
			   map->u.map.n + 1, sizeof(*map->u.map.entries));
		map->u.map.cap = (uint32_t)(cap < UINT32_MAX ? cap : UINT32_MAX);
	}
	e = &map->u.map.entries[map->u.map.n++];
	e->key = value_dup_in(arena_of(map), key, strlen(key));
	e->key_pos = key_pos;
	e->val = val;
	if (index_cap(map) && map->u.map.n * 2 <= index_cap(map))
		index_insert(map, map->u.map.n - 1);
	else if (map->u.map.n > MAP_INDEX_MIN)
		value_index_rebuild(map);
	return true;
}

void value_arena_map_fill(struct value *map, const struct value_entry *e, size_t n)
{
	assert(map->kind == VALUE_MAP && (map->flags & F_ARENA) && !map->u.map.n);
	if (!n)
		return;
	map->u.map.entries = value_alloc_array(value_arena_of(map), n, sizeof(*e));
	memcpy(map->u.map.entries, e, n * sizeof(*e));
	map->u.map.n = n;
	map->u.map.cap = (uint32_t)n;
	if (n > MAP_INDEX_MIN)
		value_index_rebuild(map);
}

void value_arena_list_fill(struct value *list, const struct value_entry *e, size_t n)
{
	size_t i;

	assert(list->kind == VALUE_LIST && (list->flags & F_ARENA) && !list->u.list.n);
	if (!n)
		return;
	list->u.list.items = value_alloc_array(value_arena_of(list), n, sizeof(*list->u.list.items));
	for (i = 0; i < n; i++)
		list->u.list.items[i] = e[i].val;
	list->u.list.n = n;
	list->u.list.cap = n;
}

void value_map_set(struct value *map, const char *key, struct value *val)
{
	long i = find_entry(map, key);

	if (i < 0) {
		value_map_add(map, key, val->pos, val);
		return;
	}
	val = value_adopt(map, val);
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
	long i;

	if (!map || map->kind != VALUE_MAP)
		return NULL;
	i = find_entry(map, key);
	return i < 0 ? NULL : map->u.map.entries[i].val;
}

struct value *value_map_take(struct value *map, const char *key)
{
	long i = map && map->kind == VALUE_MAP ? find_entry(map, key) : -1;
	struct value *val;

	if (i < 0)
		return NULL;
	val = map->u.map.entries[i].val;
	if (arena_of(map)) { /* the caller may keep it past the tree */
		struct value *copy = value_copy(val);

		value_free(val);
		val = copy;
	} else if (!(map->flags & F_KEYS)) {
		free(map->u.map.entries[i].key);
	}
	memmove(&map->u.map.entries[i], &map->u.map.entries[i + 1],
		(map->u.map.n - (size_t)i - 1) * sizeof(struct value_entry));
	map->u.map.n--;
	if (index_cap(map))
		value_index_rebuild(map);
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
