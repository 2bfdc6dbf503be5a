/*
 * model_regex.c - the schemas' patterns, matched with PCRE2.
 *
 * Registry schemas write patterns for Java's and ECMAScript's engines:
 * \uHHHH escapes (UTF-16, surrogate pairs included), Java's POSIX-style
 * \p{Graph} classes.  translate() rewrites those into PCRE2 syntax; the
 * rest is common ground.  Compiled patterns are cached per set, every
 * match of a set shares one match context and one match data, and
 * matching runs under a match limit so that no input makes it slow.  Two
 * plain shapes (an anchored repeated class, a short run of classes) are
 * answered without PCRE2 for short ASCII subjects, where its answer is
 * provably the same.
 */
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#define MATCH_LIMIT 1000000 /* backtracking steps before a match is "not judged" */
#define DEPTH_LIMIT 10000
#define PLAIN_MAX_LEN 256 /* longest subject the plain shapes answer: far
			     below the match and depth limits */
#define PLAIN_MAX_ATOMS 4 /* classes in a run */

/* The plain shapes, on the translated pattern:
 *   PLAIN_WHOLE  "^" CLASS Q ("$" | "\Z"), or "^(" CLASS ")" Q ...: the whole
 *                subject (or all but a final newline) is min..max members;
 *   PLAIN_RUN    CLASS ["+"] CLASS ... CLASS ["+"], unanchored, "+" only on
 *                the first and the last: some n consecutive bytes are
 *                members of the n classes in order (the first's and the
 *                last's repeats add nothing to whether it matches). */
enum plain_kind { PLAIN_NONE, PLAIN_WHOLE, PLAIN_RUN };

struct plain {
	enum plain_kind kind;                  /* which shape, or none */
	uint8_t set[PLAIN_MAX_ATOMS][16];      /* ASCII members, a bit per byte */
	size_t n;                              /* classes (PLAIN_RUN) */
	unsigned long min, max;                /* repeat bounds (PLAIN_WHOLE) */
};

struct model_regex {
	char *pattern;      /* owned: the schema's pattern, the key */
	pcre2_code *code;   /* owned; NULL when PCRE2 could not compile it */
	struct plain plain; /* answered without PCRE2 when its kind is set */
	UT_hash_handle hh;  /* uthash */
};

/* What every match of a set uses: one match context and one match data
 * (whose frame vector PCRE2 allocates at its first match and keeps), not
 * one of each per pattern. */
struct model_matcher {
	pcre2_match_context *mctx; /* owned; its limits set */
	pcre2_match_data *md;      /* owned; one pair of offsets: only whether the
				      pattern matched is read */
};

/* Java's ASCII character classes and their POSIX names. */
static const struct {
	const char *java;
	const char *posix;
} java_classes[] = {
	{ "ASCII", "ascii" }, { "Alnum", "alnum" }, { "Alpha", "alpha" },
	{ "Blank", "blank" }, { "Cntrl", "cntrl" }, { "Digit", "digit" },
	{ "Graph", "graph" }, { "Lower", "lower" }, { "Print", "print" },
	{ "Punct", "punct" }, { "Space", "space" }, { "Upper", "upper" },
	{ "XDigit", "xdigit" },
};

/* Reads \uHHHH at p (p points at the backslash); returns the code unit or
 * -1 when p is not such an escape. */
static long read_u(const char *p)
{
	static const char hex[] = "0123456789abcdef";
	long v = 0;
	int i;

	if (p[0] != '\\' || p[1] != 'u')
		return -1;
	for (i = 2; i < 6; i++) {
		const char *digit = p[i] ? strchr(hex, tolower((unsigned char)p[i])) : NULL;
		if (!digit)
			return -1;
		v = v * 16 + (digit - hex);
	}
	return v;
}

static bool is_surrogate(long cp)
{
	return cp >= 0xD800 && cp <= 0xDFFF;
}

/* Writes \p{Name} / \P{Name}: Java's POSIX names become [:name:] (inside
 * a class) or [[:name:]]; Unicode properties pass through.  Returns the
 * bytes consumed. */
