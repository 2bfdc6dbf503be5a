/*
 * check.h - the check registry: what a prerequisite check is given, what
 * it may say, and the table of checks.
 *
 * A check is one small unit: the resource types it applies to and a
 * function that reads one resolved resource, the account state and the
 * deployment, and reports through a sink: a failure (with CloudFormation's
 * message and a fix), an uncertainty (with the reason), or a prerequisite
 * the resource needs.  Checks never write the state and never print; the
 * one exception is a nested stack, which the nested-stack check has the
 * engine simulate through env->nested (the child's resources enter the
 * state as any created resource does).  Adding a check is one file under
 * src/checks/ and one line in checks.c.
 */
#ifndef CFN_CHECK_H
#define CFN_CHECK_H

#include <stdbool.h>

#include "engine/engine.h"
#include "engine/finding.h"
#include "engine/result.h"
#include "state/state.h"
#include "template/template.h"

struct check_nested;
struct model;

/* Where the stack is created and what surrounds it. */
struct check_env {
	const struct deploy *deploy;  /* stack name, account, region, capabilities, date */
	const char *partition;        /* "aws", "aws-cn", "aws-us-gov" */
	const struct state *state;    /* the account state, as the simulation has it so far */
	const struct template *t;     /* the template being created */
	const struct value *const *resolved; /* per resource index of t: pass 1's resolved
					       properties (NULL entries: skipped), or NULL */
	const char *const *physical;  /* per resource index of t: the name it gets, or NULL */
	const struct check_nested *nested; /* simulates nested stacks; NULL: not simulated */
	struct stack_result *result;  /* borrowed: where checks run outside a resource's sink
					 (pass 1's SSM references) record prerequisites;
					 NULL: not recorded */
};

/* One resource whose create is being attempted. */
struct check_resource {
	const char *logical_id;       /* "Bucket" */
	const char *type;             /* "AWS::S3::Bucket" */
	const struct value *props;    /* resolved properties (a map; never NULL) */
	const struct value *raw;      /* Properties as written (NULL when absent) */
	const char *physical_id;      /* the name or id it would get */
	struct srcpos pos;            /* where the logical id is written */
	const struct model *const *model; /* its model already looked up (*model NULL: none),
					     or NULL: check_model looks it up */
};

/* What checks report into; the simulation turns it into a status. */
struct check_sink {
	struct finding_list *findings; /* the resource's findings */
	bool failed;                   /* a check predicts the create fails */
	bool uncertain;                /* a check cannot tell */
	struct stack_result *result;   /* for prerequisites */
	const char *logical_id;        /* the resource reported on */
};

typedef void (*check_fn)(const struct check_env *env, const struct check_resource *r,
			 struct check_sink *sink);

struct check {
	const char *name;            /* "name-collision": stable, for --help and tests */
	const char *const *types;    /* resource types it applies to; NULL = every type */
	check_fn run;                /* the check */
};

/* ---- Nested stacks: the engine's entry point ---- */

enum check_nested_status {
	NESTED_INVALID = 0,
	NESTED_RAN,        /* simulated: child says how it went */
	NESTED_SKIPPED,    /* not attempted: a resource it depends on fails */
	NESTED_RECURSION,  /* its template is already in the chain of stacks that includes it */
	NESTED_LIMIT,      /* past the nesting depth or the count of nested stacks simulated */
	NESTED_UNREADABLE, /* the object's file is not a template */
};

/* What simulating a nested stack gave. */
struct check_nested_result {
	enum check_nested_status status;
	const struct stack_result *child; /* NESTED_RAN: the child's result, borrowed from the
					     parent's nested list (valid until the next run) */
	char *detail;                     /* owned: the chain (recursion), the limit passed,
					     or the error (unreadable); NULL otherwise */
};

struct check_nested {
	void *ctx; /* the engine's stack */
	/* Simulates the nested stack that resource r creates from the template
	 * in file (canonical path, borrowed) read from object ("s3://BUCKET/KEY"),
	 * with params (borrowed map name -> scalar or unknown, or NULL) as its
	 * parameter values; fills out (free out->detail). */
	void (*run)(void *ctx, const struct check_resource *r, const char *object,
		    const char *file, const struct value *params, struct check_nested_result *out);
};

