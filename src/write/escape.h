/*
 * escape.h - every output format's quoting rules, in one place.
 *
 * Writers never put page text into their output except through one of
 * these, so escaping can be reviewed and tested on its own.
 */
#ifndef TABLOG_ESCAPE_H
#define TABLOG_ESCAPE_H

#include <stddef.h>

#include "base/buf.h"

/* HTML text and attribute values: & < > " ' escaped. */
void	esc_html(struct buf *out, const char *s);
/* HTML, with each '\n' shown as <br>. */
void	esc_html_lines(struct buf *out, const char *s);
/* A GFM table cell: | \ < * ` [ ] ~ backslash-escaped, _ at a word's
 * edge and & where it could start an entity too, '\n' shown as <br>:
 * cmark-gfm reads back the same text, and no link or markup. */
void	esc_md_cell(struct buf *out, const char *s);
/* Inline Markdown text outside tables (changelog): \ ` * _ [ ] < > escaped,
 * line breaks as spaces. */
void	esc_md_inline(struct buf *out, const char *s);
/* Markdown code span: backticks chosen so the text cannot close it. */
void	esc_md_code(struct buf *out, const char *s);
/* One RFC 4180 field: quoted when it holds , " CR or LF (or leading or
 * trailing space); a leading = + - @ TAB or CR gets a ' unless raw. */
void	esc_csv(struct buf *out, const char *s, int raw);

#endif
