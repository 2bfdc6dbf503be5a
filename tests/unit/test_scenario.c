/*
 * test_scenario.c - scenarios: the deployment order the wiring requires
 * (listed order kept otherwise, parameter wires and static imports),
 * cycles named with exactly their stacks, wiring and loading errors, and
 * the comparison of variants (rows, sides, verdicts).
 */
#include "compare/compare.h"
#include "helpers.h"
#include "scenario/scenario.h"
#include "util/srcpos.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- A folder of templates and scenario files ---- */

static char dir[64];

static void put_file(const char *name, const char *text)
{
	char *path = xstrfmt("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/cfn-test-scenario.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	put_file("out.yaml", "Parameters:\n  In: {Type: String, Default: x}\n"
			     "Resources:\n  Topic: {Type: AWS::SNS::Topic}\nOutputs:\n  Out: {Value: x}\n");
	put_file("exporter.yaml", "Resources:\n  Topic: {Type: AWS::SNS::Topic}\nOutputs:\n"
				  "  Out:\n    Value: x\n    Export: {Name: !Sub '${AWS::StackName}-Out'}\n");
	put_file("importer.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
				  "    Properties: {DisplayName: !ImportValue exporter-Out}\n");
	put_file("importer2.yaml", "Parameters:\n  In: {Type: String, Default: x}\n"
				   "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
				   "    Properties: {DisplayName: !ImportValue c-Out}\nOutputs:\n  Out: {Value: x}\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return remove_test_dir(dir);
}

/* Loads the scenario text (written as s.scenario.yaml); NULL with errors in dl. */
static struct scenario *load(const char *text, struct diag_list *dl)
{
	char *path = xstrfmt("%s/s.scenario.yaml", dir);
	struct scenario *sc;

	put_file("s.scenario.yaml", text);
	sc = scenario_load(path, dl);
	free(path);
	return sc;
}

/* Loads and orders; returns the stack names in deployment order, joined by
 * spaces (new), or the first error message prefixed with "error: ". */
static char *order_of(const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load(text, &dl);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (sc && scenario_order(sc, "111111111111", "us-east-1", "aws", &dl) == 0)
		for (i = 0; i < sc->n_stacks; i++)
			strbuf_addf(&sb, "%s%s", i ? " " : "", sc->stacks[sc->order[i]].name);
	else
		strbuf_addf(&sb, "error: %s", diag_first_error(&dl));
	scenario_free(sc);
	diag_clear(&dl);
	return strbuf_detach(&sb, NULL);
}

static void assert_order(const char *text, const char *want)
{
	char *got = order_of(text);

	assert_string_equal(got, want);
	free(got);
}

/* ---- Ordering ---- */

static void test_listed_order_kept(void **state)
{
	(void)state;
	assert_order("stacks:\n  - {name: c, template: out.yaml}\n  - {name: a, template: out.yaml}\n"
		     "  - {name: b, template: out.yaml}\n", "c a b");
}

static void test_parameter_wire_reorders(void **state)
{
	(void)state;
	/* only b moves: before a, which needs it; c keeps its place */
	assert_order("stacks:\n"
		     "  - {name: a, template: out.yaml, parameters: {In: {from: b, output: Out}}}\n"
		     "  - {name: c, template: out.yaml}\n"
		     "  - {name: b, template: out.yaml}\n", "c b a");
	assert_order("stacks:\n"
		     "  - {name: a, template: out.yaml, parameters: {In: {from: c, output: Out}}}\n"
		     "  - {name: b, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		     "  - {name: c, template: out.yaml}\n", "c a b");
}

static void test_import_wire_reorders(void **state)
{
	(void)state;
	assert_order("stacks:\n  - {name: importer, template: importer.yaml}\n"
		     "  - {name: exporter, template: exporter.yaml}\n", "exporter importer");
	/* an export in another region is not this import's: no wire */
	assert_order("stacks:\n  - {name: importer, template: importer.yaml}\n"
		     "  - {name: exporter, template: exporter.yaml, region: eu-west-1}\n",
		     "importer exporter");
	/* nor in another account */
	assert_order("stacks:\n  - {name: importer, template: importer.yaml}\n"
		     "  - {name: exporter, template: exporter.yaml, account: \"222222222222\"}\n",
		     "importer exporter");
}

static void test_order_again_same_wires(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load("stacks:\n  - {name: importer, template: importer.yaml}\n"
				   "  - {name: exporter, template: exporter.yaml}\n", &dl);

	(void)state;
	assert_non_null(sc);
	assert_int_equal(scenario_order(sc, "111111111111", "us-east-1", "aws", &dl), 0);
	assert_int_equal(sc->stacks[0].n_wires, 1);
	assert_int_equal(scenario_order(sc, "111111111111", "us-east-1", "aws", &dl), 0);
	assert_int_equal(sc->stacks[0].n_wires, 1); /* the import is not wired twice */
	assert_string_equal(sc->stacks[0].wires[0].output, "exporter-Out");
	assert_null(sc->stacks[0].wires[0].param);
	/* another default region: the exporter is elsewhere, no wire */
	assert_int_equal(scenario_order(sc, "111111111111", "eu-west-1", "aws", &dl), 0);
	assert_int_equal(sc->stacks[0].n_wires, 1);
	assert_int_equal(dl.n_errors, 0);
	scenario_free(sc);
}

/* ---- Cycles ---- */

static void test_cycle_names_only_its_stacks(void **state)
{
	(void)state;
	/* c waits for the cycle but is not in it; d is free */
	assert_order("stacks:\n"
		     "  - {name: a, template: out.yaml, parameters: {In: {from: b, output: Out}}}\n"
		     "  - {name: b, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		     "  - {name: c, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		     "  - {name: d, template: out.yaml}\n",
		     "error: stacks wired in a cycle: [a, b] (a needs output Out of b; b needs output "
		     "Out of a)");
}

static void test_two_cycles_two_errors(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load(
		"stacks:\n"
		"  - {name: a, template: out.yaml, parameters: {In: {from: b, output: Out}}}\n"
		"  - {name: b, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		"  - {name: c, template: out.yaml, parameters: {In: {from: d, output: Out}}}\n"
		"  - {name: d, template: out.yaml, parameters: {In: {from: c, output: Out}}}\n", &dl);

	(void)state;
	assert_non_null(sc);
	assert_int_equal(scenario_order(sc, "111111111111", "us-east-1", "aws", &dl), -1);
	assert_int_equal(dl.n, 2);
	assert_string_equal(dl.items[0].message, "stacks wired in a cycle: [a, b] (a needs output Out "
				"of b; b needs output Out of a)");
	assert_string_equal(dl.items[1].message, "stacks wired in a cycle: [c, d] (c needs output Out "
				"of d; d needs output Out of c)");
	assert_int_equal(dl.items[0].pos.line, 2);
	scenario_free(sc);
	diag_clear(&dl);
}

static void test_cycle_through_an_import(void **state)
{
	(void)state;
	/* a imports c's export; c takes b's output; b takes a's */
	assert_order("stacks:\n"
		     "  - {name: a, template: importer2.yaml}\n"
		     "  - {name: b, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		     "  - {name: c, template: exporter.yaml}\n", "c a b");
	put_file("exporter2.yaml", "Parameters:\n  In: {Type: String}\nResources:\n"
				   "  Topic: {Type: AWS::SNS::Topic}\nOutputs:\n  Out:\n    Value: x\n"
				   "    Export: {Name: !Sub '${AWS::StackName}-Out'}\n");
	assert_order("stacks:\n"
		     "  - {name: a, template: importer2.yaml}\n"
		     "  - {name: b, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n"
		     "  - {name: c, template: exporter2.yaml, parameters: {In: {from: b, output: Out}}}\n",
		     "error: stacks wired in a cycle: [a, b, c] (a needs export c-Out of c; b needs "
		     "output Out of a; c needs output Out of b)");
}

/* ---- Wiring and loading errors ---- */

static void test_wiring_errors(void **state)
{
	(void)state;
	assert_order("stacks:\n"
		     "  - {name: a, template: out.yaml, parameters: {In: {from: nowhere, output: Out}}}\n",
		     "error: parameter In of stack a comes from nowhere, which is not a stack of this "
		     "scenario");
	assert_order("stacks:\n"
		     "  - {name: a, template: out.yaml, parameters: {In: {from: a, output: Out}}}\n",
		     "error: parameter In of stack a comes from a, the stack itself");
	assert_order("stacks:\n  - {name: a, template: missing.yaml}\n",
		     "error: cannot open: No such file or directory");
}

/* The first load error of text, "LINE:COLUMN: message" (new). */
static char *load_error(const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load(text, &dl);
	char *msg;

	assert_null(sc);
	assert_true(dl.n > 0);
	msg = xstrfmt("%u:%u: %s", dl.items[0].pos.line, dl.items[0].pos.col, dl.items[0].message);
	diag_clear(&dl);
	return msg;
}

static void assert_load_error(const char *text, const char *want)
{
	char *got = load_error(text);

	assert_string_equal(got, want);
	free(got);
}

static void test_load_errors(void **state)
{
	(void)state;
	assert_load_error("stacks:\n  - {name: a, template: out.yaml, account: \"12345\"}\n",
			  "2:44: account 12345 is not a 12-digit account id (quote it: "
			  "\"012345678901\")");
	assert_load_error("stacks:\n  - {name: a, template: out.yaml, region: moon-1}\n",
			  "2:43: region moon-1 is not a region code such as us-east-1");
	assert_load_error("state: s.yaml\nvariants: {one: s.yaml}\nstacks:\n"
			  "  - {name: a, template: out.yaml}\n",
			  "2:11: a scenario gives either state: or variants:, not both (each variant "
			  "names its own state)");
	assert_load_error("variants: {\"bad name\": s.yaml}\nstacks:\n  - {name: a, template: out.yaml}\n",
			  "1:12: variant name \"bad name\" must be letters, digits, '-', '_' or '.'");
	assert_load_error("variants: {one: [s.yaml]}\nstacks:\n  - {name: a, template: out.yaml}\n",
			  "1:17: variant one: expected the path of its state file");
	assert_load_error("variants: []\nstacks:\n  - {name: a, template: out.yaml}\n",
			  "1:11: variants must be a map of variant name: state file");
}

static void test_variants_loaded(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load("variants:\n  single-region: one.yaml\n  multi.region: sub/two.yaml\n"
				   "stacks:\n  - {name: a, template: out.yaml}\n", &dl);
	char *want;

	(void)state;
	assert_non_null(sc);
	assert_int_equal(sc->n_variants, 2);
	assert_int_equal(scenario_n_runs(sc), 2);
	assert_string_equal(scenario_run_label(sc, 0), "single-region");
	assert_string_equal(scenario_run_label(sc, 1), "multi.region");
	want = xstrfmt("%s/sub/two.yaml", dir);
	assert_string_equal(sc->variants[1].state_path, want);
	assert_null(sc->state_path);
	free(want);
	scenario_free(sc);
	diag_clear(&dl);
}

/* ---- Comparison ---- */

static struct finding *add_finding(struct finding_list *fl, enum finding_code code,
				   const char *path, const char *message, const char *fix)
{
	struct finding *f = finding_add(fl, code, SRCPOS_NONE, path, "%s", message);

	if (fix)
		finding_set_fix(f, "%s", fix);
	return f;
}

static struct stack_result *add_stack(struct run_result *r, const char *variant, enum verdict v)
{
	struct stack_result *s = result_add_stack(r);

	s->stack = xstrdup("app");
	s->account = xstrdup("111111111111");
	s->region = xstrdup("us-east-1");
	s->variant = xstrdup(variant);
	s->verdict = v;
	return s;
}

static struct res_result *add_res(struct stack_result *s, const char *id, enum res_status st)
{
	struct res_result *res;

	s->resources = xrealloc(s->resources, (s->n_resources + 1) * sizeof(*s->resources));
	res = &s->resources[s->n_resources++];
	memset(res, 0, sizeof(*res));
	res->logical_id = xstrdup(id);
	res->type = xstrdup("AWS::SQS::Queue");
	res->status = st;
	return res;
}

static void test_compare_rows(void **state)
{
	struct run_result r = RUN_RESULT_INIT;
	struct stack_result *a, *b;
	const struct comparison *c;
	const struct diff_row *row;

	(void)state;
	add_stack(&r, "single", VERDICT_OK);
	add_stack(&r, "multi", VERDICT_FAIL);
	a = &r.stacks[0]; /* the array is final once both are added */
	b = &r.stacks[1];
	add_res(a, "Same", STATUS_CREATE);
	add_res(b, "Same", STATUS_CREATE);
	add_res(a, "Table", STATUS_CREATE);
	add_finding(&add_res(b, "Table", STATUS_FAIL)->findings, FC_PREREQ_MISSING,
		    "Resources/Table/Properties/Replicas", "region not enabled", "enable it");
	add_res(a, "Topic", STATUS_CREATE);
	strlist_add(&add_res(b, "Topic", STATUS_BLOCKED)->blocked_by, "Table");
	/* the same status, a finding at another path: a difference */
	add_finding(&add_res(a, "Key", STATUS_CREATE)->findings, FC_PREREQ_WARNING, "Resources/Key/A",
		    "advice", NULL);
	add_finding(&add_res(b, "Key", STATUS_CREATE)->findings, FC_PREREQ_WARNING, "Resources/Key/B",
		    "advice", NULL);
	/* the same code and path, another message (an account id): no difference */
	add_finding(&add_res(a, "Log", STATUS_CREATE)->findings, FC_PREREQ_WARNING, "Resources/Log/A",
		    "in 111111111111", NULL);
	add_finding(&add_res(b, "Log", STATUS_CREATE)->findings, FC_PREREQ_WARNING, "Resources/Log/A",
		    "in 222222222222", NULL);
	add_res(b, "Extra", STATUS_CREATE);
	compare_results(&r);
	c = r.comparison;
	assert_non_null(c);
	assert_int_equal(c->variants.n, 2);
	assert_string_equal(c->variants.items[0], "single");
	assert_true(c->verdicts_differ);
	assert_int_equal(compare_exit_code(&r), 1);
	assert_int_equal(c->n_rows, 5); /* the stack, Table, Topic, Key, Extra */
	row = &c->rows[0];
	assert_null(row->logical_id);
	assert_string_equal(row->sides[0].outcome, "ok");
	assert_null(row->sides[0].reason);
	assert_string_equal(row->sides[1].outcome, "fail");
	assert_string_equal(row->sides[1].reason, "Table fails: region not enabled [CD4002]");
	assert_string_equal(row->sides[1].fix, "enable it");
	row = &c->rows[1];
	assert_string_equal(row->logical_id, "Table");
	assert_string_equal(row->sides[0].outcome, "create");
	assert_string_equal(row->sides[1].reason, "region not enabled [CD4002]");
	assert_int_equal(row->sides[1].codes.n, 1);
	assert_string_equal(row->sides[1].codes.items[0], "CD4002");
	assert_string_equal(c->rows[2].sides[1].reason, "blocked by Table");
	assert_string_equal(c->rows[3].logical_id, "Key");
	assert_string_equal(c->rows[4].logical_id, "Extra");
	assert_string_equal(c->rows[4].sides[0].outcome, "absent");
	assert_string_equal(c->rows[4].sides[1].outcome, "create");
	result_free(&r);
}

static void test_compare_same_verdicts(void **state)
{
	struct run_result r = RUN_RESULT_INIT;
	struct stack_result *a, *b;

	(void)state;
	add_stack(&r, "dev", VERDICT_FAIL);
	add_stack(&r, "prod", VERDICT_FAIL);
	a = &r.stacks[0];
	b = &r.stacks[1];
	add_finding(&add_res(a, "Q", STATUS_FAIL)->findings, FC_NAME_EXISTS, "Resources/Q", "taken", NULL);
	add_finding(&add_res(b, "Q", STATUS_FAIL)->findings, FC_NAME_EXISTS, "Resources/Q", "taken", NULL);
	compare_results(&r);
	assert_non_null(r.comparison);
	assert_false(r.comparison->verdicts_differ);
	assert_int_equal(r.comparison->n_rows, 0);
	assert_int_equal(compare_exit_code(&r), 0);
	result_free(&r);
}

static void test_compare_needs_two_variants(void **state)
{
	struct run_result r = RUN_RESULT_INIT;

	(void)state;
	add_stack(&r, "only", VERDICT_OK);
	compare_results(&r);
	assert_null(r.comparison);
	assert_int_equal(compare_exit_code(&r), 0);
	result_free(&r);
}

/* ---- expect: per variant ---- */

static void test_expect_by_variant(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct scenario *sc = load("variants: {single: a.yaml, multi: b.yaml}\n"
				   "stacks:\n  - {name: app, template: out.yaml}\n"
				   "expect:\n  single: {app: {verdict: ok}}\n"
				   "  multi: {app: {verdict: ok, resources: {Table: fail}}}\n"
				   "  app: {verdict: ok}\n", &dl);
	struct run_result r = RUN_RESULT_INIT;

	(void)state;
	assert_non_null(sc);
	add_stack(&r, "single", VERDICT_OK);
	add_stack(&r, "multi", VERDICT_FAIL);
	add_res(&r.stacks[0], "Table", STATUS_CREATE);
	add_res(&r.stacks[1], "Table", STATUS_FAIL);
	assert_int_equal(scenario_check_expect(sc, &r, &dl), 2);
	assert_string_equal(dl.items[0].message, "stack app (variant multi): expected verdict ok, "
				"predicted fail");
	assert_string_equal(dl.items[1].message, "expect names variant app, which the scenario does "
				"not have (with variants:, expect: is keyed by variant name)");
	result_free(&r);
	scenario_free(sc);
	diag_clear(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listed_order_kept),
		cmocka_unit_test(test_parameter_wire_reorders),
		cmocka_unit_test(test_import_wire_reorders),
		cmocka_unit_test(test_order_again_same_wires),
		cmocka_unit_test(test_cycle_names_only_its_stacks),
		cmocka_unit_test(test_two_cycles_two_errors),
		cmocka_unit_test(test_cycle_through_an_import),
		cmocka_unit_test(test_wiring_errors),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_variants_loaded),
		cmocka_unit_test(test_compare_rows),
		cmocka_unit_test(test_compare_same_verdicts),
		cmocka_unit_test(test_compare_needs_two_variants),
		cmocka_unit_test(test_expect_by_variant),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
