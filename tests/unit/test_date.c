/*
 * test_date.c - the one date validator behind --date, --today and the
 * dates read from cells.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calendar),
		cmocka_unit_test(iso_strict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
