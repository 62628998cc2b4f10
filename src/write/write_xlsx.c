/*
 * write_xlsx.c - spreadsheets: Office Open XML workbooks through
 * libxlsxwriter (docs/design.md "XLSX").
 *
 * `-f xlsx` gives one sheet per table and a "Changelog" sheet; a site's
 * all.xlsx gives "Rows" (every row of every page) and "Changelog".  Each
 * sheet has its header row frozen, an autofilter over its rows, columns
 * as wide as their content (capped), dates as date cells, text as
 * strings (never formulas: no ' is needed, as CSV needs), and a link as
 * a real hyperlink.
 *
 * libxlsxwriter writes a workbook to a file name, and prints on standard
 * error when it cannot; library code must not print, and a destination
 * tablog writes is made through base/output.c alone.  So it never sees
 * the destination: it writes to a file of our own that has no name in any
 * folder (tmpfile(3)), reached as /proc/self/fd/N, and the bytes are then
 * copied to the writer's stream (the temporary of an outfile, renamed
 * into place, or standard output).  A failure there is ours to report.
 *
 * Whatever the page holds, no call here makes libxlsxwriter warn: every
 * limit it checks (sheet names, cell length, URLs, rows, columns) is
 * checked first, and what is past one is cut or left out as "XLSX" says.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/map.h"
#include "base/utf8.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "model/changelog.h"
#include "write/write.h"

/* Excel's limits (libxlsxwriter refuses, and warns, past them). */
#define XLSX_ROWS	1048576		/* a sheet's rows, its header's too */
#define XLSX_COLUMNS	16384		/* a sheet's columns */
#define XLSX_CELL	32767		/* characters (UTF-16 units) a cell */
#define XLSX_URL	2079		/* characters of a hyperlink */
#define XLSX_LINKS	65530		/* hyperlinks in a sheet */
#define XLSX_NAME	31		/* characters of a sheet's name */
#define XLSX_TITLE	255		/* a document property, to be safe */
/* A page's workbook with at least this many rows in at most this many
 * sheets is written as a site's is, rows to disk as they go (see
 * book_open()): a 100,000-row page held 200 MB more in memory. */
#define XLSX_STREAM_ROWS	10000
#define XLSX_STREAM_SHEETS	16

/* Column widths, in characters of the default font. */
#define WIDTH_MIN	6
#define WIDTH_MAX	60
#define WIDTH_DATE	12		/* "30 Sep 2023" */
#define WIDTH_FILTER	2		/* the autofilter's button */

/* The canonical fields of a row as columns: every field, the date as a
 * date cell, with its precision beside it. */
static const char *const field_header[] = {
	"api", "permission", "display_name", "qualifier", "type", "purpose",
	"last_update", "last_update_precision", "last_update_text",
};
#define NFIELD_COLS (sizeof(field_header) / sizeof(field_header[0]))

/* A workbook being written. */
struct book {
	lxw_workbook	*wb;
	lxw_format	*header, *text, *link, *day, *month, *number;
	struct tl_sheet_names names;
	struct buf	 cell, url;	/* scratch */
	struct tl_diags	*d;
	lxw_error	 err;		/* the first call that failed */
	/* Cells cut to XLSX_CELL: how many, and the first one's page and
	 * line (counted until the Changelog, which repeats the rows);
	 * columns past XLSX_COLUMNS left out. */
	int		 count_cuts;
	size_t		 cut;
	const char	*cut_file;
	unsigned	 cut_line;
	size_t		 columns_left_out;
};

/* A sheet being written, row by row. */
struct sheet {
	lxw_worksheet	*ws;
	const char	*name;
	size_t		 ncols;		/* columns written, at most XLSX_COLUMNS */
	unsigned	*width;		/* [ncols], in characters */
	lxw_row_t	 row;		/* the row being written; 0: header */
	size_t		 rows_left_out;	/* past XLSX_ROWS */
	size_t		 links;
};

/* ---- text -------------------------------------------------------------- */

/* How many columns a character takes: two for the wide characters of
 * East Asian scripts (Unicode's East Asian Width W and F, roughly). */
static unsigned
char_width(long cp)
{
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/*
 * Measure s: the width of its widest line (stopping at WIDTH_MAX) into
 * *width, and how many of its bytes hold at most `units` UTF-16 units
 * (cut at a character) as the result.  Text in the model is valid UTF-8;
 * a byte that is not counts as one character.
 */
static size_t
measure(const char *s, size_t len, size_t units, unsigned *width)
{
	size_t i = 0, used = 0, n;
	unsigned line = 0;
	long cp;

	*width = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			n = 1;
		} else if ((n = tl_utf8_decode((const unsigned char *)s + i,
		    len - i, &cp)) == 0) {
			cp = 0xFFFD;
			n = 1;
		}
		used += cp >= 0x10000 ? 2 : 1;
		if (used > units)
			break;
		if (cp == '\n') {
			line = 0;
		} else if (line < WIDTH_MAX) {
			line += char_width(cp);
			if (line > *width)
				*width = line;
		}
		i += n;
	}
	return i;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* "_xHHHH_" at s: what a spreadsheet reads as the character U+HHHH in
 * any string of the file (ECMA-376, ST_Xstring). */
