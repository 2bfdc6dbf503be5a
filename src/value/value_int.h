/*
 * value_int.h - what value.c (nodes, copies, freeing, lists) and
 * value_map.c (maps and their hash index) share: the meaning of a node's
 * flags and the storage of arrays in the heap or an arena.
 *
 * Not for use outside src/value; the interface is value.h (and
 * value_arena.h).
 */
#ifndef CFN_VALUE_INT_H
#define CFN_VALUE_INT_H

#include "value/value.h"
#include "value/value_arena.h"
#include "util/xalloc.h"

#include <string.h>

#define MAP_INDEX_MIN 8 /* maps with more keys than this get a hash index */

/* flags: where a node's memory lives */
#define F_ARENA 1u  /* the node and everything under it are in an arena */
#define F_ROOT 2u   /* the node owns its arena (value_free frees the arena) */
#define F_INLINE 4u /* heap node: its string or number text follows the node in
		       the same block */
#define F_KEYS 8u   /* heap map: its keys follow its entries (cap of them) in the
		       entries' block */
#define F_LOG_SHIFT 8 /* maps: bits 8-15 hold log2 of the index's slot count, 0 = none */

/* Slot count of map's index (a power of two), 0 when it has none. */
static inline size_t index_cap(const struct value *map)
{
	unsigned log = (map->flags >> F_LOG_SHIFT) & 0xffu;

	return log ? (size_t)1 << log : 0;
}

static inline void set_index_cap(struct value *map, size_t cap)
{
	unsigned log = 0;

	while (((size_t)1 << log) < cap)
		log++;
	map->flags = (uint16_t)((map->flags & ~(0xffu << F_LOG_SHIFT)) | (log << F_LOG_SHIFT));
}

_Static_assert(sizeof(void *) != 8 || sizeof(struct value) == 40,
	       "a node is 40 bytes on 64-bit targets");

/* The arena of node v, or NULL when v is on the heap. */
static inline struct value_arena *arena_of(const struct value *v)
{
	return v->flags & F_ARENA ? value_arena_of(v) : NULL;
}


/* A copy of the first len bytes of s: in arena a, or new on the heap. */
static inline char *value_dup_in(struct value_arena *a, const char *s, size_t len)
{
	return a ? value_arena_strndup(a, s, len) : xstrndup(s, len);
}

/* Returns an array of n (at least 1) elements of size bytes: in arena a, or
 * new on the heap. */
void *value_alloc_array(struct value_arena *a, size_t n, size_t size);
/* Grows *items (*cap elements of size bytes, n used) of container c to
 * hold at least need.  An arena's old array stays in the arena. */
void value_grow_array(struct value *c, void **items, size_t *cap, size_t n, size_t need,
		      size_t size);
/* Resizes *items (*cap elements of size bytes, n used) of container c to
 * exactly want >= n elements.  An arena's old array stays in the arena. */
void value_resize_array(struct value *c, void **items, size_t *cap, size_t n, size_t want,
			size_t size);
/* Takes child, about to be placed under parent: returns it, or its copy in
 * parent's arena (child freed). */
struct value *value_adopt(const struct value *parent, struct value *child);
/* Builds map's hash index again (in its arena or on the heap). */
void value_index_rebuild(struct value *map);

#endif
