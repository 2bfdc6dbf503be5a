/*
 * eval_int.h - what the files of src/eval share: the resolver's state, the
 * evaluation site (where a value is being resolved and where its errors
 * go), and the entry points each file offers the others.
 *
 * Not for use outside src/eval; the public interface is eval.h.
 */
#ifndef CFN_EVAL_INT_H
#define CFN_EVAL_INT_H

#include "eval/eval.h"
#include "template/refs.h"
#include "util/strbuf.h"

/* Nested evaluation (a condition naming a condition naming a condition...)
 * stops here; value trees themselves are bounded by LOAD_MAX_DEPTH. */
#define EVAL_MAX_DEPTH 400

/* The template block a value is resolved in: functions are allowed per block. */
enum eval_block {
	EVAL_IN_RESOURCES = 1 << 0,
	EVAL_IN_OUTPUTS = 1 << 1,
	EVAL_IN_CONDITIONS = 1 << 2,
	EVAL_IN_RULES = 1 << 3,
};

/* Memo of one entry of the Conditions section. */
struct eval_cond {
	int state;          /* 0 not evaluated, 1 being evaluated, 2 done */
	enum eval_tri value; /* when done */
	char *reason;       /* owned: why EVAL_UNKNOWN, else NULL */
};

struct eval {
	struct eval_env env;        /* borrowed strings */
	struct eval_hooks hooks;    /* copied */
	const char *partition;      /* static string */
	char *stack_id;             /* owned: the AWS::StackId ARN */
	struct value *params;       /* owned map name -> bound value */
	struct value *param_types;  /* owned map name -> Type string */
	const struct template *t;   /* borrowed, after eval_attach */
	bool le;                    /* the template uses AWS::LanguageExtensions */
	struct eval_cond *conds;    /* owned, one per Conditions entry */
	size_t n_conds;
	enum eval_tri *res_cond;    /* owned, one per resource */
	char **res_reason;          /* owned strings, one per resource (NULL when known) */
	enum eval_tri *out_cond;    /* owned, one per output */
	size_t n_uncertain;         /* stack-level outcomes left undecided */
	struct value_arena *arena;  /* borrowed: where resource properties are built, or
				       NULL (the heap) */
};

/* Where a value is being resolved. */
struct eval_site {
	struct eval *ev;              /* the resolver */
	enum eval_block block;        /* which block */
	struct finding_list *stack_fl; /* template-level errors */
	struct finding_list *res_fl;  /* errors shown only at create time */
	struct strbuf path;           /* the base: "Resources/X/Properties" (changed only
					 while no step is pushed) */
	struct refs_step *steps;      /* owned: the levels below the base (a key, a function
					 name, an index) */
	size_t n_steps, cap_steps;    /* in use, allocated */
	struct strbuf full;           /* scratch: base and steps, written for a finding */
	int depth;                    /* nested evaluations, bounded by EVAL_MAX_DEPTH */
	struct value_arena *arena;    /* borrowed: where the walker builds maps, lists and
					 copies (NULL: the heap); NULL inside a function,
					 whose intermediates must not stay in the arena */
};

/* A function handler: call is the whole {"Fn::X": arg} map (borrowed).
 * Returns a new value, or NULL for AWS::NoValue. */
typedef struct value *(*eval_fn)(struct eval_site *s, const struct value *call,
				 const struct value *arg);

struct eval_fn_entry {
	const char *name;  /* "Fn::Join" */
	eval_fn fn;        /* its handler */
	unsigned blocks;   /* enum eval_block bits where it may appear */
	bool le_only;      /* needs the AWS::LanguageExtensions transform */
};

/* ---- eval.c: the walker ---- */

/* Starts a site in block with base path (copied); res_fl may equal stack_fl. */
void eval_site_init(struct eval_site *s, struct eval *ev, enum eval_block block,
		    const char *path, struct finding_list *stack_fl,
		    struct finding_list *res_fl);
/* Releases the site's path. */
void eval_site_release(struct eval_site *s);
/* Resolves v (borrowed): returns new, or NULL for AWS::NoValue. */
struct value *eval_value(struct eval_site *s, const struct value *v);
/* Resolves child key/index of the current path (pushes and pops the path). */
struct value *eval_child(struct eval_site *s, const char *key, size_t index,
			 const struct value *v);
