/*
 * value_scratch.h - the loaders' stack of children of open collections.
 *
 * A loader pushes the items and entries of every open list or map on one
 * reusable stack; when the collection closes they are copied once, at
 * their exact count, into the arena (no arrays outgrown and left behind).
 * Duplicate keys are found among the open map's own entries as they come.
 */
#ifndef CFN_VALUE_SCRATCH_H
#define CFN_VALUE_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "value/value.h"

struct value_scratch {
	struct value_entry *items; /* children of the open collections, outermost first */
	size_t n, cap;             /* used and allocated */
};

#define VALUE_SCRATCH_INIT { NULL, 0, 0 }

/* One open collection's part of the stack. */
struct value_scratch_mark {
	size_t base;        /* its first child in the stack */
	uint32_t *index;    /* maps with many keys: hash slots (child number + 1),
			       owned; NULL until needed */
	size_t index_cap;   /* slot count, a power of two, 0 = no index */
};

/* Starts a collection: its children are the ones pushed from now on. */
void value_scratch_open(struct value_scratch *s, struct value_scratch_mark *m);
/* Borrows item (a node of the loader's arena): the next item of the list
 * opened with m, the top one. */
void value_scratch_push(struct value_scratch *s, struct value *item);
/* Borrows key (text that outlives the arena's tree: its own or static) and
 * val: the next entry of the map opened with m, the top one.  Returns false
 * (pushing nothing) when that map already has key. */
bool value_scratch_add(struct value_scratch *s, struct value_scratch_mark *m,
		       const char *key, struct srcpos key_pos, struct value *val);
/* Ends the top collection: c (the empty arena list or map opened with m)
 * gets its children at their exact count; they leave the stack.  A NULL c
 * drops them (a failed load: they go with the arena). */
void value_scratch_close(struct value_scratch *s, struct value_scratch_mark *m,
			 struct value *c);
/* Frees the stack (its children belong to the arena). */
void value_scratch_release(struct value_scratch *s);

#endif
