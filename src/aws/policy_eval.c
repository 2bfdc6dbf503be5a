/*
 * policy_eval.c - evaluating a request against a parsed policy (see
 * policy.h): each statement matches YES, NO or MAYBE (principal, action,
 * resource and every condition, combined with three-valued AND); then an
 * explicit Deny wins, an Allow allows, and nothing means an implicit deny.
 * A MAYBE that could change the outcome makes it uncertain.
 */
#include "aws/policy_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool policy_wildcard(const char *pat, const char *s, bool icase)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		char pc = icase ? (char)tolower((unsigned char)*pat) : *pat;
		char sc = icase ? (char)tolower((unsigned char)*s) : *s;

		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat && (*pat == '?' || pc == sc)) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* The six parts of an ARN (the resource part keeps its colons), as
 * pointers into a new copy (*buf); false when s has fewer than six. */
static bool arn_parts(const char *s, char **buf, char *parts[6])
{
	char *p;
	int i;

	*buf = xstrdup(s);
	p = *buf;
	for (i = 0; i < 5; i++) {
		char *colon = strchr(p, ':');
		if (!colon) {
			free(*buf);
			*buf = NULL;
			return false;
		}
		parts[i] = p;
		*colon = '\0';
		p = colon + 1;
	}
	parts[5] = p;
	return true;
}

bool policy_arn_like(const char *pattern, const char *text)
{
	char *pb, *tb, *pp[6], *tp[6];
	bool ok = true;
	int i;

	if (strncmp(text, "arn:", 4) || !arn_parts(pattern, &pb, pp))
		return false;
	if (!arn_parts(text, &tb, tp)) {
		free(pb);
		return false;
	}
	for (i = 0; i < 6 && ok; i++)
		ok = policy_wildcard(pp[i], tp[i], false);
	free(pb);
	free(tb);
	return ok;
}

/* ---- Three-valued helpers ---- */

static enum policy_tri tri_and(enum policy_tri a, enum policy_tri b)
{
	if (a == POLICY_NO || b == POLICY_NO)
		return POLICY_NO;
	if (a == POLICY_MAYBE || b == POLICY_MAYBE)
		return POLICY_MAYBE;
	return POLICY_YES;
}

static enum policy_tri tri_not(enum policy_tri a)
{
	return a == POLICY_MAYBE ? POLICY_MAYBE : a == POLICY_YES ? POLICY_NO : POLICY_YES;
}

/* Does any pattern of l match text?  An unknown entry makes a miss MAYBE. */
static enum policy_tri list_match(const struct pol_list *l, const char *text, bool icase)
{
	size_t i;

	for (i = 0; i < l->items.n; i++)
		if (policy_wildcard(l->items.items[i], text, icase))
			return POLICY_YES;
	return l->unknown ? POLICY_MAYBE : POLICY_NO;
}

/* ---- Principal ---- */

/* The account of an account-root principal ("111111111111" or
 * "arn:aws:iam::111111111111:root"), borrowed into buf, or NULL. */
static const char *root_account(const char *p, char buf[13])
{
	size_t n;

	if (strlen(p) == 12 && strspn(p, "0123456789") == 12)
		return p;
	if (strncmp(p, "arn:", 4) || !strstr(p, ":iam::") || strcmp(p + strlen(p) - 5, ":root"))
		return NULL;
	p = strstr(p, ":iam::") + 6;
	n = strspn(p, "0123456789");
	if (n != 12 || strcmp(p + 12, ":root"))
		return NULL;
	memcpy(buf, p, 12);
	buf[12] = '\0';
	return buf;
}

/* The account of an IAM ARN ("arn:aws:iam::111111111111:role/x"),
 * copied into buf, or NULL. */
static const char *iam_account(const char *arn, char buf[13])
{
	const char *p = strncmp(arn, "arn:", 4) ? NULL : strstr(arn, ":iam::");

	if (!p || strspn(p + 6, "0123456789") != 12 || p[18] != ':')
		return NULL;
	memcpy(buf, p + 6, 12);
	buf[12] = '\0';
	return buf;
}

/* Does one AWS principal value name the requester?  An account id and its
 * root ARN are the same principal, and name every principal of the
 * account (the account's IAM policies then decide). */
static bool aws_principal_is(const char *value, const char *arn)
{
	char a[13], b[13];
	const char *ra = root_account(value, a), *rb = iam_account(arn, b);

	if (ra)
		return rb && !strcmp(ra, rb);
	return !strcmp(value, arn);
}

