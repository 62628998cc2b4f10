/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static void
buf_reserve(struct buf *b, size_t extra)
{
	b->data = xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void
buf_put_slow(struct buf *b, const char *s, size_t len)
{
	buf_reserve(b, len);
	if (len > 0)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put_slow(b, s, strlen(s));
}

void
buf_putc_slow(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* One vsnprintf into the room there is; a second only when it was short. */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room;
	int n;

	if (b->cap - b->len < 64)
		buf_reserve(b, 64);
	room = b->cap - b->len;
	va_copy(copy, ap);
	n = vsnprintf(b->data + b->len, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_spill(struct buf *b, FILE *fp, size_t at)
{
	if (b->len == 0 || b->len < at)
		return;
	fwrite(b->data, 1, b->len, fp);
	buf_reset(b);
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
