/*
 * awsid.h - the shapes of AWS identifiers that options and imported files
 * are checked against: 12-digit account ids and region codes.
 */
#ifndef CFN_AWSID_H
#define CFN_AWSID_H

#include <stdbool.h>

/* True when s is exactly 12 decimal digits. */
bool awsid_is_account(const char *s);
/* True when s looks like a region code: lowercase words joined by '-',
 * ending in a number (us-east-1, eu-central-2, us-gov-west-1, cn-north-1). */
bool awsid_is_region(const char *s);

#endif
