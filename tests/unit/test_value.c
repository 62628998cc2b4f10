/*
 * test_value.c - values (value.h) and the JSON writer that prints them:
 * look-ups, truth, strings escaped exactly as jansson escapes them (with
 * the byte that needs escaping at every place in an 8-byte word), and
 * objects declared as tables of members, one of each kind.
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
	/* As the readers repair a page: a cut sequence is one U+FFFD, a
	 * surrogate three (base/utf8.h). */
	v = tl_value_str("a\xe2\x80" "b\xed\xa0\x80.md");
	j = tl_value_to_json(&v);
	assert_string_equal(json_string_value(j), "a\xef\xbf\xbd" "b"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.md");
	json_decref(j);
}

/* ---- member tables ------------------------------------------------- */

/* A made-up model struct and the object over it: p is a struct holder,
 * a the index of one of its things (the class's self). */
struct thing {
	const char	*name;
	const char	*none;		/* NULL */
	const char	*file;		/* not UTF-8 */
	unsigned	 line;
	size_t		 count;
	json_t		*json;
	json_t		*no_json;	/* NULL */
	const char	*tags[2];
	int		 dated;
};

struct holder {
	struct thing	 things[2];
};

static const void *
thing_self(const struct tl_value *v)
{
	return &((const struct holder *)v->p)->things[v->a];
}

static int
thing_dated(const struct tl_value *v)
{
	return ((const struct thing *)thing_self(v))->dated;
}

static void
thing_made(const struct tl_value *v, struct buf *out)
{
	buf_printf(out, "made %zu", v->a);
}

/* Computed: a number for the first thing, no member for the second. */
static void
thing_first(const struct tl_value *v, struct tl_value *out)
{
	if (v->a == 0)
		*out = tl_value_int(42);
}

static size_t
tags_size(const struct tl_value *v)
{
	(void)v;
	return 2;
}

static void
tags_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_str(((const char *const *)v->p)[i]);
}

/* An array over the struct's tags (p: the tags). */
static const struct tl_value_class tags_class = {
	.size = tags_size,
	.at = tags_at,
};

static void
index_value(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)v->a);
}

/* The object itself through another class: {"index": a}. */
static const struct tl_value_member as_members[] = {
	TL_COMPUTED("index", index_value),
};

static const struct tl_value_class as_class = TL_FIXED_CLASS(as_members);

/* Spread members: "extra" from the json object, then "name" again
 * (hidden: the first "name" wins). */
static void
thing_spread(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_json(((const struct thing *)thing_self(v))->json);
}

static int
more_get(const struct tl_value *v, const char *key, struct tl_value *out)
{
	if (strcmp(key, "more") != 0)
		return -1;
	*out = tl_value_int((json_int_t)v->a + 100);
	return 0;
}

static int
more_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	struct tl_value m = tl_value_int((json_int_t)v->a + 100);

	return fn(ctx, "more", &m);
}

static const struct tl_value_class more_class = {
	.get = more_get,
	.members = more_members,
};

static const struct tl_value_member thing_members[] = {
	TL_STRING_AT("name", struct thing, name),
	TL_STRING_AT("none", struct thing, none),
	TL_REPAIRED_AT("file", struct thing, file),
	TL_UNSIGNED_AT("line", struct thing, line),
	TL_SIZE_AT("count", struct thing, count),
	TL_JSON_AT("json", struct thing, json),
	TL_JSON_AT("no_json", struct thing, no_json),
	TL_CLASS_AT("tags", &tags_class, struct thing, tags),
	TL_AS("as", &as_class),
	TL_CONST("const", "fixed"),
	TL_MADE("made", thing_made),
	TL_MADE_IF("null_if_undated", thing_made, thing_dated, TL_VALUE_NULL),
	TL_MADE_IF("gone_if_undated", thing_made, thing_dated,
	    TL_VALUE_MISSING),
	TL_COMPUTED("first", thing_first),
	TL_SPREAD(thing_spread),
	TL_SPREAD_AS(&more_class),
	TL_STRING_AT("name", struct thing, tags[0]),
};

static const struct tl_value_class thing_class =
    TL_FIXED_CLASS_OF(thing_members, thing_self);

/* Member key of v as text (NULL: not a string), valid until scratch
 * changes. */
static const char *
text_of(const struct tl_value *v, const char *key, struct buf *scratch)
{
	struct tl_value m = tl_value_get(v, key);
	size_t len;

	return tl_value_text(&m, scratch, &len);
}

