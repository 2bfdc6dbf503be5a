/*
 * lambda_image.c - a Lambda function of PackageType Image: Lambda reads
 * the image when the function is created, from ECR in the function's own
 * region, so an image never pushed fails the create ("Source image URI
 * does not exist. Provide a valid source image."), and one in another
 * region is refused ("... is not valid. ...") (FAILURES.md row 33).
 */
#include "checks/checks.h"
#include "checks/image_lookup.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

void check_lambda_image(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	const char *type = value_str(value_map_get(r->props, "PackageType"));
	const struct value *uri = value_map_get(value_map_get(r->props, "Code"), "ImageUri");
	const struct state_res *repo;
	struct ecr_image img;
	enum image_found found;
	struct finding *f;
	char *path, *fix;

	if (!type || strcmp(type, "Image") || !uri)
		return;
	path = check_path(r, "Code/ImageUri");
	if (uri->kind == VALUE_UNKNOWN && !uri->u.unknown.origin) {
		f = check_uncertain(sink, FC_IMAGE_UNVERIFIED, check_pos(r, "Code/ImageUri"), path,
				    "whether the function's image exists cannot be told: %s",
				    uri->u.unknown.reason);
		finding_set_fix(f, "give the values the image URI is built from");
	} else if (value_str(uri) && !strstr(value_str(uri), "{{resolve:") &&
		   ecr_parse(value_str(uri), &img)) {
		if (strcmp(img.region, env->deploy->region)) {
			f = check_fail(sink, FC_IMAGE_MISSING, check_pos(r, "Code/ImageUri"), path,
				       "Source image %s is not valid. Provide a valid source image.",
				       value_str(uri));
			finding_set_fix(f, "Lambda pulls images only from ECR in the function's region "
					"(%s): push the image to a repository in %s (or replicate "
					"repository %s there) and use that URI", env->deploy->region,
					env->deploy->region, img.repository);
		} else if ((found = image_lookup(env, &img, &repo)) != IMAGE_FOUND) {
			f = check_fail(sink, FC_IMAGE_MISSING, check_pos(r, "Code/ImageUri"), path,
				       "Source image %s does not exist. Provide a valid source image.",
				       value_str(uri));
			fix = image_fix(&img, found, repo, value_str(uri));
			finding_set_fix(f, "%s", fix);
			if (found != IMAGE_NEW_REPOSITORY) /* creating it first would collide with the stack */
				image_need(sink, &img);
			free(fix);
		}
		ecr_free(&img);
	}
	free(path);
}
