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
/* The reported break-out: a backtick in the cell closed the span. */
static void md_code_breakout(void **s) { (void)s;
	expect(esc_md_code, "C`<img src=x onerror=alert(1)>`(D)",
	    "`` C`<img src=x onerror=alert(1)>`(D) ``"); }
static void md_code_fence_longer(void **s) { (void)s;
	expect(esc_md_code, "a`b``c```d", "```` a`b``c```d ````");
	expect(esc_md_code, "``", "``` `` ```"); }
/* A backtick inside or a space at either end: a space inside the fence. */
static void md_code_edges(void **s) { (void)s;
	expect(esc_md_code, "`a", "`` `a ``");
	expect(esc_md_code, "a`", "`` a` ``");
	expect(esc_md_code, " a", "`  a `");
	expect(esc_md_code, "a ", "` a  `");
	expect(esc_md_code, "a b", "`a b`");
	/* All spaces: CommonMark strips nothing. */
	expect(esc_md_code, "  ", "`  `"); }
static void md_code_empty(void **s) { (void)s;
	expect(esc_md_code, "", ""); }
static void md_code_line_breaks(void **s) { (void)s;
	expect(esc_md_code, "a\n# b\r\n<c>", "`a # b  <c>`"); }

/* esc_md_inline() after `prefix` (what the output already holds). */
static void
expect_after(const char *prefix, const char *in, const char *want)
{
	struct buf b = {0};

	buf_puts(&b, prefix);
	esc_md_inline(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void md_inline_specials(void **s) { (void)s;
	expect(esc_md_inline, "a|b~c &amp; d & e <f> `g` #h",
	    "a\\|b\\~c \\&amp; d & e \\<f\\> \\`g\\` \\#h");
	expect(esc_md_inline, "a\rb\nc", "a b c");
	expect(esc_md_inline, "![i](javascript:x)", "!\\[i\\](javascript:x)"); }
/* At a line's start (or after block markers only) nothing starts a block. */
static void md_inline_block_start(void **s) { (void)s;
	expect_after("", "- x", "\\- x");
	expect_after("", "+ x", "\\+ x");
	expect_after("", "=== x", "\\=== x");
	expect_after("", "1. x", "1\\. x");
	expect_after("", "12) x", "12\\) x");
	expect_after("", "> x", "\\> x");
	expect_after("", "# x", "\\# x");
	expect_after("", "    code", "&#32;&#32;&#32;&#32;code");
	expect_after("p\n", "- x", "p\n\\- x");
	expect_after("  - ", "- x", "  - \\- x");
	expect_after("### ", "1. x", "### 1\\. x");
	expect_after("> ", "+ x", "> \\+ x"); }
/* Inside a line the same text is left alone. */
static void md_inline_mid_line(void **s) { (void)s;
	expect_after("- Added: ", "- x", "- Added: - x");
	expect_after("a ", "1. x", "a 1. x");
	expect_after("a ", "2024", "a 2024"); }
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
		cmocka_unit_test(md_code_breakout),
		cmocka_unit_test(md_code_fence_longer),
		cmocka_unit_test(md_code_edges),
		cmocka_unit_test(md_code_empty),
		cmocka_unit_test(md_code_line_breaks),
		cmocka_unit_test(md_inline_specials),
		cmocka_unit_test(md_inline_block_start),
		cmocka_unit_test(md_inline_mid_line),
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
