/*
 * test_model_all.c - every model of models/ loads: each type of the index,
 * each overlay file, each schema pattern compiles under PCRE2, and the
 * curated rules are all there.
 */
#include "helpers.h"
#include "model/model_internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static void test_every_type_loads(void **state)
{
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	size_t i, n = model_set_type_count(ms);

	(void)state;
	assert_true(n > 1500);
	for (i = 0; i < n; i++) {
		const char *type = model_set_type_at(ms, i);
		const struct model *m = model_find(ms, type, &dl);

		if (!m)
			fail_msg("%s does not load: %s", type, diag_first_error(&dl));
		assert_string_equal(model_type_name(m), type);
		assert_int_equal(model_available_in(ms, type, "us-east-1"), MODEL_AVAIL_YES);
	}
	assert_int_equal(dl.n_errors, 0);
	model_set_free(ms);
	srcfile_reset();
}

struct pattern_count {
	struct model_set *ms; /* the pattern cache */
	size_t n, failed;     /* patterns seen, and those that do not compile */
};

/* Compiles every pattern and patternProperties key under node. */
static void walk_patterns(struct pattern_count *pc, const struct value *node, const char *type,
			  int depth)
{
	assert_true(depth < 100);
	if (node->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(node, it)
			walk_patterns(pc, *it, type, depth + 1);
		return;
	}
	if (node->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(node, e) {
		if (!strcmp(e->key, "pattern") && value_is_string(e->val)) {
			pc->n++;
			if (model_regex_match(pc->ms, e->val->u.string.s, "") < 0) {
				pc->failed++;
				print_error("%s: pattern does not compile: %s\n", type, e->val->u.string.s);
			}
		} else if (!strcmp(e->key, "patternProperties") && e->val->kind == VALUE_MAP) {
			VALUE_MAP_FOREACH(e->val, p) {
				pc->n++;
				if (model_regex_match(pc->ms, p->key, "") < 0) {
					pc->failed++;
					print_error("%s: pattern does not compile: %s\n", type, p->key);
				}
			}
		}
		walk_patterns(pc, e->val, type, depth + 1);
	}
}

static void test_every_pattern_compiles(void **state)
{
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	struct pattern_count pc = { ms, 0, 0 };
	size_t i, n = model_set_type_count(ms);

	(void)state;
	for (i = 0; i < n; i++) {
		const struct model *m = model_find(ms, model_set_type_at(ms, i), &dl);
		assert_non_null(m);
		walk_patterns(&pc, m->doc, m->type, 0);
	}
	assert_true(pc.n > 5000);
	assert_int_equal(pc.failed, 0);
	model_set_free(ms);
	srcfile_reset();
}

static void test_every_overlay_file_loads(void **state)
{
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	DIR *d = opendir(MODELS_DIR "/overlay");
	struct dirent *e;
	size_t files = 0, rules = 0, types = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *service;
		struct model_overlay *ov;
		const struct value *tps;

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		service = strndup(e->d_name, len - 5);
		ov = model_overlay_get(ms, 0, service, &dl);
		if (dl.n_errors)
			fail_msg("%s: %s", e->d_name, diag_first_error(&dl));
		assert_non_null(ov->doc);
		files++;
		rules += ov->n_rules;
		tps = value_map_get(ov->doc, "types");
		if (tps) {
			VALUE_MAP_FOREACH(tps, t) {
				/* every type the overlay describes loads with its facts */
				const struct model *m = model_find(ms, t->key, &dl);
				if (!m)
					fail_msg("%s: %s does not load: %s", e->d_name, t->key,
						 diag_first_error(&dl));
				types++;
			}
		}
		free(service);
	}
	closedir(d);
	assert_true(files >= 40);
	assert_true(types >= 100);
	assert_true(rules >= 40);
	assert_int_equal(dl.n_errors, 0);
	model_set_free(ms);
	srcfile_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_loads),
		cmocka_unit_test(test_every_pattern_compiles),
		cmocka_unit_test(test_every_overlay_file_loads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
