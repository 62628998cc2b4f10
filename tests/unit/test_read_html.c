/*
 * test_read_html.c - unit tests for the HTML reader (read_html.c).
 *
 * Case files live in tests/html/ (each says at its top what it tests) and
 * are read from the repository root, where the tests run.  Every expected
 * text below was written by hand from reading the input.
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
#include "read/read.h"
#include "model/table.h"

/* ---- helpers ------------------------------------------------------- */

struct result {
	struct tl_page	*page;
	struct tl_diags	 diags;
	int		 rc;
};

static void
read_bytes(struct result *res, const char *name, const char *bytes,
    size_t len)
{
	memset(res, 0, sizeof(*res));
	res->page = tl_page_new(name);
	res->rc = tl_read_html(NULL, res->page, bytes, len, &res->diags);
}

static void
read_string(struct result *res, const char *html)
{
	read_bytes(res, "inline.html", html, strlen(html));
}

static void
read_case(struct result *res, const char *path)
{
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("cannot open %s (run the tests from the repo root)",
		    path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	read_bytes(res, path, buf_str(&b), b.len);
	buf_free(&b);
}

static void
done(struct result *res)
{
	tl_diags_free(&res->diags);
	tl_page_free(res->page);
}

static const struct tl_table *
table(const struct result *res, size_t i)
{
	assert_true(i < res->page->ntables);
	return &res->page->tables[i];
}

static void
check_header(const struct tl_table *t, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(t->ncolumns, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(t->columns[i].header, va_arg(ap, char *));
	va_end(ap);
}

/* Row i of t has exactly these cells (t->ncolumns of them). */
static void
check_row(const struct tl_table *t, size_t i, ...)
{
	va_list ap;
	size_t c;

	assert_true(i < t->nrows);
	va_start(ap, i);
	for (c = 0; c < t->ncolumns; c++)
		assert_string_equal(t->rows[i].cells[c], va_arg(ap, char *));
	va_end(ap);
}

static void
check_list(const struct tl_strlist *l, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(l->n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(l->v[i], va_arg(ap, char *));
	va_end(ap);
}

/* ---- case files ---------------------------------------------------- */

static void
test_no_thead(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/no-thead.html");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.page->ntables, 1);
	t = table(&r, 0);
	check_header(t, 3, "API", "Permission", "Type");
	assert_int_equal(t->line, 4);
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "Microsoft Graph", "User.Read", "Delegated");
	check_row(t, 1, "Microsoft Graph", "Mail.Send", "Application");
	assert_int_equal(t->rows[0].line, 5);
	assert_int_equal(t->rows[1].line, 6);
	done(&r);
}

static void
test_th_row_header(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/th-row-header.html");
	assert_int_equal(r.page->ntables, 1);
	t = table(&r, 0);
	check_header(t, 2, "API", "Permission");
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "Graph", "Files.Read.All");
	check_row(t, 1, "SharePoint", "Sites.FullControl.All");
	/* Each <tr> opens on its own line. */
	assert_int_equal(t->line, 3);
	assert_int_equal(t->rows[0].line, 7);
	assert_int_equal(t->rows[1].line, 11);
	done(&r);
}

static void
test_rowspan(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/rowspan.html");
	t = table(&r, 0);
	check_header(t, 3, "API", "Permission", "Type");
	assert_int_equal(t->nrows, 4);
	check_row(t, 0, "Microsoft Graph", "User.Read", "Delegated");
	check_row(t, 1, "Microsoft Graph", "Mail.Read", "Delegated");
	check_row(t, 2, "Microsoft Graph", "Sites.Read.All", "Application");
	check_row(t, 3, "Exchange Online", "Exchange.ManageAsApp",
	    "Application");
	assert_int_equal(t->rows[1].line, 6);
	assert_int_equal(t->rows[1].nread, 3);
	done(&r);
}

static void
test_colspan(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/colspan.html");
	t = table(&r, 0);
	check_header(t, 4, "API", "Permission", "Type", "Purpose");
	/* A cell across the whole row is a section row: it names the rows
	 * below it and is not one itself. */
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "Graph", "n/a", "n/a", "None needed");
	assert_null(t->rows[0].section);
	check_row(t, 1, "Graph", "User.Read", "Delegated", "Sign in");
	assert_string_equal(t->rows[1].section, "Deprecated section");
	done(&r);
}

