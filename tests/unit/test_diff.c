/*
 * test_diff.c - matching rows of two page versions: by key, through
 * aliases, rows sharing a key, reordering, columns added and removed,
 * changes without a date update, and the summary line; the change objects
 * (docs/design.md "Changes") those make, written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "base/buf.h"
#include "diff/diff.h"
#include "diff/diff_context.h"
#include "model/key.h"
#include "model/table.h"

/* Header keys; those named like a canonical field are that field. */
static struct tl_page *
page(const char *const *keys, size_t n)
{
	struct tl_page *p = tl_page_new("t.md");
	struct tl_table *t = tl_page_add_table(p, 1);
	size_t i;
	int f;

	tl_table_set_header(p, t, keys, n);
	t->date_column = -1;
	t->label_column = -1;
	for (i = 0; i < n; i++) {
		t->columns[i].key = keys[i];
		t->columns[i].field = TL_EXTRA;
		for (f = 0; f < TL_NFIELDS; f++)
			if (strcmp(tl_field_name(f), keys[i]) == 0)
				t->columns[i].field = f;
		if (t->columns[i].field == TL_LAST_UPDATE)
			t->date_column = (int)i;
		if (t->columns[i].field == TL_PERMISSION)
			t->label_column = (int)i;
	}
	return p;
}

/* A row; a date cell holds "YYYY-MM", as normalise.c would store it. */
static void
row(struct tl_page *p, unsigned line, const char *const *cells)
{
	struct tl_table *t = &p->tables[0];
	struct tl_row *r = tl_table_add_row(p, t, line, cells, t->ncolumns);
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		if (t->columns[i].field < 0 || *r->cells[i] == '\0')
			continue;
		r->f[t->columns[i].field] = r->cells[i];
		if (t->columns[i].field == TL_LAST_UPDATE) {
			r->f[TL_LAST_UPDATE_TEXT] = r->cells[i];
			sscanf(r->cells[i], "%d-%d", &r->date.year,
			    &r->date.month);
		}
	}
}

static const char *const cols5[] = { "api", "permission", "type", "purpose",
    "last_update" };

static void
run(struct tl_diff *df, struct tl_page *a, struct tl_page *b,
    const struct tl_aliases *al)
{
	struct tl_diff_opts o = { NULL, al, 0 };

	tl_diff_pages(df, a, b, &o);
}

/* Change i of a kind. */
static const struct tl_change *
nth(const struct tl_diff *df, enum tl_change_kind kind, size_t i)
{
	assert_true(i < df->count[kind]);
	return &df->v[df->first[kind] + i];
}

static void
key_text_is(const struct tl_change *c, const char *want)
{
	struct buf b = {0};

	tl_change_key_text(&b, c);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
summary_is(const struct tl_diff *df, const char *want)
{
	struct buf b = {0};

	tl_diff_summary(&b, df);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
same_page_no_change(void **s)
{
	struct tl_page *a = page(cols5, 5);
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "Microsoft Graph", "User.Read",
	    "Delegated", "Sign in", "2023-12" });
	run(&df, a, a, NULL);
	assert_int_equal(tl_diff_any(&df), 0);
	summary_is(&df, "0 added, 0 removed, 0 changed");
	tl_diff_free(&df);
	tl_page_free(a);
}

static void
reorder_is_no_change(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "Microsoft Graph", "A", "Application",
	    "x", "" });
	row(a, 4, (const char *[]){ "Microsoft Graph", "B", "Application",
	    "y", "" });
	row(b, 3, (const char *[]){ "Microsoft Graph", "B", "Application",
	    "y", "" });
	row(b, 4, (const char *[]){ "Microsoft Graph", "A", "Application",
	    "x", "" });
	run(&df, a, b, NULL);
	assert_int_equal(tl_diff_any(&df), 0);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

