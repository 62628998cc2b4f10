/*
 * write_csv.c - RFC 4180 CSV (docs/design.md "CSV").
 *
 * Comma-separated, CRLF line ends, quoted where needed, UTF-8; a cell a
 * spreadsheet would run as a formula is prefixed with ' unless --csv-raw
 * (CSV's only defence: a spreadsheet decides what a CSV cell is).  The
 * columns are the canonical fields, those of the vendors' shapes a page
 * has, then each extra column once; all.csv puts the page and table
 * first.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "write/context.h"
#include "write/escape.h"
#include "base/map.h"
#include "write/write.h"
#include "base/xalloc.h"

/* Canonical CSV columns: every field in the model's order, but those of
 * the vendors' shapes below. */
static const enum tl_field csv_fields[] = {
	TL_API, TL_PERMISSION, TL_DISPLAY_NAME, TL_QUALIFIER, TL_TYPE,
	TL_PURPOSE, TL_LAST_UPDATE, TL_LAST_UPDATE_TEXT,
};
#define NCSV_FIELDS (sizeof(csv_fields) / sizeof(csv_fields[0]))

const char *
tl_page_shown_title(const struct tl_page *page)
{
	return page->title != NULL ? page->title : page->slug;
}

/*
 * Columns of the vendors' shapes, after the canonical ones, only in a
 * CSV of pages that have them: what tells two Delegated rows apart (the
 * account), the higher privileged permissions joined by ", ", and
 * `false` for a permission not supported.  type_text is left out: the
 * page's own word is in the JSON, the CSV has the canonical type.
 */
enum { SHAPE_QUALIFIER, SHAPE_HIGHER, SHAPE_SUPPORTED, NSHAPES };
static const char *const shape_names[NSHAPES] = {
	"type_qualifier", "higher_privileged", "supported",
};
_Static_assert(NSHAPES == TL_CSV_NSHAPES, "write.h counts the shapes");

const char *
tl_csv_shape_name(int i)
{
	return shape_names[i];
}

void
tl_csv_shapes_add(struct tl_csv_columns *c, const struct tl_table *t)
{
	size_t r;

	for (r = 0; r < t->nrows; r++) {
		const struct tl_row *row = &t->rows[r];

		c->shape[SHAPE_QUALIFIER] |= row->f[TL_TYPE_QUALIFIER] != NULL;
		c->shape[SHAPE_HIGHER] |=
		    row->f[TL_HIGHER_PRIVILEGED] != NULL;
		c->shape[SHAPE_SUPPORTED] |= row->unsupported;
	}
}

const char *
tl_csv_shape_value(const struct tl_row *row, int shape)
{
	switch (shape) {
	case SHAPE_QUALIFIER:
		return row->f[TL_TYPE_QUALIFIER];
	case SHAPE_HIGHER:
		return row->f[TL_HIGHER_PRIVILEGED];
	default:
		return row->unsupported ? "false" : "true";
	}
}

void
tl_csv_columns_add(struct tl_csv_columns *c, const struct tl_page *page)
{
	size_t t, i;

	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];

		tl_csv_shapes_add(c, tab);
		for (i = 0; i < tab->ncolumns; i++) {
			const char *key = tab->columns[i].key;

			if (tab->columns[i].field != TL_EXTRA ||
			    tl_map_get(&c->index, key, NULL))
				continue;
			c->keys = xgrow(c->keys, &c->cap, c->n + 1,
			    sizeof(*c->keys));
			c->keys[c->n] = xstrdup(key);
			tl_map_put(&c->index, c->keys[c->n], c->n);
			c->n++;
		}
	}
}

void
tl_csv_columns_free(struct tl_csv_columns *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free((char *)c->keys[i]);
	free(c->keys);
	tl_map_free(&c->index);
	memset(c, 0, sizeof(*c));
}

