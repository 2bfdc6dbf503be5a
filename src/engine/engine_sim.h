/*
 * engine_sim.h - the engine's side of the simulation loop: the hooks that
 * decide conditions, resolve properties and name physical resources.
 *
 * Until the resolver evaluates intrinsic functions, properties are taken
 * as written (functions stay unevaluated maps, which checks treat as
 * unknown) and a Condition is unknown, so the resource is uncertain.
 */
#ifndef CFN_ENGINE_SIM_H
#define CFN_ENGINE_SIM_H

#include "graph/graph.h"
#include "sim/sim.h"

struct engine_sim {
	const struct check_env *env; /* borrowed */
	const struct graph *g;       /* borrowed */
};

/* Fills hooks to call back into es (which borrows env and g). */
void engine_sim_init(struct engine_sim *es, struct sim_hooks *hooks,
		     const struct check_env *env, const struct graph *g);
/* Frees what es holds. */
void engine_sim_free(struct engine_sim *es);
/* The physical id CloudFormation would give a resource: its explicit name
 * property when known, else STACK-LOGICALID-SUFFIX (lowercase for S3
 * buckets, at most 63 characters).  Returns new. */
char *engine_physical_id(const char *stack, const char *logical_id, const char *type,
			 const struct value *props);

#endif