static void
added_removed_changed(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "Microsoft Graph", "Gone", "Application",
	    "x", "" });
	row(a, 4, (const char *[]){ "Microsoft Graph", "Kept", "Application",
	    "old purpose", "2024-01" });
	row(b, 3, (const char *[]){ "Microsoft Graph", "Kept", "Application",
	    "new purpose", "2024-02" });
	row(b, 4, (const char *[]){ "Microsoft Graph", "New", "Delegated",
	    "z", "" });
	run(&df, a, b, NULL);
	summary_is(&df, "1 added, 1 removed, 1 changed");
	key_text_is(nth(&df, TL_CHANGE_ADDED, 0),
	    "Microsoft Graph | New | Delegated");
	key_text_is(nth(&df, TL_CHANGE_REMOVED, 0),
	    "Microsoft Graph | Gone | Application");
	assert_int_equal(nth(&df, TL_CHANGE_CHANGED, 0)->before->line, 4);
	assert_int_equal(nth(&df, TL_CHANGE_CHANGED, 0)->after->line, 3);
	assert_int_equal(nth(&df, TL_CHANGE_CHANGED, 0)->nfields, 2);
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].name,
	    "purpose");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].before,
	    "old purpose");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].after,
	    "new purpose");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[1].name,
	    "last_update");
	assert_int_equal(
	    nth(&df, TL_CHANGE_CHANGED, 0)->changed_without_date_update, 0);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

static void
change_without_date_update(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "Microsoft Graph", "P", "Application",
	    "old", "2024-01" });
	row(b, 3, (const char *[]){ "Microsoft Graph", "P", "Application",
	    "new", "2024-01" });
	run(&df, a, b, NULL);
	assert_int_equal(df.count[TL_CHANGE_CHANGED], 1);
	assert_int_equal(nth(&df, TL_CHANGE_CHANGED, 0)->nfields, 1);
	assert_int_equal(
	    nth(&df, TL_CHANGE_CHANGED, 0)->changed_without_date_update, 1);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

static void
aliases_and_case_match(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_aliases *al = tl_aliases_new();
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "MSFT Graph", "User.Read", "Delegated",
	    "x", "" });
	row(b, 3, (const char *[]){ "Microsoft Graph", "user.read",
	    "delegated ", "x", "" });
	run(&df, a, b, al);
	summary_is(&df, "0 added, 0 removed, 1 changed");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].name,
	    "api");
	tl_diff_free(&df);
	/* Without aliases, MSFT Graph is another API. */
	run(&df, a, b, NULL);
	summary_is(&df, "1 added, 1 removed, 0 changed");
	tl_diff_free(&df);
	tl_aliases_free(al);
	tl_page_free(a);
	tl_page_free(b);
}

static void
shared_key_in_page_order(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_diff df;

	(void)s;
	/* One permission listed for two purposes; NEW drops the first and
	 * rewords nothing: the second pairs with its equal, not in order. */
	row(a, 3, (const char *[]){ "G", "P", "Application", "first", "" });
	row(a, 4, (const char *[]){ "G", "P", "Application", "second", "" });
	row(b, 3, (const char *[]){ "G", "P", "Application", "second", "" });
	run(&df, a, b, NULL);
	summary_is(&df, "0 added, 1 removed, 0 changed");
	assert_int_equal(nth(&df, TL_CHANGE_REMOVED, 0)->before->line, 3);
	tl_diff_free(&df);
	tl_page_free(b);
	/* Both reworded: paired in page order. */
	b = page(cols5, 5);
	row(b, 3, (const char *[]){ "G", "P", "Application", "FIRST", "" });
	row(b, 4, (const char *[]){ "G", "P", "Application", "SECOND", "" });
	run(&df, a, b, NULL);
	summary_is(&df, "0 added, 0 removed, 2 changed");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].before,
	    "first");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 1)->fields[0].before,
	    "second");
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

