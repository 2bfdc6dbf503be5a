/*
 * finding.c - the finding code table and finding lists.
 */
#include "engine/finding.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>

static const struct code_info codes[] = {
#define CODE(id, code, sev, name, summary) [id] = { code, sev, name, summary },
#include "engine/codes.def"
#undef CODE
};

const struct code_info *finding_code_info(enum finding_code code)
{
	assert((size_t)code < FC_COUNT);
	return &codes[code];
}

size_t finding_code_count(void)
{
	return FC_COUNT;
}

const char *severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO: return "info";
	default: return "invalid";
	}
}

struct finding *finding_add(struct finding_list *list, enum finding_code code,
			    struct srcpos pos, const char *path, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = finding_vadd(list, code, pos, path, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *finding_vadd(struct finding_list *list, enum finding_code code,
			     struct srcpos pos, const char *path, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;

	strbuf_vaddf(&sb, fmt, ap);
	XGROW(list->items, list->cap, list->n + 1);
	f = &list->items[list->n++];
	f->code = code;
	f->severity = finding_code_info(code)->severity;
	f->message = strbuf_detach(&sb, NULL);
	f->fix = NULL;
	f->path = path ? xstrdup(path) : NULL;
	f->pos = pos;
	return f;
}

void finding_set_fix(struct finding *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(f->fix);
	f->fix = strbuf_detach(&sb, NULL);
}

void finding_list_copy(struct finding_list *dst, const struct finding_list *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		const struct finding *s = &src->items[i];
		struct finding *d;

		XGROW(dst->items, dst->cap, dst->n + 1);
		d = &dst->items[dst->n++];
		*d = *s;
		d->message = xstrdup(s->message);
		d->fix = s->fix ? xstrdup(s->fix) : NULL;
		d->path = s->path ? xstrdup(s->path) : NULL;
	}
}

size_t finding_list_errors(const struct finding_list *list)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		n += list->items[i].severity == SEV_ERROR;
	return n;
}

void finding_list_free(struct finding_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->items[i].message);
		free(list->items[i].fix);
		free(list->items[i].path);
	}
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}
