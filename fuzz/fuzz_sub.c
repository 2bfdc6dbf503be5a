/*
 * fuzz_sub.c - fuzzes the Fn::Sub format parser: any string splits into
 * parts whose offsets stay inside it, literal parts never empty.
 */
#include "fuzz.h"

#include "template/sub.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *fmt = xstrndup((const char *)data, size); /* stops at a NUL, as a value would */
	size_t len = strlen(fmt), i;
	struct sub_parts parts = { NULL, 0, 0 };

	sub_parse(fmt, &parts);
	for (i = 0; i < parts.n; i++)
		if (parts.items[i].offset > len || !parts.items[i].text)
			abort(); /* a part outside the string, or without text */
	sub_parts_free(&parts);
	free(fmt);
	return 0;
}
