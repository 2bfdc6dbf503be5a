/*
 * refs.c - the reference walker (see refs.h).
 *
 * Recursion follows the tree, whose depth the loader bounds.
 */
#include "template/refs.h"
#include "template/sub.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>

#include <string.h>

#define REFS_FIRST_STEPS 32

struct refs_walker {
	refs_fn fn;
	void *ctx;
	const char *base;    /* borrowed: path of the value walked */
	struct refs_step *steps; /* the way from base to the node being visited */
	size_t n, cap;       /* steps in use, allocated */
	struct strbuf path;  /* scratch: the path, written only when a reference is found */
	struct refs_step first[REFS_FIRST_STEPS]; /* steps until the walk goes deeper */
};

static void walk(struct refs_walker *w, const struct value *v);

static void emit(struct refs_walker *w, enum ref_kind kind, const char *target,
		 const char *attr, struct srcpos pos)
{
	struct ref r = { kind, target, attr, pos, NULL, w };

	w->fn(w->ctx, &r);
}

void refs_write_path(struct strbuf *out, const char *base, const struct refs_step *steps,
		     size_t n)
{
	size_t i;

	strbuf_reset(out);
	strbuf_addstr(out, base);
	for (i = 0; i < n; i++) {
		if (out->len)
			strbuf_addch(out, '/');
		if (steps[i].key)
			strbuf_addstr(out, steps[i].key);
		else
			strbuf_add_size(out, steps[i].index);
	}
}

const char *refs_path(const struct ref *ref)
{
	struct refs_walker *w = ref->walker;

	if (ref->path || !w)
		return ref->path;
	refs_write_path(&w->path, w->base, w->steps, w->n);
	return w->path.buf;
}

static void walker_init(struct refs_walker *w, refs_fn fn, void *ctx, const char *base)
{
	w->fn = fn;
	w->ctx = ctx;
	w->base = base;
	w->steps = w->first;
	w->n = 0;
	w->cap = REFS_FIRST_STEPS;
	strbuf_init(&w->path);
}

static void push(struct refs_walker *w, const char *key, size_t index)
{
	if (w->n == w->cap) {
		if (w->steps == w->first) { /* deeper than the first steps: to the heap */
			struct refs_step *heap = xmalloc(2 * w->cap * sizeof(*heap));

			memcpy(heap, w->first, w->n * sizeof(*heap));
			w->steps = heap;
			w->cap *= 2;
		} else {
			XGROW(w->steps, w->cap, w->n + 1);
		}
	}
	w->steps[w->n].key = key;
	w->steps[w->n].index = index;
	w->n++;
}

static void walk_child(struct refs_walker *w, const char *key, size_t index,
		       const struct value *child)
{
	if (child->kind != VALUE_MAP && child->kind != VALUE_LIST)
		return; /* a scalar holds no reference */
	push(w, key, index);
	walk(w, child);
	w->n--;
}

struct sub_filter {
	const struct value *vars; /* the Sub's own variables, or NULL */
	void (*fn)(void *ctx, const char *name, const char *attr); /* refs_sub_each_ref's */
	void *ctx;                /* fn's */
};

static void on_sub_var(void *ctx, const char *name, const char *attr)
{
	struct sub_filter *f = ctx;

	if (f->vars && f->vars->kind == VALUE_MAP && value_map_get(f->vars, name))
		return; /* the Sub's own variable */
	f->fn(f->ctx, name, attr);
}

void refs_sub_each_ref(const char *fmt, const struct value *vars,
		       void (*fn)(void *ctx, const char *name, const char *attr), void *ctx)
{
	struct sub_filter f = { vars, fn, ctx };

	sub_each_var(fmt, on_sub_var, &f);
}

struct sub_walk {
	struct refs_walker *w;
	struct srcpos pos; /* the format string's */
};

static void on_sub_ref(void *ctx, const char *name, const char *attr)
{
	struct sub_walk *sw = ctx;

	emit(sw->w, REF_SUB, name, attr, sw->pos);
}

static void walk_sub(struct refs_walker *w, const struct value *arg)
{
	const struct value *fmt = arg, *vars = NULL;
	struct sub_walk sw;

	if (arg->kind == VALUE_LIST) {
		fmt = value_list_get(arg, 0);
		vars = value_list_get(arg, 1);
		if (vars)
			walk_child(w, NULL, 1, vars);
	}
	if (!value_is_string(fmt))
		return;
	sw.w = w;
	sw.pos = fmt->pos;
	refs_sub_each_ref(fmt->u.string.s, vars, on_sub_ref, &sw);
}

