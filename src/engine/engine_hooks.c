/*
 * engine_hooks.c - default resolver hooks (see engine_hooks.h).
 *
 * Ref of a resource is its deterministic physical id; Fn::GetAtt is
 * unknown ("known only after X is created") except for the few attributes
 * in the table below, computable from the resource's own name without a
 * model.  The resource models (issue 5) and the account state (issue 4)
 * replace these answers through the same struct eval_hooks.
 */
#include "engine/engine_hooks.h"
#include "engine/physid.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* S3 bucket names are lowercase, at most 63 characters. */
#define S3_NAME_MAX 63

char *engine_ref_text(const struct engine_hooks_ctx *ctx, size_t i)
{
	const struct tmpl_resource *r = &ctx->t->resources[i];
	const char *type = r->type ? r->type : "";

	if (!strcmp(type, "AWS::S3::Bucket")) {
		const char *name = value_str(value_map_get(ctx->props[i], "BucketName"));
		return name ? xstrdup(name) : physid_name_lower(ctx->stack_name, r->logical_id,
								 S3_NAME_MAX);
	}
	return physid_name(ctx->stack_name, r->logical_id);
}

/* Types whose Ref is not a name but an ARN or URL that CloudFormation
 * builds from ids known only once the resource exists (until the models
 * say so for every type). */
static const char *const ref_not_a_name[] = {
	"AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::AutoScaling::ScalingPolicy",
	"AWS::CertificateManager::Certificate", "AWS::CloudFormation::Stack",
	"AWS::ECS::Service", "AWS::ECS::TaskDefinition",
	"AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
	"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
	"AWS::IAM::ManagedPolicy", "AWS::Lambda::LayerVersion", "AWS::Lambda::Version",
	"AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::SecretsManager::Secret",
	"AWS::StepFunctions::StateMachine", NULL,
};

/* The index of logical_id and its type ("" when missing); -1 when it is
 * not a resource. */
static long find(const struct engine_hooks_ctx *ctx, const char *logical_id, const char **type)
{
	long i = template_resource_index(ctx->t, logical_id);

	*type = i >= 0 && ctx->t->resources[i].type ? ctx->t->resources[i].type : "";
	return i;
}

static struct value *resource_ref(void *vctx, const char *logical_id, struct srcpos pos)
{
	struct engine_hooks_ctx *ctx = vctx;
	const char *type;
	long i = find(ctx, logical_id, &type);
	size_t k;

	if (i < 0)
		return value_unknown(pos, "%s is not a resource of the template", logical_id);
	for (k = 0; ref_not_a_name[k]; k++)
		if (!strcmp(ref_not_a_name[k], type))
			return value_unknown(pos, "Ref of %s (%s) returns an ARN or URL known only "
					     "after %s is created", logical_id, type, logical_id);
	return value_string_take(pos, engine_ref_text(ctx, (size_t)i));
}

/* ---- Attributes computable without a model ---- */

static struct value *s3_arn(const struct engine_hooks_ctx *ctx, size_t i, struct srcpos pos)
{
	char *name = engine_ref_text(ctx, i);
	struct value *v = value_string_take(pos, xstrfmt("arn:%s:s3:::%s", ctx->partition, name));

	free(name);
	return v;
}

static struct value *s3_domain(const struct engine_hooks_ctx *ctx, size_t i, struct srcpos pos)
{
	char *name = engine_ref_text(ctx, i);
	struct value *v = value_string_take(pos, xstrfmt("%s.s3.%s", name,
				eval_url_suffix(ctx->partition)));

	free(name);
	return v;
}

static const struct {
	const char *type; /* resource type */
	const char *attr; /* attribute name */
	struct value *(*fn)(const struct engine_hooks_ctx *ctx, size_t i, struct srcpos pos); /* its value */
} attributes[] = {
	{ "AWS::S3::Bucket", "Arn", s3_arn },
	{ "AWS::S3::Bucket", "DomainName", s3_domain },
};

static struct value *resource_getatt(void *vctx, const char *logical_id, const char *attr,
				     struct srcpos pos)
{
	struct engine_hooks_ctx *ctx = vctx;
	const char *type;
	long i = find(ctx, logical_id, &type);
	size_t k;

	if (i < 0)
		return value_unknown(pos, "%s is not a resource of the template", logical_id);
	for (k = 0; k < sizeof(attributes) / sizeof(attributes[0]); k++)
		if (!strcmp(attributes[k].type, type) && !strcmp(attributes[k].attr, attr))
			return attributes[k].fn(ctx, (size_t)i, pos);
	return value_unknown(pos, "%s.%s is known only after %s is created", logical_id, attr,
			     logical_id);
}

/* ---- The empty account ---- */

static struct value *import_value(void *vctx, const char *name, struct srcpos pos)
{
	(void)vctx;
	(void)name;
	(void)pos;
	return NULL; /* an empty account exports nothing */
}

static int aws_param_exists(void *vctx, const char *type, const char *value)
{
	(void)vctx;
	(void)type;
	(void)value;
	return -1; /* not known without a state: uncertain, never a guess */
}

static struct value *ssm_param_value(void *vctx, const char *name, struct srcpos pos)
{
	(void)vctx;
	if (!strncmp(name, "/aws/service/", 13))
		return value_unknown(pos, "%s is an AWS public parameter whose value is not known "
				     "offline", name);
	return NULL; /* the account has no parameters of its own */
}

static struct value *ref_all(void *vctx, const char *type, struct srcpos pos)
{
	(void)vctx;
	return value_unknown(pos, "the %s resources of the account are not known", type);
}

static struct value *value_of(void *vctx, const char *type, const char *id, const char *attr,
			      struct srcpos pos)
{
	(void)vctx;
	return value_unknown(pos, "attribute %s of %s %s is not known", attr, type, id);
}

void engine_default_hooks(struct eval_hooks *hooks, struct engine_hooks_ctx *ctx)
{
	hooks->ctx = ctx;
	hooks->resource_ref = resource_ref;
	hooks->resource_getatt = resource_getatt;
	hooks->import_value = import_value;
	hooks->aws_param_exists = aws_param_exists;
	hooks->ssm_param_value = ssm_param_value;
	hooks->ref_all = ref_all;
	hooks->value_of = value_of;
}
