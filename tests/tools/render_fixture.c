/*
 * render_fixture.c - test tool: writes a hand-built engine result
 * (tests/unit/fixture.c) in one report format, for the golden-file tests.
 * Usage: render-fixture NAME FORMAT
 */
#include "../unit/fixture.h"
#include "report/report.h"
#include "util/srcpos.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct run_result r = RUN_RESULT_INIT;
	struct report_options o = { false, false, false };
	const struct report_format *fmt;
	struct strbuf out = STRBUF_INIT;
	int rc = 0;

	if (argc != 3 || !(fmt = report_find(argv[2]))) {
		fprintf(stderr, "usage: render-fixture NAME FORMAT (names: %s)\n", fixture_names());
		return 2;
	}
	if (fixture_build(argv[1], &r) < 0) {
		fprintf(stderr, "render-fixture: no fixture '%s' (names: %s)\n", argv[1],
			fixture_names());
		return 2;
	}
	fmt->write(&r, &o, &out);
	if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout))
		rc = 2;
	else
		rc = result_exit_code(&r);
	strbuf_release(&out);
	result_free(&r);
	srcfile_reset();
	return rc;
}
