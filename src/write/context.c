/*
 * context.c - build the JSON object of a page (see context.h).
 */
#include "write/context.h"

#include <stdlib.h>
#include <string.h>

#include "write/escape.h"
#include "normalise/normalise.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/*
 * The text of a cell when it is the cell as read (no date label, no
 * split permission to put back together), else NULL.
 */
static const char *
cell_as_read(const struct tl_table *t, const struct tl_row *r, size_t col)
{
	const struct tl_column *c = &t->columns[col];

	if ((int)col == t->date_column && r->date.year != 0)
		return NULL;
	if (c->field == TL_PERMISSION && r->f[TL_PERMISSION] != NULL &&
	    (r->f[TL_DISPLAY_NAME] != NULL || r->f[TL_QUALIFIER] != NULL) &&
	    tl_table_field_column(t, TL_DISPLAY_NAME) < 0)
		return NULL;
	return r->cells[col];
}

void
tl_cell_text(struct buf *out, const struct tl_table *t, const struct tl_row *r,
    size_t col)
{
	const char *s = cell_as_read(t, r, col);

	if (s != NULL) {
		buf_puts(out, s);
	} else if ((int)col == t->date_column && r->date.year != 0) {
		tl_date_label(out, &r->date);
	} else {
		buf_puts(out, r->f[TL_PERMISSION]);
		if (r->f[TL_QUALIFIER] != NULL) {
			buf_put(out, " (", 2);
			buf_puts(out, r->f[TL_QUALIFIER]);
			buf_putc(out, ')');
		}
		if (r->f[TL_DISPLAY_NAME] != NULL) {
			buf_put(out, " (", 2);
			buf_puts(out, r->f[TL_DISPLAY_NAME]);
			buf_putc(out, ')');
		}
	}
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

/* ---- the page as values -------------------------------------------- */

/*
 * Every value below names what it shows, not a copy: `p` is the view
 * (page, changelog, options) or a table, `a` and `b` indices into it.
 * Nothing is cached, so views may be read by several threads at once.
 */


static const struct tl_row *
row_of(const struct tl_value *v)
{
	return &((const struct tl_table *)v->p)->rows[v->a];
}

/* A file name or a title: repaired if it is not UTF-8. */
static void
text_repaired(const struct tl_value *v, struct buf *out)
{
	const char *s = v->p;

	tl_utf8_repair(out, s, strlen(s));
}

static const struct tl_value_class repaired_class = {
	.text = text_repaired,
};

static struct tl_value
repaired(const char *s)
{
	if (s == NULL)
		return tl_value_null();
	return tl_value_make(TL_VALUE_STRING, &repaired_class, s, 0, 0);
}

/* -- cells: {field, header, text, html, sort} -- */

static void
cell_text_made(const struct tl_value *v, struct buf *out)
{
	tl_cell_text(out, v->p, row_of(v), v->b);
}

static void
cell_html_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_table *t = v->p;
	const char *s = cell_as_read(t, row_of(v), v->b);
	struct buf text = {0};

	if (s != NULL) {
		esc_html_lines(out, s);
		return;
	}
	tl_cell_text(&text, t, row_of(v), v->b);
	esc_html_lines(out, buf_str(&text));
	buf_free(&text);
}

static const struct tl_value_class cell_text_class = {
	.text = cell_text_made,
};
static const struct tl_value_class cell_html_class = {
	.text = cell_html_made,
};

static void
cell_field(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(((const struct tl_table *)v->p)->columns[v->b].key);
}

static void
cell_header(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(
	    ((const struct tl_table *)v->p)->columns[v->b].header);
}

static void
cell_text(const struct tl_value *v, struct tl_value *out)
{
	const char *s = cell_as_read(v->p, row_of(v), v->b);

	*out = s != NULL ? tl_value_str(s) :
	    tl_value_make(TL_VALUE_STRING, &cell_text_class, v->p, v->a, v->b);
}

static void
cell_html(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &cell_html_class, v->p, v->a,
	    v->b);
}

/* A dated cell's ISO date, for sorting scripts; no member otherwise. */
static void
cell_sort(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_table *t = v->p;
	const struct tl_row *r = row_of(v);

	if ((int)v->b == t->date_column && r->f[TL_LAST_UPDATE] != NULL)
		*out = tl_value_str(r->f[TL_LAST_UPDATE]);
}

