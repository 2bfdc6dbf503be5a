/*
 * cmd_state.c - "cfn-dryrun state import --from DIR [--output FILE]": an
 * account-state file built from saved AWS CLI outputs (src/import).
 */
#include "cli/cli.h"
#include "import/import.h"

#include <string.h>

int cmd_state(struct cli_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct import_options io = { o->from, o->account, o->region };
	struct strbuf out = STRBUF_INIT;
	struct value *state;
	int rc = EXIT_CREATED;

	if (strcmp(o->target, "import")) {
		diag_error(&dl, SRCPOS_NONE, "state: unknown subcommand '%s' (expected: import)",
			   o->target);
	} else if (!o->from) {
		diag_error(&dl, SRCPOS_NONE, "state import: --from DIR is required (the folder of "
			   "AWS CLI outputs)");
	} else if ((state = import_state(&io, &dl))) {
		strbuf_addstr(&out, "# account state imported by cfn-dryrun state import from ");
		strbuf_addstr(&out, o->from);
		strbuf_addch(&out, '\n');
		import_write_yaml(state, &out);
		value_free(state);
		cli_write_text(&out, o, &dl);
	}
	if (dl.n_errors)
		rc = EXIT_INPUT_ERROR;
	diag_print(&dl, stderr);
	diag_clear(&dl);
	strbuf_release(&out);
	return rc;
}
