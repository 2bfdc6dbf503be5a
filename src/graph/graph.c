/*
 * graph.c - dependency edges, cycles (Tarjan's algorithm, iterative) and
 * creation waves over the condensation of the graph.
 */
#include "graph/graph.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct build {
	const struct template *t;
	struct graph *g;
	struct finding_list *fl;
	struct graph_node *cur; /* node whose references are being collected */
	const char *block;      /* "Resources" or "Outputs", for messages */
	bool lenient;           /* an unexpanded transform may declare missing names */
};

static void add_edge(struct graph_node *node, size_t to, enum ref_kind kind,
		     struct srcpos pos)
{
	size_t i;

	for (i = 0; i < node->n_deps; i++)
		if (node->deps[i].to == to)
			return;
	if (node->n_deps == node->cap)
		return; /* not reached: cap counts every reference and DependsOn entry */
	node->deps[node->n_deps].to = to;
	node->deps[node->n_deps].kind = kind;
	node->deps[node->n_deps].pos = pos;
	node->n_deps++;
}

static struct finding *unresolved(struct build *b, const struct ref *r)
{
	struct finding *f;

	if (r->kind == REF_GETATT)
		f = finding_add(b->fl, FC_GETATT_UNDEFINED, r->pos, refs_path(r),
				"Template error: instance of Fn::GetAtt references undefined resource %s",
				r->target);
	else /* CloudFormation prefixes "Template format error: " only in Resources */
		f = finding_add(b->fl, FC_UNRESOLVED_DEPENDENCY, r->pos, refs_path(r),
				"%sUnresolved resource dependencies [%s] in the %s block of the template",
				strcmp(b->block, "Resources") ? "" : "Template format error: ",
				r->target, b->block);
	if (b->lenient) {
		f->severity = SEV_WARNING;
		finding_set_fix(f, "%s is not declared in the template; the template's transform may "
			       "generate it, which cfn-dryrun does not simulate", r->target);
	} else if (r->kind == REF_DEPENDS_ON || r->kind == REF_GETATT || r->attr) {
		finding_set_fix(f, "declare a resource named %s, or correct the name", r->target);
	} else {
		finding_set_fix(f, "declare a parameter or resource named %s, or correct the name "
			       "(names are case-sensitive; a pseudo parameter starts with AWS::)",
			       r->target);
	}
	return f;
}

/* A reference r (a DependsOn entry, or one of the template's indexed
 * references, whose path is then written only for a finding). */
static void add_ref(struct build *b, const struct ref *r, long idx)
{
	if (idx < 0) {
		unresolved(b, r);
		return;
	}
	add_edge(b->cur, (size_t)idx, r->kind, r->pos);
}

static void on_ref(struct build *b, const struct ref *r)
{
	if (r->kind != REF_GETATT && !r->attr &&
	    (template_is_pseudo_parameter(r->target) || template_has_parameter(b->t, r->target)))
		return;
	add_ref(b, r, template_resource_index(b->t, r->target));
}

/* The indexed references of resource i (or output i when output). */
static void indexed_refs(struct build *b, size_t i, bool output)
{
	struct strbuf path = STRBUF_INIT;
	const struct tmpl_ref *refs;
	size_t k, n;

	refs = output ? template_output_refs(b->t, i, &n) : template_resource_refs(b->t, i, &n);
	for (k = 0; k < n; k++) {
		const struct tmpl_ref *tr = &refs[k];
		struct ref r = { (enum ref_kind)tr->kind, tr->target, tr->attr, tr->pos, NULL, NULL };

		if (tr->resource < 0) { /* a finding: its path */
			if (output)
				refs_output_path(&b->t->outputs[i], tr->ordinal, &path);
			else
				refs_resource_path(&b->t->resources[i], tr->ordinal, &path);
			r.path = path.buf;
		}
		add_ref(b, &r, tr->resource);
	}
	strbuf_release(&path);
}

