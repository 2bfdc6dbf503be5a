/*
 * date.h - calendar days: "YYYY-MM-DD" parsed strictly into a day number
 * (days since 1970-01-01, proleptic Gregorian), so dates compare and
 * subtract as integers (--date, the lifecycle table's block dates).
 */
#ifndef CFN_DATE_H
#define CFN_DATE_H

#include <stdbool.h>

/* Parses s (exactly "YYYY-MM-DD", a real day of the calendar: 2023-02-29
 * is refused) into *days.  Returns false, *days untouched, otherwise. */
bool date_parse(const char *s, long *days);

#endif
