/*
 * test_graph.c - dependency edges from every kind of reference, unresolved
 * names, cycles named in full, and waves.
 */
#include "graph/graph.h"
#include "helpers.h"
#include "util/strbuf.h"

#include <string.h>

struct fixture {
	struct finding_list fl;
	struct template *t;
	struct graph *g;
};

static void build(struct fixture *fx, const char *text)
{
	memset(fx, 0, sizeof(*fx));
	fx->t = open_template(text, &fx->fl);
	fx->g = graph_build(fx->t, &fx->fl);
}

static void done(struct fixture *fx)
{
	graph_free(fx->g);
	template_free(fx->t);
	finding_list_free(&fx->fl);
}

static long idx(struct fixture *fx, const char *id)
{
	long i = template_resource_index(fx->t, id);

	assert_true(i >= 0);
	return i;
}

static int dep(struct fixture *fx, const char *a, const char *b)
{
	return graph_depends(fx->g, (size_t)idx(fx, a), (size_t)idx(fx, b));
}

static int wave(struct fixture *fx, const char *a)
{
	return fx->g->nodes[idx(fx, a)].wave;
}

static void test_edges(void **state)
{
	struct fixture fx;

	(void)state;
	build(&fx,
	      "Parameters:\n  Env: {Type: String}\n"
	      "Resources:\n"
	      "  Vpc: {Type: AWS::EC2::VPC}\n"
	      "  Bucket: {Type: AWS::S3::Bucket}\n"
	      "  Role: {Type: AWS::IAM::Role}\n"
	      "  Topic: {Type: AWS::SNS::Topic}\n"
	      "  Queue: {Type: AWS::SQS::Queue}\n"
	      "  Fn:\n    Type: AWS::Lambda::Function\n    DependsOn: [Queue]\n    Properties:\n"
	      "      Role: !GetAtt Role.Arn\n"
	      "      VpcConfig: {SubnetIds: [!Ref Vpc]}\n"
	      "      Environment:\n        Variables:\n"
	      "          A: !Sub '${Bucket.Arn}/${Env}/${AWS::Region}/${!Topic}/${Local}'\n"
	      "          B: !Sub ['${X}', {X: !Ref Topic}]\n"
	      "          C: {Fn::GetAtt: Vpc.CidrBlock}\n"
	      "  Other:\n    Type: AWS::SNS::Topic\n    DependsOn: Fn\n"
	      "    Properties: {TopicName: !Ref Env}\n");
	/* ${Local} is not a Sub variable of the first Sub: unresolved */
	assert_one_finding(&fx.fl, FC_UNRESOLVED_DEPENDENCY,
			   "Template format error: Unresolved resource dependencies [Local] in the "
			   "Resources block of the template");
	assert_true(dep(&fx, "Fn", "Role"));   /* GetAtt list form */
	assert_true(dep(&fx, "Fn", "Vpc"));    /* Ref and GetAtt string form */
	assert_true(dep(&fx, "Fn", "Bucket")); /* ${Bucket.Arn} */
	assert_true(dep(&fx, "Fn", "Topic"));  /* Ref inside the Sub variable map */
	assert_true(dep(&fx, "Fn", "Queue"));  /* DependsOn list */
	assert_true(dep(&fx, "Other", "Fn"));  /* DependsOn string */
	assert_int_equal(fx.g->nodes[idx(&fx, "Fn")].n_deps, 5);
	assert_int_equal(fx.g->nodes[idx(&fx, "Other")].n_deps, 1); /* Ref Env: a parameter */
	assert_int_equal(wave(&fx, "Vpc"), 0);
	assert_int_equal(wave(&fx, "Fn"), 1);
	assert_int_equal(wave(&fx, "Other"), 2);
	done(&fx);
}

static void test_unresolved(void **state)
{
	struct fixture fx;

	(void)state;
	build(&fx, "Resources:\n"
		   "  A:\n    Type: AWS::SNS::Topic\n    DependsOn: [Missing, 3]\n"
		   "    Properties: {TopicName: !GetAtt Gone.Name, DisplayName: !Ref VpcID}\n"
		   "  B:\n    Type: AWS::SNS::Topic\n    DependsOn: !Ref A\n"
		   "Outputs:\n  O: {Value: !Ref role}\n");
	assert_int_equal(fx.fl.n, 6);
	assert_string_equal(fx.fl.items[0].message,
			    "Template error: instance of Fn::GetAtt references undefined resource Gone");
	assert_string_equal(fx.fl.items[0].path, "Resources/A/Properties/TopicName");
	assert_int_equal(fx.fl.items[0].pos.line, 5);
	assert_string_equal(fx.fl.items[1].message,
			    "Template format error: Unresolved resource dependencies [VpcID] in the "
			    "Resources block of the template");
	assert_string_equal(fx.fl.items[2].message,
			    "Template format error: Unresolved resource dependencies [Missing] in the "
			    "Resources block of the template");
	assert_string_equal(fx.fl.items[3].message,
			    "Template format error: Every DependsOn value must be a string.");
	assert_string_equal(fx.fl.items[4].message,
			    "Template format error: DependsOn must be a string or list of strings.");
	assert_string_equal(fx.fl.items[5].message,
			    "Unresolved resource dependencies [role] in the Outputs block of the template");
	assert_non_null(fx.fl.items[5].fix);
	done(&fx);
}

