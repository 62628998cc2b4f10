/*
 * permissions.h - the permissions a site's pages request, across pages:
 * one entry per permission name, with every row that names it, for the
 * permission pages of `tablog build` (docs/design.md "Site layout").
 *
 *	OUTDIR/permissions/index.html        every permission, with counts
 *	OUTDIR/permissions/SLUG/index.html   the rows of every page naming it
 *
 * A permission is a row's `permission` field, compared as row keys
 * compare values (model/key.h: case and white space folded), so
 * `User.Read` and `user.read` are one permission, shown as first
 * written; a row without one (no permission column, "Not supported.")
 * is in none.  Entries are sorted by the folded name; their slugs are
 * made from the name as page slugs are (normalise.h), unique in that
 * order (`-2`, `-3` ...), so a permission keeps its page while no other
 * of the same slug comes before it.
 */
#ifndef TABLOG_PERMISSIONS_H
#define TABLOG_PERMISSIONS_H

#include <stddef.h>

#include "write/view.h"

/* The folder of the permission pages, which no page's slug may be. */
#define TL_PERMISSIONS_DIR	"permissions"

struct tl_perm_row {
	size_t	view, table, row;
};

struct tl_perm {
	const char		*name;	/* as first written (a page's) */
	char			*key;	/* folded, what it is sorted by */
	struct tl_permission_ref ref;	/* slug, href, pages, label */
	size_t			 first, n;	/* its rows in ix->rows */
	const char		*apis;	/* its APIs, then types, ", " joined */
	const char		*types;
	const char		*display_name;	/* the first row's with one */
};

struct tl_perm_index {
	struct tl_perm		*v;
	size_t			 n;
	struct tl_perm_row	*rows;	/* by permission, in page order */
	size_t			 nrows;
};

/*
 * Index the rows of n views (borrowed: they must outlive the index) and
 * give each row that names a permission its entry's ref
 * (tl_view_set_permission_page()), so the page's table links to it.
 */
void	tl_perm_index_build(struct tl_perm_index *ix,
	    struct tl_view *const *views, size_t n);
void	tl_perm_index_free(struct tl_perm_index *ix);

#endif
