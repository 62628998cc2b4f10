/*
 * write_csv.c - RFC 4180 CSV (DESIGN.md "CSV").
 *
 * Comma-separated, CRLF line ends, quoted where needed, UTF-8; a cell a
 * spreadsheet would run as a formula is prefixed with ' unless --csv-raw.
 * The columns are the canonical fields, then each extra column once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "write.h"
#include "xalloc.h"

/* Canonical CSV columns: every field but last_update_text. */
static const enum tl_field csv_fields[] = {
	TL_API, TL_PERMISSION, TL_DISPLAY_NAME, TL_QUALIFIER, TL_TYPE,
	TL_PURPOSE, TL_LAST_UPDATE,
};
#define NCSV_FIELDS (sizeof(csv_fields) / sizeof(csv_fields[0]))

/*
 * A set of strings mapped to indexes, for finding column keys without
 * comparing every key with every other: a page may have thousands of
 * columns, and all.csv combines every page's.  Open addressing; the
 * strings are borrowed.
 */
struct key_index {
	const char	**keys;		/* NULL: free slot */
	size_t		 *at;
	size_t		  nslots;
};

static uint64_t
key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Room for n keys at most half full. */
static void
key_index_init(struct key_index *x, size_t n)
{
	x->nslots = 16;
	while (x->nslots < 2 * n)
		x->nslots *= 2;
	x->keys = xcalloc(x->nslots, sizeof(*x->keys));
	x->at = xcalloc(x->nslots, sizeof(*x->at));
}

static void
key_index_free(struct key_index *x)
{
	free(x->keys);
	free(x->at);
}

/* The index stored for key, or -1; *slot is where it is or would go. */
static long
key_index_find(const struct key_index *x, const char *key, size_t *slot)
{
	size_t i = (size_t)key_hash(key) & (x->nslots - 1);

	while (x->keys[i] != NULL && strcmp(x->keys[i], key) != 0)
		i = (i + 1) & (x->nslots - 1);
	*slot = i;
	return x->keys[i] != NULL ? (long)x->at[i] : -1;
}

void
tl_csv_columns_add(struct tl_csv_columns *c, const struct tl_page *page)
{
	struct key_index x;
	size_t t, i, slot, ncols = 0;

	for (t = 0; t < page->ntables; t++)
		ncols += page->tables[t].ncolumns;
	key_index_init(&x, c->n + ncols);
	for (i = 0; i < c->n; i++) {
		key_index_find(&x, c->keys[i], &slot);
		x.keys[slot] = c->keys[i];
		x.at[slot] = i;
	}
	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];

		for (i = 0; i < tab->ncolumns; i++) {
			const char *key = tab->columns[i].key;

			if (tab->columns[i].field != TL_EXTRA ||
			    key_index_find(&x, key, &slot) >= 0)
				continue;
			c->keys = xgrow(c->keys, &c->cap, c->n + 1,
			    sizeof(*c->keys));
			c->keys[c->n] = xstrdup(key);
			x.keys[slot] = c->keys[c->n];
			x.at[slot] = c->n++;
		}
	}
	key_index_free(&x);
}

void
tl_csv_columns_free(struct tl_csv_columns *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free((char *)c->keys[i]);
	free(c->keys);
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
	for (i = 0; i < c->n; i++) {
		buf_putc(b, ',');
		esc_csv(b, c->keys[i], 1);
	}
	buf_puts(b, "\r\n");
}

void
tl_csv_rows(struct buf *b, const struct tl_page *page,
    const struct tl_csv_columns *c, const char *page_name, int raw)
{
	size_t t, r, i;

	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];
		/* Where each extra key sits in this table (-1: absent). */
		long *where = xcalloc(c->n ? c->n : 1, sizeof(*where));
		struct key_index x;
		size_t slot;

		key_index_init(&x, tab->ncolumns);
		for (i = 0; i < tab->ncolumns; i++)
			if (tab->columns[i].field == TL_EXTRA &&
			    key_index_find(&x, tab->columns[i].key, &slot) < 0) {
				x.keys[slot] = tab->columns[i].key;
				x.at[slot] = i;
			}
		for (i = 0; i < c->n; i++)
			where[i] = key_index_find(&x, c->keys[i], &slot);
		key_index_free(&x);
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
			for (i = 0; i < c->n; i++) {
				buf_putc(b, ',');
				if (where[i] >= 0)
					esc_csv(b, row->cells[where[i]], raw);
			}
			buf_puts(b, "\r\n");
		}
		free(where);
	}
}

int
tl_write_csv(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	struct tl_csv_columns cols = {0};
	struct buf b = {0};

	(void)d;
	if (v->opts->csv_bom)
		buf_puts(&b, "\xEF\xBB\xBF");
	tl_csv_columns_add(&cols, v->page);
	tl_csv_header(&b, &cols, 0);
	tl_csv_rows(&b, v->page, &cols, NULL, v->opts->csv_raw);
	fwrite(b.data, 1, b.len, fp);
	buf_free(&b);
	tl_csv_columns_free(&cols);
	return ferror(fp) ? -1 : 0;
}
