/*
 * date.c - calendar dates (see date.h).
 */
#include "base/date.h"

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
