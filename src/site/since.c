/*
 * since.c - `tablog build --since PREV`: what changed since the last build.
 *
 * A previous build's all.json holds every page's tables (columns, date
 * column) and every row (fields and cells), which is enough to rebuild
 * those pages as normalised models.  Each page of the new build is then
 * diffed (diff.c) with the page from the same source file (its path
 * under INDIR; the slug for an all.json written before paths were
 * recorded), and pages that appeared or vanished are listed, all as the
 * changes diff.h defines.  Page authors often change rows without dating
 * them: this is how a site still shows that something changed.
 */
#include "site/since.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "site/json_check.h"
#include "diff/diff_context.h"
#include "load/source.h"

#define MAX_COLUMNS 10000	/* as the HTML reader's widest row */

/* ---- checking what was read ------------------------------------------ */

/* A slug names a folder of the site: [a-z0-9-], 1 to 255 bytes. */
static int
valid_slug(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");

	return n > 0 && n <= 255 && s[n] == '\0';
}

/* ---- rebuilding ------------------------------------------------------ */

/* One table of a page described in all.json ("tables"[i]), checked. */
static int
rebuild_table(struct tl_jcheck *c, struct tl_page *page, json_t *tj)
{
	json_t *cols, *col;
	struct tl_table *t;
	struct tl_map keys = {0};
	const char **headers;
	const char *s;
	json_int_t line, date_col, label_col, cut;
	size_t i, n, mark;
	int rc = 0;

	if (!json_is_object(tj))
		return tl_jc_bad(c, "not an object");
	cut = 0;
	if (tl_jc_get_int(c, tj, "line", TL_JC_REQUIRED, 0, UINT_MAX, &line) != 0 ||
	    (json_object_get(tj, "cut") != NULL && tl_jc_get_int(c, tj, "cut",
	    TL_JC_REQUIRED, 1, UINT_MAX, &cut) != 0) ||
	    (cols = tl_jc_get_array(c, tj, "columns", MAX_COLUMNS)) == NULL)
		return -1;
	n = json_array_size(cols);
	t = tl_page_add_table(page, (unsigned)line);
	t->cut = (unsigned)cut;
	headers = xcalloc(n ? n : 1, sizeof(*headers));
	json_array_foreach(cols, i, col) {
		mark = tl_jc_enter(c, ".columns[%zu]", i);
		if (!json_is_object(col))
			rc = tl_jc_bad(c, "not an object");
		else
			rc = tl_jc_get_string(c, col, "header", TL_JC_REQUIRED, &headers[i]);
		tl_jc_leave(c, mark);
		if (rc != 0)
			break;
	}
	if (rc == 0)
		tl_table_set_header(page, t, headers, n);
	free(headers);
	json_array_foreach(cols, i, col) {
		if (rc != 0)
			break;
		mark = tl_jc_enter(c, ".columns[%zu]", i);
		if (tl_jc_get_string(c, col, "field", TL_JC_REQUIRED, &s) != 0)
			rc = -1;
		else if (*s == '\0')
			rc = tl_jc_bad(c, "\"field\" is empty");
		else if (tl_map_get(&keys, s, NULL))
			rc = tl_jc_bad(c, "\"field\" \"%s\" names an earlier column "
			    "too", valid_slug(s) ? s : "...");
		tl_jc_leave(c, mark);
		if (rc != 0)
			break;
		t->columns[i].key = tl_strdup(page, s);
		tl_map_put(&keys, t->columns[i].key, i);
		t->columns[i].field = tl_field_by_name(s);
		/* Only canonical fields other than the derived ones map. */
		if (t->columns[i].field == TL_DISPLAY_NAME ||
		    t->columns[i].field == TL_QUALIFIER ||
		    t->columns[i].field == TL_LAST_UPDATE_TEXT ||
		    t->columns[i].field == TL_TYPE_TEXT ||
		    t->columns[i].field == TL_TYPE_QUALIFIER)
			t->columns[i].field = TL_EXTRA;
	}
	tl_map_free(&keys);
	if (rc != 0)
		return -1;
	/* A column index past the columns would be read by diff and key.c. */
	if (tl_jc_get_int(c, tj, "date_column", TL_JC_NULLABLE, 0, LLONG_MAX,
	    &date_col) != 0 ||
	    tl_jc_get_int(c, tj, "label_column", TL_JC_NULLABLE, 0, LLONG_MAX,
	    &label_col) != 0)
		return -1;
	if (date_col >= (json_int_t)n || label_col >= (json_int_t)n)
		return tl_jc_bad(c, "\"%s\" is %" JSON_INTEGER_FORMAT ", past the "
		    "table's %zu columns", date_col >= (json_int_t)n ?
		    "date_column" : "label_column", date_col >= (json_int_t)n ?
		    date_col : label_col, n);
	t->date_column = (int)date_col;
	t->label_column = (int)label_col;
	return 0;
}

