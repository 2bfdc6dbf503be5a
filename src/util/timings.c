/*
 * timings.c - the phase timers behind CFN_DRYRUN_TIMINGS (see timings.h):
 * one monotonic clock reading per phase switch, summed per phase; when the
 * variable is unset, a switch is a test and a return.
 */
#include "util/timings.h"

#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

static const char *const phase_names[TIMING_N] = {
	"other", "models", "state", "load", "resolve", "simulate", "report",
};

static bool enabled;              /* CFN_DRYRUN_TIMINGS was set */
static enum timing_phase current; /* the phase being charged */
static double last;               /* clock at the last switch, ms */
static double start;              /* clock at timings_init, ms */
static double spent[TIMING_N];    /* ms per phase */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void timings_init(void)
{
	enabled = getenv("CFN_DRYRUN_TIMINGS") != NULL;
	if (enabled)
		start = last = now_ms();
}

enum timing_phase timings_enter(enum timing_phase p)
{
	enum timing_phase prev = current;
	double t;

	if (!enabled)
		return prev;
	t = now_ms();
	spent[current] += t - last;
	last = t;
	current = p;
	return prev;
}

void timings_print(FILE *out)
{
	int i;

	if (!enabled)
		return;
	timings_enter(current);
	fprintf(out, "cfn-dryrun: timings:");
	for (i = 0; i < TIMING_N; i++)
		fprintf(out, " %s=%.3f", phase_names[i], spent[i]);
	fprintf(out, " total=%.3f\n", last - start);
}
