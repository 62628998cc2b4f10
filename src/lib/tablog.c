/*
 * tablog.c - the public API (include/tablog.h) over the internal modules.
 *
 * Thin wrappers only: each public object holds the internal one it stands
 * for, and each function checks its arguments and calls the internal
 * function that does the work.  Nothing else in the library depends on
 * this file, so the internals stay free to change behind it.
 */
#include "tablog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag_kind.h"
#include "base/file.h"
#include "base/output.h"
#include "base/version.h"
#include "check/check.h"
#include "diff/diff.h"
#include "history/history.h"
#include "history/history_write.h"
#include "model/key.h"
#include "site/site.h"
#include "write/context.h"
#include "write/convert.h"
#include "write/render.h"
#include "write/templates.h"
#include "load/source.h"
#include "model/table.h"
#include "write/write.h"
#include "base/xalloc.h"

struct tablog_diags {
	struct tl_diags	 d;
};

struct tablog_loader {
	struct tl_load_opts	 opts;
	char			*date_column;	/* owned; opts.norm points here */
	char			*cache_dir;	/* owned; opts.fetch points here */
	char			*cacert;	/* owned; opts.fetch points here */
	char			*page_url;	/* owned; opts.page_url */
	struct tl_loader	*loader;	/* made on first load */
};

struct tablog_page {
	struct tl_page	*page;
};

struct tablog_writer {
	struct tl_write_opts	 opts;
	char			*base_url;	/* owned; opts.base_url */
	struct tl_renderer	*renderer;	/* the writer's templates */
	char			*templates_dir;	/* owned; for a site build */
	int			 strict;	/* TABLOG_STRICT */
	int			 jobs;		/* tablog_write_folder() */
};

struct tablog_temps {
	struct tl_temps	*temps;
};

struct tablog_site {
	int		 jobs;
	int		 follow_links;
	char		*title, *date, *since;	/* owned, or NULL */
	char		*sources, *archive;	/* owned, or NULL */
	int		 per_host;		/* 0: the default */
	double		 delay;
	char		*git, *rev;		/* owned, or NULL */
	char		**paths;		/* in git, owned */
	size_t		 npaths;
	tablog_progress	 progress;
	void		*progress_ctx;
	struct tl_build_stats stats;		/* of the last build */
};

struct tablog_match {
	struct tl_keyspec	 key;		/* n == 0: the default */
	struct tl_aliases	*aliases;
};

struct tablog_diff {
	struct tl_diff	 diff;
};

struct tablog_history {
	struct tl_history	 h;
	char			*rev;		/* owned, or NULL */
	int			 from_start;
	int			 jobs;
	struct tablog_page	*current;	/* [page]: wraps h's, not owned */
};

#define ALL_FLAGS (TABLOG_CSV_BOM | TABLOG_CSV_RAW | TABLOG_OLDEST_FIRST | \
	TABLOG_FRAGMENT | TABLOG_STRICT | TABLOG_CSV_MARKDOWN)
#define MAX_JOBS 256
/* Bounds of the fetch options (include/tablog.h says them). */
#define TABLOG_MAX_TIMEOUT	86400.0		/* seconds */
#define TABLOG_MAX_RETRIES	100
#define TABLOG_MAX_PER_HOST	64
#define TABLOG_MAX_DELAY	3600.0		/* seconds */

/* How a stream is named in diagnostics. */
static const char *
S_stream_name(FILE *fp)
{
	return fp == stdout ? "standard output" : "output";
}

const char *
tablog_version(void)
{
	return TL_VERSION;
}

/* Replace an owned string with a copy of s (NULL: none). */
static void
S_set_string(char **to, const char *s)
{
	free(*to);
	*to = s ? xstrdup(s) : NULL;
}

/* ---- diagnostics --------------------------------------------------- */

/* The list to append to: the caller's, or a scratch one to discard. */
static struct tl_diags *
S_diags(tablog_diags *diags, struct tl_diags *scratch)
{
	return diags != NULL ? &diags->d : scratch;
}

tablog_diags *
tablog_diags_new(void)
{
	return xcalloc(1, sizeof(struct tablog_diags));
}

void
tablog_diags_free(tablog_diags *diags)
{
	if (diags == NULL)
		return;
	tl_diags_free(&diags->d);
	free(diags);
}

void
tablog_diags_clear(tablog_diags *diags)
{
	if (diags != NULL)
		tl_diags_free(&diags->d);
}

size_t
tablog_diags_size(const tablog_diags *diags)
{
	return diags != NULL ? diags->d.n : 0;
}

size_t
tablog_diags_count(const tablog_diags *diags, enum tablog_severity severity)
{
	switch (severity) {
	case TABLOG_NOTE:
		return diags ? tl_diags_count(&diags->d, TL_NOTE) : 0;
	case TABLOG_WARNING:
		return diags ? tl_diags_count(&diags->d, TL_WARNING) : 0;
	case TABLOG_ERROR:
		return diags ? tl_diags_count(&diags->d, TL_ERROR) : 0;
	}
	return 0;
}

static const struct tl_diag *
S_diag(const tablog_diags *diags, size_t i)
{
	return diags != NULL && i < diags->d.n ? &diags->d.v[i] : NULL;
}

