/*
 * jget.c - a test helper: prints the value at a dotted path of a JSON or
 * YAML document ("stacks.0.resources.2.status"), strings bare, other values
 * as compact JSON.  "length" after a list or map path prints its size.
 * Exit 0 when found, 1 when the path is absent, 2 when the file is not
 * valid JSON/YAML.  Used by the shell tests instead of jq.
 */
#include "load/load.h"
#include "util/strbuf.h"
#include "value/value_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct value *step(const struct value *v, const char *key)
{
	char *end;
	unsigned long i;

	if (v->kind == VALUE_MAP)
		return value_map_get(v, key);
	if (v->kind == VALUE_LIST) {
		i = strtoul(key, &end, 10);
		if (*key && !*end)
			return value_list_get(v, i);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct load_options opt = { LOAD_AUTO, 0, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	const struct value *cur;
	struct value *root;
	char *path, *save = NULL, *key;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: jget FILE PATH\n");
		return 2;
	}
	root = load_file(argv[1], &opt, &dl);
	if (!root) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		return 2;
	}
	cur = root;
	path = strdup(argv[2]);
	for (key = strtok_r(path, ".", &save); key && cur; key = strtok_r(NULL, ".", &save)) {
		if (!strcmp(key, "length") && (cur->kind == VALUE_LIST || cur->kind == VALUE_MAP) &&
		    !step(cur, key)) {
			printf("%zu\n", cur->kind == VALUE_LIST ? value_list_len(cur) : value_map_len(cur));
			goto out;
		}
		cur = step(cur, key);
	}
	if (!cur) {
		rc = 1;
	} else if (cur->kind == VALUE_STRING) {
		printf("%s\n", cur->u.string.s);
	} else {
		struct strbuf sb = STRBUF_INIT;
		value_to_json_compact(&sb, cur);
		printf("%s\n", sb.buf);
		strbuf_release(&sb);
	}
out:
	free(path);
	value_free(root);
	srcfile_reset();
	return rc;
}
