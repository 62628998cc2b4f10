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

#include "diff/diff.h"
#include "model/table.h"

struct tl_since {
	struct tl_page	**pages;
	size_t		  n;
};

/* 0, or -1 with an error in d (no or unreadable PREV/all.json). */
int	tl_since_load(struct tl_since *s, const char *prev_dir,
	    struct tl_diags *d);
void	tl_since_free(struct tl_since *s);
/* The previous page with this slug, or NULL. */
struct tl_page *tl_since_find(const struct tl_since *s, const char *slug);

/*
 * {title, slug, summary, added: [rows], removed: [rows], changed: [rows
 * with key, fields: [{name, before, after}], no_date_update]}, or NULL
 * when nothing changed.  The caller owns the reference.
 */
json_t	*tl_since_page_json(const struct tl_page *before,
	    const struct tl_page *after, const struct tl_diff_opts *o);

#endif
