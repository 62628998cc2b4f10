/*
 * read_html.c - the HTML reader.
 *
 * libxml2's push parser (with recovery, so any tag soup is accepted)
 * drives SAX callbacks that build the page's tables, title, breadcrumb,
 * intro, notes and heading path as the tags go by.  No DOM is built: on
 * a page of 100,000 rows a tree would cost more than everything else we
 * do.
 *
 * Tables follow the HTML table model closely enough for documentation
 * pages: rowspan and colspan are expanded so every row has a full set of
 * cells, spans never reach past their row group, and a table nested in a
 * cell is a table of its own whose text stays out of the outer cell.
 * A cell keeps its inline markup (links, code, emphasis, lists...),
 * built by read/inline.c as the tags go by.
 *
 * What is not the page's content is left out: hidden elements (and all
 * they hold), the site's chrome around the content (nav, a site header,
 * footer, aside) for titles, headings and intro, layout tables (their
 * cells are read as the page around them), and tables that turn out to
 * be layout or widgets once read (read/structure.c).
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "base/buf.h"
#include "read/inline.h"
#include "read/read.h"
#include "read/structure.h"
#include "model/table.h"
#include "base/space.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* Browser limits for spans; a cap on row width keeps hostile pages cheap. */
#define MAX_COLSPAN	1000
#define MAX_ROWSPAN	65534
#define MAX_COLUMNS	10000
/* HTML's encoding prescan looks at this many bytes for <meta charset>. */
#define SNIFF_BYTES	1024
/* htmlParseChunk() takes an int length. */
#define CHUNK_MAX	(1 << 30)
/* Headings kept for the heading path: h1 to h6. */
#define LEVELS		6

enum tag {
	T_OTHER,
	T_TABLE, T_THEAD, T_TBODY, T_TFOOT, T_TR, T_TD, T_TH, T_CAPTION,
	T_BR,
	T_BLOCK,	/* a block boundary in a cell and nothing else */
	T_SECTIONING,	/* main, article, section: content, not chrome */
	T_PRE,
	T_P, T_DIV, T_H1, T_HN, T_LI, T_OL, T_UL,
	T_NAV, T_HEADER, T_FOOTER, T_ASIDE,
	T_TITLE, T_BASE, T_LINK,
	T_A, T_CODE, T_STRONG, T_EM, T_SUP, T_SUB, T_IMG,
	T_CONTROL	/* button, select, textarea: a widget */
};

/* Text being collected outside tables. */
enum capture { CAP_NONE, CAP_TITLE, CAP_CRUMB, CAP_PARA, CAP_NOTE };

/* One slot of the row being built: a cell of this row or one carried down. */
struct slot {
	size_t		 off;		/* into rowtext, when text == NULL */
	const char	*text;		/* carried from a row above */
	const struct tl_markup *markup;	/* the cell's, or NULL */
	unsigned	 rowspan;	/* of the cell that fills it */
	int		 filled;
	int		 bold;		/* a <th>, or strong all through */
};

/* A cell spanning rows: how many more rows it fills, and its text. */
struct carry {
	unsigned	 left;
	const char	*text;
	const struct tl_markup *markup;
};

/* An open <table>. */
struct tstate {
	size_t		 index;		/* into page->tables (which moves) */
	int		 in_head;	/* inside <thead> */
	int		 in_foot;	/* inside <tfoot> */
	int		 header_done;
	int		 warned_wide;
	int		 cut;		/* the page ended inside it: warned */
	unsigned	 layout;	/* open layout tables inside it */
	int		 chrome;	/* a heading or a widget in a cell */
	int		 rows_added;
	const char	*section;	/* the last section row's text */

	int		 row_open;
	unsigned	 row_line;
	struct buf	 rowtext;	/* the row's cell texts, NUL-separated */
	struct slot	*slots;
	size_t		 nslots, slots_cap;
	size_t		 col;		/* where the next cell may go */
	size_t		 width;		/* columns the source row spans */
	size_t		 ncells;	/* cells the source row has */

	int		 cell_open;
	int		 cell_dropped;	/* beyond MAX_COLUMNS */
	int		 cell_th;
	size_t		 cell_col, cell_span;	/* its slots */
	struct tl_inline inl;		/* the cell being read */

	int		 caption_open;
	struct buf	 caption;

	struct carry	*carry;
	size_t		 ncarry, carry_cap;

	struct buf	*hdr;		/* header texts until the header is set */
	size_t		 nhdr, hdr_cap;
	size_t		 hdr_rows;

	const char	**ptrs;		/* scratch for handing a row over */
	size_t		 ptrs_cap;
};

struct reader {
	struct tl_page	*page;
	struct tl_diags	*d;
	htmlParserCtxtPtr ctxt;

	/* Stack of open tables, each on its own: a cell's inline builder
	 * points into its table's state, which must not move when a table
	 * inside it is opened. */
	struct tstate	**tables;
	size_t		 ntables, tables_cap;
	char		*tkinds;	/* every open <table>: 'd'ata or 'l'ayout */
	size_t		 ntkinds, tkinds_cap;
	int		 seen_table;
	/* All the bytes are in: elements closed from now on are closed by
	 * the end of the page, not by their end tags (a page cut short). */
	int		 at_end;
	unsigned	 end_line;	/* the last line, once parsed */

	unsigned	 depth;		/* open elements */
	unsigned	 hidden;	/* depth of the hidden element, or 0 */
	unsigned	 chrome;	/* depth of the chrome element, or 0 */
	unsigned	 sectioning;	/* open main, article, section */

	enum capture	 cap;
	unsigned	 cap_depth;
	int		 cap_before_table;	/* began before any <table> */
	struct buf	 capbuf;

	unsigned	 crumb_depth;	/* 0: not in a breadcrumb */
	int		 crumb_done;
	size_t		 crumb_items;
	struct buf	 crumb_all;	/* for breadcrumbs without <li> */

	/* The heading being read, and the path of those read. */
	int		 head_level;	/* 1-6, 0: none */
	unsigned	 head_depth;
	struct buf	 headbuf;
	size_t		 head_a;	/* where an <a> began in headbuf */
	const char	*path[LEVELS];
	const char	*first_heading;	/* of the content */

	/* The table whose notes come next (index + 1), or 0. */
	size_t		 notes_for;
	int		 notes_list;	/* after "Notes:": items are notes */

	const char	*h1;
	const char	*title_tag;
	const char	*base_href;	/* <base href>, as written */
	const char	*base_url;	/* what links in cells resolve against */
	struct buf	 scratch;
};

/* ---- small helpers ------------------------------------------------- */

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Does s contain needle (lowercase ASCII), ignoring ASCII case? */
static int
contains_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++)
			if (lower((unsigned char)s[i]) != needle[i])
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

static int
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (lower((unsigned char)*s) != *prefix)
			return 0;
	return 1;
}