enum tablog_severity
tablog_diag_severity(const tablog_diags *diags, size_t i)
{
	const struct tl_diag *dg = S_diag(diags, i);

	if (dg == NULL)
		return TABLOG_NOTE;
	switch (dg->severity) {
	case TL_NOTE:
		return TABLOG_NOTE;
	case TL_WARNING:
		return TABLOG_WARNING;
	case TL_ERROR:
		break;
	}
	return TABLOG_ERROR;
}

const char *
tablog_diag_file(const tablog_diags *diags, size_t i)
{
	const struct tl_diag *dg = S_diag(diags, i);

	return dg != NULL ? dg->file : NULL;
}

unsigned
tablog_diag_line(const tablog_diags *diags, size_t i)
{
	const struct tl_diag *dg = S_diag(diags, i);

	return dg != NULL ? dg->line : 0;
}

const char *
tablog_diag_message(const tablog_diags *diags, size_t i)
{
	const struct tl_diag *dg = S_diag(diags, i);

	return dg != NULL ? dg->message : NULL;
}

const char *
tablog_diag_kind(const tablog_diags *diags, size_t i)
{
	const struct tl_diag *dg = S_diag(diags, i);

	return dg != NULL ? tl_diag_kind_name(dg->kind) : NULL;
}

const char *
tablog_diag_kind_name(size_t i)
{
	return i < TL_DK_COUNT ? tl_diag_kind_name((enum tl_diag_kind)i) :
	    NULL;
}

int
tablog_diags_add(tablog_diags *diags, enum tablog_severity severity,
    const char *kind, const char *file, unsigned line, const char *message)
{
	enum tl_severity sev;

	switch (severity) {
	case TABLOG_NOTE:
		sev = TL_NOTE;
		break;
	case TABLOG_WARNING:
		sev = TL_WARNING;
		break;
	case TABLOG_ERROR:
		sev = TL_ERROR;
		break;
	default:
		return -1;
	}
	if (diags == NULL || message == NULL)
		return -1;
	tl_diag_kind(&diags->d, sev, tl_diag_kind_named(kind), file, line,
	    "%s", message);
	return 0;
}

int
tablog_diag_print(const tablog_diags *diags, size_t i, FILE *fp,
    unsigned flags)
{
	const struct tl_diag *dg = S_diag(diags, i);
	struct buf line = {0};
	int rc;

	if (dg == NULL || fp == NULL)
		return -1;
	tl_diag_format(&line, dg, (flags & TABLOG_COLOUR) != 0);
	rc = fwrite(line.data, 1, line.len, fp) == line.len ? 0 : -1;
	buf_free(&line);
	return rc;
}

int
tablog_diags_print_json(const tablog_diags *diags, FILE *fp)
{
	struct tl_diags none = {0};

	if (fp == NULL || tl_check_write_json(diags ? &diags->d : &none,
	    fp) != 0)
		return -1;
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

int
tablog_diags_print(const tablog_diags *diags, FILE *fp,
    enum tablog_severity min)
{
	struct buf line = {0};
	size_t i, n = tablog_diags_size(diags);

	for (i = 0; i < n; i++) {
		if (tablog_diag_severity(diags, i) < min)
			continue;
		buf_reset(&line);
		tl_diag_format(&line, &diags->d.v[i], 0);
		fwrite(line.data, 1, line.len, fp);
	}
	buf_free(&line);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

/* ---- loading ------------------------------------------------------- */

tablog_loader *
tablog_loader_new(void)
{
	return xcalloc(1, sizeof(struct tablog_loader));
}

void
tablog_loader_free(tablog_loader *loader)
{
	if (loader == NULL)
		return;
	tl_loader_free(loader->loader);
	free(loader->date_column);
	free(loader->cache_dir);
	free(loader->cacert);
	free(loader->page_url);
	free(loader);
}

/* Options are fixed when the internal loader is made: drop it, so that
 * the next load makes one with the new options. */
static void
S_loader_reset(tablog_loader *loader)
{
	tl_loader_free(loader->loader);
	loader->loader = NULL;
}

int
tablog_loader_set_input(tablog_loader *loader, enum tablog_input input)
{
	const struct tl_input_format *f;

	switch (input) {
	case TABLOG_INPUT_AUTO:
		f = NULL;
		break;
	case TABLOG_INPUT_HTML:
		f = tl_input_format("html");
		break;
	case TABLOG_INPUT_MARKDOWN:
		f = tl_input_format("md");
		break;
	default:
		return -1;
	}
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	loader->opts.from = f;
	return 0;
}

int
tablog_loader_set_max_input(tablog_loader *loader, size_t max_input)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	loader->opts.max_input = max_input;
	return 0;
}

int
tablog_loader_set_date_column(tablog_loader *loader, const char *date_column)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	free(loader->date_column);
	loader->date_column = date_column ? xstrdup(date_column) : NULL;
	loader->opts.norm.date_column = loader->date_column;
	return 0;
}

int
tablog_loader_set_normalize_dates(tablog_loader *loader, int normalize)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	loader->opts.norm.normalize_dates = normalize != 0;
	return 0;
}

int
tablog_loader_set_cache(tablog_loader *loader, const char *dir)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	S_set_string(&loader->cache_dir, dir);
	loader->opts.fetch.cache_dir = loader->cache_dir;
	return 0;
}

