/*
 * view.c - a page being written (see view.h).
 */
#include "write/view.h"

#include <stdlib.h>

#include "base/xalloc.h"

void
tl_view_init(struct tl_view *v, const struct tl_page *page,
    const struct tl_write_opts *o)
{
	size_t t, i;

	v->page = page;
	v->opts = o;
	tl_changelog_build(&v->changelog, page, o->oldest_first);
	v->extra_keys = xcalloc(page->ntables ? page->ntables : 1,
	    sizeof(*v->extra_keys));
	for (t = 0; t < page->ntables; t++)
		for (i = 0; i < page->tables[t].ncolumns; i++)
			if (page->tables[t].columns[i].field == TL_EXTRA)
				tl_map_put(&v->extra_keys[t],
				    page->tables[t].columns[i].key, i);
}

void
tl_view_free(struct tl_view *v)
{
	size_t t;

	for (t = 0; t < v->page->ntables; t++)
		tl_map_free(&v->extra_keys[t]);
	free(v->extra_keys);
	v->extra_keys = NULL;
	tl_changelog_free(&v->changelog);
}
