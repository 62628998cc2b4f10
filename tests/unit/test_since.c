/*
 * test_since.c - a previous build's all.json read back (build --since):
 * a good one is rebuilt; anything else in it is one error naming the
 * file and what is wrong, and nothing is kept.  Then the changes since
 * it: pages added and removed as change objects, dated and placed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "base/buf.h"
#include "model/key.h"
#include "site/since.h"

static char dir[] = "/tmp/test_since_XXXXXX";
static char file[64];

static void
write_all_json(const char *text)
{
	FILE *fp = fopen(file, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* A page "alpha" of one table (api, permission, type, purpose, note). */
#define COLUMNS								\
	"[{\"field\": \"api\", \"header\": \"API\"},"			\
	" {\"field\": \"permission\", \"header\": \"Permission\"},"	\
	" {\"field\": \"type\", \"header\": \"Type\"},"			\
	" {\"field\": \"last_update\", \"header\": \"Updated\"},"	\
	" {\"field\": \"note\", \"header\": \"Note\"}]"
#define TABLE(cols, date, label)					\
	"{\"line\": 3, \"columns\": " cols ", \"date_column\": " date	\
	", \"label_column\": " label "}"
#define PAGE(slug, path, tables)					\
	"{\"title\": \"Alpha\", \"slug\": \"" slug "\", \"source\": "	\
	"\"in/a.md\"" path ", \"rows\": 1, \"tables\": [" tables "]}"
#define CELLS								\
	"[{\"field\": \"api\", \"text\": \"Microsoft Graph\"},"		\
	" {\"text\": \"User.Read (Sign in)\"}, {\"text\": \"Delegated\"},"\
	" {\"text\": \"May 2024\"}, {\"text\": \"n\"}]"
#define ROW(extra, cells)						\
	"{\"page\": \"alpha\", \"table\": 0, \"line\": 5,"		\
	" \"api\": \"Microsoft Graph\", \"permission\": \"User.Read\","	\
	" \"display_name\": \"Sign in\", \"qualifier\": null,"		\
	" \"type\": \"Delegated\", \"purpose\": null,"			\
	" \"last_update\": \"2024-05\", \"last_update_text\": null,"	\
	" \"label\": \"User.Read\", \"note\": \"n\"" extra		\
	", \"cells\": " cells "}"
#define ALL(pages, rows)						\
	"{\"generator\": {\"name\": \"tablog\"}, \"pages\": [" pages	\
	"], \"rows\": [" rows "]}"
#define GOOD_PAGE PAGE("alpha", ", \"path\": \"a.md\"",		\
	TABLE(COLUMNS, "3", "1"))
#define GOOD ALL(GOOD_PAGE, ROW("", CELLS))

