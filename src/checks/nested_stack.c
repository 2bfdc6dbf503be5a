/*
 * nested_stack.c - AWS::CloudFormation::Stack: the TemplateURL must be an
 * S3 URL CloudFormation accepts, naming an object that exists (FAILURES.md
 * rows 25-28); when the state gives the object's body (File:), the child
 * stack is simulated through env->nested and its outcome becomes the
 * parent resource's, in CloudFormation's words: a child it refuses to
 * create (parameters, capabilities, template) fails the resource with the
 * child's own message; a child that fails once created gives "Embedded
 * stack ARN was not successfully created: ..." (cfn-messages-prereq.md
 * section 1), the child's reasons chained into the fix.
 */
#include "checks/checks.h"
#include "aws/s3url.h"
#include "engine/physid.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define PACKAGE_FIX "upload the nested template to S3 and give its https:// URL " \
	"(aws cloudformation package uploads local templates and rewrites TemplateURL)"

/* Stack-level failures a child shows only once it exists (an event of the
 * stack, not a refused CreateStack call): F#22, cfncompat T3. */
static const enum finding_code after_create[] = { FC_EXPORT_MISSING, FC_PARAM_NOT_FOUND };

static bool shows_after_create(enum finding_code code)
{
	size_t i;

	for (i = 0; i < sizeof(after_create) / sizeof(after_create[0]); i++)
		if (after_create[i] == code)
			return true;
	return false;
}

struct ctx {
	const struct check_env *env;    /* the parent stack */
	const struct check_resource *r; /* the AWS::CloudFormation::Stack resource */
	struct check_sink *sink;        /* where findings go */
};

static struct finding *fail_at(struct ctx *c, enum finding_code code, const char *prop,
			       const char *message)
{
	char *path = check_path(c->r, prop);
	struct finding *f = check_fail(c->sink, code, check_pos(c->r, prop), path, "%s", message);

	free(path);
	return f;
}

/* Judges the URL; returns the parsed URL (caller frees) or false. */
static bool url_ok(struct ctx *c, const char *url, struct s3url *u)
{
	struct finding *f;
	char *msg;

	switch (s3url_parse(url, u)) {
	case S3URL_OK:
		return true;
	case S3URL_NOT_A_URI:
		f = fail_at(c, FC_NESTED_URL, "TemplateURL", "TemplateURL must be a supported URL.");
		finding_set_fix(f, "TemplateURL '%s' is not a URL (an intrinsic function written as "
				"text?): give https://BUCKET.s3.REGION.amazonaws.com/KEY; " PACKAGE_FIX,
				url);
		break;
	case S3URL_S3_SCHEME:
		msg = xstrfmt("S3 error: Domain name specified in %s is not a valid S3 domain", u->bucket);
		f = fail_at(c, FC_NESTED_URL, "TemplateURL", msg);
		finding_set_fix(f, "write the URL as https://%s.s3.%s.amazonaws.com/KEY: "
				"CloudFormation reads templates over https, not s3://", u->bucket,
				c->env->deploy->region);
		free(msg);
		break;
	case S3URL_NOT_A_URL:
	case S3URL_NOT_S3:
		f = fail_at(c, FC_NESTED_URL, "TemplateURL", "TemplateURL must be an Amazon S3 URL.");
		finding_set_fix(f, "'%s' is not in S3 (a local path, another host, or an S3 website "
				"endpoint): " PACKAGE_FIX, url);
		break;
	case S3URL_MALFORMED:
		f = fail_at(c, FC_NESTED_OBJECT_MISSING, "TemplateURL",
			    "TemplateURL must reference a valid S3 object to which you have access.");
		finding_set_fix(f, "'%s' names no object (a bucket and a key are both needed): "
				PACKAGE_FIX, url);
		break;
	}
	s3url_free(u);
	return false;
}

/* The object (bucket, key) must exist; returns its body's path (borrowed)
 * through *file, NULL when the state gives none. */
