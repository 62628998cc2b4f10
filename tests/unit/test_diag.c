/*
 * test_diag.c - one diagnostic, one line: tl_diag_format(), which the
 * command line and the library's tablog_diags_print() both print
 * through, quotes what a file name or message could smuggle in.  And
 * every diagnostic has a kind (base/diag_kind.h) that survives being
 * moved and is what the public API reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tablog.h"
#include "base/buf.h"
#include "base/diag.h"

static void
assert_line(const struct tl_diag *dg, int colour, const char *want)
{
	struct buf b = {0};

	tl_diag_format(&b, dg, colour);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
shapes(void **st)
{
	struct tl_diag dg = { TL_WARNING, "page.md", 12, "a message",
	    TL_DK_OTHER };

	(void)st;
	assert_line(&dg, 0, "tablog: page.md:12: warning: a message\n");
	dg.line = 0;
	assert_line(&dg, 0, "tablog: page.md: warning: a message\n");
	dg.file = NULL;
	dg.severity = TL_ERROR;
	assert_line(&dg, 0, "tablog: error: a message\n");
	assert_line(&dg, 1, "tablog: \033[31merror:\033[0m a message\n");
}

static void
forged_name(void **st)
{
	struct tl_diag dg = { TL_ERROR,
	    "x\ntablog: fake.md: error: forged\033[31m.md", 0, "no table\r",
	    TL_DK_OTHER };

	(void)st;
	assert_line(&dg, 0, "tablog: x\\ntablog: fake.md: error: "
	    "forged\\x1b[31m.md: error: no table\\r\n");
}

/* The library prints the same lines, quoted the same way. */
static void
library_print(void **st)
{
	tablog_diags *d = tablog_diags_new();
	tablog_loader *l = tablog_loader_new();
	char out[512];
	size_t n;
	FILE *fp = tmpfile();

	(void)st;
	assert_non_null(fp);
	assert_null(tablog_load_file(l, "/nonexistent/a\n\033[2Jb.md", d));
	assert_int_equal(tablog_diags_print(d, fp, TABLOG_NOTE), 0);
	rewind(fp);
	n = fread(out, 1, sizeof(out) - 1, fp);
	out[n] = '\0';
	assert_string_equal(out, "tablog: /nonexistent/a\\n\\x1b[2Jb.md: "
	    "error: cannot open: No such file or directory\n");
	fclose(fp);
	tablog_loader_free(l);
	tablog_diags_free(d);
}

/* Kind names are unique, short, lowercase words joined by '-'. */
static void
kind_names(void **st)
{
	size_t i, j;
	const char *a, *p;

	(void)st;
	assert_string_equal(tl_diag_kind_name(TL_DK_OTHER), "other");
	assert_string_equal(tl_diag_kind_name(TL_DK_COUNT), "other");
	for (i = 0; i < TL_DK_COUNT; i++) {
		a = tl_diag_kind_name((enum tl_diag_kind)i);
		assert_true(strlen(a) > 0 && strlen(a) <= 24);
		for (p = a; *p != '\0'; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || (*p == '-' && p > a));
		assert_int_equal(tl_diag_kind_named(a), i);
		assert_string_equal(tablog_diag_kind_name(i), a);
		for (j = 0; j < i; j++)
			assert_string_not_equal(a,
			    tl_diag_kind_name((enum tl_diag_kind)j));
	}
	assert_null(tablog_diag_kind_name(TL_DK_COUNT));
	assert_int_equal(tl_diag_kind_named("no-such-kind"), TL_DK_OTHER);
	assert_int_equal(tl_diag_kind_named(NULL), TL_DK_OTHER);
}

static void
kinds_kept(void **st)
{
	struct tl_diags a = {0}, b = {0};

	(void)st;
	tl_diag(&a, TL_WARNING, "x.md", 3, "plain");
	tl_diag_kind(&a, TL_WARNING, TL_DK_CUT_ROW, "x.md", 4, "cut %d", 1);
	assert_int_equal(a.v[0].kind, TL_DK_OTHER);
	assert_int_equal(a.v[1].kind, TL_DK_CUT_ROW);
	assert_string_equal(a.v[1].message, "cut 1");
	tl_diags_move(&b, &a);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.v[1].kind, TL_DK_CUT_ROW);
	tl_diags_free(&b);
}

/* Where the library makes a diagnostic, it says what kind it is. */
static void
library_kinds(void **st)
{
	static const char page[] = "# T\n\n| API | Date |\n|---|---|\n"
	    "| Graph | soon |\n";
	tablog_diags *d = tablog_diags_new();
	tablog_loader *l = tablog_loader_new();
	tablog_page *p;

	(void)st;
	assert_null(tablog_load_file(l, "/nonexistent/x.md", d));
	assert_string_equal(tablog_diag_kind(d, 0), "read");
	tablog_diags_clear(d);
	assert_null(tablog_load_buffer(l, "prose.md", "Just prose.\n", 12, d));
	assert_string_equal(tablog_diag_kind(d, 0), "no-table");
	tablog_diags_clear(d);
	p = tablog_load_buffer(l, "p.md", page, strlen(page), d);
	assert_non_null(p);
	assert_int_equal(tablog_diags_size(d), 1);
	assert_string_equal(tablog_diag_kind(d, 0), "unrecognised-date");
	assert_null(tablog_diag_kind(d, 1));
	assert_int_equal(tablog_diags_add(d, TABLOG_ERROR, "usage", NULL, 0,
	    "mine"), 0);
	assert_string_equal(tablog_diag_kind(d, 1), "usage");
	assert_int_equal(tablog_diags_add(d, TABLOG_NOTE, "nonsense", NULL, 0,
	    "mine"), 0);
	assert_string_equal(tablog_diag_kind(d, 2), "other");
	assert_int_equal(tablog_diags_add(d, (enum tablog_severity)9, NULL,
	    NULL, 0, "x"), -1);
	assert_int_equal(tablog_diags_add(d, TABLOG_NOTE, NULL, NULL, 0, NULL),
	    -1);
	tablog_page_free(p);
	tablog_loader_free(l);
	tablog_diags_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shapes),
		cmocka_unit_test(forged_name),
		cmocka_unit_test(library_print),
		cmocka_unit_test(kind_names),
		cmocka_unit_test(kinds_kept),
		cmocka_unit_test(library_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
