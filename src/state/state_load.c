/*
 * state_load.c - reading the account-state file (SPEC section 2).
 *
 * Strict on purpose: every key is checked against the format, types against
 * the models (when checks are supplied), account ids and regions against
 * their syntax and the region table, and File: paths against the state
 * file's folder.  Each problem is a FILE:LINE:COLUMN error; all of them are
 * reported, then the load fails.
 */
#include "state/state_impl.h"
#include "aws/regions.h"
#include "load/load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct loader {
	struct state *st;
	const struct state_options *opt;
	struct diag_list *dl;
	char *real_dir;  /* realpath of the state file's folder */
	int errors;      /* errors reported */
};

static void error(struct loader *ld, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error(struct loader *ld, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
	ld->errors++;
}

static bool expect_kind(struct loader *ld, const struct value *v, enum value_kind kind,
			const char *what)
{
	if (v->kind == kind)
		return true;
	error(ld, v->pos, "%s must be a %s, not a %s", what, value_kind_name(kind),
	      value_kind_name(v->kind));
	return false;
}

static bool valid_account_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s < '0' || *s > '9')
			return false;
	return n == 12;
}

static bool check_account(struct loader *ld, const char *id, struct srcpos pos)
{
	if (valid_account_id(id))
		return true;
	error(ld, pos, "\"%s\" is not an account id (12 digits)", id);
	return false;
}

static bool check_region(struct loader *ld, const char *code, struct srcpos pos)
{
	const struct region_info *r = region_find(code);

	if (!r) {
		error(ld, pos, "unknown region \"%s\"", code);
		return false;
	}
	if (strcmp(r->partition, ld->st->partition)) {
		error(ld, pos, "region %s is in partition %s, not %s", code, r->partition,
		      ld->st->partition);
		return false;
	}
	return true;
}

static bool valid_type_syntax(const char *t)
{
	int parts = 1;
	const char *p;

	for (p = t; *p; p++) {
		if (p[0] == ':' && p[1] == ':') {
			parts++;
			p++;
			if (!p[1] || p[1] == ':')
				return false;
		} else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9'))) {
			return false;
		}
	}
	return parts == 3 && t[0] != ':';
}

static bool check_type(struct loader *ld, const char *type, struct srcpos pos)
{
	const struct state_checks *c = ld->opt ? ld->opt->checks : NULL;

	if (!valid_type_syntax(type) || (c && c->type_known && c->type_known(c->ctx, type) == 0)) {
		error(ld, pos, "\"%s\" is not a resource type", type);
		return false;
	}
	return true;
}

/* ---- Extra keys (the table is in state_ext.c) ---- */

static void check_string_list(struct loader *ld, const struct value *v, const char *what)
{
	if (!expect_kind(ld, v, VALUE_LIST, what))
		return;
	VALUE_LIST_FOREACH(v, it)
		if (!value_scalar_text(*it))
			error(ld, (*it)->pos, "%s entries must be strings", what);
}

/* Checks a File: path and replaces it with its real path. */
static void check_object_file(struct loader *ld, struct value *file)
{
	const char *rel = value_str(file);
	char *joined, *real;
	struct stat st;
	size_t n;

	if (!rel || !*rel) {
		error(ld, file->pos, "File must be a path relative to the state file");
		return;
	}
	if (rel[0] == '/' && !ld->opt->allow_outside) {
		error(ld, file->pos, "File %s: absolute paths are not allowed (the file must be inside "
		      "the state file's folder; --allow-outside lifts this)", rel);
		return;
	}
	joined = rel[0] == '/' ? xstrdup(rel) : xstrfmt("%s/%s", ld->st->dir, rel);
	real = realpath(joined, NULL);
	if (!real) {
		error(ld, file->pos, "File %s: %s", rel, strerror(errno));
		free(joined);
		return;
	}
	n = strlen(ld->real_dir);
	if (!ld->opt->allow_outside &&
	    !(strncmp(real, ld->real_dir, n) == 0 && (real[n] == '/' || real[n] == '\0'))) {
		struct stat lst;
		bool link = lstat(joined, &lst) == 0 && S_ISLNK(lst.st_mode);
		error(ld, file->pos, "File %s %s the state file's folder (--allow-outside lifts this)",
		      rel, link || !strstr(rel, "..") ? "follows a symlink out of" : "leaves");
	} else if (stat(real, &st) < 0 || !S_ISREG(st.st_mode)) {
		error(ld, file->pos, "File %s is not a regular file", rel);
	} else {
		value_string_set(file, real);
		real = NULL;
	}
	free(real);
	free(joined);
}

