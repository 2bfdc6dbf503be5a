/*
 * state.c - the account state's storage: resources by key and by group,
 * S3 bucket names, exports, stacks, quotas and accounts (see state.h).
 *
 * Every resource lives in one res_entry (one block with its key), found
 * through a uthash table keyed by the bytes "ACCOUNT\0REGION\0TYPE\0ID";
 * the public fields point into that key.  A second table groups entries by
 * (account, region, type) in lists, for counting and iteration, a third
 * indexes S3 buckets by name.
 */
#include "state/state_impl.h"
#include "aws/regions.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Builds "a\0b\0c\0d\0" in buf when it fits in size bytes, else new;
 * *len receives its length. */
static char *build_key(char *buf, size_t size, const char *a, const char *b, const char *c,
		       const char *d, size_t *len)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = d ? strlen(d) : 0;
	size_t n = xsize_add(xsize_add(la + lb, lc + ld), d ? 4 : 3);
	char *k = n <= size ? buf : xmalloc(n);

	memcpy(k, a, la + 1);
	memcpy(k + la + 1, b, lb + 1);
	memcpy(k + la + lb + 2, c, lc + 1);
	if (d)
		memcpy(k + la + lb + lc + 3, d, ld + 1);
	*len = n;
	return k;
}

/* The key, new. */
static char *make_key(const char *a, const char *b, const char *c, const char *d, size_t *len)
{
	return build_key(NULL, 0, a, b, c, d, len);
}

/* A key for a lookup: in the caller's buffer when it fits (free it with
 * free_lookup_key), so that finding costs no allocation. */
#define LOOKUP_KEY_BYTES 256

static void free_lookup_key(char *key, const char *buf)
{
	if (key != buf)
		free(key);
}

struct state *state_new(const char *partition)
{
	struct state *st = xcalloc(1, sizeof(*st));

	st->partition = xstrdup(partition ? partition : "aws");
	st->dir = xstrdup(".");
	return st;
}

static struct state_group *find_group(const struct state *st, const char *account,
				      const char *region, const char *type)
{
	struct state_group *g;
	size_t len;
	char buf[LOOKUP_KEY_BYTES];
	char *key = build_key(buf, sizeof(buf), account, region, type, NULL, &len);

	HASH_FIND(hh, st->groups, key, len, g);
	free_lookup_key(key, buf);
	return g;
}

/* The group whose key is the first len bytes of key ("ACCOUNT\0REGION\0
 * TYPE\0", the start of an entry's key), created when missing. */
static struct state_group *get_group(struct state *st, const char *key, size_t len)
{
	struct state_group *g;

	HASH_FIND(hh, st->groups, key, len, g);
	if (g)
		return g;
	g = xcalloc(1, sizeof(*g));
	g->key = xmalloc(len);
	memcpy(g->key, key, len);
	g->key_len = len;
	HASH_ADD_KEYPTR(hh, st->groups, g->key, g->key_len, g);
	return g;
}

static struct res_entry *find_entry(const struct state *st, const char *account,
				    const char *region, const char *type, const char *id)
{
	struct res_entry *e;
	size_t len;
	char buf[LOOKUP_KEY_BYTES];
	char *key = build_key(buf, sizeof(buf), account, region, type, id, &len);

	HASH_FIND(hh, st->resources, key, len, e);
	free_lookup_key(key, buf);
	return e;
}

/* Sets e's creating stack (NULL for none); stack may point at e's own. */
static void set_stack(struct res_entry *e, const char *stack)
{
	if (stack && e->stack && (stack == e->stack || !strcmp(stack, e->stack)))
		return;
	if (e->stack_owned)
		free(e->stack);
	e->stack = stack ? xstrdup(stack) : NULL;
	e->stack_owned = stack != NULL;
}

/* Gives e the properties props (owned unless kept); the old ones are freed
 * when e owned them (and they are not props). */
static void set_props(struct res_entry *e, struct value *props, bool kept, struct srcpos pos)
{
	if (e->props && !e->props_kept && e->props != props)
		value_free(e->props);
	if (!props) {
		props = value_map(pos);
		kept = false;
	}
	e->props = props;
	e->props_kept = kept;
}

/* A new entry for key (len bytes) in one block with stack's name, in the
 * tables and at the end of its group. */
