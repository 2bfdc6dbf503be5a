/*
 * strlist.h - a growable list of owned strings (logical ids, names).
 */
#ifndef CFN_STRLIST_H
#define CFN_STRLIST_H

#include <stddef.h>

struct strlist {
	char **items; /* owned strings */
	size_t n, cap;
};

/* Appends a copy of s. */
void strlist_add(struct strlist *l, const char *s);
/* True when l holds s. */
int strlist_has(const struct strlist *l, const char *s);
/* Appends a copy of s unless already there. */
void strlist_add_unique(struct strlist *l, const char *s);
/* Frees the strings and empties l. */
void strlist_free(struct strlist *l);

#endif
