/*
 * fuzz_md.c - libFuzzer harness for the Markdown reader: any bytes
 * through tl_read_md(), then the normaliser and every writer.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *reader;
	struct tl_diags d = {0};
	struct tl_page *page;

	if (reader == NULL && (reader = tl_md_reader_new()) == NULL)
		abort();
	page = tl_page_new("fuzz.md");
	fuzz_normalise_and_write(page,
	    tl_read_md(reader, page, (const char *)data, size, &d), &d);
	return 0;
}
