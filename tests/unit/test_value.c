/*
 * test_value.c - values (value.h) and the JSON writer that prints them:
 * look-ups, truth, and strings escaped exactly as jansson escapes them,
 * with the byte that needs escaping at every place in an 8-byte word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "base/buf.h"
#include "template/value.h"
#include "write/write.h"

/* What tl_write_value() prints for j, as a malloc'ed string. */
static char *
written(json_t *j)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	assert_int_equal(tl_write_value(TL_JSON_VALUE(j), fp), 0);
	fclose(fp);
	return text;
}

/* jansson's own dump of j, the reference, with the writer's final '\n'. */
static char *
reference(json_t *j)
{
	char *dump = json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY);
	char *text;

	assert_non_null(dump);
	text = malloc(strlen(dump) + 2);
	assert_non_null(text);
	strcpy(text, dump);
	strcat(text, "\n");
	free(dump);
	return text;
}

static void
expect_as_jansson(json_t *j)
{
	char *got, *want;

	assert_non_null(j);
	got = written(j);
	want = reference(j);

	assert_string_equal(got, want);
	free(got);
	free(want);
	json_decref(j);
}

static void
strings_escaped_at_every_offset(void **s)
{
	static const char specials[] = { '"', '\\', '\n', '\t', '\x01',
	    '\x1f', '\0', '\b', '\f', '\r' };
	char text[24];
	size_t k, at, len;

	(void)s;
	for (k = 0; k < sizeof(specials); k++)
		for (len = 1; len <= 20; len++)
			for (at = 0; at < len; at++) {
				memset(text, 'a', len);
				/* bytes above 0x7f beside it must not hide it */
				if (at >= 2)
					memcpy(text + at - 2, "\xc3\xa9", 2);
				if (at + 2 < len)
					memcpy(text + at + 1, "\xc3\xa9", 2);
				text[at] = specials[k];
				expect_as_jansson(json_stringn(text, len));
			}
}

static void
containers_and_scalars_as_jansson(void **s)
{
	(void)s;
	expect_as_jansson(json_pack("{s:[i,i,{}],s:{},s:[],s:n,s:b,s:b,s:I}",
	    "a", 1, -2, "b", "c", "d", "e", 1, "f", 0, "g",
	    (json_int_t)-9007199254740993LL));
	expect_as_jansson(json_pack("[s,[[[s]]]]", "x", "deep"));
	expect_as_jansson(json_string(""));
	expect_as_jansson(json_integer(0));
}

static void
lookups(void **s)
{
	json_t *j = json_pack("{s:[s,s],s:{s:i}}", "list", "zero", "one",
	    "obj", "n", 7);
	struct tl_value root = tl_value_json(j), v;
	struct buf scratch = {0};
	size_t len;

	(void)s;
	v = tl_value_get(&root, "list");
	assert_int_equal(v.kind, TL_VALUE_ARRAY);
	assert_int_equal(tl_value_size(&v), 2);
	v = tl_value_get(&v, "1");
	assert_string_equal(tl_value_text(&v, &scratch, &len), "one");
	assert_int_equal(len, 3);
	v = tl_value_get(&root, "list");
	assert_int_equal(tl_value_get(&v, "2").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "x").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "0000000001").kind,
	    TL_VALUE_MISSING);
	v = tl_value_get(&root, "obj");
	v = tl_value_get(&v, "n");
	assert_int_equal(v.kind, TL_VALUE_INTEGER);
	assert_int_equal(v.i, 7);
	assert_int_equal(tl_value_get(&root, "nope").kind, TL_VALUE_MISSING);
	v = tl_value_str("text");
	assert_int_equal(tl_value_get(&v, "0").kind, TL_VALUE_MISSING);
	assert_null(tl_value_text(&root, &scratch, &len));
	buf_free(&scratch);
	json_decref(j);
}

static void
truth(void **s)
{
	json_t *j = json_pack("[s,s,i,i,f,f,b,b,n,[],[i],{}]", "", "x", 0, 2,
	    0.0, 0.5, 0, 1, 0);
	static const int want[] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1 };
	struct tl_value a = tl_value_json(j), v;
	struct buf scratch = {0};
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		v = tl_value_at(&a, i);
		assert_int_equal(tl_value_truthy(&v, &scratch), want[i]);
	}
	v = tl_value_missing();
	assert_int_equal(tl_value_truthy(&v, &scratch), 0);
	buf_free(&scratch);
	json_decref(j);
}

/* A string that is not UTF-8 (a file name) is repaired, not dropped. */
static void
copy_repairs_bad_utf8(void **s)
{
	struct tl_value v = tl_value_str("bad\xff.md");
	json_t *j = tl_value_to_json(&v);

	(void)s;
	assert_non_null(j);
	assert_string_equal(json_string_value(j), "bad\xef\xbf\xbd.md");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_escaped_at_every_offset),
		cmocka_unit_test(containers_and_scalars_as_jansson),
		cmocka_unit_test(lookups),
		cmocka_unit_test(truth),
		cmocka_unit_test(copy_repairs_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
