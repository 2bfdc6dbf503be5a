/*
 * model.h - resource models: what each CloudFormation resource type
 * accepts (its schema), what Ref and Fn::GetAtt return, how it is named,
 * and which other resources must exist before it can be created.
 *
 * A model set searches a list of directories in order (--models first,
 * then the source-tree or installed models).  Each directory may hold
 * generated/types.idx + generated/types.jsonl (tools/modelgen's output
 * from the registry schemas) and overlay/SERVICE.yaml (hand-written: Ref
 * values, ARN patterns, name scopes, existence rules; models/README.md
 * documents the format).  Types load lazily: one index lookup and one
 * line per type, and a service's overlay file with its first type.
 *
 * Lifecycle: the set owns every model, rule and string it returns; they
 * stay valid until model_set_free.  Loading and the pattern cache mutate
 * the set, so a set is used by one thread at a time.
 */
#ifndef CFN_MODEL_H
#define CFN_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/finding.h"
#include "util/diag.h"
#include "value/value.h"

struct model_set;
struct model;

/* Where a name is unique, or where a prerequisite must be. */
enum model_scope {
	MODEL_SCOPE_INVALID = 0,
	MODEL_SCOPE_REGION,       /* the stack's account and region (most names) */
	MODEL_SCOPE_ACCOUNT,      /* the stack's account, any region (IAM) */
	MODEL_SCOPE_PARTITION,    /* every account of the partition (S3 bucket names) */
	MODEL_SCOPE_FIXED_REGION, /* one named region of the account (rules only) */
	MODEL_SCOPE_REGION_ANY_ACCOUNT, /* the stack's region, any account (S3 code buckets; rules only) */
};

/* Whether a type can be created in a region. */
enum model_avail {
	MODEL_AVAIL_UNKNOWN = 0, /* no availability data for that region */
	MODEL_AVAIL_YES,
	MODEL_AVAIL_NO,
};

/* ---- Opening ---- */

/* Environment variable naming the models directory (tests set it). */
#define MODEL_ENV_DIR "CFN_DRYRUN_MODELS"

/* Opens the directories dirs[0..n) (borrowed, copied), searched in that
 * order.  Returns a new set, or NULL with an error in dl when a directory
 * is unusable (missing, or a malformed index). */
struct model_set *model_set_open(const char *const *dirs, size_t n, struct diag_list *dl);
/* Opens the default search list: extra_dir (--models, may be NULL), then
 * $CFN_DRYRUN_MODELS if set, else the source tree's models/ next to the
 * running executable (or one level up, for build directories), else the
 * installed CFN_MODELS_DIR.  Returns new, or NULL with an error in dl. */
struct model_set *model_set_open_default(const char *extra_dir, struct diag_list *dl);
/* Frees the set and everything it returned; NULL is fine. */
void model_set_free(struct model_set *ms);
/* Number of types the base models list (the last directory with an
 * index), and the i-th (borrowed), for suggestions and tests that walk
 * every type. */
size_t model_set_type_count(const struct model_set *ms);
const char *model_set_type_at(const struct model_set *ms, size_t i);

/* ---- Types ---- */

/* The model of type (returned borrowed), loading it on first use.
 * Custom::Anything is AWS::CloudFormation::CustomResource.  NULL when the
 * type is not recognized (nothing is added to dl) or when its model data
 * is malformed (an error is added to dl). */
const struct model *model_find(struct model_set *ms, const char *type, struct diag_list *dl);
/* The model's type name (borrowed). */
const char *model_type_name(const struct model *m);
/* True for custom resources: any attribute is accepted, values unknown. */
bool model_is_custom(const struct model *m);
/* True for types that only describe account state (an AMI, an S3
 * object): they are not resource types a template may declare. */
bool model_is_state_only(const struct model *m);
/* Whether type can be created in region, from the region lists known to
 * the set: each generated index names the region its schemas came from
 * and lists types available there; directories for the same region add
 * up. */
enum model_avail model_available_in(struct model_set *ms, const char *type, const char *region);

/* ---- Attributes and identity ---- */

