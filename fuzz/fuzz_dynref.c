/*
 * fuzz_dynref.c - fuzzes the dynamic-reference scanner ({{resolve:...}}):
 * every reference found lies inside the string and starts with "{{resolve:".
 */
#include "fuzz.h"

#include "aws/dynref.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	size_t len = strlen(s), i;
	struct dynref_list refs = { NULL, 0, 0 };

	dynref_scan(s, &refs);
	for (i = 0; i < refs.n; i++) {
		const struct dynref *r = &refs.items[i];

		if (r->offset > len || strncmp(s + r->offset, "{{resolve:", 10) ||
		    strncmp(s + r->offset, r->text, strlen(r->text)) || !r->name)
			abort(); /* not where it says, or not what it says */
	}
	dynref_list_free(&refs);
	free(s);
	return 0;
}
