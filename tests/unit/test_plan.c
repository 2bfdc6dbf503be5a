/*
 * test_plan.c - the plan's checklist, applied to the account state, makes
 * the stacks pass: for every scenario under scenarios/ (and every variant)
 * whose plan has prerequisite steps, the checklist is applied to a fresh
 * copy of its state and the stacks are run again; each must be ok or
 * uncertain, unless the plan says which failures no step fixes (then
 * exactly those remain), and no prerequisite a step creates is missing
 * any more.  Then plan_apply itself: buckets, objects, ARNs, names taken.
 */
#include "helpers.h"
#include "plan/plan.h"
#include "util/srcpos.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TOP_SRCDIR
#error TOP_SRCDIR must name the source tree
#endif

static struct model_set *models;

static int setup(void **state)
{
	(void)state;
	models = open_models(MODELS_DIR, NULL);
	return models ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	model_set_free(models);
	srcfile_reset();
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every scenarios/X/Y.scenario.yaml, sorted (new list of new paths). */
static void scenario_files(struct strlist *out)
{
	DIR *top = opendir(TOP_SRCDIR "/scenarios"), *sub;
	struct dirent *d, *e;

	assert_non_null(top);
	while ((d = readdir(top)) != NULL) {
		char *path;
		if (d->d_name[0] == '.')
			continue;
		path = xstrfmt("%s/scenarios/%s", TOP_SRCDIR, d->d_name);
		sub = opendir(path);
		while (sub && (e = readdir(sub)) != NULL) {
			size_t n = strlen(e->d_name);
			if (n > 14 && !strcmp(e->d_name + n - 14, ".scenario.yaml")) {
				char *file = xstrfmt("%s/%s", path, e->d_name);
				strlist_add(out, file);
				free(file);
			}
		}
		if (sub)
			closedir(sub);
		free(path);
	}
	closedir(top);
	qsort(out->items, out->n, sizeof(*out->items), by_name);
}

static bool unfixed_has(const struct plan *p, const char *stack, const char *logical_id)
{
	size_t i;

	for (i = 0; i < p->n_unfixed; i++)
		if (!strcmp(p->unfixed[i].stack, stack) &&
		    (logical_id ? p->unfixed[i].logical_id && !strcmp(p->unfixed[i].logical_id, logical_id)
				: !p->unfixed[i].logical_id))
			return true;
	return false;
}

static bool is_step(const struct plan *p, const struct prereq *q, bool blocked)
{
	size_t i;

	for (i = 0; i < p->n_steps; i++) {
		const struct plan_step *st = &p->steps[i];
		if (st->kind == PLAN_STEP_PREREQ && !strcmp(st->type, q->type) &&
		    !strcmp(st->id, q->id) && !strcmp(st->account, q->account) &&
		    !strcmp(st->region, q->region) && (st->blocker != NULL) == blocked)
			return true;
	}
	return false;
}

/* Applies plan p (of run i of sc) to a fresh state, runs the stacks and
 * checks what the plan promises.  Returns 1 when the plan had prerequisite
 * steps. */
static int check_plan(const char *file, struct scenario *sc, size_t i, struct plan *p,
		      const struct scenario_run_options *o)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct run_result after = RUN_RESULT_INIT;
	struct state *state;
	size_t k, j, n_prereq = 0, applied, blocked = 0;

	for (k = 0; k < p->n_steps; k++)
		n_prereq += p->steps[k].kind == PLAN_STEP_PREREQ;
	if (!n_prereq)
		return 0;
	state = scenario_load_state(sc, i, o, &dl);
	assert_non_null(state);
	/* every step is applied, or blocked with the reason */
	applied = plan_apply(state, p->steps, p->n_steps);
	for (k = 0; k < p->n_steps; k++)
		blocked += p->steps[k].blocker != NULL;
	assert_int_equal(applied + blocked, n_prereq);
	assert_int_equal(scenario_run_state(sc, o, state, scenario_run_label(sc, i), &after, &dl), 0);
	for (k = 0; k < after.n_stacks; k++) {
		const struct stack_result *s = &after.stacks[k];

		if (!p->n_unfixed && (s->verdict == VERDICT_FAIL || s->verdict == VERDICT_BLOCKED))
			fail_msg("%s [%s]: stack %s is %s after the checklist", file,
				 p->variant ? p->variant : "-", s->stack, result_verdict_name(s->verdict));
		for (j = 0; j < s->n_resources; j++)
			if (s->resources[j].status == STATUS_FAIL &&
			    !unfixed_has(p, s->stack, s->resources[j].logical_id))
				fail_msg("%s: %s/%s fails after the checklist and the plan does not say so",
					 file, s->stack, s->resources[j].logical_id);
		for (j = 0; j < s->stack_findings.n; j++)
			if (s->stack_findings.items[j].severity == SEV_ERROR &&
			    s->stack_findings.items[j].code != FC_SCENARIO_BLOCKED &&
			    !unfixed_has(p, s->stack, NULL))
				fail_msg("%s: stack %s fails after the checklist (%s) and the plan does not "
					 "say so", file, s->stack, s->stack_findings.items[j].message);
		for (j = 0; j < s->n_prereqs; j++)
			if (is_step(p, &s->prereqs[j], false))
				fail_msg("%s: %s %s is still missing after its step", file,
					 s->prereqs[j].type, s->prereqs[j].id);
	}
	result_free(&after);
	state_free(state);
	diag_clear(&dl);
	return 1;
}