static int
xstring_escape_at(const char *s)
{
	return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) &&
	    is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

int
tl_xlsx_string(struct buf *out, const char *s, unsigned *width)
{
	size_t len = strlen(s), escapes = 0, budget = XLSX_CELL, fit, i, run;
	const char *p;
	unsigned w;

	for (p = strstr(s, "_x"); p != NULL; p = strstr(p + 1, "_x"))
		escapes += xstring_escape_at(p);
	/* libxlsxwriter counts the characters written, escapes included:
	 * leave room for them. */
	budget = escapes * 6 < XLSX_CELL ? XLSX_CELL - escapes * 6 : 0;
	fit = measure(s, len, budget, width ? width : &w);
	/* Copied in runs, "_x005F" (an escaped '_') before each '_' that
	 * would start an escape. */
	for (i = run = 0; escapes > 0 && i < fit; i++) {
		if (s[i] == '_' && i + 7 <= fit && xstring_escape_at(s + i)) {
			buf_put(out, s + run, i - run);
			buf_puts(out, "_x005F");
			run = i;
		}
	}
	buf_put(out, s + run, fit - run);
	return fit < len;
}

/* ---- links ------------------------------------------------------------- */

/* The length of s's scheme when s starts a web or mail link (any case),
 * else 0. */
static size_t
link_scheme(const char *s)
{
	static const char *const schemes[] = { "https://", "http://",
	    "mailto:" };
	size_t i, n;

	/* Called at each word start of every cell's text: most fail here. */
	if ((*s | 0x20) != 'h' && (*s | 0x20) != 'm')
		return 0;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		n = strlen(schemes[i]);
		if (strncasecmp(s, schemes[i], n) == 0 &&
		    (unsigned char)s[n] > ' ')
			return n;
	}
	return 0;
}

const char *
tl_xlsx_url_in_text(const char *text, size_t *len)
{
	const char *p, *end;
	size_t open = 0, close = 0;

	for (p = text; *p != '\0'; p++) {
		if ((p == text || !((p[-1] >= 'a' && p[-1] <= 'z') ||
		    (p[-1] >= 'A' && p[-1] <= 'Z'))) && link_scheme(p) > 0)
			break;
	}
	if (*p == '\0')
		return NULL;
	for (end = p; (unsigned char)*end > ' ' &&
	    strchr("<>\"", *end) == NULL; end++) {
		open += *end == '(';
		close += *end == ')';
	}
	while (end > p && (strchr(".,;:!?'", end[-1]) != NULL ||
	    (end[-1] == ')' && close > open))) {
		close -= end[-1] == ')';
		end--;
	}
	*len = (size_t)(end - p);
	return *len > link_scheme(p) ? p : NULL;
}

/*
 * The link a cell of the model gets in a spreadsheet, appended to url: 0,
 * or -1 for none.  A spreadsheet cell holds one hyperlink, so it is the
 * cell's first link (its href already resolved against the page's URL
 * by the reader), else the first web address written in its text.
 */
static int
cell_link(const struct tl_row *row, int col, struct buf *url)
{
	const struct tl_markup *m;
	const char *href;
	size_t i, len = 0;

	if (col < 0)
		return -1;
	m = tl_cell_markup(row, (size_t)col);
	for (i = 0; m != NULL && i < m->n; i++) {
		if (m->v[i].kind == TL_MARK_LINK && m->v[i].href != NULL &&
		    link_scheme(m->v[i].href) > 0) {
			buf_put(url, m->v[i].href, strlen(m->v[i].href));
			return 0;
		}
	}
	href = tl_xlsx_url_in_text(row->cells[col], &len);
	if (href == NULL)
		return -1;
	buf_put(url, href, len);
	return 0;
}

int
tl_xlsx_url(struct buf *url)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf out = {0};
	size_t i;
	int rc = 0;

	for (i = 0; i < url->len; i++) {
		unsigned char c = (unsigned char)url->data[i];
		int escape = c == '%' && i + 2 < url->len &&
		    is_hex(url->data[i + 1]) && is_hex(url->data[i + 2]);

		if (c <= ' ' || c >= 0x7F || (c == '%' && !escape) ||
		    strchr("\"<>[]`^{}\\|", c) != NULL) {
			buf_putc(&out, '%');
			buf_putc(&out, hex[c >> 4]);
			buf_putc(&out, hex[c & 15]);
		} else {
			buf_putc(&out, (char)c);
		}
	}
	if (out.len == 0 || out.len > XLSX_URL || link_scheme(out.data) == 0 ||
	    strstr(out.data, "internal:") != NULL ||
	    strstr(out.data, "external:") != NULL)
		rc = -1;
	buf_reset(url);
	if (rc == 0)
		buf_put(url, out.data, out.len);
	buf_free(&out);
	return rc;
}

