/*
 * failio.c - an LD_PRELOAD shim that makes chosen I/O calls fail, so the
 * tests can show what tablog does when a disk fills up or a folder is
 * not writable.  The tests run as root, where chmod cannot take write
 * permission away; this can.
 *
 * Each variable names a substring of the paths whose calls fail:
 *   FAILIO_OPEN=S     open()/openat() of a path holding S: EACCES
 *   FAILIO_CREATE=S   open(O_CREAT)/openat(O_CREAT)/mkstemp()/mkdir()/
 *                     mkdirat() of such a path: EACCES
 *   FAILIO_RENAME=S   rename()/renameat() onto such a path: EIO
 * A name relative to a folder descriptor (the *at() calls) is matched as
 * the folder's path, '/', the name.
 *   FAILIO_CLOSE=S    fclose() of a stream on such a file: closes it,
 *                     then reports ENOSPC (a late write error, as NFS or
 *                     a full disk give at close)
 *   FAILIO_SLOW=S     open()/openat() of such a path first creates the
 *                     file named by FAILIO_SLOW_MARK (if set), then
 *                     sleeps two seconds: a window in which a test changes
 *                     what tablog is about to read
 *   FAILIO_NTH=N      only the N-th matching call fails (1-based), and
 *                     every later one: a failure halfway through a run
 * The counter is per process and shared by all the kinds above.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Matching calls seen so far, for FAILIO_NTH (threads build sites). */
static atomic_long seen;

/*
 * The next definition of a function (libc's).  ISO C has no conversion
 * from void * to a function pointer, so copy the bits, as POSIX allows.
 */
#define NEXT(fn, name) do {						\
	void *p_ = dlsym(RTLD_NEXT, (name));				\
	memcpy(&(fn), &p_, sizeof(fn));					\
} while (0)

/* Should a call of this kind on this path fail? */
static int
should_fail(const char *var, const char *path)
{
	const char *want = getenv(var), *nth;

	if (want == NULL || *want == '\0' || path == NULL ||
	    strstr(path, want) == NULL)
		return 0;
	nth = getenv("FAILIO_NTH");
	if (nth == NULL || *nth == '\0')
		return 1;
	return atomic_fetch_add(&seen, 1) + 1 >= atol(nth);
}

/* FAILIO_SLOW: say so, then give the test its window. */
static void
maybe_slow(const char *path)
{
	const char *want = getenv("FAILIO_SLOW"), *mark;

	if (want == NULL || *want == '\0' || path == NULL ||
	    strstr(path, want) == NULL)
		return;
	if ((mark = getenv("FAILIO_SLOW_MARK")) != NULL) {
		int (*real)(const char *, int, ...);
		int fd;

		NEXT(real, "open");
		if ((fd = real(mark, O_WRONLY | O_CREAT, 0644)) >= 0)
			close(fd);
	}
	sleep(2);
}

/* open() and open64(): fail, or pass on to libc's `name`. */
static int
open_or_fail(const char *name, const char *path, int flags, mode_t mode)
{
	int (*real)(const char *, int, ...);

	maybe_slow(path);
	if (should_fail("FAILIO_OPEN", path) ||
	    ((flags & O_CREAT) && should_fail("FAILIO_CREATE", path))) {
		errno = EACCES;
		return -1;
	}
	NEXT(real, name);
	return real(path, flags, mode);
}

/* The mode argument is there only with O_CREAT. */
#define OPEN_MODE(flags, mode) do {					\
	va_list ap_;							\
	if ((flags) & O_CREAT) {					\
		va_start(ap_, flags);					\
		(mode) = (mode_t)va_arg(ap_, int);			\
		va_end(ap_);						\
	}								\
} while (0)

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return open_or_fail("open", path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return open_or_fail("open64", path, flags, mode);
}

/* The path a name relative to dirfd stands for, in buf. */
static const char *
at_path(int dirfd, const char *name, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (name == NULL || name[0] == '/' || dirfd == AT_FDCWD)
		return name;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return name;
	buf[n] = '\0';
	snprintf(buf + n, size - (size_t)n, "/%s", name);
	return buf;
}

static int
openat_or_fail(const char *name, int dirfd, const char *path, int flags,
    mode_t mode)
{
	int (*real)(int, const char *, int, ...);
	char full[8192];
	const char *p = at_path(dirfd, path, full, sizeof(full));

	maybe_slow(p);
	if (should_fail("FAILIO_OPEN", p) ||
	    ((flags & O_CREAT) && should_fail("FAILIO_CREATE", p))) {
		errno = EACCES;
		return -1;
	}
	NEXT(real, name);
	return real(dirfd, path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return openat_or_fail("openat", dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return openat_or_fail("openat64", dirfd, path, flags, mode);
}

int
mkdirat(int dirfd, const char *path, mode_t mode)
{
	int (*real)(int, const char *, mode_t);
	char full[8192];
	const char *p = at_path(dirfd, path, full, sizeof(full));
	struct stat st;

	/* An existing folder stays EEXIST, as it would for a user. */
	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
	    should_fail("FAILIO_CREATE", p)) {
		errno = EACCES;
		return -1;
	}
	NEXT(real, "mkdirat");
	return real(dirfd, path, mode);
}

int
renameat(int fromfd, const char *from, int tofd, const char *to)
{
	int (*real)(int, const char *, int, const char *);
	char full[8192];

	if (should_fail("FAILIO_RENAME", at_path(tofd, to, full,
	    sizeof(full)))) {
		errno = EIO;
		return -1;
	}
	NEXT(real, "renameat");
	return real(fromfd, from, tofd, to);
}

static int
mkstemp_or_fail(const char *name, char *tmpl)
{
	int (*real)(char *);

	if (should_fail("FAILIO_CREATE", tmpl)) {
		errno = EACCES;
		return -1;
	}
	NEXT(real, name);
	return real(tmpl);
}

int
mkstemp(char *tmpl)
{
	return mkstemp_or_fail("mkstemp", tmpl);
}

int
mkstemp64(char *tmpl)
{
	return mkstemp_or_fail("mkstemp64", tmpl);
}

int
mkdir(const char *path, mode_t mode)
{
	int (*real)(const char *, mode_t);
	struct stat st;

	/* An existing folder stays EEXIST, as it would for a user. */
	if (stat(path, &st) != 0 && should_fail("FAILIO_CREATE", path)) {
		errno = EACCES;
		return -1;
	}
	NEXT(real, "mkdir");
	return real(path, mode);
}

int
rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *);

	if (should_fail("FAILIO_RENAME", to)) {
		errno = EIO;
		return -1;
	}
	NEXT(real, "rename");
	return real(from, to);
}

int
fclose(FILE *fp)
{
	int (*real)(FILE *);
	char link[64], path[4096];
	ssize_t n = -1;
	int fd = fp != NULL ? fileno(fp) : -1;

	NEXT(real, "fclose");
	if (fd >= 0) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, path, sizeof(path) - 1);
	}
	if (n > 0) {
		path[n] = '\0';
		if (should_fail("FAILIO_CLOSE", path)) {
			real(fp);
			errno = ENOSPC;
			return EOF;
		}
	}
	return real(fp);
}
