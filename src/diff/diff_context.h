/*
 * diff_context.h - changes and diffs as values (template/value.h): the
 * change object of docs/design.md "Changes", the document `diff -f json`
 * prints, and what the diff templates and the site's detected changes
 * render.
 *
 * A change object is made in one place (diff_context.c), so that `diff -f
 * json`, the site's detected changes and a page's history all
 * say a change the same way:
 *
 *   { "kind": "added" | "removed" | "changed" | "column_added" |
 *             "column_removed" | "renamed_column" | "cut" | "page_added" |
 *             "page_removed",
 *     "date": "YYYY-MM-DD" | null,
 *     "time": RFC 3339                          (a history's changes only)
 *     "commit": string | null,
 *     "page": string | null,
 *     "title", "slug", "rows"                   (page kinds)
 *     "table": {"index": N, "section": null}    (row, column, cut kinds)
 *     "key": {FIELD: value, ...},               (row kinds)
 *     "lines": {"before": N | null, "after": N | null},   (row kinds)
 *     "column": {"field", "header"},            (column kinds)
 *     "cut": {"before": N|null, "after": N|null}, "unknown": N,   (cut)
 *     "row": ROW,                               (added: NEW's; removed: OLD's)
 *     "before": {...}, "after": {...},          (changed: fields that differ)
 *     "changed_without_date_update": bool }
 *
 * Templates see each change with a few more members, made for showing it
 * and not printed by `-f json`: `label` (the row's label), `section`
 * (a change in a table: its section unless that is the page's title,
 * else null; see tl_change_section_shown()), `type_api`
 * (its type and API where they add to the label: "Application, Microsoft
 * Graph"), `table_number` (1-based), `fields` (changed: [{name, before,
 * after}], the differing fields as a list a template can walk) and, for
 * a changed row, `row` (NEW's), so that every row change has one.
 *
 * Values borrow the diff: valid as long as it is.
 */
#ifndef TABLOG_DIFF_CONTEXT_H
#define TABLOG_DIFF_CONTEXT_H

#include "diff/diff.h"
#include "template/value.h"

/*
 * The section a change is named by: its table's `section`, unless that
 * is the page's own title (a page whose only heading is its title), which
 * every list of changes already shows; NULL then, and for a NULL section.
 */
const char	*tl_change_section_shown(const char *section,
		    const char *page_title);

/* A change object, as JSON prints it. */
struct tl_value	tl_change_value(const struct tl_change *c);
/* The same with the members templates also see. */
struct tl_value	tl_change_shown(const struct tl_change *c);

/* A list of changes (n pointers), each shown: for lists that are not one
 * diff's (a site's detected changes). */
struct tl_value	tl_change_list_shown(const struct tl_change *const *v,
		    size_t n);

/*
 * The document `diff -f json` prints:
 *   {"old", "new", "summary", "counts": {"added", "removed", "changed",
 *    "column_added", "column_removed"}, "cut": {"old", "new", "unknown"}
 *    (only when a change is of kind cut), "changes": [change...]}
 */
struct tl_value	tl_diff_value(const struct tl_diff *df);
/*
 * The diff templates' context: the document's members (its changes
 * shown), `several_tables` (either page has more than one), and the
 * changes grouped by kind, one list per kind named as the kind
 * (`added`, `removed`, `changed`, `column_added`, `column_removed`,
 * `renamed_column`), and `column_changes` (how many columns were added,
 * removed or renamed).
 */
struct tl_value	tl_diff_shown(const struct tl_diff *df);

#endif
