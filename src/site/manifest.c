/*
 * manifest.c - the files a build wrote, and the tidy-up of those the
 * next one no longer writes (see manifest.h).
 */
#include "site/manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/output.h"
#include "base/xalloc.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* Quoted in a message: at most this many bytes of a line. */
#define SHOWN_MAX	80

int
tl_manifest_path_ok(const char *path, size_t len)
{
	size_t i, start = 0, depth = 1;

	if (len == 0 || len > TL_MANIFEST_MAX_PATH)
		return 0;
	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)path[i] : '/';

		if (c == '/') {
			/* A name: not empty, not too long, not hidden. */
			if (i == start || i - start > NAME_MAX ||
			    path[start] == '.')
				return 0;
			if (i < len && ++depth > TL_MANIFEST_MAX_DEPTH)
				return 0;
			start = i + 1;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-')) {
			return 0;
		}
	}
	return 1;
}

static void
entry_add(struct tl_manifest *m, const char *path, size_t len, int dir,
    const char *sha256)
{
	struct tl_manifest_entry *e;

	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
	e = &m->v[m->n];
	memset(e, 0, sizeof(*e));
	e->path = xstrndup(path, len);
	e->dir = dir;
	if (sha256 != NULL)
		memcpy(e->sha256, sha256, TL_SHA256_HEX);
	/* Keys are borrowed: each path lives as long as the manifest. */
	tl_map_put(&m->index, e->path, m->n);
	m->n++;
}

static int
has(const struct tl_manifest *m, const char *path)
{
	return tl_map_get(&m->index, path, NULL);
}

/* ---- reading ------------------------------------------------------- */

static int __attribute__((format(printf, 4, 5)))
refuse(struct tl_diags *d, const char *name, unsigned line,
    const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	tl_diag_kind(d, TL_ERROR, TL_DK_READ, name, line,
	    "not a usable tablog manifest: %s (remove it, and build again "
	    "without tidying up)", buf_str(&msg));
	buf_free(&msg);
	return -1;
}

/* What a message shows of len bytes at s. */
static const char *
shown(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	buf_put(b, s, len > SHOWN_MAX ? SHOWN_MAX : len);
	if (len > SHOWN_MAX)
		buf_puts(b, "...");
	return buf_str(b);
}

static int
is_hex_digest(const char *s, size_t len)
{
	size_t i;

	if (len != TL_SHA256_HEX - 1)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return 1;
}

/* One line (without its '\n'): 0, or -1 having said why. */
static int
parse_line(struct tl_manifest *m, const char *name, unsigned lineno,
    const char *s, size_t len, struct buf *tmp, struct tl_diags *d)
{
	const char *path, *digest = NULL;
	size_t plen;
	int dir;

	if (len >= 2 && s[0] == 'd' && s[1] == ' ') {
		dir = 1;
		path = s + 2;
		plen = len - 2;
	} else if (len >= 2 + TL_SHA256_HEX && s[0] == 'f' && s[1] == ' ' &&
	    is_hex_digest(s + 2, TL_SHA256_HEX - 1) &&
	    s[1 + TL_SHA256_HEX] == ' ') {
		dir = 0;
		digest = s + 2;
		path = s + 2 + TL_SHA256_HEX;
		plen = len - 2 - TL_SHA256_HEX;
	} else {
		return refuse(d, name, lineno, "'%s' is not 'd PATH' nor "
		    "'f SHA256 PATH'", shown(tmp, s, len));
	}
	if (!tl_manifest_path_ok(path, plen))
		return refuse(d, name, lineno, "'%s' is not a path inside the "
		    "output folder", shown(tmp, path, plen));
	buf_reset(tmp);
	buf_put(tmp, path, plen);
	if (has(m, buf_str(tmp)))
		return refuse(d, name, lineno, "'%s' is listed twice",
		    buf_str(tmp));
	if (digest != NULL) {
		char hex[TL_SHA256_HEX];

		memcpy(hex, digest, TL_SHA256_HEX - 1);
		hex[TL_SHA256_HEX - 1] = '\0';
		entry_add(m, path, plen, 0, hex);
	} else {
		entry_add(m, path, plen, dir, NULL);
	}
	return 0;
}

