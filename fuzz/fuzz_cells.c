/*
 * fuzz_cells.c - libFuzzer harness for the cell parsers: one input is a
 * cell, folded (tl_fold_text), split as a permission (tl_split_permission),
 * searched for dates (tl_parse_dates), slugged and key-folded; the
 * results are checked against what normalise.h promises.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "fuzz.h"
#include "model/key.h"
#include "normalise/normalise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
has_space_or_bracket(const char *s)
{
	return strpbrk(s, " \t\n\r()[]") != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tl_normaliser *norm;
	struct buf a = {0}, b = {0}, c = {0};
	struct tl_date date, again;
	char *cell;
	int repaired = 0, n;

	if (norm == NULL && (norm = tl_normaliser_new(NULL)) == NULL)
		abort();

	/* Folding: any bytes in, valid text out; folding is idempotent. */
	tl_fold_text(&a, (const char *)data, size, &repaired);
	tl_fold_text(&b, buf_str(&a), a.len, &repaired);
	if (a.len != b.len || (a.len > 0 && memcmp(a.data, b.data, a.len)))
		abort();
	cell = fuzz_cstr((const uint8_t *)buf_str(&a), a.len);
	buf_reset(&a);
	buf_reset(&b);

	if (tl_split_permission(norm, cell, &a, &b, &c) == 1 &&
	    (a.len == 0 || has_space_or_bracket(buf_str(&a))))
		abort();

	n = tl_parse_dates(norm, cell, &date);
	if (n < 0 || (n == 0 && (date.year || date.month || date.day)))
		abort();
	if (n > 0) {
		if (date.month < 1 || date.month > 12 || date.day < 0 ||
		    date.day > 31)
			abort();
		/* The ISO form of a date parses back to the same date. */
		buf_reset(&a);
		tl_date_iso(&a, &date);
		if (tl_parse_dates(norm, buf_str(&a), &again) != 1 ||
		    tl_date_cmp(&date, &again) != 0)
			abort();
		buf_reset(&a);
		tl_date_label(&a, &date);
	}

	buf_reset(&a);
	tl_slugify(&a, cell);
	buf_reset(&a);
	tl_header_slug(&a, cell);
	(void)tl_header_field(cell);
	buf_reset(&a);
	tl_key_fold(&a, cell);

	/* The raw cell too, when it is valid UTF-8 (the parsers' contract:
	 * they match with PCRE2_NO_UTF_CHECK). */
	free(cell);
	if (!repaired) {
		cell = fuzz_cstr(data, size);
		tl_split_permission(norm, cell, &a, &b, &c);
		tl_parse_dates(norm, cell, &date);
		free(cell);
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	return 0;
}
