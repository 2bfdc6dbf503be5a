/*
 * report_html_svg.c - the HTML report's style sheet and its SVG timeline:
 * creation waves as columns, resources as boxes coloured by status,
 * dependencies as curves from a resource to what needs it.
 */
#include "report/report_html.h"
#include "report/report_util.h"
#include "util/xalloc.h"

#include <stdlib.h>

#define COL_W 224   /* width of a wave column */
#define BOX_W 170   /* width of a resource box */
#define ROW_H 34    /* height of a row */
#define BOX_H 26    /* height of a resource box */
#define TOP 28      /* room for the wave labels */
#define LABEL_MAX 22 /* characters of a logical id shown in a box */

const char report_html_style[] =
	":root{--fail:#b00020;--blocked:#b36b00;--uncertain:#3c5a99;--create:#2e7d32;"
	"--skipped:#6b6b6b}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:#f5f6f8;color:#1c2127;"
	"font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif}\n"
	"main{max-width:1180px;margin:0 auto;padding:12px}\n"
	"h1{font-size:1.4em;margin:.3em 0}\n"
	"h2{font-size:1.2em;margin:0 0 .2em}\n"
	"h3{font-size:1em;margin:1em 0 .4em}\n"
	"h3.fail{color:var(--fail)}h3.blocked{color:var(--blocked)}"
	"h3.uncertain{color:var(--uncertain)}h3.create{color:var(--create)}\n"
	".summary{font-weight:600;font-size:1.1em}\n"
	".stack{background:#fff;border-radius:8px;padding:12px 14px;margin:14px 0;"
	"box-shadow:0 1px 3px rgba(0,0,0,.12);border-top:4px solid var(--create)}\n"
	".stack[data-verdict=fail],.stack[data-verdict=blocked]{border-top-color:var(--fail)}\n"
	".stack[data-verdict=uncertain]{border-top-color:var(--uncertain)}\n"
	".stack.nested{margin:14px 0 0;box-shadow:none;border:1px solid #d5d9de;border-top-width:4px}\n"
	".meta{color:#555;margin:.2em 0 .6em;overflow-wrap:anywhere}\n"
	".badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8em;"
	"color:#fff;background:var(--create);vertical-align:middle}\n"
	".badge.fail{background:var(--fail)}.badge.blocked{background:var(--blocked)}"
	".badge.uncertain{background:var(--uncertain)}.badge.skipped{background:var(--skipped)}"
	".badge.ok{background:var(--create)}\n"
	".timeline{margin:8px 0;overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
	".timeline svg{display:block;max-width:none}\n"
	".timeline figcaption{color:#555;font-size:.85em}\n"
	"ul.resources{list-style:none;margin:0;padding:0}\n"
	".res{border-left:4px solid var(--create);background:#fafbfc;margin:6px 0;padding:6px 10px;"
	"overflow-wrap:anywhere}\n"
	".res.fail{border-color:var(--fail);background:#fdf0f2}\n"
	".res.blocked{border-color:var(--blocked);background:#fdf6ea}\n"
	".res.uncertain{border-color:var(--uncertain);background:#eff3fb}\n"
	".res.skipped{border-color:var(--skipped)}\n"
	".res-head code,.meta code{font-size:.9em}\n"
	".wave,.phys{color:#666;font-size:.85em}\n"
	".chain{color:var(--blocked);font-weight:600}\n"
	".finding{margin:4px 0 2px;padding:4px 8px;background:#fff;border-radius:4px;"
	"border:1px solid #e3e6ea}\n"
	".finding .sev{font-weight:700;text-transform:uppercase;font-size:.75em}\n"
	".finding.error .sev{color:var(--fail)}.finding.warning .sev{color:var(--blocked)}"
	".finding.info .sev{color:var(--uncertain)}\n"
	".loc,.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;color:#444}\n"
	".fix{margin-top:3px;padding:3px 8px;background:#eef7ee;border-radius:4px}\n"
	"table{border-collapse:collapse;width:100%;font-size:.9em}\n"
	"th,td{border:1px solid #e3e6ea;padding:4px 6px;text-align:left;overflow-wrap:anywhere}\n"
	".unknown{color:var(--uncertain);font-style:italic}\n"
	"a{color:inherit}\n"
	"@media (max-width:600px){main{padding:6px}.stack{padding:10px 8px}body{font-size:14px}}\n";

