/*
 * import_int.h - internal to src/import: the files being imported, the
 * table of AWS CLI commands, and the helpers that place resources in the
 * state tree (accounts -> ACCOUNT -> regions -> REGION -> TYPE -> ID).
 */
#ifndef CFN_IMPORT_INT_H
#define CFN_IMPORT_INT_H

#include <stdbool.h>

#include "import/import.h"

struct import_ctx;
struct import_file;

/* A converter reads one file's JSON and adds what it says to the state;
 * returns 0, or -1 with an error in the context's diag list. */
typedef int (*import_fn)(struct import_ctx *c, const struct import_file *f);

struct import_command {
	const char *name;     /* "s3api-list-buckets": the file name's stem */
	const char *cli;      /* "aws s3api list-buckets": for messages */
	bool per_bucket;      /* qualifier is a bucket name (required) */
	import_fn convert;    /* the converter */
};

struct import_file {
	char *path;                       /* owned: DIR/NAME */
	const struct import_command *cmd; /* borrowed: its table entry */
	char *bucket;                     /* owned: per-bucket commands, else NULL */
	char *account;                    /* owned: from the name, or NULL */
	char *region;                     /* owned: from the name, or NULL */
	struct value *root;               /* owned: the parsed JSON */
};

struct import_ctx {
	struct value *state;      /* owned: the tree being built */
	const char *account;      /* borrowed: default account, or NULL */
	const char *region;       /* borrowed: default region, or NULL */
	struct diag_list *dl;     /* borrowed: where errors go */
};

/* The command table, terminated by an entry with a NULL name (static). */
const struct import_command *import_commands(void);

/* ---- Placing things in the state (import_state.c) ---- */

/* Returns the map under key in map (borrowed), creating it when absent;
 * NULL (with an error) when key holds something else. */
struct value *import_child(struct value *map, const char *key);
/* The map of region region of account account (borrowed, created). */
struct value *import_region(struct import_ctx *c, const char *account, const char *region);
/* The account-wide ("global") map of account (borrowed, created). */
struct value *import_global(struct import_ctx *c, const char *account);
/* The properties map of resource TYPE/ID in scope (borrowed, created). */
struct value *import_resource(struct value *scope, const char *type, const char *id);
/* Finds the bucket named name in any region of account; returns its
 * properties (borrowed) or NULL. */
struct value *import_find_bucket(struct import_ctx *c, const char *account, const char *name);

/* The parts of an ARN ("arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"). */
struct import_arn {
	char *partition; /* owned */
	char *region;    /* owned; "" for global services */
	char *account;   /* owned; "" when the ARN has none */
};
/* Parses s into a (zeroed first); returns false when s is not an ARN. */
bool import_parse_arn(const char *s, struct import_arn *a);
/* Frees what a holds. */
void import_arn_free(struct import_arn *a);

/* Where an item of file f lives: the ARN's account and region when arn is
 * one, else the file name's, else the defaults.  Sets *account and
 * *region (borrowed from f, c or the returned arn) and returns 0, or
 * reports an error at pos and returns -1.  need_region false: global. */
int import_where(struct import_ctx *c, const struct import_file *f, const char *arn,
		 struct srcpos pos, bool need_region, struct import_arn *parsed,
		 const char **account, const char **region);

/* ---- Reading the AWS CLI's JSON ---- */

/* The string at key in item (borrowed) or NULL. */
const char *import_str(const struct value *item, const char *key);
/* Sets *list to the list at key of f's root (borrowed), checking the
 * shape; an absent optional key sets NULL.  Returns 0, or -1 with an
 * error naming the command whose output was expected. */
int import_list(struct import_ctx *c, const struct import_file *f, const char *key,
		bool optional, const struct value **list);
/* Reports an error at pos in f. */
void import_error(struct import_ctx *c, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Checks that item (in f) is a map with string fields for each of the
 * NULL-terminated keys; reports the first missing one and returns -1. */
int import_need(struct import_ctx *c, const struct value *item, const char *const keys[]);

#endif
