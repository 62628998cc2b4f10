/*
 * common.c - helpers shared by the fuzz harnesses: the writers over a
 * page, and the invariants a normalised page must keep.  The /dev/null
 * stream and the renderer are created on first use and kept for the
 * whole run (harness-only state; src/ has none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "normalise/normalise.h"
#include "write/render.h"
#include "write/write.h"

static FILE *
null_stream(void)
{
	static FILE *fp;

	if (fp == NULL && (fp = fopen("/dev/null", "w")) == NULL)
		abort();
	return fp;
}

void
fuzz_write_page(const struct tl_page *page, int templated)
{
	static struct tl_renderer *renderer;
	struct tl_write_opts o = {0};
	struct tl_diags d = {0};
	struct tl_view v;
	FILE *fp = null_stream();
	char *mem = NULL;
	size_t memlen = 0;
	FILE *mp;

	/* One writer to a memory stream, so its bytes are really produced. */
	if ((mp = open_memstream(&mem, &memlen)) == NULL)
		abort();
	tl_view_init(&v, page, &o);
	tl_write_csv(&v, NULL, mp, &d);
	fclose(mp);
	free(mem);
	tl_view_free(&v);

	o.csv_bom = 1;
	o.csv_raw = 1;
	o.oldest_first = 1;
	if (templated) {
		if (renderer == NULL && (renderer = tl_renderer_new(NULL)) ==
		    NULL)
			abort();
		o.base_url = "https://example.org/perm/";
		o.index_link = "index.html";
		o.changelog_link = "changelog.html";
	}
	tl_view_init(&v, page, &o);
	tl_write_csv(&v, NULL, fp, &d);
	tl_write_md(&v, NULL, fp, &d);
	tl_write_json(&v, NULL, fp, &d);
	if (templated) {
		tl_write_html(&v, renderer, fp, &d);
		tl_write_changelog(&v, renderer, fp, &d);
		tl_write_changelog_html(&v, renderer, fp, &d);
		tl_write_atom(&v, renderer, fp, &d);
		o.fragment = 1;
		tl_write_html(&v, renderer, fp, &d);
	}
	tl_view_free(&v);
	/* The built-in templates always compile: a template error here
	 * would be a bug in them or in the engine. */
	if (tl_diags_count(&d, TL_ERROR) != 0) {
		fprintf(stderr, "writer error: %s\n", d.v[0].message);
		abort();
	}
	tl_diags_free(&d);
}

void
fuzz_normalise_and_write(struct tl_page *page, int read_rc,
    struct tl_diags *d)
{
	static struct tl_normaliser *norm;

	if (norm == NULL && (norm = tl_normaliser_new(NULL)) == NULL)
		abort();
	if (read_rc == 0 && tl_normalise(norm, page, d) == 0) {
		fuzz_check_page(page);
		fuzz_write_page(page, 1);
	}
	tl_page_free(page);
	tl_diags_free(d);
}

char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_check_page(const struct tl_page *page)
{
	size_t i, j, k;

	for (i = 0; i < page->ntables; i++) {
		const struct tl_table *t = &page->tables[i];

		if (t->date_column >= (int)t->ncolumns ||
		    t->label_column >= (int)t->ncolumns)
			abort();
		for (k = 0; k < t->ncolumns; k++) {
			if (t->columns[k].header == NULL ||
			    t->columns[k].key == NULL)
				abort();
			for (j = 0; j < k; j++)	/* keys are unique */
				if (strcmp(t->columns[j].key,
				    t->columns[k].key) == 0)
					abort();
		}
		for (j = 0; j < t->nrows; j++) {
			const struct tl_row *r = &t->rows[j];

			for (k = 0; k < t->ncolumns; k++)
				if (r->cells[k] == NULL)
					abort();
			if (r->date.year != 0 && (r->date.month < 1 ||
			    r->date.month > 12 || r->date.day < 0 ||
			    r->date.day > 31))
				abort();
		}
	}
}
