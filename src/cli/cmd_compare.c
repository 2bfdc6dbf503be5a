/*
 * cmd_compare.c - "cfn-dryrun compare TEMPLATE --state A --state B": the
 * same stack against two account states, and which resources get another
 * status or other findings (exit 0 when the verdicts agree, 1 when they
 * differ, 2 on an input error).
 */
#include "cli/cli.h"
#include "compare/compare.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Runs the template against state file i, labelled with its path. */
static int run_one(struct cli_options *o, int i, struct model_set *models, const char *stack_name,
		   struct run_result *r, struct diag_list *dl)
{
	struct state *state = cli_load_state(o, o->state_files[i], models, dl);
	size_t before = r->n_stacks;
	struct deploy d;
	int rc;

	if (!state)
		return -1;
	cli_deploy_from_options(o, state, &d);
	d.models = models;
	d.stack_name = stack_name;
	rc = engine_check_file(o->target, &d, state, r, dl);
	if (rc == 0 && r->n_stacks > before)
		r->stacks[before].variant = xstrdup(o->state_files[i]);
	state_free(state);
	return rc;
}

int cmd_compare(struct cli_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct run_result r = RUN_RESULT_INIT;
	struct model_set *models = NULL;
	char *stack_name = NULL;
	int rc = EXIT_INPUT_ERROR, i;

	if (o->n_state_files != 2) {
		fprintf(stderr, "cfn-dryrun: error: compare needs two --state files (got %d)\n",
			o->n_state_files);
		return EXIT_INPUT_ERROR;
	}
	if (!strcmp(o->state_files[0], o->state_files[1])) {
		fprintf(stderr, "cfn-dryrun: error: compare needs two different state files\n");
		return EXIT_INPUT_ERROR;
	}
	models = model_set_open_default(o->models_dir, &dl);
	if (!models)
		goto out;
	stack_name = o->stack_name ? xstrdup(o->stack_name) : cli_stack_name_from_file(o->target);
	for (i = 0; i < 2; i++)
		if (run_one(o, i, models, stack_name, &r, &dl) < 0)
			goto out;
	compare_results(&r);
	if (cli_write_report(&r, o, NULL, &dl) < 0)
		goto out;
	rc = compare_exit_code(&r);
out:
	diag_print(&dl, stderr);
	diag_clear(&dl);
	result_free(&r);
	model_set_free(models);
	free(stack_name);
	return rc;
}
