/*
 * model_line_check.h - the strict JSON checker behind model_line.c: the
 * subset a generated model line is read in (RFC 8259 restricted to ASCII,
 * without NUL or surrogate escapes), its scanners for strings, numbers and
 * literals, and the "defs" object's checker that records its members (and
 * refuses duplicate keys).  Internal to src/model.
 */
#ifndef CFN_MODEL_LINE_CHECK_H
#define CFN_MODEL_LINE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Deeper nesting goes to load_buffer (its limits then apply exactly as
 * before). */
#define FAST_MAX_DEPTH 100

struct lazy_def {
	size_t key, key_len; /* the name's opening quote and length, in text */
	size_t off, len;     /* its value, in text */
	bool done;           /* built (or removed by schema_ignore) */
};

struct line_span {
	size_t at, len; /* a key, in the checked bytes */
};

/* The strict checker of the "defs" object (no allocation besides its two
 * stacks). */
struct line_check {
	const char *s, *end;   /* the bytes */
	struct line_span *keys;     /* the keys of the open objects, stacked */
	size_t n_keys, cap_keys;
	size_t defs_off;       /* the top-level "defs" value's offset */
	size_t defs_len;       /* and length; 0 when none */
	struct lazy_def *defs; /* the members of that value */
	size_t n_defs, cap_defs;
};

/* Past the blanks at p (the bytes end with a NUL at end, where this stops
 * at the latest). */
static inline const char *model_line_blank(const char *p, const char *end)
{
	(void)end;
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The four hex digits at s (n bytes available) as a number, or -1. */
long model_line_hex4(const char *s, size_t n);
/* A string at p (ASCII from 0x20, escapes but \u0000 and surrogates);
 * returns the byte past it, or NULL.  *plain when it has no escape. */
const char *model_line_string(const char *p, const char *end, bool *plain);
/* A JSON number at p; returns the byte past it, or NULL. */
const char *model_line_number(const char *p, const char *end);
/* word (n bytes) at p; returns the byte past it, or NULL. */
const char *model_line_literal(const char *p, const char *end, const char *word, size_t n);
/* Checks the value at p (depth counts from the checked value: the line, or
 * one definition) into c: returns the byte past it, or NULL. */
const char *model_line_check_value(struct line_check *c, const char *p, int depth);

#endif
