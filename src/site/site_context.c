/*
 * site_context.c - the site's objects as values (see site_context.h).
 */
#include "site/site_context.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/sha256.h"
#include "base/version.h"
#include "model/changelog.h"
#include "write/context.h"
#include "base/xalloc.h"

/* A page's group in a month of the site changelog. */
struct tl_site_entry {
	size_t					 view;
	const struct tl_changelog_group		*group;
	long					 key;	/* month */
	long					 order;	/* of its month */
};

/* A month: entries [first, first + n), in page order. */
struct tl_site_month {
	size_t	first, n;
	size_t	rows;		/* rows in all its pages' groups */
};

/* A row for all.json. */
struct tl_site_row {
	size_t	view, table, row;
};

/* ---- building the indexes ------------------------------------------ */

static long
month_key(const struct tl_changelog_group *g)
{
	return g->year ? (long)g->year * 12 + g->month - 1 : -1;
}

/* Where a month goes: newest first (oldest first on request), Undated
 * last. */
static long
month_order(long key, int oldest_first)
{
	if (key < 0)
		return LONG_MAX;
	return oldest_first ? key : -key;
}

/* By month, then pages in order. */
static int
compare_entries(const void *a, const void *b)
{
	const struct tl_site_entry *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->view < y->view ? -1 : x->view > y->view;
}

static void
index_months(struct tl_site_context *c, int oldest_first)
{
	size_t i, g, n = 0;

	for (i = 0; i < c->nviews; i++)
		n += c->views[i]->changelog.ngroups;
	c->entries = xcalloc(n ? n : 1, sizeof(*c->entries));
	c->months = xcalloc(n ? n : 1, sizeof(*c->months));
	n = 0;
	for (i = 0; i < c->nviews; i++)
		for (g = 0; g < c->views[i]->changelog.ngroups; g++) {
			c->entries[n].view = i;
			c->entries[n].group = &c->views[i]->changelog.groups[g];
			c->entries[n].key = month_key(c->entries[n].group);
			c->entries[n].order = month_order(c->entries[n].key,
			    oldest_first);
			n++;
		}
	qsort(c->entries, n, sizeof(*c->entries), compare_entries);
	for (i = 0; i < n; i++) {
		struct tl_site_month *m = &c->months[c->nmonths];

		tl_timeline_add(&c->timeline, c->entries[i].group->year,
		    c->entries[i].group->month, c->entries[i].group->n);
		if (i > 0 && c->entries[i].key == c->entries[i - 1].key) {
			m[-1].n++;
			m[-1].rows += c->entries[i].group->n;
			continue;
		}
		m->first = i;
		m->n = 1;
		m->rows = c->entries[i].group->n;
		c->nmonths++;
	}
	tl_timeline_finish(&c->timeline);
}

static void
index_rows(struct tl_site_context *c)
{
	size_t i, t, r, n = 0;

	for (i = 0; i < c->nviews; i++)
		for (t = 0; t < c->views[i]->page->ntables; t++)
			n += c->views[i]->page->tables[t].nrows;
	c->rows = xcalloc(n ? n : 1, sizeof(*c->rows));
	for (i = 0; i < c->nviews; i++)
		for (t = 0; t < c->views[i]->page->ntables; t++)
			for (r = 0; r < c->views[i]->page->tables[t].nrows;
			    r++) {
				c->rows[c->nrows].view = i;
				c->rows[c->nrows].table = t;
				c->rows[c->nrows++].row = r;
			}
}

/* A month's representative group: its last page's, as the site has
 * always dated a month (its "updated" is that group's newest day). */
static const struct tl_changelog_group *
month_group(const struct tl_site_context *c, const struct tl_site_month *m)
{
	return c->entries[m->first + m->n - 1].group;
}

static int
linked(const struct tl_site_context *c)
{
	return c->base_url != NULL && *c->base_url != '\0';
}

static const char *
feed_key(const struct tl_site_context *c)
{
	return c->feed_key != NULL ? c->feed_key : "site";
}

/* The feed's id base (tl_feed_base()): without --base-url the site's key
 * (a page's own feed: the key, then the page), with it the folder of the
 * feed's files: the site's, or the page's. */