int
tablog_loader_set_cacert(tablog_loader *loader, const char *path)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	S_set_string(&loader->cacert, path);
	loader->opts.fetch.cacert = loader->cacert;
	return 0;
}

int
tablog_loader_set_timeout(tablog_loader *loader, double seconds)
{
	/* NaN fails every comparison: refused with the rest. */
	if (loader == NULL || !(seconds >= 0 && seconds <= TABLOG_MAX_TIMEOUT))
		return -1;
	S_loader_reset(loader);
	loader->opts.fetch.timeout = seconds;
	/* Connecting is part of an attempt: never longer than it. */
	loader->opts.fetch.connect_timeout = seconds > 0 && seconds < 10 ?
	    seconds : 0;
	return 0;
}

int
tablog_loader_set_retries(tablog_loader *loader, int retries)
{
	if (loader == NULL || retries < 0 || retries > TABLOG_MAX_RETRIES)
		return -1;
	S_loader_reset(loader);
	/* The fetch options' 0 is the default; -1 is none. */
	loader->opts.fetch.retries = retries == 0 ? -1 : retries;
	return 0;
}

int
tablog_loader_set_temps(tablog_loader *loader, tablog_temps *temps)
{
	if (loader == NULL)
		return -1;
	S_loader_reset(loader);
	loader->opts.fetch.temps = temps != NULL ? temps->temps : NULL;
	return 0;
}

int
tablog_loader_set_page_url(tablog_loader *loader, const char *url)
{
	if (loader == NULL || (url != NULL && strncasecmp(url, "http://", 7)
	    != 0 && strncasecmp(url, "https://", 8) != 0))
		return -1;
	S_loader_reset(loader);
	S_set_string(&loader->page_url, url);
	loader->opts.page_url = loader->page_url;
	return 0;
}

static struct tl_loader *
S_loader(tablog_loader *loader)
{
	if (loader->loader == NULL)
		loader->loader = tl_loader_new(&loader->opts);
	return loader->loader;
}

static tablog_page *
S_page(struct tl_page *p)
{
	tablog_page *page;

	if (p == NULL)
		return NULL;
	page = xmalloc(sizeof(*page));
	page->page = p;
	return page;
}

tablog_page *
tablog_load_file(tablog_loader *loader, const char *path, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	tablog_page *page = NULL;

	if (loader == NULL || path == NULL)
		tl_diag(d, TL_ERROR, NULL, 0, "no loader or no file name");
	else
		page = S_page(tl_load_page(S_loader(loader), path, d));
	tl_diags_free(&scratch);
	return page;
}

tablog_page *
tablog_load_buffer(tablog_loader *loader, const char *name, const void *bytes,
    size_t len, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	tablog_page *page = NULL;

	if (loader == NULL || (bytes == NULL && len > 0))
		tl_diag(d, TL_ERROR, name, 0, "no loader or no bytes");
	else if (len > (loader->opts.max_input ? loader->opts.max_input :
	    TL_DEFAULT_MAX_INPUT))
		/* The internal loader checks the limit on files only. */
		tl_diag(d, TL_ERROR, name ? name : "-", 0, "input larger than "
		    "the limit of %zu bytes", loader->opts.max_input ?
		    loader->opts.max_input : TL_DEFAULT_MAX_INPUT);
	else
		page = S_page(tl_load_buffer(S_loader(loader),
		    name ? name : "-", bytes ? bytes : "", len, d));
	tl_diags_free(&scratch);
	return page;
}

void
tablog_page_free(tablog_page *page)
{
	if (page == NULL)
		return;
	tl_page_free(page->page);
	free(page);
}

/* ---- the model ----------------------------------------------------- */

const char *
tablog_page_source(const tablog_page *page)
{
	return page ? page->page->source : NULL;
}

const char *
tablog_page_title(const tablog_page *page)
{
	return page ? page->page->title : NULL;
}

const char *
tablog_page_slug(const tablog_page *page)
{
	return page ? page->page->slug : NULL;
}

static const char *const *
S_list(const struct tl_strlist *l, size_t *n)
{
	*n = l != NULL ? l->n : 0;
	return *n > 0 ? (const char *const *)l->v : NULL;
}

const char *const *
tablog_page_breadcrumb(const tablog_page *page, size_t *n)
{
	return S_list(page ? &page->page->breadcrumb : NULL, n);
}

const char *const *
tablog_page_intro(const tablog_page *page, size_t *n)
{
	return S_list(page ? &page->page->intro : NULL, n);
}

const char *const *
tablog_page_notes(const tablog_page *page, size_t *n)
{
	return S_list(page ? &page->page->notes : NULL, n);
}

size_t
tablog_page_table_count(const tablog_page *page)
{
	return page ? page->page->ntables : 0;
}

int
tablog_page_select_table(tablog_page *page, size_t table)
{
	if (page == NULL || table >= page->page->ntables)
		return -1;
	return tl_page_keep_table(page->page, table);
}

static const struct tl_table *
S_table(const tablog_page *page, size_t table)
{
	if (page == NULL || table >= page->page->ntables)
		return NULL;
	return &page->page->tables[table];
}

static const struct tl_row *
S_row(const tablog_page *page, size_t table, size_t row)
{
	const struct tl_table *t = S_table(page, table);

	return t != NULL && row < t->nrows ? &t->rows[row] : NULL;
}

