/*
 * write.h - the writers: a normalised page onto a stream.
 *
 * Each writer reads the model and nothing else (no reader reaches in, no
 * writer reaches back), and returns 0, or -1 when it failed: a template
 * error is appended to d; a stream error is left in the stream for the
 * caller to report.
 */
#ifndef TABLOG_WRITE_H
#define TABLOG_WRITE_H

#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "model/changelog.h"
#include "base/map.h"
#include "model/table.h"
#include "template/value.h"

struct tl_renderer;
struct tl_temps;

struct tl_write_opts {
	int	csv_bom;	/* --csv-bom: start CSV with a UTF-8 BOM */
	int	csv_raw;	/* --csv-raw: no formula guard */
	int	oldest_first;	/* --oldest-first: changelog order */
	int	fragment;	/* --fragment: HTML table only, no page */
	const char *base_url;	/* --base-url: links and ids in the feed */
	/* Where a page's HTML links to (relative URLs); NULL: not linked. */
	const char *index_link;
	const char *changelog_link;
	struct tl_renderer *renderer;	/* templates (per thread) */
	struct tl_temps *temps;		/* files being written, or NULL */
};

/*
 * A page being written: the page, the options, and what several formats
 * derive from it (its changelog), computed once no matter how many
 * formats are written.  Read-only once made: formats may be written from
 * several threads at once.
 */
struct tl_view {
	const struct tl_page		*page;
	const struct tl_write_opts	*opts;
	struct tl_changelog		 changelog;
	struct tl_map		*extra_keys;	/* [table]: key -> column */
};

/* Both page and o must outlive the view. */
void	tl_view_init(struct tl_view *v, const struct tl_page *page,
	    const struct tl_write_opts *o);
/* The page's object (context.h), answered from the view as it is read;
 * valid as long as the view. */
struct tl_value	tl_view_value(const struct tl_view *v);
void	tl_view_free(struct tl_view *v);

/* GFM pipe tables, one per table of the page, blank line between. */
int	tl_write_md(struct tl_view *v, FILE *fp, struct tl_diags *d);
/* RFC 4180 CSV: canonical fields, then every extra column (by key, in
 * order of first appearance across the page's tables). */
int	tl_write_csv(struct tl_view *v, FILE *fp, struct tl_diags *d);
/* The page object of context.h, pretty-printed. */
int	tl_write_json(struct tl_view *v, FILE *fp, struct tl_diags *d);
/* Any value, indented as -f json writes it, with a final newline. */
int	tl_write_value(const struct tl_value *value, FILE *fp);
int	tl_write_json_value(json_t *value, FILE *fp);
/* Through templates: page.html (or table.html with o->fragment),
 * changelog.md, changelog.html, feed.xml. */
int	tl_write_html(struct tl_view *v, FILE *fp, struct tl_diags *d);
int	tl_write_changelog(struct tl_view *v, FILE *fp, struct tl_diags *d);
int	tl_write_changelog_html(struct tl_view *v, FILE *fp,
	    struct tl_diags *d);
int	tl_write_atom(struct tl_view *v, FILE *fp, struct tl_diags *d);

/* The CSV header and rows, for writers that combine pages (all.csv).
 * `page_name`, when not NULL, is written as a first `page` column.  A
 * zeroed tl_csv_columns is empty. */
struct tl_csv_columns {
	const char	**keys;		/* extra column keys, in order */
	size_t		 n, cap;
	struct tl_map index;		/* key -> its place in keys */
};
void	tl_csv_columns_add(struct tl_csv_columns *c, const struct tl_page *page);
void	tl_csv_columns_free(struct tl_csv_columns *c);
void	tl_csv_header(struct buf *b, const struct tl_csv_columns *c,
	    int with_page);
/* Rows go through b, which is spilled to fp as it fills. */
void	tl_csv_rows(struct buf *b, FILE *fp, const struct tl_page *page,
	    const struct tl_csv_columns *c, const char *page_name, int raw);

#endif
