/*
 * load_json.c - a strict RFC 8259 JSON parser producing value trees.
 *
 * Written by hand rather than through libyaml because JSON templates must be
 * read as JSON (duplicate keys, escapes and numbers follow JSON rules) and
 * every value needs its line and column.  Recursion is bounded by
 * LOAD_MAX_DEPTH.  The input was already checked for NUL bytes and UTF-8.
 */
#include "load/load.h"
#include "util/strbuf.h"
#include "value/value_arena.h"
#include "value/value_scratch.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct json_parser {
	struct value_arena *arena; /* where the tree is built */
	struct strbuf text; /* the string or number being read */
	const char *s;      /* input (borrowed) */
	size_t len;         /* input length */
	size_t i;           /* read offset */
	uint32_t file;      /* srcpos file index */
	uint32_t line, col; /* position of s[i] */
	unsigned depth;     /* current nesting */
	size_t n_nodes;     /* keys and values begun so far (LOAD_MAX_NODES) */
	struct diag_list *dl;
	int failed;         /* an error was reported */
	struct value_scratch scratch; /* children of the open objects and arrays */
};

static struct srcpos here(const struct json_parser *p)
{
	return srcpos_make(p->file, p->line, p->col);
}

static void fail(struct json_parser *p, struct srcpos pos, const char *msg)
{
	if (!p->failed)
		diag_error(p->dl, pos, "%s", msg);
	p->failed = 1;
}

/* Advances one byte, keeping line/column (columns count characters). */
static void advance(struct json_parser *p)
{
	unsigned char c = (unsigned char)p->s[p->i++];

	if (c == '\n')
		p->line++, p->col = 1;
	else if ((c & 0xC0) != 0x80)
		p->col++;
}

static int peek(const struct json_parser *p)
{
	return p->i < p->len ? (unsigned char)p->s[p->i] : -1;
}

static void skip_ws(struct json_parser *p)
{
	int c;

	while ((c = peek(p)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		advance(p);
}

static void describe_unexpected(struct json_parser *p, const char *expected)
{
	struct strbuf sb = STRBUF_INIT;
	int c = peek(p);

	if (c < 0)
		strbuf_addf(&sb, "unexpected end of input; expected %s", expected);
	else if (c >= 0x20 && c < 0x7F)
		strbuf_addf(&sb, "unexpected '%c'; expected %s", c, expected);
	else
		strbuf_addf(&sb, "unexpected byte 0x%02X; expected %s", c, expected);
	fail(p, here(p), sb.buf);
	strbuf_release(&sb);
}

static struct value *parse_value(struct json_parser *p);

/* Counts one more key or value; true (after reporting) past LOAD_MAX_NODES. */
static int too_many(struct json_parser *p, struct srcpos at)
{
	struct strbuf sb = STRBUF_INIT;

	if (++p->n_nodes <= LOAD_MAX_NODES)
		return 0;
	strbuf_addf(&sb, "more than %zu keys and values in one file", LOAD_MAX_NODES);
	fail(p, at, sb.buf);
	strbuf_release(&sb);
	return 1;
}

static int hex4(struct json_parser *p, unsigned long *out)
{
	unsigned long v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		int c = peek(p);
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else {
			fail(p, here(p), "invalid \\u escape: expected 4 hex digits");
			return -1;
		}
		advance(p);
	}
	*out = v;
	return 0;
}

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

/* Parses a \uXXXX escape (the backslash, written at at, and 'u' already
 * consumed). */
static int unicode_escape(struct json_parser *p, struct srcpos at, struct strbuf *sb)
{
	unsigned long cp, lo;

	if (hex4(p, &cp) < 0)
		return -1;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (peek(p) != '\\' || p->i + 1 >= p->len || p->s[p->i + 1] != 'u') {
			fail(p, at, "invalid \\u escape: unpaired surrogate");
			return -1;
		}
		advance(p);
		advance(p);
		if (hex4(p, &lo) < 0)
			return -1;
		if (lo < 0xDC00 || lo > 0xDFFF) {
			fail(p, at, "invalid \\u escape: unpaired surrogate");
			return -1;
		}
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		fail(p, at, "invalid \\u escape: unpaired surrogate");
		return -1;
	} else if (cp == 0) {
		fail(p, at, "\\u0000 (NUL) in a string is not supported");
		return -1;
	}
	add_utf8(sb, cp);
	return 0;
}

