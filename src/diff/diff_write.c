/*
 * diff_write.c - a diff written as Markdown, HTML, JSON or CSV (diff.h).
 *
 * Markdown and HTML are templates (templates/diff.md, diff.html, found
 * through --templates DIR like every other template) over the diff's
 * shown context; JSON is the document of diff_context.h.  CSV is a
 * writer of its own: a table, one line per change, quoted and guarded
 * against formulas as the page's CSV is (write/escape.h).
 */
#include "diff/diff.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "diff/diff_context.h"
#include "write/escape.h"
#include "write/render.h"
#include "write/write.h"

/* ---- CSV ----------------------------------------------------------- */

/* What the `action` column says of each kind (only a diff's kinds). */
static const char *
csv_action(enum tl_change_kind k)
{
	switch (k) {
	case TL_CHANGE_COLUMN_ADDED:
		return "column added";
	case TL_CHANGE_COLUMN_REMOVED:
		return "column removed";
	case TL_CHANGE_RENAMED_COLUMN:
		return "column renamed";
	case TL_CHANGE_PAGE_ADDED:
		return "page added";
	case TL_CHANGE_PAGE_REMOVED:
		return "page removed";
	default:
		return tl_change_kind_name(k);
	}
}

/* One CSV line after the caller's first fields (a history's date,
 * commit, page); fields NULL are empty. */
static void
csv_line(struct buf *b, const char *const *pre, size_t npre,
    const char *const *v, size_t n, int raw)
{
	size_t i;

	for (i = 0; i < npre + n; i++) {
		const char *f = i < npre ? pre[i] : v[i - npre];

		if (i > 0)
			buf_putc(b, ',');
		if (f != NULL)
			esc_csv(b, f, raw);
	}
	buf_puts(b, "\r\n");
}

static const char *
nonnull(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * The columns of a line: the nine a change always had, then `section`
 * (its table's), then an added or removed row's own fields: the canonical
 * ones CSV_FIELDS names, in the page CSV's order, and `extra`, the row's
 * extra columns as one JSON object {key: cell text}, in column order.
 */
static const enum tl_field csv_fields_v[] = {
	TL_API, TL_PERMISSION, TL_DISPLAY_NAME, TL_QUALIFIER, TL_TYPE,
	TL_PURPOSE, TL_LAST_UPDATE, TL_LAST_UPDATE_TEXT, TL_TYPE_QUALIFIER,
	TL_HIGHER_PRIVILEGED,
};
#define CSV_FIELDS	(sizeof(csv_fields_v) / sizeof(csv_fields_v[0]))
#define CSV_FIRST	10	/* where the row's fields start */
#define NCSV		(CSV_FIRST + CSV_FIELDS + 1)

/* An added or removed row's fields into v; extra holds the JSON text. */
static void
csv_fields(const char **v, struct buf *extra, const struct tl_change *c)
{
	const struct tl_table *t;
	const struct tl_row *r = tl_change_row(c, &t);
	json_t *o = json_object();
	char *text;
	size_t i;

	for (i = 0; i < CSV_FIELDS; i++)
		v[CSV_FIRST + i] = r->f[csv_fields_v[i]];
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i].field == TL_EXTRA)
			json_object_set_new(o, t->columns[i].key,
			    json_string(r->cells[i]));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	buf_reset(extra);
	buf_puts(extra, text != NULL ? text : "{}");
	v[CSV_FIRST + CSV_FIELDS] = buf_str(extra);
	free(text);
	json_decref(o);
}

/* A column change: its key as the field, its header as old or new. */
static void
csv_column(struct buf *b, const char *const *pre, size_t npre,
    const struct tl_change *c, const char *table, int raw)
{
	const struct tl_column *col = c->after_column != NULL ?
	    c->after_column : c->before_column;
	struct buf note = {0};
	const char *v[NCSV] = { csv_action(c->kind), table, NULL, NULL,
	    NULL, col->key,
	    c->before_column ? c->before_column->header : NULL,
	    c->after_column ? c->after_column->header : NULL, NULL,
	    tl_change_section(c) };

	/* A column renamed from another key says which. */
	if (c->before_column != NULL && c->after_column != NULL &&
	    strcmp(c->before_column->key, c->after_column->key) != 0) {
		buf_printf(&note, "was %s", c->before_column->key);
		v[8] = buf_str(&note);
	}
	csv_line(b, pre, npre, v, NCSV, raw);
	buf_free(&note);
}