static size_t translate_property(struct strbuf *out, const char *p, bool in_class)
{
	const char *close = strchr(p, '}');
	bool neg = p[1] == 'P';
	size_t i, len;

	if (p[2] != '{' || !close) {
		strbuf_add(out, p, 2);
		return 2;
	}
	len = (size_t)(close - (p + 3));
	for (i = 0; i < sizeof(java_classes) / sizeof(java_classes[0]); i++) {
		if (strlen(java_classes[i].java) != len || strncmp(p + 3, java_classes[i].java, len))
			continue;
		strbuf_addf(out, in_class ? "[:%s%s:]" : "[[:%s%s:]]", neg ? "^" : "",
			    java_classes[i].posix);
		return (size_t)(close - p) + 1;
	}
	if (len > 2 && !strncmp(p + 3, "Is", 2)) { /* Java's \p{IsLatin} = \p{Latin} */
		strbuf_addf(out, "\\%c{%.*s}", p[1], (int)len - 2, p + 5);
		return (size_t)(close - p) + 1;
	}
	strbuf_add(out, p, (size_t)(close - p) + 1);
	return (size_t)(close - p) + 1;
}

/* One character-class item: a code point or a range of them. */
static void emit_range(struct strbuf *out, long lo, long hi, bool *supplementary)
{
	if (is_surrogate(lo) || is_surrogate(hi)) {
		/* UTF-16 halves stand for characters beyond U+FFFF. */
		*supplementary = true;
		if (!is_surrogate(lo) && lo < 0xD800)
			strbuf_addf(out, "\\x{%lx}-\\x{d7ff}", lo);
		if (!is_surrogate(hi) && hi > 0xDFFF)
			strbuf_addf(out, "\\x{e000}-\\x{%lx}", hi);
		return;
	}
	if (lo == hi)
		strbuf_addf(out, "\\x{%lx}", lo);
	else
		strbuf_addf(out, "\\x{%lx}-\\x{%lx}", lo, hi);
}

/* Translates a class body from p (just past '[' and any '^') to its ']';
 * returns the bytes consumed, the ']' included. */
static size_t translate_class(struct strbuf *out, const char *p)
{
	const char *start = p;
	bool supplementary = false, after_set = false;

	while (*p && *p != ']') {
		long lo = read_u(p), hi;
		bool set = false;

		if (p[0] == '-' && after_set && p[1] != ']') {
			/* "[\w-.]": Java reads a '-' after a set as a literal. */
			strbuf_addstr(out, "\\-");
			p++;
			after_set = false;
			continue;
		}

		if (lo >= 0) {
			p += 6;
			hi = lo;
			if (p[0] == '-' && (hi = read_u(p + 1)) >= 0)
				p += 7;
			else
				hi = lo;
			emit_range(out, lo, hi, &supplementary);
		} else if (p[0] == '\\' && (p[1] == 'p' || p[1] == 'P')) {
			p += translate_property(out, p, true);
			set = true;
		} else if (p[0] == '\\' && p[1]) {
			set = strchr("wWdDsShHvV", p[1]) != NULL;
			strbuf_add(out, p, 2);
			p += 2;
		} else if (p[0] == '[' && p[1] == ':') { /* a POSIX class, as written */
			const char *end = strstr(p, ":]");
			size_t n = end ? (size_t)(end - p) + 2 : 1;
			strbuf_add(out, p, n);
			p += n;
		} else {
			strbuf_addch(out, *p++);
		}
		after_set = set;
	}
	if (supplementary)
		strbuf_addstr(out, "\\x{10000}-\\x{10ffff}");
	if (*p == ']') {
		strbuf_addch(out, ']');
		p++;
	}
	return (size_t)(p - start);
}

char *model_regex_translate(const char *pattern)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = pattern;

	while (*p) {
		long u = read_u(p);

		if (u >= 0) {
			long low = read_u(p + 6);
			if (u >= 0xD800 && u <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
				strbuf_addf(&out, "\\x{%lx}",
					    0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
				p += 12;
			} else {
				strbuf_addf(&out, "\\x{%lx}", is_surrogate(u) ? 0xFFFDL : u);
				p += 6;
			}
		} else if (p[0] == '\\' && (p[1] == 'p' || p[1] == 'P')) {
			p += translate_property(&out, p, false);
		} else if (p[0] == '\\' && p[1]) {
			strbuf_add(&out, p, 2);
			p += 2;
		} else if (p[0] == '[') {
			strbuf_addch(&out, '[');
			p++;
			if (*p == '^')
				strbuf_addch(&out, *p++);
			p += translate_class(&out, p);
		} else if ((p[0] == '$' || p[0] == '^') && p[1] == '{' &&
			   strspn(p + 2, "0123456789,") && p[2 + strspn(p + 2, "0123456789,")] == '}') {
			/* Java accepts a count after an anchor ("$" "{1,128}"); it means nothing. */
			strbuf_addch(&out, p[0]);
			p += 3 + strspn(p + 2, "0123456789,");
		} else {
			strbuf_addch(&out, *p++);
		}
	}
	return strbuf_detach(&out, NULL);
}