void
tl_csv_header(struct buf *b, const struct tl_csv_columns *c, int with_page)
{
	size_t i;

	if (with_page)
		buf_puts(b, "page_title,page,table,");
	for (i = 0; i < NCSV_FIELDS; i++) {
		if (i > 0)
			buf_putc(b, ',');
		buf_puts(b, tl_field_name(csv_fields[i]));
	}
	for (i = 0; i < NSHAPES; i++)
		if (c->shape[i]) {
			buf_putc(b, ',');
			buf_puts(b, shape_names[i]);
		}
	for (i = 0; i < c->n; i++) {
		buf_putc(b, ',');
		esc_csv(b, c->keys[i], 1);
	}
	buf_puts(b, "\r\n");
}

/*
 * One value: with --csv-markdown, a value that is a whole cell with
 * markup (its pointer is the cell's) is that cell as GFM.
 */
static void
csv_value(struct buf *b, struct buf *md, const struct tl_table *t,
    const struct tl_row *row, int col, const char *v, int flags)
{
	int raw = (flags & TL_CSV_RAW) != 0;

	if ((flags & TL_CSV_MARKDOWN) && col >= 0 && v == row->cells[col] &&
	    tl_cell_has_markup(t, row, (size_t)col)) {
		buf_reset(md);
		tl_cell_md(md, t, row, (size_t)col, 0);
		esc_csv(b, buf_str(md), raw);
		return;
	}
	esc_csv(b, v ? v : "", raw);
}

void
tl_csv_rows(struct buf *b, FILE *fp, const struct tl_page *page,
    const struct tl_csv_columns *c, int with_page, int flags)
{
	struct buf md = {0};
	size_t t, r, i;
	int raw = (flags & TL_CSV_RAW) != 0;

	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];
		/* Where each extra key sits in this table (-1: absent). */
		long *where = xcalloc(c->n ? c->n : 1, sizeof(*where));
		int fcol[NCSV_FIELDS];
		size_t k;

		for (i = 0; i < NCSV_FIELDS; i++)
			fcol[i] = tl_table_field_column(tab, csv_fields[i]);

		for (i = 0; i < c->n; i++)
			where[i] = -1;
		for (i = 0; i < tab->ncolumns; i++)
			if (tab->columns[i].field == TL_EXTRA &&
			    tl_map_get(&c->index, tab->columns[i].key, &k) &&
			    where[k] < 0)
				where[k] = (long)i;
		for (r = 0; r < tab->nrows; r++) {
			const struct tl_row *row = &tab->rows[r];

			if (with_page) {
				esc_csv(b, tl_page_shown_title(page), raw);
				buf_putc(b, ',');
				esc_csv(b, page->slug, raw);
				buf_printf(b, ",%zu,", t + 1);
			}
			for (i = 0; i < NCSV_FIELDS; i++) {
				if (i > 0)
					buf_putc(b, ',');
				csv_value(b, &md, tab, row, fcol[i],
				    row->f[csv_fields[i]], flags);
			}
			for (i = 0; i < NSHAPES; i++)
				if (c->shape[i]) {
					const char *v = tl_csv_shape_value(row, (int)i);

					buf_putc(b, ',');
					esc_csv(b, v ? v : "", raw);
				}
			for (i = 0; i < c->n; i++) {
				buf_putc(b, ',');
				if (where[i] >= 0)
					csv_value(b, &md, tab, row,
					    (int)where[i], row->cells[where[i]],
					    flags);
			}
			buf_puts(b, "\r\n");
			buf_spill(b, fp, 65536);
		}
		free(where);
	}
	buf_free(&md);
}

int
tl_write_csv(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_csv_columns cols = {0};
	struct buf b = {0};

	(void)r;
	(void)d;
	if (v->opts->csv_bom)
		buf_puts(&b, "\xEF\xBB\xBF");
	tl_csv_columns_add(&cols, v->page);
	tl_csv_header(&b, &cols, 0);
	tl_csv_rows(&b, fp, v->page, &cols, 0,
	    (v->opts->csv_raw ? TL_CSV_RAW : 0) |
	    (v->opts->csv_markdown ? TL_CSV_MARKDOWN : 0));
	buf_spill(&b, fp, 0);
	buf_free(&b);
	tl_csv_columns_free(&cols);
	return ferror(fp) ? -1 : 0;
}
