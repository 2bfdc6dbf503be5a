/*
 * compare.h - the same stacks against several account states: which
 * stacks and resources get another outcome or other findings, with the
 * reason on each side (cfn-dryrun compare, scenario variants:).
 *
 * The runs are the stacks of one run_result, each labelled with its
 * variant (stack_result.variant); stacks match by name across variants,
 * resources by logical id.  Two outcomes differ when the status (the
 * verdict, for a stack) differs or when the findings differ by code or
 * path (messages may name the account, so they are not compared).
 */
#ifndef CFN_COMPARE_H
#define CFN_COMPARE_H

#include "engine/result.h"

/* Sets r->comparison (replacing any) from r's labelled stacks, when they
 * hold at least two variants; otherwise leaves it NULL. */
void compare_results(struct run_result *r);
/* The exit status of a comparison (documented in the man page): 0 when
 * every stack has the same verdict in every variant, 1 when some differ. */
int compare_exit_code(const struct run_result *r);

#endif
