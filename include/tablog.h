/*
 * tablog.h - the public interface of libtablog.
 *
 * libtablog reads a documentation page (HTML or Markdown) whose core is a
 * permissions table, normalises its tables into one model and writes that
 * model as Markdown, HTML, CSV, JSON, a changelog or an Atom feed.  The
 * tablog(1) command is a client of this library.
 *
 * A program uses these kinds of object, each opaque and each created and
 * destroyed by the caller:
 *
 *	tablog_diags	a list of diagnostics (errors, warnings, notes)
 *	tablog_loader	reads and normalises pages (holds compiled patterns)
 *	tablog_page	one normalised page: its title, text and tables
 *	tablog_writer	output options and the templates used to write
 *	tablog_temps	the temporary files being written, for a signal
 *			handler to remove
 *	tablog_site	the options of a site build (tablog build)
 *	tablog_match	how rows of two pages are matched: key and aliases
 *	tablog_diff	what changed between two versions of a page
 *	tablog_history	every version of a page, and what changed when
 *
 * The tablog(1) command uses nothing else: everything it does, a
 * program can do through this header.
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
 * with its own writer and diagnostics list.  tablog_write_folder() and
 * tablog_site_build() start threads of their own (see their jobs
 * setters) and join them before they return.
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
 * What diagnostic i is about: a short name that never changes once
 * released, such as "unrecognised-date", "cut-row" or "no-table", so that
 * a program can count or sort diagnostics without reading messages;
 * "other" for one that fits no kind.  tablog_diag_kind_name() lists them
 * (tablog(1), DIAGNOSTICS, says what each means).  Out of range: NULL.
 */
TABLOG_API const char *tablog_diag_kind(const tablog_diags *diags, size_t i);
/* The kind names, then NULL: call with i = 0, 1, ...  New kinds are
 * added at the end. */
TABLOG_API const char *tablog_diag_kind_name(size_t i);

/*
 * Append a diagnostic of the program's own (a usage error, say), to be
 * printed and counted with the library's.  `kind` is one of the names
 * above (NULL or an unknown name: "other"); file may be NULL, line 0;
 * the strings are copied.  -1 for a NULL list or message or a severity
 * out of range.
 */
TABLOG_API int tablog_diags_add(tablog_diags *diags,
    enum tablog_severity severity, const char *kind, const char *file,
    unsigned line, const char *message);

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

/* Options for tablog_diag_print(). */
#define TABLOG_COLOUR		0x01u	/* colour the severity (ANSI) */

/*
 * Print diagnostic i alone, the same way, in colour with TABLOG_COLOUR
 * (the caller decides whether fp is a terminal that wants it).  Does not
 * flush fp.  Returns 0, or -1 for i out of range or a write error.
 */
TABLOG_API int tablog_diag_print(const tablog_diags *diags, size_t i,
    FILE *fp, unsigned flags);

/*
 * Print the list as a JSON array of {"file", "line", "severity", "kind",
 * "message"} objects (file and line null when unknown), as
 * `tablog check --format json` does, and flush fp.  Returns 0, or -1 if
 * writing to fp failed.
 */
TABLOG_API int tablog_diags_print_json(const tablog_diags *diags, FILE *fp);

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
 * normalize: non-zero to show each dated cell of the date column as
 * tablog writes dates ("December 2023", "5 December 2023") rather than
 * as the page wrote it ("Nov-Dec 2022", "13. Juli 2021"); the row's
 * last_update_text keeps the page's text either way.  Default 0.
 */
TABLOG_API int tablog_loader_set_normalize_dates(tablog_loader *loader,
    int normalize);
/*
 * The URL the pages loaded next were read from: their relative links
 * resolve against it (an HTML page's <base href> too), and it is the
 * page's `url`.  An absolute http or https URL; -1 for anything else.
 * NULL (the default) leaves each page's URL to where it was fetched
 * from (the final URL after redirects), else to the page itself (its
 * canonical link), else unknown.
 */
