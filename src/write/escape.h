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
#include "model/table.h"

/* HTML text and attribute values: & < > " ' escaped (tl_html_escape(),
 * base/html.h, which templates escape {{name}} with too). */
void	esc_html(struct buf *out, const char *s);
/* HTML, with each '\n' shown as <br>. */
void	esc_html_lines(struct buf *out, const char *s);
/* A GFM table cell: | \ < * ` [ ] ~ backslash-escaped, _ at a word's
 * edge and & where it could start an entity too, '\n' shown as <br>,
 * '\r' as a space: cmark-gfm reads back the same text, and no link or
 * markup. */
void	esc_md_cell(struct buf *out, const char *s);
/*
 * Markdown text outside tables (changelogs, diffs), appended to out:
 * \ ` * _ [ ] < > # | ~ backslash-escaped, & where it could start an
 * entity, line breaks as spaces.  When out's last line so far holds only
 * block markers and indentation ("- ", "> ", "## ", or nothing), what
 * would start a block there is escaped too: a leading - + =, the '.' or
 * ')' after leading digits, leading white space.  So the text stays text
 * on the line it is put on: no raw HTML, link, image, emphasis or block.
 */
void	esc_md_inline(struct buf *out, const char *s);
/*
 * A whole Markdown code span holding s literally (CommonMark): a fence of
 * one backtick more than the longest run in s, a space inside it when s
 * holds a backtick or starts or ends with a space (CommonMark strips one
 * from each end when both are there), line breaks as spaces.  An
 * empty s writes nothing (there is no empty code span).
 */
void	esc_md_code(struct buf *out, const char *s);
/*
 * A cell's text with its markup (model/table.h; m may be NULL), as GFM
 * inline text: [text](target), code spans (esc_md_code()), **strong**
 * and *emphasis* (<strong>, <em> where CommonMark would not read the
 * asterisks so), <sup>, <sub>, lists as <ul><li>, line breaks as <br>,
 * the text escaped as esc_md_cell() does.  A link whose target is not
 * allowed (base/html.h) is its text.  in_table: for a table cell, '|'
 * in code spans as "\|" too.
 */
void	esc_md_marked(struct buf *out, const char *s,
	    const struct tl_markup *m, int in_table);
/* The same as HTML: <a href>, <code>, <strong>, <em>, <sup>, <sub>,
 * <ul>/<ol> and <li>, <br>; everything else escaped. */
void	esc_html_marked(struct buf *out, const char *s,
	    const struct tl_markup *m);
/* One RFC 4180 field: quoted when it holds , " CR or LF (or leading or
 * trailing space); a leading = + - @ TAB or CR gets a ' unless raw. */
void	esc_csv(struct buf *out, const char *s, int raw);

#endif
