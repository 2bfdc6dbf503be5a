/*
 * kms_replica_key.c - AWS::KMS::ReplicaKey: the resource handler calls
 * ReplicateKey in the primary key's region with the stack's region as the
 * replica region, so the primary must exist in another region of the same
 * partition, be a multi-Region primary key, and have no replica in the
 * stack's region yet (/work/notes/cfn-messages-prereq.md section 4).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct same_primary {
	const char *arn;  /* the primary key's ARN */
	const char *self; /* the physical id of the replica being created */
};

static int replicates(void *ctx, const struct state_res *r)
{
	const struct same_primary *sp = ctx;
	const char *p = value_str(value_map_get(r->props, "PrimaryKeyArn"));

	return p && !strcmp(p, sp->arn) && strcmp(r->id, sp->self);
}

void check_kms_replica_key(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink)
{
	const struct value *v = value_map_get(r->props, "PrimaryKeyArn");
	const char *arn = value_str(v);
	struct srcpos pos = check_pos(r, "PrimaryKeyArn");
	char *path = check_path(r, "PrimaryKeyArn"), *region = NULL;
	const struct state_res *primary;
	struct same_primary sp;
	const char *multi;
	struct value *multi_region;
	struct finding *f;
	struct arn a;

	if (v && v->kind == VALUE_UNKNOWN) {
		f = check_uncertain(sink, FC_KMS_REPLICA_KEY, pos, path, "whether the primary key exists "
				    "and is multi-Region cannot be told: %s", v->u.unknown.reason);
		finding_set_fix(f, "give the primary key's ARN (a parameter, or the account state)");
		goto out;
	}
	if (!arn || !arn_parse(arn, &a))
		goto out; /* the schema check judges the shape */
	region = xstrdup(a.region);
	if (!strcmp(a.region, env->deploy->region) || strcmp(a.partition, env->partition)) {
		f = check_fail(sink, FC_KMS_REPLICA_KEY, pos, path, "The primary key must be in a different "
			       "AWS Region of the same AWS partition (primary %s, replica %s)", a.region,
			       env->deploy->region);
		finding_set_fix(f, "create the replica stack in another region than the primary key's (%s)",
				a.region);
		arn_free(&a);
		goto out;
	}
	arn_free(&a);
	primary = lookup_arn(env, "AWS::KMS::Key", arn);
	if (!primary) {
		f = check_fail(sink, FC_KMS_REPLICA_KEY, pos, path, "Key '%s' does not exist "
			       "(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException)", arn);
		finding_set_fix(f, "create the multi-Region primary key (MultiRegion: true) in %s first",
				region);
		multi_region = value_map(SRCPOS_NONE);
		value_map_set(multi_region, "MultiRegion", value_bool(SRCPOS_NONE, true));
		check_need_props(sink, "AWS::KMS::Key", env->deploy->account, region, arn,
				 multi_region);
		goto out;
	}
	multi = NULL;
	if (value_map_get(primary->props, "MultiRegion"))
		multi = value_map_get(primary->props, "MultiRegion")->kind == VALUE_BOOL
			? (value_map_get(primary->props, "MultiRegion")->u.boolean ? "true" : "false")
			: value_str(value_map_get(primary->props, "MultiRegion"));
	if (!multi || strcmp(multi, "true")) {
		f = check_fail(sink, FC_KMS_REPLICA_KEY, pos, path, "%s is not a multi-Region primary key. "
			       "(Service: AWSKMS; Status Code: 400; Error Code: "
			       "UnsupportedOperationException)", arn);
		finding_set_fix(f, "replicate a key created with MultiRegion: true (a single-Region key "
			       "cannot become multi-Region)");
		goto out;
	}
	sp.arn = arn;
	sp.self = r->physical_id;
	if (state_each(env->state, env->deploy->account, env->deploy->region, "AWS::KMS::ReplicaKey",
		       replicates, &sp)) {
		f = check_fail(sink, FC_KMS_REPLICA_KEY, pos, path, "Key %s already has a replica in %s "
			       "(Service: AWSKMS; Status Code: 400; Error Code: AlreadyExistsException)",
			       arn, env->deploy->region);
		finding_set_fix(f, "a primary key has at most one replica per region: use the existing "
			       "replica, or delete it first");
	}
out:
	free(region);
	free(path);
}
