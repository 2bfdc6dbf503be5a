/*
 * s3_replication.c - an S3 bucket's ReplicationConfiguration (FAILURES.md
 * rows 45-47): the source must be versioned, each destination bucket must
 * exist (in any account and region of the partition) and be versioned,
 * the V1 schema (rules without Filter) allows one destination, SSE-KMS
 * replication needs a replica key in the destination's region.  A missing
 * replication role does not fail the create (S3 does not check it then):
 * a warning.  Same-region and cross-region replication differ only in
 * where the destination is; the fix names which one the rule is.
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define S3_SUFFIX " (Service: Amazon S3; Status Code: 400; Error Code: InvalidRequest)"

static bool versioned(const struct value *props)
{
	const char *s = lookup_str(props, "VersioningConfiguration/Status");

	return s && !strcmp(s, "Enabled");
}

/* The bucket name of a destination ARN (arn:aws:s3:::name), new, or NULL. */
static char *bucket_of(const char *arn)
{
	const char *p = strncmp(arn, "arn:", 4) ? NULL : strstr(arn, ":s3:::");

	return p && p[6] ? xstrdup(p + 6) : NULL;
}

static void check_source(const struct check_resource *r, struct check_sink *sink)
{
	struct finding *f;
	char *path;

	if (versioned(r->props))
		return;
	path = check_path(r, "VersioningConfiguration");
	f = check_fail(sink, FC_S3_REPLICATION, check_pos(r, "ReplicationConfiguration"), path,
		       "Versioning must be 'Enabled' on the bucket to apply a replication configuration"
		       S3_SUFFIX);
	finding_set_fix(f, "add VersioningConfiguration: {Status: Enabled} to %s (replication needs "
		       "versioning on the source bucket)", r->logical_id);
	free(path);
}

/* The V1 schema: no rule has a Filter; then one destination only. */
static void check_v1(const struct check_resource *r, const struct value *rules,
		     struct check_sink *sink)
{
	struct strlist dests = { 0 };
	bool v1 = true;
	struct finding *f;
	char *path;

	VALUE_LIST_FOREACH(rules, it) {
		const char *b = lookup_str(*it, "Destination/Bucket");
		if (value_map_get(*it, "Filter"))
			v1 = false;
		if (b)
			strlist_add_unique(&dests, b);
	}
	if (v1 && dests.n > 1) {
		path = check_path(r, "ReplicationConfiguration/Rules");
		f = check_fail(sink, FC_S3_REPLICATION, check_pos(r, "ReplicationConfiguration/Rules"),
			       path, "Number of distinct destination bucket ARNs cannot exceed 1"
			       S3_SUFFIX);
		finding_set_fix(f, "give every rule a Filter (with Priority and DeleteMarkerReplication: "
			       "the V2 schema allows several destinations), or replicate to one bucket");
		free(path);
	}
	strlist_free(&dests);
}

static void check_kms(const struct check_env *env, const struct check_resource *r,
		      const struct value *rule, const char *rpath, const struct state_res *dest,
		      struct check_sink *sink)
{
	const char *sse = lookup_str(rule, "SourceSelectionCriteria/SseKmsEncryptedObjects/Status");
	const char *key = lookup_str(rule, "Destination/EncryptionConfiguration/ReplicaKmsKeyID");
	char *path, *kregion;
	struct finding *f;

	if (!sse || strcmp(sse, "Enabled"))
		return;
	if (!key && !lookup_unknown(rule, "Destination/EncryptionConfiguration/ReplicaKmsKeyID")) {
		path = xstrfmt("%s/Destination", rpath);
		char *fpath = check_path(r, path);
		f = check_fail(sink, FC_S3_REPLICATION, check_pos(r, path), fpath,
			       "ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present."
			       S3_SUFFIX);
		finding_set_fix(f, "add Destination/EncryptionConfiguration/ReplicaKmsKeyID: a KMS key in "
			       "the destination bucket's region%s%s%s", dest ? " (" : "",
			       dest ? dest->region : "", dest ? ")" : "");
		free(path);
		free(fpath);
		return;
	}
	if (!key || !dest)
		return;
	kregion = lookup_arn_region(key);
	if (*kregion && *dest->region && strcmp(kregion, dest->region)) {
		path = xstrfmt("%s/Destination/EncryptionConfiguration/ReplicaKmsKeyID", rpath);
		char *fpath = check_path(r, path);
		f = check_advise(sink, FC_PREREQ_WARNING, check_pos(r, path), fpath,
				 "the replica KMS key %s is in %s, but destination bucket %s is in %s: "
				 "S3 cannot encrypt replicas with it", key, kregion, dest->id, dest->region);
		finding_set_fix(f, "use a KMS key of %s (a multi-Region replica key, or one created there)",
				dest->region);
		free(path);
		free(fpath);
	} else if (!lookup_kms_key(env, key) && !strncmp(key, "arn:", 4)) {
		path = xstrfmt("%s/Destination/EncryptionConfiguration/ReplicaKmsKeyID", rpath);
		char *fpath = check_path(r, path);
		f = check_advise(sink, FC_PREREQ_WARNING, check_pos(r, path), fpath,
				 "the replica KMS key %s does not exist: replication of SSE-KMS objects "
				 "will fail", key);
		finding_set_fix(f, "create the KMS key in %s first", *kregion ? kregion : dest->region);
		free(path);
		free(fpath);
	}
	free(kregion);
}

