/*
 * report_views.h - the views that replace or follow the per-stack report
 * when a run carries more than stacks: the comparison of variants
 * (report_compare.c) and the plans (report_plan.c), in text and Markdown.
 * Each borrows r and appends to out.
 */
#ifndef CFN_REPORT_VIEWS_H
#define CFN_REPORT_VIEWS_H

#include "report/report.h"

/* Text: one line per run, then the differences, then the final line. */
void report_compare_text(const struct run_result *r, const struct report_options *o,
			 struct strbuf *out);
/* Markdown: a table with a column per variant (no headline). */
void report_compare_markdown(const struct run_result *r, struct strbuf *out);
/* Text: per plan, each stack's creation waves as a timeline, the numbered
 * checklist, what no step fixes and the verdicts after the checklist. */
void report_plan_text(const struct run_result *r, const struct report_options *o,
		      struct strbuf *out);
/* Markdown: per plan, the checklist as a numbered list and what no step
 * fixes (no headline). */
void report_plan_markdown(const struct run_result *r, struct strbuf *out);

#endif
