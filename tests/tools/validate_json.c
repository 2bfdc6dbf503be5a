/*
 * validate_json.c - test tool: validates JSON files against a JSON Schema
 * (jsonschema.h).  Usage: validate-json SCHEMA FILE...
 * Exit 0 when every file is valid, 1 when one is not, 2 when a file cannot
 * be read or parsed.
 */
#include "jsonschema.h"
#include "load/load.h"
#include "util/srcpos.h"

#include <stdio.h>

static struct value *load(const char *path)
{
	static const struct load_options opt = { LOAD_JSON, 0, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = load_file(path, &opt, &dl);

	diag_print(&dl, stderr);
	diag_clear(&dl);
	return v;
}

int main(int argc, char **argv)
{
	struct value *schema;
	int i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: validate-json SCHEMA FILE...\n");
		return 2;
	}
	schema = load(argv[1]);
	if (!schema)
		return 2;
	for (i = 2; i < argc; i++) {
		struct strbuf errors = STRBUF_INIT;
		struct value *doc = load(argv[i]);
		size_t n;

		if (!doc) {
			rc = 2;
			continue;
		}
		n = jsonschema_validate(schema, doc, &errors);
		if (n) {
			printf("%s: %zu schema error(s):\n%s", argv[i], n, errors.buf);
			if (rc == 0)
				rc = 1;
		} else {
			printf("%s: valid\n", argv[i]);
		}
		strbuf_release(&errors);
		value_free(doc);
	}
	value_free(schema);
	srcfile_reset();
	return rc;
}
