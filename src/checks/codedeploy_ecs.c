/*
 * codedeploy_ecs.c - AWS::CodeDeploy::DeploymentGroup for ECS services
 * (ECSServices set): CodeDeploy's CreateDeploymentGroup rules for ECS
 * (/work/notes/cfn-messages-prereq.md section 8): BLUE_GREEN with
 * traffic control, a BlueGreenDeploymentConfiguration, LoadBalancerInfo
 * with a target group pair (not ElbInfoList or TargetGroupInfoList); the
 * cluster and service must exist (state, or earlier in the stack) and the
 * service must use the CODE_DEPLOY deployment controller (the ECS default
 * is ECS).  Whether the service then stabilises is not predictable.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CD_SUFFIX " (Service: AmazonCodeDeploy; Status Code: 400; Error Code: %s)"

static void fail(struct check_sink *sink, const struct check_resource *r, const char *path,
		 const char *fix, const char *exception, const char *message)
{
	char *fpath = check_path(r, path);
	struct finding *f = check_fail(sink, FC_CODEDEPLOY_ECS, check_pos(r, path), fpath,
				       "%s" CD_SUFFIX, message, exception);

	finding_set_fix(f, "%s", fix);
	free(fpath);
}

static void check_config(const struct check_resource *r, struct check_sink *sink)
{
	const char *type = lookup_str(r->props, "DeploymentStyle/DeploymentType");
	const char *option = lookup_str(r->props, "DeploymentStyle/DeploymentOption");
	const struct value *lb = value_map_get(r->props, "LoadBalancerInfo");

	if (!type || !option || strcmp(type, "BLUE_GREEN") || strcmp(option, "WITH_TRAFFIC_CONTROL"))
		fail(sink, r, "DeploymentStyle", "set DeploymentStyle: {DeploymentType: BLUE_GREEN, "
		     "DeploymentOption: WITH_TRAFFIC_CONTROL}", "InvalidDeploymentStyleException",
		     "For ECS deployment, the deployment type must be BLUE_GREEN, and deployment "
		     "option must be WITH_TRAFFIC_CONTROL.");
	if (!value_map_get(r->props, "BlueGreenDeploymentConfiguration"))
		fail(sink, r, "", "add BlueGreenDeploymentConfiguration (DeploymentReadyOption and "
		     "TerminateBlueInstancesOnDeploymentSuccess)",
		     "InvalidBlueGreenDeploymentConfigurationException",
		     "For ECS deployment group, blueGreenDeploymentConfiguration must be specified");
	if (lb && value_map_get(lb, "ElbInfoList"))
		fail(sink, r, "LoadBalancerInfo/ElbInfoList", "replace ElbInfoList with "
		     "TargetGroupPairInfoList (two target groups and the production listener)",
		     "InvalidLoadBalancerInfoException",
		     "For ECS deployment group, loadBalancerInfo must not contain elbInfo list");
	else if (lb && value_map_get(lb, "TargetGroupInfoList"))
		fail(sink, r, "LoadBalancerInfo/TargetGroupInfoList", "replace TargetGroupInfoList with "
		     "TargetGroupPairInfoList (two target groups and the production listener)",
		     "InvalidLoadBalancerInfoException",
		     "For ECS deployment group, loadBalancerInfo must not contain targetGroupInfo list");
	else if (!lb || !value_map_get(lb, "TargetGroupPairInfoList"))
		fail(sink, r, lb ? "LoadBalancerInfo" : "", "add LoadBalancerInfo: "
		     "{TargetGroupPairInfoList: [{TargetGroups: [blue, green], ProdTrafficRoute: "
		     "{ListenerArns: [listener]}}]} (create the load balancer, listener and two target "
		     "groups first)", "InvalidLoadBalancerInfoException",
		     "For ECS deployment group, loadBalancerInfo must be specified");
}

struct in_cluster {
	const char *service; /* the service name */
	const char *cluster; /* the cluster name */
};

/* The cluster name of a Cluster property (a name or an ARN). */
static const char *cluster_name(const char *v)
{
	const char *slash = strrchr(v, '/');

	return slash ? slash + 1 : v;
}

