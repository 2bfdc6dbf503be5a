/*
 * test_sub.c - the Fn::Sub format-string parser.
 */
#include "helpers.h"
#include "template/sub.h"

#include <string.h>

static void expect_parts(const char *fmt, const char *expected)
{
	struct sub_parts parts;
	char buf[512] = "";
	size_t i;

	sub_parse(fmt, &parts);
	for (i = 0; i < parts.n; i++) {
		const struct sub_part *p = &parts.items[i];
		char one[128];

		if (p->kind == SUB_LITERAL)
			snprintf(one, sizeof(one), "L(%s)", p->text);
		else if (p->attr)
			snprintf(one, sizeof(one), "V(%s.%s)", p->text, p->attr);
		else
			snprintf(one, sizeof(one), "V(%s)", p->text);
		strcat(buf, one);
	}
	assert_string_equal(buf, expected);
	sub_parts_free(&parts);
}

static void test_sub_parts(void **state)
{
	(void)state;
	expect_parts("plain", "L(plain)");
	expect_parts("", "");
	expect_parts("${A}", "V(A)");
	expect_parts("arn:${AWS::Partition}:s3:::${Bucket}/*",
		     "L(arn:)V(AWS::Partition)L(:s3:::)V(Bucket)L(/*)");
	expect_parts("${Db.Endpoint.Address}:${Db.Endpoint.Port}",
		     "V(Db.Endpoint.Address)L(:)V(Db.Endpoint.Port)");
	/* ${!Literal} is the literal ${Literal} */
	expect_parts("echo ${!HOME} ${X}", "L(echo ${HOME} )V(X)");
	/* an unterminated ${ is literal text */
	expect_parts("a ${B", "L(a ${B)");
	/* a lone $ or { is literal */
	expect_parts("$5 {x}", "L($5 {x})");
	/* blanks around names are tolerated */
	expect_parts("${ Name }", "V(Name)");
	/* $${X} is not an escape in CloudFormation: $ then ${X} */
	expect_parts("$${X}", "L($)V(X)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sub_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