/* Appends at most max characters of s (UTF-8 aware), "..." when cut. */
static void label(struct strbuf *out, const char *s, size_t max)
{
	struct strbuf cut = STRBUF_INIT;
	size_t chars = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > max)
			break;
		strbuf_addch(&cut, *p);
	}
	if (*p)
		strbuf_addstr(&cut, "\xe2\x80\xa6");
	report_add_xml(out, cut.buf);
	strbuf_release(&cut);
}

/* Row of each resource within its wave column, and the largest row count. */
static size_t layout(const struct stack_result *s, size_t *row, int *max_wave)
{
	size_t i, j, rows = 0;

	*max_wave = 0;
	for (i = 0; i < s->n_resources; i++) {
		row[i] = 0;
		for (j = 0; j < i; j++)
			row[i] += s->resources[j].wave == s->resources[i].wave;
		if (row[i] + 1 > rows)
			rows = row[i] + 1;
		if (s->resources[i].wave > *max_wave)
			*max_wave = s->resources[i].wave;
	}
	return rows;
}

static long box_x(const struct res_result *r)
{
	return 10 + (long)(r->wave < 0 ? 0 : r->wave) * COL_W;
}

static void edges(struct strbuf *out, const struct stack_result *s, const size_t *row)
{
	size_t i, k;

	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];

		for (k = 0; k < r->depends_on.n; k++) {
			const struct res_result *d = report_resource(s, r->depends_on.items[k]);
			size_t di;
			long x1, y1, x2, y2;
			int chain;

			if (!d)
				continue;
			di = (size_t)(d - s->resources);
			x1 = box_x(d) + BOX_W;
			y1 = TOP + (long)row[di] * ROW_H + BOX_H / 2;
			x2 = box_x(r);
			y2 = TOP + (long)row[i] * ROW_H + BOX_H / 2;
			chain = r->status == STATUS_BLOCKED &&
				(d->status == STATUS_FAIL || d->status == STATUS_BLOCKED);
			strbuf_addf(out, "<path class=\"edge%s\" d=\"M%ld %ld C%ld %ld %ld %ld %ld %ld\" "
				    "fill=\"none\" stroke=\"%s\" stroke-width=\"%d\"/>\n",
				    chain ? " chain" : "", x1, y1, x1 + 20, y1, x2 - 20, y2, x2, y2,
				    chain ? "#b00020" : "#9aa3ad", chain ? 3 : 1);
		}
	}
}

static void boxes(struct strbuf *out, const struct stack_result *s, const size_t *row, int sn)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++) {
		const struct res_result *r = &s->resources[i];
		long x = box_x(r), y = TOP + (long)row[i] * ROW_H;

		strbuf_addf(out, "<a href=\"#s%d-r%zu\"><g class=\"node %s\" data-status=\"%s\">"
			    "<title>", sn, i, result_status_name(r->status),
			    result_status_name(r->status));
		report_add_xml(out, r->logical_id);
		strbuf_addf(out, " (%s): %s</title>", *r->type ? r->type : "no type",
			    result_status_name(r->status));
		strbuf_addf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"%d\" height=\"%d\" rx=\"6\" "
			    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>", x, y, BOX_W, BOX_H,
			    report_status_fill(r->status), r->status == STATUS_FAIL ? "#b00020" : "#7a828c",
			    r->status == STATUS_FAIL ? 2 : 1);
		strbuf_addf(out, "<text x=\"%ld\" y=\"%ld\">", x + 8, y + 17);
		label(out, r->logical_id, LABEL_MAX);
		strbuf_addstr(out, "</text></g></a>\n");
	}
}

void report_html_timeline(struct strbuf *out, const struct stack_result *s, int sn)
{
	size_t *row = xcalloc(s->n_resources ? s->n_resources : 1, sizeof(*row));
	int max_wave, w;
	size_t rows = layout(s, row, &max_wave);
	long width = 20 + (long)(max_wave + 1) * COL_W - (COL_W - BOX_W);
	long height = TOP + (long)rows * ROW_H + 4;

	strbuf_addf(out, "<figure class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\" role=\"img\" "
		    "aria-label=\"creation waves\" font-family=\"system-ui,sans-serif\" "
		    "font-size=\"12\">\n", width, height, width, height);
	for (w = 0; w <= max_wave; w++)
		strbuf_addf(out, "<text class=\"wave-label\" x=\"%ld\" y=\"16\" fill=\"#555\">"
			    "wave %d</text>\n", 10 + (long)w * COL_W, w);
	edges(out, s, row);
	boxes(out, s, row, sn);
	strbuf_addstr(out, "</svg><figcaption>Creation waves, left to right: a resource starts "
			   "once everything it needs exists. Red lines: blocked chains.</figcaption>"
			   "</figure>\n");
	free(row);
}