static bool object_ok(struct ctx *c, const struct s3url *u, const char **file)
{
	const struct state_res *b = state_find_bucket(c->env->state, u->bucket);
	const char *stack = c->env->deploy->stack_name;
	struct finding *f;
	char *id;

	*file = NULL;
	if (b && state_object(b, u->key, file))
		return true;
	f = fail_at(c, FC_NESTED_OBJECT_MISSING, "TemplateURL",
		    "TemplateURL must reference a valid S3 object to which you have access.");
	if (b && b->stack && !strcmp(b->stack, stack))
		finding_set_fix(f, "bucket %s is created by this stack, so it is empty when the "
				"nested stack is created: put the template in a bucket that exists "
				"before the create; " PACKAGE_FIX, u->bucket);
	else if (b)
		finding_set_fix(f, "upload %s to bucket %s first (aws s3 cp, or aws cloudformation "
				"package)", u->key, u->bucket);
	else
		finding_set_fix(f, "bucket %s does not exist: create it and upload %s to it first "
				"(aws cloudformation package --s3-bucket does both steps' upload)",
				u->bucket, u->key);
	id = xstrfmt("%s/%s", u->bucket, u->key);
	check_need(c->sink, "AWS::S3::Object", b ? b->account : c->env->deploy->account,
		   b && *b->region ? b->region : c->env->deploy->region, id);
	free(id);
	return false;
}

/* Parameters must be a map of scalars: CloudFormation refuses a list or a
 * map as a nested stack parameter value. */
static bool params_ok(struct ctx *c, const struct value *params)
{
	struct finding *f;

	if (!params || params->kind != VALUE_MAP)
		return true;
	VALUE_MAP_FOREACH(params, e) {
		if (e->val->kind != VALUE_LIST && e->val->kind != VALUE_MAP)
			continue;
		f = fail_at(c, FC_NESTED_PARAMETERS, "Parameters",
			    "Value of property Parameters must be an object with String (or simple "
			    "type) properties");
		finding_set_fix(f, "pass parameter %s as one string (a list joined with commas: "
				"!Join [',', ...]); nested stacks take no CommaDelimitedList values",
				e->key);
		return false;
	}
	return true;
}

/* "A: message (line N); B: ..." : the first error of each failing child
 * resource, for the fix. */
static void child_reasons(const struct stack_result *child, struct strbuf *why,
			  struct strbuf *names)
{
	size_t k, i;

	for (k = 0; k < child->n_resources; k++) {
		const struct res_result *r = &child->resources[k];

		if (r->status != STATUS_FAIL)
			continue;
		strbuf_addf(names, "%s%s", names->len ? ", " : "", r->logical_id);
		for (i = 0; i < r->findings.n; i++) {
			if (r->findings.items[i].severity != SEV_ERROR)
				continue;
			strbuf_addf(why, "%s%s: %s (%s:%u)", why->len ? "; " : "", r->logical_id,
				    r->findings.items[i].message,
				    srcfile_name(r->findings.items[i].pos.file),
				    r->findings.items[i].pos.line);
			break;
		}
	}
}

static void report_child(struct ctx *c, const struct stack_result *child)
{
	char *arn = physid_stack_arn(c->env->partition, child->region, child->account, child->stack);
	struct strbuf why = STRBUF_INIT, names = STRBUF_INIT, msg = STRBUF_INIT;
	bool stack_level = false;
	struct finding *f;
	size_t i;

	for (i = 0; i < child->stack_findings.n; i++) {
		const struct finding *cf = &child->stack_findings.items[i];
		bool about_params = cf->code == FC_PARAM_MISSING || cf->code == FC_PARAM_UNDECLARED ||
				    cf->code == FC_PARAM_CONSTRAINT;

		if (cf->severity != SEV_ERROR)
			continue;
		stack_level = true;
		strbuf_reset(&msg);
		if (shows_after_create(cf->code))
			strbuf_addf(&msg, "Embedded stack %s was not successfully created: %s", arn,
				    cf->message);
		else
			strbuf_addstr(&msg, cf->message);
		f = fail_at(c, shows_after_create(cf->code) ? FC_NESTED_FAILED : FC_NESTED_INVALID,
			    about_params && c->r->raw && value_map_get(c->r->raw, "Parameters")
				    ? "Parameters" : "TemplateURL", msg.buf);
		if (cf->code == FC_PARAM_UNDECLARED)
			finding_set_fix(f, "remove them from the Parameters of %s, or declare them in "
					"the nested template %s", c->r->logical_id, child->template_file);
		else if (cf->code == FC_PARAM_MISSING)
			finding_set_fix(f, "add them to the Parameters of %s, or give them a Default in "
					"the nested template %s", c->r->logical_id, child->template_file);
		else
			finding_set_fix(f, "nested stack %s (%s:%u): %s", child->stack,
					srcfile_name(cf->pos.file), cf->pos.line,
					cf->fix ? cf->fix : "see the nested stack's findings");
	}
	if (!stack_level)
		child_reasons(child, &why, &names);
	if (names.len) {
		strbuf_reset(&msg);
		strbuf_addf(&msg, "Embedded stack %s was not successfully created: The following "
			    "resource(s) failed to create: [%s].", arn, names.buf);
		f = fail_at(c, FC_NESTED_FAILED, "TemplateURL", msg.buf);
		finding_set_fix(f, "fix the nested stack %s first: %s", child->stack, why.buf);
	} else if (!stack_level && child->verdict == VERDICT_UNCERTAIN) {
		char *path = check_path(c->r, "TemplateURL");

		f = check_uncertain(c->sink, FC_NESTED_UNCERTAIN, check_pos(c->r, "TemplateURL"), path,
				    "the outcome of nested stack %s is uncertain (see its findings)",
				    child->stack);
		finding_set_fix(f, "settle what the nested stack %s is uncertain about", child->stack);
		free(path);
	}
	strbuf_release(&why);
	strbuf_release(&names);
	strbuf_release(&msg);
	free(arn);
}

