/*
 * template.c - structural validation and indexing of a template.
 *
 * Checks run in the order CloudFormation's validation reports them, and all
 * of them run: every structural problem becomes its own finding.
 */
#include "template/template.h"
#include "template/scan.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const sections[] = {
	"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
	"Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs",
	NULL,
};

/* "Version" is not in today's documentation, but CloudFormation still
 * accepts it: AWS's own sample templates (aws-cloudformation-templates,
 * Solutions/ADConnector) give custom resources Version: "1.0". */
static const char *const resource_attributes[] = {
	"Type", "Properties", "DependsOn", "Condition", "Metadata",
	"CreationPolicy", "UpdatePolicy", "DeletionPolicy", "UpdateReplacePolicy",
	"Version", NULL,
};

static const char *const pseudo_parameters[] = {
	"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", NULL,
};

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

bool template_is_pseudo_parameter(const char *name)
{
	return name[0] == 'A' && in_list(name, pseudo_parameters); /* all are "AWS::..." */
}

bool template_valid_logical_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return n > 0 && n <= TEMPLATE_MAX_LOGICAL_ID;
}

static const struct value *section(const struct value *root, const char *name)
{
	return value_map_get(root, name);
}

/* A transform cfn-dryrun does not expand (SAM, a macro) may consume
 * sections and resource attributes CloudFormation itself does not know:
 * those become warnings.  SAM's Globals section is simply valid. */
static bool transform_may_consume(const struct template *t, const char *key,
				  struct finding *f)
{
	size_t i;

	for (i = 0; i < t->n_transforms; i++) {
		if (!strcmp(t->transforms[i], "AWS::LanguageExtensions"))
			continue;
		if (f) {
			f->severity = SEV_WARNING;
			finding_set_fix(f, "%s is not CloudFormation's own; transform %s must consume it "
				       "before the create", key, t->transforms[i]);
		}
		return true;
	}
	return false;
}

static void check_sections(const struct template *t, struct finding_list *fl)
{
	const struct value *root = t->root, *v;

	VALUE_MAP_FOREACH(root, e) {
		struct finding *f;

		if (in_list(e->key, sections))
			continue;
		if (!strcmp(e->key, "Globals") &&
		    template_has_transform(t, "AWS::Serverless-2016-10-31"))
			continue;
		f = finding_add(fl, FC_UNKNOWN_SECTION, e->key_pos, e->key,
				"Invalid template property or properties [%s]", e->key);
		transform_may_consume(t, e->key, f);
	}
	v = section(root, "AWSTemplateFormatVersion");
	if (v && !(value_is_string(v) && !strcmp(v->u.string.s, "2010-09-09")))
		finding_add(fl, FC_FORMAT_VERSION, v->pos, "AWSTemplateFormatVersion",
			    "Template format error: unsupported value for AWSTemplateFormatVersion.");
}

/* Every named section other than Resources must be a map when present. */
static void check_section_shapes(const struct value *root, struct finding_list *fl)
{
	static const char *const maps[] = { "Parameters", "Mappings", "Conditions",
					    "Outputs", "Rules", "Metadata", NULL };
	const char *const *name;

	for (name = maps; *name; name++) {
		const struct value *v = section(root, *name);
		if (v && v->kind != VALUE_MAP)
			finding_add(fl, FC_TEMPLATE_NOT_MAP, v->pos, *name,
				    "Template format error: %s must be an object, not a %s",
				    *name, value_kind_name(v->kind));
	}
}

/* fmt receives the count and the maximum, in CloudFormation's wording for
 * that section (the sections word it differently). */
static void check_limit(struct finding_list *fl, const struct value *sec,
			const char *fmt, const char *path, size_t max)
{
	size_t n = value_map_len(sec);
	struct finding *f;

	if (n <= max)
		return;
	f = finding_add(fl, FC_TEMPLATE_LIMIT, sec->pos, path, fmt, n, max);
	finding_set_fix(f, "split the template into nested stacks or several stacks "
		       "(at most %zu %s per template)", max, path);
}

