/*
 * view.c - a page being written (see view.h).
 */
#include "write/view.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "model/key.h"
#include "write/lang.h"

/* An anchor's most bytes, cut at a character; room for "-NNN" after. */
#define ANCHOR_MAX	100

/*
 * One value of a row's key as part of an id: ASCII letters, digits,
 * '.', '_' and '-' as they are, characters beyond ASCII too (an id may
 * hold any but ASCII white space), every run of anything else one '_',
 * none at either end.
 */
static void
anchor_part(struct buf *out, const char *s)
{
	size_t start = out->len;
	int gap = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-' || c >= 0x80) {
			if (gap && out->len > start)
				buf_putc(out, '_');
			gap = 0;
			buf_putc(out, (char)c);
		} else {
			gap = 1;
		}
	}
}

/* Cut b to at most max bytes, not inside a UTF-8 sequence. */
static void
cut_at_char(struct buf *b, size_t from, size_t max)
{
	size_t len = b->len - from;

	if (len <= max)
		return;
	len = max;
	while (len > 0 && ((unsigned char)b->data[from + len] & 0xC0) == 0x80)
		len--;
	b->len = from + len;
	b->data[b->len] = '\0';
}

/*
 * Strings kept at offsets into one growing buffer, found through a map
 * whose values are their indexes (map.h's keys the caller compares: a
 * buffer that grows moves, so no pointer into it can be a key).
 */
struct strset {
	struct buf	 text;
	size_t		*at;		/* [i]: where string i starts */
	size_t		*val;		/* [i]: what it maps to */
	size_t		 n, cap, vcap;
	struct tl_map	 map;
};

struct strset_probe {
	const struct strset	*set;
	const char		*s;
};

static int
strset_same(const void *ctx, size_t i)
{
	const struct strset_probe *p = ctx;

	return strcmp(p->set->text.data + p->set->at[i], p->s) == 0;
}

/* 1 and *i set to its index when s is in the set. */
static int
strset_find(const struct strset *set, const char *s, size_t *i)
{
	struct strset_probe p = { set, s };

	return tl_map_find(&set->map, tl_hash_str(s), strset_same, &p, i);
}

/* Add s (not in the set yet, and not inside set->text) mapped to val;
 * its index. */
static size_t
strset_add(struct strset *set, const char *s, size_t val)
{
	struct strset_probe p = { set, s };
	size_t i = set->n;

	set->at = xgrow(set->at, &set->cap, set->n + 1, sizeof(*set->at));
	set->val = xgrow(set->val, &set->vcap, set->n + 1, sizeof(*set->val));
	set->at[i] = set->text.len;
	set->val[i] = val;
	buf_puts(&set->text, s);
	buf_putc(&set->text, '\0');
	set->n++;
	tl_map_find_add(&set->map, tl_hash_str(s), strset_same, &p, &i);
	return i;
}

static void
strset_free(struct strset *set)
{
	buf_free(&set->text);
	free(set->at);
	free(set->val);
	tl_map_free(&set->map);
}

/*
 * Each row's id (docs/design.md "Site layout"): the values of its key
 * but the API (`AuditLog.Read.All-Application`), else its label, else
 * "row"; unique in the page, in page order, by -2, -3 ...  The ids are
 * the strings of one set (their bytes one block, v->anchor_text); the
 * bases tried so far map to the next suffix to try.
 */
