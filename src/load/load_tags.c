/*
 * load_tags.c - the table of CloudFormation short-form YAML tags.
 */
#include "load/load_tags.h"
#include "value/value_arena.h"

#include <string.h>

static const struct cfn_tag cfn_tags[] = {
	{ "!Ref", "Ref", CFN_TAG_NAME },
	{ "!Condition", "Condition", CFN_TAG_NAME },
	{ "!GetAtt", "Fn::GetAtt", CFN_TAG_GETATT },
	{ "!Sub", "Fn::Sub", CFN_TAG_ANY },
	{ "!Join", "Fn::Join", CFN_TAG_ANY },
	{ "!Select", "Fn::Select", CFN_TAG_ANY },
	{ "!Split", "Fn::Split", CFN_TAG_ANY },
	{ "!If", "Fn::If", CFN_TAG_ANY },
	{ "!Equals", "Fn::Equals", CFN_TAG_ANY },
	{ "!And", "Fn::And", CFN_TAG_ANY },
	{ "!Or", "Fn::Or", CFN_TAG_ANY },
	{ "!Not", "Fn::Not", CFN_TAG_ANY },
	{ "!FindInMap", "Fn::FindInMap", CFN_TAG_ANY },
	{ "!ImportValue", "Fn::ImportValue", CFN_TAG_ANY },
	{ "!GetAZs", "Fn::GetAZs", CFN_TAG_ANY },
	{ "!Base64", "Fn::Base64", CFN_TAG_ANY },
	{ "!Cidr", "Fn::Cidr", CFN_TAG_ANY },
	{ "!Transform", "Fn::Transform", CFN_TAG_ANY },
	/* AWS::LanguageExtensions */
	{ "!Length", "Fn::Length", CFN_TAG_ANY },
	{ "!ToJsonString", "Fn::ToJsonString", CFN_TAG_ANY },
	/* Rules section */
	{ "!Contains", "Fn::Contains", CFN_TAG_ANY },
	{ "!EachMemberEquals", "Fn::EachMemberEquals", CFN_TAG_ANY },
	{ "!EachMemberIn", "Fn::EachMemberIn", CFN_TAG_ANY },
	{ "!RefAll", "Fn::RefAll", CFN_TAG_ANY },
	{ "!ValueOf", "Fn::ValueOf", CFN_TAG_ANY },
	{ "!ValueOfAll", "Fn::ValueOfAll", CFN_TAG_ANY },
};

const struct cfn_tag *load_cfn_tag(const char *tag)
{
	size_t i;

	for (i = 0; i < sizeof(cfn_tags) / sizeof(cfn_tags[0]); i++)
		if (!strcmp(cfn_tags[i].tag, tag))
			return &cfn_tags[i];
	return NULL;
}

static struct value *split_getatt(struct value_arena *a, struct value *inner)
{
	const char *s = inner->u.string.s;
	const char *dot = strchr(s, '.');
	struct value_entry parts[2] = { { NULL, { 0, 0, 0 }, NULL }, { NULL, { 0, 0, 0 }, NULL } };
	struct value *list;

	if (!dot)
		return inner; /* no attribute: kept as written, the resolver reports it */
	list = value_list_in(a, inner->pos);
	parts[1].val = value_string_in(a, inner->pos, dot + 1, strlen(dot + 1));
	inner->u.string.s[dot - s] = '\0'; /* inner keeps its first part (its text is a's) */
	inner->u.string.len = (size_t)(dot - s);
	parts[0].val = inner;
	value_arena_list_fill(list, parts, 2);
	return list;
}

struct value *load_cfn_wrap(struct value_arena *a, const struct cfn_tag *t,
			    struct srcpos pos, struct value *inner)
{
	struct value *map = value_map_in(a, pos);
	struct value_entry e;

	if (t->arg == CFN_TAG_GETATT && inner->kind == VALUE_STRING)
		inner = split_getatt(a, inner);
	e.key = (char *)t->key; /* static: outlives the tree */
	e.key_pos = pos;
	e.val = inner;
	value_arena_map_fill(map, &e, 1); /* one entry, no spare room */
	return map;
}
