/*
 * model_line.c - reading one generated model line fast: a strict check of
 * the bytes (RFC 8259 JSON restricted to ASCII, without NUL or surrogate
 * escapes or duplicate keys), then the tree built with fewer copies; the
 * line's schema definitions ("defs") built one by one when a $ref first
 * names them.  A line the check refuses is left to load_buffer, so a line
 * loads or fails exactly as it did.
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Deeper nesting, or longer lines, go to load_buffer (its limits then
 * apply exactly as before: under 4 MB a line has under 8 million nodes). */
#define FAST_MAX_DEPTH 100
#define FAST_MAX_LINE ((size_t)4 * 1000 * 1000)

struct lazy_def {
	size_t key, key_len; /* the name's opening quote and length, in text */
	size_t off, len;     /* its value, in text */
	bool done;           /* built (or removed by schema_ignore) */
};

struct model_lazy {
	char *text;            /* owned: the bytes of the defs object */
	uint32_t file;         /* srcfile index of the line ("types.jsonl:N") */
	uint32_t col0;         /* column of text[0] in the line */
	struct lazy_def *defs; /* owned, in line order */
	size_t n;
};

struct span {
	size_t at, len; /* a key, in the checked bytes */
};

/* The strict checker (no allocation besides its two stacks). */
struct check {
	const char *s, *end;   /* the bytes */
	struct span *keys;     /* the keys of the open objects, stacked */
	size_t n_keys, cap_keys;
	bool in_defs;          /* inside the value of the top-level "defs" */
	size_t defs_off;       /* that value's offset, 0 when none */
	size_t defs_len;       /* and length */
	struct lazy_def *defs; /* the members of that value */
	size_t n_defs, cap_defs;
};

/* The four hex digits at s (n bytes available) as a number, or -1. */
static long hex4(const char *s, size_t n)
{
	long v = 0;
	int k;

	if (n < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		char ch = s[k];

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			v |= ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			v |= ch - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* 1 for ASCII from 0x20 but '"' and '\\': the bytes a string runs over. */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static const char *blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A string at p (ASCII from 0x20, escapes but \u0000 and surrogates);
 * returns the byte past it, or NULL.  *plain when it has no escape. */
static const char *check_string(const char *p, const char *end, bool *plain)
{
	*plain = true;
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end; p++) {
		while (p < end && plain_byte[(unsigned char)*p])
			p++;
		if (p >= end)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p != '\\' || ++p >= end) /* a control or non-ASCII byte */
			return NULL;
		*plain = false;
		if (*p == 'u') {
			long cp = hex4(p + 1, (size_t)(end - p - 1));

			/* NUL and surrogates: load_json's to judge */
			if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF))
				return NULL;
			p += 4;
		} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
			return NULL;
		}
	}
	return NULL;
}

static const char *digits(const char *p, const char *end)
{
	const char *start = p;

	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p > start ? p : NULL;
}

/* RFC 8259 numbers, the grammar load_json reads. */
static const char *check_number(const char *p, const char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!(p = digits(p, end)))
		return NULL;
	if (p < end && *p == '.' && !(p = digits(p + 1, end)))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		p = digits(p, end);
	}
	return p;
}

static const char *check_value(struct check *c, const char *p, int depth);

/* Whether the key at..at+len is among the open object's keys from first. */
static bool duplicate(const struct check *c, size_t first, const char *at, size_t len)
{
	size_t k;

	for (k = first; k < c->n_keys; k++)
		if (c->keys[k].len == len && c->s[c->keys[k].at] == *at &&
		    !memcmp(c->s + c->keys[k].at, at, len))
			return true;
	return false;
}

/* The members of the top-level "defs" (depth 1 inside it) are recorded. */
static void record(struct check *c, int depth, const char *key, size_t len,
		   const char *val, const char *end)
{
	size_t off = (size_t)(val - c->s);

	if (depth == 0 && c->in_defs && *val == '{') {
		c->defs_off = off;
		c->defs_len = (size_t)(end - val);
	}
	if (depth == 1 && c->in_defs) {
		if (c->n_defs == c->cap_defs)
			XGROW(c->defs, c->cap_defs, c->n_defs + 1);
		c->defs[c->n_defs++] = (struct lazy_def){ (size_t)(key - c->s), len, off,
							  (size_t)(end - val), false };
	}
}

