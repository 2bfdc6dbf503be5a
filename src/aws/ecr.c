/*
 * ecr.c - parsing ECR image URIs (see ecr.h).
 */
#include "aws/ecr.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

bool ecr_parse(const char *uri, struct ecr_image *out)
{
	const char *p = uri, *dkr, *region, *host_end, *repo, *at, *colon, *slash_last;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < 12; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	dkr = p + 12;
	if (strncmp(dkr, ".dkr.ecr.", 9))
		return false;
	region = dkr + 9;
	host_end = strchr(region, '/');
	if (!host_end)
		return false;
	{
		const char *sfx = strstr(region, ".amazonaws.com");
		if (!sfx || sfx > host_end || sfx == region)
			return false;
		if (sfx + 14 != host_end && strncmp(sfx + 14, ".cn/", 4))
			return false;
		out->region = xstrndup(region, (size_t)(sfx - region));
	}
	out->account = xstrndup(p, 12);
	repo = host_end + 1;
	at = strchr(repo, '@');
	slash_last = strrchr(repo, '/');
	colon = strrchr(slash_last ? slash_last : repo, ':');
	if (at) {
		/* NAME[:TAG]@DIGEST: the digest decides, a tag may stand beside it */
		const char *tag = memchr(slash_last && slash_last < at ? slash_last : repo, ':',
					 (size_t)(at - (slash_last && slash_last < at ? slash_last : repo)));
		out->repository = xstrndup(repo, (size_t)((tag ? tag : at) - repo));
		if (tag)
			out->tag = xstrndup(tag + 1, (size_t)(at - tag - 1));
		out->digest = xstrdup(at + 1);
	} else if (colon) {
		out->repository = xstrndup(repo, (size_t)(colon - repo));
		out->tag = xstrdup(colon + 1);
	} else {
		out->repository = xstrdup(repo);
		out->tag = xstrdup("latest");
	}
	if (!*out->repository || (out->tag && !*out->tag) || (out->digest && !*out->digest)) {
		ecr_free(out);
		return false;
	}
	return true;
}

void ecr_free(struct ecr_image *img)
{
	free(img->account);
	free(img->region);
	free(img->repository);
	free(img->tag);
	free(img->digest);
	memset(img, 0, sizeof(*img));
}
