/*
 * import_dir.c - reading a folder of AWS CLI outputs: file names to
 * commands and qualifiers, parsing, the default account and region (from
 * the options, else the only one the ARNs and names show), then each
 * command's converter in table order.
 */
#include "import/import_int.h"
#include "load/load.h"
#include "util/awsid.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct files {
	struct import_file *items; /* owned */
	size_t n, cap;             /* count and capacity */
};

static void files_free(struct files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->items[i].path);
		free(fs->items[i].bucket);
		free(fs->items[i].account);
		free(fs->items[i].region);
		value_free(fs->items[i].root);
	}
	free(fs->items);
}

/* The command whose name the stem is, or starts with followed by '.';
 * the longest such name wins. */
static const struct import_command *match(const char *stem, const char **rest)
{
	const struct import_command *c, *best = NULL;
	size_t best_len = 0;

	for (c = import_commands(); c->name; c++) {
		size_t len = strlen(c->name);

		if (!strncmp(stem, c->name, len) && (stem[len] == '\0' || stem[len] == '.') &&
		    len > best_len) {
			best = c;
			best_len = len;
		}
	}
	*rest = best ? stem + best_len + (stem[best_len] == '.') : NULL;
	return best;
}

/* Account and region tokens of a qualifier ("111111111111.eu-west-1"). */
static int qualifier(struct import_file *f, const char *q, struct diag_list *dl)
{
	char *copy = xstrdup(q), *save = NULL, *tok;
	int rc = 0;

	for (tok = strtok_r(copy, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
		char **slot = awsid_is_account(tok) ? &f->account
			      : awsid_is_region(tok) ? &f->region : NULL;

		if (!slot || *slot) {
			diag_error(dl, SRCPOS_NONE, "%s: '%s' in the file name is %s (name the file "
				   "%s[.ACCOUNT][.REGION].json)", f->path, tok,
				   slot ? "given twice" : "neither an account id nor a region code",
				   f->cmd->name);
			rc = -1;
			continue;
		}
		*slot = xstrdup(tok);
	}
	free(copy);
	return rc;
}

static int add_file(struct files *fs, const char *dir, const char *name, struct diag_list *dl)
{
	static const struct load_options opt = { LOAD_JSON, 0, 0, NULL };
	struct import_file f;
	size_t len = strlen(name);
	const char *rest;
	struct stat st;
	char *stem;

	memset(&f, 0, sizeof(f));
	f.path = xstrfmt("%s/%s", dir, name);
	stem = len > 5 && !strcmp(name + len - 5, ".json") ? xstrndup(name, len - 5) : NULL;
	f.cmd = stem ? match(stem, &rest) : NULL;
	if (!f.cmd) {
		char *names = import_command_list();

		diag_error(dl, SRCPOS_NONE, "%s: unrecognised file: the files are named after the "
			   "AWS CLI command whose output they hold: %s", f.path, names);
		free(names);
		free(stem);
		free(f.path);
		return -1;
	}
	if (f.cmd->per_bucket ? !*rest : *rest && qualifier(&f, rest, dl) < 0) {
		if (f.cmd->per_bucket)
			diag_error(dl, SRCPOS_NONE, "%s: name the file %s.BUCKET.json after the bucket "
				   "it lists", f.path, f.cmd->name);
		goto fail;
	}
	if (f.cmd->per_bucket)
		f.bucket = xstrdup(rest);
	if (stat(f.path, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_error(dl, SRCPOS_NONE, "%s: not a regular file", f.path);
		goto fail;
	}
	f.root = load_file(f.path, &opt, dl);
	if (!f.root)
		goto fail;
	free(stem);
	XGROW(fs->items, fs->cap, fs->n + 1);
	fs->items[fs->n++] = f;
	return 0;
fail:
	free(stem);
	free(f.path);
	free(f.bucket);
	free(f.account);
	free(f.region);
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the names in dir (sorted, dot files left out) into fs. */
static int read_dir(const char *dir, struct files *fs, struct diag_list *dl)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		diag_error(dl, SRCPOS_NONE, "--from %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (!n) {
		diag_error(dl, SRCPOS_NONE, "--from %s: no AWS CLI output files in this folder", dir);
		rc = -1;
	}
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (add_file(fs, dir, names[i], dl) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Collects the accounts, regions and partitions that ARNs under v show. */
static void scan_arns(const struct value *v, struct value *seen, int depth)
{
	struct import_arn a;

	if (depth > LOAD_MAX_DEPTH)
		return;
	if (v->kind == VALUE_STRING && import_parse_arn(v->u.string.s, &a)) {
		if (*a.account)
			value_map_set(import_child(seen, "account"), a.account, value_null(SRCPOS_NONE));
		if (*a.region)
			value_map_set(import_child(seen, "region"), a.region, value_null(SRCPOS_NONE));
		value_map_set(import_child(seen, "partition"), a.partition, value_null(SRCPOS_NONE));
		import_arn_free(&a);
	} else if (v->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(v, it)
			scan_arns(*it, seen, depth + 1);
	} else if (v->kind == VALUE_MAP) {
		VALUE_MAP_FOREACH(v, e)
			scan_arns(e->val, seen, depth + 1);
	}
}

/* The only key of seen[what] (borrowed), or NULL when none or several. */
static const char *only(const struct value *seen, const char *what)
{
	const struct value *m = value_map_get(seen, what);

	return value_map_len(m) == 1 ? value_map_at(m, 0)->key : NULL;
}

static void defaults(struct import_ctx *c, const struct import_options *o,
		     const struct files *fs, struct value *seen)
{
	const char *partition;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		scan_arns(fs->items[i].root, seen, 0);
		if (fs->items[i].account)
			value_map_set(import_child(seen, "account"), fs->items[i].account,
				      value_null(SRCPOS_NONE));
		if (fs->items[i].region)
			value_map_set(import_child(seen, "region"), fs->items[i].region,
				      value_null(SRCPOS_NONE));
	}
	c->account = o->account ? o->account : only(seen, "account");
	c->region = o->region ? o->region : only(seen, "region");
	partition = only(seen, "partition");
	if (partition && strcmp(partition, "aws"))
		value_map_set(c->state, "partition", value_string(SRCPOS_NONE, partition));
	if (c->account)
		value_map_set(c->state, "account", value_string(SRCPOS_NONE, c->account));
	if (c->region)
		value_map_set(c->state, "region", value_string(SRCPOS_NONE, c->region));
	import_child(c->state, "accounts");
}

struct value *import_state(const struct import_options *o, struct diag_list *dl)
{
	struct files fs = { NULL, 0, 0 };
	struct value *seen = value_map(SRCPOS_NONE);
	const struct import_command *cmd;
	struct import_ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.dl = dl;
	c.state = value_map(SRCPOS_NONE);
	rc = read_dir(o->dir, &fs, dl);
	if (rc == 0) {
		defaults(&c, o, &fs, seen);
		for (cmd = import_commands(); cmd->name; cmd++)
			for (i = 0; i < fs.n; i++)
				if (fs.items[i].cmd == cmd && cmd->convert(&c, &fs.items[i]) < 0)
					rc = -1;
	}
	files_free(&fs);
	value_free(seen);
	if (rc < 0) {
		value_free(c.state);
		return NULL;
	}
	return c.state;
}

char *import_command_list(void)
{
	const struct import_command *c;
	struct strbuf sb = STRBUF_INIT;

	for (c = import_commands(); c->name; c++)
		strbuf_addf(&sb, "%s%s%s.json", c == import_commands() ? "" : ", ", c->name,
			    c->per_bucket ? ".BUCKET" : "");
	return strbuf_detach(&sb, NULL);
}
