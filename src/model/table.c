/*
 * table.c - the page/table/row model, its arena and the diagnostics list.
 *
 * Strings are bump-allocated from a list of chunks owned by the page, so a
 * page of 100,000 rows costs a few hundred allocations, not half a million,
 * and tl_page_free() releases everything in one walk.
 */
#include "model/table.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* ---- diagnostics --------------------------------------------------- */

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

/* ---- fields -------------------------------------------------------- */

static const char *const field_names[TL_NFIELDS] = {
	"api", "permission", "display_name", "qualifier", "type", "purpose",
	"last_update", "last_update_text",
};

const char *
tl_field_name(enum tl_field f)
{
	return (f >= 0 && f < TL_NFIELDS) ? field_names[f] : NULL;
}

int
tl_field_by_name(const char *name)
{
	int f;

	for (f = 0; f < TL_NFIELDS; f++)
		if (strcmp(field_names[f], name) == 0)
			return f;
	return TL_EXTRA;
}

/* ---- arena --------------------------------------------------------- */

#define ARENA_CHUNK 65536

struct tl_arena_chunk {
	struct tl_arena_chunk *next;
	size_t	used, size;
	alignas(max_align_t) unsigned char data[];
};

/*
 * size bytes aligned to `align` (a power of two).  Strings ask for 1:
 * rounding each cell up to max_align_t cost 8 bytes a string on average.
 */
static void *
arena_get(struct tl_page *page, size_t size, size_t align)
{
	struct tl_arena_chunk *c = page->arena;
	size_t at = 0;
	void *p;

	if (c != NULL)
		at = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || at > c->size || c->size - at < size) {
		size_t csize = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;
		struct tl_arena_chunk *n = xmalloc(sizeof(*n) + csize);

		n->used = 0;
		n->size = csize;
		if (csize == size && c != NULL) {
			/* Keep filling the current chunk after a big one. */
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			page->arena = n;
		}
		c = n;
		at = 0;
	}
	p = c->data + at;
	c->used = at + size;
	return p;
}

void *
tl_alloc(struct tl_page *page, size_t size)
{
	void *p = arena_get(page, size, alignof(max_align_t));

	memset(p, 0, size);
	return p;
}

const char *
tl_strndup(struct tl_page *page, const char *s, size_t len)
{
	char *p = arena_get(page, len + 1, 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/*
 * Short strings seen lately, by hash: a cell repeated down a column
 * (Microsoft Graph, Application, May 2023) is stored once.  A hash slot
 * holds the last string that fell in it, so the table stays small.
 */
#define SHARE_MAX	64	/* longer cells are rarely repeated */
#define SHARE_SLOTS	4096

struct tl_share {
	const char	*v[SHARE_SLOTS];
};

const char *
tl_strndup_shared(struct tl_page *page, const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	const char **slot;
	size_t i;

	if (len > SHARE_MAX)
		return tl_strndup(page, s, len);
	if (page->share == NULL)
		page->share = xcalloc(1, sizeof(*page->share));
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	slot = &page->share->v[h & (SHARE_SLOTS - 1)];
	if (*slot == NULL || strncmp(*slot, s, len) != 0 ||
	    (*slot)[len] != '\0')
		*slot = tl_strndup(page, s, len);
	return *slot;
}

const char *
tl_strdup(struct tl_page *page, const char *s)
{
	return tl_strndup(page, s, strlen(s));
}

void
tl_strlist_add(struct tl_page *page, struct tl_strlist *l, const char *s)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = tl_strdup(page, s);
}

/* ---- pages and tables ---------------------------------------------- */

struct tl_page *
tl_page_new(const char *source)
{
	struct tl_page *page = xcalloc(1, sizeof(*page));

	page->source = tl_strdup(page, source ? source : "-");
	return page;
}

void
tl_page_free(struct tl_page *page)
{
	struct tl_arena_chunk *c, *next;
	size_t i;

	if (page == NULL)
		return;
	for (i = 0; i < page->ntables; i++)
		free(page->tables[i].rows);
	free(page->tables);
	free(page->breadcrumb.v);
	free(page->intro.v);
	free(page->notes.v);
	free(page->share);
	for (c = page->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(page);
}

struct tl_table *
tl_page_add_table(struct tl_page *page, unsigned line)
{
	struct tl_table *t;

	page->tables = xgrow(page->tables, &page->tables_cap,
	    page->ntables + 1, sizeof(*page->tables));
	t = &page->tables[page->ntables++];
	memset(t, 0, sizeof(*t));
	t->line = line;
	t->date_column = -1;
	t->label_column = -1;
	return t;
}

void
tl_table_set_header(struct tl_page *page, struct tl_table *t,
    const char *const *cells, size_t n)
{
	size_t i;

	t->columns = tl_alloc(page, n * sizeof(*t->columns));
	t->ncolumns = n;
	for (i = 0; i < n; i++) {
		t->columns[i].header = tl_strdup(page, cells[i] ? cells[i] : "");
		t->columns[i].key = t->columns[i].header;
		t->columns[i].field = TL_EXTRA;
	}
}

struct tl_row *
tl_table_add_row(struct tl_page *page, struct tl_table *t, unsigned line,
    const char *const *cells, size_t n)
{
	struct tl_row *r;
	size_t i;

	t->rows = xgrow(t->rows, &t->rows_cap, t->nrows + 1, sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->nread = n;
	r->cells = tl_alloc(page, t->ncolumns * sizeof(*r->cells));
	for (i = 0; i < t->ncolumns; i++)
		r->cells[i] = (i < n && cells[i]) ?
		    tl_strndup_shared(page, cells[i], strlen(cells[i])) : "";
	return r;
}

int
tl_table_column(const struct tl_table *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->ncolumns; i++)
		if (strcmp(t->columns[i].key, key) == 0)
			return (int)i;
	return -1;
}

int
tl_table_field_column(const struct tl_table *t, int field)
{
	size_t i;

	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i].field == field)
			return (int)i;
	return -1;
}

static int
is_blank_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v')
			continue;
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s++;
			continue;
		}
		return 0;
	}
	return 1;
}

static int
table_has_text(const struct tl_table *t)
{
	size_t i, k;

	for (k = 0; k < t->ncolumns; k++)
		if (!is_blank_text(t->columns[k].header))
			return 1;
	for (i = 0; i < t->nrows; i++)
		for (k = 0; k < t->ncolumns; k++)
			if (!is_blank_text(t->rows[i].cells[k]))
				return 1;
	return 0;
}

void
tl_page_drop_empty_tables(struct tl_page *page)
{
	size_t i, kept = 0;

	for (i = 0; i < page->ntables; i++) {
		if (table_has_text(&page->tables[i]))
			page->tables[kept++] = page->tables[i];
		else
			free(page->tables[i].rows);
	}
	page->ntables = kept;
}

int
tl_page_keep_table(struct tl_page *page, size_t index)
{
	size_t i;

	if (index >= page->ntables)
		return -1;
	for (i = 0; i < page->ntables; i++)
		if (i != index)
			free(page->tables[i].rows);
	page->tables[0] = page->tables[index];
	page->ntables = 1;
	return 0;
}
