/*
 * plan_build.c - building a plan in rounds (see plan.h): run, collect the
 * prerequisites, apply them to a fresh state, run again; then order the
 * steps stack by stack in deployment order, say why each comes first, and
 * list what no step fixes.
 */
#include "plan/plan_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The prerequisites found so far, in the order found. */
struct checklist {
	struct plan_step *items; /* owned */
	size_t n;
};

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static struct plan_step *find_item(struct checklist *cl, const struct prereq *p)
{
	size_t i;

	for (i = 0; i < cl->n; i++) {
		struct plan_step *st = &cl->items[i];
		if (!strcmp(st->type, p->type) && !strcmp(st->account, p->account) &&
		    !strcmp(st->region, p->region) && !strcmp(st->id, p->id) &&
		    same(st->by_property, p->by_property))
			return st;
	}
	return NULL;
}

/* "Fn" when the step's stack needs it, "Fn (stack other)" otherwise. */
static void add_needer(struct plan_step *st, const char *stack, const char *logical_id)
{
	char *who = strcmp(st->stack, stack) ? xstrfmt("%s (stack %s)", logical_id, stack)
					     : xstrdup(logical_id);

	strlist_add_unique(&st->needed_by, who);
	free(who);
}

static bool regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* For an object "bucket/key" that s needs: the local file to upload, when
 * the folder of s's template holds one at key or named as key's last part
 * (a nested template next to its parent), as {File: PATH} (new), or NULL. */
static struct value *local_copy(const struct stack_result *s, const char *id)
{
	const char *key = strchr(id, '/'), *base, *slash;
	char *dir, *path = NULL;
	struct value *props = NULL;

	if (!key || !s->template_file)
		return NULL;
	key++;
	base = strrchr(key, '/') ? strrchr(key, '/') + 1 : key;
	slash = strrchr(s->template_file, '/');
	dir = slash ? xstrndup(s->template_file, (size_t)(slash - s->template_file)) : xstrdup(".");
	if (*key && !strstr(key, "..")) {
		path = xstrfmt("%s/%s", dir, key);
		if (!regular_file(path)) {
			free(path);
			path = xstrfmt("%s/%s", dir, base);
		}
		if (regular_file(path)) {
			props = value_map(SRCPOS_NONE);
			value_map_set(props, "File", value_string(SRCPOS_NONE, path));
		}
	}
	free(path);
	free(dir);
	return props;
}

/* Adds the prerequisites of s (and of its nested stacks, to a bounded
 * depth) under the top-level stack top; returns how many are new. */
static size_t collect_stack(struct checklist *cl, const struct stack_result *s, const char *top,
			    int depth)
{
	size_t i, k, added = 0;

	for (i = 0; i < s->n_prereqs; i++) {
		const struct prereq *p = &s->prereqs[i];
		struct plan_step *st = find_item(cl, p);

		if (!st) {
			cl->items = xrealloc(cl->items, xsize_mul(cl->n + 1, sizeof(*cl->items)));
			st = &cl->items[cl->n++];
			memset(st, 0, sizeof(*st));
			st->kind = PLAN_STEP_PREREQ;
			st->type = xstrdup(p->type);
			st->account = xstrdup(p->account);
			st->region = xstrdup(p->region);
			st->id = xstrdup(p->id);
			st->by_property = p->by_property ? xstrdup(p->by_property) : NULL;
			st->stack = xstrdup(top);
			if (!strcmp(p->type, "AWS::S3::Object"))
				st->properties = local_copy(s, p->id);
			added++;
		}
		for (k = 0; k < p->needed_by.n; k++)
			add_needer(st, s->stack, p->needed_by.items[k]);
		if (p->properties && !st->properties)
			st->properties = value_map(SRCPOS_NONE);
		if (p->properties)
			VALUE_MAP_FOREACH(p->properties, e)
				if (!value_map_get(st->properties, e->key)) {
					value_map_set(st->properties, e->key, value_copy(e->val));
					added++; /* a new requirement: apply it and look again */
				}
	}
	for (i = 0; depth < 16 && i < s->n_nested; i++)
		added += collect_stack(cl, &s->nested[i], top, depth + 1);
	return added;
}

static size_t collect(struct checklist *cl, const struct run_result *r, size_t from)
{
	size_t i, added = 0;

	for (i = from; i < r->n_stacks; i++)
		added += collect_stack(cl, &r->stacks[i], r->stacks[i].stack, 0);
	return added;
}

/* ---- What no step fixes ---- */