static const struct tl_value_member cell_members[] = {
	{ "field", cell_field },
	{ "header", cell_header },
	{ "text", cell_text },
	{ "html", cell_html },
	{ "sort", cell_sort },
};

static const struct tl_value_class cell_class = {
	.fixed = cell_members,
	.nfixed = TL_NMEMBERS(cell_members),
};

static size_t
cells_size(const struct tl_value *v)
{
	return ((const struct tl_table *)v->p)->ncolumns;
}

static void
cells_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &cell_class, v->p, v->a, i);
}

static const struct tl_value_class cells_class = {
	.size = cells_size,
	.at = cells_at,
};

/* -- rows: line, the fields, labels, extra columns by key, cells -- */

static void
date_label_made(const struct tl_value *v, struct buf *out)
{
	tl_date_label(out, &row_of(v)->date);
}

static const struct tl_value_class date_label_class = {
	.text = date_label_made,
};

/*
 * The row's members in order; with `key` set, only that one.  Returns
 * what fn returned, or with a key 0 when found (value in *found), -1 not.
 * A row of a view has its table's extra column keys in a map (`q`):
 * templates look names up in rows that are not there (`{{#sort}}` in a
 * cell falls through to its row), and a scan of a wide table's columns
 * for each would make a page's rendering quadratic in its columns.
 */
static int
row_walk(const struct tl_value *v, const char *key, struct tl_value *found,
    tl_value_member_fn fn, void *ctx)
{
	const struct tl_strmap *extra = v->q;
	const struct tl_table *t = v->p;
	const struct tl_row *r = row_of(v);
	struct tl_value m;
	size_t i;
	int f, rc;

#define ROW_MEMBER(name, value) do {					\
		if (key == NULL) {					\
			m = (value);					\
			if ((rc = fn(ctx, (name), &m)) != 0)		\
				return rc;				\
		} else if (key[0] == (name)[0] &&			\
		    strcmp(key, (name)) == 0) {				\
			*found = (value);				\
			return 0;					\
		}							\
	} while (0)

	ROW_MEMBER("line", tl_value_int(r->line));
	for (f = 0; f < TL_NFIELDS; f++)
		ROW_MEMBER(tl_field_name(f), tl_value_str(r->f[f]));
	ROW_MEMBER("last_update_label", r->date.year == 0 ? tl_value_null() :
	    tl_value_make(TL_VALUE_STRING, &date_label_class, t, v->a, 0));
	ROW_MEMBER("label", tl_value_str(tl_row_label(t, r)));
	if (key != NULL && extra != NULL) {
		if (tl_strmap_get(extra, key, &i)) {
			*found = tl_value_str(r->cells[i]);
			return 0;
		}
	} else {
		for (i = 0; i < t->ncolumns; i++)
			if (t->columns[i].field == TL_EXTRA)
				ROW_MEMBER(t->columns[i].key,
				    tl_value_str(r->cells[i]));
	}
	ROW_MEMBER("cells", tl_value_make(TL_VALUE_ARRAY, &cells_class, t, v->a,
	    0));
#undef ROW_MEMBER
	return key == NULL ? 0 : -1;
}

static int
row_get(const struct tl_value *v, const char *key, struct tl_value *out)
{
	return row_walk(v, key, out, NULL, NULL);
}

static int
row_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	return row_walk(v, NULL, NULL, fn, ctx);
}

static const struct tl_value_class row_class = {
	.get = row_get,
	.members = row_members,
};

struct tl_value
tl_row_value(const struct tl_table *t, const struct tl_row *r)
{
	return tl_value_make(TL_VALUE_OBJECT, &row_class, t,
	    (size_t)(r - t->rows), 0);
}

struct tl_value
tl_view_row(const struct tl_view *v, size_t table, size_t row)
{
	struct tl_value out = tl_value_make(TL_VALUE_OBJECT, &row_class,
	    &v->page->tables[table], row, 0);

	out.q = &v->extra_keys[table];
	return out;
}

