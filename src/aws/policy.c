/*
 * policy.c - parsing IAM policy documents (see policy.h) into statements:
 * Effect, Principal / NotPrincipal, Action / NotAction, Resource /
 * NotResource and Condition, each element a string or a list of strings
 * as IAM allows.  A value not known before the create (a role ARN from
 * Fn::GetAtt of a resource not simulated) is kept as "unknown".
 */
#include "aws/policy_int.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A string or a list of strings into l; false when it is neither. */
static bool read_list(const struct value *v, struct pol_list *l)
{
	if (v->kind == VALUE_UNKNOWN) {
		l->unknown = true;
		return true;
	}
	if (value_scalar_text(v)) {
		strlist_add(&l->items, value_scalar_text(v));
		return true;
	}
	if (v->kind != VALUE_LIST)
		return false;
	VALUE_LIST_FOREACH(v, it) {
		if ((*it)->kind == VALUE_UNKNOWN)
			l->unknown = true;
		else if (value_scalar_text(*it))
			strlist_add(&l->items, value_scalar_text(*it));
		else
			return false;
	}
	return true;
}

static void free_list(struct pol_list *l)
{
	strlist_free(&l->items);
	l->unknown = false;
}

static bool read_principal(const struct value *v, struct pol_statement *s, char **err)
{
	s->has_principal = true;
	if (value_str(v) && !strcmp(value_str(v), "*")) {
		s->principals = xcalloc(1, sizeof(*s->principals));
		s->principals[0].kind = PRINCIPAL_ANY;
		s->n_principals = 1;
		return true;
	}
	if (v->kind != VALUE_MAP) {
		*err = xstrdup("Principal must be \"*\" or a map (AWS, Service, Federated, CanonicalUser)");
		return false;
	}
	s->principals = xcalloc(v->u.map.n ? v->u.map.n : 1, sizeof(*s->principals));
	VALUE_MAP_FOREACH(v, e) {
		struct pol_principal *p = &s->principals[s->n_principals++];

		if (!strcmp(e->key, "AWS"))
			p->kind = PRINCIPAL_AWS;
		else if (!strcmp(e->key, "Service"))
			p->kind = PRINCIPAL_SERVICE;
		else
			p->kind = PRINCIPAL_OTHER;
		if (!read_list(e->val, &p->values)) {
			*err = xstrfmt("Principal %s must be a string or a list of strings", e->key);
			return false;
		}
		if (p->kind == PRINCIPAL_AWS && strlist_has(&p->values.items, "*"))
			p->kind = PRINCIPAL_ANY;
	}
	return true;
}

static bool read_conditions(const struct value *v, struct pol_statement *s, char **err)
{
	size_t n = 0;

	if (v->kind != VALUE_MAP) {
		*err = xstrdup("Condition must be a map of operators");
		return false;
	}
	VALUE_MAP_FOREACH(v, op) {
		if (op->val->kind != VALUE_MAP) {
			*err = xstrfmt("Condition %s must be a map of keys to values", op->key);
			return false;
		}
		n += op->val->u.map.n;
	}
	s->conds = xcalloc(n ? n : 1, sizeof(*s->conds));
	VALUE_MAP_FOREACH(v, op) {
		VALUE_MAP_FOREACH(op->val, k) {
			struct pol_condition *c = &s->conds[s->n_conds++];

			c->op = xstrdup(op->key);
			c->key = xstrdup(k->key);
			c->pos = k->key_pos;
			if (!read_list(k->val, &c->values)) {
				*err = xstrfmt("Condition %s %s must be a string or a list of strings",
					       op->key, k->key);
				return false;
			}
		}
	}
	return true;
}

static void free_statement(struct pol_statement *s)
{
	size_t i;

	for (i = 0; i < s->n_principals; i++)
		free_list(&s->principals[i].values);
	free(s->principals);
	free_list(&s->actions);
	free_list(&s->resources);
	for (i = 0; i < s->n_conds; i++) {
		free(s->conds[i].op);
		free(s->conds[i].key);
		free_list(&s->conds[i].values);
	}
	free(s->conds);
	free(s->sid);
	memset(s, 0, sizeof(*s));
}

