/*
 * write_html.c - the templated outputs of one page: the HTML page (or
 * just its table), the changelog in Markdown and HTML, the Atom feed.
 *
 * Each builds the page's context (context.h) and renders one template;
 * all escaping is the template engine's.
 */
#include <jansson.h>

#include "changelog.h"
#include "context.h"
#include "render.h"
#include "write.h"

static int
render_page(const struct tl_page *page, const struct tl_write_opts *o,
    const char *template, FILE *fp, struct tl_diags *d)
{
	struct tl_changelog cl;
	json_t *ctx;
	int rc;

	tl_changelog_build(&cl, page, o->oldest_first);
	ctx = tl_page_json(page, &cl, o);
	rc = tl_render(o->renderer, template, ctx, fp, d);
	json_decref(ctx);
	tl_changelog_free(&cl);
	return rc;
}

int
tl_write_html(const struct tl_page *page, const struct tl_write_opts *o,
    FILE *fp, struct tl_diags *d)
{
	return render_page(page, o, o->fragment ? "table.html" : "page.html",
	    fp, d);
}

int
tl_write_changelog(const struct tl_page *page, const struct tl_write_opts *o,
    FILE *fp, struct tl_diags *d)
{
	return render_page(page, o, "changelog.md", fp, d);
}

int
tl_write_changelog_html(const struct tl_page *page,
    const struct tl_write_opts *o, FILE *fp, struct tl_diags *d)
{
	return render_page(page, o, "changelog.html", fp, d);
}

int
tl_write_atom(const struct tl_page *page, const struct tl_write_opts *o,
    FILE *fp, struct tl_diags *d)
{
	return render_page(page, o, "feed.xml", fp, d);
}
