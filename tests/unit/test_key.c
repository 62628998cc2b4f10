/*
 * test_key.c - row keys: folding, API aliases, --key lists, which fields
 * a key uses when the two tables differ, and fields looked up by name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "model/key.h"
#include "model/table.h"

static void
expect_fold(const char *in, const char *want)
{
	struct buf b = {0};

	tl_key_fold(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
fold_case_and_space(void **s)
{
	(void)s;
	expect_fold("  Microsoft   GRAPH \n", "microsoft graph");
	expect_fold("User.Read\nAll", "user.read all");
	expect_fold("users\xE2\x80\x99 profiles", "users' profiles");
	expect_fold("", "");
	expect_fold(NULL, "");
}

/* The one look-up of a field by name (model/table.h) that key.c, diff,
 * since and the library all use. */
static void
field_by_name(void **s)
{
	int f;

	(void)s;
	for (f = 0; f < TL_NFIELDS; f++)
		assert_int_equal(tl_field_by_name(tl_field_name(f)), f);
	assert_int_equal(tl_field_by_name("type"), TL_TYPE);
	assert_int_equal(tl_field_by_name("Type"), TL_EXTRA);
	assert_int_equal(tl_field_by_name("last_update_label"), TL_EXTRA);
	assert_int_equal(tl_field_by_name("is_newly_required"), TL_EXTRA);
	assert_int_equal(tl_field_by_name(""), TL_EXTRA);
}

static void
builtin_aliases(void **s)
{
	struct tl_aliases *a = tl_aliases_new();

	(void)s;
	assert_string_equal(tl_aliases_canonical(a, "MSFT Graph"),
	    "Microsoft Graph");
	assert_string_equal(tl_aliases_canonical(a, "msft  graph"),
	    "Microsoft Graph");
	assert_string_equal(tl_aliases_canonical(a, "Yammer"), "Yammer");
	assert_null(tl_aliases_canonical(a, NULL));
	tl_aliases_free(a);
}

static void
aliases_from_text(void **s)
{
	static const char good[] = "# comment\n\nAAD Graph = Azure AD Graph\r\n"
	    "MSFT Graph = Graph (ours)";
	static const char bad[] = "ok = fine\nno equals sign here\n";
	struct tl_aliases *a = tl_aliases_new();
	struct tl_diags d = {0};

	(void)s;
	assert_int_equal(tl_aliases_parse(a, "al.txt", good, sizeof(good) - 1,
	    &d), 0);
	assert_string_equal(tl_aliases_canonical(a, "aad graph"),
	    "Azure AD Graph");
	/* A file's alias overrides a built-in one; the last line need not
	 * end in a newline. */
	assert_string_equal(tl_aliases_canonical(a, "MSFT Graph"),
	    "Graph (ours)");
	assert_int_equal(d.n, 0);
	assert_int_equal(tl_aliases_parse(a, "al.txt", bad, sizeof(bad) - 1,
	    &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].file, "al.txt");
	tl_diags_free(&d);
	tl_aliases_free(a);
}

static void
keyspec_lists(void **s)
{
	struct tl_keyspec k;
	struct tl_diags d = {0};

	(void)s;
	assert_int_equal(tl_keyspec_parse(&k, "permission, type", &d), 0);
	assert_int_equal(k.n, 2);
	assert_string_equal(k.names[0], "permission");
	assert_string_equal(k.names[1], "type");
	tl_keyspec_free(&k);
	assert_int_equal(tl_keyspec_parse(&k, "permission,,type", &d), -1);
	assert_int_equal(tl_keyspec_parse(&k, "", &d), -1);
	assert_int_equal(d.n, 2);
	tl_keyspec_default(&k);
	assert_int_equal(k.n, 3);
	assert_string_equal(k.names[0], "api");
	tl_keyspec_free(&k);
	tl_diags_free(&d);
}

/* A table as normalise.c would leave it, built by hand. */
static struct tl_table *
table(struct tl_page *p, const char *const *keys, const int *fields,
    size_t n)
{
	struct tl_table *t = tl_page_add_table(p, 1);
	size_t i;

	tl_table_set_header(p, t, keys, n);
	for (i = 0; i < n; i++) {
		t->columns[i].key = keys[i];
		t->columns[i].field = fields[i];
	}
	t->date_column = -1;
	t->label_column = 0;
	return t;
}

static struct tl_row *
row(struct tl_page *p, struct tl_table *t, unsigned line,
    const char *const *cells)
{
	struct tl_row *r = tl_table_add_row(p, t, line, cells, t->ncolumns);
	size_t i;

	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i].field >= 0 && *r->cells[i] != '\0')
			r->f[t->columns[i].field] = r->cells[i];
	return r;
}

