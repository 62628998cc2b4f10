/*
 * sha256.c - SHA-256 in hex through libcrypto (see sha256.h).
 */
#include "base/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/evp.h>

/* libcrypto fails only when it cannot allocate, which the rest of
 * tablog treats as fatal too (xalloc.h). */
static void
no_digest(void)
{
	fputs("tablog: libcrypto could not compute SHA-256\n", stderr);
	abort();
}

static void
to_hex(const unsigned char *md, unsigned int mdlen, char out[TL_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	if (mdlen != TL_SHA256_LEN)
		no_digest();
	for (i = 0; i < TL_SHA256_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[TL_SHA256_HEX - 1] = '\0';
}

void
tl_sha256_hex(const void *data, size_t len, char out[TL_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		no_digest();
	to_hex(md, mdlen, out);
}

int
tl_sha256_fd_hex(int fd, char out[TL_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE], block[65536];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ssize_t n;
	int err;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		no_digest();
	for (;;) {
		n = read(fd, block, sizeof(block));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (EVP_DigestUpdate(ctx, block, (size_t)n) != 1)
			no_digest();
	}
	if (n < 0) {
		err = errno;
		EVP_MD_CTX_free(ctx);
		errno = err;
		return -1;
	}
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		no_digest();
	EVP_MD_CTX_free(ctx);
	to_hex(md, mdlen, out);
	return 0;
}
