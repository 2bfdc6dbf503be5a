/*
 * physid.h - deterministic physical ids for simulated resources.
 *
 * CloudFormation names what it creates STACK-LOGICALID-RANDOM; cfn-dryrun
 * replaces the random part with a hash of stack and logical id, so two runs
 * print the same names and tests can compare them.
 */
#ifndef CFN_PHYSID_H
#define CFN_PHYSID_H

#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a of the NUL-terminated strings a and b (joined by '/'). */
uint64_t physid_hash(const char *a, const char *b);
/* Writes n characters of base-36 text derived from hash into out (n + 1
 * bytes); uppercase or lowercase letters. */
void physid_suffix(uint64_t hash, char *out, size_t n, int lowercase);
/* Returns a new "stack-LogicalId-XXXXXXXXXXXX" name. */
char *physid_name(const char *stack, const char *logical_id);
/* Returns a new lowercase name, as for S3 buckets:
 * "stack-logicalid-xxxxxxxxxxxx", at most max_len characters. */
char *physid_name_lower(const char *stack, const char *logical_id, size_t max_len);

/* Returns a new stack ARN,
 * arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/UUID, the UUID
 * derived from the other parts (what AWS::StackId gives). */
char *physid_stack_arn(const char *partition, const char *region, const char *account,
		       const char *stack);

#endif
