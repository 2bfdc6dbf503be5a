/*
 * report_sarif.c - SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
 *
 * One run; one rule per finding code used (from the codes table, with its
 * summary as help); one result per finding, located at FILE:LINE:COLUMN
 * (a finding without a position points at its resource, else at line 1 of
 * its stack's template, since code scanning needs a region).  Every
 * template, nested ones included, is an artifact of its own.  The document
 * is built as a value tree and written by the JSON writer.
 */
#include "engine/physid.h"
#include "report/report.h"
#include "report/report_util.h"
#include "util/srcpos.h"
#include "value/value_json.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

struct sarif {
	struct value *artifacts;       /* borrowed: run.artifacts */
	struct value *results;         /* borrowed: run.results */
	struct strlist uris;           /* file names in artifact order */
	int rule_index[FC_COUNT];      /* code -> index in rules, -1 when unused */
};

/* Appends path as a URI reference: relative paths stay relative (':' is
 * escaped so it is never read as a scheme), absolute ones become file://. */
static void add_uri(struct strbuf *out, const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=@";
	const unsigned char *p;

	if (path[0] == '/')
		strbuf_addstr(out, "file://");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			strbuf_addch(out, *p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

/* The index of file in run.artifacts, adding it on first use. */
static long artifact(struct sarif *sf, const char *file, const struct stack_result *s)
{
	struct strbuf uri = STRBUF_INIT;
	struct value *a, *loc;
	size_t i;

	for (i = 0; i < sf->uris.n; i++)
		if (!strcmp(sf->uris.items[i], file))
			return (long)i;
	strlist_add(&sf->uris, file);
	a = report_add_map(sf->artifacts);
	loc = report_put_map(a, "location");
	add_uri(&uri, file);
	report_put_str(loc, "uri", uri.buf);
	strbuf_release(&uri);
	if (s && !strcmp(report_template(s), file)) {
		struct strbuf d = STRBUF_INIT;

		if (s->parent_resource)
			strbuf_addf(&d, "template of nested stack %s (resource %s)", s->stack,
				    s->parent_resource);
		else
			strbuf_addf(&d, "template of stack %s", s->stack);
		report_put_str(report_put_map(a, "description"), "text", d.buf);
		strbuf_release(&d);
		report_add_str(report_put_list(a, "roles"), "analysisTarget");
	}
	return (long)(sf->uris.n - 1);
}

/* Marks the codes used in s and below, and registers the templates. */
static void scan(struct sarif *sf, const struct stack_result *s, bool used[], int depth)
{
	size_t i, k;

	if (*report_template(s))
		artifact(sf, report_template(s), s);
	for (i = 0; i < s->stack_findings.n; i++)
		used[s->stack_findings.items[i].code] = true;
	for (i = 0; i < s->n_resources; i++)
		for (k = 0; k < s->resources[i].findings.n; k++)
			used[s->resources[i].findings.items[k].code] = true;
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			scan(sf, &s->nested[i], used, depth + 1);
}

static const char *level(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	default: return "note";
	}
}

static const char *group_tag(const char *code)
{
	switch (code[2]) {
	case '1': return "template";
	case '2': return "stack";
	case '3': return "schema";
	case '4': return "prerequisite";
	case '5': return "nested-stack";
	case '6': return "scenario";
	default: return "advice";
	}
}

static void add_rules(struct sarif *sf, struct value *rules, const bool used[])
{
	size_t c;
	int n = 0;

	for (c = 0; c < FC_COUNT; c++) {
		const struct code_info *ci = finding_code_info((enum finding_code)c);
		struct value *rule, *props, *tags;
		struct strbuf help = STRBUF_INIT;

		sf->rule_index[c] = -1;
		if (!used[c])
			continue;
		sf->rule_index[c] = n++;
		rule = report_add_map(rules);
		report_put_str(rule, "id", ci->code);
		report_put_str(rule, "name", ci->name);
		report_put_str(report_put_map(rule, "shortDescription"), "text", ci->summary);
		report_put_str(report_put_map(rule, "fullDescription"), "text", ci->summary);
		strbuf_addf(&help, "%s %s: %s\nEach result's message ends with the fix for that "
			    "case: what to create or change before the stack create.\nSee "
			    "cfn-dryrun help codes, or man cfn-dryrun.", ci->code, ci->name,
			    ci->summary);
		report_put_str(report_put_map(rule, "help"), "text", help.buf);
		strbuf_release(&help);
		report_put_str(report_put_map(rule, "defaultConfiguration"), "level",
			       level(ci->severity));
		props = report_put_map(rule, "properties");
		tags = report_put_list(props, "tags");
		report_add_str(tags, "cloudformation");
		report_add_str(tags, group_tag(ci->code));
	}
}

static void add_fingerprint(struct value *result, const struct finding *f,
			    const struct stack_result *s, const struct res_result *r)
{
	struct strbuf key = STRBUF_INIT;
	char hex[17];

	strbuf_addf(&key, "%s\037%s\037%s\037%s\037%s", finding_code_info(f->code)->code,
		    s->stack, r ? r->logical_id : "", f->path ? f->path : "", f->message);
	snprintf(hex, sizeof(hex), "%016llx",
		 (unsigned long long)physid_hash(key.buf, s->parent_resource ? "nested" : ""));
	report_put_str(report_put_map(result, "partialFingerprints"), "cfnDryrunFinding/v1", hex);
	strbuf_release(&key);
}

static void add_location(struct sarif *sf, struct value *result, const struct finding *f,
			 const struct stack_result *s, const struct res_result *r)
{
	struct srcpos pos = report_pos(f, r);
	const char *file = report_pos_file(pos, report_template(s));
	struct value *loc, *phys, *art, *region, *logical;
	struct strbuf fq = STRBUF_INIT, uri = STRBUF_INIT;

	loc = report_add_map(report_put_list(result, "locations"));
	if (*file) {
		phys = report_put_map(loc, "physicalLocation");
		art = report_put_map(phys, "artifactLocation");
		add_uri(&uri, file);
		report_put_str(art, "uri", uri.buf);
		report_put_int(art, "index", artifact(sf, file, NULL));
		region = report_put_map(phys, "region");
		report_put_int(region, "startLine", pos.line ? (long)pos.line : 1);
		if (pos.line && pos.col)
			report_put_int(region, "startColumn", (long)pos.col);
	}
	logical = report_add_map(report_put_list(loc, "logicalLocations"));
	strbuf_addstr(&fq, s->stack);
	if (r)
		strbuf_addf(&fq, "/%s", r->logical_id);
	report_put_str(logical, "name", r ? r->logical_id : s->stack);
	report_put_str(logical, "fullyQualifiedName", fq.buf);
	report_put_str(logical, "kind", r ? "resource" : "module");
	strbuf_release(&fq);
	strbuf_release(&uri);
}

static void add_result(struct sarif *sf, const struct finding *f,
		       const struct stack_result *s, const struct res_result *r)
{
	const struct code_info *ci = finding_code_info(f->code);
	struct value *res = report_add_map(sf->results), *props;
	struct strbuf msg = STRBUF_INIT;

	report_put_str(res, "ruleId", ci->code);
	report_put_int(res, "ruleIndex", sf->rule_index[f->code]);
	report_put_str(res, "level", level(f->severity));
	strbuf_addstr(&msg, f->message);
	if (f->fix)
		strbuf_addf(&msg, "\nFix: %s", f->fix);
	report_put_str(report_put_map(res, "message"), "text", msg.buf);
	strbuf_release(&msg);
	add_location(sf, res, f, s, r);
	add_fingerprint(res, f, s, r);
	props = report_put_map(res, "properties");
	report_put_str(props, "stack", s->stack);
	report_put_str(props, "variant", s->variant);
	report_put_str(props, "account", s->account);
	report_put_str(props, "region", s->region);
	if (r) {
		report_put_str(props, "resource", r->logical_id);
		report_put_str(props, "resourceType", r->type);
		report_put_str(props, "status", result_status_name(r->status));
	}
	report_put_str(props, "path", f->path);
	report_put_str(props, "fix", f->fix);
}

static void add_results(struct sarif *sf, const struct stack_result *s, int depth)
{
	size_t i, k;

	for (i = 0; i < s->stack_findings.n; i++)
		add_result(sf, &s->stack_findings.items[i], s, NULL);
	for (i = 0; i < s->n_resources; i++)
		for (k = 0; k < s->resources[i].findings.n; k++)
			add_result(sf, &s->resources[i].findings.items[k], s, &s->resources[i]);
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			add_results(sf, &s->nested[i], depth + 1);
}

void report_sarif(const struct run_result *r, const struct report_options *o,
		  struct strbuf *out)
{
	struct value *root = value_map(SRCPOS_NONE), *run, *driver;
	bool used[FC_COUNT] = { false };
	struct sarif sf;
	size_t i;

	(void)o;
	memset(&sf, 0, sizeof(sf));
	report_put_str(root, "$schema", SARIF_SCHEMA);
	report_put_str(root, "version", "2.1.0");
	run = report_add_map(report_put_list(root, "runs"));
	driver = report_put_map(report_put_map(run, "tool"), "driver");
	report_put_str(driver, "name", "cfn-dryrun");
	report_put_str(driver, "fullName", "cfn-dryrun: offline CloudFormation stack create prediction");
	sf.artifacts = report_put_list(run, "artifacts");
	for (i = 0; i < r->n_stacks; i++)
		scan(&sf, &r->stacks[i], used, 0);
	add_rules(&sf, report_put_list(driver, "rules"), used);
	sf.results = report_put_list(run, "results");
	for (i = 0; i < r->n_stacks; i++)
		add_results(&sf, &r->stacks[i], 0);
	report_put_str(run, "columnKind", "unicodeCodePoints");
	value_to_json(out, root, 0);
	strbuf_addch(out, '\n');
	value_free(root);
	strlist_free(&sf.uris);
}
