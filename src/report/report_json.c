/*
 * report_json.c - the JSON report (SPEC section 4), with cfn-dryrun's
 * extensions (schemas/report.schema.json): each stack's variant, the
 * comparison of variants (compare) and the plans (plan).
 */
#include "report/report.h"
#include "util/srcpos.h"
#include "value/value_json.h"

/* A string literal's bytes, its length known at compile time. */
#define LIT(out, s) strbuf_add((out), (s), sizeof(s) - 1)

static void indent(struct strbuf *out, int level)
{
	static const char spaces[] = "                                "; /* 32 */

	while (level > 16) {
		strbuf_add(out, spaces, 32);
		level -= 16;
	}
	if (level > 0)
		strbuf_add(out, spaces, (size_t)level * 2);
}

/* An object key at level: a literal name (plain ASCII, nothing to escape). */
#define KEY(out, level, name) (indent((out), (level)), LIT((out), "\"" name "\": "))

static void add_int(struct strbuf *out, int n)
{
	if (n < 0) {
		strbuf_addch(out, '-');
		strbuf_add_size(out, (size_t)(0U - (unsigned)n));
	} else {
		strbuf_add_size(out, (size_t)n);
	}
}

static void string_or_null(struct strbuf *out, const char *s)
{
	if (s)
		strbuf_add_json_string(out, s);
	else
		LIT(out, "null");
}

static void strlist_json(struct strbuf *out, const struct strlist *l)
{
	size_t i;

	strbuf_addch(out, '[');
	for (i = 0; i < l->n; i++) {
		if (i)
			LIT(out, ", ");
		strbuf_add_json_string(out, l->items[i]);
	}
	strbuf_addch(out, ']');
}

static void finding_json(struct strbuf *out, int level, const struct finding *f)
{
	indent(out, level);
	LIT(out, "{\"code\": ");
	strbuf_add_json_string(out, finding_code_info(f->code)->code);
	LIT(out, ", \"severity\": ");
	strbuf_add_json_string(out, severity_name(f->severity));
	LIT(out, ", \"message\": ");
	strbuf_add_json_string(out, f->message);
	LIT(out, ", \"path\": ");
	string_or_null(out, f->path);
	LIT(out, ", \"file\": ");
	string_or_null(out, f->pos.file ? srcfile_name(f->pos.file) : NULL);
	if (f->pos.line) {
		LIT(out, ", \"line\": ");
		strbuf_add_size(out, f->pos.line);
		LIT(out, ", \"column\": ");
		strbuf_add_size(out, f->pos.col);
	} else {
		LIT(out, ", \"line\": null, \"column\": null");
	}
	LIT(out, ", \"fix\": ");
	string_or_null(out, f->fix);
	strbuf_addch(out, '}');
}

static void findings_json(struct strbuf *out, int level, const struct finding_list *fl)
{
	size_t i;

	if (!fl->n) {
		LIT(out, "[]");
		return;
	}
	LIT(out, "[\n");
	for (i = 0; i < fl->n; i++) {
		finding_json(out, level + 1, &fl->items[i]);
		strbuf_addstr(out, i + 1 < fl->n ? ",\n" : "\n");
	}
	indent(out, level);
	strbuf_addch(out, ']');
}

static void resource_json(struct strbuf *out, int level, const struct res_result *r,
			  const struct report_options *o)
{
	indent(out, level);
	LIT(out, "{\n");
	KEY(out, level + 1, "logical_id");
	strbuf_add_json_string(out, r->logical_id);
	LIT(out, ",\n");
	KEY(out, level + 1, "type");
	strbuf_add_json_string(out, r->type);
	LIT(out, ",\n");
	KEY(out, level + 1, "status");
	strbuf_add_json_string(out, result_status_name(r->status));
	LIT(out, ",\n");
	KEY(out, level + 1, "wave");
	add_int(out, r->wave);
	LIT(out, ",\n");
	KEY(out, level + 1, "physical_id");
	string_or_null(out, r->physical_id);
	LIT(out, ",\n");
	KEY(out, level + 1, "blocked_by");
	strlist_json(out, &r->blocked_by);
	LIT(out, ",\n");
	KEY(out, level + 1, "depends_on");
	strlist_json(out, &r->depends_on);
	LIT(out, ",\n");
	if (o->show_resolved) {
		KEY(out, level + 1, "properties");
		if (r->properties)
			value_to_json(out, r->properties, level + 1);
		else
			LIT(out, "null");
		LIT(out, ",\n");
	}
	KEY(out, level + 1, "findings");
	findings_json(out, level + 1, &r->findings);
	strbuf_addch(out, '\n');
	indent(out, level);
	strbuf_addch(out, '}');
}