/* ---- sheet names ------------------------------------------------------- */

/* Append to out the first `units` UTF-16 units' worth of s. */
static void
put_units(struct buf *out, const char *s, size_t units)
{
	size_t i = 0, n, len = strlen(s), used = 0;
	long cp;

	buf_put(out, "", 0);
	while (i < len) {
		if ((n = tl_utf8_decode((const unsigned char *)s + i, len - i,
		    &cp)) == 0)
			break;
		used += cp >= 0x10000 ? 2 : 1;
		if (used > units)
			break;
		buf_put(out, s + i, n);
		i += n;
	}
}

/* Trim spaces and apostrophes (which a name may not start or end with)
 * from both ends of b. */
static void
trim_name(struct buf *b)
{
	size_t start = 0;

	while (b->len > 0 && (b->data[b->len - 1] == ' ' ||
	    b->data[b->len - 1] == '\''))
		b->data[--b->len] = '\0';
	while (start < b->len && (b->data[start] == ' ' ||
	    b->data[start] == '\''))
		start++;
	if (start > 0) {
		memmove(b->data, b->data + start, b->len - start + 1);
		b->len -= start;
	}
}

/* A sheet name as Excel compares them: ASCII letters in one case. */
static char *
fold_name(const char *s)
{
	char *f = xstrdup(s), *p;

	for (p = f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

static int
name_taken(const struct tl_sheet_names *names, const char *name)
{
	char *f = fold_name(name);
	int taken = tl_map_get(&names->taken, f, NULL) ||
	    strcmp(f, "history") == 0;	/* Excel keeps it for itself */

	free(f);
	return taken;
}

const char *
tl_sheet_name(struct tl_sheet_names *names, const char *want,
    const char *fallback)
{
	struct buf clean = {0}, name = {0};
	const char *p;
	unsigned k;

	for (p = want ? want : ""; *p != '\0'; p++) {
		char c = strchr("[]:*?/\\", *p) != NULL ||
		    (unsigned char)*p < ' ' || xstring_escape_at(p) ? ' ' : *p;

		if (c != ' ' || (clean.len > 0 &&
		    clean.data[clean.len - 1] != ' '))
			buf_putc(&clean, c);
	}
	trim_name(&clean);
	if (clean.len == 0) {
		buf_reset(&clean);
		buf_puts(&clean, fallback);
	}
	put_units(&name, clean.data, XLSX_NAME);
	trim_name(&name);
	for (k = 2; name.len == 0 || name_taken(names, name.data); k++) {
		char suffix[32];
		int n = snprintf(suffix, sizeof(suffix), " (%u)", k);

		buf_reset(&name);
		put_units(&name, clean.data, XLSX_NAME - (size_t)n);
		trim_name(&name);
		buf_puts(&name, suffix);
	}
	names->v = xgrow(names->v, &names->cap, names->n + 2,
	    sizeof(*names->v));
	/* The folded name (the map's key), then the name itself. */
	names->v[names->n] = fold_name(name.data);
	tl_map_put(&names->taken, names->v[names->n], names->n);
	names->v[names->n + 1] = xstrdup(name.data);
	names->n += 2;
	buf_free(&clean);
	buf_free(&name);
	return names->v[names->n - 1];
}

void
tl_sheet_names_free(struct tl_sheet_names *names)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	tl_map_free(&names->taken);
	memset(names, 0, sizeof(*names));
}

/* ---- the book ------------------------------------------------------------ */

static int
failed(struct book *b, lxw_error err)
{
	if (err != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = err;
	return err != LXW_NO_ERROR;
}

static void
book_formats(struct book *b)
{
	lxw_workbook *wb = b->wb;

	b->header = workbook_add_format(wb);
	format_set_bold(b->header);
	format_set_align(b->header, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(b->header, LXW_BORDER_THIN);
	/* Text: wrapped in its column, and typed as text ("@"), so that a
	 * person editing a cell does not turn it into a formula either. */
	b->text = workbook_add_format(wb);
	format_set_num_format(b->text, "@");
	format_set_text_wrap(b->text);
	format_set_align(b->text, LXW_ALIGN_VERTICAL_TOP);
	b->link = workbook_add_format(wb);
	format_set_num_format(b->link, "@");
	format_set_text_wrap(b->link);
	format_set_align(b->link, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_color(b->link, LXW_COLOR_BLUE);
	format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
	b->day = workbook_add_format(wb);
	format_set_num_format(b->day, "d mmm yyyy");
	format_set_align(b->day, LXW_ALIGN_LEFT);
	format_set_align(b->day, LXW_ALIGN_VERTICAL_TOP);
	b->month = workbook_add_format(wb);
	format_set_num_format(b->month, "mmm yyyy");
	format_set_align(b->month, LXW_ALIGN_LEFT);
	format_set_align(b->month, LXW_ALIGN_VERTICAL_TOP);
	b->number = workbook_add_format(wb);
	format_set_align(b->number, LXW_ALIGN_LEFT);
	format_set_align(b->number, LXW_ALIGN_VERTICAL_TOP);
}

/* The newest date among the pages' rows, as a time: the workbook's
 * creation time, so that the same pages give the same bytes.  With no
 * date, 1980-01-01, the date libxlsxwriter gives the files in the zip
 * (libxlsxwriter takes 0 for "now"). */
static time_t
book_time(const struct tl_view *const *views, size_t n)
{
	struct tl_date newest = {0};
	size_t i, t, r;

	for (i = 0; i < n; i++)
		for (t = 0; t < views[i]->page->ntables; t++) {
			const struct tl_table *tab = &views[i]->page->tables[t];

			for (r = 0; r < tab->nrows; r++)
				if (tab->rows[r].date.year != 0 &&
				    tl_date_cmp(&tab->rows[r].date, &newest) > 0)
					newest = tab->rows[r].date;
		}
	if (newest.year == 0)
		return (time_t)tl_days_from_civil(1980, 1, 1) * 86400;
	return (time_t)tl_days_from_civil(newest.year, newest.month,
	    newest.day ? newest.day : 1) * 86400;
}

/*
 * Open a workbook writing to `file` (a name libxlsxwriter can open),
 * with its properties.  `constant`: rows go to disk as they are written
 * (libxlsxwriter's constant_memory), for a site's many rows and a big
 * page's (streamed()); it costs a temporary file per sheet, so a page
 * with many tables, a sheet each, is kept in memory.
 */
static int
book_open(struct book *b, const char *file, const char *title, time_t when,
    int constant, struct tl_diags *d)
{
	lxw_workbook_options opts;
	lxw_doc_properties props;
	struct buf t = {0};

	memset(b, 0, sizeof(*b));
	b->d = d;
	b->count_cuts = 1;
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = constant ? LXW_TRUE : LXW_FALSE;
	if ((b->wb = workbook_new_opt(file, &opts)) == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0,
		    "cannot start a spreadsheet: %s", strerror(errno ?
		    errno : ENOMEM));
		return -1;
	}
	book_formats(b);
	memset(&props, 0, sizeof(props));
	if (title != NULL) {
		put_units(&t, title, XLSX_TITLE);
		props.title = t.data;
	}
	props.created = when;
	failed(b, workbook_set_properties(b->wb, &props));
	failed(b, workbook_set_custom_property_string(b->wb, "generator",
	    "tablog " TL_VERSION));
	buf_free(&t);
	/* The name the Changelog sheet will have: no table takes it. */
	tl_sheet_name(&b->names, "Changelog", "Changelog");
	return 0;
}

/* Close the workbook, writing it; 0 or -1 with an error. */
static int
book_close(struct book *b)
{
	lxw_error err = workbook_close(b->wb);
	int rc = 0;

	if (b->err == LXW_NO_ERROR && err != LXW_NO_ERROR)
		b->err = err;
	if (b->err != LXW_NO_ERROR) {
		tl_diag_kind(b->d, TL_ERROR, TL_DK_WRITE, NULL, 0,
		    "cannot write the spreadsheet: %s", lxw_strerror(b->err));
		rc = -1;
	} else if (b->cut > 0) {
		tl_diag_kind(b->d, TL_WARNING, TL_DK_WRITE, b->cut_file,
		    b->cut_line, "%zu %s cut to fit the xlsx (a cell "
		    "holds %d characters)", b->cut,
		    b->cut == 1 ? "cell" : "cells", XLSX_CELL);
	}
	if (rc == 0 && b->columns_left_out > 0)
		tl_diag_kind(b->d, TL_WARNING, TL_DK_WRITE, NULL, 0,
		    "%zu %s left out of the xlsx (a sheet holds %d)",
		    b->columns_left_out, b->columns_left_out == 1 ?
		    "column" : "columns", XLSX_COLUMNS);
	tl_sheet_names_free(&b->names);
	buf_free(&b->cell);
	buf_free(&b->url);
	return rc;
}

/* ---- sheets -------------------------------------------------------------- */

/* Start a sheet named `name` with a header row of `ncols` names, made
 * of `fixed` names then the names in `more` (NULL: none). */
static void
sheet_start(struct book *b, struct sheet *sh, const char *name,
    const char *const *fixed, size_t nfixed, const char *const *more,
    size_t nmore)
{
	size_t c;

	memset(sh, 0, sizeof(*sh));
	sh->name = name;
	sh->ws = workbook_add_worksheet(b->wb, name);
	sh->ncols = nfixed + nmore;
	if (sh->ncols > XLSX_COLUMNS) {
		b->columns_left_out += sh->ncols - XLSX_COLUMNS;
		sh->ncols = XLSX_COLUMNS;
	}
	sh->width = xcalloc(sh->ncols ? sh->ncols : 1, sizeof(*sh->width));
	if (sh->ws == NULL) {
		failed(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (c = 0; c < sh->ncols; c++) {
		unsigned w;

		buf_reset(&b->cell);
		tl_xlsx_string(&b->cell, c < nfixed ? fixed[c] :
		    more[c - nfixed], &w);
		sh->width[c] = w + WIDTH_FILTER < WIDTH_MIN ? WIDTH_MIN :
		    w + WIDTH_FILTER;
		failed(b, worksheet_write_string(sh->ws, 0, (lxw_col_t)c,
		    b->cell.data, b->header));
	}
	worksheet_freeze_panes(sh->ws, 1, 0);
}

/* Move to the next row; 0, or -1 when the sheet is full (the row is then
 * counted as left out). */
static int
sheet_row(struct sheet *sh)
{
	if (sh->ws == NULL || sh->row + 1 >= XLSX_ROWS) {
		sh->rows_left_out++;
		return -1;
	}
	sh->row++;
	return 0;
}

static void
sheet_width(struct sheet *sh, size_t col, unsigned w)
{
	if (w < WIDTH_MIN)
		w = WIDTH_MIN;
	if (w > WIDTH_MAX)
		w = WIDTH_MAX;
	if (w > sh->width[col])
		sh->width[col] = w;
}

/* The autofilter over the rows written, the widths, and the warning for
 * rows past the limit. */
static void
sheet_end(struct book *b, struct sheet *sh)
{
	size_t c;

	if (sh->ws != NULL && sh->ncols > 0) {
		failed(b, worksheet_autofilter(sh->ws, 0, 0, sh->row,
		    (lxw_col_t)(sh->ncols - 1)));
		for (c = 0; c < sh->ncols; c++)
			failed(b, worksheet_set_column(sh->ws, (lxw_col_t)c,
			    (lxw_col_t)c, sh->width[c], NULL));
	}
	if (sh->rows_left_out > 0)
		tl_diag_kind(b->d, TL_WARNING, TL_DK_WRITE, NULL, 0,
		    "sheet '%s': %zu %s left out of the xlsx (a sheet holds "
		    "%d, the header's too)", sh->name, sh->rows_left_out,
		    sh->rows_left_out == 1 ? "row" : "rows", XLSX_ROWS);
	free(sh->width);
	sh->width = NULL;
}

/* ---- cells -------------------------------------------------------------- */

/*
 * A text cell: a string, never a formula, cut to what a cell holds; with
 * a hyperlink when `url` holds one that a sheet can have.  `file` and
 * `line` name the cell's row for the warning about cut cells.
 */
static void
put_text(struct book *b, struct sheet *sh, size_t col, const char *s,
    struct buf *url, const char *file, unsigned line)
{
	unsigned w;

	if (col >= sh->ncols)
		return;
	buf_reset(&b->cell);
	if (tl_xlsx_string(&b->cell, s, &w) && b->count_cuts &&
	    b->cut++ == 0) {
		b->cut_file = file;
		b->cut_line = line;
	}
	sheet_width(sh, col, w);
	if (url != NULL && url->len > 0 && sh->links < XLSX_LINKS &&
	    tl_xlsx_url(url) == 0) {
		sh->links++;
		failed(b, worksheet_write_url_opt(sh->ws, sh->row,
		    (lxw_col_t)col, url->data, b->link,
		    b->cell.len > 0 ? b->cell.data : NULL, NULL));
	} else if (b->cell.len > 0) {
		failed(b, worksheet_write_string(sh->ws, sh->row,
		    (lxw_col_t)col, b->cell.data, b->text));
	}
}

/* A date cell: a day, or a month as its first day shown "Dec 2023". */
static void
put_date(struct book *b, struct sheet *sh, size_t col,
    const struct tl_date *date)
{
	lxw_datetime dt;

	if (col >= sh->ncols || date->year == 0)
		return;
	memset(&dt, 0, sizeof(dt));
	dt.year = date->year;
	dt.month = date->month;
	dt.day = date->day ? date->day : 1;
	sheet_width(sh, col, WIDTH_DATE);
	failed(b, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col,
	    &dt, date->day ? b->day : b->month));
}

static void
put_number(struct book *b, struct sheet *sh, size_t col, double n)
{
	if (col >= sh->ncols)
		return;
	sheet_width(sh, col, 8);
	failed(b, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, n,
	    b->number));
}

/* A value of the model (NULL: an empty cell) with the link of the cell
 * of column `source` of the row (-1: none). */
static void
put_value(struct book *b, struct sheet *sh, size_t col, const char *s,
    const struct tl_row *row, int source, const char *file)
{
	buf_reset(&b->url);
	if (s == NULL || *s == '\0')
		return;
	if (cell_link(row, source, &b->url) != 0)
		buf_reset(&b->url);
	put_text(b, sh, col, s, &b->url, file, row->line);
}

/* The canonical fields of a row, from column `col` on (NFIELD_COLS). */
static void
put_fields(struct book *b, struct sheet *sh, size_t col,
    const struct tl_table *tab, const struct tl_row *row, const char *file)
{
	static const enum tl_field text_fields[] = {
		TL_API, TL_PERMISSION, TL_DISPLAY_NAME, TL_QUALIFIER, TL_TYPE,
		TL_PURPOSE,
	};
	size_t i;

	/* A field takes the link of its own column's cell: a display name
	 * split out of the permission cell has none of its own. */
	for (i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]); i++)
		put_value(b, sh, col + i, row->f[text_fields[i]], row,
		    tl_table_field_column(tab, (int)text_fields[i]), file);
	col += i;
	put_date(b, sh, col, &row->date);
	if (row->date.year != 0)
		put_text(b, sh, col + 1, row->date.day ? "day" : "month",
		    NULL, file, row->line);
	if (row->f[TL_LAST_UPDATE_TEXT] != NULL)
		put_text(b, sh, col + 2, row->f[TL_LAST_UPDATE_TEXT], NULL,
		    file, row->line);
}

/*
 * The shape columns c marks (as the CSV has them: type_qualifier,
 * higher_privileged, supported, each only where a row has a value),
 * appended to names[*n...]; returns how many.
 */
static size_t
shape_names(const struct tl_csv_columns *c, const char **names, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; i < TL_CSV_NSHAPES; i++)
		if (c->shape[i]) {
			names[(*n)++] = tl_csv_shape_name((int)i);
			k++;
		}
	return k;
}

