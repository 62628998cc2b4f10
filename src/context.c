/*
 * context.c - build the JSON object of a page (see context.h).
 */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "normalise.h"
#include "utf8.h"
#include "xalloc.h"

void
tl_cell_text(struct buf *out, const struct tl_table *t, const struct tl_row *r,
    size_t col)
{
	const struct tl_column *c = &t->columns[col];

	if ((int)col == t->date_column && r->date.year != 0) {
		tl_date_label(out, &r->date);
		return;
	}
	if (c->field == TL_PERMISSION && r->f[TL_PERMISSION] != NULL &&
	    (r->f[TL_DISPLAY_NAME] != NULL || r->f[TL_QUALIFIER] != NULL) &&
	    tl_table_field_column(t, TL_DISPLAY_NAME) < 0) {
		buf_puts(out, r->f[TL_PERMISSION]);
		if (r->f[TL_QUALIFIER] != NULL)
			buf_printf(out, " (%s)", r->f[TL_QUALIFIER]);
		if (r->f[TL_DISPLAY_NAME] != NULL)
			buf_printf(out, " (%s)", r->f[TL_DISPLAY_NAME]);
		return;
	}
	buf_puts(out, r->cells[col]);
}

/*
 * Model text is valid UTF-8 (the readers and the normaliser see to it);
 * a file name need not be, and jansson refuses such a string, so it is
 * repaired here rather than lost.
 */
json_t *
tl_json_text(const char *s)
{
	struct buf fixed = {0};
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	tl_utf8_repair(&fixed, s, strlen(s));
	j = json_string(buf_str(&fixed));
	buf_free(&fixed);
	return j;
}

/*
 * A cell for templates: its column, its text as shown, the same as HTML
 * (escaped, line breaks as <br>: templates insert it with {{{html}}}), and
 * for a dated cell a `sort` key (ISO date) for sorting scripts.
 */
static json_t *
cell_json(const struct tl_table *t, const struct tl_row *r, size_t col,
    struct buf *text, struct buf *html)
{
	json_t *c = json_object();

	buf_reset(text);
	buf_reset(html);
	tl_cell_text(text, t, r, col);
	esc_html_lines(html, buf_str(text));
	json_object_set_new(c, "field", json_string(t->columns[col].key));
	json_object_set_new(c, "header", json_string(t->columns[col].header));
	json_object_set_new(c, "text", json_string(buf_str(text)));
	json_object_set_new(c, "html", json_string(buf_str(html)));
	if ((int)col == t->date_column && r->f[TL_LAST_UPDATE] != NULL)
		json_object_set_new(c, "sort",
		    json_string(r->f[TL_LAST_UPDATE]));
	return c;
}

json_t *
tl_row_json(const struct tl_table *t, const struct tl_row *r)
{
	json_t *row = json_object(), *cells = json_array();
	struct buf text = {0}, html = {0}, label = {0};
	size_t i;
	int f;

	json_object_set_new(row, "line", json_integer(r->line));
	for (f = 0; f < TL_NFIELDS; f++)
		json_object_set_new(row, tl_field_name(f),
		    tl_json_text(r->f[f]));
	if (r->date.year != 0)
		tl_date_label(&label, &r->date);
	json_object_set_new(row, "last_update_label",
	    r->date.year ? json_string(buf_str(&label)) : json_null());
	json_object_set_new(row, "label", json_string(tl_row_label(t, r)));
	for (i = 0; i < t->ncolumns; i++) {
		if (t->columns[i].field == TL_EXTRA)
			json_object_set_new(row, t->columns[i].key,
			    json_string(r->cells[i]));
		json_array_append_new(cells, cell_json(t, r, i, &text, &html));
	}
	json_object_set_new(row, "cells", cells);
	buf_free(&text);
	buf_free(&html);
	buf_free(&label);
	return row;
}

static json_t *
strlist_json(const struct tl_strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

static json_t *
table_json(const struct tl_table *t, json_t *const *rows_json)
{
	json_t *tab = json_object(), *cols = json_array(), *rows = json_array();
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "field", json_string(t->columns[i].key));
		json_object_set_new(c, "header",
		    json_string(t->columns[i].header));
		json_array_append_new(cols, c);
	}
	for (i = 0; i < t->nrows; i++)
		json_array_append(rows, rows_json[i]);
	json_object_set_new(tab, "line", json_integer(t->line));
	json_object_set_new(tab, "columns", cols);
	json_object_set_new(tab, "rows", rows);
	return tab;
}

