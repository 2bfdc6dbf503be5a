/*
 * strlist.c - lists of owned strings (see strlist.h).
 */
#include "util/strlist.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void strlist_add(struct strlist *l, const char *s)
{
	XGROW(l->items, l->cap, l->n + 1);
	l->items[l->n++] = xstrdup(s);
}

int strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return 1;
	return 0;
}

void strlist_add_unique(struct strlist *l, const char *s)
{
	if (!strlist_has(l, s))
		strlist_add(l, s);
}

void strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}
