/*
 * value_arena.c - chunked bump allocation for loaded value trees.
 *
 * An arena is a list of CHUNK-byte chunks, each aligned to CHUNK with a
 * header naming its arena, plus a list of big blocks.  Allocation bumps a
 * pointer; nothing is freed until the whole arena is.  With ASan, the free
 * part of a chunk stays poisoned and every allocation is followed by at
 * least REDZONE poisoned bytes.
 */
#include "value/value_arena.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE 16 /* poisoned bytes after every allocation */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define CHUNK ((size_t)16384)  /* chunk size and alignment, a power of two */
#define BIG (CHUNK / 4)        /* larger requests get their own block */
#define SLAB 8                 /* chunks allocated at once past the first SLAB */
#define PREFAULT_MIN ((size_t)256 * 1024) /* a region expected this large is mapped
					     with its pages at once */
#define HUGE ((size_t)2 << 20)      /* a transparent huge page */
#define HUGE_MIN ((size_t)4 << 20) /* a region expected this large goes on huge
				       pages: below it the gain is within noise, and a
				       kernel short of free huge pages may compact */

struct chunk {
	struct value_arena *arena; /* owner, found by masking a node's address */
	struct chunk *next;        /* older chunk */
	char *cur;                 /* first free byte */
	char *end;                 /* end of the chunk */
	size_t slab;               /* chunks in the block this one starts (freed
				      with it), 0 for the others of that block */
};

struct big {
	struct big *next; /* older big block */
	size_t pad;       /* keeps the payload 16-aligned */
};

struct value_arena {
	struct chunk *chunks; /* newest first; allocation happens in the first */
	struct big *bigs;     /* separate blocks */
	size_t n_chunks;      /* chunks in use */
	char *reserve;        /* the next unused chunk of the last block, or NULL */
	size_t n_reserve;     /* unused chunks from reserve on */
	char *region;         /* chunks mapped at once (value_arena_new_sized), or NULL */
	size_t region_size;   /* its bytes */
};

#define HEADER ((sizeof(struct chunk) + 15) & ~(size_t)15)

/* A chunk for a: one block per chunk for a small file's first few, then
 * blocks of SLAB chunks (fewer allocations, and none of the alignment
 * gaps that aligned blocks leave between them). */
static struct chunk *new_chunk(struct value_arena *a)
{
	size_t n = a->n_chunks < SLAB ? 1 : SLAB;
	struct chunk *c;

	if (a->n_reserve) {
		c = (struct chunk *)a->reserve;
		c->slab = 0;
		a->reserve += CHUNK;
		a->n_reserve--;
	} else {
		c = aligned_alloc(CHUNK, n * CHUNK);
		if (!c) {
			fputs("cfn-dryrun: error: out of memory\n", stderr);
			exit(2);
		}
		c->slab = n;
		a->reserve = (char *)c + CHUNK;
		a->n_reserve = n - 1;
	}
	a->n_chunks++;
	c->arena = a;
	c->next = a->chunks;
	c->cur = (char *)c + HEADER;
	c->end = (char *)c + CHUNK;
	POISON(c->cur, (size_t)(c->end - c->cur));
	a->chunks = c;
	return c;
}

