/*
 * regions.c - the region table.
 *
 * Sources: AZ letters from moto's DescribeAvailabilityZones data
 * (moto/ec2/models/availability_zones_and_regions.py); regions launched
 * after 20 March 2019 are opt-in (AWS Account Management guide,
 * "manage-acct-regions").  Regions moto lacks get a, b, c (every region has
 * at least three AZs).  See /work/notes/cfn-messages-template.md section 5.
 */
#include "aws/regions.h"

#include <string.h>

static const struct region_info regions[] = {
	{ "us-east-1", "aws", false, "abcdef" },
	{ "us-east-2", "aws", false, "abc" },
	{ "us-west-1", "aws", false, "bc" },
	{ "us-west-2", "aws", false, "abcd" },
	{ "ca-central-1", "aws", false, "abd" },
	{ "sa-east-1", "aws", false, "abc" },
	{ "eu-west-1", "aws", false, "abc" },
	{ "eu-west-2", "aws", false, "abc" },
	{ "eu-west-3", "aws", false, "abc" },
	{ "eu-central-1", "aws", false, "abc" },
	{ "eu-north-1", "aws", false, "abc" },
	{ "ap-south-1", "aws", false, "abc" },
	{ "ap-northeast-1", "aws", false, "acd" },
	{ "ap-northeast-2", "aws", false, "abcd" },
	{ "ap-northeast-3", "aws", false, "abc" },
	{ "ap-southeast-1", "aws", false, "abc" },
	{ "ap-southeast-2", "aws", false, "abc" },
	/* launched after 20 March 2019: opt-in */
	{ "af-south-1", "aws", true, "abc" },
	{ "ap-east-1", "aws", true, "abc" },
	{ "ap-east-2", "aws", true, "abc" },
	{ "ap-south-2", "aws", true, "abc" },
	{ "ap-southeast-3", "aws", true, "abc" },
	{ "ap-southeast-4", "aws", true, "abc" },
	{ "ap-southeast-5", "aws", true, "abc" },
	{ "ap-southeast-6", "aws", true, "abc" },
	{ "ap-southeast-7", "aws", true, "abc" },
	{ "ca-west-1", "aws", true, "abc" },
	{ "eu-central-2", "aws", true, "abc" },
	{ "eu-south-1", "aws", true, "abc" },
	{ "eu-south-2", "aws", true, "abc" },
	{ "il-central-1", "aws", true, "abc" },
	{ "me-central-1", "aws", true, "abc" },
	{ "me-south-1", "aws", true, "abc" },
	{ "mx-central-1", "aws", true, "abc" },
	/* China and GovCloud: separate partitions, enabled in their accounts */
	{ "cn-north-1", "aws-cn", false, "ab" },
	{ "cn-northwest-1", "aws-cn", false, "abc" },
	{ "us-gov-east-1", "aws-us-gov", false, "abc" },
	{ "us-gov-west-1", "aws-us-gov", false, "abc" },
	{ NULL, NULL, false, NULL },
};

const struct region_info *region_table(void)
{
	return regions;
}

const struct region_info *region_find(const char *code)
{
	const struct region_info *r;

	for (r = regions; r->code; r++)
		if (!strcmp(r->code, code))
			return r;
	return NULL;
}

const char *region_partition(const char *code)
{
	const struct region_info *r = region_find(code);

	if (r)
		return r->partition;
	if (!strncmp(code, "cn-", 3))
		return "aws-cn";
	if (!strncmp(code, "us-gov-", 7))
		return "aws-us-gov";
	return "aws";
}

const char *partition_url_suffix(const char *partition)
{
	return !strcmp(partition, "aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
}

bool partition_valid(const char *partition)
{
	return !strcmp(partition, "aws") || !strcmp(partition, "aws-cn") ||
	       !strcmp(partition, "aws-us-gov");
}