static struct res_entry *new_entry(struct state *st, const char *key, size_t len,
				   unsigned hash, const char *stack)
{
	size_t ls = stack ? strlen(stack) + 1 : 0;
	struct res_entry *e = xmalloc(xsize_add(sizeof(*e), xsize_add(len, ls)));
	struct state_group *g;

	memset(e, 0, sizeof(*e));
	memcpy(res_key(e), key, len);
	if (stack) {
		e->stack = res_key(e) + len;
		memcpy(e->stack, stack, ls);
	}
	e->pub.account = res_key(e);
	e->pub.region = e->pub.account + strlen(e->pub.account) + 1;
	e->pub.type = e->pub.region + strlen(e->pub.region) + 1;
	e->pub.id = e->pub.type + strlen(e->pub.type) + 1;
	HASH_ADD_KEYPTR_BYHASHVALUE(hh, st->resources, res_key(e), len, hash, e);
	g = get_group(st, res_key(e), (size_t)(e->pub.id - e->pub.account));
	e->group = g;
	e->prev = g->last;
	if (g->last)
		g->last->next = e;
	else
		g->first = e;
	g->last = e;
	g->n++;
	if (!strcmp(e->pub.type, "AWS::S3::Bucket")) {
		struct state_bucket *b;
		HASH_FIND(hh, st->buckets, e->pub.id, strlen(e->pub.id), b);
		if (!b) {
			b = xmalloc(sizeof(*b));
			b->e = e;
			HASH_ADD_KEYPTR(hh, st->buckets, e->pub.id, strlen(e->pub.id), b);
		}
	}
	return e;
}

/* state_add and state_add_kept. */
static const struct state_res *add(struct state *st, const char *account, const char *region,
				   const char *type, const char *id, struct value *props, bool kept,
				   const char *stack, struct srcpos pos)
{
	struct res_entry *e;
	size_t len;
	unsigned hash;
	char buf[LOOKUP_KEY_BYTES];
	char *key = build_key(buf, sizeof(buf), account, region ? region : "", type, id, &len);

	HASH_VALUE(key, len, hash);
	HASH_FIND_BYHASHVALUE(hh, st->resources, key, len, hash, e);
	if (e) {
		set_stack(e, stack);
		if (e->pub.ghost)
			e->group->n_ghosts--;
	} else {
		e = new_entry(st, key, len, hash, stack);
	}
	free_lookup_key(key, buf);
	set_props(e, props, kept, pos);
	e->pub.props = e->props;
	e->pub.stack = e->stack;
	e->pub.pos = pos;
	e->pub.ghost = false;
	return &e->pub;
}

const struct state_res *state_add(struct state *st, const char *account, const char *region,
				  const char *type, const char *id, struct value *props,
				  const char *stack, struct srcpos pos)
{
	return add(st, account, region, type, id, props, false, stack, pos);
}

const struct state_res *state_add_kept(struct state *st, const char *account,
				       const char *region, const char *type, const char *id,
				       const struct value *props, const char *stack,
				       struct srcpos pos)
{
	return add(st, account, region, type, id, (struct value *)props, true, stack, pos);
}

void state_keep_arena(struct state *st, struct value_arena *a)
{
	if (!a)
		return;
	XGROW(st->arenas, st->cap_arenas, st->n_arenas + 1);
	st->arenas[st->n_arenas++] = a;
}

void state_mark_ghost(struct state *st, const struct state_res *r)
{
	struct res_entry *e = (struct res_entry *)((char *)r - offsetof(struct res_entry, pub));

	(void)st;
	if (!e->pub.ghost)
		e->group->n_ghosts++;
	e->pub.ghost = true;
}

/* Frees e (out of every table already). */
static void free_entry(struct res_entry *e)
{
	if (!e->props_kept)
		value_free(e->props);
	if (e->stack_owned)
		free(e->stack);
	free(e);
}

bool state_remove(struct state *st, const char *account, const char *region,
		  const char *type, const char *id)
{
	struct res_entry *e = find_entry(st, account, region ? region : "", type, id);
	struct state_bucket *b;
	struct state_group *g;

	if (!e)
		return false;
	HASH_DEL(st->resources, e);
	HASH_FIND(hh, st->buckets, e->pub.id, strlen(e->pub.id), b);
	if (b && b->e == e) {
		HASH_DEL(st->buckets, b);
		free(b);
	}
	g = e->group;
	if (e->prev)
		e->prev->next = e->next;
	else
		g->first = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		g->last = e->prev;
	g->n--;
	if (e->pub.ghost)
		g->n_ghosts--;
	free_entry(e);
	return true;
}