int
tl_manifest_parse(struct tl_manifest *m, const char *name, const char *text,
    size_t len, struct tl_diags *d)
{
	struct buf tmp = {0};
	size_t at = 0, end;
	unsigned lineno = 0;
	int rc = 0;

	if (memchr(text, '\0', len) != NULL)
		return refuse(d, name, 0, "it holds a NUL byte");
	if (len == 0 || text[len - 1] != '\n')
		return refuse(d, name, 0, "it does not end with a line "
		    "break (cut short?)");
	while (at < len && rc == 0) {
		end = (size_t)((const char *)memchr(text + at, '\n',
		    len - at) - text);
		lineno++;
		if (lineno == 1) {
			if (end - at != strlen(TL_MANIFEST_HEADER) ||
			    memcmp(text, TL_MANIFEST_HEADER, end) != 0)
				rc = refuse(d, name, 1, "the first line is "
				    "not '%s'", TL_MANIFEST_HEADER);
		} else {
			rc = parse_line(m, name, lineno, text + at, end - at,
			    &tmp, d);
		}
		at = end + 1;
	}
	buf_free(&tmp);
	return rc;
}

int
tl_manifest_read(struct tl_manifest *m, const char *outdir, size_t max,
    struct tl_diags *d)
{
	struct buf path = {0}, text = {0};
	struct stat st;
	int rc = 0;

	tl_path_join(&path, outdir, TL_MANIFEST_NAME);
	if (lstat(buf_str(&path), &st) != 0 && (errno == ENOENT ||
	    errno == ENOTDIR))
		goto out;	/* a first build: nothing to tidy */
	rc = tl_file_read(buf_str(&path), TL_FILE_REGULAR | TL_FILE_NOFOLLOW,
	    max, &text, d);
	if (rc == 0)
		rc = tl_manifest_parse(m, buf_str(&path), buf_str(&text),
		    text.len, d);
out:
	buf_free(&path);
	buf_free(&text);
	return rc;
}

/* ---- through OUTDIR's descriptor ------------------------------------ */

/*
 * The folder holding `path` (inside outfd), opened a name at a time
 * without following a link, and in *name the last name: a descriptor
 * the caller closes (outfd itself is duplicated), or -1 with errno.
 */
static int
open_parent(int outfd, const char *path, const char **name)
{
	const char *s = path, *slash;
	char part[NAME_MAX + 1];
	int fd = dup(outfd), next;

	while (fd >= 0 && (slash = strchr(s, '/')) != NULL) {
		memcpy(part, s, (size_t)(slash - s));
		part[slash - s] = '\0';
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(fd);
		fd = next;
		s = slash + 1;
	}
	*name = s;
	return fd;
}

/* The digest of a regular file `name` in dirfd, never through a link:
 * 0, or -1 with errno. */
