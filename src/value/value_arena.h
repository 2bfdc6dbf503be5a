/*
 * value_arena.h - the chunked bump allocator that owns a loaded tree.
 *
 * A loader builds a whole file's tree (nodes, keys, strings, entry and item
 * arrays) in one arena; value_free of the tree's root frees the arena at
 * once.  Chunks are aligned to their size, so the arena of any node is
 * found from the node's address.  Used by src/value, src/load (a loaded
 * file's tree), src/model (the models' trees, one arena per model set) and
 * the engine (a stack's resolved properties, built by src/eval and kept by
 * the state without copies); other code sees only value.h's functions,
 * whose contracts hold for arena trees.
 * Under AddressSanitizer every allocation is surrounded by poisoned bytes
 * and a freed arena's chunks go back to malloc (use after free is caught).
 */
#ifndef CFN_VALUE_ARENA_H
#define CFN_VALUE_ARENA_H

#include <stddef.h>

#include "value/value.h"

struct value_arena;

/* Returns a new, empty arena. */
struct value_arena *value_arena_new(void);
/* Returns a new, empty arena for about expect bytes: a large one gets its
 * chunks mapped at once, their pages present (fewer page faults); more
 * than expect still works, in further chunks. */
struct value_arena *value_arena_new_sized(size_t expect);
/* Frees a and everything allocated in it; NULL is fine. */
void value_arena_free(struct value_arena *a);
/* Returns n bytes (aligned to 8) owned by a.  Blocks past a quarter of a
 * chunk are separate allocations, also freed with a. */
void *value_arena_alloc(struct value_arena *a, size_t n);
/* Returns n bytes owned by a inside one of its chunks (n at most a few
 * hundred bytes), so value_arena_of finds a from the address. */
void *value_arena_alloc_small(struct value_arena *a, size_t n);
/* Returns a NUL-terminated copy of the first len bytes of s, owned by a. */
char *value_arena_strndup(struct value_arena *a, const char *s, size_t len);
/* The arena owning p, which value_arena_alloc_small returned (borrowed). */
struct value_arena *value_arena_of(const void *p);
/* Sanitizer builds: marks n bytes at p (owned by an arena) unusable until
 * the arena is freed, so a use after value_free is reported.  Otherwise a
 * no-op. */
void value_arena_poison(const void *p, size_t n);

/* Takes v: returns it when it is a node of a (not the root owning a), else
 * a new copy in a (v is freed).  A NULL a or v returns v. */
struct value *value_move_in(struct value_arena *a, struct value *v);
/* The arena node v lives in (borrowed), or NULL for a heap node (or NULL). */
struct value_arena *value_arena_owner(const struct value *v);

/* Gives empty arena map `map` the n entries at e (keys distinct, owned by
 * its arena or static; values nodes of its arena: the map takes them) in
 * one array of exactly n, and its index. */
void value_arena_map_fill(struct value *map, const struct value_entry *e, size_t n);
/* Gives empty arena list `list` the values of the n entries at e (nodes of
 * its arena: the list takes them) in one array of exactly n. */
void value_arena_list_fill(struct value *list, const struct value_entry *e, size_t n);

#endif
