/*
 * dynref.c - finding and parsing dynamic references (see dynref.h).
 */
#include "aws/dynref.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *dynref_service_name(enum dynref_service s)
{
	switch (s) {
	case DYNREF_SSM: return "ssm";
	case DYNREF_SSM_SECURE: return "ssm-secure";
	case DYNREF_SECRETSMANAGER: return "secretsmanager";
	default: return "?";
	}
}

/* Splits s[0..len) at ':' into at most max parts (new strings); returns the
 * count, or max + 1 when there are more. */
static size_t split(const char *s, size_t len, char **parts, size_t max)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ':')
			continue;
		if (n == max) {
			return max + 1;
		}
		parts[n++] = xstrndup(s + start, i - start);
		start = i + 1;
	}
	return n;
}

/* Length of the ARN prefix of s[0..len) with the given number of ':'
 * separated fields (arn:partition:service:region:account:...), or 0. */
static size_t arn_length(const char *s, size_t len, int fields)
{
	size_t i;
	int colons = 0;

	if (len < 4 || memcmp(s, "arn:", 4))
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] == ':' && ++colons == fields)
			return i;
	return len;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Parameter names: letters, digits and _ . - / (the documented pattern
 * [a-zA-Z0-9_.-/]+); a parameter ARN ends in parameter/NAME. */
static bool ssm_name_ok(const char *name)
{
	const char *p = name;

	if (!strncmp(name, "arn:", 4)) {
		p = strstr(name, ":parameter/");
		if (!p)
			return false;
		p += 11;
	}
	if (!*p)
		return false;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.-/", *p))
			return false;
	return true;
}

static void parse_ssm(struct dynref *d, const char *body, size_t len)
{
	size_t id_len = arn_length(body, len, 6); /* arn:aws:ssm:r:a:parameter/name */
	const char *colon;

	if (!id_len) {
		colon = memchr(body, ':', len);
		id_len = colon ? (size_t)(colon - body) : len;
	}
	d->name = xstrndup(body, id_len);
	if (id_len < len) {
		d->version = xstrndup(body + id_len + 1, len - id_len - 1);
		if (!all_digits(d->version))
			d->malformed = true;
	}
	if (!ssm_name_ok(d->name))
		d->malformed = true;
}

static char *nonempty(char *s)
{
	if (s && !*s) {
		free(s);
		return NULL;
	}
	return s;
}

static void parse_secret(struct dynref *d, const char *body, size_t len)
{
	size_t id_len = arn_length(body, len, 7); /* arn:aws:secretsmanager:r:a:secret:name */
	char *parts[4] = { NULL, NULL, NULL, NULL };
	size_t n = 0, i;
	const char *colon;

	if (!id_len) {
		colon = memchr(body, ':', len);
		id_len = colon ? (size_t)(colon - body) : len;
	}
	d->name = xstrndup(body, id_len);
	if (!*d->name)
		d->malformed = true;
	if (id_len < len) {
		n = split(body + id_len + 1, len - id_len - 1, parts, 4);
		if (n > 4) {
			d->malformed = true;
			n = 4;
		}
	}
	if (n >= 1 && *parts[0] && strcmp(parts[0], "SecretString"))
		d->malformed = true;
	d->json_key = n >= 2 ? nonempty(parts[1]) : NULL;
	d->version_stage = n >= 3 ? nonempty(parts[2]) : NULL;
	d->version_id = n >= 4 ? nonempty(parts[3]) : NULL;
	free(parts[0]);
	for (i = n; i < 4; i++)
		free(parts[i]);
}

void dynref_scan(const char *s, struct dynref_list *out)
{
	static const struct {
		const char *prefix;
		enum dynref_service service;
	} services[] = {
		{ "{{resolve:ssm-secure:", DYNREF_SSM_SECURE },
		{ "{{resolve:ssm:", DYNREF_SSM },
		{ "{{resolve:secretsmanager:", DYNREF_SECRETSMANAGER },
	};
	const char *p = s;

	while ((p = strstr(p, "{{resolve:")) != NULL) {
		const char *end = strstr(p, "}}");
		struct dynref *d;
		size_t i, plen = 0;

		for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
			if (!strncmp(p, services[i].prefix, strlen(services[i].prefix))) {
				plen = strlen(services[i].prefix);
				break;
			}
		if (!plen || !end) {
			p += 10;
			continue;
		}
		XGROW(out->items, out->cap, out->n + 1);
		d = &out->items[out->n++];
		memset(d, 0, sizeof(*d));
		d->service = services[i].service;
		d->offset = (size_t)(p - s);
		d->text = xstrndup(p, (size_t)(end + 2 - p));
		if (d->service == DYNREF_SECRETSMANAGER)
			parse_secret(d, p + plen, (size_t)(end - p) - plen);
		else
			parse_ssm(d, p + plen, (size_t)(end - p) - plen);
		p = end + 2;
	}
}

void dynref_list_free(struct dynref_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct dynref *d = &l->items[i];
		free(d->text);
		free(d->name);
		free(d->version);
		free(d->json_key);
		free(d->version_stage);
		free(d->version_id);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

char *dynref_ssm_name(const char *name, char **account, char **region)
{
	const char *p[5], *cur = name, *res;
	int i;

	*account = *region = NULL;
	if (strncmp(name, "arn:", 4))
		return xstrdup(name);
	cur = name + 4;
	for (i = 0; i < 4 && cur; i++) {
		p[i] = cur;
		cur = strchr(cur, ':');
		if (cur)
			cur++;
	}
	res = cur ? strstr(cur, "parameter/") : NULL;
	if (!res || res != cur)
		return xstrdup(name); /* not a parameter ARN: the caller judges it as written */
	*region = xstrndup(p[2], (size_t)(p[3] - p[2] - 1));
	*account = xstrndup(p[3], (size_t)(cur - p[3] - 1));
	res += 10;
	return strchr(res, '/') ? xstrfmt("/%s", res) : xstrdup(res);
}

bool dynref_secret_suffixed(const char *id)
{
	size_t n = strlen(id), i;

	if (!strncmp(id, "arn:", 4) || n < 8 || id[n - 7] != '-')
		return false;
	for (i = n - 6; i < n; i++)
		if (!isalnum((unsigned char)id[i]))
			return false;
	return true;
}

size_t dynref_each(const char *s, void (*fn)(void *ctx, const struct dynref *d), void *ctx)
{
	struct dynref_list l = { NULL, 0, 0 };
	size_t k, n;

	if (!strstr(s, "{{resolve:"))
		return 0;
	dynref_scan(s, &l);
	for (k = 0; fn && k < l.n; k++)
		fn(ctx, &l.items[k]);
	n = l.n;
	dynref_list_free(&l);
	return n;
}
