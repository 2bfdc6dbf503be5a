/*
 * eval_harness.c - the resolver test harness (see eval_harness.h).
 */
#include "eval_harness.h"
#include "util/xalloc.h"
#include "value/value_json.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static struct value *import_value(void *ctx, const char *name, struct srcpos pos)
{
	struct harness *h = (struct harness *)((char *)ctx - offsetof(struct harness, es));
	const struct value *v = value_map_get(h->exports, name);
	struct value *r;

	if (!v)
		return NULL;
	r = value_copy(v);
	r->pos = pos;
	return r;
}

static struct value *ssm_value(void *ctx, const char *name, struct srcpos pos)
{
	struct harness *h = (struct harness *)((char *)ctx - offsetof(struct harness, es));
	const struct value *v = value_map_get(h->ssm, name);
	struct value *r;

	if (!v) /* the empty account's answer: only AWS's public parameters */
		return h->defaults.ssm_param_value(ctx, name, pos);
	r = value_copy(v);
	r->pos = pos;
	return r;
}

static int exists(void *ctx, const char *type, const char *value)
{
	struct harness *h = (struct harness *)((char *)ctx - offsetof(struct harness, es));

	(void)type;
	(void)value;
	return h->exists;
}

void h_init(struct harness *h)
{
	memset(h, 0, sizeof(*h));
	h->given = value_map(SRCPOS_NONE);
	h->exports = value_map(SRCPOS_NONE);
	h->ssm = value_map(SRCPOS_NONE);
	h->exists = -1;
	h->region = xstrdup("us-east-1");
}

void h_param(struct harness *h, const char *name, const char *value)
{
	value_map_set(h->given, name, value_string(SRCPOS_NONE, value));
}

void h_export(struct harness *h, const char *name, const char *value)
{
	value_map_set(h->exports, name, value_string(SRCPOS_NONE, value));
}

void h_ssm(struct harness *h, const char *name, const char *value)
{
	value_map_set(h->ssm, name, value_string(SRCPOS_NONE, value));
}

void h_run(struct harness *h, const char *text)
{
	struct eval_env env = { "teststack", "123456789012", h->region, h->given };
	struct eval_hooks hooks;
	struct value *root = parse_ok("t.yaml", text);
	struct diag_list dl = DIAG_LIST_INIT;
	size_t i;

	h->models = open_models(MODELS_DIR, NULL);
	h->state = state_new(NULL);
	h->d.stack_name = env.stack_name;
	h->d.account = env.account;
	h->d.region = h->region;
	h->d.models = h->models;
	h->es.d = &h->d;
	h->es.state = h->state;
	h->es.partition = eval_partition(h->region);
	engine_eval_hooks(&hooks, &h->es);
	h->defaults = hooks;
	hooks.import_value = import_value;
	hooks.ssm_param_value = ssm_value;
	hooks.aws_param_exists = exists;
	h->ev = eval_new(&env, &hooks);
	eval_bind_parameters(h->ev, root, &h->fl);
	if (eval_has_language_extensions(root))
		eval_expand_foreach(h->ev, root, &h->fl);
	h->t = template_open(root, strlen(text), &h->fl, &dl);
	if (!h->t)
		fail_msg("not a template: %s", diag_first_error(&dl));
	diag_clear(&dl);
	h->es.t = h->t;
	engine_stack_arrays(&h->es);
	eval_set_arena(h->ev, h->es.arena); /* resources resolved as the engine does */
	h->props = h->es.props;
	eval_attach(h->ev, h->t, &h->fl);
	eval_rules(h->ev, &h->fl);
	eval_conditions(h->ev, &h->fl);
	for (i = 0; i < h->t->n_resources; i++) {
		const char *reason;
		if (eval_resource_condition(h->ev, i, &reason) != EVAL_FALSE) {
			h->props[i] = eval_resource_properties(h->ev, i, &h->fl, &h->rfl);
			h->es.physical[i] = engine_physical_id(&h->es, i, h->props[i]);
		}
	}
	h->outputs = eval_outputs(h->ev, &h->fl, &h->export_map);
}

static char *json_or_none(const struct value *v)
{
	return v ? to_json(v) : xstrdup("<none>");
}

char *h_prop(struct harness *h, const char *id, const char *key)
{
	long i = template_resource_index(h->t, id);

	assert_true(i >= 0);
	return json_or_none(value_map_get(h->props[i], key));
}

char *h_out(struct harness *h, const char *name)
{
	return json_or_none(value_map_get(h->outputs, name));
}

void h_assert_prop(struct harness *h, const char *id, const char *key, const char *want)
{
	char *got = h_prop(h, id, key);

	assert_string_equal(got, want);
	free(got);
}

static void dump(const struct finding_list *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		print_error("finding: %s %s\n", finding_code_info(fl->items[i].code)->code,
			    fl->items[i].message);
}

void h_assert_clean(struct harness *h)
{
	if (finding_list_errors(&h->fl) || finding_list_errors(&h->rfl)) {
		dump(&h->fl);
		dump(&h->rfl);
		fail_msg("unexpected error findings");
	}
}

void h_done(struct harness *h)
{
	value_free(h->outputs);
	value_free(h->export_map);
	engine_stack_free(&h->es); /* also the props arrays */
	eval_free(h->ev);
	template_free(h->t);
	state_free(h->state);
	model_set_free(h->models);
	finding_list_free(&h->fl);
	finding_list_free(&h->rfl);
	value_free(h->given);
	value_free(h->exports);
	value_free(h->ssm);
	free(h->region);
	srcfile_reset();
}
