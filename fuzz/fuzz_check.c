/*
 * fuzz_check.c - fuzzes the whole check in-process: the input is a
 * template, optionally followed by a line "#--state--" and an account
 * state; the engine predicts the create against that state (models opened
 * once) and every report format is written, as cfn-dryrun check would.
 */
#define _GNU_SOURCE /* memmem */
#include "fuzz.h"

#include "engine/engine.h"
#include "engine/typecheck.h"
#include "report/report.h"
#include "util/diag.h"
#include "util/strbuf.h"

#include <string.h>

#define STATE_MARK "\n#--state--\n"
#define MAX_INPUT ((size_t)1 << 20) /* bigger inputs only make the fuzzer slow */

static struct model_set *models; /* opened once: the models never change */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag_list dl = DIAG_LIST_INIT;

	(void)argc;
	(void)argv;
	models = model_set_open_default(NULL, &dl);
	diag_clear(&dl);
	return 0;
}

/* Runs the engine on the template against st and writes every format. */
static void check(const char *tmpl, size_t len, struct state *st, struct diag_list *dl)
{
	const struct report_options ro = { false, false, true };
	const struct report_format *f;
	struct run_result r = RUN_RESULT_INIT;
	struct deploy d;

	memset(&d, 0, sizeof(d));
	d.stack_name = "fuzz";
	d.account = state_default_account(st) ? state_default_account(st) : "123456789012";
	d.region = state_default_region(st) ? state_default_region(st) : "us-east-1";
	d.capabilities = CAP_IAM | CAP_NAMED_IAM | CAP_AUTO_EXPAND;
	d.date = "2025-06-01";
	d.show_resolved = true;
	d.models = models;
	if (engine_check_buffer("fuzz-template.yaml", tmpl, len, &d, st, &r, dl) == 0) {
		for (f = report_formats(); f->name; f++) {
			struct strbuf out = STRBUF_INIT;

			f->write(&r, &ro, &out);
			strbuf_release(&out);
		}
		result_exit_code(&r);
	}
	result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	const char *mark = size ? memmem(buf, size, STATE_MARK, strlen(STATE_MARK)) : NULL;
	size_t tlen = mark ? (size_t)(mark - buf) + 1 : size; /* the template keeps its newline */
	struct diag_list dl = DIAG_LIST_INIT;
	struct state_checks checks;
	struct state_options so = { false, NULL };
	struct state *st;

	if (!models || size > MAX_INPUT)
		return 0;
	typecheck_state_checks(models, &checks);
	so.checks = &checks;
	if (mark) {
		const char *s = mark + strlen(STATE_MARK);
		st = state_load_buffer("fuzz-state.yaml", s, size - (size_t)(s - buf), &so, &dl);
	} else {
		st = state_new(NULL);
	}
	if (st)
		check(buf, tlen, st, &dl);
	state_free(st);
	diag_clear(&dl);
	return 0;
}
