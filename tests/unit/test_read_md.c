/*
 * test_read_md.c - unit tests for the Markdown reader (read_md.c).
 *
 * Each test reads a small page written here and checks, by hand-written
 * values, the tables, cells, lines, metadata and warnings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"
#include "model/table.h"
#include "base/xalloc.h"

struct fx {
	void			*r;
	struct tl_page		*page;
	struct tl_diags		 d;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	f->r = tl_md_reader_new();
	assert_non_null(f->r);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tl_page_free(f->page);
	tl_diags_free(&f->d);
	tl_md_reader_free(f->r);
	free(f);
	return 0;
}

static struct tl_page *
rd(void **state, const char *md, size_t len)
{
	struct fx *f = *state;

	tl_page_free(f->page);	/* a test may read more than one page */
	f->page = tl_page_new("t.md");
	assert_int_equal(tl_read_md(f->r, f->page, md, len, &f->d), 0);
	return f->page;
}

#define READ(s) rd(state, (s), strlen(s))

static const struct tl_diags *
diags(void **state)
{
	return &((struct fx *)*state)->d;
}

static void
test_simple_table(void **state)
{
	struct tl_page *p = READ("| API | Permission |\n|---|---|\n"
	    "| Microsoft Graph | User.Read |\n| Yammer | access_as_user |\n");

	assert_int_equal(p->ntables, 1);
	assert_int_equal(p->tables[0].ncolumns, 2);
	assert_int_equal(p->tables[0].nrows, 2);
	assert_int_equal(diags(state)->n, 0);
}

static void
test_cell_texts(void **state)
{
	struct tl_page *p = READ("| API | Permission |\n|---|---|\n"
	    "| Microsoft Graph | User.Read |\n");

	assert_string_equal(p->tables[0].columns[0].header, "API");
	assert_string_equal(p->tables[0].columns[1].header, "Permission");
	assert_string_equal(p->tables[0].rows[0].cells[0], "Microsoft Graph");
	assert_string_equal(p->tables[0].rows[0].cells[1], "User.Read");
}

static void
test_row_lines(void **state)
{
	struct tl_page *p = READ("Intro.\n\n| A | B |\n|---|---|\n"
	    "| 1 | 2 |\n| 3 | 4 |\n");

	assert_int_equal(p->tables[0].line, 3);
	assert_int_equal(p->tables[0].rows[0].line, 5);
	assert_int_equal(p->tables[0].rows[1].line, 6);
}

static void
test_escaped_pipe(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n| x \\| y | z |\n");

	assert_string_equal(p->tables[0].rows[0].cells[0], "x | y");
	assert_string_equal(p->tables[0].rows[0].cells[1], "z");
	assert_int_equal(diags(state)->n, 0);
}

static void
test_br_in_cell(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n"
	    "| one<br>two | three<br />four<BR/>five |\n");

	assert_string_equal(p->tables[0].rows[0].cells[0], "one\ntwo");
	assert_string_equal(p->tables[0].rows[0].cells[1],
	    "three\nfour\nfive");
}

static void
test_code_link_emphasis(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n"
	    "| `Sites.Read.All` | [Read *all* sites](https://x.test/) "
	    "<span>x</span> &amp; |\n");

	assert_string_equal(p->tables[0].rows[0].cells[0], "Sites.Read.All");
	assert_string_equal(p->tables[0].rows[0].cells[1],
	    "Read all sites x &");
}

static void
test_breadcrumb_title(void **state)
{
	struct tl_page *p = READ("Home > Apps > Cloud Backup for Azure\n"
	    "\n| A |\n|---|\n| 1 |\n");

	assert_string_equal(p->title, "Cloud Backup for Azure");
	assert_int_equal(p->breadcrumb.n, 3);
	assert_string_equal(p->breadcrumb.v[0], "Home");
	assert_string_equal(p->breadcrumb.v[1], "Apps");
	/* A '#' heading is the page's own title, before its breadcrumb's
	 * last part (as an HTML page's <h1> is). */
	p = READ("Home > Apps > Cloud Backup for Azure\n"
	    "# Other heading\n\n| A |\n|---|\n| 1 |\n");
	assert_string_equal(p->title, "Other heading");
	assert_int_equal(p->breadcrumb.n, 3);
}

