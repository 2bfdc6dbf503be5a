/*
 * jsonschema.c - the test suite's JSON Schema validator (see jsonschema.h).
 * Recursion follows the instance and $ref chains, bounded by
 * JSONSCHEMA_MAX_DEPTH.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "jsonschema.h"
#include "util/xalloc.h"

#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	const struct value *root; /* the schema $ref resolves against */
	struct strbuf *errors;    /* where error lines go, or NULL (counting only) */
	size_t n_errors;          /* errors found */
	struct strbuf ptr;        /* JSON pointer of the instance being checked */
	int depth;                /* nested validations */
};

static void fail_at(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail_at(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->errors && c->n_errors < JSONSCHEMA_MAX_ERRORS) {
		strbuf_addf(c->errors, "%s: ", c->ptr.len ? c->ptr.buf : "/");
		va_start(ap, fmt);
		strbuf_vaddf(c->errors, fmt, ap);
		va_end(ap);
		strbuf_addch(c->errors, '\n');
	}
	c->n_errors++;
}

static void validate(struct ctx *c, const struct value *schema, const struct value *inst);

static bool is_integer(const struct value *v)
{
	return v->kind == VALUE_NUMBER && floor(v->u.number.num) == v->u.number.num &&
	       !strpbrk(v->u.number.text, ".eE");
}

static bool has_type(const struct value *v, const char *type)
{
	if (!strcmp(type, "integer"))
		return is_integer(v);
	if (!strcmp(type, "number"))
		return v->kind == VALUE_NUMBER;
	if (!strcmp(type, "string"))
		return v->kind == VALUE_STRING;
	if (!strcmp(type, "boolean"))
		return v->kind == VALUE_BOOL;
	if (!strcmp(type, "null"))
		return v->kind == VALUE_NULL;
	if (!strcmp(type, "array"))
		return v->kind == VALUE_LIST;
	if (!strcmp(type, "object"))
		return v->kind == VALUE_MAP;
	return false;
}

static void check_type(struct ctx *c, const struct value *type, const struct value *inst)
{
	if (type->kind == VALUE_STRING) {
		if (!has_type(inst, type->u.string.s))
			fail_at(c, "expected %s, got %s", type->u.string.s, value_kind_name(inst->kind));
		return;
	}
	VALUE_LIST_FOREACH(type, t)
		if (value_is_string(*t) && has_type(inst, (*t)->u.string.s))
			return;
	fail_at(c, "%s is not one of the allowed types", value_kind_name(inst->kind));
}

static bool regex_match(struct ctx *c, const char *pattern, const char *s)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
				       &err, &off, NULL);
	pcre2_match_data *md;
	int rc;

	if (!re) {
		fail_at(c, "schema pattern '%s' does not compile", pattern);
		return false;
	}
	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc >= 0;
}

static void check_format(struct ctx *c, const char *format, const char *s)
{
	static const char date_time[] =
		"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
		"([Zz]|[+-][0-9]{2}:[0-9]{2})$";
	static const char uri[] = "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$";
	static const char uri_ref[] = "^[^\\s\\x00-\\x1f\"<>\\\\^`{|}]*$";

	if (!strcmp(format, "date-time") && !regex_match(c, date_time, s))
		fail_at(c, "'%s' is not a date-time", s);
	else if (!strcmp(format, "uri") && !regex_match(c, uri, s))
		fail_at(c, "'%s' is not an absolute URI", s);
	else if (!strcmp(format, "uri-reference") && !regex_match(c, uri_ref, s))
		fail_at(c, "'%s' is not a URI reference", s);
}

static const struct value *resolve(struct ctx *c, const char *ref)
{
	const struct value *v = c->root;
	const char *p;

	if (strcmp(ref, "#") && strncmp(ref, "#/", 2)) {
		fail_at(c, "$ref '%s' is not a local reference", ref);
		return NULL;
	}
	for (p = ref + 1; *p == '/';) {
		const char *end = strchr(p + 1, '/');
		size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
		char *key = xstrndup(p + 1, len);

		v = value_map_get(v, key);
		free(key);
		if (!v) {
			fail_at(c, "$ref '%s' does not resolve", ref);
			return NULL;
		}
		p += len + 1;
	}
	return v;
}

