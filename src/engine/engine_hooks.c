/*
 * engine_hooks.c - the resolver's hooks, answered from the models, pass 1
 * and the account state (see engine_hooks.h).
 */
#include "engine/engine_hooks.h"
#include "aws/regions.h"
#include "engine/physid.h"
#include "model/model.h"
#include "state/state.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Resource i's model (looked up once, by engine_stack_arrays). */
static const struct model *model_of(const struct engine_stack *es, long i)
{
	return es->models ? es->models[i] : NULL;
}

/* The resource i of the template, or -1 (with a reason) when Ref/GetAtt
 * cannot be answered from pass 1. */
static long resource(const struct engine_stack *es, const char *logical_id)
{
	return es->t ? template_resource_index(es->t, logical_id) : -1;
}

static struct model_sim sim_of(const struct engine_stack *es, size_t i, struct srcpos pos)
{
	struct model_sim s = { es->t->resources[i].logical_id, es->physical[i], es->props[i],
			       es->d->stack_name, es->d->account, es->d->region, es->partition, pos };
	return s;
}

/* An unknown id or attribute of a resource of this stack remembers it. */
static struct value *with_origin(struct value *v, const char *logical_id)
{
	if (v->kind == VALUE_UNKNOWN)
		value_unknown_set_origin(v, logical_id);
	return v;
}

/* ---- Nested stacks: the stack's ARN and the child's outputs ---- */

static bool is_nested_stack(const struct engine_stack *es, long i)
{
	const char *type = es->t->resources[i].type;

	return type && !strcmp(type, "AWS::CloudFormation::Stack") && es->physical[i];
}

/* The nested stack's ARN: the child's own AWS::StackId. */
static struct value *nested_arn(const struct engine_stack *es, long i, struct srcpos pos)
{
	return value_string_take(pos, physid_stack_arn(es->partition, es->d->region, es->d->account,
						       es->physical[i]));
}

static struct value *nested_getatt(const struct engine_stack *es, long i, const char *logical_id,
				   const char *attr, struct srcpos pos)
{
	const struct value *v;
	struct value *copy;

	if (!strcmp(attr, "StackId"))
		return nested_arn(es, i, pos);
	if (strncmp(attr, "Outputs.", 8))
		return value_unknown(pos, "%s.%s is not an attribute of a nested stack", logical_id,
				     attr);
	if (!es->nested_outputs || !es->nested_outputs[i])
		/* no origin: what the output holds need not exist because the stack does */
		return value_unknown(pos, "%s.%s is known only once the nested stack %s is created "
				     "(and its template is in the account state)", logical_id, attr,
				     logical_id);
	v = value_map_get(es->nested_outputs[i], attr + 8);
	if (!v)
		return value_unknown(pos, "the nested stack %s has no output %s", logical_id, attr + 8);
	copy = value_copy(v);
	copy->pos = pos;
	return copy;
}

static struct value *resource_ref(void *ctx, const char *logical_id, struct srcpos pos)
{
	struct engine_stack *es = ctx;
	long i = resource(es, logical_id);
	const struct model *m;

	if (i < 0)
		return value_unknown(pos, "%s is not a resource of the template", logical_id);
	if (is_nested_stack(es, i))
		return nested_arn(es, i, pos);
	if (!es->physical[i])
		return with_origin(value_unknown(pos, "the name of %s is not known yet", logical_id),
				   logical_id);
	m = model_of(es, i);
	if (m) {
		struct model_sim s = sim_of(es, (size_t)i, pos);
		return with_origin(model_ref_value(m, &s), logical_id);
	}
	return value_string(pos, es->physical[i]);
}

static struct value *resource_getatt(void *ctx, const char *logical_id, const char *attr,
				     struct srcpos pos)
{
	struct engine_stack *es = ctx;
	long i = resource(es, logical_id);
	const struct model *m;

	if (i < 0)
		return value_unknown(pos, "%s is not a resource of the template", logical_id);
	if (is_nested_stack(es, i))
		return nested_getatt(es, i, logical_id, attr, pos);
	m = model_of(es, i);
	if (m && es->physical[i]) {
		struct model_sim s = sim_of(es, (size_t)i, pos);
		return with_origin(model_getatt_value(m, attr, &s), logical_id);
	}
	return with_origin(value_unknown(pos, "%s.%s is known only after %s is created", logical_id,
					 attr, logical_id), logical_id);
}

static struct value *import_value(void *ctx, const char *name, struct srcpos pos)
{
	struct engine_stack *es = ctx;
	const struct value *v = state_export(es->state, es->d->account, es->d->region, name);
	struct value *copy;

	if (!v) {
		engine_note_miss(es, "AWS::CloudFormation::Export", es->d->region, name, NULL, pos);
		return NULL;
	}
	copy = value_copy(v);
	copy->pos = pos;
	return copy;
}

/* ---- AWS-specific parameter values ---- */

static bool az_exists(const char *region, const char *az)
{
	const struct region_info *r = region_find(region);
	size_t n = strlen(region);

	return r && !strncmp(az, region, n) && strlen(az) == n + 1 && strchr(r->az_letters, az[n]);
}

