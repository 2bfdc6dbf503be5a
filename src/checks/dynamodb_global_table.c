/*
 * dynamodb_global_table.c - AWS::DynamoDB::GlobalTable replicas
 * (FAILURES.md row 44): the stack's region must be one of them, every
 * replica region must be enabled for the account, the table name must be
 * free in every other replica region, and more than one replica needs
 * StreamSpecification (unless the table is multi-Region strongly
 * consistent).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool table_exists(const struct check_env *env, const char *region, const char *name)
{
	return state_find(env->state, env->deploy->account, region, "AWS::DynamoDB::Table", name) ||
	       state_find(env->state, env->deploy->account, region, "AWS::DynamoDB::GlobalTable", name);
}

static void check_replica(const struct check_env *env, const struct check_resource *r,
			  const struct value *replica, size_t i, struct check_sink *sink)
{
	const char *region = lookup_str(replica, "Region");
	const char *name = value_str(value_map_get(r->props, "TableName"));
	char *path = xstrfmt("Replicas/%zu/Region", i), *fpath = check_path(r, path);
	struct finding *f;

	if (!region)
		goto out;
	if (!state_region_enabled(env->state, env->deploy->account, region)) {
		f = check_fail(sink, FC_REPLICA_REGION, check_pos(r, path), fpath,
			       "Replica region %s is not enabled for account %s", region,
			       env->deploy->account);
		finding_set_fix(f, "enable %s for account %s (account settings, Regions) or remove the "
			       "replica", region, env->deploy->account);
		check_need_region(sink, env->deploy->account, region);
	} else if (name && strcmp(region, env->deploy->region) && table_exists(env, region, name)) {
		f = check_fail(sink, FC_GLOBAL_TABLE, check_pos(r, path), fpath,
			       "Failed to create a the new replica of table because one or more replicas "
			       "already existed as tables. (Service: AmazonDynamoDBv2; Status Code: 400; "
			       "Error Code: ValidationException)");
		finding_set_fix(f, "table %s already exists in %s: delete it, or choose another TableName",
				name, region);
	}
out:
	free(path);
	free(fpath);
}

static bool has_region(const struct value *replicas, const char *region)
{
	VALUE_LIST_FOREACH(replicas, it) {
		const char *reg = lookup_str(*it, "Region");
		if (reg && !strcmp(reg, region))
			return true;
	}
	return false;
}

static bool any_unknown_region(const struct value *replicas)
{
	VALUE_LIST_FOREACH(replicas, it)
		if (lookup_unknown(*it, "Region"))
			return true;
	return false;
}

void check_global_table(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	const struct value *replicas = value_map_get(r->props, "Replicas");
	const char *consistency = value_str(value_map_get(r->props, "MultiRegionConsistency"));
	struct finding *f;
	char *path;
	size_t i;

	if (!replicas || replicas->kind != VALUE_LIST)
		return;
	path = check_path(r, "Replicas");
	if (!has_region(replicas, env->deploy->region)) {
		if (any_unknown_region(replicas)) {
			f = check_uncertain(sink, FC_GLOBAL_TABLE, check_pos(r, "Replicas"), path,
					    "whether the replicas include %s cannot be told: a Region is "
					    "not known before the create", env->deploy->region);
			finding_set_fix(f, "give the replica regions as values");
		} else {
			f = check_fail(sink, FC_GLOBAL_TABLE, check_pos(r, "Replicas"), path,
				       "Resource handler returned message: \"Invalid request provided: "
				       "The Replicas section must contain an entry for the current region\"");
			finding_set_fix(f, "add a replica for %s (the stack's region) to Replicas, or "
				       "deploy the stack in one of the replica regions", env->deploy->region);
		}
	}
	if (replicas->u.list.n > 1 && !value_map_get(r->props, "StreamSpecification") &&
	    !(consistency && !strcmp(consistency, "STRONG"))) {
		f = check_fail(sink, FC_GLOBAL_TABLE, check_pos(r, "Replicas"), path,
			       "StreamSpecification must be provided for a global table with more than "
			       "one replica");
		finding_set_fix(f, "add StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}");
	}
	free(path);
	for (i = 0; i < replicas->u.list.n; i++)
		check_replica(env, r, replicas->u.list.items[i], i, sink);
}