TABLOG_API int tablog_loader_set_page_url(tablog_loader *loader,
    const char *url);

/*
 * Read, parse and normalise the page in file `path` ("-" for standard
 * input).  Returns a page the caller frees with tablog_page_free(), or
 * NULL with an error in diags: the file cannot be read, is larger than
 * the limit, or holds no table.
 *
 * A path that starts with a scheme and "://" is a URL, never a file:
 * an http:// or https:// URL is fetched (with the options below, the
 * size limit applying to the body) and read, any other scheme is an
 * error.  The page's source name is the URL as given; its charset is
 * the Content-Type's unless the bytes start with a byte-order mark (or
 * are valid UTF-8 while the header says otherwise, a warning); a fetch
 * that fails is one error whose file is the URL ("HTTP 404", "timed out
 * after 60 s", "TLS: certificate verify failed (...)").  The client is
 * made on the first URL and kept by the loader: use one loader from one
 * thread at a time, as ever.
 */
TABLOG_API tablog_page *tablog_load_file(tablog_loader *loader,
    const char *path, tablog_diags *diags);

/*
 * Options for fetching URLs, kept for every later load; each returns 0,
 * or -1 (changing nothing) for a value out of range.
 *   cache:    the fetch cache's folder (made when missing; NULL, the
 *             default: no cache).  A cached page is asked for again
 *             with its ETag and Last-Modified, and `304 Not Modified`
 *             gives the cached copy; entries are written whole or not
 *             at all.  tablog(1) uses $XDG_CACHE_HOME/tablog, else
 *             ~/.cache/tablog.
 *   cacert:   a PEM file of CA certificates to verify servers with
 *             instead of the system's (NULL: the system's).  TLS is
 *             always verified.
 *   timeout:  seconds one attempt may take in all, 0 to 86400 (0: the
 *             default, 60); connecting may take 10 s of it at most.
 *   retries:  attempts after the first on a 429, a 5xx or a failed
 *             connection, 0 to 100 (default 3; 0: none), waiting 1, 2,
 *             4... s or what Retry-After says.
 * (tablog_loader_set_temps(), below, lists the cache's temporaries.)
 */
TABLOG_API int tablog_loader_set_cache(tablog_loader *loader,
    const char *dir);
TABLOG_API int tablog_loader_set_cacert(tablog_loader *loader,
    const char *path);
TABLOG_API int tablog_loader_set_timeout(tablog_loader *loader,
    double seconds);
TABLOG_API int tablog_loader_set_retries(tablog_loader *loader,
    int retries);

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
 * `last_update_text` as the date cell was written, `type` folded to
 * "Application" or "Delegated" where the page's words name one, with
 * `type_text` (the cell, when in another language) and `type_qualifier`
 * ("work or school account"), `higher_privileged` joined by ", " ("" for
 * none).  Any other name is a column key and gives that column's cell.
 * NULL when the row has no such value.  The current page of a history
 * (tablog_history_current()) also answers `first_seen` and
 * `last_changed` (YYYY-MM-DD) and `changed_without_date_update` ("true"
 * or "false").
 */
TABLOG_API const char *tablog_row_field(const tablog_page *page,
    size_t table, size_t row, const char *name);

/* The canonical field names in the model's order ("api", "permission",
 * "display_name", ...), then NULL: call with i = 0, 1, ...  (The CSV
 * leaves out last_update_text and type_text, and has type_qualifier and
 * higher_privileged only for pages that have them.) */
TABLOG_API const char *tablog_field_name(size_t i);

/*
 * A calendar date written YYYY-MM-DD (digits only, a day that exists,
 * years 0001 to 9999), as every date option of tablog(1) takes it.
 * Returns 0 and the parts (each pointer may be NULL), or -1.
 */
TABLOG_API int tablog_parse_date(const char *s, int *year, int *month,
    int *day);

