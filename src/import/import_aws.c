/*
 * import_aws.c - the table of AWS CLI commands `state import` reads, and
 * one converter per command: what each output says about the account,
 * placed where SPEC section 2 wants it.
 */
#include "import/import_int.h"

#include <string.h>

/* Copies item[from] into props[to] when present. */
static void copy_key(struct value *props, const char *to, const struct value *item,
		     const char *from)
{
	const struct value *v = value_map_get(item, from);

	if (v && v->kind != VALUE_NULL)
		value_map_set(props, to, value_copy(v));
}

/* A resource of type TYPE in the region (or globally) that arn or the file
 * says; returns its properties (borrowed) or NULL after an error. */
static struct value *place(struct import_ctx *c, const struct import_file *f,
			   const struct value *item, const char *arn, const char *type,
			   const char *id, bool global)
{
	struct import_arn a;
	const char *account, *region;
	struct value *scope, *props = NULL;

	if (import_where(c, f, arn, item->pos, !global, &a, &account, &region) == 0) {
		scope = global ? import_global(c, account) : import_region(c, account, region);
		props = scope ? import_resource(scope, type, id) : NULL;
		if (!props)
			import_error(c, item->pos, "%s %s is given twice with different shapes", type, id);
	}
	import_arn_free(&a);
	return props;
}

static int buckets(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "Name", NULL };
	const struct value *list;
	int rc = 0;

	if (import_list(c, f, "Buckets", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		const struct value *b = *it;
		struct import_file g = *f;
		const char *region = import_str(b, "BucketRegion");

		if (import_need(c, b, need) < 0) {
			rc = -1;
			continue;
		}
		if (region)
			g.region = (char *)region;
		if (!place(c, &g, b, NULL, "AWS::S3::Bucket", import_str(b, "Name"), false))
			rc = -1;
	}
	return rc;
}

/* The bucket a per-bucket file is about: found in the state, or added in
 * the file's (or the default) region. */
static struct value *bucket_of(struct import_ctx *c, const struct import_file *f)
{
	struct value *props;
	const char *account = f->account ? f->account : c->account;

	if (account && (props = import_find_bucket(c, account, f->bucket)))
		return props;
	return place(c, f, f->root, NULL, "AWS::S3::Bucket", f->bucket, false);
}

static int objects(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "Key", NULL };
	const struct value *list;
	struct value *props, *objs;
	int rc = 0;

	if (import_list(c, f, "Contents", true, &list) < 0 || !(props = bucket_of(c, f)))
		return -1;
	if (!list)
		return 0; /* an empty bucket: the CLI prints no Contents */
	objs = import_child(props, "Objects");
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0)
			rc = -1;
		else
			import_child(objs, import_str(*it, "Key"));
	}
	return rc;
}

static int versioning(struct import_ctx *c, const struct import_file *f)
{
	const struct value *status;
	struct value *props, *cfg;

	if (f->root->kind != VALUE_MAP) {
		import_error(c, f->root->pos, "expected the output of `%s` (a JSON object), not a %s",
			     f->cmd->cli, value_kind_name(f->root->kind));
		return -1;
	}
	status = value_map_get(f->root, "Status");
	if (status && !(value_is_string(status) && (!strcmp(status->u.string.s, "Enabled") ||
						     !strcmp(status->u.string.s, "Suspended")))) {
		import_error(c, status->pos, "\"Status\" should be \"Enabled\" or \"Suspended\"");
		return -1;
	}
	if (!(props = bucket_of(c, f)))
		return -1;
	if (status) { /* no Status: versioning was never enabled, the default */
		cfg = import_child(props, "VersioningConfiguration");
		value_map_set(cfg, "Status", value_copy(status));
	}
	return 0;
}

static int parameters(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "Name", NULL };
	const struct value *list;
	struct value *props;
	int rc = 0;

	if (import_list(c, f, "Parameters", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, f, *it, import_str(*it, "ARN"), "AWS::SSM::Parameter",
				    import_str(*it, "Name"), false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "Type", *it, "Type");
		copy_key(props, "DataType", *it, "DataType");
	}
	return rc;
}

