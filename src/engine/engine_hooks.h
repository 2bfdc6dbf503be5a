/*
 * engine_hooks.h - the default answers to the resolver's questions
 * (struct eval_hooks) for a create into an account the engine knows
 * nothing about: the one place where the account state and the resource
 * models plug in later.
 *
 * Without a state file the account is empty except for AWS's defaults
 * (SPEC section 1): there are no exports, no SSM parameters other than
 * AWS's public /aws/service/ namespace, and whether an AWS-specific
 * parameter value (a VPC id...) exists is not known.
 */
#ifndef CFN_ENGINE_HOOKS_H
#define CFN_ENGINE_HOOKS_H

#include "eval/eval.h"
#include "template/template.h"

struct engine_hooks_ctx {
	const char *stack_name;     /* borrowed */
	const char *partition;      /* static: "aws", "aws-cn"... */
	const struct template *t;   /* borrowed */
	struct value **props;       /* borrowed array: resolved properties by resource index (NULL = none yet) */
};

/* Fills hooks with the defaults, passing ctx (borrowed) back to each. */
void engine_default_hooks(struct eval_hooks *hooks, struct engine_hooks_ctx *ctx);

/* What Ref of resource i returns in ctx (new): the name property where
 * the type's name is known to be computable, else the deterministic
 * physical id. */
char *engine_ref_text(const struct engine_hooks_ctx *ctx, size_t i);

#endif