#if !defined(ARENA_ASAN) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE) && \
	defined(__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels refuse it (EINVAL) */
#endif
/* Maps a region of at least bytes on transparent huge pages, aligned to
 * HUGE: the kernel clears one 2 MiB page in a fraction of the time it takes
 * to fault in its 512 small ones, and the tree's walks miss the TLB less.
 * Returns the region (*size receives its bytes) or NULL. */
static char *map_huge(size_t bytes, size_t *size)
{
	size_t len = (bytes + HUGE - 1) & ~(HUGE - 1), head;
	char *p = mmap(NULL, len + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	char *start;

	if (p == MAP_FAILED)
		return NULL;
	head = (HUGE - ((uintptr_t)p & (HUGE - 1))) & (HUGE - 1);
	start = p + head;
	if (head)
		munmap(p, head);
	munmap(start + len, HUGE - head);
	madvise(start, len, MADV_HUGEPAGE);
	madvise(start, len, MADV_POPULATE_WRITE); /* a hint: without it, faults fill it */
	*size = len;
	return start;
}
#define HAVE_MAP_HUGE 1
#endif

/* Maps n chunks for a, aligned and with their pages present (one system
 * call instead of a page fault per page), as a's reserve; a large region
 * goes on huge pages.  Without it (no memory, or a sanitizer build, whose
 * use-after-free checks need malloc's blocks) the chunks come from malloc
 * as usual. */
static void map_region(struct value_arena *a, size_t n)
{
#if !defined(ARENA_ASAN) && defined(MAP_POPULATE) && defined(MAP_ANONYMOUS)
	size_t bytes = n * CHUNK, head;
#ifdef HAVE_MAP_HUGE
	if (bytes >= HUGE_MIN) {
		size_t size;
		char *start = map_huge(bytes, &size);

		if (start) {
			a->region = a->reserve = start;
			a->region_size = size;
			a->n_reserve = size / CHUNK;
			return;
		}
	}
#endif
	char *p = mmap(NULL, bytes + CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	char *start;

	if (p == MAP_FAILED)
		return;
	head = (CHUNK - ((uintptr_t)p & (CHUNK - 1))) & (CHUNK - 1);
	start = p + head;
	if (head)
		munmap(p, head);
	munmap(start + bytes, CHUNK - head);
	if (mmap(start, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0) == MAP_FAILED) {
		munmap(start, bytes);
		return;
	}
	a->region = start;
	a->region_size = bytes;
	a->reserve = start;
	a->n_reserve = n;
#else
	(void)a;
	(void)n;
#endif
}

struct value_arena *value_arena_new_sized(size_t expect)
{
	struct value_arena *a = xcalloc(1, sizeof(*a));

	if (expect >= PREFAULT_MIN)
		map_region(a, (expect + CHUNK - 1) / CHUNK);
	new_chunk(a);
	return a;
}

struct value_arena *value_arena_new(void)
{
	return value_arena_new_sized(0);
}

void value_arena_free(struct value_arena *a)
{
	struct chunk *c, *cn;
	struct big *b, *bn;

	if (!a)
		return;
	/* newest first: a block's later chunks come before its first */
	for (c = a->chunks; c; c = cn) {
		cn = c->next;
		if (c->slab) {
			UNPOISON(c, c->slab * CHUNK);
			free(c);
		}
	}
	for (b = a->bigs; b; b = bn) {
		bn = b->next;
		free(b);
	}
	if (a->region)
		munmap(a->region, a->region_size);
	free(a);
}

void *value_arena_alloc_small(struct value_arena *a, size_t n)
{
	struct chunk *c = a->chunks;
	size_t need = (n + REDZONE + 7) & ~(size_t)7;
	char *p;

	if ((size_t)(c->end - c->cur) < need)
		c = new_chunk(a);
	p = c->cur;
	c->cur += need;
	UNPOISON(p, n);
	return p;
}

void *value_arena_alloc(struct value_arena *a, size_t n)
{
	struct big *b;

	if (n <= BIG)
		return value_arena_alloc_small(a, n);
	b = xmalloc(xsize_add(sizeof(*b), n));
	b->next = a->bigs;
	a->bigs = b;
	return b + 1;
}

char *value_arena_strndup(struct value_arena *a, const char *s, size_t len)
{
	char *p = value_arena_alloc(a, xsize_add(len, 1));

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

struct value_arena *value_arena_of(const void *p)
{
	const struct chunk *c = (const struct chunk *)((uintptr_t)p & ~(uintptr_t)(CHUNK - 1));

	return c->arena;
}

void value_arena_poison(const void *p, size_t n)
{
	POISON(p, n);
}
