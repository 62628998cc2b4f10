/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Readers collect cell text in one, writers build escaped output in one.
 * A zeroed `struct buf` is an empty buffer; buf_free() releases it.
 */
#ifndef TABLOG_BUF_H
#define TABLOG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct buf {
	char	*data;	/* NUL-terminated when len > 0 or after any append */
	size_t	 len;
	size_t	 cap;
};

void	buf_put_slow(struct buf *b, const char *s, size_t len);
void	buf_puts(struct buf *b, const char *s);
void	buf_putc_slow(struct buf *b, char c);

/* len bytes of s; inline because writers append many short pieces. */
static inline void
buf_put(struct buf *b, const char *s, size_t len)
{
	if (b->len + len < b->cap) {
		if (len > 0)
			memcpy(b->data + b->len, s, len);
		b->len += len;
		b->data[b->len] = '\0';
	} else {
		buf_put_slow(b, s, len);
	}
}

/* One byte; inline because readers and writers append byte by byte. */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		buf_putc_slow(b, c);
	}
}
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Write the contents to fp and empty the buffer once it holds `at` bytes
 * or more (0: always), so big outputs stream instead of piling up. */
void	buf_spill(struct buf *b, FILE *fp, size_t at);
/* The contents as a C string ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);
void	buf_reset(struct buf *b);
void	buf_free(struct buf *b);

#endif
