/*
 * map.c - the hash map (see map.h).
 */
#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define FNV_PRIME 1099511628211ULL

uint64_t
tl_hash_bytes(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

uint64_t
tl_hash_str(const char *s)
{
	uint64_t h = TL_HASH_INIT;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return h;
}

uint64_t
tl_hash_words(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;
	uint64_t w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * FNV_PRIME;
		h ^= h >> 29;
	}
	return tl_hash_bytes(h, p, len);
}

/* 0 marks a free slot, so no stored hash is 0. */
static uint64_t
stored(uint64_t h)
{
	return h != 0 ? h : 1;
}

static void
rehash(struct tl_map *m, size_t cap)
{
	struct tl_map_slot *old = m->v;
	size_t oldcap = m->cap, i, j;

	m->v = xcalloc(cap, sizeof(*m->v));
	m->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].hash == 0)
			continue;
		for (j = (size_t)old[i].hash & (cap - 1); m->v[j].hash != 0;
		    j = (j + 1) & (cap - 1))
			continue;
		m->v[j] = old[i];
	}
	free(old);
}

void
tl_map_reserve(struct tl_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap)
		rehash(m, cap);
}

/* Make room for one more key. */
static void
room(struct tl_map *m)
{
	if (2 * (m->n + 1) > m->cap)
		rehash(m, m->cap ? 2 * m->cap : 16);
}

/* The slot holding string key (hash h), or the free slot for it. */
static size_t
str_slot(const struct tl_map *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->v[i].hash != 0 && (m->v[i].hash != h ||
	    m->v[i].key == NULL || strcmp(m->v[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int
tl_map_get(const struct tl_map *m, const char *key, size_t *val)
{
	size_t i;

	if (m->n == 0)
		return 0;
	i = str_slot(m, key, stored(tl_hash_str(key)));
	if (m->v[i].hash == 0)
		return 0;
	if (val != NULL)
		*val = m->v[i].val;
	return 1;
}

void
tl_map_put(struct tl_map *m, const char *key, size_t val)
{
	uint64_t h = stored(tl_hash_str(key));
	size_t i;

	room(m);
	i = str_slot(m, key, h);
	if (m->v[i].hash == 0) {
		m->v[i].hash = h;
		m->v[i].key = key;
		m->n++;
	}
	m->v[i].val = val;
}

/* The slot holding a caller-compared key (hash h), or the free slot for
 * it. */
static size_t
other_slot(const struct tl_map *m, uint64_t h, tl_map_same same,
    const void *ctx)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->v[i].hash != 0 && (m->v[i].hash != h ||
	    m->v[i].key != NULL || !same(ctx, m->v[i].val)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int
tl_map_find(const struct tl_map *m, uint64_t hash, tl_map_same same,
    const void *ctx, size_t *val)
{
	size_t i;

	if (m->n == 0)
		return 0;
	i = other_slot(m, stored(hash), same, ctx);
	if (m->v[i].hash == 0)
		return 0;
	if (val != NULL)
		*val = m->v[i].val;
	return 1;
}

int
tl_map_find_add(struct tl_map *m, uint64_t hash, tl_map_same same,
    const void *ctx, size_t *val)
{
	uint64_t h = stored(hash);
	size_t i;

	room(m);
	i = other_slot(m, h, same, ctx);
	if (m->v[i].hash != 0) {
		*val = m->v[i].val;
		return 1;
	}
	m->v[i].hash = h;
	m->v[i].key = NULL;
	m->v[i].val = *val;
	m->n++;
	return 0;
}

void
tl_map_free(struct tl_map *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}
