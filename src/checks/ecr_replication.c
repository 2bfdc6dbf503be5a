/*
 * ecr_replication.c - AWS::ECR::ReplicationConfiguration: a destination
 * must not be the registry itself (the stack's account and region), and
 * its region must be enabled for the destination account (when the state
 * describes it).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void check_destination(const struct check_env *env, const struct check_resource *r,
			      const struct value *d, const char *path, struct check_sink *sink)
{
	const char *region = lookup_str(d, "Region"), *registry = lookup_str(d, "RegistryId");
	char *fpath;
	struct finding *f;

	if (!region || !registry)
		return;
	fpath = check_path(r, path);
	if (!strcmp(region, env->deploy->region) && !strcmp(registry, env->deploy->account)) {
		f = check_fail(sink, FC_ECR_REPLICATION, check_pos(r, path), fpath,
			       "Invalid parameter: a replication destination cannot be the source "
			       "registry (%s, %s) (Service: AmazonECR; Status Code: 400; Error Code: "
			       "InvalidParameterException)", registry, region);
		finding_set_fix(f, "replicate to another region or another account");
	} else if (state_has_account(env->state, registry) &&
		   !state_region_enabled(env->state, registry, region)) {
		f = check_fail(sink, FC_REPLICA_REGION, check_pos(r, path), fpath,
			       "Replication destination region %s is not enabled for account %s", region,
			       registry);
		finding_set_fix(f, "enable %s for account %s, or remove the destination", region,
				registry);
		check_need_region(sink, registry, region);
	}
	free(fpath);
}

void check_ecr_replication(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink)
{
	const struct value *rules = lookup_path(r->props, "ReplicationConfiguration/Rules");
	size_t i, k;

	if (!rules || rules->kind != VALUE_LIST)
		return;
	for (i = 0; i < rules->u.list.n; i++) {
		const struct value *dests = lookup_path(rules->u.list.items[i], "Destinations");
		for (k = 0; dests && dests->kind == VALUE_LIST && k < dests->u.list.n; k++) {
			char *path = xstrfmt("ReplicationConfiguration/Rules/%zu/Destinations/%zu", i, k);
			check_destination(env, r, dests->u.list.items[k], path, sink);
			free(path);
		}
	}
}
