/*
 * history_context.c - a history as values (see history_context.h).
 *
 * As in write/context.c and diff/diff_context.c, each object is a table
 * of members in the order `-f json` writes them, answered from the
 * history when read.  `p` is the document, a version or a change of the
 * history; `a` a page's index.  Changes are said by diff_context.c, so
 * a change of a history reads as one of `diff` or `build --since`.
 */
#include "history/history_context.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/map.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "diff/diff_context.h"
#include "write/context.h"

/* One day's changes, by Keep a Changelog's headings. */
enum { ADDED, CHANGED, REMOVED, NHEADINGS };

struct tl_history_day {
	const char			*date;		/* a version's */
	const char			*updated;	/* its newest time */
	const struct tl_history_change	**v[NHEADINGS];
	size_t				 n[NHEADINGS], cap[NHEADINGS];
	size_t				 count;
};

static int
heading_of(enum tl_change_kind k)
{
	switch (k) {
	case TL_CHANGE_PAGE_ADDED:
	case TL_CHANGE_ADDED:
	case TL_CHANGE_COLUMN_ADDED:
		return ADDED;
	case TL_CHANGE_CHANGED:
	case TL_CHANGE_RENAMED_COLUMN:
		return CHANGED;
	default:
		return REMOVED;
	}
}

static int
newest_day_first(const void *pa, const void *pb)
{
	const struct tl_history_day *a = pa, *b = pb;

	return strcmp(b->date, a->date);
}

static int
oldest_day_first(const void *pa, const void *pb)
{
	return newest_day_first(pb, pa);
}

