/*
 * map.h - the hash map: every look-up that must not compare each key
 * with every other (column keys, page slugs, duplicate rows, template
 * names, the spellings check compares across pages, the files a build
 * has met).
 *
 * Open addressing with linear probing, a power of two slots, grown at
 * half full so probe runs stay short.  A slot holds a key's hash, the key
 * and a value, which is an index into the caller's own array as a rule.
 * Keys are either
 *  - strings, kept by the map (borrowed: a key must outlive the map and
 *    stay where it is) and compared with strcmp: tl_map_get(),
 *    tl_map_put();
 *  - anything else (a row of cells, a file's device and inode): the
 *    caller hashes it and says which stored value stands for an equal
 *    key, usually by looking in its array: tl_map_find().
 * A zeroed struct tl_map is an empty map.
 */
#ifndef TABLOG_MAP_H
#define TABLOG_MAP_H

#include <stddef.h>
#include <stdint.h>

struct tl_map_slot {
	uint64_t	 hash;	/* 0: a free slot (no key hashes to 0 here) */
	const char	*key;	/* a string key; NULL: the caller compares */
	size_t		 val;
};

struct tl_map {
	struct tl_map_slot *v;
	size_t		 n, cap;	/* cap is 0 or a power of two */
};

/* FNV-1a, 64 bits: of len bytes after hash h (start with TL_HASH_INIT),
 * and of a string.  The hash string keys are stored under. */
#define TL_HASH_INIT 14695981039346656037ULL
uint64_t tl_hash_bytes(uint64_t h, const void *s, size_t len);
uint64_t tl_hash_str(const char *s);
/* The same idea eight bytes a step, for long keys (whole rows). */
uint64_t tl_hash_words(uint64_t h, const void *s, size_t len);

/* Room for n keys before the map grows (a size known in advance). */
void	tl_map_reserve(struct tl_map *m, size_t n);

/* 1 and *val set (val may be NULL) when the string key is in the map,
 * else 0. */
int	tl_map_get(const struct tl_map *m, const char *key, size_t *val);
/* Map the string key to val: a new key is kept (the pointer, not a copy);
 * for a key already there only the value changes. */
void	tl_map_put(struct tl_map *m, const char *key, size_t val);

/*
 * A key the caller compares, whose hash is `hash`: 1 when a stored value
 * stands for it (same(ctx, value) says yes), with that value in *val (may
 * be NULL), else 0.
 */
typedef int (*tl_map_same)(const void *ctx, size_t val);
int	tl_map_find(const struct tl_map *m, uint64_t hash, tl_map_same same,
	    const void *ctx, size_t *val);
/* The same, and when there is none, *val (the key's own value) is stored
 * for it: one probe does both. */
int	tl_map_find_add(struct tl_map *m, uint64_t hash, tl_map_same same,
	    const void *ctx, size_t *val);

void	tl_map_free(struct tl_map *m);

#endif
