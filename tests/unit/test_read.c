/*
 * test_read.c - the table of readers (read/read.h): names, sniffing a
 * page's format (docs/design.md "Reading pages"), and the loader choosing
 * a reader from the table, by content or by --from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/xalloc.h"
#include "load/source.h"
#include "read/read.h"

static const char *
sniffed(const char *s)
{
	return tl_input_detect(s, strlen(s))->name;
}

static void
table(void **st)
{
	const struct tl_input_format *f = tl_input_formats();
	size_t n = 0;

	(void)st;
	for (; f[n].name != NULL; n++) {
		assert_non_null(f[n].read);
		assert_ptr_equal(tl_input_format(f[n].name), &f[n]);
		/* A reader that keeps something can make and drop it. */
		assert_true((f[n].new == NULL) == (f[n].free == NULL));
	}
	assert_int_equal(n, 2);
	assert_string_equal(tl_input_format("html")->name, "html");
	assert_string_equal(tl_input_format("md")->name, "md");
	assert_null(tl_input_format("markdown"));
	assert_null(tl_input_format("csv"));
	/* The last reader takes any page. */
	assert_null(f[n - 1].sniff);
}

static void
sniff_html(void **st)
{
	(void)st;
	assert_string_equal(sniffed("<!DOCTYPE html><html>"), "html");
	assert_string_equal(sniffed("<html lang=en>"), "html");
	assert_string_equal(sniffed("<?xml version=\"1.0\"?>"), "html");
	assert_string_equal(sniffed("<TABLE><tr>"), "html");
	assert_string_equal(sniffed("<head>"), "html");
	assert_string_equal(sniffed("<body>"), "html");
	assert_string_equal(sniffed("<meta charset=utf-8>"), "html");
	/* After a BOM and white space, FF included (WHATWG sniffing). */
	assert_string_equal(sniffed("\xEF\xBB\xBF \t\r\n\f<html>"), "html");
	/* A fragment with a table early on. */
	assert_string_equal(sniffed("<div><p>x</p><table>"), "html");
}

static void
sniff_md(void **st)
{
	size_t n = 70000;
	char *s = xmalloc(n + 16);

	(void)st;
	assert_string_equal(sniffed("| A | B |\n|---|---|\n"), "md");
	assert_string_equal(sniffed("# Title\n\n<table>"), "md");
	assert_string_equal(sniffed(""), "md");
	/* VT is not HTML's white space. */
	assert_string_equal(sniffed("\v<html>"), "md");
	/* A fragment whose <table> comes after the first 64 KiB. */
	memset(s, 'x', n);
	memcpy(s, "<div>", 5);
	strcpy(s + n, "<table>");
	assert_string_equal(sniffed(s), "md");
	free(s);
}

/* What the loader makes of a page, read with `from` (NULL: sniffed). */
static struct tl_page *
load(const char *from, const char *text, struct tl_diags *d)
{
	struct tl_load_opts o;
	struct tl_loader *l;
	struct tl_page *page;

	memset(&o, 0, sizeof(o));
	o.from = from != NULL ? tl_input_format(from) : NULL;
	l = tl_loader_new(&o);
	page = tl_load_buffer(l, "p", text, strlen(text), d);
	tl_loader_free(l);
	return page;
}

static void
loader_chooses(void **st)
{
	static const char html[] =
	    "<table><tr><th>API</th></tr><tr><td>Graph</td></tr></table>";
	static const char md[] = "| API |\n|---|\n| Graph |\n";
	struct tl_diags d = {0};
	struct tl_page *page;

	(void)st;
	tl_read_init();
	page = load(NULL, html, &d);
	assert_non_null(page);
	assert_string_equal(page->tables[0].rows[0].cells[0], "Graph");
	tl_page_free(page);
	page = load(NULL, md, &d);
	assert_non_null(page);
	assert_string_equal(page->tables[0].rows[0].cells[0], "Graph");
	tl_page_free(page);
	assert_int_equal(d.n, 0);
	/* --from wins over the content: each page read as the other
	 * format holds no table. */
	assert_null(load("md", html, &d));
	assert_null(load("html", md, &d));
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].message, "no table found");
	assert_string_equal(d.v[1].message, "no table found");
	tl_diags_free(&d);
}

/* A UTF-8 BOM before Markdown hides nothing: front matter after it is
 * still front matter (the Markdown reader drops the BOM itself). */
static void
md_bom_front_matter(void **st)
{
	struct tl_diags d = {0};
	struct tl_page *page = load("md", "\xEF\xBB\xBF---\nsummary: hidden\n\n"
	    "---\n\nIntro.\n\n| API |\n|---|\n| Graph |\n", &d);

	(void)st;
	assert_non_null(page);
	assert_int_equal(page->intro.n, 1);
	assert_string_equal(page->intro.v[0], "Intro.");
	tl_page_free(page);
	tl_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(sniff_html),
		cmocka_unit_test(sniff_md),
		cmocka_unit_test(loader_chooses),
		cmocka_unit_test(md_bom_front_matter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
