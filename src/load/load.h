/*
 * load.h - reading YAML and JSON documents into value trees.
 *
 * One entry point for every input (templates, state files, scenarios,
 * parameter files, model files): bytes in, a value tree with positions out,
 * or errors in a diag list.  Input is untrusted: size, nesting depth and
 * alias expansion are bounded, NUL bytes and invalid UTF-8 are rejected
 * with their position, and every failure leaves nothing allocated.
 *
 * A loaded tree lives in one arena (value_arena.h) owned by its root, so
 * value_free of the root frees the whole file at once.
 *
 * CloudFormation short-form tags (!Ref, !Sub, ...) become the long form
 * ({"Ref": ..}, {"Fn::Sub": ..}) while loading; the table is in
 * load_tags.c.
 */
#ifndef CFN_LOAD_H
#define CFN_LOAD_H

#include <stddef.h>

#include "util/diag.h"
#include "value/value.h"

/* Deeper nesting is refused: every later recursive walk relies on it. */
#define LOAD_MAX_DEPTH 200
/* Larger files are refused before reading (CloudFormation's own limit for a
 * template is 1 MB; state files may be larger). */
#define LOAD_MAX_BYTES ((size_t)256 * 1024 * 1024)
/* Keys and values in one file, whatever its size: bounds the memory a
 * file can take (at most about 110 bytes each, so under 1 GB); a state
 * file of a million resources with two properties each has 6 million. */
#define LOAD_MAX_NODES ((size_t)8 * 1000 * 1000)
/* Nodes that YAML aliases may add beyond one per input byte. */
#define LOAD_ALIAS_NODE_BUDGET 100000

enum load_format {
	LOAD_AUTO = 0, /* JSON if it parses as JSON, else YAML */
	LOAD_JSON,
	LOAD_YAML,
};

/* Facts about the input that are not errors for the loader but may be for
 * its reader (CloudFormation refuses YAML aliases in templates). */
struct load_meta {
	size_t n_aliases;         /* YAML aliases expanded */
	struct srcpos first_alias; /* where the first one is written */
};

struct load_options {
	enum load_format format; /* what to expect */
	size_t max_bytes;        /* 0 = LOAD_MAX_BYTES */
	int cfn_tags;            /* nonzero: accept CloudFormation short-form tags */
	struct load_meta *meta;  /* filled in when not NULL */
};

/* Reads and parses the file at path.  Returns a new tree, or NULL with at
 * least one error in dl (unreadable, too large, malformed...).  The file
 * name is registered in the srcpos table. */
struct value *load_file(const char *path, const struct load_options *opt,
			struct diag_list *dl);

/* Parses len bytes of buf (borrowed) as the file named name.  Same result
 * contract as load_file. */
struct value *load_buffer(const char *name, const char *buf, size_t len,
			  const struct load_options *opt, struct diag_list *dl);

/* Reads a whole file into a new NUL-terminated buffer, refusing more than
 * max_bytes and anything that is not a regular file.  Returns NULL with an
 * error in dl. */
char *load_read_file(const char *path, size_t max_bytes, size_t *len,
		     struct diag_list *dl);

/* ---- Internal to src/load ---- */

/* Parses JSON into arena a: returns the root (a node of a, not yet
 * sealed), or NULL with errors in dl (a then holds garbage: free it). */
struct value *load_json(struct value_arena *a, uint32_t file, const char *buf,
			size_t len, struct diag_list *dl);
/* Parses YAML into arena a; the same contract as load_json. */
struct value *load_yaml(struct value_arena *a, uint32_t file, const char *buf,
			size_t len, int cfn_tags, struct load_meta *meta,
			struct diag_list *dl);
/* Checks for NUL bytes and invalid UTF-8; returns 0 or -1 with an error. */
int load_check_text(uint32_t file, const char *buf, size_t len,
		    struct diag_list *dl);

#endif
