/*
 * history_context.h - a history as values (template/value.h): the
 * document `history -f json` prints and what the history templates
 * render (docs/design.md "History").
 *
 * The document:
 *
 *   { "version": 1,
 *     "repository": string | null,      the repository's URL or path
 *     "page": string | null,            the page (null for several)
 *     "changes": [CHANGE],              every change, newest first
 *     "pages": [{
 *        "page": string, "title": string | null,
 *        "versions": [{"commit", "date", "time", "path", "renamed_from"
 *                      (renamed only), "state", "rows"}],  oldest first
 *        "current": PAGE | null }] }    the page as `-f json` writes it,
 *                                       its rows with first_seen,
 *                                       last_changed and
 *                                       changed_without_date_update
 *
 * CHANGE is diff_context.h's change object, its date, time and commit
 * those of the version it came with.  The templates see the same
 * members (changes shown, with `is` ({KIND: true}), `abbrev` (the
 * commit's first 7 digits), `first` (the page_added of the first
 * version), `several_tables`, `page_title`), and:
 *
 *   generator, title (the page's title, or its path; "N pages"),
 *   several_pages,
 *   days: [{date, label ("3 January 2024"), updated (the day's newest
 *           time), id, count, changes ("2 changes"), added, changed,
 *           removed}]  newest first; added: page_added, added,
 *           column_added; changed: changed, renamed_column; removed:
 *           removed, column_removed, page_removed (Keep a Changelog's
 *           words)
 *   feed: {id, link (with a base URL), updated}
 *
 * Feed ids are tag: URIs made from the SHA-256 of the repository's URL
 * or path and the pages' paths, so two repositories never share them;
 * an entry's is the feed's and its day.  With a base URL (--base-url)
 * the feed is BASE/history.xml and the page it links to, each entry's
 * anchor, BASE/history.html.  With oldest_first (--oldest-first) the
 * days, and each day's changes, run oldest first.
 */
#ifndef TABLOG_HISTORY_CONTEXT_H
#define TABLOG_HISTORY_CONTEXT_H

#include "history/history.h"
#include "template/value.h"
#include "write/view.h"

struct tl_history_day;

/* A history being written: what its values are made from. */
struct tl_history_doc {
	const struct tl_history		*h;
	const struct tl_write_opts	*opts;
	struct tl_view			*views;	/* [page]: of its current */
	struct tl_history_day		*days;	/* newest first (or, with
						 * oldest_first, oldest) */
	size_t				 ndays;
	char				*feed_id, *feed_link;	/* link: NULL
						 * without a base URL */
};

/* o and h must outlive the document. */
void	tl_history_doc_init(struct tl_history_doc *doc,
	    const struct tl_history *h, const struct tl_write_opts *o);
void	tl_history_doc_free(struct tl_history_doc *doc);

/* The document -f json prints. */
struct tl_value	tl_history_value(const struct tl_history_doc *doc);
/* The templates' context. */
struct tl_value	tl_history_shown(const struct tl_history_doc *doc);

#endif
