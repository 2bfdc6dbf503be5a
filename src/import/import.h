/*
 * import.h - "cfn-dryrun state import": an account-state file (SPEC
 * section 2) built from the JSON that the AWS CLI prints, never calling AWS.
 *
 * The input is a folder with one file per command, named after it:
 * SERVICE-OPERATION[.QUALIFIER].json, e.g. s3api-list-buckets.json or
 * ec2-describe-vpcs.eu-west-1.json.  For s3api-list-objects-v2 and
 * s3api-get-bucket-versioning the qualifier is the bucket name (required);
 * for every other command it is optional, made of dot-separated 12-digit
 * account ids and region codes that say where the output was taken when
 * the output itself does not (ARNs in the output win).  The table of
 * commands is in import_aws.c; the file name rules in import_dir.c.
 */
#ifndef CFN_IMPORT_H
#define CFN_IMPORT_H

#include "util/diag.h"
#include "util/strbuf.h"
#include "value/value.h"

struct import_options {
	const char *dir;     /* borrowed: the folder of AWS CLI outputs */
	const char *account; /* borrowed: --account, or NULL */
	const char *region;  /* borrowed: --region, or NULL */
};

/* Reads every file of o->dir and returns the state tree (new), or NULL
 * with errors in dl naming each bad file (FILE:LINE:COLUMN where the
 * problem has a place). */
struct value *import_state(const struct import_options *o, struct diag_list *dl);

/* Appends the state tree (borrowed) as YAML.  Strings that YAML would read
 * as something else (numbers, booleans, null, dates) are quoted. */
void import_write_yaml(const struct value *state, struct strbuf *out);

/* "s3api-list-buckets, s3api-list-objects-v2.BUCKET, ..." (new), for help. */
char *import_command_list(void);

#endif