static void
good_file(void **s)
{
	struct tl_since since;
	struct tl_diags d = {0};
	struct tl_page *p;
	size_t i = 99;

	(void)s;
	write_all_json(GOOD);
	assert_int_equal(tl_since_load(&since, dir, 0, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(since.n, 1);
	assert_true(since.match_paths);
	p = tl_since_find(&since, "a.md", "other", &i);
	assert_non_null(p);
	assert_int_equal(i, 0);
	assert_null(tl_since_find(&since, "b.md", "alpha", NULL));
	assert_int_equal(p->ntables, 1);
	assert_int_equal(p->tables[0].ncolumns, 5);
	assert_int_equal(p->tables[0].nrows, 1);
	assert_int_equal(p->tables[0].date_column, 3);
	assert_int_equal(p->tables[0].rows[0].date.year, 2024);
	assert_int_equal(p->tables[0].rows[0].date.month, 5);
	assert_string_equal(p->tables[0].rows[0].cells[4], "n");
	assert_string_equal(p->tables[0].rows[0].f[TL_DISPLAY_NAME], "Sign in");
	tl_since_free(&since);
}

/* Written before pages had paths: found by slug. */
static void
file_without_paths(void **s)
{
	struct tl_since since;
	struct tl_diags d = {0};

	(void)s;
	write_all_json(ALL(PAGE("alpha", "", TABLE(COLUMNS, "null", "1")),
	    ROW("", CELLS)));
	assert_int_equal(tl_since_load(&since, dir, 0, &d), 0);
	assert_false(since.match_paths);
	assert_non_null(tl_since_find(&since, "x.md", "alpha", NULL));
	assert_null(tl_since_find(&since, "a.md", "beta", NULL));
	tl_since_free(&since);
}

/* Loading `text` fails with exactly one error, on the file, saying
 * `want`; nothing is kept. */
static void
expect_bad(const char *text, const char *want)
{
	struct tl_since since;
	struct tl_diags d = {0};
	const char *m;

	write_all_json(text);
	assert_int_equal(tl_since_load(&since, dir, 0, &d), -1);
	assert_int_equal(since.n, 0);
	assert_null(since.pages);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, TL_ERROR);
	assert_string_equal(d.v[0].file, file);
	if (strstr(d.v[0].message, want) == NULL)
		fail_msg("message \"%s\" does not say \"%s\"", d.v[0].message,
		    want);
	/* A printable line, whatever the file held. */
	for (m = d.v[0].message; *m != '\0'; m++)
		assert_true(*m >= 0x20 && *m < 0x7f);
	tl_diags_free(&d);
}

static void
not_json(void **s)
{
	(void)s;
	expect_bad("", "not valid JSON at line");
	expect_bad("{\"pages\": [", "not valid JSON at line 1");
	expect_bad("{\"pages\": [], \"rows\": [], \"x\": \"\x01\x1b[31m\"}",
	    "not valid JSON");
	/* Strings must be UTF-8, without NUL or lone surrogates. */
	expect_bad("{\"pages\": [], \"rows\": [\"\xff\"]}", "not valid JSON");
	expect_bad("{\"pages\": [], \"rows\": [\"a\\u0000b\"]}",
	    "not valid JSON");
	expect_bad("{\"pages\": [], \"rows\": [\"\\udc00\"]}", "not valid JSON");
	expect_bad("{\"pages\": [], \"pages\": [], \"rows\": []}", "duplicate");
	expect_bad(ALL(PAGE("alpha", ", \"path\": \"a.md\", \"path\": \"b\"",
	    ""), ""), "duplicate");
}

static void
top_level(void **s)
{
	(void)s;
	expect_bad("[]", "not an object");
	expect_bad("{\"rows\": []}", "no member \"pages\"");
	expect_bad("{\"pages\": []}", "no member \"rows\"");
	expect_bad("{\"pages\": {}, \"rows\": []}", "\"pages\" is not an array");
	expect_bad("{\"pages\": [], \"rows\": 3}", "\"rows\" is not an array");
	expect_bad("{\"generator\": 1, \"pages\": [], \"rows\": []}",
	    "\"generator\" is not an object");
}

static void
pages(void **s)
{
	(void)s;
	expect_bad(ALL("3", ""), "pages[0]: not an object");
	expect_bad(ALL("{\"title\": \"A\", \"source\": \"a\", \"tables\": []}",
	    ""), "pages[0]: no member \"slug\"");
	expect_bad(ALL(PAGE("../../etc", "", ""), ""), "not a slug");
	expect_bad(ALL(PAGE("", "", ""), ""), "not a slug");
	expect_bad(ALL(PAGE("Alpha", "", ""), ""), "not a slug");
	expect_bad(ALL(PAGE("alpha", "", "") "," PAGE("alpha", "", ""), ""),
	    "pages[1]: \"slug\" is an earlier page's too");
	expect_bad(ALL("{\"title\": 7, \"slug\": \"a\", \"source\": \"a\","
	    " \"tables\": []}", ""), "pages[0]: \"title\" is not a string");
	expect_bad(ALL("{\"title\": \"A\", \"slug\": \"a\", \"tables\": []}",
	    ""), "pages[0]: no member \"source\"");
	expect_bad(ALL("{\"title\": \"A\", \"slug\": \"a\", \"source\": \"a\"}",
	    ""), "pages[0]: no member \"tables\"");
	expect_bad(ALL(PAGE("alpha", ", \"path\": 1", ""), ""),
	    "\"path\" is not a string");
	expect_bad(ALL(PAGE("alpha", ", \"path\": \"\"", ""), ""),
	    "\"path\" is empty");
	expect_bad(ALL(PAGE("alpha", ", \"path\": \"a.md\"", "") ","
	    PAGE("beta", ", \"path\": \"a.md\"", ""), ""),
	    "pages[1]: \"path\" is an earlier page's too");
	expect_bad(ALL(PAGE("alpha", ", \"path\": \"a.md\"", "") ","
	    PAGE("beta", "", ""), ""), "some pages have a \"path\", others not");
	expect_bad(ALL("{\"title\": \"A\", \"slug\": \"a\", \"source\": \"a\","
	    " \"rows\": -1, \"tables\": []}", ""), "\"rows\" is -1");
}

static void
tables(void **s)
{
	(void)s;
	expect_bad(ALL(PAGE("alpha", "", "[]"), ""),
	    "pages[0].tables[0]: not an object");
	expect_bad(ALL(PAGE("alpha", "", "{\"columns\": [], \"date_column\":"
	    " null, \"label_column\": null}"), ""),
	    "pages[0].tables[0]: no member \"line\"");
	expect_bad(ALL(PAGE("alpha", "", "{\"line\": -1, \"columns\": [],"
	    " \"date_column\": null, \"label_column\": null}"), ""),
	    "\"line\" is -1");
	expect_bad(ALL(PAGE("alpha", "", "{\"line\": 4294967296, \"columns\":"
	    " [], \"date_column\": null, \"label_column\": null}"), ""),
	    "\"line\" is 4294967296");
	expect_bad(ALL(PAGE("alpha", "", "{\"line\": 1.5, \"columns\": [],"
	    " \"date_column\": null, \"label_column\": null}"), ""),
	    "\"line\" is not an integer");
	expect_bad(ALL(PAGE("alpha", "", TABLE("{}", "null", "null")), ""),
	    "\"columns\" is not an array");
	/* The crash this was written for: no columns, a label past them. */
	expect_bad(ALL(PAGE("alpha", "", TABLE("[]", "null", "5")), ""),
	    "pages[0].tables[0]: \"label_column\" is 5, past the table's 0 "
	    "columns");
	expect_bad(ALL(PAGE("alpha", "", TABLE(COLUMNS, "5", "1")), ""),
	    "\"date_column\" is 5, past the table's 5 columns");
	expect_bad(ALL(PAGE("alpha", "", TABLE(COLUMNS, "-1", "1")), ""),
	    "\"date_column\" is -1");
	expect_bad(ALL(PAGE("alpha", "", TABLE(COLUMNS, "\"3\"", "1")), ""),
	    "\"date_column\" is not an integer or null");
	expect_bad(ALL(PAGE("alpha", "", TABLE(COLUMNS, "3",
	    "9223372036854775807")), ""), "past the table's 5 columns");
	expect_bad(ALL(PAGE("alpha", "", "{\"line\": 1, \"columns\": [],"
	    " \"label_column\": null}"), ""), "no member \"date_column\"");
	expect_bad(ALL(PAGE("alpha", "", TABLE("[3]", "null", "null")), ""),
	    "pages[0].tables[0].columns[0]: not an object");
	expect_bad(ALL(PAGE("alpha", "", TABLE("[{\"field\": \"api\"}]",
	    "null", "null")), ""), "columns[0]: no member \"header\"");
	expect_bad(ALL(PAGE("alpha", "", TABLE("[{\"header\": \"API\"}]",
	    "null", "null")), ""), "columns[0]: no member \"field\"");
	expect_bad(ALL(PAGE("alpha", "", TABLE("[{\"field\": \"\","
	    " \"header\": \"API\"}]", "null", "null")), ""),
	    "\"field\" is empty");
	expect_bad(ALL(PAGE("alpha", "", TABLE("[{\"field\": \"api\","
	    " \"header\": \"A\"}, {\"field\": \"api\", \"header\": \"B\"}]",
	    "null", "null")), ""),
	    "columns[1]: \"field\" \"api\" names an earlier column too");
}

static void
too_many_columns(void **s)
{
	struct buf b = {0};
	int i;

	(void)s;
	buf_puts(&b, "{\"pages\": [{\"title\": \"A\", \"slug\": \"a\", "
	    "\"source\": \"a\", \"tables\": [{\"line\": 1, \"columns\": [");
	for (i = 0; i <= 10000; i++)
		buf_printf(&b, "%s{\"field\": \"c%d\", \"header\": \"C\"}",
		    i ? "," : "", i);
	buf_puts(&b, "], \"date_column\": null, \"label_column\": null}]}], "
	    "\"rows\": []}");
	expect_bad(buf_str(&b), "\"columns\" has 10001 items, more than 10000");
	buf_free(&b);
}

static void
rows(void **s)
{
	(void)s;
	expect_bad(ALL(GOOD_PAGE, "[]"), "rows[0]: not an object");
	expect_bad(ALL(GOOD_PAGE, "{\"table\": 0}"),
	    "rows[0]: no member \"page\"");
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"beta\", \"table\": 0}"),
	    "rows[0]: \"page\" names no page of \"pages\"");
	expect_bad(ALL(PAGE("alpha", "", ""), ROW("", CELLS)),
	    "rows[0]: \"page\" names a page without tables");
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 1,"
	    " \"line\": 1}"), "rows[0]: \"table\" is 1, not from 0 to 0");
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 0,"
	    " \"line\": 1, \"cells\": []}"), "rows[0]: no member \"api\"");
	expect_bad(ALL(GOOD_PAGE, ROW(", \"type_x\": 1", CELLS) ","
	    ROW("", "[]")), "rows[1]: \"cells\" has 0 items, its table 5 "
	    "columns");
	expect_bad(ALL(GOOD_PAGE, ROW("", "[{}, {}, {}, {}, {}]")),
	    "rows[0].cells[0]: no member \"text\"");
	expect_bad(ALL(GOOD_PAGE, ROW("", "[1, {}, {}, {}, {}]")),
	    "rows[0].cells[0]: not an object");
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 0,"
	    " \"line\": 5, \"api\": 1}"), "\"api\" is not a string or null");
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 0,"
	    " \"line\": 5, \"label\": []}"), "\"label\" is not a string");
}

