/*
 * strbuf.h - growable NUL-terminated byte strings (after git's strbuf).
 *
 * Invariants: buf is never NULL once initialised with STRBUF_INIT or
 * strbuf_init; buf[len] is always '\0'; alloc is private.  Allocation
 * failure exits (see xalloc.h), so appends cannot fail.
 */
#ifndef CFN_STRBUF_H
#define CFN_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc; /* bytes allocated for buf; 0 while buf is the shared slop */
	size_t len;   /* bytes used, not counting the final NUL */
	char *buf;    /* the bytes, always NUL-terminated */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

/* --- Life cycle --- */

/* Initialises sb empty. */
void strbuf_init(struct strbuf *sb);
/* Frees sb's buffer and leaves it as if freshly STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Returns sb's buffer (new, for the caller to free) and resets sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Makes sure at least extra more bytes fit without reallocating. */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Truncates sb to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

/* --- Adding data --- */

/* Appends len bytes from data. */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
/* Appends the NUL-terminated s. */
void strbuf_addstr(struct strbuf *sb, const char *s);
/* Appends one byte. */
void strbuf_addch(struct strbuf *sb, int c);
/* Appends n in decimal, without printf (path builders call it per value). */
void strbuf_add_size(struct strbuf *sb, size_t n);
/* Appends printf-formatted text. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends printf-formatted text from a va_list. */
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends s as the body of a JSON string (escaped, no quotes). */
void strbuf_add_json_escaped(struct strbuf *sb, const char *s, size_t len);
/* Appends s as a quoted JSON string. */
void strbuf_add_json_string(struct strbuf *sb, const char *s);

/* Returns a new string made from printf-formatted text. */
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
