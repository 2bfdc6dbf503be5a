/*
 * stack_fixture.c - whole stacks through the engine for unit tests (see
 * stack_fixture.h).
 */
#include "stack_fixture.h"
#include "helpers.h"
#include "state/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fixture_init(struct stack_fixture *fx, int with_models)
{
	char tmpl[] = "/tmp/cfn-dryrun-unit.XXXXXX";

	memset(fx, 0, sizeof(*fx));
	assert_non_null(mkdtemp(tmpl));
	fx->dir = xstrdup(tmpl);
	if (with_models)
		fx->models = open_models(MODELS_DIR, NULL);
}

void fixture_write(struct stack_fixture *fx, const char *name, const char *text)
{
	char *path = xstrfmt("%s/%s", fx->dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	free(path);
}

struct stack_result *fixture_run(struct stack_fixture *fx, const char *template,
				 const char *name, unsigned capabilities)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *state_path = xstrfmt("%s/state.yaml", fx->dir);
	char *path = xstrfmt("%s/%s", fx->dir, template);
	struct state_options so = { false, NULL };
	struct deploy d;

	state_free(fx->state);
	fx->state = access(state_path, R_OK) == 0 ? state_load(state_path, &so, &dl)
						  : state_new(NULL);
	if (!fx->state)
		fail_msg("state: %s", diag_first_error(&dl));
	memset(&d, 0, sizeof(d));
	d.stack_name = name;
	d.account = "111111111111";
	d.region = "us-east-1";
	d.capabilities = capabilities;
	d.date = "2025-06-01";
	d.models = fx->models;
	if (engine_check_file(path, &d, fx->state, &fx->out, &dl) < 0)
		fail_msg("%s: %s", template, diag_first_error(&dl));
	diag_clear(&dl);
	free(state_path);
	free(path);
	return &fx->out.stacks[fx->out.n_stacks - 1];
}

struct res_result *fixture_resource(struct stack_result *s, const char *logical_id)
{
	struct res_result *r = result_resource(s, logical_id);

	if (!r)
		fail_msg("no resource %s in stack %s", logical_id, s->stack);
	return r;
}

void fixture_assert_finding(const struct finding_list *fl, enum finding_code code,
			    const char *message)
{
	if (fl->n != 1)
		fail_msg("%zu findings, expected 1 (%s)", fl->n, message);
	assert_string_equal(finding_code_info(fl->items[0].code)->code,
			    finding_code_info(code)->code);
	assert_string_equal(fl->items[0].message, message);
}

void fixture_done(struct stack_fixture *fx)
{
	DIR *d = opendir(fx->dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		char *p;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = xstrfmt("%s/%s", fx->dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(fx->dir);
	free(fx->dir);
	result_free(&fx->out);
	state_free(fx->state);
	model_set_free(fx->models);
	memset(fx, 0, sizeof(*fx));
}
