/*
 * fuzz_state.c - fuzzes the account-state loader (SPEC section 2) on
 * bytes, with the models' type and property checks, as --state reads it.
 * File: paths are resolved against the fuzzer's working folder and never
 * read here (they are read when a nested stack asks).
 */
#include "fuzz.h"

#include "engine/typecheck.h"
#include "model/model.h"
#include "state/state.h"
#include "util/diag.h"

static struct model_set *models; /* opened once: the models never change */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag_list dl = DIAG_LIST_INIT;

	(void)argc;
	(void)argv;
	models = model_set_open_default(NULL, &dl); /* NULL: only syntactic checks */
	diag_clear(&dl);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct state_checks checks;
	struct state_options so = { false, NULL };

	if (models) {
		typecheck_state_checks(models, &checks);
		so.checks = &checks;
	}
	state_free(state_load_buffer("fuzz-state.yaml", (const char *)data, size, &so, &dl));
	diag_clear(&dl);
	return 0;
}
