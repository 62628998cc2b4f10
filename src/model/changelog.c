/*
 * changelog.c - rows grouped by month (see changelog.h); the changelogs
 * themselves are written through templates (write/render.c).
 */
#include "model/changelog.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/xalloc.h"

static int
month_key(const struct tl_changelog_entry *e)
{
	const struct tl_date *d = &e->row->date;

	return d->year == 0 ? -1 : d->year * 12 + d->month - 1;
}

/* Page order: tables and their rows are arrays in page order. */
static int
compare_order(const struct tl_changelog_entry *a,
    const struct tl_changelog_entry *b)
{
	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Undated last; months newest first (or oldest first); then page order. */
static int
compare_months(const void *pa, const void *pb, int descending)
{
	int x = month_key(pa), y = month_key(pb);

	if (x != y) {
		if (x < 0 || y < 0)
			return x < 0 ? 1 : -1;
		return (x < y) == descending ? 1 : -1;
	}
	return compare_order(pa, pb);
}

static int
compare_newest_first(const void *a, const void *b)
{
	return compare_months(a, b, 1);
}

static int
compare_oldest_first(const void *a, const void *b)
{
	return compare_months(a, b, 0);
}

/*
 * The entries are sorted in place (16 bytes each, no keyed copy): this
 * runs once the whole table is in memory, so what it allocates adds to
 * the peak.
 */
void
tl_changelog_build(struct tl_changelog *cl, const struct tl_page *page,
    int oldest_first)
{
	size_t total = 0, n = 0, i, t, cap = 0;

	memset(cl, 0, sizeof(*cl));
	for (t = 0; t < page->ntables; t++)
		total += page->tables[t].nrows;
	cl->all = xcalloc(total ? total : 1, sizeof(*cl->all));
	for (t = 0; t < page->ntables; t++)
		for (i = 0; i < page->tables[t].nrows; i++, n++) {
			cl->all[n].table = &page->tables[t];
			cl->all[n].row = &page->tables[t].rows[i];
		}
	qsort(cl->all, total, sizeof(*cl->all), oldest_first ?
	    compare_oldest_first : compare_newest_first);
	for (i = 0; i < total; i++) {
		struct tl_changelog_group *g;

		if (i == 0 || month_key(&cl->all[i]) !=
		    month_key(&cl->all[i - 1])) {
			cl->groups = xgrow(cl->groups, &cap, cl->ngroups + 1,
			    sizeof(*cl->groups));
			g = &cl->groups[cl->ngroups++];
			g->year = cl->all[i].row->date.year;
			g->month = cl->all[i].row->date.month;
			g->entries = &cl->all[i];
			g->n = 0;
		}
		cl->groups[cl->ngroups - 1].n++;
	}
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
