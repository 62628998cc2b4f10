/*
 * since.c - `tablog build --since PREV`: what changed since the last build.
 *
 * A previous build's all.json holds every page's tables (columns, date
 * column) and every row (fields and cells), which is enough to rebuild
 * those pages as normalised models.  Each page of the new build is then
 * diffed (diff.c) with the page of the same slug, and pages that appeared
 * or vanished are listed.  Page authors often change rows without dating
 * them: this is how a site still shows that something changed.
 */
#include "site/since.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "write/context.h"
#include "base/xalloc.h"

static int
field_by_name(const char *name)
{
	int f;

	for (f = 0; f < TL_NFIELDS; f++)
		if (strcmp(tl_field_name(f), name) == 0)
			return f;
	return TL_EXTRA;
}

static const char *
json_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s;
}

/* "2023-12" or "2023-12-05" back into a date. */
static void
parse_iso(const char *s, struct tl_date *d)
{
	int y = 0, m = 0, day = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL || sscanf(s, "%d-%d-%d", &y, &m, &day) < 2)
		return;
	if (y < 1 || m < 1 || m > 12 || day < 0 || day > 31)
		return;
	d->year = y;
	d->month = m;
	d->day = day;
}

/* One table of a page described in all.json ("tables"[i]). */
static void
rebuild_table(struct tl_page *page, json_t *tj)
{
	json_t *cols = json_object_get(tj, "columns"), *c;
	struct tl_table *t = tl_page_add_table(page,
	    (unsigned)json_integer_value(json_object_get(tj, "line")));
	const char **headers;
	size_t i, n = json_array_size(cols);

	headers = xcalloc(n ? n : 1, sizeof(*headers));
	json_array_foreach(cols, i, c)
		headers[i] = json_str(c, "header") ? json_str(c, "header") : "";
	tl_table_set_header(page, t, headers, n);
	free(headers);
	json_array_foreach(cols, i, c) {
		const char *key = json_str(c, "field");

		if (key == NULL)
			key = "";
		t->columns[i].key = tl_strdup(page, key);
		t->columns[i].field = field_by_name(key);
		/* Only canonical fields other than the derived ones map. */
		if (t->columns[i].field == TL_DISPLAY_NAME ||
		    t->columns[i].field == TL_QUALIFIER ||
		    t->columns[i].field == TL_LAST_UPDATE_TEXT)
			t->columns[i].field = TL_EXTRA;
	}
	if (json_is_integer(json_object_get(tj, "date_column")))
		t->date_column = (int)json_integer_value(
		    json_object_get(tj, "date_column"));
	if (json_is_integer(json_object_get(tj, "label_column")))
		t->label_column = (int)json_integer_value(
		    json_object_get(tj, "label_column"));
}

static void
rebuild_row(struct tl_page *page, struct tl_table *t, json_t *rj)
{
	json_t *cells = json_object_get(rj, "cells");
	const char **texts = xcalloc(t->ncolumns ? t->ncolumns : 1,
	    sizeof(*texts));
	struct tl_row *r;
	size_t i;
	int f;

	for (i = 0; i < t->ncolumns; i++) {
		const char *v = NULL;

		/* Extra columns by key; canonical ones keep their shown text. */
		if (t->columns[i].field == TL_EXTRA)
			v = json_str(rj, t->columns[i].key);
		if (v == NULL)
			v = json_str(json_array_get(cells, i), "text");
		texts[i] = v ? v : "";
	}
	r = tl_table_add_row(page, t,
	    (unsigned)json_integer_value(json_object_get(rj, "line")), texts,
	    t->ncolumns);
	free(texts);
	for (f = 0; f < TL_NFIELDS; f++) {
		const char *v = json_str(rj, tl_field_name(f));

		r->f[f] = v ? tl_strdup(page, v) : NULL;
	}
	parse_iso(r->f[TL_LAST_UPDATE], &r->date);
}

