/*
 * file.c - whole files into memory (see file.h).
 */
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
tl_file_too_big(const char *name, size_t max, struct tl_diags *d)
{
	tl_diag_kind(d, TL_ERROR, TL_DK_TOO_LARGE, name, 0, "input larger "
	    "than the limit of %zu bytes (see --max-input-size)", max);
}

/* Read all of fd into out, refusing more than max bytes. */
static int
read_all(int fd, const char *name, size_t max, struct buf *out,
    struct tl_diags *d)
{
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tl_diag_kind(d, TL_ERROR, TL_DK_READ, name, 0,
			    "cannot read: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		if (out->len + (size_t)n > max) {
			tl_file_too_big(name, max, d);
			return -1;
		}
		buf_put(out, chunk, (size_t)n);
	}
}

/* Whether the file open as `path`, described by st, may be read; if not,
 * why in d. */
static int
readable(const struct stat *st, const char *path, unsigned flags,
    size_t max, struct tl_diags *d)
{
	if (S_ISDIR(st->st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, path, 0,
		    "is a folder, not a page");
		return 0;
	}
	if ((flags & TL_FILE_REGULAR) && !S_ISREG(st->st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, path, 0,
		    "not a regular file; not read");
		return 0;
	}
	if (S_ISREG(st->st_mode) && (unsigned long long)st->st_size > max) {
		tl_file_too_big(path, max, d);
		return 0;
	}
	return 1;
}

int
tl_file_read(const char *path, unsigned flags, size_t max, struct buf *out,
    struct tl_diags *d)
{
	struct stat st;
	int fd, oflags = O_RDONLY | O_CLOEXEC, rc;

	if ((flags & TL_FILE_STDIN) && strcmp(path, "-") == 0)
		return read_all(STDIN_FILENO, "-", max, out, d);
	if (flags & TL_FILE_REGULAR)
		oflags |= O_NONBLOCK | O_NOCTTY;
	if (flags & TL_FILE_NOFOLLOW)
		oflags |= O_NOFOLLOW;
	if ((fd = open(path, oflags)) < 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, path, 0, "cannot open: %s",
		    errno == ELOOP && (flags & TL_FILE_NOFOLLOW) ?
		    "a symbolic link (not followed)" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, path, 0, "cannot read: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	rc = readable(&st, path, flags, max, d) ?
	    read_all(fd, path, max, out, d) : -1;
	close(fd);
	return rc;
}
