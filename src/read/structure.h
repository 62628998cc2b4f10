/*
 * structure.h - what both readers decide alike about the structure
 * around and inside tables (docs/design.md "Reading pages"): which
 * headings and tables are the site's chrome rather than the page's,
 * which rows explain the columns (legend rows), which words label a
 * note.
 */
#ifndef TABLOG_STRUCTURE_H
#define TABLOG_STRUCTURE_H

#include <stddef.h>

#include "model/table.h"

/* A heading the site adds to every page ("In this article", "Share
 * via", "Feedback", "Additional resources"...): not part of the page's
 * heading path, never its title. */
int	tl_read_chrome_heading(const char *text, size_t len);

/*
 * Whether an element with these attributes (NULL: absent) is hidden:
 * the hidden attribute, aria-hidden="true", an inline style with
 * display:none or visibility:hidden, or a class sites hide text with
 * (visually-hidden, sr-only, screen-reader-text, hidden, d-none, and
 * Microsoft's sxs-lookup, the English original kept beside a
 * translation).  Hidden content is not content.
 */
int	tl_read_hides(const char *hidden, const char *aria_hidden,
	    const char *style, const char *cls);

/* Is `word` one of the white-space separated tokens of s (a class or
 * role list; case kept)?  s may be NULL. */
int	tl_read_has_token(const char *s, const char *word);
/* Nothing but white space (Unicode spaces too). */
int	tl_read_blank(const char *s);

/* A legend row: each non-empty cell starts with U+1F4CC ("📌 Name of
 * the permission"), and one at least does. */
int	tl_read_legend_row(const char *const *cells, size_t n);

/* A word that labels a note ("Note", "Notes", "Tip", "Important",
 * "Warning", "Caution", "Hinweis", "注意", ...), compared after trimming
 * white space and a final ':' (and ASCII case ignored). */
int	tl_read_note_word(const char *text, size_t len);

/*
 * Drop the tables that are the site's, not the page's: a feedback widget
 * ("Was this page helpful?"), a code-hosting site's file listing (Name,
 * Last commit message, Last commit date), and one-column boxes: a note
 * (its header or first cell a note word) or a code box (an empty
 * header).  Drops empty tables too (tl_page_drop_empty_tables()).
 */
void	tl_read_drop_chrome(struct tl_page *page);

#endif
