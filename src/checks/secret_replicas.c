/*
 * secret_replicas.c - AWS::SecretsManager::Secret ReplicaRegions.  A
 * replica that cannot be made does not fail the create: the handler
 * reports CREATE_COMPLETE and the replica's status says why
 * (cloudformation-coverage-roadmap#1459), so these are warnings: a
 * replica region that is the secret's own, not enabled for the account,
 * or that already holds a secret of that name.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void check_one(const struct check_env *env, const struct check_resource *r,
		      const char *region, size_t i, struct check_sink *sink)
{
	const char *name = value_str(value_map_get(r->props, "Name"));
	char *path = xstrfmt("ReplicaRegions/%zu/Region", i), *fpath = check_path(r, path);
	struct srcpos pos = check_pos(r, path);
	struct finding *f = NULL;

	if (!strcmp(region, env->deploy->region)) {
		f = check_advise(sink, FC_SECRET_REPLICA, pos, fpath, "Invalid replica region %s: it is "
				 "the secret's own region; the replica is not created", region);
		finding_set_fix(f, "remove %s from ReplicaRegions", region);
	} else if (!state_region_enabled(env->state, env->deploy->account, region)) {
		f = check_advise(sink, FC_SECRET_REPLICA, pos, fpath, "Replica region %s is not enabled "
				 "for account %s: the secret is created, its replica fails", region,
				 env->deploy->account);
		finding_set_fix(f, "enable %s for account %s, or remove the replica region", region,
				env->deploy->account);
	} else if (name && state_find(env->state, env->deploy->account, region,
				      "AWS::SecretsManager::Secret", name)) {
		f = check_advise(sink, FC_SECRET_REPLICA, pos, fpath, "A secret named %s already exists "
				 "in %s: the secret is created, its replica fails", name, region);
		finding_set_fix(f, "delete or rename the secret %s in %s, or set "
			       "ForceOverwriteReplicaSecret: true (via the API)", name, region);
	}
	free(path);
	free(fpath);
}

void check_secret_replicas(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink)
{
	const struct value *list = value_map_get(r->props, "ReplicaRegions");
	size_t i;

	if (!list || list->kind != VALUE_LIST)
		return;
	for (i = 0; i < list->u.list.n; i++) {
		const char *region = lookup_str(list->u.list.items[i], "Region");
		if (region)
			check_one(env, r, region, i, sink);
	}
}
