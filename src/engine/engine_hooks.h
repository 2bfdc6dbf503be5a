/*
 * engine_hooks.h - the engine's answers to the resolver's questions
 * (struct eval_hooks): the one place where the account state and the
 * resource models reach the resolver.
 *
 * Ref and Fn::GetAtt of a resource come from its model and what pass 1
 * computed for it (its physical name and resolved properties); exports,
 * SSM parameters and the AWS-specific parameter values (key pairs, VPCs,
 * subnets...) come from the account state, where anything not listed does
 * not exist (SPEC section 2).  AWS's public /aws/service/ parameters exist,
 * with values not known offline.
 */
#ifndef CFN_ENGINE_HOOKS_H
#define CFN_ENGINE_HOOKS_H

#include "engine/engine_sim.h"
#include "eval/eval.h"

/* Fills hooks to answer from es (borrowed; es->t may still be NULL while
 * parameters are bound). */
void engine_eval_hooks(struct eval_hooks *hooks, struct engine_stack *es);

#endif
