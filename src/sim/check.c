/*
 * check.c - running the check table and the sink that checks report into.
 */
#include "sim/check.h"
#include "load/load.h"
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

static struct finding *report(struct check_sink *sink, enum finding_code code,
			      enum severity sev, struct srcpos pos, const char *path,
			      const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT;
	struct finding *f;

	strbuf_vaddf(&msg, fmt, ap);
	f = finding_add(sink->findings, code, pos, path, "%s", msg.buf);
	f->severity = sev;
	strbuf_release(&msg);
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
	void *ctx;          /* fn's context */
	struct strbuf path; /* path of the value being visited */
};

static void walk(struct walk *w, const struct value *v, int depth)
{
	size_t len = w->path.len, i;

	if (depth > LOAD_MAX_DEPTH)
		return;
	if (v->kind == VALUE_STRING) {
		w->fn(w->ctx, v, w->path.buf);
	} else if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++) {
			if (len)
				strbuf_addch(&w->path, '/');
			strbuf_add_size(&w->path, i);
			walk(w, v->u.list.items[i], depth + 1);
			strbuf_setlen(&w->path, len);
		}
	} else if (v->kind == VALUE_MAP) {
		for (i = 0; i < v->u.map.n; i++) {
			if (len)
				strbuf_addch(&w->path, '/');
			strbuf_addstr(&w->path, v->u.map.entries[i].key);
			walk(w, v->u.map.entries[i].val, depth + 1);
			strbuf_setlen(&w->path, len);
		}
	}
}

void check_each_string(const struct value *v,
		       void (*fn)(void *ctx, const struct value *s, const char *path), void *ctx)
{
	struct walk w = { fn, ctx, STRBUF_INIT };

	if (!v)
		return;
	walk(&w, v, 0);
	strbuf_release(&w.path);
}