static void
test_heading_title(void **state)
{
	struct tl_page *p = READ("Graph Permissions\n=================\n\n"
	    "## Details\n\n| A |\n|---|\n| 1 |\n");

	assert_string_equal(p->title, "Graph Permissions");
	assert_int_equal(p->breadcrumb.n, 0);
}

static void
test_no_title(void **state)
{
	struct tl_page *p = READ("Just text.\n");

	assert_null(p->title);
}

static void
test_intro(void **state)
{
	struct tl_page *p = READ("Home > A > B\nFirst line.\nSecond line.\n\n"
	    "Third para.\n| A |\n|---|\n| 1 |\n\nAfter the table.\n");

	assert_int_equal(p->intro.n, 3);
	assert_string_equal(p->intro.v[0], "First line.");
	assert_string_equal(p->intro.v[1], "Second line.");
	assert_string_equal(p->intro.v[2], "Third para.");
}

static void
test_notes(void **state)
{
	struct tl_page *p = READ("Intro.\n*Note: Consent as admin.\n"
	    "| A |\n|---|\n| 1 |\n*注意: テナント\nNote: last.\n");

	assert_int_equal(p->notes.n, 3);
	assert_string_equal(p->notes.v[0], "Note: Consent as admin.");
	assert_string_equal(p->notes.v[1], "注意: テナント");
	assert_string_equal(p->notes.v[2], "Note: last.");
	assert_int_equal(p->intro.n, 1);
	assert_int_equal(p->tables[0].nrows, 1);
}

static void
test_export_pdf_chrome(void **state)
{
	struct tl_page *p = READ("Home > X\nExport to PDFWhen you create "
	    "an app.\n| A |\n|---|\n| 1 |\n");

	assert_int_equal(p->intro.n, 1);
	assert_string_equal(p->intro.v[0], "When you create an app.");
}

static void
test_other_chrome(void **state)
{
	struct tl_page *p = READ("Export to PDFInstructions….\n"
	    "この記事をダウンロードRefer to the table.\n"
	    "Download this articleIf you want.\n| A |\n|---|\n| 1 |\n");

	assert_int_equal(p->intro.n, 2);
	assert_string_equal(p->intro.v[0], "Refer to the table.");
	assert_string_equal(p->intro.v[1], "If you want.");
}

static void
test_cut_last_row(void **state)
{
	struct tl_page *p = READ("| A | B | C |\n|---|---|---|\n"
	    "| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n| 7 | Read al");
	const struct tl_diags *d = diags(state);

	assert_int_equal(p->tables[0].nrows, 2);
	assert_string_equal(p->tables[0].rows[1].cells[0], "4");
	assert_int_equal(d->n, 1);
	assert_int_equal(d->v[0].severity, TL_WARNING);
	assert_int_equal(d->v[0].line, 5);
	assert_non_null(strstr(d->v[0].message, "cut"));
}

static void
test_cut_lone_pipe(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n| 1 | 2 |\n|");

	assert_int_equal(p->tables[0].nrows, 1);
	assert_int_equal(diags(state)->n, 1);
	assert_int_equal(diags(state)->v[0].line, 4);
}

static void
test_complete_row_no_newline(void **state)
{
	struct tl_page *p = READ("| A | B | C |\n|---|---|---|\n"
	    "| 1 | 2 | 3 |\n| 4 | 5 | |");

	assert_int_equal(p->tables[0].nrows, 2);
	assert_string_equal(p->tables[0].rows[1].cells[2], "");
	assert_int_equal(diags(state)->n, 0);
}

