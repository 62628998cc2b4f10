/*
 * check.h - a linter for the authors of permission pages.
 *
 * tl_check_files() loads each page (the loader's own warnings, such as
 * unrecognised dates, exact duplicate rows and cut tables, are findings
 * too) and appends, as diagnostics at the row's source line:
 *   warnings: rows duplicating another in key and purpose (folded);
 *     rows with missing or extra cells; dates after `today`; permission
 *     cells that do not split into name and display name in a table
 *     whose other cells do; one permission (api, name, type) shown with
 *     two display names, and one API written two ways, across all the
 *     pages given; header cells that map to no known field;
 *   notes: rows sharing a key but not a purpose (often on purpose).
 * A finding already reported by the loader for the same line is not
 * reported twice.  Within a page, findings come in line order.
 */
#ifndef TABLOG_CHECK_H
#define TABLOG_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "model/key.h"
#include "load/source.h"
#include "model/table.h"

struct tl_check_opts {
	struct tl_date		 today;		/* later dates are future */
	const struct tl_keyspec	*key;		/* NULL: api, permission, type */
	const struct tl_aliases	*aliases;	/* NULL: no aliases */
};

/*
 * Parse `--today YYYY-MM-DD` into *today, or take the local date from
 * the clock when s is NULL.  0, or -1 when s is not such a date.
 */
int	tl_check_today(struct tl_date *today, const char *s);

/*
 * Check the pages at paths[0..n) with loader l.  Returns the number of
 * findings that count (warnings; notes do not), errors aside: a page that
 * cannot be read leaves an error in d and the others are still checked.
 */
size_t	tl_check_files(struct tl_loader *l, const char *const *paths,
	    size_t n, const struct tl_check_opts *o, struct tl_diags *d);

/* The diagnostics as a JSON array of {file, line, severity, kind,
 * message} (line null when unknown; kind as base/diag_kind.h names it).
 * 0, or -1 when the stream failed. */
int	tl_check_write_json(const struct tl_diags *d, FILE *fp);

#endif
