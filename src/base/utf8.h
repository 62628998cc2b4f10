/*
 * utf8.h - decoding UTF-8, in one place.
 *
 * Readers repair the bytes they are given and the normaliser folds text
 * code point by code point; all of them need the same answer to "is this
 * valid UTF-8, and what does it say": no overlongs, no surrogates,
 * nothing above U+10FFFF.
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
 * How many bytes an invalid sequence at s spans: its lead byte and the
 * continuation bytes that follow it, up to as many as the lead byte
 * announces (at least 1).  Replacing that many bytes with one U+FFFD
 * keeps a cut or overlong character one replacement, not several.
 */
size_t	tl_utf8_bad_len(const unsigned char *s, size_t len);

/* Append s to out with each invalid sequence replaced by one U+FFFD;
 * returns how many were replaced. */
struct buf;
size_t	tl_utf8_repair(struct buf *out, const char *s, size_t len);

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
