/*
 * test_escape.c - quoting for each output format, on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
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
/* ---- cells with markup -------------------------------------------- */

enum { MD, MD_CELL, HTML };

/*
 * A cell's text with n marks, each given as kind, start, end, href, in
 * GFM (as JSON's md), in a table cell's GFM, or in HTML.
 */
static void
expect_marked(int how, const char *text, const char *want, size_t n, ...)
{
	struct tl_markup *m = calloc(1, sizeof(*m) + (n + 1) * sizeof(m->v[0]));
	struct buf b = {0};
	va_list ap;
	size_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		m->v[i].kind = va_arg(ap, unsigned);
		m->v[i].start = va_arg(ap, unsigned);
		m->v[i].end = va_arg(ap, unsigned);
		m->v[i].href = va_arg(ap, const char *);
	}
	va_end(ap);
	m->n = n;
	if (how == HTML)
		esc_html_marked(&b, text, m);
	else
		esc_md_marked(&b, text, m, how == MD_CELL);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
	free(m);
}

static void marked_link(void **s) { (void)s;
	expect_marked(MD, "See the docs.", "See the [docs](https://x.example/d).",
	    1, TL_MARK_LINK, 8u, 12u, "https://x.example/d");
	expect_marked(HTML, "See the docs.",
	    "See the <a href=\"https://x.example/d\">docs</a>.",
	    1, TL_MARK_LINK, 8u, 12u, "https://x.example/d"); }
/* Nothing in a target ends the link, the cell, or reads as a reference. */
static void marked_link_target(void **s) { (void)s;
	expect_marked(MD_CELL, "x", "[x](https://e.example/a\\)b\\(c%7Cd?e=1\\&f=2)",
	    1, TL_MARK_LINK, 0u, 1u, "https://e.example/a)b(c|d?e=1&f=2");
	expect_marked(HTML, "x", "<a href=\"https://e.example/&quot;&gt;&lt;\">x</a>",
	    1, TL_MARK_LINK, 0u, 1u, "https://e.example/\"><"); }
/* A target that may not be a link is its text; so is one a reader
 * never made, written here by hand. */
static void marked_link_refused(void **s) { (void)s;
	expect_marked(MD, "click [me]", "click \\[me\\]",
	    1, TL_MARK_LINK, 6u, 10u, "javascript:alert(1)");
	expect_marked(HTML, "click <me>", "click &lt;me&gt;",
	    1, TL_MARK_LINK, 6u, 10u, "JaVaScRiPt:alert(1)");
	expect_marked(HTML, "d", "d", 1, TL_MARK_LINK, 0u, 1u,
	    "data:text/html,x"); }
/* "!" before a link would make it an image. */
static void marked_link_bang(void **s) { (void)s;
	expect_marked(MD, "Hi!x", "Hi\\![x](a.html)",
	    1, TL_MARK_LINK, 3u, 4u, "a.html"); }
static void marked_code(void **s) { (void)s;
	expect_marked(MD, "Use a`b or c|d.", "Use `` a`b `` or `c|d`.",
	    2, TL_MARK_CODE, 4u, 7u, NULL, TL_MARK_CODE, 11u, 14u, NULL);
	/* In a pipe table a '|' in a code span is escaped too. */
	expect_marked(MD_CELL, "c|d", "`c\\|d`", 1, TL_MARK_CODE, 0u, 3u, NULL);
	expect_marked(HTML, "<b>", "<code>&lt;b&gt;</code>",
	    1, TL_MARK_CODE, 0u, 3u, NULL); }
/* Asterisks only where CommonMark is sure to read them so. */
static void marked_emphasis(void **s) { (void)s;
	expect_marked(MD, "a bold word", "a **bold** word",
	    1, TL_MARK_STRONG, 2u, 6u, NULL);
	expect_marked(MD, "x(y)z", "x<strong>(y)</strong>z",
	    1, TL_MARK_STRONG, 1u, 4u, NULL);
	expect_marked(MD, "intra", "in*tr*a", 1, TL_MARK_EM, 2u, 4u, NULL);
	expect_marked(MD, "ab", "**a**<em>b</em>",
	    2, TL_MARK_STRONG, 0u, 1u, NULL, TL_MARK_EM, 1u, 2u, NULL);
	expect_marked(HTML, "a bold word", "a <strong>bold</strong> word",
	    1, TL_MARK_STRONG, 2u, 6u, NULL); }