static void check_objects(struct loader *ld, struct value *objects)
{
	size_t i;

	if (!expect_kind(ld, objects, VALUE_MAP, "Objects"))
		return;
	for (i = 0; i < objects->u.map.n; i++) {
		struct value_entry *e = &objects->u.map.entries[i];
		size_t k;

		if (e->val->kind == VALUE_NULL) {
			struct srcpos pos = e->val->pos;
			value_map_set(objects, e->key, value_map(pos));
		}
		if (!expect_kind(ld, e->val, VALUE_MAP, "an object"))
			continue;
		for (k = 0; k < e->val->u.map.n; k++) {
			struct value_entry *f = &e->val->u.map.entries[k];
			if (strcmp(f->key, "File"))
				error(ld, f->key_pos, "unknown key \"%s\" in object %s (expected File)",
				      f->key, e->key);
			else
				check_object_file(ld, f->val);
		}
	}
}

/* ---- Resources ---- */

static void check_properties(struct loader *ld, const char *type, struct value *props)
{
	const struct state_checks *c = ld->opt ? ld->opt->checks : NULL;
	size_t i;

	for (i = 0; i < props->u.map.n; i++) {
		struct value_entry *e = &props->u.map.entries[i];
		const char *owner = NULL;
		int extra = state_extra_key(e->key, type, &owner);
		int known = c && c->property_known ? c->property_known(c->ctx, type, e->key) : -1;

		if (extra == 1) {
			if (!strcmp(e->key, "Objects"))
				check_objects(ld, e->val);
			else
				ld->errors += state_check_extra(e->key, e->val, ld->dl);
		} else if (extra == 0 && known != 1) {
			error(ld, e->key_pos, "%s is only for %s, not %s", e->key, owner, type);
		} else if (known == 0) {
			error(ld, e->key_pos, "%s has no property \"%s\"", type, e->key);
		}
	}
}

static void load_type(struct loader *ld, const char *account, const char *region,
		      const char *type, struct value *ids)
{
	size_t i;

	if (!expect_kind(ld, ids, VALUE_MAP, type))
		return;
	for (i = 0; i < ids->u.map.n; i++) {
		struct value_entry *e = &ids->u.map.entries[i];
		struct value *props;

		if (e->val->kind == VALUE_NULL) {
			struct srcpos pos = e->val->pos;
			value_map_set(ids, e->key, value_map(pos));
		}
		if (!expect_kind(ld, e->val, VALUE_MAP, "a resource's properties"))
			continue;
		check_properties(ld, type, e->val);
		if (!strcmp(type, "AWS::S3::Bucket")) {
			const struct state_res *other = state_find_bucket(ld->st, e->key);
			if (other) {
				error(ld, e->key_pos, "bucket name %s is already used at %s:%u:%u (S3 names "
				      "are unique across the partition)", e->key,
				      srcfile_name(other->pos.file), other->pos.line, other->pos.col);
				continue;
			}
		}
		props = value_copy(e->val); /* the state takes the properties */
		value_map_set(ids, e->key, value_null(props->pos));
		state_add(ld->st, account, region, type, e->key, props, NULL, e->key_pos);
	}
}

static void load_exports(struct loader *ld, const char *account, const char *region,
			 const struct value *exports)
{
	if (!expect_kind(ld, exports, VALUE_MAP, "exports"))
		return;
	VALUE_MAP_FOREACH(exports, e) {
		const char *text = value_scalar_text(e->val);

		if (e->val->kind == VALUE_LIST)
			text = NULL;
		if (!text) {
			error(ld, e->val->pos, "export %s must have a string value", e->key);
			continue;
		}
		state_add_export(ld->st, account, region, e->key, value_string(e->val->pos, text), NULL);
	}
}

static const char *const stack_statuses[] = {
	"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE",
	"IMPORT_ROLLBACK_COMPLETE", "CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS",
	"ROLLBACK_FAILED", "ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_FAILED",
	"UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_FAILED",
	"UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED",
	"UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "REVIEW_IN_PROGRESS",
	"IMPORT_IN_PROGRESS", "IMPORT_ROLLBACK_IN_PROGRESS", "IMPORT_ROLLBACK_FAILED", NULL,
};