static const struct state_res *find_exact(const struct state *st, const char *account,
					  const char *region, const char *type, const char *id)
{
	struct res_entry *e = find_entry(st, account, region ? region : "", type, id);

	if (!e && region && *region)
		e = find_entry(st, account, "", type, id);
	return e ? &e->pub : NULL;
}

const struct state_res *state_find(const struct state *st, const char *account,
				   const char *region, const char *type, const char *id)
{
	const struct state_res *r;
	struct arn a;

	if (!strcmp(type, "AWS::S3::Bucket")) {
		r = state_find_bucket(st, id);
		if (r || !arn_parse(id, &a))
			return r;
		r = state_find_bucket(st, a.resource);
		arn_free(&a);
		return r;
	}
	r = find_exact(st, account, region, type, id);
	if (r || !arn_parse(id, &a))
		return r;
	/* An ARN names its own account and region (empty for IAM). */
	r = state_arn_lookup(st, &a, type, find_exact);
	arn_free(&a);
	return r;
}

const struct state_res *state_find_bucket(const struct state *st, const char *name)
{
	struct state_bucket *b;

	HASH_FIND(hh, st->buckets, name, strlen(name), b);
	return b ? &b->e->pub : NULL;
}

bool state_bucket_name_taken(const struct state *st, const char *name)
{
	return state_find_bucket(st, name) || strlist_has(&st->s3_names_taken, name);
}

size_t state_count(const struct state *st, const char *account, const char *region,
		   const char *type)
{
	struct state_group *g = find_group(st, account, region ? region : "", type);

	return g ? g->n - g->n_ghosts : 0;
}

int state_each(const struct state *st, const char *account, const char *region,
	       const char *type, int (*fn)(void *ctx, const struct state_res *r), void *ctx)
{
	struct state_group *g = find_group(st, account, region ? region : "", type);
	struct res_entry *e, *next;
	int rc;

	for (e = g ? g->first : NULL; e; e = next) {
		next = e->next;
		if ((rc = fn(ctx, &e->pub)) != 0)
			return rc;
	}
	return 0;
}

int state_object(const struct state_res *bucket, const char *key, const char **file)
{
	const struct value *objects = value_map_get(bucket->props, "Objects");
	const struct value *obj = value_map_get(objects, key);

	*file = NULL;
	if (!obj)
		return 0;
	*file = value_str(value_map_get(obj, "File"));
	return 1;
}

/* ---- Exports, stacks, quotas ---- */

static struct named *find_named(struct named *table, const char *account, const char *region,
				const char *name)
{
	struct named *n;
	size_t len;
	char buf[LOOKUP_KEY_BYTES];
	char *key = build_key(buf, sizeof(buf), account, region, name, NULL, &len);

	HASH_FIND(hh, table, key, len, n);
	free_lookup_key(key, buf);
	return n;
}

static struct named *add_named(struct named **table, const char *account, const char *region,
			       const char *name)
{
	struct named *n = find_named(*table, account, region, name);
	size_t len;

	if (n)
		return n;
	n = xcalloc(1, sizeof(*n));
	n->key = make_key(account, region, name, NULL, &len);
	n->key_len = len;
	n->name = n->key + strlen(account) + strlen(region) + 2;
	HASH_ADD_KEYPTR(hh, *table, n->key, n->key_len, n);
	return n;
}

const struct value *state_export(const struct state *st, const char *account,
				 const char *region, const char *name)
{
	struct named *n = find_named(st->exports, account, region, name);

	return n ? n->value : NULL;
}

const char *state_export_stack(const struct state *st, const char *account,
			       const char *region, const char *name)
{
	struct named *n = find_named(st->exports, account, region, name);

	return n ? n->stack : NULL;
}

void state_add_export(struct state *st, const char *account, const char *region,
		      const char *name, struct value *value, const char *stack)
{
	struct named *n = add_named(&st->exports, account, region, name);

	value_free(n->value);
	free(n->stack);
	n->value = value;
	n->stack = stack ? xstrdup(stack) : NULL;
}

const struct state_stack *state_find_stack(const struct state *st, const char *account,
					   const char *region, const char *name)
{
	struct named *n = find_named(st->stacks, account, region, name);

	return n ? &n->stack_pub : NULL;
}

