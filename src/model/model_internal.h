/*
 * model_internal.h - the structures behind model.h, shared by the files of
 * src/model and by nothing else.
 *
 * A struct model borrows everything from two trees the set owns: its
 * generated line (doc) and the overlay file of its service (facts).
 */
#ifndef CFN_MODEL_INTERNAL_H
#define CFN_MODEL_INTERNAL_H

#include <stdint.h>

#include "model/model.h"

struct strbuf;
struct value_arena;
struct model_snodes; /* decoded schema nodes (model_snode.c) */

/* The generated index format this code reads ("#cfn-dryrun-models 1"). */
#define MODEL_FORMAT_VERSION 1
/* Schema nesting followed by validation and attribute lookups, beyond the
 * value tree's own depth (a $ref chain or allOf of allOf does not descend
 * into the value). */
#define MODEL_MAX_SCHEMA_STEPS 64

struct model_index_entry {
	char *type;      /* "AWS::S3::Bucket", borrowed from the dir's index_buf */
	uint64_t offset; /* byte offset of its line in types.jsonl */
	size_t len;      /* bytes, newline included */
	size_t line;     /* 1-based line number, for messages */
};

/* One service of the compiled overlay: the YAML it was made from and
 * where its records are. */
struct model_compiled_service {
	char *service;   /* owned: "aws-ec2" */
	uint64_t hash;   /* model_compiled_hash of overlay/SERVICE.yaml */
	size_t offset;   /* its records in the buffer */
	size_t len;      /* bytes of records */
};

/* models/compiled/overlay.dat, read whole. */
struct model_compiled {
	char *buf;                                /* owned: the file */
	size_t len;                               /* its bytes */
	struct model_compiled_service *services;  /* owned, in file order */
	size_t n_services;
};

/* One record: kind 'T' (a type's facts) or 'R' (a rule, type = its
 * resource or parameter type), both borrowed from the buffer. */
struct model_compiled_rec {
	char kind;          /* 'T' or 'R' */
	const char *type;   /* not NUL-terminated */
	size_t type_len;
	char *enc;          /* the encoded tree */
	size_t len;
};

struct model_dir {
	char *path;                      /* owned: the directory */
	char *data_path;                 /* owned: generated/types.jsonl, or NULL */
	int data_fd;                     /* owned: data_path opened on first read, or -1 */
	struct model_index_entry *index; /* owned, sorted by type */
	char *index_buf;                 /* owned: types.idx, holding the type names */
	size_t n_index;
	char *region;                    /* owned: region the schemas came from, or NULL */
	struct model_compiled compiled;  /* the compiled overlay, when opened */
	int compiled_state;              /* 0 not looked at, 1 open, -1 absent or unreadable */
};

/* One overlay file of one directory, loaded on first need. */
struct model_overlay {
	char *service;            /* owned: "aws-ec2", or "parameters" */
	size_t dir;               /* index into the set's dirs */
	struct value *doc;        /* owned; NULL when the file does not exist */
	struct model_rule *rules; /* owned array; strings borrowed from doc */
	size_t n_rules;
	bool failed;              /* the file was malformed (errors reported once) */
	char *cbody;              /* compiled records (borrowed from the dir), or NULL:
				     doc is the parsed YAML */
	size_t clen;              /* bytes of cbody */
	uint32_t file;            /* srcfile index of the YAML file */
	struct value *kept;       /* owned, compiled only: type -> list of its rule trees,
				     one entry per type loaded */
};

/* How CloudFormation generates a name for the type. */
struct model_naming {
	bool lower;     /* lowercase (S3 buckets) */
	size_t max;     /* longest name; 0 = no limit */
};

