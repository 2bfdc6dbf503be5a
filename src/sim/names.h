/*
 * names.h - explicit physical names: which property names a resource, how
 * far the name must be unique, and how CloudFormation words a collision.
 *
 * Only types whose create really fails on an existing name are listed:
 * APIs that return the existing resource instead (SNS CreateTopic, SQS
 * CreateQueue with the same attributes, ECS CreateCluster, EventBridge
 * PutRule) are left out on purpose, so no false "already exists" is
 * predicted for them.
 */
#ifndef CFN_NAMES_H
#define CFN_NAMES_H

enum name_scope {
	NAME_SCOPE_REGION = 1, /* unique per account and region */
	NAME_SCOPE_ACCOUNT,    /* unique per account (IAM) */
	NAME_SCOPE_PARTITION,  /* unique across all accounts (S3 buckets) */
};

enum name_message {
	NAME_MSG_LEGACY = 1,    /* "NAME already exists" */
	NAME_MSG_REGISTRY_JSON, /* Resource of type 'T' with identifier '{"/properties/P":"NAME"}' already exists. */
	NAME_MSG_REGISTRY,      /* Resource of type 'T' with identifier 'NAME' already exists. */
};

struct name_rule {
	const char *type;          /* "AWS::S3::Bucket" */
	const char *property;      /* "BucketName" */
	enum name_scope scope;     /* how far the name is unique */
	enum name_message message; /* CloudFormation's wording of a collision */
};

/* The rule for type (borrowed, static) or NULL when the type has none. */
const struct name_rule *names_find(const char *type);

#endif