/* True when Fn::GetAtt accepts attr ("Arn", "Endpoint.Address"). */
bool model_has_attribute(const struct model *m, const char *attr);
/* The read-only attributes the schema lists, in order (borrowed), for
 * messages; custom resources and extra overlay attributes are not listed. */
size_t model_attribute_count(const struct model *m);
const char *model_attribute_at(const struct model *m, size_t i);
/* Whether the type's schema has the top-level property name (for state
 * files, whose property names are checked against the schema): 1 yes,
 * 0 no, -1 cannot tell (custom resources, schemas admitting names by
 * pattern). */
int model_has_property(const struct model *m, const char *name);
/* The property holding the resource's physical name (borrowed), such as
 * BucketName or RoleName; NULL when the type has none. */
const char *model_name_property(const struct model *m);
/* Where that name must be unique. */
enum model_scope model_name_scope(const struct model *m);
/* True when the property at path ("BucketName", "A/B") is create-only. */
bool model_is_create_only(const struct model *m, const char *path);
/* "region", "account", "partition", "fixed-region", "region-any-account". */
const char *model_scope_name(enum model_scope scope);

/* ---- Simulated values ---- */

/* What the values of one simulated resource are computed from (all
 * borrowed). */
struct model_sim {
	const char *logical_id;         /* "Queue" */
	const char *physical_id;        /* the generated name to use, or NULL for the type's own */
	const struct value *properties; /* resolved properties, or NULL */
	const char *stack_name;         /* "pipeline" */
	const char *account;            /* "111111111111" */
	const char *region;             /* "us-east-1" */
	const char *partition;          /* "aws" */
	struct srcpos pos;              /* position given to the values returned */
};

/* The name CloudFormation would generate for the resource
 * (stack-LogicalId-SUFFIX, lowercased or shortened as the type requires);
 * returns new. */
char *model_generated_name(const struct model *m, const struct model_sim *s);
/* The physical name: the name property's value when the template sets it
 * (as a string), else the generated name.  Returns new, or NULL when the
 * name property is set to something not known (an unknown value). */
char *model_physical_name(const struct model *m, const struct model_sim *s);
/* What Ref returns (a new string value), or a new unknown value whose
 * reason says why it cannot be computed.  Never a guess. */
struct value *model_ref_value(const struct model *m, const struct model_sim *s);
/* What the account state keys resource s by (SPEC section 2; new): what
 * Ref returns when it is a string other than an ARN or a URL, else the
 * physical name; NULL when the name is set to something not known. */
char *model_state_id(const struct model *m, const struct model_sim *s);
/* What Fn::GetAtt attr returns, as model_ref_value. */
struct value *model_getatt_value(const struct model *m, const char *attr,
				 const struct model_sim *s);
/* The ARN of the resource of this type named name (new), or NULL when
 * the type has no ARN pattern or the pattern needs more than the name. */
char *model_arn(const struct model *m, const char *name, const char *account,
		const char *region, const char *partition);
/* "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws" (borrowed). */
const char *model_partition_of(const char *region);

/* ---- Schema validation ---- */

/* Validates props (borrowed: a resource's Properties, resolved; NULL when
 * the resource has none) against m's schema, in CloudFormation's wording
 * ("Properties validation failed for resource X with message: #/P: ...").
 * Appends one CD3nnn finding per violation to out, with the path
 * "Resources/X/Properties/..." and the position of the offending value;
 * pos is used for keys missing from the resource itself.  Unknown values,
 * intrinsic function maps, strings holding {{resolve:...}} references and
 * nulls (template validation reports those) are not judged. */
void model_validate(const struct model *m, const char *logical_id,
		    const struct value *props, struct srcpos pos, struct finding_list *out);

/* ---- Existence rules ---- */

/* How a property value names the resource that must exist (bits). */
enum model_match {
	MODEL_MATCH_ID = 1 << 0,    /* its Ref value: the id or name the state keys it by */
	MODEL_MATCH_ARN = 1 << 1,   /* its ARN; the ARN's account and region are where to look */
	MODEL_MATCH_ALIAS = 1 << 2, /* a KMS alias ("alias/x") or alias ARN */
};

/* "The value at this property path must name an existing resource of this
 * type, in this scope" - with the message CloudFormation prints when it
 * does not, and the fix.  A rule is satisfied by the account state or by a
 * resource of the same stack created in an earlier wave: the simulator
 * decides; the rule only names what must exist. */
