/*
 * diag.c - a list of input diagnostics and their GNU-style printing.
 */
#include "util/diag.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>

void diag_vadd(struct diag_list *dl, enum diag_level level, struct srcpos pos,
	       const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	if (level == DIAG_ERROR)
		dl->n_errors++;
	if (dl->n >= DIAG_MAX_STORED) {
		dl->n_dropped++;
		return;
	}
	strbuf_vaddf(&sb, fmt, ap);
	XGROW(dl->items, dl->cap, dl->n + 1);
	dl->items[dl->n].level = level;
	dl->items[dl->n].pos = pos;
	dl->items[dl->n].message = strbuf_detach(&sb, NULL);
	dl->n++;
}

void diag_error(struct diag_list *dl, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag_list *dl, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

void diag_print(const struct diag_list *dl, FILE *out)
{
	size_t i;

	for (i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->items[i];
		const char *level = d->level == DIAG_ERROR ? "error" : "warning";

		if (d->pos.file && d->pos.line)
			fprintf(out, "%s:%u:%u: %s: %s\n", srcfile_name(d->pos.file),
				d->pos.line, d->pos.col, level, d->message);
		else if (d->pos.file)
			fprintf(out, "%s: %s: %s\n", srcfile_name(d->pos.file), level,
				d->message);
		else
			fprintf(out, "cfn-dryrun: %s: %s\n", level, d->message);
	}
	if (dl->n_dropped)
		fprintf(out, "cfn-dryrun: %zu more diagnostics not shown\n", dl->n_dropped);
}

const char *diag_first_error(const struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		if (dl->items[i].level == DIAG_ERROR)
			return dl->items[i].message;
	return NULL;
}

void diag_clear(struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		free(dl->items[i].message);
	free(dl->items);
	dl->items = NULL;
	dl->n = dl->cap = dl->n_errors = dl->n_dropped = 0;
}
