/*
 * model_rules.c - existence rules as data: parsing them from an overlay
 * file (every key checked, errors with positions), walking the values a
 * rule checks, and filling in message placeholders.
 *
 * The rule format is documented in models/README.md; rule_keys[] is its
 * table.
 */
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Keys of a rule and whether each must be there. */
static const struct {
	const char *key;
	bool required;
} rule_keys[] = {
	{ "id", true },               /* unique name */
	{ "resource", false },        /* resource type (or parameter_type) */
	{ "property", false },        /* property path, with the resource */
	{ "parameter_type", false },  /* parameter type (or resource) */
	{ "must_exist", true },       /* the type that must exist */
	{ "object_key", false },      /* S3 objects: the path of the key */
	{ "by_property", false },     /* the value is this property of the target */
	{ "match", false },           /* [id, arn, alias]; default [id] */
	{ "scope", false },           /* region (default), account, partition,
					 region-any-account, or a region name */
	{ "severity", false },        /* error (default) or warning */
	{ "unless", false },          /* regex of values not to check */
	{ "message", true },          /* CloudFormation's message */
	{ "region_message", false },  /* S3 targets: the message when the bucket is in
					 another region (region-any-account) */
	{ "fix", true },              /* what to create or change first */
	{ "source", true },           /* where the message was seen */
};

/* Placeholders a message or fix may use. */
static const char *const placeholders[] = {
	"value", "logical_id", "property", "region", "account", "partition", "target_arn",
	"object_key", "resource_arn", "target_region", NULL,
};

static const struct {
	const char *name;
	enum model_match bit;
} match_names[] = {
	{ "id", MODEL_MATCH_ID }, { "arn", MODEL_MATCH_ARN }, { "alias", MODEL_MATCH_ALIAS },
};