static void test_every_scenario_plan_passes(void **state)
{
	struct strlist files = { NULL, 0, 0 };
	size_t f, i, with_steps = 0, passing = 0;
	char today[] = "2026-01-15";

	(void)state;
	scenario_files(&files);
	assert_true(files.n >= 30);
	for (f = 0; f < files.n; f++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct scenario_run_options o = { false, false, NULL, today, models };
		struct run_result r = RUN_RESULT_INIT;
		struct scenario *sc = scenario_load(files.items[f], &dl);

		assert_non_null(sc);
		if (plan_scenario(sc, &o, &r, &dl) < 0)
			fail_msg("%s: %s", files.items[f], diag_first_error(&dl));
		assert_int_equal(r.n_plans, scenario_n_runs(sc));
		for (i = 0; i < r.n_plans; i++) {
			with_steps += check_plan(files.items[f], sc, i, &r.plans[i], &o);
			passing += !r.plans[i].n_unfixed;
		}
		result_free(&r);
		scenario_free(sc);
		diag_clear(&dl);
	}
	print_message("scenarios: %zu files, %zu plans with steps, %zu without unfixed failures\n", files.n, with_steps, passing);
	/* the test is not vacuous: most failing scenarios have steps */
	assert_true(with_steps >= 15);
	assert_true(passing >= 30);
	strlist_free(&files);
}

/* ---- plan_apply, step by step ---- */

static struct state *state_from(const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char path[] = "/tmp/cfn-test-plan.XXXXXX";
	int fd = mkstemp(path);
	struct state_options so = { false, NULL };
	struct state *st;
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	st = state_load(path, &so, &dl);
	unlink(path);
	if (!st)
		fail_msg("state: %s", diag_first_error(&dl));
	diag_clear(&dl);
	return st;
}

static struct plan_step step(const char *type, const char *account, const char *region,
			     const char *id, const char *by_property)
{
	struct plan_step st;

	memset(&st, 0, sizeof(st));
	st.kind = PLAN_STEP_PREREQ;
	st.type = xstrdup(type);
	st.account = xstrdup(account);
	st.region = xstrdup(region);
	st.id = xstrdup(id);
	st.by_property = by_property ? xstrdup(by_property) : NULL;
	st.stack = xstrdup("app");
	return st;
}

static int zone_named(void *ctx, const struct state_res *r)
{
	const char *name = value_str(value_map_get(r->props, "Name"));

	return name && !strcmp(name, ctx);
}

