/*
 * normalise.h - from raw cells to canonical fields.
 *
 * tl_normalise() rewrites a page as read into the form every writer
 * expects (docs/design.md "Canonical fields", "Table shapes", "Text
 * normalisation" and "Dates"): white space folded, invalid UTF-8
 * replaced, header cells mapped to fields or keys, permission cells
 * split, other vendors' shapes read (shapes.h), dates parsed, exact
 * duplicate rows dropped, the page slug set.
 *
 * The cell parsers are exposed for tests, fuzzing, diff and check.
 */
#ifndef TABLOG_NORMALISE_H
#define TABLOG_NORMALISE_H

#include <stddef.h>

#include "base/buf.h"
#include "model/table.h"

struct tl_norm_opts {
	const char	*date_column;	/* --date-column: header or key, or NULL */
	int		 normalize_dates;	/* --normalize-dates: dated cells
					 * shown as "December 2023" */
};

/*
 * A normaliser holds the options and the compiled (JIT) PCRE2 patterns and
 * match data, so each pattern is compiled once per run, not once per cell.
 * It is not shared between threads: create one per thread.
 */
struct tl_normaliser;

/* opts may be NULL.  NULL is returned only if a built-in pattern fails to
 * compile (a PCRE2 built without UTF support); tl_normalise() then fails
 * with an error diagnostic. */
struct tl_normaliser *tl_normaliser_new(const struct tl_norm_opts *opts);
void	tl_normaliser_free(struct tl_normaliser *n);

/*
 * 0 on success, -1 on error (diagnostics appended to d).  Warnings:
 * invalid UTF-8 (once per string), exact duplicate rows (dropped), date
 * cells with text but no date, a --date-column that names no column.
 * The date column is the one --date-column names (header, any case, or
 * key), else the last_update column, else an extra column whose
 * non-empty cells all hold dates.
 */
int	tl_normalise(struct tl_normaliser *n, struct tl_page *page,
	    struct tl_diags *d);

/*
 * Fold text: decode nothing, but turn NBSP and runs of white space into
 * one space, trim each line, drop empty leading/trailing lines, keep '\n'
 * between lines.  Invalid UTF-8 becomes U+FFFD; *repaired is set when
 * that happened (may be NULL).  Result appended to out.
 */
void	tl_fold_text(struct buf *out, const char *s, size_t len, int *repaired);

/* Map a header cell, in any language vocab.c knows, to a canonical field
 * (enum tl_field), or TL_EXTRA.  (It makes a vocabulary for each call:
 * for tests and tools; the normaliser keeps one.) */
int	tl_header_field(const char *header);
/* The key of a header ("Is newly required?" -> "is_newly_required",
 * "Änderungstyp" -> "änderungstyp"); "" for one without letters or
 * digits. */
void	tl_header_slug(struct buf *out, const char *header);

/*
 * Split a permission cell "Name(Display)", "Name (Display)" or
 * "Name (qualifier)(Display)".  Returns 1 and fills the three buffers on a
 * match, 0 when the cell does not split (name gets the whole text).
 * The buffers are reset first.  The name must hold no white space or
 * brackets; a trailing "[preview]" inside the display name is taken as
 * the qualifier.
 */
int	tl_split_permission(struct tl_normaliser *n, const char *cell,
	    struct buf *name, struct buf *qualifier, struct buf *display);

/*
 * Find every date in a cell; store the latest in *date.  Returns how many
 * dates were found (0: *date is zeroed).
 */
int	tl_parse_dates(struct tl_normaliser *n, const char *cell,
	    struct tl_date *date);

/* A page slug from a title: lowercase ASCII letters, digits and '-'. */
void	tl_slugify(struct buf *out, const char *title);

#endif
