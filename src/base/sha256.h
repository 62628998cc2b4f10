/*
 * sha256.h - SHA-256 digests in hex, for names and checks that must not
 * collide: the fetch cache names an entry by the hash of its URL and
 * checks its body against the hash recorded beside it (docs/design.md
 * "Fetching").  FNV-1a (map.h) is for hash tables, where a collision
 * costs a comparison; here it would cost a wrong page.  The digest comes
 * from OpenSSL's libcrypto, not from code of our own.
 */
#ifndef TABLOG_SHA256_H
#define TABLOG_SHA256_H

#include <stddef.h>

#define TL_SHA256_LEN	32			/* bytes of a digest */
#define TL_SHA256_HEX	(2 * TL_SHA256_LEN + 1)	/* hex digits and NUL */

/* The digest of len bytes as 64 lowercase hex digits and a NUL. */
void	tl_sha256_hex(const void *data, size_t len, char out[TL_SHA256_HEX]);
/* The same of what is left to read from fd, read a block at a time (a
 * file of any size): 0, or -1 with errno set when a read fails. */
int	tl_sha256_fd_hex(int fd, char out[TL_SHA256_HEX]);

#endif
