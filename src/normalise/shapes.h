/*
 * shapes.h - the tables other vendors write (docs/design.md "Table
 * shapes"): Microsoft Graph's permission tables (a type with its account
 * in brackets, the least privileged permission, the higher privileged
 * ones, "Not supported."), types written in another language, flag
 * columns headed by a type, types named by a heading, and columns known
 * by what they hold when their header is not.
 *
 * Internal to normalise/: normalise.c maps the columns and fills the
 * rows, calling these for what is particular to a shape.  Every function
 * reads text the normaliser has folded already.
 */
#ifndef TABLOG_SHAPES_H
#define TABLOG_SHAPES_H

#include <stddef.h>

#include "base/buf.h"
#include "model/table.h"
#include "normalise/vocab.h"

/*
 * The field a header names: a synonym (vocab.h), else the synonym before
 * a bracket ("Last update (UTC)").  *ordered is set for a permission
 * header whose bracket says its names run from the least to the most
 * privileged (Graph's `Permissions (from least to most privileged)`, in
 * any language).
 */
int	tl_shape_header(const struct tl_vocab *v, const char *header,
	    int *ordered, struct buf *tmp);

/*
 * The permission type a text names (a type cell, a header, a heading):
 * `Application`, `Anwendung`, `Delegated permissions`, `Type:
 * Application`, `Delegated (work or school account)`.  The bracket's
 * contents, if any, are the qualifier: text[*qb, *qe) (both 0 when
 * there is none).  *english is set when the words are English.
 */
enum tl_ptype tl_shape_ptype(const struct tl_vocab *v, const char *text,
	    int *english, size_t *qb, size_t *qe, struct buf *tmp);

/*
 * Fill a row's type from its type cell: `type` the canonical name,
 * `type_qualifier` the bracket, `type_text` the cell when its words are
 * not English.  A cell that names no type is kept as the type.
 */
void	tl_shape_type_cell(const struct tl_vocab *v, struct tl_page *page,
	    struct tl_row *r, const char *text, struct buf *tmp);

/* Whether the (folded) text is one of a set of words (vocab.h). */
int	tl_shape_says(const struct tl_vocab *v, enum tl_vocab_set set,
	    const char *text, struct buf *tmp);

/*
 * A permission name's shape: 0 none; 1 a name without dots
 * (`offline_access`); 2 dotted, each part starting with a letter
 * (`os.Agent`); 3 dotted and starting with a capital (`User.Read.All`).
 */
int	tl_shape_name(const char *s, size_t len);

/* A higher privileged cell into the row's list (none for `Not
 * supported.`, `Not available.`, `None` or an empty cell). */
void	tl_shape_higher_cell(const struct tl_vocab *v, struct tl_page *page,
	    struct tl_row *r, const char *text, struct buf *tmp);

/*
 * A cell listing permissions from the least privileged on (`A, B, C`,
 * `A、B`): the first is the permission, the others the higher privileged
 * ones.  0 (nothing set) when an item is not a permission name.
 */
int	tl_shape_ordered_cell(struct tl_page *page, struct tl_row *r,
	    const char *text, struct buf *tmp);

/* Columns known by their cells: permission names, permission types, and
 * the display names beside a permission column found so. */
int	tl_shape_permission_column(const struct tl_table *t, size_t col);
int	tl_shape_type_column(const struct tl_vocab *v,
	    const struct tl_table *t, size_t col, struct buf *tmp);
int	tl_shape_display_column(const struct tl_vocab *v,
	    const struct tl_table *t, size_t col, struct buf *tmp);

/* A column whose cells are all flags (vocab.h), one set at least. */
int	tl_shape_flag_column(const struct tl_vocab *v,
	    const struct tl_table *t, size_t col, struct buf *tmp);

/*
 * A flag column headed by a type: which column, the type, and its
 * qualifier (NULL or text in the page's arena).
 */
struct tl_flag_column {
	size_t		 col;
	enum tl_ptype	 type;
	const char	*qualifier;
};

/*
 * One row per flag set: a row with flags in n columns becomes n rows,
 * each with its column's type (and qualifier), the other columns' set
 * flags blanked; a row with none stays as it is, without a type.
 */
void	tl_shape_expand_flags(const struct tl_vocab *v, struct tl_page *page,
	    struct tl_table *t, const struct tl_flag_column *fc, size_t nfc,
	    struct buf *tmp);

/*
 * Microsoft Graph's permissions reference: one `Category | Application |
 * Delegated` table per permission, under a heading that is its name, a
 * row per attribute (`Identifier`, `DisplayText`, `Description`,
 * `AdminConsentRequired`).  It is read transposed: a row per type column,
 * with the heading as its permission, the column's type and a column per
 * attribute (`Identifier` as `ID`, like the page's other tables; the
 * other names as words: `Admin consent required`).  1 when t was such a
 * table and is now the transposed one.
 */
int	tl_shape_transpose(const struct tl_vocab *v, struct tl_page *page,
	    struct tl_table *t, struct buf *tmp);

/*
 * Rows of a table with a permission column and no type of their own
 * take the type the nearest heading above the table names
 * (`Application permissions`, `委任されたアクセス許可`), if one does.
 */
void	tl_shape_heading_type(const struct tl_vocab *v, struct tl_page *page,
	    struct tl_table *t, struct buf *tmp);

#endif
