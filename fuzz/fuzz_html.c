/*
 * fuzz_html.c - libFuzzer harness for the HTML reader: any bytes through
 * tl_read_html(), then the normaliser and every writer; and the same
 * bytes read in pieces (as a big file is), which must give the same page
 * and diagnostics whenever the piecewise reader does not ask for the
 * whole input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "normalise.h"
#include "read.h"
#include "write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The normalised page as -f json prints it, and its diagnostics, as one
 * string. */
static char *
page_text(struct tl_normaliser *norm, struct tl_page *page,
    struct tl_diags *d)
{
	struct tl_write_opts o = {0};
	struct tl_view v;
	char *text = NULL;
	size_t len = 0, i;
	FILE *fp;

	if (tl_normalise(norm, page, d) != 0)
		abort();
	if ((fp = open_memstream(&text, &len)) == NULL)
		abort();
	tl_view_init(&v, page, &o);
	tl_write_json(&v, fp, NULL);
	tl_view_free(&v);
	for (i = 0; i < d->n; i++)
		fprintf(fp, "%d:%u:%s\n", (int)d->v[i].severity, d->v[i].line,
		    d->v[i].message);
	fclose(fp);
	return text;
}

/*
 * Read data in pieces, the first of 1024 bytes (read.h asks for that
 * much), then of 1 to 64 bytes drawn from the data, and compare with
 * `whole` (page_text of the whole read; NULL: it failed).
 */
static void
check_pieces(struct tl_normaliser *norm, const uint8_t *data, size_t size,
    const char *whole)
{
	struct tl_diags d = {0};
	struct tl_page *page = tl_page_new("fuzz.html");
	struct tl_html_stream *s = tl_html_stream_new(page, &d);
	size_t at = 0, n, k = 0;
	int rc = 0;
	char *got;

	while (rc == 0 && at < size) {
		n = at == 0 ? 1024 : 1 + data[k++ % size] % 64;
		if (n > size - at)
			n = size - at;
		rc = tl_html_stream_feed(s, (const char *)data + at, n);
		at += n;
	}
	if (rc == 0)
		rc = tl_html_stream_end(s);
	else
		tl_html_stream_abort(s);
	if (rc == 0) {
		got = page_text(norm, page, &d);
		if (whole == NULL || strcmp(got, whole) != 0) {
			fprintf(stderr, "read in pieces:\n%s\nread whole:\n%s\n",
			    got, whole ? whole : "(failed)");
			abort();
		}
		free(got);
	} else if (rc != TL_READ_WHOLE) {
		abort();
	}
	tl_page_free(page);
	tl_diags_free(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tl_normaliser *norm;
	struct tl_diags d = {0};
	struct tl_page *page;
	char *whole = NULL;

	if (norm == NULL && (norm = tl_normaliser_new(NULL)) == NULL)
		abort();
	page = tl_page_new("fuzz.html");
	if (tl_read_html(page, (const char *)data, size, &d) == 0) {
		whole = page_text(norm, page, &d);
		fuzz_check_page(page);
		fuzz_write_page(page, 1);
	}
	if (size > 0)
		check_pieces(norm, data, size, whole);
	free(whole);
	tl_page_free(page);
	tl_diags_free(&d);
	return 0;
}