static void
row_values(void **s)
{
	static const char *const bad_dates[] = {
		"2024-13", "2024-00", "2024-5", "0000-05", "2024-05-32",
		"2024-05-00", "2024-05-1x", "May 2024", "", "2024-05-01T00",
	};
	struct buf b = {0};
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++) {
		buf_reset(&b);
		buf_puts(&b, ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 0,"
		    " \"line\": 5, \"api\": null, \"permission\": null,"
		    " \"display_name\": null, \"qualifier\": null, \"type\":"
		    " null, \"purpose\": null, \"last_update_text\": null,"
		    " \"cells\": [], \"last_update\": \""));
		/* ALL() closed the rows and the file: reopen them. */
		b.len -= strlen("]}");
		buf_printf(&b, "%s\"}]}", bad_dates[i]);
		expect_bad(buf_str(&b), "\"last_update\" is not a date");
	}
	buf_free(&b);
	/* An extra column's value, by its key, is a string. */
	expect_bad(ALL(GOOD_PAGE, "{\"page\": \"alpha\", \"table\": 0,"
	    " \"line\": 5, \"api\": null, \"permission\": null,"
	    " \"display_name\": null, \"qualifier\": null, \"type\": null,"
	    " \"purpose\": null, \"last_update\": null, \"last_update_text\":"
	    " null, \"note\": 4, \"cells\": " CELLS "}"),
	    "rows[0]: \"note\" is not a string");
}