static void
test_rowspan_colspan(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/rowspan-colspan.html");
	t = table(&r, 0);
	check_header(t, 4, "A", "B", "C", "D");
	assert_int_equal(t->nrows, 3);
	check_row(t, 0, "a1", "big", "big", "d1");
	check_row(t, 1, "a2", "big", "big", "d2");
	check_row(t, 2, "a3", "b3", "c3", "d3");
	done(&r);
}

static void
test_br_in_cell(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/br-in-cell.html");
	t = table(&r, 0);
	check_header(t, 2, "Permission", "Purpose");
	assert_int_equal(t->nrows, 2);
	/* The source newline in the purpose is a space, not a break. */
	check_row(t, 0, "AuditLog.Read.All\n(Read all audit log data)",
	    "Reads the audit log.");
	/* Two <br> in a row are one line break: no empty lines. */
	check_row(t, 1, "one\ntwo\nfour", "x");
	done(&r);
}

static void
test_nested_p_and_a(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/nested-p-and-a.html");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "Group.Read.All", "Reads all groups.\nSee the docs.");
	check_row(t, 1, "Mail.Send", "first\nsecond");
	assert_int_equal(t->rows[0].line, 5);
	assert_int_equal(t->rows[1].line, 12);
	done(&r);
}

static void
test_nested_table(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/nested-table.html");
	assert_int_equal(r.page->ntables, 2);
	/* The outer table opens first, so it comes first. */
	t = table(&r, 0);
	check_header(t, 2, "API", "Details");
	assert_int_equal(t->nrows, 2);
	/* The source newline after "Before" is white space before a line
	 * break, and goes. */
	check_row(t, 0, "Graph", "Before\nAfter");
	check_row(t, 1, "Exchange", "plain");
	t = table(&r, 1);
	check_header(t, 2, "Inner", "Value");
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "k", "v");
	assert_int_equal(t->rows[0].line, 8);
	done(&r);
}

static void
test_two_tables(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/two-tables.html");
	assert_int_equal(r.page->ntables, 2);
	assert_string_equal(r.page->title, "Two Tables");
	check_list(&r.page->intro, 1, "Intro before the tables.");
	check_list(&r.page->notes, 0);
	t = table(&r, 0);
	check_header(t, 2, "API", "Permission");
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "Graph", "User.Read");
	t = table(&r, 1);
	check_header(t, 3, "Name", "Value", "Extra");
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "one", "1", "x");
	check_row(t, 1, "two", "2", "y");
	assert_int_equal(t->line, 10);
	assert_int_equal(t->rows[1].line, 12);
	done(&r);
}

static void
test_windows_1252(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/windows-1252.html");
	assert_string_equal(r.page->title, "Caf\xc3\xa9");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "User.Read",
	    "Read the user\xe2\x80\x99s profile at the caf\xc3\xa9");
	assert_int_equal(r.diags.n, 0);
	done(&r);
}

static void
test_iso_8859_1_is_1252(void **state)
{
	struct result r;

	(void)state;
	read_case(&r, "tests/html/iso-8859-1.html");
	check_row(table(&r, 0), 0, "User.Read",
	    "It\xe2\x80\x99s \xe2\x80\x9cquoted\xe2\x80\x9d na\xc3\xafve");
	done(&r);
}

static void
test_utf8_bom(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/utf8-bom.html");
	t = table(&r, 0);
	check_header(t, 2, "API", "Permission");
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "Graph", "User.ReadWrite.All (Read and write all "
	    "users\xe2\x80\x99 full profiles)");
	check_row(t, 1, "\xe6\x97\xa5\xe6\x9c\xac", "caf\xc3\xa9");
	assert_int_equal(t->rows[0].line, 4);
	assert_int_equal(r.diags.n, 0);
	done(&r);
}