/* A day's changes under one heading, the other way round. */
static void
reverse(const struct tl_history_change **v, size_t n)
{
	const struct tl_history_change *t;
	size_t i;

	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/* Days by the committer's own calendar: the time order of commits made
 * in several time zones need not be the order of their days. */
static void
group_days(struct tl_history_doc *doc)
{
	const struct tl_history *h = doc->h;
	struct tl_map index = {0};
	size_t i, d, cap = 0;
	int k;

	for (i = 0; i < h->nchanges; i++) {
		const struct tl_history_change *hc = &h->changes[i];
		struct tl_history_day *day;

		k = heading_of(hc->c->kind);

		if (!tl_map_get(&index, hc->v->date, &d)) {
			d = doc->ndays++;
			doc->days = xgrow(doc->days, &cap, doc->ndays,
			    sizeof(*doc->days));
			memset(&doc->days[d], 0, sizeof(doc->days[d]));
			doc->days[d].date = hc->v->date;
			doc->days[d].updated = hc->v->time;	/* newest first */
			tl_map_put(&index, hc->v->date, d);
		}
		day = &doc->days[d];
		day->v[k] = xgrow(day->v[k], &day->cap[k], day->n[k] + 1,
		    sizeof(*day->v[k]));
		day->v[k][day->n[k]++] = hc;
		day->count++;
	}
	qsort(doc->days, doc->ndays, sizeof(*doc->days),
	    doc->opts->oldest_first ? oldest_day_first : newest_day_first);
	for (d = 0; doc->opts->oldest_first && d < doc->ndays; d++)
		for (k = 0; k < NHEADINGS; k++)
			reverse(doc->days[d].v[k], doc->days[d].n[k]);
	tl_map_free(&index);
}

void
tl_history_doc_init(struct tl_history_doc *doc, const struct tl_history *h,
    const struct tl_write_opts *o)
{
	struct buf b = {0};
	char hex[TL_SHA256_HEX];
	size_t p;

	memset(doc, 0, sizeof(*doc));
	doc->h = h;
	doc->opts = o;
	doc->views = xcalloc(h->npages + 1, sizeof(*doc->views));
	for (p = 0; p < h->npages; p++)
		if (h->pages[p].current != NULL)
			tl_view_init(&doc->views[p], h->pages[p].current, o);
	group_days(doc);
	if (o->base_url != NULL && *o->base_url != '\0') {
		tl_feed_base(&b, o->base_url, NULL);
		doc->feed_link = xstrdup(buf_str(&b));
		buf_puts(&b, "history.xml");
		doc->feed_id = xstrdup(buf_str(&b));
		buf_reset(&b);
		buf_printf(&b, "%shistory.html", doc->feed_link);
		free(doc->feed_link);
		doc->feed_link = xstrdup(buf_str(&b));
	} else {
		buf_printf(&b, "%s\n", h->origin != NULL ? h->origin : "");
		for (p = 0; p < h->npages; p++)
			buf_printf(&b, "%s\n", h->pages[p].name);
		tl_sha256_hex(b.data, b.len, hex);
		buf_reset(&b);
		buf_printf(&b, "tag:tablog.invalid,2024:history-%.16s", hex);
		doc->feed_id = xstrdup(buf_str(&b));
	}
	buf_free(&b);
}

void
tl_history_doc_free(struct tl_history_doc *doc)
{
	size_t p, d;
	int k;

	for (p = 0; p < doc->h->npages; p++)
		if (doc->views[p].page != NULL)
			tl_view_free(&doc->views[p]);
	free(doc->views);
	for (d = 0; d < doc->ndays; d++)
		for (k = 0; k < NHEADINGS; k++)
			free(doc->days[d].v[k]);
	free(doc->days);
	free(doc->feed_id);
	free(doc->feed_link);
	memset(doc, 0, sizeof(*doc));
}

/* ---- small values -------------------------------------------------- */

static const struct tl_history_doc *
doc_of(const struct tl_value *v)
{
	return v->p;
}

static struct tl_value
str_or_null(const char *s)
{
	return s != NULL ? tl_value_str(s) : tl_value_null();
}

/* A file name (need not be UTF-8), repaired when it is read. */
static void
repaired_text(const struct tl_value *v, struct buf *out)
{
	tl_utf8_repair(out, v->p, strlen(v->p));
}

static const struct tl_value_class repaired_class = {
	.text = repaired_text,
};

static struct tl_value
name_value(const char *s)
{
	return s != NULL ? tl_value_make(TL_VALUE_STRING, &repaired_class, s,
	    0, 0) : tl_value_null();
}

/* ---- versions: p the version --------------------------------------- */

static const struct tl_version *
version_of(const struct tl_value *v)
{
	return v->p;
}

static void
version_commit(const struct tl_value *v, struct tl_value *out)
{
	*out = str_or_null(version_of(v)->commit);
}

static void
version_date(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(version_of(v)->date);
}

static void
version_time(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(version_of(v)->time);
}

static void
version_path(const struct tl_value *v, struct tl_value *out)
{
	*out = name_value(version_of(v)->path);
}

static void
version_renamed_from(const struct tl_value *v, struct tl_value *out)
{
	if (version_of(v)->renamed_from != NULL)
		*out = name_value(version_of(v)->renamed_from);
}

static void
version_state(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(tl_version_state_name(version_of(v)->state));
}

static void
version_rows(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_version *ver = version_of(v);

	*out = ver->state == TL_VERSION_READ || ver->state == TL_VERSION_SAME ?
	    tl_value_int((json_int_t)ver->rows) : tl_value_null();
}

static const struct tl_value_member version_members[] = {
	TL_COMPUTED("commit", version_commit),
	TL_COMPUTED("date", version_date),
	TL_COMPUTED("time", version_time),
	TL_COMPUTED("path", version_path),
	TL_COMPUTED("renamed_from", version_renamed_from),
	TL_COMPUTED("state", version_state),
	TL_COMPUTED("rows", version_rows),
};

static const struct tl_value_class version_class =
    TL_FIXED_CLASS(version_members);

/* versions of a page: p the page */
static size_t
versions_size(const struct tl_value *v)
{
	return ((const struct tl_history_page *)v->p)->n;
}

static void
versions_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &version_class,
	    &((const struct tl_history_page *)v->p)->v[i], 0, 0);
}

static const struct tl_value_class versions_class = {
	.size = versions_size,
	.at = versions_at,
};

/* ---- pages: p the document, a the page ----------------------------- */

static const struct tl_history_page *
hpage_of(const struct tl_value *v)
{
	return &doc_of(v)->h->pages[v->a];
}

static void
hpage_name(const struct tl_value *v, struct tl_value *out)
{
	*out = name_value(hpage_of(v)->name);
}

static void
hpage_title(const struct tl_value *v, struct tl_value *out)
{
	*out = name_value(hpage_of(v)->title);
}

static void
hpage_versions(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_ARRAY, &versions_class, hpage_of(v), 0,
	    0);
}

static void
hpage_current(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_view *view = &doc_of(v)->views[v->a];

	*out = view->page != NULL ? tl_view_value(view) : tl_value_null();
}

static const struct tl_value_member hpage_members[] = {
	TL_COMPUTED("page", hpage_name),
	TL_COMPUTED("title", hpage_title),
	TL_COMPUTED("versions", hpage_versions),
	TL_COMPUTED("current", hpage_current),
};

static const struct tl_value_class hpage_class = TL_FIXED_CLASS(hpage_members);

