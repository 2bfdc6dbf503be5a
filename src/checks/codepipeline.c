/*
 * codepipeline.c - AWS::CodePipeline::Pipeline artifact stores and
 * source actions (/work/notes/cfn-messages-prereq.md section 8).
 * Exactly one of ArtifactStore and ArtifactStores; a cross-region action
 * needs ArtifactStores, holding a store for the pipeline's region and for
 * each action region (ArtifactStores without any cross-region action is
 * accepted: public templates deploy it, e.g. servicecatalog-factory's
 * per-region stores).  Every artifact bucket must exist in its store's
 * region; action and store regions must be enabled.  GitHub version 1
 * source actions get a warning (AWS recommends version 2).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CP_SUFFIX " (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStructureException)"

static void fail(struct check_sink *sink, const struct check_resource *r, const char *path,
		 const char *msg, const char *fix)
{
	char *fpath = check_path(r, path);
	struct finding *f = check_fail(sink, FC_PIPELINE_ARTIFACTS, check_pos(r, path), fpath,
				       "%s" CP_SUFFIX, msg);

	finding_set_fix(f, "%s", fix);
	free(fpath);
}

/* The regions of actions outside the pipeline's region, in order. */
static void action_regions(const struct check_env *env, const struct check_resource *r,
			   struct strlist *out, struct check_sink *sink)
{
	const struct value *stages = value_map_get(r->props, "Stages");

	if (!stages || stages->kind != VALUE_LIST)
		return;
	for (size_t s = 0; s < stages->u.list.n; s++) {
		const struct value *actions = lookup_path(stages->u.list.items[s], "Actions");
		for (size_t a = 0; actions && actions->kind == VALUE_LIST && a < actions->u.list.n; a++) {
			const char *region = lookup_str(actions->u.list.items[a], "Region");
			char *path;

			if (!region || !strcmp(region, env->deploy->region))
				continue;
			strlist_add_unique(out, region);
			if (state_region_enabled(env->state, env->deploy->account, region))
				continue;
			path = xstrfmt("Stages/%zu/Actions/%zu/Region", s, a);
			char *fpath = check_path(r, path);
			struct finding *f = check_fail(sink, FC_REPLICA_REGION, check_pos(r, path), fpath,
						       "Action region %s is not enabled for account %s",
						       region, env->deploy->account);
			finding_set_fix(f, "enable %s for account %s, or run the action in an enabled "
				       "region", region, env->deploy->account);
			check_need_region(sink, env->deploy->account, region);
			free(fpath);
			free(path);
		}
	}
}

static void check_bucket(const struct check_env *env, const struct check_resource *r,
			 const struct value *store, const char *path, const char *region,
			 struct check_sink *sink)
{
	const struct value *loc = value_map_get(store, "Location");
	const char *name = value_str(loc);
	const struct state_res *b;
	char *lpath = xstrfmt("%s/Location", path), *msg, *fix, *fpath;
	struct finding *f;

	if (loc && loc->kind == VALUE_UNKNOWN && !loc->u.unknown.origin) {
		fpath = check_path(r, lpath);
		f = check_uncertain(sink, FC_PIPELINE_ARTIFACTS, check_pos(r, lpath), fpath,
				    "whether the artifact bucket exists in %s cannot be told: %s", region,
				    loc->u.unknown.reason);
		finding_set_fix(f, "give the artifact bucket's name");
		free(fpath);
	} else if (name && (!(b = state_find_bucket(env->state, name)) ||
			    (*b->region && strcmp(b->region, region)))) {
		if (!b && state_bucket_name_taken(env->state, name)) {
			fpath = check_path(r, lpath);
			f = check_uncertain(sink, FC_PIPELINE_ARTIFACTS, check_pos(r, lpath), fpath,
					    "artifact bucket %s belongs to an account the state does "
					    "not describe: whether it is in %s cannot be told", name, region);
			finding_set_fix(f, "describe the bucket's account in the state");
			free(fpath);
		} else {
			msg = xstrfmt("An error occurred while validating the artifact bucket '%s': No "
				      "bucket with the name %s was found. Choose a valid artifact bucket "
				      "in '%s', or create a new artifact bucket to use in your pipeline.",
				      name, name, region);
			fix = b ? xstrfmt("bucket %s is in %s: use a bucket of %s for this store", name,
					  b->region, region)
				: xstrfmt("create the artifact bucket %s in %s first", name, region);
			fail(sink, r, lpath, msg, fix);
			if (!b)
				check_need(sink, "AWS::S3::Bucket", env->deploy->account, region, name);
			free(msg);
			free(fix);
		}
	}
	free(lpath);
}

static void check_stores(const struct check_env *env, const struct check_resource *r,
			 const struct value *stores, const struct strlist *regions,
			 struct check_sink *sink)
{
	struct strlist have = { 0 };
	size_t i;

