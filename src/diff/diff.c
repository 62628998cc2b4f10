/*
 * diff.c - match the rows of two versions of a page and report what
 * changed, as Markdown, JSON, CSV or HTML (see diff.h).
 */
#include "diff/diff.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "model/changelog.h"
#include "write/context.h"
#include "write/write.h"
#include "write/escape.h"
#include "base/xalloc.h"

/* ---- what is compared ---------------------------------------------- */

/* A field both tables have, and where each keeps it. */
struct cmp_field {
	const char		*name;
	struct tl_fieldref	 before, after;
};

struct cmp_fields {
	struct cmp_field	*v;
	size_t			 n, cap;
	int			 dated;	/* both tables have a date column */
};

static void
add_cmp_field(struct cmp_fields *cf, const char *name,
    const struct tl_table *bt, const struct tl_table *at)
{
	struct cmp_field f;

	if (!tl_field_resolve(bt, name, &f.before) ||
	    !tl_field_resolve(at, name, &f.after))
		return;
	f.name = name;
	cf->v = xgrow(cf->v, &cf->cap, cf->n + 1, sizeof(*cf->v));
	cf->v[cf->n++] = f;
}

/*
 * A table's columns sorted by key, so that matching the columns of two
 * tables costs n log n, not n * n (pages with thousands of columns).
 */
struct col_index {
	const struct tl_column	**v;	/* sorted by key */
	const struct tl_table	 *t;
};

static int
cmp_column_keys(const void *a, const void *b)
{
	return strcmp((*(const struct tl_column *const *)a)->key,
	    (*(const struct tl_column *const *)b)->key);
}

static void
col_index_init(struct col_index *x, const struct tl_table *t)
{
	size_t i;

	x->t = t;
	x->v = xmalloc((t->ncolumns ? t->ncolumns : 1) * sizeof(*x->v));
	for (i = 0; i < t->ncolumns; i++)
		x->v[i] = &t->columns[i];
	qsort(x->v, t->ncolumns, sizeof(*x->v), cmp_column_keys);
}

/* The index of the column with this key, or -1 (as tl_table_column()). */
static int
col_index_find(const struct col_index *x, const char *key)
{
	struct tl_column probe, *pp = &probe;
	const struct tl_column *const *hit;

	probe.key = key;
	hit = bsearch(&pp, x->v, x->t->ncolumns, sizeof(*x->v),
	    cmp_column_keys);
	return hit != NULL ? (int)(*hit - x->t->columns) : -1;
}

static int
is_field_name(const char *name)
{
	int f;

	for (f = 0; f < TL_NFIELDS; f++)
		if (strcmp(tl_field_name((enum tl_field)f), name) == 0)
			return 1;
	return 0;
}

/*
 * Every canonical field both tables have, then every extra column both
 * have.  A date column found by its content is an extra column too, but
 * last_update already compares it.
 */
static void
cmp_fields_init(struct cmp_fields *cf, const struct tl_table *bt,
    const struct tl_table *at, const struct col_index *bx)
{
	size_t i;
	int f;

	memset(cf, 0, sizeof(*cf));
	for (f = 0; f < TL_NFIELDS; f++)
		add_cmp_field(cf, tl_field_name((enum tl_field)f), bt, at);
	for (i = 0; i < at->ncolumns; i++) {
		const char *key = at->columns[i].key;
		int bcol = col_index_find(bx, key);
		struct cmp_field cmp;

		if (at->columns[i].field != TL_EXTRA || bcol < 0 ||
		    bt->columns[bcol].field != TL_EXTRA ||
		    (int)i == at->date_column || bcol == bt->date_column)
			continue;
		if (is_field_name(key)) {	/* resolves as that field */
			add_cmp_field(cf, key, bt, at);
			continue;
		}
		cmp.name = key;
		cmp.before.field = cmp.after.field = TL_EXTRA;
		cmp.before.column = bcol;
		cmp.after.column = (int)i;
		cf->v = xgrow(cf->v, &cf->cap, cf->n + 1, sizeof(*cf->v));
		cf->v[cf->n++] = cmp;
	}
	cf->dated = bt->date_column >= 0 && at->date_column >= 0;
}

