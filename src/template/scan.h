/*
 * scan.h - the one walk of a whole template that template_open makes, so
 * that later passes need not walk the tree again: the references of each
 * resource and output (t->refs, t->out_refs; what refs_walk_resource and
 * refs_walk report), the strings holding dynamic references
 * (t->dynref_strings) and the first Fn::Transform (t->fn_transform).
 */
#ifndef CFN_TEMPLATE_SCAN_H
#define CFN_TEMPLATE_SCAN_H

#include "template/template.h"

/* Fills the fields of t (borrowed) listed above from t->root, t->resources
 * and t->outputs; template_open calls it once they are indexed. */
void template_scan(struct template *t);

/* True when s (borrowed) holds "{{resolve:" (strstr, by the '{' first:
 * most strings have none). */
bool template_holds_dynref(const char *s);

/* Frees what template_scan added to t (borrowed); template_free calls it. */
void template_scan_free(struct template *t);

#endif
