/*
 * plan_words.c - a prerequisite step in plain words: "In 111111111111
 * us-east-1, create S3 bucket X."  A table gives the verb and the noun of
 * the common types; any other type is named as it is.  Whether the id is a
 * name one chooses or an id AWS assigns comes from the type's model (a
 * type without a name property gets a new id: the step says to use it in
 * place of the one the stack names).
 */
#include "plan/plan.h"
#include "sim/check.h"
#include "sim/sim.h"
#include "value/value_json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *type; /* the prerequisite's type */
	const char *verb; /* "create" */
	const char *noun; /* "S3 bucket" */
} words[] = {
	{ PREREQ_REGION, "enable (account settings, Regions)", "region" },
	{ "AWS::S3::Bucket", "create", "S3 bucket" },
	{ "AWS::SSM::Parameter", "put", "SSM parameter" },
	{ "AWS::SecretsManager::Secret", "create", "Secrets Manager secret" },
	{ "AWS::IAM::Role", "create", "IAM role" },
	{ "AWS::IAM::InstanceProfile", "create", "IAM instance profile" },
	{ "AWS::EC2::KeyPair", "create or import", "EC2 key pair" },
	{ "AWS::EC2::Image", "copy or register", "AMI" },
	{ "AWS::EC2::VPC", "create", "VPC" },
	{ "AWS::EC2::Subnet", "create", "subnet" },
	{ "AWS::EC2::SecurityGroup", "create", "security group" },
	{ "AWS::ECS::Cluster", "create", "ECS cluster" },
	{ "AWS::ECR::Repository", "create", "ECR repository" },
	{ "AWS::KMS::Key", "create", "KMS key" },
	{ "AWS::KMS::Alias", "create a KMS key with", "alias" },
	{ "AWS::Lambda::LayerVersion", "publish", "Lambda layer version" },
	{ "AWS::RDS::DBSubnetGroup", "create", "DB subnet group" },
	{ "AWS::Route53::HostedZone", "create", "Route 53 hosted zone" },
	{ "AWS::CertificateManager::Certificate", "request", "ACM certificate" },
	{ "AWS::SNS::Topic", "create", "SNS topic" },
	{ "AWS::SQS::Queue", "create", "SQS queue" },
};

/* "In 111111111111 us-east-1, ", "In 111111111111 (account-wide), " for
 * IAM and the like, "In 111111111111 (a region of your choice), " for a
 * regional type the check names no region for (a replication destination). */
static void where(struct strbuf *sb, const char *account, const char *region, const char *type)
{
	if (!strcmp(type, PREREQ_REGION))
		strbuf_addf(sb, "In %s, ", account); /* the region is what the step names */
	else if (*region)
		strbuf_addf(sb, "In %s %s, ", account, region);
	else if (*sim_scope_region(type, "-"))
		strbuf_addf(sb, "In %s (a region of your choice), ", account);
	else
		strbuf_addf(sb, "In %s (account-wide), ", account);
}

/* True when the type names its resources with a name the template (or
 * the user) chooses, false when AWS assigns the id (a VPC, an AMI, a KMS
 * key); unknown types count as named. */
static bool named(struct model_set *models, const char *type)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = models ? model_find(models, type, &dl) : NULL;

	diag_clear(&dl);
	return !m || model_name_property(m) != NULL;
}

/* "a" or "an" before noun: vowels, and acronyms read with a vowel sound
 * (an SNS topic, an ACM certificate). */
static const char *article(const char *noun)
{
	bool acronym = noun[0] >= 'A' && noun[0] <= 'Z' && noun[1] >= 'A' && noun[1] <= 'Z';

	return strchr("AEIOaeio", noun[0]) || (acronym && strchr("FHLMNRSX", noun[0])) ? "an" : "a";
}

/* " with A {...} and B x": the properties the step requires. */
static void properties(struct strbuf *sb, const struct value *props, const char *lead)
{
	size_t i = 0, n = value_map_len(props);

	VALUE_MAP_FOREACH(props, e) {
		strbuf_addstr(sb, i == 0 ? lead : i + 1 == n ? " and " : ", ");
		strbuf_addf(sb, "%s ", e->key);
		if (value_is_string(e->val))
			strbuf_addstr(sb, e->val->u.string.s);
		else
			value_to_json_compact(sb, e->val);
		i++;
	}
}

/* True when the resource the step names is in state already (only its
 * required properties are missing). */
static bool exists(const struct state *state, const struct plan_step *st)
{
	if (!state || st->by_property)
		return false;
	if (!strcmp(st->type, "AWS::S3::Bucket"))
		return state_find_bucket(state, st->id) != NULL;
	return state_find(state, st->account, st->region, st->type, st->id) != NULL;
}

void plan_describe_prereq(struct plan_step *st, struct model_set *models,
			  const struct state *state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *verb = "create", *noun = st->type, *slash, *name;
	struct arn a = { NULL, NULL, NULL, NULL, NULL };
	bool is_arn = !st->by_property && arn_parse(st->id, &a);
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].type, st->type)) {
			verb = words[i].verb;
			noun = words[i].noun;
		}
	/* an ARN says which account holds it (another account's key...); the
	 * region is where it must be, else the ARN's */
	where(&sb, is_arn && *a.account ? a.account : st->account,
	      *st->region || !is_arn ? st->region : a.region, st->type);
	name = is_arn ? (strrchr(a.resource, '/') ? strrchr(a.resource, '/') + 1 : a.resource) : st->id;
	if (!strcmp(st->type, "AWS::S3::Object") && (slash = strchr(st->id, '/')) != NULL) {
		strbuf_addf(&sb, "upload %s", slash + 1);
		if (value_str(value_map_get(st->properties, "File")))
			strbuf_addf(&sb, " (the local file %s)",
				    value_str(value_map_get(st->properties, "File")));
		strbuf_addf(&sb, " to S3 bucket %.*s.", (int)(slash - st->id), st->id);
	} else if (st->properties && exists(state, st)) {
		properties(&sb, st->properties, "set ");
		strbuf_addf(&sb, " on %s %s.", noun, name);
	} else if (!strcmp(st->type, "AWS::ECR::Image") && (slash = strpbrk(st->id, ":@")) != NULL) {
		strbuf_addf(&sb, "push the image %s to ECR repository %.*s (creating the repository "
			    "if it does not exist).", st->id, (int)(slash - st->id), st->id);
	} else if (!strcmp(st->type, "AWS::CloudFormation::Export")) {
		strbuf_addf(&sb, "deploy the stack that exports %s (no stack of this plan exports it).",
			    st->id);
	} else if (st->by_property) {
		strbuf_addf(&sb, "%s %s %s whose %s is %s.", verb, article(noun), noun,
			    st->by_property, st->id);
	} else if (!named(models, st->type)) {
		strbuf_addf(&sb, "%s %s %s", verb, article(noun), noun);
		if (st->properties)
			properties(&sb, st->properties, " with ");
		strbuf_addf(&sb, " and use its %s in place of %s (AWS assigns it: pass the new one "
			    "where the stack names this one).", is_arn ? "ARN" : "id", st->id);
	} else if (is_arn) {
		strbuf_addf(&sb, "%s %s %s (%s).", verb, noun, name, st->id);
	} else {
		strbuf_addf(&sb, "%s %s %s", verb, noun, st->id);
		if (st->properties)
			properties(&sb, st->properties, " with ");
		strbuf_addch(&sb, '.');
	}
	if (is_arn)
		arn_free(&a);
	free(st->text);
	st->text = strbuf_detach(&sb, NULL);
}
