/*
 * fuzz_diff.c - libFuzzer harness for `tablog diff`.
 *
 * Input: OLD and NEW pages, split at the first NUL byte (or, without
 * one, into two halves).  Both go through tl_load_buffer() (format
 * detection, readers, normaliser), then tl_diff_pages() with the default
 * key and then with a key of its own, and the diff is written in every
 * format.  The pages go through the plain writers too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "diff/diff.h"
#include "fuzz.h"
#include "model/key.h"
#include "load/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_diff(const struct tl_page *before, const struct tl_page *after,
    const struct tl_diff_opts *o, FILE *fp)
{
	struct tl_diff df;
	struct tl_diags d = {0};
	struct buf b = {0};
	int f;

	tl_diff_pages(&df, before, after, o);
	tl_diff_summary(&b, &df);
	for (f = TL_DIFF_MD; f <= TL_DIFF_HTML; f++)
		tl_diff_write(&df, (enum tl_diff_format)f, NULL, fp, &d);
	/* A page never differs from itself. */
	if (before == after && tl_diff_any(&df))
		abort();
	tl_diff_free(&df);
	tl_diags_free(&d);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tl_loader *loader;
	static struct tl_aliases *aliases;
	static struct tl_keyspec key;
	static FILE *fp;
	struct tl_load_opts lo = {0};
	struct tl_diff_opts o = {0};
	struct tl_diags d = {0};
	struct tl_page *before, *after = NULL;
	const char *s = (const char *)data, *nul;
	size_t oldlen, newoff;

	if (loader == NULL) {
		lo.from = NULL;	/* sniff each page */
		if ((loader = tl_loader_new(&lo)) == NULL ||
		    (aliases = tl_aliases_new()) == NULL ||
		    (fp = fopen("/dev/null", "w")) == NULL)
			abort();
		tl_aliases_add(aliases, "Graph", "Microsoft Graph");
		if (tl_keyspec_parse(&key, "permission,display_name,label",
		    &d) != 0)
			abort();
	}
	if ((nul = memchr(s, '\0', size)) != NULL) {
		oldlen = (size_t)(nul - s);
		newoff = oldlen + 1;
	} else {
		oldlen = size / 2;
		newoff = oldlen;
	}
	before = tl_load_buffer(loader, "old", s, oldlen, &d);
	if (before != NULL)
		after = tl_load_buffer(loader, "new", s + newoff,
		    size - newoff, &d);
	if (after != NULL) {
		fuzz_check_page(before);
		fuzz_check_page(after);
		run_diff(before, after, &o, fp);
		run_diff(before, before, &o, fp);
		o.key = &key;
		o.aliases = aliases;
		run_diff(after, before, &o, fp);
		run_diff(after, after, &o, fp);
		fuzz_write_page(before, 0);
	}
	tl_page_free(before);
	tl_page_free(after);
	tl_diags_free(&d);
	return 0;
}