/* A row's values in the shape columns c marks, from column `col` on. */
static void
put_shapes(struct book *b, struct sheet *sh, size_t col,
    const struct tl_csv_columns *c, const struct tl_row *row,
    const char *file)
{
	size_t i;

	for (i = 0; i < TL_CSV_NSHAPES; i++)
		if (c->shape[i]) {
			const char *v = tl_csv_shape_value(row, (int)i);

			if (v != NULL && *v != '\0')
				put_text(b, sh, col, v, NULL, file, row->line);
			col++;
		}
}

/* The extra columns of a row: the cell of the table's i-th extra column
 * goes to column where[i]. */
static void
put_extras(struct book *b, struct sheet *sh, const struct tl_table *tab,
    const struct tl_row *row, const size_t *where, const char *file)
{
	size_t i, k = 0;

	for (i = 0; i < tab->ncolumns; i++)
		if (tab->columns[i].field == TL_EXTRA)
			put_value(b, sh, where[k++], row->cells[i], row, (int)i,
			    file);
}

/* The number of extra columns of a table. */
static size_t
extra_count(const struct tl_table *tab)
{
	size_t i, n = 0;

	for (i = 0; i < tab->ncolumns; i++)
		n += tab->columns[i].field == TL_EXTRA;
	return n;
}

