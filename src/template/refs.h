/*
 * refs.h - finding the references a piece of template makes.
 *
 * Walks a value tree and reports every Ref, Fn::GetAtt (both forms) and
 * ${Name} / ${Name.Attr} inside Fn::Sub (not ${!Literal}, not the Sub's
 * own variables), with the position and path of each.  The dependency
 * graph and the resolver's validation both use it.
 */
#ifndef CFN_REFS_H
#define CFN_REFS_H

#include "template/template.h"
#include "util/strbuf.h"
#include "value/value.h"

enum ref_kind {
	REF_REF = 1,    /* {"Ref": target} */
	REF_GETATT,     /* {"Fn::GetAtt": [target, attr]} or "target.attr" */
	REF_SUB,        /* ${target} or ${target.attr} in a Fn::Sub string */
	REF_DEPENDS_ON, /* a DependsOn entry (reported by the graph, not the walker) */
};

struct ref {
	enum ref_kind kind;
	const char *target; /* borrowed: the name referred to */
	const char *attr;   /* borrowed: attribute for GetAtt / ${A.B}; NULL otherwise
			       (also NULL when a GetAtt attribute is computed) */
	struct srcpos pos;  /* where the reference is written */
	const char *path;   /* borrowed: "Resources/X/Properties/Y", or NULL when
			       the walker writes it on demand: read it with refs_path */
	struct refs_walker *walker; /* the walk that found it (refs_path's scratch), or NULL */
};

typedef void (*refs_fn)(void *ctx, const struct ref *ref);

/* One level of a walk below its base path: a key, or a list item's index
 * (the walkers of refs.c, the resolver and the checks keep these and write
 * a path only when one is needed). */
struct refs_step {
	const char *key; /* borrowed; NULL for a list item */
	size_t index;    /* the item's index when key is NULL */
};

/* Resets out (borrowed) to base (borrowed), then appends each of the n
 * steps, after a '/' unless the text is still empty. */
void refs_write_path(struct strbuf *out, const char *base, const struct refs_step *steps,
		     size_t n);

/* The path of ref (returns borrowed, valid until the callback returns):
 * written only when asked, as most references never need it. */
const char *refs_path(const struct ref *ref);

/* Calls fn for every reference under v; path is the path of v itself. */
void refs_walk(const struct value *v, const char *path, refs_fn fn, void *ctx);

/* Calls fn for every reference in the definition of res (borrowed) other
 * than in its Type, Condition and DependsOn (DependsOn names resources
 * without referring to their values), with paths "Resources/ID/KEY/...". */
void refs_walk_resource(const struct tmpl_resource *res, refs_fn fn, void *ctx);

/* Calls fn for each ${Name} / ${Name.Attr} of the Fn::Sub format string fmt
 * (borrowed) that is not one of the Sub's own variables (the keys of vars,
 * borrowed, NULL when none); name and attr are borrowed for the call only. */
void refs_sub_each_ref(const char *fmt, const struct value *vars,
		       void (*fn)(void *ctx, const char *name, const char *attr), void *ctx);

/* Writes into out (borrowed) the path of the ordinal-th reference (from 0,
 * in walk order) of resource res (borrowed), or of output o: what refs_path
 * said during the walk.  Walks the definition again (only findings need it). */
void refs_resource_path(const struct tmpl_resource *res, size_t ordinal, struct strbuf *out);
void refs_output_path(const struct tmpl_output *o, size_t ordinal, struct strbuf *out);

/* Name of a ref kind for messages: "Ref", "Fn::GetAtt", "Fn::Sub", "DependsOn". */
const char *refs_kind_name(enum ref_kind kind);

#endif
