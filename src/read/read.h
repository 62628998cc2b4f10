/*
 * read.h - the readers: turn a page's bytes into a raw tl_page.
 *
 * A reader fills the page's title, breadcrumb, intro, notes and tables
 * (header texts and row cell texts with their source lines).  Cell text is
 * UTF-8; a line break inside a cell is '\n'; everything else (white-space
 * folding, header mapping, dates) is normalise.c's job.
 *
 * Each returns 0 on success and -1 on error, after appending diagnostics
 * (with page->source as the file name) to `d`.  Warnings (a table cut
 * mid-row, a ragged row) are appended and do not make the read fail.
 * A page without any table is not an error for a reader: the caller
 * decides (see source.c).
 */
#ifndef TABLOG_READ_H
#define TABLOG_READ_H

#include <stddef.h>

#include "model/table.h"

enum tl_format { TL_FORMAT_AUTO, TL_FORMAT_HTML, TL_FORMAT_MD };

/*
 * The Markdown reader keeps its compiled PCRE2 patterns (page chrome,
 * breadcrumbs, notes) in a reader object: create one per thread and reuse
 * it for every page.
 */
struct tl_md_reader;

struct tl_md_reader *tl_md_reader_new(void);
void	tl_md_reader_free(struct tl_md_reader *r);
int	tl_read_md(struct tl_md_reader *r, struct tl_page *page,
	    const char *text, size_t len, struct tl_diags *d);
int	tl_read_html(struct tl_page *page, const char *bytes, size_t len,
	    struct tl_diags *d);

/*
 * Set up what the readers' libraries keep process-wide (cmark-gfm's
 * extension registry, libxml2's parser globals).  Neither is safe to set
 * up from two threads at once: call this once before starting threads
 * that read pages.  Calling it again does nothing.
 */
void	tl_read_init(void);

/* Guess the format of a page from its first bytes. */
enum tl_format tl_detect_format(const char *bytes, size_t len);

#endif
