/*
 * engine_prereq.c - what the resolver looked for in the account state and
 * did not find (an SSM parameter, the value of an AWS-specific parameter,
 * an export), turned into the stack's prerequisites, each needed by the
 * parameter, resource or output that asks for it.
 */
#include "engine/engine_sim.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void engine_note_miss(struct engine_stack *es, const char *type, const char *region,
		      const char *id, const char *by_property, struct srcpos pos)
{
	struct engine_miss *m;

	es->misses = xrealloc(es->misses, xsize_mul(es->n_misses + 1, sizeof(*es->misses)));
	m = &es->misses[es->n_misses++];
	m->type = xstrdup(type);
	m->region = xstrdup(region);
	m->id = xstrdup(id);
	m->by_property = by_property ? xstrdup(by_property) : NULL;
	m->pos = pos;
}

static bool same_pos(struct srcpos a, struct srcpos b)
{
	return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* True when a node of v (v included) is written at pos; the tree's depth is
 * bounded by the loader (LOAD_MAX_DEPTH). */
static bool holds(const struct value *v, struct srcpos pos)
{
	size_t i;

	if (!v)
		return false;
	if (same_pos(v->pos, pos))
		return true;
	if (v->kind == VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			if (holds(v->u.list.items[i], pos))
				return true;
	if (v->kind == VALUE_MAP)
		for (i = 0; i < v->u.map.n; i++)
			if (same_pos(v->u.map.entries[i].key_pos, pos) ||
			    holds(v->u.map.entries[i].val, pos))
				return true;
	return false;
}

/* The entry of section whose key or value is written at pos, or NULL. */
static const char *entry_at(const struct value *section, struct srcpos pos)
{
	if (!section || section->kind != VALUE_MAP || !pos.line)
		return NULL;
	VALUE_MAP_FOREACH(section, e)
		if (same_pos(e->key_pos, pos) || holds(e->val, pos))
			return e->key;
	return NULL;
}

/* True when the comma-separated text holds item. */
static bool lists(const char *text, const char *item)
{
	size_t n = strlen(item);
	const char *p = text;

	while (p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, item, n) && (p[n] == ',' || p[n] == ' ' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

/* The parameter whose value (given, else its Default) holds id, or NULL. */
static const char *parameter_with(const struct engine_stack *es, const struct value *params,
				  const char *id)
{
	if (!params || params->kind != VALUE_MAP)
		return NULL;
	VALUE_MAP_FOREACH(params, e) {
		const struct value *v = value_map_get(es->d->parameters, e->key);
		const char *text;

		if (!v)
			v = value_map_get(e->val, "Default");
		text = value_str(v);
		if (text && lists(text, id))
			return e->key;
	}
	return NULL;
}

static const char *needed_by(const struct engine_stack *es, const struct value *root,
			     const struct engine_miss *m)
{
	const struct value *params = value_map_get(root, "Parameters");
	const char *who = entry_at(params, m->pos);

	if (!who)
		who = entry_at(value_map_get(root, "Resources"), m->pos);
	if (!who)
		who = entry_at(value_map_get(root, "Outputs"), m->pos);
	if (!who && !m->pos.line)
		who = parameter_with(es, params, m->id);
	return who ? who : es->d->stack_name;
}

void engine_add_misses(const struct engine_stack *es, const struct value *root,
		       struct stack_result *s)
{
	size_t i;

	for (i = 0; i < es->n_misses; i++) {
		const struct engine_miss *m = &es->misses[i];
		result_add_prereq_by(s, m->type, es->d->account, m->region, m->by_property, m->id,
				     needed_by(es, root, m));
	}
}