static void
test_unclosed_td_tr(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/unclosed-td-tr.html");
	assert_int_equal(r.page->ntables, 1);
	t = table(&r, 0);
	/* Text runs to the next tag; the source newline that comes along
	 * is white space at the cell's end, and goes. */
	check_header(t, 3, "API", "Permission", "Type");
	assert_int_equal(t->nrows, 3);
	check_row(t, 0, "Graph", "User.Read", "Delegated");
	check_row(t, 1, "Graph", "Mail.Send", "Application");
	check_row(t, 2, "Exchange", "Exchange.ManageAsApp", "");
	assert_int_equal(t->rows[2].nread, 2);
	assert_int_equal(t->rows[0].line, 6);
	assert_int_equal(t->rows[2].line, 8);
	done(&r);
}

static void
test_malformed_span(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/malformed-span.html");
	t = table(&r, 0);
	check_header(t, 3, "A", "B", "C");
	assert_int_equal(t->nrows, 4);
	check_row(t, 0, "two", "two", "c1");
	check_row(t, 1, "neg", "ex", "c2");
	check_row(t, 2, "zero", "empty", "r2");
	/* rowspan=" 2abc" is 2. */
	check_row(t, 3, "a4", "b4", "r2");
	done(&r);
}

static void
test_entities_nbsp(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/entities-nbsp.html");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "amp\xc2\xa0lt", "<b> & \"q\" 's'");
	check_row(t, 1, "\xe2\x80\x99\xe2\x80\x93\xe2\x80\x99\xe2\x80\x94",
	    "caf\xc3\xa9 \xc2\xa9");
	done(&r);
}

static void
test_thead_two_rows(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/thead-two-rows.html");
	t = table(&r, 0);
	check_header(t, 3, "API", "Permission Application",
	    "Permission Delegated");
	assert_int_equal(t->line, 4);
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "Graph", "User.Read.All", "User.Read");
	done(&r);
}

static void
test_rowspan_past_end(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/rowspan-past-end.html");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 4);
	check_row(t, 0, "g1", "x");
	check_row(t, 1, "g1", "y");
	check_row(t, 2, "g2", "z");
	check_row(t, 3, "last", "w");
	done(&r);
}

static void
test_script_style(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/script-style.html");
	check_list(&r.page->intro, 1, "Real intro.");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "one", "two");
	done(&r);
}

static void
test_tfoot(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/html/tfoot.html");
	t = table(&r, 0);
	assert_int_equal(t->nrows, 1);
	check_row(t, 0, "1", "2");
	check_list(&t->notes, 1, "f1 f2");
	done(&r);
}

static void
test_no_table(void **state)
{
	struct result r;

	(void)state;
	read_case(&r, "tests/html/no-table.html");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.page->ntables, 0);
	assert_string_equal(r.page->title, "Nothing here");
	check_list(&r.page->intro, 1, "Just words.");
	done(&r);
}

static void
test_golden_seed(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_case(&r, "tests/golden/seed.html");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.page->title, "Cloud Backup for Azure");
	check_list(&r.page->breadcrumb, 6, "Home", "Manage App Profiles",
	    "API Permissions Required by AvePoint Apps",
	    "Apps for Individual Services", "Cloud Backup for IaaS + PaaS",
	    "Cloud Backup for Azure");
	assert_int_equal(r.page->intro.n, 2);
	assert_string_equal(r.page->intro.v[1], "The table below lists the "
	    "permissions that should be accepted when you authorize the "
	    "AvePoint Cloud Backup for Azure app.");
	check_list(&r.page->notes, 0);
	assert_int_equal(r.page->ntables, 1);
	t = table(&r, 0);
	check_header(t, 5, "API", "Permission", "Type", "Purpose",
	    "Last update");
	assert_int_equal(t->nrows, 23);
	check_row(t, 3, "Microsoft Graph",
	    "AuditLog.Read.All\n(Read all audit log data)", "Application",
	    "Allows the app to read and query your audit log activities, "
	    "without a signed-in user.", "December\xc2\xa0" "2023");
	check_row(t, 21, "Microsoft Graph", "Domain.Read.All(Read domains)",
	    "Application", "Allows the app to read all domain properties "
	    "without a signed-in user.", "April 2025");
	check_row(t, 22, "Office 365 Exchange Online",
	    "Exchange.ManageAsApp(Manage Exchange As Application)",
	    "Application", "Allows the backup and restore of the "
	    "distribution lists in MFA-enabled tenants.", "November 2022");
	assert_string_equal(t->rows[16].cells[1],
	    "UserAuthenticationMethod.ReadWrite.All (preview)(Read and write "
	    "all users' authentication methods)");
	assert_string_equal(t->rows[7].cells[1], "User.ReadWrite.All(Read "
	    "and write all users\xe2\x80\x99 full profiles)");
	assert_int_equal(r.diags.n, 0);
	done(&r);
}

