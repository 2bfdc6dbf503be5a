/*
 * engine_nested.h - nested stacks (AWS::CloudFormation::Stack): running a
 * child template through the same engine, at the parent resource's turn.
 *
 * The child is named PARENT-LOGICALID-SUFFIX, created in the parent's
 * account and region with the parent's capabilities and the resolved
 * Parameters property as its parameter values, against the same account
 * state; its result goes under the parent's nested list and its outputs
 * answer Fn::GetAtt Child.Outputs.X.  The chain of templates from the top
 * stack is kept so that a template that includes itself, directly or
 * through others, is caught before it runs again.  Two limits bound the
 * work: nesting depth and the number of nested stacks simulated under one
 * top stack (a template including the next one ten times, eight levels
 * deep, would otherwise mean 10^8 runs without any cycle).
 */
#ifndef CFN_ENGINE_NESTED_H
#define CFN_ENGINE_NESTED_H

#include "engine/engine_sim.h"
#include "sim/check.h"

/* Nested levels below the top stack that are simulated.  CloudFormation
 * documents no depth limit (not found); real designs rarely pass 3 or 4
 * levels (AWS Quick Starts use 2-3), and each level costs a template, a
 * resolver and a graph kept alive on the way down, so 8 leaves room for
 * any real design while bounding the recursion. */
#define ENGINE_NESTED_MAX_DEPTH 8
/* Nested stacks simulated under one top stack: the budget that bounds
 * fan-out (the default quota of stacks per account and region is 2,000). */
#define ENGINE_NESTED_MAX_STACKS 200
/* CloudFormation keeps at most this many characters of PARENT-LOGICALID
 * before -SUFFIX in a nested stack's name (observed once, see
 * cfn-messages-prereq.md section 1; the rule itself is not documented). */
#define ENGINE_NESTED_NAME_BASE 86

/* The chain of stacks from the top stack to the one being run. */
struct engine_nest {
	const struct engine_nest *parent; /* the stack that includes this one; NULL at the top */
	const char *file;                 /* canonical path of its template */
	const char *object;               /* "s3://BUCKET/KEY" it was read from; NULL at the top */
	int depth;                        /* 0 for the top stack */
	size_t *n_stacks;                 /* nested stacks simulated under the top stack */
};

/* Runs one stack (engine.c): the template at path, deployed as d, against
 * state; nest says where it sits (NULL: a top stack).  Appends its result
 * to out and returns 0, or returns -1 with errors in dl. */
int engine_run_stack(const char *path, const struct deploy *d, struct state *state,
		     const struct engine_nest *nest, struct run_result *out,
		     struct diag_list *dl);

/* Fills hooks so that the nested-stack check runs children of es (borrowed,
 * must outlive the hooks). */
void engine_nested_hooks(struct engine_stack *es, struct check_nested *hooks);

/* The name of the stack that resource logical_id of stack parent creates
 * (new): PARENT-LOGICALID-SUFFIX, the suffix derived from both names. */
char *engine_nested_stack_name(const char *parent, const char *logical_id);

/* After pass 2: resolves the stack's outputs again when nested stacks ran
 * (their outputs were not known in pass 1), replacing *outputs and
 * *exports (owned). */
void engine_nested_outputs(struct engine_stack *es, struct value **outputs,
			   struct value **exports);

#endif
