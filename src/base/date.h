/*
 * date.h - the one answer to "is this a day of the calendar", for the
 * date options (--date, --today) and every date read from a cell.
 *
 * Gregorian calendar, leap years included; years 1 to 9999.
 */
#ifndef TABLOG_DATE_H
#define TABLOG_DATE_H

/* Days in month m (1-12) of year y. */
int	tl_days_in_month(int y, int m);

/* Whether y-m-d is a day of the calendar (every part from 1). */
int	tl_ymd_valid(int y, int m, int d);

/*
 * s is exactly YYYY-MM-DD, ten characters of ASCII digits and two '-',
 * naming a real day ("2026-02-30", "+202-01-01" and "2026-01- 1" are
 * not): 0 with the parts in *y, *m, *d; else -1, *y, *m, *d untouched.
 */
int	tl_parse_ymd(const char *s, int *y, int *m, int *d);

#endif