/* ---- inline pages: title, breadcrumb, intro, notes ----------------- */

static void
test_title_h1_wins(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<title>Tab</title><nav aria-label=\"breadcrumb\">"
	    "<ol><li>Home</li><li>Crumb</li></ol></nav><h1>Heading\n one"
	    "</h1><h1>Second</h1>");
	assert_string_equal(r.page->title, "Heading one");
	check_list(&r.page->breadcrumb, 2, "Home", "Crumb");
	done(&r);
}

static void
test_title_from_breadcrumb(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<html><head><title>Site | Page</title></head><body>"
	    "<nav class=\"site\">menu</nav><nav aria-label=\"Breadcrumb\">"
	    "<ol><li><a href=\"/\">Home</a> /</li><li><a>Guides</a></li>"
	    "<li aria-current=\"page\"> My  Page </li></ol></nav>"
	    "<table><tr><td>x</td></tr></table></body></html>");
	assert_string_equal(r.page->title, "My Page");
	check_list(&r.page->breadcrumb, 3, "Home", "Guides", "My Page");
	done(&r);
}

static void
test_breadcrumb_list_class(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<ul class=\"nav Breadcrumbs\"><li>A</li><li>B</li>"
	    "</ul><ol class=\"breadcrumb\"><li>Not</li></ol>");
	assert_string_equal(r.page->title, "B");
	check_list(&r.page->breadcrumb, 2, "A", "B");
	done(&r);
}

static void
test_breadcrumb_links_only(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<div class=\"breadcrumb\"><a href=\"/\">Home</a> "
	    "&gt; <a href=\"/d\">Docs</a> \xe2\x80\xba <span>Last "
	    "one</span></div>");
	check_list(&r.page->breadcrumb, 3, "Home", "Docs", "Last one");
	assert_string_equal(r.page->title, "Last one");
	done(&r);
}

static void
test_title_from_title_tag(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<html><head><title>  Only\n the title </title>"
	    "</head><body><p>x</p></body></html>");
	assert_string_equal(r.page->title, "Only the title");
	check_list(&r.page->breadcrumb, 0);
	done(&r);
}

static void
test_intro_skips_chrome(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<header><p>Logo text</p></header>"
	    "<nav><p>Menu</p></nav>"
	    "<p>First <b>intro</b>\nparagraph.</p>"
	    "<aside><p>Side</p></aside>"
	    "<p>Second.</p><p>  </p>"
	    "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
	    "<p>After the table.</p>"
	    "<footer><p>Copyright</p></footer>");
	check_list(&r.page->intro, 2, "First intro paragraph.", "Second.");
	check_list(&r.page->notes, 0);
	assert_null(r.page->title);
	done(&r);
	/* A paragraph the table interrupts is still intro. */
	read_string(&r, "<p>Lead-in<table><tr><td>A</td></tr></table>"
	    "tail</p>");
	check_list(&r.page->intro, 1, "Lead-in");
	check_list(&r.page->notes, 0);
	assert_null(r.page->title);
	done(&r);
}

static void
test_notes(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<p>Intro.</p><p>Note: before the table.</p>"
	    "<p>*Note: starred.</p>"
	    "<div class=\"alert alert-info\"><p>Keep</p><p>this.</p></div>"
	    "<table><tr><th>A</th></tr></table>"
	    "<p>NOTE: after the table.</p><p>Plain after.</p>");
	check_list(&r.page->intro, 1, "Intro.");
	/* Notes before the table are the page's; right after it, its own
	 * (up to the first other block). */
	check_list(&r.page->notes, 3, "Note: before the table.",
	    "*Note: starred.", "Keep this.");
	check_list(&table(&r, 0)->notes, 1, "NOTE: after the table.");
	done(&r);
}

