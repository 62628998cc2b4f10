/*
 * tests/example/api.c - checks of the public API that the example
 * program does not reach: loading from memory, the loader's and writer's
 * options, table selection, out-of-range indexes and NULL arguments.
 *
 * Built by tests/install.sh against the installed library; prints one
 * line per failed check and exits 1 if there was any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tablog.h>

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("FAIL api.c:%d: %s\n", __LINE__, #cond);		\
		failures++;						\
	}								\
} while (0)

static const char two_tables[] =
    "# Two tables\n"
    "\n"
    "| Permission | Type | Seen |\n"
    "|---|---|---|\n"
    "| Files.Read.All(Read all files) | Application | =SUM(A1) |\n"
    "| Mail.Send | Delegated | May 2024 |\n"
    "\n"
    "| Resource | Scope | Last update |\n"
    "|---|---|---|\n"
    "| Microsoft Graph | User.Read | 2023-12-05 |\n";

/* Write a page in one format into a string (caller frees). */
static char *
write_string(const tablog_page *page, const char *format, tablog_writer *w,
    tablog_diags *d, int *rc)
{
	FILE *fp = tmpfile();
	char *s;
	long n;

	*rc = tablog_write(page, format, fp, w, d);
	n = ftell(fp);
	rewind(fp);
	s = calloc(1, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		s[0] = '\0';
	fclose(fp);
	return s;
}

int
main(void)
{
	tablog_diags *d = tablog_diags_new();
	tablog_loader *l = tablog_loader_new();
	tablog_writer *w;
	tablog_page *p;
	size_t n, i;
	char *out;
	int rc;

	CHECK(strcmp(tablog_version(), "") != 0);

	/* From memory, with a date column chosen by header. */
	CHECK(tablog_loader_set_date_column(l, "seen") == 0);
	p = tablog_load_buffer(l, "mem.md", two_tables, strlen(two_tables), d);
	CHECK(p != NULL);
	if (p == NULL) {
		tablog_diags_print(d, stdout, TABLOG_NOTE);
		return 1;
	}
	CHECK(strcmp(tablog_page_source(p), "mem.md") == 0);
	CHECK(strcmp(tablog_page_title(p), "Two tables") == 0);
	CHECK(tablog_page_breadcrumb(p, &n) == NULL && n == 0);
	CHECK(tablog_page_table_count(p) == 2);
	CHECK(tablog_table_row_count(p, 0) == 2);
	CHECK(tablog_table_line(p, 0) == 3);
	CHECK(tablog_row_line(p, 0, 1) == 6);
	CHECK(strcmp(tablog_row_field(p, 0, 0, "permission"),
	    "Files.Read.All") == 0);
	CHECK(strcmp(tablog_row_field(p, 0, 0, "display_name"),
	    "Read all files") == 0);
	CHECK(tablog_row_field(p, 0, 1, "display_name") == NULL);
	CHECK(strcmp(tablog_row_field(p, 0, 1, "last_update"), "2024-05") == 0);
	CHECK(strcmp(tablog_row_field(p, 0, 1, "seen"), "May 2024") == 0);
	CHECK(strcmp(tablog_row_cell(p, 0, 1, 1), "Delegated") == 0);
	CHECK(strcmp(tablog_column_key(p, 1, 0), "api") == 0);
	CHECK(strcmp(tablog_column_header(p, 1, 1), "Scope") == 0);
	CHECK(strcmp(tablog_row_field(p, 1, 0, "last_update"),
	    "2023-12-05") == 0);

	/* Out of range and unknown names. */
	CHECK(tablog_table_row_count(p, 2) == 0);
	CHECK(tablog_row_cell(p, 0, 2, 0) == NULL);
	CHECK(tablog_row_cell(p, 0, 0, 3) == NULL);
	CHECK(tablog_column_key(p, 0, 3) == NULL);
	CHECK(tablog_row_field(p, 0, 0, "no_such_column") == NULL);
	CHECK(tablog_row_line(p, 5, 0) == 0);
	for (i = 0; tablog_field_name(i) != NULL; i++)
		;
	CHECK(i == 8 && strcmp(tablog_field_name(0), "api") == 0);
	for (i = 0; tablog_format_name(i) != NULL; i++)
		;
	CHECK(i == 7);
	CHECK(strcmp(tablog_format_file("atom"), "feed.xml") == 0);
	CHECK(tablog_format_file("pdf") == NULL);

	/* Writer flags: the BOM, and the formula guard off and on. */
	w = tablog_writer_new(NULL);
	CHECK(tablog_writer_set_flags(w, 0x100) == -1);
	CHECK(tablog_writer_set_flags(w, TABLOG_CSV_BOM) == 0);
	out = write_string(p, "csv", w, d, &rc);
	CHECK(rc == 0 && strncmp(out, "\xEF\xBB\xBF" "api,", 7) == 0);
	CHECK(strstr(out, "'=SUM(A1)") != NULL);
	free(out);
	CHECK(tablog_writer_set_flags(w, TABLOG_CSV_RAW) == 0);
	out = write_string(p, "csv", w, d, &rc);
	CHECK(rc == 0 && strncmp(out, "api,", 4) == 0);
	CHECK(strstr(out, ",=SUM(A1)") != NULL);
	free(out);
	CHECK(tablog_writer_set_base_url(w, "https://example.org/x/") == 0);
	out = write_string(p, "atom", w, d, &rc);
	CHECK(rc == 0 && strstr(out, "<id>https://example.org/x/") != NULL);
	free(out);
	tablog_writer_free(w);

	/* An unknown format fails with an error; NULL diags are allowed. */
	tablog_diags_clear(d);
	out = write_string(p, "pdf", NULL, d, &rc);
	CHECK(rc == -1 && tablog_diags_count(d, TABLOG_ERROR) == 1);
	CHECK(tablog_diag_severity(d, 0) == TABLOG_ERROR);
	CHECK(tablog_diag_file(d, 0) == NULL && tablog_diag_line(d, 0) == 0);
	CHECK(strcmp(tablog_diag_message(d, 0), "unknown format 'pdf'") == 0);
	CHECK(tablog_diag_message(d, 1) == NULL);
	free(out);
	out = write_string(p, "pdf", NULL, NULL, &rc);
	CHECK(rc == -1);
	free(out);

	/* Keep one table. */
	CHECK(tablog_page_select_table(p, 2) == -1);
	CHECK(tablog_page_select_table(p, 1) == 0);
	CHECK(tablog_page_table_count(p) == 1);
	CHECK(strcmp(tablog_row_field(p, 0, 0, "permission"), "User.Read") == 0);
	tablog_page_free(p);

	/* Loader options: the size limit, and HTML forced on Markdown. */
	tablog_diags_clear(d);
	CHECK(tablog_loader_set_max_input(l, 16) == 0);
	p = tablog_load_buffer(l, "big.md", two_tables, strlen(two_tables), d);
	CHECK(p == NULL && tablog_diags_count(d, TABLOG_ERROR) == 1);
	CHECK(strcmp(tablog_diag_file(d, 0), "big.md") == 0);
	CHECK(tablog_loader_set_max_input(l, 0) == 0);
	CHECK(tablog_loader_set_input(l, (enum tablog_input)7) == -1);
	CHECK(tablog_loader_set_input(l, TABLOG_INPUT_HTML) == 0);
	tablog_diags_clear(d);
	p = tablog_load_buffer(l, NULL, two_tables, strlen(two_tables), d);
	CHECK(p == NULL && tablog_diags_count(d, TABLOG_ERROR) >= 1);
	CHECK(tablog_loader_set_input(l, TABLOG_INPUT_AUTO) == 0);
	p = tablog_load_buffer(l, NULL, two_tables, strlen(two_tables), NULL);
	CHECK(p != NULL && strcmp(tablog_page_source(p), "-") == 0);
	tablog_page_free(p);

	/* Freeing NULL is allowed. */
	tablog_page_free(NULL);
	tablog_writer_free(NULL);
	tablog_loader_free(NULL);
	tablog_diags_free(NULL);

	tablog_loader_free(l);
	tablog_diags_free(d);
	printf("api: %d failed\n", failures);
	return failures ? 1 : 0;
}
