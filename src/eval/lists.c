/*
 * lists.c - the list functions: Fn::Join, Fn::Select, Fn::Split and
 * (AWS::LanguageExtensions) Fn::Length.
 *
 * Docs: intrinsic-function-reference-join.html, -select.html, -split.html,
 * intrinsic-function-reference-length.html.  An unknown list, or an
 * unknown element that the result needs, makes the result unknown.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct value *join_malformed(struct eval_site *s, const struct value *call)
{
	struct finding *f = eval_error(s, call, FC_MALFORMED_FUNCTION,
				       "Template error: every Fn::Join object requires two parameters, "
				       "(1) a string delimiter and (2) a list of strings to be joined "
				       "or a function that returns a list of strings (such as "
				       "Fn::GetAZs) to be joined.");

	finding_set_fix(f, "write Fn::Join [\"delimiter\", [item, item, ...]] with string items");
	return eval_failed(call, "Fn::Join");
}

struct value *eval_fn_join(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *delim = value_list_get(arg, 0);
	struct value *list, *r = NULL;
	struct strbuf out = STRBUF_INIT;
	size_t i;

	if (value_list_len(arg) != 2 || !value_is_string(delim))
		return join_malformed(s, call);
	list = eval_child(s, NULL, 1, value_list_get(arg, 1));
	if (list && list->kind == VALUE_UNKNOWN) {
		list->pos = call->pos;
		return list;
	}
	if (!list || list->kind != VALUE_LIST) {
		value_free(list);
		return join_malformed(s, call);
	}
	for (i = 0; i < list->u.list.n && !r; i++) {
		const struct value *item = list->u.list.items[i];
		const char *text = value_scalar_text(item); /* borrowed */

		if (item->kind == VALUE_UNKNOWN)
			r = eval_unknown_from(call->pos, item);
		else if (!text)
			r = join_malformed(s, call);
		if (i && text)
			strbuf_addstr(&out, delim->u.string.s);
		if (text)
			strbuf_addstr(&out, text);
	}
	value_free(list);
	if (r) {
		strbuf_release(&out);
		return r;
	}
	return value_string_take(call->pos, strbuf_detach(&out, NULL));
}

/* Reads a resolved index: 0 and *index, 1 unknown, -1 invalid. */
static int read_index(const struct value *v, long *index)
{
	const char *text;
	char *end;

	if (v && v->kind == VALUE_UNKNOWN)
		return 1;
	text = v ? value_scalar_text(v) : NULL; /* borrowed */
	if (!text || v->kind == VALUE_BOOL)
		return -1;
	errno = 0;
	*index = strtol(text, &end, 10);
	return *text && !*end && !errno ? 0 : -1;
}

static struct value *select_error(struct eval_site *s, const struct value *call, const char *msg)
{
	struct finding *f = eval_error(s, call, FC_MALFORMED_FUNCTION, "Template error: %s", msg);

	finding_set_fix(f, "write Fn::Select [index, list] with a whole-number index from 0");
	return eval_failed(call, "Fn::Select");
}

struct value *eval_fn_select(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *iv, *list, *r;
	struct finding *f;
	long index = 0;
	int rc;

	if (value_list_len(arg) != 2)
		return select_error(s, call, "Fn::Select requires a list argument with two elements: "
				    "an integer index and a list");
	iv = eval_child(s, NULL, 0, value_list_get(arg, 0));
	list = eval_child(s, NULL, 1, value_list_get(arg, 1));
	rc = read_index(iv, &index);
	if (rc < 0) {
		r = select_error(s, call, "Fn::Select requires a list argument with a valid index "
				 "value as its first element");
	} else if (rc > 0) {
		r = eval_unknown_from(call->pos, iv);
	} else if (list && list->kind == VALUE_UNKNOWN) {
		r = eval_unknown_from(call->pos, list);
	} else if (!list || list->kind != VALUE_LIST) {
		r = select_error(s, call, "Fn::Select requires a list argument with two elements: "
				 "an integer index and a list");
	} else if (index < 0 || (size_t)index >= list->u.list.n) {
		f = eval_error(s, call, FC_FUNCTION_ERROR,
			       "Template error: Fn::Select cannot select nonexistent value at index %ld",
			       index);
		finding_set_fix(f, "the list has %zu element%s (indexes 0 to %ld): use a smaller "
				"index or a longer list", list->u.list.n,
				list->u.list.n == 1 ? "" : "s", (long)list->u.list.n - 1);
		r = eval_failed(call, "Fn::Select");
	} else {
		r = value_copy(list->u.list.items[index]);
	}
	value_free(iv);
	value_free(list);
	return r;
}

static struct value *split_malformed(struct eval_site *s, const struct value *call, const char *fix)
{
	struct finding *f = eval_error(s, call, FC_MALFORMED_FUNCTION,
				       "Template error: every Fn::Split object requires two parameters, "
				       "(1) a string delimiter and (2) a string to be split or a function "
				       "that returns a string to be split.");

	finding_set_fix(f, "%s", fix);
	return eval_failed(call, "Fn::Split");
}

struct value *eval_fn_split(struct eval_site *s, const struct value *call, const struct value *arg)
{
	const struct value *delim = value_list_get(arg, 0);
	struct value *src, *r;
	const char *p, *hit;
	size_t dlen;

	if (value_list_len(arg) != 2 || !value_is_string(delim) || !delim->u.string.len)
		return split_malformed(s, call, "write Fn::Split [\"delimiter\", string]");
	src = eval_child(s, NULL, 1, value_list_get(arg, 1));
	if (src && src->kind == VALUE_UNKNOWN) {
		src->pos = call->pos;
		return src;
	}
	if (!value_is_string(src)) {
		value_free(src);
		return split_malformed(s, call, "give Fn::Split a string (Fn::Join a list first)");
	}
	r = value_list(call->pos);
	dlen = delim->u.string.len;
	for (p = src->u.string.s; (hit = strstr(p, delim->u.string.s)) != NULL; p = hit + dlen)
		value_list_append(r, value_string_n(call->pos, p, (size_t)(hit - p)));
	value_list_append(r, value_string(call->pos, p));
	value_free(src);
	return r;
}

struct value *eval_fn_length(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *list = eval_child(s, NULL, 0, arg);
	struct value *r;
	struct finding *f;

	if (list && list->kind == VALUE_UNKNOWN) {
		list->pos = call->pos;
		return list;
	}
	if (!list || list->kind != VALUE_LIST) {
		f = eval_error(s, call, FC_FOREACH_ERROR,
			       "Transform AWS::LanguageExtensions failed with: Fn::Length only "
			       "accepts a list or an intrinsic function that returns a list");
		finding_set_fix(f, "give Fn::Length a list, or a function or parameter that is one");
		value_free(list);
		return eval_failed(call, "Fn::Length");
	}
	r = value_number(call->pos, (double)list->u.list.n, NULL);
	value_free(list);
	return r;
}
