/*
 * test_context.c - the page object (context.h) that `-f json` prints and
 * templates read: its members in order, look-ups through a view and
 * without one, and the members only some rows, cells and changelog groups
 * have.  Expected values are written by hand from the page built here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "model/table.h"
#include "normalise/normalise.h"
#include "template/value.h"
#include "write/context.h"
#include "write/write.h"

/*
 * One table: API | Permission | Last update | Notes, the second row
 * undated.  Line numbers are the rows' source lines.
 */
static struct tl_page *
make_page(void)
{
	static const char *const header[] = {
		"API", "Permission", "Last update", "Notes",
	};
	static const char *const cells[] = {
		"Graph", "User.Read.All", "March 2024", "first",
		"Graph", "Mail.Send", "", "second",
	};
	struct tl_page *page = tl_page_new("dir/page.md");
	struct tl_normaliser *n = tl_normaliser_new(NULL);
	struct tl_diags d = {0};
	struct tl_table *t;

	page->title = tl_strdup(page, "Page");
	t = tl_page_add_table(page, 1);
	tl_table_set_header(page, t, header, 4);
	tl_table_add_row(page, t, 3, cells, 4);
	tl_table_add_row(page, t, 4, cells + 4, 4);
	assert_int_equal(tl_normalise(n, page, &d), 0);
	tl_normaliser_free(n);
	tl_diags_free(&d);
	return page;
}

struct fixture {
	struct tl_page		*page;
	struct tl_write_opts	 opts;
	struct tl_view		 view;
	struct buf		 scratch;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	f->page = make_page();
	tl_view_init(&f->view, f->page, &f->opts);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tl_view_free(&f->view);
	tl_page_free(f->page);
	buf_free(&f->scratch);
	free(f);
	return 0;
}

static int
add_key(void *ctx, const char *key, const struct tl_value *v)
{
	struct buf *keys = ctx;

	(void)v;
	if (keys->len > 0)
		buf_putc(keys, ',');
	buf_puts(keys, key);
	return 0;
}

/* The names of v's members, in order, joined by commas. */
static void
expect_keys(const struct tl_value *v, const char *want)
{
	struct buf keys = {0};

	buf_puts(&keys, "");
	tl_value_members(v, add_key, &keys);
	assert_string_equal(buf_str(&keys), want);
	buf_free(&keys);
}

/* v's member `key` as text; NULL when it is not a string. */
static const char *
text_of(struct fixture *f, const struct tl_value *v, const char *key)
{
	struct tl_value m = tl_value_get(v, key);
	size_t len;

	return tl_value_text(&m, &f->scratch, &len);
}

static void
members_in_order(void **state)
{
	struct fixture *f = *state;
	struct tl_value root = tl_view_value(&f->view), v;

	expect_keys(&root,
	    "generator,page,tables,changelog,timeline,links,feed");
	v = tl_value_get(&root, "page");
	expect_keys(&v, "title,slug,source,url,lang,breadcrumb,intro,notes");
	v = tl_value_get(&root, "links");
	expect_keys(&v, "index,changelog,page,feed,csv,json,md,"
	    "site_changelog,site_feed,permissions");
	v = tl_value_get(&root, "tables");
	v = tl_value_at(&v, 0);
	expect_keys(&v, "line,section,headings,caption,notes,columns,rows");
	v = tl_value_get(&v, "columns");
	v = tl_value_at(&v, 3);
	expect_keys(&v, "field,header");
	v = tl_view_row(&f->view, 0, 0);
	expect_keys(&v, "line,api,permission,display_name,qualifier,type,"
	    "purpose,last_update,last_update_text,type_text,type_qualifier,"
	    "higher_privileged,supported,last_update_label,label,section,"
	    "anchor,notes,cells");
	v = tl_value_get(&v, "cells");
	v = tl_value_at(&v, 2);
	expect_keys(&v, "field,header,text,html,sort");
}

/* The row's canonical fields are named as tl_field_name() names them,
 * in the same order: a field added to the model must be added here.
 * (higher_privileged, the last, is a list in the row object.) */
static void
row_fields_are_the_models(void **state)
{
	struct fixture *f = *state;
	struct tl_value row = tl_view_row(&f->view, 0, 0);
	struct buf want = {0};
	int i;

	buf_puts(&want, "line");
	for (i = 0; i < TL_NFIELDS; i++)
		buf_printf(&want, ",%s", tl_field_name((enum tl_field)i));
	buf_puts(&want,
	    ",supported,last_update_label,label,section,anchor,notes,cells");
	expect_keys(&row, buf_str(&want));
	buf_free(&want);
}

/* A row of a history's current version has three members more, between
 * its date label and its label; other rows none of them. */
