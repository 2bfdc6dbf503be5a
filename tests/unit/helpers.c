/*
 * helpers.c - shared helpers for the cmocka unit tests (see helpers.h).
 */
#include "helpers.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "value/value_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value *parse_ok(const char *name, const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = load_buffer(name, text, strlen(text), NULL, &dl);

	if (!v)
		fail_msg("parse of %s failed: %s", name, diag_first_error(&dl));
	diag_clear(&dl);
	return v;
}

char *parse_error(const char *name, const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = load_buffer(name, text, strlen(text), NULL, &dl);
	char *msg;

	if (v) {
		value_free(v);
		diag_clear(&dl);
		fail_msg("%s parsed, but an error was expected", name);
	}
	assert_true(dl.n > 0);
	msg = xstrfmt("%u:%u: %s", dl.items[0].pos.line, dl.items[0].pos.col, dl.items[0].message);
	diag_clear(&dl);
	return msg;
}

char *to_json(const struct value *v)
{
	struct strbuf sb = STRBUF_INIT;

	value_to_json_compact(&sb, v);
	return strbuf_detach(&sb, NULL);
}

void assert_same_tree(const char *yaml, const char *json)
{
	struct value *a = parse_ok("a.yaml", yaml);
	struct value *b = parse_ok("b.json", json);
	char *ja = to_json(a), *jb = to_json(b);

	assert_string_equal(ja, jb);
	assert_true(value_equal(a, b));
	free(ja);
	free(jb);
	value_free(a);
	value_free(b);
}

struct template *open_template(const char *text, struct finding_list *fl)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *root = parse_ok("t.yaml", text);
	struct template *t = template_open(root, strlen(text), fl, &dl);

	if (!t)
		fail_msg("not a template: %s", diag_first_error(&dl));
	diag_clear(&dl);
	return t;
}

long find_code(const struct finding_list *fl, enum finding_code code)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == code)
			return (long)i;
	return -1;
}

void assert_one_finding(const struct finding_list *fl, enum finding_code code,
			const char *message)
{
	size_t i, n = 0;
	long at = -1;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].code == code) {
			n++;
			at = (long)i;
		}
	if (n != 1) {
		for (i = 0; i < fl->n; i++)
			print_error("finding: %s %s\n", finding_code_info(fl->items[i].code)->code,
				    fl->items[i].message);
		fail_msg("expected one %s finding, found %zu", finding_code_info(code)->code, n);
	}
	assert_string_equal(fl->items[at].message, message);
}

struct model_set *open_models(const char *a, const char *b)
{
	const char *dirs[] = { a, b };
	struct diag_list dl = DIAG_LIST_INIT;
	struct model_set *ms = model_set_open(dirs, b ? 2 : 1, &dl);

	if (!ms)
		fail_msg("cannot open the models: %s", diag_first_error(&dl));
	diag_clear(&dl);
	return ms;
}

int remove_test_dir(const char *dir)
{
	char *cmd = xstrfmt("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	srcfile_reset();
	return rc == 0 ? 0 : -1;
}