struct model {
	struct model_set *set;            /* borrowed back pointer (caches) */
	char *type;                       /* owned */
	struct value *doc;                /* owned: the generated line; NULL for overlay-only types */
	const struct value *schema;       /* the root schema (borrowed from doc or facts) */
	const struct value *defs;         /* its definitions, or NULL */
	const struct value *ids;          /* primary identifier names (list), or NULL */
	const struct value *attrs;        /* read-only attribute names (list), or NULL */
	const struct value *create_only;  /* create-only property paths (list), or NULL */
	const struct value *facts;        /* borrowed: the overlay's entry for the type, or NULL */
	const char *name_prop;            /* the name property, or NULL */
	enum model_scope scope;           /* where the name is unique */
	struct model_naming naming;       /* generated names */
	bool custom;                      /* any attribute, unknown values */
	bool state_only;                  /* not a template type */
	bool all_properties;              /* GetAtt accepts every property */
	struct model_rule *rules;         /* owned copies; strings borrowed from overlays */
	size_t n_rules;
	struct model_lazy *lazy;          /* owned: definitions not parsed yet, or NULL */
	struct model_snodes *snodes;      /* owned: schema nodes decoded for validation
					     (model_snode.h) */
};

struct model_entry;  /* type -> model cache (model_set.c) */
struct model_regex;  /* pattern cache (model_regex.c) */
struct model_matcher; /* PCRE2's match context and data (model_regex.c) */

struct model_set {
	struct model_dir *dirs;          /* owned, in search order */
	size_t n_dirs;
	struct model_entry *models;      /* owned cache, NULL models included */
	struct model_overlay *overlays;  /* owned, loaded ones */
	size_t n_overlays, cap_overlays;
	struct model_regex *regex;       /* owned pattern cache */
	struct model_matcher *matcher;   /* owned: shared by every match, or NULL
					    before the first */
	struct value_arena *arena;       /* owned, or NULL before the first use: the
					    trees of the generated lines read fast,
					    their definitions, the decoded schema nodes
					    (one arena for all: fewer chunks half used,
					    one free) */
};

/* ---- model_overlay.c ---- */

/* The overlay file service.yaml of directory dir, loaded on first call
 * (returned borrowed, valid until the next call: the array may move; doc
 * NULL when absent).  Errors go to dl once. */
struct model_overlay *model_overlay_get(struct model_set *ms, size_t dir, const char *service,
					struct diag_list *dl);
/* The overlay service of a type ("AWS::EC2::VPC" -> "aws-ec2"), new. */
char *model_overlay_service(const char *type);
/* The entry of type in the overlays of the directories, the first found
 * (borrowed) or NULL.  Loads the service's file of every directory. */
const struct value *model_overlay_facts(struct model_set *ms, const char *type,
					struct diag_list *dl);
/* Checks one type entry of an overlay file; returns 0 or -1 with errors. */
int model_overlay_check_facts(const char *type, const struct value *facts,
			      struct diag_list *dl);

/* Checks a parsed overlay file of service (borrowed) and parses its rules
 * into *rules / *n (new array, strings borrowed from doc); returns 0 or -1
 * with errors (tools/overlaygen runs it at build time). */
int model_overlay_check(const char *service, const struct value *doc,
			struct model_rule **rules, size_t *n, struct diag_list *dl);

/* ---- model_compiled.c ---- */

/* The file at path, read whole (new, NUL-terminated, *len bytes), or NULL
 * when it is absent, empty or unreadable (nothing reported: the caller
 * then reads the YAML). */
char *model_compiled_read(const char *path, size_t *len);
/* A 64-bit hash of len bytes (FNV-style, eight bytes a step). */
uint64_t model_compiled_hash(const char *buf, size_t len);
/* Appends the encoding of v (borrowed) to sb; -1 for a kind YAML does
 * not produce. */
int model_compiled_encode(struct strbuf *sb, const struct value *v);
/* Appends the file header; then come the index lines
 * ("S\tSERVICE\tHASH\tOFFSET\tLENGTH"), an empty line, the records. */
void model_compiled_header(struct strbuf *sb);
/* Appends one record "KIND\tTYPE\tLEN\tENC\n" (enc borrowed). */
void model_compiled_record(struct strbuf *sb, char kind, const char *type, const char *enc,
			   size_t len);
/* Decodes one encoded tree (positions in file; buf is borrowed and left
 * as it was) into arena a (borrowed: value_free of the tree only retires
 * its root, a frees it); returns the tree, or NULL when the bytes are
 * damaged (what was built stays in a until a is freed). */
