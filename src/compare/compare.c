/*
 * compare.c - building the comparison of variants (see compare.h): one row
 * per stack or resource whose outcome or findings differ.
 */
#include "compare/compare.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct finding *first_with(const struct finding_list *fl, enum severity sev)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].severity == sev)
			return &fl->items[i];
	return NULL;
}

/* The reason's finding: its message (new) and its fix (*fix, new or NULL). */
static char *message_of(const struct finding *f, char **fix)
{
	if (!f)
		return NULL;
	if (fix && f->fix && !*fix)
		*fix = xstrdup(f->fix);
	return xstrfmt("%s [%s]", f->message, finding_code_info(f->code)->code);
}

static char *resource_reason(const struct res_result *r, char **fix)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	switch (r->status) {
	case STATUS_FAIL:
		return message_of(first_with(&r->findings, SEV_ERROR), fix);
	case STATUS_BLOCKED:
		if (!r->blocked_by.n)
			return xstrdup("the stack fails first");
		strbuf_addstr(&sb, "blocked by ");
		for (i = 0; i < r->blocked_by.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", r->blocked_by.items[i]);
		return strbuf_detach(&sb, NULL);
	case STATUS_UNCERTAIN:
		return message_of(first_with(&r->findings, SEV_WARNING), fix);
	case STATUS_SKIPPED:
		return xstrdup("its Condition is false");
	default:
		return r->findings.n ? message_of(&r->findings.items[0], fix) : NULL;
	}
}

/* The first resource of s with status st, or NULL. */
static const struct res_result *first_status(const struct stack_result *s, enum res_status st)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].status == st)
			return &s->resources[i];
	return NULL;
}

static char *stack_reason(const struct stack_result *s, char **fix)
{
	const struct res_result *r;
	char *why, *text;

	switch (s->verdict) {
	case VERDICT_FAIL:
		if (first_with(&s->stack_findings, SEV_ERROR))
			return message_of(first_with(&s->stack_findings, SEV_ERROR), fix);
		r = first_status(s, STATUS_FAIL);
		break;
	case VERDICT_BLOCKED:
		return message_of(first_with(&s->stack_findings, SEV_ERROR), fix);
	case VERDICT_UNCERTAIN:
		if (first_with(&s->stack_findings, SEV_WARNING))
			return message_of(first_with(&s->stack_findings, SEV_WARNING), fix);
		r = first_status(s, STATUS_UNCERTAIN);
		break;
	default:
		return NULL;
	}
	if (!r)
		return NULL;
	why = resource_reason(r, fix);
	text = xstrfmt("%s %s: %s", r->logical_id, r->status == STATUS_FAIL ? "fails" : "is uncertain",
		       why ? why : "(no finding)");
	free(why);
	return text;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "CODE PATH" of every finding, sorted: what two outcomes compare by. */
static void finding_keys(const struct finding_list *fl, struct strlist *keys)
{
	size_t i;

	for (i = 0; i < fl->n; i++) {
		char *k = xstrfmt("%s %s", finding_code_info(fl->items[i].code)->code,
				  fl->items[i].path ? fl->items[i].path : "");
		strlist_add_unique(keys, k);
		free(k);
	}
	if (keys->n > 1)
		qsort(keys->items, keys->n, sizeof(*keys->items), by_text);
}

static void codes_of(const struct finding_list *fl, struct strlist *codes)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		strlist_add_unique(codes, finding_code_info(fl->items[i].code)->code);
}

static bool same_list(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]))
			return false;
	return true;
}

/* One row being built: a side per variant, and the keys compared. */
struct row_build {
	struct diff_row row;
	struct strlist *keys; /* per variant */
	size_t n;
};

static void row_start(struct row_build *b, size_t n, const char *stack, const char *id,
		      const char *type)
{
	memset(b, 0, sizeof(*b));
	b->n = n;
	b->row.stack = xstrdup(stack);
	b->row.logical_id = id ? xstrdup(id) : NULL;
	b->row.type = type ? xstrdup(type) : NULL;
	b->row.sides = xcalloc(n, sizeof(*b->row.sides));
	b->keys = xcalloc(n, sizeof(*b->keys));
}

