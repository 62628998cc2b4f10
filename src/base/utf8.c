/*
 * utf8.c - UTF-8 decoding and repair (see utf8.h).
 */
#include "base/utf8.h"

#include <string.h>

#include "base/buf.h"
#include "base/swar.h"

size_t
tl_utf8_decode(const unsigned char *s, size_t len, long *cp)
{
	unsigned long v, min;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		n = 1, v = s[0], min = 0;
	} else if (s[0] >= 0xC0 && s[0] <= 0xDF) {
		n = 2, v = s[0] & 0x1F, min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3, v = s[0] & 0x0F, min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4, v = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	if (cp != NULL)
		*cp = (long)v;
	return n;
}

void
tl_utf8_encode(struct buf *out, long cp)
{
	char u[4];
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	size_t i;

	/* The continuation bytes carry six bits each, the last ones first. */
	for (i = n - 1; i > 0; i--) {
		u[i] = (char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	u[0] = (char)(n == 1 ? cp : n == 2 ? 0xC0 | cp : n == 3 ? 0xE0 | cp :
	    0xF0 | cp);
	buf_put(out, u, n);
}

size_t
tl_utf8_ill_len(const unsigned char *s, size_t len)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		if (s[0] == 0xE0)
			lo = 0xA0;	/* below: overlong */
		else if (s[0] == 0xED)
			hi = 0x9F;	/* above: a surrogate */
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		if (s[0] == 0xF0)
			lo = 0x90;	/* below: overlong */
		else if (s[0] == 0xF4)
			hi = 0x8F;	/* above: past U+10FFFF */
	} else {
		return 1;	/* 80-C1, F5-FF: never in UTF-8 */
	}
	for (i = 1; i <= need && i < len; i++) {
		if (s[i] < lo || s[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

size_t
tl_utf8_find_bad(const char *s, size_t len, size_t from, unsigned flags,
    size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	/* Bytes below `low` are ill-formed too: NUL, or none. */
	unsigned char low = (flags & TL_UTF8_NUL) ? 1 : 0;
	size_t i = from, k;
	uint64_t w;

	while (i < len) {
		/* ASCII, most of any page, eight bytes at a time. */
		if (low == 0)
			while (len - i >= 8 && !tl_word_has_high(tl_word(u + i)))
				i += 8;
		else
			while (len - i >= 8 &&
			    !tl_word_has_high(w = tl_word(u + i)) &&
			    !tl_word_has_below(w, low))
				i += 8;
		while (i < len && u[i] < 0x80 && u[i] >= low)
			i++;
		if (i >= len || u[i] < 0x80 ||
		    (k = tl_utf8_decode(u + i, len - i, NULL)) == 0)
			break;
		i += k;
	}
	if (i >= len) {
		*n = 0;
		return len;
	}
	*n = u[i] == 0 ? 1 : tl_utf8_ill_len(u + i, len - i);
	return i;
}

size_t
tl_utf8_repair_as(struct buf *out, const char *s, size_t len, unsigned flags)
{
	size_t start = 0, at, n, bad = 0;

	while ((at = tl_utf8_find_bad(s, len, start, flags, &n)) < len) {
		buf_put(out, s + start, at - start);
		buf_put(out, "\xEF\xBF\xBD", 3);
		start = at + n;
		bad++;
	}
	buf_put(out, s + start, len - start);
	return bad;
}

void
tl_quote_controls(struct buf *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, start = 0, n;
	long cp;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			i++;
			continue;
		}
		n = tl_utf8_decode(u + i, len - i, &cp);
		if (n > 1 && cp >= 0xA0) {
			i += n;
			continue;
		}
		buf_put(out, s + start, i - start);
		if (n == 0)
			n = 1;	/* each byte of an invalid sequence */
		for (start = i + n; i < start; i++) {
			switch (u[i]) {
			case '\n': buf_puts(out, "\\n"); break;
			case '\t': buf_puts(out, "\\t"); break;
			case '\r': buf_puts(out, "\\r"); break;
			default: buf_printf(out, "\\x%02x", u[i]);
			}
		}
	}
	buf_put(out, s + start, len - start);
}
