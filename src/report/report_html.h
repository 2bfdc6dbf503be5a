/*
 * report_html.h - internal to the HTML writer: its style sheet and the SVG
 * timeline of creation waves (report_html_svg.c).
 */
#ifndef CFN_REPORT_HTML_H
#define CFN_REPORT_HTML_H

#include "engine/result.h"
#include "util/strbuf.h"

/* The page's whole CSS (static). */
extern const char report_html_style[];

/* Appends a <figure> with the waves of s (borrowed) as an SVG: one column
 * per wave, one box per resource filled by status and linked to its entry
 * (ids "sSN-rI"), an edge per dependency, red along blocked chains. */
void report_html_timeline(struct strbuf *out, const struct stack_result *s, int sn);

#endif
