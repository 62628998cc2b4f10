/*
 * diff_context.c - changes and diffs as values (see diff_context.h).
 *
 * Each object is a table of members (value.h), one line a member, in the
 * order `-f json` writes them, as in write/context.c.  Members that only
 * some kinds of change have are left missing for the others, so a column
 * change has no `row` and a row change no `column`.  `p` is the change
 * (or the diff, or a field) a value shows; nothing is copied.
 */
#include "diff/diff_context.h"

#include <string.h>

#include "base/buf.h"
#include "model/changelog.h"
#include "write/context.h"

/* A member read through another class, present only when `whenfn` holds. */
#define AS_IF(k, c, whenfn)	{ .key = (k), .kind = TL_MEMBER_AS,	\
	.cls = (c), .when = (whenfn), .absent = TL_VALUE_MISSING }

static const struct tl_change *
change_of(const struct tl_value *v)
{
	return v->p;
}

static int
row_kind(const struct tl_change *c)
{
	return c->kind == TL_CHANGE_ADDED || c->kind == TL_CHANGE_REMOVED ||
	    c->kind == TL_CHANGE_CHANGED;
}

static int
column_kind(const struct tl_change *c)
{
	return c->kind == TL_CHANGE_COLUMN_ADDED ||
	    c->kind == TL_CHANGE_COLUMN_REMOVED ||
	    c->kind == TL_CHANGE_RENAMED_COLUMN;
}

static int
page_kind(const struct tl_change *c)
{
	return c->kind == TL_CHANGE_PAGE_ADDED ||
	    c->kind == TL_CHANGE_PAGE_REMOVED;
}

static int
is_row_change(const struct tl_value *v)
{
	return row_kind(change_of(v));
}

static int
in_table(const struct tl_value *v)
{
	return row_kind(change_of(v)) || column_kind(change_of(v)) ||
	    change_of(v)->kind == TL_CHANGE_CUT;
}

static int
is_cut(const struct tl_value *v)
{
	return change_of(v)->kind == TL_CHANGE_CUT;
}

static struct tl_value
str_or_null(const char *s)
{
	return s != NULL ? tl_value_str(s) : tl_value_null();
}

/* -- table: {index, section}; p: the change -- */

/* The nearest heading above the table: NEW's, else OLD's. */
static void
table_section(const struct tl_value *v, struct tl_value *out)
{
	*out = str_or_null(tl_change_section(change_of(v)));
}

static const struct tl_value_member table_members[] = {
	TL_SIZE_AT("index", struct tl_change, table),
	TL_COMPUTED("section", table_section),
};

static const struct tl_value_class table_class = TL_FIXED_CLASS(table_members);

/* -- key: {FIELD: the row's value}, by the key's fields; p: the change -- */

/* Field i of the key, unless an earlier one has its name (--key api,api):
 * JSON objects have each name once. */
static int
key_name_first(const struct tl_keycols *kc, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (strcmp(kc->names[k], kc->names[i]) == 0)
			return 0;
	return 1;
}

static int
key_get(const struct tl_value *v, const char *name, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	size_t i;

	for (i = 0; i < c->key->n; i++)
		if (strcmp(c->key->names[i], name) == 0) {
			*out = str_or_null(tl_change_key_value(c, i));
			return 0;
		}
	return -1;
}

static int
key_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	const struct tl_change *c = change_of(v);
	struct tl_value m;
	size_t i;
	int rc;

	for (i = 0; i < c->key->n; i++) {
		if (!key_name_first(c->key, i))
			continue;
		m = str_or_null(tl_change_key_value(c, i));
		if ((rc = fn(ctx, c->key->names[i], &m)) != 0)
			return rc;
	}
	return 0;
}

static const struct tl_value_class key_class = {
	.get = key_get,
	.members = key_members,
};

/* -- lines: {before, after}, the row's line in each; p: the change -- */

static struct tl_value
line_of(const struct tl_row *r)
{
	return r != NULL ? tl_value_int(r->line) : tl_value_null();
}

static void
lines_before(const struct tl_value *v, struct tl_value *out)
{
	*out = line_of(change_of(v)->before);
}

static void
lines_after(const struct tl_value *v, struct tl_value *out)
{
	*out = line_of(change_of(v)->after);
}

static const struct tl_value_member lines_members[] = {
	TL_COMPUTED("before", lines_before),
	TL_COMPUTED("after", lines_after),
};

