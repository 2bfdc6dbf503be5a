/*
 * state.h - the account state: what exists before (and, as the simulation
 * goes, during) a deployment, across accounts and regions.
 *
 * Loaded from the state file of SPEC section 2 (state_load.c, strict: an
 * unknown key or type is an input error, so a typo never silently means
 * "does not exist"), then written to by the simulation: every resource a
 * stack would create is added with its physical id and resolved
 * properties, every output and export too, so later resources, later
 * stacks and collisions see them.
 *
 * Resources are keyed by (account, region, type, id); region "" holds the
 * account-wide ("global") resources such as IAM roles.  Lookups also accept
 * an ARN for the id.  S3 bucket names are unique across the partition, so
 * buckets are also indexed by name alone.
 */
#ifndef CFN_STATE_H
#define CFN_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "value/value.h"

struct state;
struct value_arena;

struct state_res {
	const char *type;          /* "AWS::S3::Bucket" (owned by the state) */
	const char *id;            /* the physical name or id */
	const char *account;       /* 12 digits */
	const char *region;        /* "" for account-wide resources */
	const struct value *props; /* properties (a map; never NULL) */
	const char *stack;         /* stack that created it, NULL when pre-existing */
	bool ghost;                /* a resource of the running stack that fails: it stands
				      in for lookups until the stack ends, but is not
				      counted (quotas, reserved capacity) */
	struct srcpos pos;         /* where it is written (state file or template) */
};

/* An account's place in AWS Organizations (the organization: extension). */
enum state_org_role {
	STATE_ORG_NONE = 0,       /* not stated: not in an organization */
	STATE_ORG_MANAGEMENT,     /* the organization's management account */
	STATE_ORG_DELEGATED,      /* a delegated administrator for StackSets */
	STATE_ORG_MEMBER,         /* a member account */
};

struct state_stack {
	const char *name;            /* stack name */
	const char *status;          /* "CREATE_COMPLETE", ... */
	const struct value *outputs; /* map of output name -> value (never NULL) */
	struct srcpos pos;           /* where it is written */
};

/* Checks the state loader cannot make alone (resource models know them).
 * Each returns 1 yes, 0 no, -1 cannot tell (the check is then skipped). */
struct state_checks {
	void *ctx;
	int (*type_known)(void *ctx, const char *type);
	int (*property_known)(void *ctx, const char *type, const char *property);
};

struct state_options {
	bool allow_outside;               /* --allow-outside: File: may leave the folder */
	const struct state_checks *checks; /* NULL: syntactic checks only */
};

/* ---- Life cycle ---- */

/* Returns a new empty state in partition ("aws" when NULL). */
struct state *state_new(const char *partition);
/* Reads the state file at path.  Returns new, or NULL with errors in dl. */
struct state *state_load(const char *path, const struct state_options *o,
			 struct diag_list *dl);
/* The same for a state file already in memory: len bytes of buf
 * (borrowed), read as the file at path (positions; File: paths are
 * relative to its folder).  Returns new, or NULL with errors in dl. */
struct state *state_load_buffer(const char *path, const char *buf, size_t len,
				const struct state_options *o, struct diag_list *dl);
/* Frees st; NULL is fine. */
void state_free(struct state *st);

/* ---- Defaults and accounts ---- */

/* The partition (borrowed). */
const char *state_partition(const struct state *st);
/* The file's default account / region, or NULL (borrowed). */
const char *state_default_account(const struct state *st);
const char *state_default_region(const struct state *st);
/* The state file's directory (borrowed; "." for a new state). */
const char *state_dir(const struct state *st);
/* True when account may use region: listed in its enabled_regions, or, when
 * the list is omitted (or the account is not described), enabled by
 * default (not opt-in). */
bool state_region_enabled(const struct state *st, const char *account, const char *region);
/* Lets account use region from now on (an enabled_regions list that was
 * omitted becomes the default regions plus this one). */
void state_enable_region(struct state *st, const char *account, const char *region);
/* True when the state file describes this account. */
bool state_has_account(const struct state *st, const char *account);
/* The account's organization role (STATE_ORG_NONE when not described). */
enum state_org_role state_org_role(const struct state *st, const char *account);
/* True when the account has Organizations trusted access for StackSets on. */
bool state_stacksets_trusted_access(const struct state *st, const char *account);

