/*
 * report_html.c - one self-contained HTML page (no script, no network, no
 * external font): the summary, then per stack its findings, the creation
 * waves drawn as an SVG timeline (red along blocked chains), resources
 * grouped by status with every finding and its fix, prerequisites, outputs
 * and nested stacks.  The layout is one column on a phone; the timeline
 * scrolls sideways when it is wider than the screen.
 */
#include "report/report.h"
#include "report/report_util.h"
#include "report/report_html.h"

#include <stdlib.h>
#include <string.h>

static void esc(struct strbuf *out, const char *s)
{
	report_add_xml(out, s);
}

/* The id of resource i of stack number sn, for links within the page. */
static void res_anchor(struct strbuf *out, int sn, size_t i)
{
	strbuf_addf(out, "s%d-r%zu", sn, i);
}

static const char *heading(enum res_status st)
{
	switch (st) {
	case STATUS_FAIL: return "Would fail";
	case STATUS_BLOCKED: return "Blocked";
	case STATUS_UNCERTAIN: return "Uncertain";
	case STATUS_CREATE: return "Would create";
	default: return "Skipped (Condition false)";
	}
}

static void finding_html(struct strbuf *out, const struct finding *f,
			 const struct res_result *r, const struct stack_result *s)
{
	struct strbuf loc = STRBUF_INIT;

	strbuf_addf(out, "<div class=\"finding %s\"><span class=\"sev\">%s</span> ",
		    severity_name(f->severity), severity_name(f->severity));
	if (report_location(&loc, report_pos(f, r), report_template(s))) {
		strbuf_addstr(out, "<span class=\"loc\">");
		esc(out, loc.buf);
		strbuf_addstr(out, "</span> ");
	}
	strbuf_addf(out, "<span class=\"code\">%s</span> <span class=\"msg\">",
		    finding_code_info(f->code)->code);
	esc(out, f->message);
	strbuf_addstr(out, "</span>");
	if (f->fix) {
		strbuf_addstr(out, "<div class=\"fix\"><b>Fix:</b> ");
		esc(out, f->fix);
		strbuf_addstr(out, "</div>");
	}
	strbuf_addstr(out, "</div>\n");
	strbuf_release(&loc);
}

static void resource_html(struct strbuf *out, const struct stack_result *s, int sn, size_t i)
{
	const struct res_result *r = &s->resources[i];
	const char *st = result_status_name(r->status);
	size_t k;

	strbuf_addf(out, "<li class=\"res %s\" id=\"", st);
	res_anchor(out, sn, i);
	strbuf_addf(out, "\" data-status=\"%s\" data-logical-id=\"", st);
	esc(out, r->logical_id);
	strbuf_addstr(out, "\"><div class=\"res-head\"><strong>");
	esc(out, r->logical_id);
	strbuf_addstr(out, "</strong> <code>");
	esc(out, *r->type ? r->type : "(no type)");
	strbuf_addf(out, "</code> <span class=\"badge %s\">%s</span> <span class=\"wave\">wave %d</span>",
		    st, st, r->wave);
	strbuf_addstr(out, "</div>\n");
	if (r->status == STATUS_BLOCKED) {
		strbuf_addstr(out, "<div class=\"chain\">");
		if (!r->blocked_by.n)
			strbuf_addstr(out, "Not attempted: the stack fails before any resource.");
		for (k = 0; k < r->blocked_by.n; k++) {
			const struct res_result *root = report_resource(s, r->blocked_by.items[k]);

			strbuf_addstr(out, k ? ", " : "Blocked by ");
			if (root) {
				strbuf_addstr(out, "<a href=\"#");
				res_anchor(out, sn, (size_t)(root - s->resources));
				strbuf_addstr(out, "\">");
				esc(out, root->logical_id);
				strbuf_addstr(out, "</a>");
			} else {
				esc(out, r->blocked_by.items[k]);
			}
		}
		strbuf_addstr(out, "</div>\n");
	}
	if (r->physical_id && r->status == STATUS_CREATE) {
		strbuf_addstr(out, "<div class=\"phys\">");
		esc(out, r->physical_id);
		strbuf_addstr(out, "</div>\n");
	}
	for (k = 0; k < r->findings.n; k++)
		finding_html(out, &r->findings.items[k], r, s);
	strbuf_addstr(out, "</li>\n");
}

static void resources_html(struct strbuf *out, const struct stack_result *s, int sn)
{
	size_t i, k, n;

	for (k = 0; k < 5; k++) {
		enum res_status st = report_status_order[k];

		for (i = n = 0; i < s->n_resources; i++)
			n += s->resources[i].status == st;
		if (!n)
			continue;
		strbuf_addf(out, "<h3 class=\"%s\">%s (%zu)</h3>\n<ul class=\"resources\">\n",
			    result_status_name(st), heading(st), n);
		for (i = 0; i < s->n_resources; i++)
			if (s->resources[i].status == st)
				resource_html(out, s, sn, i);
		strbuf_addstr(out, "</ul>\n");
	}
}

