/*
 * dump_md.c - print what the Markdown reader extracts from pages, or
 * check it against the hand counts in tests/corpus/expected.tsv.
 *
 *   dump_md [-v] FILE...          one summary per page (-v: every cell)
 *   dump_md -c EXPECTED CORPUSDIR  compare tables/rows; exit 1 on a mismatch
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "read/read.h"
#include "model/table.h"

static int
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(b, chunk, n);
	fclose(f);
	return 0;
}

static struct tl_page *
read_page(void *r, const char *path, struct tl_diags *d)
{
	struct buf b = {0};
	struct tl_page *page;

	if (slurp(path, &b) == -1) {
		fprintf(stderr, "dump_md: %s: cannot read\n", path);
		return NULL;
	}
	page = tl_page_new(path);
	tl_read_md(r, page, buf_str(&b), b.len, d);
	buf_free(&b);
	return page;
}

static void
print_list(const char *what, const struct tl_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		printf("  %s[%zu] %s\n", what, i, l->v[i]);
}

static void
dump(void *r, const char *path, int verbose)
{
	struct tl_diags d = {0};
	struct tl_page *page = read_page(r, path, &d);
	size_t i, j, k;

	if (page == NULL)
		return;
	printf("%s\ttables=%zu\trows=%zu\n", path, page->ntables,
	    page->ntables ? page->tables[0].nrows : 0);
	printf("  title: %s\n", page->title ? page->title : "(none)");
	print_list("crumb", &page->breadcrumb);
	print_list("intro", &page->intro);
	print_list("note", &page->notes);
	for (i = 0; i < page->ntables; i++) {
		const struct tl_table *t = &page->tables[i];

		printf("  table %zu line %u: %zu cols, %zu rows\n", i, t->line,
		    t->ncolumns, t->nrows);
		for (k = 0; verbose && k < t->ncolumns; k++)
			printf("    H%zu: %s\n", k, t->columns[k].header);
		for (j = 0; verbose && j < t->nrows; j++) {
			printf("    row line %u (%zu read):", t->rows[j].line,
			    t->rows[j].nread);
			for (k = 0; k < t->ncolumns; k++)
				printf(" [%s]", t->rows[j].cells[k]);
			printf("\n");
		}
	}
	for (i = 0; i < d.n; i++)
		printf("  diag %s:%u: %s\n", d.v[i].severity == TL_WARNING ?
		    "warning" : "error", d.v[i].line, d.v[i].message);
	tl_diags_free(&d);
	tl_page_free(page);
}

static int
check(void *r, const char *expected, const char *dir)
{
	char line[4096], path[8192];
	FILE *f = fopen(expected, "r");
	int bad = 0, n = 0;

	if (f == NULL) {
		fprintf(stderr, "dump_md: %s: cannot read\n", expected);
		return 2;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *rel, *nt, *nr;
		struct tl_diags d = {0};
		struct tl_page *page;
		size_t gott, gotr;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		rel = strtok(line, "\t\n");
		nt = strtok(NULL, "\t\n");
		nr = strtok(NULL, "\t\n");
		if (rel == NULL || nt == NULL || nr == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, rel);
		if ((page = read_page(r, path, &d)) == NULL) {
			bad++;
			continue;
		}
		gott = page->ntables;
		gotr = gott ? page->tables[0].nrows : 0;
		n++;
		if (gott != strtoul(nt, NULL, 10) ||
		    gotr != strtoul(nr, NULL, 10)) {
			printf("MISMATCH %s: expected %s tables/%s rows, "
			    "got %zu/%zu\n", rel, nt, nr, gott, gotr);
			bad++;
		}
		tl_diags_free(&d);
		tl_page_free(page);
	}
	fclose(f);
	printf("%d pages checked, %d mismatches\n", n, bad);
	return bad ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	void *r = tl_md_reader_new();
	int i, verbose = 0, rc = 0;

	if (r == NULL) {
		fprintf(stderr, "dump_md: cannot create reader\n");
		return 2;
	}
	if (argc == 4 && strcmp(argv[1], "-c") == 0)
		rc = check(r, argv[2], argv[3]);
	else
		for (i = 1; i < argc; i++) {
			if (strcmp(argv[i], "-v") == 0) {
				verbose = 1;
				continue;
			}
			dump(r, argv[i], verbose);
		}
	tl_md_reader_free(r);
	return rc;
}
