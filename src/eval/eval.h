/*
 * eval.h - the resolver: parameters, pseudo parameters, Rules, conditions,
 * mappings and every intrinsic function, computed as CloudFormation would.
 *
 * One struct eval per stack.  The engine creates it, binds parameters
 * (before the template is opened, because Fn::ForEach needs them), expands
 * AWS::LanguageExtensions loops, attaches the opened template, evaluates
 * Rules and Conditions, then resolves each resource's properties in wave
 * order and finally the outputs.  The resolver never reads the account
 * state or resource models: everything it needs from them comes through
 * struct eval_hooks.
 *
 * Unknown is a value: anything computed from an unknown is unknown, with
 * the first reason kept.  AWS::NoValue is NULL: it removes the property or
 * list element that holds it.  Errors CloudFormation reports before any
 * resource go to the stack's finding list; errors that show only when a
 * resource is provisioned (a function whose arguments depend on a resource,
 * an import or Fn::GetAZs) go to that resource's list.
 */
#ifndef CFN_EVAL_H
#define CFN_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/finding.h"
#include "template/template.h"
#include "value/value.h"

/* What the resolver asks the rest of the engine.  Each function returns a
 * new value (never NULL unless documented); ctx is passed back as given. */
struct eval_hooks {
	void *ctx; /* the engine's state for these calls */
	/* Ref of resource logical_id (already known to be created). */
	struct value *(*resource_ref)(void *ctx, const char *logical_id, struct srcpos pos);
	/* Fn::GetAtt logical_id.attr; unknown when not computable. */
	struct value *(*resource_getatt)(void *ctx, const char *logical_id, const char *attr,
					 struct srcpos pos);
	/* The value of export name; NULL = no such export. */
	struct value *(*import_value)(void *ctx, const char *name, struct srcpos pos);
	/* Does an AWS resource of parameter type (AWS::EC2::VPC::Id...) with
	 * this value exist?  -1 unknown, 0 no, 1 yes. */
	int (*aws_param_exists)(void *ctx, const char *type, const char *value);
	/* The value of SSM parameter name (a string, a list for StringList, or
	 * unknown); NULL = no such parameter. */
	struct value *(*ssm_param_value)(void *ctx, const char *name, struct srcpos pos);
	/* Rules: every id of the AWS-specific parameter type (Fn::RefAll). */
	struct value *(*ref_all)(void *ctx, const char *type, struct srcpos pos);
	/* Rules: attribute attr of the AWS resource id of parameter type
	 * (Fn::ValueOf / Fn::ValueOfAll). */
	struct value *(*value_of)(void *ctx, const char *type, const char *id, const char *attr,
				  struct srcpos pos);
};

/* Where the stack is created. */
struct eval_env {
	const char *stack_name; /* borrowed */
	const char *account;    /* borrowed: 12 digits */
	const char *region;     /* borrowed: "us-east-1" */
	const struct value *given; /* borrowed map name -> scalar value (--param; a nested
				      stack's Parameters, where unknown values bind as
				      unknown), or NULL */
};

/* Three-valued results of conditions and rules. */
enum eval_tri {
	EVAL_FALSE = 0,
	EVAL_TRUE = 1,
	EVAL_UNKNOWN = 2,
};

struct eval;
struct value_arena;

/* ---- Life cycle ---- */

/* Returns a new resolver for env (borrowed, must outlive it) calling hooks
 * (copied). */
struct eval *eval_new(const struct eval_env *env, const struct eval_hooks *hooks);
/* Frees ev; NULL is fine. */
void eval_free(struct eval *ev);

/* ---- Stack-level phase, in this order ---- */

/* Binds the parameters declared in root's Parameters section (root
 * borrowed) to the given values or defaults, checking every constraint;
 * problems become stack findings in fl. */
void eval_bind_parameters(struct eval *ev, const struct value *root, struct finding_list *fl);
/* True when root's Transform names AWS::LanguageExtensions. */
bool eval_has_language_extensions(const struct value *root);
/* Expands every Fn::ForEach loop of root in place (Conditions, Resources,
 * Outputs, and maps inside them); errors in fl.  Call after binding. */
void eval_expand_foreach(struct eval *ev, struct value *root, struct finding_list *fl);
/* Attaches the opened template t (borrowed, must outlive ev's later calls)
 * and checks the Mappings section; findings in fl. */
void eval_attach(struct eval *ev, const struct template *t, struct finding_list *fl);
/* Evaluates the Rules section: a false assertion is a stack finding. */
void eval_rules(struct eval *ev, struct finding_list *fl);
/* Evaluates every condition and each resource's and output's Condition. */
void eval_conditions(struct eval *ev, struct finding_list *fl);
/* True when some stack-level outcome could not be decided (a parameter
 * value or a rule the state does not tell). */
bool eval_stack_uncertain(const struct eval *ev);

/* ---- Per resource and outputs ---- */

/* The truth of resource i's Condition (EVAL_TRUE when it has none); when
 * EVAL_UNKNOWN, *reason (borrowed) says why. */
enum eval_tri eval_resource_condition(const struct eval *ev, size_t i, const char **reason);
/* Makes eval_resource_properties build its results in arena a (borrowed,
 * must outlive them; NULL: on the heap, the default). */
void eval_set_arena(struct eval *ev, struct value_arena *a);
/* Resolves resource i's Properties.  Returns new (NULL when it has none or
 * all resolve to AWS::NoValue): a node of the arena eval_set_arena gave,
 * else a heap tree.  Template-level errors go to stack_fl, errors that
 * show only when the resource is created to res_fl. */
struct value *eval_resource_properties(struct eval *ev, size_t i,
				       struct finding_list *stack_fl,
				       struct finding_list *res_fl);
/* Resolves the outputs whose condition holds: returns a new map name ->
 * value (string or unknown) and, when exports is not NULL, a new map
 * export name -> value.  Errors in fl. */
struct value *eval_outputs(struct eval *ev, struct finding_list *fl, struct value **exports);

/* ---- Reading the bound state ---- */

/* The bound value of parameter name (borrowed) or NULL. */
const struct value *eval_parameter(const struct eval *ev, const char *name);
/* The partition of a region: "aws", "aws-cn", "aws-us-gov", ... */
const char *eval_partition(const char *region);
/* The URL suffix of a partition: "amazonaws.com", "amazonaws.com.cn", ... */
const char *eval_url_suffix(const char *partition);

#endif
