/*
 * plan_apply.c - applying a plan's checklist to an account state: each
 * prerequisite step adds what it creates (a resource keyed as the state
 * file would key it, an object in its bucket, an export), so that running
 * the stacks again shows whether the checklist is enough.  A step that no
 * one can do (an S3 name taken elsewhere, an ARN in another region than
 * the one required) gets a blocker instead.  One line per kind of step in
 * the table; anything else is a plain resource.
 */
#include "plan/plan.h"
#include "sim/check.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A copy of props (a map, may be NULL) with the step's required
 * properties set over it (new). */
static struct value *with_required(const struct value *props, const struct plan_step *st)
{
	struct value *out = props ? value_copy(props) : value_map(SRCPOS_NONE);

	if (st->properties)
		VALUE_MAP_FOREACH(st->properties, e)
			value_map_set(out, e->key, value_copy(e->val));
	return out;
}

static void block(struct plan_step *st, char *why)
{
	free(st->blocker);
	st->blocker = why;
}

/* Where the bucket named name stands in the way of creating it in the
 * step's place (new text), or NULL when it can be created or exists there. */
static char *bucket_taken(const struct state *state, const struct plan_step *st, const char *name)
{
	const struct state_res *b = state_find_bucket(state, name);

	if (b && strcmp(b->region, st->region))
		return xstrfmt("bucket %s exists in %s of account %s, and S3 bucket names are unique "
			       "across every account: no bucket %s can be created in %s; use a bucket "
			       "in %s instead", name, b->region, b->account, name, st->region,
			       st->region);
	if (!b && state_bucket_name_taken(state, name))
		return xstrfmt("the name %s is taken by an account outside this state (S3 bucket "
			       "names are unique across every account): choose another bucket name",
			       name);
	return NULL;
}

static bool apply_bucket(struct state *state, struct plan_step *st)
{
	char *taken = bucket_taken(state, st, st->id);
	const struct state_res *b;

	if (taken) {
		block(st, taken);
		return false;
	}
	b = state_find_bucket(state, st->id);
	if (!b)
		state_add(state, st->account, st->region, "AWS::S3::Bucket", st->id,
			  with_required(NULL, st), NULL, SRCPOS_NONE);
	else if (st->properties) /* it exists: the step sets what it lacks */
		state_add(state, b->account, b->region, b->type, b->id, with_required(b->props, st),
			  b->stack, b->pos);
	return true;
}

/* "bucket/key": the object key goes into the bucket's Objects. */
static bool apply_object(struct state *state, struct plan_step *st)
{
	const char *slash = strchr(st->id, '/');
	char *name, *taken;
	const struct state_res *b;
	struct value *props, *objects;

	if (!slash || slash == st->id || !slash[1]) {
		block(st, xstrfmt("%s is not BUCKET/KEY", st->id));
		return false;
	}
	name = xstrndup(st->id, (size_t)(slash - st->id));
	b = state_find_bucket(state, name);
	taken = b ? NULL : bucket_taken(state, st, name);
	if (taken) {
		block(st, taken);
		free(name);
		return false;
	}
	if (!b)
		b = state_add(state, st->account, st->region, "AWS::S3::Bucket", name, NULL, NULL,
			      SRCPOS_NONE);
	props = value_copy(b->props);
	objects = (struct value *)value_map_get(props, "Objects");
	if (!objects) {
		objects = value_map(SRCPOS_NONE);
		value_map_set(props, "Objects", objects);
	}
	/* with the step's local copy (File:), when it found one */
	if (!value_map_get(objects, slash + 1) || st->properties)
		value_map_set(objects, slash + 1, with_required(NULL, st));
	state_add(state, b->account, b->region, "AWS::S3::Bucket", b->id, props, b->stack, b->pos);
	free(name);
	return true;
}

/* "repository:tag" (or "repository@digest"): the tag goes into the
 * repository's ImageTags, the repository is created when missing. */
