/*
 * plan.h - the teaching view (cfn-dryrun plan): the checklist of what must
 * exist before each stack, in the order to do it, across accounts and
 * regions, and a function that applies such a checklist to an account
 * state.
 *
 * A plan is built in rounds: run the stacks against the state; take every
 * prerequisite the run records (struct prereq: checks call check_need, the
 * resolver notes missing SSM parameters, parameter values and exports);
 * apply the checklist so far to a fresh copy of the state; run again, for
 * what only shows once the first things exist (the object in a bucket that
 * was missing), until nothing new appears or PLAN_MAX_ROUNDS.  Steps come
 * stack by stack in deployment order: a stack's prerequisites, then the
 * stack itself.  A step that no one can do (a bucket name taken by another
 * account, an ARN in the wrong region) carries a blocker and is not
 * applied; failures that no step fixes are listed as unfixed.  The plan's
 * data (struct plan, struct plan_step) lives in engine/result.h, where the
 * report writers read it.
 */
#ifndef CFN_PLAN_H
#define CFN_PLAN_H

#include <stddef.h>

#include "engine/engine.h"
#include "scenario/scenario.h"
#include "state/state.h"
#include "util/diag.h"

/* Rounds of run-and-apply before the plan stops looking for more. */
#define PLAN_MAX_ROUNDS 8

/* What the plan of a single template runs. */
struct plan_template {
	const char *path;          /* borrowed: the template */
	const struct deploy *d;    /* borrowed: where and how it is created */
	const char *state_path;    /* borrowed: the state file, or NULL (empty account) */
	const struct state_options *state_opts; /* borrowed: how to load it */
};

/* Plans the template: appends the run against the state as it is (the
 * report's stacks) and one plan to out.  Returns 0, or -1 with errors in
 * dl (unreadable template or state). */
int plan_template(const struct plan_template *pt, struct run_result *out,
		  struct diag_list *dl);
/* Plans every variant of the scenario (or its one state): appends each
 * run against the state as it is and one plan per variant to out.
 * Returns 0, or -1 with errors in dl. */
int plan_scenario(struct scenario *sc, const struct scenario_run_options *o,
		  struct run_result *out, struct diag_list *dl);

/* Applies the checklist steps[0..n) to state: creates each prerequisite
 * (a resource, an object in its bucket, a parameter, an export) where the
 * step says; deploy steps are left to the run.  A step that cannot be done
 * gets a blocker (new string, replacing any) and changes nothing.  Returns
 * the number of steps applied. */
size_t plan_apply(struct state *state, struct plan_step *steps, size_t n);

/* Fills step->text (replacing it) for a prerequisite step, in plain words:
 * "In 111111111111 us-east-1, create S3 bucket X."; models (borrowed, may
 * be NULL) tell whether the id is a name one chooses or an id AWS assigns;
 * state (borrowed, may be NULL: the account as it is) whether the step
 * creates the resource or sets its required properties on it. */
void plan_describe_prereq(struct plan_step *step, struct model_set *models,
			  const struct state *state);

#endif