/* ---- writing ------------------------------------------------------- */

typedef struct tablog_writer tablog_writer;

/* Options for tablog_writer_set_flags(), or'ed together. */
#define TABLOG_CSV_BOM		0x01u	/* CSV starts with a UTF-8 BOM */
#define TABLOG_CSV_RAW		0x02u	/* no guard for = + - @ cells */
#define TABLOG_OLDEST_FIRST	0x04u	/* changelog months oldest first */
#define TABLOG_FRAGMENT		0x08u	/* html: the table, not a page */
#define TABLOG_STRICT		0x10u	/* warn of names missing in a
					 * template's context (below) */
#define TABLOG_CSV_MARKDOWN	0x20u	/* CSV cells with markup written as
					 * GFM, not plain text */

/*
 * A writer holds the output options and the templates behind the html,
 * changelog, changelog-html and atom formats.  Templates are looked up in
 * `templates_dir` first (NULL: none) and fall back to the ones built into
 * the library; a writer caches templates once read.  A templates_dir
 * that is missing is not an error here (every template is then built
 * in): tablog_writer_set_templates() checks.
 */
TABLOG_API tablog_writer *tablog_writer_new(const char *templates_dir);
TABLOG_API void tablog_writer_free(tablog_writer *writer);
/*
 * Replace the flags (0 by default).  -1 for an unknown flag.  With
 * TABLOG_STRICT, a name that a template interpolates ({{page.titel}})
 * and the context does not have is a warning naming the template's file
 * and line, once per template, line and name in each file written;
 * without it such a name renders as nothing, as Mustache says, and costs
 * nothing to look for.  Sections ({{#name}}) over a missing name are how
 * a template asks whether a value is there, and never warn.
 */
TABLOG_API int tablog_writer_set_flags(tablog_writer *writer, unsigned flags);
/* Where the output will be published: makes feed ids and links absolute.
 * NULL (the default) gives tag: ids and relative links. */
TABLOG_API int tablog_writer_set_base_url(tablog_writer *writer,
    const char *base_url);
/*
 * Look up templates in folder `dir` first (NULL: built-in ones only),
 * dropping those read so far.  -1, with an error in diags and the writer
 * unchanged, when dir is not a folder that can be read.
 */
TABLOG_API int tablog_writer_set_templates(tablog_writer *writer,
    const char *dir, tablog_diags *diags);
/* Threads tablog_write_folder() writes formats on, 1 to 256; 0 (the
 * default) for one per processor.  -1 out of range. */
TABLOG_API int tablog_writer_set_jobs(tablog_writer *writer, unsigned jobs);

/*
 * Write `page` to fp in `format`: "md", "html", "csv", "json",
 * "changelog", "changelog-html", "atom" or "xlsx" (see
 * tablog_format_name()).  `writer` may be NULL for the defaults and the
 * built-in templates.  Flushes fp but does not close it.  Returns 0, or
 * -1 with an error in diags: an unknown format, a template error, a
 * write error on fp, or xlsx (a binary file) to a terminal.
 */
TABLOG_API int tablog_write(const tablog_page *page, const char *format,
    FILE *fp, tablog_writer *writer, tablog_diags *diags);

/*
 * Write `page` in one format to the file `path`, whole or not at all: the
 * text goes to a temporary file beside it, renamed over `path` once
 * complete, so a failure leaves what was there untouched.  A symbolic
 * link at path is followed (the file it names is replaced); a character
 * device or FIFO (/dev/null) is written in place.  Returns 0, or -1 with
 * an error in diags.
 */
TABLOG_API int tablog_write_file(const tablog_page *page, const char *format,
    const char *path, tablog_writer *writer, tablog_diags *diags);

