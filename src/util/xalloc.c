/*
 * xalloc.c - allocation helpers that exit on exhaustion (see xalloc.h).
 */
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("cfn-dryrun: error: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(xsize_add(len, 1));
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

size_t xsize_add(size_t a, size_t b)
{
	if (a > (size_t)-1 - b)
		out_of_memory();
	return a + b;
}

size_t xsize_mul(size_t a, size_t b)
{
	if (b && a > (size_t)-1 / b)
		out_of_memory();
	return a * b;
}

void xgrow(void **items, size_t *cap, size_t need, size_t size)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap : 4;
	while (n < need)
		n = xsize_mul(n, 2);
	*items = xrealloc(*items, xsize_mul(n, size));
	*cap = n;
}

/* Below this, the few faults cost less than the system call. */
#define PREFAULT_MIN_BYTES ((size_t)64 * 1024)

int xprefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	static size_t page;
	uintptr_t start, end;

	if (n < PREFAULT_MIN_BYTES)
		return 0;
	if (!page) {
		long ps = sysconf(_SC_PAGESIZE);
		page = ps > 0 ? (size_t)ps : 4096;
	}
	start = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
	end = ((uintptr_t)p + n) & ~(uintptr_t)(page - 1);
	return end > start && !madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
	return 0;
#endif
}
