/*
 * value.h - the one value type: a tagged tree with a source position on
 * every node.
 *
 * Templates, state files, scenarios, models and everything the resolver
 * computes are trees of struct value: null, bool, number, string, list,
 * map (keys keep their order), and unknown (a value the simulation cannot
 * know, carrying the reason).  Intrinsic functions are ordinary maps
 * ({"Fn::Sub": ...}) whatever the input spelling.
 *
 * Lifecycle and ownership:
 *  1. A loader builds a tree; the caller owns the root and frees it with
 *     value_free, which frees the whole tree (iteratively, so depth cannot
 *     overflow the stack).
 *  2. A node belongs to exactly one parent.  Constructors return new nodes;
 *     value_list_append and value_map_* *take* the child, even on failure.
 *  3. Getters *borrow*: they return const pointers valid while the parent
 *     lives and is not modified.
 *  4. value_copy returns a new deep copy.  Recursive helpers (copy, equal)
 *     are bounded by the loaders' depth limit (LOAD_MAX_DEPTH), which every
 *     tree inherits because trees are only built from loaded input.
 *  5. Where a node's memory lives is value.c's business (the flags field):
 *     constructors allocate on the heap, a string's characters in the same
 *     block as its node; a loader builds a whole tree in one arena
 *     (value_arena.h) whose root *owns* the arena, so value_free of the root
 *     frees the arena at once.  Every function here keeps its contract on
 *     arena trees: value_free of a node inside an arena only retires it
 *     (its memory goes with the arena), a child given to an arena node is
 *     copied into that arena (the given one is freed, as "takes" allows),
 *     and value_map_take returns a heap copy, which may outlive the tree.
 *     Code outside src/value never frees a node's strings or arrays itself:
 *     it replaces a string with value_string_set.
 *
 * Kind 0 is VALUE_INVALID, so zeroed memory is never mistaken for a value.
 */
#ifndef CFN_VALUE_H
#define CFN_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/srcpos.h"

enum value_kind {
	VALUE_INVALID = 0,
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP,
	VALUE_UNKNOWN,
};

struct value;

struct value_entry {
	char *key;            /* owned, NUL-terminated */
	struct srcpos key_pos; /* where the key was written */
	struct value *val;    /* owned */
};

struct value {
	uint16_t kind;        /* an enum value_kind, never VALUE_INVALID in a built
				 tree (16 bits: a node is 40 bytes) */
	uint16_t flags;       /* where the node's memory lives (value.c's own) */
	struct srcpos pos;    /* where the value was written (or computed) */
	union {
		bool boolean;
		struct {
			double num;  /* numeric value */
			char *text;  /* owned: the spelling in the source ("1.50") */
		} number;
		struct {
			char *s;     /* owned, NUL-terminated (no embedded NUL) */
			size_t len;  /* strlen(s) */
		} string;
		struct {
			struct value **items; /* owned items */
			size_t n, cap;        /* count and capacity */
		} list;
		struct {
			struct value_entry *entries; /* in insertion order */
			uint32_t *index;             /* hash slots (entry index + 1), built past a
							few keys (the slot count is in flags) */
			uint32_t n;                  /* count (32 bits: a node is 40 bytes) */
			uint32_t cap;                /* capacity */
		} map;
		struct {
			char *reason; /* owned: why the value cannot be known */
			char *origin; /* owned: logical id of the resource of this stack
					 whose attribute or id it is, or NULL */
		} unknown;
	} u;
};

/* ---- Constructors (return new) ---- */

struct value *value_null(struct srcpos pos);
struct value *value_bool(struct srcpos pos, bool b);
/* text is the source spelling (copied); NULL formats num. */
struct value *value_number(struct srcpos pos, double num, const char *text);
/* Copies s. */
struct value *value_string(struct srcpos pos, const char *s);
/* Copies the first len bytes of s. */
struct value *value_string_n(struct srcpos pos, const char *s, size_t len);
/* Takes s (malloc'd, NUL-terminated). */
struct value *value_string_take(struct srcpos pos, char *s);
/* Takes s (malloc'd, NUL-terminated): makes it the characters of string
 * value v, freeing (or retiring) the old ones. */