/* ---- edge cases ---------------------------------------------------- */

static void
test_empty_input(void **state)
{
	struct result r;

	(void)state;
	read_bytes(&r, "empty.html", "", 0);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.page->ntables, 0);
	assert_null(r.page->title);
	done(&r);
	read_string(&r, "<html><body>   </body></html>");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.page->ntables, 0);
	done(&r);
}

static void
test_empty_table(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<table></table><table><thead><tr><th>H</th></tr>"
	    "</thead></table>");
	assert_int_equal(r.page->ntables, 2);
	assert_int_equal(table(&r, 0)->ncolumns, 0);
	assert_int_equal(table(&r, 0)->nrows, 0);
	check_header(table(&r, 1), 1, "H");
	assert_int_equal(table(&r, 1)->nrows, 0);
	done(&r);
	/* A <tr> without cells is no row, and never the header. */
	read_string(&r, "<table><tr></tr><tr><td>H</td></tr><tr> </tr>"
	    "<tr><td>v</td></tr></table>");
	check_header(table(&r, 0), 1, "H");
	assert_int_equal(table(&r, 0)->nrows, 1);
	check_row(table(&r, 0), 0, "v");
	done(&r);
}

static void
test_pre_keeps_newlines(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<table><tr><th>A</th></tr>"
	    "<tr><td>cmd:<pre>a\nb</pre>done</td></tr></table>");
	check_row(table(&r, 0), 0, "cmd:\na\nb\ndone");
	done(&r);
}

static void
test_undeclared_not_utf8(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<table><tr><th>A</th></tr>\n"
	    "<tr><td>it\x92s</td></tr></table>");
	check_row(table(&r, 0), 0, "it\xe2\x80\x99s");
	assert_int_equal(tl_diags_count(&r.diags, TL_WARNING), 1);
	assert_int_equal(r.diags.v[0].line, 2);
	done(&r);
}

static void
test_declared_utf8_repaired(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<meta charset=utf-8><table><tr><th>A</th></tr>"
	    "<tr><td>caf\xc3\xa9 \xff!</td></tr></table>");
	check_row(table(&r, 0), 0, "caf\xc3\xa9 \xef\xbf\xbd!");
	assert_int_equal(tl_diags_count(&r.diags, TL_WARNING), 1);
	done(&r);
}

/* The same rule as every other repair (base/utf8.h): a U+FFFD for each
 * maximal subpart, not for each byte. */
static void
test_declared_utf8_maximal_subparts(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<meta charset=utf-8><table><tr><th>A</th></tr>"
	    "<tr><td>a\xe2\x80" "b \xed\xa0\x80</td></tr></table>");
	check_row(table(&r, 0), 0, "a\xef\xbf\xbd" "b "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	done(&r);
}

static void
test_cp1252_holes_kept(void **state)
{
	struct result r;
	const char html[] = "<meta charset=windows-1252><table><tr><th>A</th>"
	    "</tr><tr><td>x\x81y \x80</td></tr><tr><td>next</td></tr></table>";

	(void)state;
	read_bytes(&r, "holes.html", html, sizeof(html) - 1);
	/* 0x81 is undefined in windows-1252: U+0081, and parsing goes on. */
	assert_int_equal(table(&r, 0)->nrows, 2);
	check_row(table(&r, 0), 0, "x\xc2\x81y \xe2\x82\xac");
	check_row(table(&r, 0), 1, "next");
	assert_int_equal(r.diags.n, 0);
	done(&r);
}

