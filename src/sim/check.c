/*
 * check.c - running the check table and the sink that checks report into.
 */
#include "sim/check.h"
#include "load/load.h"
#include "model/model.h"
#include "template/refs.h"
#include "template/scan.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool check_applies(const struct check *c, const char *type)
{
	const char *const *t;

	if (!c->types)
		return true;
	for (t = c->types; *t; t++)
		if (!strcmp(*t, type))
			return true;
	return false;
}

void check_run_all(const struct check_env *env, const struct check_resource *r,
		   struct check_sink *sink)
{
	const struct check *c;

	for (c = check_table(); c->name; c++)
		if (check_applies(c, r->type))
			c->run(env, r, sink);
}

const struct check **check_applicable(const char *type)
{
	const struct check *c;
	const struct check **list;
	size_t n = 0;

	for (c = check_table(); c->name; c++)
		n++;
	list = xcalloc(n + 1, sizeof(*list));
	n = 0;
	for (c = check_table(); c->name; c++)
		if (check_applies(c, type))
			list[n++] = c;
	return list;
}

void check_run_list(const struct check *const *list, const struct check_env *env,
		    const struct check_resource *r, struct check_sink *sink)
{
	for (; *list; list++)
		(*list)->run(env, r, sink);
}

static struct finding *report(struct check_sink *sink, enum finding_code code,
			      enum severity sev, struct srcpos pos, const char *path,
			      const char *fmt, va_list ap)
{
	struct finding *f = finding_vadd(sink->findings, code, pos, path, fmt, ap);

	f->severity = sev;
	return f;
}

struct finding *check_fail(struct check_sink *sink, enum finding_code code, struct srcpos pos,
			   const char *path, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = report(sink, code, SEV_ERROR, pos, path, fmt, ap);
	va_end(ap);
	sink->failed = true;
	return f;
}

struct finding *check_uncertain(struct check_sink *sink, enum finding_code code,
				struct srcpos pos, const char *path, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = report(sink, code, SEV_WARNING, pos, path, fmt, ap);
	va_end(ap);
	sink->uncertain = true;
	return f;
}

struct finding *check_advise(struct check_sink *sink, enum finding_code code, struct srcpos pos,
			     const char *path, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = report(sink, code, finding_code_info(code)->severity, pos, path, fmt, ap);
	va_end(ap);
	return f;
}

void check_need(struct check_sink *sink, const char *type, const char *account,
		const char *region, const char *id)
{
	if (sink->result)
		result_add_prereq(sink->result, type, account, region ? region : "", id,
				  sink->logical_id);
}

void check_need_props(struct check_sink *sink, const char *type, const char *account,
		      const char *region, const char *id, struct value *props)
{
	if (sink->result)
		result_prereq_require(result_add_prereq(sink->result, type, account,
							region ? region : "", id, sink->logical_id),
				      props);
	else
		value_free(props);
}

void check_need_by(struct check_sink *sink, const char *type, const char *account,
		   const char *region, const char *by_property, const char *value)
{
	if (sink->result)
		result_add_prereq_by(sink->result, type, account, region ? region : "", by_property,
				     value, sink->logical_id);
}

void check_need_region(struct check_sink *sink, const char *account, const char *region)
{
	check_need(sink, PREREQ_REGION, account, region, region);
}

const struct model *check_model(const struct check_env *env, const struct check_resource *r)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m;

	if (r->model)
		return *r->model;
	if (!env->deploy->models)
		return NULL;
	m = model_find(env->deploy->models, r->type, &dl);
	diag_clear(&dl);
	return m;
}

struct srcpos check_pos(const struct check_resource *r, const char *path)
{
	const struct value *cur = r->raw;
	struct srcpos best = r->raw ? r->raw->pos : r->pos;
	char *copy = xstrdup(path), *save = NULL, *key;

	for (key = strtok_r(copy, "/", &save); key && cur; key = strtok_r(NULL, "/", &save)) {
		if (cur->kind == VALUE_MAP) {
			cur = value_map_get(cur, key);
		} else if (cur->kind == VALUE_LIST) {
			char *end;
			unsigned long i = strtoul(key, &end, 10);
			cur = *end ? NULL : value_list_get(cur, i);
		} else {
			cur = NULL;
		}
		if (cur)
			best = cur->pos;
	}
	free(copy);
	return best;
}

char *check_path(const struct check_resource *r, const char *path)
{
	if (!path || !*path)
		return xstrfmt("Resources/%s/Properties", r->logical_id);
	return xstrfmt("Resources/%s/Properties/%s", r->logical_id, path);
}

struct walk {
	void (*fn)(void *ctx, const struct value *s, const char *path); /* called per string */
	void *ctx;           /* fn's context */
	bool dynref;         /* only strings holding "{{resolve:" are reported; false: all */
	size_t n;            /* steps in use */
	struct strbuf path;  /* scratch: written only for a string reported */
	struct refs_step steps[LOAD_MAX_DEPTH + 1]; /* the way down (walk stops below that depth) */
};

static void report_string(struct walk *w, const struct value *v)
{
	refs_write_path(&w->path, "", w->steps, w->n);
	w->fn(w->ctx, v, w->path.buf);
}

static void walk(struct walk *w, const struct value *v, int depth)
{
	size_t i;

	if (depth > LOAD_MAX_DEPTH)
		return;
	if (v->kind == VALUE_STRING) {
		if (!w->dynref || template_holds_dynref(v->u.string.s))
			report_string(w, v);
		return;
	}
	if (v->kind != VALUE_LIST && v->kind != VALUE_MAP)
		return;
	w->n++; /* n == depth + 1 <= LOAD_MAX_DEPTH + 1 */
	if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++) {
			w->steps[w->n - 1].key = NULL;
			w->steps[w->n - 1].index = i;
			walk(w, v->u.list.items[i], depth + 1);
		}
	} else {
		for (i = 0; i < v->u.map.n; i++) {
			w->steps[w->n - 1].key = v->u.map.entries[i].key;
			walk(w, v->u.map.entries[i].val, depth + 1);
		}
	}
	w->n--;
}

/* Bounded one level deeper than the walks it stands in for: a superset. */
static bool has_dynref(const struct value *v, int depth)
{
	size_t i;

	if (depth > LOAD_MAX_DEPTH + 1)
		return false;
	if (v->kind == VALUE_STRING)
		return template_holds_dynref(v->u.string.s);
	if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			if (has_dynref(v->u.list.items[i], depth + 1))
				return true;
	} else if (v->kind == VALUE_MAP) {
		for (i = 0; i < v->u.map.n; i++)
			if (has_dynref(v->u.map.entries[i].val, depth + 1))
				return true;
	}
	return false;
}

bool check_has_dynref_string(const struct value *v)
{
	return v && has_dynref(v, 0);
}

static void each_string(const struct value *v, bool dynref,
			void (*fn)(void *ctx, const struct value *s, const char *path), void *ctx)
{
	struct walk w;

	if (!v)
		return;
	w.fn = fn;
	w.ctx = ctx;
	w.dynref = dynref;
	w.n = 0;
	strbuf_init(&w.path);
	walk(&w, v, 0);
	strbuf_release(&w.path);
}

void check_each_string(const struct value *v,
		       void (*fn)(void *ctx, const struct value *s, const char *path), void *ctx)
{
	each_string(v, false, fn, ctx);
}

void check_each_dynref_string(const struct value *v,
			      void (*fn)(void *ctx, const struct value *s, const char *path),
			      void *ctx)
{
	each_string(v, true, fn, ctx);
}
