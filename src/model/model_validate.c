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

/* The keywords the validator reads, found in one pass over a schema node
 * (a value_map_get per keyword per value was most of the validator's time). */
enum kw {
	KW_TYPE, KW_ENUM, KW_CONST, KW_PATTERN, KW_MIN_LENGTH, KW_MAX_LENGTH, KW_MINIMUM,
	KW_MAXIMUM, KW_EXCL_MINIMUM, KW_EXCL_MAXIMUM, KW_MULTIPLE_OF, KW_ITEMS, KW_UNIQUE_ITEMS,
	KW_MIN_ITEMS, KW_MAX_ITEMS, KW_PROPERTIES, KW_PATTERN_PROPERTIES, KW_ADDITIONAL_PROPERTIES,
	KW_REQUIRED, KW_MIN_PROPERTIES, KW_MAX_PROPERTIES, KW_ALL_OF, KW_ANY_OF, KW_ONE_OF, KW_NOT,
	KW_REF, KW_COUNT
};

struct kw_name {
	const char *name; /* the keyword as the schema spells it */
	enum kw kw;       /* its slot */
};

/* By first letter: a schema key is compared only with keywords sharing it. */
static const struct kw_name kw_a[] = { { "additionalProperties", KW_ADDITIONAL_PROPERTIES },
				       { "allOf", KW_ALL_OF }, { "anyOf", KW_ANY_OF }, { NULL, 0 } };
static const struct kw_name kw_c[] = { { "const", KW_CONST }, { NULL, 0 } };
static const struct kw_name kw_e[] = { { "enum", KW_ENUM },
				       { "exclusiveMinimum", KW_EXCL_MINIMUM },
				       { "exclusiveMaximum", KW_EXCL_MAXIMUM }, { NULL, 0 } };
static const struct kw_name kw_i[] = { { "items", KW_ITEMS }, { NULL, 0 } };
static const struct kw_name kw_m[] = {
	{ "minLength", KW_MIN_LENGTH }, { "maxLength", KW_MAX_LENGTH }, { "minimum", KW_MINIMUM },
	{ "maximum", KW_MAXIMUM }, { "multipleOf", KW_MULTIPLE_OF }, { "minItems", KW_MIN_ITEMS },
	{ "maxItems", KW_MAX_ITEMS }, { "minProperties", KW_MIN_PROPERTIES },
	{ "maxProperties", KW_MAX_PROPERTIES }, { NULL, 0 }
};
static const struct kw_name kw_n[] = { { "not", KW_NOT }, { NULL, 0 } };
static const struct kw_name kw_o[] = { { "oneOf", KW_ONE_OF }, { NULL, 0 } };
static const struct kw_name kw_p[] = { { "pattern", KW_PATTERN }, { "properties", KW_PROPERTIES },
				       { "patternProperties", KW_PATTERN_PROPERTIES },
				       { NULL, 0 } };
static const struct kw_name kw_r[] = { { "required", KW_REQUIRED }, { NULL, 0 } };
static const struct kw_name kw_t[] = { { "type", KW_TYPE }, { NULL, 0 } };
static const struct kw_name kw_u[] = { { "uniqueItems", KW_UNIQUE_ITEMS }, { NULL, 0 } };

static const struct kw_name *const kw_by_letter[26] = {
	['a' - 'a'] = kw_a, ['c' - 'a'] = kw_c, ['e' - 'a'] = kw_e, ['i' - 'a'] = kw_i,
	['m' - 'a'] = kw_m, ['n' - 'a'] = kw_n, ['o' - 'a'] = kw_o, ['p' - 'a'] = kw_p,
	['r' - 'a'] = kw_r, ['t' - 'a'] = kw_t, ['u' - 'a'] = kw_u,
};

/* A schema node's keywords (borrowed from the node; NULL when absent). */
struct keywords {
	const struct value *at[KW_COUNT]; /* by enum kw */
};

