/*
 * context.c - the JSON object of a page (see context.h), answered from
 * the model as it is read.
 *
 * Each object is a table of members (value.h), one line a member, in the
 * order `-f json` writes them; its class names the struct the members'
 * offsets are into (`self`: the row for a row, the column for a cell).
 * To add a member, add its line where it should appear.  A field of that
 * struct is TL_STRING_AT("key", struct tl_row, field), or TL_UNSIGNED_AT,
 * TL_SIZE_AT, TL_REPAIRED_AT, TL_JSON_AT by its type (checked when
 * compiled), or TL_CLASS_AT for a list such as a struct tl_strlist.  A
 * string worked out when read is TL_MADE("key", fn), fn(value, buf)
 * appending it (TL_MADE_IF when only some objects have it); anything else
 * is TL_COMPUTED("key", fn), fn(value, out) setting it.  The JSON writer
 * and templates see the new member at once; test_context.c lists each
 * object's members, and docs/design.md ("JSON and the template
 * context") documents them.
 */
#include "write/context.h"

#include <string.h>

#include "base/date.h"
#include "base/utf8.h"
#include "base/version.h"
#include "write/escape.h"

/*
 * The text of a cell when it is the cell as read (no split permission to
 * put back together), else NULL.  A date cell is shown as the page wrote
 * it (--normalize-dates has the normaliser rewrite it).  A permission
 * cell with markup of its own is shown as written, markup and all.
 */
static const char *
cell_as_read(const struct tl_table *t, const struct tl_row *r, size_t col)
{
	const struct tl_column *c = &t->columns[col];

	if (c->field == TL_PERMISSION && r->f[TL_PERMISSION] != NULL &&
	    (r->f[TL_DISPLAY_NAME] != NULL || r->f[TL_QUALIFIER] != NULL) &&
	    tl_table_field_column(t, TL_DISPLAY_NAME) < 0 &&
	    tl_cell_markup(r, col) == NULL)
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

void
tl_cell_md(struct buf *out, const struct tl_table *t, const struct tl_row *r,
    size_t col, int in_table)
{
	const struct tl_markup *m = tl_cell_shown_markup(t, r, col);
	struct buf text = {0};

	if (m != NULL || cell_as_read(t, r, col) != NULL) {
		esc_md_marked(out, r->cells[col], m, in_table);
		return;
	}
	tl_cell_text(&text, t, r, col);
	esc_md_cell(out, buf_str(&text));
	buf_free(&text);
}

const struct tl_markup *
tl_cell_shown_markup(const struct tl_table *t, const struct tl_row *r,
    size_t col)
{
	return cell_as_read(t, r, col) != NULL ? tl_cell_markup(r, col) :
	    NULL;
}

int
tl_cell_has_markup(const struct tl_table *t, const struct tl_row *r,
    size_t col)
{
	const char *s = cell_as_read(t, r, col);

	/* Shown otherwise (a date's label, a permission put back together),
	 * a cell is plain text. */
	return s != NULL && (tl_cell_markup(r, col) != NULL ||
	    strchr(s, '\n') != NULL);
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

static const struct tl_table *
table_of(const struct tl_value *v)
{
	return v->p;
}

static const struct tl_row *
row_of(const struct tl_value *v)
{
	return &table_of(v)->rows[v->a];
}

/* -- cells: {field, header, text, html, sort}; a: row, b: column -- */

static const void *
cell_self(const struct tl_value *v)
{
	return &table_of(v)->columns[v->b];
}

static void
cell_text_made(const struct tl_value *v, struct buf *out)
{
	tl_cell_text(out, table_of(v), row_of(v), v->b);
}

static void
cell_html_made(const struct tl_value *v, struct buf *out)
{
	const char *s = cell_as_read(table_of(v), row_of(v), v->b);
	const struct tl_markup *m = tl_cell_shown_markup(table_of(v),
	    row_of(v), v->b);
	struct buf text = {0};

	if (m != NULL) {
		esc_html_marked(out, row_of(v)->cells[v->b], m);
		return;
	}
	if (s != NULL) {
		esc_html_lines(out, s);
		return;
	}
	tl_cell_text(&text, table_of(v), row_of(v), v->b);
	esc_html_lines(out, buf_str(&text));
	buf_free(&text);
}

/* The cell as GFM inline text, for a cell with markup (or line breaks). */
static void
cell_md_made(const struct tl_value *v, struct buf *out)
{
	tl_cell_md(out, table_of(v), row_of(v), v->b, 0);
}

static int
cell_marked(const struct tl_value *v)
{
	return tl_cell_has_markup(table_of(v), row_of(v), v->b);
}

/* -- a cell's links: [{text, href}]; p, a, b as for the cell, q the
 * link's mark -- */

static const struct tl_mark *
mark_of(const struct tl_value *v)
{
	return v->q;
}

static void
link_text_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_mark *m = mark_of(v);

	buf_put(out, row_of(v)->cells[v->b] + m->start, m->end - m->start);
}

static void
link_href(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(mark_of(v)->href);
}

static const struct tl_value_member link_members[] = {
	TL_MADE("text", link_text_made),
	TL_COMPUTED("href", link_href),
};

static const struct tl_value_class link_class = TL_FIXED_CLASS(link_members);

/* The i-th link mark of the cell, or NULL. */
static const struct tl_mark *
nth_link(const struct tl_value *v, size_t i)
{
	const struct tl_markup *m = tl_cell_markup(row_of(v), v->b);
	size_t k;

	for (k = 0; m != NULL && k < m->n; k++)
		if (m->v[k].kind == TL_MARK_LINK && i-- == 0)
			return &m->v[k];
	return NULL;
}

static size_t
links_size(const struct tl_value *v)
{
	const struct tl_markup *m = tl_cell_markup(row_of(v), v->b);
	size_t k, n = 0;

	for (k = 0; m != NULL && k < m->n; k++)
		n += m->v[k].kind == TL_MARK_LINK;
	return n;
}

static void
links_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &link_class, v->p, v->a, v->b);
	out->q = nth_link(v, i);
}