static void test_apply_creates(void **state)
{
	struct state *st = state_from("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
				      "        AWS::S3::Bucket:\n          code: {}\n");
	struct plan_step steps[6];
	const char *file;
	size_t i;

	(void)state;
	steps[0] = step("AWS::S3::Object", "111111111111", "us-east-1", "code/app.zip", NULL);
	steps[1] = step("AWS::S3::Object", "111111111111", "us-east-1", "new-bucket/t.yaml", NULL);
	steps[2] = step("AWS::IAM::Role", "111111111111", "",
			"arn:aws:iam::222222222222:role/path/deployer", NULL);
	steps[3] = step("AWS::Route53::HostedZone", "111111111111", "", "example.com.", "Name");
	steps[4] = step("AWS::CloudFormation::Export", "111111111111", "us-east-1", "net-VpcId", NULL);
	steps[5] = step("AWS::SSM::Parameter", "111111111111", "us-east-1", "/app/db/password", NULL);
	steps[5].kind = PLAN_STEP_DEPLOY; /* deploy steps are left to the run */
	assert_int_equal(plan_apply(st, steps, 6), 5);
	assert_int_equal(state_object(state_find_bucket(st, "code"), "app.zip", &file), 1);
	assert_null(file);
	assert_non_null(state_find_bucket(st, "new-bucket"));
	assert_string_equal(state_find_bucket(st, "new-bucket")->region, "us-east-1");
	assert_int_equal(state_object(state_find_bucket(st, "new-bucket"), "t.yaml", &file), 1);
	/* the role is in the ARN's account, found by its ARN */
	assert_non_null(state_find(st, "222222222222", "", "AWS::IAM::Role",
				   "arn:aws:iam::222222222222:role/path/deployer"));
	assert_true(state_each(st, "111111111111", "", "AWS::Route53::HostedZone", zone_named,
			       (void *)"example.com."));
	assert_non_null(state_export(st, "111111111111", "us-east-1", "net-VpcId"));
	assert_int_equal(state_export(st, "111111111111", "us-east-1", "net-VpcId")->kind, VALUE_UNKNOWN);
	assert_null(state_find(st, "111111111111", "us-east-1", "AWS::SSM::Parameter", "/app/db/password"));
	for (i = 0; i < 6; i++) {
		assert_null(steps[i].blocker);
		plan_step_clear(&steps[i]);
	}
	state_free(st);
}

/* {VersioningConfiguration: {Status: Enabled}} (new). */
static struct value *versioning(void)
{
	struct value *props = value_map(SRCPOS_NONE), *vc = value_map(SRCPOS_NONE);

	value_map_set(vc, "Status", value_string(SRCPOS_NONE, "Enabled"));
	value_map_set(props, "VersioningConfiguration", vc);
	return props;
}

static const char *status_of(const struct state_res *bucket)
{
	return value_str(value_map_get(value_map_get(bucket->props, "VersioningConfiguration"),
				       "Status"));
}

static void test_apply_required_properties(void **state)
{
	struct state *st = state_from("accounts:\n  \"111111111111\":\n    regions:\n      us-west-2:\n"
				      "        AWS::S3::Bucket:\n          dr: {Objects: {a.zip: {}}}\n");
	struct plan_step steps[2];
	const char *file;

	(void)state;
	steps[0] = step("AWS::S3::Bucket", "111111111111", "us-west-2", "dr", NULL);
	steps[0].properties = versioning();
	steps[1] = step("AWS::S3::Bucket", "111111111111", "", "dr-new", NULL);
	steps[1].properties = versioning();
	plan_describe_prereq(&steps[0], models, st);
	plan_describe_prereq(&steps[1], models, st);
	assert_string_equal(steps[0].text, "In 111111111111 us-west-2, set VersioningConfiguration "
			    "{\"Status\":\"Enabled\"} on S3 bucket dr.");
	assert_string_equal(steps[1].text, "In 111111111111 (a region of your choice), create S3 "
			    "bucket dr-new with VersioningConfiguration {\"Status\":\"Enabled\"}.");
	assert_int_equal(plan_apply(st, steps, 2), 2);
	/* set on the bucket that exists, which keeps its objects */
	assert_string_equal(status_of(state_find_bucket(st, "dr")), "Enabled");
	assert_int_equal(state_object(state_find_bucket(st, "dr"), "a.zip", &file), 1);
	assert_string_equal(status_of(state_find_bucket(st, "dr-new")), "Enabled");
	plan_step_clear(&steps[0]);
	plan_step_clear(&steps[1]);
	state_free(st);
}

static bool has_tag(const struct state_res *repo, const char *tag)
{
	const struct value *tags = value_map_get(repo->props, "ImageTags");

	VALUE_LIST_FOREACH(tags, it)
		if (value_str(*it) && !strcmp(value_str(*it), tag))
			return true;
	return false;
}

