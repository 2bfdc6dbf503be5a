/*
 * report_junit.c - JUnit XML for CI test tabs (GitLab, Jenkins, ...).
 *
 * One testsuite per stack, nested stacks included (flat, named after the
 * nested stack); one testcase per resource: fail is a <failure>, blocked,
 * uncertain and condition-skipped are <skipped> with the reason, create
 * passes.  Stack findings form one more testcase, "(stack)".  Findings are
 * written as GNU lines with their fix in the element's text.
 */
#include "report/report.h"
#include "report/report_util.h"

#include <stdlib.h>
#include <string.h>

static void attr(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addf(out, " %s=\"", name);
	report_add_xml(out, value);
	strbuf_addch(out, '"');
}

/* An attribute holding the stack's label (report_stack_label). */
static void label_attr(struct strbuf *out, const char *name, const struct stack_result *s)
{
	char *label = report_stack_label(s);

	attr(out, name, label);
	free(label);
}

/* The findings of a testcase as text: one GNU line each, fix under it. */
static void findings_text(struct strbuf *out, const struct finding_list *fl,
			  const struct res_result *r, const struct stack_result *s)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < fl->n; i++) {
		const struct finding *f = &fl->items[i];

		strbuf_reset(&line);
		if (report_location(&line, report_pos(f, r), report_template(s)))
			strbuf_addstr(&line, ": ");
		strbuf_addf(&line, "%s: %s [%s]\n", severity_name(f->severity), f->message,
			    finding_code_info(f->code)->code);
		if (f->fix)
			strbuf_addf(&line, "    fix: %s\n", f->fix);
		report_add_xml_text(out, line.buf);
	}
	strbuf_release(&line);
}

static const struct finding *first_error(const struct finding_list *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->items[i].severity == SEV_ERROR)
			return &fl->items[i];
	return fl->n ? &fl->items[0] : NULL;
}

static void skip_reason(struct strbuf *why, const struct res_result *r)
{
	const struct finding *f = first_error(&r->findings);
	size_t k;

	switch (r->status) {
	case STATUS_BLOCKED:
		if (!r->blocked_by.n) {
			strbuf_addstr(why, "not attempted: the stack fails before any resource");
			break;
		}
		strbuf_addstr(why, "blocked by ");
		for (k = 0; k < r->blocked_by.n; k++)
			strbuf_addf(why, "%s%s", k ? ", " : "", r->blocked_by.items[k]);
		break;
	case STATUS_UNCERTAIN:
		strbuf_addf(why, "uncertain: %s", f ? f->message : "the state does not tell");
		break;
	default:
		strbuf_addstr(why, "not created: its Condition is false");
	}
}

static void testcase(struct strbuf *out, const struct res_result *r,
		     const struct stack_result *s)
{
	struct strbuf name = STRBUF_INIT, why = STRBUF_INIT;
	const struct finding *f;

	strbuf_addf(&name, "%s (%s)", r->logical_id, *r->type ? r->type : "no type");
	strbuf_addstr(out, "    <testcase");
	attr(out, "name", name.buf);
	label_attr(out, "classname", s);
	if (*report_template(s))
		attr(out, "file", report_template(s));
	if (r->pos.line)
		strbuf_addf(out, " line=\"%u\"", r->pos.line);
	strbuf_addstr(out, ">\n");
	switch (r->status) {
	case STATUS_FAIL:
		f = first_error(&r->findings);
		strbuf_addstr(out, "      <failure");
		attr(out, "message", f ? f->message : "the create would fail");
		attr(out, "type", f ? finding_code_info(f->code)->code : "fail");
		strbuf_addstr(out, ">");
		findings_text(out, &r->findings, r, s);
		strbuf_addstr(out, "</failure>\n");
		break;
	case STATUS_CREATE:
		break;
	default:
		skip_reason(&why, r);
		strbuf_addstr(out, "      <skipped");
		attr(out, "message", why.buf);
		strbuf_addstr(out, "/>\n");
	}
	if (r->status != STATUS_FAIL && (r->findings.n || r->physical_id)) {
		strbuf_addstr(out, "      <system-out>");
		if (r->physical_id && r->status == STATUS_CREATE) {
			strbuf_addstr(out, "would be created as ");
			report_add_xml(out, r->physical_id);
			strbuf_addch(out, '\n');
		}
		findings_text(out, &r->findings, r, s);
		strbuf_addstr(out, "</system-out>\n");
	}
	strbuf_addstr(out, "    </testcase>\n");
	strbuf_release(&name);
	strbuf_release(&why);
}

