/*
 * test_model_all.c - every model of models/ loads: each type of the index,
 * each overlay file (read from its compiled form: the same facts and
 * rules as its YAML), each schema pattern compiles under PCRE2, and the
 * curated rules are all there.
 */
#include "helpers.h"
#include "load/load.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

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
		model_lazy_load_all(m->lazy, (struct value *)m->defs);
		walk_patterns(&pc, m->doc, m->type, 0);
	}
	assert_true(pc.n > 5000);
	assert_int_equal(pc.failed, 0);
	model_set_free(ms);
	srcfile_reset();
}

/* The YAML of overlay/SERVICE.yaml, parsed and checked as at build time
 * (rules into *rules / *n). */
static struct value *yaml_of(const char *service, struct model_rule **rules, size_t *n,
			     struct diag_list *dl)
{
	char *path = xstrfmt("%s/overlay/%s.yaml", MODELS_DIR, service);
	struct value *doc = load_file(path, NULL, dl);

	free(path);
	assert_non_null(doc);
	if (model_overlay_check(service, doc, rules, n, dl) < 0)
		fail_msg("%s: %s", service, diag_first_error(dl));
	return doc;
}

/* Two rules say the same, from the same place. */
static void assert_same_rule(const struct model_rule *a, const struct model_rule *b)
{
	const char *const sa[] = { a->id, a->resource_type, a->parameter_type, a->path,
				   a->object_key, a->target_type, a->by_property, a->region,
				   a->unless, a->message, a->region_message, a->fix, a->source };
	const char *const sb[] = { b->id, b->resource_type, b->parameter_type, b->path,
				   b->object_key, b->target_type, b->by_property, b->region,
				   b->unless, b->message, b->region_message, b->fix, b->source };
	size_t i;

	for (i = 0; i < sizeof(sa) / sizeof(sa[0]); i++) {
		if (!sa[i] || !sb[i])
			assert_true(sa[i] == sb[i]);
		else
			assert_string_equal(sa[i], sb[i]);
	}
	assert_int_equal(a->match, b->match);
	assert_int_equal(a->scope, b->scope);
	assert_int_equal(a->severity, b->severity);
	assert_int_equal(a->pos.line, b->pos.line);
	assert_int_equal(a->pos.col, b->pos.col);
	assert_int_equal(a->pos.file, b->pos.file);
}

/* The same tree with the same positions. */
static void check_same_tree(const struct value *a, const struct value *b, int depth)
{
	size_t i;

	assert_true(depth < LOAD_MAX_DEPTH);
	assert_true(value_equal(a, b));
	assert_int_equal(a->pos.file, b->pos.file);
	assert_int_equal(a->pos.line, b->pos.line);
	assert_int_equal(a->pos.col, b->pos.col);
	if (a->kind == VALUE_LIST)
		for (i = 0; i < a->u.list.n; i++)
			check_same_tree(a->u.list.items[i], b->u.list.items[i], depth + 1);
	if (a->kind == VALUE_MAP)
		for (i = 0; i < a->u.map.n; i++) {
			assert_string_equal(a->u.map.entries[i].key, b->u.map.entries[i].key);
			assert_int_equal(a->u.map.entries[i].key_pos.line,
					 b->u.map.entries[i].key_pos.line);
			assert_int_equal(a->u.map.entries[i].key_pos.col,
					 b->u.map.entries[i].key_pos.col);
			check_same_tree(a->u.map.entries[i].val, b->u.map.entries[i].val,
					 depth + 1);
		}
}

/* Every overlay file is checked, and what cfn-dryrun reads of it (the
 * compiled form when it is current) is the YAML: each type's facts with
 * their positions, each rule of each type in order. */