static const char *
nonnull(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * Whether field f differs between two rows.  The date cell's text counts
 * only when neither row has a date in it: two cells that name the same
 * month differently ("Dec 2023", "December 2023") say the same thing, and
 * a changed date is already reported as last_update.
 */
static int
field_differs(const struct cmp_field *f, const struct tl_row *b,
    const struct tl_row *a)
{
	if (f->before.field == TL_LAST_UPDATE_TEXT &&
	    (b->date.year != 0 || a->date.year != 0))
		return 0;
	return strcmp(nonnull(tl_field_value(b, &f->before)),
	    nonnull(tl_field_value(a, &f->after))) != 0;
}

/* Everything compared, in one string: rows equal in it pair first. */
static char *
content_string(const struct cmp_fields *cf, int side, const char *key,
    const struct tl_row *r)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, key);
	for (i = 0; i < cf->n; i++) {
		buf_putc(&b, '\x1e');
		buf_puts(&b, nonnull(tl_field_value(r, side == 0 ?
		    &cf->v[i].before : &cf->v[i].after)));
	}
	return b.data;
}

/* ---- pairing rows -------------------------------------------------- */

struct slot {
	const char	*s;
	size_t		 index;
};

static int
slot_cmp(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;
	int c = strcmp(a->s, b->s);

	if (c != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* First position in v[0..n) whose string is not less than s. */
static size_t
lower_bound(const struct slot *v, size_t n, const char *s)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Pair unpaired rows (pair[i] == -1) whose strings are equal: the k-th
 * such row of OLD with the k-th of NEW, in page order.  Sorting OLD's
 * rows keeps this O(n log n) even when every row shares one key.
 */
static void
pair_equal(char *const *bs, size_t nb, char *const *as, size_t na,
    long *bpair, long *apair)
{
	struct slot *v = xmalloc((nb + 1) * sizeof(*v));
	size_t *next = xmalloc((nb + 1) * sizeof(*next));
	size_t n = 0, i, p, q;

	for (i = 0; i < nb; i++)
		if (bpair[i] < 0) {
			v[n].s = bs[i];
			v[n++].index = i;
		}
	qsort(v, n, sizeof(*v), slot_cmp);
	for (i = 0; i < n; i++)
		next[i] = i;
	for (i = 0; i < na; i++) {
		if (apair[i] >= 0)
			continue;
		p = lower_bound(v, n, as[i]);
		if (p == n || strcmp(v[p].s, as[i]) != 0)
			continue;
		/* next[p]: the first row of this group not yet paired. */
		q = next[p];
		if (q == n || strcmp(v[q].s, as[i]) != 0)
			continue;
		next[p] = q + 1;
		bpair[v[q].index] = (long)i;
		apair[i] = (long)v[q].index;
	}
	free(next);
	free(v);
}

/* ---- building the diff --------------------------------------------- */

static struct tl_diff_row *
add_row(struct tl_diff_rows *l, size_t table, const struct tl_table *bt,
    const struct tl_table *at, const struct tl_row *b, const struct tl_row *a,
    const char *key)
{
	struct tl_diff_row *r;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->table = table;
	r->before_table = bt;
	r->after_table = at;
	r->before = b;
	r->after = a;
	r->key = xstrdup(key);
	return r;
}

static void
add_column(struct tl_diff_columns *l, size_t table, const struct tl_column *c)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].table = table;
	l->v[l->n++].column = c;
}

/* Columns of `t` whose key `other` lacks. */
static void
diff_columns(struct tl_diff_columns *l, size_t table, const struct tl_table *t,
    const struct col_index *other)
{
	size_t i;

	for (i = 0; i < t->ncolumns; i++)
		if (col_index_find(other, t->columns[i].key) < 0)
			add_column(l, table, &t->columns[i]);
}