unsigned
tablog_table_line(const tablog_page *page, size_t table)
{
	const struct tl_table *t = S_table(page, table);

	return t ? t->line : 0;
}

size_t
tablog_table_column_count(const tablog_page *page, size_t table)
{
	const struct tl_table *t = S_table(page, table);

	return t ? t->ncolumns : 0;
}

const char *
tablog_column_header(const tablog_page *page, size_t table, size_t column)
{
	const struct tl_table *t = S_table(page, table);

	return t && column < t->ncolumns ? t->columns[column].header : NULL;
}

const char *
tablog_column_key(const tablog_page *page, size_t table, size_t column)
{
	const struct tl_table *t = S_table(page, table);

	return t && column < t->ncolumns ? t->columns[column].key : NULL;
}

size_t
tablog_table_row_count(const tablog_page *page, size_t table)
{
	const struct tl_table *t = S_table(page, table);

	return t ? t->nrows : 0;
}

unsigned
tablog_row_line(const tablog_page *page, size_t table, size_t row)
{
	const struct tl_row *r = S_row(page, table, row);

	return r ? r->line : 0;
}

const char *
tablog_row_cell(const tablog_page *page, size_t table, size_t row,
    size_t column)
{
	const struct tl_table *t = S_table(page, table);
	const struct tl_row *r = S_row(page, table, row);

	return r && column < t->ncolumns ? r->cells[column] : NULL;
}

const char *
tablog_row_field(const tablog_page *page, size_t table, size_t row,
    const char *name)
{
	const struct tl_table *t = S_table(page, table);
	const struct tl_row *r = S_row(page, table, row);
	int f, col;

	if (r == NULL || name == NULL)
		return NULL;
	if ((f = tl_field_by_name(name)) != TL_EXTRA)
		return r->f[f];
	/* What a history adds (not to a table with a column of the
	 * name: the column's cell is the row's value, below). */
	if (r->first_seen != NULL) {
		if (strcmp(name, "first_seen") == 0)
			return r->first_seen;
		if (strcmp(name, "last_changed") == 0)
			return r->last_changed;
		if (strcmp(name, "changed_without_date_update") == 0)
			return r->changed_without_date_update ? "true" :
			    "false";
	}
	col = tl_table_column(t, name);
	return col >= 0 ? r->cells[col] : NULL;
}

const char *
tablog_field_name(size_t i)
{
	return i < TL_NFIELDS ? tl_field_name((enum tl_field)i) : NULL;
}

int
tablog_parse_date(const char *s, int *year, int *month, int *day)
{
	int y, m, d;

	if (s == NULL || tl_parse_ymd(s, &y, &m, &d) != 0)
		return -1;
	if (year != NULL)
		*year = y;
	if (month != NULL)
		*month = m;
	if (day != NULL)
		*day = d;
	return 0;
}

/* ---- writing ------------------------------------------------------- */

tablog_writer *
tablog_writer_new(const char *templates_dir)
{
	tablog_writer *w = xcalloc(1, sizeof(*w));

	w->renderer = tl_renderer_new(templates_dir);
	w->templates_dir = templates_dir ? xstrdup(templates_dir) : NULL;
	return w;
}

void
tablog_writer_free(tablog_writer *writer)
{
	if (writer == NULL)
		return;
	tl_renderer_free(writer->renderer);
	free(writer->base_url);
	free(writer->templates_dir);
	free(writer);
}

int
tablog_writer_set_flags(tablog_writer *writer, unsigned flags)
{
	if (writer == NULL || (flags & ~ALL_FLAGS) != 0)
		return -1;
	writer->opts.csv_bom = (flags & TABLOG_CSV_BOM) != 0;
	writer->opts.csv_raw = (flags & TABLOG_CSV_RAW) != 0;
	writer->opts.csv_markdown = (flags & TABLOG_CSV_MARKDOWN) != 0;
	writer->opts.oldest_first = (flags & TABLOG_OLDEST_FIRST) != 0;
	writer->opts.fragment = (flags & TABLOG_FRAGMENT) != 0;
	writer->strict = (flags & TABLOG_STRICT) != 0;
	tl_renderer_set_strict(writer->renderer, writer->strict);
	return 0;
}

int
tablog_writer_set_templates(tablog_writer *writer, const char *dir,
    tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	struct stat st;
	int rc = -1;

	if (writer == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no writer");
	else if (dir != NULL && stat(dir, &st) != 0)
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, dir, 0, "cannot read "
		    "the templates folder: %s", strerror(errno));
	else if (dir != NULL && !S_ISDIR(st.st_mode))
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, dir, 0, "not a folder "
		    "(of templates)");
	else {
		tl_renderer_free(writer->renderer);
		writer->renderer = tl_renderer_new(dir);
		tl_renderer_set_strict(writer->renderer, writer->strict);
		free(writer->templates_dir);
		writer->templates_dir = dir ? xstrdup(dir) : NULL;
		rc = 0;
	}
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_writer_set_jobs(tablog_writer *writer, unsigned jobs)
{
	if (writer == NULL || jobs > MAX_JOBS)
		return -1;
	writer->jobs = (int)jobs;
	return 0;
}

