/*
 * write_md.c - GFM pipe tables.
 *
 * One table per table of the page, with its own headers; cells as
 * tl_cell_text() shows them, with their markup as GFM (tl_cell_md()),
 * escaped so that cmark-gfm reads back the same text and markup.
 */
#include "base/buf.h"
#include "write/context.h"
#include "write/escape.h"
#include "write/write.h"

static void
table_md(struct buf *b, FILE *fp, const struct tl_table *t)
{
	struct buf cell = {0};
	size_t r, i;

	buf_putc(b, '|');
	for (i = 0; i < t->ncolumns; i++) {
		buf_putc(b, ' ');
		esc_md_cell(b, t->columns[i].header);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|");
	for (i = 0; i < t->ncolumns; i++)
		buf_puts(b, "---|");
	buf_putc(b, '\n');
	for (r = 0; r < t->nrows; r++) {
		buf_putc(b, '|');
		for (i = 0; i < t->ncolumns; i++) {
			buf_reset(&cell);
			tl_cell_md(&cell, t, &t->rows[r], i, 1);
			buf_putc(b, ' ');
			buf_put(b, cell.data, cell.len);
			buf_puts(b, cell.len ? " |" : "|");
		}
		buf_putc(b, '\n');
		buf_spill(b, fp, 65536);
	}
	buf_free(&cell);
}

int
tl_write_md(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	const struct tl_page *page = v->page;
	struct buf b = {0};
	size_t t;

	(void)r;
	(void)d;
	for (t = 0; t < page->ntables; t++) {
		if (t > 0)
			buf_putc(&b, '\n');
		table_md(&b, fp, &page->tables[t]);
	}
	buf_spill(&b, fp, 0);
	buf_free(&b);
	return ferror(fp) ? -1 : 0;
}
