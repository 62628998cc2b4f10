/*
 * site_history.h - what a site remembers between builds: OUTDIR/history.json
 * (docs/design.md "Site history").
 *
 * Each build that detects changes (--since PREV) appends them as one
 * record, dated and named by its source; `build --git` records the
 * repository's changes, one record per day.  The site changelog and feed
 * show every record, so they never lose what an earlier build found.
 * The file also keeps a digest of each month of the changelog, so that a
 * month entry whose rows changed gets a new <updated> in the feed.
 *
 * The file is read back as untrusted input (json_check.h): wrong types,
 * counts over the limits, bad dates, a symbolic link or anything but a
 * regular file are one error, before anything is written.  It is written
 * through OUTDIR's descriptor, to a temporary renamed into place.
 */
#ifndef TABLOG_SITE_HISTORY_H
#define TABLOG_SITE_HISTORY_H

#include <stddef.h>

#include <jansson.h>

#include "base/diag.h"
#include "site/since.h"

struct tl_temps;
struct tl_site_context;

struct tl_site_history {
	json_t	*builds;	/* records, oldest first */
	json_t	*months;	/* month -> {digest, updated} */
	char	*feed_key;	/* the site's (tl_site_feed_key()), or NULL */
};

/*
 * Read DIR/history.json (at most max bytes; 0: the default input limit),
 * checking all of it.  A missing file is an empty history.  0, or -1
 * with one error in d and nothing kept.
 */
int	tl_site_history_load(struct tl_site_history *h, const char *dir,
	    size_t max, struct tl_diags *d);
void	tl_site_history_free(struct tl_site_history *h);

/* A record's "source" for `source` (INDIR, a repository, an archive): a
 * URL without user or password, else its last name, never a local path;
 * null for NULL. */
json_t	*tl_site_source_name(const char *source);
/* Append a build's detected changes as a record dated `date` from
 * `source` (INDIR as given); nothing when it found none. */
void	tl_site_history_add(struct tl_site_history *h, const char *date,
	    const char *source, const struct tl_since_changes *c);
/*
 * Append a record made elsewhere (build --git): {date, source, updated,
 * commit, pages: [{page, title, slug}], changes: [CHANGE]}; h takes it.
 */
void	tl_site_history_append(struct tl_site_history *h, json_t *record);
/*
 * The records of builds (not made from commits), each a copy without the
 * changes and pages of the pages `fetched` says yes to (their history is
 * the archive's), records left empty dropped: a new array.
 */
json_t	*tl_site_history_take_builds(struct tl_site_history *h,
	    int (*fetched)(const char *page, void *ctx), void *ctx);
/* Append the records (h takes the array) and order all by date, records
 * of one day in the order they were added. */
void	tl_site_history_add_builds(struct tl_site_history *h,
	    json_t *records);
/* Drop every record (build --git: the repository is the history). */
void	tl_site_history_clear(struct tl_site_history *h);

/*
 * Hook the history into the site's context: site.history (every record
 * as the templates see it, newest first unless oldest_first), the months'
 * <updated> (a month whose digest differs from the one recorded is
 * updated `date`, the build's), the feed's <updated>; and record the
 * months' digests for the next build.
 */
void	tl_site_history_show(struct tl_site_history *h,
	    struct tl_site_context *ctx, const char *date, int oldest_first);

/*
 * Records as the templates see them (site.history): a new array, newest
 * first unless oldest_first, ids under feed_base (linked: with a base
 * URL); *newest the newest record's time (inside the array), or NULL.
 */
json_t	*tl_site_history_list(json_t *records, const char *feed_base,
	    int linked, int oldest_first, const char **newest);
/* ctx's history from `records` alone, and the feed's <updated>: a page's
 * own feed (ids under ctx's scope); the months are left as they are. */
void	tl_site_history_show_records(json_t *records,
	    struct tl_site_context *ctx, int oldest_first);
/*
 * h's records split by page: out[i] (a new array) holds, in order, each
 * record that changed paths[i], with only that page's changes and its
 * entry of "pages".  One pass over the changes.
 */
void	tl_site_history_by_page(const struct tl_site_history *h,
	    const char *const *paths, size_t n, json_t **out);
/* Write DIR/history.json through dirfd (dir names it in diagnostics). */
int	tl_site_history_write(const struct tl_site_history *h, int dirfd,
	    const char *dir, struct tl_temps *temps, struct tl_diags *d);

/* The site's feed key without a base URL: "site-" and 16 hex digits of
 * the SHA-256 of `source` (never the source itself). */
void	tl_site_feed_key(struct buf *out, const char *source);

#endif
