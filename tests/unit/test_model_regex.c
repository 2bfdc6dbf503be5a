/*
 * test_model_regex.c - the schemas' Java/ECMAScript patterns translated to
 * PCRE2 and matched: \uHHHH and surrogate pairs, Java's POSIX classes,
 * "-" after a set, counts after anchors, oversized counts, the match
 * limit, and the plain shapes answered without PCRE2 (checked against
 * PCRE2 itself).
 */
#include "helpers.h"
#include "model/model_internal.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
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


/* What PCRE2 alone answers for pattern on s (as model_regex_match did
 * before the plain shapes). */
static int pcre_says(const char *pattern, const char *s)
{
	char *t = model_regex_translate(pattern);
	int err, rc;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err,
					 &off, NULL);
	pcre2_match_data *md;

	free(t);
	if (!code)
		return -1;
	md = pcre2_match_data_create(1, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static void test_plain_shapes(void **state)
{
	/* plain shapes, near misses that PCRE2 must answer, and the patterns
	 * of the bench's types */
	static const char *const patterns[] = {
		"^[a-z]+$", "^[a-z]*$", "^[^\\s]+$", "^[.\\-_/#A-Za-z0-9]{1,512}\\Z",
		"^[a-z]{2,3}$", "^[a-z]{2}$", "^[a-z]{2,}$", "^[\\w-.]+$", "^[a-z-]+$",
		"^([a-z,A-Z,0-9,. _\\-:/()#,@[\\]+=&;\\{\\}!$*])*$", "^([0-9])+$",
		"[a-zA-Z][a-zA-Z0-9_]+", "[0-9]", "[a-z]+[0-9]", "[a-z][0-9][a-z]+",
		"[a-z]+[0-9]+[a-z]", "^[\\d]+$", "^[^a-c]{0,2}$", "^[]a]+$", "^[a-z]+?$",
		"^[a-z]++$", "^[a-z]+\\z", "^[[:alpha:]]+$", "^[a-z]{,3}$", "^[a-z]{1,2,3}$",
		"^[z-a]$", "^[\\d-z]+$", "^[a-\\d]+$", "^[\\s]*$", "^[\\u0041-\\u005a]+$",
		"^([a-z0-9][a-z0-9.-]*[a-z0-9])?$", "^[0-9A-Za-z\\.\\-_]*(?<!\\.)$",
	};
	static const char *const subjects[] = {
		"", "a", "ab", "abc", "abcd", "a\n", "abc\n", "a\nb", "\n", "a\n\n", "ab1",
		"a1b", "1", "12", "Z", "a b", " ", "\t", "\x0b", "a-b.c", "A_z9", "x/y#z",
		"d\xc3\xa9j\xc3\xa0", "\xff", "a]", "]", "-", "[x]", "{a}", "a,b:(c)@d",
		"trailing.", "..", "a1b2c3", "a12b", "ABC", "a\r", "\r\n",
	};
	char *long_s = malloc(400);

	(void)state;
	memset(long_s, 'a', 399);
	long_s[399] = '\0';
	for (size_t p = 0; p < sizeof(patterns) / sizeof(*patterns); p++) {
		for (size_t i = 0; i <= sizeof(subjects) / sizeof(*subjects); i++) {
			const char *s = i < sizeof(subjects) / sizeof(*subjects) ? subjects[i] : long_s;
			int want = pcre_says(patterns[p], s), got = model_regex_match(ms, patterns[p], s);

			if (got != want)
				fprintf(stderr, "pattern %s subject \"%s\": %d, PCRE2 %d\n", patterns[p],
					s, got, want);
			assert_int_equal(got, want);
		}
	}
	/* a few answers spelled out */
	assert_int_equal(model_regex_match(ms, "^[^\\s]+$", "abc\n"), 1);
	assert_int_equal(model_regex_match(ms, "^[^\\s]+$", "a c"), 0);
	assert_int_equal(model_regex_match(ms, "^[a-z]{2,3}$", "abcd"), 0);
	assert_int_equal(model_regex_match(ms, "[a-zA-Z][a-zA-Z0-9_]+", "-a-b9-"), 1);
	assert_int_equal(model_regex_match(ms, "[a-zA-Z][a-zA-Z0-9_]+", "-a-9b"), 0);
	free(long_s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_match_limit),
		cmocka_unit_test(test_plain_shapes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
