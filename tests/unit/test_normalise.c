/*
 * test_normalise.c - the normaliser: folding, UTF-8 repair, header fields
 * and keys, permission splits, dates, duplicates, slugs and whole pages.
 *
 * Every expected value was written by hand from the input beside it.
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
#include "normalise/normalise.h"
#include "model/table.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- helpers ------------------------------------------------------- */

static int
setup_norm(void **state)
{
	*state = tl_normaliser_new(NULL);
	return *state == NULL ? -1 : 0;
}

static int
teardown_norm(void **state)
{
	tl_normaliser_free(*state);
	return 0;
}

static void
expect_fold_n(const char *in, size_t len, const char *want, int want_repaired)
{
	struct buf b = {0};
	int repaired = -1;

	tl_fold_text(&b, in, len, &repaired);
	assert_string_equal(buf_str(&b), want);
	assert_int_equal(repaired, want_repaired);
	buf_free(&b);
}

static void
expect_fold(const char *in, const char *want, int want_repaired)
{
	expect_fold_n(in, strlen(in), want, want_repaired);
}

static void
expect_split(void **state, const char *cell, int ok, const char *name,
    const char *qual, const char *disp)
{
	struct buf n = {0}, q = {0}, d = {0};

	assert_int_equal(tl_split_permission(*state, cell, &n, &q, &d), ok);
	assert_string_equal(buf_str(&n), name);
	assert_string_equal(buf_str(&q), qual);
	assert_string_equal(buf_str(&d), disp);
	buf_free(&n);
	buf_free(&q);
	buf_free(&d);
}

static void
expect_date(void **state, const char *cell, int count, int y, int m, int d)
{
	struct tl_date date = {-1, -1, -1};

	assert_int_equal(tl_parse_dates(*state, cell, &date), count);
	assert_int_equal(date.year, y);
	assert_int_equal(date.month, m);
	assert_int_equal(date.day, d);
}

static void
expect_no_date(void **state, const char *cell)
{
	expect_date(state, cell, 0, 0, 0, 0);
}