static void check_logical_ids(const struct value *sec, const char *path,
			      struct finding_list *fl)
{
	if (!sec || sec->kind != VALUE_MAP)
		return;
	VALUE_MAP_FOREACH(sec, e) {
		if (template_valid_logical_id(e->key))
			continue;
		if (!strncmp(path, "Resources", 9))
			finding_add(fl, FC_BAD_LOGICAL_ID, e->key_pos, path,
				    "Template format error: Resource name %s is non alphanumeric.",
				    e->key);
		else
			finding_add(fl, FC_BAD_LOGICAL_ID, e->key_pos, path,
				    "Template format error: %s name %s is non alphanumeric.",
				    path, e->key);
	}
}

/* "Resources/ID" in path, written on first use (only findings need it). */
static const char *res_path(struct strbuf *path, const char *id)
{
	if (!path->len) {
		strbuf_addstr(path, "Resources/");
		strbuf_addstr(path, id);
	}
	return path->buf;
}

/* A resource attribute's slot in add_resource (by the first letter, then
 * the name): Type, Properties, Condition, DependsOn, another of
 * resource_attributes, or none of them. */
enum attr_slot { AT_TYPE, AT_PROPERTIES, AT_CONDITION, AT_DEPENDS_ON, AT_OTHER, AT_UNKNOWN };

static enum attr_slot attribute_slot(const char *key)
{
	switch (key[0]) {
	case 'T': return !strcmp(key, "Type") ? AT_TYPE : AT_UNKNOWN;
	case 'P': return !strcmp(key, "Properties") ? AT_PROPERTIES : AT_UNKNOWN;
	case 'C':
		if (!strcmp(key, "Condition"))
			return AT_CONDITION;
		return !strcmp(key, "CreationPolicy") ? AT_OTHER : AT_UNKNOWN;
	case 'D':
		if (!strcmp(key, "DependsOn"))
			return AT_DEPENDS_ON;
		return !strcmp(key, "DeletionPolicy") ? AT_OTHER : AT_UNKNOWN;
	default:
		return in_list(key, resource_attributes) ? AT_OTHER : AT_UNKNOWN;
	}
}

static void add_resource(struct template *t, const struct value_entry *e,
			 struct finding_list *fl)
{
	struct tmpl_resource *r = &t->resources[t->n_resources++];
	const struct value *def = e->val, *v, *at[AT_OTHER] = { NULL };
	struct strbuf path = STRBUF_INIT;
	size_t unknown = 0;

	memset(r, 0, sizeof(*r));
	r->logical_id = e->key;
	r->def = def;
	r->pos = e->key_pos;
	if (def->kind != VALUE_MAP) {
		finding_add(fl, FC_RESOURCE_NO_TYPE, def->pos, res_path(&path, e->key),
			    "Template format error: Any Resources member must be an object.");
		strbuf_release(&path);
		return;
	}
	VALUE_MAP_FOREACH(def, a) { /* one pass for what value_map_get found (keys are unique) */
		enum attr_slot slot = attribute_slot(a->key);

		if (slot < AT_OTHER)
			at[slot] = a->val;
		else
			unknown += slot == AT_UNKNOWN;
	}
	v = at[AT_TYPE];
	if (!v)
		finding_add(fl, FC_RESOURCE_NO_TYPE, e->key_pos, res_path(&path, e->key),
			    "Template format error: [/%s] Every Resources object must contain a Type member.",
			    res_path(&path, e->key));
	else if (!value_is_string(v))
		finding_add(fl, FC_RESOURCE_NO_TYPE, v->pos, res_path(&path, e->key),
			    "Template format error: [/%s/Type] Every Type member must be a string.",
			    res_path(&path, e->key));
	else
		r->type = v->u.string.s;
	if (unknown)
		VALUE_MAP_FOREACH(def, a) {
			if (attribute_slot(a->key) == AT_UNKNOWN)
				transform_may_consume(t, a->key,
						      finding_add(fl, FC_RESOURCE_ATTRIBUTE, a->key_pos, res_path(&path, e->key),
								  "Invalid template resource property '%s'", a->key));
		}
	r->properties = at[AT_PROPERTIES];
	v = at[AT_CONDITION];
	r->condition = value_str(v);
	if (v && !r->condition)
		finding_add(fl, FC_CONDITION_NOT_STRING, v->pos, res_path(&path, e->key),
			    "Template format error: Every Condition member must be a string");
	r->depends_on = at[AT_DEPENDS_ON];
	strbuf_release(&path);
}