static void
columns_added_and_removed(void **s)
{
	static const char *const newcols[] = { "api", "permission", "type",
	    "purpose", "owner" };
	struct tl_page *a = page(cols5, 5), *b = page(newcols, 5);
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "G", "P", "Application", "x", "2024-01" });
	row(b, 3, (const char *[]){ "G", "P", "Application", "x", "IT" });
	run(&df, a, b, NULL);
	/* The dropped date is reported once, as a column, not per row. */
	summary_is(&df, "0 added, 0 removed, 0 changed, 1 column added, "
	    "1 column removed");
	assert_string_equal(
	    nth(&df, TL_CHANGE_COLUMN_ADDED, 0)->after_column->key, "owner");
	assert_string_equal(
	    nth(&df, TL_CHANGE_COLUMN_REMOVED, 0)->before_column->key,
	    "last_update");
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

/* An extra column renamed, its cells mostly kept: one renamed_column,
 * and the cells that changed under it are a changed row's field.  A
 * column whose cells are mostly new is removed and added instead; so is
 * a header reworded under the same key, a rename too. */
static void
columns_renamed(void **s)
{
	static const char *const oldcols[] = { "permission", "role_id",
	    "owner" };
	static const char *const newcols[] = { "permission", "scope_id",
	    "team" };
	struct tl_page *a = page(oldcols, 3), *b = page(newcols, 3);
	const struct tl_change *c;
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "P1", "1", "ann" });
	row(a, 4, (const char *[]){ "P2", "2", "bob" });
	row(a, 5, (const char *[]){ "P3", "3", "cy" });
	row(b, 3, (const char *[]){ "P1", "1", "red" });
	row(b, 4, (const char *[]){ "P2", "9", "blue" });
	row(b, 5, (const char *[]){ "P3", "3", "cy" });
	b->tables[0].columns[0].header = "Permissions";
	run(&df, a, b, NULL);
	summary_is(&df, "0 added, 0 removed, 1 changed, 1 column added, "
	    "1 column removed, 2 columns renamed");
	c = nth(&df, TL_CHANGE_RENAMED_COLUMN, 0);
	assert_string_equal(c->before_column->header, "permission");
	assert_string_equal(c->after_column->header, "Permissions");
	c = nth(&df, TL_CHANGE_RENAMED_COLUMN, 1);
	assert_string_equal(c->before_column->key, "role_id");
	assert_string_equal(c->after_column->key, "scope_id");
	/* owner and team share one cell of three: not a rename. */
	assert_string_equal(
	    nth(&df, TL_CHANGE_COLUMN_ADDED, 0)->after_column->key, "team");
	assert_string_equal(
	    nth(&df, TL_CHANGE_COLUMN_REMOVED, 0)->before_column->key, "owner");
	c = nth(&df, TL_CHANGE_CHANGED, 0);
	assert_int_equal(c->after->line, 4);
	assert_int_equal(c->nfields, 1);
	assert_string_equal(c->fields[0].name, "scope_id");
	assert_string_equal(c->fields[0].before, "2");
	assert_string_equal(c->fields[0].after, "9");
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

static void
key_option(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_keyspec k;
	struct tl_diff_opts o = { &k, NULL, 0 };
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "G", "P", "Application", "x", "" });
	row(b, 3, (const char *[]){ "G", "P", "Delegated", "x", "" });
	assert_int_equal(tl_keyspec_parse(&k, "api,permission", NULL), 0);
	tl_diff_pages(&df, a, b, &o);
	summary_is(&df, "0 added, 0 removed, 1 changed");
	assert_string_equal(nth(&df, TL_CHANGE_CHANGED, 0)->fields[0].name,
	    "type");
	tl_diff_free(&df);
	tl_keyspec_free(&k);
	tl_page_free(a);
	tl_page_free(b);
}

static void
formats_by_name(void **s)
{
	(void)s;
	assert_int_equal(tl_diff_format("md"), TL_DIFF_MD);
	assert_int_equal(tl_diff_format("json"), TL_DIFF_JSON);
	assert_int_equal(tl_diff_format("csv"), TL_DIFF_CSV);
	assert_int_equal(tl_diff_format("html"), TL_DIFF_HTML);
	assert_int_equal(tl_diff_format("xml"), -1);
}