/* Validates inst against schema, returning the number of errors, without
 * reporting them (for anyOf, oneOf, not). */
static size_t quiet(struct ctx *c, const struct value *schema, const struct value *inst)
{
	struct strbuf *saved = c->errors;
	size_t before = c->n_errors, n;

	c->errors = NULL;
	validate(c, schema, inst);
	n = c->n_errors - before;
	c->n_errors = before;
	c->errors = saved;
	return n;
}

static void check_object(struct ctx *c, const struct value *schema, const struct value *inst)
{
	const struct value *props = value_map_get(schema, "properties");
	const struct value *pattern_props = value_map_get(schema, "patternProperties");
	const struct value *additional = value_map_get(schema, "additionalProperties");
	const struct value *required = value_map_get(schema, "required");

	if (required)
		VALUE_LIST_FOREACH(required, k)
			if (value_is_string(*k) && !value_map_get(inst, (*k)->u.string.s))
				fail_at(c, "missing required property '%s'", (*k)->u.string.s);
	VALUE_MAP_FOREACH(inst, e) {
		const struct value *sub = props ? value_map_get(props, e->key) : NULL;
		size_t len = c->ptr.len;
		bool matched = sub != NULL;

		strbuf_addf(&c->ptr, "/%s", e->key);
		if (sub)
			validate(c, sub, e->val);
		if (pattern_props)
			VALUE_MAP_FOREACH(pattern_props, pp)
				if (regex_match(c, pp->key, e->key)) {
					matched = true;
					validate(c, pp->val, e->val);
				}
		if (!matched && additional) {
			if (additional->kind == VALUE_BOOL && !additional->u.boolean)
				fail_at(c, "property not allowed here");
			else if (additional->kind == VALUE_MAP)
				validate(c, additional, e->val);
		}
		strbuf_setlen(&c->ptr, len);
	}
}

static void check_array(struct ctx *c, const struct value *schema, const struct value *inst)
{
	const struct value *items = value_map_get(schema, "items");
	const struct value *v;
	size_t i, j, n = value_list_len(inst);

	if ((v = value_map_get(schema, "minItems")) && (double)n < v->u.number.num)
		fail_at(c, "%zu items, fewer than %s", n, v->u.number.text);
	if ((v = value_map_get(schema, "maxItems")) && (double)n > v->u.number.num)
		fail_at(c, "%zu items, more than %s", n, v->u.number.text);
	if ((v = value_map_get(schema, "uniqueItems")) && v->kind == VALUE_BOOL && v->u.boolean)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (value_equal(value_list_get(inst, i), value_list_get(inst, j)))
					fail_at(c, "items %zu and %zu are equal", i, j);
	if (!items)
		return;
	for (i = 0; i < n; i++) {
		size_t len = c->ptr.len;

		strbuf_addf(&c->ptr, "/%zu", i);
		validate(c, items, value_list_get(inst, i));
		strbuf_setlen(&c->ptr, len);
	}
}

static void check_scalar(struct ctx *c, const struct value *schema, const struct value *inst)
{
	const struct value *v;

	if (inst->kind == VALUE_NUMBER) {
		if ((v = value_map_get(schema, "minimum")) && inst->u.number.num < v->u.number.num)
			fail_at(c, "%s is less than the minimum %s", inst->u.number.text, v->u.number.text);
		if ((v = value_map_get(schema, "maximum")) && inst->u.number.num > v->u.number.num)
			fail_at(c, "%s is more than the maximum %s", inst->u.number.text, v->u.number.text);
	}
	if (inst->kind != VALUE_STRING)
		return;
	if ((v = value_map_get(schema, "minLength")) && (double)inst->u.string.len < v->u.number.num)
		fail_at(c, "string shorter than %s", v->u.number.text);
	if ((v = value_map_get(schema, "maxLength")) && (double)inst->u.string.len > v->u.number.num)
		fail_at(c, "string longer than %s", v->u.number.text);
	if ((v = value_map_get(schema, "pattern")) && value_is_string(v) &&
	    !regex_match(c, v->u.string.s, inst->u.string.s))
		fail_at(c, "'%s' does not match the pattern %s", inst->u.string.s, v->u.string.s);
	if ((v = value_map_get(schema, "format")) && value_is_string(v))
		check_format(c, v->u.string.s, inst->u.string.s);
}