static const char *
attr(const xmlChar **atts, const char *name)
{
	size_t i;

	if (atts == NULL)
		return NULL;
	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* The token list attribute `name` (class, role) holds one of words. */
static int
attr_has(const xmlChar **atts, const char *name, const char *const *words)
{
	const char *v = attr(atts, name);

	if (v == NULL)
		return 0;
	for (; *words != NULL; words++)
		if (tl_read_has_token(v, *words))
			return 1;
	return 0;
}

/* Hidden content is not content (read/structure.h). */
static int
is_hidden(const xmlChar **atts)
{
	return atts != NULL && tl_read_hides(attr(atts, "hidden"),
	    attr(atts, "aria-hidden"), attr(atts, "style"),
	    attr(atts, "class"));
}

/* A table that only lays the page out. */
static int
is_layout_table(const xmlChar **atts)
{
	static const char *const roles[] = { "presentation", "none", NULL };

	return attr_has(atts, "role", roles);
}

/*
 * A span attribute as browsers read it: leading white space, an optional
 * '+', then as many digits as there are ("2;" is 2).  Anything else, zero
 * or a negative number is 1.
 */
static unsigned
span_value(const char *s, unsigned max)
{
	unsigned long v = 0;

	if (s == NULL)
		return 1;
	while (tl_is_html_space((unsigned char)*s))
		s++;
	if (*s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (unsigned long)(*s - '0')) > max)
			return max;
	return v == 0 ? 1 : (unsigned)v;
}

/* Fold runs of ASCII white space to one space and trim: for page strings. */
static void
fold_ws(struct buf *out, const char *s, size_t len)
{
	size_t i;
	int space = 0;

	buf_reset(out);
	for (i = 0; i < len; i++) {
		if (tl_is_html_space((unsigned char)s[i])) {
			space = 1;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = 0;
		buf_putc(out, s[i]);
	}
	if (out->data == NULL)
		buf_put(out, "", 0);
}

static enum tag
tag_of(const char *n)
{
	switch (n[0]) {
	case 'a':
		if (n[1] == '\0')
			return T_A;
		if (strcmp(n, "aside") == 0)
			return T_ASIDE;
		if (strcmp(n, "article") == 0)
			return T_SECTIONING;
		if (strcmp(n, "address") == 0)
			return T_BLOCK;
		break;
	case 'b':
		if (n[1] == '\0')
			return T_STRONG;
		if (strcmp(n, "br") == 0)
			return T_BR;
		if (strcmp(n, "blockquote") == 0)
			return T_BLOCK;
		if (strcmp(n, "base") == 0)
			return T_BASE;
		if (strcmp(n, "button") == 0)
			return T_CONTROL;
		break;
	case 'c':
		if (strcmp(n, "code") == 0)
			return T_CODE;
		if (strcmp(n, "caption") == 0)
			return T_CAPTION;
		if (strcmp(n, "center") == 0)
			return T_BLOCK;
		break;
	case 'd':
		if (strcmp(n, "div") == 0)
			return T_DIV;
		if (strcmp(n, "dl") == 0 || strcmp(n, "dt") == 0 ||
		    strcmp(n, "dd") == 0 || strcmp(n, "details") == 0)
			return T_BLOCK;
		break;
	case 'e':
		if (strcmp(n, "em") == 0)
			return T_EM;
		break;
	case 'f':
		if (strcmp(n, "footer") == 0)
			return T_FOOTER;
		if (strcmp(n, "figure") == 0 || strcmp(n, "figcaption") == 0 ||
		    strcmp(n, "fieldset") == 0 || strcmp(n, "form") == 0)
			return T_BLOCK;
		break;
	case 'h':
		if (n[1] >= '1' && n[1] <= '6' && n[2] == '\0')
			return n[1] == '1' ? T_H1 : T_HN;
		if (strcmp(n, "header") == 0)
			return T_HEADER;
		if (strcmp(n, "hr") == 0)
			return T_BLOCK;
		break;
	case 'i':
		if (n[1] == '\0')
			return T_EM;
		if (strcmp(n, "img") == 0)
			return T_IMG;
		break;
	case 'k':
		if (strcmp(n, "kbd") == 0)
			return T_CODE;
		break;
	case 'l':
		if (strcmp(n, "li") == 0)
			return T_LI;
		if (strcmp(n, "link") == 0)
			return T_LINK;
		break;
	case 'm':
		if (strcmp(n, "main") == 0)
			return T_SECTIONING;
		break;
	case 'n':
		if (strcmp(n, "nav") == 0)
			return T_NAV;
		break;
	case 'o':
		if (strcmp(n, "ol") == 0)
			return T_OL;
		break;
	case 'p':
		if (n[1] == '\0')
			return T_P;
		if (strcmp(n, "pre") == 0)
			return T_PRE;
		break;
	case 's':
		if (strcmp(n, "section") == 0)
			return T_SECTIONING;
		if (strcmp(n, "summary") == 0)
			return T_BLOCK;
		if (strcmp(n, "strong") == 0)
			return T_STRONG;
		if (strcmp(n, "sup") == 0)
			return T_SUP;
		if (strcmp(n, "sub") == 0)
			return T_SUB;
		if (strcmp(n, "samp") == 0)
			return T_CODE;
		if (strcmp(n, "select") == 0)
			return T_CONTROL;
		break;
	case 't':
		switch (n[1]) {
		case 'a':
			if (strcmp(n, "table") == 0)
				return T_TABLE;
			break;
		case 'b':
			if (strcmp(n, "tbody") == 0)
				return T_TBODY;
			break;
		case 'd':
			if (n[2] == '\0')
				return T_TD;
			break;
		case 'e':
			if (strcmp(n, "textarea") == 0)
				return T_CONTROL;
			break;
		case 'f':
			if (strcmp(n, "tfoot") == 0)
				return T_TFOOT;
			break;
		case 'h':
			if (n[2] == '\0')
				return T_TH;
			if (strcmp(n, "thead") == 0)
				return T_THEAD;
			break;
		case 'i':
			if (strcmp(n, "title") == 0)
				return T_TITLE;
			break;
		case 'r':
			if (n[2] == '\0')
				return T_TR;
			break;
		case 't':
			if (n[2] == '\0')
				return T_CODE;
			break;
		}
		break;
	case 'u':
		if (strcmp(n, "ul") == 0)
			return T_UL;
		break;
	}
	return T_OTHER;
}

static int
is_block(enum tag t)
{
	switch (t) {
	case T_BLOCK: case T_SECTIONING: case T_PRE: case T_P: case T_DIV:
	case T_H1: case T_HN: case T_LI: case T_OL: case T_UL: case T_NAV:
	case T_HEADER: case T_FOOTER: case T_ASIDE: case T_TABLE:
	case T_CAPTION:
		return 1;
	default:
		return 0;
	}
}

static int is_note_container(enum tag t, const xmlChar **atts);

/* Elements around the content, not of it: navigation, a site's banner
 * (a <header> outside main, article and section), footers, asides (but
 * an aside that is a note box). */
static int
is_chrome(const struct reader *r, enum tag t, const xmlChar **atts)
{
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary",
		"search", NULL,
	};

	if (t == T_ASIDE)
		return !is_note_container(t, atts);
	if (t == T_NAV || t == T_FOOTER)
		return 1;
	if (t == T_HEADER)
		return r->sectioning == 0;
	return attr_has(atts, "role", roles);
}

static unsigned
cur_line(const struct reader *r)
{
	int line;

	if (r->ctxt == NULL)	/* parsed: the page's last line */
		return r->end_line;
	line = r->ctxt->input != NULL ? r->ctxt->input->line : 0;

	return line > 0 ? (unsigned)line : 0;
}

/* ---- building rows ------------------------------------------------- */

static struct tl_table *
table_of(struct reader *r, struct tstate *ts)
{
	return &r->page->tables[ts->index];
}

static void
slots_ensure(struct tstate *ts, size_t n)
{
	size_t old = ts->slots_cap;

	if (n <= ts->slots_cap)
		return;
	ts->slots = xgrow(ts->slots, &ts->slots_cap, n, sizeof(*ts->slots));
	memset(ts->slots + old, 0, (ts->slots_cap - old) * sizeof(*ts->slots));
}

