/*
 * state_ext.c - the extensions of the state format beyond SPEC section 2's
 * example: the extra keys of a resource (Objects, SecretKeys, ImageTags,
 * a certificate's Status), an account's organization: map (StackSets
 * trusted access) and the named quotas (Lambda concurrency).  README.md
 * and the man page (ACCOUNT STATE) document each of them.
 */
#include "state/state_impl.h"
#include "util/xalloc.h"

#include <string.h>

static const struct {
	const char *key;  /* the extra key */
	const char *type; /* the only type that has it */
} extra_keys[] = {
	{ "Objects", "AWS::S3::Bucket" },
	{ "SecretKeys", "AWS::SecretsManager::Secret" },
	{ "ImageTags", "AWS::ECR::Repository" },
	{ "Status", "AWS::CertificateManager::Certificate" },
};

/* ACM's certificate statuses (DescribeCertificate). */
static const char *const cert_statuses[] = {
	"PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT",
	"REVOKED", "FAILED", NULL,
};

/* Quotas that are not a count of one resource type. */
static const char *const named_quotas[] = {
	"Lambda.ConcurrentExecutions",          /* the account's concurrency in the region */
	"Lambda.UnreservedConcurrencyMinimum",  /* what must stay unreserved (AWS: 100) */
	NULL,
};

int state_extra_key(const char *key, const char *type, const char **owner)
{
	size_t i;
	int found = -1;

	for (i = 0; i < sizeof(extra_keys) / sizeof(extra_keys[0]); i++) {
		if (strcmp(extra_keys[i].key, key))
			continue;
		if (!strcmp(extra_keys[i].type, type))
			return 1;
		*owner = extra_keys[i].type;
		found = 0;
	}
	return found;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

int state_check_extra(const char *key, const struct value *v, struct diag_list *dl)
{
	int errors = 0;

	if (!strcmp(key, "Status")) {
		if (!value_str(v) || !in_list(cert_statuses, value_str(v))) {
			diag_error(dl, v->pos, "Status must be one of PENDING_VALIDATION, ISSUED, INACTIVE, "
				   "EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED");
			return 1;
		}
		return 0;
	}
	if (v->kind != VALUE_LIST) {
		diag_error(dl, v->pos, "%s must be a list, not a %s", key, value_kind_name(v->kind));
		return 1;
	}
	VALUE_LIST_FOREACH(v, it)
		if (!value_str(*it) && (*it)->kind != VALUE_NUMBER) {
			diag_error(dl, (*it)->pos, "%s entries must be strings", key);
			errors++;
		}
	return errors;
}

bool state_named_quota(const char *name)
{
	return in_list(named_quotas, name);
}

int state_load_organization(struct state_account *a, const struct value *v, struct diag_list *dl)
{
	int errors = 0;

	if (v->kind != VALUE_MAP) {
		diag_error(dl, v->pos, "organization must be a map (role, stacksets_trusted_access)");
		return 1;
	}
	VALUE_MAP_FOREACH(v, e) {
		const char *s = value_str(e->val);

		if (!strcmp(e->key, "role")) {
			if (s && !strcmp(s, "management"))
				a->org_role = STATE_ORG_MANAGEMENT;
			else if (s && !strcmp(s, "delegated_admin"))
				a->org_role = STATE_ORG_DELEGATED;
			else if (s && !strcmp(s, "member"))
				a->org_role = STATE_ORG_MEMBER;
			else {
				diag_error(dl, e->val->pos, "role must be management, delegated_admin or member");
				errors++;
			}
		} else if (!strcmp(e->key, "stacksets_trusted_access")) {
			if (e->val->kind != VALUE_BOOL) {
				diag_error(dl, e->val->pos, "stacksets_trusted_access must be true or false");
				errors++;
			} else {
				a->stacksets_trusted_access = e->val->u.boolean;
			}
		} else {
			diag_error(dl, e->key_pos, "unknown key \"%s\" in organization (expected role or "
				   "stacksets_trusted_access)", e->key);
			errors++;
		}
	}
	return errors;
}

enum state_org_role state_org_role(const struct state *st, const char *account)
{
	const struct state_account *a = state_account_get((struct state *)st, account, false);

	return a ? a->org_role : STATE_ORG_NONE;
}

bool state_stacksets_trusted_access(const struct state *st, const char *account)
{
	const struct state_account *a = state_account_get((struct state *)st, account, false);

	return a && a->stacksets_trusted_access;
}
