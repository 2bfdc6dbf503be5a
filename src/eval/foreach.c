/*
 * foreach.c - AWS::LanguageExtensions: Fn::ForEach loops expanded in the
 * Conditions, Resources and Outputs sections (and in maps inside them)
 * before the template is opened, as the transform does.
 *
 * Doc: intrinsic-function-reference-foreach.html.  In each copy of the
 * fragment, ${Id} and &{Id} (non-alphanumerics dropped) are replaced in
 * the fragment's own keys and in nested loops' keys, ${Id} inside Fn::Sub
 * strings, and {"Ref": Id} becomes the item.  Expansion is bounded by
 * EVAL_MAX_DEPTH nesting and FOREACH_MAX_ITEMS produced entries.
 */
#include "eval/eval_int.h"
#include "eval/param.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Entries all loops of a template may produce (CloudFormation's own quotas
 * apply to the expanded template, so a real template stays far below). */
#define FOREACH_MAX_ITEMS 100000

struct expand {
	struct eval *ev;
	struct finding_list *fl;
	size_t produced; /* entries produced by loops so far */
	bool failed;     /* an error stopped the expansion */
};

static bool is_loop_key(const char *key)
{
	return !strncmp(key, "Fn::ForEach::", 13);
}

static void fail(struct expand *x, struct srcpos pos, const char *fix, const char *what)
{
	struct finding *f = finding_add(x->fl, FC_FOREACH_ERROR, pos, NULL,
					"Transform AWS::LanguageExtensions failed with: %s", what);

	finding_set_fix(f, "%s", fix);
	x->failed = true;
}

/* s with ${id} (and &{id} when keys) replaced (new). */
static char *replace(const char *s, const char *id, const char *item, bool keys)
{
	struct strbuf out = STRBUF_INIT, amp = STRBUF_INIT, dollar = STRBUF_INIT, alnum = STRBUF_INIT;
	const char *p;

	strbuf_addf(&dollar, "${%s}", id);
	strbuf_addf(&amp, "&{%s}", id);
	for (p = item; *p; p++)
		if (isalnum((unsigned char)*p))
			strbuf_addch(&alnum, *p);
	for (p = s; *p;) {
		if (!strncmp(p, dollar.buf, dollar.len)) {
			strbuf_addstr(&out, item);
			p += dollar.len;
		} else if (keys && !strncmp(p, amp.buf, amp.len)) {
			strbuf_addstr(&out, alnum.buf);
			p += amp.len;
		} else {
			strbuf_addch(&out, *p++);
		}
	}
	strbuf_release(&amp);
	strbuf_release(&dollar);
	strbuf_release(&alnum);
	return strbuf_detach(&out, NULL);
}

static struct value *subst(const struct value *v, const char *id, const char *item, int depth);
static struct value *subst_keys(const struct value *m, const char *id, const char *item, int depth);

/* A Fn::Sub argument with ${id} replaced in its format string (new). */
static struct value *subst_sub(const struct value *arg, const char *id, const char *item, int depth)
{
	struct value *r;

	if (value_is_string(arg))
		return value_string_take(arg->pos, replace(arg->u.string.s, id, item, false));
	r = subst(arg, id, item, depth + 1);
	if (value_list_len(r) >= 1 && value_is_string(r->u.list.items[0])) {
		struct value *fmt = r->u.list.items[0];
		r->u.list.items[0] = value_string_take(fmt->pos, replace(fmt->u.string.s, id, item, false));
		value_free(fmt);
	}
	return r;
}

/* A nested loop's definition [Id2, collection, fragment] with the outer
 * identifier replaced, in its fragment's keys too (new). */
static struct value *subst_loop(const struct value *loop, const char *id, const char *item,
				int depth)
{
	const struct value *frag = value_list_get(loop, 2);
	struct value *c;

	if (value_list_len(loop) != 3 || frag->kind != VALUE_MAP)
		return subst(loop, id, item, depth + 1);
	c = value_list(loop->pos);
	value_list_append(c, value_copy(value_list_get(loop, 0)));
	value_list_append(c, subst(value_list_get(loop, 1), id, item, depth + 1));
	value_list_append(c, subst_keys(frag, id, item, depth + 1));
	return c;
}