int
tablog_writer_set_base_url(tablog_writer *writer, const char *base_url)
{
	if (writer == NULL)
		return -1;
	free(writer->base_url);
	writer->base_url = base_url ? xstrdup(base_url) : NULL;
	writer->opts.base_url = writer->base_url;
	return 0;
}

int
tablog_write(const tablog_page *page, const char *format, FILE *fp,
    tablog_writer *writer, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	const struct tl_output_format *f;
	tablog_writer *w = writer;
	int rc = -1;

	if (page == NULL || fp == NULL || format == NULL)
		tl_diag(d, TL_ERROR, NULL, 0, "no page, format or stream");
	else if ((f = tl_output_format(format)) == NULL)
		tl_diag(d, TL_ERROR, NULL, 0, "unknown format '%s'", format);
	else {
		if (w == NULL)
			w = tablog_writer_new(NULL);
		struct tl_view v;

		tl_view_init(&v, page->page, &w->opts);
		rc = tl_convert_stream(&v, w->renderer, f, fp,
		    S_stream_name(fp), d);
		tl_view_free(&v);
		if (w != writer)
			tablog_writer_free(w);
	}
	tl_diags_free(&scratch);
	return rc == 0 ? 0 : -1;
}

const char *
tablog_format_name(size_t i)
{
	const struct tl_output_format *f = tl_output_formats();
	size_t k;

	for (k = 0; k < i && f[k].name != NULL; k++)
		;
	return f[k].name;
}

const char *
tablog_format_file(const char *format)
{
	const struct tl_output_format *f = format ?
	    tl_output_format(format) : NULL;

	return f ? f->file : NULL;
}

int
tablog_write_file(const tablog_page *page, const char *format,
    const char *path, tablog_writer *writer, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	const struct tl_output_format *f;
	tablog_writer *w = writer ? writer : tablog_writer_new(NULL);
	struct tl_view v;
	int rc = -1;

	if (page == NULL || path == NULL || format == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no page, "
		    "format or file name");
	else if ((f = tl_output_format(format)) == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "unknown "
		    "format '%s'", format);
	else {
		tl_view_init(&v, page->page, &w->opts);
		rc = tl_convert_file(&v, w->renderer, f, path, d) == 0 ?
		    0 : -1;
		tl_view_free(&v);
	}
	if (w != writer)
		tablog_writer_free(w);
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_write_folder(const tablog_page *page, const char *const *formats,
    size_t n, const char *dir, tablog_writer *writer, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	const struct tl_output_format **fmts;
	tablog_writer *w = writer ? writer : tablog_writer_new(NULL);
	struct tl_view v;
	size_t i;
	int rc = -1;

	fmts = xcalloc(n ? n : 1, sizeof(*fmts));
	for (i = 0; i < n && formats != NULL; i++)
		if ((fmts[i] = formats[i] ? tl_output_format(formats[i]) :
		    NULL) == NULL)
			break;
	if (page == NULL || dir == NULL || (n > 0 && formats == NULL))
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no page, "
		    "formats or folder");
	else if (i < n)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "unknown "
		    "format '%s'", formats[i] ? formats[i] : "(null)");
	else {
		tl_view_init(&v, page->page, &w->opts);
		rc = tl_convert_dir(&v, w->renderer, fmts, n, dir, w->jobs,
		    d) == 0 ? 0 : -1;
		tl_view_free(&v);
	}
	free(fmts);
	if (w != writer)
		tablog_writer_free(w);
	tl_diags_free(&scratch);
	return rc;
}

const char *
tablog_template_name(size_t i)
{
	const struct tl_builtin_template *t = tl_builtin_templates;
	size_t k;

	for (k = 0; k < i && t[k].name != NULL; k++)
		;
	return t[k].name;
}

const char *
tablog_template_text(const char *name, size_t *len)
{
	const struct tl_builtin_template *t;

	for (t = tl_builtin_templates; name != NULL && t->name != NULL; t++)
		if (strcmp(t->name, name) == 0) {
			if (len != NULL)
				*len = t->len;
			return t->text;
		}
	return NULL;
}

/* ---- temporaries --------------------------------------------------- */

tablog_temps *
tablog_temps_new(size_t slots)
{
	tablog_temps *t;

	if (slots == 0)
		return NULL;
	t = xmalloc(sizeof(*t));
	t->temps = tl_temps_new(slots);
	return t;
}

void
tablog_temps_free(tablog_temps *temps)
{
	if (temps == NULL)
		return;
	tl_temps_free(temps->temps);
	free(temps);
}

void
tablog_temps_remove(tablog_temps *temps)
{
	if (temps != NULL)
		tl_temps_remove(temps->temps);
}

int
tablog_writer_set_temps(tablog_writer *writer, tablog_temps *temps)
{
	if (writer == NULL)
		return -1;
	writer->opts.temps = temps ? temps->temps : NULL;
	return 0;
}

/* ---- sites --------------------------------------------------------- */

tablog_site *
tablog_site_new(void)
{
	return xcalloc(1, sizeof(struct tablog_site));
}

static void
S_site_paths_free(tablog_site *site)
{
	size_t i;

	for (i = 0; i < site->npaths; i++)
		free(site->paths[i]);
	free(site->paths);
	free(site->git);
	free(site->rev);
	site->paths = NULL;
	site->npaths = 0;
	site->git = site->rev = NULL;
}

