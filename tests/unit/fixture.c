/*
 * fixture.c - hand-built engine results for the report tests (fixture.h).
 * The data is invented but shaped like real predictions: a key policy that
 * would fail, a function blocked by it, an image the state does not show.
 */
#include "fixture.h"
#include "util/srcpos.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct res_result *add_res(struct stack_result *s, const char *id, const char *type,
				  enum res_status st, int wave, struct srcpos pos)
{
	struct res_result *r;

	s->resources = xrealloc(s->resources, xsize_mul(s->n_resources + 1, sizeof(*r)));
	r = &s->resources[s->n_resources++];
	memset(r, 0, sizeof(*r));
	r->logical_id = xstrdup(id);
	r->type = xstrdup(type);
	r->status = st;
	r->wave = wave;
	r->pos = pos;
	if (st == STATUS_CREATE)
		r->physical_id = xstrfmt("%s-%s-1A2B3C4D5E6F", s->stack, id);
	return r;
}

static void init_stack(struct stack_result *s, const char *name, const char *account,
		       const char *region, const char *file, enum verdict v)
{
	s->stack = xstrdup(name);
	s->account = xstrdup(account);
	s->region = xstrdup(region);
	s->template_file = file ? xstrdup(file) : NULL;
	s->verdict = v;
}

static struct stack_result *add_nested(struct stack_result *parent)
{
	struct stack_result *n;

	parent->nested = xrealloc(parent->nested,
				  xsize_mul(parent->n_nested + 1, sizeof(*parent->nested)));
	n = &parent->nested[parent->n_nested++];
	memset(n, 0, sizeof(*n));
	return n;
}

static void mixed_app(struct stack_result *s)
{
	uint32_t f = srcfile_add("templates/app.yaml");
	struct res_result *r;
	struct finding *fd;

	init_stack(s, "app", "111111111111", "us-east-1", "templates/app.yaml", VERDICT_FAIL);
	strlist_add(&s->capabilities, "CAPABILITY_IAM");
	add_res(s, "LogsBucket", "AWS::S3::Bucket", STATUS_CREATE, 0, srcpos_make(f, 8, 3));
	r = add_res(s, "DataKey", "AWS::KMS::Key", STATUS_FAIL, 0, srcpos_make(f, 11, 3));
	fd = finding_add(&r->findings, FC_MALFORMED_FUNCTION, srcpos_make(f, 14, 9),
			 "Resources/DataKey/Properties/KeyPolicy",
			 "The new key policy will not allow you to update the key policy in the future.");
	finding_set_fix(fd, "add a statement that allows kms:PutKeyPolicy to the deploying role");
	r = add_res(s, "Table", "AWS::DynamoDB::Table", STATUS_BLOCKED, 1, srcpos_make(f, 20, 3));
	strlist_add(&r->blocked_by, "DataKey");
	strlist_add(&r->depends_on, "DataKey");
	r = add_res(s, "Function", "AWS::Lambda::Function", STATUS_BLOCKED, 2, srcpos_make(f, 27, 3));
	strlist_add(&r->blocked_by, "DataKey");
	strlist_add(&r->depends_on, "Table");
	strlist_add(&r->depends_on, "LogsBucket");
	fd = finding_add(&r->findings, FC_UNRESOLVED_DEPENDENCY, SRCPOS_NONE, NULL,
			 "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error "
			 "Message: The specified key does not exist.");
	finding_set_fix(fd, "upload code/function.zip to bucket artifacts-111111111111 first");
	r = add_res(s, "Service", "AWS::ECS::Service", STATUS_UNCERTAIN, 1, srcpos_make(f, 40, 3));
	strlist_add(&r->depends_on, "LogsBucket");
	finding_add(&r->findings, FC_TRANSFORM_NOT_EXPANDED, srcpos_make(f, 44, 17),
		    "Resources/Service/Properties/TaskDefinition",
		    "the state does not say whether image payment-service:v2 was pushed");
	add_res(s, "DevOnlyQueue", "AWS::SQS::Queue", STATUS_SKIPPED, 0, srcpos_make(f, 50, 3));
	r = add_res(s, "Network", "AWS::CloudFormation::Stack", STATUS_CREATE, 0,
		    srcpos_make(f, 55, 3));
	fd = finding_add(&s->stack_findings, FC_TRANSFORM_NOT_EXPANDED, srcpos_make(f, 2, 1),
			 "Transform", "The template uses transform AWS::Serverless-2016-10-31.");
	finding_set_fix(fd, "run sam build to expand it, then check the expanded template");
	result_add_prereq(s, "AWS::S3::Object", "111111111111", "us-east-1",
			  "artifacts-111111111111/code/function.zip", "Function");
	result_add_prereq(s, "AWS::IAM::Role", "111111111111", "", "deploy-role", "DataKey");
	result_add_prereq(s, "AWS::IAM::Role", "111111111111", "", "deploy-role", "Function");
	s->outputs = value_map(SRCPOS_NONE);
	value_map_set(s->outputs, "BucketName",
		      value_string(SRCPOS_NONE, "app-LogsBucket-1A2B3C4D5E6F"));
	value_map_set(s->outputs, "KeyArn",
		      value_unknown(SRCPOS_NONE, "DataKey would not be created"));
}

