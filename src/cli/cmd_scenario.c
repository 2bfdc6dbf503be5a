/*
 * cmd_scenario.c - "cfn-dryrun scenario SCENARIO.yaml [--expect]": several
 * stacks in order (SPEC section 3).
 */
#include "cli/cli.h"
#include "scenario/scenario.h"
#include "util/timings.h"

#include <stdio.h>

int cmd_scenario(struct cli_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct run_result r = RUN_RESULT_INIT;
	struct scenario_run_options so = { o->allow_outside, o->show_resolved, o->date, o->today,
					   NULL };
	struct scenario *sc = NULL;
	int rc;

	if (o->n_state_files || o->region || o->account || o->stack_name || o->params ||
	    o->capabilities) {
		fprintf(stderr, "cfn-dryrun: error: scenario takes the state, accounts, regions, "
				"parameters and capabilities from the scenario file\n");
		return EXIT_INPUT_ERROR;
	}
	timings_enter(TIMING_MODELS);
	so.models = model_set_open_default(o->models_dir, &dl);
	timings_enter(TIMING_STATE);
	if (so.models)
		sc = scenario_load(o->target, &dl);
	timings_enter(TIMING_OTHER);
	if (!sc || scenario_run(sc, &so, &r, &dl) < 0) {
		diag_print(&dl, stderr);
		rc = EXIT_INPUT_ERROR;
		goto out;
	}
	if (o->expect) {
		size_t n = scenario_check_expect(sc, &r, &dl);
		if (cli_write_report(&r, o, NULL, &dl) < 0) {
			diag_print(&dl, stderr);
			rc = EXIT_INPUT_ERROR;
			goto out;
		}
		diag_print(&dl, stderr);
		if (n)
			fprintf(stderr, "cfn-dryrun: %zu expectation%s not met\n", n, n == 1 ? "" : "s");
		rc = n ? EXIT_FAILURE_PREDICTED : EXIT_CREATED;
		goto out;
	}
	timings_enter(TIMING_REPORT);
	if (cli_write_report(&r, o, NULL, &dl) < 0) {
		diag_print(&dl, stderr);
		rc = EXIT_INPUT_ERROR;
		goto out;
	}
	diag_print(&dl, stderr); /* warnings */
	rc = result_exit_code(&r);
out:
	result_free(&r);
	scenario_free(sc);
	model_set_free(so.models);
	diag_clear(&dl);
	return rc;
}
