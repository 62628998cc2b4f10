/*
 * json_check.h - JSON that tablog wrote and reads back as untrusted
 * input: a previous build's all.json (since.c) and a site's history.json
 * (site_history.c).
 *
 * Someone may have edited the file, another program may have written
 * it, it may be cut short.  Every member used is checked for its type,
 * its range and its place before anything is built from it, and the
 * first thing wrong is the one error, naming the file and where in it:
 * `not a usable tablog all.json: pages[2].tables[0]: ...`.
 */
#ifndef TABLOG_JSON_CHECK_H
#define TABLOG_JSON_CHECK_H

#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/diag.h"

struct tl_jcheck {
	const char	*file;		/* as diagnostics name it */
	const char	*what;		/* "all.json", "history.json" */
	struct tl_diags	*d;
	struct buf	 where;		/* e.g. "pages[2].tables[0]" */
	int		 failed;
};

/* How a member may be: required, or missing (optional), or null. */
enum { TL_JC_REQUIRED = 0, TL_JC_OPTIONAL = 1, TL_JC_NULLABLE = 2 };

/* The one error (only the first call says anything); always -1. */
int	tl_jc_bad(struct tl_jcheck *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append to `where` (printf), returning its length before, for
 * tl_jc_leave() to put it back. */
size_t	tl_jc_enter(struct tl_jcheck *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	tl_jc_leave(struct tl_jcheck *c, size_t len);
/* UTF-8 text without a NUL. */
int	tl_jc_valid_text(const char *s, size_t len);
/* Member `key` of o: a string (or, nullable, null: *out NULL). */
int	tl_jc_get_string(struct tl_jcheck *c, json_t *o, const char *key,
	    int how, const char **out);
/* Member `key`: an integer from lo to hi (or, nullable, null: *out -1). */
int	tl_jc_get_int(struct tl_jcheck *c, json_t *o, const char *key,
	    int how, json_int_t lo, json_int_t hi, json_int_t *out);
/* Member `key`: an array of at most max items, or NULL after an error. */
json_t	*tl_jc_get_array(struct tl_jcheck *c, json_t *o, const char *key,
	    size_t max);
/*
 * Read c->file (tl_file_read() flags, at most max bytes) and parse it as
 * JSON, objects' keys unique: the root, or NULL after one error ("cannot
 * read READING: why", or c's "not a usable tablog ..." with jansson's
 * reason).
 */
json_t	*tl_jc_load(struct tl_jcheck *c, unsigned flags, size_t max,
	    const char *reading);
/* jansson's error as one printable line. */
void	tl_jc_problem(struct buf *out, const json_error_t *err);

#endif
