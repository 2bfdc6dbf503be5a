/*
 * awsid.c - checking account ids and region codes (awsid.h).
 */
#include "util/awsid.h"

#include <string.h>

bool awsid_is_account(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s < '0' || *s > '9')
			return false;
	return n == 12;
}

bool awsid_is_region(const char *s)
{
	const char *last = strrchr(s, '-');
	const char *p;

	if (!last || last == s || !last[1])
		return false;
	for (p = last + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	for (p = s; p < last; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
			return false;
	return strchr(s, '-') != last;
}
