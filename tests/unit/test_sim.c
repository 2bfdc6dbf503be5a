/*
 * test_sim.c - the simulation loop: statuses, the cascade through chains
 * and diamonds with root causes, uncertain and skipped propagation, state
 * writes (a name used twice in one stack), and the capabilities a template
 * needs.
 */
#include "engine/physid.h"
#include "graph/graph.h"
#include "helpers.h"
#include "sim/names.h"
#include "sim/sim.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "sim/stack_check.h"

#include <stdlib.h>
#include <string.h>

struct fixture {
	struct finding_list fl;
	struct template *t;
	struct graph *g;
	struct state *state;
	struct deploy d;
	struct check_env env;
	struct stack_result s;
	int conditions[16]; /* per resource index: 1, 0 or -1 */
	struct value *empty; /* the properties of resources without any */
};

static int condition(void *ctx, size_t i, const char **reason)
{
	*reason = "the test says so";
	return ((struct fixture *)ctx)->conditions[i];
}

/* The template's properties, borrowed: the template outlives the state. */
static const struct value *resolve(void *ctx, size_t i, struct finding_list *fl,
				   bool *failed, bool *uncertain)
{
	struct fixture *fx = ctx;
	const struct value *p = fx->t->resources[i].properties;

	(void)fl;
	(void)failed;
	(void)uncertain;
	return p ? p : fx->empty;
}

static char *physical_id(void *ctx, size_t i, const struct value *props)
{
	struct fixture *fx = ctx;

	const struct name_rule *rule = names_find(fx->t->resources[i].type);
	const char *name = rule ? value_str(value_map_get(props, rule->property)) : NULL;

	return name ? xstrdup(name) : physid_name("stack", fx->t->resources[i].logical_id);
}

static void run(struct fixture *fx, const char *text, struct state *state)
{
	struct sim_hooks h = { fx, condition, resolve, physical_id, NULL };
	size_t i;

	memset(fx, 0, sizeof(*fx));
	fx->t = open_template(text, &fx->fl);
	fx->empty = value_map(SRCPOS_NONE);
	fx->g = graph_build(fx->t, &fx->fl);
	assert_int_equal(fx->fl.n, 0);
	fx->state = state ? state : state_new(NULL);
	fx->d.stack_name = "stack";
	fx->d.account = "111111111111";
	fx->d.region = "us-east-1";
	fx->env = (struct check_env){ &fx->d, "aws", fx->state, fx->t, NULL, NULL, NULL, NULL };
	for (i = 0; i < 16; i++)
		fx->conditions[i] = 1;
	for (i = 0; i < fx->t->n_resources; i++)
		if (fx->t->resources[i].condition)
			fx->conditions[i] = !strcmp(fx->t->resources[i].condition, "Disabled") ? 0 : -1;
	sim_run(&fx->env, fx->state, fx->g, &h, false, false, &fx->s);
}

static void done(struct fixture *fx)
{
	stack_result_free(&fx->s);
	graph_free(fx->g);
	state_free(fx->state); /* before what its entries borrow */
	template_free(fx->t);
	value_free(fx->empty);
	finding_list_free(&fx->fl);
}

static const struct res_result *res(struct fixture *fx, const char *id)
{
	const struct res_result *r = result_resource(&fx->s, id);

	assert_non_null(r);
	return r;
}

static const char *status(struct fixture *fx, const char *id)
{
	return result_status_name(res(fx, id)->status);
}

static const char *blocked_by(struct fixture *fx, const char *id)
{
	static char buf[256];
	const struct res_result *r = res(fx, id);
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < r->blocked_by.n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, r->blocked_by.items[i]);
	}
	return buf;
}

static struct state *taken(const char *bucket, const char *table)
{
	struct state *st = state_new(NULL);

	if (bucket)
		state_add(st, "999999999999", "eu-west-1", "AWS::S3::Bucket", bucket, NULL, NULL, SRCPOS_NONE);
	if (table)
		state_add(st, "111111111111", "us-east-1", "AWS::DynamoDB::Table", table, NULL, NULL,
			  SRCPOS_NONE);
	return st;
}

static const char cascade[] =
	"Resources:\n"
	"  Logs: {Type: AWS::S3::Bucket, Properties: {BucketName: logs}}\n"
	"  Notify: {Type: AWS::SNS::Topic, DependsOn: Logs}\n"
	"  Jobs: {Type: AWS::SQS::Queue, DependsOn: Notify}\n"
	"  Orders: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}\n"
	"  Report: {Type: AWS::SNS::Topic, DependsOn: [Jobs, Orders]}\n"
	"  Audit: {Type: AWS::SQS::Queue}\n";

static void test_cascade(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, cascade, taken("logs", "orders"));
	assert_string_equal(status(&fx, "Logs"), "fail");
	assert_string_equal(status(&fx, "Orders"), "fail");
	assert_string_equal(status(&fx, "Notify"), "blocked");
	assert_string_equal(blocked_by(&fx, "Notify"), "Logs");
	assert_string_equal(status(&fx, "Jobs"), "blocked");
	assert_string_equal(blocked_by(&fx, "Jobs"), "Logs"); /* the root, not Notify */
	assert_string_equal(status(&fx, "Report"), "blocked");
	assert_string_equal(blocked_by(&fx, "Report"), "Logs,Orders");
	assert_string_equal(status(&fx, "Audit"), "create");
	assert_string_equal(res(&fx, "Logs")->findings.items[0].message, "logs already exists");
	/* what was created is in the state; what failed is not */
	assert_non_null(state_find(fx.state, "111111111111", "us-east-1", "AWS::SQS::Queue",
				   res(&fx, "Audit")->physical_id));
	assert_null(res(&fx, "Notify")->physical_id);
	assert_int_equal(state_count(fx.state, "111111111111", "us-east-1", "AWS::SNS::Topic"), 0);
	done(&fx);

	run(&fx, cascade, taken(NULL, NULL));
	assert_string_equal(status(&fx, "Report"), "create");
	assert_string_equal(status(&fx, "Logs"), "create");
	assert_string_equal(res(&fx, "Logs")->physical_id, "logs");
	done(&fx);
}

