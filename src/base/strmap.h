/*
 * strmap.h - the string map's former name and calls, over the one map
 * (map.h), for site/since.[ch], which another change is rewriting.
 * TODO: once since.[ch] use base/map.h directly, remove this file.
 */
#ifndef TABLOG_STRMAP_H
#define TABLOG_STRMAP_H

#include "base/map.h"

struct tl_strmap {
	struct tl_map	m;
};

static inline int
tl_strmap_get(const struct tl_strmap *s, const char *key, size_t *val)
{
	return tl_map_get(&s->m, key, val);
}

static inline void
tl_strmap_put(struct tl_strmap *s, const char *key, size_t val)
{
	tl_map_put(&s->m, key, val);
}

static inline void
tl_strmap_free(struct tl_strmap *s)
{
	tl_map_free(&s->m);
}

#endif
