/*
 * history_write.h - a history in each of its formats (docs/design.md
 * "History"): json (history_context.h's document), csv (one line per
 * change, `diff -f csv`'s columns after date, time, commit and page),
 * md (the current table with its history columns, then the changes),
 * changelog (the changes by day, then by Added, Changed, Removed), html
 * (the same as a page), atom (one entry per day).
 */
#ifndef TABLOG_HISTORY_WRITE_H
#define TABLOG_HISTORY_WRITE_H

#include <stdio.h>

#include "base/diag.h"
#include "history/history.h"
#include "write/view.h"

struct tl_renderer;

enum tl_history_format {
	TL_HISTORY_CHANGELOG, TL_HISTORY_MD, TL_HISTORY_HTML,
	TL_HISTORY_JSON, TL_HISTORY_CSV, TL_HISTORY_ATOM
};

/* The format names, in the order help lists them; NULL past the end. */
const char *tl_history_format_name(size_t i);
/* The format a name names, or -1. */
int	tl_history_format(const char *name);

/*
 * Write h in format f to fp with the writers' options o (csv_bom,
 * csv_raw; the current page's object as -f json writes it) and the
 * templates of r (NULL: the built-in ones).  0, or -1 when a template
 * failed (an error in d) or the stream did (left in fp).
 */
int	tl_history_write(const struct tl_history *h, enum tl_history_format f,
	    const struct tl_write_opts *o, struct tl_renderer *r, FILE *fp,
	    struct tl_diags *d);

#endif