static void walk_getatt(struct refs_walker *w, const struct value *arg, struct srcpos pos)
{
	const struct value *target, *attr;
	const char *dot;

	if (value_is_string(arg)) {
		/* long form with a string: "A.B" */
		char buf[128], *name;
		size_t len;

		dot = strchr(arg->u.string.s, '.');
		if (!dot) {
			emit(w, REF_GETATT, arg->u.string.s, NULL, pos);
			return;
		}
		len = (size_t)(dot - arg->u.string.s);
		if (len < sizeof(buf)) {
			memcpy(buf, arg->u.string.s, len);
			buf[len] = '\0';
			name = buf;
		} else {
			name = xstrndup(arg->u.string.s, len);
		}
		emit(w, REF_GETATT, name, dot + 1, pos);
		if (name != buf)
			free(name);
		return;
	}
	if (arg->kind != VALUE_LIST)
		return;
	target = value_list_get(arg, 0);
	attr = value_list_get(arg, 1);
	if (attr && !value_is_string(attr))
		walk_child(w, NULL, 1, attr); /* a computed attribute name */
	if (value_is_string(target))
		emit(w, REF_GETATT, target->u.string.s, value_str(attr), pos);
}

static void walk(struct refs_walker *w, const struct value *v)
{
	const struct value *arg;
	size_t i;

	/* value_intrinsic_name's Ref, Fn::GetAtt and Fn::Sub, by their letters */
	if (v->kind == VALUE_MAP && v->u.map.n == 1) {
		const char *fn = v->u.map.entries[0].key;

		arg = v->u.map.entries[0].val;
		if (fn[0] == 'R' && !strcmp(fn, "Ref")) {
			if (value_is_string(arg))
				emit(w, REF_REF, arg->u.string.s, NULL, v->pos);
			else
				walk_child(w, fn, 0, arg);
			return;
		}
		if (fn[0] == 'F' && fn[1] == 'n' && fn[2] == ':' && fn[3] == ':') {
			if (fn[4] == 'G' && !strcmp(fn + 4, "GetAtt")) {
				walk_getatt(w, arg, v->pos);
				return;
			}
			if (fn[4] == 'S' && !strcmp(fn + 4, "Sub")) {
				walk_sub(w, arg);
				return;
			}
		}
	}
	if (v->kind == VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			walk_child(w, NULL, i, v->u.list.items[i]);
	else if (v->kind == VALUE_MAP)
		VALUE_MAP_FOREACH(v, e)
			walk_child(w, e->key, 0, e->val);
}

void refs_walk(const struct value *v, const char *path, refs_fn fn, void *ctx)
{
	struct refs_walker w; /* first[] is written as the walk goes */

	walker_init(&w, fn, ctx, path);
	if (!v)
		return;
	walk(&w, v);
	if (w.steps != w.first)
		free(w.steps);
	strbuf_release(&w.path);
}

void refs_walk_resource(const struct tmpl_resource *res, refs_fn fn, void *ctx)
{
	/* "Resources" then the steps ID and KEY: "Resources/ID/KEY/..." */
	struct refs_walker w; /* first[] is written as the walk goes */

	walker_init(&w, fn, ctx, "Resources");

	if (res->def->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(res->def, e) {
		if (!strcmp(e->key, "Type") || !strcmp(e->key, "Condition") ||
		    !strcmp(e->key, "DependsOn"))
			continue;
		push(&w, res->logical_id, 0);
		walk_child(&w, e->key, 0, e->val);
		w.n--;
	}
	if (w.steps != w.first)
		free(w.steps);
	strbuf_release(&w.path);
}

struct nth {
	size_t want, seen;  /* the ordinal looked for, references seen */
	struct strbuf *out; /* where its path goes */
};

static void on_nth(void *ctx, const struct ref *r)
{
	struct nth *n = ctx;

	if (n->seen++ != n->want)
		return;
	strbuf_reset(n->out);
	strbuf_addstr(n->out, refs_path(r));
}

void refs_resource_path(const struct tmpl_resource *res, size_t ordinal, struct strbuf *out)
{
	struct nth n = { ordinal, 0, out };

	strbuf_reset(out);
	refs_walk_resource(res, on_nth, &n);
}

void refs_output_path(const struct tmpl_output *o, size_t ordinal, struct strbuf *out)
{
	struct nth n = { ordinal, 0, out };
	struct strbuf base = STRBUF_INIT;

	strbuf_reset(out);
	strbuf_addf(&base, "Outputs/%s", o->logical_id);
	refs_walk(o->def, base.buf, on_nth, &n);
	strbuf_release(&base);
}

const char *refs_kind_name(enum ref_kind kind)
{
	switch (kind) {
	case REF_REF: return "Ref";
	case REF_GETATT: return "Fn::GetAtt";
	case REF_SUB: return "Fn::Sub";
	case REF_DEPENDS_ON: return "DependsOn";
	default: return "?";
	}
}