void
tl_feed_base(struct buf *out, const char *base_url, const char *slug)
{
	size_t len;

	if (base_url == NULL || *base_url == '\0') {
		buf_printf(out, "tag:tablog.invalid,2024:%s", slug);
		return;
	}
	len = strlen(base_url);
	buf_puts(out, base_url);
	if (base_url[len - 1] != '/')
		buf_putc(out, '/');
}

void
tl_group_updated(struct buf *out, const struct tl_changelog_group *g)
{
	int day = 1;
	size_t i;

	if (g->year == 0)
		return;
	for (i = 0; i < g->n; i++)
		if (g->entries[i].row->date.day > day)
			day = g->entries[i].row->date.day;
	buf_printf(out, "%04d-%02d-%02dT00:00:00Z", g->year, g->month, day);
}

/* An entry's id: BASE/changelog.html#2025-04, or tag:...:SLUG/2025-04. */
static void
group_id(struct buf *out, const struct tl_write_opts *o, const char *slug,
    const struct tl_changelog_group *g)
{
	tl_feed_base(out, o->base_url, slug);
	if (o->base_url != NULL && *o->base_url != '\0')
		buf_puts(out, "changelog.html#");
	else
		buf_putc(out, '/');
	tl_changelog_month(out, g);
}

/*
 * Every row's object, built once: the changelog holds the same objects as
 * the tables (jansson values are reference-counted), which halves the
 * work and memory of a big page.
 */
struct row_objects {
	const struct tl_page	*page;
	json_t			***v;	/* [table][row] */
};

static void
row_objects_build(struct row_objects *ro, const struct tl_page *page)
{
	size_t t, r;

	ro->page = page;
	ro->v = xcalloc(page->ntables ? page->ntables : 1, sizeof(*ro->v));
	for (t = 0; t < page->ntables; t++) {
		const struct tl_table *tab = &page->tables[t];

		ro->v[t] = xcalloc(tab->nrows ? tab->nrows : 1,
		    sizeof(*ro->v[t]));
		for (r = 0; r < tab->nrows; r++)
			ro->v[t][r] = tl_row_json(tab, &tab->rows[r]);
	}
}

/* The object of a row of the page (borrowed). */
static json_t *
row_object(const struct row_objects *ro, const struct tl_changelog_entry *e)
{
	size_t t = (size_t)(e->table - ro->page->tables);

	return ro->v[t][e->row - e->table->rows];
}

static void
row_objects_free(struct row_objects *ro)
{
	size_t t, r;

	for (t = 0; t < ro->page->ntables; t++) {
		for (r = 0; r < ro->page->tables[t].nrows; r++)
			json_decref(ro->v[t][r]);
		free(ro->v[t]);
	}
	free(ro->v);
}

static json_t *
changelog_json(const struct tl_changelog *cl, const struct tl_write_opts *o,
    const char *slug, const struct row_objects *ro)
{
	json_t *groups = json_array();
	struct buf b = {0};
	size_t g, i;

	for (g = 0; g < cl->ngroups; g++) {
		const struct tl_changelog_group *grp = &cl->groups[g];
		json_t *o_grp = json_object(), *entries = json_array();

		buf_reset(&b);
		tl_changelog_month(&b, grp);
		json_object_set_new(o_grp, "month",
		    grp->year ? json_string(buf_str(&b)) : json_null());
		buf_reset(&b);
		tl_changelog_label(&b, grp);
		json_object_set_new(o_grp, "label", json_string(buf_str(&b)));
		json_object_set_new(o_grp, "count",
		    json_integer((json_int_t)grp->n));
		buf_reset(&b);
		buf_printf(&b, "%zu change%s", grp->n, grp->n == 1 ? "" : "s");
		json_object_set_new(o_grp, "changes", json_string(buf_str(&b)));
		buf_reset(&b);
		tl_group_updated(&b, grp);
		json_object_set_new(o_grp, "updated",
		    grp->year ? json_string(buf_str(&b)) : json_null());
		buf_reset(&b);
		if (grp->year)
			group_id(&b, o, slug, grp);
		json_object_set_new(o_grp, "id",
		    grp->year ? json_string(buf_str(&b)) : json_null());
		for (i = 0; i < grp->n; i++)
			json_array_append(entries,
			    row_object(ro, &grp->entries[i]));
		json_object_set_new(o_grp, "entries", entries);
		json_array_append_new(groups, o_grp);
	}
	buf_free(&b);
	return groups;
}

