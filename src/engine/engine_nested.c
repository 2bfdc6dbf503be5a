/*
 * engine_nested.c - running a nested stack's template through the engine
 * at the parent resource's turn (see engine_nested.h).
 */
#include "engine/engine_nested.h"
#include "engine/physid.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

char *engine_nested_stack_name(const char *parent, const char *logical_id)
{
	struct strbuf sb = STRBUF_INIT;
	char suffix[13];

	physid_suffix(physid_hash(parent, logical_id), suffix, 12, 0);
	strbuf_addf(&sb, "%s-%s", parent, logical_id);
	if (sb.len > ENGINE_NESTED_NAME_BASE)
		strbuf_setlen(&sb, ENGINE_NESTED_NAME_BASE);
	strbuf_addf(&sb, "-%s", suffix);
	return strbuf_detach(&sb, NULL);
}

/* True when a resource that i depends on fails or is blocked: the nested
 * stack is then never attempted, so its child must not enter the state. */
static bool depends_on_failure(const struct engine_stack *es, size_t i)
{
	const struct graph_node *node = &es->g->nodes[i];
	size_t e, k;

	for (e = 0; e < node->n_deps; e++) {
		const char *dep = es->t->resources[node->deps[e].to].logical_id;

		for (k = 0; k < es->result->n_resources; k++) {
			const struct res_result *r = &es->result->resources[k];

			if (!strcmp(r->logical_id, dep) &&
			    (r->status == STATUS_FAIL || r->status == STATUS_BLOCKED))
				return true;
		}
	}
	return false;
}

/* "s3://a/x.yaml -> s3://a/y.yaml -> s3://a/x.yaml": the chain from the
 * first time object appears to its inclusion again (new), or NULL. */
static char *recursion(const struct engine_nest *nest, const char *file, const char *object)
{
	const struct engine_nest *n, *first = NULL;
	struct strlist chain = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t k;

	for (n = nest; n; n = n->parent) {
		strlist_add(&chain, n->object ? n->object : n->file);
		if (!strcmp(n->file, file) || (n->object && !strcmp(n->object, object))) {
			first = n;
			break;
		}
	}
	if (!first) {
		strlist_free(&chain);
		return NULL;
	}
	for (k = chain.n; k-- > 0;)
		strbuf_addf(&sb, "%s -> ", chain.items[k]);
	strbuf_addstr(&sb, object);
	strlist_free(&chain);
	return strbuf_detach(&sb, NULL);
}

/* Moves the only stack of tmp under the parent's nested list; returns it. */
static struct stack_result *adopt(struct stack_result *parent, struct run_result *tmp,
				  const char *logical_id)
{
	struct stack_result *child;

	parent->nested = xrealloc(parent->nested, (parent->n_nested + 1) * sizeof(*parent->nested));
	child = &parent->nested[parent->n_nested++];
	*child = tmp->stacks[0];
	child->parent_resource = xstrdup(logical_id);
	free(tmp->stacks);
	tmp->stacks = NULL;
	tmp->n_stacks = 0;
	return child;
}

/* The child's capabilities count for the parent create (a nested IAM role
 * needs the parent's CAPABILITY_IAM). */
static void merge_capabilities(struct stack_result *parent, const struct stack_result *child)
{
	size_t k;

	for (k = 0; k < child->capabilities.n; k++)
		strlist_add_unique(&parent->capabilities, child->capabilities.items[k]);
}

static void run(void *ctx, const struct check_resource *r, const char *object, const char *file,
		const struct value *params, struct check_nested_result *out)
{
	struct engine_stack *es = ctx;
	long i = template_resource_index(es->t, r->logical_id);
	struct run_result tmp = RUN_RESULT_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct engine_nest nest;
	struct stack_result *child;
	struct deploy cd;
	char *name;

	memset(out, 0, sizeof(*out));
	if (i < 0 || !es->result || depends_on_failure(es, (size_t)i)) {
		out->status = NESTED_SKIPPED;
		return;
	}
	if ((out->detail = recursion(es->nest, file, object)) != NULL) {
		out->status = NESTED_RECURSION;
		return;
	}
	if (es->nest->depth + 1 > ENGINE_NESTED_MAX_DEPTH ||
	    *es->nest->n_stacks >= ENGINE_NESTED_MAX_STACKS) {
		out->status = NESTED_LIMIT;
		out->detail = es->nest->depth + 1 > ENGINE_NESTED_MAX_DEPTH
			? xstrfmt("it would be nested %d levels deep; cfn-dryrun simulates %d",
				  es->nest->depth + 1, ENGINE_NESTED_MAX_DEPTH)
			: xstrfmt("%d nested stacks were already simulated under this stack, the "
				  "most cfn-dryrun simulates", ENGINE_NESTED_MAX_STACKS);
		return;
	}
	name = es->physical[i] ? xstrdup(es->physical[i])
			       : engine_nested_stack_name(es->d->stack_name, r->logical_id);
	cd = *es->d;
	cd.stack_name = name;
	cd.parameters = params;
	cd.preset = NULL;
	cd.blocked = false;
	nest = (struct engine_nest){ es->nest, file, object, es->nest->depth + 1, es->nest->n_stacks };
	(*es->nest->n_stacks)++;
	if (engine_run_stack(file, &cd, es->state, &nest, &tmp, &dl) < 0) {
		out->status = NESTED_UNREADABLE;
		out->detail = dl.n ? xstrfmt("%s:%u:%u: %s", srcfile_name(dl.items[0].pos.file),
					     dl.items[0].pos.line, dl.items[0].pos.col,
					     dl.items[0].message)
				   : xstrfmt("%s cannot be read", file);
		diag_clear(&dl);
		result_free(&tmp);
		free(name);
		return;
	}
	diag_clear(&dl); /* warnings: the child is used */
	child = adopt(es->result, &tmp, r->logical_id);
	merge_capabilities(es->result, child);
	value_free(es->nested_outputs[i]);
	es->nested_outputs[i] = child->outputs ? value_copy(child->outputs) : value_map(r->pos);
	es->n_nested_run++;
	out->status = NESTED_RAN;
	out->child = child;
	free(name);
}

void engine_nested_hooks(struct engine_stack *es, struct check_nested *hooks)
{
	hooks->ctx = es;
	hooks->run = run;
}

void engine_nested_outputs(struct engine_stack *es, struct value **outputs,
			   struct value **exports)
{
	struct finding_list scratch = { NULL, 0, 0 };

	if (!es->n_nested_run)
		return;
	value_free(*outputs);
	value_free(*exports);
	*exports = NULL;
	*outputs = eval_outputs(es->ev, &scratch, exports); /* errors were reported in pass 1 */
	finding_list_free(&scratch);
}
