/*
 * space.h - what counts as white space, in one place.
 *
 * "White space" means different characters in different places, and
 * each place says which and why here rather than in a test of its own:
 *
 *  - tl_is_space(): ASCII white space as C's isspace() has it in the "C"
 *    locale: space, tab, LF, VT, FF and CR.  Text tablog trims or splits
 *    as plain text: Markdown lines and cells, template tags, row keys,
 *    --key and --aliases values.
 *  - tl_is_html_space(): HTML's ASCII whitespace (WHATWG Infra): space,
 *    tab, LF, FF and CR; not VT, which HTML takes as text.  The HTML
 *    reader, and its sniffing of a page's format, wherever the HTML
 *    standard says "ASCII whitespace" (attribute values, <meta charset>,
 *    text between and around cells, breadcrumbs).
 *  - tl_is_blank(): space and tab, the white space inside one line
 *    (Mustache's standalone lines).
 *  - tl_is_unicode_space(): where text is folded (normalise.c, and the
 *    test for an empty table), the ASCII white space above and the
 *    Unicode spaces pages put between words: NBSP (U+00A0), U+1680, U+2000
 *    to U+200A, U+202F, U+205F and U+3000, the ideographic space Japanese
 *    pages pad cells with.  LF is in the set; a caller that keeps line
 *    breaks (U+2028 and U+2029 too) tests for them first.
 */
#ifndef TABLOG_SPACE_H
#define TABLOG_SPACE_H

#include <stddef.h>

static inline int
tl_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int
tl_is_html_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static inline int
tl_is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* cp: a code point. */
static inline int
tl_is_unicode_space(long cp)
{
	if (cp < 0x80)
		return tl_is_space((int)cp);
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Narrow s[*from..*to) to leave out ASCII white space (tl_is_space()) at
 * either end. */
static inline void
tl_trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && tl_is_space((unsigned char)s[*from]))
		(*from)++;
	while (*to > *from && tl_is_space((unsigned char)s[*to - 1]))
		(*to)--;
}

#endif