static void
carry_ensure(struct tstate *ts, size_t n)
{
	if (n <= ts->ncarry)
		return;
	ts->carry = xgrow(ts->carry, &ts->carry_cap, n, sizeof(*ts->carry));
	memset(ts->carry + ts->ncarry, 0, (n - ts->ncarry) * sizeof(*ts->carry));
	ts->ncarry = n;
}

/* Spans never reach past their row group (thead, tbody, tfoot). */
static void
carry_reset(struct tstate *ts)
{
	ts->ncarry = 0;
}

static void
warn_wide(struct reader *r, struct tstate *ts)
{
	if (ts->warned_wide)
		return;
	ts->warned_wide = 1;
	tl_diag_kind(r->d, TL_WARNING, TL_DK_WIDE_ROW,
	    r->page->source, ts->row_line,
	    "table row wider than %d columns: extra cells dropped",
	    MAX_COLUMNS);
}

/* Add one row of cells to the header, merging the rows of a tall <thead>. */
static void
header_add(struct tstate *ts, const char *const *cells, size_t n)
{
	size_t i;

	if (n > ts->nhdr) {
		ts->hdr = xgrow(ts->hdr, &ts->hdr_cap, n, sizeof(*ts->hdr));
		memset(ts->hdr + ts->nhdr, 0, (n - ts->nhdr) * sizeof(*ts->hdr));
		ts->nhdr = n;
	}
	for (i = 0; i < n; i++) {
		struct buf *h = &ts->hdr[i];

		if (cells[i][0] == '\0' || strcmp(buf_str(h), cells[i]) == 0)
			continue;
		if (h->len > 0)
			buf_putc(h, ' ');
		buf_puts(h, cells[i]);
	}
	ts->hdr_rows++;
}

static void
header_finish(struct reader *r, struct tstate *ts)
{
	const char **texts;
	size_t i;

	if (ts->header_done)
		return;
	ts->header_done = 1;
	/* Not ts->ptrs: that may hold the body row about to be added. */
	texts = xmalloc((ts->nhdr + 1) * sizeof(*texts));
	for (i = 0; i < ts->nhdr; i++)
		texts[i] = buf_str(&ts->hdr[i]);
	tl_table_set_header(r->page, table_of(r, ts), texts, ts->nhdr);
	free(texts);
	for (i = 0; i < ts->nhdr; i++)
		buf_free(&ts->hdr[i]);
	free(ts->hdr);
	ts->hdr = NULL;
	ts->nhdr = ts->hdr_cap = 0;
}

static void
row_start(struct reader *r, struct tstate *ts)
{
	ts->row_open = 1;
	ts->row_line = cur_line(r);
	ts->col = 0;
	ts->width = 0;
	ts->ncells = 0;
	ts->nslots = 0;
	buf_reset(&ts->rowtext);
}

/* The cell's text, and its markup when it is a body cell. */
static void
cell_close(struct reader *r, struct tstate *ts)
{
	const struct tl_markup *m = NULL;
	size_t k, len;
	int bold;

	if (!ts->cell_open)
		return;
	ts->cell_open = 0;
	if (ts->cell_dropped)
		return;
	tl_inl_end(&ts->inl);
	len = ts->rowtext.len - ts->inl.base;
	bold = ts->cell_th || (ts->inl.nmarks > 0 &&
	    ts->inl.marks[0].kind == TL_MARK_STRONG &&
	    ts->inl.marks[0].start == 0 && ts->inl.marks[0].end == len);
	if (ts->header_done || (!ts->in_head && ts->hdr_rows > 0))
		m = tl_markup_copy(r->page, ts->inl.marks, ts->inl.nmarks);
	for (k = ts->cell_col; k < ts->cell_col + ts->cell_span; k++) {
		ts->slots[k].markup = m;
		ts->slots[k].bold = bold;
	}
	buf_putc(&ts->rowtext, '\0');
}

/*
 * How many columns of a row are worth keeping: once the header is set,
 * cells past its width would only be dropped by tl_table_add_row(), so a
 * wide span carried down 100,000 rows costs nothing per row.
 */
static size_t
row_limit(struct reader *r, struct tstate *ts)
{
	size_t n = table_of(r, ts)->ncolumns;

	return ts->header_done && n < MAX_COLUMNS ? n : MAX_COLUMNS;
}

/* Fill the slots that cells from rows above cover, and use up one row. */
static void
row_apply_carry(struct tstate *ts, size_t limit)
{
	size_t c, end = ts->ncarry < limit ? ts->ncarry : limit;

	for (c = 0; c < end; c++) {
		struct carry *k = &ts->carry[c];

		if (k->left == 0)
			continue;
		slots_ensure(ts, c + 1);
		if (!ts->slots[c].filled) {
			ts->slots[c].filled = 1;
			ts->slots[c].text = k->text;
			ts->slots[c].markup = k->markup;
			ts->slots[c].rowspan = 1;
		}
		if (c >= ts->nslots)
			ts->nslots = c + 1;
		k->left--;
	}
}

/* Cells of this row that span rows start carrying down from the next. */
static void
row_set_carry(struct reader *r, struct tstate *ts)
{
	size_t c, last_off = SIZE_MAX;
	const char *copy = NULL;

	for (c = 0; c < ts->nslots; c++) {
		struct slot *s = &ts->slots[c];

		if (!s->filled || s->text != NULL || s->rowspan <= 1)
			continue;
		/* A cell spanning columns too is copied once. */
		if (s->off != last_off) {
			copy = tl_strdup(r->page, ts->rowtext.data + s->off);
			last_off = s->off;
		}
		carry_ensure(ts, c + 1);
		ts->carry[c].left = s->rowspan - 1;
		ts->carry[c].text = copy;
		ts->carry[c].markup = s->markup;
	}
}

/*
 * A section row: one cell across the whole table, or only its first
 * cell filled, and in bold (a <th>, or strong text).  It names the rows
 * below it rather than being one.
 */
static int
is_section_row(struct reader *r, struct tstate *ts, size_t n)
{
	size_t ncol = table_of(r, ts)->ncolumns, c;
	const struct slot *s = ts->slots;

	if (ncol < 2 || n == 0 || !s[0].filled || s[0].text != NULL ||
	    tl_read_blank(ts->ptrs[0]))
		return 0;
	if (ts->ncells == 1 && ts->width >= ncol)
		return 1;
	if (!s[0].bold)
		return 0;
	for (c = 1; c < n; c++)
		if (s[c].filled && (s[c].text != NULL || !tl_read_blank(ts->ptrs[c])))
			return 0;
	return 1;
}

/* A <tfoot> row is a note of the table: its cells' texts, once each. */
static void
footer_note(struct reader *r, struct tstate *ts, size_t n)
{
	struct buf note = {0};
	const char *last = NULL;
	size_t c;

	for (c = 0; c < n; c++) {
		if (ts->ptrs[c] == last || tl_read_blank(ts->ptrs[c]))
			continue;
		last = ts->ptrs[c];
		if (note.len > 0)
			buf_putc(&note, ' ');
		buf_puts(&note, ts->ptrs[c]);
	}
	if (note.len > 0)
		tl_strlist_add(r->page, &table_of(r, ts)->notes, note.data);
	buf_free(&note);
}

