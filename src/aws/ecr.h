/*
 * ecr.h - container image URIs in Amazon ECR:
 *   ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPOSITORY[:TAG|@DIGEST]
 * Other registries (Docker Hub, public.ecr.aws, ...) are not ECR
 * repositories of an account and are not checked.
 */
#ifndef CFN_ECR_H
#define CFN_ECR_H

#include <stdbool.h>

struct ecr_image {
	char *account;    /* owned */
	char *region;     /* owned */
	char *repository; /* owned, may contain '/' */
	char *tag;        /* owned: the tag, "latest" when neither tag nor digest */
	char *digest;     /* owned "sha256:...", or NULL */
};

/* Parses uri into out (new parts).  Returns false (out zeroed) when uri is
 * not a private ECR image URI. */
bool ecr_parse(const char *uri, struct ecr_image *out);
/* Frees the parts. */
void ecr_free(struct ecr_image *img);

#endif
