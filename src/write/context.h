/*
 * context.h - the JSON view of a page.
 *
 * One object serves two readers: `tablog -f json` prints it, and every
 * template renders against it (docs/design.md "JSON and the template
 * context").
 * It is not built: tl_view_value() (write.h) answers each member from the
 * model when asked (value.h), so the cost of a big page's context is what
 * its templates read.  It also defines how a cell is shown to people, so
 * Markdown, HTML and JSON agree.
 */
#ifndef TABLOG_CONTEXT_H
#define TABLOG_CONTEXT_H

#include <jansson.h>

#include "base/buf.h"
#include "model/changelog.h"
#include "model/table.h"
#include "template/value.h"
#include "write/view.h"

/* The page's object, answered from the view as it is read; valid as long
 * as the view. */
struct tl_value	tl_view_value(const struct tl_view *v);

/*
 * A cell as shown in Markdown and HTML tables: a dated cell as
 * "December 2023", a split permission cell as "Name (qualifier)
 * (Display)", anything else as its normalised text.
 */
void	tl_cell_text(struct buf *out, const struct tl_table *t,
	    const struct tl_row *r, size_t col);

/*
 * The markup of a cell as shown (tl_cell_text()): its own when the cell
 * is shown as written (a cell with markup is, unless it is a date shown
 * as its label), NULL when it is shown otherwise or has none.
 */
const struct tl_markup *tl_cell_shown_markup(const struct tl_table *t,
	    const struct tl_row *r, size_t col);
/* Whether the cell as shown has anything plain text loses: markup or a
 * line break.  Such a cell has `md` in JSON. */
int	tl_cell_has_markup(const struct tl_table *t, const struct tl_row *r,
	    size_t col);
/* The cell as shown, as GFM inline text (esc_md_marked(): in_table for a
 * pipe-table cell). */
void	tl_cell_md(struct buf *out, const struct tl_table *t,
	    const struct tl_row *r, size_t col, int in_table);

/*
 * One row as an object: line, every canonical field (null when absent),
 * last_update_label, label, every extra column by key, and `cells` in
 * column order ({field, header, text, html, sort}: text as tl_cell_text()
 * shows it, html the same escaped with line breaks as <br>, sort the ISO
 * date of a dated cell).  The value borrows t.
 */
struct tl_value	tl_row_value(const struct tl_table *t, const struct tl_row *r);
/* The same for row `row` of table `table` of a view's page: faster to
 * look names up in (the view maps its tables' extra column keys). */
struct tl_value	tl_view_row(const struct tl_view *v, size_t table, size_t row);
/* The same as a new jansson object, for documents built as JSON. */
json_t	*tl_row_json(const struct tl_table *t, const struct tl_row *r);

/* "tag:tablog.invalid,2024:SLUG" or BASE (with a final '/'). */
void	tl_feed_base(struct buf *out, const char *base_url, const char *slug);
/* The Atom date of a changelog group: its latest row's day at midnight
 * UTC ("2025-04-01T00:00:00Z" for a month), "" when undated. */
void	tl_group_updated(struct buf *out, const struct tl_changelog_group *g);

#endif
