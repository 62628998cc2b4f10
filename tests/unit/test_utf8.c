/*
 * test_utf8.c - the one UTF-8 decoder every reader and the normaliser
 * use, and the one rule invalid UTF-8 is repaired by: a U+FFFD for each
 * maximal subpart of an ill-formed sequence.  The repair cases are the
 * examples of the Unicode Standard (15.0, section 3.9, tables 3-8 to
 * 3-11), which the WHATWG Encoding standard's decoder also gives.
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
ill_len(const char *s)
{
	return tl_utf8_ill_len((const unsigned char *)s, strlen(s));
}

#define R "\xEF\xBF\xBD"	/* U+FFFD */

/* s (n bytes) repaired is want, with `count` replacements. */
static void
expect_repair(const char *s, size_t n, const char *want, size_t count)
{
	struct buf b = {0};

	assert_int_equal(tl_utf8_repair(&b, s, n), count);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(buf_str(&b), want, b.len);
	buf_free(&b);
}

#define REPAIR(s, want, count)						\
	expect_repair((s), sizeof(s) - 1, (want), (count))

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
	assert_int_equal(ill_len("\x80\x80"), 1); }

/* The maximal subpart: the longest start of a valid sequence, else 1. */
static void ill_len_maximal_subpart(void **st) { (void)st;
	assert_int_equal(ill_len("\xE2\x80x"), 2);		/* cut short */
	assert_int_equal(ill_len("\xF0\x9F\x98x"), 3);
	assert_int_equal(ill_len("\xE2\x80"), 2);		/* at the end */
	assert_int_equal(ill_len("\xED\xA0\x80x"), 1);	/* surrogate */
	assert_int_equal(ill_len("\xED\x9F"), 2);		/* U+D7C0 cut */
	assert_int_equal(ill_len("\xE0\x80\xAF"), 1);	/* overlong */
	assert_int_equal(ill_len("\xE0\xA0"), 2);
	assert_int_equal(ill_len("\xC0\xAF"), 1);
	assert_int_equal(ill_len("\xC1\xBF"), 1);
	assert_int_equal(ill_len("\xF0\x8F\xBF\xBF"), 1);	/* overlong */
	assert_int_equal(ill_len("\xF0\x90\x80"), 3);
	assert_int_equal(ill_len("\xF4\x90\x80\x80"), 1);	/* > U+10FFFF */
	assert_int_equal(ill_len("\xF4\x8F\xBF"), 3);
	assert_int_equal(ill_len("\xF5\x80\x80\x80"), 1);	/* not a lead */
	assert_int_equal(ill_len("\xFFx"), 1); }

/* Table 3-8: truncated and stray bytes among text. */
static void unicode_table_3_8(void **st) { (void)st;
	REPAIR("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
	    "a" R R R "b" R "c" R R "d", 6); }
/* Table 3-9: non-shortest forms, every byte its own. */
static void unicode_table_3_9(void **st) { (void)st;
	REPAIR("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41",
	    R R R R R R R R "A", 8); }
/* Table 3-10: surrogates. */
static void unicode_table_3_10(void **st) { (void)st;
	REPAIR("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41",
	    R R R R R R R R "A", 8); }
/* Table 3-11: beyond U+10FFFF, bytes never used, stray continuations. */
static void unicode_table_3_11(void **st) { (void)st;
	REPAIR("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42",
	    R R R R R "A" R R "B", 7); }
/* Truncated sequences, each one replacement however far it got. */
static void truncated_sequences(void **st) { (void)st;
	REPAIR("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", R R R R "A", 4);
	REPAIR("a\xE2\x80" "b", "a" R "b", 1);
	REPAIR("ab\xF0\x9F\x98", "ab" R, 1); }
static void valid_untouched(void **st) { (void)st;
	REPAIR("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 \xEF\xBF\xBD",
	    "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 \xEF\xBF\xBD", 0);
	REPAIR("", "", 0); }

/* NUL is valid UTF-8; with TL_UTF8_NUL it is repaired too. */
static void nul_flag(void **st) {
	static const char s[] = "a\0b\xFF";
	struct buf b = {0};
	size_t n;

	(void)st;
	assert_int_equal(tl_utf8_find_bad(s, 4, 0, 0, &n), 3);
	assert_int_equal(n, 1);
	assert_int_equal(tl_utf8_find_bad(s, 4, 0, TL_UTF8_NUL, &n), 1);
	assert_int_equal(n, 1);
	assert_int_equal(tl_utf8_repair_as(&b, s, 4, TL_UTF8_NUL), 2);
	assert_string_equal(buf_str(&b), "a" R "b" R);
	buf_free(&b); }

/* A bad byte at every offset of the eight-byte steps is found. */
static void find_bad_word_edges(void **st) {
	char s[40];
	size_t k, n;

	(void)st;
	for (k = 0; k < 32; k++) {
		memset(s, 'x', sizeof(s));
		s[k] = (char)0xC3;	/* a lead byte cut short by 'x' */
		assert_int_equal(tl_utf8_find_bad(s, sizeof(s), 0, 0, &n), k);
		assert_int_equal(n, 1);
		assert_int_equal(tl_utf8_find_bad(s, sizeof(s), k + 1, 0, &n),
		    sizeof(s));
		assert_int_equal(n, 0);
	}
}

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
		cmocka_unit_test(ill_len_maximal_subpart),
		cmocka_unit_test(unicode_table_3_8),
		cmocka_unit_test(unicode_table_3_9),
		cmocka_unit_test(unicode_table_3_10),
		cmocka_unit_test(unicode_table_3_11),
		cmocka_unit_test(truncated_sequences),
		cmocka_unit_test(valid_untouched),
		cmocka_unit_test(nul_flag),
		cmocka_unit_test(find_bad_word_edges),
		cmocka_unit_test(quote_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
