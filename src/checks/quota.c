/*
 * quota.c - a create that takes a resource type past the quota the state
 * gives for its region (quotas: TYPE: N) fails with the service's message
 * (FAILURES.md rows 38-39; /work/notes/cfn-messages-prereq.md section 10).
 * The count is what the state holds of that type in the account and
 * region, which includes what earlier stacks and earlier resources of
 * this stack created.  S3 bucket quotas are per account: every region's
 * buckets count.
 */
#include "checks/checks.h"
#include "aws/regions.h"
#include "sim/sim.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The service's message when the quota is reached ("%ld": the quota). */
static const struct {
	const char *type;    /* the resource type */
	const char *message; /* as the service words it */
} messages[] = {
	{ "AWS::EC2::VPC", "Resource handler returned message: \"The maximum number of VPCs has been "
	  "reached. (Service: Ec2, Status Code: 400)\" (HandlerErrorCode: GeneralServiceException)" },
	{ "AWS::EC2::EIP", "The maximum number of addresses has been reached. (Service: AmazonEC2; "
	  "Status Code: 400; Error Code: AddressLimitExceeded)" },
	{ "AWS::EC2::NatGateway", "Performing this operation would exceed the limit of %ld NAT "
	  "gateways (Service: AmazonEC2; Status Code: 400; Error Code: NatGatewayLimitExceeded)" },
	{ "AWS::EC2::InternetGateway", "Resource handler returned message: \"The maximum number of "
	  "internet gateways has been reached. (Service: Ec2, Status Code: 400)\" (HandlerErrorCode: "
	  "ServiceLimitExceeded)" },
	{ "AWS::S3::Bucket", "You have attempted to create more buckets than allowed. (Service: Amazon "
	  "S3; Status Code: 400; Error Code: TooManyBuckets)" },
};

static long count(const struct check_env *env, const char *type)
{
	const struct region_info *ri;
	long n;

	if (strcmp(type, "AWS::S3::Bucket"))
		return (long)state_count(env->state, env->deploy->account,
					 sim_scope_region(type, env->deploy->region), type);
	n = (long)state_count(env->state, env->deploy->account, "", type);
	for (ri = region_table(); ri->code; ri++)
		n += (long)state_count(env->state, env->deploy->account, ri->code, type);
	return n;
}

void check_quota(const struct check_env *env, const struct check_resource *r,
		 struct check_sink *sink)
{
	long max = state_quota(env->state, env->deploy->account, env->deploy->region, r->type);
	const char *fmt = NULL;
	char *path;
	struct finding *f;
	long have;
	size_t i;

	if (max < 0)
		return;
	have = count(env, r->type);
	if (have < max)
		return;
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (!strcmp(messages[i].type, r->type))
			fmt = messages[i].message;
	path = check_path(r, NULL);
	if (fmt && strstr(fmt, "%ld")) {
		/* the message names the quota: only the NAT gateway one does */
		f = check_fail(sink, FC_QUOTA, r->pos, path,
			       "Performing this operation would exceed the limit of %ld NAT gateways "
			       "(Service: AmazonEC2; Status Code: 400; Error Code: NatGatewayLimitExceeded)",
			       max);
	} else if (fmt) {
		f = check_fail(sink, FC_QUOTA, r->pos, path, "%s", fmt);
	} else {
		f = check_fail(sink, FC_QUOTA, r->pos, path, "The quota of %ld %s in %s has been reached",
			       max, r->type, env->deploy->region);
	}
	finding_set_fix(f, "account %s already has %ld %s in %s (quota %ld): delete unused ones or "
		       "request a quota increase (Service Quotas) first", env->deploy->account, have,
		       r->type, env->deploy->region, max);
	free(path);
}