static void prereqs_html(struct strbuf *out, const struct stack_result *s)
{
	size_t i, k;

	if (!s->n_prereqs)
		return;
	strbuf_addstr(out, "<h3>Create first</h3>\n<table class=\"prereqs\"><tr><th>Type</th>"
			   "<th>Id</th><th>Where</th><th>Needed by</th></tr>\n");
	for (i = 0; i < s->n_prereqs; i++) {
		const struct prereq *p = &s->prereqs[i];

		strbuf_addstr(out, "<tr><td><code>");
		esc(out, p->type);
		strbuf_addstr(out, "</code></td><td>");
		esc(out, p->id);
		strbuf_addstr(out, "</td><td>");
		esc(out, p->account);
		strbuf_addch(out, ' ');
		esc(out, *p->region ? p->region : "(global)");
		strbuf_addstr(out, "</td><td>");
		for (k = 0; k < p->needed_by.n; k++) {
			if (k)
				strbuf_addstr(out, ", ");
			esc(out, p->needed_by.items[k]);
		}
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</table>\n");
}

static void outputs_html(struct strbuf *out, const struct stack_result *s)
{
	if (!value_map_len(s->outputs))
		return;
	strbuf_addstr(out, "<h3>Outputs</h3>\n<table class=\"outputs\">\n");
	VALUE_MAP_FOREACH(s->outputs, e) {
		struct strbuf v = STRBUF_INIT;

		strbuf_addstr(out, "<tr><th>");
		esc(out, e->key);
		strbuf_addstr(out, "</th><td>");
		if (e->val->kind == VALUE_UNKNOWN) {
			strbuf_addstr(out, "<span class=\"unknown\">unknown: ");
			esc(out, e->val->u.unknown.reason);
			strbuf_addstr(out, "</span>");
		} else {
			report_value_text(&v, e->val);
			strbuf_addstr(out, e->val->kind == VALUE_STRING ? "" : "<code>");
			esc(out, v.buf);
			strbuf_addstr(out, e->val->kind == VALUE_STRING ? "" : "</code>");
		}
		strbuf_addstr(out, "</td></tr>\n");
		strbuf_release(&v);
	}
	strbuf_addstr(out, "</table>\n");
}

static void stack_html(struct strbuf *out, const struct stack_result *s, int depth, int *n)
{
	int sn = ++*n;
	const char *v = result_verdict_name(s->verdict);
	char *label;
	size_t i;

	strbuf_addf(out, "<section class=\"stack%s\" id=\"s%d\" data-verdict=\"%s\">\n<h2>",
		    s->parent_resource ? " nested" : "", sn, v);
	strbuf_addstr(out, s->parent_resource ? "Nested stack " : "Stack ");
	label = report_stack_label(s);
	esc(out, label);
	free(label);
	strbuf_addf(out, " <span class=\"badge %s\">%s</span></h2>\n<p class=\"meta\">account ", v, v);
	esc(out, s->account);
	strbuf_addstr(out, " &middot; region ");
	esc(out, s->region);
	if (*report_template(s)) {
		strbuf_addstr(out, " &middot; <code>");
		esc(out, report_template(s));
		strbuf_addstr(out, "</code>");
	}
	if (s->parent_resource) {
		strbuf_addstr(out, " &middot; from resource ");
		esc(out, s->parent_resource);
	}
	for (i = 0; i < s->capabilities.n; i++) {
		strbuf_addstr(out, i ? ", " : " &middot; needs ");
		esc(out, s->capabilities.items[i]);
	}
	strbuf_addstr(out, "</p>\n");
	if (s->stack_findings.n) {
		strbuf_addstr(out, "<div class=\"stack-findings\">\n");
		for (i = 0; i < s->stack_findings.n; i++)
			finding_html(out, &s->stack_findings.items[i], NULL, s);
		strbuf_addstr(out, "</div>\n");
	}
	if (s->n_resources)
		report_html_timeline(out, s, sn);
	resources_html(out, s, sn);
	prereqs_html(out, s);
	outputs_html(out, s);
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			stack_html(out, &s->nested[i], depth + 1, n);
	strbuf_addstr(out, "</section>\n");
}

void report_html(const struct run_result *r, const struct report_options *o,
		 struct strbuf *out)
{
	struct report_counts c;
	struct strbuf sum = STRBUF_INIT;
	size_t i;
	int n = 0;

	(void)o;
	report_count(r, &c);
	report_summary(&sum, &c);
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			   "<title>cfn-dryrun: ");
	esc(out, sum.buf);
	strbuf_addstr(out, "</title>\n<style>\n");
	strbuf_addstr(out, report_html_style);
	strbuf_addstr(out, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>cfn-dryrun</h1>\n"
			   "<p class=\"summary\" id=\"summary\">");
	esc(out, sum.buf);
	strbuf_addstr(out, "</p>\n<p class=\"legend\"><span class=\"badge fail\">fail</span> "
			   "<span class=\"badge blocked\">blocked</span> "
			   "<span class=\"badge uncertain\">uncertain</span> "
			   "<span class=\"badge create\">create</span> "
			   "<span class=\"badge skipped\">skipped</span></p>\n</header>\n");
	for (i = 0; i < r->n_stacks; i++)
		stack_html(out, &r->stacks[i], 0, &n);
	if (!r->n_stacks)
		strbuf_addstr(out, "<p>No stack was checked.</p>\n");
	strbuf_addstr(out, "</main>\n</body>\n</html>\n");
	strbuf_release(&sum);
}
