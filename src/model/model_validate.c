/*
 * model_validate.c - a resource's properties against its type's schema, as
 * CloudFormation's registry validation (everit-json-schema) judges them,
 * with CloudFormation's coercions: a number or boolean where a string is
 * expected passes, so do "5" for a number and "true" for a boolean.
 *
 * Values that are not known (unknown values, intrinsic function maps,
 * {{resolve:...}} strings) are not judged, nor is anything that depends on
 * them; nor are nulls, which template validation reports.  Messages and fixes are written by model_explain.c.
 */
#include "model/model_explain.h"
#include "model/model_internal.h"
#include "model/model_snode.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Schema frames per validation (instance depth is bounded by the loader;
 * $ref chains and combinators add a few frames per level). */
#define MAX_FRAMES 1000
/* validate() calls per resource: combinators re-validate a subtree once
 * per branch, so nested ones could multiply the work; past this budget the
 * rest is not judged. */
#define MAX_STEPS 200000

struct vctx {
	const struct model *m; /* the type validated against */
	struct explain ex;    /* where findings go and how they are worded */
	int frames;           /* validate() frames in use */
	long steps;           /* validate() calls so far */
	bool saw_unknown;     /* something under the current trial was not judged */
};

static void validate(struct vctx *c, const struct value *schema, const struct value *v,
		     struct finding_list *fl);

/* True for a value that cannot be judged.  A null is the template's
 * problem ("'null' values are not allowed in templates"), not the
 * schema's. */
static bool not_known(const struct value *v)
{
	return v->kind == VALUE_UNKNOWN || v->kind == VALUE_INVALID || v->kind == VALUE_NULL ||
	       value_intrinsic_name(v) ||
	       (v->kind == VALUE_STRING && strstr(v->u.string.s, "{{resolve:"));
}

/* True when text is a JSON-style number ("5", "-1.5e3"). */
static bool numeric_text(const char *s, double *out)
{
	char *end;

	if (!*s || strchr(s, 'x') || strchr(s, 'X') || strpbrk(s, "iInN \t\n"))
		return false;
	*out = strtod(s, &end);
	return *end == '\0';
}

/* ---- Types and coercions ---- */

/* Whether v is acceptable as type t once CloudFormation has coerced it. */
static bool accepts(enum jtype t, const struct value *v)
{
	double d;

	switch (t) {
	case J_STRING:
		return v->kind == VALUE_STRING || v->kind == VALUE_NUMBER || v->kind == VALUE_BOOL;
	case J_INTEGER:
		if (v->kind == VALUE_NUMBER)
			return v->u.number.num == floor(v->u.number.num);
		return v->kind == VALUE_STRING && numeric_text(v->u.string.s, &d) && d == floor(d);
	case J_NUMBER:
		return v->kind == VALUE_NUMBER ||
		       (v->kind == VALUE_STRING && numeric_text(v->u.string.s, &d));
	case J_BOOLEAN:
		return v->kind == VALUE_BOOL ||
		       (v->kind == VALUE_STRING && (!strcasecmp(v->u.string.s, "true") ||
						    !strcasecmp(v->u.string.s, "false")));
	case J_OBJECT: return v->kind == VALUE_MAP;
	case J_ARRAY: return v->kind == VALUE_LIST;
	case J_NULL: return v->kind == VALUE_NULL;
	default: return true;
	}
}

/* Checks "type"; returns false (after reporting) when it fails. */
static bool check_type(struct vctx *c, const struct snode *k, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *type;
	const char *names[SNODE_MAX_TYPES];
	size_t n = 0;

	for (size_t i = 0; i < k->n_types; i++) {
		enum jtype t = (enum jtype)k->types[i];

		if (t == J_NONE || accepts(t, v))
			return true;
	}
	if (!k->n_types)
		return true;
	type = snode_kw(k, KW_TYPE); /* the names, for the message */
	if (value_is_string(type)) {
		names[n++] = type->u.string.s;
	} else {
		VALUE_LIST_FOREACH(type, it)
			if (value_is_string(*it) && n < SNODE_MAX_TYPES)
				names[n++] = (*it)->u.string.s;
	}
	explain_type(&c->ex, fl, v, names, n);
	return false;
}

/* The text CloudFormation compares a coerced scalar by (borrowed). */
static const char *scalar_text(const struct value *v)
{
	switch (v->kind) {
	case VALUE_STRING: return v->u.string.s;
	case VALUE_NUMBER: return v->u.number.text;
	case VALUE_BOOL: return v->u.boolean ? "true" : "false";
	default: return NULL;
	}
}

/* A value compared with several scalars: its text, and whether that text
 * is a number, read at the first comparison that needs it. */
struct subject {
	const struct value *v; /* borrowed */
	const char *text;      /* scalar_text(v) (borrowed) or NULL */
	int numeric;           /* -1 not read yet, else whether text is a number */
	double d;              /* the number, when numeric is 1 */
};