int
tl_since_load(struct tl_since *s, const char *prev_dir, struct tl_diags *d)
{
	struct buf path = {0};
	json_error_t err;
	json_t *root, *pages, *rows, *pj, *rj;
	size_t i;

	memset(s, 0, sizeof(*s));
	buf_printf(&path, "%s/all.json", prev_dir);
	root = json_load_file(path.data, 0, &err);
	if (root == NULL) {
		tl_diag(d, TL_ERROR, path.data, (unsigned)err.line,
		    "cannot read the previous build: %s", err.text);
		buf_free(&path);
		return -1;
	}
	pages = json_object_get(root, "pages");
	rows = json_object_get(root, "rows");
	if (!json_is_array(pages) || !json_is_array(rows)) {
		tl_diag(d, TL_ERROR, path.data, 0, "not a tablog all.json "
		    "(no pages and rows)");
		json_decref(root);
		buf_free(&path);
		return -1;
	}
	s->pages = xcalloc(json_array_size(pages) + 1, sizeof(*s->pages));
	json_array_foreach(pages, i, pj) {
		const char *slug = json_str(pj, "slug");
		json_t *tables = json_object_get(pj, "tables"), *tj;
		struct tl_page *page;
		size_t k;

		if (slug == NULL)
			continue;
		page = tl_page_new(json_str(pj, "source"));
		if (json_str(pj, "title") != NULL)
			page->title = tl_strdup(page, json_str(pj, "title"));
		page->slug = tl_strdup(page, slug);
		json_array_foreach(tables, k, tj)
			rebuild_table(page, tj);
		s->pages[s->n++] = page;
	}
	json_array_foreach(rows, i, rj) {
		struct tl_page *page = tl_since_find(s, json_str(rj, "page"));
		json_int_t ti = json_integer_value(json_object_get(rj, "table"));

		if (page != NULL && ti >= 0 && (size_t)ti < page->ntables)
			rebuild_row(page, &page->tables[ti], rj);
	}
	json_decref(root);
	buf_free(&path);
	return 0;
}

struct tl_page *
tl_since_find(const struct tl_since *s, const char *slug)
{
	size_t i;

	for (i = 0; slug != NULL && i < s->n; i++)
		if (strcmp(s->pages[i]->slug, slug) == 0)
			return s->pages[i];
	return NULL;
}

void
tl_since_free(struct tl_since *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		tl_page_free(s->pages[i]);
	free(s->pages);
	memset(s, 0, sizeof(*s));
}

static json_t *
diff_rows_json(const struct tl_diff_rows *rows, int after)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < rows->n; i++) {
		const struct tl_diff_row *r = &rows->v[i];

		json_array_append_new(a, after ?
		    tl_row_json(r->after_table, r->after) :
		    tl_row_json(r->before_table, r->before));
	}
	return a;
}

static json_t *
diff_changed_json(const struct tl_diff_rows *rows)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < rows->n; i++) {
		const struct tl_diff_row *r = &rows->v[i];
		json_t *o = tl_row_json(r->after_table, r->after);
		json_t *fields = json_array();

		for (k = 0; k < r->nfields; k++)
			json_array_append_new(fields, json_pack("{s:s, s:s?, s:s?}",
			    "name", r->fields[k].name,
			    "before", r->fields[k].before,
			    "after", r->fields[k].after));
		json_object_set_new(o, "key", json_string(r->key));
		json_object_set_new(o, "fields", fields);
		json_object_set_new(o, "no_date_update",
		    json_boolean(r->no_date_update));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
tl_since_page_json(const struct tl_page *before, const struct tl_page *after,
    const struct tl_diff_opts *o)
{
	struct tl_diff df;
	struct buf summary = {0};
	json_t *pj;

	tl_diff_pages(&df, before, after, o);
	if (!tl_diff_any(&df)) {
		tl_diff_free(&df);
		return NULL;
	}
	tl_diff_summary(&summary, &df);
	pj = json_object();
	json_object_set_new(pj, "title", json_string(after->title ?
	    after->title : after->slug));
	json_object_set_new(pj, "slug", json_string(after->slug));
	json_object_set_new(pj, "summary", json_string(summary.data));
	json_object_set_new(pj, "added", diff_rows_json(&df.added, 1));
	json_object_set_new(pj, "removed", diff_rows_json(&df.removed, 0));
	json_object_set_new(pj, "changed", diff_changed_json(&df.changed));
	buf_free(&summary);
	tl_diff_free(&df);
	return pj;
}
