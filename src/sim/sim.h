/*
 * sim.h - the simulation loop: replays a stack's create, wave by wave.
 *
 * For each resource in creation order (wave, then logical id): skip it when
 * its Condition is false, resolve its properties, run every check that
 * applies, decide its status, and either add it to the account state (so
 * later resources, later stacks and collisions see it) or leave it out.
 * Dependents of a failure are blocked, naming the root causes; dependents
 * of an uncertain resource are uncertain.  Resolution is the resolver's
 * business: the loop calls it through hooks.
 */
#ifndef CFN_SIM_H
#define CFN_SIM_H

#include "graph/graph.h"
#include "sim/check.h"

struct sim_hooks {
	void *ctx;
	/* Condition of resource i: 1 true (or none), 0 false (skipped), -1
	 * unknown, with *reason (borrowed) saying why. */
	int (*condition)(void *ctx, size_t i, const char **reason);
	/* Resolves resource i's properties; returns a map (borrowed) that stays
	 * valid and unchanged as long as the state: the state keeps it without
	 * a copy (state_add_kept), for created resources and ghosts.  Problems
	 * go to fl; *failed is set when they fail the resource, *uncertain when
	 * a value it needs cannot be known. */
	const struct value *(*resolve)(void *ctx, size_t i, struct finding_list *fl,
				       bool *failed, bool *uncertain);
	/* The physical name or id resource i gets, given its resolved
	 * properties (new). */
	char *(*physical_id)(void *ctx, size_t i, const struct value *props);
	/* Told that resource i was created (or may be: uncertain) with this id
	 * and props (resolve's); may be NULL. */
	void (*created)(void *ctx, size_t i, const char *physical_id, const struct value *props);
};

/* Runs the resources of env->t through the loop into s->resources (which
 * must be empty), writing created resources into state.  When blocked_all
 * is true (the stack failed before any resource), every resource is
 * blocked with an empty blocked_by, nothing is checked (the checks would
 * judge each resource against a stack that never exists) and nothing is
 * written to the state; properties are still resolved for the report. */
void sim_run(const struct check_env *env, struct state *state, const struct graph *g,
	     const struct sim_hooks *h, bool blocked_all, bool keep_properties,
	     struct stack_result *s);
/* sim_run with the resources' models looked up already (models: borrowed,
 * per resource index of env->t, NULL entries for types without one; NULL:
 * the checks look them up). */
void sim_run_models(const struct check_env *env, const struct model *const *models,
		    struct state *state, const struct graph *g, const struct sim_hooks *h,
		    bool blocked_all, bool keep_properties, struct stack_result *s);

/* The region a resource of type is stored under: "" for account-wide types
 * (IAM), else region (borrowed). */
const char *sim_scope_region(const char *type, const char *region);

#endif
