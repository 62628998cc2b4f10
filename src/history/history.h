/*
 * history.h - a page's history: every version of it, each diffed against
 * the one before, as one list of dated changes (docs/design.md
 * "History").
 *
 * The versions come from a git repository (each commit that touches the
 * page, following renames: git/log.h) or from files given in order, each
 * with a date.  Every version is read through the loader (load/source.h)
 * as a page of its own and compared with the last version that could be
 * read, with the one diff of diff.h: a change of a history is a change
 * of `diff`, its date, time and commit filled in.  The first version is
 * the page's starting point, one `page_added` change (not one `added`
 * per row, unless from_start); a commit that deletes the page is a
 * `page_removed`; a version that cannot be read is a warning naming it
 * (`PATH@abc1234`) and is skipped, the next one being compared with the
 * last one read.
 *
 * Versions are read on several threads (one loader and, for a
 * repository, one libgit2 handle each), a few ahead of the one being
 * compared, which is done in order on the calling thread; the result
 * does not depend on the number of threads.  A version whose bytes are
 * those of the version before (a rename alone) is not read again.
 *
 * Rows are followed through the versions by the diff's pairing, so each
 * row of the current version gets the day of the first version that had
 * it (`first_seen`), of the last version that added or changed it
 * (`last_changed`) and whether its content changed after its vendor date
 * (`changed_without_date_update`), written into the current page's rows
 * (model/table.h).
 *
 * A history holds one or more pages (several paths of one repository);
 * their changes are merged into one list, newest first.  Everything a
 * change points to (pages, diffs, strings) belongs to the history, so a
 * change is valid until tl_history_free(); pages no change points to are
 * freed as the walk goes on.
 */
#ifndef TABLOG_HISTORY_H
#define TABLOG_HISTORY_H

#include <stddef.h>

#include "diff/diff.h"
#include "load/source.h"
#include "model/table.h"

struct tl_history_opts {
	const struct tl_load_opts *load;	/* NULL: the defaults */
	struct tl_diff_opts	 diff;		/* key and aliases */
	const char		*range;		/* git: NULL, "REV", "A..B" */
	int			 from_start;	/* first version's rows added */
	int			 jobs;		/* threads; 0: one per core */
};

enum tl_version_state {
	TL_VERSION_READ,	/* read and compared */
	TL_VERSION_SAME,	/* the bytes of the version before */
	TL_VERSION_SKIPPED,	/* could not be read: a warning said why */
	TL_VERSION_DELETED	/* the page is not there */
};

/* "read", "same", "skipped", "deleted". */
const char *tl_version_state_name(enum tl_version_state s);

struct tl_version {
	char		*commit;	/* hex; NULL for a file */
	char		*path;		/* the page here: in the repository,
					 * or the file */
	char		*renamed_from;	/* its path in the commit before */
	char		 date[11];	/* YYYY-MM-DD (the committer's day) */
	char		 time[26];	/* 2024-01-03T10:00:00+01:00 */
	long long	 seconds;	/* since 1970, UTC */
	enum tl_version_state state;
	size_t		 rows;		/* READ and SAME: the page's rows */
	char		 blob[41];	/* a repository's: the bytes' id */
	/* READ: the page, while a change points into it or it is the
	 * current one (NULL once freed); SAME: the one it repeats. */
	struct tl_page	*page;
	int		 owns_page;
	struct tl_diff	 diff;		/* READ: against the version before */
	struct tl_change page_change;	/* page_added, page_removed or none */
	int		 has_page_change;
	int		 first;		/* the first version read */
};

struct tl_history_page {
	char		*name;		/* the page's path as asked (git), or
					 * the newest file */
	struct tl_version *v;		/* oldest first */
	size_t		 n;
	/* The newest version read, when the page is there at the end (no
	 * deletion after it); NULL otherwise.  Its rows carry first_seen,
	 * last_changed and changed_without_date_update. */
	struct tl_page	*current;
	/* Its title (of the newest version read, even if deleted since),
	 * or NULL. */
	const char	*title;
	struct tl_page	*empty;		/* what --from-start compares with */
};

/* A change of a history, and the version and page it is of. */
struct tl_history_change {
	const struct tl_change		*c;
	const struct tl_version		*v;
	const struct tl_history_page	*page;
};

struct tl_history {
	char			*origin;	/* the repository's URL or path;
						 * the newest file's path */
	int			 git;		/* read from a repository */
	struct tl_history_page	*pages;
	size_t			 npages;
	/* Every change of every page, newest first: by time, then by page
	 * as given; a version's own changes as diff.h lists them, after its
	 * page_added. */
	struct tl_history_change *changes;
	size_t			 nchanges;
};

/*
 * Read the history of each of the n paths (relative to the repository's
 * top) in the repository at `repo`.  0, or -1 with an error in d (the
 * repository or range cannot be read, a path no commit touches); versions
 * that cannot be read are warnings.  A history is read once: h must be
 * zeroed (or freed) before.
 */
int	tl_history_read_git(struct tl_history *h, const char *repo,
	    const char *const *paths, size_t n, const struct tl_history_opts *o,
	    struct tl_diags *d);
/*
 * The history of one page whose n versions are the files at paths, in
 * order, each dated by dates[i] (YYYY-MM-DD), or, with dates NULL, by
 * the date in its name (tl_history_name_date()).  0, or -1 with an
 * error in d (a date missing or going backwards, every version
 * unreadable).
 */
int	tl_history_read_files(struct tl_history *h, const char *const *paths,
	    const char *const *dates, size_t n, const struct tl_history_opts *o,
	    struct tl_diags *d);
void	tl_history_free(struct tl_history *h);

/*
 * The date a path's name gives, in out: the first YYYY-MM-DD that is a
 * real day in its file name, else in its folder's name, and so on up.
 * 0, or -1 when there is none.
 */
int	tl_history_name_date(const char *path, char out[11]);

#endif