static void depends_on_entry(struct build *b, const struct value *v, const char *path,
			     bool in_list)
{
	struct ref r = { REF_DEPENDS_ON, NULL, NULL, v->pos, path, NULL };

	if (!value_is_string(v)) {
		finding_add(b->fl, FC_MALFORMED_FUNCTION, v->pos, path, "%s",
			    in_list ? "Template format error: Every DependsOn value must be a string."
				    : "Template format error: DependsOn must be a string or list of strings.");
		return;
	}
	r.target = v->u.string.s;
	on_ref(b, &r);
}

static void collect_resource(struct build *b, size_t i)
{
	const struct tmpl_resource *res = &b->t->resources[i];
	struct strbuf path = STRBUF_INIT;
	size_t k;

	b->cur = &b->g->nodes[i];
	b->block = "Resources";
	if (res->def->kind != VALUE_MAP)
		return;
	indexed_refs(b, i, false);
	if (res->depends_on) {
		strbuf_reset(&path);
		strbuf_addf(&path, "Resources/%s/DependsOn", res->logical_id);
		if (res->depends_on->kind == VALUE_LIST)
			for (k = 0; k < res->depends_on->u.list.n; k++)
				depends_on_entry(b, res->depends_on->u.list.items[k], path.buf, true);
		else
			depends_on_entry(b, res->depends_on, path.buf, false);
	}
	strbuf_release(&path);
}

static void collect_output(struct build *b, size_t i)
{
	b->cur = &b->g->outputs[i];
	b->block = "Outputs";
	indexed_refs(b, i, true);
}

/* ---- Tarjan's strongly connected components, without recursion ---- */

struct tarjan {
	const struct graph *g;
	size_t *index, *low, *comp; /* per node; index 0 = unvisited */
	bool *on_stack;
	size_t *stack, sp;          /* the component stack */
	size_t next_index, n_comps;
	size_t *comp_order;         /* components in emission order (dependencies first) */
};

struct frame {
	size_t node;
	size_t edge; /* next edge to look at */
};

static void strongconnect(struct tarjan *tj, size_t root, struct frame *calls)
{
	size_t depth = 0;

	calls[depth].node = root;
	calls[depth].edge = 0;
	tj->index[root] = tj->low[root] = ++tj->next_index;
	tj->stack[tj->sp++] = root;
	tj->on_stack[root] = true;
	while (true) {
		struct frame *f = &calls[depth];
		const struct graph_node *n = &tj->g->nodes[f->node];

		if (f->edge < n->n_deps) {
			size_t w = n->deps[f->edge++].to;
			if (!tj->index[w]) {
				tj->index[w] = tj->low[w] = ++tj->next_index;
				tj->stack[tj->sp++] = w;
				tj->on_stack[w] = true;
				depth++;
				calls[depth].node = w;
				calls[depth].edge = 0;
			} else if (tj->on_stack[w] && tj->index[w] < tj->low[f->node]) {
				tj->low[f->node] = tj->index[w];
			}
			continue;
		}
		if (tj->low[f->node] == tj->index[f->node]) {
			size_t w, c = tj->n_comps++;
			do {
				w = tj->stack[--tj->sp];
				tj->on_stack[w] = false;
				tj->comp[w] = c;
			} while (w != f->node);
			tj->comp_order[c] = f->node;
		}
		if (!depth)
			return;
		depth--;
		if (tj->low[f->node] < tj->low[calls[depth].node])
			tj->low[calls[depth].node] = tj->low[f->node];
	}
}