static bool known_status(const char *s)
{
	const char *const *p;

	for (p = stack_statuses; *p; p++)
		if (!strcmp(*p, s))
			return true;
	return false;
}

static void load_stacks(struct loader *ld, const char *account, const char *region,
			struct value *stacks)
{
	size_t i;

	if (!expect_kind(ld, stacks, VALUE_MAP, "stacks"))
		return;
	for (i = 0; i < stacks->u.map.n; i++) {
		struct value_entry *e = &stacks->u.map.entries[i];
		const char *status = "CREATE_COMPLETE";
		struct value *outputs = NULL;

		if (e->val->kind != VALUE_MAP && e->val->kind != VALUE_NULL) {
			error(ld, e->val->pos, "stack %s must be a map {status: ..., outputs: {...}}", e->key);
			continue;
		}
		VALUE_MAP_FOREACH(e->val, k) {
			if (!strcmp(k->key, "status")) {
				status = value_str(k->val);
				if (!status || !known_status(status)) {
					error(ld, k->val->pos, "unknown stack status (expected a CloudFormation "
					      "status such as CREATE_COMPLETE)");
					status = "CREATE_COMPLETE";
				}
			} else if (!strcmp(k->key, "outputs")) {
				if (expect_kind(ld, k->val, VALUE_MAP, "outputs"))
					outputs = value_copy(k->val);
			} else {
				error(ld, k->key_pos, "unknown key \"%s\" in stack %s (expected status or outputs)",
				      k->key, e->key);
			}
		}
		state_add_stack(ld->st, account, region, e->key, status, outputs);
	}
}

static void load_quotas(struct loader *ld, const char *account, const char *region,
			const struct value *quotas)
{
	if (!expect_kind(ld, quotas, VALUE_MAP, "quotas"))
		return;
	VALUE_MAP_FOREACH(quotas, e) {
		if (!state_named_quota(e->key) && !check_type(ld, e->key, e->key_pos))
			continue;
		long quota;

		if (!value_whole_number(e->val, &quota)) {
			error(ld, e->val->pos, "the quota for %s must be a whole number", e->key);
			continue;
		}
		state_set_quota(ld->st, account, region, e->key, quota);
	}
}

/* A region's map, or the account's global map (region ""). */
static void load_scope(struct loader *ld, const char *account, const char *region,
		       struct value *scope)
{
	size_t i;

	if (!expect_kind(ld, scope, VALUE_MAP, *region ? region : "global"))
		return;
	for (i = 0; i < scope->u.map.n; i++) {
		struct value_entry *e = &scope->u.map.entries[i];

		if (strstr(e->key, "::")) {
			if (check_type(ld, e->key, e->key_pos))
				load_type(ld, account, region, e->key, e->val);
		} else if (*region && !strcmp(e->key, "exports")) {
			load_exports(ld, account, region, e->val);
		} else if (*region && !strcmp(e->key, "stacks")) {
			load_stacks(ld, account, region, e->val);
		} else if (*region && !strcmp(e->key, "quotas")) {
			load_quotas(ld, account, region, e->val);
		} else {
			error(ld, e->key_pos, "unknown key \"%s\" in %s (expected a resource type%s)",
			      e->key, *region ? region : "global",
			      *region ? ", exports, stacks or quotas" : "");
		}
	}
}

static void load_account(struct loader *ld, const char *id, struct value *acct)
{
	struct state_account *a = state_account_get(ld->st, id, true);
	size_t i;

	if (acct->kind == VALUE_NULL)
		return;
	if (!expect_kind(ld, acct, VALUE_MAP, "an account"))
		return;
	for (i = 0; i < acct->u.map.n; i++) {
		struct value_entry *e = &acct->u.map.entries[i];

		if (!strcmp(e->key, "enabled_regions")) {
			a->has_enabled_regions = true;
			if (!expect_kind(ld, e->val, VALUE_LIST, "enabled_regions"))
				continue;
			VALUE_LIST_FOREACH(e->val, it) {
				const char *code = value_str(*it);
				if (!code)
					error(ld, (*it)->pos, "enabled_regions entries must be region codes");
				else if (check_region(ld, code, (*it)->pos))
					strlist_add_unique(&a->enabled_regions, code);
			}
		} else if (!strcmp(e->key, "organization")) {
			ld->errors += state_load_organization(a, e->val, ld->dl);
		} else if (!strcmp(e->key, "global")) {
			load_scope(ld, id, "", e->val);
		} else if (!strcmp(e->key, "regions")) {
			if (!expect_kind(ld, e->val, VALUE_MAP, "regions"))
				continue;
			for (size_t k = 0; k < e->val->u.map.n; k++) {
				struct value_entry *r = &e->val->u.map.entries[k];
				if (check_region(ld, r->key, r->key_pos))
					load_scope(ld, id, r->key, r->val);
			}
		} else {
			error(ld, e->key_pos, "unknown key \"%s\" in account %s (expected enabled_regions, "
			      "organization, global or regions)", e->key, id);
		}
	}
}

