/*
 * regions.h - the AWS regions cfn-dryrun knows: code, partition, whether
 * the region is enabled by default (launched before 20 March 2019) or
 * opt-in, and the Availability Zone letters Fn::GetAZs returns.
 *
 * The table is data in regions.c.  AZ letters are account-specific in the
 * oldest regions; the table holds the common default (see the notes there).
 */
#ifndef CFN_REGIONS_H
#define CFN_REGIONS_H

#include <stdbool.h>

struct region_info {
	const char *code;      /* "us-east-1" */
	const char *partition; /* "aws", "aws-cn", "aws-us-gov" */
	bool opt_in;           /* true: disabled until the account enables it */
	const char *az_letters; /* "abcdef": us-east-1a ... us-east-1f */
};

/* The region with this code (borrowed, static) or NULL. */
const struct region_info *region_find(const char *code);
/* The table, terminated by an entry with a NULL code. */
const struct region_info *region_table(void);
/* The partition of a region code, also for codes not in the table
 * ("cn-*" aws-cn, "us-gov-*" aws-us-gov, else aws). */
const char *region_partition(const char *code);
/* The URL suffix of a partition: amazonaws.com or amazonaws.com.cn. */
const char *partition_url_suffix(const char *partition);
/* True for "aws", "aws-cn", "aws-us-gov". */
bool partition_valid(const char *partition);

#endif
