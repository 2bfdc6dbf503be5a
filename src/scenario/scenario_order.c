/*
 * scenario_order.c - the deployment order a scenario's wiring requires.
 *
 * Wires come from parameters {from: STACK, output: NAME} and from
 * Fn::ImportValue of an export that another stack of the scenario declares
 * in the same account and region (export and import names are read
 * statically: a string, or an Fn::Sub/Fn::Join of strings and the pseudo
 * parameters AWS::StackName, AWS::Region, AWS::AccountId, AWS::Partition).
 * The order keeps the listed order wherever the wiring allows it.
 */
#include "scenario/scenario.h"
#include "load/load.h"
#include "template/sub.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct where {
	const char *stack, *account, *region, *partition; /* borrowed */
};

/* The text v evaluates to without deploying anything (new), or NULL. */
static char *static_text(const struct value *v, const struct where *w)
{
	const char *fn = value_intrinsic_name(v);
	struct strbuf sb = STRBUF_INIT;
	const struct value *arg;
	struct sub_parts parts;
	size_t i;

	if (value_is_string(v))
		return xstrdup(v->u.string.s);
	if (!fn)
		return NULL;
	arg = v->u.map.entries[0].val;
	if (!strcmp(fn, "Fn::Sub") && value_is_string(arg)) {
		sub_parse(arg->u.string.s, &parts);
		for (i = 0; i < parts.n; i++) {
			const struct sub_part *p = &parts.items[i];
			const char *val = p->kind == SUB_LITERAL ? p->text
				: !strcmp(p->text, "AWS::StackName") ? w->stack
				: !strcmp(p->text, "AWS::Region") ? w->region
				: !strcmp(p->text, "AWS::AccountId") ? w->account
				: !strcmp(p->text, "AWS::Partition") ? w->partition : NULL;
			if (!val || (p->kind == SUB_VAR && p->attr)) {
				sub_parts_free(&parts);
				strbuf_release(&sb);
				return NULL;
			}
			strbuf_addstr(&sb, val);
		}
		sub_parts_free(&parts);
		return strbuf_detach(&sb, NULL);
	}
	if (!strcmp(fn, "Fn::Join") && value_list_len(arg) == 2 &&
	    value_is_string(value_list_get(arg, 0)) &&
	    value_list_get(arg, 1)->kind == VALUE_LIST) {
		const struct value *items = value_list_get(arg, 1);
		for (i = 0; i < items->u.list.n; i++) {
			char *part = static_text(items->u.list.items[i], w);
			if (!part) {
				strbuf_release(&sb);
				return NULL;
			}
			if (i)
				strbuf_addstr(&sb, value_list_get(arg, 0)->u.string.s);
			strbuf_addstr(&sb, part);
			free(part);
		}
		return strbuf_detach(&sb, NULL);
	}
	if (!strcmp(fn, "Ref") && value_is_string(arg)) {
		const char *name = arg->u.string.s;
		const char *val = !strcmp(name, "AWS::StackName") ? w->stack
			: !strcmp(name, "AWS::Region") ? w->region
			: !strcmp(name, "AWS::AccountId") ? w->account : NULL;
		return val ? xstrdup(val) : NULL;
	}
	return NULL;
}