/*
 * Write `page` into folder `dir` (created, with its parents, when
 * missing), one file per format (tablog_format_file() names it): the n
 * formats given, or every format when n is 0.  Each file is written as
 * by tablog_write_file(), but nothing in dir is followed: a link, folder,
 * device or FIFO where a file would go is an error, left as it is.  The
 * formats are rendered on the writer's jobs at once; the result does not
 * depend on how many.  Those before the first that fails are written,
 * the rest left as they were.  Returns 0, or -1 with an error in diags.
 */
TABLOG_API int tablog_write_folder(const tablog_page *page,
    const char *const *formats, size_t n, const char *dir,
    tablog_writer *writer, tablog_diags *diags);

/* The output format names, then NULL: call with i = 0, 1, ... */
TABLOG_API const char *tablog_format_name(size_t i);
/* The file a format gets in an output folder ("csv": "table.csv"), or
 * NULL for an unknown format. */
TABLOG_API const char *tablog_format_file(const char *format);

/* The names of the templates built into the library ("page.html", ...),
 * in byte order, then NULL: call with i = 0, 1, ... */
TABLOG_API const char *tablog_template_name(size_t i);
/* The text of built-in template `name` and its length in *len (len may
 * be NULL), or NULL when there is no such template. */
TABLOG_API const char *tablog_template_text(const char *name, size_t *len);

/* ---- temporary files and signals ----------------------------------- */

typedef struct tablog_temps tablog_temps;

/*
 * Every file is written to a temporary first (see tablog_write_file()).
 * A program that may be ended by a signal while writing keeps a list of
 * the temporaries alive, given to its writers with
 * tablog_writer_set_temps(), and removes them from its signal handler
 * with tablog_temps_remove() before it ends.  The list holds `slots`
 * temporaries at once (one per file written at the same time: per
 * thread, or per format of tablog_write_folder(); a temporary made when
 * all are taken is not listed).  NULL for 0 slots.
 */
TABLOG_API tablog_temps *tablog_temps_new(size_t slots);
TABLOG_API void tablog_temps_free(tablog_temps *temps);
/*
 * Remove every listed temporary.  For a signal handler that is about to
 * end the process: async-signal-safe; from then on the writers make no
 * temporary (they fail instead).  NULL is allowed.
 */
TABLOG_API void tablog_temps_remove(tablog_temps *temps);
/* List this writer's temporaries in `temps` (NULL: none, the default);
 * temps must outlive the writer's use. */
TABLOG_API int tablog_writer_set_temps(tablog_writer *writer,
    tablog_temps *temps);
/* The same for the fetch cache's temporaries (entries being written). */
TABLOG_API int tablog_loader_set_temps(tablog_loader *loader,
    tablog_temps *temps);

/* ---- building a site ----------------------------------------------- */

typedef struct tablog_site tablog_site;

/*
 * A site build (tablog build): every .md, .markdown, .html and .htm file
 * under a folder becomes a page of a static site in another folder.  A
 * tablog_site holds the options of the build; each setter returns 0, or
 * -1 (changing nothing) for a value out of range.
 */
TABLOG_API tablog_site *tablog_site_new(void);
TABLOG_API void tablog_site_free(tablog_site *site);
/* Threads reading and writing pages, 1 to 256; 0 (the default) for one
 * per processor.  The site does not depend on it. */
TABLOG_API int tablog_site_set_jobs(tablog_site *site, unsigned jobs);
/* Follow symbolic links under the input folder (0, the default: skip
 * them). */
TABLOG_API int tablog_site_set_follow_links(tablog_site *site, int follow);
/* The site's title (NULL: "Permissions"). */
TABLOG_API int tablog_site_set_title(tablog_site *site, const char *title);
/* The build's date, YYYY-MM-DD (see tablog_parse_date()), shown on the
 * index and dating the detected changes; NULL (the default): none shown,
 * changes dated today. */
TABLOG_API int tablog_site_set_date(tablog_site *site, const char *date);
/* Open the site's changelog with the changes detected against the build
 * in folder `prev` (its all.json); NULL (the default): none. */