/* One page of "pages", checked; NULL after an error. */
static struct tl_page *
rebuild_page(struct tl_jcheck *c, json_t *pj, const char **path)
{
	json_t *tables, *tj;
	struct tl_page *page;
	const char *slug, *title, *source, *s;
	json_int_t rows;
	size_t k, mark;

	*path = NULL;
	if (!json_is_object(pj)) {
		tl_jc_bad(c, "not an object");
		return NULL;
	}
	if (tl_jc_get_string(c, pj, "slug", TL_JC_REQUIRED, &slug) != 0 ||
	    tl_jc_get_string(c, pj, "title", TL_JC_REQUIRED, &title) != 0 ||
	    tl_jc_get_string(c, pj, "source", TL_JC_REQUIRED, &source) != 0 ||
	    tl_jc_get_string(c, pj, "path", TL_JC_OPTIONAL, path) != 0 ||
	    tl_jc_get_int(c, pj, "rows", TL_JC_OPTIONAL, 0, LLONG_MAX, &rows) != 0 ||
	    tl_jc_get_string(c, pj, "rows_key", TL_JC_OPTIONAL, &s) != 0 ||
	    tl_jc_get_string(c, pj, "latest", TL_JC_OPTIONAL, &s) != 0 ||
	    tl_jc_get_string(c, pj, "latest_label", TL_JC_OPTIONAL, &s) != 0 ||
	    (tables = tl_jc_get_array(c, pj, "tables", SIZE_MAX)) == NULL)
		return NULL;
	if (!valid_slug(slug)) {
		tl_jc_bad(c, "\"slug\" is not a slug (a-z, 0-9 and '-')");
		return NULL;
	}
	if (*path != NULL && **path == '\0') {
		tl_jc_bad(c, "\"path\" is empty");
		return NULL;
	}
	page = tl_page_new(source);
	page->title = tl_strdup(page, title);
	page->slug = tl_strdup(page, slug);
	json_array_foreach(tables, k, tj) {
		mark = tl_jc_enter(c, ".tables[%zu]", k);
		if (rebuild_table(c, page, tj) != 0) {
			tl_page_free(page);
			return NULL;
		}
		tl_jc_leave(c, mark);
	}
	if (*path != NULL)
		*path = tl_strdup(page, *path);
	return page;
}

/*
 * A row's "higher_privileged": null, or an array of strings (kept in *v,
 * which the caller frees), *n of them; *listed says which.  Builds made
 * before the member existed have none.
 */
static int
get_higher(struct tl_jcheck *c, json_t *rj, const char ***v, size_t *n,
    int *listed)
{
	json_t *a = json_object_get(rj, "higher_privileged"), *item;
	size_t i;

	*v = NULL;
	*n = 0;
	*listed = 0;
	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a))
		return tl_jc_bad(c, "\"higher_privileged\" is not an array or "
		    "null");
	*v = xcalloc(json_array_size(a) + 1, sizeof(**v));
	json_array_foreach(a, i, item) {
		if (!json_is_string(item) || !tl_jc_valid_text(
		    json_string_value(item), json_string_length(item))) {
			free(*v);
			*v = NULL;
			return tl_jc_bad(c, "\"higher_privileged\" holds other "
			    "than text");
		}
		(*v)[i] = json_string_value(item);
	}
	*n = json_array_size(a);
	*listed = 1;
	return 0;
}