static void test_cycles(void **state)
{
	struct fixture fx;

	(void)state;
	build(&fx, "Resources:\n"
		   "  Base: {Type: AWS::EC2::VPC}\n"
		   "  Up:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref Down}\n"
		   "  Down:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !GetAtt Config.Name}\n"
		   "  Config:\n    Type: AWS::SNS::Topic\n    DependsOn: [Up, Base]\n"
		   "  Self:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref Self}\n"
		   "  After:\n    Type: AWS::SNS::Topic\n    DependsOn: Up\n");
	assert_int_equal(fx.g->n_cycles, 2);
	assert_int_equal(fx.fl.n, 2);
	assert_string_equal(fx.fl.items[0].message,
			    "Circular dependency between resources: [Up, Down, Config]");
	assert_string_equal(fx.fl.items[1].message, "Circular dependency between resources: [Self]");
	/* the cycle as a whole sits after Base; what depends on it comes later */
	assert_int_equal(wave(&fx, "Base"), 0);
	assert_int_equal(wave(&fx, "Up"), 1);
	assert_int_equal(wave(&fx, "Config"), 1);
	assert_int_equal(wave(&fx, "After"), 2);
	assert_int_equal(fx.g->nodes[idx(&fx, "Up")].cycle, 1);
	assert_int_equal(fx.g->nodes[idx(&fx, "Self")].cycle, 2);
	assert_int_equal(fx.g->nodes[idx(&fx, "After")].cycle, 0);
	done(&fx);
}

static void test_waves_diamond_and_order(void **state)
{
	struct fixture fx;
	const char *order[5];
	size_t i;

	(void)state;
	build(&fx, "Resources:\n"
		   "  Top:\n    Type: AWS::SNS::Topic\n    DependsOn: [Left, Right]\n"
		   "  Right:\n    Type: AWS::SNS::Topic\n    DependsOn: Root\n"
		   "  Left:\n    Type: AWS::SNS::Topic\n    DependsOn: Mid\n"
		   "  Mid:\n    Type: AWS::SNS::Topic\n    DependsOn: Root\n"
		   "  Root: {Type: AWS::SNS::Topic}\n");
	assert_int_equal(fx.fl.n, 0);
	assert_int_equal(wave(&fx, "Root"), 0);
	assert_int_equal(wave(&fx, "Mid"), 1);
	assert_int_equal(wave(&fx, "Right"), 1);
	assert_int_equal(wave(&fx, "Left"), 2);
	assert_int_equal(wave(&fx, "Top"), 3); /* one more than the highest of what it needs */
	assert_int_equal(fx.g->n_waves, 4);
	for (i = 0; i < 5; i++)
		order[i] = fx.t->resources[fx.g->order[i]].logical_id;
	assert_string_equal(order[0], "Root");
	assert_string_equal(order[1], "Mid"); /* same wave: by logical id */
	assert_string_equal(order[2], "Right");
	assert_string_equal(order[3], "Left");
	assert_string_equal(order[4], "Top");
	done(&fx);
}

static void test_long_chain(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct fixture fx;
	int i;

	(void)state;
	/* 10,000 resources in one chain: no recursion depth problem */
	strbuf_addstr(&sb, "Resources:\n  R0: {Type: AWS::SNS::Topic}\n");
	for (i = 1; i < 10000; i++)
		strbuf_addf(&sb, "  R%d: {Type: AWS::SNS::Topic, DependsOn: R%d}\n", i, i - 1);
	build(&fx, sb.buf);
	assert_int_equal(wave(&fx, "R9999"), 9999);
	assert_int_equal(fx.g->n_cycles, 0);
	done(&fx);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_unresolved),
		cmocka_unit_test(test_cycles),
		cmocka_unit_test(test_waves_diamond_and_order),
		cmocka_unit_test(test_long_chain),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	srcfile_reset();
	return rc;
}
