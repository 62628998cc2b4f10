/*
 * check.c - find what a page's author would want to fix (see check.h).
 *
 * Each page's own findings are collected apart, sorted by line and only
 * then added to the caller's diagnostics, skipping any the loader already
 * made for the same line.  What must be compared across pages (display
 * names, API spellings) is kept in registries that copy what they keep,
 * so each page is freed as soon as it has been checked.
 */
#include "check/check.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/date.h"
#include "template/value.h"
#include "write/write.h"
#include "base/map.h"
#include "base/xalloc.h"

/* ---- registries of variants across pages --------------------------- */

/* One way a thing was written, and where it was first seen so. */
struct variant {
	char		*key;		/* what is written (folded) */
	char		*value;		/* how: compared as is */
	char		*text;		/* how, for messages */
	char		*file;
	unsigned	 line;
	size_t		 next;		/* + 1: next variant of this key */
};

/*
 * Variants, and a map from each key to the first of its chain; chains
 * keep the first variant first, so that it is the one others are
 * reported against.
 */
struct registry {
	struct variant	*v;
	size_t		 n, cap;
	struct tl_map	 heads;		/* key -> index of its first variant */
};

static void
registry_free(struct registry *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].key);
		free(g->v[i].value);
		free(g->v[i].text);
		free(g->v[i].file);
	}
	free(g->v);
	tl_map_free(&g->heads);
}

/*
 * Record that `key` was written `value` at file:line.  Returns NULL when
 * this is the key's first variant or a known one, else the first variant
 * (a new spelling to report against it).
 */
static const struct variant *
registry_add(struct registry *g, const char *key, const char *value,
    const char *text, const char *file, unsigned line)
{
	struct variant *nv;
	size_t head, i, last = 0;
	int known = tl_map_get(&g->heads, key, &head);

	for (i = known ? head + 1 : 0; i != 0; i = g->v[i - 1].next) {
		if (strcmp(g->v[i - 1].value, value) == 0)
			return NULL;
		last = i;
	}
	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	nv = &g->v[g->n++];
	nv->key = xstrdup(key);
	nv->value = xstrdup(value);
	nv->text = xstrdup(text);
	nv->file = xstrdup(file);
	nv->line = line;
	nv->next = 0;
	if (!known) {
		/* The variant's copy of the key stays put as g->v grows. */
		tl_map_put(&g->heads, nv->key, g->n - 1);
		return NULL;
	}
	g->v[last - 1].next = g->n;
	return &g->v[head];
}

/* ---- the checker --------------------------------------------------- */

struct checker {
	const struct tl_check_opts	*o;
	const struct tl_keyspec		*spec;
	struct registry			 display;	/* display names */
	struct registry			 apis;		/* API spellings */
	struct tl_diags			 found;		/* this page's */
	const char			*file;
	struct buf			 tmp, tmp2;
};

static void __attribute__((format(printf, 5, 6)))
finding(struct checker *c, enum tl_severity sev, enum tl_diag_kind kind,
    unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_vdiag_kind(&c->found, sev, kind, c->file, line, fmt, ap);
	va_end(ap);
}

static void
check_headers(struct checker *c, const struct tl_table *t)
{
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		/* A column recognised as the date column by its content is
		 * known well enough. */
		if (t->columns[i].field != TL_EXTRA ||
		    (int)i == t->date_column)
			continue;
		finding(c, TL_WARNING, TL_DK_UNKNOWN_HEADER, t->line,
		    "header '%s' maps to no known field (kept as '%s')",
		    tl_diag_excerpt(&c->tmp, t->columns[i].header),
		    t->columns[i].key);
	}
}

/* Later than today, at the precision the row gives. */
static int
in_future(const struct tl_date *d, const struct tl_date *today)
{
	if (d->year != today->year)
		return d->year > today->year;
	if (d->month != today->month)
		return d->month > today->month;
	return d->day != 0 && d->day > today->day;
}

/* Whether any row's permission cell split off a display name. */
static int
table_splits(const struct tl_table *t)
{
	size_t i;

	if (tl_table_field_column(t, TL_PERMISSION) < 0 ||
	    tl_table_field_column(t, TL_DISPLAY_NAME) >= 0)
		return 0;
	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].f[TL_DISPLAY_NAME] != NULL)
			return 1;
	return 0;
}