/* A row after the header: a note, a section, a legend or a data row. */
static void
body_row(struct reader *r, struct tstate *ts, size_t n)
{
	struct tl_table *t = table_of(r, ts);
	struct tl_row *row;
	size_t c;

	if (ts->in_foot) {
		footer_note(r, ts, n);
		return;
	}
	if (is_section_row(r, ts, n)) {
		ts->section = tl_strdup(r->page, ts->ptrs[0]);
		return;
	}
	/* A row that explains the columns is not a row. */
	if (!ts->rows_added && tl_read_legend_row(ts->ptrs, n))
		return;
	row = tl_table_add_row(r->page, t, ts->row_line, ts->ptrs, n);
	if (ts->width > row->nread)
		row->nread = ts->width;
	row->section = ts->section;
	for (c = 0; c < n && c < t->ncolumns; c++)
		if (ts->slots[c].markup != NULL)
			tl_row_set_markup(r->page, t, row, c,
			    ts->slots[c].markup);
	ts->rows_added = 1;
}

/*
 * The page ends inside the table: warn once, and record where (the
 * table's `cut`), so that a diff knows its rows past the cut are unknown
 * rather than removed (docs/design.md "Changes").
 */
static void
table_cut(struct reader *r, struct tstate *ts, unsigned line,
    const char *what)
{
	if (ts->cut)
		return;
	ts->cut = 1;
	tl_diag_kind(r->d, TL_WARNING, TL_DK_CUT_ROW, r->page->source, line,
	    "%s", what);
	table_of(r, ts)->cut = line > 0 ? line : 1;
}

static void
row_close(struct reader *r, struct tstate *ts)
{
	size_t c, n;

	if (!ts->row_open)
		return;
	cell_close(r, ts);
	ts->row_open = 0;
	row_apply_carry(ts, row_limit(r, ts));
	row_set_carry(r, ts);
	n = ts->nslots;
	/* A <tr> with no cell at all shows nothing; it is not a row. */
	if (n == 0 && ts->width == 0)
		return;
	ts->ptrs = xgrow(ts->ptrs, &ts->ptrs_cap, n + 1, sizeof(*ts->ptrs));
	for (c = 0; c < n; c++) {
		const struct slot *s = &ts->slots[c];

		if (!s->filled)
			ts->ptrs[c] = "";
		else if (s->text != NULL)
			ts->ptrs[c] = s->text;
		else
			ts->ptrs[c] = ts->rowtext.data + s->off;
	}
	if (!ts->header_done && (ts->in_head || ts->hdr_rows == 0)) {
		if (ts->hdr_rows == 0)
			table_of(r, ts)->line = ts->row_line;
		header_add(ts, ts->ptrs, n);
	} else {
		header_finish(r, ts);
		/* Its </tr> never came: a row short of cells is cut (one
		 * with them all is kept, as Markdown keeps a framed one: an
		 * unterminated <script> in its last cell ends the page too). */
		if (r->at_end && ts->width < table_of(r, ts)->ncolumns)
			table_cut(r, ts, ts->row_line,
			    "table cut mid-row; row dropped");
		else
			body_row(r, ts, n);
	}
	if (n > 0)
		memset(ts->slots, 0, n * sizeof(*ts->slots));
	ts->nslots = 0;
}

static void
cell_open(struct reader *r, struct tstate *ts, enum tag t,
    const xmlChar **atts)
{
	unsigned colspan = span_value(attr(atts, "colspan"), MAX_COLSPAN);
	unsigned rowspan = span_value(attr(atts, "rowspan"), MAX_ROWSPAN);
	size_t col, k, limit = row_limit(r, ts);

	cell_close(r, ts);
	if (!ts->row_open)
		row_start(r, ts);	/* a <td> with no <tr> */
	ts->cell_open = 1;
	ts->cell_th = t == T_TH;
	ts->ncells++;
	col = ts->col;
	while (col < ts->ncarry && ts->carry[col].left > 0)
		col++;
	if (col + colspan > ts->width)
		ts->width = col + colspan;
	if (col >= limit) {
		/* Past the header's width: counted for nread, not kept. */
		ts->cell_dropped = 1;
		ts->col = col + colspan;
		if (col >= MAX_COLUMNS)
			warn_wide(r, ts);
		return;
	}
	ts->cell_dropped = 0;
	if (colspan > limit - col) {
		colspan = (unsigned)(limit - col);
		if (limit == MAX_COLUMNS)
			warn_wide(r, ts);
	}
	slots_ensure(ts, col + colspan);
	tl_inl_begin(&ts->inl, &ts->rowtext);
	for (k = col; k < col + colspan; k++) {
		ts->slots[k].filled = 1;
		ts->slots[k].text = NULL;
		ts->slots[k].markup = NULL;
		ts->slots[k].off = ts->rowtext.len;
		ts->slots[k].rowspan = rowspan;
	}
	ts->cell_col = col;
	ts->cell_span = colspan;
	ts->col = col + colspan;
	if (ts->col > ts->nslots)
		ts->nslots = ts->col;
}

static int
in_cell(const struct tstate *ts)
{
	return ts->cell_open && !ts->cell_dropped;
}

static void
cell_block_boundary(struct tstate *ts)
{
	if (in_cell(ts))
		tl_inl_block(&ts->inl);
}

/* ---- headings ------------------------------------------------------ */

/*
 * A heading's text drops what sites add to it: a permalink ("#", "¶",
 * "§" as a link) and hidden anchors (skipped as hidden).
 */
static int
is_permalink_text(const char *s, size_t len)
{
	while (len > 0 && tl_is_html_space((unsigned char)*s))
		s++, len--;
	while (len > 0 && tl_is_html_space((unsigned char)s[len - 1]))
		len--;
	return (len == 1 && (*s == '#' || *s == '$')) ||
	    (len == 2 && memcmp(s, "\xC2\xB6", 2) == 0) ||	/* ¶ */
	    (len == 2 && memcmp(s, "\xC2\xA7", 2) == 0) ||	/* § */
	    (len == 4 && memcmp(s, "\xF0\x9F\x94\x97", 4) == 0);	/* 🔗 */
}

static void
heading_start(struct reader *r, enum tag t, const char *name)
{
	r->head_level = t == T_H1 ? 1 : name[1] - '0';
	r->head_depth = r->depth;
	r->head_a = SIZE_MAX;
	buf_reset(&r->headbuf);
}

static void
heading_finish(struct reader *r)
{
	struct buf text = {0};
	int level = r->head_level, i;
	const char *s;

	r->head_level = 0;
	fold_ws(&text, buf_str(&r->headbuf), r->headbuf.len);
	if (text.len == 0 || tl_read_chrome_heading(text.data, text.len)) {
		buf_free(&text);
		return;
	}
	s = tl_strdup(r->page, text.data);
	buf_free(&text);
	if (level == 1 && r->h1 == NULL)
		r->h1 = s;
	if (r->first_heading == NULL)
		r->first_heading = s;
	r->path[level - 1] = s;
	for (i = level; i < LEVELS; i++)
		r->path[i] = NULL;
	/* A heading ends the notes of the table above it. */
	r->notes_for = 0;
	r->notes_list = 0;
}

/* The heading path now, into a table's headings. */
static void
heading_path(struct reader *r, struct tl_table *t)
{
	int i;

	for (i = 0; i < LEVELS; i++)
		if (r->path[i] != NULL)
			tl_strlist_add(r->page, &t->headings, r->path[i]);
}

/* ---- tables -------------------------------------------------------- */

