/*
 * overlaygen.c - compiles models/overlay/SERVICE.yaml into
 * models/compiled/overlay.dat (make, or: overlaygen OUT FILE.yaml...).
 * Every file is checked as cfn-dryrun checks it (a typo fails the build
 * with FILE:LINE:COLUMN); the output is read by src/model/model_overlay.c
 * without libyaml, for the services whose YAML still has the same hash.
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "write_atomic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The service of overlay/SERVICE.yaml (new) or NULL. */
static char *service_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len <= 5 || strcmp(base + len - 5, ".yaml"))
		return NULL;
	return xstrndup(base, len - 5);
}

/* Appends one record; type names go between tabs. */
static int add_record(struct strbuf *recs, char kind, const char *type, const struct value *v,
		      struct diag_list *dl)
{
	struct strbuf enc = STRBUF_INIT;
	int rc = 0;

	if (strpbrk(type, "\t\n")) {
		diag_error(dl, v->pos, "%s: a type name with a tab or newline", type);
		rc = -1;
	} else if (model_compiled_encode(&enc, v) < 0) {
		diag_error(dl, v->pos, "%s: a value the compiled form cannot hold", type);
		rc = -1;
	} else {
		model_compiled_record(recs, kind, type, enc.buf, enc.len);
	}
	strbuf_release(&enc);
	return rc;
}

/* Checks and compiles one file: its index line into idx, records into recs. */
static int compile(const char *path, struct strbuf *idx, struct strbuf *recs,
		   struct diag_list *dl)
{
	char *service = service_of(path), *buf;
	struct model_rule *rules = NULL;
	struct value *doc = NULL;
	size_t len, n_rules = 0, start = recs->len, i;
	int rc = -1;

	if (!service) {
		diag_error(dl, SRCPOS_NONE, "%s: not an overlay/SERVICE.yaml file", path);
		return -1;
	}
	if (!(buf = load_read_file(path, 0, &len, dl)))
		goto out;
	doc = load_buffer(path, buf, len, NULL, dl);
	if (!doc || model_overlay_check(service, doc, &rules, &n_rules, dl) < 0)
		goto out;
	rc = 0;
	if (value_map_get(doc, "types"))
		VALUE_MAP_FOREACH(value_map_get(doc, "types"), e)
			rc |= add_record(recs, 'T', e->key, e->val, dl);
	for (i = 0; i < n_rules; i++) {
		const struct model_rule *r = &rules[i];

		rc |= add_record(recs, 'R', r->resource_type ? r->resource_type : r->parameter_type,
				 value_list_get(value_map_get(doc, "rules"), i), dl);
	}
	strbuf_addf(idx, "S\t%s\t%016llx\t%zu\t%zu\n", service,
		    (unsigned long long)model_compiled_hash(buf, len), start, recs->len - start);
out:
	free(rules);
	value_free(doc);
	free(buf);
	free(service);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf out = STRBUF_INIT, idx = STRBUF_INIT, recs = STRBUF_INIT;
	int i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: overlaygen OUT FILE.yaml...\n");
		return 2;
	}
	/* in file name order, whatever the order given */
	qsort(argv + 2, (size_t)argc - 2, sizeof(*argv), by_name);
	for (i = 2; i < argc; i++)
		rc |= compile(argv[i], &idx, &recs, &dl);
	diag_print(&dl, stderr);
	if (rc == 0) {
		model_compiled_header(&out);
		strbuf_add(&out, idx.buf, idx.len);
		strbuf_addch(&out, '\n');
		strbuf_add(&out, recs.buf, recs.len);
		rc = tool_write_atomic("overlaygen", argv[1], out.buf, out.len);
	}
	strbuf_release(&out);
	strbuf_release(&idx);
	strbuf_release(&recs);
	diag_clear(&dl);
	srcfile_reset();
	return rc < 0 ? 1 : 0;
}
