/*
 * autoscaling.c - an Auto Scaling group's subnets and target groups
 * (FAILURES.md rows 52 and 53, rain's forecast texts): the subnets'
 * Availability Zones (AvailabilityZone of each subnet in the state) must
 * be among the group's AvailabilityZones when both are given, and every
 * target group must have the instance target type (the default).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool listed(const struct value *list, const char *s)
{
	VALUE_LIST_FOREACH(list, it)
		if (value_str(*it) && !strcmp(value_str(*it), s))
			return true;
	return false;
}

static void check_subnets(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink)
{
	const struct value *azs = value_map_get(r->props, "AvailabilityZones");
	const struct value *subnets = value_map_get(r->props, "VPCZoneIdentifier");
	char *path;
	struct finding *f;

	if (!azs || azs->kind != VALUE_LIST || !subnets || subnets->kind != VALUE_LIST)
		return;
	VALUE_LIST_FOREACH(subnets, it) {
		const char *id = value_str(*it);
		const struct state_res *s = id ? state_find(env->state, env->deploy->account,
							   env->deploy->region, "AWS::EC2::Subnet", id)
					       : NULL;
		const char *az = s ? value_str(value_map_get(s->props, "AvailabilityZone")) : NULL;

		if (!az || listed(azs, az))
			continue;
		path = check_path(r, "VPCZoneIdentifier");
		f = check_fail(sink, FC_AUTOSCALING, check_pos(r, "VPCZoneIdentifier"), path,
			       "The availability zones of the specified subnets and the Auto Scaling "
			       "group do not match (Service: AutoScaling; Status Code: 400; Error Code: "
			       "ValidationError)");
		finding_set_fix(f, "subnet %s is in %s: add %s to AvailabilityZones, or leave "
			       "AvailabilityZones out (the subnets decide)", id, az, az);
		free(path);
		return;
	}
}

/* The target group an ARN names (targetgroup/NAME/ID), or NULL. */
static const struct state_res *target_group(const struct check_env *env, const char *arn)
{
	const struct state_res *tg = lookup_arn(env, "AWS::ElasticLoadBalancingV2::TargetGroup", arn);
	const char *p = strstr(arn, ":targetgroup/");
	char *name;

	if (tg || !p)
		return tg;
	p += 13;
	name = xstrndup(p, strcspn(p, "/"));
	tg = state_find(env->state, env->deploy->account, env->deploy->region,
			"AWS::ElasticLoadBalancingV2::TargetGroup", name);
	free(name);
	return tg;
}

static void check_target_groups(const struct check_env *env, const struct check_resource *r,
				struct check_sink *sink)
{
	const struct value *tgs = value_map_get(r->props, "TargetGroupARNs");
	size_t i;

	for (i = 0; tgs && tgs->kind == VALUE_LIST && i < tgs->u.list.n; i++) {
		const char *arn = value_str(tgs->u.list.items[i]);
		const struct state_res *tg = arn ? target_group(env, arn) : NULL;
		const char *type = tg ? value_str(value_map_get(tg->props, "TargetType")) : NULL;
		char *path, *fpath;
		struct finding *f;

		if (!type || !strcmp(type, "instance"))
			continue;
		path = xstrfmt("TargetGroupARNs/%zu", i);
		fpath = check_path(r, path);
		f = check_fail(sink, FC_AUTOSCALING, check_pos(r, path), fpath,
			       "Provided Target Group '%s' has invalid target type. Please ensure all "
			       "provided Target Groups have target type of instance. (Service: AutoScaling; "
			       "Status Code: 400; Error Code: ValidationError)", arn);
		finding_set_fix(f, "target group %s has TargetType %s: attach a target group with "
			       "TargetType instance", tg->id, type);
		free(fpath);
		free(path);
	}
}

void check_autoscaling(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink)
{
	check_subnets(env, r, sink);
	check_target_groups(env, r, sink);
}