static void
tkind_push(struct reader *r, char kind)
{
	r->tkinds = xgrow(r->tkinds, &r->tkinds_cap, r->ntkinds + 1, 1);
	r->tkinds[r->ntkinds++] = kind;
}

static void set_base(struct reader *r);

static void
table_open(struct reader *r)
{
	struct tstate *ts;

	if (r->ntables > 0)
		cell_block_boundary(r->tables[r->ntables - 1]);
	r->tables = xgrow(r->tables, &r->tables_cap, r->ntables + 1,
	    sizeof(*r->tables));
	ts = xcalloc(1, sizeof(*ts));
	r->tables[r->ntables++] = ts;
	ts->index = r->page->ntables;
	ts->inl.base_url = r->base_url;
	heading_path(r, tl_page_add_table(r->page, cur_line(r)));
	r->seen_table = 1;
	r->notes_for = 0;
	r->notes_list = 0;
	tkind_push(r, 'd');
}

static void
table_close(struct reader *r)
{
	struct tstate *ts = r->tables[r->ntables - 1];
	size_t i, index = ts->index;
	int chrome = ts->chrome;

	row_close(r, ts);
	if (ts->hdr_rows > 0)
		header_finish(r, ts);
	if (r->at_end)
		table_cut(r, ts, cur_line(r), "table cut: the page ends "
		    "inside it");
	for (i = 0; i < ts->nhdr; i++)
		buf_free(&ts->hdr[i]);
	free(ts->hdr);
	buf_free(&ts->rowtext);
	buf_free(&ts->caption);
	tl_inl_free(&ts->inl);
	free(ts->slots);
	free(ts->carry);
	free(ts->ptrs);
	free(ts);
	r->ntables--;
	if (r->ntkinds > 0)
		r->ntkinds--;
	if (r->ntables > 0)
		cell_block_boundary(r->tables[r->ntables - 1]);
	/* Headings or widgets in its cells: it lays the page out. */
	if (chrome)
		tl_page_remove_table(r->page, index);
	else if (r->ntables == 0)
		r->notes_for = index + 1;
}

static void
caption_finish(struct reader *r, struct tstate *ts)
{
	struct buf text = {0};

	ts->caption_open = 0;
	fold_ws(&text, buf_str(&ts->caption), ts->caption.len);
	if (text.len > 0 && table_of(r, ts)->caption == NULL)
		table_of(r, ts)->caption = tl_strdup(r->page, text.data);
	buf_free(&text);
}

/* The mark an inline element makes in a cell, or -1. */
static int
mark_of(enum tag t)
{
	switch (t) {
	case T_A:	return TL_MARK_LINK;
	case T_CODE:	return TL_MARK_CODE;
	case T_STRONG:	return TL_MARK_STRONG;
	case T_EM:	return TL_MARK_EM;
	case T_SUP:	return TL_MARK_SUP;
	case T_SUB:	return TL_MARK_SUB;
	case T_UL:	return TL_MARK_LIST;
	case T_OL:	return TL_MARK_OLIST;
	case T_LI:	return TL_MARK_ITEM;
	case T_PRE:	return TL_MARK_CODE;	/* preformatted: code */
	default:	return -1;
	}
}

/* Inline markup inside a cell; lists and <pre> are blocks too. */
static void
cell_start_tag(struct tstate *ts, enum tag t, const xmlChar **atts)
{
	struct tl_inline *b = &ts->inl;
	int kind = mark_of(t);

	if (t == T_BR)
		tl_inl_break(b);
	else if (t == T_IMG)
		tl_inl_image(b, attr(atts, "alt"));
	else if (is_block(t))
		tl_inl_block(b);
	if (t == T_PRE)
		tl_inl_pre(b, 1);
	if (kind >= 0)
		tl_inl_open(b, (enum tl_mark_kind)kind,
		    t == T_A ? attr(atts, "href") : NULL);
}

static void
cell_end_tag(struct tstate *ts, enum tag t)
{
	struct tl_inline *b = &ts->inl;
	int kind = mark_of(t);

	if (kind >= 0)
		tl_inl_close(b, (enum tl_mark_kind)kind);
	if (t == T_PRE)
		tl_inl_pre(b, -1);
	if (is_block(t))
		tl_inl_block(b);
}

static void
table_start_tag(struct reader *r, enum tag t, const xmlChar **atts)
{
	struct tstate *ts = r->tables[r->ntables - 1];

	if (t == T_H1 || t == T_HN || t == T_CONTROL)
		ts->chrome = 1;
	if (ts->layout > 0) {
		/* A layout table's cells are the cell they sit in. */
		if (in_cell(ts) && (t == T_TR || t == T_TD || t == T_TH))
			tl_inl_block(&ts->inl);
		else if (in_cell(ts))
			cell_start_tag(ts, t, atts);
		return;
	}
	switch (t) {
	case T_THEAD:
	case T_TBODY:
	case T_TFOOT:
		row_close(r, ts);
		carry_reset(ts);
		ts->in_head = t == T_THEAD;
		ts->in_foot = t == T_TFOOT;
		break;
	case T_TR:
		row_close(r, ts);
		row_start(r, ts);
		break;
	case T_TD:
	case T_TH:
		cell_open(r, ts, t, atts);
		break;
	case T_CAPTION:
		if (!ts->cell_open) {
			ts->caption_open = 1;
			buf_reset(&ts->caption);
		}
		break;
	default:
		if (in_cell(ts))
			cell_start_tag(ts, t, atts);
		break;
	}
}

static void
table_end_tag(struct reader *r, enum tag t)
{
	struct tstate *ts = r->tables[r->ntables - 1];

	if (ts->layout > 0) {
		if (in_cell(ts) && (t == T_TR || t == T_TD || t == T_TH))
			tl_inl_block(&ts->inl);
		else if (in_cell(ts))
			cell_end_tag(ts, t);
		return;
	}
	switch (t) {
	case T_THEAD:
	case T_TBODY:
	case T_TFOOT:
		row_close(r, ts);
		carry_reset(ts);
		ts->in_head = 0;
		ts->in_foot = 0;
		break;
	case T_TR:
		row_close(r, ts);
		break;
	case T_TD:
	case T_TH:
		cell_close(r, ts);
		break;
	case T_CAPTION:
		if (ts->caption_open)
			caption_finish(r, ts);
		break;
	default:
		if (in_cell(ts))
			cell_end_tag(ts, t);
		break;
	}
}

/* ---- title, breadcrumb, intro, notes ------------------------------- */

/* The arrows between breadcrumb items: '>', U+203A and U+00BB; and a
 * '/' with white space on both sides ("Home / Docs"). */
static size_t
crumb_separator(const char *s, size_t len, int after_space)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '>')
		return 1;
	if (u[0] == '/' && after_space &&
	    (len == 1 || tl_is_html_space(u[1])))
		return 1;
	if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xBA)
		return 3;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xBB)
		return 2;
	return 0;
}

/* Add a breadcrumb item, without white space or separators at its ends. */
static void
crumb_add(struct reader *r, const char *s, size_t len)
{
	struct buf item = {0};
	size_t n;

	for (;;) {
		if (len > 0 && tl_is_html_space((unsigned char)*s))
			n = 1;
		else if (len == 0 || (n = crumb_separator(s, len, 1)) == 0)
			break;
		s += n;
		len -= n;
	}
	while (len > 0 && (tl_is_html_space((unsigned char)s[len - 1]) ||
	    s[len - 1] == '>' || s[len - 1] == '/'))
		len--;
	if (len == 0)
		return;
	fold_ws(&item, s, len);
	tl_strlist_add(r->page, &r->page->breadcrumb, item.data);
	r->crumb_items++;
	buf_free(&item);
}

