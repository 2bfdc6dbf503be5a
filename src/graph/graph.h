/*
 * graph.h - the dependency graph of a template's resources and its waves.
 *
 * Nodes are the template's resources (same indexes as template->resources).
 * An edge A -> B means A needs B first: A refers to B by Ref, Fn::GetAtt,
 * ${B} / ${B.Attr} in Fn::Sub, or names it in DependsOn.  References to
 * names that do not exist, and cycles, become findings with CloudFormation's
 * wording.  A resource's wave is one more than the highest wave of what it
 * depends on (0 when it depends on nothing); resources in a cycle share the
 * wave of the cycle as a whole.
 */
#ifndef CFN_GRAPH_H
#define CFN_GRAPH_H

#include <stddef.h>

#include "engine/finding.h"
#include "template/refs.h"
#include "template/template.h"

struct graph_edge {
	size_t to;          /* index of the resource depended on */
	enum ref_kind kind; /* how the first reference was made */
	struct srcpos pos;  /* where the first reference is written */
};

struct graph_node {
	struct graph_edge *deps; /* one per distinct target, in order of first use
				    (borrowed from the graph's edges) */
	size_t n_deps, cap;      /* edges used, room for (as many as the definition
				    has references and DependsOn entries) */
	int wave;                /* creation wave */
	size_t cycle;            /* 0, or the 1-based number of the cycle it is in */
};

struct graph {
	struct graph_node *nodes;   /* owned, one per template resource */
	size_t n;
	struct graph_node *outputs; /* owned, one per template output (deps only) */
	size_t n_outputs;
	size_t *order;              /* owned: resource indexes by (wave, logical id) */
	struct graph_edge *edges;   /* owned: every node's deps, side by side */
	size_t n_cycles;            /* number of dependency cycles found */
	int n_waves;                /* highest wave + 1 */
};

/* Builds the graph of t, adding findings for unresolved references,
 * DependsOn problems and cycles.  Returns new. */
struct graph *graph_build(const struct template *t, struct finding_list *fl);
/* Frees g; NULL is fine. */
void graph_free(struct graph *g);
/* True when resource a depends on b directly. */
int graph_depends(const struct graph *g, size_t a, size_t b);

#endif
