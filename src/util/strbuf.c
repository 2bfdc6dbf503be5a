/*
 * strbuf.c - growable strings (see strbuf.h).
 */
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRBUF_FIRST 64 /* bytes of a strbuf's first allocation */

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = strbuf_slopbuf;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = xsize_add(xsize_add(sb->len, extra), 1);
	int fresh = !sb->alloc;

	if (need <= sb->alloc)
		return;
	if (fresh) { /* a first block big enough for most strings: fewer reallocs */
		sb->alloc = need < STRBUF_FIRST ? STRBUF_FIRST : need;
		sb->buf = xmalloc(sb->alloc);
		sb->buf[0] = '\0';
		return;
	}
	xgrow((void **)&sb->buf, &sb->alloc, need, 1);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	assert(len <= sb->len);
	if (!sb->alloc)
		return; /* the slop buffer is always empty */
	sb->len = len;
	sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	if (len >= sb->alloc - sb->len) /* no room for the bytes and the NUL yet */
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 1 >= sb->alloc) /* the room for c and the NUL is not there yet */
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

static void add_ull(struct strbuf *sb, unsigned long long n)
{
	char digits[3 * sizeof(n)]; /* an unsigned long long in decimal */
	size_t i = sizeof(digits);

	do
		digits[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	strbuf_add(sb, digits + i, sizeof(digits) - i);
}

void strbuf_add_size(struct strbuf *sb, size_t n)
{
	add_ull(sb, n);
}

/* Formats into the room already there (at least 64 bytes), and a second
 * time only when the text did not fit: most texts are short. */
static void add_ll(struct strbuf *sb, long long n)
{
	if (n < 0)
		strbuf_addch(sb, '-');
	add_ull(sb, n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
}

/* Appends fmt's text when its conversions are only %s (not NULL), %c (not
 * NUL), %d, %u, %ld, %lu, %lld, %llu, %zu and %%, as printf would; returns
 * false with sb unchanged otherwise (vsnprintf then does it).  Most
 * messages and paths are of this kind, and printf costs ten times more. */
static bool simple_format(struct strbuf *sb, const char *fmt, va_list ap)
{
	size_t start = sb->len;
	const char *p = fmt, *run = fmt;

	while (*p) {
		const char *pct = strchr(p, '%');

		if (!pct) {
			p += strlen(p);
			break;
		}
		p = pct;
		strbuf_add(sb, run, (size_t)(p - run));
		p++;
		if (*p == '%') {
			strbuf_addch(sb, '%');
			p++;
		} else if (*p == 's') {
			const char *str = va_arg(ap, const char *);
			if (!str)
				goto fallback;
			strbuf_addstr(sb, str);
			p++;
		} else if (*p == 'c') {
			int c = va_arg(ap, int);
			if (!(unsigned char)c)
				goto fallback;
			strbuf_addch(sb, c);
			p++;
		} else if (*p == 'd') {
			add_ll(sb, va_arg(ap, int));
			p++;
		} else if (*p == 'u') {
			add_ull(sb, va_arg(ap, unsigned));
			p++;
		} else if (p[0] == 'z' && p[1] == 'u') {
			add_ull(sb, va_arg(ap, size_t));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'd') {
			add_ll(sb, va_arg(ap, long));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'u') {
			add_ull(sb, va_arg(ap, unsigned long));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			add_ll(sb, va_arg(ap, long long));
			p += 3;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') {
			add_ull(sb, va_arg(ap, unsigned long long));
			p += 3;
		} else {
			goto fallback;
		}
		run = p;
	}
	strbuf_add(sb, run, (size_t)(p - run));
	strbuf_grow(sb, 0); /* an empty result still has a buffer of its own */
	return true;
fallback:
	strbuf_setlen(sb, start);
	return false;
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	bool done;
	int n;

	va_copy(cp, ap);
	done = simple_format(sb, fmt, cp);
	va_end(cp);
	if (done)
		return;
	strbuf_grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n <= 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* The bytes a JSON string escapes: controls, '"' and '\\'. */
static const unsigned char json_escaped[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
	[0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1, ['\\'] = 1,
};

void strbuf_add_json_escaped(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (!json_escaped[c])
			continue;
		strbuf_add(sb, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		}
		strbuf_addstr(sb, esc);
	}
	strbuf_add(sb, s + start, len - start);
}

void strbuf_add_json_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	strbuf_add_json_escaped(sb, s, strlen(s));
	strbuf_addch(sb, '"');
}

char *xstrfmt(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}
