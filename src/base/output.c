/*
 * output.c - atomic file output (see output.h).
 *
 * No fsync: the guarantee is against a killed or failing tablog (the old
 * or the new file, never a torn one), which rename() gives; surviving a
 * power cut would cost an fsync per file and make a site build of
 * thousands of files disk-bound.
 */
#include "base/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"

/*
 * Create the temporary beside `path` as open(2) would create the file
 * itself: mode 0666 less the umask, applied by the kernel.  (mkstemp()
 * makes 0600 files, and reading the umask back costs a /proc read per
 * file.)  The name is unique to this process and this call (the outfile's
 * address differs between threads writing at the same time); a name left
 * by a killed run is skipped.
 */
static int
open_temporary(struct tl_outfile *o, const char *path, struct buf *tmp)
{
	const char *slash = strrchr(path, '/');
	unsigned attempt;
	int fd = -1;

	for (attempt = 0; attempt < 100; attempt++) {
		buf_reset(tmp);
		if (slash != NULL)
			buf_put(tmp, path, (size_t)(slash - path + 1));
		buf_printf(tmp, ".%s.tmp-%ld-%lx-%u", slash ? slash + 1 : path,
		    (long)getpid(), (unsigned long)(uintptr_t)o, attempt);
		fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	return fd;
}

int
tl_outfile_open(struct tl_outfile *o, const char *path, struct tl_diags *d)
{
	struct buf tmp = {0};
	int fd;

	memset(o, 0, sizeof(*o));
	if ((fd = open_temporary(o, path, &tmp)) < 0) {
		tl_diag(d, TL_ERROR, path, 0, "cannot create file: %s",
		    strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		tl_diag(d, TL_ERROR, path, 0, "cannot create file: %s",
		    strerror(errno));
		close(fd);
		unlink(tmp.data);
		buf_free(&tmp);
		return -1;
	}
	o->tmp = tmp.data;
	o->path = xstrdup(path);
	return 0;
}

static void
outfile_release(struct tl_outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int
tl_outfile_commit(struct tl_outfile *o, struct tl_diags *d)
{
	int failed = ferror(o->fp);
	int err = errno;

	if (fclose(o->fp) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	o->fp = NULL;
	if (!failed && rename(o->tmp, o->path) != 0) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		tl_diag(d, TL_ERROR, o->path, 0, "cannot write file: %s",
		    strerror(err ? err : EIO));
		unlink(o->tmp);
	}
	outfile_release(o);
	return failed ? -1 : 0;
}

void
tl_outfile_abort(struct tl_outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	outfile_release(o);
}

int
tl_stream_finish(FILE *fp, const char *what, struct tl_diags *d)
{
	if (fflush(fp) != 0 || ferror(fp)) {
		tl_diag(d, TL_ERROR, NULL, 0, "writing %s: %s", what,
		    strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

int
tl_mkdirs(const char *path, struct tl_diags *d)
{
	char *p, *s;
	struct stat st;
	int rc = 0;

	/* The usual case, one call: the parent is there already. */
	if (mkdir(path, 0777) == 0 || (errno == EEXIST &&
	    stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	p = xstrdup(path);
	for (s = (*p == '/') ? p + 1 : p; ; s++) {
		char c;

		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			tl_diag(d, TL_ERROR, p, 0, "cannot create folder: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		tl_diag(d, TL_ERROR, path, 0, "not a folder");
		rc = -1;
	}
	free(p);
	return rc;
}