static void
history_members(void **state)
{
	struct fixture *f = *state;
	struct tl_row *r = &f->page->tables[0].rows[0];
	struct tl_value row;

	r->first_seen = "2024-01-03";
	r->last_changed = "2024-04-01";
	r->changed_without_date_update = 1;
	row = tl_view_row(&f->view, 0, 0);
	expect_keys(&row, "line,api,permission,display_name,qualifier,type,"
	    "purpose,last_update,last_update_text,type_text,type_qualifier,"
	    "higher_privileged,supported,last_update_label,"
	    "first_seen,last_changed,changed_without_date_update,label,"
	    "section,anchor,notes,cells");
	assert_string_equal(text_of(f, &row, "first_seen"), "2024-01-03");
	assert_string_equal(text_of(f, &row, "last_changed"), "2024-04-01");
	assert_int_equal(tl_value_get(&row, "changed_without_date_update").kind,
	    TL_VALUE_TRUE);
	r->changed_without_date_update = 0;
	assert_int_equal(tl_value_get(&row, "changed_without_date_update").kind,
	    TL_VALUE_FALSE);
	row = tl_view_row(&f->view, 0, 1);
	assert_int_equal(tl_value_get(&row, "first_seen").kind,
	    TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&row, "changed_without_date_update").kind,
	    TL_VALUE_MISSING);
	r->first_seen = r->last_changed = NULL;
}

static void
rows(void **state)
{
	struct fixture *f = *state;
	const struct tl_table *t = &f->page->tables[0];
	struct tl_value dated = tl_view_row(&f->view, 0, 0);
	struct tl_value undated = tl_view_row(&f->view, 0, 1);
	struct tl_value plain = tl_row_value(t, &t->rows[1]);

	assert_int_equal(tl_value_get(&dated, "line").i, 3);
	assert_string_equal(text_of(f, &dated, "permission"), "User.Read.All");
	assert_string_equal(text_of(f, &dated, "last_update"), "2024-03");
	assert_string_equal(text_of(f, &dated, "last_update_label"),
	    "March 2024");
	assert_string_equal(text_of(f, &dated, "label"), "User.Read.All");
	assert_string_equal(text_of(f, &dated, "notes"), "first");
	assert_int_equal(tl_value_get(&dated, "qualifier").kind,
	    TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&undated, "last_update_label").kind,
	    TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&undated, "nothing").kind,
	    TL_VALUE_MISSING);
	/* Extra columns: through the view's map and without a view. */
	assert_string_equal(text_of(f, &undated, "notes"), "second");
	assert_string_equal(text_of(f, &plain, "notes"), "second");
	assert_int_equal(tl_value_get(&plain, "nothing").kind,
	    TL_VALUE_MISSING);
	expect_keys(&plain, "line,api,permission,display_name,qualifier,type,"
	    "purpose,last_update,last_update_text,type_text,type_qualifier,"
	    "higher_privileged,supported,last_update_label,label,section,"
	    "notes,cells");
}

static void
cells(void **state)
{
	struct fixture *f = *state;
	struct tl_value row = tl_view_row(&f->view, 0, 0);
	struct tl_value cs = tl_value_get(&row, "cells");
	struct tl_value date = tl_value_at(&cs, 2);
	struct tl_value perm = tl_value_at(&cs, 1);

	assert_int_equal(tl_value_size(&cs), 4);
	assert_string_equal(text_of(f, &date, "field"), "last_update");
	assert_string_equal(text_of(f, &date, "header"), "Last update");
	assert_string_equal(text_of(f, &date, "text"), "March 2024");
	assert_string_equal(text_of(f, &date, "sort"), "2024-03");
	/* Only the dated cell sorts; templates fall through to the row. */
	expect_keys(&perm, "field,header,text,html");
	assert_int_equal(tl_value_get(&perm, "sort").kind, TL_VALUE_MISSING);
	assert_string_equal(text_of(f, &perm, "text"), "User.Read.All");
	row = tl_view_row(&f->view, 0, 1);
	cs = tl_value_get(&row, "cells");
	date = tl_value_at(&cs, 2);
	assert_string_equal(text_of(f, &date, "text"), "");
	assert_int_equal(tl_value_get(&date, "sort").kind, TL_VALUE_MISSING);
}

static void
changelog_groups(void **state)
{
	struct fixture *f = *state;
	struct tl_value root = tl_view_value(&f->view);
	struct tl_value cl = tl_value_get(&root, "changelog");
	struct tl_value g, e;

	assert_int_equal(tl_value_size(&cl), 2);
	g = tl_value_at(&cl, 0);
	expect_keys(&g, "month,label,count,changes,updated,id,entries");
	assert_string_equal(text_of(f, &g, "month"), "2024-03");
	assert_string_equal(text_of(f, &g, "label"), "March 2024");
	assert_int_equal(tl_value_get(&g, "count").i, 1);
	assert_string_equal(text_of(f, &g, "changes"), "1 change");
	assert_string_equal(text_of(f, &g, "updated"),
	    "2024-03-01T00:00:00Z");
	assert_string_equal(text_of(f, &g, "id"),
	    "tag:tablog.invalid,2024:page/2024-03");
	e = tl_value_get(&g, "entries");
	e = tl_value_at(&e, 0);
	assert_string_equal(text_of(f, &e, "notes"), "first");
	/* Undated: no month, date or id, but all the same members. */
	g = tl_value_at(&cl, 1);
	expect_keys(&g, "month,label,count,changes,updated,id,entries");
	assert_int_equal(tl_value_get(&g, "month").kind, TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&g, "updated").kind, TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&g, "id").kind, TL_VALUE_NULL);
	assert_string_equal(text_of(f, &g, "label"), "Undated");
}

