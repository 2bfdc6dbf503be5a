/*
 * apigw_account.c - an API Gateway stage that enables CloudWatch logging
 * (execution logs: a LoggingLevel or DataTrace; access logs) fails when
 * the region's API Gateway account settings have no CloudWatch Logs role
 * (FAILURES.md row 41).  The setting is the region's
 * AWS::ApiGateway::Account (in the state, or created by an earlier stack
 * or earlier in this one) with a CloudWatchRoleArn: the state format's
 * way of saying it (README.md, ACCOUNT STATE).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool level_logs(const char *level)
{
	return level && (!strcmp(level, "INFO") || !strcmp(level, "ERROR"));
}

static bool is_true(const struct value *v)
{
	return v && ((v->kind == VALUE_BOOL && v->u.boolean) ||
		     (value_str(v) && !strcmp(value_str(v), "true")));
}

/* The path of the first setting that turns logging on under base (a
 * Stage's properties or a Deployment's StageDescription), or NULL. */
static const char *logging_path(const struct value *base)
{
	const struct value *ms = value_map_get(base, "MethodSettings");

	if (level_logs(value_str(value_map_get(base, "LoggingLevel"))))
		return "LoggingLevel";
	if (is_true(value_map_get(base, "DataTraceEnabled")))
		return "DataTraceEnabled";
	if (value_map_get(base, "AccessLogSetting"))
		return "AccessLogSetting";
	if (ms && ms->kind == VALUE_LIST)
		VALUE_LIST_FOREACH(ms, it)
			if (level_logs(value_str(value_map_get(*it, "LoggingLevel"))) ||
			    is_true(value_map_get(*it, "DataTraceEnabled")))
				return "MethodSettings";
	return NULL;
}

static int has_role(void *ctx, const struct state_res *r)
{
	const char *arn = value_str(value_map_get(r->props, "CloudWatchRoleArn"));

	(void)ctx;
	return arn && *arn;
}

void check_apigw_account(const struct check_env *env, const struct check_resource *r,
			 struct check_sink *sink)
{
	bool deployment = !strcmp(r->type, "AWS::ApiGateway::Deployment");
	const struct value *base = deployment ? value_map_get(r->props, "StageDescription") : r->props;
	const char *what = base ? logging_path(base) : NULL;
	char *rel, *path;
	struct finding *f;

	if (!what || state_each(env->state, env->deploy->account, env->deploy->region,
				"AWS::ApiGateway::Account", has_role, NULL))
		return;
	rel = deployment ? xstrfmt("StageDescription/%s", what) : xstrdup(what);
	path = check_path(r, rel);
	f = check_fail(sink, FC_APIGW_ACCOUNT, check_pos(r, rel), path,
		       "Resource handler returned message: \"CloudWatch Logs role ARN must be set in "
		       "account settings to enable logging (Service: ApiGateway, Status Code: 400)\"");
	finding_set_fix(f, "set the API Gateway account's CloudWatch role in %s first: an "
		       "AWS::ApiGateway::Account with CloudWatchRoleArn (a role trusting "
		       "apigateway.amazonaws.com with AmazonAPIGatewayPushToCloudWatchLogs) that this "
		       "resource DependsOn, or an earlier stack", env->deploy->region);
	free(path);
	free(rel);
}