static void
key_of_row(void **s)
{
	static const char *const keys[] = { "api", "permission", "type",
	    "purpose" };
	static const int fields[] = { TL_API, TL_PERMISSION, TL_TYPE,
	    TL_PURPOSE };
	static const char *const c1[] = { "MSFT Graph", "User.Read",
	    "Delegated", "Sign in" };
	static const char *const c2[] = { "Microsoft  Graph", "user.read",
	    "delegated", "Other" };
	struct tl_page *p = tl_page_new("t.md");
	struct tl_table *t = table(p, keys, fields, 4);
	struct tl_row *r1 = row(p, t, 3, c1), *r2 = row(p, t, 4, c2);
	struct tl_aliases *a = tl_aliases_new();
	struct tl_keyspec k;
	struct tl_keycols kc;
	struct buf b1 = {0}, b2 = {0};

	(void)s;
	tl_keyspec_default(&k);
	tl_keycols_resolve(&kc, &k, t, NULL);
	assert_int_equal(kc.n, 3);
	assert_int_equal(kc.by_label, 0);
	tl_row_key(&b1, &kc, 0, r1, a);
	tl_row_key(&b2, &kc, 0, r2, a);
	assert_string_equal(buf_str(&b1),
	    "microsoft graph\x1fuser.read\x1f" "delegated");
	assert_string_equal(buf_str(&b1), buf_str(&b2));
	buf_reset(&b1);
	tl_row_key_text(&b1, &kc, 0, r1);
	assert_string_equal(buf_str(&b1), "MSFT Graph | User.Read | Delegated");
	/* Without the aliases the two APIs differ. */
	buf_reset(&b1);
	buf_reset(&b2);
	tl_row_key(&b1, &kc, 0, r1, NULL);
	tl_row_key(&b2, &kc, 0, r2, NULL);
	assert_string_not_equal(buf_str(&b1), buf_str(&b2));
	buf_free(&b1);
	buf_free(&b2);
	tl_keyspec_free(&k);
	tl_aliases_free(a);
	tl_page_free(p);
}

static void
key_uses_fields_both_have(void **s)
{
	static const char *const k1[] = { "api", "permission", "type" };
	static const int f1[] = { TL_API, TL_PERMISSION, TL_TYPE };
	static const char *const k2[] = { "permission", "purpose" };
	static const int f2[] = { TL_PERMISSION, TL_PURPOSE };
	static const char *const k3[] = { "feature", "note" };
	static const int f3[] = { TL_EXTRA, TL_EXTRA };
	struct tl_page *p = tl_page_new("t.md");
	struct tl_keyspec k;
	struct tl_keycols kc;

	(void)s;
	/* Adding a table may move the others: look them up afterwards. */
	table(p, k1, f1, 3);
	table(p, k2, f2, 2);
	table(p, k3, f3, 2);
	tl_keyspec_default(&k);
	tl_keycols_resolve(&kc, &k, &p->tables[0], &p->tables[1]);
	assert_int_equal(kc.n, 1);
	assert_string_equal(kc.names[0], "permission");
	assert_int_equal(kc.a[0].column, 1);
	assert_int_equal(kc.b[0].column, 0);
	tl_keycols_resolve(&kc, &k, &p->tables[2], NULL);
	assert_int_equal(kc.by_label, 1);
	assert_string_equal(kc.names[0], "label");
	assert_int_equal(kc.a[0].column, 0);
	/* Names outlive the spec: the model's and the table's strings. */
	tl_keycols_resolve(&kc, &k, &p->tables[0], &p->tables[1]);
	tl_keyspec_free(&k);
	assert_ptr_equal(kc.names[0], tl_field_name(TL_PERMISSION));
	/* --key may name an extra column by its key. */
	assert_int_equal(tl_keyspec_parse(&k, "note", NULL), 0);
	tl_keycols_resolve(&kc, &k, &p->tables[2], NULL);
	assert_int_equal(kc.by_label, 0);
	assert_int_equal(kc.a[0].column, 1);
	tl_keyspec_free(&k);
	assert_ptr_equal(kc.names[0], p->tables[2].columns[1].key);
	tl_page_free(p);
}

/*
 * A model rebuilt from a file (build --since) may name a label or date
 * column the table does not have: it is no column, never read.
 */
