/*
 * policy_int.h - the parsed form of a policy document, shared by
 * policy.c (parsing) and policy_eval.c (evaluation).  Nothing outside
 * src/aws includes it.
 */
#ifndef CFN_POLICY_INT_H
#define CFN_POLICY_INT_H

#include "aws/policy.h"
#include "util/strlist.h"

/* A list of patterns (actions, resources, principals of one kind,
 * condition values). */
struct pol_list {
	struct strlist items; /* the known entries */
	bool unknown;         /* some entry is a value not known before the create */
};

enum pol_principal_kind {
	PRINCIPAL_ANY = 1, /* "*" or {"AWS": "*"} */
	PRINCIPAL_AWS,     /* account ids, account roots, role and user ARNs */
	PRINCIPAL_SERVICE, /* "logs.us-east-1.amazonaws.com" */
	PRINCIPAL_OTHER,   /* Federated, CanonicalUser: never the principals asked about */
};

struct pol_principal {
	enum pol_principal_kind kind; /* which key it came from */
	struct pol_list values;       /* its values (empty for PRINCIPAL_ANY) */
};

struct pol_condition {
	char *op;              /* owned operator as written: "ForAnyValue:StringLikeIfExists" */
	char *key;             /* owned context key */
	struct pol_list values; /* the values it is compared with */
	struct srcpos pos;     /* where the key is written */
};

struct pol_statement {
	bool allow;                       /* Effect: Allow (else Deny) */
	bool has_principal;               /* Principal or NotPrincipal given (trust and key policies) */
	bool not_principal;               /* NotPrincipal */
	struct pol_principal *principals; /* owned, n_principals */
	size_t n_principals;
	bool not_action;                  /* NotAction */
	struct pol_list actions;          /* Action / NotAction */
	bool has_resource;                /* Resource or NotResource given */
	bool not_resource;                /* NotResource */
	struct pol_list resources;        /* Resource / NotResource */
	struct pol_condition *conds;      /* owned, n_conds */
	size_t n_conds;
	char *sid;                        /* owned Sid, or NULL */
	struct srcpos pos;                /* where the statement is written */
};

struct policy {
	struct pol_statement *st; /* owned statements */
	size_t n;
	struct srcpos pos;        /* the document */
};

/* Evaluates one condition: YES, NO or MAYBE (with *why set to a new
 * reason for MAYBE).  policy_cond.c. */
enum policy_tri policy_condition_eval(const struct pol_condition *c,
				      const struct policy_request *req, char **why);

#endif
