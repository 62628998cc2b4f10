/*
 * test_history.c - a page's history (history/history.h) from files: the
 * dates in names, versions compared in order, rows followed through them
 * (first_seen, last_changed, changed_without_date_update), a version
 * that cannot be read, and the changes' order.  tests/history.sh covers
 * git repositories and the command line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/history.h"

static char dir[] = "/tmp/tablog-test-history-XXXXXX";

static void
expect_date(const char *path, const char *want)
{
	char got[11];

	if (want == NULL) {
		assert_int_equal(tl_history_name_date(path, got), -1);
		return;
	}
	assert_int_equal(tl_history_name_date(path, got), 0);
	assert_string_equal(got, want);
}

static void
name_dates(void **s)
{
	(void)s;
	expect_date("page-2024-01-03.md", "2024-01-03");
	expect_date("2024-02-01/page.md", "2024-02-01");
	expect_date("a/2023-05-06/b/page.md", "2023-05-06");
	/* The file's name first, then its folders, nearest first. */
	expect_date("2023-01-01/2023-02-02/p-2023-03-03.md", "2023-03-03");
	expect_date("2023-01-01/2023-02-02/p.md", "2023-02-02");
	/* The first date of a name; no date inside a longer number. */
	expect_date("from-2024-01-01-to-2024-02-01.md", "2024-01-01");
	expect_date("v12024-01-03.md", NULL);
	expect_date("2024-01-031.md", NULL);
	/* Days of the calendar only. */
	expect_date("page-2024-02-30.md", NULL);
	expect_date("2024-13-01/page.md", NULL);
	expect_date("page.md", NULL);
	expect_date("", NULL);
	expect_date("/", NULL);
}

static char *
write_file(const char *name, const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	FILE *fp;

	assert_non_null(path);
	snprintf(path, n, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

#define HEAD "| Permission | Purpose | Last update |\n|---|---|---|\n"

static const struct tl_row *
row_named(const struct tl_page *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->tables[0].nrows; i++)
		if (strcmp(p->tables[0].rows[i].f[TL_PERMISSION], name) == 0)
			return &p->tables[0].rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

static void
versions_of_files(void **s)
{
	const char *dates[] = { "2024-01-01", "2024-02-01", "2024-03-01",
	    "2024-04-01", "2024-05-01" };
	char *paths[5];
	struct tl_history_opts o;
	struct tl_history h;
	struct tl_diags d = {0};
	const struct tl_row *r;
	const struct tl_page *cur;
	size_t i;

	(void)s;
	paths[0] = write_file("v1.md", HEAD
	    "| A.Read | read a | January 2024 |\n"
	    "| B.Read | read b | January 2024 |\n");
	/* B's purpose changes, its date does not; C appears. */
	paths[1] = write_file("v2.md", HEAD
	    "| A.Read | read a | January 2024 |\n"
	    "| B.Read | read all b | January 2024 |\n"
	    "| C.Read | read c | February 2024 |\n");
	paths[2] = write_file("v3.md", "No table here.\n");
	/* A goes, then comes back: it was first seen in January. */
	paths[3] = write_file("v4.md", HEAD
	    "| B.Read | read all b | January 2024 |\n"
	    "| C.Read | read c | February 2024 |\n");
	paths[4] = write_file("v5.md", HEAD
	    "| B.Read | read all b | January 2024 |\n"
	    "| C.Read | read c, and more | May 2024 |\n"
	    "| A.Read | read a | January 2024 |\n");
	memset(&o, 0, sizeof(o));
	o.jobs = 2;
	assert_int_equal(tl_history_read_files(&h, (const char *const *)paths,
	    dates, 5, &o, &d), 0);
	/* One warning: the version without a table. */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, TL_WARNING);
	assert_int_equal(d.v[0].kind, TL_DK_NO_TABLE);
	assert_string_equal(d.v[0].file, paths[2]);
	assert_int_equal(h.npages, 1);
	assert_int_equal(h.pages[0].n, 5);
	assert_int_equal(h.pages[0].v[2].state, TL_VERSION_SKIPPED);
	assert_string_equal(h.pages[0].v[3].time, "2024-04-01T00:00:00Z");
	assert_null(h.pages[0].v[3].commit);

	/* Newest first, a version's as diff lists them: A added back and C
	 * changed (May), A removed (April: v4 against v2, v3 skipped), C
	 * added and B changed (February), the first version (January). */
	assert_int_equal(h.nchanges, 6);
	assert_int_equal(h.changes[0].c->kind, TL_CHANGE_ADDED);
	assert_string_equal(h.changes[0].c->date, "2024-05-01");
	assert_int_equal(h.changes[1].c->kind, TL_CHANGE_CHANGED);
	assert_int_equal(h.changes[2].c->kind, TL_CHANGE_REMOVED);
	assert_string_equal(h.changes[2].c->date, "2024-04-01");
	assert_int_equal(h.changes[3].c->kind, TL_CHANGE_ADDED);
	assert_int_equal(h.changes[4].c->kind, TL_CHANGE_CHANGED);
	assert_true(h.changes[4].c->changed_without_date_update);
	assert_int_equal(h.changes[5].c->kind, TL_CHANGE_PAGE_ADDED);
	assert_string_equal(h.changes[5].c->page, paths[4]);
	for (i = 0; i < h.nchanges; i++)
		assert_ptr_equal(h.changes[i].page, &h.pages[0]);

	cur = h.pages[0].current;
	assert_non_null(cur);
	r = row_named(cur, "A.Read");
	assert_string_equal(r->first_seen, "2024-01-01");
	assert_string_equal(r->last_changed, "2024-05-01");
	/* Added back in May, dated January: changed without a date update. */
	assert_true(r->changed_without_date_update);
	r = row_named(cur, "B.Read");
	assert_string_equal(r->first_seen, "2024-01-01");
	assert_string_equal(r->last_changed, "2024-02-01");
	assert_true(r->changed_without_date_update);
	r = row_named(cur, "C.Read");
	assert_string_equal(r->first_seen, "2024-02-01");
	assert_string_equal(r->last_changed, "2024-05-01");
	/* Changed in May, dated May. */
	assert_false(r->changed_without_date_update);

	tl_history_free(&h);
	tl_diags_free(&d);
	for (i = 0; i < 5; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}

/* Dates that go backwards, and a version without a date, are errors. */
static void
bad_dates(void **s)
{
	const char *dates[] = { "2024-02-01", "2024-01-01" };
	char *paths[2];
	struct tl_history_opts o;
	struct tl_history h;
	struct tl_diags d = {0};

	(void)s;
	paths[0] = write_file("a.md", HEAD "| A.Read | a | |\n");
	paths[1] = write_file("b.md", HEAD "| A.Read | b | |\n");
	memset(&o, 0, sizeof(o));
	assert_int_equal(tl_history_read_files(&h, (const char *const *)paths,
	    dates, 2, &o, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, TL_DK_USAGE);
	tl_history_free(&h);
	tl_diags_free(&d);
	assert_int_equal(tl_history_read_files(&h, (const char *const *)paths,
	    NULL, 2, &o, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, paths[0]);
	tl_history_free(&h);
	tl_diags_free(&d);
	unlink(paths[0]);
	unlink(paths[1]);
	free(paths[0]);
	free(paths[1]);
}

static int
setup(void **s)
{
	(void)s;
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **s)
{
	(void)s;
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(name_dates),
		cmocka_unit_test(versions_of_files),
		cmocka_unit_test(bad_dates),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