/* A superscript's '^' (set off from the text before) is not shown. */
static void marked_sup(void **s) { (void)s;
	expect_marked(MD, "1.14.7.0^2", "1.14.7.0<sup>2</sup>",
	    1, TL_MARK_SUP, 8u, 10u, NULL);
	expect_marked(HTML, "H_2O", "H<sub>2</sub>O", 1, TL_MARK_SUB, 1u, 3u, NULL);
	expect_marked(MD, "1 note", "<sup>1</sup> note",
	    1, TL_MARK_SUP, 0u, 1u, NULL); }
/* A list's line breaks are its own, not <br>. */
static void marked_list(void **s) { (void)s;
	expect_marked(MD, "Used to:\ncopy\nrestore\nend",
	    "Used to:<ul><li>copy</li><li>restore</li></ul>end",
	    3, TL_MARK_LIST, 9u, 21u, NULL, TL_MARK_ITEM, 9u, 13u, NULL,
	    TL_MARK_ITEM, 14u, 21u, NULL);
	expect_marked(HTML, "a\nb", "<ol><li>a</li><li>b</li></ol>",
	    3, TL_MARK_OLIST, 0u, 3u, NULL, TL_MARK_ITEM, 0u, 1u, NULL,
	    TL_MARK_ITEM, 2u, 3u, NULL);
	expect_marked(MD, "a\nb", "a<br>b", 0); }
/* Nested: a link holding code, inside strong text. */
static void marked_nested(void **s) { (void)s;
	expect_marked(MD, "see f() now", "see <strong>[`f()`](f.html)</strong> now",
	    3, TL_MARK_STRONG, 4u, 7u, NULL, TL_MARK_LINK, 4u, 7u, "f.html",
	    TL_MARK_CODE, 4u, 7u, NULL); }
static void url_clean(void **s) { (void)s;
	struct buf b = {0};

	tl_url_clean(&b, " \x01java\tscript:alert(1) \n");
	assert_string_equal(buf_str(&b), "javascript:alert(1)");
	buf_reset(&b);
	tl_url_clean(&b, "a b\"c<d>`e\\f");
	assert_string_equal(buf_str(&b), "a%20b%22c%3Cd%3E%60e%5Cf");
	buf_free(&b); }
static void url_allowed(void **s) { (void)s;
	assert_true(tl_url_allowed("https://x.example/a:b"));
	assert_true(tl_url_allowed("HTTP://x"));
	assert_true(tl_url_allowed("mailto:a@b.example"));
	assert_true(tl_url_allowed("../a/b.md"));
	assert_true(tl_url_allowed("#frag"));
	assert_true(tl_url_allowed("/p?x=a:b&c=d"));
	assert_false(tl_url_allowed("javascript:alert(1)"));
	assert_false(tl_url_allowed("data:text/html,x"));
	assert_false(tl_url_allowed("vbscript:x"));
	assert_false(tl_url_allowed("file:///etc/passwd"));
	assert_false(tl_url_allowed("javascript&colon;alert(1)")); }

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
		cmocka_unit_test(marked_link),
		cmocka_unit_test(marked_link_target),
		cmocka_unit_test(marked_link_refused),
		cmocka_unit_test(marked_link_bang),
		cmocka_unit_test(marked_code),
		cmocka_unit_test(marked_emphasis),
		cmocka_unit_test(marked_sup),
		cmocka_unit_test(marked_list),
		cmocka_unit_test(marked_nested),
		cmocka_unit_test(url_clean),
		cmocka_unit_test(url_allowed),
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
