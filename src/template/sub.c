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

void sub_parse(const char *fmt, struct sub_parts *out)
{
	size_t i = 0, lit = 0, len = strlen(fmt);

	out->items = NULL;
	out->n = out->cap = 0;
	while (i < len) {
		const char *close;
		size_t start, inner;

		if (fmt[i] != '$' || fmt[i + 1] != '{') {
			i++;
			continue;
		}
		close = strchr(fmt + i + 2, '}');
		if (!close)
			break; /* unterminated: the rest is literal */
		add_literal(out, fmt + lit, i - lit, lit);
		start = i + 2;
		inner = (size_t)(close - fmt) - start;
		if (inner && fmt[start] == '!') {
			/* ${!X} is the literal ${X} */
			add_literal(out, "${", 2, i);
			add_literal(out, fmt + start + 1, inner - 1, start + 1);
			add_literal(out, "}", 1, (size_t)(close - fmt));
		} else {
			const char *dot = memchr(fmt + start, '.', inner);
			char *name, *attr = NULL;

			if (dot) {
				name = trimmed(fmt + start, (size_t)(dot - fmt) - start);
				attr = trimmed(dot + 1, (size_t)(close - dot) - 1);
			} else {
				name = trimmed(fmt + start, inner);
			}
			add_part(out, SUB_VAR, name, attr, i);
		}
		i = lit = (size_t)(close - fmt) + 1;
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
	size_t i = 0, len = strlen(fmt);

	/* the same scan as sub_parse's, the literal parts left out */
	while (i < len) {
		const char *close, *name, *attr = NULL, *dot;
		size_t start, inner, nlen, alen = 0;
		char small[256], *buf;

		if (fmt[i] != '$' || fmt[i + 1] != '{') {
			i++;
			continue;
		}
		close = strchr(fmt + i + 2, '}');
		if (!close)
			break; /* unterminated: the rest is literal */
		start = i + 2;
		inner = (size_t)(close - fmt) - start;
		i = (size_t)(close - fmt) + 1;
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
