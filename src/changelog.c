/*
 * changelog.c - group rows by month and write the Markdown changelog.
 */
#include "changelog.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "normalise.h"
#include "xalloc.h"

struct sort_item {
	struct tl_changelog_entry entry;
	long	month_key;	/* year * 12 + month - 1, or -1 undated */
	size_t	order;		/* page order, to keep the sort stable */
	int	descending;
};

static int
compare_items(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;

	if (a->month_key != b->month_key) {
		if (a->month_key < 0)
			return 1;	/* undated always last */
		if (b->month_key < 0)
			return -1;
		if (a->descending)
			return a->month_key > b->month_key ? -1 : 1;
		return a->month_key < b->month_key ? -1 : 1;
	}
	return a->order < b->order ? -1 : (a->order > b->order);
}

static long
row_month_key(const struct tl_row *r)
{
	if (r->date.year == 0)
		return -1;
	return (long)r->date.year * 12 + r->date.month - 1;
}

void
tl_changelog_build(struct tl_changelog *cl, const struct tl_page *page,
    int oldest_first)
{
	struct sort_item *items;
	size_t total = 0, n = 0, i, t, cap = 0;

	memset(cl, 0, sizeof(*cl));
	for (t = 0; t < page->ntables; t++)
		total += page->tables[t].nrows;
	items = xcalloc(total, sizeof(*items));
	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];

		for (i = 0; i < tab->nrows; i++, n++) {
			items[n].entry.table = tab;
			items[n].entry.row = &tab->rows[i];
			items[n].month_key = row_month_key(&tab->rows[i]);
			items[n].order = n;
			items[n].descending = !oldest_first;
		}
	}
	qsort(items, total, sizeof(*items), compare_items);

	cl->all = xcalloc(total, sizeof(*cl->all));
	for (i = 0; i < total; i++) {
		struct tl_changelog_group *g;

		cl->all[i] = items[i].entry;
		if (i == 0 || items[i].month_key != items[i - 1].month_key) {
			cl->groups = xgrow(cl->groups, &cap, cl->ngroups + 1,
			    sizeof(*cl->groups));
			g = &cl->groups[cl->ngroups++];
			g->year = items[i].entry.row->date.year;
			g->month = items[i].entry.row->date.month;
			g->entries = &cl->all[i];
			g->n = 0;
		}
		cl->groups[cl->ngroups - 1].n++;
	}
	free(items);
}

void
tl_changelog_free(struct tl_changelog *cl)
{
	free(cl->groups);
	free(cl->all);
	memset(cl, 0, sizeof(*cl));
}

void
tl_changelog_month(struct buf *out, const struct tl_changelog_group *g)
{
	if (g->year != 0)
		buf_printf(out, "%04d-%02d", g->year, g->month);
}

void
tl_changelog_label(struct buf *out, const struct tl_changelog_group *g)
{
	struct tl_date month = { g->year, g->month, 0 };

	if (g->year == 0)
		buf_puts(out, "Undated");
	else
		tl_date_label(out, &month);
}

const char *
tl_row_label(const struct tl_table *t, const struct tl_row *r)
{
	if (r->f[TL_PERMISSION] != NULL)
		return r->f[TL_PERMISSION];
	if (t->label_column >= 0 && (size_t)t->label_column < t->ncolumns)
		return r->cells[t->label_column];
	return t->ncolumns > 0 ? r->cells[0] : "";
}
