/*
 * sub.c - the Fn::Sub format-string parser (see sub.h).
 */
#include "template/sub.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void add_part(struct sub_parts *out, enum sub_part_kind kind, char *text,
		     char *attr, size_t offset)
{
	XGROW(out->items, out->cap, out->n + 1);
	out->items[out->n].kind = kind;
	out->items[out->n].text = text;
	out->items[out->n].attr = attr;
	out->items[out->n].offset = offset;
	out->n++;
}

/* Appends literal text, merging with a preceding literal part. */
static void add_literal(struct sub_parts *out, const char *s, size_t len, size_t offset)
{
	struct sub_part *last = out->n ? &out->items[out->n - 1] : NULL;

	if (!len)
		return;
	if (last && last->kind == SUB_LITERAL) {
		size_t old = strlen(last->text);
		last->text = xrealloc(last->text, xsize_add(xsize_add(old, len), 1));
		memcpy(last->text + old, s, len);
		last->text[old + len] = '\0';
		return;
	}
	add_part(out, SUB_LITERAL, xstrndup(s, len), NULL, offset);
}

/* s[0..len) without surrounding blanks ("${ Name }" works): *len updated. */
static const char *trim(const char *s, size_t *len)
{
	while (*len && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* A new copy of s[0..len) without surrounding blanks. */
static char *trimmed(const char *s, size_t len)
{
	s = trim(s, &len);
	return xstrndup(s, len);
}

/* Finds the next "${...}" of fmt (len bytes) at or after *i: sets *start
 * and *inner to its content's offset and length, *i past its '}', and
 * returns the offset of its '$'; returns -1 when there is none (an
 * unterminated "${" leaves the rest literal). */
static long next_placeholder(const char *fmt, size_t len, size_t *i, size_t *start,
			     size_t *inner)
{
	while (*i < len) {
		const char *close;
		size_t at = *i;

		if (fmt[at] != '$' || fmt[at + 1] != '{') {
			(*i)++;
			continue;
		}
		close = strchr(fmt + at + 2, '}');
		if (!close)
			return -1;
		*start = at + 2;
		*inner = (size_t)(close - fmt) - *start;
		*i = (size_t)(close - fmt) + 1;
		return (long)at;
	}
	return -1;
}

void sub_parse(const char *fmt, struct sub_parts *out)
{
	size_t i = 0, lit = 0, len = strlen(fmt), start, inner;
	long at;

	out->items = NULL;
	out->n = out->cap = 0;
	while ((at = next_placeholder(fmt, len, &i, &start, &inner)) >= 0) {
		size_t close = start + inner; /* the '}' */

		add_literal(out, fmt + lit, (size_t)at - lit, lit);
		if (inner && fmt[start] == '!') {
			/* ${!X} is the literal ${X} */
			add_literal(out, "${", 2, (size_t)at);
			add_literal(out, fmt + start + 1, inner - 1, start + 1);
			add_literal(out, "}", 1, close);
		} else {
			const char *dot = memchr(fmt + start, '.', inner);
			char *name, *attr = NULL;

			if (dot) {
				name = trimmed(fmt + start, (size_t)(dot - fmt) - start);
				attr = trimmed(dot + 1, (size_t)(fmt + close - dot) - 1);
			} else {
				name = trimmed(fmt + start, inner);
			}
			add_part(out, SUB_VAR, name, attr, (size_t)at);
		}
		lit = i;
	}
	add_literal(out, fmt + lit, len - lit, lit);
}

void sub_parts_free(struct sub_parts *parts)
{
	size_t i;

	for (i = 0; i < parts->n; i++) {
		free(parts->items[i].text);
		free(parts->items[i].attr);
	}
	free(parts->items);
	parts->items = NULL;
	parts->n = parts->cap = 0;
}

void sub_each_var(const char *fmt, void (*fn)(void *ctx, const char *name, const char *attr),
		  void *ctx)
{
	size_t i = 0, len = strlen(fmt), start, inner;

	/* the same scan as sub_parse's, the literal parts left out */
	while (next_placeholder(fmt, len, &i, &start, &inner) >= 0) {
		const char *close = fmt + start + inner, *name, *attr = NULL, *dot;
		size_t nlen, alen = 0;
		char small[256], *buf;

		if (inner && fmt[start] == '!')
			continue; /* ${!X} is the literal ${X} */
		dot = memchr(fmt + start, '.', inner);
		nlen = dot ? (size_t)(dot - fmt) - start : inner;
		name = trim(fmt + start, &nlen);
		if (dot) {
			alen = (size_t)(close - dot) - 1;
			attr = trim(dot + 1, &alen);
		}
		buf = nlen + alen + 2 <= sizeof(small) ? small : xmalloc(nlen + alen + 2);
		memcpy(buf, name, nlen);
		buf[nlen] = '\0';
		if (dot) {
			memcpy(buf + nlen + 1, attr, alen);
			buf[nlen + 1 + alen] = '\0';
		}
		fn(ctx, buf, dot ? buf + nlen + 1 : NULL);
		if (buf != small)
			free(buf);
	}
}
