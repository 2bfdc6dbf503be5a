/*
 * engine_run.h - the resource phase of one stack: resolve each resource's
 * properties in wave order, resolve the outputs, then decide every
 * resource's status (create, fail, blocked, skipped, uncertain).
 * Internal to src/engine; engine.c calls it after the stack-level phase.
 */
#ifndef CFN_ENGINE_RUN_H
#define CFN_ENGINE_RUN_H

#include "engine/engine.h"
#include "engine/engine_hooks.h"
#include "eval/eval.h"
#include "graph/graph.h"

/* Fills s->resources (in g's order), s->outputs and s->verdict from ev
 * (after eval_rules and eval_conditions).  hc->props must have one slot per
 * resource; resolved properties are stored there (owned by the caller, who
 * frees them).  Findings go to s->stack_findings and each resource's list. */
void engine_run_resources(struct stack_result *s, const struct template *t,
			  const struct graph *g, struct eval *ev,
			  struct engine_hooks_ctx *hc, const struct deploy *d);

#endif