/* ---- the Changelog sheet ------------------------------------------------ */

/* One changelog entry of a page (or of a site's pages), with its month. */
struct log_entry {
	const struct tl_changelog_group	*group;
	const struct tl_changelog_entry	*entry;
	size_t				 page;	/* index in the views */
	size_t				 seq;	/* order within the page */
	int				 order;	/* of its month; INT_MAX: Undated */
};

static int
compare_log(const void *pa, const void *pb)
{
	const struct log_entry *a = pa, *b = pb;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->page != b->page)
		return a->page < b->page ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Every changelog entry of the views, by month (newest first unless
 * --oldest-first, Undated last), then by page, then in page order: the
 * site's changelog order, and for one page its own.
 */
static struct log_entry *
log_entries(const struct tl_view *const *views, size_t n, size_t *count)
{
	struct log_entry *v;
	size_t i, g, e, k = 0, total = 0;
	int oldest = n > 0 && views[0]->opts->oldest_first;

	for (i = 0; i < n; i++)
		for (g = 0; g < views[i]->changelog.ngroups; g++)
			total += views[i]->changelog.groups[g].n;
	v = xcalloc(total ? total : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct tl_changelog *cl = &views[i]->changelog;
		size_t seq = 0;

		for (g = 0; g < cl->ngroups; g++) {
			int month = cl->groups[g].year * 12 +
			    cl->groups[g].month;

			for (e = 0; e < cl->groups[g].n; e++) {
				v[k].group = &cl->groups[g];
				v[k].entry = &cl->groups[g].entries[e];
				v[k].page = i;
				v[k].seq = seq++;
				v[k].order = month == 0 ? INT_MAX :
				    oldest ? month : -month;
				k++;
			}
		}
	}
	/* One page's changelog is in this order already. */
	if (n > 1)
		qsort(v, total, sizeof(*v), compare_log);
	*count = total;
	return v;
}

