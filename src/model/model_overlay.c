/*
 * model_overlay.c - the hand-written half of the models: overlay/SERVICE.yaml
 * files, one per service and directory, loaded with the first type of
 * their service and checked key by key (a typo is an error with its
 * position, never a silently ignored fact).
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The keys a type entry may have, with the kind of value each takes. */
static const struct {
	const char *key;
	enum value_kind kind;
} fact_keys[] = {
	{ "name", VALUE_MAP },                 /* {property: P, scope: region|account|partition} */
	{ "ref", VALUE_STRING },               /* what Ref returns, a value template */
	{ "arn", VALUE_STRING },               /* the ARN pattern, a value template */
	{ "id", VALUE_STRING },                /* the id the state keys it by, when not its name or Ref */
	{ "generated_name", VALUE_MAP },       /* {lower: bool, max: N} */
	{ "attributes", VALUE_MAP },           /* GetAtt name -> value template */
	{ "extra_attributes", VALUE_LIST },    /* GetAtt names the schema does not list */
	{ "attribute_prefixes", VALUE_LIST },  /* "Outputs." : any attribute below it */
	{ "getatt_all_properties", VALUE_BOOL },/* GetAtt accepts every property */
	{ "schema_ignore", VALUE_LIST },       /* JSON pointers of constraints not to judge */
	{ "state_only", VALUE_BOOL },          /* describes account state, not a template type */
	{ "schema", VALUE_MAP },               /* the schema of a type with no generated model */
	{ "note", VALUE_STRING },              /* for maintainers */
};