static void
html_is_escaped(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct tl_diff df;
	struct tl_diags d = {0};

	(void)s;
	row(b, 3, (const char *[]){ "G", "<script>", "Application", "x", "" });
	run(&df, a, b, NULL);
	assert_int_equal(tl_diff_write(&df, TL_DIFF_HTML, NULL, fp, &d), 0);
	assert_int_equal(d.n, 0);
	fclose(fp);
	assert_null(strstr(text, "<script>"));
	assert_non_null(strstr(text, "<code>&lt;script&gt;</code>"));
	free(text);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

/* A change's object as compact JSON, without its `row` (a page's row
 * object, tested in test_context.c); *row_label gets the row's label. */
static char *
change_json(const struct tl_change *c, char **row_label)
{
	struct tl_value v = tl_change_value(c);
	json_t *j = tl_value_to_json(&v), *row = json_object_get(j, "row");
	char *text;

	*row_label = NULL;
	if (row != NULL) {
		*row_label = strdup(json_string_value(json_object_get(row,
		    "label")));
		assert_int_equal(json_integer_value(json_object_get(row,
		    "line")), c->after ? c->after->line : c->before->line);
		json_object_del(j, "row");
	}
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return text;
}

static void
change_is(const struct tl_change *c, const char *want, const char *label)
{
	char *row_label, *got = change_json(c, &row_label);

	assert_string_equal(got, want);
	if (label != NULL)
		assert_string_equal(row_label, label);
	else
		assert_null(row_label);
	free(got);
	free(row_label);
}

static void
change_objects(void **s)
{
	static const char *const newcols[] = { "api", "permission", "type",
	    "purpose", "last_update", "owner" };
	struct tl_page *a = page(cols5, 5), *b = page(newcols, 6);
	struct tl_value shown, row_v;
	struct tl_diff df;

	(void)s;
	row(a, 3, (const char *[]){ "G", "Gone", "Application", "x",
	    "2024-01" });
	row(a, 4, (const char *[]){ "G", "Kept", "Application", "old",
	    "2024-01" });
	row(b, 5, (const char *[]){ "G", "Kept", "Application", "new",
	    "2024-01", "IT" });
	row(b, 6, (const char *[]){ "G", "New", "Delegated", "", "", "" });
	run(&df, a, b, NULL);
	tl_diff_set_origin(&df, "pages/p.md", "2026-11-26", "abc123");
	/* Listed by kind: columns, then rows added, removed, changed. */
	assert_int_equal(df.n, 4);
	assert_int_equal(df.v[0].kind, TL_CHANGE_COLUMN_ADDED);
	assert_int_equal(df.v[1].kind, TL_CHANGE_ADDED);
	assert_int_equal(df.v[2].kind, TL_CHANGE_REMOVED);
	assert_int_equal(df.v[3].kind, TL_CHANGE_CHANGED);
	change_is(&df.v[0], "{\"kind\":\"column_added\","
	    "\"date\":\"2026-11-26\",\"commit\":\"abc123\","
	    "\"page\":\"pages/p.md\",\"table\":{\"index\":0,\"section\":null},"
	    "\"column\":{\"field\":\"owner\",\"header\":\"owner\"},"
	    "\"changed_without_date_update\":false}", NULL);
	change_is(&df.v[1], "{\"kind\":\"added\","
	    "\"date\":\"2026-11-26\",\"commit\":\"abc123\","
	    "\"page\":\"pages/p.md\",\"table\":{\"index\":0,\"section\":null},"
	    "\"key\":{\"api\":\"G\",\"permission\":\"New\","
	    "\"type\":\"Delegated\"},\"lines\":{\"before\":null,\"after\":6},"
	    "\"changed_without_date_update\":false}", "New");
	change_is(&df.v[2], "{\"kind\":\"removed\","
	    "\"date\":\"2026-11-26\",\"commit\":\"abc123\","
	    "\"page\":\"pages/p.md\",\"table\":{\"index\":0,\"section\":null},"
	    "\"key\":{\"api\":\"G\",\"permission\":\"Gone\","
	    "\"type\":\"Application\"},\"lines\":{\"before\":3,\"after\":null},"
	    "\"changed_without_date_update\":false}", "Gone");
	change_is(&df.v[3], "{\"kind\":\"changed\","
	    "\"date\":\"2026-11-26\",\"commit\":\"abc123\","
	    "\"page\":\"pages/p.md\",\"table\":{\"index\":0,\"section\":null},"
	    "\"key\":{\"api\":\"G\",\"permission\":\"Kept\","
	    "\"type\":\"Application\"},\"lines\":{\"before\":4,\"after\":5},"
	    "\"before\":{\"purpose\":\"old\"},\"after\":{\"purpose\":\"new\"},"
	    "\"changed_without_date_update\":true}", NULL);
	/* Templates see a changed row's new version as its row. */
	shown = tl_change_shown(&df.v[3]);
	row_v = tl_value_get(&shown, "row");
	assert_int_equal(row_v.kind, TL_VALUE_OBJECT);
	row_v = tl_value_get(&row_v, "line");
	assert_int_equal(row_v.i, 5);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

/* A table with none of the key's fields is keyed by its label column,
 * and the key object says so: {"label": the row's label}. */
static void
key_by_label(void **s)
{
	static const char *const cols[] = { "setting", "value" };
	struct tl_page *a = page(cols, 2), *b = page(cols, 2);
	struct tl_diff df;
	char *label;
	char *got;

	(void)s;
	a->tables[0].label_column = b->tables[0].label_column = 0;
	row(a, 3, (const char *[]){ "Retention", "30 days" });
	row(b, 3, (const char *[]){ "Retention", "90 days" });
	run(&df, a, b, NULL);
	assert_int_equal(df.count[TL_CHANGE_CHANGED], 1);
	got = change_json(&df.v[0], &label);
	assert_non_null(strstr(got, "\"key\":{\"label\":\"Retention\"}"));
	assert_non_null(strstr(got, "\"before\":{\"value\":\"30 days\"},"
	    "\"after\":{\"value\":\"90 days\"}"));
	free(got);
	free(label);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

/* The document -f json prints: names, summary, counts, changes. */
static void
diff_document(void **s)
{
	struct tl_page *a = page(cols5, 5), *b = page(cols5, 5);
	struct tl_value v;
	struct tl_diff df;
	json_t *j;
	char *got;

	(void)s;
	row(b, 3, (const char *[]){ "G", "New", "Delegated", "", "" });
	run(&df, a, b, NULL);
	v = tl_diff_value(&df);
	j = tl_value_to_json(&v);
	json_object_del(j, "changes");
	got = json_dumps(j, JSON_COMPACT);
	assert_string_equal(got, "{\"old\":\"t.md\",\"new\":\"t.md\","
	    "\"summary\":\"1 added, 0 removed, 0 changed\","
	    "\"counts\":{\"added\":1,\"removed\":0,\"changed\":0,"
	    "\"column_added\":0,\"column_removed\":0,\"renamed_column\":0}}");
	free(got);
	json_decref(j);
	tl_diff_free(&df);
	tl_page_free(a);
	tl_page_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_page_no_change),
		cmocka_unit_test(reorder_is_no_change),
		cmocka_unit_test(added_removed_changed),
		cmocka_unit_test(change_without_date_update),
		cmocka_unit_test(aliases_and_case_match),
		cmocka_unit_test(shared_key_in_page_order),
		cmocka_unit_test(columns_added_and_removed),
		cmocka_unit_test(columns_renamed),
		cmocka_unit_test(key_option),
		cmocka_unit_test(formats_by_name),
		cmocka_unit_test(html_is_escaped),
		cmocka_unit_test(change_objects),
		cmocka_unit_test(key_by_label),
		cmocka_unit_test(diff_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