static void
make_anchors(struct tl_view *v)
{
	const struct tl_page *page = v->page;
	struct tl_keyspec spec;
	struct tl_keycols kc;
	struct strset ids = {0}, bases = {0};
	struct buf one = {0}, id = {0};
	size_t t, r, k, n, i, *which;

	tl_keyspec_default(&spec);
	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];
		int api_only;

		tl_keycols_resolve(&kc, &spec, tab, NULL);
		api_only = kc.n == 1 && !kc.by_label &&
		    strcmp(kc.names[0], "api") == 0;
		for (r = 0; r < tab->nrows; r++) {
			const struct tl_row *row = &tab->rows[r];

			buf_reset(&one);
			for (k = 0; k < kc.n; k++) {
				const char *val = kc.by_label ?
				    tl_row_label(tab, row) :
				    tl_field_value(row, &kc.a[k]);
				size_t before = one.len;

				if (val == NULL || (!api_only && !kc.by_label &&
				    strcmp(kc.names[k], "api") == 0))
					continue;
				if (one.len > 0)
					buf_putc(&one, '-');
				anchor_part(&one, val);
				if (one.len == before + (before > 0) &&
				    one.data != NULL) {
					one.len = before;	/* nothing of it */
					one.data[one.len] = '\0';
				}
			}
			cut_at_char(&one, 0, ANCHOR_MAX);
			if (one.len == 0)
				buf_puts(&one, "row");
			if (!strset_find(&bases, buf_str(&one), &i))
				i = strset_add(&bases, buf_str(&one), 1);
			for (n = bases.val[i];; n++) {
				buf_reset(&id);
				if (n == 1)
					buf_puts(&id, buf_str(&one));
				else
					buf_printf(&id, "%s-%zu", buf_str(&one), n);
				if (!strset_find(&ids, buf_str(&id), &k))
					break;
			}
			bases.val[i] = n + 1;
			strset_add(&ids, buf_str(&id), ids.n);
		}
	}
	/* The ids, in page order, point into their set's block. */
	which = ids.at;
	for (t = 0, i = 0; t < page->ntables; t++) {
		v->tables[t].anchors = xcalloc(page->tables[t].nrows ?
		    page->tables[t].nrows : 1, sizeof(*v->tables[t].anchors));
		for (r = 0; r < page->tables[t].nrows; r++, i++)
			v->tables[t].anchors[r] = ids.text.data + which[i];
	}
	v->anchor_text = ids.text.data;
	ids.text.data = NULL;
	ids.text.len = ids.text.cap = 0;
	strset_free(&ids);
	strset_free(&bases);
	buf_free(&one);
	buf_free(&id);
	tl_keyspec_free(&spec);
}

void
tl_view_init(struct tl_view *v, const struct tl_page *page,
    const struct tl_write_opts *o)
{
	const struct tl_changelog *cl;
	size_t t, i;

	memset(v, 0, sizeof(*v));
	v->page = page;
	v->opts = o;
	tl_changelog_build(&v->changelog, page, o->oldest_first);
	v->tables = xcalloc(page->ntables ? page->ntables : 1,
	    sizeof(*v->tables));
	for (t = 0; t < page->ntables; t++)
		for (i = 0; i < page->tables[t].ncolumns; i++)
			if (page->tables[t].columns[i].field == TL_EXTRA)
				tl_map_put(&v->tables[t].extra_keys,
				    page->tables[t].columns[i].key, i);
	make_anchors(v);
	v->lang = tl_page_lang(page);
	cl = &v->changelog;
	for (i = 0; i < cl->ngroups; i++)
		tl_timeline_add(&v->timeline, cl->groups[i].year,
		    cl->groups[i].month, cl->groups[i].n);
	tl_timeline_finish(&v->timeline);
}

void
tl_view_set_permission_page(struct tl_view *v, size_t table, size_t row,
    const struct tl_permission_ref *ref)
{
	struct tl_view_table *vt = &v->tables[table];
	size_t n = v->page->tables[table].nrows;

	if (vt->permission_pages == NULL)
		vt->permission_pages = xcalloc(n ? n : 1,
		    sizeof(*vt->permission_pages));
	vt->permission_pages[row] = ref;
}

void
tl_view_free(struct tl_view *v)
{
	size_t t;

	for (t = 0; t < v->page->ntables; t++) {
		tl_map_free(&v->tables[t].extra_keys);
		free(v->tables[t].anchors);
		free(v->tables[t].permission_pages);
	}
	free(v->tables);
	v->tables = NULL;
	free(v->anchor_text);
	v->anchor_text = NULL;
	tl_timeline_free(&v->timeline);
	tl_changelog_free(&v->changelog);
}
