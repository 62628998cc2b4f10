/*
 * diff.h - what changed between two versions of a page, as a list of
 * changes (docs/design.md "Changes").
 *
 * tl_diff_pages() matches the rows of OLD and NEW by key (key.h), table
 * by table (the first table of OLD against the first of NEW, and so on),
 * and lists rows added, removed and changed, and columns added and
 * removed.  Rows sharing a key are paired in page order, after rows equal
 * in every compared field have been paired with each other; so reordering
 * alone is no change.  Only fields both tables have are compared: a
 * dropped column is reported once as a column, not once per row.  A
 * version that ends inside a table (tl_table.cut) leaves the other's rows
 * past the cut unknown, neither added nor removed: one change of kind
 * cut says how many.
 *
 * A change (struct tl_change) is the one model of "something changed"
 * that every consumer shares: `diff` writes it (diff_context.h gives its
 * JSON object and the templates' context), `build --since` lists it in
 * the site's detected changes (site/since.h), and a history of a page
 * (history/history.h) is a list of them with date, time and commit
 * filled.  What a change cannot know from two pages (the page's path or
 * URL, the date, the commit) the caller fills in: tl_diff_set_origin(),
 * tl_diff_set_time().
 *
 * The diff points into both pages: keep them until tl_diff_free().
 */
#ifndef TABLOG_DIFF_H
#define TABLOG_DIFF_H

#include <stdio.h>

#include "base/buf.h"
#include "model/key.h"
#include "model/table.h"

struct tl_renderer;

struct tl_diff_opts {
	const struct tl_keyspec	*key;		/* NULL: api, permission, type */
	const struct tl_aliases	*aliases;	/* NULL: no aliases */
	/* Keep which rows were paired (tl_diff's pairs), for a caller that
	 * follows rows from version to version (history/). */
	int			 pairs;
};

/*
 * The kinds of change, in the order a diff lists them.  A diff makes the
 * first seven; a site's detected changes and a history add the page kinds.
 * A renamed column is a header reworded under its key, or an extra column
 * only one version has whose cells, row for paired row, are mostly those
 * of one only the other has (docs/design.md "Changes").
 */
enum tl_change_kind {
	TL_CHANGE_COLUMN_ADDED,
	TL_CHANGE_COLUMN_REMOVED,
	TL_CHANGE_RENAMED_COLUMN,
	TL_CHANGE_ADDED,		/* a row only NEW has */
	TL_CHANGE_REMOVED,		/* a row only OLD has */
	TL_CHANGE_CHANGED,		/* a row both have, some field differs */
	TL_CHANGE_CUT,			/* a version ends inside the table */
	TL_CHANGE_PAGE_ADDED,
	TL_CHANGE_PAGE_REMOVED,
	TL_CHANGE_NKINDS
};

/* "added", "column_added", ... as the JSON `kind` says it. */
const char *tl_change_kind_name(enum tl_change_kind k);

/* One field that differs: its name (field name or column key) and
 * values (NULL where the row has none). */
struct tl_change_field {
	const char	*name;
	const char	*before;
	const char	*after;
};

struct tl_change {
	enum tl_change_kind	 kind;
	/* Filled by the caller (tl_diff_set_origin()); NULL until then. */
	const char		*date;		/* "YYYY-MM-DD" */
	const char		*time;		/* to the second, RFC 3339 */
	const char		*commit;
	const char		*page;		/* the page's path or URL */
	/* The page's versions (a page kind has one of them). */
	const struct tl_page	*before_page, *after_page;
	/* Row and column kinds: the table, 0-based, and its versions. */
	size_t			 table;
	const struct tl_table	*before_table, *after_table;
	/* Row kinds: the row's versions (added: after only; removed:
	 * before only), and the key fields its rows were matched by. */
	const struct tl_row	*before, *after;
	const struct tl_keycols	*key;
	/* Column kinds: the column's versions (added: after only;
	 * removed: before only; renamed: both). */
	const struct tl_column	*before_column, *after_column;
	/* Changed: the fields that differ, in the order they compare. */
	struct tl_change_field	*fields;
	size_t			 nfields;
	/* Changed: content changed, the table's date column did not. */
	int			 changed_without_date_update;
	/* Cut: the rows past the cut (and in the tables after it) that are
	 * neither added nor removed, because one version has no rows there
	 * (docs/design.md "Changes"). */
	size_t			 unknown;
};

