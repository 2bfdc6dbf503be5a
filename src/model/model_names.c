/*
 * model_names.c - the names of simulated resources: the partition of a
 * region, the name CloudFormation generates (stack-LogicalId-SUFFIX) and
 * the physical name (the name property when set).  Ref, Fn::GetAtt and ARN
 * values are in model_values.c.
 */
#include "engine/physid.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *model_partition_of(const char *region)
{
	if (!strncmp(region, "cn-", 3))
		return "aws-cn";
	if (!strncmp(region, "us-gov-", 7))
		return "aws-us-gov";
	return "aws";
}

/* Appends model_generated_name's text to out (borrowed). */
static void add_generated_name(const struct model *m, const struct model_sim *s,
			       struct strbuf *out)
{
	char suffix[13];
	size_t start = out->len, keep;

	if (s->physical_id) {
		strbuf_addstr(out, s->physical_id);
		return;
	}
	if (m->naming.lower) {
		char *name = physid_name_lower(s->stack_name, s->logical_id,
					       m->naming.max ? m->naming.max : 255);

		strbuf_addstr(out, name);
		free(name);
		return;
	}
	physid_suffix(physid_hash(s->stack_name, s->logical_id), suffix, 12, 0);
	strbuf_addstr(out, s->stack_name);
	strbuf_addch(out, '-');
	strbuf_addstr(out, s->logical_id);
	keep = m->naming.max > 13 ? m->naming.max - 13 : 0;
	if (m->naming.max && out->len - start > keep)
		strbuf_setlen(out, start + keep);
	strbuf_addch(out, '-');
	strbuf_addstr(out, suffix);
}

char *model_generated_name(const struct model *m, const struct model_sim *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (!s->physical_id && m->naming.lower) /* new already */
		return physid_name_lower(s->stack_name, s->logical_id,
					 m->naming.max ? m->naming.max : 255);
	add_generated_name(m, s, &sb);
	return strbuf_detach(&sb, NULL);
}

bool model_name_value(const struct model *m, const struct model_sim *s, const struct value **v)
{
	*v = m->name_prop && s->properties ? value_map_get(s->properties, m->name_prop) : NULL;
	return !*v || (*v)->kind == VALUE_NUMBER ||
	       ((*v)->kind == VALUE_STRING && !strstr((*v)->u.string.s, "{{resolve:"));
}

bool model_add_physical_name(const struct model *m, const struct model_sim *s,
			     struct strbuf *out)
{
	const struct value *v;

	if (!model_name_value(m, s, &v))
		return false;
	if (!v)
		add_generated_name(m, s, out);
	else
		strbuf_addstr(out, v->kind == VALUE_STRING ? v->u.string.s : v->u.number.text);
	return true;
}

char *model_physical_name(const struct model *m, const struct model_sim *s)
{
	const struct value *v;

	if (!model_name_value(m, s, &v))
		return NULL;
	if (!v)
		return model_generated_name(m, s);
	return xstrdup(v->kind == VALUE_STRING ? v->u.string.s : v->u.number.text);
}
