/*
 * context.c - build the JSON object of a page (see context.h).
 */
#include "context.h"

#include <string.h>

#include "normalise.h"

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

static json_t *
string_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
tl_row_json(const struct tl_table *t, const struct tl_row *r)
{
	json_t *row = json_object(), *cells = json_array();
	struct buf text = {0}, label = {0};
	size_t i;
	int f;

	json_object_set_new(row, "line", json_integer(r->line));
	for (f = 0; f < TL_NFIELDS; f++)
		json_object_set_new(row, tl_field_name(f),
		    string_or_null(r->f[f]));
	if (r->date.year != 0)
		tl_date_label(&label, &r->date);
	json_object_set_new(row, "last_update_label",
	    r->date.year ? json_string(buf_str(&label)) : json_null());
	json_object_set_new(row, "label", json_string(tl_row_label(t, r)));
	for (i = 0; i < t->ncolumns; i++) {
		if (t->columns[i].field == TL_EXTRA)
			json_object_set_new(row, t->columns[i].key,
			    json_string(r->cells[i]));
		buf_reset(&text);
		tl_cell_text(&text, t, r, i);
		json_array_append_new(cells, json_string(buf_str(&text)));
	}
	json_object_set_new(row, "cells", cells);
	buf_free(&text);
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
table_json(const struct tl_table *t)
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
		json_array_append_new(rows, tl_row_json(t, &t->rows[i]));
	json_object_set_new(tab, "line", json_integer(t->line));
	json_object_set_new(tab, "columns", cols);
	json_object_set_new(tab, "rows", rows);
	return tab;
}

static json_t *
changelog_json(const struct tl_changelog *cl)
{
	json_t *groups = json_array();
	struct buf b = {0};
	size_t g, i;

	for (g = 0; g < cl->ngroups; g++) {
		const struct tl_changelog_group *grp = &cl->groups[g];
		json_t *o = json_object(), *entries = json_array();

		buf_reset(&b);
		tl_changelog_month(&b, grp);
		json_object_set_new(o, "month",
		    grp->year ? json_string(buf_str(&b)) : json_null());
		buf_reset(&b);
		tl_changelog_label(&b, grp);
		json_object_set_new(o, "label", json_string(buf_str(&b)));
		json_object_set_new(o, "count", json_integer((json_int_t)grp->n));
		for (i = 0; i < grp->n; i++)
			json_array_append_new(entries,
			    tl_row_json(grp->entries[i].table,
			    grp->entries[i].row));
		json_object_set_new(o, "entries", entries);
		json_array_append_new(groups, o);
	}
	buf_free(&b);
	return groups;
}

json_t *
tl_page_json(const struct tl_page *page, const struct tl_changelog *cl)
{
	json_t *root = json_object(), *gen = json_object(), *p = json_object();
	json_t *tables = json_array();
	size_t i;

	json_object_set_new(gen, "name", json_string("tablog"));
	json_object_set_new(gen, "version", json_string(TL_VERSION));
	json_object_set_new(root, "generator", gen);

	json_object_set_new(p, "title", string_or_null(page->title));
	json_object_set_new(p, "slug", string_or_null(page->slug));
	json_object_set_new(p, "source", json_string(page->source));
	json_object_set_new(p, "breadcrumb", strlist_json(&page->breadcrumb));
	json_object_set_new(p, "intro", strlist_json(&page->intro));
	json_object_set_new(p, "notes", strlist_json(&page->notes));
	json_object_set_new(root, "page", p);

	for (i = 0; i < page->ntables; i++)
		json_array_append_new(tables, table_json(&page->tables[i]));
	json_object_set_new(root, "tables", tables);
	json_object_set_new(root, "changelog", changelog_json(cl));
	return root;
}