static void
check_row(struct checker *c, const struct tl_table *t, const struct tl_row *r,
    int splits)
{
	const struct tl_date *today = &c->o->today;

	if (r->nread != t->ncolumns)
		finding(c, TL_WARNING, TL_DK_RAGGED_ROW,
		    r->line, "row has %zu cell%s, header has %zu", r->nread,
		    r->nread == 1 ? "" : "s", t->ncolumns);
	if (r->date.year != 0 && in_future(&r->date, today))
		finding(c, TL_WARNING, TL_DK_FUTURE_DATE,
		    r->line, "date in the future: %s "
		    "(today is %04d-%02d-%02d)", r->f[TL_LAST_UPDATE],
		    today->year, today->month, today->day);
	if (splits && r->f[TL_PERMISSION] != NULL &&
	    r->f[TL_DISPLAY_NAME] == NULL)
		finding(c, TL_WARNING, TL_DK_UNSPLIT_PERMISSION,
		    r->line, "permission cell does not "
		    "split into name and display name: '%s'",
		    tl_diag_excerpt(&c->tmp, r->f[TL_PERMISSION]));
}

/* "User.Read (Delegated, Microsoft Graph)" for messages. */
static const char *
permission_words(struct buf *b, const struct tl_row *r, const char *api)
{
	buf_reset(b);
	buf_puts(b, r->f[TL_PERMISSION]);
	if (r->f[TL_TYPE] != NULL && api != NULL)
		buf_printf(b, " (%s, %s)", r->f[TL_TYPE], api);
	else if (r->f[TL_TYPE] != NULL || api != NULL)
		buf_printf(b, " (%s)", r->f[TL_TYPE] ? r->f[TL_TYPE] : api);
	return buf_str(b);
}

/* One permission, two display names; one API, two spellings. */
static void
check_names(struct checker *c, const struct tl_row *r)
{
	const char *api = tl_aliases_canonical(c->o->aliases, r->f[TL_API]);
	const struct variant *first;
	struct buf key = {0}, value = {0};

	if (r->f[TL_API] != NULL) {
		tl_key_fold(&key, api);
		first = registry_add(&c->apis, buf_str(&key), r->f[TL_API],
		    r->f[TL_API], c->file, r->line);
		if (first != NULL)
			finding(c, TL_WARNING, TL_DK_API_SPELLING,
			    r->line, "API name '%s' is also "
			    "written '%s' (%s:%u)", r->f[TL_API], first->text,
			    first->file, first->line);
	}
	/* Without a type, an Application and a Delegated permission of one
	 * name (whose display names differ by design) cannot be told apart. */
	if (r->f[TL_PERMISSION] != NULL && r->f[TL_DISPLAY_NAME] != NULL &&
	    r->f[TL_TYPE] != NULL) {
		buf_reset(&key);
		tl_key_fold(&key, api);
		buf_putc(&key, '\x1f');
		tl_key_fold(&key, r->f[TL_PERMISSION]);
		buf_putc(&key, '\x1f');
		tl_key_fold(&key, r->f[TL_TYPE]);
		tl_key_fold(&value, r->f[TL_DISPLAY_NAME]);
		first = registry_add(&c->display, buf_str(&key),
		    buf_str(&value), r->f[TL_DISPLAY_NAME], c->file, r->line);
		if (first != NULL)
			finding(c, TL_WARNING, TL_DK_DISPLAY_NAME,
			    r->line, "%s is shown as '%s' "
			    "here but as '%s' at %s:%u",
			    permission_words(&c->tmp2, r, r->f[TL_API] ? api :
			    NULL),
			    tl_diag_excerpt(&c->tmp, r->f[TL_DISPLAY_NAME]),
			    first->text, first->file, first->line);
	}
	buf_free(&key);
	buf_free(&value);
}

/* ---- rows sharing a key -------------------------------------------- */

struct keyed {
	char	*key;		/* folded row key */
	char	*cells;		/* every cell, folded */
	size_t	 index;
};