static void report_cycles(struct build *b, const size_t *comp, const size_t *comp_size)
{
	struct graph *g = b->g;
	bool *reported = xcalloc(g->n ? g->n : 1, sizeof(bool));
	struct strbuf names = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		size_t c = comp[i];
		bool self = graph_depends(g, i, i);
		struct finding *f;

		if (reported[c] || (comp_size[c] < 2 && !self))
			continue;
		reported[c] = true;
		g->n_cycles++;
		strbuf_reset(&names);
		for (j = i; j < g->n; j++) {
			if (comp[j] != c)
				continue;
			g->nodes[j].cycle = g->n_cycles;
			if (names.len)
				strbuf_addstr(&names, ", ");
			strbuf_addstr(&names, b->t->resources[j].logical_id);
		}
		f = finding_add(b->fl, FC_CIRCULAR_DEPENDENCY, b->t->resources[i].pos,
				"Resources", "Circular dependency between resources: [%s]", names.buf);
		finding_set_fix(f, "break the cycle: one of these resources must not refer to the next "
			       "(remove a Ref, Fn::GetAtt, Fn::Sub or DependsOn, or split a resource "
			       "such as a security group and its ingress rule)");
	}
	strbuf_release(&names);
	free(reported);
}

/* Finds components, reports cycles and assigns waves. */
static void compute_waves(struct build *b)
{
	struct graph *g = b->g;
	size_t n = g->n ? g->n : 1, i, k, c;
	struct tarjan tj = { g, xcalloc(n, sizeof(size_t)), xcalloc(n, sizeof(size_t)),
			     xcalloc(n, sizeof(size_t)), xcalloc(n, sizeof(bool)),
			     xcalloc(n, sizeof(size_t)), 0, 0, 0, xcalloc(n, sizeof(size_t)) };
	struct frame *calls = xcalloc(n, sizeof(*calls));
	size_t *comp_size = xcalloc(n, sizeof(size_t));
	int *comp_wave = xcalloc(n, sizeof(int));
	size_t *start, *members, *fill;

	for (i = 0; i < g->n; i++)
		if (!tj.index[i])
			strongconnect(&tj, i, calls);
	for (i = 0; i < g->n; i++)
		comp_size[tj.comp[i]]++;
	report_cycles(b, tj.comp, comp_size);

	/* Members of each component, side by side (members[start[c]..]), then
	 * waves in emission order. */
	start = xcalloc(tj.n_comps + 1, sizeof(size_t));
	for (c = 0; c < tj.n_comps; c++)
		start[c + 1] = start[c] + comp_size[c];
	members = xcalloc(n, sizeof(size_t));
	fill = xcalloc(tj.n_comps ? tj.n_comps : 1, sizeof(size_t));
	for (i = 0; i < g->n; i++)
		members[start[tj.comp[i]] + fill[tj.comp[i]]++] = i;
	free(fill);
	for (c = 0; c < tj.n_comps; c++) {
		const size_t *m = members + start[c];
		int wave = 0;

		for (k = 0; k < comp_size[c]; k++) {
			const struct graph_node *node = &g->nodes[m[k]];
			size_t e;
			for (e = 0; e < node->n_deps; e++) {
				size_t d = tj.comp[node->deps[e].to];
				if (d != c && comp_wave[d] + 1 > wave)
					wave = comp_wave[d] + 1;
			}
		}
		comp_wave[c] = wave;
		for (k = 0; k < comp_size[c]; k++)
			g->nodes[m[k]].wave = wave;
		if (wave + 1 > g->n_waves)
			g->n_waves = wave + 1;
	}
	free(members);
	free(start);
	free(comp_wave);
	free(comp_size);
	free(calls);
	free(tj.index);
	free(tj.low);
	free(tj.comp);
	free(tj.on_stack);
	free(tj.stack);
	free(tj.comp_order);
}

/* What the order is sorted by, side by side: the wave, then the logical id,
 * whose first 8 bytes (big-endian, NUL-padded) mostly decide without
 * reading the string itself. */
struct sort_key {
	uint64_t prefix; /* the id's first 8 bytes, the first the most significant */
	int wave;        /* the node's wave */
	uint32_t idx;    /* the resource */
};

static const struct template *sort_template;