/* The members of the vendors' shapes; a date cell as the page wrote it. */
static void
shape_members(void **state)
{
	static const char *const higher[] = { "User.ReadWrite.All",
	    "Directory.Read.All" };
	struct fixture *f = *state;
	struct tl_row *r0 = &f->page->tables[0].rows[0];
	struct tl_row *r1 = &f->page->tables[0].rows[1];
	struct tl_value row, list, cs, date;

	r0->f[TL_TYPE_QUALIFIER] = "work or school account";
	r0->f[TL_TYPE_TEXT] = "Delegiert";
	tl_row_set_higher(f->page, r0, higher, 2);
	r0->cells[2] = "Mar 2024";
	tl_row_set_higher(f->page, r1, NULL, 0);
	r1->unsupported = 1;

	row = tl_view_row(&f->view, 0, 0);
	assert_string_equal(text_of(f, &row, "type_qualifier"),
	    "work or school account");
	assert_string_equal(text_of(f, &row, "type_text"), "Delegiert");
	list = tl_value_get(&row, "higher_privileged");
	assert_int_equal(list.kind, TL_VALUE_ARRAY);
	assert_int_equal(tl_value_size(&list), 2);
	list = tl_value_at(&list, 1);
	assert_string_equal(tl_value_text(&list, &f->scratch, &(size_t){0}),
	    "Directory.Read.All");
	assert_int_equal(tl_value_get(&row, "supported").kind, TL_VALUE_TRUE);
	cs = tl_value_get(&row, "cells");
	date = tl_value_at(&cs, 2);
	assert_string_equal(text_of(f, &date, "text"), "Mar 2024");
	assert_string_equal(text_of(f, &date, "sort"), "2024-03");
	assert_string_equal(text_of(f, &row, "last_update_label"),
	    "March 2024");

	row = tl_view_row(&f->view, 0, 1);
	list = tl_value_get(&row, "higher_privileged");
	assert_int_equal(list.kind, TL_VALUE_ARRAY);
	assert_int_equal(tl_value_size(&list), 0);
	assert_int_equal(tl_value_get(&row, "supported").kind, TL_VALUE_FALSE);
	assert_int_equal(tl_value_get(&row, "type_qualifier").kind,
	    TL_VALUE_NULL);
}

/*
 * Row anchors (docs/design.md "Site layout"): the key's values but the
 * API, joined by '-', other characters one '_'; a repeated key numbered
 * from -2 in page order, never taking an id a row already has, however
 * often it repeats.
 */
static void
anchors(void **state)
{
	static const char *const header[] = {
		"API", "Permission", "Type", "Notes",
	};
	/* Not exact duplicates, which the normaliser would drop. */
	static const char *const cells[] = {
		"Graph", "AuditLog.Read.All", "Application", "1",
		"Graph", "AuditLog.Read.All", "Application", "2",
		"Graph", "Mail.Send", "Delegated", "3",
		"Graph", "AuditLog.Read.All", "Application", "4",
		"Graph", "AuditLog.Read.All", "Application", "5",
		"Graph", "AuditLog.Read.All", "Application", "6",
	};
	static const char *const want[] = {
		"AuditLog.Read.All-Application",
		"AuditLog.Read.All-Application-2",
		"Mail.Send-Delegated",
		"AuditLog.Read.All-Application-3",
		"AuditLog.Read.All-Application-4",
		"AuditLog.Read.All-Application-5",
	};
	struct fixture *f = *state;
	struct tl_page *page = tl_page_new("anchors.md");
	struct tl_normaliser *n = tl_normaliser_new(NULL);
	struct tl_diags d = {0};
	struct tl_view view;
	struct tl_table *t;
	struct tl_value row;
	size_t i;

	t = tl_page_add_table(page, 1);
	tl_table_set_header(page, t, header, 4);
	for (i = 0; i < 6; i++)
		tl_table_add_row(page, t, (unsigned)(3 + i), cells + 4 * i, 4);
	assert_int_equal(tl_normalise(n, page, &d), 0);
	tl_view_init(&view, page, &f->opts);
	for (i = 0; i < 6; i++) {
		row = tl_view_row(&view, 0, i);
		assert_string_equal(text_of(f, &row, "anchor"), want[i]);
	}
	tl_view_free(&view);
	tl_normaliser_free(n);
	tl_diags_free(&d);
	tl_page_free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(members_in_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(row_fields_are_the_models,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(history_members, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(rows, setup, teardown),
		cmocka_unit_test_setup_teardown(cells, setup, teardown),
		cmocka_unit_test_setup_teardown(shape_members, setup, teardown),
		cmocka_unit_test_setup_teardown(changelog_groups, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(anchors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