static const struct tl_value_class cell_links_class = {
	.size = links_size,
	.at = links_at,
};

/* Only a cell with links has them. */
static void
cell_links(const struct tl_value *v, struct tl_value *out)
{
	if (nth_link(v, 0) != NULL)
		*out = tl_value_make(TL_VALUE_ARRAY, &cell_links_class, v->p,
		    v->a, v->b);
}

static const struct tl_value_class cell_text_class = {
	.text = cell_text_made,
};

/* The cell as read when it is, else made: most cells are as read. */
static void
cell_text(const struct tl_value *v, struct tl_value *out)
{
	const char *s = cell_as_read(table_of(v), row_of(v), v->b);

	*out = s != NULL ? tl_value_str(s) :
	    tl_value_make(TL_VALUE_STRING, &cell_text_class, v->p, v->a, v->b);
}

/* A row's view table (view.h), when the row was reached through a view. */
static const struct tl_view_table *
vtable_of(const struct tl_value *v)
{
	return v->q;
}

/* -- a cell's permission page: {slug, href, pages, label}; p, a, b, q as
 * the cell's -- */

static const struct tl_permission_ref *
ref_of(const struct tl_value *v)
{
	return vtable_of(v)->permission_pages[v->a];
}

static const void *
ref_self(const struct tl_value *v)
{
	return ref_of(v);
}

static const struct tl_value_member ref_members[] = {
	TL_STRING_AT("slug", struct tl_permission_ref, slug),
	TL_STRING_AT("href", struct tl_permission_ref, href),
	TL_SIZE_AT("pages", struct tl_permission_ref, pages),
	TL_STRING_AT("label", struct tl_permission_ref, label),
};

static const struct tl_value_class ref_class =
    TL_FIXED_CLASS_OF(ref_members, ref_self);

/* Only the permission cell of a row a site lists has one. */
static void
cell_permission_page(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_view_table *vt = vtable_of(v);

	if (vt != NULL && vt->permission_pages != NULL &&
	    vt->permission_pages[v->a] != NULL &&
	    table_of(v)->columns[v->b].field == TL_PERMISSION) {
		*out = tl_value_make(TL_VALUE_OBJECT, &ref_class, v->p, v->a,
		    v->b);
		out->q = vt;
	}
}

/* A dated cell's ISO date, for sorting scripts; no member otherwise. */
static void
cell_sort(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_row *r = row_of(v);

	if ((int)v->b == table_of(v)->date_column &&
	    r->f[TL_LAST_UPDATE] != NULL)
		*out = tl_value_str(r->f[TL_LAST_UPDATE]);
}

