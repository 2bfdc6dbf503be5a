/*
 * engine.h - predicting a stack create: template in, stack result out.
 *
 * The engine runs the stages of DESIGN.md in one direction: load the
 * template, check its structure, build the dependency graph and waves,
 * then decide each resource's status.  It never prints: input problems go
 * to a diag list (exit 2), predictions into the result.
 */
#ifndef CFN_ENGINE_H
#define CFN_ENGINE_H

#include <stdbool.h>

#include "engine/result.h"
#include "model/model.h"
#include "state/state.h"
#include "util/diag.h"
#include "value/value.h"

enum capability {
	CAP_IAM = 1 << 0,         /* CAPABILITY_IAM */
	CAP_NAMED_IAM = 1 << 1,   /* CAPABILITY_NAMED_IAM */
	CAP_AUTO_EXPAND = 1 << 2, /* CAPABILITY_AUTO_EXPAND */
};

/* What the create call is given: where, as what, with which inputs. */
struct deploy {
	const char *stack_name;        /* borrowed */
	const char *account;           /* borrowed: 12 digits */
	const char *region;            /* borrowed: "us-east-1" */
	const struct value *parameters; /* borrowed map name -> value, or NULL */
	unsigned capabilities;         /* enum capability bits */
	const char *date;              /* borrowed "YYYY-MM-DD": the day judged on */
	bool show_resolved;            /* put resolved properties in the result */
	const struct finding_list *preset; /* borrowed stack findings found before the
					      template is read (scenario wiring), or NULL */
	bool blocked;                  /* nothing is attempted (a stack it waits on fails) */
	struct model_set *models;      /* borrowed resource models; NULL: types are not checked */
};

/* Predicts the create of the template at path against state, which the
 * simulation updates (created resources, the stack).  Appends one stack to
 * out and returns 0; or returns -1 with errors in dl when the template
 * cannot be used (nothing is appended). */
int engine_check_file(const char *path, const struct deploy *d, struct state *state,
		      struct run_result *out, struct diag_list *dl);
/* The same for a template already in memory: len bytes of buf (borrowed),
 * read as the file named path (for positions and the stack's template). */
int engine_check_buffer(const char *path, const char *buf, size_t len, const struct deploy *d,
			struct state *state, struct run_result *out, struct diag_list *dl);

#endif
