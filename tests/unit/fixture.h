/*
 * fixture.h - engine results built by hand for the report writers' tests:
 * every field of result.h filled in, several stacks, nested stacks,
 * prerequisites, outputs with unknown values, findings with and without
 * positions or fixes, and strings that need escaping in every format.
 */
#ifndef CFN_TEST_FIXTURE_H
#define CFN_TEST_FIXTURE_H

#include "engine/result.h"

/* Fills r (empty on entry) with the named fixture; returns 0, or -1 for an
 * unknown name.  The caller frees r with result_free and the file table
 * with srcfile_reset.  Names: "mixed" (two stacks, one with a nested stack,
 * every status), "hostile" (markup and control characters everywhere),
 * "empty" (a stack without resources, and no positions at all). */
int fixture_build(const char *name, struct run_result *r);
/* "mixed, hostile, empty" for usage messages (static). */
const char *fixture_names(void);

#endif