static const struct tl_value_member cell_members[] = {
	TL_STRING_AT("field", struct tl_column, key),
	TL_STRING_AT("header", struct tl_column, header),
	TL_COMPUTED("text", cell_text),
	TL_MADE_IF("md", cell_md_made, cell_marked, TL_VALUE_MISSING),
	TL_COMPUTED("links", cell_links),
	TL_MADE("html", cell_html_made),
	TL_COMPUTED("sort", cell_sort),
	TL_COMPUTED("permission_page", cell_permission_page),
};

static const struct tl_value_class cell_class =
    TL_FIXED_CLASS_OF(cell_members, cell_self);

static size_t
cells_size(const struct tl_value *v)
{
	return table_of(v)->ncolumns;
}

static void
cells_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &cell_class, v->p, v->a, i);
	out->q = v->q;
}

static const struct tl_value_class cells_class = {
	.size = cells_size,
	.at = cells_at,
};

/* -- rows: line, the fields, labels, anchor, extra columns by key, cells;
 * a: row, q: the view's table (extra column keys, anchors), if any -- */

static const void *
row_self(const struct tl_value *v)
{
	return row_of(v);
}

/*
 * The extra columns, by key.  A row of a view has its table's keys in a
 * map (`q`): templates look names up in rows that are not there
 * (`{{#sort}}` in a cell falls through to its row), and a scan of a wide
 * table's columns for each would make a page's rendering quadratic in
 * its columns.
 */
static int
row_extra_get(const struct tl_value *v, const char *key,
    struct tl_value *out)
{
	const struct tl_map *extra = vtable_of(v) != NULL ?
	    &vtable_of(v)->extra_keys : NULL;
	const struct tl_table *t = table_of(v);
	size_t i;

	if (extra != NULL) {
		if (!tl_map_get(extra, key, &i))
			return -1;
		*out = tl_value_str(row_of(v)->cells[i]);
		return 0;
	}
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i].field == TL_EXTRA &&
		    strcmp(t->columns[i].key, key) == 0) {
			*out = tl_value_str(row_of(v)->cells[i]);
			return 0;
		}
	return -1;
}

static int
row_extra_members(const struct tl_value *v, tl_value_member_fn fn,
    void *ctx)
{
	const struct tl_table *t = table_of(v);
	struct tl_value m;
	size_t i;
	int rc;

	for (i = 0; i < t->ncolumns; i++) {
		if (t->columns[i].field != TL_EXTRA)
			continue;
		m = tl_value_str(row_of(v)->cells[i]);
		if ((rc = fn(ctx, t->columns[i].key, &m)) != 0)
			return rc;
	}
	return 0;
}

static const struct tl_value_class row_extra_class = {
	.get = row_extra_get,
	.members = row_extra_members,
};

static int
row_dated(const struct tl_value *v)
{
	return row_of(v)->date.year != 0;
}

static void
date_label_made(const struct tl_value *v, struct buf *out)
{
	tl_date_label(out, &row_of(v)->date);
}

static void
row_label(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(tl_row_label(table_of(v), row_of(v)));
}

/* Rows of a page whose history was read (history/) have three more
 * members; other rows do not have them at all. */
static int
row_has_history(const struct tl_value *v)
{
	return row_of(v)->first_seen != NULL;
}

#define HISTORY_AT(k, field)	{ .key = (k), .kind = TL_MEMBER_STRING, \
	.off = TL_OFFSET_OF(const char *, struct tl_row, field),	\
	.when = row_has_history, .absent = TL_VALUE_MISSING }

static void
row_no_date_update(const struct tl_value *v, struct tl_value *out)
{
	if (row_has_history(v))
		*out = tl_value_bool(row_of(v)->changed_without_date_update);
}

/* The row's id in the page's HTML: only a view knows the page's others. */
static void
row_anchor(const struct tl_value *v, struct tl_value *out)
{
	if (vtable_of(v) != NULL)
		*out = tl_value_str(vtable_of(v)->anchors[v->a]);
}

/* A struct tl_strlist (p) as an array of strings (defined below). */
static const struct tl_value_class strlist_class;

/* higher_privileged: the row's list, null when it has none. */
static void
row_higher(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_row *r = row_of(v);

	*out = r->f[TL_HIGHER_PRIVILEGED] == NULL ? tl_value_null() :
	    tl_value_make(TL_VALUE_ARRAY, &strlist_class, &r->higher, 0, 0);
}

