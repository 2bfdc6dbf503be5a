/*
 * test_import.c - state import: the YAML written reads back (through the
 * project's own loader) as exactly the tree that was built, so account ids,
 * CIDR blocks and versions stay strings; and the quoting rule itself.
 */
#include "helpers.h"
#include "import/import.h"
#include "load/load.h"
#include "util/srcpos.h"
#include "value/value_json.h"

#include <stdlib.h>
#include <string.h>

#ifndef TOP_SRCDIR
#error TOP_SRCDIR must name the source tree
#endif

static void test_round_trip(void **state)
{
	struct import_options o = { TOP_SRCDIR "/tests/import/docs-examples", "111122223333",
				    "us-east-1" };
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf yaml = STRBUF_INIT;
	struct value *built, *back;
	char *a, *b;

	(void)state;
	built = import_state(&o, &dl);
	assert_non_null(built);
	assert_int_equal(dl.n_errors, 0);
	import_write_yaml(built, &yaml);
	back = parse_ok("state.yaml", yaml.buf);
	a = to_json(built);
	b = to_json(back);
	assert_string_equal(a, b);
	assert_string_equal(value_str(value_map_get(back, "account")), "111122223333");
	free(a);
	free(b);
	value_free(built);
	value_free(back);
	strbuf_release(&yaml);
	diag_clear(&dl);
}

static void test_quoting(void **state)
{
	static const char *const strings[] = {
		"111122223333", "10.0.0.0/16", "2012-10-17", "true", "No", "null", "~", "",
		"-1", ".5", "0x1F", "12:30", "on", "plain words", "alias/aws/ebs", "a: b", "#x",
		"sts:AssumeRole", "- item", "{x}", "[y]", "'q'", "\"dq\"", "caf\xc3\xa9",
	};
	struct value *m = value_map(SRCPOS_NONE), *back;
	struct strbuf yaml = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		value_map_set(m, strings[i][0] ? strings[i] : "empty",
			      value_string(SRCPOS_NONE, strings[i]));
	import_write_yaml(m, &yaml);
	back = parse_ok("q.yaml", yaml.buf);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		const struct value *v = value_map_get(back, strings[i][0] ? strings[i] : "empty");

		assert_non_null(v);
		assert_int_equal(v->kind, VALUE_STRING);
		assert_string_equal(v->u.string.s, strings[i]);
	}
	assert_non_null(strstr(yaml.buf, "\"111122223333\": \"111122223333\"\n"));
	assert_non_null(strstr(yaml.buf, "plain words: plain words\n"));
	value_free(m);
	value_free(back);
	strbuf_release(&yaml);
}

static int teardown(void **state)
{
	(void)state;
	srcfile_reset();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_round_trip, teardown),
		cmocka_unit_test_teardown(test_quoting, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
