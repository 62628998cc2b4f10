/*
 * changelog.h - rows grouped by the month of their last update.
 *
 * Groups run newest month first (oldest first on request), undated rows
 * last under "Undated"; inside a group rows keep page order.  The JSON
 * object, and so every changelog template, reads this one grouping.
 */
#ifndef TABLOG_CHANGELOG_H
#define TABLOG_CHANGELOG_H

#include "base/buf.h"
#include "model/table.h"

struct tl_changelog_entry {
	const struct tl_table	*table;
	const struct tl_row	*row;
};

struct tl_changelog_group {
	int	year, month;		/* both 0 for the Undated group */
	size_t	n;
	struct tl_changelog_entry *entries;	/* points into the whole list */
};

struct tl_changelog {
	size_t	ngroups;
	struct tl_changelog_group *groups;
	struct tl_changelog_entry *all;	/* every entry, in group order */
};

/* Group every row of every table of the page. */
void	tl_changelog_build(struct tl_changelog *cl, const struct tl_page *page,
	    int oldest_first);
void	tl_changelog_free(struct tl_changelog *cl);

/* "2025-04" or "" for undated; "April 2025" or "Undated". */
void	tl_changelog_month(struct buf *out, const struct tl_changelog_group *g);
void	tl_changelog_label(struct buf *out, const struct tl_changelog_group *g);

/* The text that names a row in a changelog: its permission, or the text
 * of the table's label column. */
const char *tl_row_label(const struct tl_table *t, const struct tl_row *r);

#endif
