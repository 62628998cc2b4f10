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
/* An xlsx workbook (write_xlsx.c): a sheet per table, then Changelog.
 * Binary: tl_convert_stream() refuses a terminal. */
int	tl_write_xlsx(const struct tl_view *v, struct tl_renderer *r,
	    FILE *fp, struct tl_diags *d);
/* A site's all.xlsx: every row of the n pages' views (in order) on the
 * sheet Rows, page_title, page and table first, and their changelog;
 * `title` is the workbook's. */
int	tl_write_xlsx_site(const struct tl_view *const *views, size_t n,
	    const char *title, FILE *fp, struct tl_diags *d);
/*
 * The rules of Excel's files that write_xlsx.c follows, on their own for
 * the tests.
 *
 * tl_xlsx_string(): append to out the text a string cell holds for s: at
 * most 32767 characters (UTF-16 units) as Excel reads them, cut at a
 * character, each literal "_xHHHH_" escaped as "_x005F_xHHHH_" (else
 * Excel reads U+HHHH).  1 when s was cut, else 0; *width (may be NULL)
 * the widest line's width in columns (wide East Asian characters two),
 * up to 60.
 */
int	tl_xlsx_string(struct buf *out, const char *s, unsigned *width);
/* The first http, https or mailto URL written in text, *len its length
 * (up to white space or < > ", less a sentence's closing punctuation and
 * a ')' it did not open), or NULL. */
const char *tl_xlsx_url_in_text(const char *text, size_t *len);
/* Make url a hyperlink Excel takes, in place: bytes outside printable
 * ASCII and " < > [ ] ` ^ { } \ | (and a % that starts no escape)
 * %-encoded; -1 (url emptied) when it is not http, https or mailto, is
 * longer than 2079 characters, or holds "internal:" or "external:"
 * (libxlsxwriter's own link syntax). */
int	tl_xlsx_url(struct buf *url);
/* The sheet names of a workbook.  A zeroed struct is empty. */
struct tl_sheet_names {
	char		**v;		/* folded, then as given, per name */
	size_t		 n, cap;
	struct tl_map	 taken;		/* folded name -> index in v */
};
/*
 * A sheet name from `want` (NULL: none) by Excel's rules, different from
 * every name taken so far, which it then is (the result lives as long as
 * names): [ ] : * ? / \, line breaks and "_xHHHH_" made spaces, runs of
 * spaces one, no ' or space at either end, at most 31 characters, not
 * "History", unique whatever the case of its ASCII letters ("NAME (2)",
 * "NAME (3)" ...).  An empty result becomes `fallback`.
 */
const char *tl_sheet_name(struct tl_sheet_names *names, const char *want,
	    const char *fallback);
void	tl_sheet_names_free(struct tl_sheet_names *names);
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

#define TL_CSV_NSHAPES 3

/* The CSV header and rows, for writers that combine pages (all.csv,
 * all.xlsx).  `with_page`: each row starts with its page's title
 * (tl_page_shown_title()), slug and table number (from 1), as
 * `page_title`, `page` and `table`.  A zeroed tl_csv_columns is empty. */
struct tl_csv_columns {
	const char	**keys;		/* extra column keys, in order */
	size_t		 n, cap;
	struct tl_map index;		/* key -> its place in keys */
	/* Columns written only when a row has a value for them (see
	 * write_csv.c): type_qualifier, higher_privileged, supported. */
	unsigned char	 shape[TL_CSV_NSHAPES];
};
void	tl_csv_columns_add(struct tl_csv_columns *c, const struct tl_page *page);
/* Mark in c the shape columns the rows of table t have values for. */
void	tl_csv_shapes_add(struct tl_csv_columns *c, const struct tl_table *t);
/* Shape column i (< TL_CSV_NSHAPES): its name, and a row's value in it
 * (NULL: none), as the CSV writes them; the spreadsheet writes the same. */
const char *tl_csv_shape_name(int i);
const char *tl_csv_shape_value(const struct tl_row *row, int i);
void	tl_csv_columns_free(struct tl_csv_columns *c);
void	tl_csv_header(struct buf *b, const struct tl_csv_columns *c,
	    int with_page);
/* Rows go through b, which is spilled to fp as it fills.  flags:
 * TL_CSV_RAW (no formula guard), TL_CSV_MARKDOWN (a cell with markup
 * as GFM, tl_cell_md(), where its column is the cell as written). */
#define TL_CSV_RAW	1
#define TL_CSV_MARKDOWN	2
void	tl_csv_rows(struct buf *b, FILE *fp, const struct tl_page *page,
	    const struct tl_csv_columns *c, int with_page, int flags);
/* What a page is called where pages are listed: its title, else its
 * slug. */
const char *tl_page_shown_title(const struct tl_page *page);

#endif
