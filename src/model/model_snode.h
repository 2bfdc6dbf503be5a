/*
 * model_snode.h - a schema node's keywords, decoded once per model: which
 * of the validator's keywords it has, where its $ref leads, and its "type"
 * names as enum values (a few dozen bytes a node: only the keywords
 * present are kept).  model_validate.c reads these instead of scanning
 * the node's keys (and comparing type names) at every validated value.
 * Internal to src/model.
 */
#ifndef CFN_MODEL_SNODE_H
#define CFN_MODEL_SNODE_H

#include "model/model_internal.h"

/* The keywords the validator reads. */
enum kw {
	KW_TYPE, KW_ENUM, KW_CONST, KW_PATTERN, KW_MIN_LENGTH, KW_MAX_LENGTH, KW_MINIMUM,
	KW_MAXIMUM, KW_EXCL_MINIMUM, KW_EXCL_MAXIMUM, KW_MULTIPLE_OF, KW_ITEMS, KW_UNIQUE_ITEMS,
	KW_MIN_ITEMS, KW_MAX_ITEMS, KW_PROPERTIES, KW_PATTERN_PROPERTIES, KW_ADDITIONAL_PROPERTIES,
	KW_REQUIRED, KW_MIN_PROPERTIES, KW_MAX_PROPERTIES, KW_ALL_OF, KW_ANY_OF, KW_ONE_OF, KW_NOT,
	KW_REF, KW_COUNT
};

/* JSON schema types; J_NONE for a name that is none of them. */
enum jtype { J_STRING, J_INTEGER, J_NUMBER, J_BOOLEAN, J_OBJECT, J_ARRAY, J_NULL, J_NONE };

/* "type" names read: the first this many strings of a list. */
#define SNODE_MAX_TYPES 8

struct snode {
	const struct value *node;   /* the schema node asked about (the key) */
	const struct value *schema; /* node, or where its $ref leads; NULL when that
				       is dangling or not a map (not judged) */
	unsigned char n_types;      /* strings of "type" read (SNODE_MAX_TYPES at most) */
	unsigned char jt;           /* enum jtype of "type" when it is one string,
				       else J_NONE */
	unsigned char types[SNODE_MAX_TYPES]; /* the enum jtype of each string */
	unsigned char slot[KW_COUNT]; /* by enum kw: 1 + its index in kw, 0 when absent */
	const struct value *kw[];   /* the values of the keywords present (borrowed) */
};

/* The value of keyword k of s (borrowed), NULL when absent. */
static inline const struct value *snode_kw(const struct snode *s, enum kw k)
{
	return s->slot[k] ? s->kw[s->slot[k] - 1] : NULL;
}

/* The decoded form of schema node (a map of m's schemas, borrowed),
 * made on the first call for it and kept until m is freed: returned
 * borrowed, valid while m lives.  Schema nodes are neither changed nor
 * freed while their model lives (schema_ignore edits them in model_build,
 * before any lookup), so an entry cannot go stale. */
const struct snode *model_snode(const struct model *m, const struct value *node);
/* The type a schema "type" name means, J_NONE for another name or NULL. */
enum jtype model_jtype_of_name(const char *s);
/* Returns a new, empty table of decoded nodes (a model's). */
struct model_snodes *model_snodes_new(void);
/* Frees the decoded nodes of a model; NULL is fine. */
void model_snodes_free(struct model_snodes *s);

#endif
