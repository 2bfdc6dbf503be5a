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

struct value_arena *value_arena_new(void)
{
	struct value_arena *a = xcalloc(1, sizeof(*a));

	new_chunk(a);
	return a;
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