/* A breadcrumb written as links and separators, with no list items. */
static void
crumb_split(struct reader *r)
{
	const char *s = buf_str(&r->crumb_all);
	size_t len = r->crumb_all.len, i, start = 0, n;

	for (i = 0; i < len; i++)
		if ((n = crumb_separator(s + i, len - i, i > 0 &&
		    tl_is_html_space((unsigned char)s[i - 1]))) > 0) {
			crumb_add(r, s + start, i - start);
			start = i + n;
			i += n - 1;
		}
	crumb_add(r, s + start, len - start);
}

static void
crumb_close(struct reader *r)
{
	if (r->crumb_items == 0)
		crumb_split(r);
	r->crumb_depth = 0;
	r->crumb_done = 1;
	buf_free(&r->crumb_all);
}

static int
is_note_text(const char *s)
{
	if (*s == '*')
		s++;
	return prefix_ci(s, "note:") || prefix_ci(s, "notes:") ||
	    prefix_ci(s, "note :") || strncmp(s, "\xe6\xb3\xa8\xe6\x84\x8f", 6) == 0;
}

/* A note right after a table is the table's; any other, the page's. */
static void
add_note(struct reader *r, const char *text)
{
	if (r->notes_for > 0 && r->notes_for <= r->page->ntables)
		tl_strlist_add(r->page,
		    &r->page->tables[r->notes_for - 1].notes, text);
	else
		tl_strlist_add(r->page, &r->page->notes, text);
}

static void
capture_start(struct reader *r, enum capture c)
{
	r->cap = c;
	r->cap_depth = r->depth;
	r->cap_before_table = !r->seen_table;
	buf_reset(&r->capbuf);
}

static void
capture_finish(struct reader *r)
{
	struct buf text = {0};
	enum capture c = r->cap;

	r->cap = CAP_NONE;
	fold_ws(&text, buf_str(&r->capbuf), r->capbuf.len);
	switch (c) {
	case CAP_TITLE:
		if (r->title_tag == NULL && text.len > 0)
			r->title_tag = tl_strdup(r->page, text.data);
		break;
	case CAP_CRUMB:
		crumb_add(r, buf_str(&r->capbuf), r->capbuf.len);
		break;
	case CAP_PARA:
		if (text.len == 0)
			break;
		if (r->notes_list > 0) {
			add_note(r, text.data);
		} else if (is_note_text(text.data)) {
			/* "Notes:" alone: the list after it holds them. */
			if (tl_read_note_word(text.data, text.len))
				r->notes_list = 1;
			else
				add_note(r, text.data);
		} else {
			if (r->cap_before_table)
				tl_strlist_add(r->page, &r->page->intro,
				    text.data);
			r->notes_for = 0;
		}
		break;
	case CAP_NOTE:
		if (text.len > 0)
			add_note(r, text.data);
		break;
	case CAP_NONE:
		break;
	}
	buf_free(&text);
}

/*
 * Links resolve against <base href> (itself resolved against the page's
 * URL), else the page's URL (given, or its canonical link).
 */
static void
set_base(struct reader *r)
{
	size_t i;

	r->base_url = r->page->url;
	if (r->base_href != NULL &&
	    tl_inl_href(&r->scratch, r->base_href, r->page->url) == 0)
		r->base_url = tl_strdup(r->page, buf_str(&r->scratch));
	for (i = 0; i < r->ntables; i++)
		r->tables[i]->inl.base_url = r->base_url;
}

static int
is_crumb_container(enum tag t, const xmlChar **atts)
{
	const char *cls = attr(atts, "class"), *label;

	if (cls != NULL && contains_ci(cls, "crumb"))
		return t == T_NAV || t == T_OL || t == T_UL || t == T_DIV;
	label = attr(atts, "aria-label");
	return t == T_NAV && label != NULL && contains_ci(label, "breadcrumb");
}

static int
is_note_container(enum tag t, const xmlChar **atts)
{
	const char *cls;

	if (t != T_DIV && t != T_ASIDE && t != T_BLOCK && t != T_P)
		return 0;
	if ((cls = attr(atts, "class")) == NULL)
		return 0;
	return contains_ci(cls, "note") || contains_ci(cls, "alert") ||
	    contains_ci(cls, "callout") || contains_ci(cls, "admonition");
}

static void
page_start_tag(struct reader *r, enum tag t, const xmlChar **atts)
{
	if (t == T_BASE && r->base_href == NULL && attr(atts, "href")) {
		r->base_href = tl_strdup(r->page, attr(atts, "href"));
		set_base(r);
	} else if (t == T_LINK && r->page->url == NULL &&
	    attr(atts, "href") != NULL && attr(atts, "rel") != NULL &&
	    tl_read_has_token(attr(atts, "rel"), "canonical") &&
	    tl_inl_href(&r->scratch, attr(atts, "href"), NULL) == 0) {
		/* The page says where it lives. */
		r->page->url = tl_strdup(r->page, buf_str(&r->scratch));
		set_base(r);
	}
	if (r->crumb_depth == 0 && !r->crumb_done && r->cap == CAP_NONE &&
	    is_crumb_container(t, atts)) {
		r->crumb_depth = r->depth;
		r->crumb_items = 0;
	} else if (r->cap == CAP_NONE && r->crumb_depth == 0 &&
	    r->chrome == 0 && is_note_container(t, atts))
		capture_start(r, CAP_NOTE);
	else if (r->cap == CAP_NONE) {
		/* Anything but notes ends the notes of the table above. */
		if ((t == T_UL || t == T_OL || t == T_PRE) &&
		    r->notes_list == 0)
			r->notes_for = 0;
		if (t == T_TITLE && r->title_tag == NULL)
			capture_start(r, CAP_TITLE);
		else if (t == T_LI && r->crumb_depth > 0)
			capture_start(r, CAP_CRUMB);
		else if (t == T_LI && r->notes_list > 0 && r->chrome == 0)
			capture_start(r, CAP_PARA);
		else if (t == T_P && r->crumb_depth == 0 && r->chrome == 0)
			capture_start(r, CAP_PARA);
	} else if (t == T_BR || is_block(t))
		buf_putc(&r->capbuf, ' ');
}

static void
page_end_tag(struct reader *r, enum tag t)
{
	if (r->cap != CAP_NONE && r->depth == r->cap_depth)
		capture_finish(r);
	else if (r->cap != CAP_NONE && is_block(t))
		buf_putc(&r->capbuf, ' ');
	if (r->crumb_depth > 0 && r->depth == r->crumb_depth)
		crumb_close(r);
	/* The list after "Notes:" ends the notes. */
	if ((t == T_UL || t == T_OL) && r->notes_list > 0 &&
	    r->cap == CAP_NONE) {
		r->notes_list = 0;
		r->notes_for = 0;
	}
}

/* ---- SAX callbacks ------------------------------------------------- */

