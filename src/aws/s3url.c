/*
 * s3url.c - parsing S3 object URLs (see s3url.h).
 */
#include "aws/s3url.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes (new). */
static char *decode(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			strbuf_addch(&sb, hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			strbuf_addch(&sb, s[i]);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* Matches an S3 endpoint ("s3", "s3.REGION", "s3-REGION", "s3.dualstack.REGION")
 * followed by ".amazonaws.com" or ".amazonaws.com.cn" covering all of
 * host[0..len).  Returns 1 and sets *region (new or NULL) when it does. */
static int s3_endpoint(const char *host, size_t len, char **region)
{
	static const char *const suffixes[] = { ".amazonaws.com", ".amazonaws.com.cn", NULL };
	const char *const *sfx;
	const char *mid;
	size_t n;

	*region = NULL;
	for (sfx = suffixes; *sfx; sfx++) {
		size_t sl = strlen(*sfx);
		if (len < sl + 2 || memcmp(host + len - sl, *sfx, sl))
			continue;
		n = len - sl;
		if (n < 2 || memcmp(host, "s3", 2))
			continue;
		if (n == 2)
			return 1;
		mid = host + 2;
		if (*mid != '.' && *mid != '-')
			continue;
		mid++;
		n -= 3;
		if (n > 10 && !memcmp(mid, "dualstack.", 10))
			mid += 10, n -= 10;
		if (!n || memchr(mid, '.', n) || !strncmp(mid, "website", 7))
			continue;
		*region = xstrndup(mid, n);
		return 1;
	}
	return 0;
}

/* True when s holds a character that no URI may contain (RFC 3986: controls,
 * space, and "<>\^`{|}). */
static bool uri_chars_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f || strchr("\"<>\\^`{|}", *s))
			return false;
	return true;
}

enum s3url_error s3url_parse(const char *url, struct s3url *out)
{
	const char *host, *slash, *end;
	size_t host_len;
	char *region = NULL;
	const char *dot;

	memset(out, 0, sizeof(*out));
	if (!uri_chars_ok(url))
		return S3URL_NOT_A_URI;
	if (!strncmp(url, "s3://", 5)) {
		const char *b = url + 5, *s = strchr(b, '/');
		out->bucket = s ? xstrndup(b, (size_t)(s - b)) : xstrdup(b);
		return S3URL_S3_SCHEME;
	}
	if (!strncmp(url, "https://", 8))
		host = url + 8;
	else if (!strncmp(url, "http://", 7))
		host = url + 7;
	else
		return S3URL_NOT_A_URL;
	end = url + strcspn(url, "?#");
	slash = memchr(host, '/', (size_t)(end - host));
	host_len = slash ? (size_t)(slash - host) : (size_t)(end - host);
	if (s3_endpoint(host, host_len, &region)) {
		/* path style: /BUCKET/KEY */
		const char *b = slash ? slash + 1 : end;
		const char *k = memchr(b, '/', (size_t)(end - b));
		if (!k || k == b || k + 1 >= end) {
			free(region);
			return S3URL_MALFORMED;
		}
		out->bucket = xstrndup(b, (size_t)(k - b));
		out->key = decode(k + 1, (size_t)(end - k - 1));
		out->region = region;
		return S3URL_OK;
	}
	/* virtual-hosted: BUCKET.ENDPOINT/KEY (bucket names may contain dots) */
	for (dot = memchr(host, '.', host_len); dot; dot = memchr(dot + 1, '.', host_len - (size_t)(dot + 1 - host))) {
		size_t blen = (size_t)(dot - host);
		if (!s3_endpoint(dot + 1, host_len - blen - 1, &region))
			continue;
		if (!blen || !slash || slash + 1 >= end) {
			free(region);
			return S3URL_MALFORMED;
		}
		out->bucket = xstrndup(host, blen);
		out->key = decode(slash + 1, (size_t)(end - slash - 1));
		out->region = region;
		return S3URL_OK;
	}
	return S3URL_NOT_S3;
}

void s3url_free(struct s3url *u)
{
	free(u->bucket);
	free(u->key);
	free(u->region);
	memset(u, 0, sizeof(*u));
}