/* One element of a statement; false with *err on a malformed one. */
static bool read_element(const struct value_entry *e, struct pol_statement *s, char **err)
{
	const char *k = e->key;

	if (!strcmp(k, "Effect")) {
		const char *eff = value_str(e->val);
		if (!eff || (strcmp(eff, "Allow") && strcmp(eff, "Deny"))) {
			*err = xstrdup("Effect must be Allow or Deny");
			return false;
		}
		s->allow = !strcmp(eff, "Allow");
	} else if (!strcmp(k, "Principal") || !strcmp(k, "NotPrincipal")) {
		s->not_principal = k[0] == 'N';
		return read_principal(e->val, s, err);
	} else if (!strcmp(k, "Action") || !strcmp(k, "NotAction")) {
		s->not_action = k[0] == 'N';
		if (!read_list(e->val, &s->actions)) {
			*err = xstrfmt("%s must be a string or a list of strings", k);
			return false;
		}
	} else if (!strcmp(k, "Resource") || !strcmp(k, "NotResource")) {
		s->has_resource = true;
		s->not_resource = k[0] == 'N';
		if (!read_list(e->val, &s->resources)) {
			*err = xstrfmt("%s must be a string or a list of strings", k);
			return false;
		}
	} else if (!strcmp(k, "Condition")) {
		return read_conditions(e->val, s, err);
	} else if (!strcmp(k, "Sid")) {
		s->sid = value_str(e->val) ? xstrdup(value_str(e->val)) : NULL;
	} else {
		*err = xstrfmt("unknown statement element %s", k);
		return false;
	}
	return true;
}

static bool read_statement(const struct value *v, struct pol_statement *s, char **err)
{
	bool effect = false, action = false;

	s->pos = v->pos;
	if (v->kind != VALUE_MAP) {
		*err = xstrdup("a statement must be a map");
		return false;
	}
	VALUE_MAP_FOREACH(v, e) {
		if (!read_element(e, s, err))
			return false;
		effect |= !strcmp(e->key, "Effect");
		action |= !strcmp(e->key, "Action") || !strcmp(e->key, "NotAction");
	}
	if (!effect || !action) {
		*err = xstrfmt("a statement needs %s", effect ? "an Action or NotAction" : "an Effect");
		return false;
	}
	return true;
}

static struct policy *parse_map(const struct value *doc, char **err)
{
	const struct value *stmts = value_map_get(doc, "Statement");
	struct policy *p;
	size_t n, i;

	if (!stmts) {
		*err = xstrdup("the policy document has no Statement");
		return NULL;
	}
	n = stmts->kind == VALUE_LIST ? stmts->u.list.n : 1;
	p = xcalloc(1, sizeof(*p));
	p->pos = doc->pos;
	p->st = xcalloc(n ? n : 1, sizeof(*p->st));
	for (i = 0; i < n; i++) {
		const struct value *s = stmts->kind == VALUE_LIST ? stmts->u.list.items[i] : stmts;

		p->n++;
		if (!read_statement(s, &p->st[i], err)) {
			policy_free(p);
			return NULL;
		}
	}
	return p;
}

struct policy *policy_parse(const struct value *doc, char **err)
{
	static const struct load_options json = { LOAD_JSON, 0, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *tree;
	struct policy *p;
	size_t i;

	*err = NULL;
	if (doc->kind == VALUE_MAP)
		return parse_map(doc, err);
	if (doc->kind != VALUE_STRING) {
		*err = xstrfmt("a policy document must be a map or a JSON string, not a %s",
			       value_kind_name(doc->kind));
		return NULL;
	}
	tree = load_buffer("(policy document)", doc->u.string.s, doc->u.string.len, &json, &dl);
	diag_clear(&dl);
	if (!tree || tree->kind != VALUE_MAP) {
		*err = xstrdup("the policy document is not a JSON object");
		value_free(tree);
		return NULL;
	}
	p = parse_map(tree, err);
	value_free(tree);
	if (!p)
		return NULL;
	/* positions inside the string mean nothing to the reader: use the string's */
	p->pos = doc->pos;
	for (i = 0; i < p->n; i++) {
		size_t k;
		p->st[i].pos = doc->pos;
		for (k = 0; k < p->st[i].n_conds; k++)
			p->st[i].conds[k].pos = doc->pos;
	}
	return p;
}

void policy_free(struct policy *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		free_statement(&p->st[i]);
	free(p->st);
	free(p);
}

size_t policy_statement_count(const struct policy *p)
{
	return p->n;
}
