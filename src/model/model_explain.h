/*
 * model_explain.h - the wording of schema validation findings (internal to
 * src/model): CloudFormation's message for each violation, everit's
 * sentence after "Properties validation failed for resource X with
 * message: ", and a fix in plain words.
 *
 * struct explain also tracks where the validator is, as the keys and
 * indexes walked; the JSON pointer CloudFormation prints ("#/Tags/0/Key")
 * and the finding path ("Resources/X/Properties/Tags/0/Key") are written
 * from them only when a finding needs them.
 */
#ifndef CFN_MODEL_EXPLAIN_H
#define CFN_MODEL_EXPLAIN_H

#include "engine/finding.h"
#include "model/model_internal.h"
#include "util/strbuf.h"

/* One level below the Properties: a key, or an item's index. */
struct explain_step {
	const char *key; /* borrowed (from the value validated); NULL for an item */
	size_t index;    /* the item's index when key is NULL */
};

struct explain {
	const struct model *m;  /* the type validated against */
	const char *logical_id; /* borrowed: the resource */
	struct srcpos pos;      /* the resource's position, for keys missing at the top */
	struct explain_step *steps; /* the levels below the Properties */
	size_t n, cap;          /* levels in use, allocated */
	bool written;           /* ptr and path are those of the current level */
	struct strbuf ptr;      /* "#" then "/Key" or "/0" per level (written for a finding) */
	struct strbuf path;     /* "Resources/X/Properties" then the same levels (likewise) */
};

/* Starts at the top of logical_id's Properties (borrowed). */
void explain_init(struct explain *ex, const struct model *m, const char *logical_id,
		  struct srcpos pos);
/* Frees the path buffers. */
void explain_release(struct explain *ex);
/* A level to return to. */
struct explain_mark {
	size_t n; /* levels in use */
};

/* Descends into key (borrowed: it must outlive the level) or item i;
 * returns the mark to pop back to. */
struct explain_mark explain_push_key(struct explain *ex, const char *key);
struct explain_mark explain_push_index(struct explain *ex, size_t i);
/* Returns to the level of mark. */
void explain_pop(struct explain *ex, struct explain_mark mark);

/* Each appends one finding to fl for the value v (borrowed) at the current
 * level. */
/* "expected type: String, found: JSONArray" (names: the schema's types). */
void explain_type(struct explain *ex, struct finding_list *fl, const struct value *v,
		  const char *const *names, size_t n);
/* "failed validation constraint for keyword [kw]" (enum, const, pattern,
 * minimum, maximum, exclusive*, multipleOf, not); limit is the keyword's
 * value, for the fix. */
void explain_keyword(struct explain *ex, struct finding_list *fl, enum finding_code code,
		     const struct value *v, const char *kw, const struct value *limit);
/* "expected minLength: N, actual: M" (kw minLength or maxLength). */
void explain_length(struct explain *ex, struct finding_list *fl, const struct value *v,
		    const char *kw, size_t limit, size_t actual);
/* Item or key counts: minItems, maxItems, minProperties, maxProperties. */
void explain_count(struct explain *ex, struct finding_list *fl, enum finding_code code,
		   const struct value *v, const char *kw, size_t limit, size_t actual);
/* "array items are not unique": item i of list repeats item j. */
void explain_unique(struct explain *ex, struct finding_list *fl, const struct value *list,
		    size_t i, size_t j);
/* "required key [key] not found" in the map v. */
void explain_required(struct explain *ex, struct finding_list *fl, const struct value *v,
		      const char *key);
/* "extraneous key [K] is not permitted", reported at the level of the map
 * holding e (CloudFormation names the map, the path names the key);
 * props: the keys allowed there. */
void explain_extraneous(struct explain *ex, struct finding_list *fl,
			const struct value_entry *e, const struct value *props);
/* allOf / anyOf / oneOf over list failed with passed branches passing. */
void explain_combinator(struct explain *ex, struct finding_list *fl, const struct value *v,
			const char *kw, const struct value *list, size_t passed);

#endif
