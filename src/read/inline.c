/*
 * inline.c - a cell's text and inline markup from a reader's events (see
 * inline.h).
 *
 * White space and line breaks are owed rather than written: they are
 * written only when more text follows, so a cell never starts or ends
 * with one and a mark never takes one in.  Marks opened since the last
 * text are pending: they start where the next text does, and a pending
 * mark that closes is dropped (it held nothing).  Pending marks are
 * always the last ones made, so dropping them is cutting the list.
 */
#include "read/inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "base/html.h"
#include "base/space.h"
#include "base/swar.h"
#include "base/xalloc.h"

/* A pending superscript or subscript owes its '^' or '_' (inline.h). */
#define GLUE	0x100u

static void drop_from(struct tl_inline *b, size_t from);

static size_t
here(const struct tl_inline *b)
{
	return b->out->len - b->base;
}

void
tl_inl_begin(struct tl_inline *b, struct buf *out)
{
	drop_from(b, 0);
	b->out = out;
	buf_put(out, "", 0);
	b->base = out->len;
	b->nmarks = b->nopen = b->pending = 0;
	b->ignored_links = 0;
	b->breaks = 0;
	b->space = 0;
	b->has_text = 0;
	b->pre = 0;
	buf_reset(&b->alt);
}

int
tl_inl_has_text(const struct tl_inline *b)
{
	return b->has_text;
}

/* Before text: what is owed, and the starts of pending marks. */
static void
pay(struct tl_inline *b)
{
	size_t i;

	if (b->has_text) {
		if (b->breaks > 0)
			buf_putc(b->out, '\n');
		else if (b->space)
			buf_putc(b->out, ' ');
	}
	b->breaks = 0;
	b->space = 0;
	for (i = b->pending; i < b->nmarks; i++) {
		struct tl_mark *m = &b->marks[i];

		m->start = (unsigned)here(b);
		if (m->kind & GLUE) {
			m->kind &= ~GLUE;
			buf_putc(b->out, m->kind == TL_MARK_SUP ? '^' : '_');
		}
	}
	b->pending = b->nmarks;
	b->has_text = 1;
}

/*
 * Are the 8 bytes at u (and the one after them, which must exist) words
 * and single spaces: no byte below 0x20, no two spaces side by side, and
 * a space last only before a byte that is no space?  (u[-1] is no space
 * where this is asked.)
 */
static int
is_words8(const unsigned char *u)
{
	const uint64_t lows = TL_BYTES(0x7F);
	uint64_t w = tl_word(u), x, sp;

	if (tl_word_has_below(w, 0x20))
		return 0;
	/* Exactly the bytes that are spaces, as high bits. */
	x = w ^ TL_BYTES(0x20);
	sp = ~(((x & lows) + lows) | x) & TL_BYTES(0x80);
	return (sp & (sp << 8)) == 0 && (u[7] != ' ' || u[8] > ' ');
}

void
tl_inl_text(struct tl_inline *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run;

	while (i < len) {
		if (u[i] <= ' ' && tl_is_html_space(u[i])) {
			if (b->pre > 0 && u[i] == '\n')
				b->breaks = 1;
			else
				b->space = 1;
			i++;
			continue;
		}
		/* Words and the single spaces between them go as they are:
		 * most text is only that, checked eight bytes at a time. */
		for (run = i + 1; run < len; run++) {
			while (run + 9 <= len && is_words8(u + run))
				run += 8;
			if (run >= len)
				break;
			if (u[run] > ' ' || !tl_is_html_space(u[run]))
				continue;
			if (u[run] != ' ' || run + 1 >= len ||
			    (u[run + 1] <= ' ' && tl_is_html_space(u[run + 1])))
				break;
			run++;
		}
		pay(b);
		buf_put(b->out, s + i, run - i);
		i = run;
	}
}

void
tl_inl_break(struct tl_inline *b)
{
	if (b->has_text)
		b->breaks = 1;
}

void
tl_inl_block(struct tl_inline *b)
{
	tl_inl_break(b);
}

void
tl_inl_pre(struct tl_inline *b, int delta)
{
	if (delta > 0)
		b->pre++;
	else if (b->pre > 0)
		b->pre--;
}

static int
link_open(const struct tl_inline *b)
{
	size_t i;

	for (i = 0; i < b->nopen; i++)
		if (b->marks[b->open[i]].kind == TL_MARK_LINK)
			return 1;
	return 0;
}

