/*
 * write_atomic.h - how the model tools (modelgen, overlaygen) write their
 * output: through a temporary file next to it, renamed into place, so an
 * interrupted run never leaves a half-written model file.
 */
#ifndef CFN_TOOLS_WRITE_ATOMIC_H
#define CFN_TOOLS_WRITE_ATOMIC_H

#include <stddef.h>

/* Writes len bytes of buf (borrowed) to path through path.tmp; returns 0,
 * or -1 after printing "prog: path: reason" to stderr (path.tmp removed). */
int tool_write_atomic(const char *prog, const char *path, const char *buf, size_t len);

#endif