static struct subject subject_of(const struct value *v)
{
	struct subject s = { v, scalar_text(v), -1, 0 };

	return s;
}

static bool subject_numeric(struct subject *s)
{
	if (s->numeric < 0)
		s->numeric = numeric_text(s->text, &s->d);
	return s->numeric;
}

/* Scalar equality after coercion: "5" equals 5, "true" equals true. */
static bool same_scalar(const struct value *a, struct subject *b)
{
	const char *ta = scalar_text(a), *tb = b->text;
	double da;

	if (!ta || !tb)
		return value_equal(a, b->v);
	if (!strcmp(ta, tb))
		return true;
	if ((a->kind == VALUE_NUMBER || b->v->kind == VALUE_NUMBER) && numeric_text(ta, &da) &&
	    subject_numeric(b))
		return da == b->d;
	if (a->kind == VALUE_BOOL || b->v->kind == VALUE_BOOL)
		return !strcasecmp(ta, tb);
	return false;
}

/* ---- Keywords by kind ---- */

static void check_enum(struct vctx *c, const struct snode *kw, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *e = snode_kw(kw, KW_ENUM), *k = snode_kw(kw, KW_CONST);
	struct subject sv = subject_of(v);

	if (e && e->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(e, it)
			if (same_scalar(*it, &sv))
				goto const_check;
		explain_keyword(&c->ex, fl, FC_PROPERTY_ENUM, v, "enum", e);
	}
const_check:
	if (k && !same_scalar(k, &sv))
		explain_keyword(&c->ex, fl, FC_PROPERTY_ENUM, v, "const", k);
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static long number_kw(const struct snode *kw, enum kw which, double *out)
{
	const struct value *k = snode_kw(kw, which);

	if (!k || k->kind != VALUE_NUMBER)
		return 0;
	*out = k->u.number.num;
	return 1;
}

static void check_string(struct vctx *c, const struct snode *kw, const struct value *v,
			 struct finding_list *fl)
{
	const char *s = scalar_text(v);
	const char *pattern = value_str(snode_kw(kw, KW_PATTERN));
	size_t len;
	double lim;

	if (snode_kw(kw, KW_MIN_LENGTH) || snode_kw(kw, KW_MAX_LENGTH)) {
		len = utf8_length(s);
		if (number_kw(kw, KW_MIN_LENGTH, &lim) && (double)len < lim)
			explain_length(&c->ex, fl, v, "minLength", (size_t)lim, len);
		if (number_kw(kw, KW_MAX_LENGTH, &lim) && (double)len > lim)
			explain_length(&c->ex, fl, v, "maxLength", (size_t)lim, len);
	}
	if (pattern && model_regex_match(c->m->set, pattern, s) == 0)
		explain_keyword(&c->ex, fl, FC_PROPERTY_PATTERN, v, "pattern",
				snode_kw(kw, KW_PATTERN));
}

static void check_number(struct vctx *c, const struct snode *kw, const struct value *v,
			 struct finding_list *fl)
{
	static const struct {
		const char *kw; /* the keyword's name, for the message */
		enum kw slot;   /* its slot */
		int sign; /* the value must be >= (1), <= (-1), > (2), < (-2) the limit */
	} limits[] = {
		{ "minimum", KW_MINIMUM, 1 }, { "maximum", KW_MAXIMUM, -1 },
		{ "exclusiveMinimum", KW_EXCL_MINIMUM, 2 }, { "exclusiveMaximum", KW_EXCL_MAXIMUM, -2 },
	};
	double d = 0, lim;
	size_t i;

	if (v->kind == VALUE_NUMBER)
		d = v->u.number.num;
	else if (!numeric_text(scalar_text(v), &d))
		return;
	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		bool ok;

		if (!number_kw(kw, limits[i].slot, &lim))
			continue;
		ok = limits[i].sign == 1 ? d >= lim : limits[i].sign == -1 ? d <= lim
		     : limits[i].sign == 2 ? d > lim : d < lim;
		if (!ok)
			explain_keyword(&c->ex, fl, FC_PROPERTY_RANGE, v, limits[i].kw,
					snode_kw(kw, limits[i].slot));
	}
	if (number_kw(kw, KW_MULTIPLE_OF, &lim) && lim > 0 &&
	    fabs(remainder(d, lim)) > 1e-9 * fabs(lim))
		explain_keyword(&c->ex, fl, FC_PROPERTY_RANGE, v, "multipleOf",
				snode_kw(kw, KW_MULTIPLE_OF));
}

static bool any_unknown_item(const struct value *list)
{
	VALUE_LIST_FOREACH(list, it)
		if (not_known(*it))
			return true;
	return false;
}

