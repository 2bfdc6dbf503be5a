/*
 * engine.c - running one stack through the stages and filling its result:
 * load, bind parameters (and expand AWS::LanguageExtensions loops), open
 * the template, build the graph, evaluate Rules and Conditions, then the
 * resource phase (engine_run.c).
 */
#include "engine/engine.h"
#include "engine/engine_run.h"
#include "graph/graph.h"
#include "load/load.h"
#include "template/template.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The stack-level phase that needs no template yet: parameters, and the
 * AWS::LanguageExtensions loops that may read them. */
static struct eval *bind(const struct deploy *d, struct eval_env *env,
			 const struct eval_hooks *hooks, struct value *root,
			 struct finding_list *fl)
{
	struct eval *ev;

	env->stack_name = d->stack_name;
	env->account = d->account;
	env->region = d->region;
	env->given = d->parameters;
	ev = eval_new(env, hooks);
	eval_bind_parameters(ev, root, fl);
	if (eval_has_language_extensions(root))
		eval_expand_foreach(ev, root, fl);
	return ev;
}

static void free_props(struct value **props, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		value_free(props[i]);
	free(props);
}

int engine_check_file(const char *path, const struct deploy *d,
		      struct run_result *out, struct diag_list *dl)
{
	struct load_meta meta;
	const struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	struct finding_list findings = { NULL, 0, 0 };
	struct engine_hooks_ctx hc = { d->stack_name, eval_partition(d->region), NULL, NULL };
	struct eval_hooks hooks;
	struct eval_env env;
	struct stack_result *s;
	struct template *t;
	struct graph *g;
	struct value *root;
	struct eval *ev;
	size_t len;
	char *buf;

	buf = load_read_file(path, 0, &len, dl);
	if (!buf)
		return -1;
	root = load_buffer(path, buf, len, &opt, dl);
	free(buf);
	if (!root)
		return -1;
	engine_default_hooks(&hooks, &hc);
	ev = bind(d, &env, &hooks, root, &findings);
	t = template_open(root, len, &findings, dl);
	if (!t) {
		eval_free(ev);
		finding_list_free(&findings);
		return -1;
	}
	if (meta.n_aliases) {
		struct finding *f = finding_add(&findings, FC_YAML_ALIAS, meta.first_alias, NULL,
				"Template error: YAML aliases are not allowed in CloudFormation templates.");
		finding_set_fix(f, "write the aliased value out in full (aws cloudformation package "
			       "expands anchors and aliases)");
	}
	g = graph_build(t, &findings);
	eval_attach(ev, t, &findings);
	eval_rules(ev, &findings);
	eval_conditions(ev, &findings);

	s = result_add_stack(out);
	s->stack = xstrdup(d->stack_name);
	s->account = xstrdup(d->account);
	s->region = xstrdup(d->region);
	s->template_file = xstrdup(path);
	s->stack_findings = findings;
	hc.t = t;
	hc.props = xcalloc(t->n_resources ? t->n_resources : 1, sizeof(struct value *));
	engine_run_resources(s, t, g, ev, &hc, d);
	free_props(hc.props, t->n_resources);
	eval_free(ev);
	graph_free(g);
	template_free(t);
	return 0;
}
