/*
 * scan.c - template_scan (see scan.h): one depth-first walk of the whole
 * tree, in document order, doing what three walks did (the reference
 * walker's on every resource and output, the capability check's search for
 * Fn::Transform, the dynamic-reference count's over every string).
 * Recursion follows the tree, whose depth the loader bounds.
 */
#include "template/scan.h"
#include "load/load.h"
#include "template/refs.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_BLOCK 4000 /* bytes of names per block */

struct tmpl_text {
	struct tmpl_text *next; /* the block filled before */
	size_t used, cap;       /* bytes of text used, available */
	char text[];            /* NUL-terminated names, one after the other */
};

struct scan {
	struct template *t;  /* the template scanned */
	bool output;         /* references go to t->out_refs (else t->refs) */
	size_t seen;         /* references of the definition walked, so far */
	size_t cap_refs, cap_out, cap_dyn; /* t->refs, out_refs, dynref_strings allocated */
};

/* A copy of s that lives as long as t (returns borrowed): packed into
 * blocks, as the names are short and many. */
static const char *keep(struct template *t, const char *s)
{
	size_t len = strlen(s) + 1;
	struct tmpl_text *b = t->ref_text;
	char *copy;

	if (!b || b->cap - b->used < len) {
		size_t cap = len > TEXT_BLOCK ? len : TEXT_BLOCK;

		b = xmalloc(sizeof(*b) + cap);
		b->next = t->ref_text;
		b->used = 0;
		b->cap = cap;
		t->ref_text = b;
	}
	copy = b->text + b->used;
	memcpy(copy, s, len);
	b->used += len;
	return copy;
}

/* A reference, as refs.h's walker reports it (target and attr may live
 * only during the call); a Ref to a parameter is counted, not kept. */
static void emit(struct scan *s, enum ref_kind kind, const char *target, const char *attr,
		 struct srcpos pos)
{
	struct template *t = s->t;
	size_t ordinal = s->seen++;
	struct tmpl_ref *rec;
	long idx;

	if (kind != REF_GETATT && !attr &&
	    (template_is_pseudo_parameter(target) || template_has_parameter(t, target)))
		return; /* a parameter: no edge, no attribute */
	idx = template_resource_index(t, target);
	if (s->output) {
		XGROW(t->out_refs, s->cap_out, t->n_out_refs + 1);
		rec = &t->out_refs[t->n_out_refs++];
	} else {
		XGROW(t->refs, s->cap_refs, t->n_refs + 1);
		rec = &t->refs[t->n_refs++];
	}
	rec->attr = attr;
	rec->pos = pos;
	rec->resource = (int32_t)idx; /* a template has far fewer than 2^31 resources */
	rec->ordinal = (uint32_t)ordinal; /* as many as nodes: fewer than 2^32 */
	rec->kind = (uint8_t)kind;
	if (idx >= 0)
		rec->target = t->resources[idx].logical_id; /* the same name */
	else if (kind == REF_REF)
		rec->target = target; /* in the tree */
	else /* a Sub's name, an "A.B" GetAtt's A live only during the call */
		rec->target = keep(t, target);
	if (kind == REF_SUB && attr)
		rec->attr = keep(t, attr);
}

bool template_holds_dynref(const char *s)
{
	while ((s = strchr(s, '{')) != NULL) {
		if (!strncmp(s, "{{resolve:", 10))
			return true;
		s++;
	}
	return false;
}

/* What value_intrinsic_name calls "Fn::Transform", by its letters. */
static void note_transform(struct scan *s, const struct value *map)
{
	const char *k;

	if (s->t->has_fn_transform || map->u.map.n != 1)
		return;
	k = map->u.map.entries[0].key;
	if (k[0] == 'F' && k[1] == 'n' && k[2] == ':' && k[3] == ':' && k[4] == 'T' &&
	    !strcmp(k + 5, "ransform")) {
		s->t->has_fn_transform = true;
		s->t->fn_transform = map->pos;
	}
}

static void visit(struct scan *s, const struct value *v, int depth, bool refs);

/* The items of list (at depth), only the index-th looked at for references. */
static void visit_items(struct scan *s, const struct value *list, int depth, size_t index,
			bool refs)
{
	size_t i;

	for (i = 0; i < list->u.list.n; i++)
		visit(s, list->u.list.items[i], depth + 1, refs && i == index);
}

static void getatt(struct scan *s, const struct value *v, const struct value *arg, int depth)
{
	const struct value *target, *attr;

	if (value_is_string(arg)) { /* long form with a string: "A.B" */
		const char *str = arg->u.string.s, *dot = strchr(str, '.');
		char buf[128], *name;
		size_t len;

		if (!dot) {
			emit(s, REF_GETATT, str, NULL, v->pos);
		} else {
			len = (size_t)(dot - str);
			name = len < sizeof(buf) ? buf : xmalloc(len + 1);
			memcpy(name, str, len);
			name[len] = '\0';
			emit(s, REF_GETATT, name, dot + 1, v->pos);
			if (name != buf)
				free(name);
		}
		visit(s, arg, depth + 1, false);
		return;
	}
	if (arg->kind != VALUE_LIST) {
		visit(s, arg, depth + 1, false);
		return;
	}
	target = value_list_get(arg, 0);
	attr = value_list_get(arg, 1);
	/* a computed attribute name's references come before the GetAtt's own */
	visit_items(s, arg, depth + 1, 1, attr && !value_is_string(attr));
	if (value_is_string(target))
		emit(s, REF_GETATT, target->u.string.s, value_str(attr), v->pos);
}