/* One row of "rows", checked, into its page's table. */
static int
rebuild_row(struct tl_jcheck *c, struct tl_since *s, json_t *rj)
{
	json_t *cells, *cell;
	const char *slug, *v;
	const char **texts;
	const char *fields[TL_NFIELDS];
	const char **higher = NULL;
	json_t *supported;
	size_t nhigher;
	int listed;
	struct tl_page *page;
	struct tl_table *t;
	struct tl_row *r;
	struct tl_date date;
	json_int_t ti, line;
	size_t i, page_index, mark;
	int f, rc = 0;

	if (!json_is_object(rj))
		return tl_jc_bad(c, "not an object");
	if (tl_jc_get_string(c, rj, "page", TL_JC_REQUIRED, &slug) != 0)
		return -1;
	if (!tl_map_get(&s->slugs, slug, &page_index))
		return tl_jc_bad(c, "\"page\" names no page of \"pages\"");
	page = s->pages[page_index];
	if (page->ntables == 0)
		return tl_jc_bad(c, "\"page\" names a page without tables");
	if (tl_jc_get_int(c, rj, "table", TL_JC_REQUIRED, 0,
	    (json_int_t)page->ntables - 1, &ti) != 0 ||
	    tl_jc_get_int(c, rj, "line", TL_JC_REQUIRED, 0, UINT_MAX, &line) != 0 ||
	    tl_jc_get_string(c, rj, "label", TL_JC_OPTIONAL | TL_JC_NULLABLE, &v) != 0 ||
	    tl_jc_get_string(c, rj, "last_update_label", TL_JC_OPTIONAL | TL_JC_NULLABLE,
	    &v) != 0)
		return -1;
	/* Fields added after the first builds may be missing. */
	for (f = 0; f < TL_NFIELDS; f++)
		if (f != TL_HIGHER_PRIVILEGED && tl_jc_get_string(c, rj,
		    tl_field_name(f), TL_JC_NULLABLE |
		    (f > TL_LAST_UPDATE_TEXT ? TL_JC_OPTIONAL : 0),
		    &fields[f]) != 0)
			return -1;
	fields[TL_HIGHER_PRIVILEGED] = NULL;
	supported = json_object_get(rj, "supported");
	if (supported != NULL && !json_is_boolean(supported))
		return tl_jc_bad(c, "\"supported\" is not true or false");
	if (get_higher(c, rj, &higher, &nhigher, &listed) != 0)
		return -1;
	memset(&date, 0, sizeof(date));
	if (fields[TL_LAST_UPDATE] != NULL &&
	    tl_parse_iso_date(fields[TL_LAST_UPDATE], &date) != 0) {
		free(higher);
		return tl_jc_bad(c, "\"last_update\" is not a date YYYY-MM or "
		    "YYYY-MM-DD");
	}
	t = &page->tables[ti];
	if ((cells = tl_jc_get_array(c, rj, "cells", t->ncolumns)) == NULL) {
		free(higher);
		return -1;
	}
	if (json_array_size(cells) != t->ncolumns) {
		free(higher);
		return tl_jc_bad(c, "\"cells\" has %zu items, its table %zu "
		    "columns", json_array_size(cells), t->ncolumns);
	}
	texts = xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof(*texts));
	json_array_foreach(cells, i, cell) {
		mark = tl_jc_enter(c, ".cells[%zu]", i);
		if (!json_is_object(cell))
			rc = tl_jc_bad(c, "not an object");
		else
			rc = tl_jc_get_string(c, cell, "text", TL_JC_REQUIRED, &texts[i]);
		tl_jc_leave(c, mark);
		if (rc != 0)
			break;
		/* Extra columns by key; canonical ones keep their shown
		 * text. */
		if (t->columns[i].field == TL_EXTRA) {
			if (tl_jc_get_string(c, rj, t->columns[i].key, TL_JC_OPTIONAL,
			    &v) != 0) {
				rc = -1;
				break;
			}
			if (v != NULL)
				texts[i] = v;
		}
	}
	if (rc == 0) {
		r = tl_table_add_row(page, t, (unsigned)line, texts,
		    t->ncolumns);
		for (f = 0; f < TL_NFIELDS; f++)
			r->f[f] = fields[f] ? tl_strdup(page, fields[f]) : NULL;
		r->date = date;
		if (listed)
			tl_row_set_higher(page, r, higher, nhigher);
		r->unsupported = json_is_false(supported);
	}
	free(texts);
	free(higher);
	return rc;
}

/* A printable copy of jansson's message, which may quote the bytes it
 * stopped at. */
