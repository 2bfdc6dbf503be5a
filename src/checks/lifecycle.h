/*
 * lifecycle.h - the calendar of retired runtimes and engines: data, one
 * line per value in lifecycle.c, judged by retired.c against the day the
 * create happens (--date, or a scenario's date:).
 */
#ifndef CFN_CHECKS_LIFECYCLE_H
#define CFN_CHECKS_LIFECYCLE_H

/* What message a retired value gets. */
enum lifecycle_message {
	LIFECYCLE_LAMBDA = 1, /* Lambda's "The runtime parameter of X is no longer supported ..." */
	LIFECYCLE_RDS,        /* RDS's "Cannot find version V for ENGINE" */
};

struct lifecycle {
	const char *type;         /* "AWS::Lambda::Function" */
	const char *property;     /* "Runtime" */
	const char *value;        /* "python3.6": the retired value */
	const char *block_create; /* "2022-07-18": from this day on, creates fail */
	const char *successor;    /* what AWS recommends instead ("python3.13") */
	enum lifecycle_message message; /* the message's shape */
	const char *source;       /* where the date was found */
};

/* The table, terminated by an entry with a NULL type. */
const struct lifecycle *lifecycle_table(void);

#endif