static void
row_supported(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(!row_of(v)->unsupported);
}

static const struct tl_value_member row_members[] = {
	TL_UNSIGNED_AT("line", struct tl_row, line),
	/* the canonical fields, as tl_field_name() names them */
	TL_STRING_AT("api", struct tl_row, f[TL_API]),
	TL_STRING_AT("permission", struct tl_row, f[TL_PERMISSION]),
	TL_STRING_AT("display_name", struct tl_row, f[TL_DISPLAY_NAME]),
	TL_STRING_AT("qualifier", struct tl_row, f[TL_QUALIFIER]),
	TL_STRING_AT("type", struct tl_row, f[TL_TYPE]),
	TL_STRING_AT("purpose", struct tl_row, f[TL_PURPOSE]),
	TL_STRING_AT("last_update", struct tl_row, f[TL_LAST_UPDATE]),
	TL_STRING_AT("last_update_text", struct tl_row,
	    f[TL_LAST_UPDATE_TEXT]),
	TL_STRING_AT("type_text", struct tl_row, f[TL_TYPE_TEXT]),
	TL_STRING_AT("type_qualifier", struct tl_row, f[TL_TYPE_QUALIFIER]),
	TL_COMPUTED("higher_privileged", row_higher),
	TL_COMPUTED("supported", row_supported),
	TL_MADE_IF("last_update_label", date_label_made, row_dated,
	    TL_VALUE_NULL),
	HISTORY_AT("first_seen", first_seen),
	HISTORY_AT("last_changed", last_changed),
	TL_COMPUTED("changed_without_date_update", row_no_date_update),
	TL_COMPUTED("label", row_label),
	/* null, not missing, where there is none: in a template the
	 * table's section must not show through. */
	TL_STRING_AT("section", struct tl_row, section),
	TL_COMPUTED("anchor", row_anchor),
	TL_SPREAD_AS(&row_extra_class),
	TL_AS("cells", &cells_class),
};

static const struct tl_value_class row_class =
    TL_FIXED_CLASS_OF(row_members, row_self);

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

	out.q = &v->tables[table];
	return out;
}

json_t *
tl_row_json(const struct tl_table *t, const struct tl_row *r)
{
	struct tl_value v = tl_row_value(t, r);

	return tl_value_to_json(&v);
}

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

/* A struct tl_strlist (p) as an array of strings. */
static const struct tl_value_class strlist_class = {
	.size = strlist_size,
	.at = strlist_at,
};

/* -- tables: line, section, headings, caption, notes, columns [{field,
 * header}], rows; q as for rows -- */

static size_t
rows_size(const struct tl_value *v)
{
	return table_of(v)->nrows;
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

static const void *
column_self(const struct tl_value *v)
{
	return &table_of(v)->columns[v->a];
}

static const struct tl_value_member column_members[] = {
	TL_STRING_AT("field", struct tl_column, key),
	TL_STRING_AT("header", struct tl_column, header),
};

static const struct tl_value_class column_class =
    TL_FIXED_CLASS_OF(column_members, column_self);

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
table_section(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(tl_table_section(table_of(v)));
}

/* Only a table the page ends inside has `cut`: the line it ends at. */
static void
table_cut(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_table *t = table_of(v);

	if (t->cut > 0)
		*out = tl_value_int((json_int_t)t->cut);
}

static const struct tl_value_member table_members[] = {
	TL_UNSIGNED_AT("line", struct tl_table, line),
	TL_COMPUTED("cut", table_cut),
	TL_COMPUTED("section", table_section),
	TL_CLASS_AT("headings", &strlist_class, struct tl_table, headings),
	TL_STRING_AT("caption", struct tl_table, caption),
	TL_CLASS_AT("notes", &strlist_class, struct tl_table, notes),
	TL_AS("columns", &columns_class),
	TL_AS("rows", &rows_class),
};

static const struct tl_value_class table_class = TL_FIXED_CLASS(table_members);

/* -- the changelog: groups {month, label, count, changes, updated, id,
 * entries} whose entries are the rows themselves; p: the view, a: the
 * group -- */

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

static const void *
group_self(const struct tl_value *v)
{
	return group_of(v);
}

/* Only dated groups have a month, an id and a date (null otherwise). */
static int
group_dated(const struct tl_value *v)
{
	return group_of(v)->year != 0;
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

static size_t
entries_size(const struct tl_value *v)
{
	return group_of(v)->n;
}

/* -- a changelog entry: the row's members, then where the row is:
 * table {index, section, headings, caption}; p: the view, a: the group,
 * b: the entry -- */

static const struct tl_changelog_entry *
entry_of(const struct tl_value *v)
{
	return &view_of(v)->changelog.groups[v->a].entries[v->b];
}

static void
entry_row(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_view *view = view_of(v);
	const struct tl_changelog_entry *e = entry_of(v);

	*out = tl_view_row(view, (size_t)(e->table - view->page->tables),
	    (size_t)(e->row - e->table->rows));
}

static const void *
where_self(const struct tl_value *v)
{
	return table_of(v);
}

static void
where_index(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)v->a);
}

