/*
 * typecheck.h - the template against the resource models: resource types
 * CloudFormation would not recognize, Fn::GetAtt attributes a type does
 * not have, and each resource's properties against its schema.
 *
 * The engine calls typecheck_stack before deciding whether the stack
 * fails; each resource's properties are validated by the property-schema
 * check (src/checks/property_schema.c) when the simulation attempts it.
 */
#ifndef CFN_TYPECHECK_H
#define CFN_TYPECHECK_H

#include <stdbool.h>

#include "engine/result.h"
#include "model/model.h"
#include "state/state.h"
#include "template/template.h"
#include "util/diag.h"

/* Appends stack findings to fl (borrowed): one "Unrecognized resource
 * types: [..]" naming every unrecognized type of t, and one per distinct
 * GetAtt of an attribute its type lacks.  Model data that cannot be read
 * adds errors to dl. */
void typecheck_stack(struct model_set *ms, const struct template *t, const char *region,
		     struct finding_list *fl, struct diag_list *dl);

/* True when a macro transform (not SAM's, not AWS::LanguageExtensions)
 * rewrites t: what CloudFormation validates is the macro's output, so
 * properties are not validated. */
bool typecheck_macro_transform(const struct template *t);

/* Fills out (its functions use ms, borrowed) so the state loader checks
 * the types and property names of a state file against the models. */
void typecheck_state_checks(struct model_set *ms, struct state_checks *out);

#endif