/* A region name such as us-east-1 or us-gov-west-1. */
static bool is_region_name(const char *s)
{
	const char *last = strrchr(s, '-');

	if (!last || last == s || !isdigit((unsigned char)last[1]) || last[2])
		return false;
	for (; s < last; s++)
		if (!islower((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

static bool valid_path(const char *p)
{
	size_t seg = 0;

	for (; *p; p++) {
		if (*p == '/') {
			if (!seg)
				return false;
			seg = 0;
		} else {
			seg++;
		}
	}
	return seg > 0;
}

static bool valid_type_name(const char *s)
{
	const char *a = strstr(s, "::");

	return a && a != s && strstr(a + 2, "::");
}

/* Every {name} in text must be a known placeholder. */
static int check_placeholders(const char *id, const struct value *v, struct diag_list *dl)
{
	const char *p = v->u.string.s, *close;
	size_t i;

	for (; (p = strchr(p, '{')) != NULL; p = close + 1) {
		close = strchr(p, '}');
		if (!close)
			return 0; /* a lone brace is text */
		for (i = 0; placeholders[i]; i++)
			if (strlen(placeholders[i]) == (size_t)(close - p - 1) &&
			    !strncmp(p + 1, placeholders[i], (size_t)(close - p - 1)))
				break;
		if (!placeholders[i]) {
			diag_error(dl, v->pos, "rule %s: unknown placeholder {%.*s} (value, logical_id, "
				   "property, region, account, partition, target_arn, object_key, "
				   "resource_arn, target_region)", id,
				   (int)(close - p - 1), p + 1);
			return -1;
		}
	}
	return 0;
}

static int parse_match(const char *id, const struct value *v, unsigned *out,
		       struct diag_list *dl)
{
	size_t i;

	*out = 0;
	if (v->kind != VALUE_LIST || !v->u.list.n) {
		diag_error(dl, v->pos, "rule %s: match must be a list of id, arn, alias", id);
		return -1;
	}
	VALUE_LIST_FOREACH(v, it) {
		const char *s = value_str(*it);
		for (i = 0; s && i < sizeof(match_names) / sizeof(match_names[0]); i++)
			if (!strcmp(s, match_names[i].name))
				break;
		if (!s || i == sizeof(match_names) / sizeof(match_names[0])) {
			diag_error(dl, (*it)->pos, "rule %s: match: expected id, arn or alias", id);
			return -1;
		}
		*out |= match_names[i].bit;
	}
	return 0;
}

static int parse_scope(const char *id, const struct value *v, struct model_rule *r,
		       struct diag_list *dl)
{
	const char *s = value_str(v);

	if (s && !strcmp(s, "region"))
		r->scope = MODEL_SCOPE_REGION;
	else if (s && !strcmp(s, "account"))
		r->scope = MODEL_SCOPE_ACCOUNT;
	else if (s && !strcmp(s, "partition"))
		r->scope = MODEL_SCOPE_PARTITION;
	else if (s && !strcmp(s, "region-any-account"))
		r->scope = MODEL_SCOPE_REGION_ANY_ACCOUNT;
	else if (s && is_region_name(s)) {
		r->scope = MODEL_SCOPE_FIXED_REGION;
		r->region = s;
	} else {
		diag_error(dl, v->pos, "rule %s: scope must be region, account, partition, "
			   "region-any-account or a region name such as us-east-1", id);
		return -1;
	}
	return 0;
}

/* Checks each key against rule_keys[]: known, a string where one is
 * expected, and the required ones present. */
static int check_keys(const char *id, const struct value *item, struct diag_list *dl)
{
	size_t i;
	int rc = 0;

	VALUE_MAP_FOREACH(item, e) {
		for (i = 0; i < sizeof(rule_keys) / sizeof(rule_keys[0]); i++)
			if (!strcmp(e->key, rule_keys[i].key))
				break;
		if (i == sizeof(rule_keys) / sizeof(rule_keys[0])) {
			diag_error(dl, e->key_pos, "rule %s: unknown key '%s'", id, e->key);
			rc = -1;
		} else if (strcmp(e->key, "match") && !value_is_string(e->val)) {
			diag_error(dl, e->val->pos, "rule %s: %s must be a string", id, e->key);
			rc = -1;
		}
	}
	for (i = 0; i < sizeof(rule_keys) / sizeof(rule_keys[0]); i++)
		if (rule_keys[i].required && !value_map_get(item, rule_keys[i].key)) {
			diag_error(dl, item->pos, "rule %s: '%s' is required", id, rule_keys[i].key);
			rc = -1;
		}
	return rc;
}

/* Fills r from item (strings borrowed); returns 0 or -1. */
static int parse_rule(const struct value *item, struct model_rule *r, struct diag_list *dl)
{
	const char *id = value_str(value_map_get(item, "id"));
	const struct value *v;
	int rc;

	memset(r, 0, sizeof(*r));
	r->pos = item->pos;
	if (!id)
		id = "?";
	rc = check_keys(id, item, dl);
	if (rc < 0)
		return -1;
	r->id = id;
	r->resource_type = value_str(value_map_get(item, "resource"));
	r->path = value_str(value_map_get(item, "property"));
	r->parameter_type = value_str(value_map_get(item, "parameter_type"));
	r->target_type = value_str(value_map_get(item, "must_exist"));
	r->object_key = value_str(value_map_get(item, "object_key"));
	r->by_property = value_str(value_map_get(item, "by_property"));
	r->unless = value_str(value_map_get(item, "unless"));
	r->message = value_str(value_map_get(item, "message"));
	r->region_message = value_str(value_map_get(item, "region_message"));
	r->fix = value_str(value_map_get(item, "fix"));
	r->source = value_str(value_map_get(item, "source"));
	r->match = MODEL_MATCH_ID;
	r->scope = MODEL_SCOPE_REGION;
	r->severity = SEV_ERROR;
	if (!r->parameter_type == !r->resource_type || !r->resource_type != !r->path) {
		diag_error(dl, item->pos, "rule %s: give either resource and property, or "
			   "parameter_type", id);
		rc = -1;
	}
	if (r->path && !valid_path(r->path)) {
		diag_error(dl, value_map_get(item, "property")->pos,
			   "rule %s: property must be a path such as A/B/*", id);
		rc = -1;
	}
	if (r->object_key && (!valid_path(r->object_key) || strchr(r->object_key, '*'))) {
		diag_error(dl, value_map_get(item, "object_key")->pos,
			   "rule %s: object_key must be a path without *", id);
		rc = -1;
	}
	if (!valid_type_name(r->target_type) ||
	    (r->resource_type && !valid_type_name(r->resource_type))) {
		diag_error(dl, item->pos, "rule %s: resource and must_exist are type names "
			   "such as AWS::EC2::Subnet", id);
		rc = -1;
	}
	if ((v = value_map_get(item, "match")) && parse_match(id, v, &r->match, dl) < 0)
		rc = -1;
	if (r->by_property && value_map_get(item, "match")) {
		diag_error(dl, item->pos, "rule %s: give match or by_property, not both", id);
		rc = -1;
	}
	if ((v = value_map_get(item, "scope")) && parse_scope(id, v, r, dl) < 0)
		rc = -1;
	if ((v = value_map_get(item, "severity"))) {
		if (!strcmp(v->u.string.s, "warning"))
			r->severity = SEV_WARNING;
		else if (strcmp(v->u.string.s, "error")) {
			diag_error(dl, v->pos, "rule %s: severity must be error or warning", id);
			rc = -1;
		}
	}
	if (check_placeholders(id, value_map_get(item, "message"), dl) < 0 ||
	    check_placeholders(id, value_map_get(item, "fix"), dl) < 0 ||
	    (r->region_message &&
	     check_placeholders(id, value_map_get(item, "region_message"), dl) < 0))
		rc = -1;
	if (r->region_message && (strcmp(r->target_type, "AWS::S3::Bucket") ||
				  r->scope != MODEL_SCOPE_REGION_ANY_ACCOUNT)) {
		diag_error(dl, value_map_get(item, "region_message")->pos, "rule %s: region_message "
			   "is for AWS::S3::Bucket rules of scope region-any-account", id);
		rc = -1;
	}
	return rc;
}

int model_rules_parse(const struct value *list, struct model_rule **rules, size_t *n,
		      struct diag_list *dl)
{
	size_t cap = *n, first = *n, i;
	int rc = 0;

	if (list->kind != VALUE_LIST) {
		diag_error(dl, list->pos, "'rules' must be a list of rules");
		return -1;
	}
	VALUE_LIST_FOREACH(list, it) {
		struct model_rule r;

		if ((*it)->kind != VALUE_MAP) {
			diag_error(dl, (*it)->pos, "a rule is a map (id, resource, property, ...)");
			rc = -1;
			continue;
		}
		if (parse_rule(*it, &r, dl) < 0) {
			rc = -1;
			continue;
		}
		for (i = first; i < *n; i++)
			if (!strcmp((*rules)[i].id, r.id)) {
				diag_error(dl, r.pos, "rule %s: the id is already used", r.id);
				rc = -1;
			}
		XGROW(*rules, cap, *n + 1);
		(*rules)[(*n)++] = r;
	}
	return rc;
}

/* ---- Walking the values a rule checks ---- */

struct walk {
	struct model_set *ms;       /* for the unless pattern */
	const struct model_rule *r; /* the rule walked */
	const struct value *props;  /* the resource's properties (object keys are absolute) */
	model_rule_fn fn;           /* called per value */
	void *ctx;                  /* fn's context */
	struct strbuf path;         /* path of the value being visited */
};

static void visit(struct walk *w, const struct value *v, char *rest);

static void visit_child(struct walk *w, const struct value *child, const char *seg,
			size_t index, char *rest)
{
	size_t old = w->path.len;

	if (old)
		strbuf_addch(&w->path, '/');
	if (seg)
		strbuf_addstr(&w->path, seg);
	else
		strbuf_addf(&w->path, "%zu", index);
	visit(w, child, rest);
	strbuf_setlen(&w->path, old);
}

static void hit(struct walk *w, const struct value *v)
{
	struct model_rule_hit h;
	const char *s = value_str(v);

	if (s && w->r->unless && model_regex_match(w->ms, w->r->unless, s) == 1)
		return;
	h.value = v;
	h.object_key = w->r->object_key ? model_value_at(w->props, w->r->object_key) : NULL;
	h.path = w->path.buf;
	w->fn(w->ctx, w->r, &h);
}

/* Follows rest (segments "A", "*", "B") from v; the depth is the rule
 * path's, a few segments.  rest is the walk's own copy of the path: a
 * segment is cut out in place (its '/' made a NUL, then put back) rather
 * than copied. */
static void visit(struct walk *w, const struct value *v, char *rest)
{
	size_t len = strcspn(rest, "/");
	char *next = rest[len] == '/' ? rest + len + 1 : rest + len;
	const struct value *child;
	char cut;

	if (!*rest) {
		hit(w, v);
		return;
	}
	if (v->kind == VALUE_UNKNOWN || value_intrinsic_name(v)) {
		hit(w, v); /* the whole subtree is not known: the simulator decides */
		return;
	}
	if (len == 1 && rest[0] == '*') {
		size_t i;

		if (v->kind != VALUE_LIST) {
			visit(w, v, next); /* a single value where a list is expected */
			return;
		}
		for (i = 0; i < v->u.list.n; i++)
			visit_child(w, v->u.list.items[i], NULL, i, next);
		return;
	}
	if (v->kind != VALUE_MAP)
		return;
	cut = rest[len];
	rest[len] = '\0';
	child = value_map_get(v, rest);
	if (child)
		visit_child(w, child, rest, 0, next);
	rest[len] = cut;
}

void model_rule_walk(struct model_set *ms, const struct model_rule *r,
		     const struct value *props, model_rule_fn fn, void *ctx)
{
	struct walk w = { ms, r, props, fn, ctx, STRBUF_INIT };
	char small[128], *path;
	size_t len;

	if (!props || !r->path)
		return;
	len = strlen(r->path);
	/* the path's copy: on the stack when it fits (rule paths are a few
	 * segments), else on the heap */
	path = len < sizeof(small) ? memcpy(small, r->path, len + 1) : xstrdup(r->path);
	visit(&w, props, path);
	if (path != small)
		free(path);
	strbuf_release(&w.path);
}

/* ---- Messages ---- */

char *model_rule_expand(const char *text, const struct model_rule_vars *vars)
{
	const char *values[] = { vars->value, vars->logical_id, vars->property, vars->region,
				 vars->account, vars->partition, vars->target_arn,
				 vars->object_key, vars->resource_arn, vars->target_region };
	struct strbuf sb = STRBUF_INIT;
	const char *p = text;

	while (*p) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		size_t i, len = close ? (size_t)(close - p - 1) : 0;

		for (i = 0; close && placeholders[i]; i++)
			if (strlen(placeholders[i]) == len && !strncmp(p + 1, placeholders[i], len))
				break;
		if (close && placeholders[i] && values[i]) {
			strbuf_addstr(&sb, values[i]);
			p = close + 1;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- Parameter rules ---- */

/* Strips "prefix...>" from *type when it has that form. */
static bool unwrap(char **type, const char *prefix)
{
	size_t plen = strlen(prefix), len = strlen(*type);
	char *inner;

	if (len <= plen + 1 || strncmp(*type, prefix, plen) || (*type)[len - 1] != '>')
		return false;
	inner = xstrndup(*type + plen, len - plen - 1);
	free(*type);
	*type = inner;
	return true;
}

const struct model_rule *model_parameter_rule(struct model_set *ms, const char *param_type,
					      bool *is_list, bool *via_ssm,
					      struct diag_list *dl)
{
	char *type = xstrdup(param_type);
	const struct model_rule *found = NULL;
	size_t d, i;

	*via_ssm = unwrap(&type, "AWS::SSM::Parameter::Value<");
	*is_list = unwrap(&type, "List<");
	for (d = 0; d < ms->n_dirs && !found; d++) {
		struct model_overlay *ov = model_overlay_get(ms, d, "parameters", dl);

		for (i = 0; i < ov->n_rules && !found; i++)
			if (!strcmp(ov->rules[i].parameter_type, type))
				found = &ov->rules[i];
	}
	free(type);
	return found;
}
