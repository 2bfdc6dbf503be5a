/*
 * value_inspect.c - questions asked of a value tree without changing it:
 * kind names, deep equality, the first unknown value inside, scalar text
 * and the intrinsic function a one-key map stands for.
 */
#include "value/value.h"

#include <string.h>

const char *value_kind_name(enum value_kind kind)
{
	static const char *const names[] = {
		[VALUE_INVALID] = "invalid", [VALUE_NULL] = "null",
		[VALUE_BOOL] = "boolean",    [VALUE_NUMBER] = "number",
		[VALUE_STRING] = "string",   [VALUE_LIST] = "list",
		[VALUE_MAP] = "map",         [VALUE_UNKNOWN] = "unknown",
	};

	if ((size_t)kind >= sizeof(names) / sizeof(names[0]))
		return "invalid";
	return names[kind];
}

bool value_equal(const struct value *a, const struct value *b)
{
	size_t i;

	if (!a || !b || a->kind != b->kind)
		return false;
	switch (a->kind) {
	case VALUE_NULL: return true;
	case VALUE_BOOL: return a->u.boolean == b->u.boolean;
	case VALUE_NUMBER: return a->u.number.num == b->u.number.num;
	case VALUE_STRING:
		return a->u.string.len == b->u.string.len &&
		       !memcmp(a->u.string.s, b->u.string.s, a->u.string.len);
	case VALUE_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (i = 0; i < a->u.list.n; i++)
			if (!value_equal(a->u.list.items[i], b->u.list.items[i]))
				return false;
		return true;
	case VALUE_MAP:
		if (a->u.map.n != b->u.map.n)
			return false;
		for (i = 0; i < a->u.map.n; i++) {
			const struct value_entry *e = &a->u.map.entries[i];
			if (!value_equal(e->val, value_map_get(b, e->key)))
				return false;
		}
		return true;
	default:
		return false;
	}
}

const struct value *value_find_unknown(const struct value *v)
{
	const struct value *u;
	size_t i;

	if (!v)
		return NULL;
	switch (v->kind) {
	case VALUE_UNKNOWN: return v;
	case VALUE_LIST:
		for (i = 0; i < v->u.list.n; i++)
			if ((u = value_find_unknown(v->u.list.items[i])) != NULL)
				return u;
		return NULL;
	case VALUE_MAP:
		for (i = 0; i < v->u.map.n; i++)
			if ((u = value_find_unknown(v->u.map.entries[i].val)) != NULL)
				return u;
		return NULL;
	default:
		return NULL;
	}
}

bool value_has_unknown(const struct value *v)
{
	return value_find_unknown(v) != NULL;
}

bool value_whole_number(const struct value *v, long *out)
{
	double num;

	if (!v || v->kind != VALUE_NUMBER)
		return false;
	num = v->u.number.num;
	/* 2^63 is exactly representable; below it the cast is defined */
	if (!(num >= 0 && num < 9223372036854775808.0) || num != (double)(long)num)
		return false;
	*out = (long)num;
	return true;
}

const char *value_scalar_text(const struct value *v)
{
	if (v->kind == VALUE_STRING)
		return v->u.string.s;
	if (v->kind == VALUE_NUMBER)
		return v->u.number.text;
	if (v->kind == VALUE_BOOL)
		return v->u.boolean ? "true" : "false";
	return NULL;
}

const char *value_intrinsic_name(const struct value *v)
{
	const char *k;

	if (!v || v->kind != VALUE_MAP || v->u.map.n != 1)
		return NULL;
	k = v->u.map.entries[0].key;
	if (!strcmp(k, "Ref") || !strncmp(k, "Fn::", 4))
		return k;
	return NULL;
}