static void test_blocked_keeps_own_findings(void **state)
{
	struct fixture fx;

	(void)state;
	/* Tail has a problem of its own (its name is taken) but its dependency
	 * fails first: blocked, with its own finding still listed. */
	run(&fx, "Resources:\n"
		 "  Head: {Type: AWS::S3::Bucket, Properties: {BucketName: logs}}\n"
		 "  Tail: {Type: AWS::DynamoDB::Table, DependsOn: Head, Properties: {TableName: orders}}\n",
	    taken("logs", "orders"));
	assert_string_equal(status(&fx, "Head"), "fail");
	assert_string_equal(status(&fx, "Tail"), "blocked");
	assert_int_equal(res(&fx, "Tail")->findings.n, 1);
	assert_string_equal(res(&fx, "Tail")->findings.items[0].message, "orders already exists");
	done(&fx);
}

static void test_uncertain_and_skipped(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "Resources:\n"
		 "  Maybe: {Type: AWS::SNS::Topic, Condition: Unknown}\n"
		 "  After: {Type: AWS::SQS::Queue, DependsOn: Maybe}\n"
		 "  Never: {Type: AWS::SNS::Topic, Condition: Disabled}\n"
		 "  Sure: {Type: AWS::SQS::Queue}\n", NULL);
	assert_string_equal(status(&fx, "Maybe"), "uncertain");
	assert_string_equal(res(&fx, "Maybe")->findings.items[0].message,
			    "Whether Maybe is created is uncertain: the test says so");
	assert_string_equal(status(&fx, "After"), "uncertain");
	assert_string_equal(res(&fx, "After")->findings.items[0].message,
			    "depends on Maybe, whose create is uncertain");
	assert_int_equal(res(&fx, "After")->findings.items[0].severity, SEV_WARNING);
	assert_string_equal(status(&fx, "Never"), "skipped");
	assert_null(res(&fx, "Never")->physical_id);
	assert_string_equal(status(&fx, "Sure"), "create");
	done(&fx);
}

static void test_name_twice_in_one_stack(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "Resources:\n"
		 "  A: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}\n"
		 "  B: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}\n"
		 "  R: {Type: AWS::IAM::Role, Properties: {RoleName: r}}\n", NULL);
	assert_string_equal(status(&fx, "A"), "create");
	assert_string_equal(status(&fx, "B"), "fail");
	{
		/* the stack that owns the name is this one: its AWS::StackId */
		char *arn = physid_stack_arn("aws", "us-east-1", "111111111111", "stack");
		char *want = xstrfmt("orders already exists in stack %s", arn);
		assert_string_equal(res(&fx, "B")->findings.items[0].message, want);
		assert_non_null(strstr(arn, "arn:aws:cloudformation:us-east-1:111111111111:stack/stack/"));
		free(want);
		free(arn);
	}
	/* IAM resources are account-wide: stored without a region */
	assert_non_null(state_find(fx.state, "111111111111", "eu-west-1", "AWS::IAM::Role", "r"));
	done(&fx);
}

static void test_capabilities_needed(void **state)
{
	struct finding_list fl = { NULL, 0, 0 };
	struct srcpos pos[3];
	struct template *t;

	(void)state;
	t = open_template("Resources:\n  P: {Type: AWS::IAM::Policy}\n  Q: {Type: AWS::SQS::Queue}\n", &fl);
	assert_int_equal(stack_capabilities_needed(t, pos), CAP_IAM);
	assert_int_equal(pos[0].line, 2);
	template_free(t);
	t = open_template("Resources:\n  U: {Type: AWS::IAM::User, Properties: {UserName: u}}\n", &fl);
	assert_int_equal(stack_capabilities_needed(t, pos), CAP_IAM | CAP_NAMED_IAM);
	template_free(t);
	t = open_template("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
			  "      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n", &fl);
	assert_int_equal(stack_capabilities_needed(t, pos), CAP_AUTO_EXPAND);
	assert_int_equal(pos[2].line, 5);
	template_free(t);
	t = open_template("Resources:\n  R: {Type: AWS::IAM::RolePolicy}\n", &fl);
	assert_int_equal(stack_capabilities_needed(t, pos), 0); /* not in the documented list */
	template_free(t);
	assert_int_equal(fl.n, 0);
}

static void test_names_find(void **state)
{
	(void)state;
	assert_string_equal(names_find("AWS::S3::Bucket")->property, "BucketName");
	assert_string_equal(names_find("AWS::IAM::Role")->property, "RoleName");
	assert_string_equal(names_find("AWS::CodeCommit::Repository")->property, "RepositoryName");
	assert_string_equal(names_find("AWS::ECR::Repository")->property, "RepositoryName");
	assert_null(names_find("AWS::S3::Bucke"));
	assert_null(names_find("AWS::S3::BucketX"));
	assert_null(names_find("AWS::S3::bucket"));
	assert_null(names_find("AWS::SNS::Topic"));
	assert_null(names_find("AWS::"));
	assert_null(names_find("AWS:"));
	assert_null(names_find("S3::Bucket"));
	assert_null(names_find(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cascade),
		cmocka_unit_test(test_blocked_keeps_own_findings),
		cmocka_unit_test(test_uncertain_and_skipped),
		cmocka_unit_test(test_name_twice_in_one_stack),
		cmocka_unit_test(test_capabilities_needed),
		cmocka_unit_test(test_names_find),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
