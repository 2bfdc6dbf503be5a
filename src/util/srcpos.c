/*
 * srcpos.c - the process-wide table of source file names.
 */
#include "util/srcpos.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static char **names; /* names[i - 1] is file i */
static size_t n_names, cap_names;

uint32_t srcfile_add(const char *name)
{
	size_t i;

	for (i = 0; i < n_names; i++)
		if (!strcmp(names[i], name))
			return (uint32_t)(i + 1);
	XGROW(names, cap_names, n_names + 1);
	names[n_names++] = xstrdup(name);
	return (uint32_t)n_names;
}

const char *srcfile_name(uint32_t i)
{
	if (i == 0 || i > n_names)
		return "";
	return names[i - 1];
}

void srcfile_reset(void)
{
	size_t i;

	for (i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	names = NULL;
	n_names = cap_names = 0;
}