static void add_unfixed(struct plan *p, const char *stack, const char *logical_id,
			const struct finding *f)
{
	struct plan_unfixed *u;
	const char *code = finding_code_info(f->code)->code;
	size_t i;

	for (i = 0; i < p->n_unfixed; i++) {
		u = &p->unfixed[i];
		if (!strcmp(u->stack, stack) && same(u->logical_id, logical_id) &&
		    !strcmp(u->code, code) && !strcmp(u->message, f->message))
			return;
	}
	p->unfixed = xrealloc(p->unfixed, xsize_mul(p->n_unfixed + 1, sizeof(*p->unfixed)));
	u = &p->unfixed[p->n_unfixed++];
	u->stack = xstrdup(stack);
	u->logical_id = logical_id ? xstrdup(logical_id) : NULL;
	u->code = xstrdup(code);
	u->message = xstrdup(f->message);
	u->fix = f->fix ? xstrdup(f->fix) : NULL;
}

/* The errors of the last round: a stack waiting on another is not listed
 * (the other's problem is). */
static void list_unfixed(struct plan *p, const struct run_result *r, size_t from)
{
	size_t i, j, k;

	for (i = from; i < r->n_stacks; i++) {
		const struct stack_result *s = &r->stacks[i];

		for (k = 0; k < s->stack_findings.n; k++) {
			const struct finding *f = &s->stack_findings.items[k];
			if (f->severity == SEV_ERROR && f->code != FC_SCENARIO_BLOCKED)
				add_unfixed(p, s->stack, NULL, f);
		}
		for (j = 0; j < s->n_resources; j++) {
			const struct res_result *res = &s->resources[j];
			if (res->status != STATUS_FAIL && res->status != STATUS_BLOCKED)
				continue;
			for (k = 0; k < res->findings.n; k++)
				if (res->findings.items[k].severity == SEV_ERROR)
					add_unfixed(p, s->stack, res->logical_id, &res->findings.items[k]);
		}
		strlist_add(&p->after_stacks, s->stack);
		strlist_add(&p->after_verdicts, result_verdict_name(s->verdict));
	}
}

/* ---- Ordering and explaining ---- */

/* True when st is an object step whose bucket is step b. */
static bool goes_into(const struct plan_step *st, const struct plan_step *b)
{
	size_t n = strlen(b->id);

	return st->kind && !strcmp(st->type, "AWS::S3::Object") && !strncmp(st->id, b->id, n) &&
	       st->id[n] == '/';
}

/* True when one of cl's steps for stack is the bucket st goes into. */
static bool has_bucket_step(const struct checklist *cl, const struct plan_step *st,
			    const char *stack)
{
	size_t k;

	for (k = 0; k < cl->n; k++)
		if (cl->items[k].kind && !strcmp(cl->items[k].type, "AWS::S3::Bucket") &&
		    !strcmp(cl->items[k].stack, stack) && goes_into(st, &cl->items[k]))
			return true;
	return false;
}

static void move_step(struct plan *p, struct plan_step *from)
{
	p->steps = xrealloc(p->steps, xsize_mul(p->n_steps + 1, sizeof(*p->steps)));
	p->steps[p->n_steps++] = *from;
	memset(from, 0, sizeof(*from));
}

/* The step number (1-based) of the bucket step for the object step st, or 0. */
static size_t bucket_step(const struct plan *p, const struct plan_step *st)
{
	const char *slash = strchr(st->id, '/');
	size_t i, len = slash ? (size_t)(slash - st->id) : 0;

	for (i = 0; slash && i < p->n_steps; i++)
		if (!strcmp(p->steps[i].type ? p->steps[i].type : "", "AWS::S3::Bucket") &&
		    strlen(p->steps[i].id) == len && !strncmp(p->steps[i].id, st->id, len))
			return i + 1;
	return 0;
}

/* True when every needer of st in stack s is a resource of s (not a
 * parameter or an output, which CloudFormation reads with the stack). */
static bool needed_by_resources(const struct plan_step *st, const struct stack_result *s)
{
	size_t i, k;

	for (i = 0; i < st->needed_by.n; i++) {
		bool found = strchr(st->needed_by.items[i], ' ') != NULL; /* "X (stack Y)" */
		for (k = 0; !found && k < s->n_resources; k++)
			found = !strcmp(s->resources[k].logical_id, st->needed_by.items[i]);
		if (!found)
			return false;
	}
	return true;
}