char *model_overlay_service(const char *type)
{
	const char *a = strstr(type, "::"), *b = a ? strstr(a + 2, "::") : NULL;
	char *s, *p;

	if (!a || !b)
		return NULL;
	s = xstrfmt("%.*s-%.*s", (int)(a - type), type, (int)(b - a - 2), a + 2);
	for (p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static int check_name(const char *type, const struct value *v, struct diag_list *dl)
{
	const struct value *scope = value_map_get(v, "scope");
	int rc = 0;

	VALUE_MAP_FOREACH(v, e) {
		if (strcmp(e->key, "property") && strcmp(e->key, "scope")) {
			diag_error(dl, e->key_pos, "%s: name: unknown key '%s' (property, scope)",
				   type, e->key);
			rc = -1;
		}
	}
	if (!value_is_string(value_map_get(v, "property"))) {
		diag_error(dl, v->pos, "%s: name: 'property' must be a string", type);
		rc = -1;
	}
	if (scope && !(value_is_string(scope) &&
		       (!strcmp(scope->u.string.s, "region") || !strcmp(scope->u.string.s, "account") ||
			!strcmp(scope->u.string.s, "partition")))) {
		diag_error(dl, scope->pos, "%s: name: scope must be region, account or partition",
			   type);
		rc = -1;
	}
	return rc;
}

/* A value template must use known placeholders only. */
static int check_template(const char *type, const char *key, const struct value *v,
			  struct diag_list *dl)
{
	const char *bad;
	size_t len;

	if (model_template_check(v->u.string.s, &bad, &len) == 0)
		return 0;
	diag_error(dl, v->pos, "%s: %s: unknown placeholder {%.*s}", type, key, (int)len, bad);
	return -1;
}

static int check_strings(const char *type, const char *key, const struct value *v,
			 struct diag_list *dl)
{
	int rc = 0;

	if (v->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(v, it)
			if (!value_is_string(*it)) {
				diag_error(dl, (*it)->pos, "%s: %s: every item must be a string", type, key);
				rc = -1;
			}
	} else {
		VALUE_MAP_FOREACH(v, e)
			if (!value_is_string(e->val)) {
				diag_error(dl, e->val->pos, "%s: %s: %s must be a string template", type,
					   key, e->key);
				rc = -1;
			} else {
				rc |= check_template(type, e->key, e->val, dl);
			}
	}
	return rc;
}

int model_overlay_check_facts(const char *type, const struct value *facts, struct diag_list *dl)
{
	size_t i;
	int rc = 0;

	if (facts->kind != VALUE_MAP) {
		diag_error(dl, facts->pos, "%s: expected a map of facts", type);
		return -1;
	}
	VALUE_MAP_FOREACH(facts, e) {
		for (i = 0; i < sizeof(fact_keys) / sizeof(fact_keys[0]); i++)
			if (!strcmp(e->key, fact_keys[i].key))
				break;
		if (i == sizeof(fact_keys) / sizeof(fact_keys[0])) {
			diag_error(dl, e->key_pos, "%s: unknown key '%s'", type, e->key);
			rc = -1;
			continue;
		}
		if (e->val->kind != fact_keys[i].kind) {
			diag_error(dl, e->val->pos, "%s: %s must be a %s, not a %s", type, e->key,
				   value_kind_name(fact_keys[i].kind), value_kind_name(e->val->kind));
			rc = -1;
			continue;
		}
		if (!strcmp(e->key, "name"))
			rc |= check_name(type, e->val, dl);
		else if (!strcmp(e->key, "ref") || !strcmp(e->key, "arn") || !strcmp(e->key, "id"))
			rc |= check_template(type, e->key, e->val, dl);
		else if (e->val->kind == VALUE_LIST || !strcmp(e->key, "attributes"))
			rc |= check_strings(type, e->key, e->val, dl);
	}
	return rc ? -1 : 0;
}

/* Checks the two sections of an overlay file; every type and rule must
 * belong to the file's service, or lazy loading would never find it. */
int model_overlay_check(const char *service, const struct value *doc,
			struct model_rule **out, size_t *n_out, struct diag_list *dl)
{
	const struct value *types, *rules;
	size_t i;
	int rc = 0;

	if (doc->kind != VALUE_MAP) {
		diag_error(dl, doc->pos, "an overlay file is a map with 'types' and 'rules'");
		return -1;
	}
	VALUE_MAP_FOREACH(doc, e)
		if (strcmp(e->key, "types") && strcmp(e->key, "rules")) {
			diag_error(dl, e->key_pos, "unknown key '%s' (types, rules)", e->key);
			rc = -1;
		}
	types = value_map_get(doc, "types");
	if (types && types->kind != VALUE_MAP) {
		diag_error(dl, types->pos, "'types' must be a map of type name -> facts");
		rc = -1;
	} else if (types) {
		VALUE_MAP_FOREACH(types, e) {
			char *svc = model_overlay_service(e->key);
			if (!svc || strcmp(svc, service)) {
				diag_error(dl, e->key_pos, "%s does not belong in %s.yaml", e->key,
					   service);
				rc = -1;
			}
			free(svc);
			rc |= model_overlay_check_facts(e->key, e->val, dl);
		}
	}
	rules = value_map_get(doc, "rules");
	if (rules && model_rules_parse(rules, out, n_out, dl) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i < *n_out; i++) {
		const struct model_rule *r = &(*out)[i];
		char *svc = r->resource_type ? model_overlay_service(r->resource_type) : NULL;
		bool params = !strcmp(service, "parameters");

		if (params ? r->resource_type != NULL : (!svc || strcmp(svc, service))) {
			diag_error(dl, r->pos, "rule %s: %s", r->id,
				   params ? "parameters.yaml holds parameter rules only"
					  : "its resource type belongs in another overlay file");
			rc = -1;
		}
		free(svc);
	}
	return rc ? -1 : 0;
}

/* Opens DIR/compiled/overlay.dat once; false when it is absent or
 * damaged (every service is then read from its YAML). */
static bool compiled_open(struct model_dir *d)
{
	char *path, *buf;
	size_t len;

	if (d->compiled_state)
		return d->compiled_state > 0;
	d->compiled_state = -1;
	path = xstrfmt("%s/compiled/overlay.dat", d->path);
	buf = model_compiled_read(path, &len);
	if (buf && model_compiled_open(&d->compiled, buf, len) == 0)
		d->compiled_state = 1;
	else if (buf)
		model_compiled_close(&d->compiled);
	free(path);
	return d->compiled_state > 0;
}

/* Decodes the records of type (kind 'T' into the types map, 'R' into the
 * rules; the trees in the set's arena), once per type; every type when
 * type is NULL (parameters). */
static void compiled_load_type(struct model_set *ms, struct model_overlay *ov,
			       const char *type, struct diag_list *dl)
{
	char *p = ov->cbody, *end = ov->cbody + ov->clen;
	const char *key = type ? type : "";
	struct value *types = (struct value *)value_map_get(ov->doc, "types");
	struct value *rules;
	struct model_compiled_rec rec;
	size_t tlen = strlen(key);
	int more;

	if (value_map_get(ov->kept, key))
		return;
	rules = value_list(SRCPOS_NONE);
	while ((more = model_compiled_next(&p, end, &rec)) > 0) {
		struct value *v;

		if (type && (rec.type_len != tlen || memcmp(rec.type, type, tlen)))
			continue;
		if (!ms->arena)
			ms->arena = value_arena_new();
		if (!(v = model_compiled_decode(rec.enc, rec.len, ov->file, ms->arena)))
			break;
		if (rec.kind == 'R') {
			value_list_append(rules, v);
		} else if (rec.kind != 'T' || !type) {
			value_free(v);
			break;
		} else if (!value_map_add(types, type, v->pos, v)) {
			break;
		}
	}
	value_map_add(ov->kept, key, SRCPOS_NONE, rules);
	if (more != 0 || model_rules_parse(rules, &ov->rules, &ov->n_rules, dl) < 0) {
		diag_error(dl, SRCPOS_NONE, "%s/compiled/overlay.dat: the records of %s are "
			   "damaged (run make, or delete the file)", ms->dirs[ov->dir].path,
			   ov->service);
		ov->failed = true;
		free(ov->rules);
		ov->rules = NULL;
		ov->n_rules = 0;
	}
}

/* Reads overlay/SERVICE.yaml at path: the compiled records when they were
 * made from these very bytes, else the YAML parsed and checked. */
static void overlay_read(struct model_set *ms, struct model_overlay *ov, const char *path,
			 struct diag_list *dl)
{
	struct model_dir *d = &ms->dirs[ov->dir];
	const struct model_compiled_service *cs =
		compiled_open(d) ? model_compiled_find(&d->compiled, ov->service) : NULL;
	size_t len;
	char *buf;

	if (!cs) {
		ov->doc = load_file(path, NULL, dl);
	} else if ((buf = load_read_file(path, 0, &len, dl))) {
		if (model_compiled_hash(buf, len) == cs->hash) {
			ov->file = srcfile_add(path);
			ov->cbody = d->compiled.buf + cs->offset;
			ov->clen = cs->len;
			ov->doc = value_map(srcpos_make(ov->file, 1, 1));
			value_map_add(ov->doc, "types", srcpos_make(ov->file, 1, 1),
				      value_map(srcpos_make(ov->file, 1, 1)));
			ov->kept = value_map(SRCPOS_NONE);
			if (!strcmp(ov->service, "parameters"))
				compiled_load_type(ms, ov, NULL, dl);
			free(buf);
			return;
		}
		ov->doc = load_buffer(path, buf, len, NULL, dl);
		free(buf);
	}
	if (!ov->doc || model_overlay_check(ov->service, ov->doc, &ov->rules, &ov->n_rules, dl) < 0) {
		ov->failed = true;
		free(ov->rules);
		ov->rules = NULL;
		ov->n_rules = 0;
	}
}

struct model_overlay *model_overlay_get(struct model_set *ms, size_t dir, const char *service,
					struct diag_list *dl)
{
	struct model_overlay *ov;
	struct stat st;
	char *path;
	size_t i;

	for (i = 0; i < ms->n_overlays; i++)
		if (ms->overlays[i].dir == dir && !strcmp(ms->overlays[i].service, service))
			return &ms->overlays[i];
	XGROW(ms->overlays, ms->cap_overlays, ms->n_overlays + 1);
	ov = &ms->overlays[ms->n_overlays++];
	memset(ov, 0, sizeof(*ov));
	ov->service = xstrdup(service);
	ov->dir = dir;
	path = xstrfmt("%s/overlay/%s.yaml", ms->dirs[dir].path, service);
	if (stat(path, &st) == 0)
		overlay_read(ms, ov, path, dl);
	free(path);
	return ov;
}

const struct value *model_overlay_facts(struct model_set *ms, const char *type,
					struct diag_list *dl)
{
	char *service = model_overlay_service(type);
	const struct value *found = NULL;
	size_t i;

	if (!service)
		return NULL;
	for (i = 0; i < ms->n_dirs; i++) {
		struct model_overlay *ov = model_overlay_get(ms, i, service, dl);
		const struct value *f;

		if (ov->cbody && !ov->failed)
			compiled_load_type(ms, ov, type, dl);
		if (ov->failed || !ov->doc)
			continue;
		f = value_map_get(value_map_get(ov->doc, "types"), type);
		if (f && !found)
			found = f;
	}
	free(service);
	return found;
}
