/*
 * diag.h - diagnostics about unusable input (exit status 2).
 *
 * Loaders and option parsing append errors to a diag list instead of
 * printing or exiting; main prints them in GNU form
 * ("FILE:LINE:COLUMN: error: MESSAGE").  Predictions about the deployment
 * are not diagnostics: they are findings in the engine's result.
 */
#ifndef CFN_DIAG_H
#define CFN_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "util/srcpos.h"

enum diag_level {
	DIAG_INVALID = 0,
	DIAG_ERROR,   /* the input cannot be used */
	DIAG_WARNING, /* the input is used, but something in it was ignored */
};

/* Stored messages stop here; later ones are only counted. */
#define DIAG_MAX_STORED 50

struct diag {
	enum diag_level level; /* error or warning */
	struct srcpos pos;     /* where; file 0 = no file */
	char *message;         /* owned */
};

struct diag_list {
	struct diag *items; /* stored diagnostics, in order */
	size_t n, cap;      /* stored count and capacity */
	size_t n_errors;    /* errors seen, stored or not */
	size_t n_dropped;   /* diagnostics past DIAG_MAX_STORED */
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

/* Appends an error at pos. */
void diag_error(struct diag_list *dl, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends a warning at pos. */
void diag_warning(struct diag_list *dl, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends a diagnostic from a va_list. */
void diag_vadd(struct diag_list *dl, enum diag_level level, struct srcpos pos,
	       const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
/* Prints every stored diagnostic GNU style, then "N more" if some were dropped. */
void diag_print(const struct diag_list *dl, FILE *out);
/* Returns the first stored error's message (borrowed) or NULL. */
const char *diag_first_error(const struct diag_list *dl);
/* Frees the stored diagnostics and empties the list. */
void diag_clear(struct diag_list *dl);

#endif