static void
test_ragged_row(void **state)
{
	struct tl_page *p = READ("| A | B | C |\n|---|---|---|\n"
	    "| 1 | 2 |\n| 3 | 4 | 5 | 6 |\n| 7 | 8 | 9 |\n");
	const struct tl_diags *d = diags(state);

	assert_int_equal(p->tables[0].nrows, 3);
	assert_int_equal(p->tables[0].rows[0].nread, 2);
	assert_string_equal(p->tables[0].rows[0].cells[2], "");
	assert_int_equal(p->tables[0].rows[1].nread, 4);
	assert_int_equal(d->n, 2);
	assert_int_equal(d->v[0].line, 3);
	assert_int_equal(d->v[1].line, 4);
	assert_int_equal(d->v[1].severity, TL_WARNING);
}

static void
test_table_in_code_block(void **state)
{
	struct tl_page *p = READ("```\n| A | B |\n|---|---|\n| 1 | 2 |\n```\n"
	    "\n    | A | B |\n    |---|---|\n    | 1 | 2 |\n");

	assert_int_equal(p->ntables, 0);
}

static void
test_two_tables(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n| 1 | 2 |\n"
	    "Prose between tables.\n| C | D | E |\n|---|---|---|\n"
	    "| 3 | 4 | 5 |\n| 6 | 7 | 8 |\n");

	assert_int_equal(p->ntables, 2);
	assert_int_equal(p->tables[0].nrows, 1);
	assert_int_equal(p->tables[1].line, 5);
	assert_int_equal(p->tables[1].ncolumns, 3);
	assert_int_equal(p->tables[1].nrows, 2);
	assert_int_equal(diags(state)->n, 0);
}

static void
test_prose_after_table(void **state)
{
	/* In GFM the prose line would be a row; on these pages it is not. */
	struct tl_page *p = READ("| A | B |\n|---|---|\n| 1 | 2 |\n"
	    "When you create an app.\n");

	assert_int_equal(p->tables[0].nrows, 1);
	assert_int_equal(diags(state)->n, 0);
}

static void
test_plain_text_no_table(void **state)
{
	struct tl_page *p = READ("Cloud Backup Express\n\n"
	    "    APIPermissionTypePurposeLast update\n"
	    "    Microsoft GraphGroup.Read.All(Read all groups)Application\n");

	assert_int_equal(p->ntables, 0);
}

static void
test_cell_lines(void **state)
{
	struct tl_page *p = READ("Intro text.\nAPI |\nアクセス許可 |\nタイプ |\n"
	    "説明 |\nMicrosoft Graph |\nGroup.Read.All (Read all groups) |\n"
	    "アプリケーション |\nグループ情報を取得します。 |\n"
	    "Directory.Read.All (Read directory data) |\n"
	    "アプリケーション |\n組織のデータを取得します。 | |\n"
	    "Yammer |\naccess_as_user (Read) |\n委任済み |\nアクセスします。 |\n"
	    "user_impersonation (Read) |\n委任済み |\n代理します。 |\n"
	    "*注意: テナント\n");
	const struct tl_table *t = &p->tables[0];

	assert_int_equal(p->ntables, 1);
	assert_int_equal(t->line, 2);
	assert_int_equal(t->ncolumns, 4);
	assert_string_equal(t->columns[1].header, "アクセス許可");
	assert_int_equal(t->nrows, 4);
	assert_string_equal(t->rows[1].cells[0], "Microsoft Graph");
	assert_string_equal(t->rows[1].cells[1],
	    "Directory.Read.All (Read directory data)");
	assert_string_equal(t->rows[1].cells[3], "組織のデータを取得します。");
	assert_int_equal(t->rows[1].line, 10);
	assert_string_equal(t->rows[3].cells[0], "Yammer");
	assert_string_equal(t->rows[3].cells[1], "user_impersonation (Read)");
	assert_int_equal(p->intro.n, 1);
	assert_int_equal(p->notes.n, 1);
	assert_int_equal(diags(state)->n, 0);
}

