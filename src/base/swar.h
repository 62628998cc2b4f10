/*
 * swar.h - tests on eight bytes at once, held in a 64-bit word.
 *
 * Readers and writers skip long runs of plain text a word at a time: UTF-8
 * checks (no byte of 0x80 or above), JSON and fold checks (no control
 * character, quote or backslash).  (w - BYTES(n)) & ~w has the high bit
 * set in the lowest byte below n (n <= 0x80), and maybe in bytes above it
 * through the borrow; used as a yes or no, the test is exact.
 */
#ifndef TABLOG_SWAR_H
#define TABLOG_SWAR_H

#include <stdint.h>
#include <string.h>

/* c in every byte. */
#define TL_BYTES(c)	(0x0101010101010101ULL * (uint8_t)(c))

/* The 8 bytes at p, at any alignment. */
static inline uint64_t
tl_word(const void *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* Is some byte of w 0x80 or above? */
static inline int
tl_word_has_high(uint64_t w)
{
	return (w & TL_BYTES(0x80)) != 0;
}

/* Is some byte of w below n (n <= 0x80)? */
static inline int
tl_word_has_below(uint64_t w, unsigned n)
{
	return ((w - TL_BYTES(n)) & ~w & TL_BYTES(0x80)) != 0;
}

/* Is some byte of w equal to c? */
static inline int
tl_word_has(uint64_t w, unsigned char c)
{
	return tl_word_has_below(w ^ TL_BYTES(c), 1);
}

#endif
