/*
 * strmap.c - string to index map (see strmap.h).
 */
#include "base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

uint64_t
tl_hash_bytes(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

uint64_t
tl_hash_str(const char *s)
{
	uint64_t h = TL_HASH_INIT;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot holding key, or the free slot where it would go. */
static size_t
slot(const struct tl_strmap *m, const char *key)
{
	size_t i = (size_t)tl_hash_str(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int
tl_strmap_get(const struct tl_strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	i = slot(m, key);
	if (m->keys[i] == NULL)
		return 0;
	if (val != NULL)
		*val = m->vals[i];
	return 1;
}

static void
grow(struct tl_strmap *m)
{
	struct tl_strmap bigger;
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 16;
	bigger.n = 0;
	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = xcalloc(bigger.cap, sizeof(*bigger.vals));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL)
			tl_strmap_put(&bigger, m->keys[i], m->vals[i]);
	tl_strmap_free(m);
	*m = bigger;
}

void
tl_strmap_put(struct tl_strmap *m, const char *key, size_t val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	i = slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = key;
		m->n++;
	}
	m->vals[i] = val;
}

void
tl_strmap_free(struct tl_strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
