/*
 * table.h - the table model every reader fills and every writer reads.
 *
 * Data flows one way: a reader (read_md.c, read_html.c) builds a page of
 * raw tables (header texts, row cell texts, source lines); normalise.c then
 * maps headers to canonical fields and fills each row's fields and date;
 * writers only read the result.
 *
 * Ownership: every string reachable from a `struct tl_page` lives in the
 * page's arena and is freed by tl_page_free(), in one place.  Arrays of
 * rows, columns and strings are owned by the page too.  Nothing handed to
 * the builder functions below is kept: they copy.
 *
 * Diagnostics (base/diag.h) are not part of a page: functions append
 * them to a list the caller owns.
 */
#ifndef TABLOG_TABLE_H
#define TABLOG_TABLE_H

#include <stddef.h>

#include "base/date.h"
#include "base/diag.h"

/* ---- fields -------------------------------------------------------- */

/* The canonical fields of a row, in CSV column order. */
enum tl_field {
	TL_API,
	TL_PERMISSION,
	TL_DISPLAY_NAME,
	TL_QUALIFIER,
	TL_TYPE,
	TL_PURPOSE,
	TL_LAST_UPDATE,		/* ISO 8601 at the precision given */
	TL_LAST_UPDATE_TEXT,	/* the date cell as written */
	/* From the vendors' shapes (docs/design.md "Table shapes"): */
	TL_TYPE_TEXT,		/* the type cell, when type was folded from
				 * another language ("Anwendung") */
	TL_TYPE_QUALIFIER,	/* "work or school account" beside the type */
	TL_HIGHER_PRIVILEGED,	/* the higher privileged permissions, joined
				 * by ", "; "" for none (see tl_row's higher) */
	TL_NFIELDS
};
#define TL_EXTRA (-1)		/* a column that maps to no canonical field */

/* "api", "permission", ... (index by enum tl_field). */
const char *tl_field_name(enum tl_field f);
/* The canonical field a name names ("type": TL_TYPE), or TL_EXTRA for
 * any other name (a column key).  Every look-up of a field by name goes
 * through here. */
int	tl_field_by_name(const char *name);

/* ---- the model ----------------------------------------------------- */

struct tl_strlist {
	const char	**v;
	size_t		 n, cap;
};

/* ---- inline markup ------------------------------------------------- */

/*
 * What a cell holds besides its text (docs/design.md "The model"): links,
 * code, strong and emphasised text, superscripts and subscripts, lists.
 * A cell's markup is a list of marks over its text, each naming a byte
 * range [start, end) of the text and what that range is.  Line breaks
 * are the text's own '\n'.
 *
 * Marks are sorted by start, an enclosing mark before the marks inside
 * it (for equal starts, the longer first); two marks are either nested
 * or apart, never overlapping; none is empty; none starts or ends with
 * white space or inside a UTF-8 sequence.  The normaliser keeps them so
 * when it folds the text (normalise.c).  A list (TL_MARK_LIST,
 * TL_MARK_OLIST) holds only items (TL_MARK_ITEM), one line of the text
 * each or more.
 */
enum tl_mark_kind {
	TL_MARK_LINK,		/* href: the target */
	TL_MARK_CODE,
	TL_MARK_STRONG,
	TL_MARK_EM,
	TL_MARK_SUP,
	TL_MARK_SUB,
	TL_MARK_LIST,		/* a bulleted list */
	TL_MARK_OLIST,		/* a numbered list */
	TL_MARK_ITEM,		/* an item of a list */
	TL_MARK_NKINDS
};

struct tl_mark {
	unsigned	 start, end;	/* bytes of the cell's text */
	unsigned	 kind;		/* enum tl_mark_kind */
	const char	*href;		/* TL_MARK_LINK's target, else NULL */
};

struct tl_markup {
	size_t		 n;
	struct tl_mark	 v[];
};

struct tl_column {
	const char	*header;	/* header cell text, normalised */
	const char	*key;		/* field name or slug of header; unique */
	int		 field;		/* enum tl_field, or TL_EXTRA */
};

struct tl_row {
	unsigned	 line;		/* source line of the row's start */
	size_t		 nread;		/* cells the source row really had */
	const char	**cells;	/* one text per column, never NULL */
	/* Each cell's markup, or NULL: NULL when no cell has any. */
	const struct tl_markup **markup;
	/* The text of the section row above it in its table, or NULL. */
	const char	*section;
	/* Filled by normalise.c; NULL where the row has no such value. */
	const char	*f[TL_NFIELDS];
	struct tl_date	 date;
	/*
	 * Filled from the page's history (history/) for its current
	 * version, NULL and 0 otherwise: the day (YYYY-MM-DD) of the first
	 * version that had the row and of the last that added or changed
	 * it, and whether its content changed after its last_update.
	 */
	const char	*first_seen, *last_changed;
	int		 changed_without_date_update;
	/* The higher privileged permissions one by one, when
	 * f[TL_HIGHER_PRIVILEGED] is not NULL (see tl_row_set_higher()); in
	 * the page's arena, never grown (cap 0). */
	struct tl_strlist higher;
	/* The row says the permission is not supported ("Not supported."
	 * where a permission would be): JSON's `supported: false`. */
	unsigned char	 unsupported;
};

