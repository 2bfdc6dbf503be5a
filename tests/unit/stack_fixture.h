/*
 * stack_fixture.h - runs whole stacks through the engine for the unit
 * tests of checks that need files: templates, nested templates and an
 * account state written into a fresh temporary folder.
 */
#ifndef CFN_TEST_STACK_FIXTURE_H
#define CFN_TEST_STACK_FIXTURE_H

#include "engine/engine.h"
#include "engine/result.h"

struct stack_fixture {
	char *dir;               /* owned: the temporary folder */
	struct run_result out;   /* the results of run_stack */
	struct state *state;     /* owned: the account state of the last run */
	struct model_set *models; /* owned resource models, or NULL */
};

/* Creates the folder; with_models opens the source tree's models. */
void fixture_init(struct stack_fixture *fx, int with_models);
/* Writes text to DIR/name. */
void fixture_write(struct stack_fixture *fx, const char *name, const char *text);
/* Runs DIR/template as stack name in 111111111111 us-east-1 against
 * DIR/state.yaml (when written) with capabilities; fails the test on an
 * input error.  Returns the stack's result (borrowed). */
struct stack_result *fixture_run(struct stack_fixture *fx, const char *template,
				 const char *name, unsigned capabilities);
/* The resource logical_id of s (borrowed); fails the test when absent. */
struct res_result *fixture_resource(struct stack_result *s, const char *logical_id);
/* Asserts that fl holds exactly one finding, with this code and message. */
void fixture_assert_finding(const struct finding_list *fl, enum finding_code code,
			    const char *message);
/* Removes the folder and frees everything. */
void fixture_done(struct stack_fixture *fx);

#endif
