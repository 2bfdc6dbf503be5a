/*
 * policy.h - IAM policy documents (KMS key policies, role trust policies):
 * parsing a document into statements, and evaluating one request against
 * them with IAM's semantics: an explicit Deny wins, then an Allow, else the
 * request is implicitly denied.
 *
 * The evaluation is three-valued: a condition whose key the request does
 * not give, or whose operator is not evaluated offline (IpAddress, dates,
 * policy variables), makes the statement "maybe", and a decision that
 * hinges on it is POLICY_UNCERTAIN with the reason.  Nothing is guessed.
 */
#ifndef CFN_POLICY_H
#define CFN_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/srcpos.h"
#include "value/value.h"

enum policy_decision {
	POLICY_INVALID = 0,
	POLICY_ALLOW,         /* an Allow statement matches and no Deny does */
	POLICY_DENY,          /* an explicit Deny matches */
	POLICY_IMPLICIT_DENY, /* no statement allows the request */
	POLICY_UNCERTAIN,     /* the outcome hinges on what cannot be evaluated */
};

/* Three-valued truth of one match. */
enum policy_tri {
	POLICY_NO = 0,
	POLICY_YES,
	POLICY_MAYBE,
};

/* One condition context key and its value(s). */
struct policy_ctx {
	const char *key;            /* "kms:EncryptionContext:aws:logs:arn" (case-insensitive) */
	const char *const *values;  /* NULL-terminated; NULL: the key is known to be absent */
};

/* What is asked: may this principal do this action on this resource? */
struct policy_request {
	const char *service;        /* service principal "logs.us-east-1.amazonaws.com", or NULL */
	const char *principal_arn;  /* "arn:aws:iam::111111111111:root" or a role ARN, or NULL */
	const char *action;         /* "kms:GenerateDataKey" */
	const char *resource;       /* the resource ARN, or NULL ("*" in a key policy) */
	const struct policy_ctx *ctx; /* context keys, n_ctx of them (borrowed) */
	size_t n_ctx;
};

struct policy;

struct policy_result {
	enum policy_decision decision; /* the outcome */
	char *reason;                  /* owned: why (the deciding statement, or what is unknown) */
	struct srcpos pos;             /* the deciding statement, or the document */
};

/* ---- Parsing ---- */

/* Parses a policy document: a map (Version, Statement), or a string holding
 * its JSON (borrowed).  Returns new, or NULL with *err set to a new message
 * when it is not a policy document. */
struct policy *policy_parse(const struct value *doc, char **err);
/* Frees p; NULL is fine. */
void policy_free(struct policy *p);
/* Number of statements (for tests). */
size_t policy_statement_count(const struct policy *p);

/* ---- Evaluation ---- */

/* Evaluates req against p (both borrowed); fills *out (reason new). */
void policy_evaluate(const struct policy *p, const struct policy_request *req,
		     struct policy_result *out);
/* Frees the reason of r. */
void policy_result_free(struct policy_result *r);
/* "allow", "deny", "implicit deny", "uncertain". */
const char *policy_decision_name(enum policy_decision d);

/* ---- Matching helpers (also used by the checks) ---- */

/* IAM wildcard match: '*' any run, '?' one character; icase folds ASCII
 * case.  Iterative (no recursion). */
bool policy_wildcard(const char *pattern, const char *text, bool icase);
/* ArnLike: both ARNs split into their six parts, each part matched with
 * wildcards (the resource part may hold ':').  False when text is not an
 * ARN. */
bool policy_arn_like(const char *pattern, const char *text);

#endif
