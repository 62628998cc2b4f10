/*
 * output.c - atomic file output (see output.h).
 *
 * No fsync: the guarantee is against a killed or failing tablog (the old
 * or the new file, never a torn one), which rename() gives; surviving a
 * power cut would cost an fsync per file and make a site build of
 * thousands of files disk-bound.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

/* Permissions a new file would get from open(2): 0666 less the umask,
 * read without changing it (umask(2) would be a process-wide write). */
static mode_t
default_file_mode(void)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[128];
	unsigned mask = 022;

	if (fp != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL)
			if (sscanf(line, "Umask: %o", &mask) == 1)
				break;
		fclose(fp);
	}
	return (mode_t)(0666 & ~mask);
}

int
tl_outfile_open(struct tl_outfile *o, const char *path, struct tl_diags *d)
{
	struct buf tmp = {0};
	const char *slash = strrchr(path, '/');
	int fd;

	memset(o, 0, sizeof(*o));
	if (slash != NULL)
		buf_put(&tmp, path, (size_t)(slash - path + 1));
	buf_puts(&tmp, ".");
	buf_puts(&tmp, slash ? slash + 1 : path);
	buf_puts(&tmp, ".tmp-XXXXXX");
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		tl_diag(d, TL_ERROR, path, 0, "cannot create file: %s",
		    strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	if (fchmod(fd, default_file_mode()) != 0 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
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
	char *p = xstrdup(path), *s;
	struct stat st;
	int rc = 0;

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
