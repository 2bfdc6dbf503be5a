/*
 * result.h - the engine's result: plain data that report writers read.
 *
 * One run produces a list of stack results (several for a scenario), each
 * with its stack-level findings, every resource's predicted status, the
 * prerequisites to create first, outputs and nested stacks.  The compare
 * command and scenario variants add a comparison of the runs, the plan
 * command its plans.  Nothing here points into templates or states: a
 * result outlives the inputs that produced it and is freed with
 * result_free.
 */
#ifndef CFN_RESULT_H
#define CFN_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/finding.h"
#include "util/strlist.h"
#include "value/value.h"

enum res_status {
	STATUS_INVALID = 0,
	STATUS_CREATE,    /* would be created */
	STATUS_FAIL,      /* its create call would fail (root cause) */
	STATUS_BLOCKED,   /* not attempted: something it needs fails */
	STATUS_SKIPPED,   /* its Condition is false */
	STATUS_UNCERTAIN, /* depends on something the state does not tell */
};

enum verdict {
	VERDICT_INVALID = 0,
	VERDICT_OK,
	VERDICT_FAIL,
	VERDICT_UNCERTAIN,
	VERDICT_BLOCKED,
};

struct res_result {
	char *logical_id;              /* owned */
	char *type;                    /* owned; "" when the template gives none */
	enum res_status status;
	int wave;                      /* creation wave */
	char *physical_id;             /* owned; NULL when never created */
	struct strlist blocked_by;     /* root-cause failing resources */
	struct strlist depends_on;     /* direct dependencies (logical ids), for graphs */
	struct finding_list findings;
	struct value *properties;      /* owned resolved properties, or NULL */
	struct srcpos pos;             /* where the logical id is written */
};

struct prereq {
	char *type;                    /* owned: "AWS::S3::Object" */
	char *account;                 /* owned */
	char *region;                  /* owned; "" for global */
	char *id;                      /* owned: "bucket/key" */
	struct strlist needed_by;      /* logical ids */
	char *by_property;             /* owned or NULL: id is the value of this property of
					  the resource (a hosted zone's Name), not its key */
	struct value *properties;      /* owned map or NULL: properties it must have (a
					  destination bucket's VersioningConfiguration) */
};

struct stack_result {
	char *stack;                   /* owned: stack name */
	char *account;                 /* owned */
	char *region;                  /* owned */
	char *template_file;           /* owned: path of the template */
	enum verdict verdict;
	struct finding_list stack_findings;
	struct res_result *resources;  /* owned, in report order (wave, logical id) */
	size_t n_resources;
	struct prereq *prereqs;        /* owned */
	size_t n_prereqs;
	struct value *outputs;         /* owned map of output name -> value, or NULL */
	struct strlist capabilities;   /* capabilities the template needs */
	char *parent_resource;         /* owned; for nested stacks, else NULL */
	struct stack_result *nested;   /* owned array of nested stack results */
	size_t n_nested;
	char *variant;                 /* owned: the variant (account state) this run used
					  (compare, scenario variants:), or NULL */
};

/* ---- Comparison: the same stacks against several account states ---- */

/* What one variant predicts for a row. */
struct diff_side {
	char *outcome;                 /* owned: the status ("create", "fail"...); on a stack
					  row the verdict; "absent" when the variant lacks it */
	char *reason;                  /* owned or NULL: why (the first error, else warning,
					  message; "blocked by X" ...) */
	char *fix;                     /* owned or NULL: the fix of the finding that is the
					  reason */
	struct strlist codes;          /* its finding codes, in order */
};

/* A stack or resource whose outcome or findings differ between variants. */
struct diff_row {
	char *stack;                   /* owned: the stack name */
	char *logical_id;              /* owned; NULL on the stack's own row (verdict and
					  stack findings) */
	char *type;                    /* owned; NULL on a stack row */
	struct diff_side *sides;       /* owned: one per variant, in variant order */
};

struct comparison {
	struct strlist variants;       /* variant labels, in run order */
	struct diff_row *rows;         /* owned, stacks in run order, resources in report order */
	size_t n_rows;
	bool verdicts_differ;          /* some stack's verdict differs between variants */
};

/* ---- Plan: the teaching view (cfn-dryrun plan) ---- */

enum plan_step_kind {
	PLAN_STEP_INVALID = 0,
	PLAN_STEP_PREREQ,              /* create or put something the stacks need */
	PLAN_STEP_DEPLOY,              /* deploy a stack */
};