/* Record a paired row when any compared field differs. */
static void
compare_pair(struct tl_diff *df, size_t table, const struct cmp_fields *cf,
    const struct tl_table *bt, const struct tl_table *at,
    const struct tl_row *b, const struct tl_row *a, const char *key)
{
	struct tl_diff_row *r = NULL;
	int content = 0;
	size_t i;

	for (i = 0; i < cf->n; i++) {
		const struct cmp_field *f = &cf->v[i];

		if (!field_differs(f, b, a))
			continue;
		if (r == NULL) {
			r = add_row(&df->changed, table, bt, at, b, a, key);
			r->fields = xmalloc(cf->n * sizeof(*r->fields));
		}
		r->fields[r->nfields].name = f->name;
		r->fields[r->nfields].before = tl_field_value(b, &f->before);
		r->fields[r->nfields].after = tl_field_value(a, &f->after);
		r->nfields++;
		if (f->before.field != TL_LAST_UPDATE &&
		    f->before.field != TL_LAST_UPDATE_TEXT)
			content = 1;
	}
	if (r != NULL && cf->dated && content &&
	    strcmp(nonnull(b->f[TL_LAST_UPDATE]),
	    nonnull(a->f[TL_LAST_UPDATE])) == 0)
		r->no_date_update = 1;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Folded keys (keys != NULL: also the keys as read) of a table's rows. */
static char **
row_keys(const struct tl_keycols *kc, int side, const struct tl_table *t,
    const struct tl_aliases *al, char ***texts)
{
	char **v = xmalloc((t->nrows + 1) * sizeof(*v));
	struct buf b = {0};
	size_t i;

	*texts = xmalloc((t->nrows + 1) * sizeof(**texts));
	for (i = 0; i < t->nrows; i++) {
		buf_reset(&b);
		tl_row_key(&b, kc, side, &t->rows[i], al);
		v[i] = xstrdup(buf_str(&b));
		buf_reset(&b);
		tl_row_key_text(&b, kc, side, &t->rows[i]);
		(*texts)[i] = xstrdup(buf_str(&b));
	}
	buf_free(&b);
	return v;
}

static char **
row_contents(const struct cmp_fields *cf, int side, const struct tl_table *t,
    char *const *keys)
{
	char **v = xmalloc((t->nrows + 1) * sizeof(*v));
	size_t i;

	for (i = 0; i < t->nrows; i++)
		v[i] = content_string(cf, side, keys[i], &t->rows[i]);
	return v;
}

static long *
unpaired(size_t n)
{
	long *v = xmalloc((n + 1) * sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = -1;
	return v;
}

static void
diff_tables(struct tl_diff *df, size_t table, const struct tl_table *bt,
    const struct tl_table *at, const struct tl_diff_opts *o,
    const struct tl_keyspec *spec)
{
	struct tl_keycols kc;
	struct cmp_fields cf;
	struct col_index bx, ax;
	char **bkeys, **akeys, **btext, **atext, **bcont, **acont;
	long *bpair = unpaired(bt->nrows), *apair = unpaired(at->nrows);
	size_t i;

	tl_keycols_resolve(&kc, spec, bt, at);
	col_index_init(&bx, bt);
	col_index_init(&ax, at);
	cmp_fields_init(&cf, bt, at, &bx);
	diff_columns(&df->columns_added, table, at, &bx);
	diff_columns(&df->columns_removed, table, bt, &ax);
	free(bx.v);
	free(ax.v);
	bkeys = row_keys(&kc, 0, bt, o->aliases, &btext);
	akeys = row_keys(&kc, 1, at, o->aliases, &atext);
	bcont = row_contents(&cf, 0, bt, bkeys);
	acont = row_contents(&cf, 1, at, akeys);

	pair_equal(bcont, bt->nrows, acont, at->nrows, bpair, apair);
	pair_equal(bkeys, bt->nrows, akeys, at->nrows, bpair, apair);

	for (i = 0; i < bt->nrows; i++)
		if (bpair[i] < 0)
			add_row(&df->removed, table, bt, NULL, &bt->rows[i],
			    NULL, btext[i]);
	for (i = 0; i < at->nrows; i++) {
		if (apair[i] < 0)
			add_row(&df->added, table, NULL, at, NULL,
			    &at->rows[i], atext[i]);
		else
			compare_pair(df, table, &cf, bt, at,
			    &bt->rows[apair[i]], &at->rows[i], atext[i]);
	}
	free_strings(bkeys, bt->nrows);
	free_strings(akeys, at->nrows);
	free_strings(btext, bt->nrows);
	free_strings(atext, at->nrows);
	free_strings(bcont, bt->nrows);
	free_strings(acont, at->nrows);
	free(bpair);
	free(apair);
	free(cf.v);
}

/* A table only one version has: all its rows were added or removed. */
static void
whole_table(struct tl_diff_rows *l, size_t table, const struct tl_table *t,
    int after, const struct tl_keyspec *spec)
{
	struct tl_keycols kc;
	struct buf b = {0};
	size_t i;

	tl_keycols_resolve(&kc, spec, t, NULL);
	for (i = 0; i < t->nrows; i++) {
		buf_reset(&b);
		tl_row_key_text(&b, &kc, 0, &t->rows[i]);
		add_row(l, table, after ? NULL : t, after ? t : NULL,
		    after ? NULL : &t->rows[i], after ? &t->rows[i] : NULL,
		    buf_str(&b));
	}
	buf_free(&b);
}

void
tl_diff_pages(struct tl_diff *df, const struct tl_page *before,
    const struct tl_page *after, const struct tl_diff_opts *o)
{
	struct tl_keyspec dflt;
	const struct tl_keyspec *spec = o->key;
	size_t i;

	memset(df, 0, sizeof(*df));
	df->before_name = before->source;
	df->after_name = after->source;
	df->several_tables = before->ntables > 1 || after->ntables > 1;
	if (spec == NULL) {
		tl_keyspec_default(&dflt);
		spec = &dflt;
	}
	for (i = 0; i < before->ntables || i < after->ntables; i++) {
		if (i < before->ntables && i < after->ntables)
			diff_tables(df, i, &before->tables[i],
			    &after->tables[i], o, spec);
		else if (i < before->ntables)
			whole_table(&df->removed, i, &before->tables[i], 0,
			    spec);
		else
			whole_table(&df->added, i, &after->tables[i], 1, spec);
	}
	if (spec == &dflt)
		tl_keyspec_free(&dflt);
}

static void
free_rows(struct tl_diff_rows *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].fields);
	}
	free(l->v);
}