static void test_every_overlay_file_loads(void **state)
{
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	DIR *d = opendir(MODELS_DIR "/overlay");
	struct dirent *e;
	size_t files = 0, rules = 0, types = 0, compiled = 0, i, k;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), n_yaml = 0;
		char *service;
		struct model_overlay *ov;
		struct model_rule *yaml_rules = NULL;
		struct value *doc;
		const struct value *tps;

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		service = strndup(e->d_name, len - 5);
		ov = model_overlay_get(ms, 0, service, &dl);
		if (dl.n_errors)
			fail_msg("%s: %s", e->d_name, diag_first_error(&dl));
		assert_non_null(ov->doc);
		compiled += ov->cbody != NULL;
		doc = yaml_of(service, &yaml_rules, &n_yaml, &dl);
		files++;
		rules += n_yaml;
		tps = value_map_get(doc, "types");
		if (tps) {
			VALUE_MAP_FOREACH(tps, t) {
				/* every type the overlay describes loads with its facts */
				const struct model *m = model_find(ms, t->key, &dl);
				const struct model_rule *mr;
				size_t n_mr;

				if (!m)
					fail_msg("%s: %s does not load: %s", e->d_name, t->key,
						 diag_first_error(&dl));
				assert_non_null(m->facts);
				check_same_tree(t->val, m->facts, 0);
				mr = model_rules(m, &n_mr);
				for (i = k = 0; i < n_yaml; i++)
					if (yaml_rules[i].resource_type &&
					    !strcmp(yaml_rules[i].resource_type, t->key)) {
						assert_true(k < n_mr);
						assert_same_rule(&yaml_rules[i], &mr[k++]);
					}
				assert_int_equal(k, n_mr);
				types++;
			}
		}
		for (i = 0; i < n_yaml; i++)
			if (yaml_rules[i].parameter_type) {
				bool is_list, via_ssm;
				const struct model_rule *pr = model_parameter_rule(
					ms, yaml_rules[i].parameter_type, &is_list, &via_ssm, &dl);

				assert_non_null(pr);
				assert_same_rule(&yaml_rules[i], pr);
			}
		free(yaml_rules);
		value_free(doc);
		free(service);
	}
	closedir(d);
	assert_true(files >= 40);
	assert_int_equal(compiled, files); /* models/compiled/overlay.dat is current */
	assert_true(types >= 100);
	assert_true(rules >= 40);
	assert_int_equal(dl.n_errors, 0);
	model_set_free(ms);
	srcfile_reset();
}

/* Every generated line: the fast parse (definitions built lazily, then
 * all) gives load_buffer's tree, positions included. */
static void test_every_line_fast_parse(void **state)
{
	static const struct load_options json = { LOAD_JSON, 0, 0, NULL };
	struct model_set *ms = open_models(MODELS_DIR, NULL);
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model_dir *d = &ms->dirs[0];
	FILE *f = fopen(d->data_path, "rb");
	struct value_arena *arena = value_arena_new(); /* every line's tree */
	size_t i, k, fast = 0;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < d->n_index; i++) {
		const struct model_index_entry *e = &d->index[i];
		char *buf = xmalloc(e->len + 1), *name = xstrfmt("%s:%zu", d->data_path, e->line);
		struct model_lazy *lazy;
		struct value *ref, *v;

		assert_int_equal(fseek(f, (long)e->offset, SEEK_SET), 0);
		assert_int_equal(fread(buf, 1, e->len, f), e->len);
		buf[e->len] = '\0';
		ref = load_buffer(name, buf, e->len, &json, &dl);
		assert_non_null(ref);
		v = model_line_parse(name, buf, e->len, arena, &lazy);
		for (k = 0; k < e->len && (unsigned char)buf[k] < 0x80; k++)
			;
		if (k == e->len) /* only lines with non-ASCII bytes are left to load_json */
			if (!v)
				fail_msg("%s: not parsed by model_line_parse", e->type);
		if (v) {
			fast++;
			if (lazy)
				model_lazy_load_all(lazy, (struct value *)value_map_get(v, "defs"));
			check_same_tree(ref, v, 0);
		}
		model_lazy_free(lazy);
		value_free(v);
		value_free(ref);
		free(name);
		free(buf);
	}
	fclose(f);
	assert_true(fast > 1500);
	assert_int_equal(dl.n_errors, 0);
	value_arena_free(arena);
	model_set_free(ms);
	srcfile_reset();
}