static void scan_keywords(const struct value *schema, struct keywords *k)
{
	memset(k, 0, sizeof(*k));
	VALUE_MAP_FOREACH(schema, e) {
		unsigned char first = (unsigned char)e->key[0];
		const struct kw_name *n;

		if (first == '$' && !strcmp(e->key, "$ref"))
			k->at[KW_REF] = e->val;
		if (first < 'a' || first > 'z' || !kw_by_letter[first - 'a'])
			continue;
		for (n = kw_by_letter[first - 'a']; n->name; n++)
			if (n->name[1] == e->key[1] && !strcmp(n->name, e->key)) {
				k->at[n->kw] = e->val;
				break;
			}
	}
}

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

enum jtype { J_STRING, J_INTEGER, J_NUMBER, J_BOOLEAN, J_OBJECT, J_ARRAY, J_NULL, J_NONE };

static const char *const jtype_schema[] = { "string", "integer", "number", "boolean",
					    "object", "array", "null" };

static enum jtype jtype_of_name(const char *s)
{
	enum jtype t;

	if (!s)
		return J_NONE;
	switch (s[0]) { /* one candidate per first letter ("null" and "number" by the second) */
	case 's': t = J_STRING; break;
	case 'i': t = J_INTEGER; break;
	case 'n': t = s[1] == 'u' && s[2] == 'l' ? J_NULL : J_NUMBER; break;
	case 'b': t = J_BOOLEAN; break;
	case 'o': t = J_OBJECT; break;
	case 'a': t = J_ARRAY; break;
	default: return J_NONE;
	}
	return strcmp(s, jtype_schema[t]) ? J_NONE : t;
}

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
static bool check_type(struct vctx *c, const struct keywords *k, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *type = k->at[KW_TYPE];
	const char *names[8];
	size_t n = 0;

	if (!type)
		return true;
	if (value_is_string(type)) {
		names[n++] = type->u.string.s;
	} else if (type->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(type, it)
			if (value_is_string(*it) && n < 8)
				names[n++] = (*it)->u.string.s;
	}
	for (size_t i = 0; i < n; i++) {
		enum jtype t = jtype_of_name(names[i]);

		if (t == J_NONE || accepts(t, v))
			return true;
	}
	if (n)
		explain_type(&c->ex, fl, v, names, n);
	return n == 0;
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

/* Scalar equality after coercion: "5" equals 5, "true" equals true. */
static bool same_scalar(const struct value *a, const struct value *b)
{
	const char *ta = scalar_text(a), *tb = scalar_text(b);
	double da, db;

	if (!ta || !tb)
		return value_equal(a, b);
	if (!strcmp(ta, tb))
		return true;
	if ((a->kind == VALUE_NUMBER || b->kind == VALUE_NUMBER) && numeric_text(ta, &da) &&
	    numeric_text(tb, &db))
		return da == db;
	if (a->kind == VALUE_BOOL || b->kind == VALUE_BOOL)
		return !strcasecmp(ta, tb);
	return false;
}

/* ---- Keywords by kind ---- */

static void check_enum(struct vctx *c, const struct keywords *kw, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *e = kw->at[KW_ENUM], *k = kw->at[KW_CONST];

	if (e && e->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(e, it)
			if (same_scalar(*it, v))
				goto const_check;
		explain_keyword(&c->ex, fl, FC_PROPERTY_ENUM, v, "enum", e);
	}
const_check:
	if (k && !same_scalar(k, v))
		explain_keyword(&c->ex, fl, FC_PROPERTY_ENUM, v, "const", k);
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static long number_kw(const struct keywords *kw, enum kw which, double *out)
{
	const struct value *k = kw->at[which];

	if (!k || k->kind != VALUE_NUMBER)
		return 0;
	*out = k->u.number.num;
	return 1;
}

static void check_string(struct vctx *c, const struct keywords *kw, const struct value *v,
			 struct finding_list *fl)
{
	const char *s = scalar_text(v);
	const char *pattern = value_str(kw->at[KW_PATTERN]);
	size_t len;
	double lim;

	if (kw->at[KW_MIN_LENGTH] || kw->at[KW_MAX_LENGTH]) {
		len = utf8_length(s);
		if (number_kw(kw, KW_MIN_LENGTH, &lim) && (double)len < lim)
			explain_length(&c->ex, fl, v, "minLength", (size_t)lim, len);
		if (number_kw(kw, KW_MAX_LENGTH, &lim) && (double)len > lim)
			explain_length(&c->ex, fl, v, "maxLength", (size_t)lim, len);
	}
	if (pattern && model_regex_match(c->m->set, pattern, s) == 0)
		explain_keyword(&c->ex, fl, FC_PROPERTY_PATTERN, v, "pattern", kw->at[KW_PATTERN]);
}

static void check_number(struct vctx *c, const struct keywords *kw, const struct value *v,
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
					kw->at[limits[i].slot]);
	}
	if (number_kw(kw, KW_MULTIPLE_OF, &lim) && lim > 0 &&
	    fabs(remainder(d, lim)) > 1e-9 * fabs(lim))
		explain_keyword(&c->ex, fl, FC_PROPERTY_RANGE, v, "multipleOf",
				kw->at[KW_MULTIPLE_OF]);
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

static void check_list(struct vctx *c, const struct keywords *kw, const struct value *v,
		       struct finding_list *fl)
{
	const struct value *items = kw->at[KW_ITEMS];
	double lim;
	size_t i;

	if (!any_unknown_item(v)) { /* an item may resolve to nothing (AWS::NoValue) */
		const struct value *unique = kw->at[KW_UNIQUE_ITEMS];

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
static void check_entry(struct vctx *c, const struct keywords *kw, const struct value_entry *e,
			struct finding_list *fl)
{
	const struct value *props = kw->at[KW_PROPERTIES];
	const struct value *pats = kw->at[KW_PATTERN_PROPERTIES];
	const struct value *addl = kw->at[KW_ADDITIONAL_PROPERTIES];
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

static void check_object(struct vctx *c, const struct keywords *kw, const struct value *v,
			 struct finding_list *fl)
{
	const struct value *req = kw->at[KW_REQUIRED];
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
	struct keywords kw;
	const struct value *k;
	size_t i;

	if (not_known(v) || ++c->steps > MAX_STEPS) {
		c->saw_unknown = true;
		return;
	}
	if (!schema || schema->kind != VALUE_MAP || c->frames >= MAX_FRAMES)
		return; /* a boolean schema, or too deep: not judged */
	scan_keywords(schema, &kw);
	if (kw.at[KW_REF]) { /* model_deref returns a node without $ref unchanged */
		schema = model_deref(c->m, schema);
		if (!schema || schema->kind != VALUE_MAP)
			return; /* a dangling $ref: not judged */
		scan_keywords(schema, &kw);
	}
	c->frames++;
	if (check_type(c, &kw, v, fl)) {
		if (v->kind == VALUE_MAP)
			check_object(c, &kw, v, fl);
		else if (v->kind == VALUE_LIST)
			check_list(c, &kw, v, fl);
		else if (v->kind != VALUE_NULL)
			check_enum(c, &kw, v, fl);
		if (v->kind == VALUE_STRING || v->kind == VALUE_NUMBER || v->kind == VALUE_BOOL) {
			enum jtype jt = jtype_of_name(value_str(kw.at[KW_TYPE]));
			if (jt == J_STRING || (jt == J_NONE && v->kind == VALUE_STRING))
				check_string(c, &kw, v, fl);
			if (jt == J_INTEGER || jt == J_NUMBER || (jt == J_NONE && v->kind == VALUE_NUMBER))
				check_number(c, &kw, v, fl);
		}
		for (i = 0; i < sizeof(combinators) / sizeof(combinators[0]); i++)
			if ((k = kw.at[combinators[i].slot]) && k->kind == VALUE_LIST)
				check_combinator(c, combinators[i].name, k, v, fl);
		if ((k = kw.at[KW_NOT]) && k->kind == VALUE_MAP)
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
