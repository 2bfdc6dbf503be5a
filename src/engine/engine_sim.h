/*
 * engine_sim.h - one stack's working data while the engine runs it, and
 * the two passes over its resources.
 *
 * Pass 1 (engine_resolve_all) resolves every resource's Condition and
 * Properties in creation order through the resolver, and gives each its
 * physical name, so that Ref and Fn::GetAtt of an earlier resource have a
 * value (struct engine_stack is also the resolver hooks' context, see
 * engine_hooks.h).  Template errors found on the way are stack findings:
 * CloudFormation reports them before any resource.  Pass 2 is the
 * simulation loop (sim.h), which reads pass 1's results through the hooks
 * engine_sim_hooks fills.
 *
 * Nested stacks are simulated in pass 2, at their turn, so that what
 * earlier waves created is in the account state the child sees; their
 * outputs are then known, and every resource that depends on a nested
 * stack (or on a resource resolved again for that reason) is resolved
 * again before its own turn.  Stack outputs are resolved again after
 * pass 2 for the same reason.
 */
#ifndef CFN_ENGINE_SIM_H
#define CFN_ENGINE_SIM_H

#include "engine/engine.h"
#include "eval/eval.h"
#include "sim/sim.h"

struct engine_nest;

struct engine_stack {
	const struct deploy *d;          /* borrowed */
	struct state *state;             /* borrowed account state */
	const char *partition;           /* borrowed: "aws", ... */
	const struct template *t;        /* borrowed, NULL until the template is open */
	struct eval *ev;                 /* owned resolver */
	struct value **props;            /* owned, per resource index: resolved properties
					    (nodes of arena when the resolver built them) */
	struct value_arena *arena;       /* owned: where the resolver builds props; the
					    state keeps them (pass 2) and takes the arena
					    when the stack ends */
	char **physical;                 /* owned, per resource index: physical name or NULL */
	const struct model **models;     /* owned array, per resource index: its type's model
					    (borrowed from the set) or NULL, looked up once */
	struct finding_list *res_findings; /* owned, per resource index: resolution findings */
	enum eval_tri *cond;             /* owned, per resource index: its Condition */
	const char **cond_reason;        /* per resource index, borrowed from ev: why unknown */
	size_t n;                        /* resources */
	const struct graph *g;           /* borrowed dependency graph, once built */
	struct stack_result *result;     /* borrowed: the stack's result, once created */
	const struct engine_nest *nest;  /* borrowed: the chain of stacks that includes this one */
	struct value **nested_outputs;   /* owned, per resource index: the outputs of the nested
					    stack it created (simulated), else NULL */
	bool *reresolved;                /* owned, per resource index: resolved again in pass 2 */
	size_t n_nested_run;             /* nested stacks this stack simulated */
	bool blocked;                    /* pass 2 only resolves (the stack fails before any
					    resource): the loop reads the properties only to
					    report them (show_resolved) */
	struct check_ssm_scan *ssm;      /* owned: what the SSM reference scan saw in pass 1 */
	struct engine_miss *misses;      /* owned: what the resolver found missing */
	size_t n_misses;
};

/* Something the resolver looked for in the account state and did not find
 * (an SSM parameter, an AWS-specific parameter value, an export): a
 * prerequisite of the stack (engine_prereq.c). */
struct engine_miss {
	char *type;        /* owned: "AWS::SSM::Parameter", "AWS::CloudFormation::Export"... */
	char *region;      /* owned: "" for account-wide resources */
	char *id;          /* owned: the name or id looked for */
	char *by_property; /* owned or NULL: id is this property's value, not the key */
	struct srcpos pos; /* where it is asked for; SRCPOS_NONE when not known */
};

/* Allocates the per-resource arrays for es->t (set by the caller) and the
 * arena of the resolved properties (given to es->ev when set). */
void engine_stack_arrays(struct engine_stack *es);
/* Frees what es owns; its arena goes to es->state (which may keep trees
 * of it), or is freed when there is no state. */
void engine_stack_free(struct engine_stack *es);
/* Pass 1: conditions, properties and physical names in g's order (kept
 * in es->g); template errors and the SSM references CloudFormation
 * resolves before any resource go to stack_fl. */
void engine_resolve_all(struct engine_stack *es, const struct graph *g,
			struct finding_list *stack_fl);
/* Records a miss (copies every string; by_property may be NULL). */
void engine_note_miss(struct engine_stack *es, const char *type, const char *region,
		      const char *id, const char *by_property, struct srcpos pos);
/* Adds es's misses to s as prerequisites, each needed by the parameter,
 * resource or output that asks for it (found in root, the template as
 * read, by position or, for parameter values, by value); the stack name
 * when none is found. */
void engine_add_misses(const struct engine_stack *es, const struct value *root,
		       struct stack_result *s);
/* Fills hooks for pass 2, reading es. */
void engine_sim_hooks(struct engine_stack *es, struct sim_hooks *hooks);
/* The physical name resource i would get (new): its name property when
 * known, else a generated STACK-LOGICALID-SUFFIX as its type wants it;
 * NULL when the name property is set to a value not known yet. */
char *engine_physical_id(const struct engine_stack *es, size_t i, const struct value *props);

#endif