/* ---- Resources ---- */

/* The resource (account, region, type, id) (borrowed) or NULL.  A NULL or
 * "" region looks at the account-wide resources; a regional lookup falls
 * back to them too.  id may be an ARN (see state_arn.c for how it is
 * matched). */
const struct state_res *state_find(const struct state *st, const char *account,
				   const char *region, const char *type, const char *id);
/* The S3 bucket with this name in any account or region (borrowed), or NULL. */
const struct state_res *state_find_bucket(const struct state *st, const char *name);
/* True when an S3 bucket name is taken anywhere in the partition (a bucket of
 * the state or a name in s3_names_taken). */
bool state_bucket_name_taken(const struct state *st, const char *name);
/* Adds a resource; takes props (a map).  An existing entry with the same key
 * is replaced.  Returns the new entry (borrowed). */
const struct state_res *state_add(struct state *st, const char *account, const char *region,
				  const char *type, const char *id, struct value *props,
				  const char *stack, struct srcpos pos);
/* state_add without taking props: the entry borrows props (a map, not
 * NULL), which must stay valid and unchanged as long as st or until the
 * entry is replaced or removed; in practice a tree of an arena given to st
 * with state_keep_arena.  Returns the new entry (borrowed). */
const struct state_res *state_add_kept(struct state *st, const char *account,
				       const char *region, const char *type, const char *id,
				       const struct value *props, const char *stack,
				       struct srcpos pos);
/* Takes arena a (see value_arena.h; NULL is fine) and frees it with st:
 * the trees of a stay valid for state_add_kept entries. */
void state_keep_arena(struct state *st, struct value_arena *a);
/* Marks r (an entry of st) as a ghost (see struct state_res). */
void state_mark_ghost(struct state *st, const struct state_res *r);
/* Removes the resource (account, region, type, id) added by state_add (not
 * a lookup: the exact key).  Returns true when there was one. */
bool state_remove(struct state *st, const char *account, const char *region,
		  const char *type, const char *id);
/* Number of resources of type in (account, region), ghosts left out. */
size_t state_count(const struct state *st, const char *account, const char *region,
		   const char *type);
/* Calls fn for each resource of type in (account, region), in insertion order;
 * stops early when fn returns nonzero (and returns that value). */
int state_each(const struct state *st, const char *account, const char *region,
	       const char *type, int (*fn)(void *ctx, const struct state_res *r), void *ctx);

/* ---- S3 objects (the Objects extra key) ---- */

/* The object key of bucket res: 1 exists, 0 does not.  When it exists and
 * has a File:, *file receives its path (borrowed, already checked to stay in
 * the state's folder unless --allow-outside), else NULL. */
int state_object(const struct state_res *bucket, const char *key, const char **file);

/* ---- Exports, stacks, quotas ---- */

/* The export name's value in (account, region) (borrowed) or NULL. */
const struct value *state_export(const struct state *st, const char *account,
				 const char *region, const char *name);
/* The stack that exported name, or NULL (pre-existing exports). */
const char *state_export_stack(const struct state *st, const char *account,
			       const char *region, const char *name);
/* Adds an export; takes value. */
void state_add_export(struct state *st, const char *account, const char *region,
		      const char *name, struct value *value, const char *stack);
/* The stack in (account, region) (borrowed) or NULL. */
const struct state_stack *state_find_stack(const struct state *st, const char *account,
					   const char *region, const char *name);
/* Adds a stack; takes outputs (a map, or NULL for none). */
void state_add_stack(struct state *st, const char *account, const char *region,
		     const char *name, const char *status, struct value *outputs);
/* The quota for type in (account, region), or -1 when none is stated.
 * Besides resource types (a maximum count), the quotas: map holds the
 * named quotas of state_ext.c (Lambda.ConcurrentExecutions, ...). */
long state_quota(const struct state *st, const char *account, const char *region,
		 const char *type);

/* ---- ARNs ---- */

struct arn {
	char *partition, *service, *region, *account, *resource; /* owned parts */
};

/* Parses "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE" into a (new parts);
 * returns false (a untouched) when s is not an ARN. */
bool arn_parse(const char *s, struct arn *a);
/* Frees the parts of a. */
void arn_free(struct arn *a);

#endif