static int
file_digest(int dirfd, const char *name, char out[TL_SHA256_HEX])
{
	struct stat st;
	int fd, rc, err;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	rc = tl_sha256_fd_hex(fd, out);
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

int
tl_manifest_add(struct tl_manifest *m, int outfd, const char *path, int dir)
{
	char hex[TL_SHA256_HEX];
	const char *name;
	int fd, rc = 0;

	if (has(m, path) || !tl_manifest_path_ok(path, strlen(path)))
		return has(m, path) ? 0 : -1;
	if (dir) {
		entry_add(m, path, strlen(path), 1, NULL);
		return 0;
	}
	if ((fd = open_parent(outfd, path, &name)) < 0)
		return -1;
	if (file_digest(fd, name, hex) == 0)
		entry_add(m, path, strlen(path), 0, hex);
	else
		rc = -1;
	close(fd);
	return rc;
}

/* ---- tidying up ---------------------------------------------------- */

static void __attribute__((format(printf, 4, 5)))
left(struct tl_diags *d, const char *outdir, const char *path,
    const char *fmt, ...)
{
	struct buf shown_path = {0}, msg = {0};
	va_list ap;

	tl_path_join(&shown_path, outdir, path);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	tl_diag_kind(d, TL_WARNING, TL_DK_WRITE, buf_str(&shown_path), 0,
	    "%s", buf_str(&msg));
	buf_free(&shown_path);
	buf_free(&msg);
}

/*
 * Remove old entry e (not listed now).  1 when it is still tablog's and
 * stays listed (a folder not empty, a removal that failed), else 0
 * (removed, gone already, or no longer what tablog wrote).
 */
static int
remove_entry(const struct tl_manifest_entry *e, int outfd, const char *outdir,
    struct tl_diags *d)
{
	char hex[TL_SHA256_HEX];
	const char *name;
	struct stat st;
	int fd, keep = 0;

	if ((fd = open_parent(outfd, e->path, &name)) < 0) {
		if (errno != ENOENT)
			left(d, outdir, e->path, "not removed: a folder on "
			    "its way is not a folder (%s)", strerror(errno));
		return 0;
	}
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		/* Gone already. */
	} else if (e->dir) {
		if (!S_ISDIR(st.st_mode))
			left(d, outdir, e->path, "not removed: no longer a "
			    "folder");
		else if (unlinkat(fd, name, AT_REMOVEDIR) != 0) {
			/* Files of someone else's in it: it stays. */
			keep = 1;
			if (errno != ENOTEMPTY && errno != EEXIST)
				left(d, outdir, e->path, "cannot remove "
				    "folder: %s", strerror(errno));
		}
	} else if (!S_ISREG(st.st_mode)) {
		left(d, outdir, e->path, "not removed: no longer a regular "
		    "file");
	} else if (file_digest(fd, name, hex) != 0) {
		keep = 1;
		left(d, outdir, e->path, "not removed: cannot read: %s",
		    strerror(errno));
	} else if (strcmp(hex, e->sha256) != 0) {
		left(d, outdir, e->path, "not removed: changed since tablog "
		    "wrote it");
	} else if (unlinkat(fd, name, 0) != 0) {
		keep = 1;
		left(d, outdir, e->path, "cannot remove: %s", strerror(errno));
	}
	close(fd);
	return keep;
}

/* Folders after files, and a folder after everything below it. */
static int
compare_removal(const void *a, const void *b)
{
	const struct tl_manifest_entry *x = *(const struct tl_manifest_entry
	    *const *)a, *y = *(const struct tl_manifest_entry *const *)b;

	if (x->dir != y->dir)
		return x->dir - y->dir;
	return strcmp(y->path, x->path);
}

void
tl_manifest_tidy(const struct tl_manifest *old, struct tl_manifest *now,
    int outfd, const char *outdir, int remove, struct tl_diags *d)
{
	const struct tl_manifest_entry **gone;
	size_t i, n = 0;

	gone = xcalloc(old->n ? old->n : 1, sizeof(*gone));
	for (i = 0; i < old->n; i++)
		if (!has(now, old->v[i].path))
			gone[n++] = &old->v[i];
	qsort(gone, n, sizeof(*gone), compare_removal);
	for (i = 0; i < n; i++)
		if (!remove || remove_entry(gone[i], outfd, outdir, d))
			entry_add(now, gone[i]->path, strlen(gone[i]->path),
			    gone[i]->dir, gone[i]->dir ? NULL :
			    gone[i]->sha256);
	free(gone);
}

int
tl_manifest_write(const struct tl_manifest *m, int outfd, const char *outdir,
    struct tl_temps *temps, struct tl_diags *d)
{
	struct tl_outfile out;
	struct buf path = {0}, text = {0};
	size_t i;
	int rc;

	buf_puts(&text, TL_MANIFEST_HEADER "\n");
	for (i = 0; i < m->n; i++) {
		if (m->v[i].dir)
			buf_printf(&text, "d %s\n", m->v[i].path);
		else
			buf_printf(&text, "f %s %s\n", m->v[i].sha256,
			    m->v[i].path);
	}
	tl_path_join(&path, outdir, TL_MANIFEST_NAME);
	rc = tl_outfile_openat(&out, outfd, TL_MANIFEST_NAME, buf_str(&path),
	    temps, d);
	if (rc == 0) {
		if (fwrite(text.data, 1, text.len, out.fp) != text.len) {
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, out.path, 0,
			    "cannot write file: %s",
			    strerror(errno ? errno : EIO));
			tl_outfile_abort(&out);
			rc = -1;
		} else {
			rc = tl_outfile_commit(&out, d);
		}
	}
	buf_free(&path);
	buf_free(&text);
	return rc;
}

void
tl_manifest_free(struct tl_manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	tl_map_free(&m->index);
	memset(m, 0, sizeof(*m));
}
