/*
 * policy_cond.c - IAM condition operators (the table below): String*,
 * Arn*, Numeric*, Bool and Null, each with the IfExists suffix and the
 * ForAnyValue: / ForAllValues: set qualifiers.  A key the request does not
 * give, an operator not in the table (IpAddress, Date*, Binary*) and a
 * policy variable (${aws:username}) make the condition MAYBE.
 */
#include "aws/policy_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum op_kind {
	OP_STRING = 1, /* exact or case-folded comparison */
	OP_LIKE,       /* wildcards */
	OP_ARN,        /* ARN parts with wildcards (ArnEquals behaves as ArnLike) */
	OP_NUMERIC,    /* numbers */
	OP_BOOL,       /* "true" / "false" */
	OP_NULL,       /* presence of the key */
};

enum num_cmp { CMP_EQ = 1, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

static const struct op {
	const char *name;  /* operator without qualifier or IfExists */
	enum op_kind kind; /* how values compare */
	bool negated;      /* true for the Not operators */
	bool icase;        /* case-insensitive strings */
	enum num_cmp cmp;  /* numeric comparison */
} ops[] = {
	{ "StringEquals", OP_STRING, false, false, 0 },
	{ "StringNotEquals", OP_STRING, true, false, 0 },
	{ "StringEqualsIgnoreCase", OP_STRING, false, true, 0 },
	{ "StringNotEqualsIgnoreCase", OP_STRING, true, true, 0 },
	{ "StringLike", OP_LIKE, false, false, 0 },
	{ "StringNotLike", OP_LIKE, true, false, 0 },
	{ "ArnEquals", OP_ARN, false, false, 0 },
	{ "ArnLike", OP_ARN, false, false, 0 },
	{ "ArnNotEquals", OP_ARN, true, false, 0 },
	{ "ArnNotLike", OP_ARN, true, false, 0 },
	{ "NumericEquals", OP_NUMERIC, false, false, CMP_EQ },
	{ "NumericNotEquals", OP_NUMERIC, true, false, CMP_EQ },
	{ "NumericLessThan", OP_NUMERIC, false, false, CMP_LT },
	{ "NumericLessThanEquals", OP_NUMERIC, false, false, CMP_LE },
	{ "NumericGreaterThan", OP_NUMERIC, false, false, CMP_GT },
	{ "NumericGreaterThanEquals", OP_NUMERIC, false, false, CMP_GE },
	{ "Bool", OP_BOOL, false, false, 0 },
	{ "Null", OP_NULL, false, false, 0 },
};

enum qualifier { Q_NONE = 0, Q_ANY, Q_ALL };

static const struct op *find_op(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strlen(ops[i].name) == len && !strncmp(ops[i].name, name, len))
			return &ops[i];
	return NULL;
}

static bool number(const char *s, double *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtod(s, &end);
	return !*end;
}

/* Does one request value match one policy value (before negation)? */
static bool value_match(const struct op *op, const char *pattern, const char *value)
{
	double a, b;

	switch (op->kind) {
	case OP_STRING:
		return op->icase ? !strcasecmp(pattern, value) : !strcmp(pattern, value);
	case OP_LIKE:
		return policy_wildcard(pattern, value, false);
	case OP_ARN:
		return policy_arn_like(pattern, value);
	case OP_NUMERIC:
		if (!number(value, &a) || !number(pattern, &b))
			return false;
		return op->cmp == CMP_EQ ? a == b : op->cmp == CMP_LT ? a < b : op->cmp == CMP_LE ? a <= b
		       : op->cmp == CMP_GT ? a > b : a >= b;
	case OP_BOOL:
		return !strcasecmp(pattern, value);
	default:
		return false;
	}
}

/* Does request value v match any policy value?  MAYBE when a policy value
 * is unknown or holds a policy variable and none matched. */
static enum policy_tri any_pattern(const struct op *op, const struct pol_list *pv, const char *v)
{
	bool maybe = pv->unknown;
	size_t i;

	for (i = 0; i < pv->items.n; i++) {
		if (strstr(pv->items.items[i], "${")) {
			maybe = true;
			continue;
		}
		if (value_match(op, pv->items.items[i], v))
			return POLICY_YES;
	}
	return maybe ? POLICY_MAYBE : POLICY_NO;
}

/* Per request value: does it satisfy the (possibly negated) operator? */
static enum policy_tri one_value(const struct op *op, const struct pol_list *pv, const char *v)
{
	enum policy_tri t = any_pattern(op, pv, v);

	if (!op->negated)
		return t;
	return t == POLICY_MAYBE ? POLICY_MAYBE : t == POLICY_YES ? POLICY_NO : POLICY_YES;
}

static const struct policy_ctx *find_key(const struct policy_request *req, const char *key)
{
	size_t i;

	for (i = 0; i < req->n_ctx; i++)
		if (!strcasecmp(req->ctx[i].key, key))
			return &req->ctx[i];
	return NULL;
}

static enum policy_tri eval_null(const struct pol_condition *c, const struct policy_ctx *k,
				 char **why)
{
	bool want_absent;

	if (c->values.unknown || c->values.items.n != 1) {
		*why = xstrfmt("the Null condition on %s has no single true/false value", c->key);
		return POLICY_MAYBE;
	}
	if (!k) {
		*why = xstrfmt("whether the request carries %s is not known offline", c->key);
		return POLICY_MAYBE;
	}
	want_absent = !strcasecmp(c->values.items.items[0], "true");
	return (k->values == NULL) == want_absent ? POLICY_YES : POLICY_NO;
}

enum policy_tri policy_condition_eval(const struct pol_condition *c,
				      const struct policy_request *req, char **why)
{
	const char *name = c->op;
	enum qualifier q = Q_NONE;
	size_t len;
	bool if_exists = false, any_maybe = false, any_yes = false, any_no = false, all_yes = true;
	const struct policy_ctx *k;
	const struct op *op;
	size_t i;

	*why = NULL;
	if (!strncmp(name, "ForAnyValue:", 12)) {
		q = Q_ANY;
		name += 12;
	} else if (!strncmp(name, "ForAllValues:", 13)) {
		q = Q_ALL;
		name += 13;
	}
	len = strlen(name);
	if (len > 8 && !strcmp(name + len - 8, "IfExists")) {
		if_exists = true;
		len -= 8;
	}
	op = find_op(name, len);
	if (!op) {
		*why = xstrfmt("the condition operator %s is not evaluated offline", c->op);
		return POLICY_MAYBE;
	}
	k = find_key(req, c->key);
	if (op->kind == OP_NULL)
		return eval_null(c, k, why);
	if (!k) {
		*why = xstrfmt("the request's %s is not known offline (condition %s)", c->key, c->op);
		return POLICY_MAYBE;
	}
	if (!k->values || !k->values[0]) {
		/* absent: IfExists and ForAllValues hold vacuously, negations hold */
		if (if_exists || q == Q_ALL || (q == Q_NONE && op->negated))
			return POLICY_YES;
		return POLICY_NO;
	}
	for (i = 0; k->values[i]; i++) {
		enum policy_tri t = one_value(op, &c->values, k->values[i]);

		any_yes |= t == POLICY_YES;
		any_maybe |= t == POLICY_MAYBE;
		any_no |= t == POLICY_NO;
		all_yes &= t == POLICY_YES;
	}
	if (q == Q_ALL ? all_yes : any_yes)
		return POLICY_YES;
	if (any_maybe && !(q == Q_ALL && any_no)) {
		*why = xstrfmt("the condition %s on %s compares with a value not known offline", c->op,
			       c->key);
		return POLICY_MAYBE;
	}
	return POLICY_NO;
}