static void
test_utf16_bom(void **state)
{
	struct result r;
	const char *ascii = "<table><tr><th>A</th></tr>\n<tr><td>caf";
	struct buf b = {0};
	size_t i;

	(void)state;
	buf_put(&b, "\xff\xfe", 2);
	for (i = 0; ascii[i] != '\0'; i++) {
		buf_putc(&b, ascii[i]);
		buf_putc(&b, '\0');
	}
	buf_put(&b, "\xe9\0\x19\x20<\0/\0t\0d\0>\0", 14);
	read_bytes(&r, "utf16.html", b.data, b.len);
	assert_int_equal(table(&r, 0)->nrows, 1);
	check_row(table(&r, 0), 0, "caf\xc3\xa9\xe2\x80\x99");
	assert_int_equal(table(&r, 0)->rows[0].line, 2);
	done(&r);
	buf_free(&b);
}

static void
test_too_many_columns(void **state)
{
	struct result r;
	struct buf b = {0};
	size_t i;

	(void)state;
	buf_puts(&b, "<table><tr>");
	for (i = 0; i < 10005; i++)
		buf_puts(&b, "<td>h</td>");
	buf_puts(&b, "</tr><tr>");
	for (i = 0; i < 20000; i++)
		buf_puts(&b, "<td>x</td>");
	buf_puts(&b, "</tr></table>");
	read_string(&r, buf_str(&b));
	assert_int_equal(table(&r, 0)->ncolumns, 10000);
	assert_int_equal(table(&r, 0)->nrows, 1);
	assert_int_equal(table(&r, 0)->rows[0].nread, 20000);
	/* One warning for the table, not one per dropped cell. */
	assert_int_equal(tl_diags_count(&r.diags, TL_WARNING), 1);
	done(&r);
	buf_free(&b);
}

static void
test_deep_nesting(void **state)
{
	struct result r;
	struct buf b = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "<table><tr><td>");
	buf_puts(&b, "inner");
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "</td></tr></table>");
	buf_puts(&b, "<table><tr><td>");
	for (i = 0; i < 10000; i++)
		buf_puts(&b, "<span>");
	buf_puts(&b, "deep</td></tr></table>");
	read_string(&r, buf_str(&b));
	assert_int_equal(r.page->ntables, 1001);
	check_header(table(&r, 0), 1, "");
	check_header(table(&r, 999), 1, "inner");
	check_header(table(&r, 1000), 1, "deep");
	done(&r);
	buf_free(&b);
}

/* ---- markup and structure (issue 13) ------------------------------ */

/* Mark i of cell (row, col) is kind over text "want". */
static void
check_mark(const struct tl_table *t, size_t row, size_t col, size_t i,
    unsigned kind, const char *want, const char *href)
{
	const struct tl_markup *m = tl_cell_markup(&t->rows[row], col);
	const char *text = t->rows[row].cells[col];

	assert_non_null(m);
	assert_true(i < m->n);
	assert_int_equal(m->v[i].kind, kind);
	assert_int_equal(m->v[i].end - m->v[i].start, strlen(want));
	assert_memory_equal(text + m->v[i].start, want, strlen(want));
	if (href == NULL)
		assert_null(m->v[i].href);
	else
		assert_string_equal(m->v[i].href, href);
}

static void
test_cell_markup(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_string(&r, "<html><head><base href=\"https://d.example/docs/\">"
	    "</head><body><table><tr><th>A</th><th>B</th></tr>"
	    "<tr><td>See <a href=\"x/y.html\">the <b>guide</b></a>.</td>"
	    "<td><code>User.Read</code> or <em>none</em></td></tr>"
	    "<tr><td><a href=\"javascript:alert(1)\">click</a> "
	    "<a href=\"#top\">top</a></td><td>1.14.7.0<sup>2</sup></td></tr>"
	    "</table></body></html>");
	t = table(&r, 0);
	check_row(t, 0, "See the guide.", "User.Read or none");
	check_mark(t, 0, 0, 0, TL_MARK_LINK, "the guide",
	    "https://d.example/docs/x/y.html");
	check_mark(t, 0, 0, 1, TL_MARK_STRONG, "guide", NULL);
	check_mark(t, 0, 1, 0, TL_MARK_CODE, "User.Read", NULL);
	check_mark(t, 0, 1, 1, TL_MARK_EM, "none", NULL);
	/* A javascript: link is its text; a superscript glued to the text
	 * before it reads "^2", not "2". */
	check_row(t, 1, "click top", "1.14.7.0^2");
	assert_int_equal(tl_cell_markup(&t->rows[1], 0)->n, 1);
	check_mark(t, 1, 0, 0, TL_MARK_LINK, "top",
	    "https://d.example/docs/#top");
	check_mark(t, 1, 1, 0, TL_MARK_SUP, "^2", NULL);
	done(&r);
	/* Without <base>, the canonical link says where the page is. */
	read_string(&r, "<head><link rel=\"canonical\" "
	    "href=\"https://c.example/a/b.html\"></head><table><tr><th>A</th>"
	    "</tr><tr><td><a href=\"../c.html\">c</a></td></tr></table>");
	assert_string_equal(r.page->url, "https://c.example/a/b.html");
	check_mark(table(&r, 0), 0, 0, 0, TL_MARK_LINK, "c",
	    "https://c.example/c.html");
	done(&r);
}

