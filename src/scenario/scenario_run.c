/*
 * scenario_run.c - deploying a scenario's stacks in order against one
 * account state, wiring outputs into parameters, and comparing the result
 * with the expect: block.
 */
#include "scenario/scenario.h"
#include "engine/engine.h"
#include "engine/typecheck.h"
#include "state/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct stack_result *result_of(const struct run_result *out, const char *name)
{
	size_t i;

	for (i = 0; i < out->n_stacks; i++)
		if (!strcmp(out->stacks[i].stack, name))
			return &out->stacks[i];
	return NULL;
}

static const struct scenario_stack *stack_named(const struct scenario *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->n_stacks; i++)
		if (!strcmp(sc->stacks[i].name, name))
			return &sc->stacks[i];
	return NULL;
}

/* Notes where the listed order puts s before a stack it needs. */
static void note_order(const struct scenario *sc, const struct scenario_stack *s,
		       struct finding_list *preset)
{
	size_t k;

	for (k = 0; k < s->n_wires; k++) {
		const struct scenario_wire *w = &s->wires[k];
		const struct scenario_stack *from = stack_named(sc, w->from);
		struct finding *f;

		if (!from || from->listed < s->listed)
			continue;
		if (s->listed == 0)
			f = finding_add(preset, FC_SCENARIO_ORDER, w->pos, NULL,
					"stack %s is listed first but needs %s %s of %s", s->name,
					w->param ? "output" : "export", w->output, w->from);
		else
			f = finding_add(preset, FC_SCENARIO_ORDER, w->pos, NULL,
					"stack %s is listed before %s but needs %s %s of %s", s->name,
					w->from, w->param ? "output" : "export", w->output, w->from);
		finding_set_fix(f, "deploy %s before %s (cfn-dryrun already simulates them in that order)",
				w->from, s->name);
	}
}

/* Fills params with the wired values; adds findings for stacks it waits on.
 * Returns true when a stack it waits on fails or is blocked. */
static bool wire(const struct scenario *sc, const struct scenario_stack *s,
		 const struct run_result *out, const struct state *state,
		 const char *default_account, const char *default_region,
		 struct value *params, struct finding_list *preset)
{
	struct strlist waited = { NULL, 0, 0 };
	bool blocked = false;
	size_t k;

	for (k = 0; k < s->n_wires; k++) {
		const struct scenario_wire *w = &s->wires[k];
		const struct scenario_stack *from = stack_named(sc, w->from);
		const struct stack_result *r = result_of(out, w->from);
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
		deployed = state_find_stack(state, from->account ? from->account : default_account,
					    from->region ? from->region : default_region, w->from);
		v = deployed ? value_map_get(deployed->outputs, w->output) : NULL;
		if (!v) {
			f = finding_add(preset, FC_SCENARIO_OUTPUT, w->pos, NULL,
					"stack %s has no output %s (needed for parameter %s of stack %s)",
					w->from, w->output, w->param, s->name);
			finding_set_fix(f, "add output %s to stack %s's template, or wire another output",
					w->output, w->from);
			continue;
		}
		value_map_set(params, w->param, value_copy(v));
	}
	strlist_free(&waited);
	return blocked;
}

int scenario_run(const struct scenario *sc, const struct scenario_run_options *o,
		 struct run_result *out, struct diag_list *dl)
{
	struct state_options so = { o->allow_outside, NULL };
	struct state_checks checks;
	struct state *state;
	const char *account, *region;
	size_t k;
	int rc = 0;

	if (o->models) {
		typecheck_state_checks(o->models, &checks);
		so.checks = &checks;
	}
	state = sc->state_path ? state_load(sc->state_path, &so, dl) : state_new(NULL);
	if (!state)
		return -1;
	account = state_default_account(state) ? state_default_account(state) : "123456789012";
	region = state_default_region(state) ? state_default_region(state) : "us-east-1";
	if (scenario_order((struct scenario *)sc, account, region, state_partition(state), dl) < 0) {
		state_free(state);
		return -1;
	}
	for (k = 0; k < sc->n_stacks && rc == 0; k++) {
		const struct scenario_stack *s = &sc->stacks[sc->order[k]];
		struct finding_list preset = { NULL, 0, 0 };
		struct value *params = value_copy(s->parameters);
		struct deploy d;

		note_order(sc, s, &preset);
		memset(&d, 0, sizeof(d));
		d.stack_name = s->name;
		d.account = s->account ? s->account : account;
		d.region = s->region ? s->region : region;
		d.capabilities = s->capabilities;
		d.date = o->date ? o->date : sc->date ? sc->date : o->today;
		d.show_resolved = o->show_resolved;
		d.blocked = wire(sc, s, out, state, account, region, params, &preset);
		d.parameters = params;
		d.preset = &preset;
		d.models = o->models;
		if (engine_check_file(s->template_path, &d, state, out, dl) < 0)
			rc = -1;
		finding_list_free(&preset);
		value_free(params);
	}
	state_free(state);
	return rc;
}

/* ---- expect: ---- */

static void mismatch(struct diag_list *dl, struct srcpos pos, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void mismatch(struct diag_list *dl, struct srcpos pos, size_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
	(*n)++;
}

static void check_resources(const struct stack_result *r, const struct value *want,
			    struct diag_list *dl, size_t *n)
{
	if (want->kind != VALUE_MAP) {
		mismatch(dl, want->pos, n, "resources: expected a map of logical id: status");
		return;
	}
	VALUE_MAP_FOREACH(want, e) {
		const char *status = value_str(e->val);
		const struct res_result *res = NULL;
		size_t i;

		for (i = 0; i < r->n_resources; i++)
			if (!strcmp(r->resources[i].logical_id, e->key))
				res = &r->resources[i];
		if (!res)
			mismatch(dl, e->key_pos, n, "stack %s has no resource %s", r->stack, e->key);
		else if (!status || strcmp(status, result_status_name(res->status)))
			mismatch(dl, e->val->pos, n, "resource %s of stack %s: expected %s, predicted %s",
				 e->key, r->stack, status ? status : "(not a status)",
				 result_status_name(res->status));
	}
}

size_t scenario_check_expect(const struct scenario *sc, const struct run_result *out,
			     struct diag_list *dl)
{
	size_t n = 0;

	if (!sc->expect)
		return 0;
	VALUE_MAP_FOREACH(sc->expect, e) {
		const struct stack_result *r = result_of(out, e->key);

		if (!r) {
			mismatch(dl, e->key_pos, &n, "expect names stack %s, which the scenario does not deploy",
				 e->key);
			continue;
		}
		if (e->val->kind != VALUE_MAP) {
			mismatch(dl, e->val->pos, &n, "expected {verdict: ..., resources: {...}} for stack %s",
				 e->key);
			continue;
		}
		VALUE_MAP_FOREACH(e->val, x) {
			const char *v = value_str(x->val);

			if (!strcmp(x->key, "verdict")) {
				if (!v || strcmp(v, result_verdict_name(r->verdict)))
					mismatch(dl, x->val->pos, &n, "stack %s: expected verdict %s, predicted %s",
						 e->key, v ? v : "(not a verdict)",
						 result_verdict_name(r->verdict));
			} else if (!strcmp(x->key, "resources")) {
				check_resources(r, x->val, dl, &n);
			} else {
				mismatch(dl, x->key_pos, &n, "unknown expectation \"%s\" (expected verdict or "
					 "resources)", x->key);
			}
		}
	}
	return n;
}
