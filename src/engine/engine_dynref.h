/*
 * engine_dynref.h - {{resolve:ssm:NAME}} references the account state can
 * answer: the resolved properties take the parameter's value, as the
 * resource CloudFormation creates does.
 *
 * Only unversioned ssm references to a String or StringList parameter of
 * the stack's own account and region whose Value the state gives are
 * replaced (a StringList raw, untrimmed: cfncompat T6e).  Versioned ones
 * (the state keeps no history), ssm-secure and secretsmanager references
 * (secret values are never in the state) and AWS's public parameters
 * (value not known offline) stay as written, as text.
 */
#ifndef CFN_ENGINE_DYNREF_H
#define CFN_ENGINE_DYNREF_H

#include "engine/engine_sim.h"

/* Replaces, in place, the references of props (a resource's resolved
 * properties; NULL is fine) whose value es's state gives. */
void engine_ssm_substitute(const struct engine_stack *es, struct value *props);

#endif