/* Parses a string at p->i (which is '"') into p->text; returns 0, or -1
 * after reporting. */
static int parse_string_raw(struct json_parser *p)
{
	struct strbuf *sb = &p->text;
	struct srcpos start = here(p);

	strbuf_reset(sb);
	advance(p); /* opening quote */
	for (;;) {
		int c;
		struct srcpos at;
		size_t run = p->i;

		/* a run of plain characters in one go (no newline among them) */
		while (run < p->len && (unsigned char)p->s[run] >= 0x20 && p->s[run] != '"' &&
		       p->s[run] != '\\')
			if (((unsigned char)p->s[run++] & 0xC0) != 0x80)
				p->col++;
		strbuf_add(sb, p->s + p->i, run - p->i);
		p->i = run;
		c = peek(p);
		at = here(p);

		if (c < 0) {
			fail(p, start, "unterminated string");
			break;
		}
		if (c == '"') {
			advance(p);
			return 0;
		}
		if (c < 0x20) {
			fail(p, at, "control character in string (must be escaped)");
			break;
		}
		if (c != '\\') {
			strbuf_addch(sb, c);
			advance(p);
			continue;
		}
		advance(p);
		c = peek(p);
		if (c >= 0)
			advance(p);
		switch (c) {
		case '"': strbuf_addch(sb, '"'); continue;
		case '\\': strbuf_addch(sb, '\\'); continue;
		case '/': strbuf_addch(sb, '/'); continue;
		case 'b': strbuf_addch(sb, '\b'); continue;
		case 'f': strbuf_addch(sb, '\f'); continue;
		case 'n': strbuf_addch(sb, '\n'); continue;
		case 'r': strbuf_addch(sb, '\r'); continue;
		case 't': strbuf_addch(sb, '\t'); continue;
		case 'u':
			if (unicode_escape(p, at, sb) < 0)
				goto out;
			continue;
		default:
			fail(p, at, "invalid escape in string");
			goto out;
		}
	}
out:
	return -1;
}

static struct value *parse_number(struct json_parser *p)
{
	struct srcpos at = here(p);
	size_t start = p->i;
	char *text;
	struct value *v;

	if (peek(p) == '-')
		advance(p);
	if (peek(p) == '0') {
		advance(p);
	} else if (peek(p) >= '1' && peek(p) <= '9') {
		while (peek(p) >= '0' && peek(p) <= '9')
			advance(p);
	} else {
		describe_unexpected(p, "a digit");
		return NULL;
	}
	if (peek(p) == '.') {
		advance(p);
		if (!(peek(p) >= '0' && peek(p) <= '9')) {
			describe_unexpected(p, "a digit after '.'");
			return NULL;
		}
		while (peek(p) >= '0' && peek(p) <= '9')
			advance(p);
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		advance(p);
		if (peek(p) == '+' || peek(p) == '-')
			advance(p);
		if (!(peek(p) >= '0' && peek(p) <= '9')) {
			describe_unexpected(p, "a digit in the exponent");
			return NULL;
		}
		while (peek(p) >= '0' && peek(p) <= '9')
			advance(p);
	}
	strbuf_reset(&p->text);
	strbuf_add(&p->text, p->s + start, p->i - start);
	text = p->text.buf;
	v = value_number_in(p->arena, at, strtod(text, NULL), text);
	return v;
}

static int literal(struct json_parser *p, const char *word)
{
	size_t n = strlen(word), k;

	if (p->len - p->i < n || memcmp(p->s + p->i, word, n))
		return 0;
	for (k = 0; k < n; k++)
		advance(p);
	return 1;
}

static struct value *parse_object(struct json_parser *p)
{
	struct value *map = value_map_in(p->arena, here(p));
	struct value_scratch_mark mark;

