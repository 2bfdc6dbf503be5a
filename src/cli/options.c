/*
 * options.c - parsing the options the subcommands share (SPEC section 1),
 * declared as a table for getopt_long, then checked in combination.
 */
#include "cli/cli.h"
#include "engine/typecheck.h"
#include "load/load.h"
#include "util/awsid.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	OPT_STATE = 256, OPT_REGION, OPT_ACCOUNT, OPT_STACK_NAME, OPT_PARAM, OPT_PARAMS,
	OPT_CAPABILITIES, OPT_FORMAT, OPT_OUTPUT, OPT_MODELS, OPT_DATE, OPT_SHOW_RESOLVED,
	OPT_ALLOW_OUTSIDE, OPT_QUIET, OPT_EXPECT, OPT_FROM,
};

static const struct option long_options[] = {
	{ "state", required_argument, NULL, OPT_STATE },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "account", required_argument, NULL, OPT_ACCOUNT },
	{ "stack-name", required_argument, NULL, OPT_STACK_NAME },
	{ "param", required_argument, NULL, OPT_PARAM },
	{ "params", required_argument, NULL, OPT_PARAMS },
	{ "capabilities", required_argument, NULL, OPT_CAPABILITIES },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "models", required_argument, NULL, OPT_MODELS },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "show-resolved", no_argument, NULL, OPT_SHOW_RESOLVED },
	{ "allow-outside", no_argument, NULL, OPT_ALLOW_OUTSIDE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "expect", no_argument, NULL, OPT_EXPECT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	const char *name;
	unsigned bit;
} capability_names[] = {
	{ "CAPABILITY_IAM", CAP_IAM },
	{ "CAPABILITY_NAMED_IAM", CAP_NAMED_IAM },
	{ "CAPABILITY_AUTO_EXPAND", CAP_AUTO_EXPAND },
};