void value_string_set(struct value *v, char *s);
struct value *value_list(struct srcpos pos);
struct value *value_map(struct srcpos pos);
/* An unknown value with a printf-formatted reason. */
struct value *value_unknown(struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Records on unknown value u that it is the id or an attribute of the
 * stack's resource logical_id (copied): a prerequisite check is then
 * satisfied by that resource, whatever the value turns out to be. */
void value_unknown_set_origin(struct value *u, const char *logical_id);
/* Returns a new deep copy of v (NULL gives NULL). */
struct value *value_copy(const struct value *v);
/* Frees v and everything under it; NULL is fine. */
void value_free(struct value *v);

/* ---- Constructors in an arena (the loaders'; a NULL arena = the heap) ---- */

struct value_arena;

/* Each returns a new node owned by arena a (see value_arena.h); strings
 * and texts are copied into a. */
struct value *value_null_in(struct value_arena *a, struct srcpos pos);
struct value *value_bool_in(struct value_arena *a, struct srcpos pos, bool b);
/* text (the source spelling) must not be NULL. */
struct value *value_number_in(struct value_arena *a, struct srcpos pos, double num,
			      const char *text);
struct value *value_string_in(struct value_arena *a, struct srcpos pos, const char *s,
			      size_t len);
struct value *value_list_in(struct value_arena *a, struct srcpos pos);
struct value *value_map_in(struct value_arena *a, struct srcpos pos);
/* Returns a new deep copy of v owned by a (NULL gives NULL). */
struct value *value_copy_in(struct value_arena *a, const struct value *v);
/* Makes root (a node of a) the owner of its arena: value_free(root) then
 * frees the arena and everything in it.  Returns root. */
struct value *value_arena_seal(struct value *root);

/* Makes room for n items of list c or n entries of map c (an allocation
 * hint: building a container of known size then allocates its array once,
 * exactly); anything else, or n not above the room c has, is left alone. */
void value_reserve(struct value *c, size_t n);

/* ---- Lists ---- */

/* Takes item and appends it to list. */
void value_list_append(struct value *list, struct value *item);
/* Returns item i (borrowed) or NULL when out of range. */
const struct value *value_list_get(const struct value *list, size_t i);
/* Number of items (0 for a non-list). */
size_t value_list_len(const struct value *list);

/* ---- Maps ---- */

/* Takes val; adds key unless present.  Returns false (and frees val) when
 * key is already there. */
bool value_map_add(struct value *map, const char *key, struct srcpos key_pos,
		   struct value *val);
/* Takes val; sets key, replacing (and freeing) any previous value. */
void value_map_set(struct value *map, const char *key, struct value *val);
/* Returns the value for key (borrowed) or NULL. */
const struct value *value_map_get(const struct value *map, const char *key);
/* Returns the entry for key (borrowed) or NULL. */
const struct value_entry *value_map_entry(const struct value *map, const char *key);
/* Removes key and returns its value (new, caller frees) or NULL. */
struct value *value_map_take(struct value *map, const char *key);
/* Number of keys (0 for a non-map). */
size_t value_map_len(const struct value *map);
/* Entry i in insertion order (borrowed); i < value_map_len. */
const struct value_entry *value_map_at(const struct value *map, size_t i);

/* Iterate a map's entries / a list's items (borrowed), in order.  An
 * empty one may have no storage: the end is computed only when there is
 * (NULL + 0 is undefined behaviour). */
#define VALUE_MAP_FOREACH(m_, e)                                                \
	for (const struct value_entry *e = (m_)->u.map.entries,                 \
				      *e##_end_ = e ? e + (m_)->u.map.n : e;    \
	     e != e##_end_; e++)
#define VALUE_LIST_FOREACH(l_, it)                                              \
	for (const struct value *const *it = (const struct value *const *)(l_)->u.list.items, \
				       *const *it##_end_ = it ? it + (l_)->u.list.n : it; \
	     it != it##_end_; it++)

/* ---- Inspection ---- */

/* "null", "boolean", "number", "string", "list", "map", "unknown". */
const char *value_kind_name(enum value_kind kind);
/* True when v is a string (borrowed s valid while v lives). */
static inline bool value_is_string(const struct value *v)
{
	return v && v->kind == VALUE_STRING;
}
/* The string of a string value (borrowed) or NULL. */
static inline const char *value_str(const struct value *v)
{
	return value_is_string(v) ? v->u.string.s : NULL;
}
/* True when v is a number that is a whole number from 0 to 2^63 - 1,
 * stored in *out; false (and *out untouched) for anything else, a huge
 * or fractional number included (casting those to long is undefined). */
bool value_whole_number(const struct value *v, long *out);
/* A scalar as text: a string's characters, a number's source spelling,
 * "true"/"false" (borrowed); NULL for null, lists, maps and unknowns. */
const char *value_scalar_text(const struct value *v);
/* Deep equality (positions ignored); unknowns are never equal. */
bool value_equal(const struct value *a, const struct value *b);
/* True when v or anything under it is unknown. */
bool value_has_unknown(const struct value *v);
/* The first unknown found under v (borrowed), or NULL. */
const struct value *value_find_unknown(const struct value *v);
/* If v is a one-key map whose key is "Ref" or "Fn::...", returns that key
 * (borrowed); else NULL.  ({"Condition": X} is an intrinsic only inside the
 * Conditions section; callers that care test for it themselves.) */
const char *value_intrinsic_name(const struct value *v);

#endif
