/*
 * corpus_check.c - every real page in ../shared/corpus through the whole
 * pipeline (loader: reader + normaliser), against counts a person made.
 * tests/run.sh runs it only when ../shared is present (tests/shared.sh).
 *
 * usage: corpus_check EXPECTED.tsv CORPUS_DIR
 * EXPECTED.tsv: "PATH<TAB>TABLES<TAB>ROWS_IN_FIRST_TABLE<TAB>NOTE"; a page
 * expected to have no table must fail with "no table found", any other
 * must load with that many tables and first-table rows.  Every .md file
 * under CORPUS_DIR must be listed, so a new page cannot go unchecked.
 * Ends with "N passed, N failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "load/source.h"
#include "model/table.h"
#include "base/xalloc.h"

struct expect {
	char	*path;
	long	 tables, rows;
};

static int
check_page(struct tl_loader *l, const char *corpus, const struct expect *e)
{
	struct buf path = {0};
	struct tl_diags d = {0};
	struct tl_page *page;
	int ok;

	buf_printf(&path, "%s/%s", corpus, e->path);
	page = tl_load_page(l, path.data, &d);
	if (e->tables == 0) {
		ok = page == NULL && d.n > 0 &&
		    strcmp(d.v[d.n - 1].message, "no table found") == 0;
		if (!ok)
			printf("FAIL corpus: %s: expected 'no table found'\n",
			    e->path);
	} else {
		ok = page != NULL && (long)page->ntables == e->tables &&
		    (long)page->tables[0].nrows == e->rows;
		if (!ok)
			printf("FAIL corpus: %s: expected %ld tables, %ld rows; "
			    "got %zu tables, %zu rows\n", e->path, e->tables,
			    e->rows, page ? page->ntables : 0,
			    page && page->ntables ? page->tables[0].nrows : 0);
	}
	tl_page_free(page);
	tl_diags_free(&d);
	buf_free(&path);
	return ok;
}

/* Is every .md file of corpus/SUB listed? Counts the unlisted ones. */
static int
unlisted(const char *corpus, const char *sub, const struct expect *v,
    size_t n)
{
	struct buf dir = {0}, rel = {0};
	struct dirent *e;
	DIR *dp;
	int missing = 0;
	size_t i;

	buf_printf(&dir, "%s/%s", corpus, sub);
	if ((dp = opendir(dir.data)) == NULL) {
		buf_free(&dir);
		return 0;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		buf_reset(&rel);
		buf_printf(&rel, "%s/%s", sub, e->d_name);
		for (i = 0; i < n; i++)
			if (strcmp(v[i].path, rel.data) == 0)
				break;
		if (i == n) {
			printf("FAIL corpus: %s is not in the expected list\n",
			    rel.data);
			missing++;
		}
	}
	closedir(dp);
	buf_free(&dir);
	buf_free(&rel);
	return missing;
}

int
main(int argc, char **argv)
{
	static const char *const subs[] = { "seed", "avepoint",
	    "avepoint-plaintext", "github" };
	struct tl_load_opts opts;
	struct tl_loader *l;
	struct expect *v = NULL;
	size_t n = 0, cap = 0, i;
	char line[4096];
	int passed = 0, failed = 0;
	FILE *fp;

	if (argc != 3) {
		fprintf(stderr, "usage: corpus_check EXPECTED.tsv CORPUS\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *path = strtok(line, "\t\n"), *t, *r;

		if (path == NULL || path[0] == '#')
			continue;
		t = strtok(NULL, "\t\n");
		r = strtok(NULL, "\t\n");
		if (t == NULL || r == NULL)
			continue;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n].path = xstrdup(path);
		v[n].tables = strtol(t, NULL, 10);
		v[n].rows = strtol(r, NULL, 10);
		n++;
	}
	fclose(fp);

	memset(&opts, 0, sizeof(opts));
	l = tl_loader_new(&opts);
	for (i = 0; i < n; i++) {
		if (check_page(l, argv[2], &v[i]))
			passed++;
		else
			failed++;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		failed += unlisted(argv[2], subs[i], v, n);
	tl_loader_free(l);
	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
