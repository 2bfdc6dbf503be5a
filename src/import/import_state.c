/*
 * import_state.c - placing imported resources in the state tree, ARNs,
 * and checking the shape of the AWS CLI's JSON.
 */
#include "import/import_int.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void import_error(struct import_ctx *c, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(c->dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

struct value *import_child(struct value *map, const char *key)
{
	const struct value *v = value_map_get(map, key);
	struct value *child;

	if (v)
		return v->kind == VALUE_MAP ? (struct value *)v : NULL;
	child = value_map(SRCPOS_NONE);
	value_map_set(map, key, child);
	return child;
}

struct value *import_region(struct import_ctx *c, const char *account, const char *region)
{
	struct value *acct = import_child(import_child(c->state, "accounts"), account);

	return import_child(import_child(acct, "regions"), region);
}

struct value *import_global(struct import_ctx *c, const char *account)
{
	return import_child(import_child(import_child(c->state, "accounts"), account), "global");
}

struct value *import_resource(struct value *scope, const char *type, const char *id)
{
	return import_child(import_child(scope, type), id);
}

struct value *import_find_bucket(struct import_ctx *c, const char *account, const char *name)
{
	const struct value *regions = value_map_get(value_map_get(value_map_get(c->state,
						"accounts"), account), "regions");

	if (!regions)
		return NULL;
	VALUE_MAP_FOREACH(regions, e) {
		const struct value *b = value_map_get(value_map_get(e->val, "AWS::S3::Bucket"), name);

		if (b)
			return (struct value *)b;
	}
	return NULL;
}

bool import_parse_arn(const char *s, struct import_arn *a)
{
	const char *f[5];
	const char *p = s;
	int i;

	memset(a, 0, sizeof(*a));
	if (!s || strncmp(s, "arn:", 4))
		return false;
	/* f[0] partition, f[1] service, f[2] region, f[3] account, f[4] resource */
	for (i = 0, p = s + 4; i < 5; i++) {
		f[i] = p;
		if (i < 4) {
			p = strchr(p, ':');
			if (!p)
				return false;
			p++;
		}
	}
	a->partition = xstrndup(f[0], (size_t)(f[1] - f[0] - 1));
	a->region = xstrndup(f[2], (size_t)(f[3] - f[2] - 1));
	a->account = xstrndup(f[3], (size_t)(f[4] - f[3] - 1));
	if (!*a->partition) {
		import_arn_free(a);
		return false;
	}
	return true;
}

void import_arn_free(struct import_arn *a)
{
	free(a->partition);
	free(a->region);
	free(a->account);
	memset(a, 0, sizeof(*a));
}

int import_where(struct import_ctx *c, const struct import_file *f, const char *arn,
		 struct srcpos pos, bool need_region, struct import_arn *parsed,
		 const char **account, const char **region)
{
	bool have_arn = import_parse_arn(arn, parsed);

	*account = have_arn && *parsed->account ? parsed->account
		   : f->account ? f->account : c->account;
	*region = have_arn && *parsed->region ? parsed->region
		  : f->region ? f->region : c->region;
	if (!*account) {
		import_error(c, pos, "%s: the output does not say which account it was taken in: "
			     "give --account ID, or name the file %s.ACCOUNT.json", f->path,
			     f->cmd->name);
		return -1;
	}
	if (need_region && !*region) {
		import_error(c, pos, "%s: the output does not say which region it was taken in: "
			     "give --region R, or name the file %s.REGION.json", f->path,
			     f->cmd->name);
		return -1;
	}
	return 0;
}

const char *import_str(const struct value *item, const char *key)
{
	return value_str(value_map_get(item, key));
}

int import_list(struct import_ctx *c, const struct import_file *f, const char *key,
		bool optional, const struct value **list)
{
	const struct value *v;

	*list = NULL;
	if (f->root->kind != VALUE_MAP) {
		import_error(c, f->root->pos, "expected the output of `%s` (a JSON object), not a %s",
			     f->cmd->cli, value_kind_name(f->root->kind));
		return -1;
	}
	v = value_map_get(f->root, key);
	if (!v) {
		if (optional)
			return 0;
		import_error(c, f->root->pos, "expected the output of `%s`: it has no \"%s\"",
			     f->cmd->cli, key);
		return -1;
	}
	if (v->kind != VALUE_LIST) {
		import_error(c, v->pos, "\"%s\" should be a list in the output of `%s`, not a %s",
			     key, f->cmd->cli, value_kind_name(v->kind));
		return -1;
	}
	VALUE_LIST_FOREACH(v, it)
		if ((*it)->kind != VALUE_MAP) {
			import_error(c, (*it)->pos, "each item of \"%s\" should be an object, not a %s",
				     key, value_kind_name((*it)->kind));
			return -1;
		}
	*list = v;
	return 0;
}

int import_need(struct import_ctx *c, const struct value *item, const char *const keys[])
{
	size_t i;

	for (i = 0; keys[i]; i++) {
		const struct value *v = value_map_get(item, keys[i]);

		if (!value_is_string(v) || !*v->u.string.s) {
			import_error(c, v ? v->pos : item->pos, "%s \"%s\"",
				     v ? "expected a non-empty string in" : "missing", keys[i]);
			return -1;
		}
	}
	return 0;
}
