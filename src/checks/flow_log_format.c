/*
 * flow_log_format.c - a flow log's custom LogFormat is fields written as
 * ${field} separated by single spaces (FAILURES.md row 54).  A token that
 * is not of that form fails with EC2's message; a field name that is not
 * among the published ones (versions 2-8) is uncertain, since AWS adds
 * fields over time.
 */
#include "checks/checks.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const fields[] = {
	"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
	"protocol", "packets", "bytes", "start", "end", "action", "log-status", "vpc-id",
	"subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region",
	"az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service",
	"pkt-dst-aws-service", "flow-direction", "traffic-path", "ecs-cluster-arn",
	"ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
	"ecs-container-id", "ecs-second-container-id", "ecs-service-name",
	"ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", NULL,
};

static bool known(const char *name, size_t len)
{
	const char *const *f;

	for (f = fields; *f; f++)
		if (strlen(*f) == len && !strncmp(*f, name, len))
			return true;
	return false;
}

void check_flow_log_format(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink)
{
	const char *fmt = value_str(value_map_get(r->props, "LogFormat"));
	const char *p;
	char *path, *unknown = NULL;
	bool bad = false;
	struct finding *f;

	(void)env;
	if (!fmt)
		return;
	for (p = fmt; *p && !bad;) {
		const char *close;

		if (strncmp(p, "${", 2) || !(close = strchr(p, '}')) || close == p + 2) {
			bad = true;
			break;
		}
		if (!known(p + 2, (size_t)(close - p - 2)) && !unknown)
			unknown = xstrndup(p + 2, (size_t)(close - p - 2));
		p = close + 1;
		if (*p == ' ' && p[1] && p[1] != ' ')
			p++;
		else if (*p)
			bad = true;
	}
	path = check_path(r, "LogFormat");
	if (bad || !*fmt) {
		f = check_fail(sink, FC_FLOW_LOG_FORMAT, check_pos(r, "LogFormat"), path,
			       "Resource handler returned message: \"Value '%s' at 'logFormat' has an "
			       "invalid format (Service: Ec2, Status Code: 400)\"", fmt);
		finding_set_fix(f, "write the format as ${field} tokens separated by single spaces "
			       "(${version} ${account-id} ${interface-id} ...)");
	} else if (unknown) {
		f = check_uncertain(sink, FC_FLOW_LOG_FORMAT, check_pos(r, "LogFormat"), path,
				    "the flow log field ${%s} is not among the fields cfn-dryrun knows "
				    "(versions 2-8): EC2 may reject the format", unknown);
		finding_set_fix(f, "check the field name against the VPC Flow Logs record fields");
	}
	free(unknown);
	free(path);
}
