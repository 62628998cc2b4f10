/*
 * write_csv.c - RFC 4180 CSV (docs/design.md "CSV").
 *
 * Comma-separated, CRLF line ends, quoted where needed, UTF-8; a cell a
 * spreadsheet would run as a formula is prefixed with ' unless --csv-raw.
 * The columns are the canonical fields, those of the vendors' shapes a
 * page has, then each extra column once.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "write/escape.h"
#include "base/map.h"
#include "write/write.h"
#include "base/xalloc.h"

/* Canonical CSV columns: every field but last_update_text and those of
 * the vendors' shapes below. */
static const enum tl_field csv_fields[] = {
	TL_API, TL_PERMISSION, TL_DISPLAY_NAME, TL_QUALIFIER, TL_TYPE,
	TL_PURPOSE, TL_LAST_UPDATE,
};
#define NCSV_FIELDS (sizeof(csv_fields) / sizeof(csv_fields[0]))

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

static void
shapes_add(struct tl_csv_columns *c, const struct tl_table *t)
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

static const char *
shape_value(const struct tl_row *row, int shape)
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

		shapes_add(c, tab);
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
		buf_puts(b, "page,");
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

void
tl_csv_rows(struct buf *b, FILE *fp, const struct tl_page *page,
    const struct tl_csv_columns *c, const char *page_name, int raw)
{
	size_t t, r, i;

	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];
		/* Where each extra key sits in this table (-1: absent). */
		long *where = xcalloc(c->n ? c->n : 1, sizeof(*where));
		size_t k;

		for (i = 0; i < c->n; i++)
			where[i] = -1;
		for (i = 0; i < tab->ncolumns; i++)
			if (tab->columns[i].field == TL_EXTRA &&
			    tl_map_get(&c->index, tab->columns[i].key, &k) &&
			    where[k] < 0)
				where[k] = (long)i;
		for (r = 0; r < tab->nrows; r++) {
			const struct tl_row *row = &tab->rows[r];

			if (page_name != NULL) {
				esc_csv(b, page_name, raw);
				buf_putc(b, ',');
			}
			for (i = 0; i < NCSV_FIELDS; i++) {
				const char *v = row->f[csv_fields[i]];

				if (i > 0)
					buf_putc(b, ',');
				esc_csv(b, v ? v : "", raw);
			}
			for (i = 0; i < NSHAPES; i++)
				if (c->shape[i]) {
					const char *v = shape_value(row, (int)i);

					buf_putc(b, ',');
					esc_csv(b, v ? v : "", raw);
				}
			for (i = 0; i < c->n; i++) {
				buf_putc(b, ',');
				if (where[i] >= 0)
					esc_csv(b, row->cells[where[i]], raw);
			}
			buf_puts(b, "\r\n");
			buf_spill(b, fp, 65536);
		}
		free(where);
	}
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
	tl_csv_rows(&b, fp, v->page, &cols, NULL, v->opts->csv_raw);
	buf_spill(&b, fp, 0);
	buf_free(&b);
	tl_csv_columns_free(&cols);
	return ferror(fp) ? -1 : 0;
}
