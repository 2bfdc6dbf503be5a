/*
 * model_values.c - the values of simulated resources: Ref, Fn::GetAtt,
 * ARNs and the state key (names are in model_names.c), from the overlay's value templates
 * ("arn:{partition}:sqs:{region}:{account}:{name}") or from the schema's
 * identifiers.  What cannot be computed is an unknown value with the
 * reason; nothing is guessed.
 *
 * Placeholders are a table (placeholders[]); each handler appends its
 * text or fails with a reason.
 */
#include "engine/physid.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* {ref} may use {arn} which may use {name}...: nesting stops here. */
#define MAX_TEMPLATE_DEPTH 4

struct expand {
	const struct model *m;       /* the type whose templates are expanded */
	const struct model_sim *s;   /* the resource; NULL when only name and location are known */
	const char *name;            /* model_arn: the name given */
	const char *account;         /* where the resource is */
	const char *region;          /* (the account's region) */
	const char *partition;       /* (and partition) */
	int depth;                   /* templates being expanded, nested */
	char *why;                   /* owned: why the value is unknown */
};

typedef bool (*placeholder_fn)(struct expand *x, const char *arg, struct strbuf *out);

static bool expand_template(struct expand *x, const char *tmpl, struct strbuf *out);

static bool fail(struct expand *x, const char *fmt, const char *a, const char *b)
{
	if (!x->why)
		x->why = xstrfmt(fmt, a, b);
	return false;
}

static bool need_sim(struct expand *x, const char *what)
{
	return x->s ? true : fail(x, "%s%s is not known from a name alone", what, "");
}

static bool ph_partition(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	strbuf_addstr(out, x->partition);
	return true;
}

static bool ph_region(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	strbuf_addstr(out, x->region);
	return true;
}

static bool ph_account(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	strbuf_addstr(out, x->account);
	return true;
}

static bool ph_url_suffix(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	strbuf_addstr(out, strcmp(x->partition, "aws-cn") ? "amazonaws.com" : "amazonaws.com.cn");
	return true;
}

static bool ph_stack(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	if (!need_sim(x, "the stack name"))
		return false;
	strbuf_addstr(out, x->s->stack_name);
	return true;
}

static bool ph_logical_id(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	if (!need_sim(x, "the logical id"))
		return false;
	strbuf_addstr(out, x->s->logical_id);
	return true;
}

static bool ph_name(struct expand *x, const char *arg, struct strbuf *out)
{
	(void)arg;
	if (x->name) {
		strbuf_addstr(out, x->name);
		return true;
	}
	if (!need_sim(x, "the name"))
		return false;
	if (!model_add_physical_name(x->m, x->s, out))
		return fail(x, "its %s is not known%s", x->m->name_prop ? x->m->name_prop : "name", "");
	return true;
}

/* Deterministic pseudo-random digits from stack, logical id and salt. */
static uint64_t mix(uint64_t h)
{
	h += 0x9E3779B97F4A7C15ull;
	h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
	h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
	return h ^ (h >> 31);
}

static void digits(struct expand *x, const char *salt, const char *alphabet, size_t base,
		   size_t n, struct strbuf *out)
{
	uint64_t h = physid_hash(x->s->stack_name, x->s->logical_id) ^ physid_hash(salt, "");
	char buf[64]; /* n is at most 64 */
	size_t i;

	for (i = 0; i < n; i++) {
		h = mix(h);
		buf[i] = alphabet[h % base];
	}
	strbuf_add(out, buf, n);
}

/* {hex:N} lowercase hex digits, {alnum:N} uppercase letters and digits;
 * {hex:N:salt} gives other digits for a second id of the same resource. */