/* ---- a page's workbook ----------------------------------------------- */

static void
write_page_tables(struct book *b, const struct tl_view *v,
    const char **names)
{
	const struct tl_page *page = v->page;
	struct sheet sh;
	struct buf fallback = {0};
	size_t t, r, i, k, nextra;

	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];
		const char **extras;
		size_t *where;

		struct tl_csv_columns shapes = {0};
		size_t nshape = 0;

		tl_csv_shapes_add(&shapes, tab);
		nextra = extra_count(tab);
		extras = xcalloc(TL_CSV_NSHAPES + nextra, sizeof(*extras));
		where = xcalloc(nextra ? nextra : 1, sizeof(*where));
		shape_names(&shapes, extras, &nshape);
		for (i = 0, k = 0; i < tab->ncolumns; i++)
			if (tab->columns[i].field == TL_EXTRA) {
				extras[nshape + k] = tab->columns[i].key;
				where[k] = NFIELD_COLS + nshape + k;
				k++;
			}
		buf_reset(&fallback);
		buf_printf(&fallback, "Table %zu", t + 1);
		names[t] = tl_sheet_name(&b->names, tl_table_section(tab),
		    fallback.data);
		sheet_start(b, &sh, names[t], field_header, NFIELD_COLS,
		    extras, nshape + nextra);
		for (r = 0; r < tab->nrows; r++) {
			if (sheet_row(&sh) != 0)
				continue;
			put_fields(b, &sh, 0, tab, &tab->rows[r],
			    page->source);
			put_shapes(b, &sh, NFIELD_COLS, &shapes, &tab->rows[r],
			    page->source);
			put_extras(b, &sh, tab, &tab->rows[r], where,
			    page->source);
		}
		sheet_end(b, &sh);
		free(extras);
		free(where);
		tl_csv_columns_free(&shapes);
	}
	buf_free(&fallback);
}