struct tl_table {
	unsigned	 line;		/* source line of the header row */
	/* Where the table sits: the headings above it (outermost first;
	 * the last is its section), its caption, the notes right after
	 * it (a footer row, "Note:" paragraphs, note boxes).  Texts. */
	struct tl_strlist headings;
	const char	*caption;	/* or NULL */
	struct tl_strlist notes;
	size_t		 ncolumns;
	struct tl_column *columns;
	size_t		 nrows, rows_cap;
	struct tl_row	*rows;
	/* The page ends inside the table (cut by a crawler or a size
	 * limit): the source line it ends at, 0 for a whole table.  Rows
	 * past the cut are unknown, not gone (diff.c). */
	unsigned	 cut;
	/* Filled by normalise.c: */
	int		 date_column;	/* index into columns, or -1 */
	int		 label_column;	/* what names a row, or -1 */
};

struct tl_arena_chunk;
struct tl_share;

struct tl_page {
	const char	*source;	/* file name or URL as given, "-" for stdin */
	/*
	 * The page's own URL, or NULL; its relative links resolve against
	 * it (or against its <base href>, itself resolved against it).  The
	 * loader sets it before the reader runs: --page-url when given, else
	 * a fetched page's final URL after redirects; else the HTML reader
	 * takes the page's canonical link (docs/design.md "The model").
	 */
	const char	*url;
	const char	*title;		/* NULL until a reader finds one */
	const char	*slug;		/* set by normalise.c */
	struct tl_strlist breadcrumb;
	struct tl_strlist intro;
	struct tl_strlist notes;
	size_t		 ntables, tables_cap;
	struct tl_table	*tables;
	struct tl_arena_chunk *arena;
	struct tl_share	*share;		/* see tl_strndup_shared() */
};

/* A new empty page read from `source` (copied). */
struct tl_page	*tl_page_new(const char *source);
void		 tl_page_free(struct tl_page *page);

/* Copy a string into the page's arena. */
const char	*tl_strdup(struct tl_page *page, const char *s);
const char	*tl_strndup(struct tl_page *page, const char *s, size_t len);
/*
 * The same, for a string that is often repeated (an API name, a type, a
 * date): it may return an earlier equal copy.  Strings in the arena are
 * never changed, so sharing one is safe.
 */
const char	*tl_strndup_shared(struct tl_page *page, const char *s,
		    size_t len);
/* Allocate zeroed memory in the page's arena. */
void		*tl_alloc(struct tl_page *page, size_t size);

/*
 * Set a row's higher privileged permissions to the n names of v (copied):
 * row->higher, and f[TL_HIGHER_PRIVILEGED] the same joined by ", " (""
 * for none).
 */
void		 tl_row_set_higher(struct tl_page *page, struct tl_row *r,
		    const char *const *v, size_t n);

/* Append a copy of s to a page's string list. */
void		 tl_strlist_add(struct tl_page *page, struct tl_strlist *l,
		    const char *s);

/*
 * Builders for readers.  tl_table_set_header() sets the columns from the
 * header cell texts (keys are assigned later, by normalise.c).
 * tl_table_add_row() copies n cells; a row with fewer cells than the table
 * has columns is padded with "", extra cells are dropped, and `nread`
 * records what the source had so that callers can warn.
 */
struct tl_table	*tl_page_add_table(struct tl_page *page, unsigned line);
void		 tl_table_set_header(struct tl_page *page, struct tl_table *t,
		    const char *const *cells, size_t n);
struct tl_row	*tl_table_add_row(struct tl_page *page, struct tl_table *t,
		    unsigned line, const char *const *cells, size_t n);

/*
 * A copy of the n marks v in the page's arena (hrefs too), or NULL when
 * n is 0.  Markup is never changed once made, so rows may share one (a
 * cell carried down by rowspan).
 */
const struct tl_markup *tl_markup_copy(struct tl_page *page,
		    const struct tl_mark *v, size_t n);
/*
 * Give cell `col` of row r the markup m (kept, not copied; NULL removes
 * it).  It must keep the rules above against r->cells[col]: whoever
 * changes a cell's text changes or removes its markup with it.
 */
void		 tl_row_set_markup(struct tl_page *page,
		    const struct tl_table *t, struct tl_row *r, size_t col,
		    const struct tl_markup *m);
/* The markup of cell col of r, or NULL when it has none. */
static inline const struct tl_markup *
tl_cell_markup(const struct tl_row *r, size_t col)
{
	return r->markup != NULL ? r->markup[col] : NULL;
}
/* The nearest heading above the table, or NULL. */
static inline const char *
tl_table_section(const struct tl_table *t)
{
	return t->headings.n > 0 ? t->headings.v[t->headings.n - 1] : NULL;
}
/* Remove table i from the page (its arena strings stay until the page
 * is freed). */
void		 tl_page_remove_table(struct tl_page *page, size_t i);

/*
 * Drop the tables with no text in any cell, header or body
 * (`<table></table>`, rows of empty cells): they are layout, not tables.
 * A cell of white space (base/space.h: tl_is_unicode_space()) is empty.
 */
void		 tl_page_drop_empty_tables(struct tl_page *page);

/* Keep only table `index` (0-based) of the page; -1 if there is none. */
int		 tl_page_keep_table(struct tl_page *page, size_t index);

/* Index of the column with this key or canonical field, or -1. */
int		 tl_table_column(const struct tl_table *t, const char *key);
int		 tl_table_field_column(const struct tl_table *t, int field);

#endif