static bool apply_image(struct state *state, struct plan_step *st)
{
	const char *sep = strpbrk(st->id, ":@");
	char *repo_name;
	const struct state_res *repo;
	struct value *props, *tags;

	if (!sep || sep == st->id || !sep[1]) {
		block(st, xstrfmt("%s is not REPOSITORY:TAG or REPOSITORY@DIGEST", st->id));
		return false;
	}
	repo_name = xstrndup(st->id, (size_t)(sep - st->id));
	repo = state_find(state, st->account, st->region, "AWS::ECR::Repository", repo_name);
	props = repo ? value_copy(repo->props) : value_map(SRCPOS_NONE);
	tags = (struct value *)value_map_get(props, "ImageTags");
	if (*sep == ':' && (!repo || (tags && tags->kind == VALUE_LIST))) {
		/* a repository without ImageTags in the state has every tag */
		if (!tags) {
			tags = value_list(SRCPOS_NONE);
			value_map_set(props, "ImageTags", tags);
		}
		value_list_append(tags, value_string(SRCPOS_NONE, sep + 1));
	}
	if (repo)
		state_add(state, repo->account, repo->region, repo->type, repo->id, props, repo->stack,
			  repo->pos);
	else
		state_add(state, st->account, st->region, "AWS::ECR::Repository", repo_name, props,
			  NULL, SRCPOS_NONE);
	free(repo_name);
	return true;
}

static bool apply_export(struct state *state, struct plan_step *st)
{
	if (!state_export(state, st->account, st->region, st->id))
		state_add_export(state, st->account, st->region, st->id,
				 value_unknown(SRCPOS_NONE, "export %s is the output of a stack "
					       "deployed first; its value is not known here", st->id),
				 NULL);
	return true;
}

/* The key the state file would use for an ARN's resource part: the last
 * path segment ("role/path/name" -> "name"), else what follows the first
 * colon ("secret:token" -> "token"), else the whole part (state_arn.c looks
 * the same ids up). */
static char *arn_key(const char *resource)
{
	const char *slash = strrchr(resource, '/'), *colon = strchr(resource, ':');

	if (slash && slash[1])
		return xstrdup(slash + 1);
	if (colon && colon[1])
		return xstrdup(colon + 1);
	return xstrdup(resource);
}

/* Adds the resource (taking props), or, when it exists, sets the step's
 * required properties on it. */
static void add_or_set(struct state *state, const char *account, const char *region,
		       const struct plan_step *st, const char *key, struct value *props)
{
	const struct state_res *have = state_find(state, account, region, st->type, key);

	if (!have)
		state_add(state, account, region, st->type, key, props, NULL, SRCPOS_NONE);
	else if (st->properties)
		state_add(state, have->account, have->region, have->type, have->id,
			  with_required(have->props, st), have->stack, have->pos);
	if (have)
		value_free(props);
}

static bool apply_resource(struct state *state, struct plan_step *st)
{
	const char *account = st->account, *region = st->region;
	struct value *props = with_required(NULL, st);
	char *key;
	struct arn a;

	if (st->by_property) {
		value_map_set(props, st->by_property, value_string(SRCPOS_NONE, st->id));
		key = xstrdup(st->id);
	} else if (arn_parse(st->id, &a)) {
		if (*a.region && *st->region && strcmp(a.region, st->region)) {
			block(st, xstrfmt("the ARN names region %s, but it must be in %s: create one "
					  "there and use its ARN instead", a.region, st->region));
			arn_free(&a);
			value_free(props);
			return false;
		}
		key = arn_key(a.resource);
		account = *a.account ? a.account : st->account;
		add_or_set(state, account, a.region, st, key, props);
		arn_free(&a);
		free(key);
		return true;
	} else {
		key = xstrdup(st->id);
	}
	add_or_set(state, account, region, st, key, props);
	free(key);
	return true;
}

static bool apply_region(struct state *state, struct plan_step *st)
{
	state_enable_region(state, st->account, st->id);
	return true;
}

static const struct {
	const char *type;                                     /* the prerequisite's type */
	bool (*apply)(struct state *state, struct plan_step *st); /* false: blocked */
} kinds[] = {
	{ "AWS::S3::Bucket", apply_bucket },
	{ "AWS::S3::Object", apply_object },
	{ "AWS::CloudFormation::Export", apply_export },
	{ "AWS::ECR::Image", apply_image },
	{ PREREQ_REGION, apply_region },
};

size_t plan_apply(struct state *state, struct plan_step *steps, size_t n)
{
	size_t i, k, applied = 0;

	for (i = 0; i < n; i++) {
		struct plan_step *st = &steps[i];
		bool (*apply)(struct state *, struct plan_step *) = apply_resource;

		if (st->kind != PLAN_STEP_PREREQ)
			continue;
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (!strcmp(kinds[k].type, st->type))
				apply = kinds[k].apply;
		block(st, NULL);
		if (apply(state, st))
			applied++;
	}
	return applied;
}
