/*
 * test_map.c - the one hash map (base/map.h): string keys, keys the
 * caller compares, growth, and the hashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/map.h"

static void
strings(void **st)
{
	struct tl_map m = {0};
	size_t v = 99;

	(void)st;
	assert_false(tl_map_get(&m, "a", &v));
	assert_int_equal(v, 99);
	tl_map_put(&m, "a", 1);
	tl_map_put(&m, "b", 2);
	tl_map_put(&m, "", 3);
	assert_true(tl_map_get(&m, "a", &v));
	assert_int_equal(v, 1);
	assert_true(tl_map_get(&m, "", &v));
	assert_int_equal(v, 3);
	assert_true(tl_map_get(&m, "b", NULL));
	assert_false(tl_map_get(&m, "ab", NULL));
	assert_int_equal(m.n, 3);
	tl_map_free(&m);
	assert_int_equal(m.n, 0);
}

/* An equal key only changes the value; the first pointer is kept. */
static void
replace_keeps_key(void **st)
{
	struct tl_map m = {0};
	char scratch[8] = "key";
	static const char kept[] = "key";
	size_t v, i;

	(void)st;
	tl_map_put(&m, kept, 1);
	tl_map_put(&m, scratch, 2);
	strcpy(scratch, "xyz");
	assert_true(tl_map_get(&m, "key", &v));
	assert_int_equal(v, 2);
	assert_int_equal(m.n, 1);
	for (i = 0; i < m.cap; i++)
		if (m.v[i].hash != 0)
			assert_ptr_equal(m.v[i].key, kept);
	tl_map_free(&m);
}

/* Many keys: every one found after the map grew, none that was not put. */
static void
growth(void **st)
{
	static char keys[5000][8];
	struct tl_map m = {0};
	char other[16];
	size_t i, v;

	(void)st;
	for (i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		tl_map_put(&m, keys[i], i);
	}
	assert_int_equal(m.n, 5000);
	assert_true(2 * m.n <= m.cap);
	for (i = 0; i < 5000; i++) {
		assert_true(tl_map_get(&m, keys[i], &v));
		assert_int_equal(v, i);
		snprintf(other, sizeof(other), "x%zu", i);
		assert_false(tl_map_get(&m, other, NULL));
	}
	tl_map_free(&m);
}

/* Keys the caller compares: pairs of numbers, all with one hash. */
struct pair {
	int	a, b;
};

struct probe {
	const struct pair	*all;
	struct pair		 want;
};

static int
same_pair(const void *ctx, size_t val)
{
	const struct probe *p = ctx;

	return p->all[val].a == p->want.a && p->all[val].b == p->want.b;
}

static void
caller_compared(void **st)
{
	struct pair all[4] = { {1, 2}, {3, 4}, {1, 2}, {5, 6} };
	struct tl_map m = {0};
	struct probe p = { all, {0, 0} };
	size_t i, v;

	(void)st;
	for (i = 0; i < 4; i++) {
		p.want = all[i];
		v = i;
		/* Hash 0 for all: every key collides, and 0 is allowed. */
		assert_int_equal(tl_map_find_add(&m, 0, same_pair, &p, &v),
		    i == 2);
		assert_int_equal(v, i == 2 ? 0 : i);
	}
	assert_int_equal(m.n, 3);
	p.want = all[3];
	assert_true(tl_map_find(&m, 0, same_pair, &p, &v));
	assert_int_equal(v, 3);
	p.want.a = 7;
	assert_false(tl_map_find(&m, 0, same_pair, &p, NULL));
	assert_int_equal(m.n, 3);
	tl_map_free(&m);
}

static void
hashes(void **st)
{
	(void)st;
	/* FNV-1a 64 of "a" (the published test vector). */
	assert_true(tl_hash_str("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(tl_hash_bytes(TL_HASH_INIT, "a", 1) == tl_hash_str("a"));
	assert_true(tl_hash_str("") == TL_HASH_INIT);
	/* The word hash reads any length, and what it reads counts. */
	assert_true(tl_hash_words(TL_HASH_INIT, "abcdefghi", 9) !=
	    tl_hash_words(TL_HASH_INIT, "abcdefghj", 9));
	assert_true(tl_hash_words(TL_HASH_INIT, "abcdefgh", 8) !=
	    tl_hash_words(TL_HASH_INIT, "abcdefgi", 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings),
		cmocka_unit_test(replace_keeps_key),
		cmocka_unit_test(growth),
		cmocka_unit_test(caller_compared),
		cmocka_unit_test(hashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
