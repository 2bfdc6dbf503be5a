/*
 * xalloc.h - allocation helpers that never return NULL.
 *
 * Running out of memory is the one condition cfn-dryrun does not recover
 * from: these print "cfn-dryrun: out of memory" and exit with status 2 (an
 * input too large to handle).  Size arithmetic on input-derived lengths goes
 * through xsize_add/xsize_mul, which treat overflow the same way.
 */
#ifndef CFN_XALLOC_H
#define CFN_XALLOC_H

#include <stddef.h>

/* Returns new memory of n bytes (n may be 0). */
void *xmalloc(size_t n);
/* Returns new zeroed memory for count items of size bytes. */
void *xcalloc(size_t count, size_t size);
/* Takes p, returns it resized to n bytes (may move). */
void *xrealloc(void *p, size_t n);
/* Returns a new copy of the NUL-terminated s. */
char *xstrdup(const char *s);
/* Returns a new NUL-terminated copy of the first len bytes of s. */
char *xstrndup(const char *s, size_t len);
/* a + b, exiting as out of memory on overflow. */
size_t xsize_add(size_t a, size_t b);
/* a * b, exiting as out of memory on overflow. */
size_t xsize_mul(size_t a, size_t b);
/* Grows *items (of *cap elements of size bytes) to hold at least need. */
void xgrow(void **items, size_t *cap, size_t need, size_t size);

/* Asks the kernel to map the whole pages inside the n bytes at p (borrowed,
 * writable memory) in one call, instead of one page fault per page at its
 * first write.  A hint only: returns 1 when the pages were mapped, 0 when
 * they are left to be faulted in as usual (n under 64 KiB, or a kernel or
 * C library without MADV_POPULATE_WRITE). */
int xprefault(void *p, size_t n);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