static int
keyed_cmp(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int cmp;

	if ((cmp = strcmp(a->key, b->key)) != 0)
		return cmp;
	if ((cmp = strcmp(a->cells, b->cells)) != 0)
		return cmp;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int
same_purpose(const struct tl_row *a, const struct tl_row *b)
{
	struct buf fa = {0}, fb = {0};
	int same;

	tl_key_fold(&fa, a->f[TL_PURPOSE]);
	tl_key_fold(&fb, b->f[TL_PURPOSE]);
	same = strcmp(buf_str(&fa), buf_str(&fb)) == 0;
	buf_free(&fa);
	buf_free(&fb);
	return same;
}

/*
 * One group of rows sharing a key (v[0..n), sorted by folded cells, then
 * page order).  A row equal to an earlier one but for case and spacing is
 * a duplicate (the normaliser dropped exact ones already); any other row
 * after the group's first (in page order) shares the key with it, which
 * is a note: a permission is sometimes listed once per purpose.
 */
static void
report_group(struct checker *c, const struct tl_table *t,
    const struct keyed *v, size_t n)
{
	const struct tl_row *first;
	size_t i, j, f = 0;

	for (i = 1; i < n; i++)
		if (v[i].index < v[f].index)
			f = i;
	first = &t->rows[v[f].index];
	for (i = 0; i < n; i++) {
		const struct tl_row *r = &t->rows[v[i].index];

		if (i > 0 && strcmp(v[i].cells, v[i - 1].cells) == 0) {
			for (j = i; j > 0 &&
			    strcmp(v[j - 1].cells, v[i].cells) == 0; j--)
				;
			finding(c, TL_WARNING, TL_DK_DUPLICATE_ROW,
			    r->line, "duplicate row: same "
			    "as line %u but for case and spacing",
			    t->rows[v[j].index].line);
		} else if (i != f && !same_purpose(r, first)) {
			finding(c, TL_NOTE, TL_DK_SHARED_KEY,
			    r->line, "shares its key with "
			    "line %u but has a different purpose", first->line);
		} else if (i != f) {
			finding(c, TL_NOTE, TL_DK_SHARED_KEY,
			    r->line, "shares its key with "
			    "line %u", first->line);
		}
	}
}

static char *
folded_cells(const struct tl_table *t, const struct tl_row *r)
{
	struct buf b = {0};
	size_t i;

	buf_put(&b, "", 0);
	for (i = 0; i < t->ncolumns; i++) {
		if (i > 0)
			buf_putc(&b, '\x1f');
		tl_key_fold(&b, r->cells[i]);
	}
	return b.data;
}

static void
check_keys(struct checker *c, const struct tl_table *t)
{
	struct tl_keycols kc;
	struct keyed *v;
	struct buf b = {0};
	size_t i, start;

	tl_keycols_resolve(&kc, c->spec, t, NULL);
	/* Rows of a table without key fields (a list of apps, say) have no
	 * identity to compare: its label column may well repeat. */
	if (kc.by_label)
		return;
	v = xmalloc((t->nrows + 1) * sizeof(*v));
	for (i = 0; i < t->nrows; i++) {
		buf_reset(&b);
		tl_row_key(&b, &kc, 0, &t->rows[i], c->o->aliases);
		v[i].key = xstrdup(buf_str(&b));
		v[i].cells = folded_cells(t, &t->rows[i]);
		v[i].index = i;
	}
	qsort(v, t->nrows, sizeof(*v), keyed_cmp);
	for (start = 0; start < t->nrows; start = i) {
		for (i = start + 1; i < t->nrows &&
		    strcmp(v[i].key, v[start].key) == 0; i++)
			;
		if (i - start > 1)
			report_group(c, t, v + start, i - start);
	}
	for (i = 0; i < t->nrows; i++) {
		free(v[i].key);
		free(v[i].cells);
	}
	free(v);
	buf_free(&b);
}

static void
check_table(struct checker *c, const struct tl_table *t)
{
	int splits = table_splits(t);
	size_t i;

	check_headers(c, t);
	for (i = 0; i < t->nrows; i++) {
		check_row(c, t, &t->rows[i], splits);
		check_names(c, &t->rows[i]);
	}
	check_keys(c, t);
}

/* ---- merging findings ---------------------------------------------- */

static int
diag_line_cmp(const void *x, const void *y)
{
	const struct tl_diag *a = *(const struct tl_diag *const *)x;
	const struct tl_diag *b = *(const struct tl_diag *const *)y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	/* Keep the order they were found in: compare addresses. */
	return a < b ? -1 : a > b;
}

/* Whether one of v[0..n) (sorted by line) says the same at that line. */
static int
already_said(struct tl_diag *const *v, size_t n, const struct tl_diag *dg)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid]->line < dg->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && v[lo]->line == dg->line; lo++)
		if (strcmp(v[lo]->message, dg->message) == 0)
			return 1;
	return 0;
}