/* A map whose keys are output keys: ${id} / &{id} replaced in them. */
static struct value *subst_keys(const struct value *m, const char *id, const char *item, int depth)
{
	struct value *r = value_map(m->pos);

	VALUE_MAP_FOREACH(m, e) {
		char *key = replace(e->key, id, item, true);
		value_map_add(r, key, e->key_pos, is_loop_key(e->key)
			      ? subst_loop(e->val, id, item, depth)
			      : subst(e->val, id, item, depth + 1));
		free(key);
	}
	return r;
}

/* {"Fn::Sub": "text"} whose text has no variable left, as the string
 * (new); else a substituted copy. */
static struct value *collapse_sub(const struct value *v, const char *id, const char *item,
				  int depth)
{
	const struct value *sub = value_map_get(v, "Fn::Sub");
	char *text;

	if (value_map_len(v) != 1 || !value_is_string(sub))
		return subst(v, id, item, depth + 1);
	text = replace(sub->u.string.s, id, item, false);
	if (strstr(text, "${")) {
		free(text);
		return subst(v, id, item, depth + 1);
	}
	return value_string_take(sub->pos, text);
}

static struct value *subst(const struct value *v, const char *id, const char *item, int depth)
{
	const char *fn = value_intrinsic_name(v);
	struct value *r;
	size_t i;

	if (depth > EVAL_MAX_DEPTH)
		return value_copy(v);
	if (fn && (!strcmp(fn, "Ref") || !strcmp(fn, "Fn::GetAtt"))) {
		/* a Ref or GetAtt of a name computed from the identifier */
		const struct value *arg = v->u.map.entries[0].val;
		struct value *a;

		if (!strcmp(fn, "Ref") && value_is_string(arg) && !strcmp(arg->u.string.s, id))
			return value_string(v->pos, item);
		if (!strcmp(fn, "Ref")) {
			a = collapse_sub(arg, id, item, depth);
		} else if (arg->kind == VALUE_LIST) {
			a = value_list(arg->pos);
			for (i = 0; i < arg->u.list.n; i++)
				value_list_append(a, collapse_sub(arg->u.list.items[i], id, item, depth));
		} else {
			a = subst(arg, id, item, depth + 1);
		}
		r = value_map(v->pos);
		value_map_add(r, fn, v->u.map.entries[0].key_pos, a);
		return r;
	}
	if (fn && !strcmp(fn, "Fn::Sub")) {
		r = value_map(v->pos);
		value_map_add(r, fn, v->u.map.entries[0].key_pos,
			      subst_sub(v->u.map.entries[0].val, id, item, depth));
		return r;
	}
	if (v->kind == VALUE_LIST) {
		r = value_list(v->pos);
		for (i = 0; i < v->u.list.n; i++)
			value_list_append(r, subst(v->u.list.items[i], id, item, depth + 1));
		return r;
	}
	if (v->kind != VALUE_MAP)
		return value_copy(v);
	r = value_map(v->pos);
	VALUE_MAP_FOREACH(v, e)
		value_map_add(r, e->key, e->key_pos, is_loop_key(e->key)
			      ? subst_loop(e->val, id, item, depth)
			      : subst(e->val, id, item, depth + 1));
	return r;
}

/* The loop's collection as a new list of strings, or NULL after an error. */
static struct value *collection(struct expand *x, const struct value *c)
{
	const char *fn = value_intrinsic_name(c);
	const struct value *p = NULL;
	struct value *r;
	size_t i;

	if (fn && !strcmp(fn, "Ref") && value_is_string(c->u.map.entries[0].val))
		p = value_map_get(x->ev->params, c->u.map.entries[0].val->u.string.s);
	else if (c->kind == VALUE_LIST)
		p = c;
	if (p && p->kind == VALUE_STRING)
		return param_split(c->pos, p->u.string.s);
	if (!p || p->kind != VALUE_LIST) {
		fail(x, c->pos, "give Fn::ForEach a list, or a Ref to a CommaDelimitedList parameter",
		     "Could not find a collection or could not be resolved for Fn::ForEach");
		return NULL;
	}
	r = value_list(c->pos);
	for (i = 0; i < p->u.list.n; i++) {
		char *text = eval_scalar_text(p->u.list.items[i]);
		if (!text) {
			fail(x, p->u.list.items[i]->pos, "make every element of the collection a string",
			     "Could not find a collection or could not be resolved for Fn::ForEach");
			value_free(r);
			return NULL;
		}
		value_list_append(r, value_string_take(p->u.list.items[i]->pos, text));
	}
	return r;
}

