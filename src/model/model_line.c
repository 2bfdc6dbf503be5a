/*
 * model_line.c - reading one generated model line fast: the tree built in
 * one pass that checks as it goes (RFC 8259 JSON restricted to ASCII,
 * without NUL or surrogate escapes) into the model set's arena, each map
 * and list filled once from a stack of members; the "defs" object only
 * checked (duplicate keys too) and each definition built when a $ref first
 * names it.  A line outside that subset (or with a duplicate key) is left
 * to load_buffer, so it loads or fails as it did.
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "model/model_line_check.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <stdlib.h>
#include <string.h>

/* Longer lines go to load_buffer (its limits then apply exactly as
 * before: under 4 MB a line has under 8 million nodes). */
#define FAST_MAX_LINE ((size_t)4 * 1000 * 1000)

struct model_lazy {
	char *text;            /* owned: the bytes of the defs object */
	size_t text_len;       /* their count */
	uint32_t file;         /* srcfile index of the line ("types.jsonl:N") */
	uint32_t col0;         /* column of text[0] in the line */
	struct lazy_def *defs; /* owned, in line order */
	size_t n;
};

/* ---- Building, checked as it goes ---- */

struct build {
	char *s, *end;             /* the bytes (a number is NUL-terminated in place
				      while it is copied, then restored) */
	uint32_t file;             /* positions: file, line 1, column col0 + offset */
	uint32_t col0;
	struct line_check *defs;   /* not NULL: the top-level "defs" object is checked
				      into it (members recorded), left empty */
	struct value_arena *a;     /* borrowed: where the tree is built */
	struct value_entry *stack; /* owned: the members of the open objects and
				      arrays, stacked until their node is filled */
	size_t n, cap;
	char *tmp;                 /* owned: a decoded string, before its copy */
	size_t tmp_cap;
};

static struct srcpos pos_at(const struct build *b, const char *p)
{
	return srcpos_make(b->file, 1, b->col0 + (uint32_t)(p - b->s));
}

/* The content start..end of a checked string with escapes, decoded into
 * b->tmp (borrowed, valid until the next call); *len is its length. */