static int by_wave_then_id(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;

	if (a->wave != b->wave)
		return a->wave < b->wave ? -1 : 1;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	if (!(a->prefix & 0xff))
		return 0; /* both ids end within the prefix: the same id */
	return strcmp(sort_template->resources[a->idx].logical_id + 8,
		      sort_template->resources[b->idx].logical_id + 8);
}

static uint64_t id_prefix(const char *id)
{
	uint64_t p = 0;
	size_t i;

	for (i = 0; i < 8; i++) {
		p = p << 8 | (unsigned char)*id;
		if (*id)
			id++;
	}
	return p;
}

/* g->order: resource indexes by wave, then by logical id (strcmp's order). */
static void sort_order(struct graph *g, const struct template *t)
{
	struct sort_key *keys = xcalloc(g->n ? g->n : 1, sizeof(*keys));
	size_t i;

	for (i = 0; i < g->n; i++) {
		keys[i].prefix = id_prefix(t->resources[i].logical_id);
		keys[i].wave = g->nodes[i].wave;
		keys[i].idx = (uint32_t)i; /* a template has far fewer than 2^32 resources */
	}
	sort_template = t; /* qsort has no context argument in C11 */
	qsort(keys, g->n, sizeof(*keys), by_wave_then_id);
	sort_template = NULL;
	g->order = xcalloc(g->n ? g->n : 1, sizeof(size_t));
	for (i = 0; i < g->n; i++)
		g->order[i] = keys[i].idx;
	free(keys);
}

static bool has_unexpanded_transform(const struct template *t)
{
	size_t i;

	for (i = 0; i < t->n_transforms; i++)
		if (strcmp(t->transforms[i], "AWS::LanguageExtensions"))
			return true;
	return false;
}

/* How many entries a DependsOn has (each is at most one edge). */
static size_t depends_on_count(const struct value *d)
{
	return !d ? 0 : d->kind == VALUE_LIST ? d->u.list.n : 1;
}

/* Gives every node its slice of g->edges: room for one edge per reference
 * and DependsOn entry of its definition. */
static void place_edges(struct graph *g, const struct template *t)
{
	size_t i, n, total = 0;

	for (i = 0; i < g->n; i++) {
		template_resource_refs(t, i, &n);
		g->nodes[i].cap = n + depends_on_count(t->resources[i].depends_on);
		total += g->nodes[i].cap;
	}
	for (i = 0; i < g->n_outputs; i++) {
		template_output_refs(t, i, &n);
		g->outputs[i].cap = n;
		total += n;
	}
	g->edges = xmalloc((total ? total : 1) * sizeof(*g->edges));
	total = 0;
	for (i = 0; i < g->n; i++) {
		g->nodes[i].deps = g->edges + total;
		total += g->nodes[i].cap;
	}
	for (i = 0; i < g->n_outputs; i++) {
		g->outputs[i].deps = g->edges + total;
		total += g->outputs[i].cap;
	}
}

struct graph *graph_build(const struct template *t, struct finding_list *fl)
{
	struct graph *g = xcalloc(1, sizeof(*g));
	struct build b = { t, g, fl, NULL, NULL, has_unexpanded_transform(t) };
	size_t i;

	g->n = t->n_resources;
	g->nodes = xcalloc(g->n ? g->n : 1, sizeof(*g->nodes));
	g->n_outputs = t->n_outputs;
	g->outputs = xcalloc(g->n_outputs ? g->n_outputs : 1, sizeof(*g->outputs));
	place_edges(g, t);
	for (i = 0; i < g->n; i++)
		collect_resource(&b, i);
	for (i = 0; i < g->n_outputs; i++)
		collect_output(&b, i);
	compute_waves(&b);
	sort_order(g, t);
	return g;
}

int graph_depends(const struct graph *g, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < g->nodes[a].n_deps; i++)
		if (g->nodes[a].deps[i].to == b)
			return 1;
	return 0;
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	free(g->edges);
	free(g->nodes);
	free(g->outputs);
	free(g->order);
	free(g);
}