void
tl_diff_free(struct tl_diff *df)
{
	free_rows(&df->added);
	free_rows(&df->removed);
	free_rows(&df->changed);
	free(df->columns_added.v);
	free(df->columns_removed.v);
	memset(df, 0, sizeof(*df));
}

int
tl_diff_any(const struct tl_diff *df)
{
	return df->added.n || df->removed.n || df->changed.n ||
	    df->columns_added.n || df->columns_removed.n;
}

void
tl_diff_summary(struct buf *out, const struct tl_diff *df)
{
	buf_printf(out, "%zu added, %zu removed, %zu changed", df->added.n,
	    df->removed.n, df->changed.n);
	if (df->columns_added.n > 0)
		buf_printf(out, ", %zu column%s added", df->columns_added.n,
		    df->columns_added.n == 1 ? "" : "s");
	if (df->columns_removed.n > 0)
		buf_printf(out, ", %zu column%s removed",
		    df->columns_removed.n,
		    df->columns_removed.n == 1 ? "" : "s");
}

int
tl_diff_format(const char *name)
{
	static const char *const names[] = { "md", "json", "csv", "html" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	if (strcmp(name, "markdown") == 0)
		return TL_DIFF_MD;
	return -1;
}

/* ---- Markdown ------------------------------------------------------ */

/* The row a diff entry shows: NEW's when there is one. */
static const struct tl_row *
shown_row(const struct tl_diff_row *r, const struct tl_table **t)
{
	*t = r->after != NULL ? r->after_table : r->before_table;
	return r->after != NULL ? r->after : r->before;
}

/* Type and API in parentheses, where the row has them and they add to
 * the label. */
static void
row_context(struct buf *b, const char *label, const struct tl_row *r,
    void (*esc)(struct buf *, const char *))
{
	const char *parts[2] = { r->f[TL_TYPE], r->f[TL_API] };
	int n = 0;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (parts[i] == NULL || strcmp(parts[i], label) == 0)
			continue;
		buf_puts(b, n++ == 0 ? " (" : ", ");
		esc(b, parts[i]);
	}
	if (n > 0)
		buf_putc(b, ')');
}