struct model_rule {
	const char *id;             /* unique: "lambda-function-role" */
	const char *resource_type;  /* the type it applies to; NULL for a parameter rule */
	const char *parameter_type; /* "AWS::EC2::KeyPair::KeyName" for a parameter rule, else NULL */
	const char *path;           /* property path "A/B"; a segment "*" = each item; NULL for parameters */
	const char *object_key;     /* for AWS::S3::Object targets: the path of the key ("Code/S3Key") */
	const char *target_type;    /* what must exist: "AWS::EC2::Subnet" */
	const char *by_property;    /* the value is this property of the target ("Name" of a
				       hosted zone), not its id or ARN; or NULL */
	unsigned match;             /* enum model_match bits (when by_property is NULL) */
	enum model_scope scope;     /* where it must exist */
	const char *region;         /* for MODEL_SCOPE_FIXED_REGION: "us-east-1"; else NULL */
	enum severity severity;     /* SEV_ERROR fails the create; SEV_WARNING does not */
	const char *unless;         /* regex: values it matches are not checked; or NULL */
	const char *message;        /* CloudFormation's message, with {placeholders} */
	const char *region_message; /* S3 bucket rules of scope region-any-account: the message
				       when the bucket is in another region; NULL: not judged */
	const char *fix;            /* what to create or change first, with {placeholders} */
	const char *source;         /* where the message was seen (for maintainers) */
	struct srcpos pos;          /* where the rule is written */
};

/* The existence rules of m's type (borrowed array of n rules). */
const struct model_rule *model_rules(const struct model *m, size_t *n);
/* The rule for a parameter type (borrowed) or NULL.  "List<T>" gives T's
 * rule with *is_list set; "AWS::SSM::Parameter::Value<T>" gives T's rule
 * (the SSM lookup itself is the caller's) with *via_ssm set. */
const struct model_rule *model_parameter_rule(struct model_set *ms, const char *param_type,
					      bool *is_list, bool *via_ssm,
					      struct diag_list *dl);

/* One value a rule checks. */
struct model_rule_hit {
	const struct value *value;      /* borrowed: the value at the rule's path */
	const struct value *object_key; /* borrowed: the S3 key beside it, or NULL */
	const char *path;               /* borrowed, valid during the call: "VpcConfig/SubnetIds/1" */
};
typedef void (*model_rule_fn)(void *ctx, const struct model_rule *r,
			      const struct model_rule_hit *hit);
/* Calls fn for every value at r's path in props (borrowed; a "*" segment
 * walks each list item).  Values are passed as they are, unknown ones included; a
 * value matching r->unless is skipped. */
void model_rule_walk(struct model_set *ms, const struct model_rule *r,
		     const struct value *props, model_rule_fn fn, void *ctx);

/* Placeholder values for rule messages and fixes (borrowed; NULL ones
 * leave their placeholder as written). */
struct model_rule_vars {
	const char *value;       /* {value}: the property or parameter value */
	const char *logical_id;  /* {logical_id}: the resource, or the parameter name */
	const char *property;    /* {property}: the path of the value */
	const char *region;      /* {region} */
	const char *account;     /* {account} */
	const char *partition;   /* {partition} */
	const char *target_arn;  /* {target_arn}: the ARN of the target named by value */
	const char *object_key;  /* {object_key}: the S3 key beside the bucket */
	const char *resource_arn; /* {resource_arn}: the ARN of the resource being created */
	const char *target_region; /* {target_region}: the region the target is in */
};
/* Returns text (a rule's message or fix) with its placeholders replaced
 * (new). */
char *model_rule_expand(const char *text, const struct model_rule_vars *vars);

/* Parses a list of rules (borrowed tree; the "rules" list of an overlay
 * file), appending them to *rules (a malloc'd array of *n, grown) with
 * strings borrowed from the tree.  Returns 0, or -1 with one error per
 * problem in dl ("FILE:LINE:COL: error: rule x: ..."). */
int model_rules_parse(const struct value *list, struct model_rule **rules, size_t *n,
		      struct diag_list *dl);

#endif