void
tl_site_feed_base(struct buf *out, const struct tl_site_context *c)
{
	struct buf key = {0};

	buf_puts(&key, feed_key(c));
	if (c->scope != NULL)
		buf_printf(&key, "/%s", c->scope);
	tl_feed_base(out, c->base_url, buf_str(&key));
	buf_free(&key);
	if (linked(c) && c->scope != NULL)
		buf_printf(out, "%s/", c->scope);
}

static json_t *
make_feed(const struct tl_site_context *c, const char *detected_date)
{
	json_t *feed = json_object();
	struct buf b = {0}, u = {0};
	size_t i;

	tl_site_feed_base(&b, c);
	if (linked(c))
		buf_puts(&b, "feed.xml");
	json_object_set_new(feed, "id", json_string(buf_str(&b)));
	buf_reset(&b);
	if (linked(c))
		tl_site_feed_base(&b, c);
	buf_puts(&b, "changelog.html");
	json_object_set_new(feed, "link", json_string(buf_str(&b)));
	/* The newest dated month dates the feed, or a later detection. */
	buf_reset(&b);
	for (i = 0; i < c->nmonths; i++) {
		const struct tl_changelog_group *g =
		    month_group(c, &c->months[i]);

		if (g->year == 0)
			continue;
		buf_reset(&u);
		tl_group_updated(&u, g);
		if (b.len == 0 || strcmp(buf_str(&u), buf_str(&b)) > 0) {
			buf_reset(&b);
			buf_puts(&b, buf_str(&u));
		}
	}
	if (detected_date != NULL &&
	    strncmp(detected_date, buf_str(&b), 10) > 0) {
		buf_reset(&b);
		buf_printf(&b, "%sT00:00:00Z", detected_date);
	}
	json_object_set_new(feed, "updated", json_string(b.len ?
	    buf_str(&b) : "1970-01-01T00:00:00Z"));
	buf_free(&b);
	buf_free(&u);
	return feed;
}

void
tl_site_context_init(struct tl_site_context *c, const struct tl_view **views,
    size_t nviews, int oldest_first, const char *detected_date)
{
	c->views = views;
	c->nviews = nviews;
	c->month_updated = json_object();
	index_months(c, oldest_first);
	index_rows(c);
	c->generator = json_pack("{s:s, s:s}", "name", "tablog", "version",
	    TL_VERSION);
	c->feed = make_feed(c, detected_date);
}

void
tl_site_context_free(struct tl_site_context *c)
{
	json_decref(c->pages);
	json_decref(c->all_pages);
	json_decref(c->generator);
	json_decref(c->feed);
	json_decref(c->history);
	json_decref(c->month_updated);
	free(c->months);
	free(c->entries);
	free(c->rows);
	tl_timeline_free(&c->timeline);
	memset(c, 0, sizeof(*c));
}

/* ---- what the site's history needs ----------------------------------- */

size_t
tl_site_nmonths(const struct tl_site_context *c)
{
	return c->nmonths;
}

int
tl_site_month_digest(const struct tl_site_context *c, size_t i,
    char month[8], char hex[65])
{
	const struct tl_site_month *m = &c->months[i];
	struct buf b = {0};
	size_t e, r, k;

	if (month_group(c, m)->year == 0)
		return -1;
	tl_changelog_month(&b, month_group(c, m));
	snprintf(month, 8, "%s", buf_str(&b));
	buf_reset(&b);
	/* Each page's slug and its rows' cells, each string ended by a
	 * byte no text holds. */
	for (e = m->first; e < m->first + m->n; e++) {
		const struct tl_changelog_group *g = c->entries[e].group;

		buf_printf(&b, "%s%c", c->views[c->entries[e].view]->page->slug,
		    '\x1e');
		for (r = 0; r < g->n; r++) {
			const struct tl_changelog_entry *ce = &g->entries[r];

			for (k = 0; k < ce->table->ncolumns; k++)
				buf_printf(&b, "%s%c", ce->row->cells[k],
				    '\x1f');
			buf_putc(&b, '\x1e');
		}
	}
	tl_sha256_hex(b.data != NULL ? b.data : "", b.len, hex);
	hex[16] = '\0';
	buf_free(&b);
	return 0;
}