/* Where a row is: "line 12", "lines 7 -> 10", with the table when the
 * pages have several. */
static void
row_where(struct buf *b, const struct tl_diff *df, const struct tl_diff_row *r)
{
	buf_puts(b, ", ");
	if (df->several_tables)
		buf_printf(b, "table %zu, ", r->table + 1);
	if (r->before != NULL && r->after != NULL)
		buf_printf(b, "lines %u -> %u", r->before->line, r->after->line);
	else
		buf_printf(b, "line %u", r->before != NULL ? r->before->line :
		    r->after->line);
}

static void
md_value(struct buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		buf_puts(b, "*(none)*");
	else
		esc_md_inline(b, s);
}

static void
md_row(struct buf *b, const struct tl_diff *df, const struct tl_diff_row *r)
{
	const struct tl_table *t;
	const struct tl_row *row = shown_row(r, &t);
	const char *label = tl_row_label(t, row);
	size_t i;

	buf_puts(b, "- ");
	esc_md_code(b, label);
	row_context(b, label, row, esc_md_inline);
	row_where(b, df, r);
	if (r->no_date_update)
		buf_puts(b, ": changed without a date update");
	buf_putc(b, '\n');
	for (i = 0; i < r->nfields; i++) {
		buf_printf(b, "  - %s: ", r->fields[i].name);
		md_value(b, r->fields[i].before);
		buf_puts(b, " -> ");
		md_value(b, r->fields[i].after);
		buf_putc(b, '\n');
	}
}

static void
md_rows(struct buf *b, const struct tl_diff *df, const char *title,
    const struct tl_diff_rows *l)
{
	size_t i;

	if (l->n == 0)
		return;
	buf_printf(b, "\n## %s (%zu)\n\n", title, l->n);
	for (i = 0; i < l->n; i++)
		md_row(b, df, &l->v[i]);
}

static void
md_columns(struct buf *b, const struct tl_diff *df, const char *what,
    const struct tl_diff_columns *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		buf_printf(b, "- %s: ", what);
		esc_md_code(b, l->v[i].column->key);
		buf_puts(b, " (");
		esc_md_inline(b, l->v[i].column->header);
		buf_putc(b, ')');
		if (df->several_tables)
			buf_printf(b, ", table %zu", l->v[i].table + 1);
		buf_putc(b, '\n');
	}
}

static void
write_md(struct buf *b, const struct tl_diff *df)
{
	tl_diff_summary(b, df);
	buf_putc(b, '\n');
	if (df->columns_added.n > 0 || df->columns_removed.n > 0) {
		buf_puts(b, "\n## Columns\n\n");
		md_columns(b, df, "added", &df->columns_added);
		md_columns(b, df, "removed", &df->columns_removed);
	}
	md_rows(b, df, "Added", &df->added);
	md_rows(b, df, "Removed", &df->removed);
	md_rows(b, df, "Changed", &df->changed);
}

/* ---- JSON ---------------------------------------------------------- */

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* An added or removed row: the row object of context.h, plus where it
 * is and its key. */
static json_t *
json_whole_row(const struct tl_diff_row *r)
{
	const struct tl_table *t;
	const struct tl_row *row = shown_row(r, &t);
	json_t *o = json_object(), *rj = tl_row_json(t, row);

	json_object_set_new(o, "table", json_integer((json_int_t)r->table + 1));
	json_object_set_new(o, "key", json_string(r->key));
	json_object_update(o, rj);
	json_decref(rj);
	return o;
}

static json_t *
json_changed_row(const struct tl_diff_row *r)
{
	json_t *o = json_object(), *fields = json_object();
	size_t i;

	json_object_set_new(o, "table", json_integer((json_int_t)r->table + 1));
	json_object_set_new(o, "key", json_string(r->key));
	json_object_set_new(o, "old_line", json_integer(r->before->line));
	json_object_set_new(o, "new_line", json_integer(r->after->line));
	for (i = 0; i < r->nfields; i++)
		json_object_set_new(fields, r->fields[i].name,
		    json_pack("[oo]", str_or_null(r->fields[i].before),
		    str_or_null(r->fields[i].after)));
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "changed_without_date_update",
	    json_boolean(r->no_date_update));
	return o;
}

