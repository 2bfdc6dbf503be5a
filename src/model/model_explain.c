/*
 * model_explain.c - CloudFormation's wording for schema violations, and
 * their fixes (see model_explain.h).
 *
 * Since 2021 CloudFormation prints a redacted sentence for the keywords
 * that would echo the value ("failed validation constraint for keyword
 * [pattern]"), and everit's own sentence for the others ("expected
 * maxLength: 64, actual: 68").  Fixes never echo a value that a pattern
 * guards: patterns guard passwords.
 */
#include "model/model_explain.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The event text; one violation per finding.  (Recent consoles show the
 * violations as a list, "with message: [#/A: ..., #/B: ...]"; most
 * reports quote the single-violation form used here.) */
#define PROPS_MESSAGE "Properties validation failed for resource %s with message: %s: %s"

/* At most this many allowed values or keys are listed in a fix. */
#define LIST_MAX 12

static const struct {
	const char *schema; /* the schema's type name */
	const char *everit; /* how CloudFormation's validator names it */
	const char *plain;  /* how a fix names it */
} type_names[] = {
	{ "string", "String", "a string" },
	{ "integer", "Integer", "a whole number" },
	{ "number", "Number", "a number" },
	{ "boolean", "Boolean", "true or false" },
	{ "object", "JSONObject", "a map of keys and values" },
	{ "array", "JSONArray", "a list" },
	{ "null", "Null", "null" },
};

void explain_init(struct explain *ex, const struct model *m, const char *logical_id,
		  struct srcpos pos)
{
	ex->m = m;
	ex->logical_id = logical_id;
	ex->pos = pos;
	ex->steps = NULL;
	ex->n = ex->cap = 0;
	ex->written = false;
	strbuf_init(&ex->ptr);
	strbuf_init(&ex->path);
}

void explain_release(struct explain *ex)
{
	free(ex->steps);
	strbuf_release(&ex->ptr);
	strbuf_release(&ex->path);
}

static struct explain_mark mark_of(const struct explain *ex)
{
	struct explain_mark m = { ex->n };

	return m;
}

static struct explain_step *push(struct explain *ex)
{
	if (ex->n == ex->cap)
		XGROW(ex->steps, ex->cap, ex->n + 1);
	ex->written = false;
	return &ex->steps[ex->n++];
}

struct explain_mark explain_push_key(struct explain *ex, const char *key)
{
	struct explain_mark mark = mark_of(ex);
	struct explain_step *st = push(ex);

	st->key = key;
	st->index = 0;
	return mark;
}

struct explain_mark explain_push_index(struct explain *ex, size_t i)
{
	struct explain_mark mark = mark_of(ex);
	struct explain_step *st = push(ex);

	st->key = NULL;
	st->index = i;
	return mark;
}

void explain_pop(struct explain *ex, struct explain_mark mark)
{
	ex->n = mark.n;
	ex->written = false;
}

/* Writes ptr and path for the current level (only findings need them). */
static void write_paths(struct explain *ex)
{
	size_t i;
	const char *p;

	if (ex->written)
		return;
	ex->written = true;
	strbuf_reset(&ex->ptr);
	strbuf_reset(&ex->path);
	strbuf_addch(&ex->ptr, '#');
	strbuf_addstr(&ex->path, "Resources/");
	strbuf_addstr(&ex->path, ex->logical_id);
	strbuf_addstr(&ex->path, "/Properties");
	for (i = 0; i < ex->n; i++) {
		const struct explain_step *st = &ex->steps[i];

		strbuf_addch(&ex->ptr, '/');
		strbuf_addch(&ex->path, '/');
		if (!st->key) {
			strbuf_add_size(&ex->ptr, st->index);
			strbuf_add_size(&ex->path, st->index);
			continue;
		}
		for (p = st->key; *p; p++) { /* JSON pointer escapes */
			size_t plain = strcspn(p, "~/");

			strbuf_add(&ex->ptr, p, plain);
			p += plain;
			if (!*p)
				break;
			strbuf_addstr(&ex->ptr, *p == '~' ? "~0" : "~1");
		}
		strbuf_addstr(&ex->path, st->key);
	}
}

