/*
 * report_json.c - the JSON report (SPEC section 4), with cfn-dryrun's
 * extensions (schemas/report.schema.json): each stack's variant, the
 * comparison of variants (compare) and the plans (plan).
 */
#include "report/report.h"
#include "util/srcpos.h"
#include "value/value_json.h"

static void indent(struct strbuf *out, int level)
{
	int i;

	for (i = 0; i < level; i++)
		strbuf_addstr(out, "  ");
}

static void key(struct strbuf *out, int level, const char *name)
{
	indent(out, level);
	strbuf_add_json_string(out, name);
	strbuf_addstr(out, ": ");
}

static void string_or_null(struct strbuf *out, const char *s)
{
	if (s)
		strbuf_add_json_string(out, s);
	else
		strbuf_addstr(out, "null");
}

static void strlist_json(struct strbuf *out, const struct strlist *l)
{
	size_t i;

	strbuf_addch(out, '[');
	for (i = 0; i < l->n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_add_json_string(out, l->items[i]);
	}
	strbuf_addch(out, ']');
}

static void finding_json(struct strbuf *out, int level, const struct finding *f)
{
	indent(out, level);
	strbuf_addstr(out, "{\"code\": ");
	strbuf_add_json_string(out, finding_code_info(f->code)->code);
	strbuf_addstr(out, ", \"severity\": ");
	strbuf_add_json_string(out, severity_name(f->severity));
	strbuf_addstr(out, ", \"message\": ");
	strbuf_add_json_string(out, f->message);
	strbuf_addstr(out, ", \"path\": ");
	string_or_null(out, f->path);
	strbuf_addstr(out, ", \"file\": ");
	string_or_null(out, f->pos.file ? srcfile_name(f->pos.file) : NULL);
	if (f->pos.line)
		strbuf_addf(out, ", \"line\": %u, \"column\": %u", f->pos.line, f->pos.col);
	else
		strbuf_addstr(out, ", \"line\": null, \"column\": null");
	strbuf_addstr(out, ", \"fix\": ");
	string_or_null(out, f->fix);
	strbuf_addch(out, '}');
}

static void findings_json(struct strbuf *out, int level, const struct finding_list *fl)
{
	size_t i;

	if (!fl->n) {
		strbuf_addstr(out, "[]");
		return;
	}
	strbuf_addstr(out, "[\n");
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
	strbuf_addstr(out, "{\n");
	key(out, level + 1, "logical_id");
	strbuf_add_json_string(out, r->logical_id);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "type");
	strbuf_add_json_string(out, r->type);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "status");
	strbuf_add_json_string(out, result_status_name(r->status));
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "wave");
	strbuf_addf(out, "%d,\n", r->wave);
	key(out, level + 1, "physical_id");
	string_or_null(out, r->physical_id);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "blocked_by");
	strlist_json(out, &r->blocked_by);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "depends_on");
	strlist_json(out, &r->depends_on);
	strbuf_addstr(out, ",\n");
	if (o->show_resolved) {
		key(out, level + 1, "properties");
		if (r->properties)
			value_to_json(out, r->properties, level + 1);
		else
			strbuf_addstr(out, "null");
		strbuf_addstr(out, ",\n");
	}
	key(out, level + 1, "findings");
	findings_json(out, level + 1, &r->findings);
	strbuf_addch(out, '\n');
	indent(out, level);
	strbuf_addch(out, '}');
}

/* The fields a prerequisite and a plan step share, after their "type". */
static void where_json(struct strbuf *out, const char *account, const char *region,
		       const char *id, const char *by_property, const struct value *properties)
{
	strbuf_addstr(out, ", \"account\": ");
	strbuf_add_json_string(out, account);
	strbuf_addstr(out, ", \"region\": ");
	strbuf_add_json_string(out, region);
	strbuf_addstr(out, ", \"id\": ");
	strbuf_add_json_string(out, id);
	if (by_property) {
		strbuf_addstr(out, ", \"by_property\": ");
		strbuf_add_json_string(out, by_property);
	}
	if (properties) {
		strbuf_addstr(out, ", \"properties\": ");
		value_to_json_compact(out, properties);
	}
}

