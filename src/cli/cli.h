/*
 * cli.h - the command line: options shared by the subcommands, the
 * subcommand table and the exit codes of SPEC section 1.
 */
#ifndef CFN_CLI_H
#define CFN_CLI_H

#include <stdbool.h>

#include "engine/engine.h"
#include "report/report.h"
#include "util/diag.h"

/* Exit statuses (SPEC section 1); main returns these and nothing else. */
enum exit_code {
	EXIT_CREATED = 0,   /* the stack would be created */
	EXIT_FAILURE_PREDICTED = 1, /* at least one predicted failure */
	EXIT_INPUT_ERROR = 2,       /* the input could not be used */
	EXIT_UNCERTAIN = 3,         /* no failure, but some outcome is uncertain */
};

struct cli_options {
	const char *command;        /* "check", "graph", ... */
	const char *target;         /* TEMPLATE, SCENARIO, or state's subcommand */
	const char *from;           /* --from DIR (state import) or NULL */
	const char *state_files[8]; /* --state (repeatable for compare) */
	int n_state_files;
	const char *region;         /* --region or NULL */
	const char *account;        /* --account or NULL */
	const char *stack_name;     /* --stack-name or NULL */
	struct value *params;       /* owned map from --param / --params, or NULL */
	unsigned capabilities;      /* --capabilities */
	const char *format;         /* --format or NULL (default by command) */
	const char *output;         /* --output or NULL */
	const char *models_dir;     /* --models or NULL */
	const char *date;           /* --date or NULL (today) */
	bool show_resolved;         /* --show-resolved */
	bool allow_outside;         /* --allow-outside */
	bool quiet;                 /* --quiet */
	bool expect;                /* --expect */
	char today[11];             /* YYYY-MM-DD when --date is absent */
};

struct cli_command {
	const char *name;   /* "check" */
	int (*run)(struct cli_options *o); /* returns an exit code */
	const char *usage;  /* "check TEMPLATE [options]" */
	const char *summary; /* one line for --help */
};

/* Parses argv after the command name into o; returns 0, or -1 with errors in dl. */
int cli_parse_options(int argc, char **argv, struct cli_options *o, struct diag_list *dl);
/* Frees what o owns. */
void cli_options_free(struct cli_options *o);
/* Fills d from o, then the state file's defaults, then cfn-dryrun's
 * (123456789012, us-east-1).  d borrows from o and state. */
void cli_deploy_from_options(const struct cli_options *o, const struct state *state,
			     struct deploy *d);
/* Loads the state file at path (NULL: a new empty state) with o's
 * --allow-outside, checking its types and property names against models
 * (borrowed; NULL: not checked).  Returns new, or NULL with errors in dl. */
struct state *cli_load_state(const struct cli_options *o, const char *path,
			     struct model_set *models, struct diag_list *dl);
/* Writes the report of r in o's format to stdout or --output (atomically).
 * Returns 0, or -1 with an error in dl. */
int cli_write_report(const struct run_result *r, const struct cli_options *o,
		     const char *default_format, struct diag_list *dl);
/* Writes text to stdout or --output (atomically).  Returns 0, or -1 with
 * an error in dl. */
int cli_write_text(const struct strbuf *text, const struct cli_options *o,
		   struct diag_list *dl);
/* Prints the usage of one command, or of all when name is NULL. */
void cli_usage(FILE *out, const char *name);

int cmd_check(struct cli_options *o);
int cmd_graph(struct cli_options *o);
int cmd_scenario(struct cli_options *o);
int cmd_state(struct cli_options *o);
int cmd_compare(struct cli_options *o);
int cmd_plan(struct cli_options *o);

/* Default stack name: the template's file name without directory and extension (new). */
char *cli_default_stack_name(const char *path);
/* The same made a valid stack name ([a-zA-Z][-a-zA-Z0-9]*, at most 128
 * characters: other characters become '-', "stack-" goes before a name that
 * does not start with a letter).  Returns new. */
char *cli_stack_name_from_file(const char *path);

#endif
