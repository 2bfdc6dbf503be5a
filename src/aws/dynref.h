/*
 * dynref.h - CloudFormation dynamic references inside strings:
 *   {{resolve:ssm:NAME[:VERSION]}}, {{resolve:ssm-secure:NAME[:VERSION]}},
 *   {{resolve:secretsmanager:ID[:SecretString[:JSON-KEY[:STAGE[:VERSION-ID]]]]}}
 * where NAME may be a parameter ARN and ID a secret name, partial ARN or
 * full ARN.  A reference whose parts do not fit (a version that is not a
 * number, a second secrets segment other than SecretString, too many
 * segments) is marked malformed: CloudFormation rejects the template.
 */
#ifndef CFN_DYNREF_H
#define CFN_DYNREF_H

#include <stdbool.h>
#include <stddef.h>

enum dynref_service {
	DYNREF_SSM = 1,
	DYNREF_SSM_SECURE,
	DYNREF_SECRETSMANAGER,
};

struct dynref {
	enum dynref_service service;
	char *text;          /* owned: the whole "{{resolve:...}}" */
	size_t offset;       /* where it starts in the scanned string */
	char *name;          /* owned: parameter name or secret id */
	char *version;       /* owned: ssm version, or NULL for the latest */
	char *json_key;      /* owned or NULL (secretsmanager) */
	char *version_stage; /* owned or NULL (secretsmanager) */
	char *version_id;    /* owned or NULL (secretsmanager) */
	bool malformed;      /* the parts do not fit the syntax */
};

struct dynref_list {
	struct dynref *items; /* owned */
	size_t n, cap;
};

/* Appends every dynamic reference in s to out (which must be initialised
 * zeroed).  Text that only looks like one ({{resolve:other:..}}) is not. */
void dynref_scan(const char *s, struct dynref_list *out);
/* Frees the references and empties the list. */
void dynref_list_free(struct dynref_list *l);
/* Calls fn (when not NULL) for each dynamic reference in s, in order (d
 * borrowed, valid during the call); returns how many there are. */
size_t dynref_each(const char *s, void (*fn)(void *ctx, const struct dynref *d), void *ctx);
/* "ssm", "ssm-secure", "secretsmanager". */
const char *dynref_service_name(enum dynref_service s);

/* The parameter name an ssm reference names (new): NAME as written, or,
 * for an ARN arn:P:ssm:R:A:parameter/NAME, "/NAME" when NAME is a path
 * ("parameter/a/b" -> "/a/b") and NAME otherwise.  *account and *region
 * receive the ARN's account and region (new), or NULL when name is not a
 * parameter ARN. */
char *dynref_ssm_name(const char *name, char **account, char **region);
/* True when a secret id that is not an ARN ends with a hyphen and six
 * letters or digits: Secrets Manager reads it as a partial ARN (a name plus
 * the random suffix of the secret's ARN), not as a name. */
bool dynref_secret_suffixed(const char *id);

#endif