static void
sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct reader *r = ctx;
	enum tag t = tag_of((const char *)name);

	r->depth++;
	if (r->hidden > 0)
		return;
	if (is_hidden(atts) && t != T_BASE && t != T_LINK) {
		r->hidden = r->depth;
		return;
	}
	if (r->chrome == 0 && is_chrome(r, t, atts))
		r->chrome = r->depth;
	if (t == T_SECTIONING)
		r->sectioning++;
	if (r->head_level > 0 && t == T_A)
		r->head_a = r->headbuf.len;
	else if (r->head_level > 0 && (t == T_BR || is_block(t)))
		buf_putc(&r->headbuf, ' ');
	if ((t == T_H1 || t == T_HN) && r->head_level == 0 && r->chrome == 0)
		heading_start(r, t, (const char *)name);
	if (t == T_TABLE) {
		if (is_layout_table(atts)) {
			tkind_push(r, 'l');
			if (r->ntables > 0)
				r->tables[r->ntables - 1]->layout++;
		} else
			table_open(r);
		return;
	}
	if (r->ntables > 0)
		table_start_tag(r, t, atts);
	else
		page_start_tag(r, t, atts);
}

static void
sax_end(void *ctx, const xmlChar *name)
{
	struct reader *r = ctx;
	enum tag t = tag_of((const char *)name);

	if (r->hidden > 0) {
		if (r->depth == r->hidden)
			r->hidden = 0;
		if (r->depth > 0)
			r->depth--;
		return;
	}
	if (r->head_level > 0 && t == T_A && r->head_a != SIZE_MAX) {
		if (is_permalink_text(r->headbuf.data + r->head_a,
		    r->headbuf.len - r->head_a))
			r->headbuf.len = r->head_a;
		r->head_a = SIZE_MAX;
	}
	if (r->head_level > 0 && r->depth == r->head_depth)
		heading_finish(r);
	else if (r->head_level > 0 && is_block(t))
		buf_putc(&r->headbuf, ' ');
	if (t == T_TABLE && r->ntkinds > 0 &&
	    r->tkinds[r->ntkinds - 1] == 'l') {
		r->ntkinds--;
		if (r->ntables > 0 && r->tables[r->ntables - 1]->layout > 0)
			r->tables[r->ntables - 1]->layout--;
	} else if (t == T_TABLE && r->ntables > 0)
		table_close(r);
	else if (r->ntables > 0)
		table_end_tag(r, t);
	else
		page_end_tag(r, t);
	if (t == T_SECTIONING && r->sectioning > 0)
		r->sectioning--;
	if (r->chrome > 0 && r->depth == r->chrome)
		r->chrome = 0;
	if (r->depth > 0)
		r->depth--;
}

static void
sax_characters(void *ctx, const xmlChar *ch, int len)
{
	struct reader *r = ctx;

	if (len <= 0 || r->hidden > 0)
		return;
	if (r->head_level > 0)
		buf_put(&r->headbuf, (const char *)ch, (size_t)len);
	if (r->ntables > 0) {
		struct tstate *ts = r->tables[r->ntables - 1];

		if (ts->caption_open)
			buf_put(&ts->caption, (const char *)ch, (size_t)len);
		else if (in_cell(ts))
			tl_inl_text(&ts->inl, (const char *)ch, (size_t)len);
		return;
	}
	if (r->crumb_depth > 0)
		buf_put(&r->crumb_all, (const char *)ch, (size_t)len);
	if (r->cap != CAP_NONE)
		buf_put(&r->capbuf, (const char *)ch, (size_t)len);
}

/* <script> and <style> content arrives here: it is not page text. */
static void
sax_ignore_cdata(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx;
	(void)ch;
	(void)len;
}

static void
sax_ignore_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* ---- encoding ------------------------------------------------------ */

/* The value of the first charset= in a <meta> tag of the page's head. */
static int
sniff_meta_charset(const char *b, size_t len, char *name, size_t namesz)
{
	size_t i, j, k;

	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (i = 0; i + 5 < len; i++) {
		if (b[i] != '<' || !prefix_ci(b + i + 1, "meta"))
			continue;
		for (j = i + 5; j + 7 < len && b[j] != '>'; j++) {
			if (!prefix_ci(b + j, "charset"))
				continue;
			k = j + 7;
			while (k < len && tl_is_html_space((unsigned char)b[k]))
				k++;
			if (k >= len || b[k] != '=')
				continue;
			k++;
			while (k < len &&
			    (tl_is_html_space((unsigned char)b[k]) ||
			    b[k] == '"' || b[k] == '\''))
				k++;
			for (j = 0; k < len && j + 1 < namesz; k++, j++) {
				char c = b[k];

				if (!((c >= 'a' && c <= 'z') ||
				    (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || c == '-' ||
				    c == '_' || c == '.' || c == ':'))
					break;
				name[j] = (char)lower((unsigned char)c);
			}
			name[j] = '\0';
			return j > 0;
		}
	}
	return 0;
}

/*
 * Browsers read these labels as windows-1252 (WHATWG Encoding), and pages
 * that say "iso-8859-1" really do hold 0x92 for an apostrophe.
 */
static int
is_1252_label(const char *name)
{
	static const char *const labels[] = {
		"windows-1252", "cp1252", "x-cp1252", "iso-8859-1",
		"iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii",
		"ascii", "iso-ir-100", "ibm819", "cp819", "csisolatin1",
	};
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(name, labels[i]) == 0)
			return 1;
	return 0;
}

static int
is_utf8_label(const char *name)
{
	return strcmp(name, "utf-8") == 0 || strcmp(name, "utf8") == 0 ||
	    strcmp(name, "unicode-1-1-utf-8") == 0 ||
	    /* A <meta> that the bytes could be read to see is not UTF-16. */
	    strncmp(name, "utf-16", 6) == 0;
}

static unsigned
line_at(const char *b, size_t off)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (b[i] == '\n')
			line++;
	return line;
}

/* windows-1252's 0x80-0x9F; the five holes stay C1 controls (WHATWG). */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void
put_utf8(struct buf *out, unsigned cp)
{
	char u[3];

	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_put(out, u, 2);
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_put(out, u, 3);
	}
}

/*
 * Decoded here rather than by iconv, which refuses the five undefined
 * bytes and would make libxml2 stop parsing (and print to stderr).
 */
static void
cp1252_to_utf8(struct buf *out, const char *b, size_t len)
{
	const unsigned char *s = (const unsigned char *)b;
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		buf_put(out, b + start, i - start);
		put_utf8(out, s[i] < 0xA0 ? cp1252_high[s[i] - 0x80] : s[i]);
		start = i + 1;
	}
	buf_put(out, b + start, len - start);
}

/*
 * Any other charset, through iconv; a byte it cannot convert becomes
 * U+FFFD.  Returns the number of such bytes, or -1 when iconv does not
 * know the charset.
 */
static long
iconv_to_utf8(struct buf *out, const char *from, const char *b, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *in = (char *)b, *o;
	size_t inleft = len, oleft, room;
	long bad = 0;

	if (cd == (iconv_t)-1)
		return -1;
	while (inleft > 0) {
		room = inleft * 4 + 16;
		out->data = xgrow(out->data, &out->cap, out->len + room + 1, 1);
		o = out->data + out->len;
		oleft = room;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 &&
		    errno != E2BIG) {
			out->len = (size_t)(o - out->data);
			buf_put(out, "\xef\xbf\xbd", 3);
			in++;
			inleft--;
			bad++;
			continue;
		}
		out->len = (size_t)(o - out->data);
	}
	out->data = xgrow(out->data, &out->cap, out->len + 1, 1);
	out->data[out->len] = '\0';
	iconv_close(cd);
	return bad;
}

/* read.h: the loader decodes a transport's charset with these. */
int
tl_charset_is_utf8(const char *label)
{
	/* A <meta> that could be read is not UTF-16; a Content-Type can be. */
	return is_utf8_label(label) && strncmp(label, "utf-16", 6) != 0;
}

