/*
 * param.h - parameter types and constraint checks, shared by params.c
 * (binding) and param_check.c (constraints).  Internal to src/eval.
 */
#ifndef CFN_EVAL_PARAM_H
#define CFN_EVAL_PARAM_H

#include <stdbool.h>

#include "engine/finding.h"
#include "value/value.h"

enum param_kind {
	PT_INVALID = 0,
	PT_STRING,      /* String */
	PT_NUMBER,      /* Number */
	PT_LIST_NUMBER, /* List<Number> */
	PT_LIST,        /* CommaDelimitedList */
	PT_AWS,         /* AWS::EC2::VPC::Id and the other AWS-specific types */
	PT_LIST_AWS,    /* List<AWS-specific type> */
	PT_SSM_NAME,    /* AWS::SSM::Parameter::Name */
	PT_SSM_VALUE,   /* AWS::SSM::Parameter::Value<...> */
};

struct param_type {
	enum param_kind kind; /* what the Type declares */
	const char *aws;      /* static: the AWS-specific type (element type for lists), or NULL */
	bool ssm_list;        /* an SSM Value<> whose value is a list */
};

/* Classifies a Type string into *pt; returns 0, or -1 when CloudFormation
 * does not know the type. */
int param_classify(const char *type, struct param_type *pt);
/* Splits a comma-delimited value into a new list of space-trimmed strings. */
struct value *param_split(struct srcpos pos, const char *text);
/* Checks text against def's constraints (def borrowed), adding one finding
 * (the first failing constraint, in CloudFormation's order) to fl.
 * Returns 0 when it passes, -1 when not. */
int param_check(const char *name, const struct value *def, const struct param_type *pt,
		const char *text, struct srcpos pos, struct finding_list *fl);

#endif