static int secrets(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "Name", NULL };
	const struct value *list;
	int rc = 0;

	if (import_list(c, f, "SecretList", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it)
		if (import_need(c, *it, need) < 0 ||
		    !place(c, f, *it, import_str(*it, "ARN"), "AWS::SecretsManager::Secret",
			   import_str(*it, "Name"), false))
			rc = -1;
	return rc;
}

static int repositories(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "repositoryName", NULL };
	const struct value *list;
	struct value *props;
	int rc = 0;

	if (import_list(c, f, "repositories", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, f, *it, import_str(*it, "repositoryArn"), "AWS::ECR::Repository",
				    import_str(*it, "repositoryName"), false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "ImageTagMutability", *it, "imageTagMutability");
	}
	return rc;
}

/* The repository named name: where describe-repositories put it, else in
 * the file's or the default place. */
static struct value *repository_of(struct import_ctx *c, const struct import_file *f,
				   const struct value *item, const char *name)
{
	struct import_file g = *f;
	const char *registry = import_str(item, "registryId");
	const struct value *regions;

	if (registry)
		g.account = (char *)registry;
	regions = value_map_get(value_map_get(value_map_get(c->state, "accounts"),
			g.account ? g.account : c->account ? c->account : ""), "regions");
	if (regions && !f->region)
		VALUE_MAP_FOREACH(regions, e) {
			const struct value *r = value_map_get(value_map_get(e->val,
							"AWS::ECR::Repository"), name);
			if (r)
				return (struct value *)r;
		}
	return place(c, &g, item, NULL, "AWS::ECR::Repository", name, false);
}

static int images(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "repositoryName", NULL };
	const struct value *list, *tags;
	struct value *props, *have;
	int rc = 0;

	if (import_list(c, f, "imageDetails", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = repository_of(c, f, *it, import_str(*it, "repositoryName")))) {
			rc = -1;
			continue;
		}
		tags = value_map_get(*it, "imageTags");
		if (!tags)
			continue; /* an untagged image */
		if (tags->kind != VALUE_LIST) {
			import_error(c, tags->pos, "\"imageTags\" should be a list");
			rc = -1;
			continue;
		}
		if (!value_map_get(props, "ImageTags"))
			value_map_set(props, "ImageTags", value_list(SRCPOS_NONE));
		have = (struct value *)value_map_get(props, "ImageTags");
		VALUE_LIST_FOREACH(tags, t) {
			bool dup = false;

			if (!value_is_string(*t)) {
				import_error(c, (*t)->pos, "an image tag should be a string");
				rc = -1;
				continue;
			}
			VALUE_LIST_FOREACH(have, h)
				dup |= value_equal(*h, *t);
			if (!dup)
				value_list_append(have, value_copy(*t));
		}
	}
	return rc;
}

static int exports(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "Name", "Value", NULL };
	const struct value *list;
	struct import_arn a;
	const char *account, *region;
	int rc = 0;

	if (import_list(c, f, "Exports", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    import_where(c, f, import_str(*it, "ExportingStackId"), (*it)->pos, true, &a,
				 &account, &region) < 0) {
			rc = -1;
			continue;
		}
		value_map_set(import_child(import_region(c, account, region), "exports"),
			      import_str(*it, "Name"), value_copy(value_map_get(*it, "Value")));
		import_arn_free(&a);
	}
	return rc;
}

/* The outputs of a describe-stacks entry into stack (and exports). */
static int stack_outputs(struct import_ctx *c, const struct value *outputs,
			 struct value *stack, struct value *region_map)
{
	static const char *const need[] = { "OutputKey", "OutputValue", NULL };
	struct value *outs = import_child(stack, "outputs");