/* p: the table, a: its index in the page. */
static const struct tl_value_member where_members[] = {
	TL_COMPUTED("index", where_index),
	TL_COMPUTED("section", table_section),
	TL_CLASS_AT("headings", &strlist_class, struct tl_table, headings),
	TL_STRING_AT("caption", struct tl_table, caption),
};

static const struct tl_value_class where_class =
    TL_FIXED_CLASS_OF(where_members, where_self);

static void
entry_table(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_view *view = view_of(v);
	const struct tl_changelog_entry *e = entry_of(v);

	*out = tl_value_make(TL_VALUE_OBJECT, &where_class, e->table,
	    (size_t)(e->table - view->page->tables), 0);
}

/*
 * Where the row is, for people: its table's headings below the page's
 * title, then its section row, joined by " › "; absent when that says
 * nothing ("Delegated permissions › Mail").
 */
static void
entry_context_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_view *view = view_of(v);
	const struct tl_changelog_entry *e = entry_of(v);
	const struct tl_strlist *h = &e->table->headings;
	const char *title = view->page->title;
	size_t i = 0;

	while (i < h->n && title != NULL && strcmp(h->v[i], title) == 0)
		i++;
	for (; i < h->n; i++) {
		if (out->len > 0)
			buf_puts(out, " \xE2\x80\xBA ");
		buf_puts(out, h->v[i]);
	}
	if (e->row->section != NULL) {
		if (out->len > 0)
			buf_puts(out, " \xE2\x80\xBA ");
		buf_puts(out, e->row->section);
	}
}

static int
entry_has_context(const struct tl_value *v)
{
	const struct tl_changelog_entry *e = entry_of(v);
	const struct tl_strlist *h = &e->table->headings;
	const char *title = view_of(v)->page->title;

	return e->row->section != NULL || h->n > 1 || (h->n == 1 &&
	    (title == NULL || strcmp(h->v[0], title) != 0));
}

static const struct tl_value_member entry_members[] = {
	TL_SPREAD(entry_row),
	TL_COMPUTED("table", entry_table),
	TL_MADE_IF("context", entry_context_made, entry_has_context,
	    TL_VALUE_MISSING),
};

static const struct tl_value_class entry_class = TL_FIXED_CLASS(entry_members);

static void
entries_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &entry_class, v->p, v->a, i);
}

static const struct tl_value_class entries_class = {
	.size = entries_size,
	.at = entries_at,
};

static const struct tl_value_member group_members[] = {
	TL_MADE_IF("month", group_month_made, group_dated, TL_VALUE_NULL),
	TL_MADE("label", group_label_made),
	TL_SIZE_AT("count", struct tl_changelog_group, n),
	TL_MADE("changes", group_changes_made),
	TL_MADE_IF("updated", group_updated_made, group_dated, TL_VALUE_NULL),
	TL_MADE_IF("id", group_id_made, group_dated, TL_VALUE_NULL),
	TL_AS("entries", &entries_class),
};

static const struct tl_value_class group_class =
    TL_FIXED_CLASS_OF(group_members, group_self);

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

static const void *
page_self(const struct tl_value *v)
{
	return view_of(v)->page;
}

/* What the outputs call the page's source (view.h), repaired: a file
 * name need not be UTF-8. */
static void
page_source_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_view *view = view_of(v);
	const char *s = view->opts->source != NULL ? view->opts->source :
	    view->page->source;

	tl_utf8_repair(out, s, strlen(s));
}

static void
page_lang(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(view_of(v)->lang);
}

