/*
 * tablog.h - the public interface of libtablog.
 *
 * libtablog reads a documentation page (HTML or Markdown) whose core is a
 * permissions table, normalises its tables into one model and writes that
 * model as Markdown, HTML, CSV, JSON, a changelog or an Atom feed.  The
 * tablog(1) command is a client of this library.
 *
 * A program uses four kinds of object, each opaque and each created and
 * destroyed by the caller:
 *
 *	tablog_diags	a list of diagnostics (errors, warnings, notes)
 *	tablog_loader	reads and normalises pages (holds compiled patterns)
 *	tablog_page	one normalised page: its title, text and tables
 *	tablog_writer	output options and the templates used to write
 *
 * A minimal program:
 *
 *	tablog_diags *d = tablog_diags_new();
 *	tablog_loader *l = tablog_loader_new();
 *	tablog_page *p = tablog_load_file(l, "page.md", d);
 *	if (p != NULL)
 *		tablog_write(p, "csv", stdout, NULL, d);
 *	tablog_diags_print(d, stderr, TABLOG_WARNING);
 *	tablog_page_free(p);
 *	tablog_loader_free(l);
 *	tablog_diags_free(d);
 *
 * Build with `pkg-config --cflags --libs tablog`.
 *
 * ERROR CONVENTION.  A function that returns a pointer returns NULL on
 * failure; a function that returns int returns 0 on success and -1 on
 * failure.  The library never prints and never exits: every failure is
 * explained by an error diagnostic appended to the `diags` argument, and
 * warnings (a ragged row, an unparsable date) are appended there too
 * without making the call fail.  Every `diags` argument may be NULL, in
 * which case the diagnostics are discarded.  The one exception is running
 * out of memory: the library then writes one line to standard error and
 * calls abort().
 *
 * OWNERSHIP.  Every object returned by a `*_new` or `tablog_load_*`
 * function belongs to the caller, who releases it with the matching
 * `*_free` function; each `*_free` accepts NULL.  Every `const char *`
 * the library returns is owned by the object it came from and stays valid
 * until that object is freed (for a diagnostic: until its list is cleared
 * or freed); never free or modify it.  Strings passed in are copied: the
 * caller may free them as soon as the call returns.
 *
 * THREADS.  tablog keeps no global state, but cmark-gfm and libxml2 set
 * up some of their own the first time a loader is made: make the first
 * loader before starting threads.  Objects are not locked: use each
 * loader, writer and diagnostics list from one thread at a time (one of
 * each per thread is the intended pattern).  A page is only read by the
 * writers, so one page may be written from several threads at once, each
 * with its own writer and diagnostics list.
 *
 * STABILITY.  This header is the whole API of libtablog.so.0; the model
 * is reached through accessor functions, never through structures, so
 * that the library can change its internals without breaking programs.
 * Functions may be added; none is removed or changed before soname 1.
 */
#ifndef TABLOG_H
#define TABLOG_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define TABLOG_API __attribute__((visibility("default")))
#else
#define TABLOG_API
#endif

/* ---- version ------------------------------------------------------- */

/* The major version of the library's binary interface (the soname). */
#define TABLOG_SOVERSION 0

/* The library's version, e.g. "0.1.0".  A static string. */
TABLOG_API const char *tablog_version(void);

/* ---- diagnostics --------------------------------------------------- */

typedef struct tablog_diags tablog_diags;

enum tablog_severity {
	TABLOG_NOTE,		/* information; never a failure */
	TABLOG_WARNING,		/* the input is doubtful; output was made */
	TABLOG_ERROR		/* the call failed */
};

/* A new, empty list. */
TABLOG_API tablog_diags *tablog_diags_new(void);
TABLOG_API void tablog_diags_free(tablog_diags *diags);
/* Empty the list (strings returned from it become invalid). */
TABLOG_API void tablog_diags_clear(tablog_diags *diags);

/* How many diagnostics the list holds, in the order they were added. */
TABLOG_API size_t tablog_diags_size(const tablog_diags *diags);
/* How many of them have exactly this severity. */
TABLOG_API size_t tablog_diags_count(const tablog_diags *diags,
    enum tablog_severity severity);