static void explain_prereq(struct plan *p, size_t index, size_t deploy_number,
			   const struct stack_result *s)
{
	struct plan_step *st = &p->steps[index];
	struct strbuf sb = STRBUF_INIT;
	size_t i, bucket;

	strbuf_addstr(&sb, "needed by ");
	for (i = 0; i < st->needed_by.n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", st->needed_by.items[i]);
	strbuf_addf(&sb, " of stack %s: CloudFormation ", st->stack);
	if (!strcmp(st->type, "AWS::CloudFormation::Export"))
		strbuf_addstr(&sb, "resolves the import when the stack is created");
	else if (!strcmp(st->type, "AWS::SSM::Parameter"))
		strbuf_addstr(&sb, "reads the parameter when the stack is created");
	else if (needed_by_resources(st, s))
		strbuf_addstr(&sb, "looks it up when it creates the resource");
	else
		strbuf_addstr(&sb, "checks that it exists when the stack is created");
	strbuf_addf(&sb, ", so it must be in place before step %zu deploys %s", deploy_number,
		    st->stack);
	if (!strcmp(st->type, "AWS::S3::Object") && (bucket = bucket_step(p, st)) != 0)
		strbuf_addf(&sb, "; it goes into the bucket of step %zu", bucket);
	strbuf_addch(&sb, '.');
	free(st->why);
	st->why = strbuf_detach(&sb, NULL);
}

/* Steps, stack by stack in deployment order: its prerequisites in the
 * order found, each bucket followed by the uploads into it, then the stack. */
static void order_steps(struct plan *p, struct checklist *cl, const struct run_result *r,
			size_t from, const struct plan_runner *rn, const struct state *state)
{
	size_t i, k, j, b, first;

	for (i = from; i < r->n_stacks; i++) {
		const struct stack_result *s = &r->stacks[i];
		struct plan_step deploy;

		first = p->n_steps;
		for (k = 0; k < cl->n; k++) {
			struct plan_step *st = &cl->items[k];
			bool bucket;
			if (!st->kind || strcmp(st->stack, s->stack) || has_bucket_step(cl, st, s->stack))
				continue;
			bucket = !strcmp(st->type, "AWS::S3::Bucket");
			move_step(p, st);
			b = p->n_steps - 1;
			for (j = 0; bucket && j < cl->n; j++)
				if (cl->items[j].kind && !strcmp(cl->items[j].stack, s->stack) &&
				    goes_into(&cl->items[j], &p->steps[b]))
					move_step(p, &cl->items[j]);
		}
		memset(&deploy, 0, sizeof(deploy));
		deploy.kind = PLAN_STEP_DEPLOY;
		deploy.account = xstrdup(s->account);
		deploy.region = xstrdup(s->region);
		deploy.id = xstrdup(s->stack);
		deploy.stack = xstrdup(s->stack);
		move_step(p, &deploy);
		for (k = first; k + 1 < p->n_steps; k++) {
			plan_describe_prereq(&p->steps[k], rn->models, state);
			explain_prereq(p, k, p->n_steps, s);
		}
		rn->deploy(rn->ctx, s, p, &p->steps[p->n_steps - 1]);
	}
	for (k = 0; k < cl->n; k++) /* needed only by stacks the run does not hold */
		if (cl->items[k].kind)
			plan_step_clear(&cl->items[k]);
}

/* ---- Rounds ---- */

int plan_build(const struct plan_runner *rn, const char *variant, struct run_result *out,
	       struct diag_list *dl)
{
	struct checklist cl = { NULL, 0 };
	struct run_result next = RUN_RESULT_INIT, last = RUN_RESULT_INIT;
	size_t from = out->n_stacks, i;
	struct state *state = rn->load(rn->ctx, dl);
	struct plan p;
	int rc;

	if (!state)
		return -1;
	memset(&p, 0, sizeof(p));
	rc = rn->run(rn->ctx, state, out, dl);
	state_free(state);
	p.rounds = 1;
	/* the round looked at: first the report's own run, then the latest */
	while (rc == 0 && collect(&cl, last.n_stacks ? &last : out, last.n_stacks ? 0 : from) &&
	       p.rounds < PLAN_MAX_ROUNDS) {
		if (!(state = rn->load(rn->ctx, dl))) {
			rc = -1;
			break;
		}
		plan_apply(state, cl.items, cl.n);
		rc = rn->run(rn->ctx, state, &next, dl);
		state_free(state);
		result_free(&last);
		last = next;
		memset(&next, 0, sizeof(next));
		p.rounds++;
	}
	if (rc == 0 && last.n_stacks) { /* the final blockers, against the state as given */
		if (!(state = rn->load(rn->ctx, dl)))
			rc = -1;
		else
			plan_apply(state, cl.items, cl.n);
		state_free(state);
	}
	state = NULL; /* the state as given, for the words of the steps */
	if (rc == 0 && !(state = rn->load(rn->ctx, dl)))
		rc = -1;
	if (rc == 0) {
		p.variant = variant ? xstrdup(variant) : NULL;
		list_unfixed(&p, last.n_stacks ? &last : out, last.n_stacks ? 0 : from);
		order_steps(&p, &cl, out, from, rn, state);
		out->plans = xrealloc(out->plans, xsize_mul(out->n_plans + 1, sizeof(*out->plans)));
		out->plans[out->n_plans++] = p;
	} else {
		for (i = 0; i < cl.n; i++)
			plan_step_clear(&cl.items[i]);
	}
	free(cl.items);
	state_free(state);
	result_free(&last);
	return rc;
}
