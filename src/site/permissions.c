/*
 * permissions.c - a site's permissions across its pages (see
 * permissions.h).
 */
#include "site/permissions.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "model/key.h"
#include "normalise/normalise.h"

/* A row naming a permission, while the index is made. */
struct found {
	struct tl_perm_row	 at;
	size_t			 perm;	/* its entry, before sorting */
};

/* The entries' order: by folded name (each folded name is one entry). */
static int
compare_perms(const void *a, const void *b)
{
	return strcmp(((const struct tl_perm *)a)->key,
	    ((const struct tl_perm *)b)->key);
}

/* Append s to a ", " list unless it is there already (seen: what is). */
static void
list_add(struct buf *list, struct tl_map *seen, const char *s)
{
	if (s == NULL || *s == '\0' || tl_map_get(seen, s, NULL))
		return;
	tl_map_put(seen, s, 0);	/* borrowed: a page's string */
	if (list->len > 0)
		buf_puts(list, ", ");
	buf_puts(list, s);
}

static const struct tl_row *
perm_row(struct tl_view *const *views, const struct tl_perm_row *at)
{
	return &views[at->view]->page->tables[at->table].rows[at->row];
}

/* Slugs, unique in the entries' order; hrefs and labels from them. */
static void
name_entries(struct tl_perm_index *ix)
{
	struct tl_map taken = {0}, next = {0};
	struct buf slug = {0}, base = {0};
	size_t i, k;

	for (i = 0; i < ix->n; i++) {
		struct tl_perm *p = &ix->v[i];

		buf_reset(&base);
		tl_slugify(&base, p->name);
		if (base.len == 0)
			buf_puts(&base, "permission");
		if (!tl_map_get(&next, buf_str(&base), &k))
			k = 1;
		for (;; k++) {
			buf_reset(&slug);
			if (k == 1)
				buf_puts(&slug, buf_str(&base));
			else
				buf_printf(&slug, "%s-%zu", buf_str(&base), k);
			if (!tl_map_get(&taken, buf_str(&slug), NULL))
				break;
		}
		p->ref.slug = xstrdup(buf_str(&slug));
		/* The map's keys are borrowed: the slug, and the base as
		 * the first slug made from it (a later one starts with it). */
		tl_map_put(&taken, p->ref.slug, i);
		if (k == 1)
			tl_map_put(&next, p->ref.slug, 2);
		else if (tl_map_get(&next, buf_str(&base), NULL))
			tl_map_put(&next, buf_str(&base), k + 1);
		buf_reset(&slug);
		buf_printf(&slug, "../%s/%s/index.html", TL_PERMISSIONS_DIR,
		    p->ref.slug);
		p->ref.href = xstrdup(buf_str(&slug));
		buf_reset(&slug);
		buf_printf(&slug, "%zu page%s", p->ref.pages,
		    p->ref.pages == 1 ? "" : "s");
		p->ref.label = xstrdup(buf_str(&slug));
	}
	tl_map_free(&taken);
	tl_map_free(&next);
	buf_free(&slug);
	buf_free(&base);
}

void
tl_perm_index_build(struct tl_perm_index *ix, struct tl_view *const *views,
    size_t n)
{
	struct found *found = NULL;
	struct tl_map bykey = {0};
	struct buf key = {0}, apis = {0}, types = {0};
	size_t nfound = 0, fcap = 0, cap = 0, i, t, r, k, *order, *fill;

	memset(ix, 0, sizeof(*ix));
	for (i = 0; i < n; i++) {
		const struct tl_page *page = views[i]->page;

		for (t = 0; t < page->ntables; t++)
			for (r = 0; r < page->tables[t].nrows; r++) {
				const struct tl_row *row =
				    &page->tables[t].rows[r];
				const char *name = row->f[TL_PERMISSION];

				if (name == NULL || row->unsupported)
					continue;
				buf_reset(&key);
				tl_key_fold(&key, name);
				if (key.len == 0)
					continue;
				if (!tl_map_get(&bykey, buf_str(&key), &k)) {
					k = ix->n;
					ix->v = xgrow(ix->v, &cap, ix->n + 1,
					    sizeof(*ix->v));
					memset(&ix->v[k], 0, sizeof(ix->v[k]));
					ix->v[k].name = name;
					ix->v[k].key = xstrdup(buf_str(&key));
					tl_map_put(&bykey, ix->v[k].key, k);
					ix->n++;
				}
				found = xgrow(found, &fcap, nfound + 1,
				    sizeof(*found));
				found[nfound].at.view = i;
				found[nfound].at.table = t;
				found[nfound].at.row = r;
				found[nfound++].perm = k;
				ix->v[k].n++;
			}
	}
	tl_map_free(&bykey);
	ix->nrows = nfound;
	/* Sort the entries; order[k]: where entry k went. */
	for (k = 0; k < ix->n; k++)
		ix->v[k].first = k;
	if (ix->n > 0)	/* no array at all without permissions */
		qsort(ix->v, ix->n, sizeof(*ix->v), compare_perms);
	order = xcalloc(ix->n ? ix->n : 1, sizeof(*order));
	fill = xcalloc(ix->n ? ix->n : 1, sizeof(*fill));
	for (k = 0, r = 0; k < ix->n; k++) {
		order[ix->v[k].first] = k;
		fill[k] = r;
		ix->v[k].first = r;
		r += ix->v[k].n;
	}
	/* The rows, by entry, each entry's in page order. */
	ix->rows = xcalloc(nfound ? nfound : 1, sizeof(*ix->rows));
	for (i = 0; i < nfound; i++)
		ix->rows[fill[order[found[i].perm]]++] = found[i].at;
	for (k = 0; k < ix->n; k++) {
		struct tl_perm *p = &ix->v[k];

		struct tl_map seen_apis = {0}, seen_types = {0};

		buf_reset(&apis);
		buf_reset(&types);
		for (i = p->first; i < p->first + p->n; i++) {
			const struct tl_row *row = perm_row(views, &ix->rows[i]);

			if (i == p->first ||
			    ix->rows[i].view != ix->rows[i - 1].view)
				p->ref.pages++;
			list_add(&apis, &seen_apis, row->f[TL_API]);
			list_add(&types, &seen_types, row->f[TL_TYPE]);
			if (p->display_name == NULL)
				p->display_name = row->f[TL_DISPLAY_NAME];
		}
		tl_map_free(&seen_apis);
		tl_map_free(&seen_types);
		p->apis = xstrdup(buf_str(&apis));
		p->types = xstrdup(buf_str(&types));
	}
	name_entries(ix);
	for (k = 0; k < ix->n; k++)
		for (i = ix->v[k].first; i < ix->v[k].first + ix->v[k].n; i++)
			tl_view_set_permission_page(views[ix->rows[i].view],
			    ix->rows[i].table, ix->rows[i].row, &ix->v[k].ref);
	free(order);
	free(fill);
	free(found);
	buf_free(&key);
	buf_free(&apis);
	buf_free(&types);
}

void
tl_perm_index_free(struct tl_perm_index *ix)
{
	size_t i;

	for (i = 0; i < ix->n; i++) {
		free(ix->v[i].key);
		free((char *)ix->v[i].ref.slug);
		free((char *)ix->v[i].ref.href);
		free((char *)ix->v[i].ref.label);
		free((char *)ix->v[i].apis);
		free((char *)ix->v[i].types);
	}
	free(ix->v);
	free(ix->rows);
	memset(ix, 0, sizeof(*ix));
}
