/*
 * diag.h - diagnostics: what went wrong (or looks wrong), where.
 *
 * Library code never prints.  A function that finds a problem appends a
 * diagnostic (severity, file, line, message) to a `struct tl_diags` its
 * caller owns, and returns -1 on error; only the command line prints them,
 * one line each (docs/design.md "Exit codes and diagnostics").  A zeroed
 * `struct tl_diags` is an empty list.
 */
#ifndef TABLOG_DIAG_H
#define TABLOG_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "base/diag_kind.h"

enum tl_severity { TL_NOTE, TL_WARNING, TL_ERROR };

struct tl_diag {
	enum tl_severity severity;
	char		*file;	/* may be NULL */
	unsigned	 line;	/* 0 when unknown */
	char		*message;
	enum tl_diag_kind kind;	/* base/diag_kind.h; TL_DK_OTHER by tl_diag() */
};

struct tl_diags {
	struct tl_diag	*v;
	size_t		 n, cap;
};

void	tl_diag(struct tl_diags *d, enum tl_severity sev, const char *file,
	    unsigned line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	tl_vdiag(struct tl_diags *d, enum tl_severity sev, const char *file,
	    unsigned line, const char *fmt, va_list ap);
/* The same, saying what the diagnostic is about (base/diag_kind.h). */
void	tl_diag_kind(struct tl_diags *d, enum tl_severity sev,
	    enum tl_diag_kind kind, const char *file, unsigned line,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void	tl_vdiag_kind(struct tl_diags *d, enum tl_severity sev,
	    enum tl_diag_kind kind, const char *file, unsigned line,
	    const char *fmt, va_list ap);
size_t	tl_diags_count(const struct tl_diags *d, enum tl_severity sev);
/* Sort diagnostics from index `from` on by line, stably (one file's). */
void	tl_diags_sort_lines(struct tl_diags *d, size_t from);
/*
 * Append dg to out as the one line tablog prints for it,
 * "tablog: FILE:LINE: SEVERITY: MESSAGE\n" (FILE:LINE: and LINE: left out
 * when unknown), with the file name and message passed through
 * tl_quote_controls() (base/utf8.h): a name holding a newline or ESC can
 * neither forge a line nor colour the terminal.  With colour set the
 * severity is coloured.  The command line and tablog_diags_print() both
 * print through this.
 */
struct buf;
void	tl_diag_format(struct buf *out, const struct tl_diag *dg, int colour);
/*
 * Text (a cell, a header) as a message quotes it, in b (reset first):
 * one line (line breaks as spaces) and at most TL_DIAG_EXCERPT bytes of
 * it, cut before a UTF-8 character rather than inside one and then
 * followed by "...": a 10 MB cell is not a message.  Returns b's text.
 */
#define TL_DIAG_EXCERPT 80
const char *tl_diag_excerpt(struct buf *b, const char *s);
/* Append from's diagnostics to `to`, in order, leaving from empty. */
void	tl_diags_move(struct tl_diags *to, struct tl_diags *from);
void	tl_diags_free(struct tl_diags *d);

#endif
