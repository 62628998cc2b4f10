/*
 * output.c - atomic file output (see output.h).
 *
 * No fsync: the guarantee is against a killed or failing tablog (the old
 * or the new file, never a torn one), which rename() gives; surviving a
 * power cut would cost an fsync per file and make a site build of
 * thousands of files disk-bound.
 *
 * Everything is done relative to a folder descriptor (openat, renameat,
 * unlinkat), so that once tablog holds its output folder, nothing put in
 * it later - a symbolic link to elsewhere - can redirect a write.
 */
#include "base/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

#define NO_SLOT ((size_t)-1)

/* ---- the registry of temporaries ------------------------------------ */

/*
 * A slot's name is written only while the slot is FILLING, and read by
 * tl_temps_remove() only while it is LIVE.  Every change to a slot, and
 * every creation of a temporary, happens with all signals blocked in the
 * thread doing it and counted in `busy`: a handler therefore never runs
 * in the middle of one on its own thread, and can wait for other threads
 * to finish theirs.  Once `dying` is set, no thread starts another.
 */
enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE };

struct temp_slot {
	atomic_int	 state;
	int		 dirfd;
	char		 name[NAME_MAX + 1];
};

struct tl_temps {
	atomic_int	 dying;
	atomic_int	 busy;
	size_t		 n;
	struct temp_slot *slots;
};

struct tl_temps *
tl_temps_new(size_t slots)
{
	struct tl_temps *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->n = slots;
	t->slots = xcalloc(slots ? slots : 1, sizeof(*t->slots));
	atomic_init(&t->dying, 0);
	atomic_init(&t->busy, 0);
	for (i = 0; i < slots; i++)
		atomic_init(&t->slots[i].state, SLOT_FREE);
	return t;
}

void
tl_temps_free(struct tl_temps *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	free(t);
}

void
tl_temps_remove(struct tl_temps *t)
{
	struct timespec ms = { 0, 1000000 };
	size_t i;
	int waited;

	atomic_store(&t->dying, 1);
	for (waited = 0; waited < 1000 && atomic_load(&t->busy) > 0; waited++)
		nanosleep(&ms, NULL);
	for (i = 0; i < t->n; i++)
		if (atomic_load(&t->slots[i].state) == SLOT_LIVE)
			unlinkat(t->slots[i].dirfd, t->slots[i].name, 0);
}

/* Start changing the registry: -1 when the process is being ended. */
static int
temps_enter(struct tl_temps *t, sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, old);
	atomic_fetch_add(&t->busy, 1);
	if (atomic_load(&t->dying)) {
		atomic_fetch_sub(&t->busy, 1);
		pthread_sigmask(SIG_SETMASK, old, NULL);
		return -1;
	}
	return 0;
}

static void
temps_leave(struct tl_temps *t, const sigset_t *old)
{
	atomic_fetch_sub(&t->busy, 1);
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

static size_t
temps_claim(struct tl_temps *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		int expect = SLOT_FREE;

		if (atomic_compare_exchange_strong(&t->slots[i].state, &expect,
		    SLOT_FILLING))
			return i;
	}
	return NO_SLOT;
}

/* ---- outfiles ------------------------------------------------------- */

/* Why a thing found at a destination is not replaced. */
static const char *
in_the_way(mode_t mode)
{
	if (S_ISLNK(mode))
		return "is a symbolic link; tablog writes no file through "
		    "a link in a folder it writes to";
	if (S_ISDIR(mode))
		return "cannot write file: is a folder";
	return "is not a regular file; not replaced";
}

/*
 * What is at `name` now: 0 nothing (a new file), 1 a regular file (*st
 * says whose and with which permissions), -1 anything else (an error).
 */
static int
check_destination(int dirfd, const char *name, const char *shown,
    struct stat *st, struct tl_diags *d)
{
	if (fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "cannot write file: %s",
		    strerror(errno));
		return -1;
	}
	if (S_ISREG(st->st_mode))
		return 1;
	tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
	    shown, 0, "%s", in_the_way(st->st_mode));
	return -1;
}

/* A replaced file keeps its permissions and, where allowed, its owner. */
static void
keep_mode(int fd, const struct stat *old)
{
	if (old->st_uid != geteuid() || old->st_gid != getegid()) {
		/* Only root may give a file away; a user may still keep
		 * its group when a member of it.  Otherwise it is ours. */
		if (fchown(fd, old->st_uid, old->st_gid) != 0 &&
		    fchown(fd, (uid_t)-1, old->st_gid) != 0) {
			/* the new file stays the writer's */
		}
	}
	if (fchmod(fd, old->st_mode & 0777) != 0) {
		/* no worse than a new file */
	}
}