/* Reports an error about call (borrowed): to the resource's list when its
 * arguments depend on something known only at create time, else to the
 * stack's.  Returns the finding (borrowed) for the fix. */
struct finding *eval_error(struct eval_site *s, const struct value *call,
			   enum finding_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reports an error to the stack's list whatever the arguments. */
struct finding *eval_stack_error(struct eval_site *s, struct srcpos pos,
				 enum finding_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* An unknown standing for a failed function (new): its finding says why. */
struct value *eval_failed(const struct value *call, const char *name);
/* A new unknown at pos carrying the reason of the unknown u. */
struct value *eval_unknown_from(struct srcpos pos, const struct value *u);
/* True when raw (borrowed, unresolved) depends on a resource, an import
 * or Fn::GetAZs. */
bool eval_is_runtime(const struct eval *ev, const struct value *raw);
/* The text of a resolved scalar (string, number, bool) as a new string,
 * or NULL for other kinds. */
char *eval_scalar_text(const struct value *v);

/* ---- fns.c: the function table ---- */

/* The table entry for name (borrowed) or NULL. */
const struct eval_fn_entry *eval_fn_lookup(const char *name);
/* Appends "[Fn::Base64, Fn::GetAtt, ...]": the functions of the table
 * allowed in block. */
void eval_fn_list(struct strbuf *out, unsigned block, bool le);

/* ---- Handlers, by file ---- */

/* ref.c */
struct value *eval_fn_ref(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_getatt(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_sub(struct eval_site *s, const struct value *call, const struct value *arg);
/* Resolves the name a Ref or ${name} names (new; NULL = AWS::NoValue). */
struct value *eval_ref_name(struct eval_site *s, const struct value *call, const char *name);
/* pseudo.c: the value of pseudo parameter name (new; NULL for NoValue);
 * *found is false when name is not a pseudo parameter. */
struct value *eval_pseudo(struct eval *ev, const char *name, struct srcpos pos, bool *found);
/* pseudo.c: the AWS::StackId of env (new): a well-formed ARN whose UUID is
 * derived from a hash of account, region and stack name. */
char *eval_make_stack_id(const struct eval_env *env, const char *partition);
/* lists.c */
struct value *eval_fn_join(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_select(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_split(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_length(struct eval_site *s, const struct value *call, const struct value *arg);
/* fns.c */
struct value *eval_fn_base64(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_getazs(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_import(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_tojson(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_transform(struct eval_site *s, const struct value *call, const struct value *arg);
/* cidr.c */
struct value *eval_fn_cidr(struct eval_site *s, const struct value *call, const struct value *arg);
/* Computes count subnets of cidr_bits host bits inside block ("10.0.0.0/16");
 * returns a new list of strings, or NULL with *err (static text) set. */
struct value *eval_cidr(struct srcpos pos, const char *block, long count, long cidr_bits,
			const char **err);
/* azs.c: the AZ names of region as a new list; NULL when the region is unknown. */
struct value *eval_azs(const char *region, struct srcpos pos);
/* mappings.c */
struct value *eval_fn_findinmap(struct eval_site *s, const struct value *call, const struct value *arg);
void eval_check_mappings(struct eval *ev, struct finding_list *fl);
/* cond.c */
struct value *eval_fn_if(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_equals(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_and(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_or(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_not(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_condition(struct eval_site *s, const struct value *call, const struct value *arg);
/* The truth of condition name, evaluating it on first use; NULL pos
 * arguments are fine.  *reason (borrowed) when EVAL_UNKNOWN.  Returns -1
 * when name is not defined. */
int eval_condition_named(struct eval_site *s, const char *name, const char **reason);
/* rules.c */
struct value *eval_fn_contains(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_each_equals(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_each_in(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_refall(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_valueof(struct eval_site *s, const struct value *call, const struct value *arg);
struct value *eval_fn_valueofall(struct eval_site *s, const struct value *call, const struct value *arg);

/* ---- Conversions shared by the handlers ---- */

/* A boolean result of a condition function: true/false, or unknown. */
struct value *eval_tri_value(struct srcpos pos, enum eval_tri t, const char *reason);
/* Reads a resolved condition result: EVAL_UNKNOWN for unknowns (reason
 * borrowed), -1 when v is not a boolean. */
int eval_value_tri(const struct value *v, const char **reason);

#endif
