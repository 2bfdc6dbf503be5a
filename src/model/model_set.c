/*
 * model_set.c - opening model directories, the type index, and finding a
 * type's model on first use (one pread of one line per type).
 *
 * The cache maps every type asked for to its model, or to NULL for types
 * no directory knows, so each type is looked up once.
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#ifndef CFN_MODELS_DIR
#define CFN_MODELS_DIR "/usr/local/share/cfn-dryrun/models"
#endif

/* The largest model line read (the largest generated one is ~200 KB). */
#define MAX_LINE_BYTES ((size_t)16 * 1024 * 1024)

struct model_entry {
	char *type;          /* owned: the name asked for, the key */
	struct model *model; /* owned, or NULL: not recognized */
	UT_hash_handle hh;   /* uthash */
};

static int by_type(const void *a, const void *b)
{
	return strcmp(((const struct model_index_entry *)a)->type,
		      ((const struct model_index_entry *)b)->type);
}

static bool sorted(const struct model_dir *d)
{
	size_t i;

	for (i = 1; i < d->n_index; i++)
		if (by_type(&d->index[i - 1], &d->index[i]) > 0)
			return false;
	return true;
}

/* Parses "#cfn-dryrun-models 1 region=R ..." */
static int parse_header(struct model_dir *d, const char *line, uint32_t file,
			struct diag_list *dl)
{
	const char *region;
	long version;

	if (strncmp(line, "#cfn-dryrun-models ", 19)) {
		diag_error(dl, srcpos_make(file, 1, 1), "not a cfn-dryrun model index");
		return -1;
	}
	version = strtol(line + 19, NULL, 10);
	if (version != MODEL_FORMAT_VERSION) {
		diag_error(dl, srcpos_make(file, 1, 20),
			   "model index format %ld; this cfn-dryrun reads format %d", version,
			   MODEL_FORMAT_VERSION);
		return -1;
	}
	region = strstr(line, " region=");
	if (region) {
		region += 8;
		d->region = xstrndup(region, strcspn(region, " \t\n"));
	}
	return 0;
}

/* A field of decimal digits only, ending at stop (at most 19 digits: no
 * overflow); false for anything else, which strtoull then reads as it
 * always did. */
static bool plain_number(const char *p, const char *stop, unsigned long long *out)
{
	unsigned long long n = 0;

	if (p == stop || stop - p > 19)
		return false;
	for (; p < stop; p++) {
		unsigned digit = (unsigned)(unsigned char)*p - '0'; /* one test: wraps below '0' */

		if (digit > 9)
			return false;
		n = n * 10 + digit;
	}
	*out = n;
	return true;
}

/* Parses one "TYPE<TAB>OFFSET<TAB>LENGTH" line into d's index; the type
 * stays in the line (d->index_buf). */
static int parse_index_line(struct model_dir *d, char *line, size_t lineno, uint32_t file,
			    size_t *cap, struct diag_list *dl)
{
	char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL, *end;
	unsigned long long off, len;

	if (!tab1 || !tab2 || tab1 == line) {
		diag_error(dl, srcpos_make(file, (uint32_t)lineno, 1),
			   "expected TYPE, OFFSET and LENGTH separated by tabs");
		return -1;
	}
	if (!plain_number(tab1 + 1, tab2, &off)) {
		errno = 0;
		off = strtoull(tab1 + 1, &end, 10);
		if (errno || end != tab2)
			goto bad;
	}
	if (!plain_number(tab2 + 1, tab2 + 1 + strlen(tab2 + 1), &len)) {
		unsigned long l;

		errno = 0;
		l = strtoul(tab2 + 1, &end, 10);
		if (errno || *end)
			goto bad;
		len = l;
	}
	if (len == 0 || len > MAX_LINE_BYTES)
		goto bad;
	if (d->n_index == *cap)
		XGROW(d->index, *cap, d->n_index + 1);
	*tab1 = '\0';
	d->index[d->n_index].type = line;
	d->index[d->n_index].offset = off;
	d->index[d->n_index].len = (size_t)len;
	d->index[d->n_index].line = d->n_index + 1;
	d->n_index++;
	return 0;
bad:
	diag_error(dl, srcpos_make(file, (uint32_t)lineno, (uint32_t)(tab1 - line) + 2),
		   "bad offset or length");
	return -1;
}