static void index_resources(struct template *t, struct finding_list *fl)
{
	const struct value *res = t->resources_map;

	if (!res || value_map_len(res) == 0) {
		finding_add(fl, FC_NO_RESOURCES, res ? res->pos : t->root->pos, "Resources",
			    "Template format error: At least one Resources member must be defined.");
		if (!res || res->kind != VALUE_MAP)
			return;
	}
	if (res->kind != VALUE_MAP) {
		finding_add(fl, FC_TEMPLATE_NOT_MAP, res->pos, "Resources",
			    "Template format error: Resources must be an object, not a %s",
			    value_kind_name(res->kind));
		return;
	}
	t->resources = xcalloc(res->u.map.n ? res->u.map.n : 1, sizeof(*t->resources));
	VALUE_MAP_FOREACH(res, e)
		add_resource(t, e, fl);
}

static void index_outputs(struct template *t)
{
	const struct value *out = t->outputs_map;

	if (!out || out->kind != VALUE_MAP)
		return;
	t->outputs = xcalloc(out->u.map.n ? out->u.map.n : 1, sizeof(*t->outputs));
	VALUE_MAP_FOREACH(out, e) {
		struct tmpl_output *o = &t->outputs[t->n_outputs++];
		o->logical_id = e->key;
		o->def = e->val;
		o->pos = e->key_pos;
		o->condition = value_str(value_map_get(e->val, "Condition"));
	}
}

static void index_transforms(struct template *t, struct finding_list *fl)
{
	const struct value *tr = t->transform;
	size_t i;

	if (!tr)
		return;
	if (value_is_string(tr)) {
		t->transforms = xmalloc(sizeof(char *));
		t->transforms[t->n_transforms++] = tr->u.string.s;
		return;
	}
	if (tr->kind != VALUE_LIST) {
		finding_add(fl, FC_TEMPLATE_NOT_MAP, tr->pos, "Transform",
			    "Template format error: Transform must be a string or a list of strings");
		return;
	}
	t->transforms = xcalloc(tr->u.list.n ? tr->u.list.n : 1, sizeof(char *));
	for (i = 0; i < tr->u.list.n; i++) {
		const struct value *item = tr->u.list.items[i];
		const char *name = value_str(item);

		if (!name && item->kind == VALUE_MAP) /* {Name: AWS::Include, Parameters: ..} */
			name = value_str(value_map_get(item, "Name"));
		if (name)
			t->transforms[t->n_transforms++] = name;
		else
			finding_add(fl, FC_TEMPLATE_NOT_MAP, item->pos, "Transform",
				    "Template format error: Transform must be a string or a list of strings");
	}
}

/* A transform other than AWS::LanguageExtensions rewrites the template in
 * ways cfn-dryrun does not reproduce: say so once per transform. */
static void note_unexpanded_transforms(const struct template *t, struct finding_list *fl)
{
	size_t i;

	for (i = 0; i < t->n_transforms; i++) {
		struct finding *f;

		if (!strcmp(t->transforms[i], "AWS::LanguageExtensions"))
			continue;
		f = finding_add(fl, FC_TRANSFORM_NOT_EXPANDED, t->transform->pos, "Transform",
				"Transform %s is expanded by CloudFormation before the create; cfn-dryrun "
				"does not expand it, so what it generates is not simulated",
				t->transforms[i]);
		finding_set_fix(f, "run the transform first (for SAM: sam validate / sam package) and "
			       "check the processed template (aws cloudformation get-template "
			       "--template-stage Processed)");
	}
}

static bool has_any_section(const struct value *root)
{
	VALUE_MAP_FOREACH(root, e)
		if (in_list(e->key, sections))
			return true;
	return false;
}

struct template *template_open(struct value *root, size_t size_bytes,
			       struct finding_list *fl, struct diag_list *dl)
{
	struct template *t;