	for (i = 0; stores->kind == VALUE_LIST && i < stores->u.list.n; i++) {
		const struct value *m = stores->u.list.items[i];
		const char *region = lookup_str(m, "Region");
		char *path = xstrfmt("ArtifactStores/%zu/ArtifactStore", i);

		if (region) {
			strlist_add_unique(&have, region);
			if (!state_region_enabled(env->state, env->deploy->account, region)) {
				char *rp = xstrfmt("ArtifactStores/%zu/Region", i), *fpath = check_path(r, rp);
				struct finding *f = check_fail(sink, FC_REPLICA_REGION, check_pos(r, rp), fpath,
							       "Artifact store region %s is not enabled "
							       "for account %s", region,
							       env->deploy->account);
				finding_set_fix(f, "enable %s, or remove its artifact store", region);
				check_need_region(sink, env->deploy->account, region);
				free(fpath);
				free(rp);
			} else if (value_map_get(m, "ArtifactStore")) {
				check_bucket(env, r, value_map_get(m, "ArtifactStore"), path, region, sink);
			}
		}
		free(path);
	}
	if (!strlist_has(&have, env->deploy->region))
		fail(sink, r, "ArtifactStores", "There must be an artifact store for the pipeline "
		     "Region and for each cross-region action in the pipeline.",
		     "add an artifact store for the pipeline's region to ArtifactStores (or use "
		     "ArtifactStore when no action runs in another region)");
	for (i = 0; i < regions->n; i++)
		if (!strlist_has(&have, regions->items[i])) {
			char *fix = xstrfmt("add an artifact store (a bucket in %s) for region %s to "
					    "ArtifactStores", regions->items[i], regions->items[i]);
			fail(sink, r, "ArtifactStores", "There must be an artifact store for the pipeline "
			     "Region and for each cross-region action in the pipeline.", fix);
			free(fix);
		}
	strlist_free(&have);
}

static void check_github_v1(const struct check_resource *r, struct check_sink *sink)
{
	const struct value *stages = value_map_get(r->props, "Stages");

	for (size_t s = 0; stages && stages->kind == VALUE_LIST && s < stages->u.list.n; s++) {
		const struct value *actions = lookup_path(stages->u.list.items[s], "Actions");
		for (size_t a = 0; actions && actions->kind == VALUE_LIST && a < actions->u.list.n; a++) {
			const struct value *act = actions->u.list.items[a];
			const char *owner = lookup_str(act, "ActionTypeId/Owner");
			const char *provider = lookup_str(act, "ActionTypeId/Provider");
			const char *version = lookup_str(act, "ActionTypeId/Version");
			char *path, *fpath;
			struct finding *f;

			if (!owner || !provider || !version || strcmp(owner, "ThirdParty") ||
			    strcmp(provider, "GitHub") || strcmp(version, "1"))
				continue;
			path = xstrfmt("Stages/%zu/Actions/%zu/ActionTypeId", s, a);
			fpath = check_path(r, path);
			f = check_advise(sink, FC_GITHUB_V1, check_pos(r, path), fpath,
					 "The GitHub (Version 1) source action authenticates with an OAuth "
					 "token; AWS recommends the GitHub (Version 2) action, and webhooks "
					 "for version 1 are deprecated");
			finding_set_fix(f, "use ActionTypeId {Owner: AWS, Provider: CodeStarSourceConnection, "
				       "Version: '1'} with a CodeStar connection (ConnectionArn, "
				       "FullRepositoryId, BranchName)");
			free(fpath);
			free(path);
		}
	}
}

void check_codepipeline(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	const struct value *one = value_map_get(r->props, "ArtifactStore");
	const struct value *many = value_map_get(r->props, "ArtifactStores");
	struct strlist regions = { 0 };

	action_regions(env, r, &regions, sink);
	if (one && many) {
		fail(sink, r, "ArtifactStores", "You must include either artifactStore or artifactStores "
		     "in your pipeline, but you cannot use both.", "keep ArtifactStore (one region) or "
		     "ArtifactStores (cross-region actions), not both");
	} else if (!one && !many) {
		fail(sink, r, "", "You must include either artifactStore or artifactStores in your "
		     "pipeline, but you cannot use both.", "add ArtifactStore: {Type: S3, Location: "
		     "BUCKET} (a bucket in the pipeline's region)");
	} else if (one && regions.n) {
		char *fix = xstrfmt("replace ArtifactStore with ArtifactStores: one store for %s and "
				    "one for each action region (%s%s)", env->deploy->region,
				    regions.items[0], regions.n > 1 ? ", ..." : "");
		fail(sink, r, "ArtifactStore", "If you create a cross-region action in your pipeline, "
		     "you must use artifactStores.", fix);
		free(fix);
	} else if (one) {
		check_bucket(env, r, one, "ArtifactStore", env->deploy->region, sink);
	} else {
		check_stores(env, r, many, &regions, sink);
	}
	check_github_v1(r, sink);
	strlist_free(&regions);
}
