/*
 * azs.c - Availability Zone names per region, for Fn::GetAZs (data).
 *
 * From /work/notes/cfn-messages-template.md section 5 (moto's hand-kept
 * DescribeAvailabilityZones data; the regions launched since 2022 are the
 * uniform a, b, c).  Real lists depend on the account (older regions map
 * letters per account, and Fn::GetAZs leaves out zones without a default
 * subnet), so these are the simulator's defaults.  Alphabetical, as the
 * Fn::GetAZs documentation says the result is.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <string.h>

static const struct {
	const char *region;  /* region code */
	const char *letters; /* zone letters, in order */
} zones[] = {
	{ "af-south-1", "abc" },
	{ "ap-east-1", "abc" },
	{ "ap-east-2", "abc" },
	{ "ap-northeast-1", "acd" },
	{ "ap-northeast-2", "abcd" },
	{ "ap-northeast-3", "abc" },
	{ "ap-south-1", "abc" },
	{ "ap-south-2", "abc" },
	{ "ap-southeast-1", "abc" },
	{ "ap-southeast-2", "abc" },
	{ "ap-southeast-3", "abc" },
	{ "ap-southeast-4", "abc" },
	{ "ap-southeast-5", "abc" },
	{ "ap-southeast-6", "abc" },
	{ "ap-southeast-7", "abc" },
	{ "ca-central-1", "abd" },
	{ "ca-west-1", "abc" },
	{ "cn-north-1", "ab" },
	{ "cn-northwest-1", "abc" },
	{ "eu-central-1", "abc" },
	{ "eu-central-2", "abc" },
	{ "eu-north-1", "abc" },
	{ "eu-south-1", "abc" },
	{ "eu-south-2", "abc" },
	{ "eu-west-1", "abc" },
	{ "eu-west-2", "abc" },
	{ "eu-west-3", "abc" },
	{ "il-central-1", "abc" },
	{ "me-central-1", "abc" },
	{ "me-south-1", "abc" },
	{ "mx-central-1", "abc" },
	{ "sa-east-1", "abc" },
	{ "us-east-1", "abcdef" },
	{ "us-east-2", "abc" },
	{ "us-gov-east-1", "abc" },
	{ "us-gov-west-1", "abc" },
	{ "us-west-1", "bc" },
	{ "us-west-2", "abcd" },
};

struct value *eval_azs(const char *region, struct srcpos pos)
{
	struct value *list;
	const char *c;
	size_t i, len;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strcmp(zones[i].region, region))
			continue;
		list = value_list(pos);
		len = strlen(region);
		for (c = zones[i].letters; *c; c++) { /* region and letter, without printf */
			char *name = xmalloc(len + 2);

			memcpy(name, region, len);
			name[len] = *c;
			name[len + 1] = '\0';
			value_list_append(list, value_string_take(pos, name));
		}
		return list;
	}
	return NULL;
}
