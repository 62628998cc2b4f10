/*
 * test_escape.c - quoting for each output format, on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "write/escape.h"

typedef void (*escaper)(struct buf *, const char *);

static void
expect(escaper f, const char *in, const char *want)
{
	struct buf b = {0};

	f(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
expect_csv(const char *in, int raw, const char *want)
{
	struct buf b = {0};

	esc_csv(&b, in, raw);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void html_specials(void **s) { (void)s;
	expect(esc_html, "<a href=\"x\">Tom & Jerry's</a>",
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"); }
static void html_plain_utf8(void **s) { (void)s;
	expect(esc_html, "users’ 最終更新日", "users’ 最終更新日"); }
static void html_lines(void **s) { (void)s;
	expect(esc_html_lines, "a<b\nc&d", "a&lt;b<br>c&amp;d"); }
static void html_script(void **s) { (void)s;
	expect(esc_html, "<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;"); }
static void md_pipe_backslash(void **s) { (void)s;
	expect(esc_md_cell, "a|b\\c", "a\\|b\\\\c"); }
static void md_newline_br(void **s) { (void)s;
	expect(esc_md_cell, "one\ntwo", "one<br>two"); }
static void md_markup(void **s) { (void)s;
	expect(esc_md_cell, "<b>*x* `y`", "\\<b>\\*x\\* \\`y\\`"); }
static void md_entity(void **s) { (void)s;
	expect(esc_md_cell, "A & B &amp; &#39;", "A & B \\&amp; \\&#39;"); }
static void md_link(void **s) { (void)s;
	expect(esc_md_cell, "[x](javascript:alert(1))",
	    "\\[x\\](javascript:alert(1))"); }
static void md_underscore(void **s) { (void)s;
	expect(esc_md_cell, "user_impersonation _x_ ~y~",
	    "user_impersonation \\_x\\_ \\~y\\~"); }
static void md_inline(void **s) { (void)s;
	expect(esc_md_inline, "a_b *c* [d]\ne", "a\\_b \\*c\\* \\[d\\] e"); }
static void md_code_plain(void **s) { (void)s;
	expect(esc_md_code, "Policy.Read.All", "`Policy.Read.All`"); }
static void md_code_backtick(void **s) { (void)s;
	expect(esc_md_code, "a`b", "`` a`b ``"); }
static void csv_plain(void **s) { (void)s; expect_csv("abc", 0, "abc"); }
static void csv_comma(void **s) { (void)s; expect_csv("a,b", 0, "\"a,b\""); }
static void csv_quote(void **s) { (void)s;
	expect_csv("say \"hi\"", 0, "\"say \"\"hi\"\"\""); }
static void csv_newline(void **s) { (void)s;
	expect_csv("a\nb", 0, "\"a\nb\""); }
static void csv_formula_eq(void **s) { (void)s;
	expect_csv("=1+1", 0, "'=1+1"); }
static void csv_formula_plus_minus_at(void **s) { (void)s;
	expect_csv("+1", 0, "'+1");
	expect_csv("-1", 0, "'-1");
	expect_csv("@SUM(A1)", 0, "'@SUM(A1)"); }
static void csv_formula_tab(void **s) { (void)s;
	expect_csv("\t=1", 0, "\"'\t=1\""); }
static void csv_formula_quoted(void **s) { (void)s;
	expect_csv("=HYPERLINK(\"x\",\"y\")", 0,
	    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""); }
static void csv_raw(void **s) { (void)s; expect_csv("=1+1", 1, "=1+1"); }
static void csv_empty(void **s) { (void)s; expect_csv("", 0, ""); }
static void csv_edge_space(void **s) { (void)s;
	expect_csv(" x", 0, "\" x\""); }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_specials),
		cmocka_unit_test(html_plain_utf8),
		cmocka_unit_test(html_lines),
		cmocka_unit_test(html_script),
		cmocka_unit_test(md_pipe_backslash),
		cmocka_unit_test(md_newline_br),
		cmocka_unit_test(md_markup),
		cmocka_unit_test(md_entity),
		cmocka_unit_test(md_link),
		cmocka_unit_test(md_underscore),
		cmocka_unit_test(md_inline),
		cmocka_unit_test(md_code_plain),
		cmocka_unit_test(md_code_backtick),
		cmocka_unit_test(csv_plain),
		cmocka_unit_test(csv_comma),
		cmocka_unit_test(csv_quote),
		cmocka_unit_test(csv_newline),
		cmocka_unit_test(csv_formula_eq),
		cmocka_unit_test(csv_formula_plus_minus_at),
		cmocka_unit_test(csv_formula_tab),
		cmocka_unit_test(csv_formula_quoted),
		cmocka_unit_test(csv_raw),
		cmocka_unit_test(csv_empty),
		cmocka_unit_test(csv_edge_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