static void check_combinators(struct ctx *c, const struct value *schema, const struct value *inst)
{
	const struct value *v;
	size_t ok;

	if ((v = value_map_get(schema, "allOf")))
		VALUE_LIST_FOREACH(v, s)
			validate(c, *s, inst);
	if ((v = value_map_get(schema, "anyOf"))) {
		ok = 0;
		VALUE_LIST_FOREACH(v, s)
			ok += quiet(c, *s, inst) == 0;
		if (!ok)
			fail_at(c, "matches none of anyOf");
	}
	if ((v = value_map_get(schema, "oneOf"))) {
		ok = 0;
		VALUE_LIST_FOREACH(v, s)
			ok += quiet(c, *s, inst) == 0;
		if (ok != 1)
			fail_at(c, "matches %zu of oneOf, not exactly one", ok);
	}
	if ((v = value_map_get(schema, "not")) && quiet(c, v, inst) == 0)
		fail_at(c, "matches the schema under not");
}

static const char *const keywords[] = {
	"type", "enum", "const", "properties", "required", "additionalProperties",
	"patternProperties", "items", "minItems", "maxItems", "uniqueItems", "minimum",
	"maximum", "minLength", "maxLength", "pattern", "format", "$ref", "allOf", "anyOf",
	"oneOf", "not",
	/* annotations */
	"title", "description", "default", "examples", "$schema", "id", "$id", "$comment",
	"definitions", "$defs", NULL,
};

static bool known_keyword(const char *k)
{
	size_t i;

	for (i = 0; keywords[i]; i++)
		if (!strcmp(keywords[i], k))
			return true;
	return false;
}

static void validate(struct ctx *c, const struct value *schema, const struct value *inst)
{
	const struct value *v;
	bool found;

	if (schema->kind == VALUE_BOOL) {
		if (!schema->u.boolean)
			fail_at(c, "no value is allowed here");
		return;
	}
	if (schema->kind != VALUE_MAP) {
		fail_at(c, "the schema here is a %s, not an object", value_kind_name(schema->kind));
		return;
	}
	if (++c->depth > JSONSCHEMA_MAX_DEPTH) {
		fail_at(c, "validation nested deeper than %d", JSONSCHEMA_MAX_DEPTH);
		c->depth--;
		return;
	}
	VALUE_MAP_FOREACH(schema, e)
		if (!known_keyword(e->key))
			fail_at(c, "schema keyword '%s' is not supported by this validator", e->key);
	if ((v = value_map_get(schema, "$ref")) && value_is_string(v)) {
		const struct value *target = resolve(c, v->u.string.s);

		if (target)
			validate(c, target, inst);
	}
	if ((v = value_map_get(schema, "type")))
		check_type(c, v, inst);
	if ((v = value_map_get(schema, "enum"))) {
		found = false;
		VALUE_LIST_FOREACH(v, e)
			found |= value_equal(*e, inst);
		if (!found)
			fail_at(c, "value is not in the enum");
	}
	if ((v = value_map_get(schema, "const")) && !value_equal(v, inst))
		fail_at(c, "value is not the const");
	if (inst->kind == VALUE_MAP)
		check_object(c, schema, inst);
	else if (inst->kind == VALUE_LIST)
		check_array(c, schema, inst);
	else
		check_scalar(c, schema, inst);
	check_combinators(c, schema, inst);
	c->depth--;
}

size_t jsonschema_validate(const struct value *schema, const struct value *instance,
			   struct strbuf *errors)
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	c.root = schema;
	c.errors = errors;
	strbuf_init(&c.ptr);
	validate(&c, schema, instance);
	strbuf_release(&c.ptr);
	if (errors && c.n_errors > JSONSCHEMA_MAX_ERRORS)
		strbuf_addf(errors, "(%zu more errors)\n", c.n_errors - JSONSCHEMA_MAX_ERRORS);
	return c.n_errors;
}