static void test_apply_images(void **state)
{
	struct state *st = state_from("accounts:\n  \"111111111111\":\n    regions:\n      us-east-1:\n"
				      "        AWS::ECR::Repository:\n          api: {ImageTags: [v1]}\n");
	struct plan_step steps[3];
	const struct state_res *repo;
	size_t i;

	(void)state;
	steps[0] = step("AWS::ECR::Image", "111111111111", "us-east-1", "api:v2", NULL);
	steps[1] = step("AWS::ECR::Image", "111111111111", "us-east-1", "worker:latest", NULL);
	steps[2] = step("AWS::ECR::Image", "111111111111", "us-east-1", "nothing", NULL);
	assert_int_equal(plan_apply(st, steps, 3), 2);
	repo = state_find(st, "111111111111", "us-east-1", "AWS::ECR::Repository", "api");
	assert_true(has_tag(repo, "v1") && has_tag(repo, "v2"));
	repo = state_find(st, "111111111111", "us-east-1", "AWS::ECR::Repository", "worker");
	assert_non_null(repo);
	assert_true(has_tag(repo, "latest"));
	assert_string_equal(steps[2].blocker, "nothing is not REPOSITORY:TAG or REPOSITORY@DIGEST");
	plan_describe_prereq(&steps[0], models, NULL);
	assert_string_equal(steps[0].text, "In 111111111111 us-east-1, push the image api:v2 to ECR "
			    "repository api (creating the repository if it does not exist).");
	for (i = 0; i < 3; i++)
		plan_step_clear(&steps[i]);
	state_free(st);
}

static void test_apply_blocked(void **state)
{
	struct state *st = state_from("s3_names_taken: [someone-elses]\naccounts:\n  \"111111111111\":\n"
				      "    regions:\n      us-west-2:\n        AWS::S3::Bucket:\n"
				      "          code-west: {}\n");
	struct plan_step steps[4];
	size_t i;

	(void)state;
	steps[0] = step("AWS::S3::Bucket", "111111111111", "us-east-1", "someone-elses", NULL);
	steps[1] = step("AWS::S3::Object", "111111111111", "us-east-1", "someone-elses/a.zip", NULL);
	steps[2] = step("AWS::S3::Bucket", "111111111111", "us-east-1", "code-west", NULL);
	steps[3] = step("AWS::CertificateManager::Certificate", "111111111111", "us-east-1",
			"arn:aws:acm:eu-west-1:111111111111:certificate/abc", NULL);
	assert_int_equal(plan_apply(st, steps, 4), 0);
	assert_string_equal(steps[0].blocker, "the name someone-elses is taken by an account outside "
			    "this state (S3 bucket names are unique across every account): choose "
			    "another bucket name");
	assert_string_equal(steps[1].blocker, steps[0].blocker);
	assert_string_equal(steps[2].blocker, "bucket code-west exists in us-west-2 of account "
			    "111111111111, and S3 bucket names are unique across every account: no "
			    "bucket code-west can be created in us-east-1; use a bucket in us-east-1 "
			    "instead");
	assert_string_equal(steps[3].blocker, "the ARN names region eu-west-1, but it must be in "
			    "us-east-1: create one there and use its ARN instead");
	assert_null(state_find_bucket(st, "someone-elses"));
	for (i = 0; i < 4; i++)
		plan_step_clear(&steps[i]);
	state_free(st);
}

static void test_step_words(void **state)
{
	struct plan_step st[4];
	size_t i;

	(void)state;
	st[0] = step("AWS::S3::Object", "111111111111", "us-east-1", "templates/network.yaml", NULL);
	st[1] = step("AWS::EC2::VPC", "111111111111", "eu-west-1", "vpc-0abc1234", NULL);
	st[2] = step("AWS::IAM::Role", "111111111111", "", "arn:aws:iam::111111111111:role/deployer",
		     NULL);
	st[3] = step("AWS::SSM::Parameter", "222222222222", "us-east-1", "/a/b", NULL);
	for (i = 0; i < 4; i++)
		plan_describe_prereq(&st[i], models, NULL);
	assert_string_equal(st[0].text, "In 111111111111 us-east-1, upload network.yaml to S3 bucket "
			    "templates.");
	assert_string_equal(st[1].text, "In 111111111111 eu-west-1, create a VPC and use its id in "
			    "place of vpc-0abc1234 (AWS assigns it: pass the new one where the stack "
			    "names this one).");
	assert_string_equal(st[2].text, "In 111111111111 (account-wide), create IAM role deployer "
			    "(arn:aws:iam::111111111111:role/deployer).");
	assert_string_equal(st[3].text, "In 222222222222 us-east-1, put SSM parameter /a/b.");
	for (i = 0; i < 4; i++)
		plan_step_clear(&st[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_scenario_plan_passes),
		cmocka_unit_test(test_apply_creates),
		cmocka_unit_test(test_apply_required_properties),
		cmocka_unit_test(test_apply_images),
		cmocka_unit_test(test_apply_blocked),
		cmocka_unit_test(test_step_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