struct value *model_compiled_decode(char *buf, size_t len, uint32_t file,
				    struct value_arena *a);
/* Reads the index of buf (taken, len bytes) into c; 0, or -1 when damaged
 * (c is then to be closed all the same). */
int model_compiled_open(struct model_compiled *c, char *buf, size_t len);
/* Frees what c holds. */
void model_compiled_close(struct model_compiled *c);
/* The service's entry (borrowed) or NULL. */
const struct model_compiled_service *model_compiled_find(const struct model_compiled *c,
							 const char *service);
/* Reads the record at *p (before end) into rec (borrowed) and moves *p
 * past it: 1, 0 at the end, -1 when damaged. */
int model_compiled_next(char **p, char *end, struct model_compiled_rec *rec);

/* ---- model_line.c ---- */

struct model_lazy;
/* Parses a generated model line (buf, len bytes and a NUL after them,
 * named name; borrowed and left as it was) without load_buffer when its
 * bytes are in the subset it
 * checks: returns a new tree owned by arena a (borrowed: value_free of the
 * tree only retires its root, a frees it), with the "defs" object left
 * empty and its definitions in *lazy (new, or NULL).  NULL: the line is
 * load_buffer's to parse (and to report on); what was built of it stays
 * in a until a is freed. */
struct value *model_line_parse(const char *name, char *buf, size_t len,
			       struct value_arena *a, struct model_lazy **lazy);
/* The definition name, built into defs (the line's "defs" map, in the
 * line's arena) on first call; returned borrowed, or NULL when lz has no
 * such definition. */
const struct value *model_lazy_get(struct model_lazy *lz, struct value *defs, const char *name);
/* Builds every definition not built yet into defs (tests walk them all). */
void model_lazy_load_all(struct model_lazy *lz, struct value *defs);
/* Frees lz; NULL is fine. */
void model_lazy_free(struct model_lazy *lz);

/* ---- model_type.c ---- */

/* Builds a model from its generated line (taken; may be NULL), the line's
 * lazy definitions (taken; may be NULL) and overlay facts (borrowed; may
 * be NULL).  Returns new, or NULL with an error. */
struct model *model_build(struct model_set *ms, const char *type, struct value *doc,
			  struct model_lazy *lazy, const struct value *facts,
			  struct diag_list *dl);
/* Frees m; NULL is fine. */
void model_free(struct model *m);
/* The schema node at a GetAtt-style path ("A.B") or NULL. */
const struct value *model_schema_at(const struct model *m, const char *dotted);
/* Follows $ref to the definitions (borrowed; NULL when dangling). */
const struct value *model_deref(const struct model *m, const struct value *node);

/* ---- model_names.c ---- */

/* The name property's value in *v (borrowed; NULL when it is not set);
 * false when it is set to something not known (no string or number). */
bool model_name_value(const struct model *m, const struct model_sim *s, const struct value **v);
/* Appends model_physical_name's text to out (borrowed), without a copy of
 * its own; false (nothing appended) when the name is not known. */
bool model_add_physical_name(const struct model *m, const struct model_sim *s,
			     struct strbuf *out);

/* ---- model_values.c ---- */

/* The value at a slash path ("Code/S3Key") under v (borrowed), or NULL;
 * the path has no "*". */
const struct value *model_value_at(const struct value *v, const char *path);

/* Checks that every {placeholder} of a value template is known; returns 0,
 * or -1 with *bad / *bad_len naming the first unknown one. */
int model_template_check(const char *tmpl, const char **bad, size_t *bad_len);

/* ---- model_regex.c ---- */

/* Matches s against the schema pattern (ECMA syntax, unanchored).
 * Returns 1 match, 0 no match, -1 when it cannot be judged (a pattern
 * PCRE2 cannot compile, or the match limit was hit). */
int model_regex_match(struct model_set *ms, const char *pattern, const char *s);
/* Translates an ECMA-262 / Java pattern to PCRE2 syntax (new). */
char *model_regex_translate(const char *pattern);
/* Frees ms's compiled patterns and its matcher (ms itself is not freed). */
void model_regex_free(struct model_set *ms);

#endif