/*
 * The parts of diagnostic i (0 <= i < tablog_diags_size()).  The file is
 * the input's name as given (NULL when the diagnostic is about no file);
 * the line is 1-based (0 when unknown); the message is one line of text
 * without a final full stop.  Out of range: TABLOG_NOTE, NULL, 0, NULL.
 */
TABLOG_API enum tablog_severity tablog_diag_severity(const tablog_diags *diags,
    size_t i);
TABLOG_API const char *tablog_diag_file(const tablog_diags *diags, size_t i);
TABLOG_API unsigned tablog_diag_line(const tablog_diags *diags, size_t i);
TABLOG_API const char *tablog_diag_message(const tablog_diags *diags,
    size_t i);

/*
 * Print every diagnostic of at least severity `min` to fp, one line each,
 * in the shape tablog(1) uses:
 *	tablog: FILE:LINE: error: MESSAGE
 * (without colour).  Control characters and invalid UTF-8 in the file
 * name or message are shown quoted (\n, \t, \r, \xNN), so neither can
 * forge a line or drive a terminal; tablog_diag_file() and
 * tablog_diag_message() give them as they are.  Returns 0, or -1 if
 * writing to fp failed.
 */
TABLOG_API int tablog_diags_print(const tablog_diags *diags, FILE *fp,
    enum tablog_severity min);

/* ---- loading pages ------------------------------------------------- */

typedef struct tablog_loader tablog_loader;
typedef struct tablog_page tablog_page;

/* How to read the input. */
enum tablog_input {
	TABLOG_INPUT_AUTO,	/* detect HTML or Markdown from the content */
	TABLOG_INPUT_HTML,
	TABLOG_INPUT_MARKDOWN
};

/* A loader with the defaults: detect the input format, refuse inputs
 * over 256 MiB, find the date column by its header. */
TABLOG_API tablog_loader *tablog_loader_new(void);
TABLOG_API void tablog_loader_free(tablog_loader *loader);

/*
 * Options, kept for every later load.  Each returns 0, or -1 (changing
 * nothing) for a value out of range.
 *   input:        one of enum tablog_input.
 *   max_input:    refuse inputs larger than this many bytes; 0 restores
 *                 the default of 256 MiB.
 *   date_column:  the column that holds each row's date, by header text
 *                 (any case) or key; NULL restores the default (the
 *                 `last_update` column, else a column of dates).
 */
TABLOG_API int tablog_loader_set_input(tablog_loader *loader,
    enum tablog_input input);
TABLOG_API int tablog_loader_set_max_input(tablog_loader *loader,
    size_t max_input);
TABLOG_API int tablog_loader_set_date_column(tablog_loader *loader,
    const char *date_column);

/*
 * Read, parse and normalise the page in file `path` ("-" for standard
 * input).  Returns a page the caller frees with tablog_page_free(), or
 * NULL with an error in diags: the file cannot be read, is larger than
 * the limit, or holds no table.
 */
TABLOG_API tablog_page *tablog_load_file(tablog_loader *loader,
    const char *path, tablog_diags *diags);

/*
 * The same for `len` bytes in memory (copied; need not end in NUL).
 * `name` is the page's source name, used in diagnostics and output; NULL
 * means "-".  The size limit applies as to a file.
 */
TABLOG_API tablog_page *tablog_load_buffer(tablog_loader *loader,
    const char *name, const void *bytes, size_t len, tablog_diags *diags);

TABLOG_API void tablog_page_free(tablog_page *page);

/* ---- the page model ------------------------------------------------ */

/*
 * A page has a source name, a title (NULL when none was found), a slug (a
 * file-name-safe form of the title), a breadcrumb, intro paragraphs and
 * notes (each a list of strings), and one or more tables.  Text is UTF-8,
 * with white space folded; a line break inside a cell is "\n".
 */
TABLOG_API const char *tablog_page_source(const tablog_page *page);
TABLOG_API const char *tablog_page_title(const tablog_page *page);
TABLOG_API const char *tablog_page_slug(const tablog_page *page);

/* The lists: an array of *n strings (NULL when *n is 0).  n may not be
 * NULL. */
TABLOG_API const char *const *tablog_page_breadcrumb(const tablog_page *page,
    size_t *n);
TABLOG_API const char *const *tablog_page_intro(const tablog_page *page,
    size_t *n);
TABLOG_API const char *const *tablog_page_notes(const tablog_page *page,
    size_t *n);