/* Calls fn for each Fn::ImportValue under v (depth bounded by the loader). */
static void each_import(const struct value *v, void (*fn)(void *ctx, const struct value *arg),
			void *ctx)
{
	const char *name = value_intrinsic_name(v);
	size_t i;

	if (name && !strcmp(name, "Fn::ImportValue")) {
		fn(ctx, v->u.map.entries[0].val);
		return;
	}
	if (v->kind == VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			each_import(v->u.list.items[i], fn, ctx);
	else if (v->kind == VALUE_MAP)
		for (i = 0; i < v->u.map.n; i++)
			each_import(v->u.map.entries[i].val, fn, ctx);
}

struct import_ctx {
	struct scenario *sc;
	size_t self;
	struct where where;
	const char *const *accounts, *const *regions; /* per stack, after defaults */
};

static void on_import(void *ctx, const struct value *arg)
{
	struct import_ctx *ic = ctx;
	struct scenario_stack *me = &ic->sc->stacks[ic->self];
	char *name = static_text(arg, &ic->where);
	size_t k;

	if (!name)
		return; /* not static: the resolver judges it at run time */
	for (k = 0; k < ic->sc->n_stacks; k++) {
		struct scenario_stack *other = &ic->sc->stacks[k];
		if (k == ic->self || !strlist_has(&other->exports, name) ||
		    strcmp(ic->accounts[k], ic->accounts[ic->self]) ||
		    strcmp(ic->regions[k], ic->regions[ic->self]))
			continue;
		me->wires = xrealloc(me->wires, xsize_mul(me->n_wires + 1, sizeof(*me->wires)));
		me->wires[me->n_wires].param = NULL;
		me->wires[me->n_wires].from = xstrdup(other->name);
		me->wires[me->n_wires].output = xstrdup(name);
		me->wires[me->n_wires].pos = arg->pos;
		me->n_wires++;
		break;
	}
	free(name);
}

static struct value *load_template(const char *path, struct diag_list *dl)
{
	static const struct load_options opt = { LOAD_AUTO, 0, 1, NULL };

	return load_file(path, &opt, dl);
}

static long stack_index(const struct scenario *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->n_stacks; i++)
		if (!strcmp(sc->stacks[i].name, name))
			return (long)i;
	return -1;
}

/* deps[i]: the stacks stack i waits for (indexes, each once). */
struct deps {
	size_t *items; /* owned */
	size_t n;
};

static void build_deps(const struct scenario *sc, struct deps *deps)
{
	size_t i, k, j;

	for (i = 0; i < sc->n_stacks; i++) {
		const struct scenario_stack *s = &sc->stacks[i];
		deps[i].items = xcalloc(s->n_wires ? s->n_wires : 1, sizeof(size_t));
		for (k = 0; k < s->n_wires; k++) {
			long from = stack_index(sc, s->wires[k].from);
			bool seen = false;
			if (from < 0 || (size_t)from == i)
				continue;
			for (j = 0; j < deps[i].n; j++)
				seen |= deps[i].items[j] == (size_t)from;
			if (!seen)
				deps[i].items[deps[i].n++] = (size_t)from;
		}
	}
}

/* reach[i * n + j]: stack i waits, directly or not, for stack j, through
 * stacks not placed yet (a breadth-first walk from each: no recursion). */
static bool *reachability(const struct scenario *sc, const struct deps *deps, const bool *placed)
{
	size_t n = sc->n_stacks, i, head, tail, k;
	bool *reach = xcalloc(xsize_mul(n, n), sizeof(bool));
	size_t *queue = xcalloc(n + 1, sizeof(size_t)); /* i may come back once */

	for (i = 0; i < n; i++) {
		if (placed[i])
			continue;
		head = tail = 0;
		queue[tail++] = i;
		while (head < tail) {
			size_t cur = queue[head++];
			for (k = 0; k < deps[cur].n; k++) {
				size_t next = deps[cur].items[k];
				if (placed[next] || reach[i * n + next])
					continue;
				reach[i * n + next] = true;
				queue[tail++] = next;
			}
		}
	}
	free(queue);
	return reach;
}

/* One error per cycle, naming every stack in it (and only those: a stack
 * that merely waits for a cycle is not in it) and the wires that close it. */
static void report_cycles(struct scenario *sc, const struct deps *deps, const bool *placed,
			  struct diag_list *dl)
{
	size_t n = sc->n_stacks, i, j, k;
	bool *reach = reachability(sc, deps, placed);
	bool *reported = xcalloc(n, sizeof(bool));

	for (i = 0; i < n; i++) {
		struct strbuf names = STRBUF_INIT, why = STRBUF_INIT;
		struct srcpos pos = SRCPOS_NONE;

		if (placed[i] || reported[i] || !reach[i * n + i])
			continue;
		for (j = i; j < n; j++) {
			const struct scenario_stack *s = &sc->stacks[j];
			if (placed[j] || !reach[i * n + j] || !reach[j * n + i])
				continue;
			reported[j] = true;
			strbuf_addf(&names, "%s%s", names.len ? ", " : "", s->name);
			for (k = 0; k < s->n_wires; k++) {
				long from = stack_index(sc, s->wires[k].from);
				if (from < 0 || placed[from] || !reach[(size_t)from * n + i] ||
				    !reach[i * n + (size_t)from])
					continue;
				if (!pos.line)
					pos = s->wires[k].pos;
				strbuf_addf(&why, "%s%s needs %s %s of %s", why.len ? "; " : "", s->name,
					    s->wires[k].param ? "output" : "export", s->wires[k].output,
					    s->wires[k].from);
			}
		}
		diag_error(dl, pos, "stacks wired in a cycle: [%s] (%s)", names.buf, why.buf);
		strbuf_release(&names);
		strbuf_release(&why);
	}
	free(reported);
	free(reach);
}

