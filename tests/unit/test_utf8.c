/*
 * test_utf8.c - the one UTF-8 decoder every reader and the normaliser use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/utf8.h"

static size_t
decode(const char *s, long *cp)
{
	return tl_utf8_decode((const unsigned char *)s, strlen(s), cp);
}

static size_t
bad_len(const char *s)
{
	return tl_utf8_bad_len((const unsigned char *)s, strlen(s));
}

static void ascii(void **st) { long cp; (void)st;
	assert_int_equal(decode("A", &cp), 1); assert_int_equal(cp, 'A'); }
static void two_bytes(void **st) { long cp; (void)st;
	assert_int_equal(decode("\xC3\xA9", &cp), 2); assert_int_equal(cp, 0xE9); }
static void three_bytes(void **st) { long cp; (void)st;	/* ’ */
	assert_int_equal(decode("\xE2\x80\x99", &cp), 3);
	assert_int_equal(cp, 0x2019); }
static void four_bytes(void **st) { long cp; (void)st;	/* U+1F600 */
	assert_int_equal(decode("\xF0\x9F\x98\x80", &cp), 4);
	assert_int_equal(cp, 0x1F600); }
static void overlong(void **st) { (void)st;
	assert_int_equal(decode("\xC0\xAF", NULL), 0);
	assert_int_equal(decode("\xE0\x80\xAF", NULL), 0); }
static void surrogate(void **st) { (void)st;
	assert_int_equal(decode("\xED\xA0\x80", NULL), 0); }
static void above_max(void **st) { (void)st;
	assert_int_equal(decode("\xF4\x90\x80\x80", NULL), 0);
	assert_int_equal(decode("\xF5\x80\x80\x80", NULL), 0); }
static void truncated(void **st) { (void)st;
	assert_int_equal(decode("\xE2\x80", NULL), 0); }
static void stray_continuation(void **st) { (void)st;
	assert_int_equal(decode("\x80", NULL), 0);
	assert_int_equal(bad_len("\x80\x80"), 1); }
static void bad_len_whole_sequence(void **st) { (void)st;
	assert_int_equal(bad_len("\xED\xA0\x80x"), 3);	/* surrogate */
	assert_int_equal(bad_len("\xE2\x80x"), 2);		/* cut short */
	assert_int_equal(bad_len("\xFFx"), 1); }

static void
assert_quoted(const char *in, const char *want)
{
	struct buf b = {0};

	tl_quote_controls(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void quote_controls(void **st) { (void)st;
	assert_quoted("plain name.md", "plain name.md");
	assert_quoted("a\nb\tc\rd", "a\\nb\\tc\\rd");
	assert_quoted("\033[31mred", "\\x1b[31mred");
	assert_quoted("\001\037\177", "\\x01\\x1f\\x7f");
	/* C1 controls are valid UTF-8 but terminals may obey them. */
	assert_quoted("\xC2\x9B" "2J", "\\xc2\\x9b2J");
	/* Invalid UTF-8: every byte shown. */
	assert_quoted("\xFF\xE2\x80x", "\\xff\\xe2\\x80x");
	/* Other text, non-ASCII included, stays as it is. */
	assert_quoted("Z\xC3\xBCrich \xE2\x80\x94 \xC2\xA0",
	    "Z\xC3\xBCrich \xE2\x80\x94 \xC2\xA0"); }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii),
		cmocka_unit_test(two_bytes),
		cmocka_unit_test(three_bytes),
		cmocka_unit_test(four_bytes),
		cmocka_unit_test(overlong),
		cmocka_unit_test(surrogate),
		cmocka_unit_test(above_max),
		cmocka_unit_test(truncated),
		cmocka_unit_test(stray_continuation),
		cmocka_unit_test(bad_len_whole_sequence),
		cmocka_unit_test(quote_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
