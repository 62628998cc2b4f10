/*
 * view.h - a page being written: the page, the writers' options, and
 * what several formats derive from it (its changelog, its tables' extra
 * column keys), made once however many formats are written.
 *
 * A view and its options are read-only once made, so formats may be
 * written from several threads at once.  What each thread has of its own
 * (the templates, compiled as they are used) is not part of them: it is
 * handed to each writer beside the view (write.h).
 */
#ifndef TABLOG_VIEW_H
#define TABLOG_VIEW_H

#include "base/map.h"
#include "model/changelog.h"
#include "model/table.h"

struct tl_temps;

struct tl_write_opts {
	int	csv_bom;	/* --csv-bom: start CSV with a UTF-8 BOM */
	int	csv_raw;	/* --csv-raw: no formula guard */
	int	csv_markdown;	/* --csv-markdown: cells with markup as GFM */
	int	oldest_first;	/* --oldest-first: changelog order */
	int	fragment;	/* --fragment: HTML table only, no page */
	const char *base_url;	/* --base-url: links and ids in the feed */
	/* Where a page's HTML links to (relative URLs); NULL: not linked. */
	const char *index_link;
	const char *changelog_link;
	/* Where files being written are registered (base/output.h), for a
	 * signal handler to remove; NULL: nowhere.  Safe from any thread. */
	struct tl_temps *temps;
};

struct tl_view {
	const struct tl_page		*page;
	const struct tl_write_opts	*opts;
	struct tl_changelog		 changelog;
	struct tl_map			*extra_keys;	/* [table]: key -> col */
};

/* Both page and o must outlive the view. */
void	tl_view_init(struct tl_view *v, const struct tl_page *page,
	    const struct tl_write_opts *o);
void	tl_view_free(struct tl_view *v);

#endif