json_t *
tl_row_json(const struct tl_table *t, const struct tl_row *r)
{
	struct tl_value v = tl_row_value(t, r);

	return tl_value_to_json(&v);
}

/* -- tables: line, columns [{field, header}], rows -- */

static size_t
rows_size(const struct tl_value *v)
{
	return ((const struct tl_table *)v->p)->nrows;
}

static void
rows_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &row_class, v->p, i, 0);
	out->q = v->q;
}

static const struct tl_value_class rows_class = {
	.size = rows_size,
	.at = rows_at,
};

static void
column_field(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(((const struct tl_table *)v->p)->columns[v->a].key);
}

static void
column_header(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(
	    ((const struct tl_table *)v->p)->columns[v->a].header);
}

static const struct tl_value_member column_members[] = {
	{ "field", column_field },
	{ "header", column_header },
};

static const struct tl_value_class column_class = {
	.fixed = column_members,
	.nfixed = TL_NMEMBERS(column_members),
};

static void
columns_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &column_class, v->p, i, 0);
}

static const struct tl_value_class columns_class = {
	.size = cells_size,
	.at = columns_at,
};

static void
table_line(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int(((const struct tl_table *)v->p)->line);
}

static void
table_columns(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &columns_class, v->p, 0, 0);
}

static void
table_rows(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &rows_class, v->p, 0, 0);
	out->q = v->q;
}

static const struct tl_value_member table_members[] = {
	{ "line", table_line },
	{ "columns", table_columns },
	{ "rows", table_rows },
};

static const struct tl_value_class table_class = {
	.fixed = table_members,
	.nfixed = TL_NMEMBERS(table_members),
};

/* -- the changelog: groups {month, label, count, changes, updated, id,
 * entries} whose entries are the rows themselves -- */

static const struct tl_view *
view_of(const struct tl_value *v)
{
	return v->p;
}

static const struct tl_changelog_group *
group_of(const struct tl_value *v)
{
	return &view_of(v)->changelog.groups[v->a];
}

/* An entry's id: BASE/changelog.html#2025-04, or tag:...:SLUG/2025-04. */
static void
group_id_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_view *view = view_of(v);
	const char *base = view->opts->base_url;

	tl_feed_base(out, base, view->page->slug);
	if (base != NULL && *base != '\0')
		buf_puts(out, "changelog.html#");
	else
		buf_putc(out, '/');
	tl_changelog_month(out, group_of(v));
}

static void
group_month_made(const struct tl_value *v, struct buf *out)
{
	tl_changelog_month(out, group_of(v));
}

static void
group_label_made(const struct tl_value *v, struct buf *out)
{
	tl_changelog_label(out, group_of(v));
}

static void
group_changes_made(const struct tl_value *v, struct buf *out)
{
	size_t n = group_of(v)->n;

	buf_printf(out, "%zu change%s", n, n == 1 ? "" : "s");
}

static void
group_updated_made(const struct tl_value *v, struct buf *out)
{
	tl_group_updated(out, group_of(v));
}

static const struct tl_value_class group_id_class = {
	.text = group_id_made,
};
static const struct tl_value_class group_month_class = {
	.text = group_month_made,
};
static const struct tl_value_class group_label_class = {
	.text = group_label_made,
};
static const struct tl_value_class group_changes_class = {
	.text = group_changes_made,
};
static const struct tl_value_class group_updated_class = {
	.text = group_updated_made,
};

/* A string about a dated group; null for the Undated one. */
static struct tl_value
dated(const struct tl_value *v, const struct tl_value_class *cls)
{
	if (group_of(v)->year == 0)
		return tl_value_null();
	return tl_value_make(TL_VALUE_STRING, cls, v->p, v->a, 0);
}

static void
group_month(const struct tl_value *v, struct tl_value *out)
{
	*out = dated(v, &group_month_class);
}

static void
group_label(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &group_label_class, v->p, v->a,
	    0);
}

static void
group_count(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)group_of(v)->n);
}

static void
group_changes(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &group_changes_class, v->p, v->a,
	    0);
}

static void
group_updated(const struct tl_value *v, struct tl_value *out)
{
	*out = dated(v, &group_updated_class);
}

static void
group_id(const struct tl_value *v, struct tl_value *out)
{
	*out = dated(v, &group_id_class);
}

