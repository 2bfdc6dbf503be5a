/*
 * cmd_check.c - "cfn-dryrun check" and "cfn-dryrun graph": predict one
 * stack create and report it (graph defaults to DOT).
 */
#include "cli/cli.h"
#include "util/timings.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *cli_stack_name_from_file(const char *path)
{
	char *name = cli_default_stack_name(path), *p;

	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p))
			*p = '-';
	if (!isalpha((unsigned char)name[0])) {
		char *prefixed = xstrfmt("stack-%s", name);
		free(name);
		name = prefixed;
	}
	if (strlen(name) > 128)
		name[128] = '\0';
	return name;
}

static int run(struct cli_options *o, const char *default_format)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct run_result r = RUN_RESULT_INIT;
	struct model_set *models;
	struct state *state = NULL;
	struct deploy d;
	char *stack_name = NULL;
	int rc;

	timings_enter(TIMING_MODELS);
	models = model_set_open_default(o->models_dir, &dl);
	timings_enter(TIMING_STATE);
	if (models)
		state = cli_load_state(o, o->n_state_files ? o->state_files[0] : NULL, models, &dl);
	timings_enter(TIMING_OTHER);
	if (!state) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		model_set_free(models);
		return EXIT_INPUT_ERROR;
	}
	cli_deploy_from_options(o, state, &d);
	d.models = models;
	d.stack_name = o->stack_name;
	if (!d.stack_name)
		d.stack_name = stack_name = cli_stack_name_from_file(o->target);
	rc = engine_check_file(o->target, &d, state, &r, &dl);
	timings_enter(TIMING_REPORT);
	if (rc < 0 || cli_write_report(&r, o, default_format, &dl) < 0) {
		diag_print(&dl, stderr);
		rc = EXIT_INPUT_ERROR;
	} else {
		diag_print(&dl, stderr); /* warnings, if any */
		rc = result_exit_code(&r);
	}
	timings_enter(TIMING_OTHER);
	result_free(&r);
	diag_clear(&dl);
	state_free(state);
	model_set_free(models);
	free(stack_name);
	return rc;
}

int cmd_check(struct cli_options *o)
{
	return run(o, NULL);
}

int cmd_graph(struct cli_options *o)
{
	return run(o, "dot");
}