/* What tl_write_value() prints for v, as a malloc'ed string. */
static char *
written_value(const struct tl_value *v)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	assert_int_equal(tl_write_value(v, fp), 0);
	fclose(fp);
	return text;
}

static void
members_of_every_kind(void **s)
{
	struct holder h = { .things = {
		{ "one", NULL, "bad\xff", 7, 3, NULL, NULL, { "x", "y" }, 1 },
		{ "two", NULL, "ok", 8, 0, NULL, NULL, { "z", NULL }, 0 },
	} };
	struct tl_value v, tags;
	struct buf scratch = {0};
	char *got;

	(void)s;
	h.things[0].json = json_pack("{s:s, s:i}", "extra", "e", "name", 9);
	h.things[1].json = json_object();
	v = tl_value_make(TL_VALUE_OBJECT, &thing_class, &h, 0, 0);
	got = written_value(&v);
	assert_string_equal(got,
	    "{\n"
	    "  \"name\": \"one\",\n"
	    "  \"none\": null,\n"
	    "  \"file\": \"bad\xef\xbf\xbd\",\n"
	    "  \"line\": 7,\n"
	    "  \"count\": 3,\n"
	    "  \"json\": {\n"
	    "    \"extra\": \"e\",\n"
	    "    \"name\": 9\n"
	    "  },\n"
	    "  \"tags\": [\n"
	    "    \"x\",\n"
	    "    \"y\"\n"
	    "  ],\n"
	    "  \"as\": {\n"
	    "    \"index\": 0\n"
	    "  },\n"
	    "  \"const\": \"fixed\",\n"
	    "  \"made\": \"made 0\",\n"
	    "  \"null_if_undated\": \"made 0\",\n"
	    "  \"gone_if_undated\": \"made 0\",\n"
	    "  \"first\": 42,\n"
	    "  \"extra\": \"e\",\n"
	    "  \"name\": 9,\n"
	    "  \"more\": 100,\n"
	    "  \"name\": \"x\"\n"
	    "}\n");
	free(got);

	/* The second thing: undated, no "first", an empty spread. */
	v = tl_value_make(TL_VALUE_OBJECT, &thing_class, &h, 1, 0);
	got = written_value(&v);
	assert_string_equal(got,
	    "{\n"
	    "  \"name\": \"two\",\n"
	    "  \"none\": null,\n"
	    "  \"file\": \"ok\",\n"
	    "  \"line\": 8,\n"
	    "  \"count\": 0,\n"
	    "  \"json\": {},\n"
	    "  \"tags\": [\n"
	    "    \"z\",\n"
	    "    null\n"
	    "  ],\n"
	    "  \"as\": {\n"
	    "    \"index\": 1\n"
	    "  },\n"
	    "  \"const\": \"fixed\",\n"
	    "  \"made\": \"made 1\",\n"
	    "  \"null_if_undated\": null,\n"
	    "  \"more\": 101,\n"
	    "  \"name\": \"z\"\n"
	    "}\n");
	free(got);

	/* Look-ups take the first member of a name, spreads included. */
	assert_string_equal(text_of(&v, "name", &scratch), "two");
	assert_int_equal(tl_value_get(&v, "none").kind, TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&v, "no_json").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "first").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "null_if_undated").kind,
	    TL_VALUE_NULL);
	assert_int_equal(tl_value_get(&v, "gone_if_undated").kind,
	    TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "extra").kind, TL_VALUE_MISSING);
	assert_int_equal(tl_value_get(&v, "more").i, 101);
	assert_int_equal(tl_value_get(&v, "nothing").kind, TL_VALUE_MISSING);
	assert_string_equal(text_of(&v, "made", &scratch), "made 1");
	v = tl_value_make(TL_VALUE_OBJECT, &thing_class, &h, 0, 0);
	assert_int_equal(tl_value_get(&v, "first").i, 42);
	assert_string_equal(text_of(&v, "extra", &scratch), "e");
	assert_string_equal(text_of(&v, "file", &scratch), "bad\xef\xbf\xbd");
	assert_int_equal(tl_value_get(&v, "line").i, 7);
	tags = tl_value_get(&v, "tags");
	assert_int_equal(tags.kind, TL_VALUE_ARRAY);
	assert_string_equal(text_of(&tags, "1", &scratch), "y");
	buf_free(&scratch);
	json_decref(h.things[0].json);
	json_decref(h.things[1].json);
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
		cmocka_unit_test(members_of_every_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
