/*
 * test_output.c - atomic output through a folder descriptor: files
 * appear whole, replaced files keep their permissions, nothing in the
 * folder is followed or replaced unless it is a regular file, and the
 * registry of temporaries lets a signal handler remove them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/output.h"

static char dir[] = "/tmp/test_output_XXXXXX";
static int dirfd_ = -1;

static const char *
in_dir(const char *name)
{
	static struct buf b;

	buf_reset(&b);
	tl_path_join(&b, dir, name);
	return buf_str(&b);
}

static char *
slurp(const char *name)
{
	static char text[256];
	FILE *fp = fopen(in_dir(name), "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

/* Hidden temporaries left in the folder. */
static int
temporaries(void)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".tmp-") != NULL)
			n++;
	closedir(dp);
	return n;
}

static int
write_file(const char *name, const char *text, struct tl_temps *temps,
    struct tl_diags *d)
{
	struct tl_outfile o;

	if (tl_outfile_openat(&o, dirfd_, name, in_dir(name), temps, d) != 0)
		return -1;
	fputs(text, o.fp);
	return tl_outfile_commit(&o, d);
}

static void
new_and_replaced(void **s)
{
	struct tl_diags d = {0};
	struct tl_outfile o;
	struct stat st;

	(void)s;
	assert_int_equal(write_file("a.txt", "one\n", NULL, &d), 0);
	assert_string_equal(slurp("a.txt"), "one\n");
	/* Until committed, the old file is all there is. */
	assert_int_equal(chmod(in_dir("a.txt"), 0600), 0);
	assert_int_equal(tl_outfile_openat(&o, dirfd_, "a.txt", "a.txt",
	    NULL, &d), 0);
	fputs("two\n", o.fp);
	fflush(o.fp);
	assert_string_equal(slurp("a.txt"), "one\n");
	assert_int_equal(temporaries(), 1);
	assert_int_equal(tl_outfile_commit(&o, &d), 0);
	assert_string_equal(slurp("a.txt"), "two\n");
	assert_int_equal(stat(in_dir("a.txt"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Given up: the old file stays. */
	assert_int_equal(tl_outfile_openat(&o, dirfd_, "a.txt", "a.txt",
	    NULL, &d), 0);
	fputs("three\n", o.fp);
	tl_outfile_abort(&o);
	assert_string_equal(slurp("a.txt"), "two\n");
	assert_int_equal(temporaries(), 0);
	assert_int_equal(d.n, 0);
	unlink(in_dir("a.txt"));
}

/* Whatever is in the way and is not a regular file: one error, and it
 * is neither written through nor replaced. */
static void
expect_refused(const char *name, const char *want)
{
	struct tl_diags d = {0};

	assert_int_equal(write_file(name, "no\n", NULL, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, in_dir(name));
	if (strstr(d.v[0].message, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", d.v[0].message, want);
	assert_int_equal(temporaries(), 0);
	tl_diags_free(&d);
}

static void
nothing_followed(void **s)
{
	struct stat st;
	char target[64];

	(void)s;
	assert_int_equal(write_file("victim", "mine\n", NULL, NULL), 0);
	assert_int_equal(symlinkat("victim", dirfd_, "link"), 0);
	expect_refused("link", "is a symbolic link");
	assert_string_equal(slurp("victim"), "mine\n");
	assert_int_equal(lstat(in_dir("link"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(readlink(in_dir("link"), target, sizeof(target)), 6);
	/* A dangling link is not made to point at a new file either. */
	assert_int_equal(symlinkat("nowhere", dirfd_, "dangling"), 0);
	expect_refused("dangling", "is a symbolic link");
	assert_int_equal(access(in_dir("nowhere"), F_OK), -1);
	/* A FIFO: refused at once, not waited on. */
	assert_int_equal(mkfifo(in_dir("fifo"), 0600), 0);
	expect_refused("fifo", "is not a regular file");
	assert_int_equal(lstat(in_dir("fifo"), &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(mkdir(in_dir("sub"), 0700), 0);
	expect_refused("sub", "is a folder");
	unlink(in_dir("victim"));
	unlink(in_dir("link"));
	unlink(in_dir("dangling"));
	unlink(in_dir("fifo"));
	rmdir(in_dir("sub"));
}

static void
subfolders(void **s)
{
	struct tl_diags d = {0};
	int fd;

	(void)s;
	fd = tl_subdir_open(dirfd_, "page", "page", &d);
	assert_true(fd >= 0);
	close(fd);
	fd = tl_subdir_open(dirfd_, "page", "page", &d);	/* there already */
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(d.n, 0);
	assert_int_equal(symlinkat("/tmp", dirfd_, "away"), 0);
	assert_int_equal(tl_subdir_open(dirfd_, "away", "away", &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "is a symbolic link"));
	assert_int_equal(write_file("plain", "x\n", NULL, NULL), 0);
	assert_int_equal(tl_subdir_open(dirfd_, "plain", "plain", &d), -1);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[1].message, "not a folder");
	tl_diags_free(&d);
	rmdir(in_dir("page"));
	unlink(in_dir("away"));
	unlink(in_dir("plain"));
}

static void
temporaries_removed(void **s)
{
	struct tl_temps *temps = tl_temps_new(4);
	struct tl_outfile o[5];
	struct tl_diags d = {0};
	static const char *const names[] = { "a", "b", "c", "d", "e" };
	sigset_t mask;
	size_t i;

	(void)s;
	/* One more than the slots: the fifth is simply not registered. */
	for (i = 0; i < 5; i++)
		assert_int_equal(tl_outfile_openat(&o[i], dirfd_, names[i],
		    names[i], temps, &d), 0);
	assert_int_equal(temporaries(), 5);
	/* Signals are blocked only while the registry changes. */
	assert_int_equal(pthread_sigmask(SIG_BLOCK, NULL, &mask), 0);
	assert_false(sigismember(&mask, SIGINT));
	assert_false(sigismember(&mask, SIGTERM));
	/* Committed and aborted ones leave the registry. */
	assert_int_equal(tl_outfile_commit(&o[0], &d), 0);
	tl_outfile_abort(&o[1]);
	assert_int_equal(temporaries(), 3);
	tl_temps_remove(temps);
	assert_int_equal(temporaries(), 1);	/* the unregistered one */
	/* From then on no temporary is made. */
	assert_int_equal(tl_outfile_openat(&o[0], dirfd_, "f", "f", temps,
	    &d), -1);
	assert_int_equal(d.n, 1);
	tl_outfile_abort(&o[4]);
	assert_int_equal(temporaries(), 0);
	assert_string_equal(slurp("a"), "");
	/* The process would be gone; here the outfiles are let go. */
	tl_outfile_abort(&o[2]);
	tl_outfile_abort(&o[3]);
	tl_diags_free(&d);
	tl_temps_free(temps);
	unlink(in_dir("a"));
}

static void
path_join(void **s)
{
	struct buf b = {0};

	(void)s;
	tl_path_join(&b, "out", "a");
	assert_string_equal(buf_str(&b), "out/a");
	buf_reset(&b);
	tl_path_join(&b, "out/", "a");
	assert_string_equal(buf_str(&b), "out/a");
	buf_reset(&b);
	tl_path_join(&b, "/", "a");
	assert_string_equal(buf_str(&b), "/a");
	buf_free(&b);
}

static int
setup(void **s)
{
	(void)s;
	if (mkdtemp(dir) == NULL)
		return -1;
	dirfd_ = open(dir, O_RDONLY | O_DIRECTORY);
	return dirfd_ < 0 ? -1 : 0;
}

static int
teardown(void **s)
{
	(void)s;
	close(dirfd_);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_and_replaced),
		cmocka_unit_test(nothing_followed),
		cmocka_unit_test(subfolders),
		cmocka_unit_test(temporaries_removed),
		cmocka_unit_test(path_join),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
