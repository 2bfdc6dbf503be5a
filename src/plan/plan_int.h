/*
 * plan_int.h - inside the plan module: what a round runs (a template, or
 * one variant of a scenario), shared by the round loop (plan_build.c) and
 * the two kinds of plan (plan_run.c).
 */
#ifndef CFN_PLAN_INT_H
#define CFN_PLAN_INT_H

#include "plan/plan.h"

struct plan_runner {
	void *ctx;                /* borrowed: the runner's own data */
	/* A fresh account state (new), or NULL with errors in dl. */
	struct state *(*load)(void *ctx, struct diag_list *dl);
	/* Appends the stacks' results to out, in deployment order; 0 or -1. */
	int (*run)(void *ctx, struct state *state, struct run_result *out, struct diag_list *dl);
	/* Fills a deploy step's text and why (the steps before it are final). */
	void (*deploy)(void *ctx, const struct stack_result *s, const struct plan *p,
		       struct plan_step *step);
	struct model_set *models; /* borrowed, or NULL */
};

/* Runs rn's stacks against the state as it is (appended to out: the
 * report's stacks), then in rounds with the checklist applied, and
 * appends the plan (labelled variant, borrowed, may be NULL) to out.
 * Returns 0, or -1 with errors in dl. */
int plan_build(const struct plan_runner *rn, const char *variant, struct run_result *out,
	       struct diag_list *dl);

#endif
