/*
 * main.c - cfn-dryrun's entry point: find the subcommand in the table,
 * parse its options, run it, return its exit code.
 */
#include "cli/cli.h"
#include "util/srcpos.h"
#include "util/timings.h"

#include <stdio.h>
#include <string.h>

#include "config.h"

static const struct cli_command commands[] = {
	{ "check", cmd_check, "check TEMPLATE [options]", "predict a single stack create" },
	{ "graph", cmd_graph, "graph TEMPLATE [options]", "dependency graph (DOT by default)" },
	{ "scenario", cmd_scenario, "scenario SCENARIO.yaml [--expect] [options]",
	  "several stacks, accounts, regions" },
	{ "state", cmd_state, "state import --from DIR [--output FILE]",
	  "build a state file from saved AWS CLI outputs" },
	{ "compare", cmd_compare, "compare TEMPLATE --state A --state B [options]",
	  "same stack, two account states: what differs" },
	{ "plan", cmd_plan, "plan TEMPLATE|SCENARIO [options]",
	  "creation waves + ordered prerequisite steps (teaching view)" },
	{ NULL, NULL, NULL, NULL },
};

static const char options_help[] =
	"Options:\n"
	"  --state FILE          account-state file (default: an empty account; compare: two)\n"
	"  --region R            region of the stack (default: the state's, else us-east-1)\n"
	"  --account ID          account of the stack (default: the state's, else 123456789012)\n"
	"  --stack-name NAME     stack name (default: the template file name)\n"
	"  --param KEY=VALUE     a parameter value (repeatable)\n"
	"  --params FILE         parameter values: [{\"ParameterKey\":..,\"ParameterValue\":..}] or {\"Key\":\"Value\"}\n"
	"  --capabilities LIST   CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND\n"
	"  --format F            report format: %s\n"
	"  --output FILE         write the report to FILE (atomically)\n"
	"  --models DIR          extra model directory, searched first\n"
	"  --date YYYY-MM-DD     the day the create is judged on (default: today)\n"
	"  --show-resolved       add each resource's resolved properties to the JSON report\n"
	"  --quiet               text format: the summary line only\n"
	"  --from DIR            state import: the folder of AWS CLI outputs (see man cfn-dryrun)\n"
	"\n"
	"Exit status: 0 would be created, 1 a failure is predicted, 2 unusable input,\n"
	"3 no failure predicted but some outcome is uncertain; compare: 0 same verdicts\n"
	"in both states, 1 the verdicts differ.\n";

static const struct cli_command *find_command(const char *name)
{
	const struct cli_command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* "cfn-dryrun help codes": every finding code with its severity and meaning. */
static void print_codes(FILE *out)
{
	size_t i;

	for (i = 0; i < finding_code_count(); i++) {
		const struct code_info *c = finding_code_info((enum finding_code)i);
		fprintf(out, "%s  %-7s  %-28s %s\n", c->code, severity_name(c->severity), c->name,
			c->summary);
	}
}

void cli_usage(FILE *out, const char *name)
{
	const struct cli_command *c;
	struct strbuf formats = STRBUF_INIT;

	report_list_names(&formats);
	fprintf(out, "Usage:\n");
	for (c = commands; c->name; c++)
		if (!name || !strcmp(name, c->name))
			fprintf(out, "  cfn-dryrun %-40s %s\n", c->usage, c->summary);
	if (!name)
		fprintf(out, "  cfn-dryrun %-40s %s\n", "--version | --help | help COMMAND",
			"this help, or one command's");
	if (!name)
		fprintf(out, "  cfn-dryrun %-40s %s\n", "help codes", "every finding code and what it means");
	fprintf(out, "\n");
	fprintf(out, options_help, formats.buf);
	strbuf_release(&formats);
}

int main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_options o;
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;

	timings_init();
	if (argc < 2) {
		cli_usage(stderr, NULL);
		return EXIT_INPUT_ERROR;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("cfn-dryrun %s\n", PACKAGE_VERSION);
		return EXIT_CREATED;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		const char *topic = argc > 2 && strcmp(argv[1], "help") == 0 ? argv[2] : NULL;
		if (topic && !strcmp(topic, "codes")) {
			print_codes(stdout);
			return EXIT_CREATED;
		}
		if (topic && !find_command(topic)) {
			fprintf(stderr, "cfn-dryrun: error: no help for '%s'\n", topic);
			return EXIT_INPUT_ERROR;
		}
		cli_usage(stdout, topic);
		return EXIT_CREATED;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "cfn-dryrun: error: unknown command '%s'\n", argv[1]);
		cli_usage(stderr, NULL);
		return EXIT_INPUT_ERROR;
	}
	memset(&o, 0, sizeof(o));
	o.command = cmd->name;
	if (cli_parse_options(argc - 1, argv + 1, &o, &dl) < 0) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		cli_options_free(&o);
		srcfile_reset();
		return EXIT_INPUT_ERROR;
	}
	rc = cmd->run(&o);
	cli_options_free(&o);
	srcfile_reset();
	timings_print(stderr);
	return rc;
}