	if (root->kind != VALUE_MAP || !has_any_section(root)) {
		diag_error(dl, root->pos,
			   root->kind != VALUE_MAP
				   ? "not a CloudFormation template: the top level is a %s, not a map of sections"
				   : "not a CloudFormation template: no Resources, AWSTemplateFormatVersion or other template section%s",
			   root->kind != VALUE_MAP ? value_kind_name(root->kind) : "");
		value_free(root);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->root = root;
	t->file = root->pos.file;
	t->size_bytes = size_bytes;
	t->parameters = section(root, "Parameters");
	t->mappings = section(root, "Mappings");
	t->conditions = section(root, "Conditions");
	t->resources_map = section(root, "Resources");
	t->outputs_map = section(root, "Outputs");
	t->rules = section(root, "Rules");
	t->metadata = section(root, "Metadata");
	t->transform = section(root, "Transform");

	if (size_bytes > TEMPLATE_MAX_BODY_S3)
		finding_add(fl, FC_TEMPLATE_TOO_LARGE, srcpos_make(t->file, 1, 1), NULL,
			    "Template may not exceed %d bytes in size.", TEMPLATE_MAX_BODY_S3);
	index_transforms(t, fl);
	note_unexpanded_transforms(t, fl);
	check_sections(t, fl);
	check_section_shapes(root, fl);
	check_logical_ids(t->resources_map, "Resources", fl);
	check_logical_ids(t->parameters, "Parameters", fl);
	check_logical_ids(t->outputs_map, "Outputs", fl);
	check_logical_ids(t->mappings, "Mappings", fl);
	check_logical_ids(t->conditions, "Conditions", fl);
	if (t->resources_map)
		check_limit(fl, t->resources_map,
			    "Template format error: Number of resources, %zu, is greater than maximum allowed, %zu",
			    "Resources", TEMPLATE_MAX_RESOURCES);
	if (t->parameters)
		check_limit(fl, t->parameters,
			    "Template format error: Parameter count %zu is greater than max allowed %zu",
			    "Parameters", TEMPLATE_MAX_PARAMETERS);
	if (t->outputs_map)
		check_limit(fl, t->outputs_map,
			    "Template format error: Outputs count %zu is greater than max allowed %zu",
			    "Outputs", TEMPLATE_MAX_OUTPUTS);
	if (t->mappings)
		check_limit(fl, t->mappings,
			    "Template format error: Mappings count %zu is greater than max allowed %zu",
			    "Mappings", TEMPLATE_MAX_MAPPINGS);
	index_resources(t, fl);
	index_outputs(t);
	template_scan(t);
	return t;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	template_scan_free(t);
	value_free(t->root);
	free(t->resources);
	free(t->outputs);
	free(t->transforms);
	free(t);
}

long template_resource_index(const struct template *t, const char *id)
{
	const struct value_entry *e;

	if (!t->resources || t->resources_map->kind != VALUE_MAP)
		return -1;
	e = value_map_entry(t->resources_map, id);
	if (!e)
		return -1;
	return (long)(e - t->resources_map->u.map.entries);
}

const struct tmpl_resource *template_resource(const struct template *t, const char *id)
{
	long i = template_resource_index(t, id);

	return i < 0 ? NULL : &t->resources[i];
}

const struct tmpl_ref *template_resource_refs(const struct template *t, size_t i, size_t *n)
{
	size_t end = i + 1 < t->n_resources ? t->resources[i + 1].first_ref : t->n_refs;

	*n = end - t->resources[i].first_ref;
	return *n ? t->refs + t->resources[i].first_ref : NULL;
}

const struct tmpl_ref *template_output_refs(const struct template *t, size_t i, size_t *n)
{
	size_t end = i + 1 < t->n_outputs ? t->outputs[i + 1].first_ref : t->n_out_refs;

	*n = end - t->outputs[i].first_ref;
	return *n ? t->out_refs + t->outputs[i].first_ref : NULL;
}

bool template_has_parameter(const struct template *t, const char *name)
{
	return value_map_get(t->parameters, name) != NULL;
}

bool template_has_transform(const struct template *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_transforms; i++)
		if (!strcmp(t->transforms[i], name))
			return true;
	return false;
}