const char *
tl_site_month_updated(const struct tl_site_context *c, size_t i)
{
	const struct tl_changelog_group *g = month_group(c, &c->months[i]);
	struct buf b = {0};
	json_t *t;
	char key[16];

	if (g->year == 0)
		return NULL;
	snprintf(key, sizeof(key), "%zu", i);
	if ((t = json_object_get(c->month_updated, key)) != NULL)
		return json_string_value(t);
	tl_group_updated(&b, g);
	json_object_set_new(c->month_updated, key, json_string(buf_str(&b)));
	buf_free(&b);
	return json_string_value(json_object_get(c->month_updated, key));
}

void
tl_site_month_set_updated(struct tl_site_context *c, size_t i, const char *t)
{
	char key[16];

	snprintf(key, sizeof(key), "%zu", i);
	json_object_set_new(c->month_updated, key, json_string(t));
	tl_site_feed_updated(c, t);
}

void
tl_site_feed_updated(struct tl_site_context *c, const char *t)
{
	const char *now = json_string_value(json_object_get(c->feed,
	    "updated"));

	if (now == NULL || strcmp(t, now) > 0)
		json_object_set_new(c->feed, "updated", json_string(t));
}

/* ---- values -------------------------------------------------------- */

/* Members are declared as in context.c (see there and value.h); `p` is
 * the context, `a` an index into one of its lists. */

static const struct tl_site_context *
ctx_of(const struct tl_value *v)
{
	return v->p;
}

static const struct tl_page *
page_of(const struct tl_site_context *c, size_t view)
{
	return c->views[view]->page;
}

/* -- a month's page: {title, slug, entries} (a = entry index) -- */

static const struct tl_site_entry *
entry_of(const struct tl_value *v)
{
	return &ctx_of(v)->entries[v->a];
}

static const void *
mpage_self(const struct tl_value *v)
{
	return page_of(ctx_of(v), entry_of(v)->view);
}

static void
mpage_title(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_page *p = mpage_self(v);

	*out = tl_value_str(p->title ? p->title : p->slug);
}

static size_t
mrows_size(const struct tl_value *v)
{
	return entry_of(v)->group->n;
}

static void
mrows_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	const struct tl_site_entry *e = entry_of(v);
	const struct tl_view *view = ctx_of(v)->views[e->view];
	const struct tl_changelog_entry *ce = &e->group->entries[i];

	*out = tl_view_row(view, (size_t)(ce->table - view->page->tables),
	    (size_t)(ce->row - ce->table->rows));
}

static const struct tl_value_class mrows_class = {
	.size = mrows_size,
	.at = mrows_at,
};

static const struct tl_value_member mpage_members[] = {
	TL_COMPUTED("title", mpage_title),
	TL_STRING_AT("slug", struct tl_page, slug),
	TL_AS("entries", &mrows_class),
};

static const struct tl_value_class mpage_class =
    TL_FIXED_CLASS_OF(mpage_members, mpage_self);

/* -- a month: {month, label, count, changes, updated, id, pages} -- */

static const struct tl_site_month *
month_of(const struct tl_value *v)
{
	return &ctx_of(v)->months[v->a];
}

static const void *
month_self(const struct tl_value *v)
{
	return month_of(v);
}

static const struct tl_changelog_group *
group_of(const struct tl_value *v)
{
	return month_group(ctx_of(v), month_of(v));
}

/* The Undated month's month is null; it has no updated and no id. */
static int
month_dated(const struct tl_value *v)
{
	return group_of(v)->year != 0;
}

static void
month_month_made(const struct tl_value *v, struct buf *out)
{
	tl_changelog_month(out, group_of(v));
}

static void
month_label_made(const struct tl_value *v, struct buf *out)
{
	tl_changelog_label(out, group_of(v));
}

static void
month_changes_made(const struct tl_value *v, struct buf *out)
{
	size_t n = month_of(v)->rows;

	buf_printf(out, "%zu change%s", n, n == 1 ? "" : "s");
}

static void
month_updated_made(const struct tl_value *v, struct buf *out)
{
	buf_puts(out, tl_site_month_updated(ctx_of(v), v->a));
}

static void
month_id_made(const struct tl_value *v, struct buf *out)
{
	tl_site_feed_base(out, ctx_of(v));
	if (linked(ctx_of(v)))
		buf_puts(out, "changelog.html#");
	else
		buf_putc(out, '/');
	tl_changelog_month(out, group_of(v));
}

