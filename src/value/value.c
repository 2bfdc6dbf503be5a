/*
 * value.c - construction, copies, lists and destruction of value trees,
 * in the heap or an arena (value_map.c holds the maps).
 */
#include "value/value_int.h"
#include "util/strbuf.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node with extra bytes after it (the heap only; in an arena, a node
 * always fits a chunk and the extra bytes are allocated separately). */
static struct value *alloc_node(struct value_arena *a, struct srcpos pos,
				enum value_kind kind, size_t extra)
{
	struct value *v;

	if (a) {
		v = value_arena_alloc_small(a, sizeof(*v));
		memset(v, 0, sizeof(*v));
		v->flags = F_ARENA;
	} else {
		v = xmalloc(xsize_add(sizeof(*v), extra));
		memset(v, 0, sizeof(*v));
	}
	v->kind = kind;
	v->pos = pos;
	return v;
}

/* A node holding a copy of the first len bytes of s: in a, or on the heap
 * in the node's own block.  Returns the node; *out is the copy. */
static struct value *node_with_text(struct value_arena *a, struct srcpos pos,
				    enum value_kind kind, const char *s, size_t len,
				    char **out)
{
	struct value *v;

	if (a) {
		v = alloc_node(a, pos, kind, 0);
		*out = value_arena_strndup(a, s, len);
		return v;
	}
	v = alloc_node(NULL, pos, kind, xsize_add(len, 1));
	v->flags = F_INLINE;
	*out = (char *)(v + 1);
	memcpy(*out, s, len);
	(*out)[len] = '\0';
	return v;
}

struct value *value_null_in(struct value_arena *a, struct srcpos pos)
{
	return alloc_node(a, pos, VALUE_NULL, 0);
}

struct value *value_bool_in(struct value_arena *a, struct srcpos pos, bool b)
{
	struct value *v = alloc_node(a, pos, VALUE_BOOL, 0);

	v->u.boolean = b;
	return v;
}

struct value *value_number_in(struct value_arena *a, struct srcpos pos, double num,
			      const char *text)
{
	char *copy;
	struct value *v = node_with_text(a, pos, VALUE_NUMBER, text, strlen(text), &copy);

	v->u.number.text = copy;
	v->u.number.num = num;
	return v;
}

struct value *value_string_in(struct value_arena *a, struct srcpos pos, const char *s,
			      size_t len)
{
	struct value *v;
	char *copy;

	v = node_with_text(a, pos, VALUE_STRING, s, len, &copy);
	v->u.string.s = copy;
	v->u.string.len = len;
	return v;
}

struct value *value_list_in(struct value_arena *a, struct srcpos pos)
{
	return alloc_node(a, pos, VALUE_LIST, 0);
}

struct value *value_map_in(struct value_arena *a, struct srcpos pos)
{
	return alloc_node(a, pos, VALUE_MAP, 0);
}

struct value *value_arena_seal(struct value *root)
{
	assert(root->flags & F_ARENA);
	root->flags |= F_ROOT;
	return root;
}

struct value *value_null(struct srcpos pos)
{
	return value_null_in(NULL, pos);
}

struct value *value_bool(struct srcpos pos, bool b)
{
	return value_bool_in(NULL, pos, b);
}

struct value *value_number(struct srcpos pos, double num, const char *text)
{
	char buf[32]; /* "%.17g" of a double is at most 24 characters */

	if (!text) {
		if (num == floor(num) && fabs(num) < 1e15)
			snprintf(buf, sizeof(buf), "%.0f", num);
		else
			snprintf(buf, sizeof(buf), "%.17g", num);
		text = buf;
	}
	return value_number_in(NULL, pos, num, text);
}

struct value *value_string_take(struct srcpos pos, char *s)
{
	struct value *v = alloc_node(NULL, pos, VALUE_STRING, 0);

	v->u.string.s = s;
	v->u.string.len = strlen(s);
	return v;
}

struct value *value_string(struct srcpos pos, const char *s)
{
	return value_string_in(NULL, pos, s, strlen(s));
}

struct value *value_string_n(struct srcpos pos, const char *s, size_t len)
{
	return value_string_in(NULL, pos, s, len);
}

void value_string_set(struct value *v, char *s)
{
	struct value_arena *a = arena_of(v);

	assert(v->kind == VALUE_STRING);
	v->u.string.len = strlen(s);
	if (a) {
		v->u.string.s = value_arena_strndup(a, s, v->u.string.len);
		free(s);
		return;
	}
	if (!(v->flags & F_INLINE))
		free(v->u.string.s);
	v->flags &= ~F_INLINE;
	v->u.string.s = s;
}

