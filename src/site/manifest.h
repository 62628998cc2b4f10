/*
 * manifest.h - what `tablog build` wrote into OUTDIR, listed in
 * OUTDIR/.tablog-manifest, so that the next build removes the files and
 * folders it no longer writes (a page gone from INDIR, a permission no
 * page names any more), and nothing else (docs/design.md "The
 * manifest").
 *
 * The file is text: a first line `tablog-manifest 1`, then one line per
 * folder (`d PATH`) and file (`f SHA256 PATH`, the digest of the bytes
 * tablog wrote), PATH relative to OUTDIR.  It is read back as untrusted
 * input, like all.json for --since: a line that is not exactly this, or a
 * PATH that could name anything outside OUTDIR (`..`, `/etc`, a hidden
 * name), refuses the whole file with one error, and the build writes
 * nothing.
 *
 * Removing goes through OUTDIR's descriptor, a folder at a time, never
 * following a symbolic link; a file is removed only when its bytes are
 * still those the manifest records (so a file the user changed or put in
 * its place stays), a folder only when it is empty.
 */
#ifndef TABLOG_MANIFEST_H
#define TABLOG_MANIFEST_H

#include <stddef.h>

#include "base/diag.h"
#include "base/map.h"
#include "base/sha256.h"

#define TL_MANIFEST_NAME	".tablog-manifest"
#define TL_MANIFEST_HEADER	"tablog-manifest 1"
#define TL_MANIFEST_MAX_DEPTH	8	/* components in a path */
#define TL_MANIFEST_MAX_PATH	1024	/* bytes in a path */

struct tl_temps;

struct tl_manifest_entry {
	char	*path;			/* relative to OUTDIR */
	int	 dir;			/* a folder; else a file */
	char	 sha256[TL_SHA256_HEX];	/* a file's bytes as written */
};

/* A zeroed manifest is empty. */
struct tl_manifest {
	struct tl_manifest_entry *v;
	size_t		 n, cap;
	struct tl_map	 index;		/* path -> its entry */
};

/*
 * 1 when `len` bytes at path are a path the manifest may hold: one to
 * TL_MANIFEST_MAX_DEPTH names joined by '/', each of ASCII letters,
 * digits, '.', '_' and '-' and not starting with '.', at most
 * TL_MANIFEST_MAX_PATH bytes in all.
 */
int	tl_manifest_path_ok(const char *path, size_t len);

/*
 * Read OUTDIR's manifest (none: an empty one), at most max bytes.  0, or
 * -1 with one error naming the file and line.
 */
int	tl_manifest_read(struct tl_manifest *m, const char *outdir,
	    size_t max, struct tl_diags *d);
/* Parse `len` bytes of text read from `name`; the same. */
int	tl_manifest_parse(struct tl_manifest *m, const char *name,
	    const char *text, size_t len, struct tl_diags *d);

/*
 * List folder or file `path` (inside the folder open as outfd), a file
 * with the digest of its bytes as they are now (read back through
 * outfd): 0, or -1 (not listed) when it cannot be read.
 */
int	tl_manifest_add(struct tl_manifest *m, int outfd, const char *path,
	    int dir);

/*
 * What `old` lists and `now` does not: with `remove`, removed (files
 * first, then folders, deepest first) where that is safe, the rest that
 * is tablog's still (a folder not empty, a file that could not be
 * removed) added to now; without, all added to now, to be removed by a
 * build that succeeds.  Warnings (kind `write`) name what is left and
 * why; `outdir` names OUTDIR in them.
 */
void	tl_manifest_tidy(const struct tl_manifest *old, struct tl_manifest *now,
	    int outfd, const char *outdir, int remove, struct tl_diags *d);

/* Write m as OUTDIR's manifest, atomically; 0 or -1 with an error. */
int	tl_manifest_write(const struct tl_manifest *m, int outfd,
	    const char *outdir, struct tl_temps *temps, struct tl_diags *d);

void	tl_manifest_free(struct tl_manifest *m);

#endif
