/*
 * ecs_image.c - an ECS service whose task definition runs an ECR image
 * that is not there: its tasks stop with CannotPullContainerError, so the
 * service never reaches a steady state and the create fails (FAILURES.md
 * rows 34 and 35): with the deployment circuit breaker, "Error occurred
 * during operation 'ECS Deployment Circuit Breaker was triggered'."; without
 * it, after hours, "Service ARN did not stabilize.".
 *
 * The finding belongs to the service but points at the task definition's
 * Image line, where the fix is made.  A service that starts no task
 * (DesiredCount 0) pulls nothing and is not judged.
 */
#include "checks/checks.h"
#include "checks/image_lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The task definition the service runs: a resource of this template
 * (through Ref or Fn::GetAtt), or an existing one in the state. */
struct task_def {
	struct check_resource res; /* its properties; res.raw NULL when not in the template */
};

static bool find_task_def(const struct check_env *env, const struct check_resource *svc,
			  struct task_def *td)
{
	const struct value *raw = svc->raw ? value_map_get(svc->raw, "TaskDefinition") : NULL;
	const struct value *v = value_map_get(svc->props, "TaskDefinition");
	const char *fn = raw ? value_intrinsic_name(raw) : NULL;
	const struct state_res *st;

	memset(td, 0, sizeof(*td));
	if (fn && (!strcmp(fn, "Ref") || !strcmp(fn, "Fn::GetAtt"))) {
		const struct value *arg = value_map_get(raw, fn);
		const char *id = value_str(arg) ? value_str(arg) : value_str(value_list_get(arg, 0));
		/* "TD" (Ref), ["TD", "Attr"] or "TD.Attr" (Fn::GetAtt): ids have no dot */
		char *lid = id ? xstrndup(id, strcspn(id, ".")) : NULL;
		long j = lid ? template_resource_index(env->t, lid) : -1;

		free(lid);
		if (j < 0 || !env->resolved || !env->resolved[j])
			return false;
		td->res.logical_id = env->t->resources[j].logical_id;
		td->res.type = "AWS::ECS::TaskDefinition";
		td->res.props = env->resolved[j];
		td->res.raw = env->t->resources[j].properties;
		td->res.pos = env->t->resources[j].pos;
		return true;
	}
	if (!value_str(v))
		return false;
	st = state_find(env->state, env->deploy->account, env->deploy->region,
			"AWS::ECS::TaskDefinition", value_str(v));
	if (!st)
		return false; /* the existence rule says it is missing */
	td->res.logical_id = st->id;
	td->res.type = "AWS::ECS::TaskDefinition";
	td->res.props = st->props;
	td->res.pos = check_pos(svc, "TaskDefinition");
	return true;
}

static bool starts_no_task(const struct value *props)
{
	const struct value *n = value_map_get(props, "DesiredCount");

	return (n && n->kind == VALUE_NUMBER && n->u.number.num == 0) ||
	       (value_str(n) && !strcmp(value_str(n), "0"));
}

static bool circuit_breaker(const struct value *props)
{
	const struct value *e = value_map_get(value_map_get(value_map_get(props,
		"DeploymentConfiguration"), "DeploymentCircuitBreaker"), "Enable");

	return (e && e->kind == VALUE_BOOL && e->u.boolean) ||
	       (value_str(e) && !strcmp(value_str(e), "true"));
}

/* The service's ARN (new): arn:P:ecs:R:A:service/CLUSTER/NAME. */
static char *service_arn(const struct check_env *env, const struct check_resource *svc)
{
	const char *cluster = value_str(value_map_get(svc->props, "Cluster"));
	const char *tail = cluster ? strrchr(cluster, '/') : NULL;

	return xstrfmt("arn:%s:ecs:%s:%s:service/%s/%s", env->partition, env->deploy->region,
		       env->deploy->account, tail ? tail + 1 : cluster ? cluster : "default",
		       svc->physical_id ? svc->physical_id : svc->logical_id);
}

static void judge(const struct check_env *env, const struct check_resource *svc,
		  const struct task_def *td, const struct value *image, const char *path,
		  struct check_sink *sink)
{
	struct srcpos pos = td->res.raw ? check_pos(&td->res, path) : td->res.pos;
	char *fpath = td->res.raw ? xstrfmt("Resources/%s/Properties/%s", td->res.logical_id, path)
				  : check_path(svc, "TaskDefinition");
	const struct state_res *repo;
	struct ecr_image img;
	enum image_found found;
	struct finding *f;
	char *fix, *arn;

	if (image->kind == VALUE_UNKNOWN && !image->u.unknown.origin) {
		f = check_uncertain(sink, FC_IMAGE_UNVERIFIED, pos, fpath,
				    "whether the image of %s/%s exists cannot be told: %s",
				    td->res.logical_id, path, image->u.unknown.reason);
		finding_set_fix(f, "give the values the image URI is built from");
	} else if (value_str(image) && !strstr(value_str(image), "{{resolve:") &&
		   ecr_parse(value_str(image), &img)) {
		found = image_lookup(env, &img, &repo);
		if (found != IMAGE_FOUND) {
			arn = service_arn(env, svc);
			if (circuit_breaker(svc->props))
				f = check_fail(sink, FC_IMAGE_MISSING, pos, fpath,
					       "Resource handler returned message: \"Error occurred during "
					       "operation 'ECS Deployment Circuit Breaker was triggered'.\" "
					       "(RequestToken: ..., HandlerErrorCode: GeneralServiceException) "
					       "Task stopped: CannotPullContainerError: pull image manifest has "
					       "been retried 1 time(s): failed to resolve ref %s: %s: not found",
					       value_str(image), value_str(image));
			else
				f = check_fail(sink, FC_IMAGE_MISSING, pos, fpath,
					       "Service %s did not stabilize. Task stopped: "
					       "CannotPullContainerError: pull image manifest has been retried "
					       "1 time(s): failed to resolve ref %s: %s: not found", arn,
					       value_str(image), value_str(image));
			fix = image_fix(&img, found, repo, value_str(image));
			finding_set_fix(f, "%s", fix);
			if (found != IMAGE_NEW_REPOSITORY) /* creating it first would collide with the stack */
				image_need(sink, &img);
			free(fix);
			free(arn);
		}
		ecr_free(&img);
	}
	free(fpath);
}

void check_ecs_service_image(const struct check_env *env, const struct check_resource *r,
			     struct check_sink *sink)
{
	const struct value *defs;
	struct task_def td;
	size_t k;
	char *path;

	if (starts_no_task(r->props) || !find_task_def(env, r, &td))
		return;
	defs = value_map_get(td.res.props, "ContainerDefinitions");
	if (!defs || defs->kind != VALUE_LIST)
		return;
	for (k = 0; k < defs->u.list.n; k++) {
		const struct value *image = value_map_get(defs->u.list.items[k], "Image");

		if (!image)
			continue;
		path = xstrfmt("ContainerDefinitions/%zu/Image", k);
		judge(env, r, &td, image, path, sink);
		free(path);
	}
}