/* Digits at *pp (1 to 19 of them, no overflow) into *out, *pp moved past
 * them; false when there are none or more. */
static bool digits_at(const char **pp, unsigned long long *out)
{
	const unsigned char *start = (const unsigned char *)*pp, *p = start;
	unsigned long long n = 0; /* (wraps past 19 digits, which are refused) */
	unsigned digit;

	while ((digit = (unsigned)*p - '0') <= 9) {
		n = n * 10 + digit;
		p++;
	}
	if (p == start || p - start > 19)
		return false;
	*pp = (const char *)p;
	*out = n;
	return true;
}

/* The common index line "TYPE<TAB>DIGITS<TAB>DIGITS" (then a newline or
 * the end) in one pass: added to d's index, NUL-terminated as
 * parse_index_line leaves it, *next the following line.  False, nothing
 * changed, for any other line: parse_index_line judges it as before. */
static bool quick_index_line(struct model_dir *d, char *line, char **next, size_t *cap)
{
	char *tab1 = strchr(line, '\t');
	const char *p;
	unsigned long long off, len;

	if (!tab1 || tab1 == line || memchr(line, '\n', (size_t)(tab1 - line)))
		return false;
	p = tab1 + 1;
	if (!digits_at(&p, &off) || *p != '\t')
		return false;
	p++;
	if (!digits_at(&p, &len) || (*p != '\n' && *p != '\0') || len == 0 ||
	    len > MAX_LINE_BYTES)
		return false;
	if (d->n_index == *cap)
		XGROW(d->index, *cap, d->n_index + 1);
	*tab1 = '\0';
	*next = (char *)p + (*p == '\n');
	if (*p == '\n')
		*(char *)p = '\0';
	d->index[d->n_index].type = line;
	d->index[d->n_index].offset = off;
	d->index[d->n_index].len = (size_t)len;
	d->index[d->n_index].line = d->n_index + 1;
	d->n_index++;
	return true;
}

