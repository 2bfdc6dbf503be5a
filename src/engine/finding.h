/*
 * finding.h - what the engine says about a stack or a resource.
 *
 * A finding is one prediction: a code from codes.def, a severity, the
 * message CloudFormation would print, where in the input the cause was
 * written, and the fix (what to create or change first).  Findings are
 * plain data in the engine's result; report writers format them.
 */
#ifndef CFN_FINDING_H
#define CFN_FINDING_H

#include <stdarg.h>
#include <stddef.h>

#include "util/srcpos.h"

enum severity {
	SEV_INVALID = 0,
	SEV_ERROR,   /* the create fails */
	SEV_WARNING, /* the create may go through, but something is wrong */
	SEV_INFO,    /* advice */
};

enum finding_code {
#define CODE(id, code, sev, name, summary) id,
#include "engine/codes.def"
#undef CODE
	FC_COUNT
};

struct code_info {
	const char *code;      /* "CD1010" */
	enum severity severity; /* default severity */
	const char *name;      /* "unresolved-dependency" */
	const char *summary;   /* one sentence for help and SARIF rules */
};

struct finding {
	enum finding_code code; /* what kind */
	enum severity severity; /* error, warning or info */
	char *message;          /* owned: CloudFormation's wording where it has one */
	char *fix;              /* owned: what to do first; NULL when none */
	char *path;             /* owned: "Resources/X/Properties/Y/0"; NULL when none */
	struct srcpos pos;      /* where the cause is written */
};

struct finding_list {
	struct finding *items; /* owned */
	size_t n, cap;
};

/* The table entry of a code (borrowed, static). */
const struct code_info *finding_code_info(enum finding_code code);
/* Number of codes, for iterating the table. */
size_t finding_code_count(void);
/* "error", "warning", "info". */
const char *severity_name(enum severity sev);

/* Appends a finding with the code's default severity; path and fix may be
 * NULL; the message is printf-formatted.  Returns the new finding
 * (borrowed, valid until the list grows) so callers can set the fix. */
struct finding *finding_add(struct finding_list *list, enum finding_code code,
			    struct srcpos pos, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* finding_add with the arguments as a va_list (borrowed: consumed). */
struct finding *finding_vadd(struct finding_list *list, enum finding_code code,
			     struct srcpos pos, const char *path, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
/* Sets (replacing) the fix of f, printf-formatted. */
void finding_set_fix(struct finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends a deep copy of every finding of src to dst. */
void finding_list_copy(struct finding_list *dst, const struct finding_list *src);
/* Number of findings with severity error. */
size_t finding_list_errors(const struct finding_list *list);
/* Frees the findings and empties the list. */
void finding_list_free(struct finding_list *list);

#endif