static void prereq_json(struct strbuf *out, int level, const struct prereq *p)
{
	indent(out, level);
	strbuf_addstr(out, "{\"type\": ");
	strbuf_add_json_string(out, p->type);
	where_json(out, p->account, p->region, p->id, p->by_property, p->properties);
	strbuf_addstr(out, ", \"needed_by\": ");
	strlist_json(out, &p->needed_by);
	strbuf_addch(out, '}');
}

static void stack_json(struct strbuf *out, int level, const struct stack_result *s,
		       const struct report_options *o)
{
	size_t i;

	indent(out, level);
	strbuf_addstr(out, "{\n");
	key(out, level + 1, "stack");
	strbuf_add_json_string(out, s->stack);
	strbuf_addstr(out, ",\n");
	if (s->variant) {
		key(out, level + 1, "variant");
		strbuf_add_json_string(out, s->variant);
		strbuf_addstr(out, ",\n");
	}
	if (s->parent_resource) {
		key(out, level + 1, "parent_resource");
		strbuf_add_json_string(out, s->parent_resource);
		strbuf_addstr(out, ",\n");
	}
	key(out, level + 1, "account");
	strbuf_add_json_string(out, s->account);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "region");
	strbuf_add_json_string(out, s->region);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "template");
	string_or_null(out, s->template_file);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "verdict");
	strbuf_add_json_string(out, result_verdict_name(s->verdict));
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "capabilities");
	strlist_json(out, &s->capabilities);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "stack_findings");
	findings_json(out, level + 1, &s->stack_findings);
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "resources");
	if (!s->n_resources) {
		strbuf_addstr(out, "[]");
	} else {
		strbuf_addstr(out, "[\n");
		for (i = 0; i < s->n_resources; i++) {
			resource_json(out, level + 2, &s->resources[i], o);
			strbuf_addstr(out, i + 1 < s->n_resources ? ",\n" : "\n");
		}
		indent(out, level + 1);
		strbuf_addch(out, ']');
	}
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "prerequisites");
	if (!s->n_prereqs) {
		strbuf_addstr(out, "[]");
	} else {
		strbuf_addstr(out, "[\n");
		for (i = 0; i < s->n_prereqs; i++) {
			prereq_json(out, level + 2, &s->prereqs[i]);
			strbuf_addstr(out, i + 1 < s->n_prereqs ? ",\n" : "\n");
		}
		indent(out, level + 1);
		strbuf_addch(out, ']');
	}
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "outputs");
	if (s->outputs)
		value_to_json(out, s->outputs, level + 1);
	else
		strbuf_addstr(out, "{}");
	strbuf_addstr(out, ",\n");
	key(out, level + 1, "nested");
	if (!s->n_nested) {
		strbuf_addstr(out, "[]");
	} else {
		strbuf_addstr(out, "[\n");
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
	strbuf_addstr(out, "{\"variant\": ");
	strbuf_add_json_string(out, variant);
	strbuf_addstr(out, ", \"outcome\": ");
	strbuf_add_json_string(out, d->outcome);
	strbuf_addstr(out, ", \"reason\": ");
	string_or_null(out, d->reason);
	strbuf_addstr(out, ", \"fix\": ");
	string_or_null(out, d->fix);
	strbuf_addstr(out, ", \"codes\": ");
	strlist_json(out, &d->codes);
	strbuf_addch(out, '}');
}