/* The members of the vendors' shapes come back; builds made before
 * them (GOOD above) have none, and that is no error. */
static void
shape_members(void **s)
{
	struct tl_since since;
	struct tl_diags d = {0};
	const struct tl_row *r;

	(void)s;
	write_all_json(ALL(GOOD_PAGE, ROW(", \"type_text\": \"Delegiert\","
	    " \"type_qualifier\": \"work or school account\","
	    " \"higher_privileged\": [\"A.Read\", \"B.Read\"],"
	    " \"supported\": false", CELLS)));
	assert_int_equal(tl_since_load(&since, dir, 0, &d), 0);
	assert_int_equal(d.n, 0);
	r = &since.pages[0]->tables[0].rows[0];
	assert_string_equal(r->f[TL_TYPE_TEXT], "Delegiert");
	assert_string_equal(r->f[TL_TYPE_QUALIFIER], "work or school account");
	assert_string_equal(r->f[TL_HIGHER_PRIVILEGED], "A.Read, B.Read");
	assert_int_equal(r->higher.n, 2);
	assert_string_equal(r->higher.v[1], "B.Read");
	assert_true(r->unsupported);
	tl_since_free(&since);
	expect_bad(ALL(GOOD_PAGE, ROW(", \"higher_privileged\": \"A\"",
	    CELLS)), "\"higher_privileged\" is not an array or null");
	expect_bad(ALL(GOOD_PAGE, ROW(", \"higher_privileged\": [1]",
	    CELLS)), "\"higher_privileged\" holds other than text");
	expect_bad(ALL(GOOD_PAGE, ROW(", \"supported\": \"no\"", CELLS)),
	    "\"supported\" is not true or false");
}