/* The fields a prerequisite and a plan step share, after their "type". */
static void where_json(struct strbuf *out, const char *account, const char *region,
		       const char *id, const char *by_property, const struct value *properties)
{
	LIT(out, ", \"account\": ");
	strbuf_add_json_string(out, account);
	LIT(out, ", \"region\": ");
	strbuf_add_json_string(out, region);
	LIT(out, ", \"id\": ");
	strbuf_add_json_string(out, id);
	if (by_property) {
		LIT(out, ", \"by_property\": ");
		strbuf_add_json_string(out, by_property);
	}
	if (properties) {
		LIT(out, ", \"properties\": ");
		value_to_json_compact(out, properties);
	}
}

static void prereq_json(struct strbuf *out, int level, const struct prereq *p)
{
	indent(out, level);
	LIT(out, "{\"type\": ");
	strbuf_add_json_string(out, p->type);
	where_json(out, p->account, p->region, p->id, p->by_property, p->properties);
	LIT(out, ", \"needed_by\": ");
	strlist_json(out, &p->needed_by);
	strbuf_addch(out, '}');
}

static void stack_json(struct strbuf *out, int level, const struct stack_result *s,
		       const struct report_options *o)
{
	size_t i;

	indent(out, level);
	LIT(out, "{\n");
	KEY(out, level + 1, "stack");
	strbuf_add_json_string(out, s->stack);
	LIT(out, ",\n");
	if (s->variant) {
		KEY(out, level + 1, "variant");
		strbuf_add_json_string(out, s->variant);
		LIT(out, ",\n");
	}
	if (s->parent_resource) {
		KEY(out, level + 1, "parent_resource");
		strbuf_add_json_string(out, s->parent_resource);
		LIT(out, ",\n");
	}
	KEY(out, level + 1, "account");
	strbuf_add_json_string(out, s->account);
	LIT(out, ",\n");
	KEY(out, level + 1, "region");
	strbuf_add_json_string(out, s->region);
	LIT(out, ",\n");
	KEY(out, level + 1, "template");
	string_or_null(out, s->template_file);
	LIT(out, ",\n");
	KEY(out, level + 1, "verdict");
	strbuf_add_json_string(out, result_verdict_name(s->verdict));
	LIT(out, ",\n");
	KEY(out, level + 1, "capabilities");
	strlist_json(out, &s->capabilities);
	LIT(out, ",\n");
	KEY(out, level + 1, "stack_findings");
	findings_json(out, level + 1, &s->stack_findings);
	LIT(out, ",\n");
	KEY(out, level + 1, "resources");
	if (!s->n_resources) {
		LIT(out, "[]");
	} else {
		LIT(out, "[\n");
		for (i = 0; i < s->n_resources; i++) {
			resource_json(out, level + 2, &s->resources[i], o);
			strbuf_addstr(out, i + 1 < s->n_resources ? ",\n" : "\n");
		}
		indent(out, level + 1);
		strbuf_addch(out, ']');
	}
	LIT(out, ",\n");
	KEY(out, level + 1, "prerequisites");
	if (!s->n_prereqs) {
		LIT(out, "[]");
	} else {
		LIT(out, "[\n");
		for (i = 0; i < s->n_prereqs; i++) {
			prereq_json(out, level + 2, &s->prereqs[i]);
			strbuf_addstr(out, i + 1 < s->n_prereqs ? ",\n" : "\n");
		}
		indent(out, level + 1);
		strbuf_addch(out, ']');
	}
	LIT(out, ",\n");
	KEY(out, level + 1, "outputs");
	if (s->outputs)
		value_to_json(out, s->outputs, level + 1);
	else
		LIT(out, "{}");
	LIT(out, ",\n");
	KEY(out, level + 1, "nested");
	if (!s->n_nested) {
		LIT(out, "[]");
	} else {
		LIT(out, "[\n");
		for (i = 0; i < s->n_nested; i++) {
			stack_json(out, level + 2, &s->nested[i], o);
			strbuf_addstr(out, i + 1 < s->n_nested ? ",\n" : "\n");
		}
		indent(out, level + 1);
		strbuf_addch(out, ']');
	}
	strbuf_addch(out, '\n');
	indent(out, level);
	strbuf_addch(out, '}');
}

/* ---- Extensions: the comparison of variants, the plans ---- */

static void side_json(struct strbuf *out, const char *variant, const struct diff_side *d)
{
	LIT(out, "{\"variant\": ");
	strbuf_add_json_string(out, variant);
	LIT(out, ", \"outcome\": ");
	strbuf_add_json_string(out, d->outcome);
	LIT(out, ", \"reason\": ");
	string_or_null(out, d->reason);
	LIT(out, ", \"fix\": ");
	string_or_null(out, d->fix);
	LIT(out, ", \"codes\": ");
	strlist_json(out, &d->codes);
	strbuf_addch(out, '}');
}

