/*
 * state_impl.h - the account state's internal structures, shared by
 * state.c (storage), state_load.c (the file) and state_arn.c (ARNs).
 * Nothing outside src/state includes it.
 */
#ifndef CFN_STATE_IMPL_H
#define CFN_STATE_IMPL_H

#include <stdint.h>
#include <string.h>

/* The tables' hash: keys are "ACCOUNT\0REGION\0TYPE\0ID\0", 40 to 100
 * bytes, hashed 8 bytes at a time (uthash's default goes byte by byte and
 * was most of a lookup's cost).  Order of iteration is insertion order
 * whatever the hash. */
static inline unsigned state_hash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 0x9e3779b97f4a7c15u ^ len, k;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&k, p, 8);
		h = (h ^ k) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	k = 0;
	memcpy(&k, p, len);
	h = (h ^ k) * 0xc4ceb9fe1a85ec53u;
	h ^= h >> 32;
	return (unsigned)h;
}

#define HASH_FUNCTION(keyptr, keylen, hashv) ((hashv) = state_hash((keyptr), (keylen)))
#include <uthash.h>

#include "state/state.h"
#include "util/strlist.h"

/* One resource: the entry, then its key "ACCOUNT\0REGION\0TYPE\0ID\0"
 * (res_key) and (when it has one) the name of the stack that created it,
 * in one block. */
struct res_entry {
	struct state_res pub;   /* what callers see; strings point into the key */
	struct value *props;    /* the properties: owned, or borrowed when props_kept */
	char *stack;            /* creating stack, or NULL: in the entry's block, or
				   owned when stack_owned */
	bool props_kept;        /* props is borrowed (state_add_kept) */
	bool stack_owned;       /* stack is a separate allocation */
	struct state_group *group;     /* borrowed: the entry's group */
	struct res_entry *prev, *next; /* the group's entries, in insertion order */
	UT_hash_handle hh;      /* state.resources, by key (hh.keylen: its bytes) */
};

/* The key of entry e, right after it (borrowed). */
static inline char *res_key(const struct res_entry *e)
{
	return (char *)(e + 1);
}

/* An S3 bucket's name, the first entry that has it (names are unique
 * across the partition). */
struct state_bucket {
	struct res_entry *e;    /* borrowed: the bucket; the key is its id */
	UT_hash_handle hh;      /* state.buckets */
};

/* The resources of one (account, region, type), for counts and iteration:
 * a list, so that removing one costs no search. */
struct state_group {
	char *key;              /* owned "ACCOUNT\0REGION\0TYPE\0" */
	size_t key_len;         /* bytes in key */
	struct res_entry *first, *last; /* borrowed entries, insertion order */
	size_t n;               /* entries */
	size_t n_ghosts;        /* of them ghosts */
	UT_hash_handle hh;      /* state.groups */
};

/* An export, a stack or a quota, keyed by (account, region, name). */
struct named {
	char *key;              /* owned "ACCOUNT\0REGION\0NAME\0" */
	size_t key_len;
	const char *name;       /* points into key */
	struct value *value;    /* owned: export value, or stack outputs */
	char *stack;            /* owned: exporting stack, or stack status */
	long number;            /* quotas: the maximum */
	struct state_stack stack_pub; /* stacks: the public view */
	UT_hash_handle hh;
};

struct state_account {
	char *id;                      /* owned, 12 digits */
	bool has_enabled_regions;      /* enabled_regions was given */
	struct strlist enabled_regions; /* the regions it may use */
	enum state_org_role org_role;  /* its place in AWS Organizations (organization: key) */
	bool stacksets_trusted_access; /* Organizations trusted access for StackSets is on */
};

struct state {
	char *partition;               /* owned */
	char *default_account;         /* owned or NULL */
	char *default_region;          /* owned or NULL */
	char *dir;                     /* owned: folder of the state file */
	struct strlist s3_names_taken; /* bucket names of accounts not described */
	struct res_entry *resources;   /* uthash by key */
	struct state_group *groups;    /* uthash by (account, region, type) */
	struct state_bucket *buckets;  /* owned, uthash by bucket name */
	struct named *exports;         /* uthash */
	struct named *stacks;          /* uthash */
	struct named *quotas;          /* uthash */
	struct state_account *accounts; /* owned array */
	size_t n_accounts, cap_accounts;
	struct value_arena **arenas;   /* owned: arenas of the trees entries keep
					  (state_keep_arena) */
	size_t n_arenas, cap_arenas;
};

typedef const struct state_res *(*state_exact_fn)(const struct state *st, const char *account,
						  const char *region, const char *type,
						  const char *id);

/* The account entry for id (borrowed); created when create is true. */
struct state_account *state_account_get(struct state *st, const char *id, bool create);
/* Sets the quota for type in (account, region). */
void state_set_quota(struct state *st, const char *account, const char *region,
		     const char *type, long max);
/* Reads an account's organization: map (state_ext.c) into a; returns
 * the number of errors added to dl. */
int state_load_organization(struct state_account *a, const struct value *v,
			    struct diag_list *dl);
/* The extra-key table entry for (key, type) (state_ext.c): 1 when type
 * has the extra key, 0 when the key is another type's extra key (*owner
 * set), -1 when no type has it. */
int state_extra_key(const char *key, const char *type, const char **owner);
/* Checks the value of an extra key of type (state_ext.c, except Objects);
 * returns the number of errors added to dl. */
int state_check_extra(const char *key, const struct value *v, struct diag_list *dl);
/* True when name is a named quota (not a resource type) that the quotas:
 * map accepts (state_ext.c). */
bool state_named_quota(const char *name);

/* Looks a resource up by the parts of an ARN, trying the ids the resource
 * part may carry (see state_arn.c). */
const struct state_res *state_arn_lookup(const struct state *st, const struct arn *a,
					 const char *type, state_exact_fn exact);

#endif
