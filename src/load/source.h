/*
 * source.h - from a file name to a normalised page.
 *
 * The loader is the front of the pipeline: it reads a file or standard
 * input (refusing folders and anything over the size limit before reading
 * it), or fetches an http:// or https:// URL (fetch.h), brings the bytes
 * to UTF-8 (a BOM, then the charset the transport named; read.h), picks
 * the reader from the table of readers by content or --from, runs it and
 * the normaliser, and turns "no table" into an error.  It owns the
 * per-thread reader and normaliser objects, so their compiled patterns
 * are reused for every page, and the fetch client, made on the first URL.
 */
#ifndef TABLOG_SOURCE_H
#define TABLOG_SOURCE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/file.h"
#include "fetch/fetch.h"
#include "normalise/normalise.h"
#include "read/read.h"
#include "model/table.h"

#define TL_DEFAULT_MAX_INPUT ((size_t)256 << 20)	/* 256 MiB */

struct tl_load_opts {
	/* The reader (read.h: --from), or NULL to sniff each page. */
	const struct tl_input_format *from;
	size_t			max_input;	/* bytes; 0 for the default */
	struct tl_norm_opts	norm;
	/*
	 * Fetching URLs: cache, cacert, timeouts, retries (a zeroed struct
	 * is every default).  Its max_body and version are not read: the
	 * limit is max_input, the User-Agent names this tablog.
	 */
	struct tl_fetch_opts	fetch;
	/* --page-url: every page's url (table.h), what its relative links
	 * resolve against; NULL: a fetched page's final URL after
	 * redirects, none for a file. */
	const char		*page_url;
};

struct tl_loader;

struct tl_loader *tl_loader_new(const struct tl_load_opts *opts);
void	tl_loader_free(struct tl_loader *l);

/*
 * Whether `name` is a URL rather than a file name: a scheme (a letter,
 * then letters, digits, '+', '-' or '.') followed by "://".  Such a name
 * is never read as a file; only http and https are fetched.
 */
int	tl_is_url(const char *name);

/* The fetch options for the loader's options: o->fetch with its size
 * limit and User-Agent filled in. */
void	tl_load_fetch_opts(const struct tl_load_opts *o,
	    struct tl_fetch_opts *out);

/*
 * Read, parse and normalise the page at `path` ("-" for standard input,
 * or an http:// or https:// URL, fetched; its source name is the URL as
 * given).  Returns the page (caller frees with tl_page_free) or NULL
 * after appending an error to `d`.  Warnings are appended either way.
 */
struct tl_page *tl_load_page(struct tl_loader *l, const char *path,
	    struct tl_diags *d);
/*
 * The same for a page found by walking a folder (tablog build), which may
 * have been swapped for something else since it was listed: opened
 * without blocking and, unless follow_links, without following a link;
 * only a regular file is read.
 */
struct tl_page *tl_load_found_page(struct tl_loader *l, const char *path,
	    int follow_links, struct tl_diags *d);
/* The same for bytes already in memory; `name` is used in diagnostics. */
struct tl_page *tl_load_buffer(struct tl_loader *l, const char *name,
	    const char *bytes, size_t len, struct tl_diags *d);

/* What the transport said about a page's bytes (a fetched page). */
struct tl_load_meta {
	const char	*charset;	/* the Content-Type's, lowercased; or NULL */
	const char	*url;		/* after redirects: the page's url */
};
/* The same for bytes that came with meta (NULL: none, as above). */
struct tl_page *tl_load_bytes(struct tl_loader *l, const char *name,
	    const char *bytes, size_t len, const struct tl_load_meta *meta,
	    struct tl_diags *d);
/* The page fetched as `name` (a URL), from its fetch result. */
struct tl_page *tl_load_fetched(struct tl_loader *l, const char *name,
	    const struct tl_fetch_result *res, struct tl_diags *d);

#endif
