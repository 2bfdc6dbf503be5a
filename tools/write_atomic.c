/*
 * write_atomic.c - a model tool's output file written through a temporary
 * file renamed into place (see write_atomic.h).
 */
#include "write_atomic.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tool_write_atomic(const char *prog, const char *path, const char *buf, size_t len)
{
	char *tmp = xstrfmt("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int rc = 0;

	if (!f || fwrite(buf, 1, len, f) != len)
		rc = -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return rc;
}