	if (outputs->kind != VALUE_LIST) {
		import_error(c, outputs->pos, "\"Outputs\" should be a list");
		return -1;
	}
	VALUE_LIST_FOREACH(outputs, o) {
		const char *export_name = import_str(*o, "ExportName");
		struct value *exp;

		if ((*o)->kind != VALUE_MAP || import_need(c, *o, need) < 0)
			return -1;
		value_map_set(outs, import_str(*o, "OutputKey"),
			      value_copy(value_map_get(*o, "OutputValue")));
		exp = export_name ? import_child(region_map, "exports") : NULL;
		if (exp && !value_map_get(exp, export_name))
			value_map_set(exp, export_name, value_copy(value_map_get(*o, "OutputValue")));
	}
	return 0;
}

static int stacks(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "StackName", "StackStatus", NULL };
	const struct value *list, *outputs;
	struct import_arn a;
	const char *account, *region;
	struct value *region_map, *stack;
	int rc = 0;

	if (import_list(c, f, "Stacks", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    import_where(c, f, import_str(*it, "StackId"), (*it)->pos, true, &a, &account,
				 &region) < 0) {
			rc = -1;
			continue;
		}
		region_map = import_region(c, account, region);
		stack = import_child(import_child(region_map, "stacks"), import_str(*it, "StackName"));
		value_map_set(stack, "status", value_copy(value_map_get(*it, "StackStatus")));
		outputs = value_map_get(*it, "Outputs");
		if (outputs && stack_outputs(c, outputs, stack, region_map) < 0)
			rc = -1;
		import_arn_free(&a);
	}
	return rc;
}

static int vpcs(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "VpcId", NULL };
	const struct value *list;
	struct value *props;
	struct import_file g = *f;
	int rc = 0;

	if (import_list(c, f, "Vpcs", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_str(*it, "OwnerId"))
			g.account = (char *)import_str(*it, "OwnerId");
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, &g, *it, NULL, "AWS::EC2::VPC", import_str(*it, "VpcId"),
				    false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "CidrBlock", *it, "CidrBlock");
		copy_key(props, "InstanceTenancy", *it, "InstanceTenancy");
		copy_key(props, "Tags", *it, "Tags");
	}
	return rc;
}

static int subnets(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "SubnetId", NULL };
	const struct value *list;
	struct value *props;
	struct import_file g = *f;
	int rc = 0;

	if (import_list(c, f, "Subnets", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_str(*it, "OwnerId"))
			g.account = (char *)import_str(*it, "OwnerId");
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, &g, *it, import_str(*it, "SubnetArn"), "AWS::EC2::Subnet",
				    import_str(*it, "SubnetId"), false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "VpcId", *it, "VpcId");
		copy_key(props, "CidrBlock", *it, "CidrBlock");
		copy_key(props, "AvailabilityZone", *it, "AvailabilityZone");
		copy_key(props, "MapPublicIpOnLaunch", *it, "MapPublicIpOnLaunch");
		copy_key(props, "Tags", *it, "Tags");
	}
	return rc;
}

static int key_pairs(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "KeyName", NULL };
	const struct value *list;
	struct value *props;
	int rc = 0;

	if (import_list(c, f, "KeyPairs", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, f, *it, NULL, "AWS::EC2::KeyPair", import_str(*it, "KeyName"),
				    false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "KeyType", *it, "KeyType");
		copy_key(props, "Tags", *it, "Tags");
	}
	return rc;
}

static int security_groups(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "GroupId", NULL };
	const struct value *list;
	struct value *props;
	struct import_file g = *f;
	int rc = 0;

	if (import_list(c, f, "SecurityGroups", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_str(*it, "OwnerId"))
			g.account = (char *)import_str(*it, "OwnerId");
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, &g, *it, import_str(*it, "SecurityGroupArn"),
				    "AWS::EC2::SecurityGroup", import_str(*it, "GroupId"), false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "GroupName", *it, "GroupName");
		copy_key(props, "GroupDescription", *it, "Description");
		copy_key(props, "VpcId", *it, "VpcId");
		copy_key(props, "Tags", *it, "Tags");
	}
	return rc;
}

