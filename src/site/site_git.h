/*
 * site_git.h - `tablog build --git REPO`: a site from a repository's pages,
 * each with its whole history (history/), which the site's history
 * (site_history.h) shows as one record per day; and the same history for
 * the pages `build --sources --archive REPO` fetched, from the archive.
 *
 * Pages are read one history at a time per thread, and each history is
 * freed as soon as its newest version (the page the site shows) and its
 * changes (as the change schema's JSON) are taken from it: memory holds
 * one history per thread, not the repository's.
 */
#ifndef TABLOG_SITE_GIT_H
#define TABLOG_SITE_GIT_H

#include <stddef.h>

#include <jansson.h>

#include "load/source.h"
#include "model/table.h"
#include "site/site.h"
#include "site/site_history.h"

/* The pages of o->git at o->git_rev under o->git_paths, sorted, each
 * once; and the repository's name for feed ids (tl_git_origin()).
 * 0, or -1 with an error in d. */
int	tl_site_git_pages(const struct tl_build_opts *o, char ***paths,
	    size_t *n, char **origin, struct tl_diags *d);

/*
 * The history of one page: its newest version (the caller owns it; NULL
 * with an error in d when there is none) and, in *changes, every change
 * of its history as the change schema's JSON, newest first.
 */
struct tl_page *tl_site_git_page(const struct tl_build_opts *o,
	    const char *path, json_t **changes, struct tl_diags *d);

/*
 * build --sources --archive: the changes of a fetched page through its
 * versions in the archive (`path` there; "page" is `url` in each), as the
 * change schema's JSON, newest first; NULL with a warning or error in d
 * when its history cannot be read.
 */
json_t	*tl_site_archive_changes(const struct tl_build_opts *o,
	    const char *path, const char *url, struct tl_diags *d);

/*
 * Replace h's records with the repository's: one per day that changed
 * something, oldest first, each {date, source, updated, commit, pages,
 * changes}; changes[i] and pages[i] (the slugs are final) are the n
 * pages' (NULL for a page that failed).
 */
void	tl_site_git_records(struct tl_site_history *h, const char *origin,
	    const struct tl_page *const *pages, const char *const *paths,
	    json_t *const *changes, size_t n);

#endif
