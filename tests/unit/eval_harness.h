/*
 * eval_harness.h - runs a template through the resolver for the cmocka
 * tests: binds parameters, expands loops, evaluates Rules, Conditions,
 * every resource (in template order) and the outputs, with the engine's
 * hooks (the source tree's models, an empty account) except imports, SSM
 * parameters and AWS-specific values, which the test sets.
 */
#ifndef CFN_EVAL_HARNESS_H
#define CFN_EVAL_HARNESS_H

#include "helpers.h"
#include "engine/engine_hooks.h"
#include "eval/eval.h"

struct harness {
	struct finding_list fl;      /* stack findings */
	struct finding_list rfl;     /* findings of every resource */
	struct template *t;          /* the opened template */
	struct eval *ev;             /* the resolver */
	struct value *given;         /* owned: --param values */
	struct value *exports;       /* owned: export name -> value for Fn::ImportValue */
	struct value *ssm;           /* owned: SSM name -> value */
	int exists;                  /* answer of aws_param_exists */
	struct engine_stack es;      /* the engine hooks' context (owns the resolver's arrays) */
	struct deploy d;             /* where the stack is created */
	struct state *state;         /* owned: an empty account */
	struct model_set *models;    /* owned: the source tree's models */
	struct eval_hooks defaults;  /* the engine's hooks */
	struct value **props;        /* borrowed from es: resolved properties by resource index */
	struct value *outputs;       /* owned resolved outputs */
	struct value *export_map;    /* owned exports of the template */
	char *region;                /* owned: the stack's region */
};

/* Prepares h (zeroed, us-east-1, nothing exists); the setters below may
 * follow before h_run. */
void h_init(struct harness *h);
/* Adds a --param value. */
void h_param(struct harness *h, const char *name, const char *value);
/* Adds an export and an SSM parameter the hooks will find. */
void h_export(struct harness *h, const char *name, const char *value);
void h_ssm(struct harness *h, const char *name, const char *value);
/* Runs template text through every phase. */
void h_run(struct harness *h, const char *text);
/* Compact JSON of resource id's resolved property key ("<none>" when
 * absent); new. */
char *h_prop(struct harness *h, const char *id, const char *key);
/* Compact JSON of output name ("<none>" when omitted); new. */
char *h_out(struct harness *h, const char *name);
/* Asserts resource id's property key resolves to the JSON text want. */
void h_assert_prop(struct harness *h, const char *id, const char *key, const char *want);
/* Asserts there are no error findings at all. */
void h_assert_clean(struct harness *h);
/* Frees everything h holds. */
void h_done(struct harness *h);

#endif
