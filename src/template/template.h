/*
 * template.h - a loaded CloudFormation template, its sections and resources.
 *
 * template_open checks the structure CloudFormation checks before anything
 * else (known sections, a non-empty Resources section, a Type on every
 * resource, alphanumeric logical ids, the documented limits) and indexes
 * resources and outputs.  A tree that is not a template at all is an input
 * error (diag, exit 2); a template CloudFormation would reject gets
 * findings (the stack fails).
 */
#ifndef CFN_TEMPLATE_H
#define CFN_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/finding.h"
#include "util/diag.h"
#include "value/value.h"

/* CloudFormation's documented quotas. */
#define TEMPLATE_MAX_RESOURCES 500
#define TEMPLATE_MAX_PARAMETERS 200
#define TEMPLATE_MAX_OUTPUTS 200
#define TEMPLATE_MAX_MAPPINGS 200
#define TEMPLATE_MAX_LOGICAL_ID 255
#define TEMPLATE_MAX_BODY_S3 1048576 /* bytes, a template read from S3 */
/* Larger template files are refused as input (exit 2) before parsing; up to
 * this size they are simulated (for scaling tests) with a finding that
 * CloudFormation refuses more than TEMPLATE_MAX_BODY_S3. */
#define TEMPLATE_MAX_FILE_BYTES ((size_t)16 * 1024 * 1024)

struct tmpl_resource {
	const char *logical_id;         /* borrowed from the tree */
	const struct value *def;        /* the resource's map */
	const char *type;               /* Type, or NULL when missing or not a string */
	const struct value *properties; /* Properties or NULL */
	const char *condition;          /* Condition name or NULL */
	const struct value *depends_on; /* DependsOn (string or list) or NULL */
	struct srcpos pos;              /* where the logical id is written */
	uint32_t first_ref;             /* its references start at t->refs[first_ref] */
};

struct tmpl_output {
	const char *logical_id;  /* borrowed */
	const struct value *def; /* the output's map */
	const char *condition;   /* Condition name or NULL */
	struct srcpos pos;       /* where the logical id is written */
	uint32_t first_ref;      /* its references start at t->out_refs[first_ref] */
};

/* One reference a resource or an output makes (what refs_walk_resource and
 * refs_walk report), found once by template_open for the graph and the
 * type checks; a Ref to a parameter or pseudo parameter (which neither needs)
 * is left out. */
struct tmpl_ref {
	const char *target; /* the name referred to (borrowed: from the tree, or a
			       copy in the template's ref_text) */
	const char *attr;   /* as struct ref's attr (borrowed, the same way) */
	struct srcpos pos;  /* where the reference is written */
	int32_t resource;   /* index of the resource named target, or -1 */
	uint32_t ordinal;   /* its place among the definition's references (from 0,
			       parameters counted), for refs_resource_path */
	uint8_t kind;       /* an enum ref_kind (refs.h) */
};

struct tmpl_text; /* scan.c's: blocks of copied names */

struct template {
	struct value *root;              /* owned: the whole tree */
	uint32_t file;                   /* srcpos file index */
	size_t size_bytes;               /* size of the source text */
	const struct value *parameters;  /* sections, borrowed, NULL when absent */
	const struct value *mappings;
	const struct value *conditions;
	const struct value *resources_map;
	const struct value *outputs_map;
	const struct value *rules;
	const struct value *metadata;
	const struct value *transform;
	struct tmpl_resource *resources; /* owned array, in template order */
	size_t n_resources;
	struct tmpl_output *outputs;     /* owned array, in template order */
	size_t n_outputs;
	const char **transforms;         /* owned array of borrowed names */
	size_t n_transforms;
	/* Found by one walk of the whole tree in template_open (scan.h): */
	struct tmpl_ref *refs;           /* owned: the resources' references, in template order */
	size_t n_refs;                   /* (count) */
	struct tmpl_ref *out_refs;       /* owned: the outputs' references, in template order */
	size_t n_out_refs;               /* (count) */
	struct tmpl_text *ref_text;      /* owned: names that lived only during the walk */
	const struct value **dynref_strings; /* owned array of borrowed strings holding
						"{{resolve:", in document order (those
						at most LOAD_MAX_DEPTH deep) */
	size_t n_dynref_strings;         /* (count) */
	bool has_fn_transform;           /* some map anywhere is an Fn::Transform */
	struct srcpos fn_transform;      /* the first one's (depth first, in order) */
};

/* Takes root (also on failure).  Returns a new template, adding structural
 * findings to findings; or NULL with an error in dl when root is not a
 * template at all. */
struct template *template_open(struct value *root, size_t size_bytes,
			       struct finding_list *findings, struct diag_list *dl);
/* Frees t and its tree; NULL is fine. */
void template_free(struct template *t);
/* The resource with this logical id (borrowed) or NULL. */
const struct tmpl_resource *template_resource(const struct template *t, const char *id);
/* Index of the resource with this logical id, or -1. */
long template_resource_index(const struct template *t, const char *id);
/* The references resource i makes (returns borrowed, in walk order), their
 * count in *n. */
const struct tmpl_ref *template_resource_refs(const struct template *t, size_t i, size_t *n);
/* The references output i makes (returns borrowed, in walk order), their
 * count in *n. */
const struct tmpl_ref *template_output_refs(const struct template *t, size_t i, size_t *n);
/* True when the template declares parameter name. */
bool template_has_parameter(const struct template *t, const char *name);
/* True when the template uses transform name (e.g. "AWS::Serverless-2016-10-31"). */
bool template_has_transform(const struct template *t, const char *name);
/* True for AWS::AccountId, AWS::Region and the other pseudo parameters. */
bool template_is_pseudo_parameter(const char *name);
/* True when s is a valid logical id (alphanumeric, 1..255 characters). */
bool template_valid_logical_id(const char *s);

#endif