/* Reports the first item equal to an earlier one (positions ignored). */
static void check_unique(struct vctx *c, const struct value *list, struct finding_list *fl)
{
	size_t i, j;

	for (i = 1; i < list->u.list.n; i++)
		for (j = 0; j < i; j++)
			if (value_equal(list->u.list.items[i], list->u.list.items[j])) {
				explain_unique(&c->ex, fl, list, i, j);
				return;
			}
}

static void check_list(struct vctx *c, const struct snode *kw, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *items = snode_kw(kw, KW_ITEMS);
	double lim;
	size_t i;

	if (!any_unknown_item(v)) { /* an item may resolve to nothing (AWS::NoValue) */
		const struct value *unique = snode_kw(kw, KW_UNIQUE_ITEMS);

		if (unique && unique->kind == VALUE_BOOL && unique->u.boolean)
			check_unique(c, v, fl);
		if (number_kw(kw, KW_MIN_ITEMS, &lim) && (double)v->u.list.n < lim)
			explain_count(&c->ex, fl, FC_PROPERTY_ITEMS, v, "minItems", (size_t)lim,
				      v->u.list.n);
		if (number_kw(kw, KW_MAX_ITEMS, &lim) && (double)v->u.list.n > lim)
			explain_count(&c->ex, fl, FC_PROPERTY_ITEMS, v, "maxItems", (size_t)lim,
				      v->u.list.n);
	} else {
		c->saw_unknown = true;
	}
	if (!items || items->kind != VALUE_MAP)
		return;
	for (i = 0; i < v->u.list.n; i++) {
		struct explain_mark mark = explain_push_index(&c->ex, i);
		validate(c, items, v->u.list.items[i], fl);
		explain_pop(&c->ex, mark);
	}
}

/* Patterns of a patternProperties whose matches check_entry keeps on its
 * stack; past that many, each is matched a second time. */
#define KEPT_MATCHES 16

/* Validates one key of an object against the schema its name selects
 * (properties, then patternProperties, else additionalProperties). */
static void check_entry(struct vctx *c, const struct snode *kw, const struct value_entry *e,
			struct finding_list *fl)
{
	const struct value *props = snode_kw(kw, KW_PROPERTIES);
	const struct value *pats = snode_kw(kw, KW_PATTERN_PROPERTIES);
	const struct value *addl = snode_kw(kw, KW_ADDITIONAL_PROPERTIES);
	const struct value *sub = value_map_get(props, e->key);
	bool matched = sub != NULL;
	signed char kept[KEPT_MATCHES]; /* model_regex_match of the first patterns */
	struct explain_mark mark;
	size_t i = 0;
	int rc;

	if (pats && pats->kind == VALUE_MAP)
		VALUE_MAP_FOREACH(pats, p) {
			rc = model_regex_match(c->m->set, p->key, e->key);
			if (i < KEPT_MATCHES)
				kept[i++] = (signed char)rc;
			matched |= rc != 0;
		}
	if (!matched && addl && addl->kind == VALUE_BOOL && !addl->u.boolean) {
		explain_extraneous(&c->ex, fl, e, props);
		return;
	}
	mark = explain_push_key(&c->ex, e->key);
	if (sub)
		validate(c, sub, e->val, fl);
	if (pats && pats->kind == VALUE_MAP) {
		i = 0;
		VALUE_MAP_FOREACH(pats, p) {
			rc = i < KEPT_MATCHES ? kept[i++] : model_regex_match(c->m->set, p->key, e->key);
			if (rc == 1)
				validate(c, p->val, e->val, fl);
		}
	}
	if (!matched && addl && addl->kind == VALUE_MAP)
		validate(c, addl, e->val, fl);
	explain_pop(&c->ex, mark);
}

static void check_object(struct vctx *c, const struct snode *kw, const struct value *v,
			 struct finding_list *fl)
{
	const struct value *req = snode_kw(kw, KW_REQUIRED);
	double lim;

	if (req && req->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(req, it)
			if (value_is_string(*it) && !value_map_get(v, (*it)->u.string.s))
				explain_required(&c->ex, fl, v, (*it)->u.string.s);
	}
	if (number_kw(kw, KW_MIN_PROPERTIES, &lim) && (double)value_map_len(v) < lim)
		explain_count(&c->ex, fl, FC_PROPERTY_KEYS, v, "minProperties", (size_t)lim,
			      value_map_len(v));
	if (number_kw(kw, KW_MAX_PROPERTIES, &lim) && (double)value_map_len(v) > lim)
		explain_count(&c->ex, fl, FC_PROPERTY_KEYS, v, "maxProperties", (size_t)lim,
			      value_map_len(v));
	VALUE_MAP_FOREACH(v, e)
		check_entry(c, kw, e, fl);
}

/* ---- Combinators ---- */

struct trial {
	struct finding_list fl; /* what the branch reported */
	bool unknown;           /* it met values it could not judge */
};

