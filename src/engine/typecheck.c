/*
 * typecheck.c - resource types, GetAtt attributes and property schemas,
 * checked against the resource models (see typecheck.h).
 */
#include "engine/typecheck.h"
#include "template/refs.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SAM_TRANSFORM "AWS::Serverless-2016-10-31"
#define LIST_MAX 12 /* attributes listed in a fix */

/* True when a transform other than AWS::LanguageExtensions (and, when
 * but_sam, other than SAM's) rewrites the template before CloudFormation
 * looks at it. */
static bool has_unexpanded_transform(const struct template *t, bool but_sam)
{
	size_t i;

	for (i = 0; i < t->n_transforms; i++)
		if (strcmp(t->transforms[i], "AWS::LanguageExtensions") &&
		    !(but_sam && !strcmp(t->transforms[i], SAM_TRANSFORM)))
			return true;
	return false;
}

/* The model of a recognized template type (borrowed), or NULL. */
static const struct model *recognized(struct model_set *ms, const char *type,
				      const char *region, struct diag_list *dl)
{
	const struct model *m = model_find(ms, type, dl);

	if (!m || model_is_state_only(m) || model_available_in(ms, type, region) == MODEL_AVAIL_NO)
		return NULL;
	return m;
}

/* A known type spelled like type (case, a letter or two), or NULL. */
static const char *closest_type(const struct model_set *ms, const char *type)
{
	size_t i, n = model_set_type_count(ms);

	for (i = 0; i < n; i++)
		if (!strcasecmp(model_set_type_at(ms, i), type))
			return model_set_type_at(ms, i);
	return NULL;
}

bool typecheck_macro_transform(const struct template *t)
{
	return has_unexpanded_transform(t, true);
}

static void unrecognized_types(struct model_set *ms, const struct template *t,
			       const char *region, struct finding_list *fl, struct diag_list *dl)
{
	struct strbuf names = STRBUF_INIT, fix = STRBUF_INIT;
	bool sam = template_has_transform(t, SAM_TRANSFORM);
	struct srcpos first = SRCPOS_NONE;
	struct strlist seen = { NULL, 0, 0 };
	struct strlist ok = { NULL, 0, 0 }; /* types recognized already: asked once each */
	struct finding *f;
	size_t i;

	for (i = 0; i < t->n_resources; i++) {
		const char *type = t->resources[i].type;
		const char *near;

		if (!type || (sam && !strncmp(type, "AWS::Serverless::", 17)) ||
		    strlist_has(&ok, type) || strlist_has(&seen, type))
			continue;
		if (recognized(ms, type, region, dl)) {
			strlist_add(&ok, type);
			continue;
		}
		strlist_add(&seen, type);
		strbuf_addf(&names, "%s%s", names.len ? ", " : "", type);
		if (!first.line)
			first = value_map_get(t->resources[i].def, "Type")->pos;
		near = closest_type(ms, type);
		if (near)
			strbuf_addf(&fix, "%s%s is spelled %s", fix.len ? "; " : "", type, near);
	}
	if (names.len) {
		f = finding_add(fl, FC_UNRECOGNIZED_TYPE, first, "Resources",
				"Template format error: Unrecognized resource types: [%s]", names.buf);
		if (!fix.len)
			strbuf_addf(&fix, "check each type name (case matters: AWS::S3::Bucket); a "
				    "type that exists elsewhere may not be available in %s", region);
		if (has_unexpanded_transform(t, false)) {
			f->severity = SEV_WARNING;
			strbuf_addstr(&fix, "; the template's transform may replace these resources, "
				      "which cfn-dryrun does not simulate");
		}
		finding_set_fix(f, "%s", fix.buf);
	}
	strlist_free(&seen);
	strlist_free(&ok);
	strbuf_release(&names);
	strbuf_release(&fix);
}

#define MEMO_SLOTS 32 /* types remembered by one typecheck_stack (a power of 2) */

struct getatt_walk {
	struct model_set *ms;     /* the models */
	const struct template *t; /* the template walked */
	const char *region;       /* where the stack is created */
	struct finding_list *fl;  /* stack findings */
	struct diag_list *dl;     /* model data errors */
	struct strlist reported;  /* "Target.Attr" already reported */
	struct {
		const char *type;        /* borrowed, or NULL: an empty slot */
		const struct model *m;   /* recognized(type) */
	} memo[MEMO_SLOTS];       /* open addressing by a hash of the type */
};

/* recognized(type), asked once per type of the template: the references
 * name the same few types again and again (a NULL answer is not kept). */
