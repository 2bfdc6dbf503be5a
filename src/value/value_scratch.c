/*
 * value_scratch.c - the loaders' stack of children of open collections.
 *
 * Small maps check a new key against their entries one by one; past
 * SCAN_MAX keys a map gets an open-addressing index (on the heap, freed
 * when it closes), so a Resources section of thousands stays linear.
 */
#include "value/value_scratch.h"
#include "value/value_arena.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define SCAN_MAX 8 /* maps with more keys than this get an index */

static uint32_t hash_key(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void value_scratch_open(struct value_scratch *s, struct value_scratch_mark *m)
{
	m->base = s->n;
	m->index = NULL;
	m->index_cap = 0;
}

static struct value_entry *push(struct value_scratch *s)
{
	if (s->n >= s->cap)
		XGROW(s->items, s->cap, s->n + 1);
	return &s->items[s->n++];
}

void value_scratch_push(struct value_scratch *s, struct value *item)
{
	struct value_entry *e = push(s);

	e->key = NULL;
	e->val = item;
}

/* Adds child i (0-based in the map) to m's index. */
static void index_insert(const struct value_scratch *s, struct value_scratch_mark *m, size_t i)
{
	size_t mask = m->index_cap - 1;
	size_t slot = hash_key(s->items[m->base + i].key) & mask;

	while (m->index[slot])
		slot = (slot + 1) & mask;
	m->index[slot] = (uint32_t)(i + 1);
}

static void index_rebuild(const struct value_scratch *s, struct value_scratch_mark *m, size_t n)
{
	size_t cap = 16, i;

	while (cap < n * 2)
		cap *= 2;
	free(m->index);
	m->index = xcalloc(cap, sizeof(*m->index));
	m->index_cap = cap;
	for (i = 0; i < n; i++)
		index_insert(s, m, i);
}

/* The children of the collection opened at m, or NULL when it has none
 * (s->items may still be NULL then: no pointer arithmetic on it). */
static const struct value_entry *open_items(const struct value_scratch *s,
					    const struct value_scratch_mark *m)
{
	return s->n > m->base ? s->items + m->base : NULL;
}

static bool has_key(const struct value_scratch *s, const struct value_scratch_mark *m,
		    const char *key)
{
	const struct value_entry *e = open_items(s, m);
	size_t n = s->n - m->base, i;

	if (!e)
		return false;

	if (m->index_cap) {
		size_t mask = m->index_cap - 1;
		size_t slot = hash_key(key) & mask;
		uint32_t k;

		while ((k = m->index[slot]) != 0) {
			if (!strcmp(e[k - 1].key, key))
				return true;
			slot = (slot + 1) & mask;
		}
		return false;
	}
	for (i = 0; i < n; i++)
		if (e[i].key[0] == key[0] && !strcmp(e[i].key, key))
			return true;
	return false;
}

bool value_scratch_add(struct value_scratch *s, struct value_scratch_mark *m,
		       const char *key, struct srcpos key_pos, struct value *val)
{
	struct value_entry *e;
	size_t n;

	if (has_key(s, m, key))
		return false;
	e = push(s);
	e->key = (char *)key;
	e->key_pos = key_pos;
	e->val = val;
	n = s->n - m->base;
	if (m->index_cap && n * 2 <= m->index_cap)
		index_insert(s, m, n - 1);
	else if (n > SCAN_MAX)
		index_rebuild(s, m, n);
	return true;
}

void value_scratch_close(struct value_scratch *s, struct value_scratch_mark *m,
			 struct value *c)
{
	size_t n = s->n - m->base;

	if (c && n && c->kind == VALUE_MAP)
		value_arena_map_fill(c, open_items(s, m), n);
	else if (c && n)
		value_arena_list_fill(c, open_items(s, m), n);
	s->n = m->base;
	free(m->index);
	m->index = NULL;
	m->index_cap = 0;
}

void value_scratch_release(struct value_scratch *s)
{
	free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
}
