/*
 * source.h - from a file name to a normalised page.
 *
 * The loader is the front of the pipeline: it reads a file or standard
 * input (refusing folders and anything over the size limit before reading
 * it), converts UTF-16 to UTF-8, picks the reader from the table of
 * readers (read.h) by content or --from, runs it and the normaliser, and
 * turns "no table" into an error.  It owns the per-thread reader and
 * normaliser objects, so their compiled patterns are reused for every
 * page.
 */
#ifndef TABLOG_SOURCE_H
#define TABLOG_SOURCE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/file.h"
#include "normalise/normalise.h"
#include "read/read.h"
#include "model/table.h"

#define TL_DEFAULT_MAX_INPUT ((size_t)256 << 20)	/* 256 MiB */

struct tl_load_opts {
	/* The reader (read.h: --from), or NULL to sniff each page. */
	const struct tl_input_format *from;
	size_t			max_input;	/* bytes; 0 for the default */
	struct tl_norm_opts	norm;
	/* The page's own URL (page->url), or NULL: its relative links
	 * resolve against it. */
	const char		*page_url;
};

struct tl_loader;

struct tl_loader *tl_loader_new(const struct tl_load_opts *opts);
void	tl_loader_free(struct tl_loader *l);

/*
 * Read, parse and normalise the page at `path` ("-" for standard input).
 * Returns the page (caller frees with tl_page_free) or NULL after
 * appending an error to `d`.  Warnings are appended either way.
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

#endif
