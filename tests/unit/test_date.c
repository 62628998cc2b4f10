/*
 * test_date.c - the one date validator behind --date, --today and the
 * dates read from cells, and the two ways a date is written out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/date.h"

static int
parses(const char *s)
{
	int y = -1, m = -1, d = -1;

	return tl_parse_ymd(s, &y, &m, &d) == 0;
}

static void
calendar(void **st)
{
	(void)st;
	assert_true(tl_ymd_valid(2024, 2, 29));
	assert_true(tl_ymd_valid(2000, 2, 29));
	assert_false(tl_ymd_valid(1900, 2, 29));
	assert_false(tl_ymd_valid(2023, 2, 29));
	assert_false(tl_ymd_valid(2026, 2, 30));
	assert_false(tl_ymd_valid(2026, 4, 31));
	assert_true(tl_ymd_valid(2026, 12, 31));
	assert_false(tl_ymd_valid(2026, 13, 1));
	assert_false(tl_ymd_valid(2026, 0, 1));
	assert_false(tl_ymd_valid(2026, 1, 0));
	assert_false(tl_ymd_valid(0, 1, 1));
}

static void
iso_strict(void **st)
{
	int y = 0, m = 0, d = 0;

	(void)st;
	assert_int_equal(tl_parse_ymd("2026-11-26", &y, &m, &d), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_int_equal(d, 26);
	assert_true(parses("2024-02-29"));
	assert_false(parses("2026-02-30"));
	assert_false(parses("+202-01-01"));
	assert_false(parses("-202-01-01"));
	assert_false(parses("2026-01- 1"));
	assert_false(parses(" 2026-01-01"));
	assert_false(parses("2026-1-01"));
	assert_false(parses("2026-01-011"));
	assert_false(parses("2026-01-01 "));
	assert_false(parses("2026/01/01"));
	assert_false(parses("2026-01"));
	assert_false(parses(""));
	assert_false(parses("0000-01-01"));
}

/* ---- writing dates -------------------------------------------------- */

/* tl_parse_iso_date() reads back exactly what tl_date_iso() writes. */
static void
iso_round_trip(void **st)
{
	struct tl_date d;
	struct buf b = {0};

	(void)st;
	assert_int_equal(tl_parse_iso_date("2023-12", &d), 0);
	assert_int_equal(d.year, 2023);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 0);
	tl_date_iso(&b, &d);
	assert_string_equal(buf_str(&b), "2023-12");
	assert_int_equal(tl_parse_iso_date("2024-02-29", &d), 0);
	assert_int_equal(d.day, 29);
	buf_reset(&b);
	tl_date_iso(&b, &d);
	assert_string_equal(buf_str(&b), "2024-02-29");
	/* Anything else is no date, and leaves none behind. */
	assert_int_equal(tl_parse_iso_date("2023-02-29", &d), -1);
	assert_int_equal(d.year, 0);
	assert_int_equal(tl_parse_iso_date("2023-13", &d), -1);
	assert_int_equal(tl_parse_iso_date("2023-00", &d), -1);
	assert_int_equal(tl_parse_iso_date("2023-1", &d), -1);
	assert_int_equal(tl_parse_iso_date("2023-12-", &d), -1);
	assert_int_equal(tl_parse_iso_date("2023-12x", &d), -1);
	assert_int_equal(tl_parse_iso_date("0000-01", &d), -1);
	assert_int_equal(tl_parse_iso_date("", &d), -1);
	buf_free(&b);
}

static void date_cmp_precision(void **s) { (void)s;
	struct tl_date m = {2023, 12, 0}, d1 = {2023, 12, 1}, n = {2023, 11, 30};
	assert_true(tl_date_cmp(&m, &d1) < 0);
	assert_true(tl_date_cmp(&d1, &m) > 0);
	assert_true(tl_date_cmp(&n, &m) < 0);
	assert_int_equal(tl_date_cmp(&m, &m), 0); }
static void date_cmp_year(void **s) { (void)s;
	struct tl_date a = {2022, 12, 31}, b = {2023, 1, 0};
	assert_true(tl_date_cmp(&a, &b) < 0); }

static void
expect_iso_label(const struct tl_date *date, const char *iso,
    const char *label)
{
	struct buf b = {0};

	tl_date_iso(&b, date);
	assert_string_equal(buf_str(&b), iso);
	buf_reset(&b);
	tl_date_label(&b, date);
	assert_string_equal(buf_str(&b), label);
	buf_free(&b);
}

/* Days since 1970-01-01 (values from Python's datetime.date). */
static void
days_from_civil(void **st)
{
	(void)st;
	assert_int_equal(tl_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(tl_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(tl_days_from_civil(1980, 1, 1), 3652);
	assert_int_equal(tl_days_from_civil(2000, 2, 29), 11016);
	assert_int_equal(tl_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(tl_days_from_civil(2025, 4, 1), 20179);
	assert_int_equal(tl_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(tl_days_from_civil(9999, 12, 31), 2932896);
	assert_int_equal(tl_days_from_civil(1, 1, 1), -719162);
}

static void date_format_month(void **s) { (void)s;
	struct tl_date d = {2023, 12, 0};
	expect_iso_label(&d, "2023-12", "December 2023"); }
static void date_format_day(void **s) { (void)s;
	struct tl_date d = {2023, 3, 5};
	expect_iso_label(&d, "2023-03-05", "5 March 2023"); }
static void date_format_none(void **s) { (void)s;
	struct tl_date d = {0, 0, 0};
	expect_iso_label(&d, "", ""); }

static void
days_and_moments(void **st)
{
	char day[11], time[26];

	(void)st;
	assert_int_equal(tl_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(tl_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(tl_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(tl_days_from_civil(2024, 1, 3), 19725);
	/* 2024-01-03T09:00:00Z, seen at +01:00 and at -10:00 */
	tl_moment_text(1704272400LL, 60, day, time);
	assert_string_equal(day, "2024-01-03");
	assert_string_equal(time, "2024-01-03T10:00:00+01:00");
	tl_moment_text(1704272400LL, -600, day, time);
	assert_string_equal(day, "2024-01-02");
	assert_string_equal(time, "2024-01-02T23:00:00-10:00");
	tl_moment_text(1704272400LL, 0, day, time);
	assert_string_equal(time, "2024-01-03T09:00:00Z");
	/* the day after 2024-02-29 */
	tl_moment_text(1709208000LL + 86400, 330, day, time);
	assert_string_equal(time, "2024-03-01T17:30:00+05:30");
	tl_moment_text(-1, 0, day, time);
	assert_string_equal(time, "1969-12-31T23:59:59Z");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calendar),
		cmocka_unit_test(iso_strict),
		cmocka_unit_test(iso_round_trip),
		cmocka_unit_test(date_cmp_precision),
		cmocka_unit_test(date_cmp_year),
		cmocka_unit_test(days_from_civil),
		cmocka_unit_test(date_format_month),
		cmocka_unit_test(date_format_day),
		cmocka_unit_test(date_format_none),
		cmocka_unit_test(days_and_moments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
