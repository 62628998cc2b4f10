/*
 * sources.h - `tablog build --sources FILE`: the pages a site fetches, and
 * where the archive keeps each one (docs/design.md "Fetching").
 *
 * FILE holds one source a line, `URL [SLUG]`; blank lines and lines (or
 * the rest of a line) starting with `#` are left out.  A bad line is one
 * error naming FILE and its line, and the whole file is read so that
 * every bad line is said at once.
 */
#ifndef TABLOG_SOURCES_H
#define TABLOG_SOURCES_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

/* A given slug has at most this many bytes, as a made one (normalise). */
#define TL_SLUG_MAX 80

struct tl_source {
	char		*url;		/* as written: the page's identity */
	char		*slug;		/* as written, or NULL */
	unsigned	 line;		/* in FILE */
	char		*archive;	/* its path in the archive, no extension */
};

struct tl_sources {
	struct tl_source *v;
	size_t		  n, cap;
};

/*
 * Read the sources in file `path` ("-": standard input), at most max
 * bytes, into s.  A line is in error when its URL is not an http:// or
 * https:// URL, its slug is not lowercase ASCII letters and digits
 * joined by single '-', it has more than two words, or its URL or slug
 * is on an earlier line too; and, with `archive`, when its path in the
 * archive is an earlier line's.  0, or -1 with one error per bad line
 * (and s holding the good ones).
 */
int	tl_sources_read(struct tl_sources *s, const char *path, size_t max,
	    int archive, struct tl_diags *d);
void	tl_sources_free(struct tl_sources *s);

/*
 * A source's path in the archive without its extension, appended to out:
 * its slug, when it has one; else the URL's host (and `_PORT`), then each
 * segment of its path, the last one without a page extension (`.html`,
 * `.htm`, `.md`, `.markdown`) and `index` for a path that ends in `/`,
 * then `_` and the query when there is one.  Every byte but ASCII letters,
 * digits, '.', '_' and '-' becomes '_', a segment starting with '.' gets
 * a '_' before it, and a folder ending in `.html` or `.md` an '_' after
 * it, so no path can be a hidden file or clash with a page's file.
 */
void	tl_archive_base(struct buf *out, const char *url, const char *slug);

/*
 * The extension a page gets in the archive: ".html" or ".md", from its
 * Content-Type (text/html, application/xhtml+xml; text/markdown,
 * text/x-markdown), else from `format`, the reader that reads it
 * ("html": .html, any other: .md).
 */
const char *tl_archive_ext(const char *content_type, const char *format);

#endif