static const char *check_object(struct check *c, const char *p, int depth)
{
	const char *end = c->end, *ok = NULL;
	size_t first = c->n_keys;
	bool plain;

	p = blank(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		const char *key = blank(p, end), *val;
		size_t len;

		/* keys with escapes are compared as written: two that only
		   decode alike fail to build, and go to load_json */
		if (!(p = check_string(key, end, &plain)))
			break;
		len = (size_t)(p - key) - 2;
		/* a duplicate key outside the definitions fails to build (and the
		   line goes to load_json); inside them it is found now */
		if (c->in_defs) {
			if (duplicate(c, first, key + 1, len))
				break;
			if (c->n_keys == c->cap_keys)
				XGROW(c->keys, c->cap_keys, c->n_keys + 1);
			c->keys[c->n_keys++] = (struct span){ (size_t)(key + 1 - c->s), len };
		}
		p = blank(p, end);
		if (p >= end || *p != ':')
			break;
		val = blank(p + 1, end);
		if (depth == 0)
			c->in_defs = len == 4 && !memcmp(key + 1, "defs", 4);
		if (!(p = check_value(c, val, depth + 1)))
			break;
		record(c, depth, key, len, val, p);
		if (depth == 0)
			c->in_defs = false;
		p = blank(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '}')
			ok = p + 1;
		break;
	}
	c->n_keys = first;
	return ok;
}

static const char *check_array(struct check *c, const char *p, int depth)
{
	const char *end = c->end;

	p = blank(p + 1, end);
	if (p < end && *p == ']')
		return p + 1;
	for (;;) {
		if (!(p = check_value(c, blank(p, end), depth + 1)))
			return NULL;
		p = blank(p, end);
		if (p < end && *p == ',')
			p++;
		else
			return p < end && *p == ']' ? p + 1 : NULL;
	}
}

