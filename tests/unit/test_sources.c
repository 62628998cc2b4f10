/*
 * test_sources.c - build --sources FILE read line by line, and the path
 * each source gets in the archive (docs/design.md "Fetching"), which
 * `tablog history --git` finds fetched pages by.  The expected paths are
 * written by hand from the rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "load/source.h"
#include "site/sources.h"

static void
base_is(const char *url, const char *slug, const char *want)
{
	struct buf b = {0};

	tl_archive_base(&b, url, slug);
	if (strcmp(buf_str(&b), want) != 0)
		print_error("%s: got '%s', want '%s'\n", url, buf_str(&b),
		    want);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
archive_paths(void **state)
{
	(void)state;
	/* A slug is the path, whatever the URL. */
	base_is("https://example.com/a/b.html", "my-page", "my-page");
	/* Host lowercased, the page's extension dropped (the Content-Type
	 * gives the archive's own). */
	base_is("https://Learn.Example.COM/en-us/azure/backup.html",
	    NULL, "learn.example.com/en-us/azure/backup");
	base_is("http://h/docs/page.md", NULL, "h/docs/page");
	base_is("http://h/docs/page.MARKDOWN", NULL, "h/docs/page");
	base_is("http://h/docs/page.htm", NULL, "h/docs/page");
	/* Other extensions stay: they are part of the name. */
	base_is("http://h/docs/page.aspx", NULL, "h/docs/page.aspx");
	/* A port, credentials, a fragment. */
	base_is("http://user:pw@h:8080/p#section", NULL, "h_8080/p");
	/* No path, a path ending in '/', empty segments. */
	base_is("https://h", NULL, "h/index");
	base_is("https://h/", NULL, "h/index");
	base_is("https://h/docs/", NULL, "h/docs/index");
	base_is("https://h//a///b", NULL, "h/a/b");
	/* The query is kept, made safe. */
	base_is("https://h/p?view=graph-rest-1.0&tabs=http", NULL,
	    "h/p_view_graph-rest-1.0_tabs_http");
	base_is("https://h/?a=1", NULL, "h/index_a_1");
	/* Nothing hidden, nothing outside: dot segments are names. */
	base_is("https://h/./x", NULL, "h/_./x");
	base_is("https://h/../.git/config", NULL, "h/_../_.git/config");
	/* Bytes outside letters, digits, '.', '_' and '-' become '_'. */
	base_is("https://h/a%20b/caf%C3%A9", NULL, "h/a_20b/caf_C3_A9");
	/* A folder never takes a page file's name. */
	base_is("https://h/a.html/b", NULL, "h/a.html_/b");
	base_is("https://h/a.md/b", NULL, "h/a.md_/b");
	base_is("http://[::1]:80/x", NULL, "___1__80/x");
}

static void
archive_exts(void **state)
{
	(void)state;
	assert_string_equal(tl_archive_ext("text/html; charset=utf-8", "md"),
	    ".html");
	assert_string_equal(tl_archive_ext("application/xhtml+xml", "md"),
	    ".html");
	assert_string_equal(tl_archive_ext("TEXT/MARKDOWN", "html"), ".md");
	assert_string_equal(tl_archive_ext("text/x-markdown;q=1", "html"),
	    ".md");
	/* Anything else: what the reader makes of it. */
	assert_string_equal(tl_archive_ext("text/plain", "html"), ".html");
	assert_string_equal(tl_archive_ext("text/plain", "md"), ".md");
	assert_string_equal(tl_archive_ext(NULL, "md"), ".md");
	assert_string_equal(tl_archive_ext("text/htmlx", "md"), ".md");
}

static void
urls(void **state)
{
	(void)state;
	assert_true(tl_is_url("http://h/x"));
	assert_true(tl_is_url("HTTPS://h/x"));
	assert_true(tl_is_url("ftp://h/x"));
	assert_true(tl_is_url("git+ssh://h/x"));
	assert_false(tl_is_url("page.md"));
	assert_false(tl_is_url("./http://h"));
	assert_false(tl_is_url("-"));
	assert_false(tl_is_url("c:/x"));
	assert_false(tl_is_url("1http://h"));
	assert_false(tl_is_url("http:/h"));
	assert_false(tl_is_url(""));
}

/* Read the sources of len bytes; their errors, one line each, in *errs. */
static int
read_bytes(struct tl_sources *s, const char *text, size_t len, int archive,
    struct buf *errs)
{
	char path[] = "/tmp/test_sources_XXXXXX";
	struct tl_diags d = {0};
	size_t i;
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (int)len);
	close(fd);
	rc = tl_sources_read(s, path, 1 << 20, archive, &d);
	for (i = 0; i < d.n; i++)
		buf_printf(errs, "%u: %s\n", d.v[i].line, d.v[i].message);
	tl_diags_free(&d);
	unlink(path);
	return rc;
}