long
tl_charset_decode(struct buf *out, const char *label, const char *bytes,
    size_t len)
{
	if (is_1252_label(label)) {
		cp1252_to_utf8(out, bytes, len);
		return 0;
	}
	/* WHATWG: the label utf-16 is little-endian; iconv's is not. */
	return iconv_to_utf8(out, strcmp(label, "utf-16") == 0 ? "utf-16le" :
	    label, bytes, len);
}

/*
 * Bring the page to UTF-8, which is all the parser is ever given: a BOM
 * decides, else <meta charset> in the first 1024 bytes, else UTF-8 when
 * the bytes are valid UTF-8 and windows-1252 when they are not (what
 * browsers fall back to).  Declared UTF-8 that is not valid is repaired
 * with U+FFFD.  *bytes and *len are moved to `conv` when converting.
 */
static void
to_utf8(struct reader *r, const char **bytes, size_t *len, struct buf *conv)
{
	const unsigned char *u = (const unsigned char *)*bytes;
	const char *from = NULL;
	char name[64];
	int declared = 0;
	size_t bad, n;
	long nbad;

	if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*bytes += 3;
		*len -= 3;
		declared = 1;
	} else if (*len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*bytes += 2;
		*len -= 2;
		from = "UTF-16LE";
	} else if (*len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*bytes += 2;
		*len -= 2;
		from = "UTF-16BE";
	} else if (sniff_meta_charset(*bytes, *len, name, sizeof(name))) {
		declared = 1;
		if (is_1252_label(name)) {
			cp1252_to_utf8(conv, *bytes, *len);
			goto converted;
		}
		if (!is_utf8_label(name))
			from = name;
	}
	if (from != NULL) {
		if ((nbad = iconv_to_utf8(conv, from, *bytes, *len)) >= 0) {
			if (nbad > 0)
				tl_diag_kind(r->d, TL_WARNING, TL_DK_ENCODING,
				    r->page->source, 0,
				    "bytes not valid in %s replaced by "
				    "U+FFFD (%ld)", from, nbad);
			goto converted;
		}
		tl_diag_kind(r->d, TL_WARNING, TL_DK_ENCODING,
		    r->page->source, 0,
		    "unknown charset \"%s\": reading as UTF-8", from);
		buf_reset(conv);
	}
	if ((bad = tl_utf8_find_bad(*bytes, *len, 0, 0, &n)) == *len)
		return;
	if (!declared) {
		tl_diag_kind(r->d, TL_WARNING, TL_DK_ENCODING, r->page->source,
		    line_at(*bytes, bad),
		    "not UTF-8 and no charset declared: reading as "
		    "windows-1252");
		cp1252_to_utf8(conv, *bytes, *len);
	} else {
		tl_diag_kind(r->d, TL_WARNING, TL_DK_INVALID_UTF8,
		    r->page->source,
		    line_at(*bytes, bad), "invalid UTF-8 replaced by U+FFFD");
		tl_utf8_repair(conv, *bytes, *len);
	}
converted:
	*bytes = buf_str(conv);
	*len = conv->len;
}

/* ---- the reader ---------------------------------------------------- */

static int
starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/*
 * docs/design.md "Reading pages": after an optional UTF-8 BOM and white
 * space, one of the tags a whole page starts with; or some other tag (a
 * fragment: <div>, <nav>, <h1>, a comment) and a <table> in the first
 * 64 KiB.
 */
int
tl_sniff_html(const char *bytes, size_t len)
{
	size_t i = 0, scan;

	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && tl_is_html_space((unsigned char)bytes[i]))
		i++;
	if (starts_with_ci(bytes + i, len - i, "<!doctype html") ||
	    starts_with_ci(bytes + i, len - i, "<html") ||
	    starts_with_ci(bytes + i, len - i, "<?xml") ||
	    starts_with_ci(bytes + i, len - i, "<table") ||
	    starts_with_ci(bytes + i, len - i, "<head") ||
	    starts_with_ci(bytes + i, len - i, "<body") ||
	    starts_with_ci(bytes + i, len - i, "<meta"))
		return 1;
	if (i < len && bytes[i] == '<') {
		scan = len - i < 65536 ? len - i : 65536;
		for (size_t k = i; k + 6 <= i + scan; k++)
			if (bytes[k] == '<' &&
			    starts_with_ci(bytes + k, len - k, "<table"))
				return 1;
	}
	return 0;
}


void
tl_html_init(void)
{
	xmlInitParser();
}

static void
reader_finish(struct reader *r)
{
	r->at_end = 1;
	while (r->ntables > 0)
		table_close(r);
	if (r->cap != CAP_NONE)
		capture_finish(r);
	if (r->crumb_depth > 0)
		crumb_close(r);
	if (r->h1 != NULL)
		r->page->title = r->h1;
	else if (r->page->breadcrumb.n > 0)
		r->page->title =
		    r->page->breadcrumb.v[r->page->breadcrumb.n - 1];
	else if (r->first_heading != NULL)
		r->page->title = r->first_heading;
	else if (r->title_tag != NULL)
		r->page->title = r->title_tag;
	buf_free(&r->capbuf);
	buf_free(&r->crumb_all);
	buf_free(&r->headbuf);
	buf_free(&r->scratch);
	free(r->tables);
	free(r->tkinds);
}

static int
parse(struct reader *r, const char *bytes, size_t len)
{
	htmlSAXHandler sax;
	size_t n;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = sax_start;
	sax.endElement = sax_end;
	sax.characters = sax_characters;
	sax.ignorableWhitespace = sax_characters;
	sax.cdataBlock = sax_ignore_cdata;
	/* Errors go to this context's handler, never to stderr. */
	sax.serror = sax_ignore_error;
	sax.initialized = XML_SAX2_MAGIC;

	/* Said explicitly: left unset, libxml2 falls back to Latin-1. */
	r->ctxt = htmlCreatePushParserCtxt(&sax, r, NULL, 0,
	    r->page->source, XML_CHAR_ENCODING_UTF8);
	if (r->ctxt == NULL) {
		tl_diag_kind(r->d, TL_ERROR, TL_DK_INTERNAL, r->page->source, 0,
		    "cannot create the HTML parser");
		return -1;
	}
	/* The bytes are UTF-8 by now, whatever a <meta> says. */
	htmlCtxtUseOptions(r->ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
	while (len > 0) {
		n = len > CHUNK_MAX ? CHUNK_MAX : len;
		htmlParseChunk(r->ctxt, bytes, (int)n, 0);
		bytes += n;
		len -= n;
	}
	r->at_end = 1;
	htmlParseChunk(r->ctxt, NULL, 0, 1);
	r->end_line = cur_line(r);
	htmlFreeParserCtxt(r->ctxt);
	r->ctxt = NULL;
	return 0;
}

int
tl_read_html(void *reader, struct tl_page *page, const char *bytes,
    size_t len, struct tl_diags *d)
{
	struct reader r;
	struct buf conv = {0};
	int rc = 0;

	(void)reader;	/* nothing is kept from page to page */
	memset(&r, 0, sizeof(r));
	r.page = page;
	r.d = d;
	r.base_url = page->url;
	if (bytes == NULL)
		len = 0;
	to_utf8(&r, &bytes, &len, &conv);
	if (len > 0)
		rc = parse(&r, bytes, len);
	reader_finish(&r);
	buf_free(&conv);
	return rc;
}
