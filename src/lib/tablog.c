/*
 * tablog.c - the public API (include/tablog.h) over the internal modules.
 *
 * Thin wrappers only: each public object holds the internal one it stands
 * for, and each function checks its arguments and calls the internal
 * function that does the work.  Nothing else in the library depends on
 * this file, so the internals stay free to change behind it.
 */
#include "tablog.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/version.h"
#include "write/context.h"
#include "write/convert.h"
#include "write/render.h"
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
	struct tl_loader	*loader;	/* made on first load */
};

struct tablog_page {
	struct tl_page	*page;
};

struct tablog_writer {
	struct tl_write_opts	 opts;
	char			*base_url;	/* owned; opts.base_url */
	struct tl_renderer	*renderer;	/* the writer's templates */
};

#define ALL_FLAGS (TABLOG_CSV_BOM | TABLOG_CSV_RAW | TABLOG_OLDEST_FIRST | \
	TABLOG_FRAGMENT)

const char *
tablog_version(void)
{
	return TL_VERSION;
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
	/* The libraries behind the readers set up process-wide state once. */
	tl_read_init();
	return xcalloc(1, sizeof(struct tablog_loader));
}

void
tablog_loader_free(tablog_loader *loader)
{
	if (loader == NULL)
		return;
	tl_loader_free(loader->loader);
	free(loader->date_column);
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
	for (f = 0; f < TL_NFIELDS; f++)
		if (strcmp(tl_field_name((enum tl_field)f), name) == 0)
			return r->f[f];
	col = tl_table_column(t, name);
	return col >= 0 ? r->cells[col] : NULL;
}

const char *
tablog_field_name(size_t i)
{
	return i < TL_NFIELDS ? tl_field_name((enum tl_field)i) : NULL;
}

/* ---- writing ------------------------------------------------------- */

tablog_writer *
tablog_writer_new(const char *templates_dir)
{
	tablog_writer *w = xcalloc(1, sizeof(*w));

	w->renderer = tl_renderer_new(templates_dir);
	return w;
}

void
tablog_writer_free(tablog_writer *writer)
{
	if (writer == NULL)
		return;
	tl_renderer_free(writer->renderer);
	free(writer->base_url);
	free(writer);
}

int
tablog_writer_set_flags(tablog_writer *writer, unsigned flags)
{
	if (writer == NULL || (flags & ~ALL_FLAGS) != 0)
		return -1;
	writer->opts.csv_bom = (flags & TABLOG_CSV_BOM) != 0;
	writer->opts.csv_raw = (flags & TABLOG_CSV_RAW) != 0;
	writer->opts.oldest_first = (flags & TABLOG_OLDEST_FIRST) != 0;
	writer->opts.fragment = (flags & TABLOG_FRAGMENT) != 0;
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
		rc = tl_convert_stream(&v, w->renderer, f, fp, "output", d);
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