void
tablog_site_free(tablog_site *site)
{
	if (site == NULL)
		return;
	free(site->title);
	free(site->date);
	free(site->since);
	free(site->sources);
	free(site->archive);
	S_site_paths_free(site);
	free(site);
}

int
tablog_site_set_jobs(tablog_site *site, unsigned jobs)
{
	if (site == NULL || jobs > MAX_JOBS)
		return -1;
	site->jobs = (int)jobs;
	return 0;
}

int
tablog_site_set_follow_links(tablog_site *site, int follow)
{
	if (site == NULL)
		return -1;
	site->follow_links = follow != 0;
	return 0;
}

int
tablog_site_set_title(tablog_site *site, const char *title)
{
	if (site == NULL)
		return -1;
	S_set_string(&site->title, title);
	return 0;
}

int
tablog_site_set_date(tablog_site *site, const char *date)
{
	if (site == NULL || (date != NULL &&
	    tablog_parse_date(date, NULL, NULL, NULL) != 0))
		return -1;
	S_set_string(&site->date, date);
	return 0;
}

int
tablog_site_set_git(tablog_site *site, const char *repo, const char *rev,
    const char *const *paths, size_t n)
{
	size_t i;

	if (site == NULL || (n > 0 && paths == NULL))
		return -1;
	S_site_paths_free(site);
	if (repo == NULL)
		return 0;
	S_set_string(&site->git, repo);
	S_set_string(&site->rev, rev);
	site->paths = xcalloc(n + 1, sizeof(*site->paths));
	for (i = 0; i < n; i++)
		site->paths[i] = xstrdup(paths[i]);
	site->npaths = n;
	return 0;
}

int
tablog_site_set_since(tablog_site *site, const char *prev)
{
	if (site == NULL)
		return -1;
	S_set_string(&site->since, prev);
	return 0;
}

int
tablog_site_set_sources(tablog_site *site, const char *path)
{
	if (site == NULL)
		return -1;
	S_set_string(&site->sources, path);
	return 0;
}

int
tablog_site_set_archive(tablog_site *site, const char *repo)
{
	if (site == NULL)
		return -1;
	S_set_string(&site->archive, repo);
	return 0;
}

int
tablog_site_set_per_host(tablog_site *site, unsigned n)
{
	if (site == NULL || n > TABLOG_MAX_PER_HOST)
		return -1;
	site->per_host = (int)n;
	return 0;
}

int
tablog_site_set_delay(tablog_site *site, double seconds)
{
	if (site == NULL || !(seconds >= 0 && seconds <= TABLOG_MAX_DELAY))
		return -1;
	site->delay = seconds;
	return 0;
}

int
tablog_site_set_progress(tablog_site *site, tablog_progress fn, void *ctx)
{
	if (site == NULL)
		return -1;
	site->progress = fn;
	site->progress_ctx = ctx;
	return 0;
}

/* Today's date, YYYY-MM-DD, local time. */
static const char *
S_today(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "1970-01-01");
	return buf;
}

int
tablog_site_build(tablog_site *site, const char *indir, const char *outdir,
    const tablog_loader *loader, const tablog_writer *writer,
    tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	struct tl_build_opts o;
	char today[16];
	int rc = -1;

	if (site == NULL ||
	    (indir == NULL && site->sources == NULL && site->git == NULL) ||
	    outdir == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no site, "
		    "input or output folder");
		tl_diags_free(&scratch);
		return -1;
	}
	memset(&site->stats, 0, sizeof(site->stats));
	memset(&o, 0, sizeof(o));
	o.indir = indir;
	o.outdir = outdir;
	o.sources = site->sources;
	o.archive = site->archive;
	o.per_host = site->per_host;
	o.delay = site->delay;
	o.jobs = site->jobs;
	o.follow_links = site->follow_links;
	o.title = site->title;
	o.date = site->date;
	o.since = site->since;
	o.git = site->git;
	o.git_rev = site->rev;
	o.git_paths = (const char *const *)site->paths;
	o.ngit_paths = site->npaths;
	o.detected_date = site->date ? site->date : S_today(today,
	    sizeof(today));
	o.progress = site->progress;
	o.progress_ctx = site->progress_ctx;
	if (loader != NULL)
		o.load = loader->opts;
	if (writer != NULL) {
		o.write = writer->opts;
		o.templates_dir = writer->templates_dir;
		o.strict_templates = writer->strict;
	}
	o.write.fragment = 0;		/* a site's pages are whole pages */
	rc = tl_build(&o, d, &site->stats) == 0 ? 0 : -1;
	tl_diags_free(&scratch);
	return rc;
}

size_t
tablog_site_pages_found(const tablog_site *site)
{
	return site ? site->stats.pages : 0;
}

size_t
tablog_site_pages_built(const tablog_site *site)
{
	return site ? site->stats.built : 0;
}

size_t
tablog_site_rows(const tablog_site *site)
{
	return site ? site->stats.rows : 0;
}

/* ---- matching, diff, check ----------------------------------------- */

tablog_match *
tablog_match_new(void)
{
	tablog_match *m = xcalloc(1, sizeof(*m));

	m->aliases = tl_aliases_new();
	return m;
}

