/*
 * test_read_threads.c - readers made on many threads at once, in a
 * process where no reader was made before (read/read.h tl_read_init()).
 *
 * cmark-gfm registers its extensions in a process-wide list guarded only
 * by a flag: two threads making their first Markdown reader together
 * both appended to it, and the AddressSanitizer run caught the list node
 * one of them lost (tablog history reads versions on threads).  A
 * program of its own, so that this really is the first use.  Under ASan
 * a lost node fails the run as a leak; in any build every thread must
 * find the table extension and read the table.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "load/source.h"
#include "read/read.h"

#define NTHREADS	16

static pthread_barrier_t start;

/* 1 when this thread's own loader read the Markdown table. */
static void *
read_one(void *arg)
{
	static const char md[] = "| API | Permission |\n|---|---|\n"
	    "| Microsoft Graph | User.Read.All |\n";
	struct tl_load_opts o;
	struct tl_diags d = {0};
	struct tl_loader *l;
	struct tl_page *page;
	int *ok = arg;

	memset(&o, 0, sizeof(o));
	o.from = tl_input_format("md");
	pthread_barrier_wait(&start);
	l = tl_loader_new(&o);
	page = tl_load_buffer(l, "p.md", md, sizeof(md) - 1, &d);
	*ok = page != NULL && page->ntables == 1 &&
	    page->tables[0].nrows == 1 &&
	    strcmp(page->tables[0].rows[0].cells[1], "User.Read.All") == 0 &&
	    d.n == 0;
	tl_page_free(page);
	tl_diags_free(&d);
	tl_loader_free(l);
	return NULL;
}

static void
first_readers_at_once(void **st)
{
	pthread_t t[NTHREADS];
	int ok[NTHREADS];
	size_t i, started = 0;

	(void)st;
	assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
	for (i = 0; i < NTHREADS; i++) {
		ok[i] = 0;
		assert_int_equal(pthread_create(&t[i], NULL, read_one, &ok[i]),
		    0);
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (i = 0; i < NTHREADS; i++)
		assert_true(ok[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_readers_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
