/*
 * image_lookup.c - ECR images against the account state (see
 * image_lookup.h).
 */
#include "checks/image_lookup.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

enum image_found image_lookup(const struct check_env *env, const struct ecr_image *img,
			      const struct state_res **repo)
{
	const struct value *tags;

	*repo = state_find(env->state, img->account, img->region, "AWS::ECR::Repository",
			   img->repository);
	if (!*repo)
		return IMAGE_NO_REPOSITORY;
	if ((*repo)->stack)
		return IMAGE_NEW_REPOSITORY;
	tags = value_map_get((*repo)->props, "ImageTags");
	if (!tags || tags->kind != VALUE_LIST || !img->tag || img->digest)
		return IMAGE_FOUND;
	VALUE_LIST_FOREACH(tags, it)
		if (value_str(*it) && !strcmp(value_str(*it), img->tag))
			return IMAGE_FOUND;
	return IMAGE_NO_TAG;
}

char *image_fix(const struct ecr_image *img, enum image_found found,
		const struct state_res *repo, const char *uri)
{
	switch (found) {
	case IMAGE_NO_REPOSITORY:
		return xstrfmt("create the ECR repository %s in account %s, region %s, and push %s to "
			       "it before the create (docker push %s)", img->repository,
			       img->account, img->region, img->tag ? img->tag : img->digest, uri);
	case IMAGE_NEW_REPOSITORY:
		return xstrfmt("repository %s is created by stack %s of this deployment, so it is "
			       "empty when the containers start: create the repository in an "
			       "earlier stack and push %s before this one, or build the image in "
			       "the pipeline before the create", img->repository, repo->stack, uri);
	case IMAGE_NO_TAG:
		return xstrfmt("push the image tag %s to repository %s first (docker push %s), or "
			       "use a tag it has", img->tag, img->repository, uri);
	case IMAGE_FOUND:
		break;
	}
	return xstrfmt("push %s first", uri);
}

void image_need(struct check_sink *sink, const struct ecr_image *img)
{
	char *id = img->digest ? xstrfmt("%s@%s", img->repository, img->digest)
			       : xstrfmt("%s:%s", img->repository, img->tag);

	check_need(sink, "AWS::ECR::Image", img->account, img->region, id);
	free(id);
}