static const struct tl_value_class lines_class = TL_FIXED_CLASS(lines_members);

/* -- cut: {before, after}, the line each version's table ends at, null
 * for a whole one; p: the change -- */

static struct tl_value
cut_line(const struct tl_table *t)
{
	return t != NULL && t->cut > 0 ? tl_value_int(t->cut) :
	    tl_value_null();
}

static void
cut_before(const struct tl_value *v, struct tl_value *out)
{
	*out = cut_line(change_of(v)->before_table);
}

static void
cut_after(const struct tl_value *v, struct tl_value *out)
{
	*out = cut_line(change_of(v)->after_table);
}

static const struct tl_value_member cut_members[] = {
	TL_COMPUTED("before", cut_before),
	TL_COMPUTED("after", cut_after),
};

static const struct tl_value_class cut_class = TL_FIXED_CLASS(cut_members);

/* -- a column: {field, header}, as a page's columns say it; p: it -- */

static const struct tl_value_member column_members[] = {
	TL_STRING_AT("field", struct tl_column, key),
	TL_STRING_AT("header", struct tl_column, header),
};

static const struct tl_value_class column_class =
    TL_FIXED_CLASS(column_members);

static struct tl_value
column_value(const struct tl_column *col)
{
	return tl_value_make(TL_VALUE_OBJECT, &column_class, col, 0, 0);
}

/* -- before, after of a changed row: {FIELD: value} for each field that
 * differs; p: the change, a: 0 before, 1 after -- */

static const char *
side_of(const struct tl_change_field *f, size_t side)
{
	return side ? f->after : f->before;
}

static int
field_name_first(const struct tl_change *c, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (strcmp(c->fields[k].name, c->fields[i].name) == 0)
			return 0;
	return 1;
}

static int
side_get(const struct tl_value *v, const char *name, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	size_t i;

	for (i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i].name, name) == 0) {
			*out = str_or_null(side_of(&c->fields[i], v->a));
			return 0;
		}
	return -1;
}

static int
side_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	const struct tl_change *c = change_of(v);
	struct tl_value m;
	size_t i;
	int rc;

	for (i = 0; i < c->nfields; i++) {
		if (!field_name_first(c, i))
			continue;
		m = str_or_null(side_of(&c->fields[i], v->a));
		if ((rc = fn(ctx, c->fields[i].name, &m)) != 0)
			return rc;
	}
	return 0;
}

static const struct tl_value_class side_class = {
	.get = side_get,
	.members = side_members,
};

/* -- the change -- */

static void
change_kind(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(tl_change_kind_name(change_of(v)->kind));
}

/* A page kind's page: the version there is. */
static const struct tl_page *
page_of(const struct tl_change *c)
{
	return c->after_page != NULL ? c->after_page : c->before_page;
}

static void
change_title(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);

	if (page_kind(c) && page_of(c) != NULL)
		*out = str_or_null(page_of(c)->title != NULL ?
		    page_of(c)->title : page_of(c)->slug);
}

static void
change_slug(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);

	if (page_kind(c) && page_of(c) != NULL)
		*out = str_or_null(page_of(c)->slug);
}

/* A page kind's rows: every table's, of the version there is. */
static void
change_rows(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	const struct tl_page *p = page_of(c);
	size_t t, n = 0;

	if (!page_kind(c) || p == NULL)
		return;
	for (t = 0; t < p->ntables; t++)
		n += p->tables[t].nrows;
	*out = tl_value_int((json_int_t)n);
}

/* Only a change whose time is known has one (a history's). */
static int
has_time(const struct tl_value *v)
{
	return change_of(v)->time != NULL;
}

static void
change_key(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);

	if (row_kind(c) && c->key != NULL)
		*out = tl_value_make(TL_VALUE_OBJECT, &key_class, c, 0, 0);
}

static void
change_column(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);

	if (c->kind == TL_CHANGE_COLUMN_ADDED && c->after_column != NULL)
		*out = column_value(c->after_column);
	else if (c->kind == TL_CHANGE_COLUMN_REMOVED &&
	    c->before_column != NULL)
		*out = column_value(c->before_column);
}

/* The row added or removed (a changed row's own fields are in before and
 * after: a history of many changes need not repeat whole rows). */
static void
change_row(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	const struct tl_table *t;
	const struct tl_row *r;

	if ((c->kind == TL_CHANGE_ADDED || c->kind == TL_CHANGE_REMOVED) &&
	    (r = tl_change_row(c, &t)) != NULL)
		*out = tl_row_value(t, r);
}