/* Blocks and list items never glue; an image's alt only stands alone. */
static void
test_cell_blocks(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_string(&r, "<table><tr><th>A</th><th>B</th></tr>"
	    "<tr><td><div>1.29.6</div><div>Windows</div></td>"
	    "<td>Used to:<ul><li>copy</li><li>restore</li></ul></td></tr>"
	    "<tr><td><img src=\"c.png\" alt=\"Yes\"></td>"
	    "<td>Privileged <img alt=\"Privileged label icon.\"> only</td></tr>"
	    "</table>");
	t = table(&r, 0);
	check_row(t, 0, "1.29.6\nWindows", "Used to:\ncopy\nrestore");
	check_mark(t, 0, 1, 0, TL_MARK_LIST, "copy\nrestore", NULL);
	check_mark(t, 0, 1, 1, TL_MARK_ITEM, "copy", NULL);
	check_mark(t, 0, 1, 2, TL_MARK_ITEM, "restore", NULL);
	check_row(t, 1, "Yes", "Privileged only");
	done(&r);
}

static void
test_hidden(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<p hidden>Draft.</p><table><tr><th>A</th></tr>"
	    "<tr><td>a<span aria-hidden=\"true\"> *</span></td></tr>"
	    "<tr style=\"display: none\"><td>gone</td></tr>"
	    "<tr><td>b<span class=\"x sr-only\"> (opens)</span>"
	    "<span class=\"sxs-lookup\">English</span></td></tr></table>"
	    "<table hidden><tr><th>H</th></tr><tr><td>h</td></tr></table>");
	assert_int_equal(r.page->ntables, 1);
	assert_int_equal(r.page->intro.n, 0);
	assert_int_equal(table(&r, 0)->nrows, 2);
	check_row(table(&r, 0), 0, "a");
	check_row(table(&r, 0), 1, "b");
	done(&r);
}

/* Layout tables are the page around them; a site header's <h1> is not the
 * title; headings make the path, without their permalink marks. */
static void
test_layout_and_headings(void **state)
{
	struct result r;
	const struct tl_table *t;

	(void)state;
	read_string(&r, "<header><h1>Site name</h1></header>"
	    "<table role=\"presentation\"><tr><td><nav>Menu</nav></td><td>"
	    "<h2>Guide<a class=\"mark\" href=\"#g\">#</a></h2>"
	    "<p>Intro text.</p><h3>Class: <code>x.Agent</code>"
	    "<a href=\"#p\">\xc2\xb6</a></h3>"
	    "<table><caption>Table 1</caption><tr><th>A</th><th>B</th></tr>"
	    "<tr><th colspan=\"2\">Mail</th></tr>"
	    "<tr><td>m</td><td>1</td></tr>"
	    "<tr><td><b>Files</b></td><td></td></tr>"
	    "<tr><td>f</td><td>2</td></tr>"
	    "<tfoot><tr><td colspan=\"2\">Foot note.</td></tr></tfoot></table>"
	    "<p>Note: after it.</p><p>Plain.</p><p>Note: not its own.</p>"
	    "<table><tr><td>Was this page helpful?</td><td><button>Yes</button>"
	    "</td></tr></table></td></tr></table>");
	assert_string_equal(r.page->title, "Guide");
	check_list(&r.page->intro, 1, "Intro text.");
	check_list(&r.page->notes, 1, "Note: not its own.");
	/* The layout table is read as the page; the widget (a button in a
	 * cell) is dropped once read: one table is left. */
	assert_int_equal(r.page->ntables, 1);
	t = table(&r, 0);
	check_list(&t->headings, 2, "Guide", "Class: x.Agent");
	assert_string_equal(t->caption, "Table 1");
	check_list(&t->notes, 2, "Foot note.", "Note: after it.");
	assert_int_equal(t->nrows, 2);
	check_row(t, 0, "m", "1");
	assert_string_equal(t->rows[0].section, "Mail");
	check_row(t, 1, "f", "2");
	assert_string_equal(t->rows[1].section, "Files");
	done(&r);
}