static void
test_cell_lines_empty_date_and_cut(void **state)
{
	struct tl_page *p = READ("API |\nアクセス許可 |\nタイプ |\n説明 |\n"
	    "最終更新日 |\nPower BI Service |\nTenant.Read.All (View) |\n"
	    "委任済み |\n取得します。 |\n|\nTenant.ReadWrite.All (RW) |\n"
	    "委任済み |\n更新します。 |\n2023 年 10 月 | |\nSha");
	const struct tl_table *t = &p->tables[0];

	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0].cells[4], "");
	assert_string_equal(t->rows[1].cells[0], "Power BI Service");
	assert_string_equal(t->rows[1].cells[4], "2023 年 10 月");
	assert_int_equal(diags(state)->n, 1);
	assert_int_equal(diags(state)->v[0].line, 15);
}

static void
test_broken_rows(void **state)
{
	struct tl_page *p = READ("| API | Permission | Type | Purpose |\n"
	    "|---|---|---|---|\n| Microsoft Graph |\n"
	    "Organization.Read.All (Read org) |\nApplication | Check. |\n|\n"
	    "Group.Read.All (Read groups) |\nApplication |\nScan. |\n|\n|\n"
	    "| Office 365 Exchange Online | full_access_as_app\n"
	    "(Use EWS) |\nApplication | Scan folders. |\nTo add it, see.\n");
	const struct tl_table *t = &p->tables[0];

	assert_int_equal(p->ntables, 1);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->rows[1].cells[0], "Microsoft Graph");
	assert_string_equal(t->rows[1].cells[1],
	    "Group.Read.All (Read groups)");
	assert_string_equal(t->rows[1].cells[3], "Scan.");
	assert_int_equal(t->rows[1].line, 7);
	assert_string_equal(t->rows[2].cells[0], "Office 365 Exchange Online");
	assert_string_equal(t->rows[2].cells[1],
	    "full_access_as_app\n(Use EWS)");
}

static void
test_front_matter(void **state)
{
	struct tl_page *p = READ("---\ndescription: \"x\"\nms.topic: include\n"
	    "---\n\n|Permission type|Least privileged permissions|\n"
	    "|:---|:---|\n|Application|Sites.Read.All|\n");

	assert_null(p->title);
	assert_int_equal(p->intro.n, 0);
	assert_int_equal(p->tables[0].nrows, 1);
	assert_int_equal(p->tables[0].rows[0].line, 8);
}

static void
test_nul_and_invalid_utf8(void **state)
{
	static const char md[] = "Home > \xff\xfe > T\0x\n| A | B |\n|---|---|\n"
	    "| \0 | \xc3 |\n";
	struct tl_page *p = rd(state, md, sizeof(md) - 1);
	const struct tl_diags *d = diags(state);

	assert_int_equal(p->ntables, 1);
	assert_int_equal(p->tables[0].nrows, 1);
	assert_string_equal(p->tables[0].rows[0].cells[0], "\xEF\xBF\xBD");
	assert_string_equal(p->tables[0].rows[0].cells[1], "\xEF\xBF\xBD");
	assert_string_equal(p->title, "T\xEF\xBF\xBDx");
	/* One warning for the page, counting the lines with bad bytes
	 * (1 and 4): a binary file would otherwise warn on every line. */
	assert_int_equal(d->n, 1);
	assert_int_equal(d->v[0].line, 1);
	assert_string_equal(d->v[0].message, "2 lines with invalid UTF-8 "
	    "(first at line 1), replaced by U+FFFD");
}

/*
 * Invalid UTF-8 is repaired by the one rule (base/utf8.h), as the HTML
 * reader, the normaliser and file names are: a sequence cut short is one
 * U+FFFD, a surrogate three.
 */
