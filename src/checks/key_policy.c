/*
 * key_policy.c - resources encrypted with a KMS key whose create fails
 * when the key policy does not let the service use the key
 * (/work/notes/cfn-messages-prereq.md section 6): CloudWatch Logs log
 * groups (logs.REGION.amazonaws.com, with the log group's ARN as
 * encryption context) and CloudTrail trails (cloudtrail.amazonaws.com).
 * The key policy is the one of the key in the state, which includes a key
 * created earlier by this stack (its resolved KeyPolicy); a key without a
 * KeyPolicy has KMS's default policy, which admits only the account.
 * Secrets are encrypted by the deploying principal, which the state does
 * not name: a key policy that does not admit the account is uncertain.
 * A missing key is the existence rules' (models/overlay/aws-logs.yaml).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* What one encrypted type asks of its key. */
struct key_use {
	const char *type;        /* the resource type */
	const char *property;    /* the property naming the key */
	const char *service;     /* "logs" -> logs.REGION.amazonaws.com; NULL: the account itself */
	bool regional_principal; /* the service principal carries the region */
	const char *context_key; /* encryption context key holding the resource ARN, or NULL */
	const char *actions[4];  /* what the service must be allowed (NULL-terminated) */
};

static const struct key_use uses[] = {
	{ "AWS::Logs::LogGroup", "KmsKeyId", "logs", true, "kms:EncryptionContext:aws:logs:arn",
	  { "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", NULL } },
	{ "AWS::CloudTrail::Trail", "KMSKeyId", "cloudtrail", false,
	  "kms:EncryptionContext:aws:cloudtrail:arn", { "kms:GenerateDataKey", NULL, NULL, NULL } },
	{ "AWS::SecretsManager::Secret", "KmsKeyId", NULL, false, NULL,
	  { "kms:GenerateDataKey", "kms:Decrypt", NULL, NULL } },
};

/* KMS's default key policy: the account, through IAM, may do everything. */
static struct policy *default_policy(const char *partition, const char *account)
{
	char *text = xstrfmt("{\"Statement\": [{\"Sid\": \"Enable IAM User Permissions\", \"Effect\": "
			     "\"Allow\", \"Principal\": {\"AWS\": \"arn:%s:iam::%s:root\"}, \"Action\": "
			     "\"kms:*\", \"Resource\": \"*\"}]}", partition, account);
	struct value *v = value_string_take(SRCPOS_NONE, text);
	char *err = NULL;
	struct policy *p = policy_parse(v, &err);

	value_free(v);
	free(err);
	return p;
}

/* The ARN the service puts in the encryption context. */
static char *resource_arn(const struct check_env *env, const struct check_resource *r)
{
	const char *name = r->physical_id;

	if (!strcmp(r->type, "AWS::Logs::LogGroup"))
		return xstrfmt("arn:%s:logs:%s:%s:log-group:%s", env->partition, env->deploy->region,
			       env->deploy->account, name);
	if (!strcmp(r->type, "AWS::CloudTrail::Trail"))
		return xstrfmt("arn:%s:cloudtrail:%s:%s:trail/%s", env->partition, env->deploy->region,
			       env->deploy->account, name);
	return xstrfmt("arn:%s:secretsmanager:%s:%s:secret:%s", env->partition, env->deploy->region,
		       env->deploy->account, name);
}

static char *failure_message(const struct check_env *env, const struct check_resource *r,
			     const char *key, const char *arn)
{
	if (!strcmp(r->type, "AWS::Logs::LogGroup"))
		return xstrfmt("Resource handler returned message: \"The specified KMS key does not "
			       "exist or is not allowed to be used with Arn '%s' (Service: "
			       "CloudWatchLogs, Status Code: 400)\"", arn);
	if (!strcmp(r->type, "AWS::CloudTrail::Trail")) {
		const char *bucket = value_str(value_map_get(r->props, "S3BucketName"));
		return xstrfmt("Resource handler returned message: \"Invalid request provided: "
			       "Insufficient permissions to access S3 bucket %s or KMS key %s.\"",
			       bucket ? bucket : "(unknown)", key);
	}
	(void)env;
	return xstrfmt("Access to KMS is not allowed (Service: AWSSecretsManager; Status Code: 400; "
		       "Error Code: AccessDeniedException)");
}