/* The current level in words: "the Properties of X" or "Tags/0". */
static const char *where(struct explain *ex)
{
	const char *p;

	write_paths(ex);
	p = strstr(ex->path.buf, "/Properties");
	return p && p[11] == '/' ? p + 12 : NULL;
}

static struct finding *add(struct explain *ex, struct finding_list *fl, enum finding_code code,
			   struct srcpos pos, const char *detail)
{
	write_paths(ex);
	return finding_add(fl, code, pos.line ? pos : ex->pos, ex->path.buf, PROPS_MESSAGE,
			   ex->logical_id, ex->ptr.buf, detail);
}

static const char *found_name(const struct value *v)
{
	switch (v->kind) {
	case VALUE_STRING: return "String";
	case VALUE_NUMBER: return v->u.number.text && !strpbrk(v->u.number.text, ".eE")
					  ? "Integer" : "BigDecimal";
	case VALUE_BOOL: return "Boolean";
	case VALUE_MAP: return "JSONObject";
	case VALUE_LIST: return "JSONArray";
	default: return "Null";
	}
}

static size_t type_index(const char *schema_name)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (!strcmp(schema_name, type_names[i].schema))
			return i;
	return 0;
}

void explain_type(struct explain *ex, struct finding_list *fl, const struct value *v,
		  const char *const *names, size_t n)
{
	struct strbuf detail = STRBUF_INIT, plain = STRBUF_INIT;
	const char *at = where(ex);
	struct finding *f;
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(&plain, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
			    type_names[type_index(names[i])].plain);
	if (n == 1)
		strbuf_addf(&detail, "expected type: %s, found: %s",
			    type_names[type_index(names[0])].everit, found_name(v));
	else
		strbuf_addf(&detail, "#: no subschema matched out of the total %zu subschemas", n);
	f = add(ex, fl, FC_PROPERTY_TYPE, v->pos, detail.buf);
	finding_set_fix(f, "give %s as %s (it is %s)", at ? at : "Properties", plain.buf,
			v->kind == VALUE_LIST ? "a list" : v->kind == VALUE_MAP ? "a map"
			: v->kind == VALUE_STRING ? "a string" : value_kind_name(v->kind));
	strbuf_release(&detail);
	strbuf_release(&plain);
}

/* Appends a scalar as text, quoted when a string, cut when long. */
static void add_scalar(struct strbuf *sb, const struct value *v)
{
	if (v->kind == VALUE_STRING)
		strbuf_addf(sb, "'%.60s%s'", v->u.string.s, v->u.string.len > 60 ? "..." : "");
	else if (v->kind == VALUE_NUMBER)
		strbuf_addstr(sb, v->u.number.text);
	else if (v->kind == VALUE_BOOL)
		strbuf_addstr(sb, v->u.boolean ? "true" : "false");
	else
		strbuf_addstr(sb, value_kind_name(v->kind));
}

static void enum_fix(struct strbuf *fix, const struct value *allowed, const struct value *v)
{
	size_t i = 0;

	strbuf_addstr(fix, "use one of: ");
	VALUE_LIST_FOREACH(allowed, it) {
		if (i == LIST_MAX) {
			strbuf_addf(fix, ", ... (%zu in all)", allowed->u.list.n);
			break;
		}
		if (i++)
			strbuf_addstr(fix, ", ");
		add_scalar(fix, *it);
	}
	strbuf_addstr(fix, " (found ");
	add_scalar(fix, v);
	strbuf_addch(fix, ')');
}

