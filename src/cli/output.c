/*
 * output.c - writing a report to standard output or, atomically, to the
 * --output file (a temporary file in the same folder, then rename).
 */
#include "cli/cli.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_atomically(const char *path, const struct strbuf *text, struct diag_list *dl)
{
	char *tmp = xstrfmt("%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		diag_error(dl, SRCPOS_NONE, "--output %s: cannot create a temporary file: %s", path,
			   strerror(errno));
		free(tmp);
		return -1;
	}
	if (write_all(fd, text->buf, text->len) < 0 || fsync(fd) < 0) {
		diag_error(dl, SRCPOS_NONE, "--output %s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		diag_error(dl, SRCPOS_NONE, "--output %s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int cli_write_text(const struct strbuf *text, const struct cli_options *o,
		   struct diag_list *dl)
{
	if (o->output)
		return write_atomically(o->output, text, dl);
	if (fwrite(text->buf, 1, text->len, stdout) != text->len || fflush(stdout) != 0) {
		diag_error(dl, SRCPOS_NONE, "cannot write to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int cli_write_report(const struct run_result *r, const struct cli_options *o,
		     const char *default_format, struct diag_list *dl)
{
	const char *name = o->format ? o->format : default_format;
	const struct report_format *fmt;
	const char *no_color;
	struct report_options ro = { false, o->quiet, o->show_resolved };
	struct strbuf out = STRBUF_INIT;
	int rc = 0;

	if (!name)
		name = isatty(STDOUT_FILENO) ? "text" : "json";
	fmt = report_find(name);
	if (!fmt) {
		diag_error(dl, SRCPOS_NONE, "unknown format '%s'", name);
		return -1;
	}
	/* NO_COLOR (no-color.org): any non-empty value turns colour off. */
	no_color = getenv("NO_COLOR");
	ro.color = !o->output && isatty(STDOUT_FILENO) && !(no_color && *no_color);
	fmt->write(r, &ro, &out);
	rc = cli_write_text(&out, o, dl);
	strbuf_release(&out);
	return rc;
}
