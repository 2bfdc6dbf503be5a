/*
 * state_arn.c - ARNs: parsing, and finding a state resource from an ARN.
 *
 * The state keys resources by the name or id a template would use; an ARN
 * wraps that name in a service-specific resource part.  Rather than one
 * rule per service, the lookup tries the ids the resource part can carry,
 * most specific first: the whole part ("my-topic"), the part after the
 * resource-type prefix ("role/path/name" -> "name", "key/1234" -> "1234",
 * "log-group:/aws/x:*" -> "/aws/x"), and a Secrets Manager name without
 * its six-character random suffix ("secret:token-AbCdEf" -> "token").
 */
#include "state/state_impl.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool arn_parse(const char *s, struct arn *a)
{
	const char *p[5];
	const char *cur = s;
	int i;

	if (strncmp(s, "arn:", 4))
		return false;
	cur = s + 4;
	for (i = 0; i < 4; i++) {
		p[i] = cur;
		cur = strchr(cur, ':');
		if (!cur)
			return false;
		cur++;
	}
	p[4] = cur;
	a->partition = xstrndup(p[0], (size_t)(p[1] - p[0] - 1));
	a->service = xstrndup(p[1], (size_t)(p[2] - p[1] - 1));
	a->region = xstrndup(p[2], (size_t)(p[3] - p[2] - 1));
	a->account = xstrndup(p[3], (size_t)(p[4] - p[3] - 1));
	a->resource = xstrdup(p[4]);
	if (!*a->partition || !*a->service || !*a->resource) {
		arn_free(a);
		return false;
	}
	return true;
}

void arn_free(struct arn *a)
{
	free(a->partition);
	free(a->service);
	free(a->region);
	free(a->account);
	free(a->resource);
	memset(a, 0, sizeof(*a));
}

/* Secrets Manager appends "-" and six random characters to a secret's name. */
static char *without_secret_suffix(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 8 || name[n - 7] != '-')
		return NULL;
	for (i = n - 6; i < n; i++)
		if (!isalnum((unsigned char)name[i]))
			return NULL;
	return xstrndup(name, n - 7);
}

const struct state_res *state_arn_lookup(const struct state *st, const struct arn *a,
					 const char *type, state_exact_fn exact)
{
	const char *res = a->resource;
	const char *slash = strchr(res, '/'), *colon = strchr(res, ':');
	const char *last_slash = strrchr(res, '/');
	const struct state_res *r;
	char *candidate = NULL;

	if ((r = exact(st, a->account, a->region, type, res)) != NULL)
		return r;
	if (last_slash && (r = exact(st, a->account, a->region, type, last_slash + 1)) != NULL)
		return r;
	if (slash && (r = exact(st, a->account, a->region, type, slash + 1)) != NULL)
		return r; /* "alias/name" style ids keep their inner slashes */
	if (colon) {
		const char *rest = colon + 1;
		const char *star = strstr(rest, ":*");
		candidate = star && !star[2] ? xstrndup(rest, (size_t)(star - rest)) : xstrdup(rest);
		r = exact(st, a->account, a->region, type, candidate);
		if (!r) {
			char *plain = without_secret_suffix(candidate);
			if (plain)
				r = exact(st, a->account, a->region, type, plain);
			free(plain);
		}
		free(candidate);
	}
	return r;
}
