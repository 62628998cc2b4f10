/*
 * diag_kind.h - what a diagnostic is about, as a short stable name.
 *
 * Every diagnostic carries a kind, given where it is made, so that a
 * caller can count or sort diagnostics without reading their messages:
 * `tablog build` ends a long run with "2038 warnings: 1200
 * unrecognised-date, 500 cut-row, ...", and `check --format json` gives
 * each finding's kind.  The names are an interface (include/tablog.h,
 * the man page's DIAGNOSTICS): kinds are added, never renamed or reused
 * (docs/design.md "Exit codes and diagnostics").
 */
#ifndef TABLOG_DIAG_KIND_H
#define TABLOG_DIAG_KIND_H

enum tl_diag_kind {
	TL_DK_OTHER,		/* none of the below */
	TL_DK_USAGE,		/* a bad argument or option value */
	TL_DK_READ,		/* an input cannot be opened or read */
	TL_DK_TOO_LARGE,	/* an input over --max-input-size */
	TL_DK_NOT_TEXT,		/* an input that is not text */
	TL_DK_NO_TABLE,		/* a page without a table */
	TL_DK_ENCODING,		/* bytes not in the page's encoding */
	TL_DK_INVALID_UTF8,	/* invalid UTF-8 replaced by U+FFFD */
	TL_DK_CUT_ROW,		/* a table cut mid-row: the row dropped */
	TL_DK_TABLE_SKIPPED,	/* the rest of a table not understood */
	TL_DK_WIDE_ROW,		/* a row over the column limit */
	TL_DK_RAGGED_ROW,	/* a row with more or fewer cells */
	TL_DK_DUPLICATE_ROW,	/* a row that repeats another */
	TL_DK_SHARED_KEY,	/* rows sharing a key (notes) */
	TL_DK_UNRECOGNISED_DATE, /* a date cell without a date */
	TL_DK_FUTURE_DATE,	/* a date after today (check) */
	TL_DK_DATE_COLUMN,	/* --date-column names no column */
	TL_DK_UNKNOWN_HEADER,	/* a header that maps to no field */
	TL_DK_UNSPLIT_PERMISSION, /* a permission cell that does not split */
	TL_DK_API_SPELLING,	/* one API written two ways */
	TL_DK_DISPLAY_NAME,	/* one permission, two display names */
	TL_DK_SKIPPED_PATH,	/* build: a path under INDIR not read */
	TL_DK_NO_PAGES,		/* build: no page under INDIR */
	TL_DK_TEMPLATE,		/* an error in a template */
	TL_DK_TEMPLATE_VARIABLE, /* --strict: a name not in the context */
	TL_DK_WRITE,		/* output that cannot be written */
	TL_DK_INTERNAL,		/* a parser that cannot be set up */
	TL_DK_FETCH,		/* a URL that could not be fetched */
	TL_DK_CACHE,		/* the fetch cache: an entry ignored, not written */
	TL_DK_ARCHIVE,		/* the archive cannot be opened, read or written */
	TL_DK_SOURCES,		/* a bad line in build --sources FILE */
	TL_DK_ARCHIVED,		/* a failed source built from its archived version */
	TL_DK_COUNT
};

/* The kind's name ("cut-row"); "other" for a value out of range. */
const char	*tl_diag_kind_name(enum tl_diag_kind k);
/* The kind called `name`, or TL_DK_OTHER. */
enum tl_diag_kind tl_diag_kind_named(const char *name);

#endif