static int parse_capabilities(const char *list, unsigned *out, struct diag_list *dl)
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		int found = 0;

		while (*tok == ' ')
			tok++;
		for (i = 0; i < sizeof(capability_names) / sizeof(capability_names[0]); i++)
			if (!strcmp(tok, capability_names[i].name)) {
				*out |= capability_names[i].bit;
				found = 1;
			}
		if (!found) {
			diag_error(dl, SRCPOS_NONE,
				   "--capabilities: unknown capability '%s' (expected CAPABILITY_IAM, "
				   "CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND)", tok);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

static void set_param(struct cli_options *o, const char *key, struct value *val)
{
	if (!o->params)
		o->params = value_map(SRCPOS_NONE);
	value_map_set(o->params, key, val);
}

static int parse_param(struct cli_options *o, const char *arg, struct diag_list *dl)
{
	const char *eq = strchr(arg, '=');
	char *key;

	if (!eq || eq == arg) {
		diag_error(dl, SRCPOS_NONE, "--param: expected KEY=VALUE, got '%s'", arg);
		return -1;
	}
	key = xstrndup(arg, (size_t)(eq - arg));
	set_param(o, key, value_string(SRCPOS_NONE, eq + 1));
	free(key);
	return 0;
}

/* A parameter value from a file: strings, or numbers and booleans as text. */
static struct value *param_text(const struct value *v, struct diag_list *dl)
{
	switch (v->kind) {
	case VALUE_STRING: return value_string(v->pos, v->u.string.s);
	case VALUE_NUMBER: return value_string(v->pos, v->u.number.text);
	case VALUE_BOOL: return value_string(v->pos, v->u.boolean ? "true" : "false");
	default:
		diag_error(dl, v->pos, "a parameter value must be a string, not a %s",
			   value_kind_name(v->kind));
		return NULL;
	}
}

static int params_cli_list(struct cli_options *o, const struct value *list, struct diag_list *dl)
{
	int rc = 0;

	VALUE_LIST_FOREACH(list, it) {
		const struct value *item = *it, *k, *v;
		struct value *text;

		if (item->kind != VALUE_MAP) {
			diag_error(dl, item->pos, "expected {\"ParameterKey\": ..., \"ParameterValue\": ...}");
			rc = -1;
			continue;
		}
		VALUE_MAP_FOREACH(item, e)
			if (strcmp(e->key, "ParameterKey") && strcmp(e->key, "ParameterValue") &&
			    strcmp(e->key, "UsePreviousValue") && strcmp(e->key, "ResolvedValue")) {
				diag_error(dl, e->key_pos, "unknown key \"%s\" in a parameter entry", e->key);
				rc = -1;
			}
		k = value_map_get(item, "ParameterKey");
		v = value_map_get(item, "ParameterValue");
		if (!value_is_string(k)) {
			diag_error(dl, item->pos, "parameter entry without a string ParameterKey");
			rc = -1;
			continue;
		}
		if (value_map_get(item, "UsePreviousValue")) {
			diag_error(dl, item->pos, "UsePreviousValue has no meaning for a stack create");
			rc = -1;
			continue;
		}
		if (!v) {
			diag_error(dl, item->pos, "parameter %s has no ParameterValue", k->u.string.s);
			rc = -1;
			continue;
		}
		text = param_text(v, dl);
		if (!text) {
			rc = -1;
			continue;
		}
		set_param(o, k->u.string.s, text);
	}
	return rc;
}

static int parse_params_file(struct cli_options *o, const char *path, struct diag_list *dl)
{
	static const struct load_options opt = { LOAD_AUTO, 0, 0, NULL };
	struct value *root = load_file(path, &opt, dl);
	int rc = 0;

	if (!root)
		return -1;
	if (root->kind == VALUE_LIST) {
		rc = params_cli_list(o, root, dl);
	} else if (root->kind == VALUE_MAP) {
		VALUE_MAP_FOREACH(root, e) {
			struct value *text = param_text(e->val, dl);
			if (text)
				set_param(o, e->key, text);
			else
				rc = -1;
		}
	} else {
		diag_error(dl, root->pos,
			   "a parameters file is a list of {ParameterKey, ParameterValue} or a "
			   "{\"Key\": \"Value\"} object, not a %s", value_kind_name(root->kind));
		rc = -1;
	}
	value_free(root);
	return rc;
}

static int check_combinations(struct cli_options *o, struct diag_list *dl)
{
	long day;
	int rc = 0;

	if (o->format && !report_find(o->format)) {
		struct strbuf names = STRBUF_INIT;
		report_list_names(&names);
		diag_error(dl, SRCPOS_NONE, "--format: unknown format '%s' (expected one of: %s)",
			   o->format, names.buf);
		strbuf_release(&names);
		rc = -1;
	}
	if (o->account && !awsid_is_account(o->account)) {
		diag_error(dl, SRCPOS_NONE, "--account: '%s' is not a 12-digit account id", o->account);
		rc = -1;
	}
	if (o->region && !awsid_is_region(o->region)) {
		diag_error(dl, SRCPOS_NONE, "--region: '%s' is not a region code such as us-east-1",
			   o->region);
		rc = -1;
	}
	if (o->date && !date_parse(o->date, &day)) {
		diag_error(dl, SRCPOS_NONE, "--date: '%s' is not a date YYYY-MM-DD", o->date);
		rc = -1;
	}
	if (o->stack_name && !*o->stack_name) {
		diag_error(dl, SRCPOS_NONE, "--stack-name: the name is empty");
		rc = -1;
	}
	if (o->expect && strcmp(o->command, "scenario")) {
		diag_error(dl, SRCPOS_NONE, "--expect is only for the scenario command");
		rc = -1;
	}
	if (o->from && strcmp(o->command, "state")) {
		diag_error(dl, SRCPOS_NONE, "--from is only for state import");
		rc = -1;
	}
	if (o->n_state_files > 1 && strcmp(o->command, "compare")) {
		diag_error(dl, SRCPOS_NONE, "--state is given %d times; only compare takes two",
			   o->n_state_files);
		rc = -1;
	}
	return rc;
}

/* Today's UTC date as YYYY-MM-DD, computed from the day count (the civil
 * calendar from days since 1970-01-01): gmtime_r would first read
 * /etc/localtime, which a UTC date never needs.  Years outside 1000..9999
 * (never, in practice) still go through gmtime_r and strftime. */
static void format_today(char today[11], time_t now)
{
	long long days = (long long)(now / 86400) - (now % 86400 < 0);
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	long long y = yoe + era * 400 + (m <= 2);

	if (y >= 1000 && y <= 9999) {
		snprintf(today, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
	} else {
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(today, 11, "%Y-%m-%d", &tm);
	}
}

int cli_parse_options(int argc, char **argv, struct cli_options *o, struct diag_list *dl)
{
	int c, rc = 0;

	format_today(o->today, time(NULL));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_STATE:
			if (o->n_state_files == (int)(sizeof(o->state_files) / sizeof(o->state_files[0]))) {
				diag_error(dl, SRCPOS_NONE, "--state: too many state files");
				rc = -1;
				break;
			}
			o->state_files[o->n_state_files++] = optarg;
			break;
		case OPT_REGION: o->region = optarg; break;
		case OPT_ACCOUNT: o->account = optarg; break;
		case OPT_STACK_NAME: o->stack_name = optarg; break;
		case OPT_PARAM: rc |= parse_param(o, optarg, dl); break;
		case OPT_PARAMS: rc |= parse_params_file(o, optarg, dl); break;
		case OPT_CAPABILITIES: rc |= parse_capabilities(optarg, &o->capabilities, dl); break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_OUTPUT: o->output = optarg; break;
		case OPT_MODELS: o->models_dir = optarg; break;
		case OPT_DATE: o->date = optarg; break;
		case OPT_SHOW_RESOLVED: o->show_resolved = true; break;
		case OPT_ALLOW_OUTSIDE: o->allow_outside = true; break;
		case OPT_QUIET: o->quiet = true; break;
		case OPT_EXPECT: o->expect = true; break;
		case OPT_FROM: o->from = optarg; break;
		case ':':
			diag_error(dl, SRCPOS_NONE, "option %s needs a value", argv[optind - 1]);
			rc = -1;
			break;
		default:
			diag_error(dl, SRCPOS_NONE, "unknown option '%s' (see cfn-dryrun help %s)",
				   argv[optind - 1], o->command);
			rc = -1;
		}
	}
	if (optind < argc)
		o->target = argv[optind++];
	if (optind < argc) {
		diag_error(dl, SRCPOS_NONE, "unexpected argument '%s'", argv[optind]);
		rc = -1;
	}
	if (!o->target) {
		diag_error(dl, SRCPOS_NONE, "%s: missing %s argument", o->command,
			   !strcmp(o->command, "scenario") ? "SCENARIO"
			   : !strcmp(o->command, "plan") ? "TEMPLATE or SCENARIO"
			   : !strcmp(o->command, "state") ? "SUBCOMMAND (import)" : "TEMPLATE");
		rc = -1;
	}
	if (check_combinations(o, dl) < 0)
		rc = -1;
	return rc ? -1 : 0;
}

void cli_options_free(struct cli_options *o)
{
	value_free(o->params);
	o->params = NULL;
}

char *cli_default_stack_name(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

void cli_deploy_from_options(const struct cli_options *o, const struct state *state,
			     struct deploy *d)
{
	memset(d, 0, sizeof(*d));
	d->account = o->account ? o->account : state_default_account(state);
	if (!d->account)
		d->account = "123456789012";
	d->region = o->region ? o->region : state_default_region(state);
	if (!d->region)
		d->region = "us-east-1";
	d->parameters = o->params;
	d->capabilities = o->capabilities;
	d->date = o->date ? o->date : o->today;
	d->show_resolved = o->show_resolved;
}

struct state *cli_load_state(const struct cli_options *o, const char *path,
			     struct model_set *models, struct diag_list *dl)
{
	struct state_checks checks;
	struct state_options so = { o->allow_outside, NULL };

	if (!path)
		return state_new(NULL);
	if (models) {
		typecheck_state_checks(models, &checks);
		so.checks = &checks;
	}
	return state_load(path, &so, dl);
}
