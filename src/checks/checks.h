/*
 * checks.h - the prerequisite checks, one file each under src/checks/, all
 * with the check_fn signature of sim/check.h.  The table that says which
 * types each applies to is src/checks/checks.c.
 */
#ifndef CFN_CHECKS_H
#define CFN_CHECKS_H

#include "sim/check.h"

/* An explicit name that already exists in its scope (name_collision.c). */
void check_name_collision(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink);

/* The properties against the type's schema (property_schema.c). */
void check_property_schema(const struct check_env *env, const struct check_resource *r,
			   struct check_sink *sink);

/* A value that must name an existing resource (the models' existence rules;
 * existence.c). */
void check_existence(const struct check_env *env, const struct check_resource *r,
		     struct check_sink *sink);

#endif