static size_t
entries_size(const struct tl_value *v)
{
	return group_of(v)->n;
}

static void
entries_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	const struct tl_view *view = view_of(v);
	const struct tl_changelog_entry *e = &group_of(v)->entries[i];

	*out = tl_view_row(view, (size_t)(e->table - view->page->tables),
	    (size_t)(e->row - e->table->rows));
}

static const struct tl_value_class entries_class = {
	.size = entries_size,
	.at = entries_at,
};

static void
group_entries(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &entries_class, v->p, v->a, 0);
}

static const struct tl_value_member group_members[] = {
	{ "month", group_month },
	{ "label", group_label },
	{ "count", group_count },
	{ "changes", group_changes },
	{ "updated", group_updated },
	{ "id", group_id },
	{ "entries", group_entries },
};

static const struct tl_value_class group_class = {
	.fixed = group_members,
	.nfixed = TL_NMEMBERS(group_members),
};

static size_t
changelog_size(const struct tl_value *v)
{
	return view_of(v)->changelog.ngroups;
}

static void
changelog_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &group_class, v->p, i, 0);
}

static const struct tl_value_class changelog_class = {
	.size = changelog_size,
	.at = changelog_at,
};

/* -- the page: title, slug, source, breadcrumb, intro, notes -- */

static size_t
strlist_size(const struct tl_value *v)
{
	return ((const struct tl_strlist *)v->p)->n;
}

static void
strlist_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_str(((const struct tl_strlist *)v->p)->v[i]);
}

static const struct tl_value_class strlist_class = {
	.size = strlist_size,
	.at = strlist_at,
};

static void
page_title(const struct tl_value *v, struct tl_value *out)
{
	*out = repaired(view_of(v)->page->title);
}

static void
page_slug(const struct tl_value *v, struct tl_value *out)
{
	*out = repaired(view_of(v)->page->slug);
}

static void
page_source(const struct tl_value *v, struct tl_value *out)
{
	*out = repaired(view_of(v)->page->source);
}

static void
page_breadcrumb(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &strlist_class,
	    &view_of(v)->page->breadcrumb, 0, 0);
}

static void
page_intro(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &strlist_class,
	    &view_of(v)->page->intro, 0, 0);
}

static void
page_notes(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &strlist_class,
	    &view_of(v)->page->notes, 0, 0);
}

static const struct tl_value_member page_members[] = {
	{ "title", page_title },
	{ "slug", page_slug },
	{ "source", page_source },
	{ "breadcrumb", page_breadcrumb },
	{ "intro", page_intro },
	{ "notes", page_notes },
};

static const struct tl_value_class page_class = {
	.fixed = page_members,
	.nfixed = TL_NMEMBERS(page_members),
};

static size_t
tables_size(const struct tl_value *v)
{
	return view_of(v)->page->ntables;
}

static void
tables_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &table_class,
	    &view_of(v)->page->tables[i], 0, 0);
	out->q = &view_of(v)->extra_keys[i];
}

static const struct tl_value_class tables_class = {
	.size = tables_size,
	.at = tables_at,
};

/* -- links: relative URLs of the page's other files -- */

static void
link_index(const struct tl_value *v, struct tl_value *out)
{
	*out = repaired(view_of(v)->opts->index_link);
}

static void
link_changelog(const struct tl_value *v, struct tl_value *out)
{
	const char *link = view_of(v)->opts->changelog_link;

	*out = tl_value_str(link != NULL ? link : "changelog.html");
}

static void
link_csv(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_str("table.csv");
}

static void
link_json(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_str("table.json");
}

static void
link_md(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_str("table.md");
}

static const struct tl_value_member links_members[] = {
	{ "index", link_index },
	{ "changelog", link_changelog },
	{ "csv", link_csv },
	{ "json", link_json },
	{ "md", link_md },
};

static const struct tl_value_class links_class = {
	.fixed = links_members,
	.nfixed = TL_NMEMBERS(links_members),
};

/* -- feed: Atom ids and dates -- */

static int
linked(const struct tl_view *view)
{
	return view->opts->base_url != NULL && *view->opts->base_url != '\0';
}