static struct tl_diag **
sorted_by_line(struct tl_diag *v, size_t n)
{
	struct tl_diag **p = xmalloc((n + 1) * sizeof(*p));
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = &v[i];
	qsort(p, n, sizeof(*p), diag_line_cmp);
	return p;
}

/* Add this page's findings to d in line order, skipping what the loader
 * (d->v[from..]) already reported. */
static void
merge_findings(struct checker *c, struct tl_diags *d, size_t from)
{
	struct tl_diag **mine = sorted_by_line(c->found.v, c->found.n);
	struct tl_diag **loader = sorted_by_line(d->v + from, d->n - from);
	size_t nloader = d->n - from, i, n = 0;

	/* Decide first: adding to d moves what `loader` points to. */
	for (i = 0; i < c->found.n; i++)
		if (!already_said(loader, nloader, mine[i]))
			mine[n++] = mine[i];
	free(loader);
	for (i = 0; i < n; i++)
		tl_diag_kind(d, mine[i]->severity, mine[i]->kind, mine[i]->file,
		    mine[i]->line, "%s", mine[i]->message);
	free(mine);
	tl_diags_free(&c->found);
}

/* ---- entry points -------------------------------------------------- */

int
tl_check_today(struct tl_date *today, const char *s)
{
	struct tm tm;
	time_t now;

	memset(today, 0, sizeof(*today));
	if (s == NULL) {
		now = time(NULL);
		if (localtime_r(&now, &tm) == NULL)
			return -1;
		today->year = tm.tm_year + 1900;
		today->month = tm.tm_mon + 1;
		today->day = tm.tm_mday;
		return 0;
	}
	return tl_parse_ymd(s, &today->year, &today->month, &today->day);
}

size_t
tl_check_files(struct tl_loader *l, const char *const *paths, size_t n,
    const struct tl_check_opts *o, struct tl_diags *d)
{
	struct checker c;
	struct tl_keyspec dflt;
	size_t before = tl_diags_count(d, TL_WARNING), i, from, t;

	memset(&c, 0, sizeof(c));
	c.o = o;
	c.spec = o->key;
	if (c.spec == NULL) {
		tl_keyspec_default(&dflt);
		c.spec = &dflt;
	}
	for (i = 0; i < n; i++) {
		struct tl_page *page;

		from = d->n;
		if ((page = tl_load_page(l, paths[i], d)) == NULL)
			continue;
		c.file = page->source;
		for (t = 0; t < page->ntables; t++)
			check_table(&c, &page->tables[t]);
		merge_findings(&c, d, from);
		/* The reader's and the checker's findings, in page order. */
		tl_diags_sort_lines(d, from);
		tl_page_free(page);
	}
	registry_free(&c.display);
	registry_free(&c.apis);
	buf_free(&c.tmp);
	buf_free(&c.tmp2);
	if (c.spec == &dflt)
		tl_keyspec_free(&dflt);
	return tl_diags_count(d, TL_WARNING) - before;
}

int
tl_check_write_json(const struct tl_diags *d, FILE *fp)
{
	static const char *const names[] = { "note", "warning", "error" };
	json_t *a = json_array();
	size_t i;
	int rc;

	for (i = 0; i < d->n; i++) {
		const struct tl_diag *dg = &d->v[i];

		json_array_append_new(a, json_pack("{s:o, s:o, s:s, s:s, s:s}",
		    "file", tl_json_text(dg->file),
		    "line", dg->line ? json_integer(dg->line) : json_null(),
		    "severity", names[dg->severity],
		    "kind", tl_diag_kind_name(dg->kind),
		    "message", dg->message));
	}
	rc = tl_write_json_value(a, fp);
	json_decref(a);
	return rc;
}
