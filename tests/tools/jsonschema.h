/*
 * jsonschema.h - a JSON Schema validator for the test suite (draft-04 to
 * draft-07 keywords): enough for the official SARIF 2.1.0 schema and for
 * schemas/report.schema.json, offline and deterministic.
 *
 * Supported: type, enum, const, properties, required, additionalProperties,
 * patternProperties, items (one schema), minItems, maxItems, uniqueItems,
 * minimum, maximum, minLength, maxLength, pattern (PCRE2), format (uri,
 * uri-reference, date-time; others are accepted), $ref to "#" or
 * "#/definitions/NAME" / "#/$defs/NAME", allOf, anyOf, oneOf, not.
 * Annotations (title, description, default, examples, $schema, id, $id,
 * $comment, definitions, $defs) are skipped.  Any other keyword is an
 * error, so a schema never seems to check what this validator ignores.
 */
#ifndef CFN_TEST_JSONSCHEMA_H
#define CFN_TEST_JSONSCHEMA_H

#include <stddef.h>

#include "util/strbuf.h"
#include "value/value.h"

/* Nested validations (instance depth plus $ref chains) stop here. */
#define JSONSCHEMA_MAX_DEPTH 1000
/* Error lines kept in the report; later ones are only counted. */
#define JSONSCHEMA_MAX_ERRORS 25

/* Validates instance against schema (both borrowed; schema is also the
 * root that $ref resolves against).  Appends one line per error,
 * "/json/pointer: what is wrong", to errors and returns the number of
 * errors (0 = valid). */
size_t jsonschema_validate(const struct value *schema, const struct value *instance,
			   struct strbuf *errors);

#endif