struct value *value_list(struct srcpos pos)
{
	return value_list_in(NULL, pos);
}

struct value *value_map(struct srcpos pos)
{
	return value_map_in(NULL, pos);
}

struct value *value_unknown(struct srcpos pos, const char *fmt, ...)
{
	struct value *v = alloc_node(NULL, pos, VALUE_UNKNOWN, 0);
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
	struct value_arena *a = arena_of(u);

	assert(u->kind == VALUE_UNKNOWN);
	if (!a)
		free(u->u.unknown.origin);
	u->u.unknown.origin = logical_id ? value_dup_in(a, logical_id, strlen(logical_id)) : NULL;
}

/* ---- Freeing: iterative, with an explicit stack of pending nodes ---- */

/* A node of an arena given up by its owner: the arena's root frees the
 * arena; any other node only becomes unusable (poisoned under ASan). */
static void retire(struct value *v)
{
	if (v->flags & F_ROOT)
		value_arena_free(value_arena_of(v));
	else
		value_arena_poison(v, sizeof(*v));
}

static void free_node_only(struct value *v)
{
	switch (v->kind) {
	case VALUE_NUMBER:
		if (!(v->flags & F_INLINE))
			free(v->u.number.text);
		break;
	case VALUE_STRING:
		if (!(v->flags & F_INLINE))
			free(v->u.string.s);
		break;
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

/* Pushes heap node c on the pending stack; retires an arena node at once. */
#define PUSH(c)                                          \
	do {                                             \
		struct value *c_ = (c);                  \
		if (c_->flags & F_ARENA)                 \
			retire(c_);                      \
		else                                     \
			pending[n++] = c_;               \
	} while (0)

void value_free(struct value *v)
{
	struct value *local[64], **pending = local;
	size_t n = 0, cap = sizeof(local) / sizeof(local[0]), i;

	if (!v)
		return;
	if (v->flags & F_ARENA) {
		retire(v);
		return;
	}
	pending[n++] = v;
	while (n) {
		struct value *cur = pending[--n];
		size_t more = cur->kind == VALUE_LIST ? cur->u.list.n
			    : cur->kind == VALUE_MAP ? cur->u.map.n : 0;

		if (n + more > cap) {
			size_t want = xsize_add(n, more);
			if (pending == local) {
				pending = NULL;
				cap = 0;
				XGROW(pending, cap, want);
				memcpy(pending, local, n * sizeof(*pending));
			} else {
				XGROW(pending, cap, want);
			}
		}
		if (cur->kind == VALUE_LIST) {
			for (i = 0; i < cur->u.list.n; i++)
				PUSH(cur->u.list.items[i]);
		} else if (cur->kind == VALUE_MAP) {
			for (i = 0; i < cur->u.map.n; i++) {
				if (!(cur->flags & F_KEYS))
					free(cur->u.map.entries[i].key);
				PUSH(cur->u.map.entries[i].val);
			}
		}
		free_node_only(cur);
	}
	if (pending != local)
		free(pending);
}

/* ---- Storage of arrays: in the container's arena or on the heap ---- */

void *value_alloc_array(struct value_arena *a, size_t n, size_t size)
{
	size_t bytes = xsize_mul(n ? n : 1, size);

	return a ? value_arena_alloc(a, bytes) : xmalloc(bytes);
}

/* Grows *items (*cap elements of size bytes, n used) of container c to
 * hold at least need.  An arena's old array stays in the arena. */
void value_grow_array(struct value *c, void **items, size_t *cap, size_t n,
		       size_t need, size_t size)
{
	struct value_arena *a = arena_of(c);
	size_t ncap;
	void *fresh;

	if (need <= *cap)
		return;
	if (!a) {
		xgrow(items, cap, need, size);
		return;
	}
	ncap = *cap ? *cap : 4;
	while (ncap < need)
		ncap = xsize_mul(ncap, 2);
	fresh = value_alloc_array(a, ncap, size);
	if (n)
		memcpy(fresh, *items, n * size);
	if (*cap)
		value_arena_poison(*items, *cap * size);
	*items = fresh;
	*cap = ncap;
}

/* Resizes *items (*cap elements of size bytes, n used) of container c to
 * exactly want >= n elements.  An arena's old array stays in the arena. */
void value_resize_array(struct value *c, void **items, size_t *cap, size_t n, size_t want,
			 size_t size)
{
	struct value_arena *a = arena_of(c);
	void *fresh;

	if (!a) {
		*items = xrealloc(*items, xsize_mul(want, size));
		*cap = want;
		return;
	}
	fresh = value_alloc_array(a, want, size);
	if (n)
		memcpy(fresh, *items, n * size);
	if (*cap)
		value_arena_poison(*items, *cap * size);
	*items = fresh;
	*cap = want;
}

struct value *value_move_in(struct value_arena *a, struct value *v)
{
	struct value *c;

	if (!a || !v ||
	    ((v->flags & (F_ARENA | F_ROOT)) == F_ARENA && value_arena_of(v) == a))
		return v;
	c = value_copy_in(a, v);
	value_free(v);
	return c;
}

struct value_arena *value_arena_owner(const struct value *v)
{
	return v && (v->flags & F_ARENA) ? value_arena_of(v) : NULL;
}

/* Takes child, about to be placed under parent: a child for an arena
 * parent must live in the same arena (else it is copied there and freed). */
struct value *value_adopt(const struct value *parent, struct value *child)
{
	return value_move_in(arena_of(parent), child);
}

/* ---- Copies ---- */

struct value *value_copy_in(struct value_arena *a, const struct value *v)
{
	struct value *c;
	size_t i, n;

	if (!v)
		return NULL;
	switch (v->kind) {
	case VALUE_NULL: return value_null_in(a, v->pos);
	case VALUE_BOOL: return value_bool_in(a, v->pos, v->u.boolean);
	case VALUE_NUMBER: return value_number_in(a, v->pos, v->u.number.num, v->u.number.text);
	case VALUE_STRING: return value_string_in(a, v->pos, v->u.string.s, v->u.string.len);
	case VALUE_UNKNOWN:
		c = alloc_node(a, v->pos, VALUE_UNKNOWN, 0);
		c->u.unknown.reason = value_dup_in(a, v->u.unknown.reason, strlen(v->u.unknown.reason));
		if (v->u.unknown.origin)
			c->u.unknown.origin =
				value_dup_in(a, v->u.unknown.origin, strlen(v->u.unknown.origin));
		return c;
	case VALUE_LIST:
		c = alloc_node(a, v->pos, VALUE_LIST, 0);
		n = v->u.list.n;
		if (!n)
			return c;
		c->u.list.items = value_alloc_array(a, n, sizeof(*c->u.list.items));
		c->u.list.cap = n;
		for (i = 0; i < n; i++)
			c->u.list.items[i] = value_copy_in(a, v->u.list.items[i]);
		c->u.list.n = n;
		return c;
	case VALUE_MAP:
		c = alloc_node(a, v->pos, VALUE_MAP, 0);
		n = v->u.map.n;
		if (!n)
			return c;
		if (a) {
			c->u.map.entries = value_alloc_array(a, n, sizeof(*c->u.map.entries));
		} else { /* one block: the entries, then their keys */
			size_t bytes = xsize_mul(n, sizeof(*c->u.map.entries));
			char *k;

			for (i = 0; i < n; i++)
				bytes = xsize_add(bytes, strlen(v->u.map.entries[i].key) + 1);
			c->u.map.entries = xmalloc(bytes);
			c->flags |= F_KEYS;
			k = (char *)(c->u.map.entries + n);
			for (i = 0; i < n; i++) {
				size_t len = strlen(v->u.map.entries[i].key) + 1;

				memcpy(k, v->u.map.entries[i].key, len);
				c->u.map.entries[i].key = k;
				k += len;
			}
		}
		c->u.map.cap = (uint32_t)n;
		for (i = 0; i < n; i++) {
			const struct value_entry *e = &v->u.map.entries[i];
			struct value_entry *d = &c->u.map.entries[i];

			if (a)
				d->key = value_arena_strndup(a, e->key, strlen(e->key));
			d->key_pos = e->key_pos;
			d->val = value_copy_in(a, e->val);
		}
		c->u.map.n = n;
		if (n > MAP_INDEX_MIN)
			value_index_rebuild(c);
		return c;
	default:
		assert(!"value_copy: invalid kind");
		return NULL;
	}
}

struct value *value_copy(const struct value *v)
{
	return value_copy_in(NULL, v);
}

/* ---- Lists ---- */

void value_list_append(struct value *list, struct value *item)
{
	assert(list->kind == VALUE_LIST && item);
	item = value_adopt(list, item);
	if (list->u.list.n >= list->u.list.cap)
		value_grow_array(list, (void **)&list->u.list.items, &list->u.list.cap,
			   list->u.list.n, list->u.list.n + 1, sizeof(*list->u.list.items));
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