static bool ph_digits(struct expand *x, const char *arg, struct strbuf *out, bool hex)
{
	char *end = NULL;
	long n = arg ? strtol(arg, &end, 10) : 0;
	char *salt;

	if (n <= 0 || n > 64 || (*end && *end != ':'))
		return fail(x, "bad placeholder argument '%s'%s", arg ? arg : "", "");
	if (!need_sim(x, "a generated id"))
		return false;
	{
		/* the salt is "hex" or "alnum" and the rest of the argument */
		const char *kind = hex ? "hex" : "alnum";
		size_t klen = strlen(kind), rlen = strlen(end);
		char buf[96];

		salt = klen + rlen < sizeof(buf) ? buf : xmalloc(klen + rlen + 1);
		memcpy(salt, kind, klen);
		memcpy(salt + klen, end, rlen + 1);
		if (hex)
			digits(x, salt, "0123456789abcdef", 16, (size_t)n, out);
		else
			digits(x, salt, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 36, (size_t)n, out);
		if (salt != buf)
			free(salt);
	}
	return true;
}

static bool ph_hex(struct expand *x, const char *arg, struct strbuf *out)
{
	return ph_digits(x, arg, out, true);
}

static bool ph_alnum(struct expand *x, const char *arg, struct strbuf *out)
{
	return ph_digits(x, arg, out, false);
}

static bool ph_uuid(struct expand *x, const char *arg, struct strbuf *out)
{
	struct strbuf hex = STRBUF_INIT;

	(void)arg;
	if (!need_sim(x, "a generated id"))
		return false;
	digits(x, "uuid", "0123456789abcdef", 16, 32, &hex);
	strbuf_addf(out, "%.8s-%.4s-%.4s-%.4s-%.12s", hex.buf, hex.buf + 8, hex.buf + 12,
		    hex.buf + 16, hex.buf + 20);
	strbuf_release(&hex);
	return true;
}

const struct value *model_value_at(const struct value *props, const char *path)
{
	const struct value *v = props;
	const char *p = path;

	while (v && *p) {
		size_t len = strcspn(p, "/");
		char buf[128];
		char *seg = len < sizeof(buf) ? buf : xstrndup(p, len);

		if (seg == buf) {
			memcpy(buf, p, len);
			buf[len] = '\0';
		}
		v = v->kind == VALUE_MAP ? value_map_get(v, seg) : NULL;
		if (seg != buf)
			free(seg);
		p += len;
		if (*p == '/')
			p++;
	}
	return v;
}

static bool ph_prop(struct expand *x, const char *arg, struct strbuf *out)
{
	const struct value *v;

	if (!arg || !need_sim(x, "a property"))
		return false;
	v = model_value_at(x->s->properties, arg);
	if (v && v->kind == VALUE_STRING && !strstr(v->u.string.s, "{{resolve:"))
		strbuf_addstr(out, v->u.string.s);
	else if (v && v->kind == VALUE_NUMBER)
		strbuf_addstr(out, v->u.number.text);
	else
		return fail(x, v ? "property %s is not known" : "property %s is not set", arg, "");
	return true;
}

/* {tail:P}: the last "/" or ":" segment of property P (a name from an
 * ARN or a name). */
static bool ph_tail(struct expand *x, const char *arg, struct strbuf *out)
{
	struct strbuf full = STRBUF_INIT;
	const char *cut;
	bool ok = ph_prop(x, arg, &full);

	if (ok) {
		cut = strrchr(full.buf, '/');
		if (!cut)
			cut = strrchr(full.buf, ':');
		strbuf_addstr(out, cut ? cut + 1 : full.buf);
	}
	strbuf_release(&full);
	return ok;
}

/* {require:P}: nothing, but the value is unknown unless P is set. */
static bool ph_require(struct expand *x, const char *arg, struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;
	bool ok = ph_prop(x, arg, &tmp);

	(void)out;
	strbuf_release(&tmp);
	return ok;
}

/* {path}: an IAM entity's Path ("/" when not set), as ARNs include it. */
static bool ph_path(struct expand *x, const char *arg, struct strbuf *out)
{
	const struct value *v;

	(void)arg;
	if (!x->s) {
		strbuf_addch(out, '/');
		return true;
	}
	v = model_value_at(x->s->properties, "Path");
	if (!v) {
		strbuf_addch(out, '/');
		return true;
	}
	return ph_prop(x, "Path", out);
}

