/*
 * diff.c - match the rows of two versions of a page and list what
 * changed (see diff.h); diff_write.c writes the list.
 */
#include "diff/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/map.h"
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
		if (tl_field_by_name(key) != TL_EXTRA) {	/* resolves as that field */
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

/* ---- pairing rows -------------------------------------------------- */

/*
 * Rows pair in two passes: rows equal in key and in every compared field
 * first, then rows that share a key.  In each, the k-th unpaired row of
 * OLD in a class of equal rows pairs with the k-th of NEW, in page order.
 * A hash map of OLD's classes (base/map.h), each a chain of its rows in
 * page order, makes a pass linear in the rows, however many share a key,
 * and the fields are hashed and compared where they are, not copied.
 */
struct pairing {
	const struct cmp_fields	*cf;	/* NULL: the key alone */
	char *const		*keys[2];	/* folded keys: OLD, NEW */
	const struct tl_table	*t[2];
	int			 side;	/* the row being looked up: */
	size_t			 row;	/* OLD's (0) or NEW's (1) */
	size_t			*first;	/* [class]: a row of OLD in it */
};

static const char *
field_of(const struct pairing *p, int side, size_t row, size_t f)
{
	return nonnull(tl_field_value(&p->t[side]->rows[row], side == 0 ?
	    &p->cf->v[f].before : &p->cf->v[f].after));
}

static uint64_t
row_hash(const struct pairing *p, int side, size_t row)
{
	const char *s = p->keys[side][row];
	uint64_t h = tl_hash_words(TL_HASH_INIT, s, strlen(s));
	size_t f;

	/* Fields are long (purposes): hashed eight bytes a step. */
	for (f = 0; p->cf != NULL && f < p->cf->n; f++) {
		s = field_of(p, side, row, f);
		h = tl_hash_words(h ^ 0x1e, s, strlen(s));
	}
	return h;
}

/* Is the row being looked up in class `val`? */
static int
same_class(const void *ctx, size_t val)
{
	const struct pairing *p = ctx;
	size_t o = p->first[val], f;

	if (strcmp(p->keys[0][o], p->keys[p->side][p->row]) != 0)
		return 0;
	for (f = 0; p->cf != NULL && f < p->cf->n; f++)
		if (strcmp(field_of(p, 0, o, f),
		    field_of(p, p->side, p->row, f)) != 0)
			return 0;
	return 1;
}

#define NONE ((size_t)-1)

/* One pass: unpaired rows (pair[i] == -1) of a class paired in order. */
static void
pair_equal(struct pairing *p, long *bpair, long *apair)
{
	size_t nb = p->t[0]->nrows, na = p->t[1]->nrows, i, c, nc = 0;
	size_t *head = xmalloc((nb + 1) * sizeof(*head));
	size_t *tail = xmalloc((nb + 1) * sizeof(*tail));
	size_t *next = xmalloc((nb + 1) * sizeof(*next));
	struct tl_map classes = {0};

	p->first = xmalloc((nb + 1) * sizeof(*p->first));
	tl_map_reserve(&classes, nb);
	p->side = 0;
	for (i = 0; i < nb; i++) {
		if (bpair[i] >= 0)
			continue;
		p->row = i;
		next[i] = NONE;
		c = nc;
		if (tl_map_find_add(&classes, row_hash(p, 0, i), same_class, p,
		    &c)) {
			next[tail[c]] = i;
			tail[c] = i;
		} else {
			p->first[c] = head[c] = tail[c] = i;
			nc++;
		}
	}
	p->side = 1;
	for (i = 0; i < na && nc > 0; i++) {
		if (apair[i] >= 0)
			continue;
		p->row = i;
		if (!tl_map_find(&classes, row_hash(p, 1, i), same_class, p, &c) ||
		    head[c] == NONE)
			continue;
		bpair[head[c]] = (long)i;
		apair[i] = (long)head[c];
		head[c] = next[head[c]];
	}
	tl_map_free(&classes);
	free(p->first);
	free(head);
	free(tail);
	free(next);
}

/* ---- building the diff --------------------------------------------- */

static const char *const kind_names[TL_CHANGE_NKINDS] = {
	"column_added", "column_removed", "renamed_column", "added",
	"removed", "changed", "cut", "page_added", "page_removed",
};

const char *
tl_change_kind_name(enum tl_change_kind k)
{
	return k < TL_CHANGE_NKINDS ? kind_names[k] : NULL;
}

/* Changes as they are found, in any order of kinds (grouped at the end). */
struct found {
	struct tl_change	*v;
	size_t			 n, cap;
};

static struct tl_change *
add_change(struct found *l, enum tl_change_kind kind, size_t table,
    const struct tl_table *bt, const struct tl_table *at)
{
	struct tl_change *c;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->table = table;
	c->before_table = bt;
	c->after_table = at;
	return c;
}

static void
add_row(struct found *l, enum tl_change_kind kind, size_t table,
    const struct tl_table *bt, const struct tl_table *at,
    const struct tl_row *b, const struct tl_row *a,
    const struct tl_keycols *key)
{
	struct tl_change *c = add_change(l, kind, table, bt, at);

	c->before = b;
	c->after = a;
	c->key = key;
}

/* ---- columns --------------------------------------------------------- */

/*
 * The most extra columns a table may lose, and gain, at once and still be
 * searched for renames: each pair of them is scored over every paired
 * row, and a page that swaps thousands of columns must not cost their
 * square.
 */
#define RENAME_MAX 16

/* How many paired rows have the same text in OLD's column bc and NEW's
 * column ac. */
static size_t
same_cells(const struct tl_table *bt, const struct tl_table *at,
    const long *apair, size_t bc, size_t ac)
{
	size_t i, n = 0;

	for (i = 0; i < at->nrows; i++)
		if (apair[i] >= 0 && strcmp(bt->rows[apair[i]].cells[bc],
		    at->rows[i].cells[ac]) == 0)
			n++;
	return n;
}

/*
 * The column changes of a table pair: columns added, removed and renamed.
 * A column is renamed when its header was reworded under the same key
 * (`Permission` to `Permissions`), or when an extra column only OLD has
 * holds, in at least half of the paired rows (and one), the text of an
 * extra column only NEW has: the pair with the most such rows first, each
 * column once.  A column renamed from another key is compared as a field
 * named by its new key (added to cf), so the cells that changed under it
 * are shown.
 */
static void
diff_columns(struct found *l, size_t table, const struct tl_table *bt,
    const struct tl_table *at, const struct col_index *bx,
    const struct col_index *ax, const long *apair, struct cmp_fields *cf)
{
	size_t gone[RENAME_MAX], came[RENAME_MAX], ngone = 0, ncame = 0;
	long to[RENAME_MAX];
	size_t i, j, paired = 0, best, bi = 0, bj = 0, n;
	struct tl_change *c;
	int col;

	for (i = 0; i < at->nrows; i++)
		paired += apair[i] >= 0;
	for (i = 0; i < bt->ncolumns; i++)
		if (col_index_find(ax, bt->columns[i].key) < 0 &&
		    bt->columns[i].field == TL_EXTRA) {
			if (ngone < RENAME_MAX)
				gone[ngone] = i;
			ngone++;
		}
	for (i = 0; i < at->ncolumns; i++)
		if (col_index_find(bx, at->columns[i].key) < 0 &&
		    at->columns[i].field == TL_EXTRA) {
			if (ncame < RENAME_MAX)
				came[ncame] = i;
			ncame++;
		}
	if (ngone > RENAME_MAX || ncame > RENAME_MAX)
		ngone = ncame = 0;
	for (i = 0; i < ngone; i++)
		to[i] = -1;
	/* Greedily, the pair that shares the most cells first. */
	for (n = 0; n < ngone && n < ncame; n++) {
		best = 0;
		for (i = 0; i < ngone; i++) {
			if (to[i] >= 0)
				continue;
			for (j = 0; j < ncame; j++) {
				size_t k, s;

				for (k = 0; k < ngone; k++)
					if (to[k] == (long)j)
						break;
				if (k < ngone)
					continue;
				s = same_cells(bt, at, apair, gone[i], came[j]);
				if (s > best) {
					best = s;
					bi = i;
					bj = j;
				}
			}
		}
		if (best == 0 || 2 * best < paired)
			break;
		to[bi] = (long)bj;
	}

	for (i = 0; i < at->ncolumns; i++) {
		col = col_index_find(bx, at->columns[i].key);
		for (j = 0; j < ngone && col < 0; j++)
			if (to[j] >= 0 && came[to[j]] == i)
				col = (int)gone[j];
		if (col < 0) {
			c = add_change(l, TL_CHANGE_COLUMN_ADDED, table, NULL, at);
			c->after_column = &at->columns[i];
		} else if (strcmp(bt->columns[col].key, at->columns[i].key) != 0 ||
		    strcmp(bt->columns[col].header, at->columns[i].header) != 0) {
			c = add_change(l, TL_CHANGE_RENAMED_COLUMN, table, bt, at);
			c->before_column = &bt->columns[col];
			c->after_column = &at->columns[i];
		}
		if (col >= 0 && strcmp(bt->columns[col].key,
		    at->columns[i].key) != 0) {
			struct cmp_field f;

			f.name = at->columns[i].key;
			f.before.field = f.after.field = TL_EXTRA;
			f.before.column = col;
			f.after.column = (int)i;
			cf->v = xgrow(cf->v, &cf->cap, cf->n + 1, sizeof(*cf->v));
			cf->v[cf->n++] = f;
		}
	}
	for (i = 0; i < bt->ncolumns; i++) {
		if (col_index_find(ax, bt->columns[i].key) >= 0)
			continue;
		for (j = 0; j < ngone; j++)
			if (gone[j] == i && to[j] >= 0)
				break;
		if (j < ngone)
			continue;
		c = add_change(l, TL_CHANGE_COLUMN_REMOVED, table, bt, NULL);
		c->before_column = &bt->columns[i];
	}
}

/* Record a paired row when any compared field differs. */
static void
compare_pair(struct found *l, size_t table, const struct cmp_fields *cf,
    const struct tl_table *bt, const struct tl_table *at,
    const struct tl_row *b, const struct tl_row *a,
    const struct tl_keycols *key)
{
	struct tl_change *c = NULL;
	int content = 0;
	size_t i;

	for (i = 0; i < cf->n; i++) {
		const struct cmp_field *f = &cf->v[i];

		if (!field_differs(f, b, a))
			continue;
		if (c == NULL) {
			c = add_change(l, TL_CHANGE_CHANGED, table, bt, at);
			c->before = b;
			c->after = a;
			c->key = key;
			c->fields = xmalloc(cf->n * sizeof(*c->fields));
		}
		c->fields[c->nfields].name = f->name;
		c->fields[c->nfields].before = tl_field_value(b, &f->before);
		c->fields[c->nfields].after = tl_field_value(a, &f->after);
		c->nfields++;
		if (f->before.field != TL_LAST_UPDATE &&
		    f->before.field != TL_LAST_UPDATE_TEXT)
			content = 1;
	}
	if (c != NULL && cf->dated && content &&
	    strcmp(nonnull(b->f[TL_LAST_UPDATE]),
	    nonnull(a->f[TL_LAST_UPDATE])) == 0)
		c->changed_without_date_update = 1;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Folded keys of a table's rows. */
static char **
row_keys(const struct tl_keycols *kc, int side, const struct tl_table *t,
    const struct tl_aliases *al)
{
	char **v = xmalloc((t->nrows + 1) * sizeof(*v));
	struct buf b = {0};
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		buf_reset(&b);
		tl_row_key(&b, kc, side, &t->rows[i], al);
		v[i] = xstrdup(buf_str(&b));
	}
	buf_free(&b);
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

/* The index after the last row paired (0 when none is). */
static size_t
past_last_paired(const long *pair, size_t n)
{
	while (n > 0 && pair[n - 1] < 0)
		n--;
	return n;
}

/* unknown: add the rows past a cut, neither added nor removed. */
static void
diff_tables(struct found *l, size_t table, const struct tl_table *bt,
    const struct tl_table *at, const struct tl_diff_opts *o,
    const struct tl_keycols *kc, long **keep_pairs, size_t *unknown)
{
	struct cmp_fields cf;
	struct col_index bx, ax;
	struct pairing p;
	char **bkeys, **akeys;
	long *bpair = unpaired(bt->nrows), *apair = unpaired(at->nrows);
	size_t i, bend, aend;

	col_index_init(&bx, bt);
	col_index_init(&ax, at);
	cmp_fields_init(&cf, bt, at, &bx);
	bkeys = row_keys(kc, 0, bt, o->aliases);
	akeys = row_keys(kc, 1, at, o->aliases);
	memset(&p, 0, sizeof(p));
	p.keys[0] = bkeys;
	p.keys[1] = akeys;
	p.t[0] = bt;
	p.t[1] = at;
	p.cf = &cf;
	pair_equal(&p, bpair, apair);	/* equal in everything compared */
	p.cf = NULL;
	pair_equal(&p, bpair, apair);	/* sharing a key */
	/* Columns, now that rows are paired: a renamed one is compared. */
	diff_columns(l, table, bt, at, &bx, &ax, apair, &cf);
	free(bx.v);
	free(ax.v);

	/* Past the cut of one version, the other's rows are unknown. */
	bend = at->cut ? past_last_paired(bpair, bt->nrows) : bt->nrows;
	aend = bt->cut ? past_last_paired(apair, at->nrows) : at->nrows;
	for (i = 0; i < bt->nrows; i++)
		if (bpair[i] < 0 && i < bend)
			add_row(l, TL_CHANGE_REMOVED, table, bt, at,
			    &bt->rows[i], NULL, kc);
		else if (bpair[i] < 0)
			(*unknown)++;
	for (i = 0; i < at->nrows; i++) {
		if (apair[i] < 0 && i >= aend)
			(*unknown)++;
		else if (apair[i] < 0)
			add_row(l, TL_CHANGE_ADDED, table, bt, at, NULL,
			    &at->rows[i], kc);
		else
			compare_pair(l, table, &cf, bt, at,
			    &bt->rows[apair[i]], &at->rows[i], kc);
	}
	free_strings(bkeys, bt->nrows);
	free_strings(akeys, at->nrows);
	free(bpair);
	if (keep_pairs != NULL)
		*keep_pairs = apair;
	else
		free(apair);
	free(cf.v);
}

/* A table only one version has: all its rows were added or removed. */
static void
whole_table(struct found *l, size_t table, const struct tl_table *t,
    int after, const struct tl_keycols *kc)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		add_row(l, after ? TL_CHANGE_ADDED : TL_CHANGE_REMOVED, table,
		    after ? NULL : t, after ? t : NULL,
		    after ? NULL : &t->rows[i], after ? &t->rows[i] : NULL,
		    kc);
}

/* The changes found, grouped by kind (a counting sort: stable, linear). */
static void
group_by_kind(struct tl_diff *df, struct found *l)
{
	size_t next[TL_CHANGE_NKINDS];
	size_t i, k, at = 0;

	for (i = 0; i < l->n; i++)
		df->count[l->v[i].kind]++;
	for (k = 0; k < TL_CHANGE_NKINDS; k++) {
		df->first[k] = next[k] = at;
		at += df->count[k];
	}
	df->n = l->n;
	df->v = xmalloc((l->n + 1) * sizeof(*df->v));
	for (i = 0; i < l->n; i++)
		df->v[next[l->v[i].kind]++] = l->v[i];
	free(l->v);
}

void
tl_diff_pages(struct tl_diff *df, const struct tl_page *before,
    const struct tl_page *after, const struct tl_diff_opts *o)
{
	struct tl_keyspec dflt;
	const struct tl_keyspec *spec = o->key;
	struct found l = {0};
	size_t i, unknown, bcut = NONE, acut = NONE, cut = NONE;

	memset(df, 0, sizeof(*df));
	df->before_name = before->source;
	df->after_name = after->source;
	df->several_tables = before->ntables > 1 || after->ntables > 1;
	if (spec == NULL) {
		tl_keyspec_default(&dflt);
		spec = &dflt;
	}
	/* Changes point at their table pair's key: made before any. */
	df->nkeys = before->ntables > after->ntables ? before->ntables :
	    after->ntables;
	df->keys = xcalloc(df->nkeys + 1, sizeof(*df->keys));
	if (o->pairs)
		df->pairs = xcalloc(df->nkeys + 1, sizeof(*df->pairs));
	for (i = 0; i < df->nkeys; i++) {
		const struct tl_table *bt = i < before->ntables ?
		    &before->tables[i] : NULL;
		const struct tl_table *at = i < after->ntables ?
		    &after->tables[i] : NULL;

		/* A table only one version has is keyed on its own. */
		tl_keycols_resolve(&df->keys[i], spec, bt ? bt : at,
		    bt ? at : NULL);
		unknown = 0;
		if (bt != NULL && at != NULL)
			diff_tables(&l, i, bt, at, o, &df->keys[i],
			    df->pairs != NULL ? &df->pairs[i] : NULL, &unknown);
		else if ((bt != NULL && acut != NONE) ||
		    (at != NULL && bcut != NONE))
			unknown = (bt ? bt : at)->nrows; /* past the cut */
		else
			whole_table(&l, i, bt ? bt : at, bt == NULL,
			    &df->keys[i]);
		df->unknown += unknown;
		/* The cut is said once, by the table cut, with every row it
		 * left unknown (theirs and the later tables'). */
		if (bt != NULL && bt->cut && bcut == NONE)
			bcut = i;
		if (at != NULL && at->cut && acut == NONE)
			acut = i;
		if (cut == NONE && (bcut == i || acut == i)) {
			cut = l.n;
			add_change(&l, TL_CHANGE_CUT, i, bt, at);
		}
		if (cut != NONE)
			l.v[cut].unknown += unknown;
	}
	df->cut_before = bcut != NONE;
	df->cut_after = acut != NONE;
	/* Both versions cut alike, nothing left unknown: nothing to say. */
	if (cut != NONE && l.v[cut].unknown == 0 &&
	    df->cut_before && df->cut_after) {
		memmove(&l.v[cut], &l.v[cut + 1],
		    (l.n - cut - 1) * sizeof(*l.v));
		l.n--;
	}
	for (i = 0; i < l.n; i++) {
		l.v[i].before_page = before;
		l.v[i].after_page = after;
	}
	group_by_kind(df, &l);
	if (spec == &dflt)
		tl_keyspec_free(&dflt);
}

void
tl_diff_set_origin(struct tl_diff *df, const char *page, const char *date,
    const char *commit)
{
	size_t i;

	for (i = 0; i < df->n; i++) {
		df->v[i].page = page;
		df->v[i].date = date;
		df->v[i].commit = commit;
	}
}

void
tl_diff_set_time(struct tl_diff *df, const char *time)
{
	size_t i;

	for (i = 0; i < df->n; i++)
		df->v[i].time = time;
}

void
tl_diff_free(struct tl_diff *df)
{
	size_t i;

	for (i = 0; df->pairs != NULL && i < df->nkeys; i++)
		free(df->pairs[i]);
	free(df->pairs);
	for (i = 0; i < df->n; i++)
		free(df->v[i].fields);
	free(df->v);
	free(df->keys);
	memset(df, 0, sizeof(*df));
}

int
tl_diff_any(const struct tl_diff *df)
{
	return df->n > 0;
}

void
tl_diff_summary(struct buf *out, const struct tl_diff *df)
{
	size_t ca = df->count[TL_CHANGE_COLUMN_ADDED];
	size_t cr = df->count[TL_CHANGE_COLUMN_REMOVED];
	size_t cn = df->count[TL_CHANGE_RENAMED_COLUMN];

	buf_printf(out, "%zu added, %zu removed, %zu changed",
	    df->count[TL_CHANGE_ADDED], df->count[TL_CHANGE_REMOVED],
	    df->count[TL_CHANGE_CHANGED]);
	if (ca > 0)
		buf_printf(out, ", %zu column%s added", ca, ca == 1 ? "" : "s");
	if (cr > 0)
		buf_printf(out, ", %zu column%s removed", cr,
		    cr == 1 ? "" : "s");
	if (cn > 0)
		buf_printf(out, ", %zu column%s renamed", cn,
		    cn == 1 ? "" : "s");
	if (df->count[TL_CHANGE_CUT] > 0)
		buf_printf(out, ", %zu row%s unknown past a cut", df->unknown,
		    df->unknown == 1 ? "" : "s");
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

/* ---- reading a change ---------------------------------------------- */

const char *
tl_change_section(const struct tl_change *c)
{
	const struct tl_table *t = c->after_table != NULL ? c->after_table :
	    c->before_table;

	return t != NULL ? tl_table_section(t) : NULL;
}

const struct tl_row *
tl_change_row(const struct tl_change *c, const struct tl_table **table)
{
	if (table != NULL)
		*table = c->after != NULL ? c->after_table : c->before_table;
	return c->after != NULL ? c->after : c->before;
}

/*
 * The key's fields were resolved against OLD's table (a) and NEW's (b),
 * or, for a table only one version has, against that one (a and b the
 * same): NEW's row is read through b, OLD's through a.
 */
const char *
tl_change_key_value(const struct tl_change *c, size_t i)
{
	if (c->key == NULL || i >= c->key->n)
		return NULL;
	if (c->after != NULL)
		return tl_field_value(c->after, &c->key->b[i]);
	if (c->before != NULL)
		return tl_field_value(c->before, &c->key->a[i]);
	return NULL;
}

void
tl_change_key_text(struct buf *out, const struct tl_change *c)
{
	buf_put(out, "", 0);
	if (c->key != NULL && (c->after != NULL || c->before != NULL))
		tl_row_key_text(out, c->key, c->after != NULL,
		    c->after != NULL ? c->after : c->before);
}
