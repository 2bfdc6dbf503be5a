/*
 * engine_dynref.c - resolving {{resolve:ssm:NAME}} references whose value
 * the account state gives (see engine_dynref.h).
 *
 * CloudFormation replaces an ssm reference by the parameter's value before
 * any resource is created, so the resource is created (and named, and
 * checked) with that value.  The simulation does the same when it knows
 * the value; every other reference stays as written, as text.
 */
#include "engine/engine_dynref.h"
#include "aws/dynref.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The value the state gives for reference d (borrowed), or NULL. */
static const char *known_value(const struct engine_stack *es, const struct dynref *d)
{
	const struct state_res *p;
	const char *type;
	char *name, *account, *region;

	if (d->service != DYNREF_SSM || d->malformed || d->version)
		return NULL; /* secure, or a version whose value the state does not give */
	name = dynref_ssm_name(d->name, &account, &region);
	p = (account && strcmp(account, es->d->account)) || (region && strcmp(region, es->d->region))
		? NULL
		: state_find(es->state, es->d->account, es->d->region, "AWS::SSM::Parameter", name);
	free(name);
	free(account);
	free(region);
	if (!p)
		return NULL;
	type = value_str(value_map_get(p->props, "Type"));
	if (type && strcmp(type, "String") && strcmp(type, "StringList"))
		return NULL;
	return value_str(value_map_get(p->props, "Value"));
}

/* The string s with its known references replaced (new), or NULL when
 * nothing changes. */
static char *substitute(const struct engine_stack *es, const char *s)
{
	struct dynref_list l = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t k, at = 0;
	bool changed = false;

	dynref_scan(s, &l);
	for (k = 0; k < l.n; k++) {
		const char *v = known_value(es, &l.items[k]);

		if (!v)
			continue;
		strbuf_add(&sb, s + at, l.items[k].offset - at);
		strbuf_addstr(&sb, v);
		at = l.items[k].offset + strlen(l.items[k].text);
		changed = true;
	}
	dynref_list_free(&l);
	if (!changed) {
		strbuf_release(&sb);
		return NULL;
	}
	strbuf_addstr(&sb, s + at);
	return strbuf_detach(&sb, NULL);
}

/* Replaces the characters of *slot when it is a string that changes (with
 * value_string_set: the tree may live in an arena). */
static void visit(const struct engine_stack *es, struct value **slot, int depth)
{
	struct value *v = *slot;
	size_t i;

	if (depth > LOAD_MAX_DEPTH)
		return;
	if (v->kind == VALUE_STRING) {
		char *s = strstr(v->u.string.s, "{{resolve:ssm:") ? substitute(es, v->u.string.s) : NULL;

		if (s)
			value_string_set(v, s);
	} else if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			visit(es, &v->u.list.items[i], depth + 1);
	} else if (v->kind == VALUE_MAP) {
		for (i = 0; i < v->u.map.n; i++)
			visit(es, &v->u.map.entries[i].val, depth + 1);
	}
}

void engine_ssm_substitute(const struct engine_stack *es, struct value *props)
{
	size_t i;

	if (!props || props->kind != VALUE_MAP)
		return;
	for (i = 0; i < props->u.map.n; i++)
		visit(es, &props->u.map.entries[i].val, 1);
}