TABLOG_API int tablog_site_set_since(tablog_site *site, const char *prev);
/*
 * Build from the git repository at `repo` instead of a folder: the pages
 * (.md, .markdown, .html, .htm) of its tree at `rev` (NULL: HEAD) under
 * each of the n `paths` (files or folders, '/'-separated from the top;
 * none: the whole tree), each with its full history (every commit that
 * touched it, following renames) in the site's changelog and feed.
 * tablog_site_build()'s input folder is then ignored.  repo NULL: build
 * from the folder again.  Strings are copied.
 */
TABLOG_API int tablog_site_set_git(tablog_site *site, const char *repo,
		    const char *rev, const char *const *paths, size_t n);

/*
 * Pages from the web: the URLs listed in file `path` ("-": standard
 * input), one a line as `URL [SLUG]` (blank lines and `#` comments left
 * out), are fetched and built beside the pages under indir, or instead
 * of them (indir NULL).  A given slug is the page's slug; the URL is its
 * source and what `since` knows it by.  A bad line is an error naming
 * the file and line, and nothing is fetched or written.  NULL (the
 * default): none.
 */
TABLOG_API int tablog_site_set_sources(tablog_site *site, const char *path);
/*
 * Keep every fetched page in the bare git repository `repo` (made when
 * missing): its bytes are committed when they changed, dated by the
 * fetch, the message naming the URL, ETag and Date; a source whose fetch
 * fails is built from its last version there (a warning; the fetch is
 * still an error).  NULL (the default): none.
 */
TABLOG_API int tablog_site_set_archive(tablog_site *site, const char *repo);
/* Fetches at once to one host, 1 to 64 (0: the default, 2). */
TABLOG_API int tablog_site_set_per_host(tablog_site *site, unsigned n);
/* Seconds between the start of two fetches from one host, 0 (the
 * default) to 3600. */
TABLOG_API int tablog_site_set_delay(tablog_site *site, double seconds);

/* Told as pages are done: `done` of `total`. */
typedef void (*tablog_progress)(void *ctx, size_t done, size_t total);
/* Call `fn` (NULL: nothing) as pages are done, from any of the build's
 * threads, one call at a time. */
TABLOG_API int tablog_site_set_progress(tablog_site *site, tablog_progress fn,
    void *ctx);

/*
 * Build the site of the pages under `indir` (and of the sources, when
 * set; indir may then be NULL; with a repository set it is ignored and
 * may be NULL) into `outdir`, reading pages
 * with the options of `loader` and writing them with those of `writer`
 * (its flags but TABLOG_FRAGMENT, base URL, templates and temporaries;
 * either may be NULL for the defaults).  A page that cannot be read is an
 * error in diags and is left out; the rest is built.  Returns 0 when
 * every page was built and the site written, else -1.  Nothing is written
 * outside outdir, and nothing into what is read.
 */
TABLOG_API int tablog_site_build(tablog_site *site, const char *indir,
    const char *outdir, const tablog_loader *loader,
    const tablog_writer *writer, tablog_diags *diags);
/* What the last build did: pages found under indir, pages built, and the
 * rows of the pages built. */
TABLOG_API size_t tablog_site_pages_found(const tablog_site *site);
TABLOG_API size_t tablog_site_pages_built(const tablog_site *site);
TABLOG_API size_t tablog_site_rows(const tablog_site *site);

/* ---- matching rows, diff and check --------------------------------- */

typedef struct tablog_match tablog_match;

/*
 * What makes two rows "the same row": a key, by default the fields api,
 * permission and type compared with case and white space folded, the api
 * first mapped through the API aliases (built in: "MSFT Graph" is
 * "Microsoft Graph", and a few more).
 */