static void mixed_nested(struct stack_result *s)
{
	uint32_t f = srcfile_add("templates/network.yaml");
	struct res_result *r;

	init_stack(s, "app-Network-0A1B2C3D4E5F", "111111111111", "us-east-1",
		   "templates/network.yaml", VERDICT_OK);
	s->parent_resource = xstrdup("Network");
	add_res(s, "Vpc", "AWS::EC2::VPC", STATUS_CREATE, 0, srcpos_make(f, 4, 3));
	r = add_res(s, "Subnet", "AWS::EC2::Subnet", STATUS_CREATE, 1, srcpos_make(f, 8, 3));
	strlist_add(&r->depends_on, "Vpc");
	finding_add(&r->findings, FC_TRANSFORM_NOT_EXPANDED, srcpos_make(f, 11, 25),
		    "Resources/Subnet/Properties/AvailabilityZone",
		    "AvailabilityZone us-east-1e does not support every instance type");
	s->outputs = value_map(SRCPOS_NONE);
	value_map_set(s->outputs, "VpcId", value_string(SRCPOS_NONE, "vpc-0123456789abcdef0"));
}

static void mixed_web(struct stack_result *s)
{
	uint32_t f = srcfile_add("templates/web.json");
	struct res_result *r;

	init_stack(s, "web", "222222222222", "eu-west-1", "templates/web.json", VERDICT_UNCERTAIN);
	add_res(s, "Topic", "AWS::SNS::Topic", STATUS_CREATE, 0, srcpos_make(f, 4, 5));
	r = add_res(s, "Alarm", "AWS::CloudWatch::Alarm", STATUS_UNCERTAIN, 1,
		    srcpos_make(f, 9, 5));
	strlist_add(&r->depends_on, "Topic");
	finding_add(&r->findings, FC_TRANSFORM_NOT_EXPANDED, srcpos_make(f, 12, 7), NULL,
		    "depends on Service in stack app, which is uncertain");
	s->outputs = value_map(SRCPOS_NONE);
	value_map_set(s->outputs, "Endpoint", value_unknown(SRCPOS_NONE,
		      "GetAtt Alarm.Arn of an uncertain resource"));
}

static void build_mixed(struct run_result *r)
{
	struct stack_result *app = result_add_stack(r);

	mixed_app(app);
	mixed_nested(add_nested(app));
	mixed_web(result_add_stack(r));
}

static void build_hostile(struct run_result *r)
{
	uint32_t f = srcfile_add("odd dir/t<e>m&p\"l'ate.yaml");
	struct stack_result *s = result_add_stack(r);
	struct res_result *res;
	struct finding *fd;
	struct value *list;

	init_stack(s, "odd-Stack", "333333333333", "ap-southeast-2", "odd dir/t<e>m&p\"l'ate.yaml",
		   VERDICT_FAIL);
	res = add_res(s, "Queue<1>", "Custom::\"Quoted\"|Pipe", STATUS_FAIL, 0,
		      srcpos_make(f, 3, 3));
	fd = finding_add(&res->findings, FC_MALFORMED_FUNCTION, srcpos_make(f, 4, 5), "a/b",
			 "line one\nline two with <script>alert('x')</script> & \\ back*slash* "
			 "`tick` [link](x) | pipe \"quote\" ]]> \x01 ctrl \xc3\xa9t\xc3\xa9");
	finding_set_fix(fd, "replace {{resolve:ssm:/x}} with a literal; keep 100%% of _this_");
	res = add_res(s, "VeryLongLogicalIdThatKeepsGoingAndGoingPastTheBox", "AWS::SQS::Queue",
		      STATUS_BLOCKED, 1, srcpos_make(f, 9, 3));
	strlist_add(&res->blocked_by, "Queue<1>");
	strlist_add(&res->depends_on, "Queue<1>");
	s->outputs = value_map(SRCPOS_NONE);
	value_map_set(s->outputs, "Weird\"Key", value_string(SRCPOS_NONE, "a|b<c>&d"));
	list = value_list(SRCPOS_NONE);
	value_list_append(list, value_number(SRCPOS_NONE, 1, NULL));
	value_list_append(list, value_unknown(SRCPOS_NONE, "why \"not\""));
	value_map_set(s->outputs, "List", list);
}

static void build_empty(struct run_result *r)
{
	struct stack_result *s = result_add_stack(r);
	struct res_result *res;

	init_stack(s, "bare", "123456789012", "us-east-1", NULL, VERDICT_FAIL);
	finding_add(&s->stack_findings, FC_NO_RESOURCES, SRCPOS_NONE, NULL,
		    "Template format error: At least one Resources member must be defined.");
	s = result_add_stack(r);
	init_stack(s, "nopos", "123456789012", "us-east-1", NULL, VERDICT_FAIL);
	res = add_res(s, "Thing", "", STATUS_FAIL, 0, SRCPOS_NONE);
	finding_add(&res->findings, FC_RESOURCE_NO_TYPE, SRCPOS_NONE, NULL,
		    "Resource Thing has no Type");
}

static const struct {
	const char *name;
	void (*build)(struct run_result *r);
} fixtures[] = {
	{ "mixed", build_mixed },
	{ "hostile", build_hostile },
	{ "empty", build_empty },
};

int fixture_build(const char *name, struct run_result *r)
{
	size_t i;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++)
		if (!strcmp(fixtures[i].name, name)) {
			fixtures[i].build(r);
			return 0;
		}
	return -1;
}

const char *fixture_names(void)
{
	return "mixed, hostile, empty";
}
