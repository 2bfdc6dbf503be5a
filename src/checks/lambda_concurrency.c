/*
 * lambda_concurrency.c - reserved concurrency must leave the account's
 * unreserved minimum (FAILURES.md row 40).  The account's concurrency and
 * the minimum are named quotas of the state (quotas:
 * Lambda.ConcurrentExecutions, Lambda.UnreservedConcurrencyMinimum; the
 * minimum defaults to 100, or to the whole concurrency when that is
 * smaller, as in new accounts with 10); what is already reserved is the
 * sum of ReservedConcurrentExecutions of the region's functions in the
 * state (earlier stacks and earlier resources of this stack included).
 * Without a stated concurrency, AWS's default of 1000 only makes a
 * reservation beyond it uncertain.
 */
#include "checks/checks.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_CONCURRENCY 1000
#define DEFAULT_MINIMUM 100

static long number(const struct value *v)
{
	char *end;
	long n;

	if (v && v->kind == VALUE_NUMBER)
		return value_whole_number(v, &n) ? n : -1;
	if (!value_str(v))
		return -1;
	n = strtol(value_str(v), &end, 10);
	return *end || n < 0 ? -1 : n;
}

static int add_reserved(void *ctx, const struct state_res *r)
{
	long n = number(value_map_get(r->props, "ReservedConcurrentExecutions"));

	if (n > 0 && !r->ghost) /* a function that fails reserves nothing */
		*(long *)ctx += n;
	return 0;
}

void check_lambda_concurrency(const struct check_env *env, const struct check_resource *r,
			      struct check_sink *sink)
{
	long want = number(value_map_get(r->props, "ReservedConcurrentExecutions"));
	long total = state_quota(env->state, env->deploy->account, env->deploy->region,
				 "Lambda.ConcurrentExecutions");
	long min = state_quota(env->state, env->deploy->account, env->deploy->region,
			       "Lambda.UnreservedConcurrencyMinimum");
	long reserved = 0;
	bool stated = total >= 0;
	char *path;
	struct finding *f;

	if (want <= 0)
		return;
	if (!stated)
		total = DEFAULT_CONCURRENCY;
	if (min < 0)
		min = total < DEFAULT_MINIMUM ? total : DEFAULT_MINIMUM;
	state_each(env->state, env->deploy->account, env->deploy->region, "AWS::Lambda::Function",
		   add_reserved, &reserved);
	if (total - reserved - want >= min)
		return;
	path = check_path(r, "ReservedConcurrentExecutions");
	if (!stated) {
		f = check_uncertain(sink, FC_RESERVED_CONCURRENCY, check_pos(r, "ReservedConcurrentExecutions"),
				    path, "reserving %ld leaves %ld unreserved under the default "
				    "concurrency of %d: whether this account has more is not stated",
				    want, total - reserved - want, DEFAULT_CONCURRENCY);
		finding_set_fix(f, "state the account's concurrency (quotas: "
			       "{Lambda.ConcurrentExecutions: N}) for %s", env->deploy->region);
	} else {
		f = check_fail(sink, FC_RESERVED_CONCURRENCY, check_pos(r, "ReservedConcurrentExecutions"),
			       path, "Specified ReservedConcurrentExecutions for function decreases "
			       "account's UnreservedConcurrentExecution below its minimum value of [%ld].",
			       min);
		finding_set_fix(f, "the account's concurrency in %s is %ld, %ld already reserved, %ld must "
				"stay unreserved: reserve at most %ld, or request a higher concurrency "
				"quota first", env->deploy->region, total, reserved, min,
				total - reserved - min > 0 ? total - reserved - min : 0);
	}
	free(path);
}