static struct value *expand(struct expand *x, const struct value *v, int depth);

/* Adds the expansion of one loop to out. */
static void expand_loop(struct expand *x, const struct value_entry *e, struct value *out, int depth)
{
	const struct value *id = value_list_get(e->val, 0), *frag = value_list_get(e->val, 2);
	struct value *items;
	size_t i;

	if (value_list_len(e->val) != 3 || !value_is_string(id) || !frag || frag->kind != VALUE_MAP) {
		fail(x, e->key_pos, "write Fn::ForEach::Name: [Identifier, [collection], {OutputKey${Identifier}: value}]",
		     "Fn::ForEach layout is incorrect");
		return;
	}
	if ((items = collection(x, value_list_get(e->val, 1))) == NULL)
		return;
	for (i = 0; i < items->u.list.n && !x->failed; i++) {
		struct value *copy = subst_keys(frag, id->u.string.s,
						items->u.list.items[i]->u.string.s, depth);
		struct value *done = expand(x, copy, depth + 1);

		VALUE_MAP_FOREACH(done, d) {
			if (++x->produced > FOREACH_MAX_ITEMS) {
				fail(x, e->key_pos, "use fewer or shorter loops",
				     "Fn::ForEach expands to too many entries");
				break;
			}
			if (!value_map_add(out, d->key, d->key_pos, value_copy(d->val)))
				fail(x, d->key_pos, "include ${Identifier} or &{Identifier} in the "
				     "OutputKey so that every copy gets its own name",
				     "Fn::ForEach produces the same key twice");
		}
		value_free(copy);
		value_free(done);
	}
	value_free(items);
}

static struct value *expand(struct expand *x, const struct value *v, int depth)
{
	struct value *r;
	size_t i;

	if (depth > EVAL_MAX_DEPTH || x->failed) {
		if (!x->failed)
			fail(x, v->pos, "nest fewer loops", "Fn::ForEach nests too deeply");
		return value_copy(v);
	}
	if (v->kind == VALUE_LIST) {
		r = value_list(v->pos);
		for (i = 0; i < v->u.list.n; i++)
			value_list_append(r, expand(x, v->u.list.items[i], depth + 1));
		return r;
	}
	if (v->kind != VALUE_MAP)
		return value_copy(v);
	r = value_map(v->pos);
	VALUE_MAP_FOREACH(v, e) {
		if (is_loop_key(e->key))
			expand_loop(x, e, r, depth);
		else if (!value_map_add(r, e->key, e->key_pos, expand(x, e->val, depth + 1)))
			fail(x, e->key_pos, "rename one of them", "a Fn::ForEach output key is "
			     "already used in the template");
	}
	return r;
}

bool eval_has_language_extensions(const struct value *root)
{
	const struct value *tr = value_map_get(root, "Transform");
	size_t i;

	if (value_is_string(tr))
		return !strcmp(tr->u.string.s, "AWS::LanguageExtensions");
	for (i = 0; i < value_list_len(tr); i++)
		if (value_is_string(tr->u.list.items[i]) &&
		    !strcmp(tr->u.list.items[i]->u.string.s, "AWS::LanguageExtensions"))
			return true;
	return false;
}

void eval_expand_foreach(struct eval *ev, struct value *root, struct finding_list *fl)
{
	static const char *const sections[] = { "Conditions", "Resources", "Outputs" };
	struct expand x = { ev, fl, 0, false };
	size_t i;

	for (i = 0; i < 3 && !x.failed; i++) {
		const struct value *sec = value_map_get(root, sections[i]);
		if (sec && sec->kind == VALUE_MAP)
			value_map_set(root, sections[i], expand(&x, sec, 0));
	}
}
