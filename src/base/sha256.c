/*
 * sha256.c - SHA-256 in hex through libcrypto (see sha256.h).
 */
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

void
tl_sha256_hex(const void *data, size_t len, char out[TL_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	/* EVP_Digest fails only when libcrypto cannot allocate, which the
	 * rest of tablog treats as fatal too (xalloc.h). */
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != TL_SHA256_LEN) {
		fputs("tablog: libcrypto could not compute SHA-256\n", stderr);
		abort();
	}
	for (i = 0; i < TL_SHA256_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[TL_SHA256_HEX - 1] = '\0';
}