/* The section (the nearest heading, tl_table_section()) of the table a
 * change is in: NEW's when NEW has the table, else OLD's; NULL for a
 * table without one and for a page change. */
const char *tl_change_section(const struct tl_change *c);
/* The row a row change shows (NEW's when there is one) and its table. */
const struct tl_row *tl_change_row(const struct tl_change *c,
	    const struct tl_table **table);
/* Row kinds: the row's own value of key field i (< c->key->n), NULL when
 * it has none; and the key as people read it, values joined by " | ". */
const char *tl_change_key_value(const struct tl_change *c, size_t i);
void	tl_change_key_text(struct buf *out, const struct tl_change *c);

struct tl_diff {
	const char		*before_name, *after_name;	/* sources */
	int			 several_tables; /* either page has > 1 */
	/* Either version ends inside a table (tl_table.cut), and how many
	 * rows past the cuts were left unknown. */
	int			 cut_before, cut_after;
	size_t			 unknown;
	/* Every change, grouped by kind in enum order; inside a kind in
	 * table order, then rows added and changed in NEW's order, rows
	 * removed in OLD's.  Kind k is v[first[k]] .. v[first[k] +
	 * count[k] - 1]. */
	struct tl_change	*v;
	size_t			 n;
	size_t			 first[TL_CHANGE_NKINDS];
	size_t			 count[TL_CHANGE_NKINDS];
	/* The key fields of each table pair (changes point here). */
	struct tl_keycols	*keys;
	size_t			 nkeys;
	/* With o->pairs, for each table pair (nkeys of them): pairs[t][i]
	 * is the row of OLD's table t paired with row i of NEW's (changed
	 * or not), or -1 for a row added; NULL for a table only one
	 * version has.  NULL without o->pairs. */
	long			**pairs;
};

/* Compare two normalised pages; df is filled (free with tl_diff_free). */
void	tl_diff_pages(struct tl_diff *df, const struct tl_page *before,
	    const struct tl_page *after, const struct tl_diff_opts *o);
/* Set the page, date and commit of every change (each may be NULL; the
 * strings are borrowed and must outlive the diff). */
void	tl_diff_set_origin(struct tl_diff *df, const char *page,
	    const char *date, const char *commit);
/* Set the time of every change, "2024-01-03T10:00:00+01:00" (borrowed,
 * as above), for outputs that order or date changes to the second. */
void	tl_diff_set_time(struct tl_diff *df, const char *time);
void	tl_diff_free(struct tl_diff *df);
/* 1 when anything differs (rows or columns), else 0. */
int	tl_diff_any(const struct tl_diff *df);

/* "3 added, 1 removed, 2 changed" (", 1 column removed" when so; ", 4
 * rows unknown past a cut" when so), appended to out. */
void	tl_diff_summary(struct buf *out, const struct tl_diff *df);

enum tl_diff_format { TL_DIFF_MD, TL_DIFF_JSON, TL_DIFF_CSV, TL_DIFF_HTML };

/* "md", "json", "csv" or "html"; -1 for anything else. */
int	tl_diff_format(const char *name);
/*
 * Write a diff (diff_write.c): Markdown and HTML through the templates
 * diff.md and diff.html of `r` (NULL: the built-in ones), JSON as the
 * document of diff_context.h, CSV as one line per change (a changed row:
 * one per field; no summary line, so that it stays one table).  0, or -1
 * when a template failed (an error in d) or the stream did.
 */
int	tl_diff_write(const struct tl_diff *df, enum tl_diff_format f,
	    struct tl_renderer *r, FILE *fp, struct tl_diags *d);

/*
 * A change as `diff -f csv` writes it, appended to b: one line (a
 * changed row: one per field that differs), after npre fields of the
 * caller's own (a history's date, commit, page), quoted and guarded
 * against formulas unless raw.  The header's columns after the caller's
 * are tl_change_csv_header (no line end).
 */
void	tl_change_csv(struct buf *b, const char *const *pre, size_t npre,
	    const struct tl_change *c, int raw);
extern const char tl_change_csv_header[];

#endif
