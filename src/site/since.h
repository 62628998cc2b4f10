/*
 * since.h - the pages of a previous build, for `tablog build --since`.
 *
 * tl_since_load() rebuilds the normalised pages a previous build recorded
 * in PREV/all.json; tl_since_detect() lists what changed between them and
 * the new build, for the site's "Detected changes".
 */
#ifndef TABLOG_SINCE_H
#define TABLOG_SINCE_H

#include <jansson.h>

#include "base/map.h"
#include "diff/diff.h"
#include "model/table.h"
#include "template/value.h"

struct tl_since {
	struct tl_page	**pages;
	const char	**paths;	/* [page]: its path under INDIR, or
					 * NULL (in the page's arena) */
	size_t		  n;
	int		  match_paths;	/* every page has a path */
	struct tl_map  slugs;	/* slug -> page */
	struct tl_map  by_path;	/* path -> page */
};

/*
 * Read PREV/all.json (a regular file, at most `max` bytes; 0 for the
 * default input limit), checking all of it: 0, or -1 with one error in d
 * naming the file and what is wrong, and nothing kept.
 */
int	tl_since_load(struct tl_since *s, const char *prev_dir, size_t max,
	    struct tl_diags *d);
void	tl_since_free(struct tl_since *s);
/*
 * The previous version of a page: the page with the same path under
 * INDIR, or with the same slug when the previous build recorded no paths
 * (an all.json written by an earlier tablog); NULL if there is none.  *index
 * (may be NULL) is its place in s->pages.
 */
struct tl_page *tl_since_find(const struct tl_since *s, const char *path,
	    const char *slug, size_t *index);

/*
 * What changed since the previous build (the site's "Detected
 * changes"): each page of the new build diffed (diff.h) against its
 * previous version, then the pages that are new and those that are gone,
 * all as changes (struct tl_change) whose `page` is the page's path under
 * INDIR (repaired to UTF-8, as all.json records it) and whose `date` is
 * the build's.  Points into the new pages and into the tl_since: keep
 * both until tl_since_changes_free().
 */
struct tl_since_page {
	const struct tl_page	*page;		/* the new version */
	struct tl_diff		 diff;
};

struct tl_since_changes {
	/* Members the caller adds to the templates' object (owned: freed
	 * with the rest), or NULL. */
	json_t			*meta;
	struct tl_since_page	*pages;		/* changed, in input order */
	size_t			 npages;
	struct tl_change	*page_changes;	/* page_added, then page_removed */
	size_t			 nadded, nremoved;
	const struct tl_change	**all;		/* every change, in this order */
	size_t			 n;
	char			**paths;	/* what `page`s point to */
	size_t			 npaths;
};

/*
 * Compare `n` new pages (NULL ones, pages that failed, are skipped) and
 * their paths under INDIR with the previous build, dating every change
 * `date` (borrowed, as are the pages and o).
 */
void	tl_since_detect(struct tl_since_changes *out, const struct tl_since *prev,
	    const struct tl_page *const *pages, const char *const *paths,
	    size_t n, const struct tl_diff_opts *o, const char *date);
void	tl_since_changes_free(struct tl_since_changes *c);

/*
 * The site templates' `detected`: the members of `meta` (date, label,
 * updated, id), then
 *   any             whether anything changed,
 *   changes         every change (shown, diff_context.h),
 *   pages           each changed page: {title, slug} and its diff as the
 *                   diff templates see it (summary, counts, changes,
 *                   added, removed, changed, column_added, ...),
 *   new_pages       the page_added changes,
 *   vanished_pages  the page_removed changes.
 */
struct tl_value	tl_since_value(const struct tl_since_changes *c);

#endif