static void
test_invalid_utf8_maximal_subparts(void **state)
{
	struct tl_page *p =
	    READ("| A |\n|---|\n| a\xE2\x80" "b \xED\xA0\x80 |\n");

	assert_int_equal(p->tables[0].nrows, 1);
	assert_string_equal(p->tables[0].rows[0].cells[0],
	    "a\xEF\xBF\xBD" "b \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
test_many_pipes(void **state)
{
	size_t n = 100000, i;
	char *s = xmalloc(2 * n + 64);
	struct tl_page *p;

	memcpy(s, "| A | B |\n|---|---|\n", 20);
	for (i = 0; i < n; i++)
		s[20 + i] = '|';
	s[20 + n] = '\n';
	memset(s + 21 + n, 'x', n - 1);	/* a long line, no newline */
	p = rd(state, s, 20 + n + n);
	assert_int_equal(p->ntables, 1);
	assert_int_equal(p->tables[0].nrows, 0);
	assert_int_equal(diags(state)->n, 1);
	assert_int_equal(diags(state)->v[0].line, 3);
	free(s);
}

static void
test_line_endings(void **state)
{
	/* CRLF, lone CR and LF mixed; the prose after the table ends in a
	 * lone CR, and a blank line is put in before it. */
	struct tl_page *p = READ("| A | B |\r\n|---|---|\r| 1 | 2 |\n"
	    "| 3 | 4 |\rprose\r\n| 5 | 6 |\r\n");

	assert_int_equal(p->ntables, 1);
	assert_int_equal(p->tables[0].nrows, 2);
	assert_int_equal(p->tables[0].rows[0].line, 3);
	assert_int_equal(p->tables[0].rows[1].line, 4);
	assert_string_equal(p->tables[0].rows[1].cells[0], "3");
	assert_string_equal(p->tables[0].rows[1].cells[1], "4");
	assert_int_equal(diags(state)->n, 0);
}

static void
test_nested_tables(void **state)
{
	struct tl_page *p = READ("> | A | B |\n> |---|---|\n> | 1 | 2 |\n\n"
	    "- item\n\n  | C | D |\n  |---|---|\n  | 3 | 4 |\n\n"
	    "| E |\n|---|\n| 5 |\n");

	assert_int_equal(p->ntables, 3);
	assert_string_equal(p->tables[0].columns[0].header, "A");
	assert_string_equal(p->tables[1].columns[0].header, "C");
	assert_string_equal(p->tables[1].rows[0].cells[1], "4");
	assert_int_equal(p->tables[1].rows[0].line, 9);
	assert_string_equal(p->tables[2].rows[0].cells[0], "5");
}

static void
test_chrome_first_bytes(void **state)
{
	struct tl_page *p = READ("\t EXPORT TO PDFFirst.\n"
	    "See Export to PDF.\n"
	    "\xc2\xa0" "Export to PDF kept.\n"
	    "instructions . . .\n"
	    "\n| A |\n|---|\n| 1 |\n");

	assert_int_equal(p->intro.n, 4);
	assert_string_equal(p->intro.v[0], "First.");
	assert_string_equal(p->intro.v[1], "See Export to PDF.");
	assert_string_equal(p->intro.v[2], "\xc2\xa0" "Export to PDF kept.");
	assert_string_equal(p->intro.v[3], "instructions . . .");
}

static void
test_invalid_utf8_word_edges(void **state)
{
	char md[64];
	size_t k;

	/* A bad byte at each offset across the eight-byte steps. */
	for (k = 0; k < 24; k++) {
		struct fx *f = *state;
		size_t n = 0;

		tl_diags_free(&f->d);	/* rd() frees the page before */
		memset(&f->d, 0, sizeof(f->d));
		memcpy(md + n, "| A |\n|---|\n| ", 14);
		n += 14;
		memset(md + n, 'x', 24);
		md[n + k] = (char)(k % 2 ? 0xff : 0);
		n += 24;
		memcpy(md + n, " |\n", 3);
		n += 3;
		rd(state, md, n);
		assert_int_equal(f->page->tables[0].nrows, 1);
		assert_int_equal(strlen(f->page->tables[0].rows[0].cells[0]),
		    26);
		assert_int_equal(f->d.n, 1);
		assert_int_equal(f->d.v[0].line, 3);
	}
}

/* ---- markup and structure (issue 13) ------------------------------ */

/* Mark i of cell (row, col) of table 0 is kind over "want". */
static void
check_mark(const struct tl_page *p, size_t row, size_t col, size_t i,
    unsigned kind, const char *want, const char *href)
{
	const struct tl_table *t = &p->tables[0];
	const struct tl_markup *m = tl_cell_markup(&t->rows[row], col);

	assert_non_null(m);
	assert_true(i < m->n);
	assert_int_equal(m->v[i].kind, kind);
	assert_int_equal(m->v[i].end - m->v[i].start, strlen(want));
	assert_memory_equal(t->rows[row].cells[col] + m->v[i].start, want,
	    strlen(want));
	if (href == NULL)
		assert_null(m->v[i].href);
	else
		assert_string_equal(m->v[i].href, href);
}

static void
test_cell_markup(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n"
	    "| [22.x][] and [docs](https://x.example/d) | `a\\|b` **bold** |\n"
	    "| x<sup>2</sup><br>y | <a href=\"r.html\">raw</a> <code>c</code> |\n"
	    "| <span class=\"sxs-lookup\">hidden</span>shown | "
	    "[no](javascript:alert(1)) |\n"
	    "\n[22.x]: https://nodejs.org/dist/latest-v22.x/\n");
	const struct tl_table *t = &p->tables[0];

	assert_string_equal(t->rows[0].cells[0], "22.x and docs");
	check_mark(p, 0, 0, 0, TL_MARK_LINK, "22.x",
	    "https://nodejs.org/dist/latest-v22.x/");
	check_mark(p, 0, 0, 1, TL_MARK_LINK, "docs", "https://x.example/d");
	assert_string_equal(t->rows[0].cells[1], "a|b bold");
	check_mark(p, 0, 1, 0, TL_MARK_CODE, "a|b", NULL);
	check_mark(p, 0, 1, 1, TL_MARK_STRONG, "bold", NULL);
	assert_string_equal(t->rows[1].cells[0], "x^2\ny");
	check_mark(p, 0 + 1, 0, 0, TL_MARK_SUP, "^2", NULL);
	assert_string_equal(t->rows[1].cells[1], "raw c");
	check_mark(p, 1, 1, 0, TL_MARK_LINK, "raw", "r.html");
	check_mark(p, 1, 1, 1, TL_MARK_CODE, "c", NULL);
	assert_string_equal(t->rows[2].cells[0], "shown");
	assert_string_equal(t->rows[2].cells[1], "no");
	assert_null(tl_cell_markup(&t->rows[2], 1));
}

static void
test_headings_and_notes(void **state)
{
	struct tl_page *p = READ("---\ntitle: \"From front matter\"\n---\n"
	    "# Page <a name=\"p\"></a>\n\n## In this article\n\n"
	    "## Application permissions\n\n"
	    "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
	    "> [!NOTE]\n> Only when\n> asked.\n\n"
	    "> **Hinweis:** Auch das.\n\n"
	    "Plain after.\n\nNote: not the table's.\n\n"
	    "### Sub\n\n| C | D |\n|---|---|\n| 3 | 4 |\n\n"
	    "Notes:\n\n- One.\n- Two.\n\n"
	    "> | E | F |\n> |---|---|\n> | 5 | 6 |\n");
	const struct tl_table *t;

	assert_string_equal(p->title, "From front matter");
	assert_int_equal(p->ntables, 3);
	t = &p->tables[0];
	assert_int_equal(t->headings.n, 2);
	assert_string_equal(t->headings.v[0], "Page");
	assert_string_equal(t->headings.v[1], "Application permissions");
	assert_int_equal(t->notes.n, 2);
	assert_string_equal(t->notes.v[0], "Only when asked.");
	assert_string_equal(t->notes.v[1], "Hinweis: Auch das.");
	t = &p->tables[1];
	assert_int_equal(t->headings.n, 3);
	assert_string_equal(t->headings.v[2], "Sub");
	assert_int_equal(t->notes.n, 2);
	assert_string_equal(t->notes.v[0], "One.");
	assert_string_equal(t->notes.v[1], "Two.");
	/* In a block quote: no path, and no false ragged-row warning. */
	t = &p->tables[2];
	assert_int_equal(t->headings.n, 0);
	assert_int_equal(t->nrows, 1);
	assert_int_equal(t->rows[0].nread, 2);
	assert_int_equal(diags(state)->n, 0);
	assert_int_equal(p->notes.n, 1);
	assert_string_equal(p->notes.v[0], "Note: not the table's.");
}

/* The first '#' heading is the title; without one, a short first line
 * before prose, as pages scraped without '#' start. */
static void
test_titles(void **state)
{
	struct tl_page *p = READ("## Second\n\n# First\n\n| A |\n|---|\n"
	    "| 1 |\n");

	assert_string_equal(p->title, "First");
	p = READ("Backup App Permissions\nThe app needs the permissions "
	    "below to back up your tenant.\n\n| A |\n|---|\n| 1 |\n");
	assert_string_equal(p->title, "Backup App Permissions");
	assert_int_equal(p->intro.n, 1);
}

/* A pipe table without its delimiter row, first column merged. */
static void
test_headless_table(void **state)
{
	struct tl_page *p = READ("Intro.\n\n"
	    "| API | Permission | Type |\n"
	    "| Microsoft Graph | Mail.Read | Application |\n"
	    "| Mail.Send | Delegated |\n"
	    "| Office 365 Exchange Online | full\\_access\\_as\\_app | "
	    "Application |\n");
	const struct tl_table *t = &p->tables[0];

	assert_int_equal(p->ntables, 1);
	assert_int_equal(t->ncolumns, 3);
	assert_string_equal(t->columns[1].header, "Permission");
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->rows[1].cells[0], "Microsoft Graph");
	assert_string_equal(t->rows[1].cells[1], "Mail.Send");
	assert_string_equal(t->rows[1].cells[2], "Delegated");
	assert_string_equal(t->rows[2].cells[1], "full_access_as_app");
	assert_int_equal(diags(state)->n, 0);
}

