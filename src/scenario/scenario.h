/*
 * scenario.h - several stacks deployed in order across accounts and
 * regions (SPEC section 3): the scenario file, the deployment order its
 * wiring requires, the run, and the comparison with its expect: block.
 *
 * Wiring is a parameter {from: STACK, output: NAME}, or an Fn::ImportValue
 * of an export another stack of the scenario declares.  The order is the
 * listed order, moved only as far as the wiring requires; a cycle between
 * stacks is an input error naming every stack in it.
 *
 * variants: (an extension of SPEC section 3) runs the same stacks against
 * several account states, one run per variant, reported side by side; the
 * expect: block is then keyed by variant name.
 */
#ifndef CFN_SCENARIO_H
#define CFN_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/result.h"
#include "model/model.h"
#include "util/diag.h"
#include "util/strbuf.h"
#include "value/value.h"

/* At most this many stacks in one scenario (the ordering compares every
 * pair; CloudFormation's default quota is 2000 stacks per region). */
#define SCENARIO_MAX_STACKS 1000

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
	struct scenario_wire *wires; /* owned: the parameter wires, then the imports */
	size_t n_wires;
	size_t n_param_wires;        /* how many of wires are parameters (the rest is
					found by scenario_order) */
	unsigned capabilities;       /* enum capability bits */
	struct strlist exports;      /* export names its template declares (static) */
	struct srcpos pos;           /* where the stack entry is written */
	size_t listed;               /* its index in the file */
};

struct scenario_variant {
	char *name;                   /* owned: "single-region" */
	char *state_path;             /* owned, resolved */
	struct srcpos pos;            /* where the variant is written */
};

struct scenario {
	char *name;                   /* owned or NULL */
	char *state_path;             /* owned, resolved, or NULL (empty account, or variants) */
	struct scenario_variant *variants; /* owned, in the listed order; NULL without variants: */
	size_t n_variants;
	char *date;                   /* owned YYYY-MM-DD or NULL */
	struct scenario_stack *stacks; /* owned, in the listed order */
	size_t n_stacks;
	size_t *order;                /* owned: deployment order (indexes into stacks) */
	struct value *expect;         /* owned expect: map (keyed by variant with variants:),
					 or NULL */
	struct value *root;           /* owned: the whole file (positions for messages) */
};

/* Reads the scenario at path (warnings for ignored top-level keys go to
 * dl too).  Returns new, or NULL with errors in dl. */
struct scenario *scenario_load(const char *path, struct diag_list *dl);
/* Computes sc->order from the wiring (reading each template for its
 * exports and imports; stacks without an account or region get the
 * defaults given); may be called again (for another variant's defaults).
 * Returns 0, or -1 with errors in dl: an unreadable template, a wire from
 * a stack not in the scenario, or a cycle (naming every stack in it, and
 * only those). */
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

/* Number of runs: one per variant, else 1. */
size_t scenario_n_runs(const struct scenario *sc);
/* The label of run i: the variant's name (borrowed), or NULL without variants. */
const char *scenario_run_label(const struct scenario *sc, size_t i);
/* Loads the account state of run i (a new empty state when the scenario
 * names none).  Returns new, or NULL with errors in dl. */
struct state *scenario_load_state(const struct scenario *sc, size_t i,
				  const struct scenario_run_options *o, struct diag_list *dl);
/* Runs every stack in order against state (borrowed; the simulation adds
 * what each stack creates), appending one stack result per stack to out,
 * each labelled with label (borrowed, may be NULL).  Returns 0, or -1
 * with errors in dl (an unreadable template, a cycle). */
int scenario_run_state(struct scenario *sc, const struct scenario_run_options *o,
		       struct state *state, const char *label, struct run_result *out,
		       struct diag_list *dl);
/* Runs every variant (or the one state) into out; with two variants or
 * more, adds their comparison (out->comparison).  Returns 0, or -1 with
 * errors in dl (unreadable state or template). */
int scenario_run(struct scenario *sc, const struct scenario_run_options *o,
		 struct run_result *out, struct diag_list *dl);
/* Appends what s needs from stack from to sb: "output A", "outputs A and
 * B", "output A and export B". */
void scenario_describe_needs(const struct scenario_stack *s, const char *from,
			     struct strbuf *sb);
/* The stack entry named name (borrowed), or NULL. */
const struct scenario_stack *scenario_stack_named(const struct scenario *sc, const char *name);
/* Compares out with the expect: block (per variant with variants:); each
 * mismatch is an error in dl at the expectation's position.  Returns the
 * number of mismatches. */
size_t scenario_check_expect(const struct scenario *sc, const struct run_result *out,
			     struct diag_list *dl);

#endif