static const char *fact(const struct model *m, const char *key)
{
	return m->facts ? value_str(value_map_get(m->facts, key)) : NULL;
}

static bool ph_arn(struct expand *x, const char *arg, struct strbuf *out)
{
	const char *arn = fact(x->m, "arn");

	(void)arg;
	if (!arn)
		return fail(x, "models/overlay has no ARN pattern for %s%s", x->m->type, "");
	return expand_template(x, arn, out);
}

static bool ph_ref(struct expand *x, const char *arg, struct strbuf *out)
{
	const char *ref = fact(x->m, "ref");

	(void)arg;
	if (!ref)
		return fail(x, "models/overlay has no Ref pattern for %s%s", x->m->type, "");
	return expand_template(x, ref, out);
}

/* {id}: the id the account state keys the resource by (a KMS key id, an
 * ACM certificate id): the name given to model_arn, else the type's "id"
 * template, else its Ref value. */
static bool ph_id(struct expand *x, const char *arg, struct strbuf *out)
{
	const char *t = fact(x->m, "id");

	if (x->name) {
		strbuf_addstr(out, x->name);
		return true;
	}
	return t ? expand_template(x, t, out) : ph_ref(x, arg, out);
}

static bool ph_attr(struct expand *x, const char *arg, struct strbuf *out)
{
	const char *t = arg && x->m->facts
				? value_str(value_map_get(value_map_get(x->m->facts, "attributes"), arg))
				: NULL;

	if (!t)
		return fail(x, "no pattern for attribute %s%s", arg ? arg : "", "");
	return expand_template(x, t, out);
}

#define PH(name, fn) { name, sizeof(name) - 1, fn }
static const struct {
	const char *name;
	size_t len;
	placeholder_fn fn;
} placeholders[] = {
	/* the most used first (the names are distinct: order is only speed) */
	PH("partition", ph_partition), PH("region", ph_region),   PH("account", ph_account),
	PH("name", ph_name),           PH("arn", ph_arn),         PH("hex", ph_hex),
	PH("url_suffix", ph_url_suffix), PH("stack", ph_stack),   PH("logical_id", ph_logical_id),
	PH("alnum", ph_alnum),
	PH("uuid", ph_uuid),           PH("prop", ph_prop),
	PH("ref", ph_ref),             PH("attr", ph_attr),       PH("tail", ph_tail),
	PH("require", ph_require),     PH("path", ph_path),       PH("id", ph_id),
};
#undef PH

static placeholder_fn lookup(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (placeholders[i].len == len && placeholders[i].name[0] == name[0] &&
		    !memcmp(name, placeholders[i].name, len))
			return placeholders[i].fn;
	return NULL;
}

int model_template_check(const char *tmpl, const char **bad, size_t *bad_len)
{
	const char *p = tmpl;

	while ((p = strchr(p, '{')) != NULL) {
		const char *close = strchr(p, '}');
		size_t len;

		if (!close)
			break;
		len = strcspn(p + 1, ":}");
		if (!lookup(p + 1, len)) {
			*bad = p + 1;
			*bad_len = len;
			return -1;
		}
		p = close + 1;
	}
	return 0;
}

