/*
 * load_tags.h - the CloudFormation short-form tags and their long forms.
 *
 * "!Sub x" loads as {"Fn::Sub": x}, "!Ref X" as {"Ref": "X"},
 * "!GetAtt A.B" as {"Fn::GetAtt": ["A", "B"]} (split at the first dot).
 * The table lives in load_tags.c; adding a tag is one line there.
 */
#ifndef CFN_LOAD_TAGS_H
#define CFN_LOAD_TAGS_H

#include "value/value.h"

enum cfn_tag_arg {
	CFN_TAG_ANY = 1,   /* the tagged node as loaded */
	CFN_TAG_NAME,      /* a scalar kept as a string (Ref, Condition) */
	CFN_TAG_GETATT,    /* "A.B.C" becomes ["A", "B.C"] */
};

struct cfn_tag {
	const char *tag;      /* as written: "!Sub" */
	const char *key;      /* long form key: "Fn::Sub" */
	enum cfn_tag_arg arg; /* how the tagged node becomes the argument */
};

/* Returns the table entry for tag (e.g. "!Sub"), or NULL if unknown. */
const struct cfn_tag *load_cfn_tag(const char *tag);
/* Takes inner (a node of arena a); returns the long form {key: argument}
 * at pos (new, in a). */
struct value *load_cfn_wrap(struct value_arena *a, const struct cfn_tag *t,
			    struct srcpos pos, struct value *inner);

#endif
