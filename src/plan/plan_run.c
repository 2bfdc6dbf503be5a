/*
 * plan_run.c - the two kinds of plan: a single template against one state
 * (plan TEMPLATE), and a scenario's stacks against each variant's state
 * (plan SCENARIO), whose deploy steps say which outputs they wait for.
 */
#include "plan/plan_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The number (1-based) of the step that deploys stack, or 0. */
static size_t deploy_number(const struct plan *p, const char *stack)
{
	size_t i;

	for (i = 0; i < p->n_steps; i++)
		if (p->steps[i].kind == PLAN_STEP_DEPLOY && !strcmp(p->steps[i].id, stack))
			return i + 1;
	return 0;
}

/* "Deploy stack app in 111111111111 us-east-1 (template.yaml)" (no period). */
static void deploy_words(struct strbuf *sb, const struct stack_result *s)
{
	strbuf_addf(sb, "Deploy stack %s in %s %s", s->stack, s->account, s->region);
	if (s->template_file)
		strbuf_addf(sb, " (%s)", s->template_file);
}

/* Why the deploy step comes where it does when nothing is wired into it. */
static char *after_prereqs(const struct plan *p, size_t number)
{
	size_t first = number - 1;

	while (first > 0 && p->steps[first - 1].kind == PLAN_STEP_PREREQ)
		first--;
	if (first + 1 == number)
		return NULL;
	if (first + 2 == number)
		return xstrfmt("step %zu puts in place what it needs.", first + 1);
	return xstrfmt("steps %zu-%zu put in place what it needs.", first + 1, number - 1);
}

/* ---- plan TEMPLATE ---- */

static struct state *template_load(void *ctx, struct diag_list *dl)
{
	const struct plan_template *pt = ctx;

	return pt->state_path ? state_load(pt->state_path, pt->state_opts, dl) : state_new(NULL);
}

static int template_run(void *ctx, struct state *state, struct run_result *out,
			struct diag_list *dl)
{
	const struct plan_template *pt = ctx;

	return engine_check_file(pt->path, pt->d, state, out, dl);
}

static void template_deploy(void *ctx, const struct stack_result *s, const struct plan *p,
			    struct plan_step *step)
{
	struct strbuf sb = STRBUF_INIT;

	(void)ctx;
	deploy_words(&sb, s);
	strbuf_addch(&sb, '.');
	step->text = strbuf_detach(&sb, NULL);
	step->why = after_prereqs(p, p->n_steps);
}

int plan_template(const struct plan_template *pt, struct run_result *out,
		  struct diag_list *dl)
{
	struct plan_runner rn = { (void *)pt, template_load, template_run, template_deploy,
				  pt->d->models };

	return plan_build(&rn, NULL, out, dl);
}

/* ---- plan SCENARIO ---- */

struct scenario_ctx {
	struct scenario *sc;                   /* borrowed */
	const struct scenario_run_options *o;  /* borrowed */
	size_t run;                            /* the variant */
};

static struct state *variant_load(void *ctx, struct diag_list *dl)
{
	struct scenario_ctx *c = ctx;

	return scenario_load_state(c->sc, c->run, c->o, dl);
}

static int scenario_run_one(void *ctx, struct state *state, struct run_result *out,
			    struct diag_list *dl)
{
	struct scenario_ctx *c = ctx;

	return scenario_run_state(c->sc, c->o, state, scenario_run_label(c->sc, c->run), out, dl);
}

/* "outputs A and B of pipeline (step 4)" for each stack wired into ss,
 * the stacks joined with " and "; the stack names go to from. */
static void wired_from(const struct scenario_stack *ss, const struct plan *p, struct strbuf *why,
		       struct strlist *from)
{
	size_t k, j;

	for (k = 0; k < ss->n_wires; k++)
		strlist_add_unique(from, ss->wires[k].from);
	for (j = 0; j < from->n; j++) {
		size_t step = deploy_number(p, from->items[j]);

		strbuf_addstr(why, j ? " and " : "");
		scenario_describe_needs(ss, from->items[j], why);
		strbuf_addf(why, " of %s", from->items[j]);
		if (step)
			strbuf_addf(why, " (step %zu)", step);
	}
}

/* " with A and B from pipeline, C from network": the wired parameters. */
static void with_params(const struct scenario_stack *ss, struct strbuf *text)
{
	struct strlist from = { NULL, 0, 0 };
	size_t k, j, n, i;

	for (k = 0; k < ss->n_wires; k++)
		if (ss->wires[k].param)
			strlist_add_unique(&from, ss->wires[k].from);
	for (j = 0; j < from.n; j++) {
		strbuf_addstr(text, j ? ", " : " with ");
		for (k = n = 0; k < ss->n_wires; k++)
			n += ss->wires[k].param && !strcmp(ss->wires[k].from, from.items[j]);
		for (k = i = 0; k < ss->n_wires; k++) {
			if (!ss->wires[k].param || strcmp(ss->wires[k].from, from.items[j]))
				continue;
			strbuf_addstr(text, i == 0 ? "" : i + 1 == n ? " and " : ", ");
			strbuf_addstr(text, ss->wires[k].param);
			i++;
		}
		strbuf_addf(text, " from %s", from.items[j]);
	}
	strlist_free(&from);
}

static void scenario_deploy(void *ctx, const struct stack_result *s, const struct plan *p,
			    struct plan_step *step)
{
	struct scenario_ctx *c = ctx;
	const struct scenario_stack *ss = scenario_stack_named(c->sc, s->stack);
	struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
	struct strlist from = { NULL, 0, 0 };
	size_t k;

	deploy_words(&text, s);
	if (ss)
		with_params(ss, &text);
	strbuf_addch(&text, '.');
	if (ss && ss->n_wires) {
		strbuf_addstr(&why, "it needs ");
		wired_from(ss, p, &why, &from);
		strbuf_addf(&why, ": %s only once %s", from.n > 1 || ss->n_wires > 1 ? "they exist"
							     : "it exists", from.items[0]);
		for (k = 1; k < from.n; k++)
			strbuf_addf(&why, "%s%s", k + 1 < from.n ? ", " : " and ", from.items[k]);
		strbuf_addstr(&why, from.n > 1 ? " are created." : " is created.");
		step->why = strbuf_detach(&why, NULL);
	} else {
		step->why = after_prereqs(p, p->n_steps);
	}
	step->text = strbuf_detach(&text, NULL);
	strbuf_release(&why);
	strlist_free(&from);
}

int plan_scenario(struct scenario *sc, const struct scenario_run_options *o,
		  struct run_result *out, struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < scenario_n_runs(sc); i++) {
		struct scenario_ctx c = { sc, o, i };
		struct plan_runner rn = { &c, variant_load, scenario_run_one, scenario_deploy,
					  o->models };

		if (plan_build(&rn, scenario_run_label(sc, i), out, dl) < 0)
			return -1;
	}
	return 0;
}
