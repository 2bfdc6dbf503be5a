/*
 * model_line_check.c - the strict JSON checker behind model_line.c (see
 * model_line_check.h): scanners for strings, numbers and literals, and
 * the checker of the "defs" object, which records its members.
 */
#include "model/model_line_check.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The four hex digits at s (n bytes available) as a number, or -1. */
long model_line_hex4(const char *s, size_t n)
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

/* A string at p (ASCII from 0x20, escapes but \u0000 and surrogates);
 * returns the byte past it, or NULL.  *plain when it has no escape. */
const char *model_line_string(const char *p, const char *end, bool *plain)
{
	*plain = true;
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end; p++) {
		while (plain_byte[(unsigned char)*p]) /* stops at *end, a NUL, at the latest */
			p++;
		if (p >= end)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p != '\\' || ++p >= end) /* a control or non-ASCII byte */
			return NULL;
		*plain = false;
		if (*p == 'u') {
			long cp = model_line_hex4(p + 1, (size_t)(end - p - 1));

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
const char *model_line_number(const char *p, const char *end)
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

/* Whether the key at..at+len is among the open object's keys from first. */
static bool duplicate(const struct line_check *c, size_t first, const char *at, size_t len)
{
	size_t k;

	for (k = first; k < c->n_keys; k++)
		if (c->keys[k].len == len && c->s[c->keys[k].at] == *at &&
		    !memcmp(c->s + c->keys[k].at, at, len))
			return true;
	return false;
}

/* The members of the checked "defs" object (depth 1) are recorded. */
static void record(struct line_check *c, int depth, const char *key, size_t len,
		   const char *val, const char *end)
{
	if (depth != 1)
		return;
	if (c->n_defs == c->cap_defs)
		XGROW(c->defs, c->cap_defs, c->n_defs + 1);
	c->defs[c->n_defs++] = (struct lazy_def){ (size_t)(key - c->s), len, (size_t)(val - c->s),
						  (size_t)(end - val), false };
}

static const char *check_object(struct line_check *c, const char *p, int depth)
{
	const char *end = c->end, *ok = NULL;
	size_t first = c->n_keys;
	bool plain;

	p = model_line_blank(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		const char *key = model_line_blank(p, end), *val;
		size_t len;

		/* keys with escapes are compared as written: two that only
		   decode alike fail to build, and go to load_json */
		if (!(p = model_line_string(key, end, &plain)))
			break;
		len = (size_t)(p - key) - 2;
		if (duplicate(c, first, key + 1, len))
			break;
		if (c->n_keys == c->cap_keys)
			XGROW(c->keys, c->cap_keys, c->n_keys + 1);
		c->keys[c->n_keys++] = (struct line_span){ (size_t)(key + 1 - c->s), len };
		p = model_line_blank(p, end);
		if (p >= end || *p != ':')
			break;
		val = model_line_blank(p + 1, end);
		if (!(p = model_line_check_value(c, val, depth + 1)))
			break;
		record(c, depth, key, len, val, p);
		p = model_line_blank(p, end);
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

static const char *check_array(struct line_check *c, const char *p, int depth)
{
	const char *end = c->end;

	p = model_line_blank(p + 1, end);
	if (p < end && *p == ']')
		return p + 1;
	for (;;) {
		if (!(p = model_line_check_value(c, model_line_blank(p, end), depth + 1)))
			return NULL;
		p = model_line_blank(p, end);
		if (p < end && *p == ',')
			p++;
		else
			return p < end && *p == ']' ? p + 1 : NULL;
	}
}

const char *model_line_literal(const char *p, const char *end, const char *word, size_t n)
{
	return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

/* depth counts from the checked value (the line, or one definition). */
const char *model_line_check_value(struct line_check *c, const char *p, int depth)
{
	bool plain;

	if (depth > FAST_MAX_DEPTH || p >= c->end)
		return NULL;
	switch (*p) {
	case '{': return check_object(c, p, depth);
	case '[': return check_array(c, p, depth);
	case '"': return model_line_string(p, c->end, &plain);
	case 't': return model_line_literal(p, c->end, "true", 4);
	case 'f': return model_line_literal(p, c->end, "false", 5);
	case 'n': return model_line_literal(p, c->end, "null", 4);
	default: return model_line_number(p, c->end);
	}
}