static size_t
mpages_size(const struct tl_value *v)
{
	return month_of(v)->n;
}

static void
mpages_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &mpage_class, ctx_of(v),
	    month_of(v)->first + i, 0);
}

static const struct tl_value_class mpages_class = {
	.size = mpages_size,
	.at = mpages_at,
};

static const struct tl_value_member month_members[] = {
	TL_MADE_IF("month", month_month_made, month_dated, TL_VALUE_NULL),
	TL_MADE("label", month_label_made),
	TL_SIZE_AT("count", struct tl_site_month, rows),
	TL_MADE("changes", month_changes_made),
	TL_MADE_IF("updated", month_updated_made, month_dated,
	    TL_VALUE_MISSING),
	TL_MADE_IF("id", month_id_made, month_dated, TL_VALUE_MISSING),
	TL_AS("pages", &mpages_class),
};

static const struct tl_value_class month_class =
    TL_FIXED_CLASS_OF(month_members, month_self);

static size_t
months_size(const struct tl_value *v)
{
	return ctx_of(v)->nmonths;
}

static void
months_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &month_class, ctx_of(v), i, 0);
}

static const struct tl_value_class months_class = {
	.size = months_size,
	.at = months_at,
};

/* -- a permission's row: {page_title, page, page_lang, href, row...};
 * a: its index in the index's rows -- */

static const struct tl_perm_row *
prow_of(const struct tl_value *v)
{
	return &ctx_of(v)->perms->rows[v->a];
}

static void
prow_page_title(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(tl_page_shown_title(page_of(ctx_of(v),
	    prow_of(v)->view)));
}

static void
prow_page(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(page_of(ctx_of(v), prow_of(v)->view)->slug);
}

static void
prow_page_lang(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(ctx_of(v)->views[prow_of(v)->view]->lang);
}

/* The row on its page, from a permission's page. */
static void
prow_href_made(const struct tl_value *v, struct buf *out)
{
	const struct tl_perm_row *r = prow_of(v);
	const struct tl_view *view = ctx_of(v)->views[r->view];

	buf_printf(out, "../../%s/index.html#%s", view->page->slug,
	    view->tables[r->table].anchors[r->row]);
}

static void
prow_row(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_perm_row *r = prow_of(v);

	*out = tl_view_row(ctx_of(v)->views[r->view], r->table, r->row);
}

static const struct tl_value_member prow_members[] = {
	TL_COMPUTED("page_title", prow_page_title),
	TL_COMPUTED("page", prow_page),
	TL_COMPUTED("page_lang", prow_page_lang),
	TL_MADE("href", prow_href_made),
	TL_SPREAD(prow_row),
};

static const struct tl_value_class prow_class = TL_FIXED_CLASS(prow_members);

/* -- a permission: a: its index in the index -- */

static const struct tl_perm *
perm_of(const struct tl_value *v)
{
	return &ctx_of(v)->perms->v[v->a];
}

static const void *
perm_self(const struct tl_value *v)
{
	return perm_of(v);
}

static size_t
prows_size(const struct tl_value *v)
{
	return perm_of(v)->n;
}

static void
prows_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &prow_class, ctx_of(v),
	    perm_of(v)->first + i, 0);
}

static const struct tl_value_class prows_class = {
	.size = prows_size,
	.at = prows_at,
};

/* The pages as a key that sorts as text (the index's table sorts so). */
static void
perm_pages_key_made(const struct tl_value *v, struct buf *out)
{
	buf_printf(out, "%08zu", perm_of(v)->ref.pages);
}

static const struct tl_value_member perm_members[] = {
	TL_STRING_AT("name", struct tl_perm, name),
	TL_STRING_AT("slug", struct tl_perm, ref.slug),
	TL_STRING_AT("display_name", struct tl_perm, display_name),
	TL_STRING_AT("apis", struct tl_perm, apis),
	TL_STRING_AT("types", struct tl_perm, types),
	TL_SIZE_AT("pages", struct tl_perm, ref.pages),
	TL_MADE("pages_key", perm_pages_key_made),
	TL_STRING_AT("label", struct tl_perm, ref.label),
	TL_SIZE_AT("count", struct tl_perm, n),
	TL_AS("rows", &prows_class),
};

static const struct tl_value_class perm_class =
    TL_FIXED_CLASS_OF(perm_members, perm_self);

