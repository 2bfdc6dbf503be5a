/*
 * cmd_plan.c - "cfn-dryrun plan TEMPLATE|SCENARIO": the teaching view,
 * each stack's creation waves and the numbered checklist of what must
 * exist first (a file whose top level has stacks: and no Resources: is a
 * scenario).  The exit status is check's, for the state as it is.
 */
#include "cli/cli.h"
#include "engine/typecheck.h"
#include "load/load.h"
#include "plan/plan.h"
#include "util/xalloc.h"

#include <stdlib.h>

/* 1 scenario, 0 template, -1 unreadable (errors in dl). */
static int is_scenario(const char *path, struct diag_list *dl)
{
	static const struct load_options opt = { LOAD_AUTO, 0, 1, NULL };
	struct value *root = load_file(path, &opt, dl);
	int rc;

	if (!root)
		return -1;
	rc = root->kind == VALUE_MAP && value_map_get(root, "stacks") &&
	     !value_map_get(root, "Resources");
	value_free(root);
	return rc;
}

static int plan_a_scenario(struct cli_options *o, struct model_set *models, struct run_result *r,
			   struct diag_list *dl)
{
	struct scenario_run_options so = { o->allow_outside, o->show_resolved, o->date, o->today,
					   models };
	struct scenario *sc;
	int rc;

	if (o->n_state_files || o->region || o->account || o->stack_name || o->params ||
	    o->capabilities) {
		diag_error(dl, SRCPOS_NONE, "the plan of a scenario takes the state, accounts, regions, "
			   "parameters and capabilities from the scenario file");
		return -1;
	}
	sc = scenario_load(o->target, dl);
	if (!sc)
		return -1;
	rc = plan_scenario(sc, &so, r, dl);
	scenario_free(sc);
	return rc;
}

static int plan_a_template(struct cli_options *o, struct model_set *models, struct run_result *r,
			   struct diag_list *dl)
{
	const char *path = o->n_state_files ? o->state_files[0] : NULL;
	struct state_options so = { o->allow_outside, NULL };
	struct state_checks checks;
	struct plan_template pt;
	struct state *state;
	struct deploy d;
	char *stack_name = NULL;
	int rc;

	state = cli_load_state(o, path, models, dl); /* for its default account and region */
	if (!state)
		return -1;
	typecheck_state_checks(models, &checks);
	so.checks = &checks;
	cli_deploy_from_options(o, state, &d);
	d.models = models;
	d.stack_name = o->stack_name ? o->stack_name
				     : (stack_name = cli_stack_name_from_file(o->target));
	pt.path = o->target;
	pt.d = &d;
	pt.state_path = path;
	pt.state_opts = &so;
	rc = plan_template(&pt, r, dl);
	state_free(state);
	free(stack_name);
	return rc;
}

int cmd_plan(struct cli_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct run_result r = RUN_RESULT_INIT;
	struct model_set *models = model_set_open_default(o->models_dir, &dl);
	int rc = EXIT_INPUT_ERROR, kind = models ? is_scenario(o->target, &dl) : -1;

	if (kind < 0 ||
	    (kind ? plan_a_scenario(o, models, &r, &dl) : plan_a_template(o, models, &r, &dl)) < 0 ||
	    cli_write_report(&r, o, NULL, &dl) < 0)
		goto out;
	rc = result_exit_code(&r);
out:
	diag_print(&dl, stderr);
	diag_clear(&dl);
	result_free(&r);
	model_set_free(models);
	return rc;
}