static void
the_file_itself(void **s)
{
	struct tl_since since;
	struct tl_diags d = {0};

	(void)s;
	/* Over the size limit: refused before it is parsed. */
	write_all_json(GOOD);
	assert_int_equal(tl_since_load(&since, dir, 16, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "larger than the limit"));
	tl_diags_free(&d);
	/* A FIFO is not read (and not waited on). */
	unlink(file);
	assert_int_equal(mkfifo(file, 0600), 0);
	assert_int_equal(tl_since_load(&since, dir, 0, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, file);
	assert_non_null(strstr(d.v[0].message, "not a regular file"));
	tl_diags_free(&d);
	unlink(file);
	/* None at all. */
	assert_int_equal(tl_since_load(&since, dir, 0, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "No such file"));
	tl_diags_free(&d);
}

/* The site's detected changes as JSON, compact. */
static char *
detected_json(const struct tl_since_changes *c)
{
	struct tl_value v = tl_since_value(c);
	json_t *j = tl_value_to_json(&v);
	char *text = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	return text;
}

static void
detected_pages(void **s)
{
	struct tl_since since;
	struct tl_since_changes c;
	struct tl_diags d = {0};
	struct tl_page *beta = tl_page_new("in/b.md");
	const struct tl_page *pages[3];
	const char *paths[3] = { "a.md", "b.md", "c.md" };
	struct tl_diff_opts o = { NULL, NULL, 0 };
	char *got;

	(void)s;
	beta->title = tl_strdup(beta, "Beta");
	beta->slug = tl_strdup(beta, "beta");
	write_all_json(GOOD);
	assert_int_equal(tl_since_load(&since, dir, 0, &d), 0);
	/* The same page again: nothing changed. */
	pages[0] = since.pages[0];
	tl_since_detect(&c, &since, pages, paths, 1, &o, "2026-11-26");
	assert_int_equal(c.n, 0);
	got = detected_json(&c);
	assert_string_equal(got, "{\"any\":false,\"changes\":[],\"pages\":[],"
	    "\"new_pages\":[],\"vanished_pages\":[]}");
	free(got);
	tl_since_changes_free(&c);
	/* Alpha gone, Beta new, and a page that failed (NULL) skipped. */
	pages[0] = NULL;
	pages[1] = beta;
	tl_since_detect(&c, &since, pages, paths, 2, &o, "2026-11-26");
	c.meta = json_pack("{s:s}", "date", "2026-11-26");
	assert_int_equal(c.n, 2);
	got = detected_json(&c);
	assert_string_equal(got, "{\"date\":\"2026-11-26\",\"any\":true,"
	    "\"changes\":["
	    "{\"kind\":\"page_added\",\"date\":\"2026-11-26\",\"commit\":null,"
	    "\"page\":\"b.md\",\"title\":\"Beta\",\"slug\":\"beta\","
	    "\"rows\":0,\"changed_without_date_update\":false},"
	    "{\"kind\":\"page_removed\",\"date\":\"2026-11-26\","
	    "\"commit\":null,\"page\":\"a.md\",\"title\":\"Alpha\","
	    "\"slug\":\"alpha\",\"rows\":1,"
	    "\"changed_without_date_update\":false}],"
	    "\"pages\":[],"
	    "\"new_pages\":[{\"kind\":\"page_added\",\"date\":\"2026-11-26\","
	    "\"commit\":null,\"page\":\"b.md\",\"title\":\"Beta\","
	    "\"slug\":\"beta\",\"rows\":0,"
	    "\"changed_without_date_update\":false}],"
	    "\"vanished_pages\":[{\"kind\":\"page_removed\","
	    "\"date\":\"2026-11-26\",\"commit\":null,\"page\":\"a.md\","
	    "\"title\":\"Alpha\",\"slug\":\"alpha\",\"rows\":1,"
	    "\"changed_without_date_update\":false}]}");
	free(got);
	tl_since_changes_free(&c);
	tl_since_free(&since);
	tl_page_free(beta);
}

static int
setup(void **s)
{
	(void)s;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(file, sizeof(file), "%s/all.json", dir);
	return 0;
}

static int
teardown(void **s)
{
	(void)s;
	unlink(file);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file),
		cmocka_unit_test(file_without_paths),
		cmocka_unit_test(not_json),
		cmocka_unit_test(top_level),
		cmocka_unit_test(pages),
		cmocka_unit_test(tables),
		cmocka_unit_test(too_many_columns),
		cmocka_unit_test(rows),
		cmocka_unit_test(row_values),
		cmocka_unit_test(shape_members),
		cmocka_unit_test(the_file_itself),
		cmocka_unit_test(detected_pages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
