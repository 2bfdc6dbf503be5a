/*
 * ses_identity.c - an SES receipt rule whose bounce action sends from an
 * identity SES has not verified fails (FAILURES.md row 49): the sender's
 * address, or its domain, must be an AWS::SES::EmailIdentity of the
 * region (the state lists verified identities).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool verified(const struct check_env *env, const char *sender)
{
	const char *at = strchr(sender, '@');

	return state_find(env->state, env->deploy->account, env->deploy->region,
			  "AWS::SES::EmailIdentity", sender) ||
	       (at && state_find(env->state, env->deploy->account, env->deploy->region,
				 "AWS::SES::EmailIdentity", at + 1));
}

void check_ses_identity(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	const struct value *actions = lookup_path(r->props, "Rule/Actions");
	size_t i;

	for (i = 0; actions && actions->kind == VALUE_LIST && i < actions->u.list.n; i++) {
		const char *sender = lookup_str(actions->u.list.items[i], "BounceAction/Sender");
		char *path, *fpath;
		struct finding *f;

		if (!sender || verified(env, sender))
			continue;
		path = xstrfmt("Rule/Actions/%zu/BounceAction/Sender", i);
		fpath = check_path(r, path);
		f = check_fail(sink, FC_SES_IDENTITY, check_pos(r, path), fpath,
			       "Identity is not verified: %s", sender);
		finding_set_fix(f, "verify %s (or its domain) in SES in %s first "
			       "(AWS::SES::EmailIdentity)", sender, env->deploy->region);
		free(fpath);
		free(path);
	}
}