/* True when the sides differ in outcome or findings. */
static bool row_differs(const struct row_build *b)
{
	size_t k;

	for (k = 1; k < b->n; k++)
		if (strcmp(b->row.sides[k].outcome, b->row.sides[0].outcome) ||
		    !same_list(&b->keys[k], &b->keys[0]))
			return true;
	return false;
}

/* Keeps the row in c when it differs, else frees it. */
static void row_finish(struct row_build *b, struct comparison *c)
{
	size_t k;

	if (row_differs(b)) {
		c->rows = xrealloc(c->rows, xsize_mul(c->n_rows + 1, sizeof(*c->rows)));
		c->rows[c->n_rows++] = b->row;
	} else {
		for (k = 0; k < b->n; k++) {
			free(b->row.sides[k].outcome);
			free(b->row.sides[k].reason);
			free(b->row.sides[k].fix);
			strlist_free(&b->row.sides[k].codes);
		}
		free(b->row.sides);
		free(b->row.stack);
		free(b->row.logical_id);
		free(b->row.type);
	}
	for (k = 0; k < b->n; k++)
		strlist_free(&b->keys[k]);
	free(b->keys);
}

static void stack_row(struct comparison *c, const struct run_result *r, const char *name)
{
	struct row_build b;
	size_t k;

	row_start(&b, c->variants.n, name, NULL, NULL);
	for (k = 0; k < c->variants.n; k++) {
		const struct stack_result *s = result_find_stack(r, c->variants.items[k], name);
		struct diff_side *side = &b.row.sides[k];

		side->outcome = xstrdup(s ? result_verdict_name(s->verdict) : "absent");
		if (!s)
			continue;
		side->reason = stack_reason(s, &side->fix);
		codes_of(&s->stack_findings, &side->codes);
		finding_keys(&s->stack_findings, &b.keys[k]);
	}
	if (row_differs(&b))
		for (k = 1; k < c->variants.n; k++)
			if (strcmp(b.row.sides[k].outcome, b.row.sides[0].outcome))
				c->verdicts_differ = true;
	row_finish(&b, c);
}

static void resource_row(struct comparison *c, const struct run_result *r, const char *stack,
			 const char *id, const char *type)
{
	struct row_build b;
	size_t k;

	row_start(&b, c->variants.n, stack, id, type);
	for (k = 0; k < c->variants.n; k++) {
		const struct stack_result *s = result_find_stack(r, c->variants.items[k], stack);
		const struct res_result *res = NULL;
		struct diff_side *side = &b.row.sides[k];
		size_t i;

		for (i = 0; s && i < s->n_resources && !res; i++)
			if (!strcmp(s->resources[i].logical_id, id))
				res = &s->resources[i];
		side->outcome = xstrdup(res ? result_status_name(res->status) : "absent");
		if (!res)
			continue;
		side->reason = resource_reason(res, &side->fix);
		codes_of(&res->findings, &side->codes);
		finding_keys(&res->findings, &b.keys[k]);
	}
	row_finish(&b, c);
}

void compare_results(struct run_result *r)
{
	struct comparison *c = xcalloc(1, sizeof(*c));
	struct strlist stacks = { NULL, 0, 0 }, seen = { NULL, 0, 0 };
	size_t i, k, j;

	comparison_free(r->comparison);
	r->comparison = NULL;
	for (i = 0; i < r->n_stacks; i++)
		if (r->stacks[i].variant) {
			strlist_add_unique(&c->variants, r->stacks[i].variant);
			strlist_add_unique(&stacks, r->stacks[i].stack);
		}
	if (c->variants.n < 2) {
		comparison_free(c);
		strlist_free(&stacks);
		return;
	}
	for (i = 0; i < stacks.n; i++) {
		stack_row(c, r, stacks.items[i]);
		strlist_free(&seen);
		for (k = 0; k < c->variants.n; k++) {
			const struct stack_result *s = result_find_stack(r, c->variants.items[k], stacks.items[i]);
			for (j = 0; s && j < s->n_resources; j++) {
				const struct res_result *res = &s->resources[j];
				if (strlist_has(&seen, res->logical_id))
					continue;
				strlist_add(&seen, res->logical_id);
				resource_row(c, r, stacks.items[i], res->logical_id, res->type);
			}
		}
	}
	strlist_free(&seen);
	strlist_free(&stacks);
	r->comparison = c;
}

int compare_exit_code(const struct run_result *r)
{
	return r->comparison && r->comparison->verdicts_differ ? 1 : 0;
}