void explain_keyword(struct explain *ex, struct finding_list *fl, enum finding_code code,
		     const struct value *v, const char *kw, const struct value *limit)
{
	struct strbuf detail = STRBUF_INIT, fix = STRBUF_INIT;
	struct finding *f;

	strbuf_addf(&detail, "failed validation constraint for keyword [%s]", kw);
	if (!strcmp(kw, "enum"))
		enum_fix(&fix, limit, v);
	else if (!strcmp(kw, "const")) {
		strbuf_addstr(&fix, "use exactly ");
		add_scalar(&fix, limit);
	} else if (!strcmp(kw, "pattern"))
		strbuf_addf(&fix, "make the value match the pattern %s", limit->u.string.s);
	else if (!strcmp(kw, "not"))
		strbuf_addstr(&fix, "the type forbids this value or combination of keys; change it");
	else {
		static const struct {
			const char *kw, *words;
		} range[] = {
			{ "minimum", "of at least" }, { "maximum", "of at most" },
			{ "exclusiveMinimum", "greater than" }, { "exclusiveMaximum", "less than" },
			{ "multipleOf", "that is a multiple of" },
		};
		size_t i;
		for (i = 0; i < sizeof(range) / sizeof(range[0]); i++)
			if (!strcmp(kw, range[i].kw))
				strbuf_addf(&fix, "use a value %s %s (found %s)", range[i].words,
					    limit->u.number.text, v->kind == VALUE_NUMBER
					    ? v->u.number.text : value_str(v) ? value_str(v) : "?");
	}
	f = add(ex, fl, code, v->pos, detail.buf);
	if (fix.len)
		finding_set_fix(f, "%s", fix.buf);
	strbuf_release(&detail);
	strbuf_release(&fix);
}

void explain_length(struct explain *ex, struct finding_list *fl, const struct value *v,
		    const char *kw, size_t limit, size_t actual)
{
	char *detail = xstrfmt("expected %s: %zu, actual: %zu", kw, limit, actual);
	struct finding *f = add(ex, fl, FC_PROPERTY_LENGTH, v->pos, detail);

	finding_set_fix(f, "use %s %zu characters (it has %zu)",
			!strcmp(kw, "minLength") ? "at least" : "at most", limit, actual);
	free(detail);
}

void explain_count(struct explain *ex, struct finding_list *fl, enum finding_code code,
		   const struct value *v, const char *kw, size_t limit, size_t actual)
{
	bool min = !strncmp(kw, "min", 3), items = strstr(kw, "Items") != NULL;
	char *detail = items ? xstrfmt("expected %s item count: %zu, found: %zu",
				       min ? "minimum" : "maximum", limit, actual)
			     : xstrfmt("%s size: [%zu], found: [%zu]", min ? "minimum" : "maximum",
				       limit, actual);
	struct finding *f = add(ex, fl, code, v->pos, detail);

	finding_set_fix(f, "give %s %zu %s (found %zu)", min ? "at least" : "at most", limit,
			items ? "items" : "keys", actual);
	free(detail);
}

void explain_unique(struct explain *ex, struct finding_list *fl, const struct value *list,
		    size_t i, size_t j)
{
	struct finding *f = add(ex, fl, FC_PROPERTY_UNIQUE, list->pos, "array items are not unique");

	finding_set_fix(f, "remove item %zu: it repeats item %zu", i, j);
}

void explain_required(struct explain *ex, struct finding_list *fl, const struct value *v,
		      const char *key)
{
	char *detail = xstrfmt("required key [%s] not found", key);
	const char *at = where(ex);
	struct finding *f = add(ex, fl, FC_PROPERTY_REQUIRED, v->pos, detail);

	if (at)
		finding_set_fix(f, "add %s under %s (%s requires it)", key, at, ex->m->type);
	else
		finding_set_fix(f, "add %s to the Properties of %s (%s requires it)", key,
				ex->logical_id, ex->m->type);
	free(detail);
}

/* Edit distance of a and b, case-insensitive (both short: property names). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t *row = xcalloc(lb + 1, sizeof(*row));

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], cost = tolower((unsigned char)a[i - 1]) !=
						  tolower((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The allowed key closest to key, when close enough to be a typo. */
static const char *closest(const char *key, const struct value *props)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, limit = strlen(key) < 5 ? 1 : 2;

	if (!props || props->kind != VALUE_MAP)
		return NULL;
	VALUE_MAP_FOREACH(props, e) {
		size_t d = distance(key, e->key);
		if (d < best_d) {
			best_d = d;
			best = e->key;
		}
	}
	return best_d <= limit ? best : NULL;
}

