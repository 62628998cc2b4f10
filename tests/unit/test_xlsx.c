/*
 * test_xlsx.c - the rules of Excel's files that write_xlsx.c follows, on
 * their own: what a string cell may hold, which URL in a cell becomes a
 * hyperlink and how it is written, and sheet names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "write/write.h"

/* ---- string cells ------------------------------------------------------ */

static void
expect_cell(const char *in, const char *want, int cut, unsigned width)
{
	struct buf b = {0};
	unsigned w = 99;

	assert_int_equal(tl_xlsx_string(&b, in, &w), cut);
	assert_string_equal(buf_str(&b), want);
	assert_int_equal(w, width);
	buf_free(&b);
}

static void string_plain(void **s) { (void)s;
	expect_cell("=1+1", "=1+1", 0, 4); }
static void string_widest_line(void **s) { (void)s;
	expect_cell("ab\nabcdef\nabc", "ab\nabcdef\nabc", 0, 6); }
/* Wide characters take two columns; the width stops at 60. */
static void string_wide(void **s) { (void)s;
	expect_cell("日本語", "日本語", 0, 6); }
static void
string_width_capped(void **st)
{
	char *in = malloc(1001);

	(void)st;
	memset(in, 'x', 1000);
	in[1000] = '\0';
	expect_cell(in, in, 0, 60);
	free(in);
}
/* Excel reads "_xHHHH_" as U+HHHH in any string: a literal one has its
 * '_' escaped; what only looks like one stays. */
static void string_xstring_escape(void **s) { (void)s;
	expect_cell("a _x0041_ b _x000d_", "a _x005F_x0041_ b _x005F_x000d_",
	    0, 19); }
static void string_xstring_not_escape(void **s) { (void)s;
	expect_cell("_x004_ _x00G1_ _x0041", "_x004_ _x00G1_ _x0041", 0, 21); }

/* 32767 UTF-16 units at most, cut at a character. */
static void
string_cut(void **st)
{
	size_t n = 32767 + 10, i;
	char *in = malloc(n * 4 + 1);
	struct buf b = {0};

	(void)st;
	memset(in, 'x', n);
	in[n] = '\0';
	assert_int_equal(tl_xlsx_string(&b, in, NULL), 1);
	assert_int_equal(b.len, 32767);
	buf_reset(&b);
	in[32767] = '\0';
	assert_int_equal(tl_xlsx_string(&b, in, NULL), 0);
	assert_int_equal(b.len, 32767);
	/* U+1F600 is two units: 16383 of them fit, not 16384. */
	for (i = 0; i < 16390; i++)
		memcpy(in + i * 4, "\xF0\x9F\x98\x80", 4);
	in[16390 * 4] = '\0';
	buf_reset(&b);
	assert_int_equal(tl_xlsx_string(&b, in, NULL), 1);
	assert_int_equal(b.len, 16383 * 4);
	buf_free(&b);
	free(in);
}

/* ---- links -------------------------------------------------------------- */

static void
expect_url_in(const char *text, const char *want)
{
	size_t len = 0;
	const char *p = tl_xlsx_url_in_text(text, &len);

	if (want == NULL) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(p, want, len);
}

static void url_whole(void **s) { (void)s;
	expect_url_in("https://learn.microsoft.com/graph",
	    "https://learn.microsoft.com/graph"); }
static void url_in_sentence(void **s) { (void)s;
	expect_url_in("See https://example.com/a/b. Then more.",
	    "https://example.com/a/b"); }
static void url_closing_bracket(void **s) { (void)s;
	expect_url_in("(see http://example.com/x)", "http://example.com/x"); }
static void url_own_brackets(void **s) { (void)s;
	expect_url_in("https://en.wikipedia.org/wiki/A_(b)",
	    "https://en.wikipedia.org/wiki/A_(b)"); }
static void url_first_of_two(void **s) { (void)s;
	expect_url_in("a http://one.example/ and http://two.example/",
	    "http://one.example/"); }
static void url_mailto(void **s) { (void)s;
	expect_url_in("write to mailto:a@b.example", "mailto:a@b.example"); }
static void url_in_quotes(void **s) { (void)s;
	expect_url_in("=HYPERLINK(\"http://example.com/\",\"x\")",
	    "http://example.com/"); }
static void url_none(void **s) { (void)s;
	expect_url_in("no link here, javascript:alert(1)", NULL); }
static void url_scheme_only(void **s) { (void)s;
	expect_url_in("http:// alone", NULL); }
static void url_inside_word(void **s) { (void)s;
	expect_url_in("xhttp://example.com", NULL); }

