/*
 * pseudo.c - pseudo parameters (AWS::Region, AWS::Partition, ...) as a
 * table of handlers, and the partition and URL suffix of a region.
 *
 * Source: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
#include "eval/eval_int.h"
#include "engine/physid.h"
#include "util/xalloc.h"

#include <string.h>

/* Partitions by region prefix, longest prefix first. */
static const struct {
	const char *prefix;     /* region code prefix */
	const char *partition;  /* AWS::Partition */
	const char *url_suffix; /* AWS::URLSuffix */
} partitions[] = {
	{ "cn-", "aws-cn", "amazonaws.com.cn" },
	{ "us-gov-", "aws-us-gov", "amazonaws.com" },
	{ "us-isob-", "aws-iso-b", "sc2s.sgov.gov" },
	{ "us-isof-", "aws-iso-f", "csp.hci.ic.gov" },
	{ "us-iso-", "aws-iso", "c2s.ic.gov" },
	{ "eu-isoe-", "aws-iso-e", "cloud.adc-e.uk" },
	{ "", "aws", "amazonaws.com" },
};

#define N_PARTITIONS (sizeof(partitions) / sizeof(partitions[0]))

const char *eval_partition(const char *region)
{
	size_t i;

	for (i = 0; i < N_PARTITIONS; i++)
		if (!strncmp(region, partitions[i].prefix, strlen(partitions[i].prefix)))
			return partitions[i].partition;
	return "aws";
}

const char *eval_url_suffix(const char *partition)
{
	size_t i;

	for (i = 0; i < N_PARTITIONS; i++)
		if (!strcmp(partition, partitions[i].partition))
			return partitions[i].url_suffix;
	return "amazonaws.com";
}

char *eval_make_stack_id(const struct eval_env *env, const char *partition)
{
	return physid_stack_arn(partition, env->region, env->account, env->stack_name);
}

static struct value *p_account(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, ev->env.account);
}

static struct value *p_region(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, ev->env.region);
}

static struct value *p_partition(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, ev->partition);
}

static struct value *p_url_suffix(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, eval_url_suffix(ev->partition));
}

static struct value *p_stack_name(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, ev->env.stack_name);
}

static struct value *p_stack_id(struct eval *ev, struct srcpos pos)
{
	return value_string(pos, ev->stack_id);
}

/* A create without --notification-arns: an empty list. */
static struct value *p_notification_arns(struct eval *ev, struct srcpos pos)
{
	(void)ev;
	return value_list(pos);
}

static struct value *p_no_value(struct eval *ev, struct srcpos pos)
{
	(void)ev;
	(void)pos;
	return NULL;
}

static const struct {
	const char *name;                                  /* "AWS::Region" */
	struct value *(*fn)(struct eval *ev, struct srcpos pos); /* its value */
} pseudos[] = {
	{ "AWS::AccountId", p_account },
	{ "AWS::NotificationARNs", p_notification_arns },
	{ "AWS::NoValue", p_no_value },
	{ "AWS::Partition", p_partition },
	{ "AWS::Region", p_region },
	{ "AWS::StackId", p_stack_id },
	{ "AWS::StackName", p_stack_name },
	{ "AWS::URLSuffix", p_url_suffix },
};

struct value *eval_pseudo(struct eval *ev, const char *name, struct srcpos pos, bool *found)
{
	size_t i;

	/* every pseudo parameter starts "AWS::"; most names asked about do not */
	if (name[0] == 'A' && !strncmp(name, "AWS::", 5))
		for (i = 0; i < sizeof(pseudos) / sizeof(pseudos[0]); i++)
			if (pseudos[i].name[5] == name[5] && !strcmp(pseudos[i].name + 5, name + 5)) {
				*found = true;
				return pseudos[i].fn(ev, pos);
			}
	*found = false;
	return NULL;
}
