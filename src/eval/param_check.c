/*
 * param_check.c - a parameter value against its constraints: Number,
 * AllowedValues, AllowedPattern (whole-value match, PCRE2), MinLength,
 * MaxLength, MinValue, MaxValue, with ConstraintDescription replacing the
 * reason when the template gives one.
 *
 * Doc: parameters-section-structure.html; messages from
 * /work/notes/cfn-messages-template.md section 2.  List types check each
 * member.  One finding per parameter: the first constraint that fails, in
 * the order CloudFormation checks (AllowedPattern before MinLength).
 */
#include "eval/param.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parses a whole number or decimal; false when text is not one. */
static bool parse_number(const char *text, double *out)
{
	char *end;

	while (*text == ' ')
		text++;
	if (!*text)
		return false;
	errno = 0;
	*out = strtod(text, &end);
	while (*end == ' ')
		end++;
	return !*end && !errno && isfinite(*out);
}

/* The number of a constraint property, or false when absent or not a number. */
static bool bound(const struct value *def, const char *key, double *out)
{
	const struct value *v = value_map_get(def, key);
	const char *text = v && v->kind == VALUE_NUMBER ? v->u.number.text : value_str(v);

	return text && parse_number(text, out);
}

static bool allowed(const struct value *def, const char *text)
{
	const struct value *av = value_map_get(def, "AllowedValues");
	size_t i;

	if (!av || av->kind != VALUE_LIST)
		return true;
	for (i = 0; i < av->u.list.n; i++) {
		const struct value *a = av->u.list.items[i];
		const char *s = a->kind == VALUE_NUMBER ? a->u.number.text
			      : a->kind == VALUE_BOOL ? (a->u.boolean ? "true" : "false")
			      : value_str(a);
		if (s && !strcmp(s, text))
			return true;
	}
	return false;
}

/* 1 matches the whole text, 0 does not, -1 the pattern does not compile. */
static int matches(const char *pattern, const char *text)
{
	pcre2_code *re;
	pcre2_match_data *md;
	int err, rc;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &err, &off, NULL);
	if (!re)
		return -1;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc >= 0 ? 1 : 0;
}

/* Number of characters (UTF-8 code points) of s. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void number_text(struct strbuf *sb, double d)
{
	if (d == floor(d) && fabs(d) < 1e15)
		strbuf_addf(sb, "%.0f", d);
	else
		strbuf_addf(sb, "%g", d);
}

/* The reason one member fails (appended to why), or nothing when it passes. */
static void member_reason(const struct value *def, const struct param_type *pt,
			  const char *name, const char *text, struct strbuf *why)
{
	const struct value *pat = value_map_get(def, "AllowedPattern");
	bool numeric = pt->kind == PT_NUMBER || pt->kind == PT_LIST_NUMBER;
	double num = 0, lim;

	if (numeric && !parse_number(text, &num)) {
		strbuf_addf(why, "Parameter '%s' must be a number.", name);
		return;
	}
	if (!allowed(def, text)) {
		strbuf_addf(why, "Parameter '%s' must be one of AllowedValues", name);
		return;
	}
	if (value_is_string(pat) && !numeric && matches(pat->u.string.s, text) == 0) {
		strbuf_addf(why, "Parameter '%s' must match pattern %s", name, pat->u.string.s);
		return;
	}
	if (!numeric && bound(def, "MinLength", &lim) && (double)utf8_len(text) < lim) {
		strbuf_addf(why, "Parameter '%s' must contain at least ", name);
		number_text(why, lim);
		strbuf_addstr(why, " characters");
	} else if (!numeric && bound(def, "MaxLength", &lim) && (double)utf8_len(text) > lim) {
		strbuf_addf(why, "Parameter '%s' must contain at most ", name);
		number_text(why, lim);
		strbuf_addstr(why, " characters");
	} else if (numeric && bound(def, "MinValue", &lim) && num < lim) {
		strbuf_addf(why, "Parameter '%s' must be a number not less than ", name);
		number_text(why, lim);
	} else if (numeric && bound(def, "MaxValue", &lim) && num > lim) {
		strbuf_addf(why, "Parameter '%s' must be a number not greater than ", name);
		number_text(why, lim);
	}
}

int param_check(const char *name, const struct value *def, const struct param_type *pt,
		const char *text, struct srcpos pos, struct finding_list *fl)
{
	const struct value *desc = value_map_get(def, "ConstraintDescription");
	bool list = pt->kind == PT_LIST || pt->kind == PT_LIST_NUMBER;
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	struct value *members = list ? param_split(pos, text) : NULL;
	struct finding *f;
	size_t i;

	if (pt->kind == PT_SSM_VALUE || pt->kind == PT_SSM_NAME) {
		value_free(members);
		return 0; /* constraints apply to the SSM name only in String-like ways; not checked */
	}
	if (list)
		for (i = 0; i < members->u.list.n && !why.len; i++)
			member_reason(def, pt, name, members->u.list.items[i]->u.string.s, &why);
	else
		member_reason(def, pt, name, text, &why);
	value_free(members);
	if (!why.len)
		return 0;
	strbuf_addf(&path, "Parameters/%s", name);
	if (value_is_string(desc) && !strstr(why.buf, "must be a number."))
		f = finding_add(fl, FC_PARAM_CONSTRAINT, pos, path.buf,
				"Parameter %s failed to satisfy constraint: %s", name, desc->u.string.s);
	else
		f = finding_add(fl, FC_PARAM_CONSTRAINT, pos, path.buf, "%s", why.buf);
	finding_set_fix(f, "pass a value of %s that satisfies its constraints (%s)", name, why.buf);
	strbuf_release(&why);
	strbuf_release(&path);
	return -1;
}