/*
 * The Changelog sheet: month (a date cell, "Apr 2025"; empty for
 * Undated), label (what the changelog calls the row), where the row is
 * (the page's sheet; a site's page and table), then its fields.
 */
static void
write_changelog(struct book *b, const struct tl_view *const *views,
    size_t n, const char **sheet_names)
{
	static const char *const page_cols[] = { "month", "label", "sheet" };
	static const char *const site_cols[] = { "month", "label",
	    "page_title", "page", "table" };
	const char *const *cols = sheet_names ? page_cols : site_cols;
	size_t ncols = sheet_names ? 3 : 5, count, i, c;
	const char **header = xcalloc(ncols + NFIELD_COLS, sizeof(*header));
	struct log_entry *log = log_entries(views, n, &count);
	struct sheet sh;

	b->count_cuts = 0;
	for (c = 0; c < ncols; c++)
		header[c] = cols[c];
	for (c = 0; c < NFIELD_COLS; c++)
		header[ncols + c] = field_header[c];
	sheet_start(b, &sh, "Changelog", header, ncols + NFIELD_COLS, NULL, 0);
	for (i = 0; i < count; i++) {
		const struct tl_page *page = views[log[i].page]->page;
		const struct tl_table *tab = log[i].entry->table;
		const struct tl_row *row = log[i].entry->row;
		size_t t = (size_t)(tab - page->tables);
		struct tl_date month = { log[i].group->year,
		    log[i].group->month, 0 };

		if (sheet_row(&sh) != 0)
			continue;
		put_date(b, &sh, 0, &month);
		put_text(b, &sh, 1, tl_row_label(tab, row), NULL,
		    page->source, row->line);
		if (sheet_names != NULL) {
			put_text(b, &sh, 2, sheet_names[t], NULL,
			    page->source, row->line);
		} else {
			put_text(b, &sh, 2, tl_page_shown_title(page), NULL,
			    page->source, row->line);
			put_text(b, &sh, 3, page->slug, NULL, page->source,
			    row->line);
			put_number(b, &sh, 4, (double)(t + 1));
		}
		put_fields(b, &sh, ncols, tab, row, page->source);
	}
	sheet_end(b, &sh);
	free(log);
	free(header);
}

/* ---- a site's workbook ------------------------------------------------- */

/* The Rows sheet: page_title, page, table, the fields, then every extra
 * column of the site by key, in order of first appearance (as all.csv). */
