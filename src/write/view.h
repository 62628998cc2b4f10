/*
 * view.h - a page being written: the page, the writers' options, and
 * what several formats derive from it (its changelog, its tables' extra
 * column keys, its rows' anchors, its language, its timeline), made once
 * however many formats are written.
 *
 * A view and its options are read-only once made, so formats may be
 * written from several threads at once.  What each thread has of its own
 * (the templates, compiled as they are used) is not part of them: it is
 * handed to each writer beside the view (write.h).
 */
#ifndef TABLOG_VIEW_H
#define TABLOG_VIEW_H

#include <jansson.h>

#include "base/map.h"
#include "model/changelog.h"
#include "model/table.h"
#include "write/timeline.h"

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
	/* The site's root seen from the page's folder ("../"), NULL for a
	 * page on its own: the links to the site's changelog, feed and
	 * permission pages (docs/design.md "Site layout"). */
	const char *site_root;
	/* What the outputs call the page's source (a site: its path under
	 * INDIR, or its URL), NULL for the page's own `source`. */
	const char *source;
	/* Where files being written are registered (base/output.h), for a
	 * signal handler to remove; NULL: nowhere.  Safe from any thread. */
	struct tl_temps *temps;
};

/*
 * Where a row's permission is listed across a site: its permission page
 * (OUTDIR/permissions/SLUG/index.html, `href` from the page's folder) and
 * how many pages request it (`label`: "2 pages").  A site sets them
 * (tl_view_set_permission_page()); a page on its own has none.
 */
struct tl_permission_ref {
	const char	*slug;
	const char	*href;
	const char	*label;
	size_t		 pages;
};

/* What a view keeps of each table: a row of it reaches this (value.h's
 * `q`) to answer the members that depend on more than the row. */
struct tl_view_table {
	struct tl_map	 extra_keys;	/* key -> column */
	const char	**anchors;	/* [row]: its id, unique in the page */
	/* [row]: its permission's page, or NULL; NULL when none has one. */
	const struct tl_permission_ref **permission_pages;
};

struct tl_view {
	const struct tl_page		*page;
	const struct tl_write_opts	*opts;
	struct tl_changelog		 changelog;
	struct tl_view_table		*tables;	/* [table] */
	const char			*lang;	/* BCP 47 tag (lang.h) */
	struct tl_timeline		 timeline;	/* changes by month */
	char				*anchor_text;	/* the anchors' bytes */
	/* In a site, what its history holds of this page (site_history.h:
	 * records as the templates see them), borrowed; else NULL, and the
	 * page object has no `history`. */
	json_t				*history;
};

/* Both page and o must outlive the view. */
void	tl_view_init(struct tl_view *v, const struct tl_page *page,
	    const struct tl_write_opts *o);
void	tl_view_free(struct tl_view *v);
/* Give row `row` of table `table` its permission's page (ref must
 * outlive the view); before any format is written, the view being
 * read-only from then on. */
void	tl_view_set_permission_page(struct tl_view *v, size_t table,
	    size_t row, const struct tl_permission_ref *ref);

#endif