/* Places every stack whose stacks it waits for are placed, the first listed
 * first; returns -1 (after reporting the cycles) when some cannot be. */
static int place(struct scenario *sc, struct diag_list *dl)
{
	size_t n = sc->n_stacks, i, k, n_placed = 0;
	struct deps *deps = xcalloc(n, sizeof(*deps));
	bool *placed = xcalloc(n, sizeof(bool));
	int rc = 0;

	build_deps(sc, deps);
	free(sc->order);
	sc->order = xcalloc(n, sizeof(size_t));
	while (n_placed < n) {
		bool progress = false;
		for (i = 0; i < n && !progress; i++) {
			bool ready = !placed[i];
			for (k = 0; ready && k < deps[i].n; k++)
				ready = placed[deps[i].items[k]];
			if (ready) {
				placed[i] = true;
				sc->order[n_placed++] = i;
				progress = true;
			}
		}
		if (!progress) {
			report_cycles(sc, deps, placed, dl);
			rc = -1;
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(deps[i].items);
	free(deps);
	free(placed);
	return rc;
}

/* Forgets the import wires and exports an earlier call found. */
static void reset(struct scenario *sc)
{
	size_t i, k;

	for (i = 0; i < sc->n_stacks; i++) {
		struct scenario_stack *s = &sc->stacks[i];
		for (k = s->n_param_wires; k < s->n_wires; k++) {
			free(s->wires[k].param);
			free(s->wires[k].from);
			free(s->wires[k].output);
		}
		s->n_wires = s->n_param_wires;
		strlist_free(&s->exports);
	}
}

int scenario_order(struct scenario *sc, const char *default_account,
		   const char *default_region, const char *partition, struct diag_list *dl)
{
	const char **accounts = xcalloc(sc->n_stacks, sizeof(char *));
	const char **regions = xcalloc(sc->n_stacks, sizeof(char *));
	struct value **templates = xcalloc(sc->n_stacks, sizeof(struct value *));
	size_t i, k;
	int rc = 0;

	reset(sc);
	for (i = 0; i < sc->n_stacks; i++) {
		struct scenario_stack *s = &sc->stacks[i];
		const struct value *outputs;
		struct where w;

		accounts[i] = s->account ? s->account : default_account;
		regions[i] = s->region ? s->region : default_region;
		templates[i] = load_template(s->template_path, dl);
		if (!templates[i]) {
			rc = -1;
			continue;
		}
		w = (struct where){ s->name, accounts[i], regions[i], partition };
		outputs = value_map_get(templates[i], "Outputs");
		if (outputs && outputs->kind == VALUE_MAP)
			VALUE_MAP_FOREACH(outputs, e) {
				char *name = static_text(value_map_get(value_map_get(e->val, "Export"), "Name"), &w);
				if (name)
					strlist_add_unique(&s->exports, name);
				free(name);
			}
		for (k = 0; k < s->n_wires; k++) {
			long from = stack_index(sc, s->wires[k].from);
			if (from < 0 || (size_t)from == i) {
				diag_error(dl, s->wires[k].pos, "parameter %s of stack %s comes from %s, %s",
					   s->wires[k].param, s->name, s->wires[k].from,
					   from < 0 ? "which is not a stack of this scenario"
						    : "the stack itself");
				rc = -1;
			}
		}
	}
	for (i = 0; rc == 0 && i < sc->n_stacks; i++) {
		struct import_ctx ic = { sc, i, { sc->stacks[i].name, accounts[i], regions[i], partition },
					 accounts, regions };
		each_import(templates[i], on_import, &ic);
	}
	if (rc == 0)
		rc = place(sc, dl);
	for (i = 0; i < sc->n_stacks; i++)
		value_free(templates[i]);
	free(templates);
	free(accounts);
	free(regions);
	return rc;
}