TABLOG_API tablog_match *tablog_match_new(void);
TABLOG_API void tablog_match_free(tablog_match *match);
/* The key: a comma-separated list of up to 16 field names or column keys
 * ("permission,type"); NULL restores the default.  -1 with an error in
 * diags (the key unchanged) for an empty list or name, or too many. */
TABLOG_API int tablog_match_set_key(tablog_match *match, const char *cols,
    tablog_diags *diags);
/* Add the aliases of file `path` ("-": standard input): one
 * `alias = canonical` a line, blank lines and lines starting with '#'
 * skipped, at most 64 KiB.  -1 with an error in diags for an unreadable
 * file or a line that is not an alias (the others are still added). */
TABLOG_API int tablog_match_read_aliases(tablog_match *match,
    const char *path, tablog_diags *diags);
/* Add one alias (or override one). */
TABLOG_API int tablog_match_add_alias(tablog_match *match, const char *alias,
    const char *canonical);

typedef struct tablog_diff tablog_diff;

/*
 * Compare two versions of a page, table by table: rows added, removed and
 * changed (matched by `match`'s key; NULL for the default), columns added
 * and removed.  A row that only moved is no change.  The diff points into
 * both pages and the match: keep them until tablog_diff_free().  NULL
 * when either page is NULL.
 */
TABLOG_API tablog_diff *tablog_diff_new(const tablog_page *old_page,
    const tablog_page *new_page, const tablog_match *match);
TABLOG_API void tablog_diff_free(tablog_diff *diff);
/* 1 when anything differs, else 0. */
TABLOG_API int tablog_diff_changed(const tablog_diff *diff);
/*
 * Write the diff to fp in `format` (tablog_diff_format_name()) and flush
 * fp.  `writer` may be NULL; formats written through templates use its
 * templates.  Returns 0, or -1 with an error in diags: an unknown format
 * or a write error.
 */
TABLOG_API int tablog_diff_write(const tablog_diff *diff, const char *format,
    FILE *fp, tablog_writer *writer, tablog_diags *diags);
/* The diff format names ("md", "json", ...), then NULL. */
TABLOG_API const char *tablog_diff_format_name(size_t i);

/*
 * Check the n pages at paths (tablog check): each page's loader warnings,
 * then rows duplicating another in key and purpose, rows with missing or
 * extra cells, dates after `today` (YYYY-MM-DD; NULL: the local date),
 * permission cells that do not split, one permission shown with two
 * display names or one API written two ways across the pages, headers
 * that map to no field; notes for rows that share a key (matched by
 * `match`, NULL for the default) but not a purpose.  All go to diags,
 * each page's in line order.  *findings (may be NULL) is set to the
 * number of warnings found (notes do not count).  Returns 0, or -1 when
 * `today` is not a date or a page could not be read (an error in diags;
 * the other pages are still checked).
 */
TABLOG_API int tablog_check(tablog_loader *loader, const char *const *paths,
    size_t n, const tablog_match *match, const char *today,
    tablog_diags *diags, size_t *findings);

/* ---- history ------------------------------------------------------- */

typedef struct tablog_history tablog_history;

/*
 * A page's history (tablog history): every version of a page, each
 * compared with the one before as tablog_diff_new() compares two pages,
 * as one list of changes dated by their version.  The versions are the
 * commits of a git repository that touch the page (renames followed, as
 * `git log --follow` does) or files given in order, each with a date.
 * The first version is the page's starting point, one `page_added`
 * change with its row count, not an `added` change per row (unless
 * tablog_history_set_from_start()); a commit deleting the page is a
 * `page_removed`.  A version that cannot be read is one warning naming
 * it (PATH@abc1234 for a commit) and is skipped: the next one is
 * compared with the last one read.  The rows of the page's current
 * version get first_seen, last_changed and changed_without_date_update
 * (see tablog_row_field()).  Warnings of the current version are
 * reported, those of older versions (which would repeat them) not.
 */
TABLOG_API tablog_history *tablog_history_new(void);
TABLOG_API void tablog_history_free(tablog_history *history);

