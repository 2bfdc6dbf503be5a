/*
 * image_lookup.h - whether an ECR image (ecr.h) is in the account state,
 * for the checks that start containers (ecs_image.c, lambda_image.c).
 *
 * The repository is looked up in the image's own account and region.  A
 * repository that a stack of this deployment creates holds no images (the
 * create cannot push them); a pre-existing one holds the tags its
 * ImageTags extra key lists, and when the state omits ImageTags (or the
 * image is named by digest, which the state does not record) the image is
 * taken to be there, as SPEC section 2 says of unstated properties.
 */
#ifndef CFN_IMAGE_LOOKUP_H
#define CFN_IMAGE_LOOKUP_H

#include "aws/ecr.h"
#include "sim/check.h"

enum image_found {
	IMAGE_FOUND = 1,     /* present, or the state does not say otherwise */
	IMAGE_NO_REPOSITORY, /* no such repository in that account and region */
	IMAGE_NEW_REPOSITORY, /* created by a stack of this deployment: empty */
	IMAGE_NO_TAG,        /* the repository lists its tags, and not this one */
};

/* Looks img up in env's state; *repo receives the repository entry
 * (borrowed) when there is one, else NULL. */
enum image_found image_lookup(const struct check_env *env, const struct ecr_image *img,
			      const struct state_res **repo);
/* What to do about a missing image (new): create the repository, push the
 * tag, or push before the create when the stack itself creates the
 * repository. */
char *image_fix(const struct ecr_image *img, enum image_found found,
		const struct state_res *repo, const char *uri);

/* Records the image as a prerequisite: an AWS::ECR::Image
 * "REPOSITORY:TAG" (or "REPOSITORY@DIGEST") in its account and region. */
void image_need(struct check_sink *sink, const struct ecr_image *img);

#endif
