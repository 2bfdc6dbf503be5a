/*
 * scenario_load.c - reading the scenario file (SPEC section 3), strictly
 * inside stack entries, leniently at the top level (unknown top-level keys
 * are ignored with a warning, as the SPEC says: tests keep data there).
 */
#include "scenario/scenario.h"
#include "engine/engine.h"
#include "load/load.h"
#include "util/awsid.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct sc_loader {
	struct scenario *sc;
	struct diag_list *dl;
	char *dir;   /* the scenario file's folder */
	int errors;
};

static void error(struct sc_loader *ld, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error(struct sc_loader *ld, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
	ld->errors++;
}

static char *relative_to(const char *dir, const char *path)
{
	if (path[0] == '/' || !strcmp(dir, "."))
		return xstrdup(path);
	return xstrfmt("%s/%s", dir, path);
}

static void add_wire(struct scenario_stack *s, const char *param, const char *from,
		     const char *output, struct srcpos pos)
{
	struct scenario_wire *w;

	s->wires = xrealloc(s->wires, xsize_mul(s->n_wires + 1, sizeof(*s->wires)));
	w = &s->wires[s->n_wires++];
	w->param = param ? xstrdup(param) : NULL;
	w->from = xstrdup(from);
	w->output = xstrdup(output);
	w->pos = pos;
}

static void load_parameters(struct sc_loader *ld, struct scenario_stack *s,
			    const struct value *params)
{
	if (params->kind != VALUE_MAP) {
		error(ld, params->pos, "parameters must be a map of name: value");
		return;
	}
	VALUE_MAP_FOREACH(params, e) {
		const char *text = value_scalar_text(e->val);
		const struct value *from, *output;

		if (text) {
			value_map_add(s->parameters, e->key, e->key_pos, value_string(e->val->pos, text));
			continue;
		}
		if (e->val->kind == VALUE_LIST) {
			/* a list parameter given as a YAML list: CloudFormation takes "a,b" */
			struct strbuf sb = STRBUF_INIT;
			bool ok = true;
			VALUE_LIST_FOREACH(e->val, it) {
				const char *item = value_scalar_text(*it);
				if (!item)
					ok = false;
				else
					strbuf_addf(&sb, "%s%s", sb.len ? "," : "", item);
			}
			if (ok)
				value_map_add(s->parameters, e->key, e->key_pos,
					      value_string_take(e->val->pos, strbuf_detach(&sb, NULL)));
			else
				error(ld, e->val->pos, "parameter %s: list items must be strings", e->key);
			strbuf_release(&sb);
			continue;
		}
		from = value_map_get(e->val, "from");
		output = value_map_get(e->val, "output");
		if (e->val->kind != VALUE_MAP || !value_is_string(from) || !value_is_string(output) ||
		    value_map_len(e->val) != 2) {
			error(ld, e->val->pos, "parameter %s: expected a string or {from: STACK, output: NAME}",
			      e->key);
			continue;
		}
		add_wire(s, e->key, from->u.string.s, output->u.string.s, e->val->pos);
	}
}

static void load_capabilities(struct sc_loader *ld, struct scenario_stack *s,
			      const struct value *caps)
{
	if (caps->kind != VALUE_LIST) {
		error(ld, caps->pos, "capabilities must be a list");
		return;
	}
	VALUE_LIST_FOREACH(caps, it) {
		const char *c = value_str(*it);
		if (c && !strcmp(c, "CAPABILITY_IAM"))
			s->capabilities |= CAP_IAM;
		else if (c && !strcmp(c, "CAPABILITY_NAMED_IAM"))
			s->capabilities |= CAP_NAMED_IAM;
		else if (c && !strcmp(c, "CAPABILITY_AUTO_EXPAND"))
			s->capabilities |= CAP_AUTO_EXPAND;
		else
			error(ld, (*it)->pos, "unknown capability (expected CAPABILITY_IAM, "
			      "CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND)");
	}
}

static bool valid_stack_name(const char *s)
{
	size_t n = 0;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return n <= 128;
}

static void load_stack(struct sc_loader *ld, const struct value *entry, size_t index)
{
	struct scenario_stack *s = &ld->sc->stacks[ld->sc->n_stacks];
	size_t k;

	memset(s, 0, sizeof(*s));
	s->pos = entry->pos;
	s->listed = index;
	s->parameters = value_map(entry->pos);
	if (entry->kind != VALUE_MAP) {
		error(ld, entry->pos, "a stack entry must be a map (name, template, account, region, "
		      "parameters, capabilities)");
		value_free(s->parameters);
		return;
	}
	ld->sc->n_stacks++;
	VALUE_MAP_FOREACH(entry, e) {
		const char *text = value_scalar_text(e->val);

		if (!strcmp(e->key, "name") && value_is_string(e->val)) {
			s->name = xstrdup(text);
			if (!valid_stack_name(text))
				error(ld, e->val->pos, "stack name %s must match [a-zA-Z][-a-zA-Z0-9]* "
				      "(at most 128 characters)", text);
		} else if (!strcmp(e->key, "template") && value_is_string(e->val)) {
			s->template_path = relative_to(ld->dir, text);
		} else if (!strcmp(e->key, "account") && text) {
			s->account = xstrdup(text);
			if (!awsid_is_account(text))
				error(ld, e->val->pos, "account %s is not a 12-digit account id (quote it: "
				      "\"012345678901\")", text);
		} else if (!strcmp(e->key, "region") && value_is_string(e->val)) {
			s->region = xstrdup(text);
			if (!awsid_is_region(text))
				error(ld, e->val->pos, "region %s is not a region code such as us-east-1",
				      text);
		} else if (!strcmp(e->key, "parameters")) {
			load_parameters(ld, s, e->val);
		} else if (!strcmp(e->key, "capabilities")) {
			load_capabilities(ld, s, e->val);
		} else if (!strcmp(e->key, "name") || !strcmp(e->key, "template") ||
			   !strcmp(e->key, "account") || !strcmp(e->key, "region")) {
			error(ld, e->val->pos, "%s must be a string", e->key);
		} else {
			error(ld, e->key_pos, "unknown key \"%s\" in a stack entry (expected name, "
			      "template, account, region, parameters or capabilities)", e->key);
		}
	}
	s->n_param_wires = s->n_wires;
	if (!s->name)
		error(ld, entry->pos, "a stack entry needs a name");
	if (!s->template_path)
		error(ld, entry->pos, "a stack entry needs a template");
	/* names are unique in a scenario: {from: NAME} must name one stack */
	for (k = 0; s->name && k + 1 < ld->sc->n_stacks; k++)
		if (ld->sc->stacks[k].name && !strcmp(ld->sc->stacks[k].name, s->name))
			error(ld, entry->pos, "stack %s is listed twice (stack names are unique in a "
			      "scenario)", s->name);
}

static bool valid_variant_name(const char *s)
{
	if (!*s || *s == '-' || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* variants: {NAME: STATE-FILE, ...}: the same stacks against each state. */
static void load_variants(struct sc_loader *ld, const struct value *v)
{
	struct scenario *sc = ld->sc;

	if (v->kind != VALUE_MAP || !value_map_len(v)) {
		error(ld, v->pos, "variants must be a map of variant name: state file");
		return;
	}
	sc->variants = xcalloc(value_map_len(v), sizeof(*sc->variants));
	VALUE_MAP_FOREACH(v, e) {
		struct scenario_variant *var;

		if (!valid_variant_name(e->key)) {
			error(ld, e->key_pos, "variant name \"%s\" must be letters, digits, '-', '_' "
			      "or '.'", e->key);
			continue;
		}
		if (!value_is_string(e->val)) {
			error(ld, e->val->pos, "variant %s: expected the path of its state file", e->key);
			continue;
		}
		var = &sc->variants[sc->n_variants++];
		var->name = xstrdup(e->key);
		var->state_path = relative_to(ld->dir, e->val->u.string.s);
		var->pos = e->key_pos;
	}
}

static void load_top(struct sc_loader *ld, struct value *root)
{
	const struct value *stacks = value_map_get(root, "stacks");
	size_t i;
	long day;

	VALUE_MAP_FOREACH(root, e) {
		const char *text = value_scalar_text(e->val);

		if (!strcmp(e->key, "name")) {
			if (text)
				ld->sc->name = xstrdup(text);
		} else if (!strcmp(e->key, "state")) {
			if (value_is_string(e->val))
				ld->sc->state_path = relative_to(ld->dir, text);
			else
				error(ld, e->val->pos, "state must be a path");
		} else if (!strcmp(e->key, "date")) {
			if (text && date_parse(text, &day))
				ld->sc->date = xstrdup(text);
			else
				error(ld, e->val->pos, "date must be YYYY-MM-DD");
		} else if (!strcmp(e->key, "expect")) {
			if (e->val->kind == VALUE_MAP)
				ld->sc->expect = value_copy(e->val);
			else
				error(ld, e->val->pos, "expect must be a map of stack name: expectations");
		} else if (!strcmp(e->key, "variants")) {
			load_variants(ld, e->val);
		} else if (strcmp(e->key, "stacks")) {
			diag_warning(ld->dl, e->key_pos, "ignoring unknown top-level key \"%s\"", e->key);
		}
	}
	if (value_map_get(root, "state") && value_map_get(root, "variants"))
		error(ld, value_map_get(root, "variants")->pos, "a scenario gives either state: or "
		      "variants:, not both (each variant names its own state)");
	if (!stacks || stacks->kind != VALUE_LIST || !stacks->u.list.n) {
		error(ld, stacks ? stacks->pos : root->pos, "a scenario needs a non-empty stacks: list");
		return;
	}
	if (stacks->u.list.n > SCENARIO_MAX_STACKS) {
		error(ld, stacks->pos, "a scenario holds at most %d stacks", SCENARIO_MAX_STACKS);
		return;
	}
	ld->sc->stacks = xcalloc(stacks->u.list.n, sizeof(*ld->sc->stacks));
	for (i = 0; i < stacks->u.list.n; i++)
		load_stack(ld, stacks->u.list.items[i], i);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
}

struct scenario *scenario_load(const char *path, struct diag_list *dl)
{
	static const struct load_options opt = { LOAD_AUTO, 0, 0, NULL };
	struct sc_loader ld = { NULL, dl, NULL, 0 };
	struct value *root = load_file(path, &opt, dl);

	if (!root)
		return NULL;
	ld.sc = xcalloc(1, sizeof(*ld.sc));
	ld.sc->root = root;
	ld.dir = dir_of(path);
	if (root->kind != VALUE_MAP)
		error(&ld, root->pos, "a scenario file is a map (name, state, date, stacks, expect, "
		      "variants)");
	else
		load_top(&ld, root);
	free(ld.dir);
	if (ld.errors) {
		scenario_free(ld.sc);
		return NULL;
	}
	return ld.sc;
}

void scenario_free(struct scenario *sc)
{
	size_t i, k;

	if (!sc)
		return;
	for (i = 0; i < sc->n_stacks; i++) {
		struct scenario_stack *s = &sc->stacks[i];
		free(s->name);
		free(s->template_path);
		free(s->account);
		free(s->region);
		value_free(s->parameters);
		for (k = 0; k < s->n_wires; k++) {
			free(s->wires[k].param);
			free(s->wires[k].from);
			free(s->wires[k].output);
		}
		free(s->wires);
		strlist_free(&s->exports);
	}
	free(sc->stacks);
	for (i = 0; i < sc->n_variants; i++) {
		free(sc->variants[i].name);
		free(sc->variants[i].state_path);
	}
	free(sc->variants);
	free(sc->order);
	free(sc->name);
	free(sc->state_path);
	free(sc->date);
	value_free(sc->expect);
	value_free(sc->root);
	free(sc);
}
