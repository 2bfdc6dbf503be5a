/*
 * stack_check.h - checks CloudFormation makes on the whole stack before
 * any resource: capabilities, a stack name already in use, a region the
 * account cannot use, export names already taken.  A table like the resource checks'; a failure here
 * blocks every resource.
 */
#ifndef CFN_STACK_CHECK_H
#define CFN_STACK_CHECK_H

#include "sim/check.h"

typedef void (*stack_check_fn)(const struct check_env *env, struct stack_result *s);

struct stack_check {
	const char *name;   /* "capabilities" */
	stack_check_fn run; /* adds to s->stack_findings (and s->capabilities) */
};

/* Runs every stack check. */
void stack_check_run_all(const struct check_env *env, struct stack_result *s);

/* The capabilities the template needs (enum capability bits); *pos receives
 * where the first resource needing each is written: pos[0] IAM, pos[1]
 * NAMED_IAM, pos[2] AUTO_EXPAND. */
unsigned stack_capabilities_needed(const struct template *t, struct srcpos pos[3]);

/* The capabilities check (capabilities.c): a finding when the template
 * needs capabilities the create does not acknowledge; lists what it needs
 * in s->capabilities. */
void stack_check_capabilities(const struct check_env *env, struct stack_result *s);

/* The exports check (export_check.c), run once the outputs are resolved:
 * a finding for each name in exports (a map name -> value, borrowed; NULL
 * for none) that a stack of the account and region already exports. */
void stack_check_exports(const struct check_env *env, const struct value *exports,
			 struct stack_result *s);

#endif
