/*
 * capabilities.c - which capabilities a template needs, and the stack
 * check that fails a create without them ("Requires capabilities : [..]",
 * FAILURES.md rows 15-17).
 *
 * Rules (CreateStack API documentation, Capabilities): the IAM types below
 * need CAPABILITY_IAM or CAPABILITY_NAMED_IAM; with a custom name (RoleName,
 * UserName, GroupName, and, by the same rule, ManagedPolicyName and
 * InstanceProfileName) CAPABILITY_NAMED_IAM; macros and transforms (the
 * Transform section, Fn::Transform / AWS::Include) CAPABILITY_AUTO_EXPAND.
 * Conditions do not matter: CloudFormation decides on the template.
 */
#include "sim/stack_check.h"
#include "util/strbuf.h"

#include <string.h>

static const struct {
	const char *type;     /* an IAM type that needs a capability */
	const char *name_key; /* its custom-name property, or NULL */
} iam_types[] = {
	{ "AWS::IAM::AccessKey", NULL },
	{ "AWS::IAM::Group", "GroupName" },
	{ "AWS::IAM::InstanceProfile", "InstanceProfileName" },
	{ "AWS::IAM::ManagedPolicy", "ManagedPolicyName" },
	{ "AWS::IAM::Policy", NULL },
	{ "AWS::IAM::Role", "RoleName" },
	{ "AWS::IAM::User", "UserName" },
	{ "AWS::IAM::UserToGroupAddition", NULL },
};

unsigned stack_capabilities_needed(const struct template *t, struct srcpos pos[3])
{
	unsigned need = 0;
	size_t i, k;

	for (i = 0; i < t->n_resources; i++) {
		const struct tmpl_resource *r = &t->resources[i];

		if (!r->type || strncmp(r->type, "AWS::IAM::", 10))
			continue; /* every type of the table is an IAM type */
		for (k = 0; k < sizeof(iam_types) / sizeof(iam_types[0]); k++) {
			if (strcmp(r->type, iam_types[k].type))
				continue;
			if (!(need & CAP_IAM)) {
				need |= CAP_IAM;
				pos[0] = r->pos;
			}
			if (iam_types[k].name_key && value_map_get(r->properties, iam_types[k].name_key) &&
			    !(need & CAP_NAMED_IAM)) {
				need |= CAP_NAMED_IAM;
				pos[1] = value_map_get(r->properties, iam_types[k].name_key)->pos;
			}
		}
	}
	if (t->n_transforms) {
		need |= CAP_AUTO_EXPAND;
		pos[2] = t->transform->pos;
	} else if (t->has_fn_transform) { /* found by template_open's scan */
		need |= CAP_AUTO_EXPAND;
		pos[2] = t->fn_transform;
	}
	return need;
}

/* Appends name to both lists: "A, B" for the message, "A,B" for the option. */
static void add_missing(struct strbuf *message, struct strbuf *option, const char *name)
{
	if (message->len) {
		strbuf_addstr(message, ", ");
		strbuf_addch(option, ',');
	}
	strbuf_addstr(message, name);
	strbuf_addstr(option, name);
}

void stack_check_capabilities(const struct check_env *env, struct stack_result *s)
{
	struct srcpos pos[3] = { SRCPOS_NONE, SRCPOS_NONE, SRCPOS_NONE };
	unsigned need = stack_capabilities_needed(env->t, pos);
	unsigned have = env->deploy->capabilities;
	struct strbuf message = STRBUF_INIT, option = STRBUF_INIT;
	struct srcpos where = SRCPOS_NONE;
	struct finding *f;

	/* the report lists what the template needs, given or not */
	if (need & CAP_NAMED_IAM)
		strlist_add(&s->capabilities, "CAPABILITY_NAMED_IAM");
	else if (need & CAP_IAM)
		strlist_add(&s->capabilities, "CAPABILITY_IAM");
	if (need & CAP_AUTO_EXPAND)
		strlist_add(&s->capabilities, "CAPABILITY_AUTO_EXPAND");

	if ((need & CAP_NAMED_IAM) && !(have & CAP_NAMED_IAM)) {
		add_missing(&message, &option, "CAPABILITY_NAMED_IAM");
		where = pos[1];
	} else if ((need & CAP_IAM) && !(have & (CAP_IAM | CAP_NAMED_IAM))) {
		add_missing(&message, &option, "CAPABILITY_IAM");
		where = pos[0];
	}
	if ((need & CAP_AUTO_EXPAND) && !(have & CAP_AUTO_EXPAND)) {
		add_missing(&message, &option, "CAPABILITY_AUTO_EXPAND");
		if (!where.line)
			where = pos[2];
	}
	if (message.len) {
		f = finding_add(&s->stack_findings, FC_CAPABILITIES, where, NULL,
				"Requires capabilities : [%s]", message.buf);
		finding_set_fix(f, "acknowledge them: --capabilities %s (aws cloudformation deploy "
			       "--capabilities ...)", option.buf);
	}
	strbuf_release(&message);
	strbuf_release(&option);
}
