/*
 * test_check.c - the linter: --today parsing, what counts as a finding
 * (warnings, not notes), and that the loader's own warnings are neither
 * lost nor said twice.
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

#include "check/check.h"
#include "model/key.h"
#include "load/source.h"

static void
today_option(void **s)
{
	struct tl_date d;

	(void)s;
	assert_int_equal(tl_check_today(&d, "2025-11-26"), 0);
	assert_int_equal(d.year, 2025);
	assert_int_equal(d.month, 11);
	assert_int_equal(d.day, 26);
	assert_int_equal(tl_check_today(&d, "2024-02-29"), 0);
	assert_int_equal(tl_check_today(&d, "2023-02-29"), -1);
	assert_int_equal(tl_check_today(&d, "2025-13-01"), -1);
	assert_int_equal(tl_check_today(&d, "2025-1-1"), -1);
	assert_int_equal(tl_check_today(&d, "2025-11-26x"), -1);
	assert_int_equal(tl_check_today(&d, NULL), 0);
	assert_true(d.year >= 2025);
}

/* Check `text` as a Markdown page; returns the findings counted. */
static size_t
check_text(const char *text, struct tl_diags *d)
{
	char path[] = "/tmp/test_check_XXXXXX";
	int fd = mkstemp(path);
	struct tl_load_opts lo;
	struct tl_loader *l;
	struct tl_check_opts o;
	const char *paths[1];
	size_t n;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	memset(&lo, 0, sizeof(lo));
	memset(&o, 0, sizeof(o));
	assert_int_equal(tl_check_today(&o.today, "2025-11-26"), 0);
	l = tl_loader_new(&lo);
	paths[0] = path;
	n = tl_check_files(l, paths, 1, &o, d);
	tl_loader_free(l);
	unlink(path);
	return n;
}

static int
has(const struct tl_diags *d, enum tl_severity sev, unsigned line,
    const char *message)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == sev && d->v[i].line == line &&
		    strcmp(d->v[i].message, message) == 0)
			n++;
	return (int)n;
}

static void
clean_page(void **s)
{
	struct tl_diags d = {0};

	(void)s;
	assert_int_equal(check_text(
	    "| API | Permission | Type | Purpose | Last update |\n"
	    "|---|---|---|---|---|\n"
	    "| Microsoft Graph | User.Read(Sign in) | Delegated | x | May 2025 |\n"
	    "| Microsoft Graph | User.Read(Sign in all) | Application | x | |\n",
	    &d), 0);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
}

static void
notes_do_not_count(void **s)
{
	struct tl_diags d = {0};

	(void)s;
	assert_int_equal(check_text(
	    "| API | Permission | Type | Purpose |\n"
	    "|---|---|---|---|\n"
	    "| Microsoft Graph | User.Read(Sign in) | Delegated | to sign in |\n"
	    "| Microsoft Graph | User.Read(Sign in) | Delegated | to read |\n",
	    &d), 0);
	assert_int_equal(has(&d, TL_NOTE, 4, "shares its key with line 3 but "
	    "has a different purpose"), 1);
	tl_diags_free(&d);
}

static void
future_and_ragged(void **s)
{
	struct tl_diags d = {0};

	(void)s;
	assert_int_equal(check_text(
	    "| API | Permission | Type | Purpose | Last update |\n"
	    "|---|---|---|---|---|\n"
	    "| Microsoft Graph | A(a) | Delegated | x | 5 December 2025 |\n"
	    "| Microsoft Graph | B(b) | Delegated | x | November 2025 |\n"
	    "| Microsoft Graph | C(c) | Delegated |\n",
	    &d), 2);
	assert_int_equal(has(&d, TL_WARNING, 3, "date in the future: "
	    "2025-12-05 (today is 2025-11-26)"), 1);
	/* Said by the reader already: once, not twice. */
	assert_int_equal(has(&d, TL_WARNING, 5,
	    "row has 3 cells, header has 5"), 1);
	tl_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(today_option),
		cmocka_unit_test(clean_page),
		cmocka_unit_test(notes_do_not_count),
		cmocka_unit_test(future_and_ragged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
