/*
 * history_write.c - a history written out (history_write.h): JSON as the
 * document of history_context.h, CSV as `diff -f csv`'s lines after the
 * change's date, time, commit and page, the rest through templates
 * (history.md, history-changelog.md, history.html, history-feed.xml;
 * --templates DIR replaces them like every other template).
 */
#include "history/history_write.h"

#include <string.h>

#include "base/buf.h"
#include "history/history_context.h"
#include "write/escape.h"
#include "write/render.h"
#include "write/write.h"

static const struct {
	const char		*name;
	enum tl_history_format	 f;
	const char		*template;
} formats[] = {
	{ "changelog",	TL_HISTORY_CHANGELOG,	"history-changelog.md" },
	{ "md",		TL_HISTORY_MD,		"history.md" },
	{ "html",	TL_HISTORY_HTML,	"history.html" },
	{ "json",	TL_HISTORY_JSON,	NULL },
	{ "csv",	TL_HISTORY_CSV,		NULL },
	{ "atom",	TL_HISTORY_ATOM,	"history-feed.xml" },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const char *
tl_history_format_name(size_t i)
{
	return i < NFORMATS ? formats[i].name : NULL;
}

int
tl_history_format(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return (int)formats[i].f;
	if (strcmp(name, "markdown") == 0)
		return TL_HISTORY_MD;
	return -1;
}

static const char *
template_of(enum tl_history_format f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].f == f)
			return formats[i].template;
	return NULL;
}

/* Each change after its date, time, commit and page; the buffer is
 * spilled to fp as it fills. */
static void
write_csv(const struct tl_history *h, const struct tl_write_opts *o,
    FILE *fp)
{
	struct buf b = {0};
	size_t i;

	if (o->csv_bom)
		buf_puts(&b, "\xEF\xBB\xBF");
	buf_printf(&b, "date,time,commit,page,%s\r\n", tl_change_csv_header);
	for (i = 0; i < h->nchanges; i++) {
		const struct tl_history_change *hc = &h->changes[i];
		const char *pre[] = { hc->v->date, hc->v->time, hc->v->commit,
		    hc->page->name };

		tl_change_csv(&b, pre, 4, hc->c, o->csv_raw);
		buf_spill(&b, fp, 1 << 16);
	}
	buf_spill(&b, fp, 0);
	buf_free(&b);
}

int
tl_history_write(const struct tl_history *h, enum tl_history_format f,
    const struct tl_write_opts *o, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_history_doc doc;
	struct tl_renderer *own = NULL;
	struct tl_value v;
	int rc;

	if (f == TL_HISTORY_CSV) {
		write_csv(h, o, fp);
		return ferror(fp) ? -1 : 0;
	}
	tl_history_doc_init(&doc, h, o);
	if (f == TL_HISTORY_JSON) {
		v = tl_history_value(&doc);
		rc = tl_write_value(&v, fp);
	} else {
		if (r == NULL)
			r = own = tl_renderer_new(NULL);
		v = tl_history_shown(&doc);
		rc = tl_render(r, template_of(f), &v, fp, d);
		tl_renderer_free(own);
	}
	tl_history_doc_free(&doc);
	return rc;
}