	advance(p); /* '{' */
	skip_ws(p);
	if (peek(p) == '}') {
		advance(p);
		return map;
	}
	value_scratch_open(&p->scratch, &mark);
	for (;;) {
		struct srcpos key_pos;
		struct value *val;
		char *key;

		skip_ws(p);
		if (peek(p) != '"') {
			describe_unexpected(p, "a string key");
			break;
		}
		key_pos = here(p);
		if (too_many(p, key_pos))
			break;
		if (parse_string_raw(p) < 0)
			break;
		key = value_arena_strndup(p->arena, p->text.buf, p->text.len);
		skip_ws(p);
		if (peek(p) != ':') {
			describe_unexpected(p, "':'");
			break;
		}
		advance(p);
		val = parse_value(p);
		if (!val)
			break;
		if (!value_scratch_add(&p->scratch, &mark, key, key_pos, val)) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "duplicate key \"%s\"", key);
			fail(p, key_pos, sb.buf);
			strbuf_release(&sb);
			value_free(val);
			break;
		}
		skip_ws(p);
		if (peek(p) == ',') {
			advance(p);
			continue;
		}
		if (peek(p) == '}') {
			advance(p);
			value_scratch_close(&p->scratch, &mark, map); /* at exact size */
			return map;
		}
		describe_unexpected(p, "',' or '}'");
		break;
	}
	value_scratch_close(&p->scratch, &mark, NULL);
	value_free(map);
	return NULL;
}

static struct value *parse_array(struct json_parser *p)
{
	struct value *list = value_list_in(p->arena, here(p));
	struct value_scratch_mark mark;

	advance(p); /* '[' */
	skip_ws(p);
	if (peek(p) == ']') {
		advance(p);
		return list;
	}
	value_scratch_open(&p->scratch, &mark);
	for (;;) {
		struct value *item = parse_value(p);

		if (!item)
			break;
		value_scratch_push(&p->scratch, item);
		skip_ws(p);
		if (peek(p) == ',') {
			advance(p);
			continue;
		}
		if (peek(p) == ']') {
			advance(p);
			value_scratch_close(&p->scratch, &mark, list); /* at exact size */
			return list;
		}
		describe_unexpected(p, "',' or ']'");
		break;
	}
	value_scratch_close(&p->scratch, &mark, NULL);
	value_free(list);
	return NULL;
}

static struct value *parse_value(struct json_parser *p)
{
	struct srcpos at;
	struct value *v = NULL;
	int c;

	skip_ws(p);
	at = here(p);
	c = peek(p);
	if (too_many(p, at))
		return NULL;
	if (c == '{' || c == '[') {
		if (++p->depth > LOAD_MAX_DEPTH) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "nesting deeper than %d levels", LOAD_MAX_DEPTH);
			fail(p, at, sb.buf);
			strbuf_release(&sb);
			return NULL;
		}
		v = c == '{' ? parse_object(p) : parse_array(p);
		p->depth--;
		return v;
	}
	if (c == '"') {
		if (parse_string_raw(p) < 0)
			return NULL;
		return value_string_in(p->arena, at, p->text.buf, p->text.len);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p);
	if (literal(p, "true"))
		return value_bool_in(p->arena, at, true);
	if (literal(p, "false"))
		return value_bool_in(p->arena, at, false);
	if (literal(p, "null"))
		return value_null_in(p->arena, at);
	describe_unexpected(p, "a JSON value");
	return NULL;
}

struct value *load_json(struct value_arena *a, uint32_t file, const char *buf,
			size_t len, struct diag_list *dl)
{
	struct json_parser p = { a, STRBUF_INIT, buf, len, 0, file, 1, 1, 0, 0, dl, 0,
				 VALUE_SCRATCH_INIT };
	struct value *v = parse_value(&p);

	strbuf_release(&p.text);
	value_scratch_release(&p.scratch);
	if (!v)
		return NULL;
	skip_ws(&p);
	if (p.i < p.len) {
		describe_unexpected(&p, "end of input after the top-level value");
		value_free(v);
		return NULL;
	}
	return v;
}