static int
since_build(struct tl_since *s, struct tl_jcheck *c, json_t *root)
{
	json_t *pages, *rows, *pj, *rj;
	size_t i, with_path = 0, mark;

	if (!json_is_object(root))
		return tl_jc_bad(c, "not an object");
	if (json_object_get(root, "generator") != NULL &&
	    !json_is_object(json_object_get(root, "generator")))
		return tl_jc_bad(c, "\"generator\" is not an object");
	if ((pages = tl_jc_get_array(c, root, "pages", SIZE_MAX)) == NULL ||
	    (rows = tl_jc_get_array(c, root, "rows", SIZE_MAX)) == NULL)
		return -1;
	s->pages = xcalloc(json_array_size(pages) + 1, sizeof(*s->pages));
	s->paths = xcalloc(json_array_size(pages) + 1, sizeof(*s->paths));
	json_array_foreach(pages, i, pj) {
		struct tl_page *page;
		const char *path;

		mark = tl_jc_enter(c, "pages[%zu]", i);
		if ((page = rebuild_page(c, pj, &path)) == NULL)
			return -1;
		s->pages[s->n] = page;
		s->paths[s->n++] = path;
		if (tl_map_get(&s->slugs, page->slug, NULL))
			return tl_jc_bad(c, "\"slug\" is an earlier page's too");
		tl_map_put(&s->slugs, page->slug, i);
		if (path != NULL) {
			if (tl_map_get(&s->by_path, path, NULL))
				return tl_jc_bad(c, "\"path\" is an earlier page's "
				    "too");
			tl_map_put(&s->by_path, path, i);
			with_path++;
		}
		tl_jc_leave(c, mark);
	}
	/* Written before pages had paths: matched by slug (since.h). */
	if (with_path != 0 && with_path != s->n)
		return tl_jc_bad(c, "some pages have a \"path\", others not");
	s->match_paths = s->n > 0 && with_path == s->n;
	json_array_foreach(rows, i, rj) {
		mark = tl_jc_enter(c, "rows[%zu]", i);
		if (rebuild_row(c, s, rj) != 0)
			return -1;
		tl_jc_leave(c, mark);
	}
	return 0;
}

int
tl_since_load(struct tl_since *s, const char *prev_dir, size_t max,
    struct tl_diags *d)
{
	struct tl_jcheck c;
	struct buf path = {0};
	json_t *root;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	memset(&c, 0, sizeof(c));
	buf_printf(&path, "%s/all.json", prev_dir);
	c.file = buf_str(&path);
	c.what = "all.json";
	c.d = d;
	if ((root = tl_jc_load(&c, TL_FILE_REGULAR, max ? max :
	    TL_DEFAULT_MAX_INPUT, "the previous build")) != NULL) {
		rc = since_build(s, &c, root);
		json_decref(root);
	}
	if (rc != 0)
		tl_since_free(s);
	buf_free(&c.where);
	buf_free(&path);
	return rc;
}

struct tl_page *
tl_since_find(const struct tl_since *s, const char *path, const char *slug,
    size_t *index)
{
	size_t i;

	if (s->match_paths ? !tl_map_get(&s->by_path, path, &i) :
	    !tl_map_get(&s->slugs, slug, &i))
		return NULL;
	if (index != NULL)
		*index = i;
	return s->pages[i];
}

void
tl_since_free(struct tl_since *s)
{
	size_t i;

	/* The maps borrow their keys from the pages. */
	tl_map_free(&s->slugs);
	tl_map_free(&s->by_path);
	for (i = 0; i < s->n; i++)
		tl_page_free(s->pages[i]);
	free(s->pages);
	free(s->paths);
	memset(s, 0, sizeof(*s));
}

/* ---- what changed ---------------------------------------------------- */

static struct tl_change *
page_change(struct tl_since_changes *out, enum tl_change_kind kind,
    const struct tl_page *page, const char *path, const char *date)
{
	struct tl_change *c = &out->page_changes[out->nadded + out->nremoved];

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->page = path;
	c->date = date;
	if (kind == TL_CHANGE_PAGE_ADDED) {
		c->after_page = page;
		out->nadded++;
	} else {
		c->before_page = page;
		out->nremoved++;
	}
	return c;
}