static int service_in_cluster(void *ctx, const struct state_res *r)
{
	const struct in_cluster *ic = ctx;
	const char *cluster = value_str(value_map_get(r->props, "Cluster"));
	const char *name = value_str(value_map_get(r->props, "ServiceName"));

	if (strcmp(name ? name : r->id, ic->service))
		return 0;
	return !cluster || !strcmp(cluster_name(cluster), ic->cluster) ? 1 : 0;
}

struct found {
	struct in_cluster want; /* what is looked for */
	const struct state_res *hit; /* the service found */
};

static int find_service(void *ctx, const struct state_res *r)
{
	struct found *f = ctx;

	if (!service_in_cluster(&f->want, r))
		return 0;
	f->hit = r;
	return 1;
}

/* The cluster or the service (what) the group names does not exist. */
static void missing(const struct check_env *env, const struct check_resource *r, const char *path,
		    const char *what, const char *type, const char *cluster, const char *name,
		    struct check_sink *sink)
{
	char *msg = xstrfmt("Could not load ECS service information for cluster: %s, service: %s. "
			    "Cause: the %s does not exist.", cluster, name, what);
	char *fix = xstrfmt("create the ECS service %s in cluster %s (create the cluster first if "
			    "needed), with DeploymentController: {Type: CODE_DEPLOY}, or declare them "
			    "in this stack", name, cluster);

	fail(sink, r, path, fix, "InvalidECSServiceException", msg);
	check_need(sink, type, env->deploy->account, env->deploy->region,
		   !strcmp(what, "cluster") ? cluster : name);
	free(msg);
	free(fix);
}

static void check_service(const struct check_env *env, const struct check_resource *r,
			  const struct value *svc, size_t i, struct check_sink *sink)
{
	const char *cluster = lookup_str(svc, "ClusterName"), *name = lookup_str(svc, "ServiceName");
	char *path = xstrfmt("ECSServices/%zu", i), *fix, *fpath;
	struct found fd = { { NULL, NULL }, NULL };
	const char *controller;
	struct finding *f;

	if (!cluster || !name) {
		if (lookup_unknown(svc, "ClusterName") || lookup_unknown(svc, "ServiceName")) {
			const struct value *u = value_find_unknown(svc);
			if (!u->u.unknown.origin) {
				fpath = check_path(r, path);
				f = check_uncertain(sink, FC_CODEDEPLOY_ECS, check_pos(r, path), fpath,
						    "whether the ECS cluster and service exist cannot be "
						    "told: %s", u->u.unknown.reason);
				finding_set_fix(f, "give the cluster and service names");
				free(fpath);
			}
		}
		free(path);
		return;
	}
	cluster = cluster_name(cluster);
	fd.want.service = name;
	fd.want.cluster = cluster;
	if (!state_find(env->state, env->deploy->account, env->deploy->region, "AWS::ECS::Cluster",
			cluster)) {
		missing(env, r, path, "cluster", "AWS::ECS::Cluster", cluster, name, sink);
	} else if (!state_each(env->state, env->deploy->account, env->deploy->region,
			       "AWS::ECS::Service", find_service, &fd)) {
		missing(env, r, path, "service", "AWS::ECS::Service", cluster, name, sink);
	} else {
		controller = lookup_str(fd.hit->props, "DeploymentController/Type");
		if (!controller || strcmp(controller, "CODE_DEPLOY")) {
			fix = xstrfmt("service %s uses the %s deployment controller: recreate it with "
				      "DeploymentController: {Type: CODE_DEPLOY} (the controller cannot "
				      "be changed in place)", name, controller ? controller : "ECS (default)");
			fail(sink, r, path, fix, "InvalidECSServiceException", "Deployment group's ECS "
			     "service must be configured for a CODE_DEPLOY deployment controller.");
			free(fix);
		}
	}
	free(path);
}

void check_codedeploy_ecs(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink)
{
	const struct value *services = value_map_get(r->props, "ECSServices");
	size_t i;

	if (!services || services->kind != VALUE_LIST || !services->u.list.n)
		return;
	check_config(r, sink);
	for (i = 0; i < services->u.list.n; i++)
		check_service(env, r, services->u.list.items[i], i, sink);
}
