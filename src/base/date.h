/*
 * date.h - calendar dates: the one answer to "is this a day of the
 * calendar", for the date options (--date, --today) and every date read
 * from a cell, and the two ways a date is written out (ISO 8601 for
 * machines, "5 December 2023" for people).
 *
 * Gregorian calendar, leap years included; years 1 to 9999.  Finding
 * dates in a cell's text is the normaliser's (normalise.h).
 */
#ifndef TABLOG_DATE_H
#define TABLOG_DATE_H

#include <stdint.h>

struct buf;

/* A date at month (day == 0) or day precision; year == 0 means none. */
struct tl_date {
	int	year;
	int	month;	/* 1-12 */
	int	day;	/* 1-31, or 0 */
};

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

/*
 * The inverse of tl_date_iso(): s is exactly "YYYY-MM" or "YYYY-MM-DD" of
 * the calendar (as tablog writes last_update): 0 with *date set, else -1
 * and *date zeroed.
 */
int	tl_parse_iso_date(const char *s, struct tl_date *date);

/* "2023-12" or "2023-12-05" appended to out; "" for no date. */
void	tl_date_iso(struct buf *out, const struct tl_date *date);
/* "December 2023" or "5 December 2023"; "" for no date. */
void	tl_date_label(struct buf *out, const struct tl_date *date);
/* Days from 1970-01-01 to y-m-d (negative before it), for dates that
 * become times (HTTP dates, a spreadsheet's creation time). */
int64_t	tl_days_from_civil(int y, int m, int d);
/* Negative, zero or positive as a is earlier, the same or later than b. */
int	tl_date_cmp(const struct tl_date *a, const struct tl_date *b);

/* The day that many days from 1970-01-01 is (proleptic Gregorian). */
void	tl_civil_from_days(long long days, int *y, int *m, int *d);
/*
 * A moment (seconds since 1970, UTC) as a clock `offset` minutes east of
 * UTC shows it: its day "2024-01-03" in day (11 bytes) and, in time (26
 * bytes), RFC 3339 to the second, "2024-01-03T10:00:00+01:00" ("Z" for
 * UTC), as git shows a commit's date.
 */
void	tl_moment_text(long long seconds, int offset, char day[11],
	    char time[26]);

#endif
