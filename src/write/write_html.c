/*
 * write_html.c - the templated outputs of one page: the HTML page (or
 * just its table), the changelog in Markdown and HTML, the Atom feed.
 *
 * Each renders one template against the page's context (context.h),
 * built once per view however many of them are written; all escaping is
 * the template engine's.
 */
#include "write/render.h"
#include "write/write.h"

int
tl_write_html(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(v->opts->renderer, v->opts->fragment ? "table.html" :
	    "page.html", &page, fp, d);
}

int
tl_write_changelog(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(v->opts->renderer, "changelog.md", &page, fp, d);
}

int
tl_write_changelog_html(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(v->opts->renderer, "changelog.html", &page, fp, d);
}

int
tl_write_atom(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	return tl_render(v->opts->renderer, "feed.xml", &page, fp, d);
}