static void comparison_json(struct strbuf *out, const struct comparison *c)
{
	size_t i, k;

	strbuf_addstr(out, ",\n  \"comparison\": {\n    \"variants\": ");
	strlist_json(out, &c->variants);
	strbuf_addf(out, ",\n    \"verdicts_differ\": %s,\n    \"differences\": [",
		    c->verdicts_differ ? "true" : "false");
	for (i = 0; i < c->n_rows; i++) {
		const struct diff_row *row = &c->rows[i];

		strbuf_addstr(out, i ? ",\n" : "\n");
		strbuf_addstr(out, "      {\"stack\": ");
		strbuf_add_json_string(out, row->stack);
		strbuf_addstr(out, ", \"logical_id\": ");
		string_or_null(out, row->logical_id);
		strbuf_addstr(out, ", \"type\": ");
		string_or_null(out, row->type);
		strbuf_addstr(out, ",\n       \"sides\": [");
		for (k = 0; k < c->variants.n; k++) {
			strbuf_addstr(out, k ? ",\n         " : "\n         ");
			side_json(out, c->variants.items[k], &row->sides[k]);
		}
		strbuf_addstr(out, "]}");
	}
	strbuf_addstr(out, c->n_rows ? "\n    ]\n  }" : "]\n  }");
}

static void step_json(struct strbuf *out, size_t number, const struct plan_step *st)
{
	strbuf_addf(out, "        {\"number\": %zu, \"kind\": \"%s\", \"type\": ", number,
		    st->kind == PLAN_STEP_DEPLOY ? "deploy" : "prerequisite");
	string_or_null(out, st->type);
	where_json(out, st->account, st->region, st->id, st->by_property, st->properties);
	strbuf_addstr(out, ",\n         \"stack\": ");
	strbuf_add_json_string(out, st->stack);
	strbuf_addstr(out, ", \"needed_by\": ");
	strlist_json(out, &st->needed_by);
	strbuf_addstr(out, ",\n         \"text\": ");
	strbuf_add_json_string(out, st->text);
	strbuf_addstr(out, ",\n         \"why\": ");
	string_or_null(out, st->why);
	strbuf_addstr(out, ",\n         \"blocker\": ");
	string_or_null(out, st->blocker);
	strbuf_addch(out, '}');
}

static void unfixed_json(struct strbuf *out, const struct plan_unfixed *u)
{
	strbuf_addstr(out, "        {\"stack\": ");
	strbuf_add_json_string(out, u->stack);
	strbuf_addstr(out, ", \"logical_id\": ");
	string_or_null(out, u->logical_id);
	strbuf_addstr(out, ", \"code\": ");
	strbuf_add_json_string(out, u->code);
	strbuf_addstr(out, ",\n         \"message\": ");
	strbuf_add_json_string(out, u->message);
	strbuf_addstr(out, ",\n         \"fix\": ");
	string_or_null(out, u->fix);
	strbuf_addch(out, '}');
}

static void plan_json(struct strbuf *out, const struct plan *p)
{
	size_t i;

	strbuf_addstr(out, "    {\"variant\": ");
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
		strbuf_addstr(out, ": ");
		strbuf_add_json_string(out, p->after_verdicts.items[i]);
	}
	strbuf_addstr(out, "}}");
}

void report_json(const struct run_result *r, const struct report_options *o,
		 struct strbuf *out)
{
	size_t i;

	strbuf_addstr(out, "{\n  \"format_version\": 1,\n  \"stacks\": [");
	for (i = 0; i < r->n_stacks; i++) {
		strbuf_addstr(out, i ? ",\n" : "\n");
		stack_json(out, 2, &r->stacks[i], o);
	}
	strbuf_addstr(out, r->n_stacks ? "\n  ]" : "]");
	if (r->comparison)
		comparison_json(out, r->comparison);
	if (r->n_plans) {
		strbuf_addstr(out, ",\n  \"plans\": [\n");
		for (i = 0; i < r->n_plans; i++) {
			plan_json(out, &r->plans[i]);
			strbuf_addstr(out, i + 1 < r->n_plans ? ",\n" : "\n");
		}
		strbuf_addstr(out, "  ]");
	}
	strbuf_addstr(out, "\n}\n");
}