static void
write_site_rows(struct book *b, const struct tl_view *const *views,
    size_t n)
{
	static const char *const fixed[] = { "page_title", "page", "table" };
	struct tl_csv_columns cols = {0};
	const char **header;
	struct sheet sh;
	size_t i, t, r, c, k, nfixed = 3 + NFIELD_COLS;

	for (i = 0; i < n; i++)
		tl_csv_columns_add(&cols, views[i]->page);
	header = xcalloc(nfixed + TL_CSV_NSHAPES, sizeof(*header));
	for (c = 0; c < 3; c++)
		header[c] = fixed[c];
	for (c = 0; c < NFIELD_COLS; c++)
		header[3 + c] = field_header[c];
	/* The shape columns count as fixed ones: all.csv's order. */
	shape_names(&cols, header, &nfixed);
	sheet_start(b, &sh, tl_sheet_name(&b->names, "Rows", "Rows"), header,
	    nfixed,
	    cols.keys, cols.n);
	for (i = 0; i < n; i++) {
		const struct tl_page *page = views[i]->page;

		for (t = 0; t < page->ntables; t++) {
			const struct tl_table *tab = &page->tables[t];
			size_t nextra = extra_count(tab);
			size_t *where = xcalloc(nextra ? nextra : 1,
			    sizeof(*where));

			for (c = 0, k = 0; c < tab->ncolumns; c++)
				if (tab->columns[c].field == TL_EXTRA) {
					size_t at = 0;

					tl_map_get(&cols.index,
					    tab->columns[c].key, &at);
					where[k++] = nfixed + at;
				}
			for (r = 0; r < tab->nrows; r++) {
				const struct tl_row *row = &tab->rows[r];

				if (sheet_row(&sh) != 0)
					continue;
				put_text(b, &sh, 0, tl_page_shown_title(page),
				    NULL, page->source, row->line);
				put_text(b, &sh, 1, page->slug, NULL,
				    page->source, row->line);
				put_number(b, &sh, 2, (double)(t + 1));
				put_fields(b, &sh, 3, tab, row, page->source);
				put_shapes(b, &sh, 3 + NFIELD_COLS, &cols, row,
				    page->source);
				put_extras(b, &sh, tab, row, where,
				    page->source);
			}
			free(where);
		}
	}
	sheet_end(b, &sh);
	free(header);
	tl_csv_columns_free(&cols);
}

/* ---- into a stream -------------------------------------------------------- */

/* Copy the file `from` (read from its start) to fp; 0, or -1: an error
 * reading it is in d, one writing fp is left in fp. */
static int
copy_out(FILE *from, FILE *fp, struct tl_diags *d)
{
	char chunk[65536];
	size_t n;

	if (fseek(from, 0, SEEK_SET) != 0)
		goto bad;
	while ((n = fread(chunk, 1, sizeof(chunk), from)) > 0)
		if (fwrite(chunk, 1, n, fp) != n)
			return -1;
	if (ferror(from))
		goto bad;
	return ferror(fp) ? -1 : 0;
bad:
	tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0,
	    "cannot read back the spreadsheet's temporary file: %s",
	    strerror(errno ? errno : EIO));
	return -1;
}

/* What a workbook is made of: a page's view, or a site's views. */
struct book_job {
	const struct tl_view *const *views;
	size_t		 n;
	const char	*title;
	int		 site;
};

/* Whether a page's workbook is written as a site's (XLSX_STREAM_*): its
 * tables' sheets and the Changelog. */
static int
streamed(const struct tl_page *page)
{
	size_t t, rows = 0;

	if (page->ntables + 1 > XLSX_STREAM_SHEETS)
		return 0;
	for (t = 0; t < page->ntables; t++)
		rows += page->tables[t].nrows;
	return rows >= XLSX_STREAM_ROWS;
}

static int
write_book(const struct book_job *job, FILE *fp, struct tl_diags *d)
{
	struct book b;
	FILE *scratch;
	char file[64];
	int fd, rc;

	/* A file with no name (see the top of this file), which
	 * libxlsxwriter opens again by its descriptor's path. */
	if ((scratch = tmpfile()) == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0,
		    "cannot make a temporary file for the spreadsheet: %s",
		    strerror(errno));
		return -1;
	}
	snprintf(file, sizeof(file), "/proc/self/fd/%d", fileno(scratch));
	/* Checked here, as libxlsxwriter would say it on standard error. */
	if ((fd = open(file, O_WRONLY | O_CLOEXEC)) < 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0,
		    "cannot open %s for the spreadsheet: %s", file,
		    strerror(errno));
		fclose(scratch);
		return -1;
	}
	close(fd);
	if (book_open(&b, file, job->title, book_time(job->views, job->n),
	    job->site || streamed(job->views[0]->page), d) != 0) {
		fclose(scratch);
		return -1;
	}
	if (job->site) {
		write_site_rows(&b, job->views, job->n);
		write_changelog(&b, job->views, job->n, NULL);
	} else {
		const struct tl_page *page = job->views[0]->page;
		const char **names = xcalloc(page->ntables ? page->ntables : 1,
		    sizeof(*names));

		write_page_tables(&b, job->views[0], names);
		write_changelog(&b, job->views, 1, names);
		free(names);
	}
	rc = book_close(&b);
	if (rc == 0)
		rc = copy_out(scratch, fp, d);
	fclose(scratch);
	return rc;
}

int
tl_write_xlsx(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct book_job job = { &v, 1, v->page->title, 0 };

	(void)r;
	return write_book(&job, fp, d);
}

int
tl_write_xlsx_site(const struct tl_view *const *views, size_t n,
    const char *title, FILE *fp, struct tl_diags *d)
{
	struct book_job job = { views, n, title, 1 };

	return write_book(&job, fp, d);
}
