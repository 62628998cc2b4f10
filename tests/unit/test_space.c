/*
 * test_space.c - the white-space predicates of base/space.h, and trimming
 * with them.  Each set is listed here in full (written from the comment
 * in space.h and the standards it cites, not from the code), so that a
 * character added to or dropped from a set fails a test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/space.h"

/* Every byte value: in the set exactly when it is one of `want`. */
static void
expect_bytes(int (*is)(int), const char *want, size_t nwant)
{
	int c;

	for (c = -128; c < 256; c++) {
		int in = c > 0 && memchr(want, c, nwant) != NULL;

		if (is(c) != in)
			fail_msg("byte %d: got %d, want %d", c, is(c), in);
	}
}

static void ascii_space(void **st) { (void)st;
	expect_bytes(tl_is_space, " \t\n\v\f\r", 6); }
static void html_space(void **st) { (void)st;
	/* WHATWG Infra "ASCII whitespace": no VT. */
	expect_bytes(tl_is_html_space, " \t\n\f\r", 5); }
static void blank(void **st) { (void)st;
	expect_bytes(tl_is_blank, " \t", 2); }

static void
unicode_space(void **st)
{
	static const long want[] = {
		'\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
		0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000,
	};
	size_t n = sizeof(want) / sizeof(want[0]), k, found = 0;
	long cp;

	(void)st;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		int in = 0;

		for (k = 0; k < n; k++)
			if (want[k] == cp)
				in = 1;
		if (tl_is_unicode_space(cp) != in)
			fail_msg("U+%04lX: got %d, want %d", cp,
			    tl_is_unicode_space(cp), in);
		found += (size_t)in;
	}
	assert_int_equal(found, n);
	/* Line breaks other than LF, and zero-width characters, are not. */
	assert_false(tl_is_unicode_space(0x2028));
	assert_false(tl_is_unicode_space(0x200B));
	assert_false(tl_is_unicode_space(0xFEFF));
}

static void
trim(void **st)
{
	const char *s = " \t\vab c\f\r\n";
	size_t from = 0, to = strlen(s);

	(void)st;
	tl_trim(s, &from, &to);
	assert_int_equal(from, 3);
	assert_int_equal(to, 7);
	/* Only the span given; all white space leaves it empty. */
	from = 1, to = 3;
	tl_trim(s, &from, &to);
	assert_int_equal(from, to);
	/* NBSP is not ASCII white space. */
	s = "\xC2\xA0x\xC2\xA0";
	from = 0, to = 5;
	tl_trim(s, &from, &to);
	assert_int_equal(from, 0);
	assert_int_equal(to, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii_space),
		cmocka_unit_test(html_space),
		cmocka_unit_test(blank),
		cmocka_unit_test(unicode_space),
		cmocka_unit_test(trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
