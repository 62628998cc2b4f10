/*
 * fuzz_html.c - libFuzzer harness for the HTML reader: any bytes through
 * tl_read_html(), then the normaliser and every writer.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "normalise.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tl_normaliser *norm;
	struct tl_diags d = {0};
	struct tl_page *page;

	if (norm == NULL && (norm = tl_normaliser_new(NULL)) == NULL)
		abort();
	page = tl_page_new("fuzz.html");
	if (tl_read_html(page, (const char *)data, size, &d) == 0 &&
	    tl_normalise(norm, page, &d) == 0) {
		fuzz_check_page(page);
		fuzz_write_page(page, 1);
	}
	tl_page_free(page);
	tl_diags_free(&d);
	return 0;
}