static int read_index(struct model_dir *d, const char *idx_path, struct diag_list *dl)
{
	uint32_t file = srcfile_add(idx_path);
	size_t len, cap = 0, lineno = 0;
	char *buf = load_read_file(idx_path, 0, &len, dl), *line, *next;
	int rc = 0;

	if (!buf)
		return -1;
	for (line = buf; *line && rc == 0; line = next) {
		if (lineno > 0 && quick_index_line(d, line, &next, &cap)) {
			lineno++;
			continue;
		}
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		if (lineno == 1)
			rc = parse_header(d, line, file, dl);
		else if (*line)
			rc = parse_index_line(d, line, lineno, file, &cap, dl);
	}
	if (rc == 0 && lineno == 0) {
		diag_error(dl, srcpos_make(file, 1, 1), "empty model index");
		rc = -1;
	}
	d->index_buf = buf;
	if (!sorted(d)) /* make models writes it sorted: one pass instead of a sort */
		qsort(d->index, d->n_index, sizeof(*d->index), by_type);
	return rc;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int open_dir(struct model_dir *d, const char *path, struct diag_list *dl)
{
	char *idx = xstrfmt("%s/generated/types.idx", path);
	int rc = 0;

	memset(d, 0, sizeof(*d));
	d->data_fd = -1;
	d->path = xstrdup(path);
	if (!is_dir(path)) {
		diag_error(dl, SRCPOS_NONE, "%s: model directory not found", path);
		rc = -1;
	} else if (is_file(idx)) {
		d->data_path = xstrfmt("%s/generated/types.jsonl", path);
		rc = read_index(d, idx, dl);
	}
	free(idx);
	return rc;
}

static void free_dir(struct model_dir *d)
{
	if (d->data_fd >= 0)
		close(d->data_fd);
	free(d->index);
	free(d->index_buf);
	free(d->path);
	free(d->data_path);
	free(d->region);
	model_compiled_close(&d->compiled);
}

struct model_set *model_set_open(const char *const *dirs, size_t n, struct diag_list *dl)
{
	struct model_set *ms = xcalloc(1, sizeof(*ms));
	size_t i;

	ms->dirs = xcalloc(n ? n : 1, sizeof(*ms->dirs));
	for (i = 0; i < n; i++) {
		if (open_dir(&ms->dirs[ms->n_dirs], dirs[i], dl) < 0) {
			free_dir(&ms->dirs[ms->n_dirs]);
			model_set_free(ms);
			return NULL;
		}
		ms->n_dirs++;
	}
	return ms;
}

/* The directory of the running executable (new) or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	return xstrndup(buf, (size_t)(slash - buf));
}

/* models/ of the source tree, found from the executable: DIR/models (an
 * in-tree build) or DIR/../models (a build directory inside the tree). */
static char *source_tree_models(void)
{
	static const char *const rel[] = { "models", "../models" };
	char *dir = exe_dir(), *found = NULL;
	size_t i;

	for (i = 0; dir && !found && i < sizeof(rel) / sizeof(rel[0]); i++) {
		char *cand = xstrfmt("%s/%s", dir, rel[i]);
		char *idx = xstrfmt("%s/generated/types.idx", cand);

		if (is_file(idx))
			found = cand;
		else
			free(cand);
		free(idx);
	}
	free(dir);
	return found;
}

struct model_set *model_set_open_default(const char *extra_dir, struct diag_list *dl)
{
	const char *dirs[2];
	const char *env = getenv(MODEL_ENV_DIR);
	char *tree = NULL;
	struct model_set *ms;
	size_t n = 0;

	if (extra_dir)
		dirs[n++] = extra_dir;
	if (env && *env)
		dirs[n++] = env;
	else if ((tree = source_tree_models()))
		dirs[n++] = tree;
	else
		dirs[n++] = CFN_MODELS_DIR;
	ms = model_set_open(dirs, n, dl);
	free(tree);
	return ms;
}

void model_set_free(struct model_set *ms)
{
	struct model_entry *e, *tmp;
	size_t i;

	if (!ms)
		return;
	/* The directories first: freeing their large buffers (types.idx is
	 * ~70 KB) makes malloc consolidate every small free chunk it holds,
	 * which is cheap now and costly after the models' trees are freed. */
	for (i = 0; i < ms->n_dirs; i++)
		free_dir(&ms->dirs[i]);
	free(ms->dirs);
	HASH_ITER(hh, ms->models, e, tmp) {
		HASH_DEL(ms->models, e);
		model_free(e->model);
		free(e->type);
		free(e);
	}
	for (i = 0; i < ms->n_overlays; i++) {
		free(ms->overlays[i].service);
		free(ms->overlays[i].rules);
		value_free(ms->overlays[i].doc);
		value_free(ms->overlays[i].kept);
	}
	free(ms->overlays);
	model_regex_free(ms);
	value_arena_free(ms->arena); /* after the models, whose trees it holds */
	free(ms);
}

static const struct model_index_entry *index_find(const struct model_dir *d, const char *type)
{
	struct model_index_entry key;

	if (!d->n_index)
		return NULL;
	key.type = (char *)type;
	return bsearch(&key, d->index, d->n_index, sizeof(*d->index), by_type);
}

/* The base models: the last directory with an index. */
static const struct model_dir *base_dir(const struct model_set *ms)
{
	size_t d;

	for (d = ms->n_dirs; d-- > 0;)
		if (ms->dirs[d].n_index)
			return &ms->dirs[d];
	return NULL;
}

size_t model_set_type_count(const struct model_set *ms)
{
	const struct model_dir *d = base_dir(ms);

	return d ? d->n_index : 0;
}

const char *model_set_type_at(const struct model_set *ms, size_t i)
{
	const struct model_dir *d = base_dir(ms);

	return d && i < d->n_index ? d->index[i].type : NULL;
}

/* Reads and parses the generated line of e (a new tree: in *arena,
 * created on first need, when the line is read fast, else its own; its
 * definitions in *lazy, new, when they are left for later) or NULL with an error
 * naming the file and line.  types.jsonl is opened on the first read and
 * kept open until the set is freed (a failed open is tried again next time). */
static struct value *read_line(struct model_dir *d, const struct model_index_entry *e,
			       struct value_arena **arena, struct model_lazy **lazy,
			       struct diag_list *dl)
{
	static const struct load_options json = { LOAD_JSON, 0, 0, NULL };
	char *name = xstrfmt("%s:%zu", d->data_path, e->line);
	char *buf = xmalloc(e->len + 1);
	struct value *v = NULL;
	size_t got = 0;
	int fd = d->data_fd >= 0 ? d->data_fd : (d->data_fd = open(d->data_path, O_RDONLY | O_CLOEXEC));

	buf[e->len] = '\0'; /* model_line_parse's scans stop there */

	while (fd >= 0 && got < e->len) {
		ssize_t r = pread(fd, buf + got, e->len - got, (off_t)(e->offset + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (fd < 0 || got < e->len)
		diag_error(dl, SRCPOS_NONE, "%s: cannot read the model of %s: %s", d->data_path,
			   e->type, fd < 0 ? strerror(errno) : "file shorter than its index");
	else if (!(v = model_line_parse(name, buf, e->len,
					       *arena ? *arena : (*arena = value_arena_new()), lazy)))
		v = load_buffer(name, buf, e->len, &json, dl);
	if (v && !(v->kind == VALUE_MAP && value_is_string(value_map_get(v, "t")) &&
		   !strcmp(value_str(value_map_get(v, "t")), e->type))) {
		diag_error(dl, v->pos, "the model line of %s does not describe it "
			   "(the index and types.jsonl disagree; run make models)", e->type);
		value_free(v);
		v = NULL;
	}
	if (!v) {
		model_lazy_free(*lazy);
		*lazy = NULL;
	}
	free(buf);
	free(name);
	return v;
}

/* Loads type: the first directory whose index has it gives the generated
 * line; the overlays give the facts.  NULL when nothing knows the type. */
static struct model *load(struct model_set *ms, const char *type, struct diag_list *dl)
{
	const struct value *facts;
	struct value *doc = NULL;
	struct model_lazy *lazy = NULL;
	size_t i, errors = dl->n_errors;

	for (i = 0; i < ms->n_dirs && !doc; i++) {
		const struct model_index_entry *e = index_find(&ms->dirs[i], type);
		if (e && !(doc = read_line(&ms->dirs[i], e, &ms->arena, &lazy, dl)))
			return NULL;
	}
	facts = model_overlay_facts(ms, type, dl);
	if (dl->n_errors > errors || (!doc && !(facts && value_map_get(facts, "schema")))) {
		value_free(doc);
		model_lazy_free(lazy);
		return NULL;
	}
	return model_build(ms, type, doc, lazy, facts, dl);
}

const struct model *model_find(struct model_set *ms, const char *type, struct diag_list *dl)
{
	const char *key = strncmp(type, "Custom::", 8) ? type : "AWS::CloudFormation::CustomResource";
	struct model_entry *e;

	HASH_FIND_STR(ms->models, key, e);
	if (e)
		return e->model;
	e = xcalloc(1, sizeof(*e));
	e->type = xstrdup(key);
	e->model = load(ms, key, dl);
	HASH_ADD_KEYPTR(hh, ms->models, e->type, strlen(e->type), e);
	return e->model;
}

enum model_avail model_available_in(struct model_set *ms, const char *type, const char *region)
{
	const char *key = strncmp(type, "Custom::", 8) ? type : "AWS::CloudFormation::CustomResource";
	enum model_avail avail = MODEL_AVAIL_UNKNOWN;
	size_t i;

	for (i = 0; i < ms->n_dirs; i++) {
		const struct model_dir *d = &ms->dirs[i];

		if (!d->region || strcmp(d->region, region))
			continue;
		if (index_find(d, key))
			return MODEL_AVAIL_YES;
		avail = MODEL_AVAIL_NO; /* a list for that region, without the type */
	}
	return avail;
}