/* A file name need not be UTF-8, nor a title taken from it. */
static const struct tl_value_member page_members[] = {
	TL_REPAIRED_AT("title", struct tl_page, title),
	TL_REPAIRED_AT("slug", struct tl_page, slug),
	TL_MADE("source", page_source_made),
	TL_REPAIRED_AT("url", struct tl_page, url),
	TL_COMPUTED("lang", page_lang),
	TL_CLASS_AT("breadcrumb", &strlist_class, struct tl_page, breadcrumb),
	TL_CLASS_AT("intro", &strlist_class, struct tl_page, intro),
	TL_CLASS_AT("notes", &strlist_class, struct tl_page, notes),
};

static const struct tl_value_class page_class =
    TL_FIXED_CLASS_OF(page_members, page_self);

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
	out->q = &view_of(v)->tables[i];
}

static const struct tl_value_class tables_class = {
	.size = tables_size,
	.at = tables_at,
};

/* -- links: relative URLs of the page's other files -- */

static const void *
links_self(const struct tl_value *v)
{
	return view_of(v)->opts;
}

static void
link_changelog(const struct tl_value *v, struct tl_value *out)
{
	const char *link = view_of(v)->opts->changelog_link;

	*out = tl_value_str(link != NULL ? link : "changelog.html");
}

/* The page's table: index.html in a site, else what -o DIR writes. */
static void
link_page(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(view_of(v)->opts->site_root != NULL ?
	    "index.html" : "table.html");
}

static int
in_site(const struct tl_value *v)
{
	return view_of(v)->opts->site_root != NULL;
}

static void
site_link(const struct tl_value *v, struct buf *out, const char *file)
{
	buf_puts(out, view_of(v)->opts->site_root);
	buf_puts(out, file);
}

static void
link_site_changelog(const struct tl_value *v, struct buf *out)
{
	site_link(v, out, "changelog.html");
}

static void
link_site_feed(const struct tl_value *v, struct buf *out)
{
	site_link(v, out, "feed.xml");
}

static void
link_permissions(const struct tl_value *v, struct buf *out)
{
	site_link(v, out, "permissions/");
}

static const struct tl_value_member links_members[] = {
	TL_REPAIRED_AT("index", struct tl_write_opts, index_link),
	TL_COMPUTED("changelog", link_changelog),
	TL_COMPUTED("page", link_page),
	TL_CONST("feed", "feed.xml"),
	TL_CONST("csv", "table.csv"),
	TL_CONST("json", "table.json"),
	TL_CONST("md", "table.md"),
	TL_MADE_IF("site_changelog", link_site_changelog, in_site,
	    TL_VALUE_NULL),
	TL_MADE_IF("site_feed", link_site_feed, in_site, TL_VALUE_NULL),
	TL_MADE_IF("permissions", link_permissions, in_site, TL_VALUE_NULL),
};

static const struct tl_value_class links_class =
    TL_FIXED_CLASS_OF(links_members, links_self);

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

static const struct tl_value_member feed_members[] = {
	TL_MADE("id", feed_id_made),
	TL_MADE("link", feed_link_made),
	TL_MADE("updated", feed_updated_made),
};

static const struct tl_value_class feed_class = TL_FIXED_CLASS(feed_members);

/* -- the root: generator, page, tables, changelog, timeline, history (in
 * a site), links, feed -- */

static const struct tl_value_member generator_members[] = {
	TL_CONST("name", "tablog"),
	TL_CONST("version", TL_VERSION),
};

static const struct tl_value_class generator_class =
    TL_FIXED_CLASS(generator_members);

/* Changes per month (timeline.h); null for a page with no dated row. */
static void
root_timeline(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_timeline_value(&view_of(v)->timeline);
}

static const struct tl_value_member root_members[] = {
	TL_AS("generator", &generator_class),
	TL_AS("page", &page_class),
	TL_AS("tables", &tables_class),
	TL_AS("changelog", &changelog_class),
	TL_COMPUTED("timeline", root_timeline),
	TL_JSON_AT("history", struct tl_view, history),
	TL_AS("links", &links_class),
	TL_AS("feed", &feed_class),
};

static const struct tl_value_class root_class = TL_FIXED_CLASS(root_members);

/* ---- the view's object -------------------------------------------- */

struct tl_value
tl_view_value(const struct tl_view *v)
{
	return tl_value_make(TL_VALUE_OBJECT, &root_class, v, 0, 0);
}