/* The table, terminated by an entry with a NULL name. */
const struct check *check_table(void);
/* True when check c applies to type. */
bool check_applies(const struct check *c, const char *type);
/* Runs every check that applies to r. */
void check_run_all(const struct check_env *env, const struct check_resource *r,
		   struct check_sink *sink);
/* The checks that apply to type, in table order (returns new: a
 * NULL-terminated array for check_run_list; free it). */
const struct check **check_applicable(const char *type);
/* Runs the checks of list (borrowed, from check_applicable for r's type)
 * on r: check_run_all without matching the types again. */
void check_run_list(const struct check *const *list, const struct check_env *env,
		    const struct check_resource *r, struct check_sink *sink);

/* ---- Reporting (for check implementations) ---- */

/* The create fails: a finding with code, position of the cause, its path
 * (may be NULL) and CloudFormation's message.  Returns the finding so the
 * caller sets the fix (borrowed, valid until the next report). */
struct finding *check_fail(struct check_sink *sink, enum finding_code code, struct srcpos pos,
			   const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The outcome depends on what the state does not tell: a warning finding
 * with the reason; the resource becomes uncertain. */
struct finding *check_uncertain(struct check_sink *sink, enum finding_code code,
				struct srcpos pos, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Advice that never fails a create (CD9nnn): an info or warning finding. */
struct finding *check_advise(struct check_sink *sink, enum finding_code code, struct srcpos pos,
			     const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Records that the resource needs (type, account, region, id) to exist first. */
void check_need(struct check_sink *sink, const char *type, const char *account,
		const char *region, const char *id);
/* As check_need, for a prerequisite that must also have the properties in
 * props (a map, taken): a destination bucket with versioning enabled.  The
 * plan's step then creates it with them, or sets them on the one that
 * exists. */
void check_need_props(struct check_sink *sink, const char *type, const char *account,
		      const char *region, const char *id, struct value *props);
/* Records that the resource needs a (type, account, region) resource whose
 * property by_property is value (a hosted zone named value) to exist first. */
void check_need_by(struct check_sink *sink, const char *type, const char *account,
		   const char *region, const char *by_property, const char *value);

/* Records that account must enable region first (a plan step; the
 * prerequisite type is PREREQ_REGION). */
void check_need_region(struct check_sink *sink, const char *account, const char *region);

/* The prerequisite type of "enable this region for this account" (not a
 * resource type: the plan turns it into its own step). */
#define PREREQ_REGION "AWS::Account::Region"

/* ---- Helpers for reading resources ---- */

/* r's model (returns borrowed; NULL for a type without one), looked up in
 * env's model set unless the simulation did it already (data errors were
 * reported before the simulation). */
const struct model *check_model(const struct check_env *env, const struct check_resource *r);
/* The position of the property at path ("A/B/0") in r's written Properties,
 * falling back to the nearest written ancestor, then to the logical id. */
struct srcpos check_pos(const struct check_resource *r, const char *path);
/* "Resources/LOGICAL/Properties/PATH" (new). */
char *check_path(const struct check_resource *r, const char *path);
/* Calls fn for every string under v (borrowed), in order, with its path
 * below v ("A/0/B"; "" for v itself; borrowed, valid during the call).
 * Bounded by the tree's depth (LOAD_MAX_DEPTH): deeper parts are not
 * visited. */
void check_each_string(const struct value *v,
		       void (*fn)(void *ctx, const struct value *s, const char *path), void *ctx);
/* True when a string under v (borrowed) contains "{{resolve:": without
 * one, no walk over v's dynamic references finds anything. */
bool check_has_dynref_string(const struct value *v);
/* check_each_string for the strings that may hold a dynamic reference
 * (those containing "{{resolve:"); the others cost no path. */
void check_each_dynref_string(const struct value *v,
			      void (*fn)(void *ctx, const struct value *s, const char *path),
			      void *ctx);

#endif
