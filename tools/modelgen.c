/*
 * modelgen.c - regenerates models/generated/ from the registry schemas
 * (`make models`, or: modelgen [--region R] SCHEMA_DIR OUT_DIR).
 *
 * Reads SCHEMA_DIR/R.index.json (typeName -> file) and SCHEMA_DIR/R/FILE,
 * writes OUT_DIR/types.jsonl (one compact model per line, sorted by type)
 * and OUT_DIR/types.idx (type, byte offset and length of its line), each
 * through a temporary file renamed into place.
 */
#include "load/load.h"
#include "modelgen.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_json.h"
#include "write_atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Types in the schema set that are not CloudFormation resource types. */
static const struct {
	const char *type;
	const char *reason;
} excluded[] = {
	{ "Module", "cfn-lint's synthetic type for modules, not a resource type" },
};

struct entry {
	const char *type; /* borrowed from the index tree */
	const char *file; /* borrowed */
};

static int by_type(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->type, ((const struct entry *)b)->type);
}

static int is_excluded(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(excluded) / sizeof(excluded[0]); i++)
		if (!strcmp(type, excluded[i].type))
			return 1;
	return 0;
}

/* Value trees hold no NUL bytes, but a few schema patterns contain the
 * escape \u0000 (a NUL in a character class).  Rewrites each one as the
 * regex escape \\u0000, which the pattern translator reads back as NUL. */
static char *escape_nul(const char *buf, size_t len, size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\\' && i + 1 < len && buf[i + 1] == '\\') {
			strbuf_add(&sb, buf + i, 2);
			i++;
		} else if (buf[i] == '\\' && i + 6 <= len && !memcmp(buf + i, "\\u0000", 6)) {
			strbuf_addstr(&sb, "\\\\u0000");
			i += 5;
		} else {
			strbuf_addch(&sb, buf[i]);
		}
	}
	return strbuf_detach(&sb, out_len);
}

/* Appends the model line of one schema file; returns 0 or -1. */
static int add_model(struct strbuf *data, const char *path, struct diag_list *dl)
{
	static const struct load_options json = { LOAD_JSON, 0, 0, NULL };
	struct value *schema, *model;
	size_t len, text_len;
	char *buf = load_read_file(path, 0, &len, dl), *text;

	if (!buf)
		return -1;
	text = escape_nul(buf, len, &text_len);
	schema = load_buffer(path, text, text_len, &json, dl);
	free(buf);
	free(text);
	if (!schema)
		return -1;
	model = modelgen_build(schema, dl);
	value_free(schema);
	if (!model)
		return -1;
	value_to_json_compact(data, model);
	strbuf_addch(data, '\n');
	value_free(model);
	return 0;
}

static int generate(const char *region, const char *schema_dir, const char *out_dir)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf data = STRBUF_INIT, idx = STRBUF_INIT;
	char *index_path = xstrfmt("%s/%s.index.json", schema_dir, region);
	struct value *index = load_file(index_path, NULL, &dl);
	struct entry *entries = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (index && index->kind != VALUE_MAP)
		diag_error(&dl, index->pos, "the index is not a map of type -> file");
	if (!index || dl.n_errors)
		goto out;
	entries = xcalloc(value_map_len(index) + 1, sizeof(*entries));
	VALUE_MAP_FOREACH(index, e) {
		if (!value_is_string(e->val)) {
			diag_error(&dl, e->val->pos, "%s: the file name is not a string", e->key);
			continue;
		}
		if (!is_excluded(e->key))
			entries[n++] = (struct entry){ e->key, e->val->u.string.s };
	}
	qsort(entries, n, sizeof(*entries), by_type);
	strbuf_addf(&idx, "#cfn-dryrun-models 1 region=%s types=%zu\n", region, n);
	for (i = 0; i < n && !dl.n_errors; i++) {
		char *path = xstrfmt("%s/%s/%s", schema_dir, region, entries[i].file);
		size_t start = data.len;

		if (add_model(&data, path, &dl) == 0)
			strbuf_addf(&idx, "%s\t%zu\t%zu\n", entries[i].type, start,
				    data.len - start);
		free(path);
	}
out:
	if (dl.n_errors) {
		diag_print(&dl, stderr);
		rc = -1;
	} else {
		char *data_path = xstrfmt("%s/types.jsonl", out_dir);
		char *idx_path = xstrfmt("%s/types.idx", out_dir);

		if (tool_write_atomic("modelgen", data_path, data.buf, data.len) < 0 ||
		    tool_write_atomic("modelgen", idx_path, idx.buf, idx.len) < 0)
			rc = -1;
		else
			printf("modelgen: %zu types, %zu bytes of models in %s\n", n, data.len, out_dir);
		free(data_path);
		free(idx_path);
	}
	free(entries);
	value_free(index);
	free(index_path);
	strbuf_release(&data);
	strbuf_release(&idx);
	diag_clear(&dl);
	return rc;
}

int main(int argc, char **argv)
{
	const char *region = "us-east-1";
	int i = 1, rc;

	if (argc > 2 && !strcmp(argv[1], "--region")) {
		region = argv[2];
		i = 3;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: modelgen [--region R] SCHEMA_DIR OUT_DIR\n");
		return 2;
	}
	rc = generate(region, argv[i], argv[i + 1]);
	srcfile_reset();
	return rc < 0 ? 1 : 0;
}