static size_t
pages_size(const struct tl_value *v)
{
	return doc_of(v)->h->npages;
}

static void
pages_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &hpage_class, v->p, i, 0);
}

static const struct tl_value_class pages_class = {
	.size = pages_size,
	.at = pages_at,
};

/* ---- changes: as JSON says them, or shown ---------------------------- */

static size_t
changes_size(const struct tl_value *v)
{
	return doc_of(v)->h->nchanges;
}

static void
changes_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_change_value(doc_of(v)->h->changes[i].c);
}

static const struct tl_value_class changes_class = {
	.size = changes_size,
	.at = changes_at,
};

/* A change shown: p the struct tl_history_change. */
static const struct tl_history_change *
hchange_of(const struct tl_value *v)
{
	return v->p;
}

static void
hchange_shown(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_change_shown(hchange_of(v)->c);
}

static int
has_commit(const struct tl_value *v)
{
	return hchange_of(v)->v->commit != NULL;
}

static void
abbrev_made(const struct tl_value *v, struct buf *out)
{
	buf_put(out, hchange_of(v)->v->commit, 7);
}

static void
hchange_first(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_history_change *hc = hchange_of(v);

	*out = tl_value_bool(hc->c->kind == TL_CHANGE_PAGE_ADDED &&
	    hc->v->first);
}

static void
hchange_several_tables(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_change *c = hchange_of(v)->c;

	*out = tl_value_bool((c->before_page != NULL &&
	    c->before_page->ntables > 1) || (c->after_page != NULL &&
	    c->after_page->ntables > 1));
}

static void
hchange_page_title(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_history_page *hp = hchange_of(v)->page;

	*out = name_value(hp->title != NULL ? hp->title : hp->name);
}

/* is: {KIND: true}, the change's kind alone, so a template can ask
 * {{#is.page_added}} (Mustache has no comparison); p the change. */
static int
is_get(const struct tl_value *v, const char *key, struct tl_value *out)
{
	if (strcmp(tl_change_kind_name(hchange_of(v)->c->kind), key) != 0)
		return -1;
	*out = tl_value_bool(1);
	return 0;
}

static int
is_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	struct tl_value t = tl_value_bool(1);

	return fn(ctx, tl_change_kind_name(hchange_of(v)->c->kind), &t);
}

static const struct tl_value_class is_class = {
	.get = is_get,
	.members = is_members,
};

static const struct tl_value_member hchange_members[] = {
	TL_SPREAD(hchange_shown),
	TL_AS("is", &is_class),
	TL_MADE_IF("abbrev", abbrev_made, has_commit, TL_VALUE_MISSING),
	TL_COMPUTED("first", hchange_first),
	TL_COMPUTED("several_tables", hchange_several_tables),
	TL_COMPUTED("page_title", hchange_page_title),
};

static const struct tl_value_class hchange_class =
    TL_FIXED_CLASS(hchange_members);

static void
shown_changes_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &hchange_class,
	    &doc_of(v)->h->changes[i], 0, 0);
}

static const struct tl_value_class shown_changes_class = {
	.size = changes_size,
	.at = shown_changes_at,
};

/* ---- days: p the document, a the day, b a heading -------------------- */

static const struct tl_history_day *
day_of(const struct tl_value *v)
{
	return &doc_of(v)->days[v->a];
}

static void
day_date(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(day_of(v)->date);
}

static void
day_label_made(const struct tl_value *v, struct buf *out)
{
	struct tl_date date;

	memset(&date, 0, sizeof(date));
	tl_parse_ymd(day_of(v)->date, &date.year, &date.month, &date.day);
	tl_date_label(out, &date);
}

static void
day_updated(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(day_of(v)->updated);
}

/* Its feed entry's id: the feed's and the day, or the day's anchor on
 * the page a base URL names. */
static void
day_id_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_history_doc *doc = doc_of(v);

	if (doc->feed_link != NULL)
		buf_printf(out, "%s#%s", doc->feed_link, day_of(v)->date);
	else
		buf_printf(out, "%s/%s", doc->feed_id, day_of(v)->date);
}

static void
day_count(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)day_of(v)->count);
}

static void
day_changes_made(const struct tl_value *v, struct buf *out)
{
	size_t n = day_of(v)->count;

	buf_printf(out, "%zu change%s", n, n == 1 ? "" : "s");
}

static size_t
heading_size(const struct tl_value *v)
{
	return day_of(v)->n[v->b];
}

static void
heading_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &hchange_class,
	    day_of(v)->v[v->b][i], 0, 0);
}

