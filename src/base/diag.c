/*
 * diag.c - the diagnostics list (see diag.h).
 */
#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

void
tl_vdiag_kind(struct tl_diags *d, enum tl_severity sev, enum tl_diag_kind kind,
    const char *file, unsigned line, const char *fmt, va_list ap)
{
	struct buf msg = {0};
	struct tl_diag *dg;

	buf_vprintf(&msg, fmt, ap);
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	dg = &d->v[d->n++];
	dg->severity = sev;
	dg->kind = kind;
	dg->file = file ? xstrdup(file) : NULL;
	dg->line = line;
	dg->message = msg.data ? msg.data : xstrdup("");
}

void
tl_vdiag(struct tl_diags *d, enum tl_severity sev, const char *file,
    unsigned line, const char *fmt, va_list ap)
{
	tl_vdiag_kind(d, sev, TL_DK_OTHER, file, line, fmt, ap);
}

void
tl_diag(struct tl_diags *d, enum tl_severity sev, const char *file,
    unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_vdiag_kind(d, sev, TL_DK_OTHER, file, line, fmt, ap);
	va_end(ap);
}

void
tl_diag_kind(struct tl_diags *d, enum tl_severity sev, enum tl_diag_kind kind,
    const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_vdiag_kind(d, sev, kind, file, line, fmt, ap);
	va_end(ap);
}

void
tl_diag_format(struct buf *out, const struct tl_diag *dg, int colour)
{
	static const char *const names[] = { "note", "warning", "error" };
	static const char *const colours[] = { "\033[36m", "\033[33m",
	    "\033[31m" };

	buf_puts(out, "tablog: ");
	if (dg->file != NULL) {
		tl_quote_controls(out, dg->file);
		if (dg->line > 0)
			buf_printf(out, ":%u", dg->line);
		buf_puts(out, ": ");
	}
	buf_printf(out, "%s%s:%s ", colour ? colours[dg->severity] : "",
	    names[dg->severity], colour ? "\033[0m" : "");
	tl_quote_controls(out, dg->message);
	buf_putc(out, '\n');
}

const char *
tl_diag_excerpt(struct buf *b, const char *s)
{
	size_t len = strlen(s), i;

	buf_reset(b);
	buf_put(b, s, len > TL_DIAG_EXCERPT ? TL_DIAG_EXCERPT : len);
	if (len > TL_DIAG_EXCERPT) {
		while (b->len > 0 &&
		    ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
			b->len--;
		if (b->len > 0 && (unsigned char)b->data[b->len - 1] >= 0xC0)
			b->len--;
		b->data[b->len] = '\0';
		buf_puts(b, "...");
	}
	for (i = 0; i < b->len; i++)
		if (b->data[i] == '\n')
			b->data[i] = ' ';
	return buf_str(b);
}

size_t
tl_diags_count(const struct tl_diags *d, enum tl_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity == sev)
			n++;
	return n;
}

/* Order by line, keeping the order of diagnostics on the same line. */
static int
compare_diag_lines(const void *pa, const void *pb)
{
	const struct tl_diag *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

struct diag_pos {
	struct tl_diag	diag;
	size_t		pos;
};

static int
compare_diag_pos(const void *pa, const void *pb)
{
	const struct diag_pos *a = pa, *b = pb;
	int c = compare_diag_lines(&a->diag, &b->diag);

	if (c != 0)
		return c;
	return a->pos < b->pos ? -1 : (a->pos > b->pos);
}

void
tl_diags_sort_lines(struct tl_diags *d, size_t from)
{
	struct diag_pos *v;
	size_t i, n;

	if (from >= d->n)
		return;
	n = d->n - from;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].diag = d->v[from + i];
		v[i].pos = i;
	}
	qsort(v, n, sizeof(*v), compare_diag_pos);
	for (i = 0; i < n; i++)
		d->v[from + i] = v[i].diag;
	free(v);
}

void
tl_diags_move(struct tl_diags *to, struct tl_diags *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		to->v = xgrow(to->v, &to->cap, to->n + 1, sizeof(*to->v));
		to->v[to->n++] = from->v[i];
	}
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
}

void
tl_diags_free(struct tl_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
