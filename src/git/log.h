/*
 * log.h - the versions of one file in a git repository, read through
 * libgit2, for a page's history (docs/design.md "History").
 *
 * Any repository can be read (bare or with a work tree: only its objects
 * are read, never its files).  tl_git_file_log() walks the commits from
 * the end of a range back, as `git log --follow -- PATH` does: a commit
 * touches the file when the file's blob differs from every parent's
 * (a merge that kept one parent's version does not, and only that
 * parent's side is followed, as git's default history simplification
 * does); when the file appears in a commit, the commit's changes are
 * searched for a rename (libgit2's git_diff_find_similar(), git's
 * default 50% similarity), and older commits are searched for the old
 * name.  The blobs are read separately (tl_git_blob()), so a caller can
 * read each version on another thread with its own tl_git.
 *
 * Separate from repo.c (the archive of fetched pages), which writes.
 */
#ifndef TABLOG_GIT_LOG_H
#define TABLOG_GIT_LOG_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

struct tl_git;

/*
 * Open the repository at path: its top folder, its .git folder or a bare
 * repository (no search upwards).  NULL with an error in d.
 */
struct tl_git *tl_git_open(const char *path, struct tl_diags *d);
void	tl_git_close(struct tl_git *g);

/*
 * What names the repository for feed ids: the URL of its remote
 * `origin` when it has one (clones of one repository share it), else
 * its absolute path.  Owned by g.
 */
const char *tl_git_origin(struct tl_git *g);

/* What a commit did to the file. */
enum tl_git_how {
	TL_GIT_ADDED,		/* the file appears (no parent has it) */
	TL_GIT_MODIFIED,	/* new bytes */
	TL_GIT_RENAMED,		/* appears here, renamed from old_path */
	TL_GIT_DELETED		/* the file is gone */
};

struct tl_git_version {
	char		 commit[41];	/* hex */
	long long	 time;		/* committer date, seconds since 1970 */
	int		 offset;	/* the committer's UTC offset, minutes */
	enum tl_git_how	 how;
	char		*path;		/* in this commit (deleted: its parent's) */
	char		*old_path;	/* renamed: the parent's name; or NULL */
	char		 blob[41];	/* hex; "" when deleted */
};

struct tl_git_versions {
	struct tl_git_version	*v;	/* oldest first */
	size_t			 n, cap;
};

/*
 * The versions of `path` ('/'-separated, relative to the repository's
 * top) in the commits of `range`: NULL for HEAD's history, "REV" for
 * REV's, "A..B" for B's without A's.  Appended to out, oldest first:
 * 0, or -1 with an error in d (no such revision, a range that is not
 * A..B, a repository that cannot be read).  A path that no commit
 * touches gives no version.
 */
int	tl_git_file_log(struct tl_git *g, const char *path, const char *range,
	    struct tl_git_versions *out, struct tl_diags *d);
void	tl_git_versions_free(struct tl_git_versions *vs);

/*
 * The files of the tree at `rev` (NULL: HEAD) whose names `want` accepts,
 * under `prefix` (a file or a folder, '/'-separated; NULL or "" for the
 * whole tree), appended to out as malloc'd paths in the tree's order.
 * 0, or -1 with an error in d (no such revision, no such path).
 */
int	tl_git_tree_files(struct tl_git *g, const char *rev, const char *prefix,
	    int (*want)(const char *name), char ***out, size_t *n,
	    struct tl_diags *d);

/*
 * The bytes of blob `hex`, appended to out, when there are at most max:
 * 0, or -1 with an error in d naming `name` (kind too-large for a blob
 * over max, which is not read).
 */
int	tl_git_blob(struct tl_git *g, const char *hex, size_t max,
	    struct buf *out, const char *name, struct tl_diags *d);

#endif
