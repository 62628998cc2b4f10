/*
 * write_templated.c - the outputs of one page written through templates:
 * the HTML page (or just its table), the changelog in Markdown and in
 * HTML, the Atom feed.
 *
 * Each renders one template (docs/design.md "Templates") against the
 * page's object (context.h), answered from the view however many of them
 * are written; all escaping is the template engine's, HTML or Markdown
 * by the template's name (render.c).
 */
#include "write/context.h"
#include "write/render.h"
#include "write/write.h"

int
tl_write_html(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(r, v->opts->fragment ? "table.html" :
	    "page.html", &page, fp, d);
}

int
tl_write_changelog(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(r, "changelog.md", &page, fp, d);
}

int
tl_write_changelog_html(const struct tl_view *v, struct tl_renderer *r,
    FILE *fp, struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(r, "changelog.html", &page, fp, d);
}

int
tl_write_atom(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(r, "feed.xml", &page, fp, d);
}
