/*
 * fuzz_html.c - libFuzzer harness for the HTML reader: any bytes through
 * tl_read_html(), then the normaliser and every writer.
 */
#include <stdint.h>

#include "fuzz.h"
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tl_diags d = {0};
	struct tl_page *page = tl_page_new("fuzz.html");

	fuzz_normalise_and_write(page,
	    tl_read_html(NULL, page, (const char *)data, size, &d), &d);
	return 0;
}
