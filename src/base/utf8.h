/*
 * utf8.h - decoding and repairing UTF-8, in one place.
 *
 * Readers repair the bytes they are given and the normaliser folds text
 * code point by code point; all of them need the same answer to "is this
 * valid UTF-8, and what does it say": no overlongs, no surrogates,
 * nothing above U+10FFFF; and the same answer to "what does an invalid
 * part become" (below).
 */
#ifndef TABLOG_UTF8_H
#define TABLOG_UTF8_H

#include <stddef.h>

/*
 * The length of the valid sequence at s (len > 0 bytes available), with
 * its code point in *cp (may be NULL); 0 when s does not start a valid
 * sequence.
 */
size_t	tl_utf8_decode(const unsigned char *s, size_t len, long *cp);

/*
 * Append the UTF-8 form of code point cp (U+0000 to U+10FFFF, not a
 * surrogate) to out.
 */
struct buf;
void	tl_utf8_encode(struct buf *out, long cp);

/*
 * Where UTF-8 is not valid, the one rule every part of tablog repairs it
 * by (readers, the normaliser, file names and titles shown in outputs):
 * each maximal subpart of an ill-formed sequence becomes one U+FFFD
 * (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts";
 * the WHATWG Encoding standard's UTF-8 decoder does the same).  A
 * maximal subpart is the longest start of a valid sequence found at a
 * position, or else the one byte there: "a\xE2\x80b" holds one
 * ("\xE2\x80", cut short), "\xED\xA0\x80" (a surrogate) three,
 * "\xC0\xAF" (an overlong '/') two.
 *
 * tl_utf8_ill_len(): the length of the maximal subpart at s, where s
 * (len > 0 bytes) does not start a valid sequence; at least 1.
 */
size_t	tl_utf8_ill_len(const unsigned char *s, size_t len);

/* A NUL byte is ill-formed too (text that must hold none). */
#define TL_UTF8_NUL	0x1

/*
 * Where the first ill-formed part of s[from..len) starts, with its length
 * (tl_utf8_ill_len(); 1 for a NUL) in *n; len, and *n 0, when there is
 * none.  Runs of ASCII are checked eight bytes at a time.
 */
size_t	tl_utf8_find_bad(const char *s, size_t len, size_t from,
	    unsigned flags, size_t *n);

/* Append s to out with each ill-formed part replaced by one U+FFFD;
 * returns how many were replaced. */
size_t	tl_utf8_repair_as(struct buf *out, const char *s, size_t len,
	    unsigned flags);

static inline size_t
tl_utf8_repair(struct buf *out, const char *s, size_t len)
{
	return tl_utf8_repair_as(out, s, len, 0);
}

/*
 * Append s to out fit for one line of a terminal: \n \t \r as those two
 * characters, every other C0 control, DEL, C1 control (U+0080-U+009F,
 * which some terminals obey like ESC) and byte of invalid UTF-8 as
 * \xNN, one per byte.  Everything else is copied.  Diagnostics pass file
 * names and messages through this, so a name cannot forge a line or
 * colour the terminal.
 */
void	tl_quote_controls(struct buf *out, const char *s);

#endif
