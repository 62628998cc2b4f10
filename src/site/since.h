/*
 * since.h - the pages of a previous build, for `tablog build --since`.
 *
 * tl_since_load() rebuilds the normalised pages a previous build recorded
 * in PREV/all.json; tl_since_page_json() describes what changed between
 * one of them and its new version, for the site's "Detected changes".
 */
#ifndef TABLOG_SINCE_H
#define TABLOG_SINCE_H

#include <jansson.h>

#include "base/strmap.h"
#include "diff/diff.h"
#include "model/table.h"

struct tl_since {
	struct tl_page	**pages;
	const char	**paths;	/* [page]: its path under INDIR, or
					 * NULL (in the page's arena) */
	size_t		  n;
	int		  match_paths;	/* every page has a path */
	struct tl_strmap  slugs;	/* slug -> page */
	struct tl_strmap  by_path;	/* path -> page */
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
 * {title, slug, summary, added: [rows], removed: [rows], changed: [rows
 * with key, fields: [{name, before, after}], no_date_update]}, or NULL
 * when nothing changed.  The caller owns the reference.
 */
json_t	*tl_since_page_json(const struct tl_page *before,
	    const struct tl_page *after, const struct tl_diff_opts *o);

#endif