static void simulate(struct ctx *c, const struct s3url *u, const char *file)
{
	const struct value *params = value_map_get(c->r->props, "Parameters");
	struct check_nested_result res;
	struct finding *f;
	char *object = xstrfmt("s3://%s/%s", u->bucket, u->key);
	char *path = check_path(c->r, "TemplateURL");
	struct srcpos pos = check_pos(c->r, "TemplateURL");

	c->env->nested->run(c->env->nested->ctx, c->r, object, file,
			    params && params->kind == VALUE_MAP ? params : NULL, &res);
	switch (res.status) {
	case NESTED_RAN:
		report_child(c, res.child);
		break;
	case NESTED_RECURSION:
		f = check_fail(c->sink, FC_NESTED_RECURSION, pos, path,
			       "Nested stack %s includes its own template (%s): CloudFormation would "
			       "create nested stacks until the account's stack quota stops it "
			       "(LimitExceededException: Limit for stack has been exceeded)",
			       c->r->logical_id, res.detail);
		finding_set_fix(f, "break the cycle: a template must not include itself, directly or "
				"through the stacks it nests");
		break;
	case NESTED_LIMIT:
		f = check_uncertain(c->sink, FC_NESTED_LIMIT, pos, path,
				    "Nested stack %s is not simulated: %s", c->r->logical_id,
				    res.detail);
		finding_set_fix(f, "check this nested stack on its own (cfn-dryrun check %s)", file);
		break;
	case NESTED_UNREADABLE:
		f = check_fail(c->sink, FC_NESTED_INVALID, pos, path, "Template format error: %s",
			       res.detail);
		finding_set_fix(f, "correct the nested template %s (it is not a readable template)",
				file);
		break;
	case NESTED_SKIPPED:
	case NESTED_INVALID:
		break;
	}
	free(res.detail);
	free(object);
	free(path);
}

void check_nested_stack(const struct check_env *env, const struct check_resource *r,
			struct check_sink *sink)
{
	struct ctx c = { env, r, sink };
	const struct value *url = value_map_get(r->props, "TemplateURL");
	struct finding *f;
	const char *file;
	struct s3url u;
	char *path;

	if (url && url->kind == VALUE_UNKNOWN) {
		path = check_path(r, "TemplateURL");
		f = check_uncertain(sink, FC_NESTED_UNCERTAIN, check_pos(r, "TemplateURL"), path,
				    "which template nested stack %s uses cannot be told: %s",
				    r->logical_id, url->u.unknown.reason);
		finding_set_fix(f, "give the values TemplateURL is built from (parameters, or the "
				"account state with --state)");
		free(path);
		return;
	}
	if (!value_str(url) || !url_ok(&c, url->u.string.s, &u))
		return; /* no TemplateURL: the schema check reports it */
	if (object_ok(&c, &u, &file) && params_ok(&c, value_map_get(r->props, "Parameters"))) {
		if (file && env->nested) {
			simulate(&c, &u, file);
		} else {
			path = check_path(r, "TemplateURL");
			f = check_uncertain(sink, FC_NESTED_UNCERTAIN, check_pos(r, "TemplateURL"), path,
					    "nested stack %s is not simulated: the account state gives "
					    "no body for s3://%s/%s, so what it creates and outputs is "
					    "not known", r->logical_id, u.bucket, u.key);
			finding_set_fix(f, "give the object's local copy in the state file (Objects: "
					"{%s: {File: PATH}}) to simulate the nested stack", u.key);
			free(path);
		}
	}
	s3url_free(&u);
}
