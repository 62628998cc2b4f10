/*
 * strmap.h - a map from strings to indexes, for look-ups that must not
 * compare every key with every other (column keys across a site's pages,
 * page slugs).  Open addressing, grown at half full.  Keys are borrowed:
 * they must outlive the map.
 */
#ifndef TABLOG_STRMAP_H
#define TABLOG_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct tl_strmap {
	const char	**keys;		/* NULL: a free slot */
	size_t		 *vals;
	size_t		  n, cap;	/* cap is 0 or a power of two */
};

/* FNV-1a, 64 bits: of a string, and of len more bytes after hash h. */
#define TL_HASH_INIT 14695981039346656037ULL
uint64_t tl_hash_bytes(uint64_t h, const char *s, size_t len);
uint64_t tl_hash_str(const char *s);

/* 1 and *val set when key is in the map (val may be NULL), else 0. */
int	tl_strmap_get(const struct tl_strmap *m, const char *key, size_t *val);
/* Map key to val, replacing any value it had. */
void	tl_strmap_put(struct tl_strmap *m, const char *key, size_t val);
void	tl_strmap_free(struct tl_strmap *m);

#endif
