/*
 * sub.h - parsing Fn::Sub format strings.
 *
 * "arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}" splits into parts:
 * literal text and variable references.  "${!X}" is the literal "${X}";
 * a "${" with no closing "}" is literal text, as CloudFormation treats it.
 * Used by the dependency graph (which names a Sub refers to) and by the
 * resolver (to substitute).
 */
#ifndef CFN_SUB_H
#define CFN_SUB_H

#include <stddef.h>

enum sub_part_kind {
	SUB_LITERAL = 1, /* text copied as is */
	SUB_VAR,         /* ${name} or ${name.attr} */
};

struct sub_part {
	enum sub_part_kind kind;
	char *text;      /* owned: literal text, or the variable name (before any dot) */
	char *attr;      /* owned: for ${A.B}, "B" (the rest after the first dot); else NULL */
	size_t offset;   /* byte offset of the part in the format string */
};

struct sub_parts {
	struct sub_part *items; /* owned */
	size_t n, cap;
};

/* Parses fmt (borrowed) into parts (new; release with sub_parts_free). */
void sub_parse(const char *fmt, struct sub_parts *out);
/* Frees the parts. */
void sub_parts_free(struct sub_parts *parts);

/* Calls fn for each variable of fmt (borrowed), in order, with what
 * sub_parse's SUB_VAR parts hold: the name and the attribute (NULL when
 * none), borrowed for the call only; the literal text is not built. */
void sub_each_var(const char *fmt, void (*fn)(void *ctx, const char *name, const char *attr),
		  void *ctx);

#endif
