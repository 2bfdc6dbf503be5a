/*
 * result.h - the engine's result: plain data that report writers read.
 *
 * One run produces a list of stack results (several for a scenario), each
 * with its stack-level findings, every resource's predicted status, the
 * prerequisites to create first, outputs and nested stacks.  Nothing here
 * points into templates or states: a result outlives the inputs that
 * produced it and is freed with result_free.
 */
#ifndef CFN_RESULT_H
#define CFN_RESULT_H

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
};

struct run_result {
	struct stack_result *stacks;   /* owned */
	size_t n_stacks;
};

/* ---- Building ---- */

/* Appends a new zeroed stack to r and returns it (borrowed). */
struct stack_result *result_add_stack(struct run_result *r);
/* Adds (or merges into) the prerequisite (type, account, region, id) the
 * resource logical_id needs. */
void result_add_prereq(struct stack_result *s, const char *type, const char *account,
		       const char *region, const char *id, const char *logical_id);
/* The resource with this logical id (borrowed) or NULL. */
struct res_result *result_resource(struct stack_result *s, const char *logical_id);

/* ---- Reading ---- */

/* "create", "fail", "blocked", "skipped", "uncertain". */
const char *result_status_name(enum res_status st);
/* "ok", "fail", "uncertain", "blocked". */
const char *result_verdict_name(enum verdict v);
/* The exit status SPEC gives for the whole run: 0 ok, 1 fail/blocked, 3 uncertain. */
int result_exit_code(const struct run_result *r);

/* ---- Freeing ---- */

void stack_result_free(struct stack_result *s);
void result_free(struct run_result *r);

#endif
