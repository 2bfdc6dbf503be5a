/*
 * s3url.h - S3 object URLs as CloudFormation accepts them for a nested
 * stack's TemplateURL (and as S3 accepts them generally).
 *
 * Virtual-hosted and path style, global, regional (s3.REGION and the legacy
 * s3-REGION), dualstack, and the China suffix amazonaws.com.cn:
 *   https://BUCKET.s3.amazonaws.com/KEY       https://s3.amazonaws.com/BUCKET/KEY
 *   https://BUCKET.s3.REGION.amazonaws.com/KEY https://s3.REGION.amazonaws.com/BUCKET/KEY
 *   https://BUCKET.s3-REGION.amazonaws.com/KEY https://s3-REGION.amazonaws.com/BUCKET/KEY
 *   https://BUCKET.s3.dualstack.REGION.amazonaws.com/KEY (and path style)
 * A query string (?versionId=...) is dropped; %XX escapes in the key are decoded.
 * Text that is not even a URI (it holds a space, a brace, a quote...) is told
 * apart from a well-formed path or URL that is simply not S3: CloudFormation
 * answers them with different messages.
 */
#ifndef CFN_S3URL_H
#define CFN_S3URL_H

enum s3url_error {
	S3URL_OK = 0,
	S3URL_NOT_A_URL,   /* a local path or other text: not packaged */
	S3URL_NOT_A_URI,   /* text that cannot be a URL at all (spaces, braces, empty) */
	S3URL_S3_SCHEME,   /* s3://bucket/key */
	S3URL_NOT_S3,      /* an http(s) URL whose host is not S3 (or an S3 website) */
	S3URL_MALFORMED,   /* an S3 host, but no bucket or key */
};

struct s3url {
	char *bucket; /* owned */
	char *key;    /* owned, decoded */
	char *region; /* owned, or NULL when the URL names none (global endpoint) */
};

/* Parses url into out (new parts, free with s3url_free).  On an error the
 * parts are NULL; for S3URL_S3_SCHEME out->bucket still names the bucket
 * (CloudFormation's message quotes it). */
enum s3url_error s3url_parse(const char *url, struct s3url *out);
/* Frees the parts of u. */
void s3url_free(struct s3url *u);

#endif