static enum policy_tri principal_match(const struct pol_statement *s,
				       const struct policy_request *req)
{
	enum policy_tri any = POLICY_NO;
	size_t i, k;

	if (!s->has_principal)
		return POLICY_YES; /* an identity policy: the principal is its holder */
	for (i = 0; i < s->n_principals && any != POLICY_YES; i++) {
		const struct pol_principal *p = &s->principals[i];

		if (p->kind == PRINCIPAL_ANY) {
			any = POLICY_YES;
		} else if (p->kind == PRINCIPAL_SERVICE && req->service) {
			if (list_match(&p->values, req->service, true) == POLICY_YES)
				any = POLICY_YES;
			else if (p->values.unknown)
				any = POLICY_MAYBE;
		} else if (p->kind == PRINCIPAL_AWS && req->principal_arn) {
			for (k = 0; k < p->values.items.n; k++)
				if (aws_principal_is(p->values.items.items[k], req->principal_arn))
					any = POLICY_YES;
			if (any != POLICY_YES && p->values.unknown)
				any = POLICY_MAYBE;
		}
	}
	return s->not_principal ? tri_not(any) : any;
}

/* ---- Statements ---- */

struct verdict {
	enum policy_tri match;  /* does the statement apply? */
	char *why;              /* owned: what is unknown, for MAYBE */
};

static struct verdict statement_match(const struct pol_statement *s,
				      const struct policy_request *req)
{
	struct verdict v = { POLICY_YES, NULL };
	enum policy_tri t;
	size_t i;

	v.match = principal_match(s, req);
	if (v.match == POLICY_MAYBE)
		v.why = xstrdup("its Principal is a value not known before the create");
	t = list_match(&s->actions, req->action, true);
	v.match = tri_and(v.match, s->not_action ? tri_not(t) : t);
	if (s->has_resource && v.match != POLICY_NO) {
		t = req->resource ? list_match(&s->resources, req->resource, false)
				  : strlist_has(&s->resources.items, "*") ? POLICY_YES : POLICY_MAYBE;
		v.match = tri_and(v.match, s->not_resource ? tri_not(t) : t);
	}
	for (i = 0; i < s->n_conds && v.match != POLICY_NO; i++) {
		char *why = NULL;

		t = policy_condition_eval(&s->conds[i], req, &why);
		v.match = tri_and(v.match, t);
		if (t == POLICY_MAYBE && !v.why)
			v.why = why;
		else
			free(why);
	}
	if (v.match != POLICY_MAYBE) {
		free(v.why);
		v.why = NULL;
	}
	return v;
}

/* Sets out's decision from statement i of p, with "statement ... VERB
 * action" as its reason and, for uncertain outcomes, what is unknown. */
static void decide(struct policy_result *out, const struct policy *p, long i,
		   enum policy_decision d, const char *verb, const char *action, const char *why)
{
	const struct pol_statement *s = &p->st[i];
	char *name = s->sid ? xstrfmt("statement \"%s\"", s->sid) : xstrfmt("statement %ld", i + 1);

	out->decision = d;
	out->pos = s->pos;
	if (d == POLICY_UNCERTAIN)
		out->reason = xstrfmt("whether %s %s %s cannot be told: %s", name, verb, action, why);
	else
		out->reason = xstrfmt("%s %s %s", name, verb, action);
	free(name);
}

void policy_evaluate(const struct policy *p, const struct policy_request *req,
		     struct policy_result *out)
{
	long deny = -1, deny_maybe = -1, allow = -1, allow_maybe = -1;
	char *why_deny = NULL, *why_allow = NULL;
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct verdict v = statement_match(&p->st[i], req);
		long *yes = p->st[i].allow ? &allow : &deny;
		long *maybe = p->st[i].allow ? &allow_maybe : &deny_maybe;
		char **why = p->st[i].allow ? &why_allow : &why_deny;

		if (v.match == POLICY_YES && *yes < 0)
			*yes = (long)i;
		if (v.match == POLICY_MAYBE && *maybe < 0) {
			*maybe = (long)i;
			*why = v.why;
			v.why = NULL;
		}
		free(v.why);
	}
	memset(out, 0, sizeof(*out));
	out->pos = p->pos;
	if (deny >= 0)
		decide(out, p, deny, POLICY_DENY, "denies", req->action, NULL);
	else if (deny_maybe >= 0 && (allow >= 0 || allow_maybe >= 0))
		decide(out, p, deny_maybe, POLICY_UNCERTAIN, "denies", req->action, why_deny);
	else if (allow >= 0)
		decide(out, p, allow, POLICY_ALLOW, "allows", req->action, NULL);
	else if (allow_maybe >= 0)
		decide(out, p, allow_maybe, POLICY_UNCERTAIN, "allows", req->action, why_allow);
	else {
		out->decision = POLICY_IMPLICIT_DENY;
		out->reason = xstrfmt("no statement allows %s", req->action);
	}
	free(why_deny);
	free(why_allow);
}

void policy_result_free(struct policy_result *r)
{
	free(r->reason);
	r->reason = NULL;
}

const char *policy_decision_name(enum policy_decision d)
{
	switch (d) {
	case POLICY_ALLOW: return "allow";
	case POLICY_DENY: return "deny";
	case POLICY_IMPLICIT_DENY: return "implicit deny";
	case POLICY_UNCERTAIN: return "uncertain";
	default: return "invalid";
	}
}
