/*
 * scenario_run.c - deploying a scenario's stacks in order against an
 * account state, wiring outputs into parameters; once per variant, then
 * the comparison of the variants.
 */
#include "scenario/scenario.h"
#include "compare/compare.h"
#include "engine/engine.h"
#include "engine/typecheck.h"
#include "state/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

const struct scenario_stack *scenario_stack_named(const struct scenario *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->n_stacks; i++)
		if (!strcmp(sc->stacks[i].name, name))
			return &sc->stacks[i];
	return NULL;
}

void scenario_describe_needs(const struct scenario_stack *s, const char *from, struct strbuf *sb)
{
	size_t k, n = 0, n_out = 0, i = 0;

	for (k = 0; k < s->n_wires; k++)
		if (!strcmp(s->wires[k].from, from)) {
			n++;
			n_out += s->wires[k].param != NULL;
		}
	if (n > 1 && (n_out == n || n_out == 0))
		strbuf_addstr(sb, n_out ? "outputs " : "exports ");
	for (k = 0; k < s->n_wires; k++) {
		const struct scenario_wire *w = &s->wires[k];
		if (strcmp(w->from, from))
			continue;
		strbuf_addstr(sb, i == 0 ? "" : i + 1 == n ? " and " : ", ");
		if (n == 1 || (n_out != n && n_out != 0))
			strbuf_addstr(sb, w->param ? "output " : "export ");
		strbuf_addstr(sb, w->output);
		i++;
	}
}

/* Notes where the listed order puts s before a stack it needs (one finding
 * per stack it needs, at its first wire). */
static void note_order(const struct scenario *sc, const struct scenario_stack *s,
		       struct finding_list *preset)
{
	struct strlist noted = { NULL, 0, 0 };
	size_t k;

	for (k = 0; k < s->n_wires; k++) {
		const struct scenario_wire *w = &s->wires[k];
		const struct scenario_stack *from = scenario_stack_named(sc, w->from);
		struct strbuf what = STRBUF_INIT;
		struct finding *f;

		if (!from || from->listed < s->listed || strlist_has(&noted, w->from))
			continue;
		strlist_add(&noted, w->from);
		scenario_describe_needs(s, w->from, &what);
		if (s->listed == 0)
			f = finding_add(preset, FC_SCENARIO_ORDER, w->pos, NULL,
					"stack %s is listed first but needs %s of %s", s->name, what.buf,
					w->from);
		else
			f = finding_add(preset, FC_SCENARIO_ORDER, w->pos, NULL,
					"stack %s is listed before %s but needs %s of %s", s->name,
					w->from, what.buf, w->from);
		finding_set_fix(f, "deploy %s before %s (cfn-dryrun already simulates them in that order)",
				w->from, s->name);
		strbuf_release(&what);
	}
	strlist_free(&noted);
}

/* Where the stacks of a run go when they name no account or region. */
struct defaults {
	const char *account, *region; /* borrowed */
};

/* Fills params with the wired values; adds findings for stacks it waits on.
 * Returns true when a stack it waits on fails or is blocked. */
