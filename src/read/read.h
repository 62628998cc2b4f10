/*
 * read.h - the readers: turn a page's bytes into a raw tl_page.
 *
 * A reader fills the page's title, breadcrumb, intro, notes and tables
 * (header texts and row cell texts with their source lines).  Cell text is
 * UTF-8; a line break inside a cell is '\n'; everything else (white-space
 * folding, header mapping, dates) is normalise.c's job.
 *
 * Every reader has the same interface, struct tl_input_format, and the
 * readers are listed in one table (read.c), as the writers are
 * (write/convert.c): the loader finds a reader there by name (--from) or
 * by sniffing the page's first bytes, and calls it through the interface.
 * Adding a reader is adding its line to the table.
 */
#ifndef TABLOG_READ_H
#define TABLOG_READ_H

#include <stddef.h>

#include "base/diag.h"
#include "model/table.h"

struct tl_input_format {
	const char	*name;		/* as --from names it */
	/*
	 * Whether a page starting with these bytes (UTF-8, perhaps after a
	 * BOM) is in this format.  NULL: any page is (the last reader).
	 */
	int		(*sniff)(const char *bytes, size_t len);
	/*
	 * Set up what the reader's library keeps process-wide; run once, by
	 * tl_read_init().  NULL: nothing.
	 */
	void		(*init)(void);
	/*
	 * What one thread keeps from page to page (compiled patterns), or
	 * NULL when the reader keeps nothing (then `new` and `free` are
	 * NULL).  Not shared between threads.
	 */
	void		*(*new)(void);
	void		(*free)(void *reader);
	/*
	 * Read len bytes into page: 0, or -1 after appending an error (with
	 * page->source as the file name) to d.  Warnings (a table cut
	 * mid-row, a ragged row) are appended and do not make the read fail.
	 * A page without any table is not an error for a reader: the loader
	 * decides (load/source.c).
	 */
	int		(*read)(void *reader, struct tl_page *page,
			    const char *bytes, size_t len, struct tl_diags *d);
};

/* All readers, in the order they sniff a page; ends with a NULL name. */
const struct tl_input_format *tl_input_formats(void);
/* The reader called `name`, or NULL. */
const struct tl_input_format *tl_input_format(const char *name);
/* The first reader whose sniff() takes the page (the last takes any). */
const struct tl_input_format *tl_input_detect(const char *bytes,
	    size_t len);
/*
 * Every reader's init(), once per process however many threads call it
 * (pthread_once: the first runs them, the others wait).  Neither
 * cmark-gfm's extension registry nor libxml2's parser globals may be set
 * up from two threads at once, and cmark-gfm's own "registered" flag is
 * not a lock.  tl_loader_new(), where every reader is made, calls it, so
 * no thread reads a page before it has run.
 */
void	tl_read_init(void);

/*
 * The charset stage (docs/design.md "Reading pages"): a BOM decides, then
 * the charset the transport named (a fetched page's Content-Type), then
 * what the page itself declares (<meta charset>, read by the HTML
 * reader).  The loader applies the first two before any reader runs and
 * hands the reader UTF-8 that starts with a UTF-8 BOM, which every reader
 * takes as the decision made; these are the HTML reader's own decoders,
 * so that a charset means the same from a header as from a <meta>.
 *
 * tl_charset_is_utf8(): whether `label` (lowercased) names UTF-8.
 * tl_charset_decode(): append len bytes in charset `label` (lowercased)
 * to out as UTF-8: windows-1252 and every label browsers read as it
 * ("iso-8859-1", "us-ascii"...) by WHATWG's table, any other through
 * iconv, each byte that does not convert as U+FFFD.  Returns how many
 * did not, or -1 (out unchanged) when iconv knows no such charset.
 */
struct buf;
int	tl_charset_is_utf8(const char *label);
long	tl_charset_decode(struct buf *out, const char *label,
	    const char *bytes, size_t len);

/*
 * The readers, as the table lists them.  HTML (read_html.c): libxml2's
 * push parser; it keeps nothing between pages.  Markdown (read_md.c):
 * cmark-gfm with its table extension; a reader keeps the compiled PCRE2
 * patterns (page chrome, breadcrumbs, notes).
 */
int	tl_sniff_html(const char *bytes, size_t len);
void	tl_html_init(void);
int	tl_read_html(void *reader, struct tl_page *page, const char *bytes,
	    size_t len, struct tl_diags *d);

void	tl_md_init(void);
void	*tl_md_reader_new(void);
void	tl_md_reader_free(void *reader);
int	tl_read_md(void *reader, struct tl_page *page, const char *bytes,
	    size_t len, struct tl_diags *d);

#endif