/* Evaluates every action; returns the worst decision and its reason. */
static enum policy_decision evaluate(const struct policy *p, const struct key_use *u,
				     const char *service, const char *principal,
				     const char *key_arn, const char *arn, char **reason)
{
	const char *vals[] = { arn, NULL };
	struct policy_ctx ctx[1] = { { u->context_key, vals } };
	enum policy_decision worst = POLICY_ALLOW;
	size_t i;

	*reason = NULL;
	for (i = 0; u->actions[i]; i++) {
		struct policy_request req = { service, principal, u->actions[i], key_arn, ctx,
					      u->context_key ? 1 : 0 };
		struct policy_result res;

		policy_evaluate(p, &req, &res);
		/* a denial outranks an uncertainty, which outranks an allow */
		if (res.decision != POLICY_ALLOW &&
		    (worst == POLICY_ALLOW ||
		     (worst == POLICY_UNCERTAIN && res.decision != POLICY_UNCERTAIN))) {
			worst = res.decision;
			free(*reason);
			*reason = res.reason;
			res.reason = NULL;
		}
		policy_result_free(&res);
	}
	return worst;
}

static void report(const struct check_env *env, const struct check_resource *r,
		   const struct key_use *u, const char *key, const char *principal,
		   enum policy_decision d, const char *why, struct check_sink *sink)
{
	char *path = check_path(r, u->property), *arn = resource_arn(env, r), *msg;
	struct srcpos pos = check_pos(r, u->property);
	struct finding *f;

	if (d == POLICY_UNCERTAIN || (!u->service && d != POLICY_DENY)) {
		f = check_uncertain(sink, FC_KEY_POLICY, pos, path, "whether the key policy of %s lets "
				    "%s use the key cannot be told: %s", key, principal, why);
		finding_set_fix(f, "state the key policy in full, or allow %s kms:%s on the key "
			       "unconditionally", principal, u->service ? "Encrypt*/Decrypt*/GenerateDataKey*"
								      : "GenerateDataKey/Decrypt");
	} else {
		msg = failure_message(env, r, key, arn);
		f = check_fail(sink, FC_KEY_POLICY, pos, path, "%s", msg);
		finding_set_fix(f, "add a key policy statement allowing %s %s on key %s%s%s%s%s (%s)",
				principal, u->actions[1] ? "kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, "
						       "kms:GenerateDataKey* and kms:Describe*"
						     : "kms:GenerateDataKey* and kms:DescribeKey",
				key, u->context_key ? ", any condition on " : "",
				u->context_key ? u->context_key : "",
				u->context_key ? " matching " : "", u->context_key ? arn : "", why);
		free(msg);
	}
	free(arn);
	free(path);
}

static void check_use(const struct check_env *env, const struct check_resource *r,
		      const struct key_use *u, struct check_sink *sink)
{
	const char *key = value_str(value_map_get(r->props, u->property));
	const struct state_res *k = key ? lookup_kms_key(env, key) : NULL;
	const struct value *doc;
	char *service = NULL, *principal, *arn, *err = NULL, *why = NULL, *kregion;
	const char *who;
	struct policy *p;
	enum policy_decision d;

	if (!k)
		return; /* not a known string, or a missing key: the existence rule says so */
	doc = value_map_get(k->props, "KeyPolicy");
	if (doc && doc->kind == VALUE_UNKNOWN)
		return;
	p = doc ? policy_parse(doc, &err) : default_policy(env->partition, k->account);
	if (!p) {
		free(err);
		return; /* KMS itself refuses such a key: its own create fails */
	}
	if (u->service)
		service = u->regional_principal ? xstrfmt("%s.%s.amazonaws.com", u->service,
							  env->deploy->region)
						: xstrfmt("%s.amazonaws.com", u->service);
	principal = xstrfmt("arn:%s:iam::%s:root", env->partition, env->deploy->account);
	arn = resource_arn(env, r);
	kregion = xstrdup(k->region);
	who = service ? service : principal;
	d = evaluate(p, u, service, service ? NULL : principal,
		     key, arn, &why);
	if (u->service && strcmp(kregion, env->deploy->region)) {
		d = POLICY_IMPLICIT_DENY;
		free(why);
		why = xstrfmt("the key is in %s; the service only uses keys of its own region %s",
			      kregion, env->deploy->region);
	} else if (d == POLICY_IMPLICIT_DENY && u->regional_principal) {
		/* a global service principal is not the documented one: say so */
		char *global = xstrfmt("%s.amazonaws.com", u->service), *why2 = NULL;
		if (evaluate(p, u, global, NULL, key, arn, &why2) == POLICY_ALLOW) {
			d = POLICY_UNCERTAIN;
			free(why);
			why = xstrfmt("the policy names %s, but the service documents the regional "
				      "principal %s", global, service);
		}
		free(why2);
		free(global);
	}
	if (d != POLICY_ALLOW)
		report(env, r, u, key, who, d, why ? why : "", sink);
	free(kregion);
	free(why);
	free(arn);
	free(principal);
	free(service);
	policy_free(p);
}

void check_key_policy(const struct check_env *env, const struct check_resource *r,
		      struct check_sink *sink)
{
	size_t i;

	for (i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
		if (!strcmp(uses[i].type, r->type))
			check_use(env, r, &uses[i], sink);
}