static void
feed_id_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_view *view = view_of(v);

	tl_feed_base(out, view->opts->base_url, view->page->slug);
	if (linked(view))
		buf_puts(out, "feed.xml");
}

static void
feed_link_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_view *view = view_of(v);

	if (linked(view))
		tl_feed_base(out, view->opts->base_url, view->page->slug);
	buf_puts(out, "changelog.html");
}

/* The newest dated group dates the feed; 1970 for a page of none. */
static void
feed_updated_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_changelog *cl = &view_of(v)->changelog;
	const struct tl_changelog_group *newest = NULL;
	size_t i;

	for (i = 0; i < cl->ngroups; i++)
		if (cl->groups[i].year != 0 && (newest == NULL ||
		    cl->groups[i].year * 12 + cl->groups[i].month >
		    newest->year * 12 + newest->month))
			newest = &cl->groups[i];
	if (newest != NULL)
		tl_group_updated(out, newest);
	else
		buf_puts(out, "1970-01-01T00:00:00Z");
}

static const struct tl_value_class feed_id_class = {
	.text = feed_id_made,
};
static const struct tl_value_class feed_link_class = {
	.text = feed_link_made,
};
static const struct tl_value_class feed_updated_class = {
	.text = feed_updated_made,
};

static void
feed_id(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &feed_id_class, v->p, 0, 0);
}

static void
feed_link(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &feed_link_class, v->p, 0, 0);
}

static void
feed_updated(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_STRING, &feed_updated_class, v->p, 0, 0);
}

static const struct tl_value_member feed_members[] = {
	{ "id", feed_id },
	{ "link", feed_link },
	{ "updated", feed_updated },
};

static const struct tl_value_class feed_class = {
	.fixed = feed_members,
	.nfixed = TL_NMEMBERS(feed_members),
};

/* -- the root: generator, page, tables, changelog, links, feed -- */

static void
generator_name(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_str("tablog");
}

static void
generator_version(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_str(TL_VERSION);
}

static const struct tl_value_member generator_members[] = {
	{ "name", generator_name },
	{ "version", generator_version },
};

static const struct tl_value_class generator_class = {
	.fixed = generator_members,
	.nfixed = TL_NMEMBERS(generator_members),
};

static void
root_generator(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &generator_class, v->p, 0, 0);
}

static void
root_page(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &page_class, v->p, 0, 0);
}

static void
root_tables(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &tables_class, v->p, 0, 0);
}

static void
root_changelog(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &changelog_class, v->p, 0, 0);
}

static void
root_links(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &links_class, v->p, 0, 0);
}

static void
root_feed(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &feed_class, v->p, 0, 0);
}

static const struct tl_value_member root_members[] = {
	{ "generator", root_generator },
	{ "page", root_page },
	{ "tables", root_tables },
	{ "changelog", root_changelog },
	{ "links", root_links },
	{ "feed", root_feed },
};

static const struct tl_value_class root_class = {
	.fixed = root_members,
	.nfixed = TL_NMEMBERS(root_members),
};

/* ---- views ---------------------------------------------------------- */

void
tl_view_init(struct tl_view *v, const struct tl_page *page,
    const struct tl_write_opts *o)
{
	size_t t, i;

	v->page = page;
	v->opts = o;
	tl_changelog_build(&v->changelog, page, o->oldest_first);
	v->extra_keys = xcalloc(page->ntables ? page->ntables : 1,
	    sizeof(*v->extra_keys));
	for (t = 0; t < page->ntables; t++)
		for (i = 0; i < page->tables[t].ncolumns; i++)
			if (page->tables[t].columns[i].field == TL_EXTRA)
				tl_strmap_put(&v->extra_keys[t],
				    page->tables[t].columns[i].key, i);
}

struct tl_value
tl_view_value(const struct tl_view *v)
{
	return tl_value_make(TL_VALUE_OBJECT, &root_class, v, 0, 0);
}

void
tl_view_free(struct tl_view *v)
{
	size_t t;

	for (t = 0; t < v->page->ntables; t++)
		tl_strmap_free(&v->extra_keys[t]);
	free(v->extra_keys);
	v->extra_keys = NULL;
	tl_changelog_free(&v->changelog);
}
