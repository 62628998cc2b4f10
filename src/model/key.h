/*
 * key.h - what makes two rows "the same row": row keys and API aliases.
 *
 * Shared by diff (to match rows of two versions of a page) and check (to
 * find rows that share a key, and names spelled two ways across pages).
 * A key is a list of field names (docs/design.md "Row keys": api,
 * permission, type; `--key COLS` overrides).  Keys compare after folding
 * case and white space, and the api field after mapping aliases (`MSFT
 * Graph` is `Microsoft Graph`) to one canonical name.
 *
 * Ownership: a tl_aliases and a tl_keyspec own their strings; everything
 * else here points into the tables it was resolved against.
 */
#ifndef TABLOG_KEY_H
#define TABLOG_KEY_H

#include <stddef.h>

#include "base/buf.h"
#include "model/table.h"

#define TL_KEY_MAX 16		/* fields in one key */

/* ---- API aliases --------------------------------------------------- */

struct tl_aliases;

/* A list holding the built-in aliases; free with tl_aliases_free(). */
struct tl_aliases *tl_aliases_new(void);
void	tl_aliases_free(struct tl_aliases *a);
/* Add (or override) one alias; both strings are copied. */
void	tl_aliases_add(struct tl_aliases *a, const char *alias,
	    const char *canonical);
/*
 * The most an --aliases file may hold: a few lines in practice, and every
 * alias costs a comparison per row.  The caller reads the file with
 * tl_file_read() (base/file.h) and this limit.
 */
#define TL_ALIASES_MAX_FILE ((size_t)64 << 10)
/*
 * Add the `alias = canonical` lines of `len` bytes of text read from
 * `name` (used in diagnostics); blank lines and lines starting with '#'
 * are skipped, a NUL byte ends a line's text.  0, or -1 with an error in
 * d for each line that is not an alias.
 */
int	tl_aliases_parse(struct tl_aliases *a, const char *name,
	    const char *text, size_t len, struct tl_diags *d);
/* The canonical name of an API ("MSFT Graph" -> "Microsoft Graph"), or
 * `api` itself when it has no alias.  Matching folds case and space. */
const char *tl_aliases_canonical(const struct tl_aliases *a,
	    const char *api);

/* Fold for comparison, appending to out: ASCII letters lowercased, runs
 * of white space (newlines included) made one space, ends trimmed, and
 * curly quotes made straight (users' and users’ are one word). */
void	tl_key_fold(struct buf *out, const char *s);

/* ---- key specifications -------------------------------------------- */

struct tl_keyspec {
	size_t	 n;
	char	*names[TL_KEY_MAX];	/* field names or column keys */
};

/* api, permission, type. */
void	tl_keyspec_default(struct tl_keyspec *k);
/* A comma list of field keys ("permission,type"); 0, or -1 with an
 * error in d (empty list, empty name, too many names). */
int	tl_keyspec_parse(struct tl_keyspec *k, const char *cols,
	    struct tl_diags *d);
void	tl_keyspec_free(struct tl_keyspec *k);

/* ---- fields of a table --------------------------------------------- */

/*
 * Where a table keeps a named value: a canonical field (field >= 0,
 * value in row->f[]) or an extra column (field == TL_EXTRA, value in
 * row->cells[column]).
 */
struct tl_fieldref {
	int	field;
	int	column;
};

/*
 * Resolve `name` in table t.  A canonical field is present when the
 * table has a column for it; display_name and qualifier also come from a
 * split permission column, last_update and last_update_text from the
 * table's date column (found by header or by content), type_text and
 * type_qualifier from the type column; type and higher_privileged are
 * present when a row has one (a type from a heading or flag columns, a
 * permission column that lists the higher ones).  1 if present.
 */
int	tl_field_resolve(const struct tl_table *t, const char *name,
	    struct tl_fieldref *ref);
/* The value of a resolved field in a row, or NULL when it has none. */
const char *tl_field_value(const struct tl_row *r,
	    const struct tl_fieldref *ref);

/*
 * The key fields used for one table (b == NULL) or a pair of tables: the
 * names of the spec that both tables have.  When none is left, each
 * table's label column stands in (names[0] is "label"), so rows of a
 * table without api/permission/type columns still match by what names
 * them rather than all sharing one empty key.
 */
struct tl_keycols {
	size_t			 n;
	int			 by_label;	/* the label stood in */
	/* The fields' names: the model's (tl_field_name()) or the first
	 * table's column keys, never the spec's, so that they outlive it. */
	const char		*names[TL_KEY_MAX];
	struct tl_fieldref	 a[TL_KEY_MAX];	/* in the first table */
	struct tl_fieldref	 b[TL_KEY_MAX];	/* in the second table */
};

void	tl_keycols_resolve(struct tl_keycols *kc, const struct tl_keyspec *k,
	    const struct tl_table *a, const struct tl_table *b);

/*
 * The folded key of a row of the first (side 0) or second (side 1)
 * table, appended to out; fields are separated by U+001F so that no two
 * different keys fold to the same text.
 */
void	tl_row_key(struct buf *out, const struct tl_keycols *kc, int side,
	    const struct tl_row *r, const struct tl_aliases *al);
/* The key as people read it: the row's own values joined by " | ". */
void	tl_row_key_text(struct buf *out, const struct tl_keycols *kc,
	    int side, const struct tl_row *r);

#endif
