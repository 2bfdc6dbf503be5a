/*
 * timings.h - where one run's time goes, for the benchmark (make bench).
 *
 * Hidden and off by default: with CFN_DRYRUN_TIMINGS set in the
 * environment, main prints one line to standard error at exit giving the
 * milliseconds spent in each phase.  The SPEC'd output never changes.
 */
#ifndef CFN_TIMINGS_H
#define CFN_TIMINGS_H

#include <stdio.h>

/* The phases a run is split into; TIMING_OTHER holds what no phase claims
 * (option parsing, freeing). */
enum timing_phase {
	TIMING_OTHER,    /* outside every named phase */
	TIMING_MODELS,   /* opening the resource models */
	TIMING_STATE,    /* reading the account-state file */
	TIMING_LOAD,     /* reading and parsing templates */
	TIMING_RESOLVE,  /* parameters, structure, graph, conditions, pass 1 */
	TIMING_SIMULATE, /* pass 2: checks, statuses, state writes */
	TIMING_REPORT,   /* writing the report */
	TIMING_N,        /* count */
};

/* Turns the timers on when CFN_DRYRUN_TIMINGS is set; call once, first. */
void timings_init(void);
/* Charges the time since the last switch to the current phase and makes p
 * current.  Returns the phase that was current, for the caller to restore
 * (phases nest: a nested stack's load inside a simulation).  Does nothing
 * but return when the timers are off. */
enum timing_phase timings_enter(enum timing_phase p);
/* Prints "cfn-dryrun: timings: models=0.123 ... total=1.234" (milliseconds)
 * to out when the timers are on. */
void timings_print(FILE *out);

#endif