static json_t *
json_rows(const struct tl_diff_rows *l, int changed)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, changed ? json_changed_row(&l->v[i]) :
		    json_whole_row(&l->v[i]));
	return a;
}

static json_t *
json_columns(const struct tl_diff_columns *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s}",
		    "table", (json_int_t)l->v[i].table + 1,
		    "key", l->v[i].column->key,
		    "header", l->v[i].column->header));
	return a;
}

/*
 * A file name as a JSON string: names are bytes, JSON is UTF-8, so each
 * invalid sequence becomes U+FFFD (json_string() would return NULL and
 * the member would silently go missing).
 */
static json_t *
json_name(const char *name)
{
	struct buf b = {0};
	json_t *j;

	tl_utf8_repair(&b, name, strlen(name));
	j = json_stringn(buf_str(&b), b.len);
	buf_free(&b);
	return j;
}

static int
write_json(FILE *fp, const struct tl_diff *df)
{
	json_t *root = json_object();
	struct buf summary = {0};
	int rc;

	tl_diff_summary(&summary, df);
	json_object_set_new(root, "summary", json_string(buf_str(&summary)));
	json_object_set_new(root, "old", json_name(df->before_name));
	json_object_set_new(root, "new", json_name(df->after_name));
	json_object_set_new(root, "added", json_rows(&df->added, 0));
	json_object_set_new(root, "removed", json_rows(&df->removed, 0));
	json_object_set_new(root, "changed", json_rows(&df->changed, 1));
	json_object_set_new(root, "columns", json_pack("{s:o, s:o}",
	    "added", json_columns(&df->columns_added),
	    "removed", json_columns(&df->columns_removed)));
	rc = tl_write_json_value(root, fp);
	json_decref(root);
	buf_free(&summary);
	return rc;
}

/* ---- CSV ----------------------------------------------------------- */

/* One CSV line; fields NULL are empty. */
static void
csv_line(struct buf *b, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		if (v[i] != NULL)
			esc_csv(b, v[i], 0);
	}
	buf_puts(b, "\r\n");
}

static void
csv_rows(struct buf *b, const char *action, const struct tl_diff_rows *l)
{
	char table[24], oldl[24], newl[24];
	const char *note;
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		const struct tl_diff_row *r = &l->v[i];

		snprintf(table, sizeof(table), "%zu", r->table + 1);
		snprintf(oldl, sizeof(oldl), "%u", r->before ? r->before->line : 0);
		snprintf(newl, sizeof(newl), "%u", r->after ? r->after->line : 0);
		note = r->no_date_update ? "changed without a date update" :
		    NULL;
		for (j = 0; j == 0 || j < r->nfields; j++) {
			const char *v[] = { action, table, r->key,
			    r->before ? oldl : NULL, r->after ? newl : NULL,
			    r->nfields ? r->fields[j].name : NULL,
			    r->nfields ? nonnull(r->fields[j].before) : NULL,
			    r->nfields ? nonnull(r->fields[j].after) : NULL,
			    note };

			csv_line(b, v, sizeof(v) / sizeof(v[0]));
		}
	}
}

static void
csv_columns(struct buf *b, const char *action, const struct tl_diff_columns *l,
    int added)
{
	char table[24];
	size_t i;

	for (i = 0; i < l->n; i++) {
		const char *h = l->v[i].column->header;
		const char *v[] = { action, table, NULL, NULL, NULL,
		    l->v[i].column->key, added ? NULL : h, added ? h : NULL,
		    NULL };

		snprintf(table, sizeof(table), "%zu", l->v[i].table + 1);
		csv_line(b, v, sizeof(v) / sizeof(v[0]));
	}
}

static void
write_csv(struct buf *b, const struct tl_diff *df)
{
	buf_puts(b, "action,table,key,old_line,new_line,field,old,new,note\r\n");
	csv_columns(b, "column added", &df->columns_added, 1);
	csv_columns(b, "column removed", &df->columns_removed, 0);
	csv_rows(b, "added", &df->added);
	csv_rows(b, "removed", &df->removed);
	csv_rows(b, "changed", &df->changed);
}

/* ---- HTML ---------------------------------------------------------- */