/* Lines outside the accepted subset are left to load_buffer (which reports
 * them as it always did); lines inside it build what load_buffer builds. */
static void test_line_parse_refuses(void **state)
{
	static const struct load_options json = { LOAD_JSON, 0, 0, NULL };
	static const char *const refused[] = {
		"{\"t\":\"X\",}\n",                       /* trailing comma */
		"{\"t\":\"X\" \"u\":1}\n",                /* missing comma */
		"{\"t\":\"X\",\"defs\":{\"A\":{},\"A\":{}}}\n", /* duplicate definition */
		"{\"t\":\"X\",\"defs\":{\"A\":{\"k\":1,\"k\":2}}}\n", /* duplicate key inside one */
		"{\"t\":\"X\",\"t\":\"Y\"}\n",            /* duplicate key: fails to build */
		"{\"t\":\"X\"\n",                          /* unterminated object */
		"{\"t\":\"X}\n",                           /* unterminated string */
		"{\"t\":\"a\tb\"}\n",                      /* control character */
		"{\"t\":\"a\\qb\"}\n",                     /* bad escape */
		"{\"t\":\"a\\u0000b\"}\n",                 /* NUL */
		"{\"t\":\"a\\ud800b\"}\n",                 /* lone surrogate */
		"{\"t\":\"a\\u12\"}\n",                    /* short \u escape */
		"{\"t\":01}\n", "{\"t\":1.}\n", "{\"t\":-}\n", "{\"t\":1e}\n", "{\"t\":tru}\n",
		"{\"t\":\"\xc3\xa9\"}\n",                  /* non-ASCII: columns count characters */
		"{\"t\":\n\"X\"}\n",                       /* a newline inside the line */
		"\xEF\xBB\xBF{\"t\":\"X\"}\n",             /* byte order mark */
		"",
	};
	static const char *const accepted[] = {
		"{\"t\":\"X\",\"defs\":{\"A\":{\"type\":\"string\"}},\"z\":[1,-2.5e+3,true,false,null]}\n",
		"{ \"t\" : \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac\" , \"defs\" : { \"B\" : [ ] } }\n",
		"{\"d\\u0065fs\":{\"A\":1},\"x\":{\"a\\u0062\":2}}\r\n",
	};
	struct diag_list dl = DIAG_LIST_INIT;
	struct value_arena *arena = value_arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char *buf = xstrdup(refused[i]);
		struct model_lazy *lazy;
		struct value *v = model_line_parse("line", buf, strlen(buf), arena, &lazy);

		if (v)
			fail_msg("accepted: %s", refused[i]);
		assert_null(lazy);
		assert_string_equal(buf, refused[i]); /* left as it was */
		free(buf);
	}
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		char *buf = xstrdup(accepted[i]);
		struct model_lazy *lazy;
		struct value *ref = load_buffer("line", buf, strlen(buf), &json, &dl);
		struct value *v = model_line_parse("line", buf, strlen(buf), arena, &lazy);

		assert_non_null(ref);
		if (!v)
			fail_msg("refused: %s", accepted[i]);
		if (lazy)
			model_lazy_load_all(lazy, (struct value *)value_map_get(v, "defs"));
		check_same_tree(ref, v, 0);
		assert_string_equal(buf, accepted[i]);
		model_lazy_free(lazy);
		value_free(v);
		value_free(ref);
		free(buf);
	}
	assert_int_equal(dl.n_errors, 0);
	value_arena_free(arena);
	srcfile_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_loads),
		cmocka_unit_test(test_every_pattern_compiles),
		cmocka_unit_test(test_every_overlay_file_loads),
		cmocka_unit_test(test_every_line_fast_parse),
		cmocka_unit_test(test_line_parse_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