/* Changed: the fields that differ; renamed_column: the column. */
static void
change_side(const struct tl_value *v, size_t side, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	const struct tl_column *col = side ? c->after_column :
	    c->before_column;

	if (c->kind == TL_CHANGE_CHANGED)
		*out = tl_value_make(TL_VALUE_OBJECT, &side_class, c, side, 0);
	else if (c->kind == TL_CHANGE_RENAMED_COLUMN && col != NULL)
		*out = column_value(col);
}

static void
change_before(const struct tl_value *v, struct tl_value *out)
{
	change_side(v, 0, out);
}

static void
change_after(const struct tl_value *v, struct tl_value *out)
{
	change_side(v, 1, out);
}

static void
change_no_date(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(change_of(v)->changed_without_date_update);
}

static const struct tl_value_member change_members[] = {
	TL_COMPUTED("kind", change_kind),
	TL_STRING_AT("date", struct tl_change, date),
	{ .key = "time", .kind = TL_MEMBER_STRING, .off = TL_OFFSET_OF(
	    const char *, struct tl_change, time), .when = has_time,
	    .absent = TL_VALUE_MISSING },
	TL_STRING_AT("commit", struct tl_change, commit),
	TL_REPAIRED_AT("page", struct tl_change, page),
	TL_COMPUTED("title", change_title),
	TL_COMPUTED("slug", change_slug),
	TL_COMPUTED("rows", change_rows),
	AS_IF("table", &table_class, in_table),
	TL_COMPUTED("key", change_key),
	AS_IF("lines", &lines_class, is_row_change),
	TL_COMPUTED("column", change_column),
	AS_IF("cut", &cut_class, is_cut),
	{ .key = "unknown", .kind = TL_MEMBER_SIZE, .off = TL_OFFSET_OF(
	    size_t, struct tl_change, unknown), .when = is_cut,
	    .absent = TL_VALUE_MISSING },
	TL_COMPUTED("row", change_row),
	TL_COMPUTED("before", change_before),
	TL_COMPUTED("after", change_after),
	TL_COMPUTED("changed_without_date_update", change_no_date),
};

static const struct tl_value_class change_class = TL_FIXED_CLASS(change_members);

struct tl_value
tl_change_value(const struct tl_change *c)
{
	return tl_value_make(TL_VALUE_OBJECT, &change_class, c, 0, 0);
}

/* -- a change shown: the change, then label, type_api, table_number,
 * fields, and a changed row's row -- */

static void
shown_change(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_change_value(change_of(v));
}

static void
shown_label(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	const struct tl_table *t;
	const struct tl_row *r;

	if (row_kind(c) && (r = tl_change_row(c, &t)) != NULL)
		*out = tl_value_str(tl_row_label(t, r));
}

/* The row's type, then its API, each where it has one that is not its
 * label (a table whose first column is the type names rows by it). */
static size_t
type_api_parts(const struct tl_change *c, const char *parts[2])
{
	const struct tl_table *t;
	const struct tl_row *r;
	const char *label, *v[2];
	size_t i, n = 0;

	if (!row_kind(c) || (r = tl_change_row(c, &t)) == NULL)
		return 0;
	label = tl_row_label(t, r);
	v[0] = r->f[TL_TYPE];
	v[1] = r->f[TL_API];
	for (i = 0; i < 2; i++)
		if (v[i] != NULL && strcmp(v[i], label) != 0)
			parts[n++] = v[i];
	return n;
}

static int
has_type_api(const struct tl_value *v)
{
	const char *parts[2];

	return type_api_parts(change_of(v), parts) > 0;
}

static void
type_api_made(const struct tl_value *v, struct buf *out)
{
	const char *parts[2];
	size_t i, n = type_api_parts(change_of(v), parts);

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(out, ", ");
		buf_puts(out, parts[i]);
	}
}

const char *
tl_change_section_shown(const char *section, const char *page_title)
{
	if (section == NULL || (page_title != NULL &&
	    strcmp(section, page_title) == 0))
		return NULL;
	return section;
}

/* A change in a table only; null there rather than missing, so that no
 * enclosing `section` shows through. */
static void
shown_section(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);
	const struct tl_page *p = page_of(c);

	if (in_table(v))
		*out = str_or_null(tl_change_section_shown(
		    tl_change_section(c), p != NULL ? p->title : NULL));
}

