/*
 * tests/example/convert.c - a program that uses libtablog the way an
 * outside program would: through <tablog.h> and pkg-config only.
 *
 *	convert [-f FORMAT] FILE	write FILE's tables in FORMAT (csv)
 *	convert -s FILE			print a summary of the page's model
 *
 * tests/install.sh builds it against an installed copy of the library and
 * compares its output with tablog's golden files.  Exit status: 0, or 2
 * (with tablog's diagnostics on standard error) on any error.
 */
#include <stdio.h>
#include <string.h>

#include <tablog.h>

/* The page's title, breadcrumb and tables, with one sample row. */
static void
summary(const tablog_page *page)
{
	const char *const *crumbs;
	size_t i, n, t;

	printf("title: %s\n", tablog_page_title(page));
	crumbs = tablog_page_breadcrumb(page, &n);
	printf("breadcrumb: %zu", n);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? " > " : ": ", crumbs[i]);
	putchar('\n');
	tablog_page_intro(page, &n);
	printf("intro: %zu paragraphs\n", n);
	for (t = 0; t < tablog_page_table_count(page); t++) {
		printf("table %zu: line %u, %zu columns, %zu rows\n", t + 1,
		    tablog_table_line(page, t),
		    tablog_table_column_count(page, t),
		    tablog_table_row_count(page, t));
		for (i = 0; i < tablog_table_column_count(page, t); i++)
			printf("  column %s: %s\n",
			    tablog_column_key(page, t, i),
			    tablog_column_header(page, t, i));
		if (tablog_table_row_count(page, t) == 0)
			continue;
		for (i = 0; tablog_field_name(i) != NULL; i++) {
			const char *v = tablog_row_field(page, t, 0,
			    tablog_field_name(i));

			printf("  row 1 %s: %s\n", tablog_field_name(i),
			    v ? v : "(none)");
		}
	}
}

int
main(int argc, char **argv)
{
	const char *format = "csv", *file;
	tablog_diags *diags;
	tablog_loader *loader;
	tablog_page *page;
	int show_summary = 0, rc = 2;

	if (argc == 4 && strcmp(argv[1], "-f") == 0)
		format = argv[2];
	else if (argc == 3 && strcmp(argv[1], "-s") == 0)
		show_summary = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: convert [-f FORMAT | -s] FILE\n");
		return 2;
	}
	file = argv[argc - 1];

	diags = tablog_diags_new();
	loader = tablog_loader_new();
	page = tablog_load_file(loader, file, diags);
	if (page != NULL && show_summary) {
		summary(page);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
	} else if (page != NULL)
		rc = tablog_write(page, format, stdout, NULL, diags) == 0 ?
		    0 : 2;
	tablog_diags_print(diags, stderr, TABLOG_WARNING);
	tablog_page_free(page);
	tablog_loader_free(loader);
	tablog_diags_free(diags);
	return rc;
}