/*
 * Create the temporary beside `o->name` as open(2) would create the file
 * itself: mode 0666 less the umask, applied by the kernel.  (mkstemp()
 * makes 0600 files, and reading the umask back costs a /proc read per
 * file.)  The name is unique to this process and this call (the outfile's
 * address differs between threads writing at the same time); a name left
 * by a killed run is skipped.  With a registry, the name is listed before
 * the file exists and unlisted only if it was not made.
 */
static int
open_temporary(struct tl_outfile *o, struct buf *tmp)
{
	sigset_t old;
	unsigned attempt;
	int fd = -1, err = 0;

	o->slot = NO_SLOT;
	if (o->temps != NULL) {
		if (temps_enter(o->temps, &old) != 0) {
			errno = EINTR;
			return -1;
		}
		/* All slots taken: made, but not registered. */
		o->slot = temps_claim(o->temps);
	}
	for (attempt = 0; attempt < 100; attempt++) {
		buf_reset(tmp);
		buf_printf(tmp, ".%s.tmp-%ld-%lx-%u", o->name, (long)getpid(),
		    (unsigned long)(uintptr_t)o, attempt);
		if (o->slot != NO_SLOT) {
			struct temp_slot *s = &o->temps->slots[o->slot];

			atomic_store(&s->state, SLOT_FILLING);
			if (tmp->len < sizeof(s->name)) {
				memcpy(s->name, tmp->data, tmp->len + 1);
				s->dirfd = o->dirfd;
				atomic_store(&s->state, SLOT_LIVE);
			}
		}
		fd = openat(o->dirfd, tmp->data, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0666);
		err = errno;
		if (fd >= 0 || err != EEXIST)
			break;
	}
	if (o->slot != NO_SLOT && (fd < 0 ||
	    atomic_load(&o->temps->slots[o->slot].state) != SLOT_LIVE)) {
		atomic_store(&o->temps->slots[o->slot].state, SLOT_FREE);
		o->slot = NO_SLOT;
	}
	if (o->temps != NULL)
		temps_leave(o->temps, &old);
	errno = err;
	return fd;
}

/* Take the temporary off the registry (it is renamed or removed). */
static void
temps_release(struct tl_outfile *o)
{
	sigset_t old;

	if (o->slot == NO_SLOT)
		return;
	if (temps_enter(o->temps, &old) != 0) {
		/* Being ended: the handler removes it; keep dirfd open. */
		o->own_dirfd = 0;
		return;
	}
	atomic_store(&o->temps->slots[o->slot].state, SLOT_FREE);
	temps_leave(o->temps, &old);
	o->slot = NO_SLOT;
}

static void
outfile_release(struct tl_outfile *o)
{
	temps_release(o);
	if (o->own_dirfd && o->dirfd >= 0)
		close(o->dirfd);
	free(o->path);
	free(o->name);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	o->dirfd = -1;
	o->slot = NO_SLOT;
}

int
tl_outfile_openat(struct tl_outfile *o, int dirfd, const char *name,
    const char *shown, struct tl_temps *temps, struct tl_diags *d)
{
	struct buf tmp = {0};
	struct stat old;
	int fd, have;

	memset(o, 0, sizeof(*o));
	o->dirfd = dirfd;
	o->slot = NO_SLOT;
	if ((have = check_destination(dirfd, name, shown, &old, d)) < 0)
		return -1;
	o->name = xstrdup(name);
	o->path = xstrdup(shown);
	o->temps = temps;
	if ((fd = open_temporary(o, &tmp)) < 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "cannot create file: %s",
		    strerror(errno));
		buf_free(&tmp);
		outfile_release(o);
		return -1;
	}
	o->tmp = tmp.data;
	if (have)
		keep_mode(fd, &old);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "cannot create file: %s",
		    strerror(errno));
		close(fd);
		unlinkat(dirfd, o->tmp, 0);
		outfile_release(o);
		return -1;
	}
	return 0;
}

/* A character device or a FIFO the user named: written as it is. */
static int
open_in_place(struct tl_outfile *o, const char *path, struct tl_diags *d)
{
	struct stat st;
	int fd;

	/* No O_CREAT: if the node went away, nothing is made in its place;
	 * no O_TRUNC: it means nothing to a device or a pipe. */
	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    path, 0, "cannot write file: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    path, 0, "cannot write file: it changed "
		    "while being opened");
		close(fd);
		return -1;
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    path, 0, "cannot write file: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	o->path = xstrdup(path);
	return 0;
}

