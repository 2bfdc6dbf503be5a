/*
 * value_json.h - writing value trees as JSON text.
 *
 * Unknown values are written as {"$unknown": "reason"} so that machine
 * readers can tell them from strings.  Numbers keep their source spelling
 * when it is valid JSON.
 */
#ifndef CFN_VALUE_JSON_H
#define CFN_VALUE_JSON_H

#include "util/strbuf.h"
#include "value/value.h"

/* Appends v to out; indent < 0 writes compactly, else pretty-prints with
 * two spaces per level starting at level indent. */
void value_to_json(struct strbuf *out, const struct value *v, int indent);

/* Appends v compactly in CloudFormation's Fn::ToJsonString style
 * (no spaces).  Unknowns are written as above. */
void value_to_json_compact(struct strbuf *out, const struct value *v);

#endif
