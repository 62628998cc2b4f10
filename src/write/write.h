/*
 * write.h - the writers: a normalised page onto a stream.
 *
 * Each writer reads the model, through a view (view.h), and nothing else
 * (no reader reaches in, no writer reaches back), and returns 0, or -1
 * when it failed: a template error is appended to d; a stream error is
 * left in the stream for the caller to report.  Every writer takes the
 * same arguments (convert.h lists them in a table): the view, read-only;
 * the templates of the thread it runs on (render.h; writers that use no
 * template ignore them); the stream; the diagnostics.
 */
#ifndef TABLOG_WRITE_H
#define TABLOG_WRITE_H

#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/map.h"
#include "model/table.h"
#include "template/value.h"
#include "write/view.h"

struct tl_renderer;

/* GFM pipe tables, one per table of the page, blank line between. */
int	tl_write_md(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
/* RFC 4180 CSV: canonical fields, then every extra column (by key, in
 * order of first appearance across the page's tables). */
int	tl_write_csv(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
/* The page object of context.h, pretty-printed. */
int	tl_write_json(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
/* Any value, indented as -f json writes it, with a final newline. */
int	tl_write_value(const struct tl_value *value, FILE *fp);
int	tl_write_json_value(json_t *value, FILE *fp);
/* Through templates: page.html (or table.html with o->fragment),
 * changelog.md, changelog.html, feed.xml. */
int	tl_write_html(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
int	tl_write_changelog(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
int	tl_write_changelog_html(const struct tl_view *v,
	    struct tl_renderer *r, FILE *fp, struct tl_diags *d);
int	tl_write_atom(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);

/* The CSV header and rows, for writers that combine pages (all.csv).
 * `page_name`, when not NULL, is written as a first `page` column.  A
 * zeroed tl_csv_columns is empty. */
struct tl_csv_columns {
	const char	**keys;		/* extra column keys, in order */
	size_t		 n, cap;
	struct tl_map index;		/* key -> its place in keys */
};
void	tl_csv_columns_add(struct tl_csv_columns *c, const struct tl_page *page);
void	tl_csv_columns_free(struct tl_csv_columns *c);
void	tl_csv_header(struct buf *b, const struct tl_csv_columns *c,
	    int with_page);
/* Rows go through b, which is spilled to fp as it fills.  flags:
 * TL_CSV_RAW (no formula guard), TL_CSV_MARKDOWN (a cell with markup
 * as GFM, tl_cell_md(), where its column is the cell as written). */
#define TL_CSV_RAW	1
#define TL_CSV_MARKDOWN	2
void	tl_csv_rows(struct buf *b, FILE *fp, const struct tl_page *page,
	    const struct tl_csv_columns *c, const char *page_name, int flags);

#endif