static void
html_value(struct buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		buf_puts(b, "<em>(none)</em>");
	else
		esc_html_lines(b, s);
}

/*
 * The whole page in one function, so that it can become a template
 * (templates/diff.html) once the template engine is in.
 */
static void
write_html(struct buf *b, const struct tl_diff *df)
{
	static const char *const titles[] = { "Added", "Removed", "Changed" };
	const struct tl_diff_rows *lists[] = { &df->added, &df->removed,
	    &df->changed };
	const struct tl_diff_columns *cols[] = { &df->columns_added,
	    &df->columns_removed };
	struct buf summary = {0};
	size_t s, i, j;

	tl_diff_summary(&summary, df);
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>Changes: ");
	esc_html(b, df->before_name);
	buf_puts(b, " &rarr; ");
	esc_html(b, df->after_name);
	buf_puts(b, "</title>\n<style>\n"
	    "body{font-family:sans-serif;max-width:60em;margin:2em auto;"
	    "padding:0 1em}\n.old{color:#a00}.new{color:#070}\n"
	    ".flag{color:#a60}\n</style>\n</head>\n<body>\n<h1>Changes</h1>\n"
	    "<p>");
	esc_html(b, df->before_name);
	buf_puts(b, " &rarr; ");
	esc_html(b, df->after_name);
	buf_puts(b, "</p>\n<p><strong>");
	esc_html(b, buf_str(&summary));
	buf_puts(b, "</strong></p>\n");
	if (cols[0]->n + cols[1]->n > 0) {
		buf_puts(b, "<h2>Columns</h2>\n<ul>\n");
		for (s = 0; s < 2; s++)
			for (i = 0; i < cols[s]->n; i++) {
				buf_printf(b, "<li>%s: <code>",
				    s == 0 ? "added" : "removed");
				esc_html(b, cols[s]->v[i].column->key);
				buf_puts(b, "</code> (");
				esc_html(b, cols[s]->v[i].column->header);
				buf_puts(b, ")");
				if (df->several_tables)
					buf_printf(b, ", table %zu",
					    cols[s]->v[i].table + 1);
				buf_puts(b, "</li>\n");
			}
		buf_puts(b, "</ul>\n");
	}
	for (s = 0; s < 3; s++) {
		if (lists[s]->n == 0)
			continue;
		buf_printf(b, "<h2>%s (%zu)</h2>\n<ul>\n", titles[s],
		    lists[s]->n);
		for (i = 0; i < lists[s]->n; i++) {
			const struct tl_diff_row *r = &lists[s]->v[i];
			const struct tl_table *t;
			const struct tl_row *row = shown_row(r, &t);
			const char *label = tl_row_label(t, row);

			buf_puts(b, "<li><code>");
			esc_html(b, label);
			buf_puts(b, "</code>");
			row_context(b, label, row, esc_html);
			row_where(b, df, r);
			if (r->no_date_update)
				buf_puts(b, ": <span class=\"flag\">changed "
				    "without a date update</span>");
			if (r->nfields > 0)
				buf_puts(b, "\n<ul>\n");
			for (j = 0; j < r->nfields; j++) {
				buf_puts(b, "<li>");
				esc_html(b, r->fields[j].name);
				buf_puts(b, ": <span class=\"old\">");
				html_value(b, r->fields[j].before);
				buf_puts(b, "</span> &rarr; <span class=\"new\">");
				html_value(b, r->fields[j].after);
				buf_puts(b, "</span></li>\n");
			}
			if (r->nfields > 0)
				buf_puts(b, "</ul>\n");
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</body>\n</html>\n");
	buf_free(&summary);
}

int
tl_diff_write(const struct tl_diff *df, enum tl_diff_format f, FILE *fp)
{
	struct buf b = {0};
	int rc = 0;

	switch (f) {
	case TL_DIFF_JSON:
		return write_json(fp, df);
	case TL_DIFF_CSV:
		write_csv(&b, df);
		break;
	case TL_DIFF_HTML:
		write_html(&b, df);
		break;
	case TL_DIFF_MD:
		write_md(&b, df);
		break;
	}
	if (b.len > 0 && fwrite(b.data, 1, b.len, fp) != b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}