void
tablog_match_free(tablog_match *match)
{
	if (match == NULL)
		return;
	tl_keyspec_free(&match->key);
	tl_aliases_free(match->aliases);
	free(match);
}

int
tablog_match_set_key(tablog_match *match, const char *cols,
    tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	struct tl_keyspec k;
	int rc = -1;

	memset(&k, 0, sizeof(k));
	if (match == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no match");
	else if (cols == NULL || tl_keyspec_parse(&k, cols, d) == 0) {
		tl_keyspec_free(&match->key);
		match->key = k;		/* n == 0 for NULL: the default */
		rc = 0;
	} else
		tl_keyspec_free(&k);
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_match_read_aliases(tablog_match *match, const char *path,
    tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	struct buf text = {0};
	int rc = -1;

	if (match == NULL || path == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no match or "
		    "no file name");
	else if (tl_file_read(path, TL_FILE_STDIN, TL_ALIASES_MAX_FILE,
	    &text, d) == 0)
		rc = tl_aliases_parse(match->aliases, path, buf_str(&text),
		    text.len, d) == 0 ? 0 : -1;
	buf_free(&text);
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_match_add_alias(tablog_match *match, const char *alias,
    const char *canonical)
{
	if (match == NULL || alias == NULL || canonical == NULL)
		return -1;
	tl_aliases_add(match->aliases, alias, canonical);
	return 0;
}

tablog_diff *
tablog_diff_new(const tablog_page *old_page, const tablog_page *new_page,
    const tablog_match *match)
{
	struct tl_diff_opts o;
	tablog_diff *df;

	if (old_page == NULL || new_page == NULL)
		return NULL;
	memset(&o, 0, sizeof(o));
	if (match != NULL) {
		o.key = match->key.n > 0 ? &match->key : NULL;
		o.aliases = match->aliases;
	}
	df = xcalloc(1, sizeof(*df));
	tl_diff_pages(&df->diff, old_page->page, new_page->page, &o);
	/* The changes are of the new page, undated: a diff of two files
	 * knows no date or commit. */
	tl_diff_set_origin(&df->diff, new_page->page->source, NULL, NULL);
	return df;
}

void
tablog_diff_free(tablog_diff *diff)
{
	if (diff == NULL)
		return;
	tl_diff_free(&diff->diff);
	free(diff);
}

int
tablog_diff_changed(const tablog_diff *diff)
{
	return diff != NULL && tl_diff_any(&diff->diff) ? 1 : 0;
}

/* The formats tl_diff_format() knows, in the order help lists them. */
static const char *const diff_formats[] = { "md", "json", "csv", "html",
    NULL };

const char *
tablog_diff_format_name(size_t i)
{
	size_t k;

	for (k = 0; k < i && diff_formats[k] != NULL; k++)
		;
	return diff_formats[k];
}

int
tablog_diff_write(const tablog_diff *diff, const char *format, FILE *fp,
    tablog_writer *writer, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	size_t errors = tl_diags_count(d, TL_ERROR);
	int f, rc = -1;

	if (diff == NULL || fp == NULL || format == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no diff, "
		    "format or stream");
	else if ((f = tl_diff_format(format)) < 0)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "unknown diff "
		    "format '%s'", format);
	else if (tl_diff_write(&diff->diff, (enum tl_diff_format)f,
	    writer != NULL ? writer->renderer : NULL, fp, d) == 0 &&
	    tl_stream_finish(fp, S_stream_name(fp), d) == 0)
		rc = 0;
	else if (tl_diags_count(d, TL_ERROR) == errors)
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0, "cannot write "
		    "to %s", S_stream_name(fp));
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_check(tablog_loader *loader, const char *const *paths, size_t n,
    const tablog_match *match, const char *today, tablog_diags *diags,
    size_t *findings)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	size_t errors = tl_diags_count(d, TL_ERROR), found = 0;
	struct tl_check_opts o;
	int rc = -1;

	memset(&o, 0, sizeof(o));
	if (loader == NULL || (n > 0 && paths == NULL))
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no loader or "
		    "no pages");
	else if (tl_check_today(&o.today, today) != 0)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "today is not "
		    "a date YYYY-MM-DD: '%s'", today ? today : "");
	else {
		if (match != NULL) {
			o.key = match->key.n > 0 ? &match->key : NULL;
			o.aliases = match->aliases;
		}
		found = tl_check_files(S_loader(loader), paths, n, &o, d);
		rc = tl_diags_count(d, TL_ERROR) == errors ? 0 : -1;
	}
	if (findings != NULL)
		*findings = found;
	tl_diags_free(&scratch);
	return rc;
}

/* ---- history ------------------------------------------------------- */

tablog_history *
tablog_history_new(void)
{
	return xcalloc(1, sizeof(struct tablog_history));
}

void
tablog_history_free(tablog_history *history)
{
	if (history == NULL)
		return;
	tl_history_free(&history->h);
	free(history->current);
	free(history->rev);
	free(history);
}

int
tablog_history_set_rev(tablog_history *history, const char *rev)
{
	if (history == NULL)
		return -1;
	S_set_string(&history->rev, rev);
	return 0;
}