static void load_top(struct loader *ld, struct value *root)
{
	const struct value *v;
	size_t i;

	/* The partition first: regions are checked against it. */
	v = value_map_get(root, "partition");
	if (v) {
		if (!value_is_string(v) || !partition_valid(v->u.string.s))
			error(ld, v->pos, "partition must be aws, aws-cn or aws-us-gov");
		else {
			free(ld->st->partition);
			ld->st->partition = xstrdup(v->u.string.s);
		}
	}
	for (i = 0; i < root->u.map.n; i++) {
		struct value_entry *e = &root->u.map.entries[i];
		const char *text = value_scalar_text(e->val);

		if (!strcmp(e->key, "partition")) {
			continue;
		} else if (!strcmp(e->key, "account")) {
			if (text && check_account(ld, text, e->val->pos))
				ld->st->default_account = xstrdup(text);
			else if (!text)
				error(ld, e->val->pos, "account must be a 12-digit account id");
		} else if (!strcmp(e->key, "region")) {
			if (text && check_region(ld, text, e->val->pos))
				ld->st->default_region = xstrdup(text);
			else if (!text)
				error(ld, e->val->pos, "region must be a region code");
		} else if (!strcmp(e->key, "s3_names_taken")) {
			check_string_list(ld, e->val, "s3_names_taken");
			if (e->val->kind == VALUE_LIST)
				VALUE_LIST_FOREACH(e->val, it)
					if (value_scalar_text(*it))
						strlist_add_unique(&ld->st->s3_names_taken, value_scalar_text(*it));
		} else if (!strcmp(e->key, "accounts")) {
			if (!expect_kind(ld, e->val, VALUE_MAP, "accounts"))
				continue;
			for (size_t k = 0; k < e->val->u.map.n; k++) {
				struct value_entry *a = &e->val->u.map.entries[k];
				if (check_account(ld, a->key, a->key_pos))
					load_account(ld, a->key, a->val);
			}
		} else {
			error(ld, e->key_pos, "unknown key \"%s\" (expected partition, account, region, "
			      "s3_names_taken or accounts)", e->key);
		}
	}
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

struct state *state_load(const char *path, const struct state_options *o, struct diag_list *dl)
{
	size_t len;
	char *buf = load_read_file(path, LOAD_MAX_BYTES, &len, dl);
	struct state *st = buf ? state_load_buffer(path, buf, len, o, dl) : NULL;

	free(buf);
	return st;
}

struct state *state_load_buffer(const char *path, const char *buf, size_t len,
				const struct state_options *o, struct diag_list *dl)
{
	static const struct state_options defaults = { false, NULL };
	static const struct load_options lopt = { LOAD_AUTO, 0, 0, NULL };
	struct loader ld = { NULL, o ? o : &defaults, dl, NULL, 0 };
	struct value *root = load_buffer(path, buf, len, &lopt, dl);

	if (!root)
		return NULL;
	ld.st = state_new(NULL);
	free(ld.st->dir);
	ld.st->dir = dir_of(path);
	ld.real_dir = realpath(ld.st->dir, NULL);
	if (!ld.real_dir)
		ld.real_dir = xstrdup(ld.st->dir);
	if (root->kind == VALUE_NULL) {
		/* an empty file is an empty account */
	} else if (root->kind != VALUE_MAP) {
		error(&ld, root->pos, "a state file is a map (partition, account, region, "
		      "s3_names_taken, accounts), not a %s", value_kind_name(root->kind));
	} else {
		load_top(&ld, root);
	}
	value_free(root);
	free(ld.real_dir);
	if (ld.errors) {
		state_free(ld.st);
		return NULL;
	}
	return ld.st;
}