/*
 * Options for the next read; each returns 0, or -1 (changing nothing)
 * for a value out of range.
 *   rev:        the commits read: NULL (the default) for HEAD's history,
 *               "REV" for REV's, "A..B" for B's without A's.
 *   from_start: the first version's rows are `added` changes too.
 *   jobs:       threads reading versions, 1 to 256; 0 (the default) for
 *               one per processor.  The history does not depend on it.
 */
TABLOG_API int tablog_history_set_rev(tablog_history *history,
    const char *rev);
TABLOG_API int tablog_history_set_from_start(tablog_history *history,
    int from_start);
TABLOG_API int tablog_history_set_jobs(tablog_history *history,
    unsigned jobs);

/*
 * Read the history of each of the n pages at `paths` ('/'-separated,
 * relative to the top of the repository) in the git repository at
 * `repo` (its top folder, its .git folder or a bare repository), reading
 * each version with `loader`'s options and matching rows with `match`
 * (NULL: the default key).  Several pages make one history: their
 * changes in one list.  Returns 0, or -1 with an error in diags: the
 * repository or revision cannot be read, a path that no commit touches.
 * What an earlier read held is dropped first.
 */
TABLOG_API int tablog_history_read_git(tablog_history *history,
    const char *repo, const char *const *paths, size_t n,
    tablog_loader *loader, const tablog_match *match, tablog_diags *diags);
/*
 * The same for one page whose n versions are the files at `paths`,
 * oldest first, each dated dates[i] (YYYY-MM-DD), or with dates NULL by
 * the first YYYY-MM-DD in its file name, else in its folders' names
 * (nearest first).  -1 with an error in diags for a version without a
 * date, dates that go backwards, or no version that can be read.
 */
TABLOG_API int tablog_history_read_files(tablog_history *history,
    const char *const *paths, const char *const *dates, size_t n,
    tablog_loader *loader, const tablog_match *match, tablog_diags *diags);

/* What was read: pages (as many as paths for a repository, 1 for
 * files), each page's versions (oldest first), every change. */
TABLOG_API size_t tablog_history_page_count(const tablog_history *history);
TABLOG_API size_t tablog_history_version_count(const tablog_history *history,
    size_t page);
/* Version i of a page: its commit (hex; NULL for a file), its day
 * (YYYY-MM-DD) and its path (in the repository, or the file), or NULL
 * out of range. */
TABLOG_API const char *tablog_history_version_commit(
    const tablog_history *history, size_t page, size_t i);
TABLOG_API const char *tablog_history_version_date(
    const tablog_history *history, size_t page, size_t i);
TABLOG_API const char *tablog_history_version_path(
    const tablog_history *history, size_t page, size_t i);
TABLOG_API size_t tablog_history_change_count(const tablog_history *history);
/* A page's newest version, its rows with their history, owned by the
 * history; NULL when the page is gone (deleted at the end) or none of
 * its versions could be read. */
TABLOG_API const tablog_page *tablog_history_current(
    const tablog_history *history, size_t page);

/*
 * Write the history to fp in `format` (tablog_history_format_name()):
 * "changelog" (Markdown, by day, newest first, then Added, Changed,
 * Removed), "md" (the current table with First seen and Last changed
 * columns, then the changes), "html", "json" (every change, the versions
 * and the current page), "csv" (one line per change) or "atom" (one
 * entry per day); through the writer's templates and CSV flags
 * (`writer` may be NULL).  Flushes fp.  Returns 0, or -1 with an error
 * in diags.
 */
TABLOG_API int tablog_history_write(const tablog_history *history,
    const char *format, FILE *fp, tablog_writer *writer,
    tablog_diags *diags);
/* The history format names, then NULL. */
TABLOG_API const char *tablog_history_format_name(size_t i);

#ifdef __cplusplus
}
#endif

#endif /* TABLOG_H */