int
tablog_history_set_from_start(tablog_history *history, int from_start)
{
	if (history == NULL)
		return -1;
	history->from_start = from_start != 0;
	return 0;
}

int
tablog_history_set_jobs(tablog_history *history, unsigned jobs)
{
	if (history == NULL || jobs > MAX_JOBS)
		return -1;
	history->jobs = (int)jobs;
	return 0;
}

/*
 * One read: from the repository `repo`, or (repo NULL) from files, each
 * dated dates[i] or by its name.  What an earlier read held is dropped;
 * the loader's and match's options are borrowed for the read.
 */
static int
S_history_read(tablog_history *h, const char *repo, const char *const *paths,
    const char *const *dates, size_t n, tablog_loader *loader,
    const tablog_match *match, tablog_diags *diags)
{
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	struct tl_history_opts o;
	size_t p;
	int rc = -1;

	if (h == NULL || paths == NULL || n == 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no history or "
		    "page");
		tl_diags_free(&scratch);
		return -1;
	}
	tl_history_free(&h->h);
	free(h->current);
	memset(&o, 0, sizeof(o));
	o.load = loader != NULL ? &loader->opts : NULL;
	if (match != NULL) {
		o.diff.key = match->key.n > 0 ? &match->key : NULL;
		o.diff.aliases = match->aliases;
	}
	o.range = h->rev;
	o.from_start = h->from_start;
	o.jobs = h->jobs;
	rc = repo != NULL ?
	    tl_history_read_git(&h->h, repo, paths, n, &o, d) :
	    tl_history_read_files(&h->h, paths, dates, n, &o, d);
	/* Each page's current version, for tablog_history_current(). */
	h->current = xcalloc(h->h.npages + 1, sizeof(*h->current));
	for (p = 0; p < h->h.npages; p++)
		h->current[p].page = h->h.pages[p].current;
	tl_diags_free(&scratch);
	return rc;
}

int
tablog_history_read_git(tablog_history *history, const char *repo,
    const char *const *paths, size_t n, tablog_loader *loader,
    const tablog_match *match, tablog_diags *diags)
{
	if (repo == NULL) {
		tablog_diags_add(diags, TABLOG_ERROR, "usage", NULL, 0,
		    "no repository");
		return -1;
	}
	return S_history_read(history, repo, paths, NULL, n, loader, match,
	    diags);
}

int
tablog_history_read_files(tablog_history *history, const char *const *paths,
    const char *const *dates, size_t n, tablog_loader *loader,
    const tablog_match *match, tablog_diags *diags)
{
	return S_history_read(history, NULL, paths, dates, n, loader, match,
	    diags);
}

size_t
tablog_history_page_count(const tablog_history *history)
{
	return history != NULL ? history->h.npages : 0;
}

size_t
tablog_history_version_count(const tablog_history *history, size_t page)
{
	return history != NULL && page < history->h.npages ?
	    history->h.pages[page].n : 0;
}

static const struct tl_version *
S_version(const tablog_history *history, size_t page, size_t i)
{
	if (history == NULL || page >= history->h.npages ||
	    i >= history->h.pages[page].n)
		return NULL;
	return &history->h.pages[page].v[i];
}

const char *
tablog_history_version_commit(const tablog_history *history, size_t page,
    size_t i)
{
	const struct tl_version *v = S_version(history, page, i);

	return v != NULL ? v->commit : NULL;
}

const char *
tablog_history_version_date(const tablog_history *history, size_t page,
    size_t i)
{
	const struct tl_version *v = S_version(history, page, i);

	return v != NULL ? v->date : NULL;
}

const char *
tablog_history_version_path(const tablog_history *history, size_t page,
    size_t i)
{
	const struct tl_version *v = S_version(history, page, i);

	return v != NULL ? v->path : NULL;
}

size_t
tablog_history_change_count(const tablog_history *history)
{
	return history != NULL ? history->h.nchanges : 0;
}

const tablog_page *
tablog_history_current(const tablog_history *history, size_t page)
{
	if (history == NULL || page >= history->h.npages ||
	    history->current == NULL || history->current[page].page == NULL)
		return NULL;
	return &history->current[page];
}

const char *
tablog_history_format_name(size_t i)
{
	return tl_history_format_name(i);
}

int
tablog_history_write(const tablog_history *history, const char *format,
    FILE *fp, tablog_writer *writer, tablog_diags *diags)
{
	static const struct tl_write_opts dflt;
	struct tl_diags scratch = {0};
	struct tl_diags *d = S_diags(diags, &scratch);
	size_t errors = tl_diags_count(d, TL_ERROR);
	int f, rc = -1;

	if (history == NULL || fp == NULL || format == NULL)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "no history, "
		    "format or stream");
	else if ((f = tl_history_format(format)) < 0)
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0, "unknown "
		    "history format '%s'", format);
	else if (tl_history_write(&history->h, (enum tl_history_format)f,
	    writer != NULL ? &writer->opts : &dflt,
	    writer != NULL ? writer->renderer : NULL, fp, d) == 0 &&
	    tl_stream_finish(fp, S_stream_name(fp), d) == 0)
		rc = 0;
	else if (tl_diags_count(d, TL_ERROR) == errors)
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, NULL, 0, "cannot write "
		    "to %s", S_stream_name(fp));
	tl_diags_free(&scratch);
	return rc;
}