/* How many tables the page has (at least 1 for a loaded page). */
TABLOG_API size_t tablog_page_table_count(const tablog_page *page);

/* Keep only table `table` (0-based) and drop the others; -1 (and the page
 * unchanged) when there is no such table. */
TABLOG_API int tablog_page_select_table(tablog_page *page, size_t table);

/*
 * Tables, columns and rows are named by 0-based indexes.  An index out of
 * range gives 0 for a count or line and NULL for a string.
 *
 * A column has the text of its header cell and a key: the canonical field
 * the header maps to ("permission" for "Permission name"), else the slug
 * of the header ("is_newly_required"); keys are unique within a table.
 * `line` is the source line a table's header or a row starts on.
 */
TABLOG_API unsigned tablog_table_line(const tablog_page *page, size_t table);
TABLOG_API size_t tablog_table_column_count(const tablog_page *page,
    size_t table);
TABLOG_API const char *tablog_column_header(const tablog_page *page,
    size_t table, size_t column);
TABLOG_API const char *tablog_column_key(const tablog_page *page,
    size_t table, size_t column);
TABLOG_API size_t tablog_table_row_count(const tablog_page *page,
    size_t table);
TABLOG_API unsigned tablog_row_line(const tablog_page *page, size_t table,
    size_t row);

/* The normalised text of one cell, as read ("" for an empty cell). */
TABLOG_API const char *tablog_row_cell(const tablog_page *page, size_t table,
    size_t row, size_t column);

/*
 * A row's value by name.  A canonical field name (see
 * tablog_field_name()) gives the normalised value: `permission`,
 * `qualifier` and `display_name` split from the permission cell,
 * `last_update` as ISO 8601 ("2023-12" or "2023-12-05"),
 * `last_update_text` as the date cell was written.  Any other name is a
 * column key and gives that column's cell.  NULL when the row has no
 * such value.
 */
TABLOG_API const char *tablog_row_field(const tablog_page *page,
    size_t table, size_t row, const char *name);

/* The canonical field names in CSV column order ("api", "permission",
 * "display_name", ...), then NULL: call with i = 0, 1, ... */
TABLOG_API const char *tablog_field_name(size_t i);

/* ---- writing ------------------------------------------------------- */

typedef struct tablog_writer tablog_writer;

/* Options for tablog_writer_set_flags(), or'ed together. */
#define TABLOG_CSV_BOM		0x01u	/* CSV starts with a UTF-8 BOM */
#define TABLOG_CSV_RAW		0x02u	/* no guard for = + - @ cells */
#define TABLOG_OLDEST_FIRST	0x04u	/* changelog months oldest first */
#define TABLOG_FRAGMENT		0x08u	/* html: the table, not a page */

/*
 * A writer holds the output options and the templates behind the html,
 * changelog, changelog-html and atom formats.  Templates are looked up in
 * `templates_dir` first (NULL: none) and fall back to the ones built into
 * the library; a writer caches templates once read.
 */
TABLOG_API tablog_writer *tablog_writer_new(const char *templates_dir);
TABLOG_API void tablog_writer_free(tablog_writer *writer);
/* Replace the flags (0 by default).  -1 for an unknown flag. */
TABLOG_API int tablog_writer_set_flags(tablog_writer *writer, unsigned flags);
/* Where the output will be published: makes feed ids and links absolute.
 * NULL (the default) gives tag: ids and relative links. */
TABLOG_API int tablog_writer_set_base_url(tablog_writer *writer,
    const char *base_url);

/*
 * Write `page` to fp in `format`: "md", "html", "csv", "json",
 * "changelog", "changelog-html" or "atom" (see tablog_format_name()).
 * `writer` may be NULL for the defaults and the built-in templates.
 * Flushes fp but does not close it.  Returns 0, or -1 with an error in
 * diags: an unknown format, a template error, or a write error on fp.
 */
TABLOG_API int tablog_write(const tablog_page *page, const char *format,
    FILE *fp, tablog_writer *writer, tablog_diags *diags);

/* The output format names, then NULL: call with i = 0, 1, ... */
TABLOG_API const char *tablog_format_name(size_t i);
/* The file a format gets in an output folder ("csv": "table.csv"), or
 * NULL for an unknown format. */
TABLOG_API const char *tablog_format_file(const char *format);

#ifdef __cplusplus
}
#endif

#endif /* TABLOG_H */