static void
shown_table_number(const struct tl_value *v, struct tl_value *out)
{
	if (in_table(v))
		*out = tl_value_int((json_int_t)change_of(v)->table + 1);
}

/* fields: [{name, before, after}]; p: the change (a field: p itself) */

static const struct tl_value_member field_members[] = {
	TL_STRING_AT("name", struct tl_change_field, name),
	TL_STRING_AT("before", struct tl_change_field, before),
	TL_STRING_AT("after", struct tl_change_field, after),
};

static const struct tl_value_class field_class = TL_FIXED_CLASS(field_members);

static size_t
fields_size(const struct tl_value *v)
{
	return change_of(v)->nfields;
}

static void
fields_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &field_class,
	    &change_of(v)->fields[i], 0, 0);
}

static const struct tl_value_class fields_class = {
	.size = fields_size,
	.at = fields_at,
};

static void
shown_fields(const struct tl_value *v, struct tl_value *out)
{
	if (change_of(v)->kind == TL_CHANGE_CHANGED)
		*out = tl_value_make(TL_VALUE_ARRAY, &fields_class, v->p, 0,
		    0);
}

/* A changed row's new version, which templates show as added rows'. */
static void
shown_row(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = change_of(v);

	if (c->kind == TL_CHANGE_CHANGED && c->after != NULL)
		*out = tl_row_value(c->after_table, c->after);
}

static const struct tl_value_member shown_members[] = {
	TL_SPREAD(shown_change),
	TL_COMPUTED("label", shown_label),
	TL_COMPUTED("section", shown_section),
	TL_MADE_IF("type_api", type_api_made, has_type_api,
	    TL_VALUE_MISSING),
	TL_COMPUTED("table_number", shown_table_number),
	TL_COMPUTED("fields", shown_fields),
	TL_COMPUTED("row", shown_row),
};

static const struct tl_value_class shown_class = TL_FIXED_CLASS(shown_members);

struct tl_value
tl_change_shown(const struct tl_change *c)
{
	return tl_value_make(TL_VALUE_OBJECT, &shown_class, c, 0, 0);
}

/* -- a list of changes by pointer: p the pointers, a their number -- */

static size_t
list_size(const struct tl_value *v)
{
	return v->a;
}

static void
list_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_change_shown(((const struct tl_change *const *)v->p)[i]);
}

static const struct tl_value_class list_class = {
	.size = list_size,
	.at = list_at,
};

struct tl_value
tl_change_list_shown(const struct tl_change *const *v, size_t n)
{
	return tl_value_make(TL_VALUE_ARRAY, &list_class, v, n, 0);
}

/* ---- the diff ------------------------------------------------------ */

static const struct tl_diff *
diff_of(const struct tl_value *v)
{
	return v->p;
}

static void
summary_made(const struct tl_value *v, struct buf *out)
{
	tl_diff_summary(out, diff_of(v));
}

/* counts: the kinds a diff makes, by name; p: the diff */

static const enum tl_change_kind counted[] = {
	TL_CHANGE_ADDED, TL_CHANGE_REMOVED, TL_CHANGE_CHANGED,
	TL_CHANGE_COLUMN_ADDED, TL_CHANGE_COLUMN_REMOVED,
	TL_CHANGE_RENAMED_COLUMN,
};

#define NCOUNTED (sizeof(counted) / sizeof(counted[0]))

static int
counts_get(const struct tl_value *v, const char *name, struct tl_value *out)
{
	size_t i;

	for (i = 0; i < NCOUNTED; i++)
		if (strcmp(tl_change_kind_name(counted[i]), name) == 0) {
			*out = tl_value_int(
			    (json_int_t)diff_of(v)->count[counted[i]]);
			return 0;
		}
	return -1;
}

static int
counts_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	struct tl_value m;
	size_t i;
	int rc;

	for (i = 0; i < NCOUNTED; i++) {
		m = tl_value_int((json_int_t)diff_of(v)->count[counted[i]]);
		if ((rc = fn(ctx, tl_change_kind_name(counted[i]), &m)) != 0)
			return rc;
	}
	return 0;
}

static const struct tl_value_class counts_class = {
	.get = counts_get,
	.members = counts_members,
};

/* changes: every change of the diff, as JSON prints them or shown; one
 * kind's changes: b the kind */

static size_t
changes_size(const struct tl_value *v)
{
	return diff_of(v)->n;
}