static int roles(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "RoleName", NULL };
	const struct value *list;
	struct value *props;
	int rc = 0;

	if (import_list(c, f, "Roles", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, f, *it, import_str(*it, "Arn"), "AWS::IAM::Role",
				    import_str(*it, "RoleName"), true))) {
			rc = -1;
			continue;
		}
		copy_key(props, "Path", *it, "Path");
		copy_key(props, "Description", *it, "Description");
		copy_key(props, "MaxSessionDuration", *it, "MaxSessionDuration");
		copy_key(props, "AssumeRolePolicyDocument", *it, "AssumeRolePolicyDocument");
	}
	return rc;
}

static int aliases(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "AliasName", NULL };
	const struct value *list;
	struct value *props;
	int rc = 0;

	if (import_list(c, f, "Aliases", false, &list) < 0)
		return -1;
	VALUE_LIST_FOREACH(list, it) {
		if (import_need(c, *it, need) < 0 ||
		    !(props = place(c, f, *it, import_str(*it, "AliasArn"), "AWS::KMS::Alias",
				    import_str(*it, "AliasName"), false))) {
			rc = -1;
			continue;
		}
		copy_key(props, "TargetKeyId", *it, "TargetKeyId");
	}
	return rc;
}

/* Regions the account can use: enabled ones and those enabled by default
 * (ENABLING, DISABLING and DISABLED regions are left out). */
static int regions(struct import_ctx *c, const struct import_file *f)
{
	static const char *const need[] = { "RegionName", "RegionOptStatus", NULL };
	const struct value *list;
	const char *account = f->account ? f->account : c->account;
	struct value *enabled;
	int rc = 0;

	if (import_list(c, f, "Regions", false, &list) < 0)
		return -1;
	if (!account) {
		import_error(c, f->root->pos, "%s: the output does not say which account it lists: "
			     "give --account ID, or name the file %s.ACCOUNT.json", f->path,
			     f->cmd->name);
		return -1;
	}
	enabled = value_list(SRCPOS_NONE);
	VALUE_LIST_FOREACH(list, it) {
		const char *st;

		if (import_need(c, *it, need) < 0) {
			rc = -1;
			continue;
		}
		st = import_str(*it, "RegionOptStatus");
		if (!strcmp(st, "ENABLED") || !strcmp(st, "ENABLED_BY_DEFAULT"))
			value_list_append(enabled, value_copy(value_map_get(*it, "RegionName")));
	}
	value_map_set(import_child(import_child(c->state, "accounts"), account), "enabled_regions",
		      enabled);
	return rc;
}

/* In the order files are read: buckets before their objects, repositories
 * before their images. */
static const struct import_command commands[] = {
	{ "account-list-regions", "aws account list-regions", false, regions },
	{ "s3api-list-buckets", "aws s3api list-buckets", false, buckets },
	{ "s3api-get-bucket-versioning", "aws s3api get-bucket-versioning", true, versioning },
	{ "s3api-list-objects-v2", "aws s3api list-objects-v2", true, objects },
	{ "ssm-describe-parameters", "aws ssm describe-parameters", false, parameters },
	{ "secretsmanager-list-secrets", "aws secretsmanager list-secrets", false, secrets },
	{ "ecr-describe-repositories", "aws ecr describe-repositories", false,
	  repositories },
	{ "ecr-describe-images", "aws ecr describe-images", false, images },
	{ "cloudformation-list-exports", "aws cloudformation list-exports", false, exports },
	{ "cloudformation-describe-stacks", "aws cloudformation describe-stacks", false,
	  stacks },
	{ "ec2-describe-vpcs", "aws ec2 describe-vpcs", false, vpcs },
	{ "ec2-describe-subnets", "aws ec2 describe-subnets", false, subnets },
	{ "ec2-describe-key-pairs", "aws ec2 describe-key-pairs", false, key_pairs },
	{ "ec2-describe-security-groups", "aws ec2 describe-security-groups", false,
	  security_groups },
	{ "iam-list-roles", "aws iam list-roles", false, roles },
	{ "kms-list-aliases", "aws kms list-aliases", false, aliases },
	{ NULL, NULL, false, NULL },
};

const struct import_command *import_commands(void)
{
	return commands;
}
