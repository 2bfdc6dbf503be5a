/*
 * test_model_regex.c - the schemas' Java/ECMAScript patterns translated to
 * PCRE2 and matched: \uHHHH and surrogate pairs, Java's POSIX classes,
 * "-" after a set, counts after anchors, oversized counts, and the match
 * limit.
 */
#include "helpers.h"
#include "model/model_internal.h"

#include <stdlib.h>
#include <string.h>

static struct model_set *ms;

static int setup(void **state)
{
	(void)state;
	ms = model_set_open(NULL, 0, NULL);
	return ms ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	model_set_free(ms);
	return 0;
}

#define ASSERT_TRANSLATES(in, out)                                              \
	do {                                                                    \
		char *got_ = model_regex_translate(in);                         \
		assert_string_equal(got_, out);                                 \
		free(got_);                                                     \
	} while (0)

static void test_translate(void **state)
{
	(void)state;
	ASSERT_TRANSLATES("^[a-z]+$", "^[a-z]+$");
	ASSERT_TRANSLATES("\\u0041\\u00e9", "\\x{41}\\x{e9}");
	ASSERT_TRANSLATES("\\uD83D\\uDE00", "\\x{1f600}");       /* a surrogate pair */
	ASSERT_TRANSLATES("\\uDE00", "\\x{fffd}");               /* a lone half */
	ASSERT_TRANSLATES("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF]",
			  "[\\x{20}-\\x{d7ff}\\x{e000}-\\x{fffd}\\x{10000}-\\x{10ffff}]");
	ASSERT_TRANSLATES("\\p{Graph}[\\p{Print}]\\P{ASCII}\\p{L}\\p{IsLatin}",
			  "[[:graph:]][[:print:]][[:^ascii:]]\\p{L}\\p{Latin}");
	ASSERT_TRANSLATES("[\\w-.~]", "[\\w\\-.~]");
	ASSERT_TRANSLATES("[\\p{L}-_]", "[\\p{L}\\-_]");
	ASSERT_TRANSLATES("[a-z-]", "[a-z-]");
	ASSERT_TRANSLATES("^(x)${1,128}", "^(x)$");
	ASSERT_TRANSLATES("\\\\u0041", "\\\\u0041");            /* an escaped backslash */
}

static void test_match(void **state)
{
	(void)state;
	assert_int_equal(model_regex_match(ms, "^[a-z]+$", "abc"), 1);
	assert_int_equal(model_regex_match(ms, "^[a-z]+$", "aBc"), 0);
	/* Unanchored, as JSON Schema's pattern. */
	assert_int_equal(model_regex_match(ms, "[0-9]", "abc1"), 1);
	/* \d and \w are ASCII, as in Java. */
	assert_int_equal(model_regex_match(ms, "^\\d+$", "\xD9\xA3"), 0);
	assert_int_equal(model_regex_match(ms, "^[\\w-.]+$", "a-b.c"), 1);
	assert_int_equal(model_regex_match(ms, "^[\\uD800\\uDC00-\\uDBFF\\uDFFF]$", "\xF0\x9F\x98\x80"), 1);
	assert_int_equal(model_regex_match(ms, "^\\p{Graph}+$", "a b"), 0);
	/* A count PCRE2 cannot copy 900 times is loosened, not given up. */
	assert_int_equal(model_regex_match(ms, "^(a|\\{x\\}|\\{year\\}){1,900}$", "a{x}a"), 1);
	assert_int_equal(model_regex_match(ms, "^(a|\\{x\\}|\\{year\\}){1,900}$", "b"), 0);
	/* Every pattern shares one match data of one pair of offsets: groups
	 * that do not fit it still make a match, and patterns taking turns
	 * (a deep one between shallow ones) judge as alone. */
	assert_int_equal(model_regex_match(ms, "^(a)(b)((c)|(d))$", "abd"), 1);
	assert_int_equal(model_regex_match(ms, "^(a)(b)((c)|(d))$", "abe"), 0);
	assert_int_equal(model_regex_match(ms, "^((((((((((x))))))))))+$",
					   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), 1);
	assert_int_equal(model_regex_match(ms, "^[a-z]+$", "abc"), 1);
	assert_int_equal(model_regex_match(ms, "^(a)(b)((c)|(d))$", "abc"), 1);
	/* Not compilable: not judged. */
	assert_int_equal(model_regex_match(ms, "(", "x"), -1);
}

static void test_match_limit(void **state)
{
	char s[64];

	(void)state;
	/* Catastrophic backtracking stops at the limit: not judged. */
	memset(s, 'a', sizeof(s) - 2);
	s[sizeof(s) - 2] = '!';
	s[sizeof(s) - 1] = '\0';
	assert_int_equal(model_regex_match(ms, "^(a+)+$", s), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_match_limit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