static size_t
perms_size(const struct tl_value *v)
{
	return ctx_of(v)->perms != NULL ? ctx_of(v)->perms->n : 0;
}

static void
perms_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &perm_class, ctx_of(v), i, 0);
}

static const struct tl_value_class perms_class = {
	.size = perms_size,
	.at = perms_at,
};

/* -- site: {title, date, pages, changelog, timeline, permissions,
 * detected} -- */

static void
site_timeline(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_timeline_value(&ctx_of(v)->timeline);
}

static void
site_detected(const struct tl_value *v, struct tl_value *out)
{
	if (ctx_of(v)->detected != NULL)
		*out = tl_since_value(ctx_of(v)->detected);
}

static const struct tl_value_member site_members[] = {
	TL_STRING_AT("title", struct tl_site_context, title),
	TL_STRING_AT("date", struct tl_site_context, date),
	TL_JSON_AT("pages", struct tl_site_context, pages),
	TL_AS("changelog", &months_class),
	TL_COMPUTED("timeline", site_timeline),
	TL_AS("permissions", &perms_class),
	TL_COMPUTED("detected", site_detected),
	TL_JSON_AT("history", struct tl_site_context, history),
};

static const struct tl_value_class site_class = TL_FIXED_CLASS(site_members);

/* -- the templates' root: {generator, site, feed} -- */

static const struct tl_value_member root_members[] = {
	TL_JSON_AT("generator", struct tl_site_context, generator),
	TL_AS("site", &site_class),
	TL_JSON_AT("feed", struct tl_site_context, feed),
};

static const struct tl_value_class root_class = TL_FIXED_CLASS(root_members);

struct tl_value
tl_site_value(const struct tl_site_context *c)
{
	return tl_value_make(TL_VALUE_OBJECT, &root_class, c, 0, 0);
}

/* -- a permission's page: {generator, site, permission, feed};
 * a: the permission -- */

static const struct tl_value_member perm_root_members[] = {
	TL_JSON_AT("generator", struct tl_site_context, generator),
	TL_AS("site", &site_class),
	TL_AS("permission", &perm_class),
	TL_JSON_AT("feed", struct tl_site_context, feed),
};

static const struct tl_value_class perm_root_class =
    TL_FIXED_CLASS(perm_root_members);

struct tl_value
tl_site_permission_value(const struct tl_site_context *c, size_t i)
{
	return tl_value_make(TL_VALUE_OBJECT, &perm_root_class, c, i, 0);
}

/* -- all.json: {generator, pages, rows: [{page, table, row...}]} -- */

static const struct tl_site_row *
all_row_of(const struct tl_value *v)
{
	return &ctx_of(v)->rows[v->a];
}

static const void *
all_row_self(const struct tl_value *v)
{
	return all_row_of(v);
}

static void
all_row_page(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_str(page_of(ctx_of(v), all_row_of(v)->view)->slug);
}

/* The page's row itself, whose members follow page and table. */
static void
all_row_row(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_site_row *r = all_row_of(v);

	*out = tl_view_row(ctx_of(v)->views[r->view], r->table, r->row);
}

static const struct tl_value_member all_row_members[] = {
	TL_COMPUTED("page", all_row_page),
	TL_SIZE_AT("table", struct tl_site_row, table),
	TL_SPREAD(all_row_row),
};

static const struct tl_value_class all_row_class =
    TL_FIXED_CLASS_OF(all_row_members, all_row_self);

static size_t
all_rows_size(const struct tl_value *v)
{
	return ctx_of(v)->nrows;
}

static void
all_rows_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &all_row_class, ctx_of(v), i, 0);
}

static const struct tl_value_class all_rows_class = {
	.size = all_rows_size,
	.at = all_rows_at,
};

static const struct tl_value_member all_members[] = {
	TL_JSON_AT("generator", struct tl_site_context, generator),
	TL_JSON_AT("pages", struct tl_site_context, all_pages),
	TL_AS("rows", &all_rows_class),
};

static const struct tl_value_class all_class = TL_FIXED_CLASS(all_members);

struct tl_value
tl_site_all_value(const struct tl_site_context *c)
{
	return tl_value_make(TL_VALUE_OBJECT, &all_class, c, 0, 0);
}