static bool expand_template(struct expand *x, const char *tmpl, struct strbuf *out)
{
	const char *p = tmpl;
	bool ok = true;

	if (++x->depth > MAX_TEMPLATE_DEPTH) {
		x->depth--;
		return fail(x, "value templates of %s refer to each other in a loop%s", x->m->type, "");
	}
	while (*p && ok) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		placeholder_fn fn;
		size_t len, alen;
		char buf[128];
		char *arg;

		if (!close) {
			/* literal text up to the next '{' (or the end) */
			len = *p == '{' ? 1 : strcspn(p, "{");
			strbuf_add(out, p, len);
			p += len;
			continue;
		}
		len = strcspn(p + 1, ":}");
		fn = lookup(p + 1, len);
		if (!fn)
			return fail(x, "unknown placeholder in a template of %s%s", x->m->type, "");
		arg = NULL;
		if (p[1 + len] == ':') {
			alen = (size_t)(close - p - 2 - len);
			if (alen < sizeof(buf)) {
				memcpy(buf, p + 2 + len, alen);
				buf[alen] = '\0';
				arg = buf;
			} else {
				arg = xstrndup(p + 2 + len, alen);
			}
		}
		ok = fn(x, arg, out);
		if (arg != buf)
			free(arg);
		p = close + 1;
	}
	x->depth--;
	return ok;
}

/* Expands tmpl for s into a new string value, or an unknown value. */
static struct value *value_from(const struct model *m, const struct model_sim *s,
				const char *tmpl, const char *what, const char *what_arg)
{
	struct expand x = { m, s, NULL, s->account, s->region, s->partition, 0, NULL };
	struct strbuf sb = STRBUF_INIT;
	struct value *v;

	if (expand_template(&x, tmpl, &sb)) {
		v = value_string_take(s->pos, strbuf_detach(&sb, NULL));
	} else {
		v = value_unknown(s->pos, "%s%s of %s cannot be computed: %s", what, what_arg,
				  s->logical_id, x.why ? x.why : "not known");
		strbuf_release(&sb);
	}
	free(x.why);
	return v;
}

/* ---- Ref and GetAtt ---- */

/* The value of the single primary identifier P, for types whose overlay
 * gives no Ref pattern. */
static struct value *identifier_value(const struct model *m, const struct model_sim *s)
{
	const char *id = value_str(value_list_get(m->ids, 0));
	const struct value *v;
	char *name;

	if (value_list_len(m->ids) != 1 || !id)
		return value_unknown(s->pos, "Ref of %s (%s) returns a compound identifier that "
				     "cfn-dryrun does not model", s->logical_id, m->type);
	if (m->name_prop && !strcmp(id, m->name_prop)) {
		name = model_physical_name(m, s);
		if (name)
			return value_string_take(s->pos, name);
		return value_unknown(s->pos, "Ref of %s returns its %s, which is not known",
				     s->logical_id, id);
	}
	v = s->properties ? value_map_get(s->properties, id) : NULL;
	if (v && v->kind == VALUE_STRING && !strstr(v->u.string.s, "{{resolve:"))
		return value_string(s->pos, v->u.string.s);
	if (v && v->kind == VALUE_NUMBER)
		return value_string(s->pos, v->u.number.text);
	if (v)
		return value_unknown(s->pos, "Ref of %s returns its %s, which is not known",
				     s->logical_id, id);
	return value_unknown(s->pos, "Ref of %s returns its %s, which AWS assigns at create "
			     "time (%s has no Ref pattern in models/overlay)", s->logical_id, id,
			     m->type);
}

struct value *model_ref_value(const struct model *m, const struct model_sim *s)
{
	const char *ref = fact(m, "ref");

	if (ref)
		return value_from(m, s, ref, "the Ref value", "");
	if (m->custom)
		return value_unknown(s->pos, "Ref of custom resource %s returns what its provider "
				     "sends back", s->logical_id);
	return identifier_value(m, s);
}

/* True when every text of pattern ref starts with "arn:" or holds "://"
 * (whatever its placeholders give, or when they fail): a literal "arn:"
 * prefix, a literal "://" (no '{' before it), or "{arn}" first with an ARN
 * pattern that starts with "arn:". */
static bool arn_or_url_pattern(const struct model *m, const char *ref)
{
	const char *url = strstr(ref, "://");
	const char *arn;

	if (!strncmp(ref, "arn:", 4) || (url && !memchr(ref, '{', (size_t)(url - ref))))
		return true;
	return !strncmp(ref, "{arn}", 5) && (arn = fact(m, "arn")) && !strncmp(arn, "arn:", 4);
}

