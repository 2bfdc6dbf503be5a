/*
 * engine_sim.c - hooks between the engine and the simulation loop (see
 * engine_sim.h).
 */
#include "engine/engine_sim.h"
#include "engine/physid.h"
#include "sim/names.h"
#include "util/xalloc.h"

#include <string.h>

char *engine_physical_id(const char *stack, const char *logical_id, const char *type,
			 const struct value *props)
{
	const struct name_rule *rule = names_find(type);
	const char *name = rule ? value_str(value_map_get(props, rule->property)) : NULL;

	if (name)
		return xstrdup(name);
	if (!strcmp(type, "AWS::S3::Bucket"))
		return physid_name_lower(stack, logical_id, 63);
	return physid_name(stack, logical_id);
}

static int condition(void *ctx, size_t i)
{
	struct engine_sim *es = ctx;

	return es->env->t->resources[i].condition ? -1 : 1;
}

static struct value *resolve(void *ctx, size_t i, struct finding_list *fl, bool *failed,
			     bool *uncertain)
{
	struct engine_sim *es = ctx;
	const struct tmpl_resource *r = &es->env->t->resources[i];

	(void)fl;
	(void)failed;
	(void)uncertain;
	if (r->properties && r->properties->kind == VALUE_MAP)
		return value_copy(r->properties);
	return value_map(r->pos);
}

static char *physical_id(void *ctx, size_t i, const struct value *props)
{
	struct engine_sim *es = ctx;
	const struct tmpl_resource *r = &es->env->t->resources[i];

	return engine_physical_id(es->env->deploy->stack_name, r->logical_id,
				  r->type ? r->type : "", props);
}

void engine_sim_init(struct engine_sim *es, struct sim_hooks *hooks,
		     const struct check_env *env, const struct graph *g)
{
	es->env = env;
	es->g = g;
	memset(hooks, 0, sizeof(*hooks));
	hooks->ctx = es;
	hooks->condition = condition;
	hooks->resolve = resolve;
	hooks->physical_id = physical_id;
}

void engine_sim_free(struct engine_sim *es)
{
	(void)es;
}
