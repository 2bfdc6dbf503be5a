/*
 * helpers.h - shared helpers for the cmocka unit tests: parse text into
 * trees, open templates, and compare trees as JSON text.
 */
#ifndef CFN_TEST_HELPERS_H
#define CFN_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/finding.h"
#include "model/model.h"
#include "template/template.h"
#include "util/diag.h"
#include "value/value.h"

/* Parses text (YAML or JSON, CloudFormation tags on) as file name; fails
 * the test if it does not parse.  Returns new. */
struct value *parse_ok(const char *name, const char *text);
/* Parses text expecting failure; returns the first error as
 * "LINE:COLUMN: message" (new). */
char *parse_error(const char *name, const char *text);
/* Compact JSON of v (new). */
char *to_json(const struct value *v);
/* Asserts that the YAML text loads to the same tree as the JSON text. */
void assert_same_tree(const char *yaml, const char *json);
/* Opens a template from text, collecting findings; fails the test when
 * the text is not a template.  Returns new. */
struct template *open_template(const char *text, struct finding_list *fl);
/* Index of the first finding with this code, or -1. */
long find_code(const struct finding_list *fl, enum finding_code code);
/* Asserts the list holds exactly one finding with this code and message. */
void assert_one_finding(const struct finding_list *fl, enum finding_code code,
			const char *message);

/* Opens the model directories a, then b (NULL: a only); fails the test
 * when they cannot be opened.  Returns new. */
struct model_set *open_models(const char *a, const char *b);

/* Removes directory dir and everything under it (a test's mkdtemp folder)
 * and forgets the source files read; returns 0 on success. */
int remove_test_dir(const char *dir);

#endif