/* {VersioningConfiguration: {Status: Enabled}}: what a replication
 * destination must have (new). */
static struct value *versioning_enabled(void)
{
	struct value *props = value_map(SRCPOS_NONE), *vc = value_map(SRCPOS_NONE);

	value_map_set(vc, "Status", value_string(SRCPOS_NONE, "Enabled"));
	value_map_set(props, "VersioningConfiguration", vc);
	return props;
}

static void check_destination(const struct check_env *env, const struct check_resource *r,
			      const struct value *rule, size_t i, struct check_sink *sink)
{
	char *rpath = xstrfmt("ReplicationConfiguration/Rules/%zu", i);
	char *bpath = xstrfmt("%s/Destination/Bucket", rpath);
	const struct value *bv = lookup_path(rule, "Destination/Bucket");
	char *name = value_str(bv) ? bucket_of(value_str(bv)) : NULL, *fpath;
	const struct state_res *dest = name ? state_find_bucket(env->state, name) : NULL;
	struct finding *f;

	fpath = check_path(r, bpath);
	if (bv && bv->kind == VALUE_UNKNOWN && !bv->u.unknown.origin) {
		f = check_uncertain(sink, FC_S3_REPLICATION, check_pos(r, bpath), fpath,
				    "whether the destination bucket exists and is versioned cannot be "
				    "told: %s", bv->u.unknown.reason);
		finding_set_fix(f, "give the destination bucket's ARN (a parameter, or the account state)");
	} else if (name && !dest && state_bucket_name_taken(env->state, name)) {
		f = check_uncertain(sink, FC_S3_REPLICATION, check_pos(r, bpath), fpath,
				    "destination bucket %s belongs to an account the state does not "
				    "describe: whether it is versioned cannot be told", name);
		finding_set_fix(f, "describe the destination account in the state (its bucket %s with "
			       "VersioningConfiguration)", name);
	} else if (name && !dest) {
		f = check_fail(sink, FC_S3_REPLICATION, check_pos(r, bpath), fpath,
			       "Destination bucket must exist." S3_SUFFIX);
		finding_set_fix(f, "create the destination bucket %s (with versioning enabled) first, in "
			       "another region for cross-region replication or in %s for same-region "
			       "replication", name, env->deploy->region);
		check_need_props(sink, "AWS::S3::Bucket", env->deploy->account, "", name,
				 versioning_enabled());
	} else if (dest && !versioned(dest->props)) {
		f = check_fail(sink, FC_S3_REPLICATION, check_pos(r, bpath), fpath,
			       "Destination bucket must have versioning enabled." S3_SUFFIX);
		finding_set_fix(f, "enable versioning on %s (%s, %s replication) first", name,
				dest->region, strcmp(dest->region, env->deploy->region) ? "cross-region"
											 : "same-region");
		check_need_props(sink, "AWS::S3::Bucket", dest->account, dest->region, name,
				 versioning_enabled());
	}
	if (dest || (name && !state_bucket_name_taken(env->state, name)))
		check_kms(env, r, rule, rpath, dest, sink);
	free(fpath);
	free(name);
	free(rpath);
	free(bpath);
}

static void check_role(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink)
{
	const char *role = lookup_str(r->props, "ReplicationConfiguration/Role");
	struct finding *f;
	char *path;

	if (!role || strncmp(role, "arn:", 4) || lookup_arn(env, "AWS::IAM::Role", role))
		return;
	path = check_path(r, "ReplicationConfiguration/Role");
	f = check_advise(sink, FC_REPLICATION_ROLE, check_pos(r, "ReplicationConfiguration/Role"), path,
			 "the replication role %s does not exist: the bucket is created, but S3 "
			 "cannot replicate objects", role);
	finding_set_fix(f, "create the role (trusting s3.amazonaws.com, with s3:GetReplicationConfiguration, "
		       "s3:ListBucket, s3:GetObjectVersion* on the source and s3:Replicate* on the "
		       "destination) first");
	free(path);
}

void check_s3_replication(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink)
{
	const struct value *rules = lookup_path(r->props, "ReplicationConfiguration/Rules");
	size_t i;

	if (!value_map_get(r->props, "ReplicationConfiguration"))
		return;
	check_source(r, sink);
	check_role(env, r, sink);
	if (!rules || rules->kind != VALUE_LIST)
		return;
	check_v1(r, rules, sink);
	for (i = 0; i < rules->u.list.n; i++)
		check_destination(env, r, rules->u.list.items[i], i, sink);
}