struct plan_step {
	enum plan_step_kind kind;      /* prerequisite or deploy */
	char *type;                    /* owned: the prerequisite's type (NULL on deploy steps) */
	char *account;                 /* owned: where */
	char *region;                  /* owned; "" for account-wide resources */
	char *id;                      /* owned: the prerequisite's id (the stack on deploy steps) */
	char *by_property;             /* owned or NULL: as struct prereq */
	struct value *properties;      /* owned map or NULL: as struct prereq */
	char *stack;                   /* owned: the stack deployed, or the first stack that
					  needs the prerequisite */
	struct strlist needed_by;      /* "LogicalId" (in stack) or "LogicalId (stack S)" */
	char *text;                    /* owned: "In 111111111111 us-east-1 create S3 bucket X" */
	char *why;                     /* owned: which resource needs it and why it comes first */
	char *blocker;                 /* owned or NULL: why no step can do it (a name taken
					  by another account...); such a step is not applied */
};

/* A failure that no step fixes: change the template, the parameters or the
 * account settings. */
struct plan_unfixed {
	char *stack;                   /* owned */
	char *logical_id;              /* owned; NULL for a stack-level finding */
	char *code;                    /* owned: "CD4001" */
	char *message;                 /* owned */
	char *fix;                     /* owned or NULL */
};

struct plan {
	char *variant;                 /* owned or NULL: the variant planned */
	struct plan_step *steps;       /* owned, numbered from 1 in this order */
	size_t n_steps;
	struct plan_unfixed *unfixed;  /* owned */
	size_t n_unfixed;
	struct strlist after_stacks;   /* the verdicts once every step is done: stack names */
	struct strlist after_verdicts; /* ... and their verdicts ("ok"...), parallel */
	int rounds;                    /* simulation rounds the plan took */
};

struct run_result {
	struct stack_result *stacks;   /* owned */
	size_t n_stacks;
	struct comparison *comparison; /* owned or NULL: compare and scenario variants */
	struct plan *plans;            /* owned: one per variant (cfn-dryrun plan), or NULL */
	size_t n_plans;
};

/* An empty run result, for initialisers. */
#define RUN_RESULT_INIT { NULL, 0, NULL, NULL, 0 }

/* ---- Building ---- */

/* Appends a new zeroed stack to r and returns it (borrowed). */
struct stack_result *result_add_stack(struct run_result *r);
/* Adds (or merges into) the prerequisite (type, account, region, id) the
 * resource logical_id needs; returns it (borrowed, valid until the next). */
struct prereq *result_add_prereq(struct stack_result *s, const char *type, const char *account,
				 const char *region, const char *id, const char *logical_id);
/* As result_add_prereq, for a prerequisite found by the value of one of its
 * properties (by_property, such as a hosted zone's Name) rather than its id. */
struct prereq *result_add_prereq_by(struct stack_result *s, const char *type,
				    const char *account, const char *region,
				    const char *by_property, const char *id,
				    const char *logical_id);
/* Adds the properties in props (a map; taken) to those p must have. */
void result_prereq_require(struct prereq *p, struct value *props);
/* The resource with this logical id (borrowed) or NULL. */
struct res_result *result_resource(struct stack_result *s, const char *logical_id);
/* The top-level stack named name whose variant is variant (NULL: a run
 * without variants) in r (borrowed), or NULL. */
const struct stack_result *result_find_stack(const struct run_result *r, const char *variant,
					     const char *name);

/* ---- Reading ---- */

/* "create", "fail", "blocked", "skipped", "uncertain". */
const char *result_status_name(enum res_status st);
/* "ok", "fail", "uncertain", "blocked". */
const char *result_verdict_name(enum verdict v);
/* The exit status SPEC gives for the whole run: 0 ok, 1 fail/blocked, 3 uncertain. */
int result_exit_code(const struct run_result *r);

/* ---- Freeing ---- */

void stack_result_free(struct stack_result *s);
/* Frees what c owns and c itself; NULL is fine. */
void comparison_free(struct comparison *c);
/* Frees what st owns (not st) and zeroes it. */
void plan_step_clear(struct plan_step *st);
/* Frees what p owns (not p). */
void plan_clear(struct plan *p);
/* Frees everything r owns (stacks, comparison, plans) and empties it. */
void result_free(struct run_result *r);

#endif
