/*
 * cache.h - the fetch cache: one file per URL holding the last good body
 * and what is needed to ask the server whether it changed
 * (docs/design.md "Fetching").
 *
 * Layout: DIR/http/KEY, KEY being the SHA-256 of the URL as asked, in
 * hex.  One file holds both the metadata and the body, so the two can
 * never disagree: it is written to a temporary and renamed into place
 * (base/output.h), and read back only after checking that it is whole
 * (the body's length and SHA-256 are in the metadata).  The file is
 *
 *	tablog-cache 1
 *	url: URL
 *	final-url: URL
 *	content-type: VALUE	(optional)
 *	etag: VALUE		(optional)
 *	last-modified: VALUE	(optional)
 *	date: VALUE		(optional; the response's Date header)
 *	fetched: SECONDS	(since the epoch, when the body arrived)
 *	length: BYTES
 *	sha256: HEX
 *	<empty line>
 *	BODY
 *
 * with each line ending in LF and values free of control characters.  An
 * entry that is not exactly this is ignored (and fetched again), never
 * trusted.
 */
#ifndef TABLOG_CACHE_H
#define TABLOG_CACHE_H

#include <stddef.h>
#include <time.h>

#include "base/sha256.h"
#include "base/diag.h"

struct buf;
struct tl_temps;

/* The first line of an entry; another version is a different format. */
#define TL_CACHE_MAGIC "tablog-cache 1"
/* The most bytes of metadata an entry may have before its body. */
#define TL_CACHE_MAX_META ((size_t)64 << 10)

struct tl_cache_entry {
	char	*url;		/* as asked: the entry's key */
	char	*final_url;	/* after redirects */
	char	*content_type;	/* or NULL, as are the next three */
	char	*etag;
	char	*last_modified;
	char	*date;
	time_t	 fetched;
	char	*body;		/* len bytes and a NUL */
	size_t	 len;
};

void	tl_cache_entry_free(struct tl_cache_entry *e);

/* The entry's file name for url: hex SHA-256 of its bytes. */
void	tl_cache_key(const char *url, char out[TL_SHA256_HEX]);

/*
 * Whether a value can be stored: no control characters (tab aside), at
 * most 8 KiB.  A header value that cannot is left out of the entry.
 */
int	tl_cache_value_ok(const char *v);

/*
 * Append e's metadata, up to and including the empty line, to out (the
 * body follows it in the file).  -1, with nothing appended, when the URLs
 * cannot be stored; optional values that cannot are left out.
 */
int	tl_cache_entry_format(struct buf *out, const struct tl_cache_entry *e);

/*
 * Read an entry from the len bytes of a file.  0 with e filled (new
 * strings, the body copied), or -1 with *why saying what is wrong: not
 * this format or version, a bad or repeated line, a missing field, a URL
 * other than `url`, a body shorter or longer than its length (a torn
 * file), a body over max_body bytes, or one whose SHA-256 differs.
 */
int	tl_cache_entry_parse(const char *data, size_t len, const char *url,
	    size_t max_body, struct tl_cache_entry *e, const char **why);

/* ---- the folder ---------------------------------------------------- */

struct tl_cache;

/*
 * Open (creating it and its parents when missing) the cache folder dir.
 * Temporaries left there by killed runs more than ten minutes ago are
 * removed.  temps, which may be NULL, registers the temporaries written
 * (see base/output.h).  NULL with an error in d.
 */
struct tl_cache *tl_cache_open(const char *dir, struct tl_temps *temps,
	    struct tl_diags *d);
void	tl_cache_close(struct tl_cache *c);

/*
 * The entry for url: 1 with e filled, 0 when there is none.  An entry that
 * fails tl_cache_entry_parse() (or holds a body over max_body) counts as
 * none, with a warning naming its file unless it is simply another
 * format's or another URL's.  Safe from several threads at once.
 */
int	tl_cache_get(struct tl_cache *c, const char *url, size_t max_body,
	    struct tl_cache_entry *e, struct tl_diags *d);

/*
 * Store e as url's entry, replacing any, atomically.  0, or -1 with a
 * warning (a cache that cannot be written costs only a refetch later).
 */
int	tl_cache_put(struct tl_cache *c, const struct tl_cache_entry *e,
	    struct tl_diags *d);

/* The path of url's entry, for messages and tests. */
void	tl_cache_path(const struct tl_cache *c, const char *url,
	    struct buf *out);

#endif
