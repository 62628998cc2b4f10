/*
 * fuzz.h - what the libFuzzer harnesses share: a /dev/null stream, the
 * writers run over a normalised page, and a NUL-terminated copy of the
 * input.  Harness code only; nothing in src/ includes this.
 */
#ifndef TABLOG_FUZZ_H
#define TABLOG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "model/table.h"

/* Run every page writer (CSV, Markdown, JSON and, when `templated`, the
 * HTML page, fragment, changelogs and feed) over `page` into /dev/null. */
void	fuzz_write_page(const struct tl_page *page, int templated);

/*
 * After a reader: when it returned 0, normalise the page, check it and run
 * every writer over it; then free the page and the diagnostics.
 */
void	fuzz_normalise_and_write(struct tl_page *page, int read_rc,
	    struct tl_diags *d);

/* A malloc()ed NUL-terminated copy of the input. */
char	*fuzz_cstr(const uint8_t *data, size_t size);

/* Check what every normalised page promises (aborts when broken). */
void	fuzz_check_page(const struct tl_page *page);

#endif