struct by_property {
	const char *property; /* the property compared */
	const char *value;    /* the value looked for */
};

static int has_property(void *ctx, const struct state_res *r)
{
	const struct by_property *bp = ctx;

	return value_str(value_map_get(r->props, bp->property)) &&
	       !strcmp(value_str(value_map_get(r->props, bp->property)), bp->value);
}

static int aws_param_exists(void *ctx, const char *type, const char *value)
{
	struct engine_stack *es = ctx;
	const struct model_rule *rule;
	struct diag_list dl = DIAG_LIST_INIT;
	bool is_list = false, via_ssm = false, found;
	const char *region;

	if (!strcmp(type, "AWS::EC2::AvailabilityZone::Name"))
		return az_exists(es->d->region, value);
	rule = es->d->models ? model_parameter_rule(es->d->models, type, &is_list, &via_ssm, &dl)
			     : NULL;
	diag_clear(&dl);
	if (!rule)
		return -1; /* a type whose existence the models do not say how to check */
	if (rule->by_property) {
		struct by_property bp = { rule->by_property, value };
		found = state_each(es->state, es->d->account, es->d->region, rule->target_type,
				   has_property, &bp) != 0;
	} else {
		found = state_find(es->state, es->d->account, es->d->region, rule->target_type,
				   value) != NULL;
	}
	region = rule->scope == MODEL_SCOPE_ACCOUNT ? "" : es->d->region;
	if (!found && *value)
		engine_note_miss(es, rule->target_type, region, value, rule->by_property, SRCPOS_NONE);
	return found;
}

static struct value *ssm_param_value(void *ctx, const char *name, struct srcpos pos)
{
	struct engine_stack *es = ctx;
	const struct state_res *r;
	const struct value *v;

	if (!strncmp(name, "/aws/service/", 13))
		return value_unknown(pos, "%s is an AWS public parameter whose value is not known "
				     "offline", name);
	r = state_find(es->state, es->d->account, es->d->region, "AWS::SSM::Parameter", name);
	if (!r) {
		engine_note_miss(es, "AWS::SSM::Parameter", es->d->region, name, NULL, pos);
		return NULL;
	}
	v = value_map_get(r->props, "Value");
	if (value_is_string(v))
		return value_string(pos, v->u.string.s);
	return value_unknown(pos, "the state lists SSM parameter %s without its Value", name);
}

/* ---- Rules: account data ---- */

struct collect {
	struct value *list;
	struct srcpos pos;
};

static int add_id(void *ctx, const struct state_res *r)
{
	struct collect *c = ctx;

	value_list_append(c->list, value_string(c->pos, r->id));
	return 0;
}

static const char *state_type_of(struct engine_stack *es, const char *param_type)
{
	struct diag_list dl = DIAG_LIST_INIT;
	bool is_list, via_ssm;
	const struct model_rule *rule = es->d->models
		? model_parameter_rule(es->d->models, param_type, &is_list, &via_ssm, &dl) : NULL;

	diag_clear(&dl);
	return rule && !rule->by_property ? rule->target_type : NULL;
}

static struct value *ref_all(void *ctx, const char *type, struct srcpos pos)
{
	struct engine_stack *es = ctx;
	const char *st = state_type_of(es, type);
	struct collect c = { NULL, pos };

	if (!st)
		return value_unknown(pos, "the %s resources of the account are not known", type);
	c.list = value_list(pos);
	state_each(es->state, es->d->account, es->d->region, st, add_id, &c);
	return c.list;
}

static struct value *value_of(void *ctx, const char *type, const char *id, const char *attr,
			      struct srcpos pos)
{
	struct engine_stack *es = ctx;
	const char *st = state_type_of(es, type);
	const struct state_res *r = st ? state_find(es->state, es->d->account, es->d->region, st, id)
				       : NULL;
	const struct value *v;

	if (!r)
		return value_unknown(pos, "%s %s is not in the account state", type, id);
	if (!strncmp(attr, "Tags.", 5)) {
		v = value_map_get(r->props, "Tags");
		if (v && v->kind == VALUE_LIST)
			VALUE_LIST_FOREACH(v, it)
				if (value_str(value_map_get(*it, "Key")) &&
				    !strcmp(value_str(value_map_get(*it, "Key")), attr + 5) &&
				    value_map_get(*it, "Value"))
					return value_copy(value_map_get(*it, "Value"));
		return value_unknown(pos, "%s %s has no tag %s in the state", type, id, attr + 5);
	}
	v = value_map_get(r->props, attr);
	if (v)
		return value_copy(v);
	return value_unknown(pos, "the state does not give %s of %s %s", attr, type, id);
}

void engine_eval_hooks(struct eval_hooks *hooks, struct engine_stack *es)
{
	hooks->ctx = es;
	hooks->resource_ref = resource_ref;
	hooks->resource_getatt = resource_getatt;
	hooks->import_value = import_value;
	hooks->aws_param_exists = aws_param_exists;
	hooks->ssm_param_value = ssm_param_value;
	hooks->ref_all = ref_all;
	hooks->value_of = value_of;
}