/* Rewrites ")" "{m,n}" with a large n as ")" "{m,}": PCRE2 copies a
 * group once per count and refuses such patterns as too large.  The looser
 * pattern still judges what the group may contain (lengths have their own
 * keywords).  Returns new. */
static char *loosen_counts(const char *pattern)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = pattern;

	while (*p) {
		const char *comma;
		char *end;
		unsigned long hi;

		if (p[0] == ')' && p[1] == '{' && (comma = strchr(p + 2, ',')) &&
		    (hi = strtoul(comma + 1, &end, 10)) > 100 && *end == '}' &&
		    strspn(p + 2, "0123456789") == (size_t)(comma - p - 2)) {
			strbuf_add(&out, p, (size_t)(comma - p) + 1);
			strbuf_addch(&out, '}');
			p = end + 1;
		} else {
			strbuf_addch(&out, *p++);
		}
	}
	return strbuf_detach(&out, NULL);
}


/* ---- Plain shapes ---- */

static void set_add(uint8_t *set, unsigned lo, unsigned hi)
{
	for (unsigned c = lo; c <= hi; c++)
		set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static bool set_has(const uint8_t *set, unsigned char c)
{
	return c < 128 && (set[c >> 3] >> (c & 7)) & 1;
}

/* Reads a class "[...]" at p into set (ASCII members only; subjects
 * with other bytes never reach the plain shapes); returns the length
 * read, 0 for anything but plain members, ranges of plain characters and
 * \s \d \w or escaped punctuation. */
static size_t read_class(const char *p, uint8_t *set)
{
	const char *q = p + 1;
	bool negate = *q == '^';
	uint8_t got[16] = { 0 };

	if (*p != '[')
		return 0;
	q += negate;
	if (*q == ']')
		return 0; /* a leading ']' is a member: not handled */
	while (*q != ']') {
		unsigned char c = (unsigned char)*q;

		if (!c || c >= 128 || !isprint(c))
			return 0;
		if (c == '\\') {
			unsigned char e = (unsigned char)q[1];

			if (e == 's') {
				set_add(got, '\t', '\r');
				set_add(got, ' ', ' ');
			} else if (e == 'd') {
				set_add(got, '0', '9');
			} else if (e == 'w') {
				set_add(got, '0', '9');
				set_add(got, 'A', 'Z');
				set_add(got, 'a', 'z');
				set_add(got, '_', '_');
			} else if (e && e < 128 && ispunct(e)) {
				set_add(got, e, e);
			} else {
				return 0;
			}
			q += 2;
			if (*q == '-' && q[1] != ']')
				return 0; /* a range from an escape */
			continue;
		}
		if (c == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '='))
			return 0; /* a POSIX class */
		if (q[1] == '-' && q[2] != ']') {
			unsigned char hi = (unsigned char)q[2];

			if (!hi || hi >= 128 || !isprint(hi) || hi == '\\' || hi == '[' || hi < c)
				return 0;
			set_add(got, c, hi);
			q += 3;
			continue;
		}
		set_add(got, c, c);
		q++;
	}
	for (int i = 0; i < 16; i++)
		set[i] = negate ? (uint8_t)~got[i] : got[i];
	return (size_t)(q + 1 - p);
}

/* Reads a repeat ("", "+", "*", "{m}", "{m,}", "{m,n}") at *p; false for a
 * lazy or possessive one or any other. */
static bool read_repeat(const char **p, unsigned long *min, unsigned long *max)
{
	const char *q = *p;
	char *end;

	*min = *max = 1;
	if (*q == '+' || *q == '*') {
		*min = *q == '+';
		*max = ULONG_MAX;
		q++;
	} else if (*q == '{') {
		if (!isdigit((unsigned char)q[1]))
			return false;
		*min = *max = strtoul(q + 1, &end, 10);
		if (*end == ',' && isdigit((unsigned char)end[1])) {
			*max = strtoul(end + 1, &end, 10);
		} else if (*end == ',') {
			*max = ULONG_MAX;
			end++;
		}
		if (*end != '}' || *min > *max)
			return false;
		q = end + 1;
	}
	if (*q == '?' || *q == '+')
		return false;
	*p = q;
	return true;
}