static void comparison_json(struct strbuf *out, const struct comparison *c)
{
	size_t i, k;

	LIT(out, ",\n  \"comparison\": {\n    \"variants\": ");
	strlist_json(out, &c->variants);
	strbuf_addf(out, ",\n    \"verdicts_differ\": %s,\n    \"differences\": [",
		    c->verdicts_differ ? "true" : "false");
	for (i = 0; i < c->n_rows; i++) {
		const struct diff_row *row = &c->rows[i];

		strbuf_addstr(out, i ? ",\n" : "\n");
		LIT(out, "      {\"stack\": ");
		strbuf_add_json_string(out, row->stack);
		LIT(out, ", \"logical_id\": ");
		string_or_null(out, row->logical_id);
		LIT(out, ", \"type\": ");
		string_or_null(out, row->type);
		LIT(out, ",\n       \"sides\": [");
		for (k = 0; k < c->variants.n; k++) {
			strbuf_addstr(out, k ? ",\n         " : "\n         ");
			side_json(out, c->variants.items[k], &row->sides[k]);
		}
		LIT(out, "]}");
	}
	strbuf_addstr(out, c->n_rows ? "\n    ]\n  }" : "]\n  }");
}

static void step_json(struct strbuf *out, size_t number, const struct plan_step *st)
{
	strbuf_addf(out, "        {\"number\": %zu, \"kind\": \"%s\", \"type\": ", number,
		    st->kind == PLAN_STEP_DEPLOY ? "deploy" : "prerequisite");
	string_or_null(out, st->type);
	where_json(out, st->account, st->region, st->id, st->by_property, st->properties);
	LIT(out, ",\n         \"stack\": ");
	strbuf_add_json_string(out, st->stack);
	LIT(out, ", \"needed_by\": ");
	strlist_json(out, &st->needed_by);
	LIT(out, ",\n         \"text\": ");
	strbuf_add_json_string(out, st->text);
	LIT(out, ",\n         \"why\": ");
	string_or_null(out, st->why);
	LIT(out, ",\n         \"blocker\": ");
	string_or_null(out, st->blocker);
	strbuf_addch(out, '}');
}

static void unfixed_json(struct strbuf *out, const struct plan_unfixed *u)
{
	LIT(out, "        {\"stack\": ");
	strbuf_add_json_string(out, u->stack);
	LIT(out, ", \"logical_id\": ");
	string_or_null(out, u->logical_id);
	LIT(out, ", \"code\": ");
	strbuf_add_json_string(out, u->code);
	LIT(out, ",\n         \"message\": ");
	strbuf_add_json_string(out, u->message);
	LIT(out, ",\n         \"fix\": ");
	string_or_null(out, u->fix);
	strbuf_addch(out, '}');
}

static void plan_json(struct strbuf *out, const struct plan *p)
{
	size_t i;

	LIT(out, "    {\"variant\": ");
	string_or_null(out, p->variant);
	strbuf_addf(out, ", \"rounds\": %d,\n      \"steps\": [", p->rounds);
	for (i = 0; i < p->n_steps; i++) {
		strbuf_addstr(out, i ? ",\n" : "\n");
		step_json(out, i + 1, &p->steps[i]);
	}
	strbuf_addstr(out, p->n_steps ? "\n      ],\n      \"unfixed\": [" : "],\n      \"unfixed\": [");
	for (i = 0; i < p->n_unfixed; i++) {
		strbuf_addstr(out, i ? ",\n" : "\n");
		unfixed_json(out, &p->unfixed[i]);
	}
	strbuf_addstr(out, p->n_unfixed ? "\n      ],\n      \"after\": {" : "],\n      \"after\": {");
	for (i = 0; i < p->after_stacks.n; i++) {
		strbuf_addstr(out, i ? ", " : "");
		strbuf_add_json_string(out, p->after_stacks.items[i]);
		LIT(out, ": ");
		strbuf_add_json_string(out, p->after_verdicts.items[i]);
	}
	LIT(out, "}}");
}

void report_json(const struct run_result *r, const struct report_options *o,
		 struct strbuf *out)
{
	size_t i;

	LIT(out, "{\n  \"format_version\": 1,\n  \"stacks\": [");
	for (i = 0; i < r->n_stacks; i++) {
		strbuf_addstr(out, i ? ",\n" : "\n");
		stack_json(out, 2, &r->stacks[i], o);
	}
	strbuf_addstr(out, r->n_stacks ? "\n  ]" : "]");
	if (r->comparison)
		comparison_json(out, r->comparison);
	if (r->n_plans) {
		LIT(out, ",\n  \"plans\": [\n");
		for (i = 0; i < r->n_plans; i++) {
			plan_json(out, &r->plans[i]);
			strbuf_addstr(out, i + 1 < r->n_plans ? ",\n" : "\n");
		}
		LIT(out, "  ]");
	}
	LIT(out, "\n}\n");
}