static json_t *
links_json(const struct tl_write_opts *o)
{
	json_t *l = json_object();

	json_object_set_new(l, "index", tl_json_text(o->index_link));
	json_object_set_new(l, "changelog", json_string(o->changelog_link ?
	    o->changelog_link : "changelog.html"));
	json_object_set_new(l, "csv", json_string("table.csv"));
	json_object_set_new(l, "json", json_string("table.json"));
	json_object_set_new(l, "md", json_string("table.md"));
	return l;
}

static json_t *
feed_json(const struct tl_page *page, const struct tl_changelog *cl,
    const struct tl_write_opts *o)
{
	const struct tl_changelog_group *newest = NULL;
	json_t *f = json_object();
	struct buf b = {0};
	size_t i;
	int linked = o->base_url != NULL && *o->base_url != '\0';

	tl_feed_base(&b, o->base_url, page->slug);
	if (linked)
		buf_puts(&b, "feed.xml");
	json_object_set_new(f, "id", json_string(buf_str(&b)));
	buf_reset(&b);
	if (linked)
		tl_feed_base(&b, o->base_url, page->slug);
	buf_puts(&b, "changelog.html");
	json_object_set_new(f, "link", json_string(buf_str(&b)));
	buf_reset(&b);
	/* The newest dated group dates the feed; 1970 for a page of none. */
	for (i = 0; i < cl->ngroups; i++)
		if (cl->groups[i].year != 0 && (newest == NULL ||
		    cl->groups[i].year * 12 + cl->groups[i].month >
		    newest->year * 12 + newest->month))
			newest = &cl->groups[i];
	if (newest != NULL)
		tl_group_updated(&b, newest);
	if (b.len == 0)
		buf_puts(&b, "1970-01-01T00:00:00Z");
	json_object_set_new(f, "updated", json_string(buf_str(&b)));
	buf_free(&b);
	return f;
}

json_t *
tl_page_json(const struct tl_page *page, const struct tl_changelog *cl,
    const struct tl_write_opts *o)
{
	json_t *root = json_object(), *gen = json_object(), *p = json_object();
	json_t *tables = json_array();
	struct row_objects ro;
	size_t i;

	row_objects_build(&ro, page);
	json_object_set_new(gen, "name", json_string("tablog"));
	json_object_set_new(gen, "version", json_string(TL_VERSION));
	json_object_set_new(root, "generator", gen);

	json_object_set_new(p, "title", tl_json_text(page->title));
	json_object_set_new(p, "slug", tl_json_text(page->slug));
	json_object_set_new(p, "source", tl_json_text(page->source));
	json_object_set_new(p, "breadcrumb", strlist_json(&page->breadcrumb));
	json_object_set_new(p, "intro", strlist_json(&page->intro));
	json_object_set_new(p, "notes", strlist_json(&page->notes));
	json_object_set_new(root, "page", p);

	for (i = 0; i < page->ntables; i++)
		json_array_append_new(tables, table_json(&page->tables[i],
		    ro.v[i]));
	json_object_set_new(root, "tables", tables);
	json_object_set_new(root, "changelog",
	    changelog_json(cl, o, page->slug, &ro));
	json_object_set_new(root, "links", links_json(o));
	json_object_set_new(root, "feed", feed_json(page, cl, o));
	row_objects_free(&ro);
	return root;
}

void
tl_view_init(struct tl_view *v, const struct tl_page *page,
    const struct tl_write_opts *o)
{
	v->page = page;
	v->opts = o;
	v->context = NULL;
	tl_changelog_build(&v->changelog, page, o->oldest_first);
}

json_t *
tl_view_context(struct tl_view *v)
{
	if (v->context == NULL)
		v->context = tl_page_json(v->page, &v->changelog, v->opts);
	return v->context;
}

void
tl_view_free(struct tl_view *v)
{
	json_decref(v->context);
	v->context = NULL;
	tl_changelog_free(&v->changelog);
}
