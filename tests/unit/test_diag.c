/*
 * test_diag.c - one diagnostic, one line: tl_diag_format(), which the
 * command line and the library's tablog_diags_print() both print
 * through, quotes what a file name or message could smuggle in.
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
	struct tl_diag dg = { TL_WARNING, "page.md", 12, "a message" };

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
	    "x\ntablog: fake.md: error: forged\033[31m.md", 0, "no table\r" };

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shapes),
		cmocka_unit_test(forged_name),
		cmocka_unit_test(library_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