void
tl_inl_open(struct tl_inline *b, enum tl_mark_kind kind, const char *href)
{
	struct tl_mark *m;
	const char *target = NULL;

	if (kind == TL_MARK_LINK) {
		/* A link inside a link, or to where no link may go, is its
		 * text only. */
		if (href == NULL || link_open(b) ||
		    tl_inl_href(&b->scratch, href, b->base_url) != 0) {
			b->ignored_links++;
			return;
		}
		target = xstrdup(buf_str(&b->scratch));
	}
	if (b->nmarks >= UINT32_MAX / 2 || here(b) >= UINT32_MAX) {
		free((char *)target);	/* a cell over 4 GiB keeps no marks */
		if (kind == TL_MARK_LINK)
			b->ignored_links++;
		return;
	}
	b->marks = xgrow(b->marks, &b->marks_cap, b->nmarks + 1,
	    sizeof(*b->marks));
	b->open = xgrow(b->open, &b->open_cap, b->nopen + 1,
	    sizeof(*b->open));
	m = &b->marks[b->nmarks];
	m->start = m->end = 0;
	m->kind = kind;
	m->href = target;
	/* Glued to the text before it: "x^2", not "x2". */
	if ((kind == TL_MARK_SUP || kind == TL_MARK_SUB) && b->has_text &&
	    !b->space && b->breaks == 0)
		m->kind |= GLUE;
	b->open[b->nopen++] = b->nmarks++;
}

/* Drop marks [from, nmarks): they held no text. */
static void
drop_from(struct tl_inline *b, size_t from)
{
	size_t i;

	for (i = from; i < b->nmarks; i++)
		free((char *)b->marks[i].href);
	b->nmarks = from;
}

/* Close the open marks from place `at` of the stack up. */
static void
close_from(struct tl_inline *b, size_t at)
{
	size_t first = b->open[at], i;

	if (first >= b->pending) {
		drop_from(b, first);
	} else {
		for (i = at; i < b->nopen; i++)
			if (b->open[i] < b->pending)
				b->marks[b->open[i]].end = (unsigned)here(b);
		drop_from(b, b->pending);
	}
	b->nopen = at;
}

void
tl_inl_close(struct tl_inline *b, enum tl_mark_kind kind)
{
	size_t i;

	if (kind == TL_MARK_LINK && b->ignored_links > 0) {
		b->ignored_links--;
		return;
	}
	for (i = b->nopen; i > 0; i--)
		if ((b->marks[b->open[i - 1]].kind & ~GLUE) == kind) {
			close_from(b, i - 1);
			return;
		}
}

void
tl_inl_image(struct tl_inline *b, const char *alt)
{
	if (alt == NULL)
		return;
	if (b->alt.len > 0)
		buf_putc(&b->alt, ' ');
	buf_puts(&b->alt, alt);
}

void
tl_inl_end(struct tl_inline *b)
{
	if (b->nopen > 0)
		close_from(b, 0);
	drop_from(b, b->pending);
	/* A check-mark image reads as its alt text; beside text, an icon's
	 * alt ("Privileged label icon.") is not part of it. */
	if (!b->has_text && b->alt.len > 0)
		tl_inl_text(b, b->alt.data, b->alt.len);
	b->breaks = 0;
	b->space = 0;
}

void
tl_inl_free(struct tl_inline *b)
{
	drop_from(b, 0);
	free(b->marks);
	free(b->open);
	buf_free(&b->alt);
	buf_free(&b->scratch);
	memset(b, 0, sizeof(*b));
}

static int
has_scheme(const char *url)
{
	return url[strcspn(url, ":/?#")] == ':';
}

int
tl_inl_href(struct buf *out, const char *href, const char *base_url)
{
	xmlChar *resolved;

	buf_reset(out);
	tl_url_clean(out, href);
	if (!tl_url_allowed(buf_str(out)))
		return -1;
	if (base_url == NULL || has_scheme(buf_str(out)))
		return 0;	/* nothing to resolve against, or absolute */
	resolved = xmlBuildURI((const xmlChar *)buf_str(out),
	    (const xmlChar *)base_url);
	if (resolved == NULL)
		return 0;	/* kept relative */
	buf_reset(out);
	tl_url_clean(out, (const char *)resolved);
	xmlFree(resolved);
	return tl_url_allowed(buf_str(out)) ? 0 : -1;
}