static const struct tl_value_class heading_class = {
	.size = heading_size,
	.at = heading_at,
};

#define HEADING(fn, k)							\
static void								\
fn(const struct tl_value *v, struct tl_value *out)			\
{									\
	*out = tl_value_make(TL_VALUE_ARRAY, &heading_class, v->p, v->a, (k)); \
}
HEADING(day_added, ADDED)
HEADING(day_changed, CHANGED)
HEADING(day_removed, REMOVED)

static const struct tl_value_member day_members[] = {
	TL_COMPUTED("date", day_date),
	TL_MADE("label", day_label_made),
	TL_COMPUTED("updated", day_updated),
	TL_MADE("id", day_id_made),
	TL_COMPUTED("count", day_count),
	TL_MADE("changes", day_changes_made),
	TL_COMPUTED("added", day_added),
	TL_COMPUTED("changed", day_changed),
	TL_COMPUTED("removed", day_removed),
};

static const struct tl_value_class day_class = TL_FIXED_CLASS(day_members);

static size_t
days_size(const struct tl_value *v)
{
	return doc_of(v)->ndays;
}

static void
days_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &day_class, v->p, i, 0);
}

static const struct tl_value_class days_class = {
	.size = days_size,
	.at = days_at,
};

/* ---- the feed ------------------------------------------------------ */

static void
feed_id(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(doc_of(v)->feed_id);
}

static void
feed_updated(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_history_doc *doc = doc_of(v);

	/* The newest change's time: the first change, whatever order the
	 * days are shown in. */
	*out = tl_value_str(doc->h->nchanges > 0 ? doc->h->changes[0].v->time :
	    "1970-01-01T00:00:00Z");
}

static void
feed_link(const struct tl_value *v, struct tl_value *out)
{
	if (doc_of(v)->feed_link != NULL)
		*out = tl_value_str(doc_of(v)->feed_link);
}

static const struct tl_value_member feed_members[] = {
	TL_COMPUTED("id", feed_id),
	TL_COMPUTED("link", feed_link),
	TL_COMPUTED("updated", feed_updated),
};

static const struct tl_value_class feed_class = TL_FIXED_CLASS(feed_members);

/* ---- the document -------------------------------------------------- */

static void
doc_version(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_int(1);
}

static void
doc_repository(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_history *h = doc_of(v)->h;

	*out = h->git ? name_value(h->origin) : tl_value_null();
}

static void
doc_page(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_history *h = doc_of(v)->h;

	*out = h->npages == 1 ? name_value(h->pages[0].name) :
	    tl_value_null();
}

static void
doc_title_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_history *h = doc_of(v)->h;
	const struct tl_history_page *hp = &h->pages[0];
	const char *s;

	if (h->npages != 1) {
		buf_printf(out, "%zu pages", h->npages);
		return;
	}
	s = hp->title != NULL ? hp->title : hp->name;
	tl_utf8_repair(out, s, strlen(s));
}

static void
doc_several_pages(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_bool(doc_of(v)->h->npages > 1);
}

static const struct tl_value_member generator_members[] = {
	TL_CONST("name", "tablog"),
	TL_CONST("version", TL_VERSION),
};

static const struct tl_value_class generator_class =
    TL_FIXED_CLASS(generator_members);

static const struct tl_value_member doc_members[] = {
	TL_COMPUTED("version", doc_version),
	TL_COMPUTED("repository", doc_repository),
	TL_COMPUTED("page", doc_page),
	TL_AS("changes", &changes_class),
	TL_AS("pages", &pages_class),
};

static const struct tl_value_class doc_class = TL_FIXED_CLASS(doc_members);

static const struct tl_value_member shown_members[] = {
	TL_COMPUTED("version", doc_version),
	TL_COMPUTED("repository", doc_repository),
	TL_COMPUTED("page", doc_page),
	TL_AS("generator", &generator_class),
	TL_MADE("title", doc_title_made),
	TL_COMPUTED("several_pages", doc_several_pages),
	TL_AS("changes", &shown_changes_class),
	TL_AS("pages", &pages_class),
	TL_AS("days", &days_class),
	TL_AS("feed", &feed_class),
};

static const struct tl_value_class shown_class = TL_FIXED_CLASS(shown_members);

struct tl_value
tl_history_value(const struct tl_history_doc *doc)
{
	return tl_value_make(TL_VALUE_OBJECT, &doc_class, doc, 0, 0);
}

struct tl_value
tl_history_shown(const struct tl_history_doc *doc)
{
	return tl_value_make(TL_VALUE_OBJECT, &shown_class, doc, 0, 0);
}