void state_add_stack(struct state *st, const char *account, const char *region,
		     const char *name, const char *status, struct value *outputs)
{
	struct named *n = add_named(&st->stacks, account, region, name);

	value_free(n->value);
	free(n->stack);
	n->value = outputs ? outputs : value_map(SRCPOS_NONE);
	n->stack = xstrdup(status);
	n->stack_pub.name = n->name;
	n->stack_pub.status = n->stack;
	n->stack_pub.outputs = n->value;
	n->stack_pub.pos = n->value->pos;
}

void state_set_quota(struct state *st, const char *account, const char *region,
		     const char *type, long max)
{
	struct named *n = add_named(&st->quotas, account, region, type);

	n->number = max;
}

long state_quota(const struct state *st, const char *account, const char *region,
		 const char *type)
{
	struct named *n = find_named(st->quotas, account, region, type);

	return n ? n->number : -1;
}

/* ---- Accounts and defaults ---- */

struct state_account *state_account_get(struct state *st, const char *id, bool create)
{
	size_t i;

	for (i = 0; i < st->n_accounts; i++)
		if (!strcmp(st->accounts[i].id, id))
			return &st->accounts[i];
	if (!create)
		return NULL;
	XGROW(st->accounts, st->cap_accounts, st->n_accounts + 1);
	memset(&st->accounts[st->n_accounts], 0, sizeof(st->accounts[0]));
	st->accounts[st->n_accounts].id = xstrdup(id);
	return &st->accounts[st->n_accounts++];
}

void state_enable_region(struct state *st, const char *account, const char *region)
{
	struct state_account *a = state_account_get(st, account, true);
	const struct region_info *r;

	if (!a->has_enabled_regions) {
		for (r = region_table(); r->code; r++)
			if (!r->opt_in && !strcmp(r->partition, st->partition))
				strlist_add(&a->enabled_regions, r->code);
		a->has_enabled_regions = true;
	}
	strlist_add_unique(&a->enabled_regions, region);
}

bool state_has_account(const struct state *st, const char *account)
{
	return state_account_get((struct state *)st, account, false) != NULL;
}

bool state_region_enabled(const struct state *st, const char *account, const char *region)
{
	const struct state_account *a = state_account_get((struct state *)st, account, false);
	const struct region_info *r;

	if (a && a->has_enabled_regions)
		return strlist_has(&a->enabled_regions, region);
	r = region_find(region);
	return r && !r->opt_in && !strcmp(r->partition, st->partition);
}

const char *state_partition(const struct state *st)
{
	return st->partition;
}

const char *state_default_account(const struct state *st)
{
	return st->default_account;
}

const char *state_default_region(const struct state *st)
{
	return st->default_region;
}

const char *state_dir(const struct state *st)
{
	return st->dir;
}

/* ---- Freeing ---- */

static void free_named(struct named **table)
{
	struct named *n, *tmp;

	HASH_ITER(hh, *table, n, tmp) {
		HASH_DEL(*table, n);
		value_free(n->value);
		free(n->stack);
		free(n->key);
		free(n);
	}
}

void state_free(struct state *st)
{
	struct res_entry *e, *etmp;
	struct state_bucket *b, *btmp;
	struct state_group *g, *gtmp;
	size_t i;

	if (!st)
		return;
	HASH_ITER(hh, st->buckets, b, btmp) {
		HASH_DEL(st->buckets, b);
		free(b);
	}
	HASH_ITER(hh, st->resources, e, etmp) {
		HASH_DEL(st->resources, e);
		free_entry(e);
	}
	HASH_ITER(hh, st->groups, g, gtmp) {
		HASH_DEL(st->groups, g);
		free(g->key);
		free(g);
	}
	free_named(&st->exports);
	free_named(&st->stacks);
	free_named(&st->quotas);
	for (i = 0; i < st->n_accounts; i++) {
		free(st->accounts[i].id);
		strlist_free(&st->accounts[i].enabled_regions);
	}
	free(st->accounts);
	for (i = 0; i < st->n_arenas; i++) /* after the entries that keep their trees */
		value_arena_free(st->arenas[i]);
	free(st->arenas);
	strlist_free(&st->s3_names_taken);
	free(st->partition);
	free(st->default_account);
	free(st->default_region);
	free(st->dir);
	free(st);
}