static char *decode(struct build *b, const char *start, const char *end, size_t *len)
{
	char *out;
	size_t n = 0;

	if (b->tmp_cap < (size_t)(end - start) + 1) /* escapes only shrink */
		XGROW(b->tmp, b->tmp_cap, (size_t)(end - start) + 1);
	out = b->tmp;
	for (; start < end; start++) {
		char ch = *start;
		long cp;

		if (ch != '\\') {
			out[n++] = ch;
			continue;
		}
		ch = *++start;
		if (ch != 'u') {
			out[n++] = ch == 'b' ? '\b' : ch == 'f' ? '\f' : ch == 'n' ? '\n' :
				   ch == 'r' ? '\r' : ch == 't' ? '\t' : ch;
			continue;
		}
		cp = model_line_hex4(start + 1, 4); /* checked: 1..0xFFFF, no surrogate */
		start += 4;
		if (cp < 0x80) {
			out[n++] = (char)cp;
		} else if (cp < 0x800) {
			out[n++] = (char)(0xC0 | (cp >> 6));
			out[n++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[n++] = (char)(0xE0 | (cp >> 12));
			out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	out[n] = '\0';
	*len = n;
	return out;
}

static struct value *build_string(struct build *b, char **pp)
{
	char *p = *pp, *q, *text;
	bool plain;
	size_t len;

	if (!(q = (char *)model_line_string(p, b->end, &plain)))
		return NULL;
	*pp = q;
	if (plain)
		return value_string_in(b->a, pos_at(b, p), p + 1, (size_t)(q - p) - 2);
	text = decode(b, p + 1, q - 1, &len);
	return value_string_in(b->a, pos_at(b, p), text, len);
}

/* A number is never the last byte (it is inside an object). */
static struct value *build_number(struct build *b, char **pp)
{
	char *p = *pp, *q = (char *)model_line_number(p, b->end), saved;
	struct value *v;

	if (!q || q >= b->end)
		return NULL;
	saved = *q;
	*q = '\0';
	v = value_number_in(b->a, pos_at(b, p), strtod(p, NULL), p);
	*q = saved;
	*pp = q;
	return v;
}

static struct value *build_value(struct build *b, char **pp, int depth);

/* Stacks a member: key (the checked string at key..kend, copied into the
 * arena; NULL for a list item) and val. */
static void push(struct build *b, char *key, char *kend, bool plain, struct value *val)
{
	struct value_entry *e;

	if (b->n == b->cap)
		XGROW(b->stack, b->cap, b->n + 1);
	e = &b->stack[b->n++];
	e->val = val;
	e->key = NULL;
	if (!key)
		return;
	e->key_pos = pos_at(b, key);
	if (plain) {
		e->key = value_arena_strndup(b->a, key + 1, (size_t)(kend - key) - 2);
	} else {
		size_t len;
		char *k = decode(b, key + 1, kend - 1, &len);

		e->key = value_arena_strndup(b->a, k, len);
	}
}

/* Gives map the members stacked from first on; false on a duplicate key
 * (load_json says so). */
static bool fill_map(struct build *b, struct value *map, size_t first)
{
	size_t n = b->n - first, i;

	value_arena_map_fill(map, b->stack + first, n);
	for (i = 0; i < n; i++)
		if (value_map_entry(map, map->u.map.entries[i].key) != &map->u.map.entries[i])
			return false;
	return true;
}

/* The top-level "defs" object at p: checked strictly (its members recorded
 * for model_lazy_get), left empty; the end of it, or NULL. */
static char *skip_defs(struct build *b, char *p, struct value **val)
{
	const char *q;

	b->defs->s = b->s;
	b->defs->end = b->end;
	if (b->defs->defs_len || !(q = model_line_check_value(b->defs, p, 1)))
		return NULL; /* (a second "defs" fails as a duplicate in load_json) */
	b->defs->defs_off = (size_t)(p - b->s);
	b->defs->defs_len = (size_t)(q - p);
	*val = value_map_in(b->a, pos_at(b, p));
	return (char *)q;
}

static struct value *build_object(struct build *b, char **pp, int depth)
{
	struct value *map = value_map_in(b->a, pos_at(b, *pp)), *val = NULL;
	char *p = (char *)model_line_blank(*pp + 1, b->end);
	size_t first = b->n;
	bool plain, ok = false;

	if (p < b->end && *p == '}') {
		*pp = p + 1;
		return map;
	}
	for (;;) {
		char *key = (char *)model_line_blank(p, b->end), *kend;

		if (!(kend = (char *)model_line_string(key, b->end, &plain)))
			break;
		p = (char *)model_line_blank(kend, b->end);
		if (p >= b->end || *p != ':')
			break;
		p = (char *)model_line_blank(p + 1, b->end);
		if (depth == 0 && b->defs && kend - key == 6 && !memcmp(key, "\"defs\"", 6) &&
		    p < b->end && *p == '{') {
			if (!(p = skip_defs(b, p, &val)))
				break;
		} else if (!(val = build_value(b, &p, depth + 1))) {
			break;
		}
		push(b, key, kend, plain, val);
		p = (char *)model_line_blank(p, b->end);
		if (p < b->end && *p == ',') {
			p++;
			continue;
		}
		if (p < b->end && *p == '}') {
			*pp = p + 1;
			ok = fill_map(b, map, first);
		}
		break;
	}
	b->n = first; /* (a failed tree's nodes go with its arena) */
	return ok ? map : NULL;
}

static struct value *build_array(struct build *b, char **pp, int depth)
{
	struct value *list = value_list_in(b->a, pos_at(b, *pp)), *item;
	char *p = (char *)model_line_blank(*pp + 1, b->end);
	size_t first = b->n;
	bool ok = false;

	if (p < b->end && *p == ']') {
		*pp = p + 1;
		return list;
	}
	for (;;) {
		p = (char *)model_line_blank(p, b->end);
		if (!(item = build_value(b, &p, depth + 1)))
			break;
		push(b, NULL, NULL, false, item);
		p = (char *)model_line_blank(p, b->end);
		if (p < b->end && *p == ',') {
			p++;
			continue;
		}
		if (p < b->end && *p == ']') {
			*pp = p + 1;
			value_arena_list_fill(list, b->stack + first, b->n - first);
			ok = true;
		}
		break;
	}
	b->n = first;
	return ok ? list : NULL;
}

/* Recursion is bounded by FAST_MAX_DEPTH. */
static struct value *build_value(struct build *b, char **pp, int depth)
{
	char *p = *pp;
	const char *q = NULL;
	struct value *v = NULL;

	if (depth > FAST_MAX_DEPTH || p >= b->end)
		return NULL;
	switch (*p) {
	case '{': return build_object(b, pp, depth);
	case '[': return build_array(b, pp, depth);
	case '"': return build_string(b, pp);
	case 't':
		if ((q = model_line_literal(p, b->end, "true", 4)))
			v = value_bool_in(b->a, pos_at(b, p), true);
		break;
	case 'f':
		if ((q = model_line_literal(p, b->end, "false", 5)))
			v = value_bool_in(b->a, pos_at(b, p), false);
		break;
	case 'n':
		if ((q = model_line_literal(p, b->end, "null", 4)))
			v = value_null_in(b->a, pos_at(b, p));
		break;
	default: return build_number(b, pp);
	}
	if (v)
		*pp = (char *)q;
	return v;
}

/* Frees what a build owns (not its arena). */
static void build_done(struct build *b)
{
	free(b->stack);
	free(b->tmp);
}

/* ---- A line ---- */

struct value *model_line_parse(const char *name, char *buf, size_t len,
			       struct value_arena *a, struct model_lazy **lazy)
{
	struct line_check c;
	struct build b = { buf, buf + len, 0, 1, &c, NULL, NULL, 0, 0, NULL, 0 };
	struct model_lazy *lz;
	struct value *v = NULL;
	char *p = (char *)model_line_blank(buf, buf + len);
	size_t k;

	*lazy = NULL;
	memset(&c, 0, sizeof(c));
	if (len >= FAST_MAX_LINE || p >= b.end || *p != '{')
		return NULL;
	b.file = srcfile_add(name);
	b.a = a;
	v = build_value(&b, &p, 0);
	build_done(&b);
	while (v && p < b.end && *p && strchr(" \t\r\n", *p))
		p++;
	for (k = 0; v && k < c.n_defs; k++) /* names are looked up as written */
		if (memchr(buf + c.defs[k].key, '\\', c.defs[k].key_len + 1))
			p = NULL;
	free(c.keys);
	if (!v || p != b.end) {
		free(c.defs); /* (the nodes built stay in a until it is freed) */
		return NULL;
	}
	if (!c.defs_len) {
		free(c.defs);
		return v;
	}
	lz = xcalloc(1, sizeof(*lz));
	lz->text = xstrndup(buf + c.defs_off, c.defs_len);
	lz->text_len = c.defs_len;
	lz->file = b.file;
	lz->col0 = 1 + (uint32_t)c.defs_off;
	lz->defs = c.defs;
	lz->n = c.n_defs;
	for (k = 0; k < lz->n; k++) { /* offsets into text */
		lz->defs[k].key -= c.defs_off;
		lz->defs[k].off -= c.defs_off;
	}
	*lazy = lz;
	return v;
}

const struct value *model_lazy_get(struct model_lazy *lz, struct value *defs, const char *name)
{
	size_t k, len = strlen(name);

	for (k = 0; k < lz->n; k++) {
		struct lazy_def *d = &lz->defs[k];
		struct build b = { lz->text, lz->text + lz->text_len, lz->file, lz->col0, NULL,
				   value_arena_of(defs), NULL, 0, 0, NULL, 0 };
		char *p = lz->text + d->off;
		struct value *v;

		if (d->key_len != len || memcmp(lz->text + d->key + 1, name, len))
			continue;
		if (d->done)
			return value_map_get(defs, name);
		d->done = true;
		v = build_value(&b, &p, 0); /* checked already: cannot fail */
		build_done(&b);
		if (v && !value_map_add(defs, name, srcpos_make(lz->file, 1, lz->col0 + (uint32_t)d->key), v))
			v = NULL;
		return v;
	}
	return NULL;
}

void model_lazy_load_all(struct model_lazy *lz, struct value *defs)
{
	size_t k;

	for (k = 0; lz && k < lz->n; k++) {
		char *name = xstrndup(lz->text + lz->defs[k].key + 1, lz->defs[k].key_len);

		model_lazy_get(lz, defs, name);
		free(name);
	}
}

void model_lazy_free(struct model_lazy *lz)
{
	if (!lz)
		return;
	free(lz->text);
	free(lz->defs);
	free(lz);
}