/* True when name is a top-level read-only attribute of the type. */
static bool read_only(const struct model *m, const char *name)
{
	if (!m->attrs)
		return false;
	VALUE_LIST_FOREACH(m->attrs, it)
		if (value_str(*it) && !strcmp(value_str(*it), name))
			return true;
	return false;
}

void explain_extraneous(struct explain *ex, struct finding_list *fl,
			const struct value_entry *e, const struct value *props)
{
	char *detail = xstrfmt("extraneous key [%s] is not permitted", e->key);
	struct strbuf fix = STRBUF_INIT;
	const char *near = closest(e->key, props);
	struct finding *f;
	bool top = ex->n == 0;
	size_t i = 0;

	f = add(ex, fl, FC_PROPERTY_NOT_PERMITTED, e->key_pos, detail);
	strbuf_addf(&ex->path, "/%s", e->key); /* the finding's path names the key */
	free(f->path);
	f->path = xstrdup(ex->path.buf);
	ex->written = false; /* path now names the key */
	if (near)
		strbuf_addf(&fix, "did you mean %s? ", near);
	strbuf_addf(&fix, "remove %s or correct its name", e->key);
	if (props && props->kind == VALUE_MAP && props->u.map.n) {
		size_t total = 0;

		strbuf_addstr(&fix, "; allowed here: ");
		VALUE_MAP_FOREACH(props, p) {
			if (top && read_only(ex->m, p->key))
				continue; /* attributes, not properties to set */
			if (total++ < LIST_MAX)
				strbuf_addf(&fix, "%s%s", i++ ? ", " : "", p->key);
		}
		if (total > LIST_MAX)
			strbuf_addf(&fix, ", ... (%zu in all)", total);
	}
	finding_set_fix(f, "%s", fix.buf);
	strbuf_release(&fix);
	free(detail);
}

/* "A and B" for a branch {required: [A, B]}; NULL for other branches. */
static char *branch_words(const struct value *branch)
{
	const struct value *req = value_map_get(branch, "required");
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	if (!req || req->kind != VALUE_LIST || !req->u.list.n)
		return NULL;
	VALUE_LIST_FOREACH(req, it)
		strbuf_addf(&sb, "%s%s", i++ ? (i == req->u.list.n ? " and " : ", ") : "",
			    value_str(*it) ? value_str(*it) : "?");
	return strbuf_detach(&sb, NULL);
}

void explain_combinator(struct explain *ex, struct finding_list *fl, const struct value *v,
			const char *kw, const struct value *list, size_t passed)
{
	size_t n = list->u.list.n, i;
	struct strbuf fix = STRBUF_INIT;
	char *detail;
	struct finding *f;
	bool described = true;

	if (!strcmp(kw, "allOf"))
		detail = xstrfmt("#: only %zu subschema matches out of %zu", passed, n);
	else if (!strcmp(kw, "anyOf"))
		detail = xstrfmt("#: no subschema matched out of the total %zu subschemas", n);
	else
		detail = xstrfmt("#: %zu subschemas matched instead of one", passed);
	f = add(ex, fl, FC_PROPERTY_COMBINATION, v->pos, detail);
	if (!strcmp(kw, "allOf")) {
		strbuf_addstr(&fix, "correct each violation listed with this one");
	} else {
		strbuf_addstr(&fix, !strcmp(kw, "oneOf") ? "set exactly one of: " : "set at least one of: ");
		for (i = 0; i < n && described; i++) {
			char *words = branch_words(list->u.list.items[i]);
			if (words)
				strbuf_addf(&fix, "%s%s", i ? "; or " : "", words);
			described = words != NULL;
			free(words);
		}
		if (!described) {
			strbuf_reset(&fix);
			strbuf_addf(&fix, "the value must match %s of the %zu shapes the type allows "
				    "(see the violations listed with this one)",
				    !strcmp(kw, "oneOf") ? "exactly one" : "at least one", n);
		}
	}
	finding_set_fix(f, "%s", fix.buf);
	strbuf_release(&fix);
	free(detail);
}