void
tl_since_detect(struct tl_since_changes *out, const struct tl_since *prev,
    const struct tl_page *const *pages, const char *const *paths, size_t n,
    const struct tl_diff_opts *o, const char *date)
{
	unsigned char *matched = xcalloc(prev->n + 1, 1);
	struct buf b = {0};
	size_t i, k, total;

	memset(out, 0, sizeof(*out));
	out->pages = xcalloc(n + 1, sizeof(*out->pages));
	out->page_changes = xcalloc(n + prev->n + 1,
	    sizeof(*out->page_changes));
	out->paths = xcalloc(n + 1, sizeof(*out->paths));
	for (i = 0; i < n; i++) {
		const struct tl_page *page = pages[i], *old;
		struct tl_since_page *sp = &out->pages[out->npages];
		const char *path;

		if (page == NULL)
			continue;
		/* all.json holds paths as JSON text: repaired UTF-8. */
		buf_reset(&b);
		tl_utf8_repair(&b, paths[i], strlen(paths[i]));
		path = out->paths[out->npaths++] = xstrdup(buf_str(&b));
		old = tl_since_find(prev, path, page->slug, &k);
		if (old == NULL) {
			page_change(out, TL_CHANGE_PAGE_ADDED, page, path, date);
			continue;
		}
		matched[k] = 1;
		tl_diff_pages(&sp->diff, old, page, o);
		if (!tl_diff_any(&sp->diff)) {
			tl_diff_free(&sp->diff);
			continue;
		}
		sp->page = page;
		tl_diff_set_origin(&sp->diff, path, date, NULL);
		out->npages++;
	}
	for (i = 0; i < prev->n; i++)
		if (!matched[i])
			page_change(out, TL_CHANGE_PAGE_REMOVED, prev->pages[i],
			    prev->paths[i] != NULL ? prev->paths[i] :
			    prev->pages[i]->source, date);

	total = out->nadded + out->nremoved;
	for (i = 0; i < out->npages; i++)
		total += out->pages[i].diff.n;
	out->all = xcalloc(total + 1, sizeof(*out->all));
	for (i = 0; i < out->npages; i++)
		for (k = 0; k < out->pages[i].diff.n; k++)
			out->all[out->n++] = &out->pages[i].diff.v[k];
	for (i = 0; i < out->nadded + out->nremoved; i++)
		out->all[out->n++] = &out->page_changes[i];
	buf_free(&b);
	free(matched);
}

void
tl_since_changes_free(struct tl_since_changes *c)
{
	size_t i;

	json_decref(c->meta);
	for (i = 0; i < c->npages; i++)
		tl_diff_free(&c->pages[i].diff);
	for (i = 0; i < c->npaths; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->pages);
	free(c->page_changes);
	free(c->all);
	memset(c, 0, sizeof(*c));
}

/* ---- as the site's templates see it ---------------------------------- */

static const struct tl_since_changes *
changes_of(const struct tl_value *v)
{
	return v->p;
}

/* -- a changed page: {title, slug} and its diff; p: the tl_since_page -- */

static const struct tl_since_page *
since_page_of(const struct tl_value *v)
{
	return v->p;
}

static void
page_title(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_page *p = since_page_of(v)->page;

	*out = tl_value_str(p->title != NULL ? p->title : p->slug);
}

static void
page_slug(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(since_page_of(v)->page->slug);
}

static void
page_diff(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_diff_shown(&since_page_of(v)->diff);
}

static const struct tl_value_member page_members[] = {
	TL_COMPUTED("title", page_title),
	TL_COMPUTED("slug", page_slug),
	TL_SPREAD(page_diff),
};

static const struct tl_value_class page_class = TL_FIXED_CLASS(page_members);

static size_t
pages_size(const struct tl_value *v)
{
	return changes_of(v)->npages;
}

static void
pages_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &page_class,
	    &changes_of(v)->pages[i], 0, 0);
}

static const struct tl_value_class pages_class = {
	.size = pages_size,
	.at = pages_at,
};

/* -- detected: meta's members, any, changes, pages, new_pages,
 * vanished_pages; p: the tl_since_changes -- */

static void
detected_meta(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_json(changes_of(v)->meta);
}

static void
detected_any(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(changes_of(v)->n > 0);
}

static void
detected_changes(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_change_list_shown(changes_of(v)->all, changes_of(v)->n);
}

/* The page changes close `all`: the pages added, then those removed. */
static void
detected_new_pages(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_since_changes *c = changes_of(v);

	*out = tl_change_list_shown(c->all + c->n - c->nadded - c->nremoved,
	    c->nadded);
}

static void
detected_vanished_pages(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_since_changes *c = changes_of(v);

	*out = tl_change_list_shown(c->all + c->n - c->nremoved, c->nremoved);
}

static const struct tl_value_member detected_members[] = {
	TL_SPREAD(detected_meta),
	TL_COMPUTED("any", detected_any),
	TL_COMPUTED("changes", detected_changes),
	TL_AS("pages", &pages_class),
	TL_COMPUTED("new_pages", detected_new_pages),
	TL_COMPUTED("vanished_pages", detected_vanished_pages),
};

static const struct tl_value_class detected_class =
    TL_FIXED_CLASS(detected_members);

struct tl_value
tl_since_value(const struct tl_since_changes *c)
{
	return tl_value_make(TL_VALUE_OBJECT, &detected_class, c, 0, 0);
}
