/*
 * output.h - files that appear whole or not at all, and only where
 * tablog was told to write.
 *
 * Every file tablog writes goes through an outfile: the text is written
 * to a temporary file in the destination's folder, which is renamed over
 * the destination only once everything was written and closed without
 * error.  On failure the temporary is removed and any previous file at the
 * destination is left untouched, so a reader never sees half a file.  A
 * regular file that is replaced keeps its permissions (and, where the
 * system allows, its owner).
 *
 * Two ways to name the destination, one implementation:
 *  - tl_outfile_openat(): a name inside a folder tablog owns, open as a
 *    descriptor (a site's OUTDIR, `-o DIR`).  Nothing there is followed: a
 *    symbolic link, a folder, a device or a FIFO in the way is an error,
 *    never written through or replaced.
 *  - tl_outfile_open(): a path the user gave (`-o FILE`).  The user's
 *    links are followed (a link to a regular file: that file is replaced,
 *    the link kept); a character device or a FIFO (/dev/null, a named
 *    pipe) is written in place, as `cat >` would, never replaced.
 *
 * A signal can end the process between a temporary's creation and its
 * rename.  An optional registry (struct tl_temps), owned by the caller,
 * lists the temporaries alive at any moment; tl_temps_remove() removes
 * them from a signal handler.
 */
#ifndef TABLOG_OUTPUT_H
#define TABLOG_OUTPUT_H

#include <stdio.h>

#include "base/diag.h"

struct tl_temps;

struct tl_outfile {
	char	*path;		/* destination, as diagnostics name it */
	char	*name;		/* its name in dirfd */
	char	*tmp;		/* the temporary in dirfd; NULL: in place */
	int	 dirfd;		/* the destination's folder */
	int	 own_dirfd;	/* close dirfd when done */
	FILE	*fp;		/* write here */
	struct tl_temps *temps;	/* where tmp is registered, or NULL */
	size_t	 slot;
};

/*
 * Open a temporary for `name` (one path component) in the folder open as
 * `dirfd`, which must stay open until the outfile is committed or
 * aborted.  `shown` names the file in diagnostics; `temps` may be NULL.
 * 0, or -1 with a diagnostic.
 */
int	tl_outfile_openat(struct tl_outfile *o, int dirfd, const char *name,
	    const char *shown, struct tl_temps *temps, struct tl_diags *d);
/* The same for a path as the user gave it (see above). */
int	tl_outfile_open(struct tl_outfile *o, const char *path,
	    struct tl_temps *temps, struct tl_diags *d);
/* Flush, close and rename into place; 0 or -1 with a diagnostic.  The
 * outfile is released either way. */
int	tl_outfile_commit(struct tl_outfile *o, struct tl_diags *d);
/* Give up: close and remove the temporary. */
void	tl_outfile_abort(struct tl_outfile *o);

/* Check and flush a stream written to; 0 or -1 with a diagnostic naming
 * `what` (e.g. "standard output"). */
int	tl_stream_finish(FILE *fp, const char *what, struct tl_diags *d);

/* Append dir/name to out (one '/' between them, however dir ends), to
 * name a file in diagnostics. */
struct buf;
void	tl_path_join(struct buf *out, const char *dir, const char *name);

/* Create a folder and its parents (like mkdir -p); 0 or -1. */
int	tl_mkdirs(const char *path, struct tl_diags *d);
/*
 * Open the folder `name` (one component) inside dirfd, creating it when
 * missing; a symbolic link or anything but a folder there is an error
 * naming `shown`.  The new descriptor, or -1 with a diagnostic.
 */
int	tl_subdir_open(int dirfd, const char *name, const char *shown,
	    struct tl_diags *d);
/* Open an existing folder by path for tl_outfile_openat(); -1 with a
 * diagnostic. */
int	tl_dir_open(const char *path, struct tl_diags *d);

/*
 * The registry of temporaries.  It holds `slots` names at once (a
 * temporary created when all are taken is simply not registered); size it
 * for the files written at the same time (one per thread, or one per
 * format of `-o DIR`).  Registering and removing are safe from any thread.
 */
struct tl_temps *tl_temps_new(size_t slots);
void	tl_temps_free(struct tl_temps *t);
/*
 * Remove every registered temporary, for a signal handler that is about to
 * end the process: async-signal-safe (atomics, unlinkat, nanosleep; no
 * locks, no allocation).  It waits (up to about a second) for other
 * threads in the middle of creating a temporary, and from then on no
 * thread creates one: tl_outfile_open*() fails instead.
 */
void	tl_temps_remove(struct tl_temps *t);

#endif
