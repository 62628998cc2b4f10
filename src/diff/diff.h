/*
 * diff.h - what changed between two versions of a page.
 *
 * tl_diff_pages() matches the rows of OLD and NEW by key (key.h), table
 * by table (the first table of OLD against the first of NEW, and so on),
 * and lists rows added, removed and changed, and columns added and
 * removed.  Rows sharing a key are paired in page order, after rows equal
 * in every compared field have been paired with each other; so reordering
 * alone is no change.  Only fields both tables have are compared: a
 * dropped column is reported once as a column, not once per row.
 *
 * The diff points into both pages: keep them until tl_diff_free().
 */
#ifndef TABLOG_DIFF_H
#define TABLOG_DIFF_H

#include <stdio.h>

#include "model/key.h"
#include "model/table.h"

struct tl_diff_opts {
	const struct tl_keyspec	*key;		/* NULL: api, permission, type */
	const struct tl_aliases	*aliases;	/* NULL: no aliases */
};

/* One changed field: its name (field name or column key) and values
 * (NULL where the row has none). */
struct tl_diff_field {
	const char	*name;
	const char	*before;
	const char	*after;
};

struct tl_diff_row {
	size_t			 table;		/* 0-based table pair */
	const struct tl_table	*before_table, *after_table;
	const struct tl_row	*before, *after;	/* NULL if absent */
	char			*key;		/* key as people read it */
	size_t			 nfields;	/* changed rows only */
	struct tl_diff_field	*fields;
	int			 no_date_update; /* changed, same last_update */
};

struct tl_diff_rows {
	struct tl_diff_row	*v;
	size_t			 n, cap;
};

struct tl_diff_column {
	size_t			 table;		/* 0-based table pair */
	const struct tl_column	*column;
};

struct tl_diff_columns {
	struct tl_diff_column	*v;
	size_t			 n, cap;
};

struct tl_diff {
	const char		*before_name, *after_name;	/* sources */
	int			 several_tables; /* either page has > 1 */
	struct tl_diff_rows	 added;		/* in NEW's order */
	struct tl_diff_rows	 removed;	/* in OLD's order */
	struct tl_diff_rows	 changed;	/* in NEW's order */
	struct tl_diff_columns	 columns_added, columns_removed;
};

/* Compare two normalised pages; df is filled (free with tl_diff_free). */
void	tl_diff_pages(struct tl_diff *df, const struct tl_page *before,
	    const struct tl_page *after, const struct tl_diff_opts *o);
void	tl_diff_free(struct tl_diff *df);
/* 1 when anything differs (rows or columns), else 0. */
int	tl_diff_any(const struct tl_diff *df);

/* "3 added, 1 removed, 2 changed" (", 1 column removed" when so),
 * appended to out. */
void	tl_diff_summary(struct buf *out, const struct tl_diff *df);

enum tl_diff_format { TL_DIFF_MD, TL_DIFF_JSON, TL_DIFF_CSV, TL_DIFF_HTML };

/* "md", "json", "csv" or "html"; -1 for anything else. */
int	tl_diff_format(const char *name);
/*
 * Write a diff: Markdown (summary line first), JSON ({summary, added,
 * removed, changed, columns}), CSV (one line per change, `action`
 * column first; no summary line, so that it stays one table) or a
 * standalone HTML page.  0, or -1 when the stream failed.
 */
int	tl_diff_write(const struct tl_diff *df, enum tl_diff_format f,
	    FILE *fp);

#endif