/* True when pattern t may read the physical name: {name}, or a placeholder
 * that expands another pattern.  (Others read properties, the stack, the
 * logical id and the location only.) */
static bool may_read_name(const char *t)
{
	return strstr(t, "{name") || strstr(t, "{arn") || strstr(t, "{ref") || strstr(t, "{id") ||
	       strstr(t, "{attr");
}

char *model_state_id(const struct model *m, const struct model_sim *s)
{
	const char *ref = fact(m, "ref");
	struct model_sim sim = *s;
	const struct value *v_name;
	char *name = NULL;
	struct value *v;

	/* SPEC section 2 keys resources by what Ref returns (vpc-0abc...,
	 * sg-0123...), except types whose Ref is an ARN or URL (topics,
	 * queues, secrets): those by their name. */
	if (ref && arn_or_url_pattern(m, ref))
		return model_physical_name(m, s);
	if (ref) {
		/* the name first when the pattern reads it (vpc-{hex:17} does
		 * not: then only when the name is what is returned) */
		struct expand x = { m, &sim, NULL, s->account, s->region, s->partition, 0, NULL };
		struct strbuf sb = STRBUF_INIT;

		if (may_read_name(ref)) {
			name = model_physical_name(m, s);
			if (!name)
				return NULL;
			sim.physical_id = name;
		}
		if (expand_template(&x, ref, &sb) && strncmp(sb.buf, "arn:", 4) &&
		    !strstr(sb.buf, "://") && (name || model_name_value(m, s, &v_name))) {
			free(name);
			return strbuf_detach(&sb, NULL);
		}
		strbuf_release(&sb); /* not known (then Ref is an unknown value) or an ARN/URL */
		free(x.why);
		return name ? name : model_physical_name(m, s);
	}
	name = model_physical_name(m, s);
	if (!name)
		return NULL;
	sim.physical_id = name;
	v = model_ref_value(m, &sim);
	if (value_is_string(v) && strncmp(v->u.string.s, "arn:", 4) &&
	    !strstr(v->u.string.s, "://")) {
		free(name);
		name = xstrdup(v->u.string.s);
	}
	value_free(v);
	return name;
}

struct value *model_getatt_value(const struct model *m, const char *attr,
				 const struct model_sim *s)
{
	const char *t = m->facts
			? value_str(value_map_get(value_map_get(m->facts, "attributes"), attr)) : NULL;
	const struct value *v;

	if (m->custom)
		return value_unknown(s->pos, "%s.%s is what the custom resource's provider "
				     "returns", s->logical_id, attr);
	if (!t && !model_has_attribute(m, attr)) /* (a pattern in attributes is one) */
		return value_unknown(s->pos, "%s has no attribute %s", m->type, attr);
	if (!t && !strcmp(attr, "Arn") && fact(m, "arn"))
		t = fact(m, "arn");
	if (t)
		return value_from(m, s, t, "attribute ", attr);
	v = s->properties && !strchr(attr, '.') ? value_map_get(s->properties, attr) : NULL;
	if (v && v->kind != VALUE_MAP && !value_intrinsic_name(v))
		return value_copy(v);
	if (value_list_len(m->ids) == 1 && value_str(value_list_get(m->ids, 0)) &&
	    !strcmp(value_str(value_list_get(m->ids, 0)), attr))
		return model_ref_value(m, s);
	return value_unknown(s->pos, "%s.%s is known only once AWS has created the resource",
			     s->logical_id, attr);
}

char *model_arn(const struct model *m, const char *name, const char *account,
		const char *region, const char *partition)
{
	const char *arn = fact(m, "arn");
	struct expand x = { m, NULL, name, account, region, partition, 0, NULL };
	struct strbuf sb = STRBUF_INIT;

	if (!arn)
		return NULL;
	if (!expand_template(&x, arn, &sb)) {
		strbuf_release(&sb);
		free(x.why);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}