static void
expect_url(const char *in, const char *want)
{
	struct buf b = {0};

	buf_puts(&b, in);
	assert_int_equal(tl_xlsx_url(&b), want ? 0 : -1);
	if (want != NULL)
		assert_string_equal(buf_str(&b), want);
	else
		assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void url_kept(void **s) { (void)s;
	expect_url("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"); }
static void url_encoded(void **s) { (void)s;
	expect_url("https://example.com/日 a\"{}|%zz%41",
	    "https://example.com/%E6%97%A5%20a%22%7B%7D%7C%25zz%41"); }
static void url_not_web(void **s) { (void)s;
	expect_url("javascript:alert(1)", NULL); }
static void url_not_file(void **s) { (void)s;
	expect_url("file:///etc/passwd", NULL); }
static void url_libxlsxwriter_syntax(void **s) { (void)s;
	expect_url("https://example.com/?q=internal:Sheet1!A1", NULL); }
static void
url_too_long(void **st)
{
	struct buf in = {0};

	(void)st;
	buf_puts(&in, "https://example.com/");
	while (in.len < 2079)
		buf_putc(&in, 'a');
	expect_url(in.data, in.data);
	buf_putc(&in, 'a');
	expect_url(in.data, NULL);
	buf_free(&in);
}

/* ---- sheet names -------------------------------------------------------- */

static void
names_clean(void **st)
{
	struct tl_sheet_names n = {0};

	(void)st;
	assert_string_equal(tl_sheet_name(&n, "Application permissions", "T"),
	    "Application permissions");
	assert_string_equal(tl_sheet_name(&n, "A/B [x]: *y?\\z", "T"),
	    "A B x y z");
	assert_string_equal(tl_sheet_name(&n, "'quoted'", "T"), "quoted");
	assert_string_equal(tl_sheet_name(&n, "two\nlines", "T"),
	    "two lines");
	assert_string_equal(tl_sheet_name(&n, "a _x0041_ b", "T"),
	    "a x0041_ b");
	assert_string_equal(tl_sheet_name(&n, "[]:*?/\\", "Table 7"),
	    "Table 7");
	assert_string_equal(tl_sheet_name(&n, NULL, "Table 8"), "Table 8");
	tl_sheet_names_free(&n);
}

static void
names_length(void **st)
{
	struct tl_sheet_names n = {0};

	(void)st;
	/* 31 characters, then cut (and no space left at the end). */
	assert_string_equal(tl_sheet_name(&n,
	    "Delegated permissions for the Graph API", "T"),
	    "Delegated permissions for the G");
	assert_string_equal(tl_sheet_name(&n,
	    "Delegated permissions for the Graph API", "T"),
	    "Delegated permissions for t (2)");
	assert_string_equal(tl_sheet_name(&n,
	    "委任されたアクセス許可とアプリケーションのアクセス許可の一覧です", "T"),
	    "委任されたアクセス許可とアプリケーションのアクセス許可の一覧で");
	/* U+1F600 is two of Excel's characters. */
	assert_string_equal(tl_sheet_name(&n,
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
	    "T"),
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
	tl_sheet_names_free(&n);
}

static void
names_unique(void **st)
{
	struct tl_sheet_names n = {0};

	(void)st;
	assert_string_equal(tl_sheet_name(&n, "Changelog", "T"), "Changelog");
	assert_string_equal(tl_sheet_name(&n, "changelog", "T"),
	    "changelog (2)");
	assert_string_equal(tl_sheet_name(&n, "CHANGELOG", "T"),
	    "CHANGELOG (3)");
	assert_string_equal(tl_sheet_name(&n, "History", "T"), "History (2)");
	assert_string_equal(tl_sheet_name(&n, "Table 1", "T"), "Table 1");
	assert_string_equal(tl_sheet_name(&n, "Table 1", "T"), "Table 1 (2)");
	tl_sheet_names_free(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(string_plain),
		cmocka_unit_test(string_widest_line),
		cmocka_unit_test(string_wide),
		cmocka_unit_test(string_width_capped),
		cmocka_unit_test(string_xstring_escape),
		cmocka_unit_test(string_xstring_not_escape),
		cmocka_unit_test(string_cut),
		cmocka_unit_test(url_whole),
		cmocka_unit_test(url_in_sentence),
		cmocka_unit_test(url_closing_bracket),
		cmocka_unit_test(url_own_brackets),
		cmocka_unit_test(url_first_of_two),
		cmocka_unit_test(url_mailto),
		cmocka_unit_test(url_in_quotes),
		cmocka_unit_test(url_none),
		cmocka_unit_test(url_scheme_only),
		cmocka_unit_test(url_inside_word),
		cmocka_unit_test(url_kept),
		cmocka_unit_test(url_encoded),
		cmocka_unit_test(url_not_web),
		cmocka_unit_test(url_not_file),
		cmocka_unit_test(url_libxlsxwriter_syntax),
		cmocka_unit_test(url_too_long),
		cmocka_unit_test(names_clean),
		cmocka_unit_test(names_length),
		cmocka_unit_test(names_unique),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