/* Recognises a plain shape in the translated pattern t. */
static void plain_read(const char *t, struct plain *pl)
{
	uint32_t nl = 0;
	size_t len;

	pl->kind = PLAIN_NONE;
	/* "$" and "\Z" also match before a final newline: the LF convention */
	if (pcre2_config(PCRE2_CONFIG_NEWLINE, &nl) < 0 || nl != PCRE2_NEWLINE_LF)
		return;
	if (*t == '^') {
		bool group = t[1] == '(' && t[2] == '[';
		const char *q = t + 1 + group;

		if (!(len = read_class(q, pl->set[0])))
			return;
		q += len;
		if (group && *q++ != ')')
			return;
		if (!read_repeat(&q, &pl->min, &pl->max))
			return;
		if (strcmp(q, "$") && strcmp(q, "\\Z"))
			return;
		pl->kind = PLAIN_WHOLE;
		return;
	}
	for (pl->n = 0; *t; pl->n++) {
		if (pl->n == PLAIN_MAX_ATOMS || !(len = read_class(t, pl->set[pl->n])))
			return;
		t += len;
		if (*t == '+') {
			t++;
			if (pl->n && *t) /* a repeat in the middle: not handled */
				return;
		}
	}
	if (pl->n)
		pl->kind = PLAIN_RUN;
}

/* 1 or 0 for a subject a plain shape answers, -2 for one PCRE2 must. */
static int plain_match(const struct plain *pl, const char *s)
{
	size_t len = 0, run = 0;

	for (; s[len]; len++)
		if ((unsigned char)s[len] >= 128 || len == PLAIN_MAX_LEN)
			return -2;
	if (pl->kind == PLAIN_WHOLE) {
		while (run < len && set_has(pl->set[0], (unsigned char)s[run]))
			run++;
		if (run == len && pl->min <= len && len <= pl->max)
			return 1;
		return len && s[len - 1] == '\n' && run >= len - 1 && pl->min <= len - 1 &&
		       len - 1 <= pl->max;
	}
	for (size_t i = 0; i + pl->n <= len; i++) {
		size_t j = 0;

		while (j < pl->n && set_has(pl->set[j], (unsigned char)s[i + j]))
			j++;
		if (j == pl->n)
			return 1;
	}
	return 0;
}

static struct model_regex *compile(struct model_set *ms, const char *pattern)
{
	struct model_regex *r;
	char *pcre_pattern;
	int err;
	PCRE2_SIZE off;

	HASH_FIND_STR(ms->regex, pattern, r);
	if (r)
		return r;
	r = xcalloc(1, sizeof(*r));
	r->pattern = xstrdup(pattern);
	pcre_pattern = model_regex_translate(pattern);
	r->code = pcre2_compile((PCRE2_SPTR)pcre_pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
				&err, &off, NULL);
	if (r->code)
		plain_read(pcre_pattern, &r->plain);
	if (!r->code && err == PCRE2_ERROR_PATTERN_TOO_LARGE) {
		char *loose = loosen_counts(pcre_pattern);
		r->code = pcre2_compile((PCRE2_SPTR)loose, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
					&err, &off, NULL);
		free(loose);
	}
	free(pcre_pattern);
	HASH_ADD_KEYPTR(hh, ms->regex, r->pattern, strlen(r->pattern), r);
	return r;
}

int model_regex_match(struct model_set *ms, const char *pattern, const char *s)
{
	struct model_regex *r = compile(ms, pattern);
	struct model_matcher *mm = ms->matcher;
	int rc;

	if (!r->code)
		return -1;
	if (r->plain.kind != PLAIN_NONE && (rc = plain_match(&r->plain, s)) != -2)
		return rc;
	if (!mm)
		mm = ms->matcher = xcalloc(1, sizeof(*mm));
	if (!mm->mctx) {
		mm->mctx = pcre2_match_context_create(NULL);
		if (!mm->mctx)
			return -1;
		pcre2_set_match_limit(mm->mctx, MATCH_LIMIT);
		pcre2_set_depth_limit(mm->mctx, DEPTH_LIMIT);
	}
	if (!mm->md) {
		mm->md = pcre2_match_data_create(1, NULL);
		if (!mm->md)
			return -1;
	}
	/* 0 (a match whose groups did not fit the one pair) is a match too */
	rc = pcre2_match(r->code, (PCRE2_SPTR)s, strlen(s), 0, 0, mm->md, mm->mctx);
	if (rc >= 0)
		return 1;
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

void model_regex_free(struct model_set *ms)
{
	struct model_regex *r, *tmp;

	HASH_ITER(hh, ms->regex, r, tmp) {
		HASH_DEL(ms->regex, r);
		pcre2_code_free(r->code);
		free(r->pattern);
		free(r);
	}
	if (ms->matcher) {
		pcre2_match_data_free(ms->matcher->md);
		pcre2_match_context_free(ms->matcher->mctx);
		free(ms->matcher);
		ms->matcher = NULL;
	}
}
