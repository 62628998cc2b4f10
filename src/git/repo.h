/*
 * repo.h - a git repository as tablog's archive of fetched pages uses it
 * (docs/design.md "Fetching"), through libgit2.
 *
 * The archive is a bare repository (no work tree to keep in step: tablog
 * writes objects, never files a person edits; `git clone` it to browse).
 * Each fetched page is one file in it; a commit records one file's new
 * bytes, dated by the fetch.  What a commit writes is safe against a kill
 * at any moment: libgit2 writes every object to a temporary and renames
 * it, then moves the branch through a lock file, so the branch names the
 * old commit or the new one, each complete.  Commits are serialised
 * between tablog processes by an flock(2) on REPO/tablog.lock.
 *
 * Reading: the newest version of a file (for a page whose fetch failed).
 * Walking the history of a file belongs here too, beside these.
 */
#ifndef TABLOG_REPO_H
#define TABLOG_REPO_H

#include <stddef.h>
#include <time.h>

#include "base/diag.h"

struct buf;
struct tl_repo;

/*
 * Open the bare repository at path.  With create, a path that does not
 * exist (its parents are made) or is an empty folder becomes a new bare
 * repository whose branch is `main`; it is made beside path and renamed
 * into place, so a killed run leaves either no repository or a whole one.
 * A repository with a work tree is refused.  NULL with an error in d.
 */
struct tl_repo *tl_repo_open(const char *path, int create,
	    struct tl_diags *d);
void	tl_repo_close(struct tl_repo *r);

struct tl_repo_file {
	const char	*path;		/* in the repository: "pages/a.md" */
	const char	*bytes;
	size_t		 len;
	time_t		 when;		/* author and committer date (UTC) */
	const char	*message;	/* a final newline is added if missing */
	const char	*name;		/* author and committer; NULL: "tablog" */
	const char	*email;		/* NULL: "tablog@localhost" */
	/* Another path of the same page (its extension changed), removed
	 * in the same commit when the tip has it; NULL: none. */
	const char	*replaces;
};

/*
 * Commit f's bytes at f->path on the current branch, on top of its tip,
 * when they differ from what the tip holds there or the tip holds
 * f->replaces (other files are kept).
 * 1 when committed, 0 when the bytes were already there (nothing is
 * written), -1 with an error in d.  path is '/'-separated components,
 * none empty, ".", ".." or ".git".
 */
int	tl_repo_commit_file(struct tl_repo *r, const struct tl_repo_file *f,
	    struct tl_diags *d);

/*
 * The bytes of path at the tip of the current branch, appended to out:
 * 1, or 0 when there is no such file (or no commit yet), or -1 with an
 * error in d.
 */
int	tl_repo_read_file(struct tl_repo *r, const char *path, struct buf *out,
	    struct tl_diags *d);

#endif