struct sub_walk {
	struct scan *s;    /* the scan */
	struct srcpos pos; /* the format string's */
};

static void on_sub_ref(void *ctx, const char *name, const char *attr)
{
	struct sub_walk *sw = ctx;

	emit(sw->s, REF_SUB, name, attr, sw->pos);
}

static void sub(struct scan *s, const struct value *arg, int depth)
{
	const struct value *fmt = arg, *vars = NULL;
	struct sub_walk sw;

	if (arg->kind == VALUE_LIST) {
		fmt = value_list_get(arg, 0);
		vars = value_list_get(arg, 1);
		/* the variables' references come before the format string's */
		visit_items(s, arg, depth + 1, 1, true);
	} else {
		visit(s, arg, depth + 1, false);
	}
	if (!value_is_string(fmt))
		return;
	sw.s = s;
	sw.pos = fmt->pos;
	refs_sub_each_ref(fmt->u.string.s, vars, on_sub_ref, &sw);
}

/* v at depth (the root is at 0); refs: report references as refs.h's
 * walker would, v being one of the nodes it walks. */
static void visit(struct scan *s, const struct value *v, int depth, bool refs)
{
	size_t i;

	if (v->kind == VALUE_STRING) {
		if (depth <= LOAD_MAX_DEPTH && template_holds_dynref(v->u.string.s)) {
			XGROW(s->t->dynref_strings, s->cap_dyn, s->t->n_dynref_strings + 1);
			s->t->dynref_strings[s->t->n_dynref_strings++] = v;
		}
		return;
	}
	if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			visit(s, v->u.list.items[i], depth + 1, refs);
		return;
	}
	if (v->kind != VALUE_MAP)
		return;
	note_transform(s, v);
	if (refs && v->u.map.n == 1) { /* Ref, Fn::GetAtt and Fn::Sub, by their letters */
		const char *fn = v->u.map.entries[0].key;
		const struct value *arg = v->u.map.entries[0].val;

		if (fn[0] == 'R' && !strcmp(fn, "Ref")) {
			if (value_is_string(arg))
				emit(s, REF_REF, arg->u.string.s, NULL, v->pos);
			visit(s, arg, depth + 1, !value_is_string(arg));
			return;
		}
		if (fn[0] == 'F' && fn[1] == 'n' && fn[2] == ':' && fn[3] == ':') {
			if (fn[4] == 'G' && !strcmp(fn + 4, "GetAtt")) {
				getatt(s, v, arg, depth);
				return;
			}
			if (fn[4] == 'S' && !strcmp(fn + 4, "Sub")) {
				sub(s, arg, depth);
				return;
			}
		}
	}
	VALUE_MAP_FOREACH(v, e)
		visit(s, e->val, depth + 1, refs);
}

/* The Resources section (a map indexed as t->resources), at depth 1: each
 * definition's keys but Type, Condition and DependsOn hold references. */
static void visit_resources(struct scan *s, const struct value *res)
{
	size_t i = 0;

	note_transform(s, res);
	s->output = false;
	VALUE_MAP_FOREACH(res, e) {
		const struct value *def = e->val;

		s->t->resources[i++].first_ref = (uint32_t)s->t->n_refs;
		s->seen = 0;
		if (def->kind != VALUE_MAP) {
			visit(s, def, 2, false);
			continue;
		}
		note_transform(s, def);
		VALUE_MAP_FOREACH(def, a)
			visit(s, a->val, 3, strcmp(a->key, "Type") && strcmp(a->key, "Condition") &&
					    strcmp(a->key, "DependsOn"));
	}
}

/* The Outputs section (a map indexed as t->outputs), at depth 1. */
static void visit_outputs(struct scan *s, const struct value *out)
{
	size_t i = 0;

	note_transform(s, out);
	s->output = true;
	VALUE_MAP_FOREACH(out, e) {
		s->t->outputs[i++].first_ref = (uint32_t)s->t->n_out_refs;
		s->seen = 0;
		visit(s, e->val, 2, true);
	}
}

void template_scan(struct template *t)
{
	struct scan s = { t, false, 0, 0, 0, 0 };

	/* room for two each: what is not written is not touched */
	s.cap_refs = 2 * t->n_resources + 4;
	t->refs = xmalloc(s.cap_refs * sizeof(*t->refs));
	if (t->root->kind != VALUE_MAP) {
		visit(&s, t->root, 0, false);
		return;
	}
	note_transform(&s, t->root);
	VALUE_MAP_FOREACH(t->root, e) {
		if (e->val == t->resources_map && t->resources && e->val->kind == VALUE_MAP)
			visit_resources(&s, e->val);
		else if (e->val == t->outputs_map && t->outputs && e->val->kind == VALUE_MAP)
			visit_outputs(&s, e->val);
		else
			visit(&s, e->val, 1, false);
	}
}

void template_scan_free(struct template *t)
{
	struct tmpl_text *b = t->ref_text, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	free(t->refs);
	free(t->out_refs);
	free(t->dynref_strings);
}