static void
expect_slug(const char *title, const char *want)
{
	struct buf b = {0};

	tl_slugify(&b, title);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
expect_header_slug(const char *header, const char *want)
{
	struct buf b = {0};

	tl_header_slug(&b, header);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

/* A page with one table of the given header and rows (NULL-terminated
 * arrays of `ncol` cells); rows start at line 3, one per line. */
static struct tl_page *
make_page(const char *title, const char *const *header, size_t ncol,
    const char *const *cells, size_t nrows)
{
	struct tl_page *page = tl_page_new("dir/some-page.md");
	struct tl_table *t;
	size_t i;

	if (title != NULL)
		page->title = tl_strdup(page, title);
	t = tl_page_add_table(page, 1);
	tl_table_set_header(page, t, header, ncol);
	for (i = 0; i < nrows; i++)
		tl_table_add_row(page, t, (unsigned)(3 + i), cells + i * ncol,
		    ncol);
	return page;
}

static void
normalise_ok(void **state, struct tl_page *page, struct tl_diags *d)
{
	assert_int_equal(tl_normalise(*state, page, d), 0);
}

static void
expect_field(const struct tl_row *r, enum tl_field f, const char *want)
{
	if (want == NULL)
		assert_null(r->f[f]);
	else {
		assert_non_null(r->f[f]);
		assert_string_equal(r->f[f], want);
	}
}

static void
expect_diag(const struct tl_diags *d, size_t i, enum tl_severity sev,
    unsigned line, const char *msg)
{
	assert_true(i < d->n);
	assert_int_equal(d->v[i].severity, sev);
	assert_int_equal(d->v[i].line, line);
	assert_string_equal(d->v[i].message, msg);
}

/* ---- folding ------------------------------------------------------- */

static void fold_nbsp(void **s) { (void)s;
	expect_fold("Read\xC2\xA0" "all\xC2\xA0\xC2\xA0users", "Read all users", 0); }
static void fold_tabs_and_runs(void **s) { (void)s;
	expect_fold("  a \t\t b   c  ", "a b c", 0); }
static void fold_lines_trimmed(void **s) { (void)s;
	expect_fold("  first  \n   second\t\n", "first\nsecond", 0); }
static void fold_blank_lines_collapse(void **s) { (void)s;
	expect_fold("a\n\n \n\t\nb", "a\nb", 0); }
static void fold_leading_trailing_lines(void **s) { (void)s;
	expect_fold("\n \n  x y \n\n\n", "x y", 0); }
static void fold_noncharacters_dropped(void **s) { (void)s;
	/* U+FFFE, U+FFFF and U+FDD0 are not text, and XML forbids them. */
	expect_fold("A\xEF\xBF\xBE" "B\xEF\xBF\xBF" "C\xEF\xB7\x90" "D", "ABCD", 0); }
static void fold_crlf(void **s) { (void)s;
	expect_fold("one\r\ntwo\r\n", "one\ntwo", 0); }
static void fold_unicode_spaces(void **s) { (void)s;
	/* U+2003 em space, U+202F narrow NBSP, U+3000 ideographic space */
	expect_fold("a\xE2\x80\x83" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d", "a b c d", 0); }
static void fold_controls_dropped(void **s) { (void)s;
	expect_fold("a\x01" "b\x7F c\x1B", "ab c", 0); }
static void fold_nul_dropped(void **s) { (void)s;
	expect_fold_n("a\0b", 3, "ab", 0); }
static void fold_empty(void **s) { (void)s;
	expect_fold("", "", 0); }
static void fold_only_space(void **s) { (void)s;
	expect_fold(" \xC2\xA0 \t\n ", "", 0); }
static void fold_keeps_text(void **s) { (void)s;
	expect_fold("最終更新日 users’ 😀", "最終更新日 users’ 😀", 0); }
static void fold_appends(void **s) { (void)s;
	struct buf b = {0};
	buf_puts(&b, "x:");
	tl_fold_text(&b, " y ", 3, NULL);
	assert_string_equal(buf_str(&b), "x:y");
	buf_free(&b); }

/* ---- UTF-8 repair -------------------------------------------------- */

/* One U+FFFD per maximal subpart (base/utf8.h): an overlong form, a
 * surrogate or a code point past U+10FFFF has none longer than a byte. */
static void utf8_overlong_2(void **s) { (void)s;
	expect_fold("a\xC0\xAF" "b", "a" FFFD FFFD "b", 1); }
static void utf8_overlong_3(void **s) { (void)s;
	expect_fold("\xE0\x80\xAF", FFFD FFFD FFFD, 1); }
static void utf8_surrogate(void **s) { (void)s;
	expect_fold("\xED\xA0\x80x", FFFD FFFD FFFD "x", 1); }
static void utf8_truncated_end(void **s) { (void)s;
	expect_fold("ab\xE2\x82", "ab" FFFD, 1); }
static void utf8_truncated_mid(void **s) { (void)s;
	expect_fold("\xE2\x82" "A", FFFD "A", 1); }
static void utf8_beyond_f4(void **s) { (void)s;
	expect_fold("\xF5\x80\x80\x80|\xFF|", FFFD FFFD FFFD FFFD "|" FFFD "|",
	    1); }
static void utf8_above_max(void **s) { (void)s;
	expect_fold("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 1); }
static void utf8_stray_continuation(void **s) { (void)s;
	expect_fold("x\x80\x80y", "x" FFFD FFFD "y", 1); }
static void utf8_valid_four_byte(void **s) { (void)s;
	expect_fold("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0); }

static void
utf8_warning_once_per_string(void **state)
{
	const char *h[] = { "API", "Permission" };
	const char *c[] = { "Bad\xFF and \xC0\xAF", "User.Read" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);

	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 1);
	expect_diag(&d, 0, TL_WARNING, 3, "invalid UTF-8 replaced by U+FFFD");
	assert_string_equal(d.v[0].file, "dir/some-page.md");
	assert_string_equal(page->tables[0].rows[0].cells[0],
	    "Bad" FFFD " and " FFFD FFFD);
	tl_diags_free(&d);
	tl_page_free(page);
}

/* ---- header fields ------------------------------------------------- */

static void header_api(void **s) { (void)s;
	assert_int_equal(tl_header_field("API"), TL_API);
	assert_int_equal(tl_header_field("Resource"), TL_API);
	assert_int_equal(tl_header_field("Resource app"), TL_API); }
static void header_permission(void **s) { (void)s;
	assert_int_equal(tl_header_field("Permission"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Permissions"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Permission name"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Scope"), TL_PERMISSION); }
static void header_type(void **s) { (void)s;
	assert_int_equal(tl_header_field("Type"), TL_TYPE);
	assert_int_equal(tl_header_field("Permission type"), TL_TYPE); }
static void header_purpose(void **s) { (void)s;
	assert_int_equal(tl_header_field("Purpose"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Description"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Reason"), TL_PURPOSE); }
static void header_last_update(void **s) { (void)s;
	assert_int_equal(tl_header_field("Last update"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Last updated"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Updated"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Date"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Date added"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Detected on"), TL_LAST_UPDATE); }
static void header_case_and_punct(void **s) { (void)s;
	assert_int_equal(tl_header_field("  LAST-UPDATE: "), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("permission_name"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Resource\xC2\xA0" "App"), TL_API); }
static void header_japanese(void **s) { (void)s;
	assert_int_equal(tl_header_field("アクセス許可"), TL_PERMISSION);
	assert_int_equal(tl_header_field("タイプ"), TL_TYPE);
	assert_int_equal(tl_header_field("種類"), TL_TYPE);
	assert_int_equal(tl_header_field("説明"), TL_PURPOSE);
	assert_int_equal(tl_header_field("目的"), TL_PURPOSE);
	assert_int_equal(tl_header_field("最終更新日"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("更新日"), TL_LAST_UPDATE); }
static void header_corpus_synonyms(void **s) { (void)s;
	assert_int_equal(tl_header_field("Why You Need"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Why do we need it?"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Application permission"),
	    TL_PERMISSION);
	assert_int_equal(tl_header_field("Display Name"), TL_DISPLAY_NAME); }
static void header_extra(void **s) { (void)s;
	assert_int_equal(tl_header_field("Is newly required?"), TL_EXTRA);
	assert_int_equal(tl_header_field("Permission Category"), TL_EXTRA);
	assert_int_equal(tl_header_field("New or updated?"), TL_EXTRA);
	assert_int_equal(tl_header_field("Role"), TL_EXTRA);
	assert_int_equal(tl_header_field(""), TL_EXTRA); }
static void header_slug_basic(void **s) { (void)s;
	expect_header_slug("Is newly required?", "is_newly_required"); }
static void header_slug_runs(void **s) { (void)s;
	expect_header_slug("  Feature / Module ", "feature_module");
	expect_header_slug("App name in Entra ID", "app_name_in_entra_id"); }
static void header_slug_non_ascii(void **s) { (void)s;
	expect_header_slug("カテゴリ", "カテゴリ");
	expect_header_slug("API 種類 2", "api_種類_2");
	expect_header_slug("Veröffentlichungsdatum", "veröffentlichungsdatum");
	expect_header_slug("Änderungstyp", "änderungstyp");
	expect_header_slug("Microsoft アカウントのサポート",
	    "microsoft_アカウントのサポート");
	expect_header_slug("ＡＰＩ　名前（必須）", "api_名前_必須");
	expect_header_slug("✔ Ελληνικά · ДАТА", "ελληνικά_дата"); }
static void header_slug_only_symbols(void **s) { (void)s;
	expect_header_slug("✔ — ✅", ""); }

/* Column fields and keys, through tl_normalise(). */
static void
expect_columns(void **state, const char *const *h, size_t n,
    const int *fields, const char *const *keys)
{
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, n, NULL, 0);
	size_t i;

	normalise_ok(state, page, &d);
	for (i = 0; i < n; i++) {
		assert_int_equal(page->tables[0].columns[i].field, fields[i]);
		assert_string_equal(page->tables[0].columns[i].key, keys[i]);
	}
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void columns_model(void **state) {
	const char *h[] = { "API", "Permission", "Type", "Purpose", "Last update" };
	const int f[] = { TL_API, TL_PERMISSION, TL_TYPE, TL_PURPOSE, TL_LAST_UPDATE };
	const char *k[] = { "api", "permission", "type", "purpose", "last_update" };
	expect_columns(state, h, 5, f, k); }
static void columns_extra_slug(void **state) {
	const char *h[] = { "Permission", "Is newly required?" };
	const int f[] = { TL_PERMISSION, TL_EXTRA };
	const char *k[] = { "permission", "is_newly_required" };
	expect_columns(state, h, 2, f, k); }
static void columns_fallback_number(void **state) {
	const char *h[] = { "API", "Permission", "★" };
	const int f[] = { TL_API, TL_PERMISSION, TL_EXTRA };
	const char *k[] = { "api", "permission", "column_3" };
	expect_columns(state, h, 3, f, k); }
static void columns_non_ascii_keys(void **state) {
	const char *h[] = { "API", "Permission", "カテゴリ" };
	const int f[] = { TL_API, TL_PERMISSION, TL_EXTRA };
	const char *k[] = { "api", "permission", "カテゴリ" };
	expect_columns(state, h, 3, f, k); }
static void columns_unique_slugs(void **state) {
	const char *h[] = { "Notes", "notes!", "Notes" };
	const int f[] = { TL_EXTRA, TL_EXTRA, TL_EXTRA };
	const char *k[] = { "notes", "notes_2", "notes_3" };
	expect_columns(state, h, 3, f, k); }
static void columns_first_canonical_wins(void **state) {
	const char *h[] = { "Scope", "Permission", "Description", "Purpose" };
	const int f[] = { TL_PERMISSION, TL_EXTRA, TL_PURPOSE, TL_EXTRA };
	const char *k[] = { "permission", "permission_2", "purpose", "purpose_2" };
	expect_columns(state, h, 4, f, k); }
static void columns_reserved_names(void **state) {
	const char *h[] = { "Label", "Line", "Permission", "Table", "Page" };
	const int f[] = { TL_EXTRA, TL_EXTRA, TL_PERMISSION, TL_EXTRA,
	    TL_EXTRA };
	const char *k[] = { "label_2", "line_2", "permission", "table_2",
	    "page_2" };
	expect_columns(state, h, 5, f, k); }
static void columns_role_table(void **state) {
	const char *h[] = { "Role", "Role Id", "Display Name", "Description" };
	const int f[] = { TL_PERMISSION, TL_EXTRA, TL_DISPLAY_NAME, TL_PURPOSE };
	const char *k[] = { "permission", "role_id", "display_name", "purpose" };
	expect_columns(state, h, 4, f, k); }
static void columns_role_alone(void **state) {
	const char *h[] = { "Role", "Member" };
	const int f[] = { TL_EXTRA, TL_EXTRA };
	const char *k[] = { "role", "member" };
	expect_columns(state, h, 2, f, k); }
static void columns_japanese(void **state) {
	const char *h[] = { "API", "アクセス許可", "Type", "説明", "最終更新日" };
	const int f[] = { TL_API, TL_PERMISSION, TL_TYPE, TL_PURPOSE, TL_LAST_UPDATE };
	const char *k[] = { "api", "permission", "type", "purpose", "last_update" };
	expect_columns(state, h, 5, f, k); }
static void columns_detected_on(void **state) {
	const char *h[] = { "Detected on", "Application permission", "Description" };
	const int f[] = { TL_LAST_UPDATE, TL_PERMISSION, TL_PURPOSE };
	const char *k[] = { "last_update", "permission", "purpose" };
	expect_columns(state, h, 3, f, k); }

/* ---- permission cells ---------------------------------------------- */

static void split_glued(void **s) {
	expect_split(s, "Group.Read.All(Read all groups)", 1,
	    "Group.Read.All", "", "Read all groups"); }
static void split_space(void **s) {
	expect_split(s, "User.Read (Sign in and read user profile)", 1,
	    "User.Read", "", "Sign in and read user profile"); }
static void split_qualifier(void **s) {
	expect_split(s, "UserAuthenticationMethod.ReadWrite.All (preview)"
	    "(Read and write all users' authentication methods)", 1,
	    "UserAuthenticationMethod.ReadWrite.All", "preview",
	    "Read and write all users' authentication methods"); }
static void split_qualifier_spaced(void **s) {
	expect_split(s, "Mail.Send (beta) (Send mail)", 1,
	    "Mail.Send", "beta", "Send mail"); }
static void split_line_break(void **s) {
	expect_split(s, "Sites.FullControl.All\n(Have full control of all "
	    "site collections)", 1, "Sites.FullControl.All", "",
	    "Have full control of all site collections"); }
static void split_nested_parens(void **s) {
	expect_split(s, "Foo.Bar(Read (and write) things)", 1,
	    "Foo.Bar", "", "Read (and write) things"); }
static void split_nested_at_end(void **s) {
	expect_split(s, "Foo.Bar (Read things (all))", 1,
	    "Foo.Bar", "", "Read things (all)"); }
static void split_leading_space_inside(void **s) {
	expect_split(s, "Group.ReadWrite.All( Read and write all groups)", 1,
	    "Group.ReadWrite.All", "", "Read and write all groups"); }
static void split_trailing_space_inside(void **s) {
	expect_split(s, "Team.Create(Create teams )", 1,
	    "Team.Create", "", "Create teams"); }
static void split_bracket_preview(void **s) {
	expect_split(s, "user_impersonation(Access Azure Service Management "
	    "as organization users [preview])", 1, "user_impersonation",
	    "preview", "Access Azure Service Management as organization users"); }
static void split_bracket_preview_spaced(void **s) {
	expect_split(s, "access_as_user (Read and write to the Yammer "
	    "platform [preview])", 1, "access_as_user", "preview",
	    "Read and write to the Yammer platform"); }
static void split_no_display(void **s) {
	expect_split(s, "Mail.Read", 0, "Mail.Read", "", ""); }
static void split_empty(void **s) {
	expect_split(s, "", 0, "", "", ""); }
static void split_unbalanced(void **s) {
	expect_split(s, "Foo(Read all", 0, "Foo(Read all", "", ""); }
static void split_extra_close(void **s) {
	expect_split(s, "Foo(a))", 0, "Foo(a))", "", ""); }
static void split_not_at_end(void **s) {
	expect_split(s, "Foo(Read) more", 0, "Foo(Read) more", "", ""); }
static void split_name_with_spaces(void **s) {
	expect_split(s, "Read and write (all)", 0, "Read and write (all)", "", ""); }
static void split_only_group(void **s) {
	expect_split(s, "(Read all)", 0, "(Read all)", "", ""); }
static void split_empty_display(void **s) {
	expect_split(s, "Foo.Bar()", 1, "Foo.Bar", "", ""); }
static void split_stray_space_display(void **s) {
	expect_split(s, "openid (S ign users in)", 1, "openid", "",
	    "S ign users in"); }
static void split_trailing_period(void **s) {
	expect_split(s, "AdministrativeUnit.ReadWrite.All(Read and write all "
	    "administrative units.)", 1, "AdministrativeUnit.ReadWrite.All",
	    "", "Read and write all administrative units."); }

/* ---- dates --------------------------------------------------------- */

static void date_month_name(void **s) { expect_date(s, "December 2023", 1, 2023, 12, 0); }
static void date_month_abbrev(void **s) { expect_date(s, "Dec 2023", 1, 2023, 12, 0); }
static void date_month_abbrev_dot(void **s) { expect_date(s, "Dec. 2023", 1, 2023, 12, 0); }
static void date_sept(void **s) {
	expect_date(s, "Sept 2023", 1, 2023, 9, 0);
	expect_date(s, "Sept. 2023", 1, 2023, 9, 0); }
static void date_lowercase(void **s) { expect_date(s, "april 2025", 1, 2025, 4, 0); }
static void date_iso_month(void **s) { expect_date(s, "2023-12", 1, 2023, 12, 0); }
static void date_slash_month(void **s) {
	expect_date(s, "12/2023", 1, 2023, 12, 0);
	expect_date(s, "1/2024", 1, 2024, 1, 0); }
static void date_iso_day(void **s) { expect_date(s, "2023-12-05", 1, 2023, 12, 5); }
static void date_day_month_year(void **s) { expect_date(s, "5 December 2023", 1, 2023, 12, 5); }
static void date_month_day_year(void **s) { expect_date(s, "December 5, 2023", 1, 2023, 12, 5); }
static void date_slash_day(void **s) { expect_date(s, "2023/12/05", 1, 2023, 12, 5); }
static void date_japanese_spaced(void **s) { expect_date(s, "2023 年 12 月", 1, 2023, 12, 0); }
static void date_japanese_tight(void **s) { expect_date(s, "2023年12月", 1, 2023, 12, 0); }
static void date_japanese_day(void **s) { expect_date(s, "2020 年 12 月 18 日", 1, 2020, 12, 18); }
static void date_japanese_in_text(void **s) { expect_date(s, "更新日2025年4月です", 1, 2025, 4, 0); }
static void date_leap_day(void **s) { expect_date(s, "February 29, 2024", 1, 2024, 2, 29); }
static void date_with_label(void **s) { expect_date(s, "Updated: Dec 2023.", 1, 2023, 12, 0); }

static void date_bad_month_slash(void **s) { expect_no_date(s, "13/2023"); }
static void date_bad_year_only_ja(void **s) { expect_no_date(s, "2019 年"); }
static void date_bad_feb30(void **s) { expect_no_date(s, "February 30, 2024"); }
static void date_bad_smarch(void **s) { expect_no_date(s, "Smarch 2023"); }
static void date_bad_empty(void **s) { expect_no_date(s, ""); }
static void date_bad_year_only(void **s) { expect_no_date(s, "2023"); }
static void date_bad_month_zero(void **s) { expect_no_date(s, "00/2023"); }
static void date_bad_iso_month(void **s) { expect_no_date(s, "2023-13-01"); }
static void date_bad_not_leap(void **s) { expect_no_date(s, "29 February 2023"); }
static void date_bad_year_range(void **s) {
	expect_no_date(s, "1899-12");
	expect_no_date(s, "March 3000"); }
static void date_bad_word(void **s) { expect_no_date(s, "Decembers 2023"); }
static void date_bad_day_zero(void **s) { expect_no_date(s, "2023-12-00"); }
static void date_bad_us_order(void **s) { expect_no_date(s, "12/05/2023"); }
static void date_bad_text(void **s) { expect_no_date(s, "Not yet"); }

static void date_insider_production(void **s) {
	expect_date(s, "Insider version: December 2023 Production version: "
	    "March 2024", 2, 2024, 3, 0); }
static void date_latest_not_last(void **s) {
	expect_date(s, "April 2025 (was March 2024)", 2, 2025, 4, 0); }
static void date_day_beats_month(void **s) {
	expect_date(s, "2023-12-05, first listed 2023-12", 2, 2023, 12, 5); }
static void date_day_form_counts_once(void **s) {
	expect_date(s, "5 December 2023", 1, 2023, 12, 5);
	expect_date(s, "2023 年 12 月 18 日", 1, 2023, 12, 18); }
static void date_bad_and_good(void **s) {
	expect_date(s, "13/2023 or 11/2023", 1, 2023, 11, 0); }
static void date_mixed_forms(void **s) {
	expect_date(s, "2024-01-15; 2023 年 12 月; Feb 2024", 3, 2024, 2, 0); }
/* ---- slugs --------------------------------------------------------- */

static void slug_title(void **s) { (void)s;
	expect_slug("Cloud Backup for Azure", "cloud-backup-for-azure"); }
static void slug_punctuation(void **s) { (void)s;
	expect_slug("  Cloud Backup for IaaS + PaaS -- (Fly)! ",
	    "cloud-backup-for-iaas-paas-fly"); }
static void slug_japanese(void **s) { (void)s;
	expect_slug("アクセス許可", "");
	expect_slug("Viva Engage アプリ", "viva-engage"); }
static void slug_cut_drops_word(void **s) { (void)s;
	char t[100], want[100];
	memset(t, 'a', 79);
	strcpy(t + 79, " bcd");
	memset(want, 'a', 79);
	want[79] = '\0';
	expect_slug(t, want); }	/* "bcd" does not fit: dropped whole */
static void slug_cut_long_word(void **s) { (void)s;
	char t[100];
	memset(t, 'a', 79);
	strcpy(t + 79, "bcd");
	t[80] = '\0';
	/* one word of 82: its first 80 bytes, 79 a's and a b */
	expect_slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcd", t); }
static void slug_cut_between_words(void **s) { (void)s;
	char t[100] = "";
	for (int i = 0; i < 9; i++)
		strcat(t, "Abcdefghi ");
	expect_slug(t, "abcdefghi-abcdefghi-abcdefghi-abcdefghi-"
	    "abcdefghi-abcdefghi-abcdefghi-abcdefghi"); }	/* 8 words, 79 */
static void slug_cut_no_separator(void **s) { (void)s;
	char t[101], want[81];
	memset(t, 'b', 100);
	t[100] = '\0';
	memset(want, 'b', 80);
	want[80] = '\0';
	expect_slug(t, want); }

static void
expect_page_slug(void **state, const char *source, const char *title,
    const char *want)
{
	const char *h[] = { "Permission" };
	struct tl_diags d = {0};
	struct tl_page *page = tl_page_new(source);
	struct tl_table *t = tl_page_add_table(page, 1);

	tl_table_set_header(page, t, h, 1);
	if (title != NULL)
		page->title = tl_strdup(page, title);
	normalise_ok(state, page, &d);
	assert_string_equal(page->slug, want);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void page_slug_title(void **s) {
	expect_page_slug(s, "x.md", "Cloud Backup\xC2\xA0" "for Azure",
	    "cloud-backup-for-azure"); }
static void page_slug_from_file(void **s) {
	expect_page_slug(s, "avepoint/docs__Documents__vivaengage2.md",
	    "説明", "docs-documents-vivaengage2"); }
static void page_slug_no_title(void **s) {
	expect_page_slug(s, "/tmp/My Page.html", NULL, "my-page"); }
static void page_slug_fallback(void **s) {
	expect_page_slug(s, "-", NULL, "page"); }

/* ---- duplicates ---------------------------------------------------- */

static void
dup_exact_dropped(void **state)
{
	const char *h[] = { "API", "Permission", "Type" };
	const char *c[] = {
		"Microsoft Graph", "User.Read(Sign in)", "Delegated",	/* 3 */
		"Microsoft Graph", "Mail.Read", "Application",		/* 4 */
		"Microsoft Graph", "User.Read(Sign in)", "Delegated",	/* 5 */
		"Microsoft Graph", "Files.Read", "Application",		/* 6 */
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 3, c, 4);
	struct tl_table *t = &page->tables[0];

	normalise_ok(state, page, &d);
	assert_int_equal(t->nrows, 3);
	assert_int_equal(t->rows[0].line, 3);
	assert_int_equal(t->rows[1].line, 4);
	assert_int_equal(t->rows[2].line, 6);
	expect_field(&t->rows[2], TL_PERMISSION, "Files.Read");
	assert_int_equal(d.n, 1);
	expect_diag(&d, 0, TL_WARNING, 5, "duplicate row (same as line 3)");
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
dup_after_folding(void **state)
{
	const char *h[] = { "Permission", "Purpose" };
	const char *c[] = {
		"Mail.Read", "Read  mail",
		" Mail.Read", "Read\xC2\xA0mail ",
		"Mail.Read", "Read mail",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 3);

	normalise_ok(state, page, &d);
	assert_int_equal(page->tables[0].nrows, 1);
	assert_int_equal(d.n, 2);
	expect_diag(&d, 0, TL_WARNING, 4, "duplicate row (same as line 3)");
	expect_diag(&d, 1, TL_WARNING, 5, "duplicate row (same as line 3)");
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
dup_key_sharing_kept(void **state)
{
	const char *h[] = { "API", "Permission", "Type", "Purpose" };
	const char *c[] = {
		"Microsoft Graph", "Sites.Read.All", "Application", "Scan sites",
		"Microsoft Graph", "Sites.Read.All", "Application", "Back up sites",
		"Microsoft Graph", "Sites.Read.All", "Delegated", "Scan sites",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 4, c, 3);

	normalise_ok(state, page, &d);
	assert_int_equal(page->tables[0].nrows, 3);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
dup_many_linear(void **state)
{
	const char *h[] = { "Permission", "Purpose" };
	const size_t n = 20000;
	const char **c = malloc(2 * n * sizeof(*c));
	char (*names)[32] = malloc(n * sizeof(*names));
	struct tl_diags d = {0};
	struct tl_page *page;
	size_t i;

	/* Rows 2k and 2k + 1 are both "Perm.k": every odd row is dropped. */
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "Perm.%zu", i / 2);
		c[2 * i] = names[i];
		c[2 * i + 1] = "x";
	}
	page = make_page("T", h, 2, c, n);
	normalise_ok(state, page, &d);
	assert_int_equal(page->tables[0].nrows, n / 2);
	assert_int_equal(d.n, n / 2);
	expect_diag(&d, 0, TL_WARNING, 4, "duplicate row (same as line 3)");
	assert_int_equal(page->tables[0].rows[1].line, 5);
	free(c);
	free(names);
	tl_diags_free(&d);
	tl_page_free(page);
}

/* ---- date columns and rows ----------------------------------------- */

static void
datecol_by_header(void **state)
{
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = {
		"A.Read", "December 2023",
		"B.Read", "",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);
	struct tl_table *t = &page->tables[0];

	normalise_ok(state, page, &d);
	assert_int_equal(t->date_column, 1);
	expect_field(&t->rows[0], TL_LAST_UPDATE, "2023-12");
	expect_field(&t->rows[0], TL_LAST_UPDATE_TEXT, "December 2023");
	assert_int_equal(t->rows[0].date.year, 2023);
	assert_int_equal(t->rows[0].date.month, 12);
	assert_int_equal(t->rows[0].date.day, 0);
	expect_field(&t->rows[1], TL_LAST_UPDATE, NULL);
	expect_field(&t->rows[1], TL_LAST_UPDATE_TEXT, NULL);
	assert_int_equal(t->rows[1].date.year, 0);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
datecol_by_content(void **state)
{
	const char *h[] = { "Added", "Permission" };
	const char *c[] = {
		"2024-09-28", "CallEvents.Read.All",
		"", "Bookings.Manage.All",
		"Sept 2024", "Bookings.Read.All",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 3);
	struct tl_table *t = &page->tables[0];

	normalise_ok(state, page, &d);
	assert_int_equal(t->date_column, 0);
	assert_int_equal(t->columns[0].field, TL_EXTRA);
	expect_field(&t->rows[0], TL_LAST_UPDATE, "2024-09-28");
	expect_field(&t->rows[2], TL_LAST_UPDATE, "2024-09");
	expect_field(&t->rows[1], TL_LAST_UPDATE, NULL);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
datecol_content_needs_all(void **state)
{
	const char *h[] = { "Added", "Permission" };
	const char *c[] = {
		"2024-09-28", "CallEvents.Read.All",
		"soon", "Bookings.Manage.All",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);
	struct tl_table *t = &page->tables[0];

	normalise_ok(state, page, &d);
	assert_int_equal(t->date_column, -1);
	expect_field(&t->rows[0], TL_LAST_UPDATE, NULL);
	assert_int_equal(t->rows[0].date.year, 0);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
datecol_empty_column_is_not(void **state)
{
	const char *h[] = { "Permission", "Comment" };
	const char *c[] = { "A.Read", "", "B.Read", " " };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);

	normalise_ok(state, page, &d);
	assert_int_equal(page->tables[0].date_column, -1);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
datecol_by_option(void **state)
{
	struct tl_norm_opts o = { .date_column = "when" };
	struct tl_normaliser *n = tl_normaliser_new(&o);
	const char *h[] = { "Permission", "When", "Last update" };
	const char *c[] = { "A.Read", "2024-01", "2023-01" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 3, c, 1);

	(void)state;
	assert_non_null(n);
	assert_int_equal(tl_normalise(n, page, &d), 0);
	assert_int_equal(page->tables[0].date_column, 1);
	expect_field(&page->tables[0].rows[0], TL_LAST_UPDATE, "2024-01");
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
	tl_normaliser_free(n);
}

static void
datecol_option_by_key(void **state)
{
	struct tl_norm_opts o = { .date_column = "first_seen" };
	struct tl_normaliser *n = tl_normaliser_new(&o);
	const char *h[] = { "Permission", "First seen!" };
	const char *c[] = { "A.Read", "Seen on 5 May 2024" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);

	(void)state;
	assert_int_equal(tl_normalise(n, page, &d), 0);
	assert_int_equal(page->tables[0].date_column, 1);
	expect_field(&page->tables[0].rows[0], TL_LAST_UPDATE, "2024-05-05");
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	tl_page_free(page);
	tl_normaliser_free(n);
}

static void
datecol_option_missing_warns(void **state)
{
	struct tl_norm_opts o = { .date_column = "Released" };
	struct tl_normaliser *n = tl_normaliser_new(&o);
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A.Read", "Dec 2023" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);

	(void)state;
	assert_int_equal(tl_normalise(n, page, &d), 0);
	assert_int_equal(page->tables[0].date_column, 1);
	assert_int_equal(d.n, 1);
	expect_diag(&d, 0, TL_WARNING, 0,
	    "no column 'Released' for --date-column");
	tl_diags_free(&d);
	tl_page_free(page);
	tl_normaliser_free(n);
}

static void
date_unrecognised_warns(void **state)
{
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A.Read", "Coming  soon", "B.Read", "2019 年" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);
	struct tl_table *t = &page->tables[0];

	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 2);
	expect_diag(&d, 0, TL_WARNING, 3, "unrecognised date 'Coming soon'");
	expect_diag(&d, 1, TL_WARNING, 4, "unrecognised date '2019 年'");
	expect_field(&t->rows[0], TL_LAST_UPDATE, NULL);
	expect_field(&t->rows[0], TL_LAST_UPDATE_TEXT, "Coming soon");
	assert_int_equal(t->rows[0].date.year, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
date_placeholder_silent(void **state)
{
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A.Read", "\xE2\x80\x94", "B.Read", "-" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);

	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(page->tables[0].rows[1].date.year, 0);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
label_column_choice(void **state)
{
	const char *h1[] = { "API", "Scope" };
	const char *h2[] = { "Feature", "Module" };
	struct tl_diags d = {0};
	struct tl_page *p1 = make_page("T", h1, 2, NULL, 0);
	struct tl_page *p2 = make_page("T", h2, 2, NULL, 0);

	normalise_ok(state, p1, &d);
	normalise_ok(state, p2, &d);
	assert_int_equal(p1->tables[0].label_column, 1);
	assert_int_equal(p2->tables[0].label_column, 0);
	tl_diags_free(&d);
	tl_page_free(p1);
	tl_page_free(p2);
}

static void
row_display_name_column(void **state)
{
	const char *h[] = { "Role", "Role Id", "Display Name", "Description" };
	const char *c[] = { "Group.Read.All", "b5c7", "Read all groups (preview)",
	    "Allows  the app" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 4, c, 1);
	const struct tl_row *r = &page->tables[0].rows[0];

	normalise_ok(state, page, &d);
	expect_field(r, TL_PERMISSION, "Group.Read.All");
	expect_field(r, TL_DISPLAY_NAME, "Read all groups (preview)");
	expect_field(r, TL_QUALIFIER, NULL);
	expect_field(r, TL_PURPOSE, "Allows the app");
	expect_field(r, TL_API, NULL);
	tl_diags_free(&d);
	tl_page_free(page);
}

/* ---- whole pages --------------------------------------------------- */

static void
page_end_to_end(void **state)
{
	const char *h[] = { " API ", "Permission\xC2\xA0name", "Type",
	    "Purpose", "Date", "Is newly required?" };
	const char *c[] = {
		"Microsoft Graph", "Mail.Send (preview)(Send mail  as any user)",
		"Application", "Sends\nreports", "Insider: Dec 2023 Production: 5 March 2024", "No",
		"", "Sites.FullControl.All\n(Have full control)", "Delegated",
		"", "", "",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("  My  Page ", h, 6, c, 2);
	struct tl_table *t = &page->tables[0];

	tl_strlist_add(page, &page->intro, "  First\xC2\xA0 paragraph. ");
	tl_strlist_add(page, &page->intro, " \n ");
	tl_strlist_add(page, &page->breadcrumb, "Home ");
	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(page->title, "My Page");
	assert_string_equal(page->slug, "my-page");
	assert_int_equal(page->intro.n, 1);
	assert_string_equal(page->intro.v[0], "First paragraph.");
	assert_string_equal(page->breadcrumb.v[0], "Home");
	assert_string_equal(t->columns[0].header, "API");
	assert_string_equal(t->columns[1].header, "Permission name");
	assert_string_equal(t->columns[5].key, "is_newly_required");
	assert_int_equal(t->date_column, 4);
	assert_int_equal(t->label_column, 1);
	assert_int_equal(t->nrows, 2);
	expect_field(&t->rows[0], TL_API, "Microsoft Graph");
	expect_field(&t->rows[0], TL_PERMISSION, "Mail.Send");
	expect_field(&t->rows[0], TL_QUALIFIER, "preview");
	expect_field(&t->rows[0], TL_DISPLAY_NAME, "Send mail as any user");
	expect_field(&t->rows[0], TL_TYPE, "Application");
	expect_field(&t->rows[0], TL_PURPOSE, "Sends\nreports");
	expect_field(&t->rows[0], TL_LAST_UPDATE, "2024-03-05");
	expect_field(&t->rows[0], TL_LAST_UPDATE_TEXT,
	    "Insider: Dec 2023 Production: 5 March 2024");
	assert_string_equal(t->rows[0].cells[5], "No");
	expect_field(&t->rows[1], TL_API, NULL);
	expect_field(&t->rows[1], TL_PERMISSION, "Sites.FullControl.All");
	expect_field(&t->rows[1], TL_DISPLAY_NAME, "Have full control");
	expect_field(&t->rows[1], TL_PURPOSE, NULL);
	expect_field(&t->rows[1], TL_LAST_UPDATE, NULL);
	tl_diags_free(&d);
	tl_page_free(page);
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* Split "| a | b |" into cells, in place (the page has no '|' in cells). */
static size_t
pipe_cells(char *line, const char **cells, size_t max)
{
	size_t n = 0;
	char *p = line + 1, *bar;

	while (n < max && (bar = strchr(p, '|')) != NULL) {
		*bar = '\0';
		cells[n++] = p;
		p = bar + 1;
	}
	return n;
}

static void
page_model(void **state)
{
	char *text = slurp("input/cloud-backup-for-azure.md");
	struct tl_page *page = tl_page_new("cloud-backup-for-azure.md");
	struct tl_table *t = NULL;
	struct tl_diags d = {0};
	char *line, *save = NULL;
	unsigned lineno = 0;
	int months[13 * 4] = {0}, nmonths = 0, dated = 0;
	size_t i;

	/* The page is in the repository: missing means the wrong folder. */
	if (text == NULL) {
		tl_page_free(page);
		fail_msg("cannot read input/cloud-backup-for-azure.md "
		    "(run from the repository root)");
	}
	page->title = tl_strdup(page, "Cloud Backup for Azure");
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *cells[8];
		size_t n;

		lineno++;
		if (line[0] != '|' || strncmp(line, "|---", 4) == 0)
			continue;
		n = pipe_cells(line, cells, 8);
		if (t == NULL) {
			t = tl_page_add_table(page, lineno);
			tl_table_set_header(page, t, cells, n);
		} else
			tl_table_add_row(page, t, lineno, cells, n);
	}
	assert_non_null(t);
	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(page->slug, "cloud-backup-for-azure");
	assert_int_equal(t->nrows, 23);
	assert_int_equal(t->date_column, 4);
	for (i = 0; i < t->nrows; i++) {
		const struct tl_date *dt = &t->rows[i].date;
		int k;

		if (dt->year == 0)
			continue;
		dated++;
		k = (dt->year - 2022) * 13 + dt->month;
		if (months[k]++ == 0)
			nmonths++;
	}
	assert_int_equal(dated, 15);
	assert_int_equal(nmonths, 10);
	/* Line 22: the preview row. */
	assert_int_equal(t->rows[16].line, 22);
	expect_field(&t->rows[16], TL_PERMISSION,
	    "UserAuthenticationMethod.ReadWrite.All");
	expect_field(&t->rows[16], TL_QUALIFIER, "preview");
	expect_field(&t->rows[16], TL_DISPLAY_NAME,
	    "Read and write all users' authentication methods");
	expect_field(&t->rows[16], TL_LAST_UPDATE, "2022-11");
	/* Lines 24 and 25: one permission, two types, both kept. */
	expect_field(&t->rows[18], TL_PERMISSION,
	    "DeviceManagementApps.ReadWrite.All");
	expect_field(&t->rows[19], TL_PERMISSION,
	    "DeviceManagementApps.ReadWrite.All");
	expect_field(&t->rows[18], TL_TYPE, "Application");
	expect_field(&t->rows[19], TL_TYPE, "Delegated");
	expect_field(&t->rows[22], TL_API, "Office 365 Exchange Online");
	tl_diags_free(&d);
	tl_page_free(page);
	free(text);
}

/* ---- size ---------------------------------------------------------- */

/* A 10 MB cell of date-like and paren noise goes through in linear time
 * (a quadratic scan would take minutes here, not milliseconds). */
static void
big_cell(void **state)
{
	size_t n = 10 * 1024 * 1024, i;
	char *s = malloc(n + 32);
	struct buf a = {0}, b = {0}, c = {0};
	struct tl_date date;

	for (i = 0; i < n; i++)
		s[i] = "12/( 2023)Dec "[i % 14];
	strcpy(s + n, " April 2025");
	assert_int_equal(tl_parse_dates(*state, s, &date), 1);
	assert_int_equal(date.year, 2025);
	assert_int_equal(date.month, 4);
	(void)tl_split_permission(*state, s, &a, &b, &c);
	buf_reset(&a);
	tl_fold_text(&a, s, strlen(s), NULL);
	assert_true(a.len > n / 2);
	free(s);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}


/* ---- other languages' headers -------------------------------------- */

static void header_german(void **s) { (void)s;
	assert_int_equal(tl_header_field("Berechtigung"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Berechtigungstyp"), TL_TYPE);
	assert_int_equal(tl_header_field("Typ"), TL_TYPE);
	assert_int_equal(tl_header_field("Beschreibung"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Zweck"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Anzeigezeichenfolge"),
	    TL_DISPLAY_NAME);
	assert_int_equal(tl_header_field("Zuletzt aktualisiert"),
	    TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Ressource"), TL_API);
	assert_int_equal(tl_header_field("Qualifizierer"), TL_QUALIFIER); }
static void header_french(void **s) { (void)s;
	assert_int_equal(tl_header_field("Autorisation"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Objectif"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Nom d'affichage"), TL_DISPLAY_NAME);
	assert_int_equal(tl_header_field("Dernière mise à jour"),
	    TL_LAST_UPDATE);
	/* Case, accents and apostrophes do not matter. */
	assert_int_equal(tl_header_field("DERNIÈRE MISE À JOUR"),
	    TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Derniere mise a jour"),
	    TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Nom d’affichage"), TL_DISPLAY_NAME); }
static void header_spanish(void **s) { (void)s;
	assert_int_equal(tl_header_field("Permiso"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Tipo"), TL_TYPE);
	assert_int_equal(tl_header_field("Descripción"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Fecha"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Nombre para mostrar"),
	    TL_DISPLAY_NAME); }
static void header_portuguese(void **s) { (void)s;
	assert_int_equal(tl_header_field("Permissão"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Tipo de permissão"), TL_TYPE);
	assert_int_equal(tl_header_field("Descrição"), TL_PURPOSE); }
static void header_japanese_more(void **s) { (void)s;
	assert_int_equal(tl_header_field("表示文字列"), TL_DISPLAY_NAME);
	assert_int_equal(tl_header_field("アクセス許可の種類"), TL_TYPE);
	/* Full-width letters and an ideographic space are ASCII's. */
	assert_int_equal(tl_header_field("ＤＥＳＣＲＩＰＴＩＯＮ"), TL_PURPOSE);
	assert_int_equal(tl_header_field("Ｌａｓｔ　ｕｐｄａｔｅ"),
	    TL_LAST_UPDATE);
	/* 変更の種類 (kind of change) is not 種類 (type). */
	assert_int_equal(tl_header_field("変更の種類"), TL_EXTRA); }
static void header_graph(void **s) { (void)s;
	assert_int_equal(tl_header_field("Least privileged permissions"),
	    TL_PERMISSION);
	assert_int_equal(tl_header_field("Least privileged permission"),
	    TL_PERMISSION);
	assert_int_equal(tl_header_field("Higher privileged permissions"),
	    TL_HIGHER_PRIVILEGED);
	assert_int_equal(tl_header_field("Permissions (from least to most "
	    "privileged)"), TL_PERMISSION);
	assert_int_equal(tl_header_field("Berechtigungen (von der "
	    "Berechtigung mit den wenigsten Rechten zu der mit den meisten "
	    "Rechten)"), TL_PERMISSION);
	assert_int_equal(tl_header_field("アクセス許可 (特権の小さいものから"
	    "大きいものへ)"), TL_PERMISSION); }
static void header_bracket(void **s) { (void)s;
	assert_int_equal(tl_header_field("Last update (UTC)"), TL_LAST_UPDATE);
	assert_int_equal(tl_header_field("Type（必須）"), TL_TYPE);
	assert_int_equal(tl_header_field("Notes (see below)"), TL_EXTRA); }

/* ---- the vendors' table shapes ------------------------------------- */

/* A page of one table, normalised with no diagnostic. */
static struct tl_page *
shaped(void **state, const char *const *h, size_t ncol,
    const char *const *c, size_t nrows)
{
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, ncol, c, nrows);

	normalise_ok(state, page, &d);
	if (d.n > 0)
		fprintf(stderr, "unexpected: %s\n", d.v[0].message);
	assert_int_equal(d.n, 0);
	tl_diags_free(&d);
	return page;
}

static void
expect_higher(const struct tl_row *r, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_non_null(r->f[TL_HIGHER_PRIVILEGED]);
	assert_int_equal(r->higher.n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(r->higher.v[i], va_arg(ap, const char *));
	va_end(ap);
}

static void
shape_graph_include(void **state)
{
	const char *h[] = { "Permission type", "Least privileged permissions",
	    "Higher privileged permissions" };
	const char *c[] = {
		"Delegated (work or school account)", "User.Read",
		    "User.ReadWrite, User.Read.All",
		"Delegated (personal Microsoft account)", "Not supported.",
		    "Not supported.",
		"Application", "User.Read.All", "Not available.",
	};
	struct tl_page *page = shaped(state, h, 3, c, 3);
	const struct tl_table *t = &page->tables[0];

	assert_string_equal(t->columns[1].key, "permission");
	assert_string_equal(t->columns[2].key, "higher_privileged");
	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	expect_field(&t->rows[0], TL_TYPE_QUALIFIER, "work or school account");
	expect_field(&t->rows[0], TL_TYPE_TEXT, NULL);
	expect_field(&t->rows[0], TL_PERMISSION, "User.Read");
	expect_higher(&t->rows[0], 2, "User.ReadWrite", "User.Read.All");
	expect_field(&t->rows[0], TL_HIGHER_PRIVILEGED,
	    "User.ReadWrite, User.Read.All");
	assert_false(t->rows[0].unsupported);
	expect_field(&t->rows[1], TL_PERMISSION, NULL);
	expect_field(&t->rows[1], TL_TYPE_QUALIFIER,
	    "personal Microsoft account");
	assert_true(t->rows[1].unsupported);
	expect_higher(&t->rows[1], 0);
	assert_string_equal(t->rows[1].cells[1], "Not supported.");
	expect_field(&t->rows[2], TL_TYPE, "Application");
	expect_field(&t->rows[2], TL_TYPE_QUALIFIER, NULL);
	expect_higher(&t->rows[2], 0);
	assert_false(t->rows[2].unsupported);
	tl_page_free(page);
}

static void
shape_graph_older_german(void **state)
{
	const char *h[] = { "Berechtigungstyp", "Berechtigungen (von der "
	    "Berechtigung mit den wenigsten Rechten zu der mit den meisten "
	    "Rechten)" };
	const char *c[] = {
		"Delegiert (Geschäfts-, Schul- oder Unikonto)",
		    "User.ReadBasic.All, User.Read.All",
		"Delegiert (persönliches Microsoft-Konto)", "Nicht unterstützt",
		"Anwendung", "User.Read.All",
	};
	struct tl_page *page = shaped(state, h, 2, c, 3);
	const struct tl_table *t = &page->tables[0];

	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	expect_field(&t->rows[0], TL_TYPE_TEXT,
	    "Delegiert (Geschäfts-, Schul- oder Unikonto)");
	expect_field(&t->rows[0], TL_TYPE_QUALIFIER,
	    "Geschäfts-, Schul- oder Unikonto");
	expect_field(&t->rows[0], TL_PERMISSION, "User.ReadBasic.All");
	expect_higher(&t->rows[0], 1, "User.Read.All");
	assert_true(t->rows[1].unsupported);
	expect_field(&t->rows[1], TL_PERMISSION, NULL);
	expect_field(&t->rows[2], TL_TYPE, "Application");
	expect_field(&t->rows[2], TL_TYPE_TEXT, "Anwendung");
	expect_field(&t->rows[2], TL_PERMISSION, "User.Read.All");
	expect_higher(&t->rows[2], 0);
	tl_page_free(page);
}

static void
shape_graph_older_japanese(void **state)
{
	const char *h[] = { "アクセス許可の種類",
	    "アクセス許可 (特権の小さいものから大きいものへ)" };
	const char *c[] = {
		"委任 (職場または学校のアカウント)",
		    "User.Read、User.ReadWrite、Directory.Read.All",
		"委任 (個人用 Microsoft アカウント)", "サポートされていません。",
		"アプリケーション", "JoinGroupCallsasGuest。すべての呼び出し",
	};
	struct tl_page *page = shaped(state, h, 2, c, 3);
	const struct tl_table *t = &page->tables[0];

	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	expect_field(&t->rows[0], TL_TYPE_QUALIFIER, "職場または学校のアカウント");
	expect_field(&t->rows[0], TL_PERMISSION, "User.Read");
	expect_higher(&t->rows[0], 2, "User.ReadWrite", "Directory.Read.All");
	assert_true(t->rows[1].unsupported);
	expect_field(&t->rows[2], TL_TYPE_TEXT, "アプリケーション");
	/* A sentence is no list of names: kept whole, no higher ones. */
	expect_field(&t->rows[2], TL_PERMISSION,
	    "JoinGroupCallsasGuest。すべての呼び出し");
	expect_field(&t->rows[2], TL_HIGHER_PRIVILEGED, NULL);
	tl_page_free(page);
}

/* A plain `Permissions` column of several names is not read as ordered. */
static void
shape_list_not_ordered(void **state)
{
	const char *h[] = { "Type", "Permissions" };
	const char *c[] = { "Application", "A.Read, B.Read" };
	struct tl_page *page = shaped(state, h, 2, c, 1);

	expect_field(&page->tables[0].rows[0], TL_PERMISSION, "A.Read, B.Read");
	expect_field(&page->tables[0].rows[0], TL_HIGHER_PRIVILEGED, NULL);
	tl_page_free(page);
}

static void
expect_type(void **state, const char *cell, const char *type,
    const char *text, const char *qualifier)
{
	const char *h[] = { "Permission", "Type" };
	const char *c[] = { "A.Read", cell };
	struct tl_page *page = shaped(state, h, 2, c, 1);
	const struct tl_row *r = &page->tables[0].rows[0];

	expect_field(r, TL_TYPE, type);
	expect_field(r, TL_TYPE_TEXT, text);
	expect_field(r, TL_TYPE_QUALIFIER, qualifier);
	tl_page_free(page);
}

static void type_german(void **s) {
	expect_type(s, "Anwendung", "Application", "Anwendung", NULL);
	expect_type(s, "Delegiert", "Delegated", "Delegiert", NULL); }
static void type_french(void **s) {
	expect_type(s, "Application", "Application", NULL, NULL);
	expect_type(s, "Déléguée", "Delegated", "Déléguée", NULL);
	expect_type(s, "Délégué", "Delegated", "Délégué", NULL); }
static void type_spanish(void **s) {
	expect_type(s, "Aplicación", "Application", "Aplicación", NULL);
	expect_type(s, "Delegado", "Delegated", "Delegado", NULL); }
static void type_portuguese(void **s) {
	expect_type(s, "Aplicativo", "Application", "Aplicativo", NULL);
	expect_type(s, "Delegado (conta pessoal da Microsoft)", "Delegated",
	    "Delegado (conta pessoal da Microsoft)",
	    "conta pessoal da Microsoft"); }
static void type_japanese(void **s) {
	expect_type(s, "アプリケーション", "Application", "アプリケーション",
	    NULL);
	expect_type(s, "委任済み", "Delegated", "委任済み", NULL);
	expect_type(s, "委任", "Delegated", "委任", NULL);
	expect_type(s, "委任（職場のアカウント）", "Delegated",
	    "委任（職場のアカウント）", "職場のアカウント"); }
static void type_english(void **s) {
	expect_type(s, "delegated", "Delegated", NULL, NULL);
	expect_type(s, "Application permission", "Application", NULL, NULL);
	expect_type(s, "Delegated (work or school account)", "Delegated", NULL,
	    "work or school account"); }
static void type_unknown_kept(void **s) {
	expect_type(s, "Both", "Both", NULL, NULL);
	expect_type(s, "Delegated, Application", "Delegated, Application",
	    NULL, NULL); }

static void
shape_flags_one_row_per_type(void **state)
{
	const char *h[] = { "Permission", "Delegated", "Type: Application",
	    "Description" };
	const char *c[] = {
		"Mail.Read", "✔", "✔️", "Reads mail.",
		"Mail.Send", "Yes", "", "Sends mail.",
		"User.Read", "-", "No", "Signs in.",
	};
	struct tl_page *page = shaped(state, h, 4, c, 3);
	const struct tl_table *t = &page->tables[0];

	assert_int_equal(t->nrows, 4);
	assert_int_equal(tl_table_field_column(t, TL_TYPE), -1);
	assert_string_equal(t->columns[1].key, "delegated");
	assert_string_equal(t->columns[2].key, "type_application");
	expect_field(&t->rows[0], TL_PERMISSION, "Mail.Read");
	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	assert_string_equal(t->rows[0].cells[1], "✔");
	assert_string_equal(t->rows[0].cells[2], "");
	expect_field(&t->rows[1], TL_PERMISSION, "Mail.Read");
	expect_field(&t->rows[1], TL_TYPE, "Application");
	assert_string_equal(t->rows[1].cells[1], "");
	assert_string_equal(t->rows[1].cells[2], "✔️");
	expect_field(&t->rows[2], TL_TYPE, "Delegated");
	expect_field(&t->rows[3], TL_PERMISSION, "User.Read");
	expect_field(&t->rows[3], TL_TYPE, NULL);
	tl_page_free(page);
}

static void
shape_flags_other_languages(void **state)
{
	const char *h[] = { "Berechtigung", "Delegiert", "Anwendung",
	    "アプリケーション" };
	const char *c[] = {
		"Files.Read", "Ja", "Nein", "",
		"Files.Read.All", "", "", "はい",
	};
	struct tl_page *page = shaped(state, h, 4, c, 2);
	const struct tl_table *t = &page->tables[0];

	assert_int_equal(t->nrows, 2);
	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	expect_field(&t->rows[0], TL_TYPE_TEXT, NULL);
	expect_field(&t->rows[1], TL_TYPE, "Application");
	tl_page_free(page);
}

/* A column headed by a type but holding other text is no flag column. */
static void
shape_flags_need_flags(void **state)
{
	const char *h[] = { "Field", "Application", "Delegated" };
	const char *c[] = { "Identifier", "d07a8cc0", "ebfcd32b" };
	struct tl_page *page = shaped(state, h, 3, c, 1);

	assert_int_equal(page->tables[0].nrows, 1);
	expect_field(&page->tables[0].rows[0], TL_TYPE, NULL);
	assert_string_equal(page->tables[0].columns[1].key, "application");
	tl_page_free(page);
}

static void
shape_transposed(void **state)
{
	const char *h[] = { "Category", "Application", "Delegated" };
	const char *c[] = {
		"Identifier", "d07a8cc0", "ebfcd32b",
		"DisplayText", "Read all access reviews", "Read yours",
		"AdminConsentRequired", "Yes", "No",
	};
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 3, c, 3);
	const struct tl_table *t;

	tl_strlist_add(page, &page->tables[0].headings, "All permissions");
	tl_strlist_add(page, &page->tables[0].headings,
	    "AccessReview.Read.All");
	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 0);
	t = &page->tables[0];
	assert_int_equal(t->ncolumns, 5);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->columns[2].key, "id");
	assert_string_equal(t->columns[4].key, "admin_consent_required");
	expect_field(&t->rows[0], TL_PERMISSION, "AccessReview.Read.All");
	expect_field(&t->rows[0], TL_TYPE, "Application");
	expect_field(&t->rows[0], TL_DISPLAY_NAME, "Read all access reviews");
	assert_string_equal(t->rows[0].cells[2], "d07a8cc0");
	expect_field(&t->rows[1], TL_TYPE, "Delegated");
	assert_string_equal(t->rows[1].cells[4], "No");
	assert_int_equal(t->rows[1].line, 3);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
expect_heading_type(void **state, const char *const *headings, size_t n,
    const char *const *h, const char *type, const char *qualifier)
{
	const char *c[] = { "A.Read", "Reads." };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);
	size_t i;

	for (i = 0; i < n; i++)
		tl_strlist_add(page, &page->tables[0].headings, headings[i]);
	normalise_ok(state, page, &d);
	expect_field(&page->tables[0].rows[0], TL_TYPE, type);
	expect_field(&page->tables[0].rows[0], TL_TYPE_QUALIFIER, qualifier);
	expect_field(&page->tables[0].rows[0], TL_TYPE_TEXT, NULL);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void heading_type_english(void **s) {
	const char *hd[] = { "Permissions", "Application permissions" };
	const char *h[] = { "Permission", "Description" };
	expect_heading_type(s, hd, 2, h, "Application", NULL); }
static void heading_type_german(void **s) {
	const char *hd[] = { "Kalenderberechtigungen",
	    "Delegierte Berechtigungen" };
	const char *h[] = { "Berechtigung", "Beschreibung" };
	expect_heading_type(s, hd, 2, h, "Delegated", NULL); }
static void heading_type_japanese(void **s) {
	const char *hd[] = { "アクセス レビューのアクセス許可",
	    "委任されたアクセス許可" };
	const char *h[] = { "アクセス許可", "説明" };
	expect_heading_type(s, hd, 2, h, "Delegated", NULL); }
static void heading_type_outer(void **s) {
	/* The nearest heading that names a type, not the nearest heading. */
	const char *hd[] = { "Delegated permissions (work or school account)",
	    "Mail" };
	const char *h[] = { "Permission", "Description" };
	expect_heading_type(s, hd, 2, h, "Delegated",
	    "work or school account"); }
static void heading_type_none(void **s) {
	const char *hd[] = { "Delegated permissions, application permissions "
	    "and effective permissions" };
	const char *h[] = { "Permission", "Description" };
	expect_heading_type(s, hd, 1, h, NULL, NULL); }
static void
heading_type_needs_permissions(void **state)
{
	/* A table of something else under such a heading keeps no type. */
	const char *c[] = { "Open the portal", "Sign in first." };
	const char *h[] = { "Step", "Description" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);

	tl_strlist_add(page, &page->tables[0].headings,
	    "Application permissions");
	normalise_ok(state, page, &d);
	expect_field(&page->tables[0].rows[0], TL_TYPE, NULL);
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
heading_type_column_wins(void **state)
{
	const char *c[] = { "A.Read", "Delegated" };
	const char *h[] = { "Permission", "Type" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 1);

	tl_strlist_add(page, &page->tables[0].headings,
	    "Application permissions");
	normalise_ok(state, page, &d);
	expect_field(&page->tables[0].rows[0], TL_TYPE, "Delegated");
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
content_permission_and_display(void **state)
{
	const char *h[] = { "Nom", "Libellé", "Notes" };
	const char *c[] = {
		"User.Read.All", "Lire tous les utilisateurs", "x",
		"offline_access", "Garder l'accès", "",
		"", "", "y",
	};
	struct tl_page *page = shaped(state, h, 3, c, 3);
	const struct tl_table *t = &page->tables[0];

	assert_int_equal(t->columns[0].field, TL_PERMISSION);
	assert_int_equal(t->columns[1].field, TL_DISPLAY_NAME);
	assert_int_equal(t->columns[2].field, TL_EXTRA);
	assert_int_equal(t->label_column, 0);
	expect_field(&t->rows[0], TL_PERMISSION, "User.Read.All");
	expect_field(&t->rows[0], TL_DISPLAY_NAME,
	    "Lire tous les utilisateurs");
	tl_page_free(page);
}

/* Plain words, or names beside a known permission column, stay extra. */
static void
content_permission_not_words(void **state)
{
	const char *h[] = { "Feature", "Required additional permissions" };
	const char *c[] = { "Import", "No", "Create", "Sites.Read.All" };
	const char *h2[] = { "Constant", "Description" };
	const char *c2[] = { "RTLD_LAZY", "Lazy binding.", "RTLD_NOW",
	    "Binding now." };
	struct tl_page *page = shaped(state, h, 2, c, 2);

	assert_int_equal(page->tables[0].columns[1].field, TL_EXTRA);
	assert_int_equal(page->tables[0].label_column, 0);
	tl_page_free(page);
	/* Constants are not scopes. */
	page = shaped(state, h2, 2, c2, 2);
	assert_int_equal(page->tables[0].columns[0].field, TL_EXTRA);
	tl_page_free(page);
}

static void
content_type_column(void **state)
{
	const char *h[] = { "Permission", "Sorte" };
	const char *c[] = { "A.Read", "Application", "B.Read", "Déléguée",
	    "C.Read", "" };
	struct tl_page *page = shaped(state, h, 2, c, 3);

	assert_int_equal(page->tables[0].columns[1].field, TL_TYPE);
	expect_field(&page->tables[0].rows[1], TL_TYPE, "Delegated");
	expect_field(&page->tables[0].rows[1], TL_TYPE_TEXT, "Déléguée");
	tl_page_free(page);
}

/* Placeholders and a cell with labels around its dates do not stop a
 * column from being the date column; other text does. */
static void
content_date_column_placeholders(void **state)
{
	const char *h[] = { "Permission", "Quand", "Remarque" };
	const char *c[] = {
		"A.Read", "TBD", "soon",
		"B.Read", "Insider: Dec 2023 Production: 5 March 2024", "ok",
		"C.Read", "—", "",
		"D.Read", "k. A.", "12 May 2024",
	};
	struct tl_page *page = shaped(state, h, 3, c, 4);

	assert_int_equal(page->tables[0].date_column, 1);
	expect_field(&page->tables[0].rows[1], TL_LAST_UPDATE, "2024-03-05");
	expect_field(&page->tables[0].rows[0], TL_LAST_UPDATE, NULL);
	tl_page_free(page);
}

static void
date_placeholders_no_warning(void **state)
{
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A", "TBD", "B", "N/A", "C", "None", "D", "Not yet",
	    "E", "n/a", "F", "k. A.", "G", "—", "H", "–", "I", "-",
	    "J", "soon" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 10);

	normalise_ok(state, page, &d);
	assert_int_equal(d.n, 1);
	expect_diag(&d, 0, TL_WARNING, 12, "unrecognised date 'soon'");
	tl_diags_free(&d);
	tl_page_free(page);
}

static void
date_normalized_cells(void **state)
{
	struct tl_norm_opts o = { .normalize_dates = 1 };
	struct tl_normaliser *n = tl_normaliser_new(&o);
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A.Read", "13. Juli 2021", "B.Read", "TBD" };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 2);

	(void)state;
	assert_int_equal(tl_normalise(n, page, &d), 0);
	assert_string_equal(page->tables[0].rows[0].cells[1], "13 July 2021");
	expect_field(&page->tables[0].rows[0], TL_LAST_UPDATE_TEXT,
	    "13. Juli 2021");
	assert_string_equal(page->tables[0].rows[1].cells[1], "TBD");
	tl_diags_free(&d);
	tl_page_free(page);
	tl_normaliser_free(n);
}

static void date_german(void **s) {
	expect_date(s, "13. Juli 2021", 1, 2021, 7, 13);
	expect_date(s, "2. März 2022", 1, 2022, 3, 2);
	expect_date(s, "MÄRZ 2019", 1, 2019, 3, 0);
	expect_date(s, "Dez. 2023", 1, 2023, 12, 0);
	expect_date(s, "1. Okt 2020", 1, 2020, 10, 1); }
static void date_french(void **s) {
	expect_date(s, "5 juillet 2023", 1, 2023, 7, 5);
	expect_date(s, "12 févr. 2024", 1, 2024, 2, 12);
	expect_date(s, "1er mars 2024", 1, 2024, 3, 1);
	expect_date(s, "août 2022", 1, 2022, 8, 0);
	expect_date(s, "3 décembre 2021", 1, 2021, 12, 3); }
static void date_spanish(void **s) {
	expect_date(s, "5 de julio de 2023", 1, 2023, 7, 5);
	expect_date(s, "12 de enero de 2023", 1, 2023, 1, 12);
	expect_date(s, "julio de 2023", 1, 2023, 7, 0);
	expect_date(s, "3 dic. 2021", 1, 2021, 12, 3); }
static void date_portuguese(void **s) {
	expect_date(s, "5 de julho de 2023", 1, 2023, 7, 5);
	expect_date(s, "março de 2024", 1, 2024, 3, 0); }
static void date_japanese_more(void **s) {
	expect_date(s, "2023年7月5日", 1, 2023, 7, 5);
	expect_date(s, "2023 年 12 月", 1, 2023, 12, 0); }
static void date_mon_dd_yy(void **s) {
	expect_date(s, "Aug-04-21", 1, 2021, 8, 4);
	expect_date(s, "Aug-04-2021", 1, 2021, 8, 4);
	expect_no_date(s, "Aug-32-21"); }
static void date_ymd_slash(void **s) {
	expect_date(s, "2026/07/14", 1, 2026, 7, 14); }
static void date_ranges(void **s) {
	expect_date(s, "Nov-Dec 2022", 1, 2022, 12, 0);
	expect_date(s, "2022-11 – 2022-12", 2, 2022, 12, 0);
	expect_date(s, "Nov 2022 - Jan 2023", 2, 2023, 1, 0); }
static void date_month_words_need_a_year(void **s) {
	/* "Mai" and "mars" are months only beside a year. */
	expect_no_date(s, "Mai");
	expect_no_date(s, "Set up in March");
	/* Abbreviations that are English words count with their dot. */
	expect_no_date(s, "Rolled out 2023");
	expect_no_date(s, "2 years ago 2023");
	expect_date(s, "5 de out. de 2023", 1, 2023, 10, 5);
	expect_date(s, "ago. 2023", 1, 2023, 8, 0); }

/* ---- markup folds with its text ----------------------------------- */

/* Cell (row, col) of the page's table gets the n marks (kind, start,
 * end). */
static void
mark_row_cell(struct tl_page *page, size_t row, size_t col, size_t n,
    const unsigned *v)
{
	struct tl_table *t = &page->tables[0];
	struct tl_mark m[8];
	size_t i;

	for (i = 0; i < n; i++) {
		m[i].kind = v[3 * i];
		m[i].start = v[3 * i + 1];
		m[i].end = v[3 * i + 2];
		m[i].href = m[i].kind == TL_MARK_LINK ? "https://x.example/" :
		    NULL;
	}
	tl_row_set_markup(page, t, &t->rows[row], col,
	    tl_markup_copy(page, m, n));
}

static void
mark_cell(struct tl_page *page, size_t col, size_t n, const unsigned *v)
{
	mark_row_cell(page, 0, col, n, v);
}

static void
expect_mark(const struct tl_row *r, size_t col, size_t i, unsigned kind,
    const char *want)
{
	const struct tl_markup *m = tl_cell_markup(r, col);

	assert_non_null(m);
	assert_true(i < m->n);
	assert_int_equal(m->v[i].kind, kind);
	assert_int_equal(m->v[i].end - m->v[i].start, strlen(want));
	assert_memory_equal(r->cells[col] + m->v[i].start, want, strlen(want));
}

/* Runs of white space, NBSP, blank lines: each mark keeps its words. */
static void
markup_folds_with_text(void **state)
{
	static const char *const header[] = { "Permission", "Purpose" };
	static const char *const cells[] = {
		"X.Read",
		"  Read \xc2\xa0 the  guide\n\n\nnow \x01ok",
	};
	/* "the  guide" is 10..20, "guide" 15..20, "now \x01ok" 23..30 */
	static const unsigned marks[] = {
		TL_MARK_LINK, 10, 20, TL_MARK_CODE, 15, 20,
		TL_MARK_EM, 23, 30,
	};
	struct tl_page *page = make_page(NULL, header, 2, cells, 1);
	struct tl_diags d = {0};
	const struct tl_row *r;

	mark_cell(page, 1, 3, marks);
	normalise_ok(state, page, &d);
	r = &page->tables[0].rows[0];
	assert_string_equal(r->cells[1], "Read the guide\nnow ok");
	assert_int_equal(tl_cell_markup(r, 1)->n, 3);
	expect_mark(r, 1, 0, TL_MARK_LINK, "the guide");
	expect_mark(r, 1, 1, TL_MARK_CODE, "guide");
	expect_mark(r, 1, 2, TL_MARK_EM, "now ok");
	tl_diags_free(&d);
	tl_page_free(page);
}

/* A mark over only white space is gone once folded. */
static void
markup_empty_dropped(void **state)
{
	static const char *const header[] = { "Permission", "Purpose" };
	static const char *const cells[] = { "X.Read", "a \xc2\xa0 b" };
	static const unsigned marks[] = { TL_MARK_STRONG, 2, 4 };
	struct tl_page *page = make_page(NULL, header, 2, cells, 1);
	struct tl_diags d = {0};

	mark_cell(page, 1, 1, marks);
	normalise_ok(state, page, &d);
	assert_string_equal(page->tables[0].rows[0].cells[1], "a b");
	assert_null(tl_cell_markup(&page->tables[0].rows[0], 1));
	tl_diags_free(&d);
	tl_page_free(page);
}

/* A footnote mark at the end of a cell is not part of its field. */
static void
markup_footnote_not_in_field(void **state)
{
	static const char *const header[] = { "Permission", "Purpose" };
	static const char *const cells[] = { "Group.Read.All^1",
	    "Reads groups.^2" };
	static const unsigned m0[] = { TL_MARK_CODE, 0, 14,
	    TL_MARK_SUP, 14, 16 };
	static const unsigned m1[] = { TL_MARK_SUP, 13, 15 };
	struct tl_page *page = make_page(NULL, header, 2, cells, 1);
	struct tl_diags d = {0};
	const struct tl_row *r;

	mark_cell(page, 0, 2, m0);
	mark_cell(page, 1, 1, m1);
	normalise_ok(state, page, &d);
	r = &page->tables[0].rows[0];
	expect_field(r, TL_PERMISSION, "Group.Read.All");
	expect_field(r, TL_PURPOSE, "Reads groups.");
	assert_string_equal(r->cells[0], "Group.Read.All^1");
	tl_diags_free(&d);
	tl_page_free(page);
}

/* Marks never reach past their cell's text (the writers index by them). */
static void
expect_marks_in_step(const struct tl_table *t)
{
	size_t r, c, i;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncolumns; c++) {
			const struct tl_markup *m = tl_cell_markup(&t->rows[r],
			    c);

			for (i = 0; m != NULL && i < m->n; i++) {
				assert_true(m->v[i].start < m->v[i].end);
				assert_true(m->v[i].end <=
				    strlen(t->rows[r].cells[c]));
			}
		}
}

/*
 * Flag columns spread a row into one per type: the check mark blanked
 * in each copy loses its markup; the one kept keeps it, and the copies
 * do not share one list of marks (blanking one must not blank another).
 */
static void
markup_flag_rows(void **state)
{
	const char *h[] = { "Permission", "Delegated", "Application" };
	const char *c[] = { "Mail.Read", "Yes", "Yes", "Mail.Send", "Yes", "" };
	static const unsigned strong[] = { TL_MARK_STRONG, 0, 3 };
	static const unsigned link[] = { TL_MARK_LINK, 0, 3 };
	static const unsigned code[] = { TL_MARK_CODE, 0, 9 };
	struct tl_page *page = make_page("T", h, 3, c, 2);
	struct tl_diags d = {0};
	const struct tl_table *t;

	mark_row_cell(page, 0, 0, 1, code);
	mark_row_cell(page, 0, 1, 1, strong);
	mark_row_cell(page, 0, 2, 1, link);
	mark_row_cell(page, 1, 1, 1, strong);
	normalise_ok(state, page, &d);
	t = &page->tables[0];
	assert_int_equal(t->nrows, 3);
	expect_field(&t->rows[0], TL_TYPE, "Delegated");
	assert_string_equal(t->rows[0].cells[2], "");
	assert_null(tl_cell_markup(&t->rows[0], 2));
	expect_mark(&t->rows[0], 1, 0, TL_MARK_STRONG, "Yes");
	expect_mark(&t->rows[0], 0, 0, TL_MARK_CODE, "Mail.Read");
	expect_field(&t->rows[1], TL_TYPE, "Application");
	assert_string_equal(t->rows[1].cells[1], "");
	assert_null(tl_cell_markup(&t->rows[1], 1));
	expect_mark(&t->rows[1], 2, 0, TL_MARK_LINK, "Yes");
	expect_mark(&t->rows[1], 0, 0, TL_MARK_CODE, "Mail.Read");
	/* A row with one flag is kept as it was. */
	expect_mark(&t->rows[2], 1, 0, TL_MARK_STRONG, "Yes");
	expect_marks_in_step(t);
	tl_diags_free(&d);
	tl_page_free(page);
}

/* Graph's permission tables read transposed: each value keeps its
 * markup; the permission (a heading) and the type (a header) have none. */
static void
markup_transposed(void **state)
{
	const char *h[] = { "Category", "Application", "Delegated" };
	const char *c[] = {
		"Identifier", "d07a8cc0", "ebfcd32b",
		"DisplayText", "Read all access reviews", "Read yours",
		"AdminConsentRequired", "Yes", "No",
	};
	/* "access reviews" is 9..23; "yours" 5..10; the header cell too */
	static const unsigned link[] = { TL_MARK_LINK, 9, 23 };
	static const unsigned em[] = { TL_MARK_EM, 5, 10 };
	static const unsigned strong[] = { TL_MARK_STRONG, 0, 10 };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 3, c, 3);
	const struct tl_table *t;

	mark_row_cell(page, 1, 1, 1, link);
	mark_row_cell(page, 1, 2, 1, em);
	mark_row_cell(page, 0, 0, 1, strong);
	tl_strlist_add(page, &page->tables[0].headings,
	    "AccessReview.Read.All");
	normalise_ok(state, page, &d);
	t = &page->tables[0];
	assert_int_equal(t->nrows, 2);
	assert_int_equal(t->ncolumns, 5);
	assert_string_equal(t->rows[0].cells[3], "Read all access reviews");
	expect_mark(&t->rows[0], 3, 0, TL_MARK_LINK, "access reviews");
	assert_int_equal(tl_cell_markup(&t->rows[0], 3)->n, 1);
	assert_string_equal(tl_cell_markup(&t->rows[0], 3)->v[0].href,
	    "https://x.example/");
	expect_mark(&t->rows[1], 3, 0, TL_MARK_EM, "yours");
	assert_null(tl_cell_markup(&t->rows[0], 0));
	assert_null(tl_cell_markup(&t->rows[0], 1));
	assert_null(tl_cell_markup(&t->rows[0], 2));
	assert_null(tl_cell_markup(&t->rows[1], 2));
	expect_marks_in_step(t);
	tl_diags_free(&d);
	tl_page_free(page);
}

/*
 * --normalize-dates shows a date cell as tablog writes dates: a mark
 * over the whole date (a date that is a link) holds the whole new text,
 * a mark over part of it goes (its words are gone).
 */
static void
markup_normalized_date(void **state)
{
	struct tl_norm_opts o = { .normalize_dates = 1 };
	struct tl_normaliser *n = tl_normaliser_new(&o);
	const char *h[] = { "Permission", "Last update" };
	const char *c[] = { "A.Read", "13. Juli 2021", "B.Read", "Dez. 2023",
	    "C.Read", "13. Juli 2021" };
	/* "13. Juli 2021" is 13 bytes, "Juli" 4..8, "Dez." 0..4 */
	static const unsigned whole[] = { TL_MARK_LINK, 0, 13,
	    TL_MARK_EM, 4, 8 };
	static const unsigned part[] = { TL_MARK_STRONG, 0, 4 };
	struct tl_diags d = {0};
	struct tl_page *page = make_page("T", h, 2, c, 3);
	const struct tl_table *t;

	(void)state;
	mark_row_cell(page, 0, 1, 2, whole);
	mark_row_cell(page, 1, 1, 1, part);
	assert_int_equal(tl_normalise(n, page, &d), 0);
	t = &page->tables[0];
	assert_string_equal(t->rows[0].cells[1], "13 July 2021");
	assert_int_equal(tl_cell_markup(&t->rows[0], 1)->n, 1);
	expect_mark(&t->rows[0], 1, 0, TL_MARK_LINK, "13 July 2021");
	expect_field(&t->rows[0], TL_LAST_UPDATE_TEXT, "13. Juli 2021");
	assert_string_equal(t->rows[1].cells[1], "December 2023");
	assert_null(tl_cell_markup(&t->rows[1], 1));
	assert_null(tl_cell_markup(&t->rows[2], 1));
	expect_marks_in_step(t);
	tl_diags_free(&d);
	tl_page_free(page);
	tl_normaliser_free(n);
}

#define T(f) cmocka_unit_test(f)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(fold_nbsp), T(fold_tabs_and_runs), T(fold_lines_trimmed),
		T(fold_blank_lines_collapse), T(fold_leading_trailing_lines),
		T(fold_crlf), T(fold_unicode_spaces), T(fold_controls_dropped),
		T(fold_noncharacters_dropped),
		T(fold_nul_dropped), T(fold_empty), T(fold_only_space),
		T(fold_keeps_text), T(fold_appends),
		T(utf8_overlong_2), T(utf8_overlong_3), T(utf8_surrogate),
		T(utf8_truncated_end), T(utf8_truncated_mid), T(utf8_beyond_f4),
		T(utf8_above_max), T(utf8_stray_continuation),
		T(utf8_valid_four_byte), T(utf8_warning_once_per_string),
		T(header_api), T(header_permission), T(header_type),
		T(header_purpose), T(header_last_update),
		T(header_case_and_punct), T(header_japanese),
		T(header_corpus_synonyms), T(header_extra),
		T(header_slug_basic), T(header_slug_runs),
		T(header_slug_non_ascii), T(header_slug_only_symbols),
		T(columns_model), T(columns_extra_slug),
		T(columns_fallback_number), T(columns_non_ascii_keys),
		T(columns_unique_slugs),
		T(columns_first_canonical_wins), T(columns_reserved_names),
		T(columns_role_table), T(columns_role_alone),
		T(columns_japanese), T(columns_detected_on),
		T(split_glued), T(split_space), T(split_qualifier),
		T(split_qualifier_spaced), T(split_line_break),
		T(split_nested_parens), T(split_nested_at_end),
		T(split_leading_space_inside), T(split_trailing_space_inside),
		T(split_bracket_preview), T(split_bracket_preview_spaced),
		T(split_no_display), T(split_empty), T(split_unbalanced),
		T(split_extra_close), T(split_not_at_end),
		T(split_name_with_spaces), T(split_only_group),
		T(split_empty_display), T(split_stray_space_display),
		T(split_trailing_period),
		T(date_month_name), T(date_month_abbrev),
		T(date_month_abbrev_dot), T(date_sept), T(date_lowercase),
		T(date_iso_month), T(date_slash_month), T(date_iso_day),
		T(date_day_month_year), T(date_month_day_year),
		T(date_slash_day), T(date_japanese_spaced),
		T(date_japanese_tight), T(date_japanese_day),
		T(date_japanese_in_text), T(date_leap_day), T(date_with_label),
		T(date_bad_month_slash), T(date_bad_year_only_ja),
		T(date_bad_feb30), T(date_bad_smarch), T(date_bad_empty),
		T(date_bad_year_only), T(date_bad_month_zero),
		T(date_bad_iso_month), T(date_bad_not_leap),
		T(date_bad_year_range), T(date_bad_word), T(date_bad_day_zero),
		T(date_bad_us_order), T(date_bad_text),
		T(date_insider_production), T(date_latest_not_last),
		T(date_day_beats_month), T(date_day_form_counts_once),
		T(date_bad_and_good), T(date_mixed_forms),
		T(slug_title), T(slug_punctuation), T(slug_japanese),
		T(slug_cut_drops_word), T(slug_cut_long_word),
		T(slug_cut_between_words), T(slug_cut_no_separator), T(page_slug_title), T(page_slug_from_file),
		T(page_slug_no_title), T(page_slug_fallback),
		T(dup_exact_dropped), T(dup_after_folding),
		T(dup_key_sharing_kept), T(dup_many_linear),
		T(datecol_by_header), T(datecol_by_content),
		T(datecol_content_needs_all), T(datecol_empty_column_is_not),
		T(datecol_by_option), T(datecol_option_by_key),
		T(datecol_option_missing_warns), T(date_unrecognised_warns),
		T(date_placeholder_silent), T(label_column_choice),
		T(row_display_name_column),
		T(page_end_to_end), T(page_model), T(big_cell),
		T(header_german), T(header_french), T(header_spanish),
		T(header_portuguese), T(header_japanese_more),
		T(header_graph), T(header_bracket),
		T(shape_graph_include), T(shape_graph_older_german),
		T(shape_graph_older_japanese), T(shape_list_not_ordered),
		T(type_german), T(type_french), T(type_spanish),
		T(type_portuguese), T(type_japanese), T(type_english),
		T(type_unknown_kept),
		T(shape_flags_one_row_per_type),
		T(shape_flags_other_languages), T(shape_flags_need_flags),
		T(shape_transposed),
		T(heading_type_english), T(heading_type_german),
		T(heading_type_japanese), T(heading_type_outer),
		T(heading_type_none), T(heading_type_needs_permissions),
		T(heading_type_column_wins),
		T(content_permission_and_display),
		T(content_permission_not_words), T(content_type_column),
		T(content_date_column_placeholders),
		T(date_placeholders_no_warning), T(date_normalized_cells),
		T(date_german), T(date_french), T(date_spanish),
		T(date_portuguese), T(date_japanese_more), T(date_mon_dd_yy),
		T(date_ymd_slash), T(date_ranges),
		T(date_month_words_need_a_year),
		T(markup_folds_with_text), T(markup_empty_dropped),
		T(markup_footnote_not_in_field), T(markup_flag_rows),
		T(markup_transposed), T(markup_normalized_date),
	};

	return cmocka_run_group_tests(tests, setup_norm, teardown_norm);
}
