/*
 * srcpos.h - source positions carried by every value, and the file table.
 *
 * A position is small and passed by value: an index into a process-wide
 * table of file names (templates, nested templates, state files and
 * scenarios share it), a 1-based line and a 1-based column (counted in
 * characters).  Index 0 is "no file"; line 0 means "no position".
 */
#ifndef CFN_SRCPOS_H
#define CFN_SRCPOS_H

#include <stdint.h>

struct srcpos {
	uint32_t file; /* index from srcfile_add; 0 = none */
	uint32_t line; /* 1-based; 0 = unknown */
	uint32_t col;  /* 1-based, in characters */
};

#define SRCPOS_NONE ((struct srcpos){ 0, 0, 0 })

/* Registers a file name (copied) and returns its index (>= 1). The same name
 * registered twice returns the same index. */
uint32_t srcfile_add(const char *name);
/* Returns the name of file index i, borrowed; "" for 0 or an unknown index. */
const char *srcfile_name(uint32_t i);
/* Frees the file table (at exit; tests call it between cases). */
void srcfile_reset(void);
/* Makes a position. */
static inline struct srcpos srcpos_make(uint32_t file, uint32_t line, uint32_t col)
{
	struct srcpos p = { file, line, col };
	return p;
}

#endif
