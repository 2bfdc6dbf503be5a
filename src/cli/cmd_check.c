/*
 * cmd_check.c - "cfn-dryrun check" and "cfn-dryrun graph": predict one
 * stack create and report it (graph defaults to DOT).
 */
#include "cli/cli.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A valid stack name from a file name: CloudFormation allows
 * [a-zA-Z][-a-zA-Z0-9]*, at most 128 characters. */
static char *stack_name_from_file(const char *path)
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
	struct run_result r = { NULL, 0 };
	struct state *state;
	struct deploy d;
	char *stack_name = NULL;
	int rc;

	if (o->models_dir) {
		diag_error(&dl, SRCPOS_NONE, "--models is not supported yet (it arrives with the "
			   "resource models)");
		diag_print(&dl, stderr);
		diag_clear(&dl);
		return EXIT_INPUT_ERROR;
	}
	state = cli_load_state(o, o->n_state_files ? o->state_files[0] : NULL, &dl);
	if (!state) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		return EXIT_INPUT_ERROR;
	}
	cli_deploy_from_options(o, state, &d);
	d.stack_name = o->stack_name;
	if (!d.stack_name)
		d.stack_name = stack_name = stack_name_from_file(o->target);
	if (engine_check_file(o->target, &d, state, &r, &dl) < 0 ||
	    cli_write_report(&r, o, default_format, &dl) < 0) {
		diag_print(&dl, stderr);
		rc = EXIT_INPUT_ERROR;
	} else {
		diag_print(&dl, stderr); /* warnings, if any */
		rc = result_exit_code(&r);
	}
	result_free(&r);
	diag_clear(&dl);
	state_free(state);
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