static const char *literal(const char *p, const char *end, const char *word, size_t n)
{
	return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

/* depth counts from the checked value (the line, or one definition). */
static const char *check_value(struct check *c, const char *p, int depth)
{
	bool plain;

	if (depth > FAST_MAX_DEPTH || p >= c->end)
		return NULL;
	switch (*p) {
	case '{': return check_object(c, p, depth);
	case '[': return check_array(c, p, depth);
	case '"': return check_string(p, c->end, &plain);
	case 't': return literal(p, c->end, "true", 4);
	case 'f': return literal(p, c->end, "false", 5);
	case 'n': return literal(p, c->end, "null", 4);
	default: return check_number(p, c->end);
	}
}

/* Checks the one value of s (blanks around it; a line may end in a
 * newline); false when it is not in the accepted subset. */
static bool check_all(struct check *c, const char *s, size_t len)
{
	const char *p;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->end = s + len;
	if (!(p = check_value(c, blank(s, c->end), 0)))
		return false;
	while (p < c->end && *p && strchr(" \t\r\n", *p))
		p++;
	return p == c->end;
}

/* ---- Building a checked value ---- */

struct build {
	char *s;         /* the checked bytes (a key or number is NUL-terminated
			    in place while it is copied, then restored) */
	size_t len, i;   /* their length, the read offset */
	uint32_t file;   /* positions: file, line 1, column col0 + offset */
	uint32_t col0;
	size_t skip_off; /* a value built as an empty map (the lazy defs), or 0 */
	size_t skip_len; /* its length */
};

static struct srcpos pos_at(const struct build *b, size_t i)
{
	return srcpos_make(b->file, 1, b->col0 + (uint32_t)i);
}

static void blanks(struct build *b)
{
	while (b->i < b->len && (b->s[b->i] == ' ' || b->s[b->i] == '\t'))
		b->i++;
}

/* The end of the string whose content starts at i (checked: closed). */
static size_t string_end(const struct build *b, size_t i)
{
	while (b->s[i] != '"')
		i += b->s[i] == '\\' ? 2 : 1;
	return i;
}

/* The content of a checked string with escapes, s[start..end), decoded
 * (new). */
static char *decode(const struct build *b, size_t start, size_t end)
{
	char *out = xmalloc(end - start + 1); /* an escape is never shorter than its bytes */
	size_t n = 0;

	for (; start < end; start++) {
		char ch = b->s[start];
		long cp;

		if (ch != '\\') {
			out[n++] = ch;
			continue;
		}
		ch = b->s[++start];
		if (ch != 'u') {
			out[n++] = ch == 'b' ? '\b' : ch == 'f' ? '\f' : ch == 'n' ? '\n' :
				   ch == 'r' ? '\r' : ch == 't' ? '\t' : ch;
			continue;
		}
		cp = hex4(b->s + start + 1, 4); /* checked: 1..0xFFFF, no surrogate */
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
	return out;
}

static struct value *build_string(struct build *b)
{
	size_t start = b->i + 1, end = string_end(b, start);
	struct srcpos pos = pos_at(b, b->i);

	b->i = end + 1;
	if (!memchr(b->s + start, '\\', end - start))
		return value_string_n(pos, b->s + start, end - start);
	return value_string_take(pos, decode(b, start, end));
}

static struct value *build_number(struct build *b)
{
	size_t start = b->i;
	struct srcpos pos = pos_at(b, start);
	struct value *v;
	char saved;

	while (b->i < b->len && strchr("+-.0123456789eE", b->s[b->i]) && b->s[b->i])
		b->i++;
	saved = b->s[b->i];
	b->s[b->i] = '\0';
	v = value_number(pos, strtod(b->s + start, NULL), b->s + start);
	b->s[b->i] = saved;
	return v;
}

static struct value *build_value(struct build *b);

static struct value *build_object(struct build *b)
{
	struct value *map = value_map(pos_at(b, b->i));

	b->i++;
	blanks(b);
	while (b->s[b->i] != '}') {
		size_t key = b->i + 1, end = string_end(b, key);
		struct srcpos key_pos = pos_at(b, b->i);
		struct value *val;
		bool added;

		b->i = end + 1;
		blanks(b);
		b->i++; /* ':' */
		blanks(b);
		if (b->skip_off && b->i == b->skip_off) {
			val = value_map(pos_at(b, b->i));
			b->i += b->skip_len;
		} else {
			val = build_value(b);
		}
		if (memchr(b->s + key, '\\', end - key)) {
			char *k = decode(b, key, end);

			added = val && value_map_add(map, k, key_pos, val);
			free(k);
		} else {
			b->s[end] = '\0'; /* a plain key is its bytes */
			added = val && value_map_add(map, b->s + key, key_pos, val);
			b->s[end] = '"';
		}
		if (!added) {
			value_free(map);
			return NULL;
		}
		blanks(b);
		if (b->s[b->i] == ',') {
			b->i++;
			blanks(b);
		}
	}
	b->i++;
	return map;
}

static struct value *build_array(struct build *b)
{
	struct value *list = value_list(pos_at(b, b->i));

	b->i++;
	blanks(b);
	while (b->s[b->i] != ']') {
		struct value *item = build_value(b);

		if (!item) {
			value_free(list);
			return NULL;
		}
		value_list_append(list, item);
		blanks(b);
		if (b->s[b->i] == ',') {
			b->i++;
			blanks(b);
		}
	}
	b->i++;
	return list;
}

/* Recursion is bounded by the check's FAST_MAX_DEPTH. */
static struct value *build_value(struct build *b)
{
	struct srcpos pos = pos_at(b, b->i);

	switch (b->s[b->i]) {
	case '{': return build_object(b);
	case '[': return build_array(b);
	case '"': return build_string(b);
	case 't': b->i += 4; return value_bool(pos, true);
	case 'f': b->i += 5; return value_bool(pos, false);
	case 'n': b->i += 4; return value_null(pos);
	default: return build_number(b);
	}
}

/* ---- A line ---- */

struct value *model_line_parse(const char *name, char *buf, size_t len,
			       struct model_lazy **lazy)
{
	struct check c;
	struct build b = { buf, len, 0, 0, 1, 0, 0 };
	struct value *v;
	size_t k;

	*lazy = NULL;
	memset(&c, 0, sizeof(c));
	if (len >= FAST_MAX_LINE || !check_all(&c, buf, len)) {
		free(c.keys);
		free(c.defs);
		return NULL;
	}
	free(c.keys);
	b.file = srcfile_add(name);
	for (k = 0; k < c.n_defs; k++) /* names looked up as written: plain ones only */
		if (memchr(buf + c.defs[k].key, '\\', c.defs[k].key_len + 1))
			c.defs_off = 0;
	if (c.defs_off) {
		b.skip_off = c.defs_off;
		b.skip_len = c.defs_len;
	}
	blanks(&b);
	v = build_value(&b);
	if (v && c.defs_off) {
		struct model_lazy *lz = xcalloc(1, sizeof(*lz));

		lz->text = xstrndup(buf + c.defs_off, c.defs_len);
		lz->file = b.file;
		lz->col0 = 1 + (uint32_t)c.defs_off;
		lz->defs = c.defs;
		lz->n = c.n_defs;
		for (k = 0; k < lz->n; k++) { /* offsets into text */
			lz->defs[k].key -= c.defs_off;
			lz->defs[k].off -= c.defs_off;
		}
		*lazy = lz;
	} else {
		free(c.defs);
	}
	return v;
}

const struct value *model_lazy_get(struct model_lazy *lz, struct value *defs, const char *name)
{
	size_t k, len = strlen(name);

	for (k = 0; k < lz->n; k++) {
		struct lazy_def *d = &lz->defs[k];
		struct build b = { lz->text, d->off + d->len, d->off, lz->file, lz->col0, 0, 0 };
		struct value *v;

		if (d->key_len != len || memcmp(lz->text + d->key + 1, name, len))
			continue;
		if (d->done)
			return value_map_get(defs, name);
		d->done = true;
		v = build_value(&b);
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