static bool wire(const struct scenario *sc, const struct scenario_stack *s,
		 const struct run_result *out, const char *label, const struct state *state,
		 const struct defaults *def, struct value *params, struct finding_list *preset)
{
	struct strlist waited = { NULL, 0, 0 };
	bool blocked = false;
	size_t k;

	for (k = 0; k < s->n_wires; k++) {
		const struct scenario_wire *w = &s->wires[k];
		const struct scenario_stack *from = scenario_stack_named(sc, w->from);
		const struct stack_result *r = result_find_stack(out, label, w->from);
		const struct state_stack *deployed;
		const struct value *v;
		struct finding *f;

		if (r && (r->verdict == VERDICT_FAIL || r->verdict == VERDICT_BLOCKED)) {
			blocked = true;
			if (strlist_has(&waited, w->from))
				continue; /* one finding per stack waited on */
			strlist_add(&waited, w->from);
			f = finding_add(preset, FC_SCENARIO_BLOCKED, w->pos, NULL,
					"stack %s waits on stack %s, which %s", s->name, w->from,
					r->verdict == VERDICT_FAIL ? "fails" : "is blocked");
			finding_set_fix(f, "fix stack %s first", w->from);
			continue;
		}
		if (!w->param)
			continue; /* an import: the resolver reads the export from the state */
		deployed = state_find_stack(state, from->account ? from->account : def->account,
					    from->region ? from->region : def->region, w->from);
		v = deployed ? value_map_get(deployed->outputs, w->output) : NULL;
		if (!v) {
			f = finding_add(preset, FC_SCENARIO_OUTPUT, w->pos, NULL,
					"stack %s has no output %s (needed for parameter %s of stack %s)",
					w->from, w->output, w->param, s->name);
			finding_set_fix(f, "add output %s to stack %s's template, or wire another output",
					w->output, w->from);
			/* the finding says it: no second "must have values" for the parameter */
			value_map_set(params, w->param, value_unknown(w->pos, "stack %s has no output %s",
								      w->from, w->output));
			continue;
		}
		value_map_set(params, w->param, value_copy(v));
	}
	strlist_free(&waited);
	return blocked;
}

size_t scenario_n_runs(const struct scenario *sc)
{
	return sc->n_variants ? sc->n_variants : 1;
}

const char *scenario_run_label(const struct scenario *sc, size_t i)
{
	return i < sc->n_variants ? sc->variants[i].name : NULL;
}

struct state *scenario_load_state(const struct scenario *sc, size_t i,
				  const struct scenario_run_options *o, struct diag_list *dl)
{
	struct state_options so = { o->allow_outside, NULL };
	struct state_checks checks;
	const char *path = i < sc->n_variants ? sc->variants[i].state_path : sc->state_path;

	if (!path)
		return state_new(NULL);
	if (o->models) {
		typecheck_state_checks(o->models, &checks);
		so.checks = &checks;
	}
	return state_load(path, &so, dl);
}

int scenario_run_state(struct scenario *sc, const struct scenario_run_options *o,
		       struct state *state, const char *label, struct run_result *out,
		       struct diag_list *dl)
{
	struct defaults def;
	size_t k;
	int rc = 0;

	def.account = state_default_account(state) ? state_default_account(state) : "123456789012";
	def.region = state_default_region(state) ? state_default_region(state) : "us-east-1";
	if (scenario_order(sc, def.account, def.region, state_partition(state), dl) < 0)
		return -1;
	for (k = 0; k < sc->n_stacks && rc == 0; k++) {
		const struct scenario_stack *s = &sc->stacks[sc->order[k]];
		struct finding_list preset = { NULL, 0, 0 };
		struct value *params = value_copy(s->parameters);
		size_t before = out->n_stacks;
		struct deploy d;

		note_order(sc, s, &preset);
		memset(&d, 0, sizeof(d));
		d.stack_name = s->name;
		d.account = s->account ? s->account : def.account;
		d.region = s->region ? s->region : def.region;
		d.capabilities = s->capabilities;
		d.date = o->date ? o->date : sc->date ? sc->date : o->today;
		d.show_resolved = o->show_resolved;
		d.blocked = wire(sc, s, out, label, state, &def, params, &preset);
		d.parameters = params;
		d.preset = &preset;
		d.models = o->models;
		if (engine_check_file(s->template_path, &d, state, out, dl) < 0)
			rc = -1;
		else if (label && out->n_stacks > before)
			out->stacks[before].variant = xstrdup(label);
		finding_list_free(&preset);
		value_free(params);
	}
	return rc;
}

int scenario_run(struct scenario *sc, const struct scenario_run_options *o,
		 struct run_result *out, struct diag_list *dl)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < scenario_n_runs(sc) && rc == 0; i++) {
		struct state *state = scenario_load_state(sc, i, o, dl);

		if (!state)
			return -1;
		rc = scenario_run_state(sc, o, state, scenario_run_label(sc, i), out, dl);
		state_free(state);
	}
	if (rc == 0 && sc->n_variants > 1)
		compare_results(out);
	return rc;
}