static void run_trial(struct vctx *c, const struct value *schema, const struct value *v,
		      struct trial *t)
{
	bool saved = c->saw_unknown;

	memset(t, 0, sizeof(*t));
	c->saw_unknown = false;
	validate(c, schema, v, &t->fl);
	t->unknown = c->saw_unknown;
	c->saw_unknown = saved || t->unknown;
}

static void check_combinator(struct vctx *c, const char *kw, const struct value *list,
			     const struct value *v, struct finding_list *fl)
{
	struct trial *t;
	size_t n = list->u.list.n, i, passed = 0, best = 0;
	bool unknown_pass = false;

	if (!n)
		return;
	t = xcalloc(n, sizeof(*t));
	for (i = 0; i < n; i++) {
		run_trial(c, list->u.list.items[i], v, &t[i]);
		if (!t[i].fl.n) {
			passed++;
			unknown_pass |= t[i].unknown;
		} else if (t[i].fl.n < t[best].fl.n || !t[best].fl.n) {
			best = i;
		}
	}
	if (!strcmp(kw, "allOf") && passed < n) {
		explain_combinator(&c->ex, fl, v, kw, list, passed);
		for (i = 0; i < n; i++)
			finding_list_copy(fl, &t[i].fl);
	} else if (!strcmp(kw, "anyOf") && passed == 0) {
		explain_combinator(&c->ex, fl, v, kw, list, passed);
		finding_list_copy(fl, &t[best].fl);
	} else if (!strcmp(kw, "oneOf") && passed != 1 && !(passed > 1 && unknown_pass)) {
		explain_combinator(&c->ex, fl, v, kw, list, passed);
		if (!passed)
			finding_list_copy(fl, &t[best].fl);
	}
	for (i = 0; i < n; i++)
		finding_list_free(&t[i].fl);
	free(t);
}

static void check_not(struct vctx *c, const struct value *schema, const struct value *v,
		      struct finding_list *fl)
{
	struct trial t;

	run_trial(c, schema, v, &t);
	if (!t.fl.n && !t.unknown)
		explain_keyword(&c->ex, fl, FC_PROPERTY_COMBINATION, v, "not", schema);
	finding_list_free(&t.fl);
}

/* ---- The walk ---- */

static void validate(struct vctx *c, const struct value *schema, const struct value *v,
		     struct finding_list *fl)
{
	static const struct {
		const char *name; /* the combinator */
		enum kw slot;     /* its slot */
	} combinators[] = { { "allOf", KW_ALL_OF }, { "anyOf", KW_ANY_OF }, { "oneOf", KW_ONE_OF } };
	const struct snode *kw;
	const struct value *k;
	size_t i;

	if (not_known(v) || ++c->steps > MAX_STEPS) {
		c->saw_unknown = true;
		return;
	}
	if (!schema || schema->kind != VALUE_MAP || c->frames >= MAX_FRAMES)
		return; /* a boolean schema, or too deep: not judged */
	kw = model_snode(c->m, schema);
	if (!kw->schema)
		return; /* a dangling $ref: not judged */
	c->frames++;
	if (check_type(c, kw, v, fl)) {
		if (v->kind == VALUE_MAP)
			check_object(c, kw, v, fl);
		else if (v->kind == VALUE_LIST)
			check_list(c, kw, v, fl);
		else if (v->kind != VALUE_NULL)
			check_enum(c, kw, v, fl);
		if (v->kind == VALUE_STRING || v->kind == VALUE_NUMBER || v->kind == VALUE_BOOL) {
			enum jtype jt = (enum jtype)kw->jt;
			if (jt == J_STRING || (jt == J_NONE && v->kind == VALUE_STRING))
				check_string(c, kw, v, fl);
			if (jt == J_INTEGER || jt == J_NUMBER || (jt == J_NONE && v->kind == VALUE_NUMBER))
				check_number(c, kw, v, fl);
		}
		for (i = 0; i < sizeof(combinators) / sizeof(combinators[0]); i++)
			if ((k = snode_kw(kw, combinators[i].slot)) && k->kind == VALUE_LIST)
				check_combinator(c, combinators[i].name, k, v, fl);
		if ((k = snode_kw(kw, KW_NOT)) && k->kind == VALUE_MAP)
			check_not(c, k, v, fl);
	}
	c->frames--;
}

void model_validate(const struct model *m, const char *logical_id,
		    const struct value *props, struct srcpos pos, struct finding_list *out)
{
	struct vctx c;
	struct value *empty = NULL;

	memset(&c, 0, sizeof(c));
	c.m = m;
	explain_init(&c.ex, m, logical_id, pos);
	if (!props)
		props = empty = value_map(pos);
	validate(&c, m->schema, props, out);
	explain_release(&c.ex);
	value_free(empty);
}
