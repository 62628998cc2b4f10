/*
 * table.c - the page/table/row model and its arena.
 *
 * Strings are bump-allocated from a list of chunks owned by the page, so a
 * page of 100,000 rows costs a few hundred allocations, not half a million,
 * and tl_page_free() releases everything in one walk.
 */
#include "model/table.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/space.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* ---- fields -------------------------------------------------------- */

static const char *const field_names[TL_NFIELDS] = {
	"api", "permission", "display_name", "qualifier", "type", "purpose",
	"last_update", "last_update_text", "type_text", "type_qualifier",
	"higher_privileged",
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

void
tl_row_set_higher(struct tl_page *page, struct tl_row *r,
    const char *const *v, size_t n)
{
	const char **copy = tl_alloc(page, (n ? n : 1) * sizeof(*copy));
	size_t i, len = 0;
	char *joined, *p;

	for (i = 0; i < n; i++) {
		copy[i] = tl_strndup_shared(page, v[i], strlen(v[i]));
		len += strlen(v[i]) + (i > 0 ? 2 : 0);
	}
	p = joined = arena_get(page, len + 1, 1);
	for (i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(p, ", ", 2);
			p += 2;
		}
		memcpy(p, v[i], strlen(v[i]));
		p += strlen(v[i]);
	}
	*p = '\0';
	r->higher.v = copy;
	r->higher.n = n;
	r->higher.cap = 0;
	r->f[TL_HIGHER_PRIVILEGED] = joined;
}

/* ---- pages and tables ---------------------------------------------- */

/* What a table holds outside the arena. */
static void
table_free(struct tl_table *t)
{
	free(t->rows);
	free(t->headings.v);
	free(t->notes.v);
}

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
		table_free(&page->tables[i]);
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

const struct tl_markup *
tl_markup_copy(struct tl_page *page, const struct tl_mark *v, size_t n)
{
	struct tl_markup *m;
	size_t i;

	if (n == 0)
		return NULL;
	m = tl_alloc(page, sizeof(*m) + n * sizeof(m->v[0]));
	m->n = n;
	for (i = 0; i < n; i++) {
		m->v[i] = v[i];
		if (v[i].href != NULL)
			m->v[i].href = tl_strndup_shared(page, v[i].href,
			    strlen(v[i].href));
	}
	return m;
}

void
tl_row_set_markup(struct tl_page *page, const struct tl_table *t,
    struct tl_row *r, size_t col, const struct tl_markup *m)
{
	if (col >= t->ncolumns)
		return;
	if (m == NULL) {
		if (r->markup != NULL)
			r->markup[col] = NULL;
		return;
	}
	if (r->markup == NULL)
		r->markup = tl_alloc(page, t->ncolumns * sizeof(*r->markup));
	r->markup[col] = m;
}

void
tl_page_remove_table(struct tl_page *page, size_t i)
{
	if (i >= page->ntables)
		return;
	table_free(&page->tables[i]);
	memmove(&page->tables[i], &page->tables[i + 1],
	    (page->ntables - i - 1) * sizeof(*page->tables));
	page->ntables--;
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

/* Nothing but white space, as the normaliser folds it (space.h). */
static int
is_blank_text(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	long cp;

	while (i < len) {
		if (u[i] < 0x80) {
			if (!tl_is_space(u[i]))
				return 0;
			i++;
			continue;
		}
		if ((n = tl_utf8_decode(u + i, len - i, &cp)) == 0 ||
		    !tl_is_unicode_space(cp))
			return 0;
		i += n;
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
			table_free(&page->tables[i]);
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
			table_free(&page->tables[i]);
	page->tables[0] = page->tables[index];
	page->ntables = 1;
	return 0;
}