static const struct model *recognized_memo(struct getatt_walk *w, const char *type)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	const struct model *m;
	const char *p;
	size_t i;

	for (p = type; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = 0; i < MEMO_SLOTS; i++) {
		size_t slot = (h + i) & (MEMO_SLOTS - 1);

		if (!w->memo[slot].type) {
			m = recognized(w->ms, type, w->region, w->dl);
			if (m) {
				w->memo[slot].type = type;
				w->memo[slot].m = m;
			}
			return m;
		}
		if (!strcmp(w->memo[slot].type, type))
			return w->memo[slot].m;
	}
	return recognized(w->ms, type, w->region, w->dl); /* the memo is full */
}

static void attribute_fix(struct finding *f, const struct model *m, const char *attr)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = model_attribute_count(m);

	for (i = 0; i < n; i++)
		if (!strcasecmp(model_attribute_at(m, i), attr))
			strbuf_addf(&sb, "did you mean %s? ", model_attribute_at(m, i));
	if (!n) {
		strbuf_addf(&sb, "%s has no attributes for Fn::GetAtt; use Ref", model_type_name(m));
	} else {
		strbuf_addf(&sb, "use one of the attributes of %s: ", model_type_name(m));
		for (i = 0; i < n && i < LIST_MAX; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", model_attribute_at(m, i));
		if (n > LIST_MAX)
			strbuf_addf(&sb, ", ... (%zu in all)", n);
	}
	finding_set_fix(f, "%s", sb.buf);
	strbuf_release(&sb);
}

/* A reference tr of resource i (or of output i when output). */
static void check_ref(struct getatt_walk *w, const struct tmpl_ref *tr, size_t i, bool output,
		      struct strbuf *path)
{
	const struct tmpl_resource *res;
	const struct model *m;
	char *key;

	if ((tr->kind != REF_GETATT && tr->kind != REF_SUB) || !tr->attr || tr->resource < 0)
		return;
	res = &w->t->resources[tr->resource];
	if (!res->type || !(m = recognized_memo(w, res->type)) ||
	    model_has_attribute(m, tr->attr))
		return;
	key = xstrfmt("%s.%s", tr->target, tr->attr);
	if (!strlist_has(&w->reported, key)) {
		struct finding *f;

		if (output)
			refs_output_path(&w->t->outputs[i], tr->ordinal, path);
		else
			refs_resource_path(&w->t->resources[i], tr->ordinal, path);
		f = finding_add(w->fl, FC_GETATT_ATTRIBUTE, tr->pos, path->buf,
				"Template error: resource %s does not support "
				"attribute type %s in Fn::GetAtt", tr->target, tr->attr);
		attribute_fix(f, m, tr->attr);
		strlist_add(&w->reported, key);
	}
	free(key);
}

/* Every GetAtt and ${A.B} of the template, from the references template_open indexed. */
static void unsupported_attributes(struct getatt_walk *w)
{
	struct strbuf path = STRBUF_INIT;
	const struct tmpl_ref *refs;
	size_t i, k, n;

	for (i = 0; i < w->t->n_resources; i++) {
		refs = template_resource_refs(w->t, i, &n);
		for (k = 0; k < n; k++)
			check_ref(w, &refs[k], i, false, &path);
	}
	for (i = 0; i < w->t->n_outputs; i++) {
		refs = template_output_refs(w->t, i, &n);
		for (k = 0; k < n; k++)
			check_ref(w, &refs[k], i, true, &path);
	}
	strbuf_release(&path);
}

void typecheck_stack(struct model_set *ms, const struct template *t, const char *region,
		     struct finding_list *fl, struct diag_list *dl)
{
	struct getatt_walk w;

	memset(&w, 0, sizeof(w));
	w.ms = ms;
	w.t = t;
	w.region = region;
	w.fl = fl;
	w.dl = dl;

	unrecognized_types(ms, t, region, fl, dl);
	unsupported_attributes(&w);
	strlist_free(&w.reported);
}

static int type_known(void *ctx, const char *type)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ctx, type, &dl);
	int rc = m ? 1 : dl.n_errors ? -1 : 0;

	diag_clear(&dl);
	return rc;
}

static int property_known(void *ctx, const char *type, const char *property)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct model *m = model_find(ctx, type, &dl);

	diag_clear(&dl);
	return m ? model_has_property(m, property) : -1;
}

void typecheck_state_checks(struct model_set *ms, struct state_checks *out)
{
	out->ctx = ms;
	out->type_known = type_known;
	out->property_known = property_known;
}