/* GFM rows without outer pipes under a framed header are rows. */
static void
test_no_outer_pipes(void **state)
{
	struct tl_page *p = READ("| A | B |\n|---|---|\n1 | 2\n3 | 4\n");

	assert_int_equal(p->tables[0].nrows, 2);
	assert_string_equal(p->tables[0].rows[1].cells[1], "4");
	assert_int_equal(diags(state)->n, 0);
}

static void
test_section_and_legend_rows(void **state)
{
	struct tl_page *p = READ("| Permission | Type |\n|---|---|\n"
	    "| \xf0\x9f\x93\x8c Name | \xf0\x9f\x93\x8c Type |\n"
	    "| **Graph** | |\n| Mail.Read | Application |\n"
	    "| SharePoint |\n| Sites.Read.All | Application |\n");
	const struct tl_table *t = &p->tables[0];

	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0].cells[0], "Mail.Read");
	assert_string_equal(t->rows[0].section, "Graph");
	assert_string_equal(t->rows[1].section, "SharePoint");
	assert_int_equal(diags(state)->n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_simple_table),
		T(test_cell_texts),
		T(test_row_lines),
		T(test_escaped_pipe),
		T(test_br_in_cell),
		T(test_code_link_emphasis),
		T(test_breadcrumb_title),
		T(test_heading_title),
		T(test_no_title),
		T(test_intro),
		T(test_notes),
		T(test_export_pdf_chrome),
		T(test_other_chrome),
		T(test_cut_last_row),
		T(test_cut_lone_pipe),
		T(test_complete_row_no_newline),
		T(test_ragged_row),
		T(test_table_in_code_block),
		T(test_two_tables),
		T(test_prose_after_table),
		T(test_plain_text_no_table),
		T(test_cell_lines),
		T(test_cell_lines_empty_date_and_cut),
		T(test_broken_rows),
		T(test_front_matter),
		T(test_nul_and_invalid_utf8),
		T(test_invalid_utf8_maximal_subparts),
		T(test_many_pipes),
		T(test_line_endings),
		T(test_nested_tables),
		T(test_chrome_first_bytes),
		T(test_invalid_utf8_word_edges),
		T(test_cell_markup),
		T(test_headings_and_notes),
		T(test_titles),
		T(test_headless_table),
		T(test_no_outer_pipes),
		T(test_section_and_legend_rows),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
