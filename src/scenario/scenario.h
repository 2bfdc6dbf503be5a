/*
 * scenario.h - several stacks deployed in order across accounts and
 * regions (SPEC section 3): the scenario file, the deployment order its
 * wiring requires, the run, and the comparison with its expect: block.
 *
 * Wiring is a parameter {from: STACK, output: NAME}, or an Fn::ImportValue
 * of an export another stack of the scenario declares.  The order is the
 * listed order, moved only as far as the wiring requires; a cycle between
 * stacks is an input error naming every stack in it.
 */
#ifndef CFN_SCENARIO_H
#define CFN_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/result.h"
#include "model/model.h"
#include "util/diag.h"
#include "value/value.h"

struct scenario_wire {
	char *param;       /* owned: the parameter it feeds, or NULL for an import */
	char *from;        /* owned: the stack it comes from */
	char *output;      /* owned: the output name, or the export name for an import */
	struct srcpos pos; /* where the wiring is written */
};

struct scenario_stack {
	char *name;                  /* owned: the stack name */
	char *template_path;         /* owned: resolved against the scenario's folder */
	char *account;               /* owned or NULL (the state's default) */
	char *region;                /* owned or NULL (the state's default) */
	struct value *parameters;    /* owned map: literal values (wired ones removed) */
	struct scenario_wire *wires; /* owned */
	size_t n_wires;
	unsigned capabilities;       /* enum capability bits */
	struct strlist exports;      /* export names its template declares (static) */
	struct srcpos pos;           /* where the stack entry is written */
	size_t listed;               /* its index in the file */
};

struct scenario {
	char *name;                   /* owned or NULL */
	char *state_path;             /* owned, resolved, or NULL (empty account) */
	char *date;                   /* owned YYYY-MM-DD or NULL */
	struct scenario_stack *stacks; /* owned, in the listed order */
	size_t n_stacks;
	size_t *order;                /* owned: deployment order (indexes into stacks) */
	struct value *expect;         /* owned expect: map, or NULL */
	struct value *root;           /* owned: the whole file (positions for messages) */
};

/* Reads the scenario at path (warnings for ignored top-level keys go to
 * dl too).  Returns new, or NULL with errors in dl. */
struct scenario *scenario_load(const char *path, struct diag_list *dl);
/* Computes sc->order from the wiring (reading each template for its
 * exports and imports; stacks without an account or region get the
 * defaults given).  Returns 0, or -1 with errors in dl: an unreadable
 * template, a wire from a stack not in the scenario, or a cycle (naming
 * every stack in it). */
int scenario_order(struct scenario *sc, const char *default_account,
		   const char *default_region, const char *partition, struct diag_list *dl);
/* Frees sc; NULL is fine. */
void scenario_free(struct scenario *sc);

struct scenario_run_options {
	bool allow_outside;  /* --allow-outside for the state file */
	bool show_resolved;  /* keep resolved properties */
	const char *date;    /* --date, overriding the file's date: */
	const char *today;   /* the default day */
	struct model_set *models; /* borrowed resource models, or NULL: not checked */
};

/* Runs every stack in order into out.  Returns 0, or -1 with errors in dl
 * (unreadable state or template). */
int scenario_run(const struct scenario *sc, const struct scenario_run_options *o,
		 struct run_result *out, struct diag_list *dl);
/* Compares out with the expect: block; each mismatch is an error in dl at
 * the expectation's position.  Returns the number of mismatches. */
size_t scenario_check_expect(const struct scenario *sc, const struct run_result *out,
			     struct diag_list *dl);

#endif
