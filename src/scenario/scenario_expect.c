/*
 * scenario_expect.c - comparing a scenario's run with its expect: block:
 * {STACK: {verdict: V, resources: {ID: STATUS}}}, or, with variants:,
 * {VARIANT: {STACK: ...}}.  STACK may be STACK/LOGICALID for the nested
 * stack a resource creates.  Each mismatch is an error at the expectation.
 */
#include "scenario/scenario.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* The three %s arguments that add " (variant NAME)" to a message, or nothing. */
#define IN_VARIANT(label) (label) ? " (variant " : "", (label) ? (label) : "", (label) ? ")" : ""

static void check_resources(const struct stack_result *r, const char *label,
			    const struct value *want, struct diag_list *dl, size_t *n)
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
			mismatch(dl, e->key_pos, n, "stack %s%s%s%s has no resource %s", r->stack,
				 IN_VARIANT(label), e->key);
		else if (!status || strcmp(status, result_status_name(res->status)))
			mismatch(dl, e->val->pos, n, "resource %s of stack %s%s%s%s: expected %s, "
				 "predicted %s", e->key, r->stack, IN_VARIANT(label),
				 status ? status : "(not a status)", result_status_name(res->status));
	}
}

/* The stack an expectation names: "STACK", or "STACK/LOGICALID[/...]" for
 * the nested stack that resource LOGICALID of STACK creates (borrowed). */
static const struct stack_result *find_stack(const struct run_result *out, const char *label,
					     const char *key)
{
	const char *slash = strchr(key, '/');
	char *top = slash ? strndup(key, (size_t)(slash - key)) : NULL;
	const struct stack_result *r = result_find_stack(out, label, top ? top : key);

	free(top);
	while (r && slash) {
		const char *next = strchr(slash + 1, '/');
		size_t len = next ? (size_t)(next - slash - 1) : strlen(slash + 1);
		const struct stack_result *child = NULL;
		size_t i;

		for (i = 0; i < r->n_nested; i++)
			if (r->nested[i].parent_resource &&
			    strlen(r->nested[i].parent_resource) == len &&
			    !strncmp(r->nested[i].parent_resource, slash + 1, len))
				child = &r->nested[i];
		r = child;
		slash = next;
	}
	return r;
}

/* One expect block {STACK: {...}} against the run labelled label. */
static void check_block(const struct value *block, const struct run_result *out,
			const char *label, struct diag_list *dl, size_t *n)
{
	VALUE_MAP_FOREACH(block, e) {
		const struct stack_result *r = find_stack(out, label, e->key);

		if (!r) {
			mismatch(dl, e->key_pos, n, "expect names stack %s, which the scenario does not "
				 "deploy", e->key);
			continue;
		}
		if (e->val->kind != VALUE_MAP) {
			mismatch(dl, e->val->pos, n, "expected {verdict: ..., resources: {...}} for stack %s",
				 e->key);
			continue;
		}
		VALUE_MAP_FOREACH(e->val, x) {
			const char *v = value_str(x->val);

			if (!strcmp(x->key, "verdict")) {
				if (!v || strcmp(v, result_verdict_name(r->verdict)))
					mismatch(dl, x->val->pos, n, "stack %s%s%s%s: expected verdict %s, "
						 "predicted %s", e->key, IN_VARIANT(label),
						 v ? v : "(not a verdict)", result_verdict_name(r->verdict));
			} else if (!strcmp(x->key, "resources")) {
				check_resources(r, label, x->val, dl, n);
			} else {
				mismatch(dl, x->key_pos, n, "unknown expectation \"%s\" (expected verdict or "
					 "resources)", x->key);
			}
		}
	}
}

static const struct scenario_variant *variant_named(const struct scenario *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->n_variants; i++)
		if (!strcmp(sc->variants[i].name, name))
			return &sc->variants[i];
	return NULL;
}

size_t scenario_check_expect(const struct scenario *sc, const struct run_result *out,
			     struct diag_list *dl)
{
	size_t n = 0;

	if (!sc->expect)
		return 0;
	if (!sc->n_variants) {
		check_block(sc->expect, out, NULL, dl, &n);
		return n;
	}
	VALUE_MAP_FOREACH(sc->expect, e) {
		const struct scenario_variant *v = variant_named(sc, e->key);

		if (!v)
			mismatch(dl, e->key_pos, &n, "expect names variant %s, which the scenario does "
				 "not have (with variants:, expect: is keyed by variant name)", e->key);
		else if (e->val->kind != VALUE_MAP)
			mismatch(dl, e->val->pos, &n, "expected {STACK: {verdict: ..., resources: {...}}} "
				 "for variant %s", e->key);
		else
			check_block(e->val, out, v->name, dl, &n);
	}
	return n;
}