static void
key_columns_out_of_range(void **s)
{
	static const char *const k1[] = { "feature", "note" };
	static const int f1[] = { TL_EXTRA, TL_EXTRA };
	static const char *const c1[] = { "Export", "Weekly" };
	struct tl_page *p = tl_page_new("t.md");
	struct tl_table *t = table(p, k1, f1, 2);
	struct tl_row *r = row(p, t, 2, c1);
	struct tl_fieldref ref;
	struct tl_keyspec k;
	struct tl_keycols kc;
	struct buf b = {0};

	(void)s;
	tl_keyspec_default(&k);
	t->label_column = 1 << 28;
	t->date_column = 1 << 28;
	tl_keycols_resolve(&kc, &k, t, NULL);
	assert_int_equal(kc.by_label, 1);
	assert_int_equal(kc.a[0].column, -1);
	tl_row_key(&b, &kc, 0, r, NULL);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(tl_field_resolve(t, "last_update", &ref), 0);
	assert_null(tl_field_value(r, &ref));
	t->label_column = 2;	/* one past the end */
	tl_keycols_resolve(&kc, &k, t, NULL);
	assert_int_equal(kc.a[0].column, -1);
	t->label_column = 1;
	tl_keycols_resolve(&kc, &k, t, NULL);
	buf_reset(&b);
	tl_row_key(&b, &kc, 0, r, NULL);
	assert_string_equal(buf_str(&b), "weekly");
	buf_free(&b);
	tl_keyspec_free(&k);
	tl_page_free(p);
}

/*
 * A type from a heading or flag columns has no column: the key still
 * has it when the rows do (and the normaliser's folded type is what it
 * compares); the fields of the shapes resolve where they come from.
 */
static void
key_type_without_column(void **s)
{
	static const char *const k1[] = { "permission", "delegated" };
	static const int f1[] = { TL_PERMISSION, TL_EXTRA };
	static const char *const c1[] = { "Mail.Read", "Ja" };
	static const char *const k2[] = { "type", "permission" };
	static const int f2[] = { TL_TYPE, TL_PERMISSION };
	static const char *const c2[] = { "Delegated", "Mail.Read" };
	struct tl_page *p = tl_page_new("t.md");
	struct tl_table *t1, *t2;
	struct tl_row *r1, *r2;
	struct tl_fieldref ref;
	struct tl_keyspec k;
	struct tl_keycols kc;
	struct buf b1 = {0}, b2 = {0};

	(void)s;
	table(p, k1, f1, 2);
	table(p, k2, f2, 2);
	t1 = &p->tables[0];
	t2 = &p->tables[1];
	/* Without a type in any row, table 1 has no type to key by. */
	r1 = row(p, t1, 3, c1);
	assert_int_equal(tl_field_resolve(t1, "type", &ref), 0);
	r1->f[TL_TYPE] = "Delegated";		/* as a heading gives it */
	r1->f[TL_TYPE_TEXT] = NULL;
	r2 = row(p, t2, 3, c2);
	r2->f[TL_TYPE_TEXT] = "Delegiert";	/* the page said so */
	assert_int_equal(tl_field_resolve(t1, "type", &ref), 1);
	assert_int_equal(ref.column, -1);
	assert_int_equal(tl_field_resolve(t2, "type_text", &ref), 1);
	assert_int_equal(ref.column, 0);
	assert_int_equal(tl_field_resolve(t1, "type_text", &ref), 0);
	assert_int_equal(tl_field_resolve(t1, "higher_privileged", &ref), 0);
	tl_row_set_higher(p, r2, NULL, 0);
	assert_int_equal(tl_field_resolve(t2, "higher_privileged", &ref), 1);
	assert_string_equal(tl_field_value(r2, &ref), "");
	tl_keyspec_default(&k);
	tl_keycols_resolve(&kc, &k, t1, t2);
	assert_int_equal(kc.n, 2);
	tl_row_key(&b1, &kc, 0, r1, NULL);
	tl_row_key(&b2, &kc, 1, r2, NULL);
	assert_string_equal(buf_str(&b1), "mail.read\x1f" "delegated");
	assert_string_equal(buf_str(&b1), buf_str(&b2));
	buf_free(&b1);
	buf_free(&b2);
	tl_keyspec_free(&k);
	tl_page_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_case_and_space),
		cmocka_unit_test(field_by_name),
		cmocka_unit_test(builtin_aliases),
		cmocka_unit_test(aliases_from_text),
		cmocka_unit_test(keyspec_lists),
		cmocka_unit_test(key_of_row),
		cmocka_unit_test(key_type_without_column),
		cmocka_unit_test(key_uses_fields_both_have),
		cmocka_unit_test(key_columns_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
