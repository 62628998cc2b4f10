/*
 * site_context.h - the site's objects for `tablog build`: the context of
 * the site templates (index, changelog, feed) and the object all.json
 * prints.
 *
 * Like a page's object (context.h), the parts that grow with the site
 * (the changelog's rows, all.json's rows) are values answered from the
 * pages' views when read, not copies; the small parts (the page list,
 * detected changes, the feed) are jansson values made once.
 *
 *   { "generator": {...},
 *     "site": { "title", "date", "pages": [...],
 *               "changelog": [ {"month", "label", "count", "changes",
 *                               "updated", "id",
 *                               "pages": [ {"title", "slug",
 *                                           "entries": [row...]} ]} ],
 *               "timeline": {...} (timeline.h),
 *               "permissions": [PERMISSION...],
 *               "detected": {...} (with --since only, since.h),
 *               "history": [...] (every recorded build, site_history.h) },
 *     "feed": { "id", "link", "updated" } }
 *
 * A permission page (permissions.h) renders against the same object with
 * "permission" beside "site": PERMISSION is {name, slug, display_name,
 * apis, types, pages, pages_key, label, count, rows: [{page_title, page,
 * page_lang, href, row...}]}.
 *
 * all.json: { "generator", "pages": [...], "rows": [ {"page", "table",
 * row...} ] }.
 */
#ifndef TABLOG_SITE_CONTEXT_H
#define TABLOG_SITE_CONTEXT_H

#include <stddef.h>

#include <jansson.h>

#include "site/permissions.h"
#include "site/since.h"
#include "template/value.h"
#include "write/timeline.h"
#include "write/write.h"

struct tl_site_month;
struct tl_site_entry;
struct tl_site_row;

struct tl_site_context {
	const char		 *title;	/* the site's title */
	const char		 *date;		/* --date, or NULL */
	const char		 *base_url;	/* --base-url, or NULL */
	/* NULL for the site's feed; a page's slug for that page's own
	 * (OUTDIR/SLUG/feed.xml: the site's changes of that one page, its
	 * ids and links the page's).  Set before tl_site_context_init(). */
	const char		 *scope;
	const struct tl_view	**views;	/* the pages built, in order */
	size_t			  nviews;
	json_t			 *pages;	/* site.pages */
	json_t			 *all_pages;	/* all.json's pages */
	/* site.detected (borrowed), or NULL without --since. */
	const struct tl_since_changes *detected;
	json_t			 *generator;
	/* The feed's ids without a base URL: tag:...:FEED_KEY ("site" when
	 * NULL); set before tl_site_context_init(). */
	const char		 *feed_key;
	json_t			 *history;	/* site.history, or NULL */
	json_t			 *month_updated; /* month -> its <updated> */
	json_t			 *feed;
	/* The changelog: months, and each month's pages (in page order). */
	struct tl_site_month	 *months;
	size_t			  nmonths;
	struct tl_site_entry	 *entries;
	/* all.json's rows: every row of every page. */
	struct tl_site_row	 *rows;
	size_t			  nrows;
	/* Changes per month, across the site. */
	struct tl_timeline	  timeline;
	/* The permissions across the pages (borrowed), or NULL. */
	const struct tl_perm_index *perms;
};

/*
 * Make the changelog and row index of `nviews` views (borrowed, they must
 * outlive the context), months newest first unless oldest_first (Undated
 * last either way), and the feed (whose date is the newest month's or,
 * when later, `detected_date`).  The caller sets pages and all_pages
 * (owned by the context from then on) and detected (borrowed).
 */
void	tl_site_context_init(struct tl_site_context *c,
	    const struct tl_view **views, size_t nviews, int oldest_first,
	    const char *detected_date);
void	tl_site_context_free(struct tl_site_context *c);

/*
 * The months of the changelog, for the site's history (site_history.h):
 * month i's "YYYY-MM" and the first 16 hex digits of the SHA-256 of its
 * pages and rows (-1 for Undated); its <updated>, and setting it (the
 * string is copied); raising the feed's <updated> to t when t is later.
 */
size_t	tl_site_nmonths(const struct tl_site_context *c);
int	tl_site_month_digest(const struct tl_site_context *c, size_t i,
	    char month[8], char hex[65]);
const char *tl_site_month_updated(const struct tl_site_context *c, size_t i);
void	tl_site_month_set_updated(struct tl_site_context *c, size_t i,
	    const char *t);
void	tl_site_feed_updated(struct tl_site_context *c, const char *t);

/* The templates' object and all.json's. */
struct tl_value	tl_site_value(const struct tl_site_context *c);
/* The object of the page of permission i of c->perms. */
struct tl_value	tl_site_permission_value(const struct tl_site_context *c,
		    size_t i);
struct tl_value	tl_site_all_value(const struct tl_site_context *c);

/* The base of the feed's ids (write/context.h tl_feed_base()): without a
 * base URL the site's feed key, then "/SCOPE" for a page's own feed; with
 * one, the folder of the feed's files. */
void	tl_site_feed_base(struct buf *out, const struct tl_site_context *c);

#endif
