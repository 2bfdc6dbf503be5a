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
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

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

	if (taken) {
		block(st, taken);
		return false;
	}
	if (!state_find_bucket(state, st->id))
		state_add(state, st->account, st->region, "AWS::S3::Bucket", st->id, NULL, NULL,
			  SRCPOS_NONE);
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
	if (!value_map_get(objects, slash + 1))
		value_map_set(objects, slash + 1, value_map(SRCPOS_NONE));
	state_add(state, b->account, b->region, "AWS::S3::Bucket", b->id, props, b->stack, b->pos);
	free(name);
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

static bool apply_resource(struct state *state, struct plan_step *st)
{
	const char *account = st->account, *region = st->region;
	struct value *props = value_map(SRCPOS_NONE);
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
		region = a.region;
		if (state_find(state, account, region, st->type, key)) {
			arn_free(&a);
			free(key);
			value_free(props);
			return true;
		}
		state_add(state, account, region, st->type, key, props, NULL, SRCPOS_NONE);
		arn_free(&a);
		free(key);
		return true;
	} else {
		key = xstrdup(st->id);
	}
	if (!state_find(state, account, region, st->type, key))
		state_add(state, account, region, st->type, key, props, NULL, SRCPOS_NONE);
	else
		value_free(props);
	free(key);
	return true;
}

static const struct {
	const char *type;                                     /* the prerequisite's type */
	bool (*apply)(struct state *state, struct plan_step *st); /* false: blocked */
} kinds[] = {
	{ "AWS::S3::Bucket", apply_bucket },
	{ "AWS::S3::Object", apply_object },
	{ "AWS::CloudFormation::Export", apply_export },
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