/* A row change: one line, or for a changed row one line per field. */
static void
csv_row(struct buf *b, const char *const *pre, size_t npre,
    const struct tl_change *c, const char *table, int raw)
{
	char oldl[24], newl[24];
	struct buf key = {0}, extra = {0};
	const char *note = c->changed_without_date_update ?
	    "changed without a date update" : NULL;
	size_t j;

	snprintf(oldl, sizeof(oldl), "%u", c->before ? c->before->line : 0);
	snprintf(newl, sizeof(newl), "%u", c->after ? c->after->line : 0);
	tl_change_key_text(&key, c);
	for (j = 0; j == 0 || j < c->nfields; j++) {
		const char *v[NCSV] = { csv_action(c->kind), table,
		    buf_str(&key), c->before ? oldl : NULL,
		    c->after ? newl : NULL,
		    c->nfields ? c->fields[j].name : NULL,
		    c->nfields ? nonnull(c->fields[j].before) : NULL,
		    c->nfields ? nonnull(c->fields[j].after) : NULL,
		    note, tl_change_section(c) };

		if (c->kind == TL_CHANGE_ADDED || c->kind == TL_CHANGE_REMOVED)
			csv_fields(v, &extra, c);
		csv_line(b, pre, npre, v, NCSV, raw);
	}
	buf_free(&key);
	buf_free(&extra);
}

/* A cut: where each version's table ends (old_line, new_line) and the
 * rows it left unknown (note). */
static void
csv_cut(struct buf *b, const char *const *pre, size_t npre,
    const struct tl_change *c, const char *table, int raw)
{
	char oldl[24], newl[24], note[64];
	unsigned bl = c->before_table ? c->before_table->cut : 0;
	unsigned al = c->after_table ? c->after_table->cut : 0;

	snprintf(oldl, sizeof(oldl), "%u", bl);
	snprintf(newl, sizeof(newl), "%u", al);
	snprintf(note, sizeof(note), "%zu row%s past the cut unknown",
	    c->unknown, c->unknown == 1 ? "" : "s");
	{
		const char *v[NCSV] = { csv_action(c->kind), table, NULL,
		    bl ? oldl : NULL, al ? newl : NULL, NULL, NULL, NULL,
		    note, tl_change_section(c) };

		csv_line(b, pre, npre, v, NCSV, raw);
	}
}

/* A page change: the page's rows in the note. */
static void
csv_page(struct buf *b, const char *const *pre, size_t npre,
    const struct tl_change *c, int raw)
{
	const struct tl_page *p = c->after_page != NULL ? c->after_page :
	    c->before_page;
	char note[48];
	size_t t, n = 0;

	for (t = 0; p != NULL && t < p->ntables; t++)
		n += p->tables[t].nrows;
	snprintf(note, sizeof(note), "%zu row%s", n, n == 1 ? "" : "s");
	{
		const char *v[NCSV] = { csv_action(c->kind), NULL, NULL, NULL,
		    NULL, NULL, NULL, NULL, p != NULL ? note : NULL };

		csv_line(b, pre, npre, v, NCSV, raw);
	}
}

void
tl_change_csv(struct buf *b, const char *const *pre, size_t npre,
    const struct tl_change *c, int raw)
{
	char table[24];

	snprintf(table, sizeof(table), "%zu", c->table + 1);
	if (c->before_column != NULL || c->after_column != NULL)
		csv_column(b, pre, npre, c, table, raw);
	else if (c->kind == TL_CHANGE_CUT)
		csv_cut(b, pre, npre, c, table, raw);
	else if (c->before != NULL || c->after != NULL)
		csv_row(b, pre, npre, c, table, raw);
	else if (c->kind == TL_CHANGE_PAGE_ADDED ||
	    c->kind == TL_CHANGE_PAGE_REMOVED)
		csv_page(b, pre, npre, c, raw);
}

const char tl_change_csv_header[] =
    "action,table,key,old_line,new_line,field,old,new,note,section,"
    "api,permission,display_name,qualifier,type,purpose,last_update,"
    "last_update_text,type_qualifier,higher_privileged,extra";

static void
write_csv(struct buf *b, const struct tl_diff *df)
{
	size_t i;

	buf_puts(b, tl_change_csv_header);
	buf_puts(b, "\r\n");
	for (i = 0; i < df->n; i++)
		tl_change_csv(b, NULL, 0, &df->v[i], 0);
}

/* ---- all formats --------------------------------------------------- */

static int
write_template(const struct tl_diff *df, const char *name,
    struct tl_renderer *r, FILE *fp, struct tl_diags *d)
{
	struct tl_renderer *own = r != NULL ? NULL : tl_renderer_new(NULL);
	struct tl_value v = tl_diff_shown(df);
	int rc;

	rc = tl_render(r != NULL ? r : own, name, &v, fp, d);
	tl_renderer_free(own);
	return rc;
}

int
tl_diff_write(const struct tl_diff *df, enum tl_diff_format f,
    struct tl_renderer *r, FILE *fp, struct tl_diags *d)
{
	struct tl_value v;
	struct buf b = {0};
	int rc = 0;

	switch (f) {
	case TL_DIFF_JSON:
		v = tl_diff_value(df);
		return tl_write_value(&v, fp);
	case TL_DIFF_MD:
		return write_template(df, "diff.md", r, fp, d);
	case TL_DIFF_HTML:
		return write_template(df, "diff.html", r, fp, d);
	case TL_DIFF_CSV:
		write_csv(&b, df);
		break;
	}
	if (b.len > 0 && fwrite(b.data, 1, b.len, fp) != b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}
