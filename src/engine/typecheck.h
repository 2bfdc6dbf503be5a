/*
 * typecheck.h - the template against the resource models: resource types
 * CloudFormation would not recognize, Fn::GetAtt attributes a type does
 * not have, and each resource's properties against its schema.
 *
 * The engine calls typecheck_stack before deciding whether the stack
 * fails, and typecheck_resources once the resource results exist.
 */
#ifndef CFN_TYPECHECK_H
#define CFN_TYPECHECK_H

#include <stdbool.h>

#include "engine/result.h"
#include "model/model.h"
#include "template/template.h"
#include "util/diag.h"

/* Appends stack findings to fl (borrowed): one "Unrecognized resource
 * types: [..]" naming every unrecognized type of t, and one per distinct
 * GetAtt of an attribute its type lacks.  Model data that cannot be read
 * adds errors to dl. */
void typecheck_stack(struct model_set *ms, const struct template *t, const char *region,
		     struct finding_list *fl, struct diag_list *dl);

/* Validates the properties of each resource of t against its model,
 * adding the findings to its result in s (also when the stack already
 * fails, so that one run lists every problem).  Until the resolver lands
 * it validates the template's raw Properties (intrinsic functions are not
 * judged) and skips resources with a Condition; a template with a macro
 * transform (other than SAM's and AWS::LanguageExtensions) is not
 * validated, as the macro rewrites what it validates.  Then, unless
 * stack_failed, and until the simulation loop lands, a resource with an
 * error fails and what depends on it is blocked.  Returns true when a
 * resource fails. */
bool typecheck_resources(struct model_set *ms, const struct template *t,
			 struct stack_result *s, bool stack_failed, struct diag_list *dl);

#endif
