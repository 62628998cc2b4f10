/*
 * sha256.h - SHA-256 (FIPS 180-4), for names and checks that must not
 * collide: the fetch cache names an entry by the hash of its URL and
 * checks its body against the hash recorded beside it (docs/design.md
 * "Fetching").  FNV-1a (strmap.h) is for hash tables, where a collision
 * costs a comparison; here it would cost a wrong page.
 */
#ifndef TABLOG_SHA256_H
#define TABLOG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define TL_SHA256_LEN	32			/* bytes of a digest */
#define TL_SHA256_HEX	(2 * TL_SHA256_LEN + 1)	/* hex digits and NUL */

struct tl_sha256 {
	uint32_t	 h[8];
	uint64_t	 total;		/* bytes hashed so far */
	unsigned char	 block[64];
	size_t		 fill;		/* bytes waiting in block */
};

void	tl_sha256_init(struct tl_sha256 *s);
void	tl_sha256_update(struct tl_sha256 *s, const void *data, size_t len);
void	tl_sha256_final(struct tl_sha256 *s, unsigned char out[TL_SHA256_LEN]);

/* The digest of len bytes as 64 lowercase hex digits and a NUL. */
void	tl_sha256_hex(const void *data, size_t len, char out[TL_SHA256_HEX]);

#endif
