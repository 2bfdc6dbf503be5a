/*
 * modelgen.h - turning one CloudFormation registry schema into one model
 * line (the generated half of models/, see models/README.md).
 *
 * The generator keeps the part of each schema that cfn-dryrun uses (the
 * JSON Schema keywords CloudFormation validates, read-only attributes,
 * identifiers, create-only properties) and drops the rest (descriptions,
 * formats, cfn-lint's own keywords).  Output is deterministic: keys keep
 * the schema's order and types are written sorted by name.
 */
#ifndef CFN_MODELGEN_H
#define CFN_MODELGEN_H

#include "util/diag.h"
#include "value/value.h"

/* Schemas nest far less than this; deeper is refused as malformed. */
#define MODELGEN_MAX_DEPTH 64

/* Builds the model of one schema.  Borrows schema; returns a new map
 * {"t", "id", "name", "attrs", "co", "schema", "defs"} or NULL with an
 * error in dl (positions point into the schema file). */
struct value *modelgen_build(const struct value *schema, struct diag_list *dl);

#endif