static void stack_testcase(struct strbuf *out, const struct stack_result *s)
{
	const struct finding *f = first_error(&s->stack_findings);

	strbuf_addstr(out, "    <testcase name=\"(stack)\"");
	label_attr(out, "classname", s);
	if (*report_template(s))
		attr(out, "file", report_template(s));
	strbuf_addstr(out, ">\n");
	if (finding_list_errors(&s->stack_findings)) {
		strbuf_addstr(out, "      <failure");
		attr(out, "message", f->message);
		attr(out, "type", finding_code_info(f->code)->code);
		strbuf_addstr(out, ">");
		findings_text(out, &s->stack_findings, NULL, s);
		strbuf_addstr(out, "</failure>\n");
	} else {
		strbuf_addstr(out, "      <system-out>");
		findings_text(out, &s->stack_findings, NULL, s);
		strbuf_addstr(out, "</system-out>\n");
	}
	strbuf_addstr(out, "    </testcase>\n");
}

static void property(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addstr(out, "      <property");
	attr(out, "name", name);
	attr(out, "value", value);
	strbuf_addstr(out, "/>\n");
}

static void suite(struct strbuf *out, const struct stack_result *s, int depth)
{
	size_t i, n[STATUS_UNCERTAIN + 1] = { 0 };
	int stack_case = s->stack_findings.n > 0;
	int stack_fails = finding_list_errors(&s->stack_findings) > 0;

	for (i = 0; i < s->n_resources; i++)
		if (s->resources[i].status <= STATUS_UNCERTAIN)
			n[s->resources[i].status]++;
	strbuf_addstr(out, "  <testsuite");
	label_attr(out, "name", s);
	strbuf_addf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\"",
		    s->n_resources + (size_t)stack_case, n[STATUS_FAIL] + (size_t)stack_fails,
		    n[STATUS_BLOCKED] + n[STATUS_UNCERTAIN] + n[STATUS_SKIPPED]);
	if (*report_template(s))
		attr(out, "file", report_template(s));
	strbuf_addstr(out, ">\n    <properties>\n");
	property(out, "account", s->account);
	property(out, "region", s->region);
	property(out, "verdict", result_verdict_name(s->verdict));
	if (s->parent_resource)
		property(out, "parent_resource", s->parent_resource);
	strbuf_addstr(out, "    </properties>\n");
	if (stack_case)
		stack_testcase(out, s);
	for (i = 0; i < s->n_resources; i++)
		testcase(out, &s->resources[i], s);
	strbuf_addstr(out, "  </testsuite>\n");
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			suite(out, &s->nested[i], depth + 1);
}

/* Testcases with findings of the stack itself, counted over all stacks. */
static void count_stack_cases(const struct stack_result *s, size_t *cases, size_t *fails,
			      int depth)
{
	size_t i;

	*cases += s->stack_findings.n > 0;
	*fails += finding_list_errors(&s->stack_findings) > 0;
	if (depth < REPORT_MAX_NESTING)
		for (i = 0; i < s->n_nested; i++)
			count_stack_cases(&s->nested[i], cases, fails, depth + 1);
}

void report_junit(const struct run_result *r, const struct report_options *o,
		  struct strbuf *out)
{
	struct report_counts c;
	size_t i, cases = 0, fails = 0, tests;

	(void)o;
	report_count(r, &c);
	for (i = 0; i < r->n_stacks; i++)
		count_stack_cases(&r->stacks[i], &cases, &fails, 0);
	tests = cases;
	for (i = STATUS_CREATE; i <= STATUS_UNCERTAIN; i++)
		tests += c.n[i];
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addf(out, "<testsuites name=\"cfn-dryrun\" tests=\"%zu\" failures=\"%zu\" "
		    "errors=\"0\" skipped=\"%zu\">\n", tests, c.n[STATUS_FAIL] + fails,
		    c.n[STATUS_BLOCKED] + c.n[STATUS_UNCERTAIN] + c.n[STATUS_SKIPPED]);
	for (i = 0; i < r->n_stacks; i++)
		suite(out, &r->stacks[i], 0);
	strbuf_addstr(out, "</testsuites>\n");
}