static int
read_text(struct tl_sources *s, const char *text, int archive,
    struct buf *errs)
{
	return read_bytes(s, text, strlen(text), archive, errs);
}

/* A NUL would cut the URL short where the file says more. */
static void
nul_byte(void **state)
{
	static const char text[] = "https://h/a\0b c\nhttps://h/d\n";
	struct tl_sources s;
	struct buf errs = {0};

	(void)state;
	assert_int_equal(read_bytes(&s, text, sizeof(text) - 1, 0, &errs), -1);
	assert_string_equal(buf_str(&errs),
	    "1: https://h/a: not a URL (a NUL byte)\n");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].url, "https://h/d");
	tl_sources_free(&s);
	buf_free(&errs);
}

static void
good_lines(void **state)
{
	struct tl_sources s;
	struct buf errs = {0};

	(void)state;
	assert_int_equal(read_text(&s,
	    "# the list\n"
	    "\n"
	    "   https://h/a.html\tmy-a   # the first\n"
	    "http://h/b\r\n"
	    "https://h/c.md c\n"
	    "https://h/d#frag", 1, &errs), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0].url, "https://h/a.html");
	assert_string_equal(s.v[0].slug, "my-a");
	assert_int_equal(s.v[0].line, 3);
	assert_string_equal(s.v[0].archive, "my-a");
	assert_string_equal(s.v[1].url, "http://h/b");
	assert_null(s.v[1].slug);
	assert_string_equal(s.v[1].archive, "h/b");
	assert_int_equal(s.v[2].line, 5);
	assert_string_equal(s.v[3].url, "https://h/d#frag");
	assert_int_equal(s.v[3].line, 6);
	tl_sources_free(&s);
	buf_free(&errs);
}

static void
bad_lines(void **state)
{
	struct tl_sources s;
	struct buf errs = {0};

	(void)state;
	assert_int_equal(read_text(&s,
	    "h/x\n"
	    "gopher://h/x\n"
	    "https://h/a a\n"
	    "https://h/b -b\n"
	    "https://h/b b--c\n"
	    "https://h/b b-\n"
	    "https://h/b a\n"
	    "https://h/a\n"
	    "https://h/c x y\n"
	    "https://h/p.html\n"
	    "https://h/p\n"
	    "https://h/q q\n"
	    "https://h/r q\n", 1, &errs), -1);
	assert_string_equal(buf_str(&errs),
	    "1: h/x: not a URL (no http:// or https://)\n"
	    "2: gopher://h/x: only http:// and https:// URLs are fetched\n"
	    "4: bad slug '-b': lowercase ASCII letters and digits joined by "
	    "single '-', at most 80 bytes\n"
	    "5: bad slug 'b--c': lowercase ASCII letters and digits joined "
	    "by single '-', at most 80 bytes\n"
	    "6: bad slug 'b-': lowercase ASCII letters and digits joined by "
	    "single '-', at most 80 bytes\n"
	    "7: slug 'a' is already line 3's\n"
	    "8: https://h/a is already on line 3\n"
	    "9: a line is a URL and an optional slug; 'y' is one word too "
	    "many\n"
	    "11: archived at the same path as line 10 (h/p); give one of "
	    "them a slug\n"
	    "13: slug 'q' is already line 12's\n");
	/* The good lines are kept. */
	assert_int_equal(s.n, 3);
	tl_sources_free(&s);
	buf_reset(&errs);
	/* Without an archive, two URLs may share a path. */
	assert_int_equal(read_text(&s, "https://h/p.html\nhttps://h/p\n", 0,
	    &errs), 0);
	assert_int_equal(s.n, 2);
	tl_sources_free(&s);
	buf_free(&errs);
}

static void
slug_length(void **state)
{
	struct tl_sources s;
	struct buf text = {0}, errs = {0};
	int i;

	(void)state;
	buf_puts(&text, "https://h/a ");
	for (i = 0; i < TL_SLUG_MAX; i++)
		buf_putc(&text, 'a');
	buf_puts(&text, "\nhttps://h/b b");
	for (i = 0; i < TL_SLUG_MAX; i++)
		buf_putc(&text, 'b');
	assert_int_equal(read_text(&s, buf_str(&text), 0, &errs), -1);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(buf_str(&errs), "2: bad slug"));
	tl_sources_free(&s);
	buf_free(&text);
	buf_free(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(archive_paths),
		cmocka_unit_test(archive_exts),
		cmocka_unit_test(urls),
		cmocka_unit_test(good_lines),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(slug_length),
		cmocka_unit_test(nul_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
