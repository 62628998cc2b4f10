/*
 * tests/example/api.c - checks of the public API that the example
 * program does not reach: loading from memory, the loader's and writer's
 * options, table selection, out-of-range indexes and NULL arguments; and
 * the families tablog(1) is built on: diagnostic kinds and printing,
 * files and folders written whole, built-in templates, a site build,
 * diff and check, the fetch options and a site's sources (without the
 * network: tests/web.sh fetches).
 *
 * Built by tests/install.sh against the installed library and run from
 * the repository root (it reads tests/site/); prints one line per failed
 * check and exits 1 if there was any.
 */
#define _POSIX_C_SOURCE 200809L	/* mkdtemp() */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The whole of a small file, or "" (caller frees). */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s = calloc(1, 65536);
	size_t n;

	if (fp != NULL) {
		n = fread(s, 1, 65535, fp);
		s[n] = '\0';
		fclose(fp);
	}
	return s;
}

/* What tablog(1) is made of, in a folder of its own. */
static void
command_line_families(const char *dir)
{
	static const char *const two[] = { "csv", "json" };
	static const char *const bad[] = { "csv", "pdf" };
	const char *old_pages[] = { "tests/site/old/alpha.md",
	    "tests/site/old/beta.md" };
	char path[512], *text;
	tablog_diags *d = tablog_diags_new();
	tablog_loader *l = tablog_loader_new();
	tablog_writer *w = tablog_writer_new(NULL);
	tablog_temps *temps = tablog_temps_new(8);
	tablog_page *a, *b;
	tablog_match *m;
	tablog_diff *df;
	tablog_site *site;
	FILE *fp;
	size_t i, found, len;
	int y, mo, dd;

	/* Dates as the options take them. */
	CHECK(tablog_parse_date("2024-02-29", &y, &mo, &dd) == 0 &&
	    y == 2024 && mo == 2 && dd == 29);
	CHECK(tablog_parse_date("2023-02-29", NULL, NULL, NULL) == -1);
	CHECK(tablog_parse_date(" 2024-01-01", NULL, NULL, NULL) == -1);

	/* Kinds, one diagnostic printed alone, in colour, and as JSON. */
	for (i = 0; tablog_diag_kind_name(i) != NULL; i++)
		;
	CHECK(i > 20 && strcmp(tablog_diag_kind_name(0), "other") == 0);
	a = tablog_load_file(l, "tests/site/old/alpha.md", d);
	CHECK(a != NULL && tablog_diags_size(d) == 0);
	CHECK(tablog_diags_add(d, TABLOG_WARNING, "cut-row", "f.md", 3,
	    "a\nb") == 0);
	CHECK(strcmp(tablog_diag_kind(d, 0), "cut-row") == 0);
	fp = tmpfile();
	CHECK(tablog_diag_print(d, 0, fp, TABLOG_COLOUR) == 0);
	CHECK(tablog_diag_print(d, 1, fp, 0) == -1);
	CHECK(tablog_diags_print_json(d, fp) == 0);
	rewind(fp);
	text = calloc(1, 4096);
	CHECK(fread(text, 1, 4095, fp) > 0);
	CHECK(strncmp(text, "tablog: f.md:3: \033[33mwarning:\033[0m a\\nb\n[",
	    40) == 0);
	CHECK(strstr(text, "\"kind\": \"cut-row\"") != NULL);
	free(text);
	fclose(fp);
	tablog_diags_clear(d);

	/* A file written whole; a folder of the formats asked for. */
	CHECK(tablog_writer_set_temps(w, temps) == 0);
	CHECK(tablog_writer_set_jobs(w, 257) == -1);
	CHECK(tablog_writer_set_jobs(w, 2) == 0);
	snprintf(path, sizeof(path), "%s/one.csv", dir);
	CHECK(tablog_write_file(a, "csv", path, w, d) == 0);
	text = slurp(path);
	CHECK(strncmp(text, "api,permission,", 15) == 0);
	free(text);
	snprintf(path, sizeof(path), "%s/out", dir);
	CHECK(tablog_write_folder(a, two, 2, path, w, d) == 0);
	snprintf(path, sizeof(path), "%s/out/table.json", dir);
	CHECK(access(path, F_OK) == 0);
	snprintf(path, sizeof(path), "%s/out/table.md", dir);
	CHECK(access(path, F_OK) != 0);
	snprintf(path, sizeof(path), "%s/out", dir);
	CHECK(tablog_write_folder(a, bad, 2, path, w, d) == -1 &&
	    tablog_diags_count(d, TABLOG_ERROR) == 1);
	tablog_diags_clear(d);
	tablog_temps_remove(NULL);

	/* Built-in templates; a templates folder that is not there. */
	CHECK(strcmp(tablog_template_name(0), "changelog-entry.html") == 0);
	for (i = 0; tablog_template_name(i) != NULL; i++)
		;
	CHECK(i >= 14);
	CHECK(tablog_template_text("page.html", &len) != NULL && len > 0);
	CHECK(tablog_template_text("nonesuch", NULL) == NULL);
	CHECK(tablog_writer_set_templates(w, "tests/no/such/dir", d) == -1);
	CHECK(tablog_diags_count(d, TABLOG_ERROR) == 1 &&
	    strcmp(tablog_diag_kind(d, 0), "read") == 0);
	tablog_diags_clear(d);

	/* Strict templates: a name the context lacks is a warning. */
	snprintf(path, sizeof(path), "%s/tpl", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/tpl/changelog.md", dir);
	fp = fopen(path, "w");
	fputs("# {{page.title}}\n{{page.titel}}\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/tpl", dir);
	CHECK(tablog_writer_set_templates(w, path, d) == 0);
	fp = tmpfile();
	CHECK(tablog_write(a, "changelog", fp, w, d) == 0);
	CHECK(tablog_diags_size(d) == 0);
	CHECK(tablog_writer_set_flags(w, TABLOG_STRICT) == 0);
	CHECK(tablog_write(a, "changelog", fp, w, d) == 0);
	fclose(fp);
	CHECK(tablog_diags_count(d, TABLOG_WARNING) == 1 &&
	    strcmp(tablog_diag_kind(d, 0), "template-variable") == 0 &&
	    tablog_diag_line(d, 0) == 2 &&
	    strstr(tablog_diag_message(d, 0), "page.titel") != NULL);
	tablog_diags_clear(d);
	CHECK(tablog_writer_set_flags(w, 0) == 0);
	CHECK(tablog_writer_set_templates(w, NULL, d) == 0);

	/* A site: two pages, their rows; a date that is no date. */
	site = tablog_site_new();
	CHECK(tablog_site_set_date(site, "2026-02-30") == -1);
	CHECK(tablog_site_set_date(site, "2026-02-28") == 0);
	CHECK(tablog_site_set_jobs(site, 300) == -1);
	CHECK(tablog_site_set_title(site, "Mine") == 0);
	snprintf(path, sizeof(path), "%s/site", dir);
	CHECK(tablog_site_build(site, "tests/site/old", path, l, w, d) == 0);
	CHECK(tablog_site_pages_found(site) == 2 &&
	    tablog_site_pages_built(site) == 2 && tablog_site_rows(site) > 0);
	snprintf(path, sizeof(path), "%s/site/all.json", dir);
	CHECK(access(path, F_OK) == 0);
	snprintf(path, sizeof(path), "%s/site", dir);
	CHECK(tablog_site_build(site, "tests/no/such/dir", path, l, w, d) ==
	    -1 && tablog_diags_count(d, TABLOG_ERROR) >= 1);
	tablog_diags_clear(d);
	tablog_site_free(site);

	/* Diff: by the default key, then by permission alone. */
	b = tablog_load_file(l, "tests/site/new/alpha.md", d);
	CHECK(b != NULL);
	m = tablog_match_new();
	CHECK(tablog_match_set_key(m, "", d) == -1 &&
	    tablog_diags_count(d, TABLOG_ERROR) == 1);
	tablog_diags_clear(d);
	CHECK(tablog_match_set_key(m, "permission", d) == 0);
	CHECK(tablog_match_add_alias(m, "Graph", "Microsoft Graph") == 0);
	CHECK(tablog_match_read_aliases(m, "tests/no/such/file", d) == -1);
	tablog_diags_clear(d);
	df = tablog_diff_new(a, b, m);
	CHECK(df != NULL && tablog_diff_changed(df) == 1);
	CHECK(tablog_diff_new(a, NULL, m) == NULL);
	fp = tmpfile();
	CHECK(tablog_diff_write(df, "json", fp, NULL, d) == 0);
	CHECK(ftell(fp) > 0);
	CHECK(tablog_diff_write(df, "pdf", fp, NULL, d) == -1);
	fclose(fp);
	CHECK(strcmp(tablog_diff_format_name(0), "md") == 0 &&
	    tablog_diff_format_name(4) == NULL);
	tablog_diff_free(df);
	df = tablog_diff_new(a, a, NULL);
	CHECK(df != NULL && tablog_diff_changed(df) == 0);
	tablog_diff_free(df);
	tablog_diags_clear(d);

	/* Check: findings counted; a bad today is an error. */
	CHECK(tablog_check(l, old_pages, 2, m, "2020-01-01", d, &found) == 0);
	CHECK(found == tablog_diags_count(d, TABLOG_WARNING));
	tablog_diags_clear(d);
	CHECK(tablog_check(l, old_pages, 2, NULL, "soon", d, &found) == -1 &&
	    found == 0 && strcmp(tablog_diag_kind(d, 0), "usage") == 0);

	/* Fetch options, and a URL that is not an http:// or https:// one:
	 * an error naming it, never a file read (tests/web.sh fetches). */
	CHECK(tablog_loader_set_timeout(l, -1) == -1);
	CHECK(tablog_loader_set_timeout(l, 86401) == -1);
	CHECK(tablog_loader_set_timeout(l, strtod("nan", NULL)) == -1);
	CHECK(tablog_loader_set_timeout(l, 2.5) == 0);
	CHECK(tablog_loader_set_retries(l, -1) == -1);
	CHECK(tablog_loader_set_retries(l, 101) == -1);
	CHECK(tablog_loader_set_retries(l, 0) == 0);
	CHECK(tablog_loader_set_cache(l, NULL) == 0);
	CHECK(tablog_loader_set_cacert(l, NULL) == 0);
	CHECK(tablog_loader_set_temps(l, NULL) == 0);
	tablog_diags_clear(d);
	CHECK(tablog_load_file(l, "ftp://127.0.0.1/page.md", d) == NULL);
	CHECK(tablog_diags_size(d) == 1 &&
	    strcmp(tablog_diag_file(d, 0), "ftp://127.0.0.1/page.md") == 0 &&
	    strcmp(tablog_diag_kind(d, 0), "fetch") == 0 &&
	    strcmp(tablog_diag_message(d, 0),
	    "only http:// and https:// URLs are fetched") == 0);
	tablog_diags_clear(d);
	site = tablog_site_new();
	CHECK(tablog_site_set_per_host(site, 65) == -1);
	CHECK(tablog_site_set_per_host(site, 4) == 0);
	CHECK(tablog_site_set_delay(site, -0.5) == -1);
	CHECK(tablog_site_set_delay(site, 3601) == -1);
	CHECK(tablog_site_set_delay(site, 0.25) == 0);
	CHECK(tablog_site_set_archive(site, NULL) == 0);
	/* A bad line of sources: an error with its line, nothing built. */
	snprintf(path, sizeof(path), "%s/sources.txt", dir);
	fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (fp != NULL) {
		fputs("# one bad line\nnot-a-url\n", fp);
		fclose(fp);
	}
	CHECK(tablog_site_set_sources(site, path) == 0);
	snprintf(path, sizeof(path), "%s/web-site", dir);
	CHECK(tablog_site_build(site, NULL, path, l, w, d) == -1);
	CHECK(tablog_diags_count(d, TABLOG_ERROR) == 1 &&
	    tablog_diag_line(d, 0) == 2 &&
	    strcmp(tablog_diag_kind(d, 0), "sources") == 0);
	CHECK(access(path, F_OK) != 0);
	CHECK(tablog_site_set_sources(site, NULL) == 0);
	CHECK(tablog_site_build(site, NULL, path, l, w, d) == -1);
	tablog_site_free(site);
	tablog_diags_clear(d);

	tablog_match_free(m);
	tablog_page_free(a);
	tablog_page_free(b);
	tablog_writer_free(w);
	tablog_temps_free(temps);
	tablog_loader_free(l);
	tablog_diags_free(d);
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
	CHECK(i == 11 && strcmp(tablog_field_name(0), "api") == 0 &&
	    strcmp(tablog_field_name(10), "higher_privileged") == 0);
	for (i = 0; tablog_format_name(i) != NULL; i++)
		;
	CHECK(i == 8);
	CHECK(strcmp(tablog_format_file("atom"), "feed.xml") == 0);
	CHECK(strcmp(tablog_format_file("xlsx"), "table.xlsx") == 0);
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
	tablog_temps_free(NULL);
	tablog_site_free(NULL);
	tablog_match_free(NULL);
	tablog_diff_free(NULL);

	{
		char dir[] = "/tmp/tablog-api-XXXXXX", cmd[64];

		if (mkdtemp(dir) == NULL) {
			printf("FAIL api.c: mkdtemp\n");
			failures++;
		} else {
			command_line_families(dir);
			snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				failures++;
		}
	}

	tablog_loader_free(l);
	tablog_diags_free(d);
	printf("api: %d failed\n", failures);
	return failures ? 1 : 0;
}