static void
changes_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_change_value(&diff_of(v)->v[i]);
}

static void
shown_changes_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_change_shown(&diff_of(v)->v[i]);
}

static const struct tl_value_class changes_class = {
	.size = changes_size,
	.at = changes_at,
};

static const struct tl_value_class shown_changes_class = {
	.size = changes_size,
	.at = shown_changes_at,
};

static size_t
kind_size(const struct tl_value *v)
{
	return diff_of(v)->count[v->b];
}

static void
kind_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_change_shown(&diff_of(v)->v[diff_of(v)->first[v->b] + i]);
}

static const struct tl_value_class kind_class = {
	.size = kind_size,
	.at = kind_at,
};

#define KIND_LIST(fn, kind)						\
static void								\
fn(const struct tl_value *v, struct tl_value *out)			\
{									\
	*out = tl_value_make(TL_VALUE_ARRAY, &kind_class, v->p, 0, (kind)); \
}
KIND_LIST(list_added, TL_CHANGE_ADDED)
KIND_LIST(list_removed, TL_CHANGE_REMOVED)
KIND_LIST(list_changed, TL_CHANGE_CHANGED)
KIND_LIST(list_column_added, TL_CHANGE_COLUMN_ADDED)
KIND_LIST(list_column_removed, TL_CHANGE_COLUMN_REMOVED)
KIND_LIST(list_renamed_column, TL_CHANGE_RENAMED_COLUMN)

/* How many columns changed: added, removed or renamed (a template's
 * "Columns" heading). */
static void
column_changes(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_diff *df = diff_of(v);

	*out = tl_value_int((json_int_t)(df->count[TL_CHANGE_COLUMN_ADDED] +
	    df->count[TL_CHANGE_COLUMN_REMOVED] +
	    df->count[TL_CHANGE_RENAMED_COLUMN]));
}

static void
several_tables(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(diff_of(v)->several_tables);
}

/* cut: {old, new, unknown}, only when a version was cut and that left
 * something to say (a change of kind cut); p: the diff */

static int
diff_was_cut(const struct tl_value *v)
{
	return diff_of(v)->count[TL_CHANGE_CUT] > 0;
}

static void
diff_cut_old(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(diff_of(v)->cut_before);
}

static void
diff_cut_new(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(diff_of(v)->cut_after);
}

static const struct tl_value_member diff_cut_members[] = {
	TL_COMPUTED("old", diff_cut_old),
	TL_COMPUTED("new", diff_cut_new),
	TL_SIZE_AT("unknown", struct tl_diff, unknown),
};

static const struct tl_value_class diff_cut_class =
    TL_FIXED_CLASS(diff_cut_members);

static const struct tl_value_member diff_members[] = {
	TL_REPAIRED_AT("old", struct tl_diff, before_name),
	TL_REPAIRED_AT("new", struct tl_diff, after_name),
	TL_MADE("summary", summary_made),
	TL_AS("counts", &counts_class),
	AS_IF("cut", &diff_cut_class, diff_was_cut),
	TL_AS("changes", &changes_class),
};

static const struct tl_value_class diff_class = TL_FIXED_CLASS(diff_members);

static const struct tl_value_member diff_shown_members[] = {
	TL_REPAIRED_AT("old", struct tl_diff, before_name),
	TL_REPAIRED_AT("new", struct tl_diff, after_name),
	TL_MADE("summary", summary_made),
	TL_AS("counts", &counts_class),
	AS_IF("cut", &diff_cut_class, diff_was_cut),
	TL_AS("changes", &shown_changes_class),
	TL_COMPUTED("several_tables", several_tables),
	TL_COMPUTED("added", list_added),
	TL_COMPUTED("removed", list_removed),
	TL_COMPUTED("changed", list_changed),
	TL_COMPUTED("column_added", list_column_added),
	TL_COMPUTED("column_removed", list_column_removed),
	TL_COMPUTED("renamed_column", list_renamed_column),
	TL_COMPUTED("column_changes", column_changes),
};

static const struct tl_value_class diff_shown_class =
    TL_FIXED_CLASS(diff_shown_members);

struct tl_value
tl_diff_value(const struct tl_diff *df)
{
	return tl_value_make(TL_VALUE_OBJECT, &diff_class, df, 0, 0);
}

struct tl_value
tl_diff_shown(const struct tl_diff *df)
{
	return tl_value_make(TL_VALUE_OBJECT, &diff_shown_class, df, 0, 0);
}
