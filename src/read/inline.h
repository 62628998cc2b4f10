/*
 * inline.h - a cell's text and inline markup, built from a reader's
 * events: the one way both readers make cells (docs/design.md "The
 * model").
 *
 * The HTML reader calls it from libxml2's SAX callbacks, the Markdown
 * reader from a walk over cmark-gfm's inline nodes (and the raw HTML
 * tags among them); both get the same text for the same content.  The
 * builder decides how text reads as plain text: runs of white space are
 * one space, a <br> or a block boundary is a line break (never two in a
 * row, never at either end), a superscript or subscript glued to the
 * text before it is set off by '^' or '_' (`1.14.7.0^2`), and an image
 * gives its alt text only to a cell that has no other text.
 *
 * Marks are made as the markup opens and closes; one that holds no text
 * is dropped, and one never starts or ends on white space.  Links are
 * kept only for targets tl_url_allowed() (base/html.h) accepts, resolved
 * against a base URL when there is one (libxml2's xmlBuildURI()).
 */
#ifndef TABLOG_INLINE_H
#define TABLOG_INLINE_H

#include <stddef.h>

#include "base/buf.h"
#include "model/table.h"

struct tl_inline {
	struct buf	*out;		/* the text goes here */
	size_t		 base;		/* where the text began in out */
	struct tl_mark	*marks;		/* offsets from base */
	size_t		 nmarks, marks_cap;
	size_t		*open;		/* indexes into marks, innermost last */
	size_t		 nopen, open_cap;
	size_t		 pending;	/* marks from here on start with the
					 * next text */
	unsigned	 ignored_links;	/* links opened inside a link */
	unsigned	 breaks;	/* line breaks owed before more text */
	int		 space;		/* a space owed before more text */
	int		 has_text;
	unsigned	 pre;		/* open <pre>: line ends kept */
	struct buf	 alt;		/* images' alt texts */
	struct buf	 scratch;
	const char	*base_url;	/* links resolve against it; or NULL */
};

/* Start a cell at the end of out (which must outlive the cell). */
void	tl_inl_begin(struct tl_inline *b, struct buf *out);
/* Text as a page has it: runs of white space are one space (inside
 * <pre>, line ends are line breaks). */
void	tl_inl_text(struct tl_inline *b, const char *s, size_t len);
/* A line break (<br>). */
void	tl_inl_break(struct tl_inline *b);
/* A block boundary (<p>, <div>, <li>, a nested table): a line break
 * between text before it and text after it. */
void	tl_inl_block(struct tl_inline *b);
/* Markup opening: kind with, for a link, its target as written (a
 * target that is not allowed opens nothing; its text stays text). */
void	tl_inl_open(struct tl_inline *b, enum tl_mark_kind kind,
	    const char *href);
/* The innermost open mark of this kind closes, and those inside it. */
void	tl_inl_close(struct tl_inline *b, enum tl_mark_kind kind);
/* Entering (1) or leaving (-1) preformatted text. */
void	tl_inl_pre(struct tl_inline *b, int delta);
/* An image with this alt text (NULL: none). */
void	tl_inl_image(struct tl_inline *b, const char *alt);
/* End the cell: its text is out->data + base, out->len - base bytes
 * (not NUL-terminated by this); its marks b->marks, b->nmarks (valid
 * until the next tl_inl_begin()). */
void	tl_inl_end(struct tl_inline *b);
/* Whether the cell has text so far. */
int	tl_inl_has_text(const struct tl_inline *b);
void	tl_inl_free(struct tl_inline *b);

/*
 * The target href (as written) as a link of the page: cleaned
 * (tl_url_clean()), resolved against base_url when relative and base_url
 * is not NULL, into out.  Returns 0, or -1 when it may not be a link
 * (tl_url_allowed()).
 */
int	tl_inl_href(struct buf *out, const char *href, const char *base_url);

#endif
