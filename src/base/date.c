/*
 * date.c - calendar dates (see date.h).
 */
#include "base/date.h"

#include <stdio.h>

#include "base/buf.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
tl_days_in_month(int y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
tl_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= tl_days_in_month(y, m);
}

/* n ASCII digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
tl_parse_ymd(const char *s, int *y, int *m, int *d)
{
	int yy, mm, dd;

	/* Checked in order, so no byte past a NUL is read. */
	if ((yy = digits(s, 4)) < 0 || s[4] != '-' ||
	    (mm = digits(s + 5, 2)) < 0 || s[7] != '-' ||
	    (dd = digits(s + 8, 2)) < 0 || s[10] != '\0' ||
	    !tl_ymd_valid(yy, mm, dd))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int
tl_parse_iso_date(const char *s, struct tl_date *date)
{
	int y, m;

	date->year = date->month = date->day = 0;
	if ((y = digits(s, 4)) < 1 || s[4] != '-' ||
	    (m = digits(s + 5, 2)) < 1 || m > 12)
		return -1;
	if (s[7] == '\0') {
		date->year = y;
		date->month = m;
		return 0;
	}
	return tl_parse_ymd(s, &date->year, &date->month, &date->day);
}

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* v (0-9999) in decimal, zero-padded to `width` digits: printf is slow. */
static void
put_num(struct buf *out, int v, int width)
{
	char d[4];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n < width)
		d[n++] = '0';
	while (n > 0)
		buf_putc(out, d[--n]);
}

static int
date_printable(const struct tl_date *date)
{
	return date->year >= 0 && date->year <= 9999 &&
	    date->month >= 0 && date->month <= 99 &&
	    date->day >= 0 && date->day <= 99;
}

void
tl_date_iso(struct buf *out, const struct tl_date *date)
{
	if (date->year == 0)
		buf_put(out, "", 0);
	else if (!date_printable(date)) {
		if (date->day == 0)
			buf_printf(out, "%04d-%02d", date->year, date->month);
		else
			buf_printf(out, "%04d-%02d-%02d", date->year,
			    date->month, date->day);
	} else {
		put_num(out, date->year, 4);
		buf_putc(out, '-');
		put_num(out, date->month, 2);
		if (date->day != 0) {
			buf_putc(out, '-');
			put_num(out, date->day, 2);
		}
	}
}

void
tl_date_label(struct buf *out, const struct tl_date *date)
{
	if (date->year == 0 || date->month < 1 || date->month > 12)
		buf_put(out, "", 0);
	else if (!date_printable(date)) {
		if (date->day == 0)
			buf_printf(out, "%s %d", month_names[date->month - 1],
			    date->year);
		else
			buf_printf(out, "%d %s %d", date->day,
			    month_names[date->month - 1], date->year);
	} else {
		if (date->day != 0) {
			put_num(out, date->day, 1);
			buf_putc(out, ' ');
		}
		buf_puts(out, month_names[date->month - 1]);
		buf_putc(out, ' ');
		put_num(out, date->year, 1);
	}
}

/* Howard Hinnant's days_from_civil: whole 400-year eras, then the day
 * of the era counted from 1 March, so the leap day comes last. */
int64_t
tl_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
tl_date_cmp(const struct tl_date *a, const struct tl_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* The inverse of tl_days_from_civil(), Hinnant's civil_from_days. */
void
tl_civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
tl_moment_text(long long seconds, int offset, char day[11], char time[26])
{
	long long local = seconds + (long long)offset * 60, days, rest;
	int y, m, d, off = offset < 0 ? -offset : offset;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	rest = local - days * 86400;
	tl_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)		/* a date no commit has */
		y = m = d = 0;
	snprintf(day, 11, "%04d-%02d-%02d", y, m, d);
	if (offset == 0)
		snprintf(time, 26, "%sT%02d:%02d:%02dZ", day, (int)(rest / 3600),
		    (int)(rest / 60 % 60), (int)(rest % 60));
	else
		snprintf(time, 26, "%sT%02d:%02d:%02d%c%02d:%02d", day,
		    (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60),
		    offset < 0 ? '-' : '+', off / 60 % 100, off % 60);
}