/*
 * The file a chain of symbolic links leads to (a path that may not exist
 * yet, as `cat >` would create it), in a new string; NULL with errno set
 * (ELOOP after 40 links).
 */
static char *
link_target(const char *path)
{
	char *cur = xstrdup(path), *next, *slash;
	char target[4096];
	struct stat st;
	ssize_t n;
	int hops;

	for (hops = 0; hops < 40; hops++) {
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		if ((n = readlink(cur, target, sizeof(target) - 1)) < 0 ||
		    (size_t)n == sizeof(target) - 1) {
			if (n >= 0)
				errno = ENAMETOOLONG;
			free(cur);
			return NULL;
		}
		target[n] = '\0';
		slash = strrchr(cur, '/');
		if (target[0] == '/' || slash == NULL) {
			next = xstrdup(target);
		} else {
			next = xmalloc((size_t)(slash - cur) + 2 + (size_t)n);
			memcpy(next, cur, (size_t)(slash - cur) + 1);
			memcpy(next + (slash - cur) + 1, target, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

int
tl_outfile_open(struct tl_outfile *o, const char *path,
    struct tl_temps *temps, struct tl_diags *d)
{
	struct stat st;
	char *target = NULL, *dir = NULL;
	const char *file = path, *base, *slash;
	int dirfd = AT_FDCWD, rc;

	memset(o, 0, sizeof(*o));
	o->dirfd = -1;
	o->slot = NO_SLOT;
	if (stat(path, &st) == 0 && (S_ISCHR(st.st_mode) ||
	    S_ISFIFO(st.st_mode)))
		return open_in_place(o, path, d);
	/* The user's own link: the file it leads to is replaced. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if ((target = link_target(path)) == NULL) {
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
			    path, 0, "cannot write file: %s",
			    strerror(errno));
			return -1;
		}
		file = target;
	}
	slash = strrchr(file, '/');
	base = slash != NULL ? slash + 1 : file;
	if (slash != NULL) {
		dir = slash == file ? xstrdup("/") :
		    xstrndup(file, (size_t)(slash - file));
		if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
			    path, 0, "cannot create file: %s",
			    strerror(errno));
			free(dir);
			free(target);
			return -1;
		}
	}
	rc = tl_outfile_openat(o, dirfd, *base ? base : ".", path, temps, d);
	if (rc == 0)
		o->own_dirfd = dirfd != AT_FDCWD;
	else if (dirfd != AT_FDCWD)
		close(dirfd);
	free(dir);
	free(target);
	return rc;
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
	if (!failed && o->tmp != NULL &&
	    renameat(o->dirfd, o->tmp, o->dirfd, o->name) != 0) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    o->path, 0, "cannot write file: %s",
		    strerror(err ? err : EIO));
		if (o->tmp != NULL)
			unlinkat(o->dirfd, o->tmp, 0);
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
		unlinkat(o->dirfd, o->tmp, 0);
	outfile_release(o);
}

int
tl_stream_finish(FILE *fp, const char *what, struct tl_diags *d)
{
	if (fflush(fp) != 0 || ferror(fp)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    NULL, 0, "writing %s: %s", what,
		    strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* ---- folders -------------------------------------------------------- */

void
tl_path_join(struct buf *out, const char *dir, const char *name)
{
	size_t len = strlen(dir);

	buf_puts(out, dir);
	if (len == 0 || dir[len - 1] != '/')
		buf_putc(out, '/');
	buf_puts(out, name);
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
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
			    p, 0, "cannot create folder: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, path, 0, "not a folder");
		rc = -1;
	}
	free(p);
	return rc;
}

int
tl_dir_open(const char *path, struct tl_diags *d)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    path, 0, "cannot open folder: %s",
		    strerror(errno));
	return fd;
}

int
tl_subdir_open(int dirfd, const char *name, const char *shown,
    struct tl_diags *d)
{
	struct stat st;
	int fd, err;

	if (mkdirat(dirfd, name, 0777) != 0 && errno != EEXIST) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "cannot create folder: %s",
		    strerror(errno));
		return -1;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd >= 0)
		return fd;
	err = errno;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISDIR(st.st_mode))
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "%s", S_ISLNK(st.st_mode) ?
		    in_the_way(st.st_mode) : "not a folder");
	else
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
		    shown, 0, "cannot open folder: %s",
		    strerror(err));
	return -1;
}