/* An aside is chrome, unless it is a note box. */
static void
test_aside_note(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
	    "<aside class=\"note\"><p>Note: in an aside.</p></aside>"
	    "<aside><p>Note: the sidebar's.</p></aside>");
	check_list(&table(&r, 0)->notes, 1, "Note: in an aside.");
	assert_int_equal(r.page->notes.n, 0);
	done(&r);
}

static void
test_legend_row(void **state)
{
	struct result r;

	(void)state;
	read_string(&r, "<table><tr><th>Permission</th><th>Type</th></tr>"
	    "<tr><td>\xf0\x9f\x93\x8c Name of the permission</td>"
	    "<td>\xf0\x9f\x93\x8c Its type</td></tr>"
	    "<tr><td>Mail.Read</td><td>Application</td></tr></table>");
	assert_int_equal(table(&r, 0)->nrows, 1);
	check_row(table(&r, 0), 0, "Mail.Read", "Application");
	done(&r);
}

static void
test_quiet_on_stderr(void **state)
{
	struct result r;
	FILE *tmp = tmpfile();
	int saved;
	long size;

	(void)state;
	assert_non_null(tmp);
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	read_string(&r, "<table><tr><td>a</x></td><td>&bogus; <1></tr>"
	    "</table></table></div><?pi?><!bad");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fseek(tmp, 0, SEEK_END);
	size = ftell(tmp);
	fclose(tmp);
	assert_int_equal(size, 0);
	assert_int_equal(r.page->ntables, 1);
	done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_thead),
		cmocka_unit_test(test_th_row_header),
		cmocka_unit_test(test_rowspan),
		cmocka_unit_test(test_colspan),
		cmocka_unit_test(test_rowspan_colspan),
		cmocka_unit_test(test_br_in_cell),
		cmocka_unit_test(test_nested_p_and_a),
		cmocka_unit_test(test_nested_table),
		cmocka_unit_test(test_two_tables),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_iso_8859_1_is_1252),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_unclosed_td_tr),
		cmocka_unit_test(test_malformed_span),
		cmocka_unit_test(test_entities_nbsp),
		cmocka_unit_test(test_thead_two_rows),
		cmocka_unit_test(test_rowspan_past_end),
		cmocka_unit_test(test_script_style),
		cmocka_unit_test(test_tfoot),
		cmocka_unit_test(test_no_table),
		cmocka_unit_test(test_golden_seed),
		cmocka_unit_test(test_title_h1_wins),
		cmocka_unit_test(test_title_from_breadcrumb),
		cmocka_unit_test(test_breadcrumb_list_class),
		cmocka_unit_test(test_breadcrumb_links_only),
		cmocka_unit_test(test_title_from_title_tag),
		cmocka_unit_test(test_intro_skips_chrome),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_pre_keeps_newlines),
		cmocka_unit_test(test_undeclared_not_utf8),
		cmocka_unit_test(test_declared_utf8_repaired),
		cmocka_unit_test(test_declared_utf8_maximal_subparts),
		cmocka_unit_test(test_cp1252_holes_kept),
		cmocka_unit_test(test_utf16_bom),
		cmocka_unit_test(test_too_many_columns),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_cell_markup),
		cmocka_unit_test(test_cell_blocks),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_layout_and_headings),
		cmocka_unit_test(test_aside_note),
		cmocka_unit_test(test_legend_row),
		cmocka_unit_test(test_quiet_on_stderr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
