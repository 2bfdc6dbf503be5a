/*
 * load_file.c - reading input files and choosing the parser.
 */
#include "load/load.h"
#include "value/value_arena.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *load_read_file(const char *path, size_t max_bytes, size_t *len,
		     struct diag_list *dl)
{
	uint32_t file = srcfile_add(path);
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	if (!max_bytes)
		max_bytes = LOAD_MAX_BYTES;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		diag_error(dl, srcpos_make(file, 0, 0), "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_error(dl, srcpos_make(file, 0, 0), "%s",
			   S_ISDIR(st.st_mode) ? "is a directory, not a file"
					       : "not a regular file");
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		diag_error(dl, srcpos_make(file, 0, 0),
			   "file is %lld bytes; the limit is %zu bytes",
			   (long long)st.st_size, max_bytes);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	xprefault(buf, (size_t)st.st_size + 1); /* read() would fault each fresh page */
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_error(dl, srcpos_make(file, 0, 0), "cannot read: %s",
				   r < 0 ? strerror(errno) : "file shrank while reading");
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

static int looks_like_json(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = buf[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		return c == '{' || c == '[';
	}
	return 0;
}

/* Arena bytes a loaded tree takes per input byte, about: the pre-mapped
 * part of the arena (value_arena_new_sized).  Less is fine, the arena
 * grows past it by page faults; 5 fits YAML templates (4 left ~550 of
 * them at 10,000 resources, 6 and 8 save nothing more). */
#define ARENA_PER_BYTE 5

/* Takes a; the loaded root sealed as a's owner, or NULL (a freed). */
static struct value *seal(struct value_arena *a, struct value *root)
{
	if (!root) {
		value_arena_free(a);
		return NULL;
	}
	return value_arena_seal(root);
}

struct value *load_buffer(const char *name, const char *buf, size_t len,
			  const struct load_options *opt, struct diag_list *dl)
{
	static const struct load_options defaults = { LOAD_AUTO, 0, 1, NULL };
	uint32_t file = srcfile_add(name);
	struct diag_list json_errors = DIAG_LIST_INIT;
	struct value_arena *a;
	struct value *v;

	if (!opt)
		opt = &defaults;
	if (opt->meta)
		memset(opt->meta, 0, sizeof(*opt->meta));
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3; /* a UTF-8 byte order mark is not content */
		len -= 3;
	}
	if (load_check_text(file, buf, len, dl) < 0)
		return NULL;
	a = value_arena_new_sized(ARENA_PER_BYTE * len);
	if (opt->format == LOAD_JSON)
		return seal(a, load_json(a, file, buf, len, dl));
	if (opt->format == LOAD_YAML || !looks_like_json(buf, len))
		return seal(a, load_yaml(a, file, buf, len, opt->cfn_tags, opt->meta, dl));
	/* Starts like JSON: JSON it is, unless only YAML (a superset) takes it. */
	v = seal(a, load_json(a, file, buf, len, &json_errors));
	if (!v) {
		struct diag_list yaml_errors = DIAG_LIST_INIT;

		a = value_arena_new_sized(ARENA_PER_BYTE * len);
		v = seal(a, load_yaml(a, file, buf, len, opt->cfn_tags, opt->meta, &yaml_errors));
		if (!v) {
			size_t i;
			for (i = 0; i < json_errors.n; i++)
				diag_error(dl, json_errors.items[i].pos, "%s",
					   json_errors.items[i].message);
		}
		diag_clear(&yaml_errors);
	}
	diag_clear(&json_errors);
	return v;
}

struct value *load_file(const char *path, const struct load_options *opt,
			struct diag_list *dl)
{
	size_t len;
	char *buf = load_read_file(path, opt ? opt->max_bytes : 0, &len, dl);
	struct value *v;

	if (!buf)
		return NULL;
	v = load_buffer(path, buf, len, opt, dl);
	free(buf);
	return v;
}
