/*
 * site_history.c - OUTDIR/history.json: read back, added to, shown, written
 * (see site_history.h and docs/design.md "Site history").
 *
 * A record keeps its changes in the one change schema (diff_context.h),
 * as `diff -f json` prints them, so the file is readable by the same
 * programs.  What the templates need beyond that (a row's label, its type
 * and API, the changed fields as a list, each page's summary) is made here
 * from the stored objects, the same way for the build that just ran and
 * for one a year ago.
 */
#include "site/site_history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/file.h"
#include "base/map.h"
#include "base/output.h"
#include "base/sha256.h"
#include "base/xalloc.h"
#include "diff/diff_context.h"
#include "load/source.h"
#include "site/json_check.h"
#include "site/site_context.h"
#include "write/context.h"

#define HISTORY_FILE	"history.json"
#define MAX_RECORDS	100000
#define MAX_CHANGES	10000000	/* in one record */
#define MAX_PAGES	1000000
#define MAX_MEMBERS	10000		/* of a row, key, before, after */
#define MAX_ROWS	1000000000

/* ---- checking what was read ------------------------------------------ */

static const char *
str_member(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}


static int
valid_day(const char *s)
{
	int y, m, d;

	return s != NULL && strlen(s) == 10 && tl_parse_ymd(s, &y, &m, &d) == 0;
}

/* "2024-01-03T10:00:00Z" or with an offset: a real day, then a time. */
static int
valid_time(const char *s)
{
	int hh, mm, ss, n = 0;
	char day[11];
	size_t len = strlen(s);

	if (len < 20 || len > 25)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!valid_day(day) || s[10] != 'T' ||
	    sscanf(s + 11, "%2d:%2d:%2d%n", &hh, &mm, &ss, &n) != 3 ||
	    n != 8 || hh > 23 || mm > 59 || ss > 60)
		return 0;
	s += 19;
	return strcmp(s, "Z") == 0 || ((s[0] == '+' || s[0] == '-') &&
	    strlen(s) == 6 && s[3] == ':');
}

static int
get_day(struct tl_jcheck *c, json_t *o, const char *key, int how,
    const char **out)
{
	if (tl_jc_get_string(c, o, key, how, out) != 0)
		return -1;
	if (*out != NULL && !valid_day(*out))
		return tl_jc_bad(c, "\"%s\" is not a date (YYYY-MM-DD)", key);
	return 0;
}

/* An object of at most MAX_MEMBERS members, each a scalar (a row's
 * `cells` too: an array of such objects); NULL after an error. */
static int
check_flat(struct tl_jcheck *c, json_t *o, const char *key, int nested)
{
	const char *k;
	json_t *v, *cell;
	size_t i, mark;

	if (!json_is_object(o))
		return tl_jc_bad(c, "\"%s\" is not an object", key);
	if (json_object_size(o) > MAX_MEMBERS)
		return tl_jc_bad(c, "\"%s\" has more than %d members", key,
		    MAX_MEMBERS);
	json_object_foreach(o, k, v) {
		if (json_is_string(v)) {
			if (!tl_jc_valid_text(json_string_value(v),
			    json_string_length(v)))
				return tl_jc_bad(c, "\"%s\".\"%s\" is not "
				    "valid UTF-8 text", key, k);
		} else if (nested && strcmp(k, "cells") == 0 &&
		    json_is_array(v) && json_array_size(v) <= MAX_MEMBERS) {
			json_array_foreach(v, i, cell) {
				mark = tl_jc_enter(c, "%s.cells[%zu]", key, i);
				if (check_flat(c, cell, "cell", 0) != 0)
					return -1;
				tl_jc_leave(c, mark);
			}
		} else if (!json_is_null(v) && !json_is_integer(v) &&
		    !json_is_boolean(v)) {
			return tl_jc_bad(c, "\"%s\".\"%s\" is not a string, "
			    "number, boolean or null", key, k);
		}
	}
	return 0;
}

static int
kind_of(const char *name)
{
	int k;

	for (k = 0; k < TL_CHANGE_NKINDS; k++)
		if (strcmp(name, tl_change_kind_name(k)) == 0)
			return k;
	return -1;
}

static int
check_change(struct tl_jcheck *c, json_t *ch)
{
	const char *s;
	json_int_t n;
	json_t *v;
	int kind;
	static const char *const flat[] = { "key", "before", "after",
	    "column", "lines", "table", "cut" };
	size_t i;

	if (!json_is_object(ch))
		return tl_jc_bad(c, "not an object");
	if (tl_jc_get_string(c, ch, "kind", TL_JC_REQUIRED, &s) != 0)
		return -1;
	if ((kind = kind_of(s)) < 0)
		return tl_jc_bad(c, "\"kind\" is not a kind of change");
	if (get_day(c, ch, "date", TL_JC_NULLABLE, &s) != 0 ||
	    tl_jc_get_string(c, ch, "page", TL_JC_NULLABLE, &s) != 0 ||
	    tl_jc_get_string(c, ch, "commit", TL_JC_NULLABLE |
	    TL_JC_OPTIONAL, &s) != 0 ||
	    tl_jc_get_string(c, ch, "time", TL_JC_OPTIONAL, &s) != 0)
		return -1;
	if (s != NULL && !valid_time(s))
		return tl_jc_bad(c, "\"time\" is not an RFC 3339 time");
	if (kind == TL_CHANGE_PAGE_ADDED || kind == TL_CHANGE_PAGE_REMOVED) {
		if (tl_jc_get_string(c, ch, "title", TL_JC_REQUIRED, &s) != 0 ||
		    tl_jc_get_string(c, ch, "slug", TL_JC_REQUIRED, &s) != 0 ||
		    tl_jc_get_int(c, ch, "rows", TL_JC_REQUIRED, 0, MAX_ROWS,
		    &n) != 0)
			return -1;
	} else {
		if ((v = json_object_get(ch, "table")) == NULL)
			return tl_jc_bad(c, "no member \"table\"");
		if (!json_is_object(v) || tl_jc_get_int(c, v, "index",
		    TL_JC_REQUIRED, 0, MAX_ROWS, &n) != 0 ||
		    tl_jc_get_string(c, v, "section", TL_JC_NULLABLE |
		    TL_JC_OPTIONAL, &s) != 0)
			return json_is_object(v) ? -1 :
			    tl_jc_bad(c, "\"table\" is not an object");
	}
	for (i = 0; i < sizeof(flat) / sizeof(flat[0]); i++)
		if ((v = json_object_get(ch, flat[i])) != NULL &&
		    check_flat(c, v, flat[i], 0) != 0)
			return -1;
	if ((v = json_object_get(ch, "row")) != NULL &&
	    check_flat(c, v, "row", 1) != 0)
		return -1;
	if (json_object_get(ch, "unknown") != NULL && tl_jc_get_int(c, ch,
	    "unknown", TL_JC_REQUIRED, 0, MAX_ROWS, &n) != 0)
		return -1;
	if ((v = json_object_get(ch, "changed_without_date_update")) != NULL &&
	    !json_is_boolean(v))
		return tl_jc_bad(c, "\"changed_without_date_update\" is not "
		    "a boolean");
	return 0;
}

static int
check_record(struct tl_jcheck *c, json_t *r)
{
	json_t *pages, *changes, *v;
	const char *s;
	size_t i, mark;

	if (!json_is_object(r))
		return tl_jc_bad(c, "not an object");
	if (get_day(c, r, "date", TL_JC_REQUIRED, &s) != 0 ||
	    tl_jc_get_string(c, r, "source", TL_JC_NULLABLE, &s) != 0 ||
	    tl_jc_get_string(c, r, "commit", TL_JC_OPTIONAL, &s) != 0 ||
	    tl_jc_get_string(c, r, "updated", TL_JC_OPTIONAL, &s) != 0)
		return -1;
	if (s != NULL && !valid_time(s))
		return tl_jc_bad(c, "\"updated\" is not an RFC 3339 time");
	if ((pages = tl_jc_get_array(c, r, "pages", MAX_PAGES)) == NULL ||
	    (changes = tl_jc_get_array(c, r, "changes", MAX_CHANGES)) == NULL)
		return -1;
	json_array_foreach(pages, i, v) {
		mark = tl_jc_enter(c, ".pages[%zu]", i);
		if (!json_is_object(v))
			return tl_jc_bad(c, "not an object");
		if (tl_jc_get_string(c, v, "page", TL_JC_REQUIRED, &s) != 0 ||
		    tl_jc_get_string(c, v, "title", TL_JC_NULLABLE, &s) != 0 ||
		    tl_jc_get_string(c, v, "slug", TL_JC_REQUIRED, &s) != 0)
			return -1;
		tl_jc_leave(c, mark);
	}
	json_array_foreach(changes, i, v) {
		mark = tl_jc_enter(c, ".changes[%zu]", i);
		if (check_change(c, v) != 0)
			return -1;
		tl_jc_leave(c, mark);
	}
	return 0;
}

static int
check_history(struct tl_jcheck *c, json_t *root)
{
	json_t *builds, *months, *v;
	const char *k, *s;
	json_int_t n;
	size_t i, mark;

	if (!json_is_object(root))
		return tl_jc_bad(c, "not a JSON object");
	if (tl_jc_get_int(c, root, "version", TL_JC_REQUIRED, 1, 1, &n) != 0 ||
	    (builds = tl_jc_get_array(c, root, "builds", MAX_RECORDS)) == NULL)
		return -1;
	json_array_foreach(builds, i, v) {
		mark = tl_jc_enter(c, "builds[%zu]", i);
		if (check_record(c, v) != 0)
			return -1;
		tl_jc_leave(c, mark);
	}
	if (tl_jc_get_string(c, root, "feed_key", TL_JC_OPTIONAL, &s) != 0)
		return -1;
	if (s != NULL && (strlen(s) != 21 || strncmp(s, "site-", 5) != 0 ||
	    strspn(s + 5, "0123456789abcdef") != 16))
		return tl_jc_bad(c, "\"feed_key\" is not site- and 16 hex "
		    "digits");
	if ((months = json_object_get(root, "months")) == NULL)
		return 0;
	if (!json_is_object(months) || json_object_size(months) > MAX_RECORDS)
		return tl_jc_bad(c, "\"months\" is not an object of at most "
		    "%d months", MAX_RECORDS);
	json_object_foreach(months, k, v) {
		int y, m;
		char tail;

		mark = tl_jc_enter(c, "months.%s", strlen(k) == 7 ? k : "?");
		if (strlen(k) != 7 || sscanf(k, "%4d-%2d%c", &y, &m,
		    &tail) != 2 || !tl_ymd_valid(y, m, 1))
			return tl_jc_bad(c, "not a month (YYYY-MM)");
		if (!json_is_object(v) || tl_jc_get_string(c, v, "digest",
		    TL_JC_REQUIRED, &s) != 0)
			return json_is_object(v) ? -1 :
			    tl_jc_bad(c, "not an object");
		if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
			return tl_jc_bad(c, "\"digest\" is not 16 hex digits");
		if (tl_jc_get_string(c, v, "updated", TL_JC_REQUIRED, &s) != 0)
			return -1;
		if (!valid_time(s))
			return tl_jc_bad(c, "\"updated\" is not an RFC 3339 "
			    "time");
		tl_jc_leave(c, mark);
	}
	return 0;
}

int
tl_site_history_load(struct tl_site_history *h, const char *dir,
    size_t max, struct tl_diags *d)
{
	struct tl_jcheck c;
	struct buf path = {0};
	json_t *root = NULL;
	struct stat st;
	int rc = -1;

	memset(h, 0, sizeof(*h));
	memset(&c, 0, sizeof(c));
	tl_path_join(&path, dir, HISTORY_FILE);
	c.file = buf_str(&path);
	c.what = HISTORY_FILE;
	c.d = d;
	if (lstat(c.file, &st) != 0 && errno == ENOENT) {
		rc = 0;		/* a site's first build */
		goto out;
	}
	if ((root = tl_jc_load(&c, TL_FILE_REGULAR | TL_FILE_NOFOLLOW, max ?
	    max : TL_DEFAULT_MAX_INPUT, "the site's history")) == NULL ||
	    check_history(&c, root) != 0)
		goto out;
	h->builds = json_incref(json_object_get(root, "builds"));
	h->months = json_incref(json_object_get(root, "months"));
	if (json_object_get(root, "feed_key") != NULL)
		h->feed_key = xstrdup(str_member(root, "feed_key"));
	rc = 0;
out:
	if (rc == 0 && h->builds == NULL)
		h->builds = json_array();
	if (rc == 0 && h->months == NULL)
		h->months = json_object();
	json_decref(root);
	buf_free(&c.where);
	buf_free(&path);
	return rc;
}

void
tl_site_history_free(struct tl_site_history *h)
{
	json_decref(h->builds);
	json_decref(h->months);
	free(h->feed_key);
	memset(h, 0, sizeof(*h));
}

/* ---- adding ----------------------------------------------------------- */

static void
add_page(json_t *pages, const char *path, const struct tl_page *p)
{
	json_array_append_new(pages, json_pack("{s:o, s:o, s:s}",
	    "page", tl_json_text(path),
	    "title", p->title != NULL ? tl_json_text(p->title) : json_null(),
	    "slug", p->slug));
}

json_t *
tl_site_source_name(const char *source)
{
	const char *end, *start, *scheme, *at, *host;
	struct buf url = {0};
	json_t *name;
	char *copy;

	if (source == NULL)
		return json_null();
	if ((scheme = strstr(source, "://")) != NULL) {
		/* A remote's URL without its user and password: a token in
		 * `https://TOKEN@host/...` must not reach a published site. */
		host = scheme + 3;
		at = strchr(host, '@');
		if (at != NULL && at < host + strcspn(host, "/?#"))
			host = at + 1;
		buf_put(&url, source, (size_t)(scheme + 3 - source));
		buf_puts(&url, host);
		name = tl_json_text(buf_str(&url));
		buf_free(&url);
		return name;
	}
	end = source + strlen(source);
	while (end > source + 1 && end[-1] == '/')
		end--;
	for (start = end; start > source && start[-1] != '/'; start--)
		;
	copy = xstrndup(start, (size_t)(end - start));
	name = tl_json_text(copy);
	free(copy);
	return name;
}

void
tl_site_history_add(struct tl_site_history *h, const char *date,
    const char *source, const struct tl_since_changes *c)
{
	json_t *rec, *pages, *changes;
	size_t i;

	if (c == NULL || c->n == 0)
		return;
	pages = json_array();
	changes = json_array();
	for (i = 0; i < c->npages; i++)
		add_page(pages, c->pages[i].diff.v[0].page, c->pages[i].page);
	for (i = 0; i < c->n; i++) {
		struct tl_value v = tl_change_value(c->all[i]);

		json_array_append_new(changes, tl_value_to_json(&v));
	}
	rec = json_pack("{s:s, s:o}", "date", date, "source",
	    tl_site_source_name(source));
	json_object_set_new(rec, "pages", pages);
	json_object_set_new(rec, "changes", changes);
	tl_site_history_append(h, rec);
}

void
tl_site_history_append(struct tl_site_history *h, json_t *record)
{
	if (h->builds == NULL)
		h->builds = json_array();
	json_array_append_new(h->builds, record);
}

/* Copy of record rec without the changes (and pages) of the pages `drop`
 * says yes to; NULL when no change is left. */
static json_t *
record_without(json_t *rec, int (*drop)(const char *, void *), void *ctx)
{
	json_t *out = json_deep_copy(rec), *list, *item;
	const char *const lists[] = { "changes", "pages" };
	size_t i, k;

	for (k = 0; k < 2; k++) {
		list = json_object_get(out, lists[k]);
		for (i = json_array_size(list); i-- > 0;) {
			item = json_array_get(list, i);
			if (drop(json_string_value(json_object_get(item,
			    "page")), ctx))
				json_array_remove(list, i);
		}
	}
	if (json_array_size(json_object_get(out, "changes")) == 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *
tl_site_history_take_builds(struct tl_site_history *h,
    int (*fetched)(const char *page, void *ctx), void *ctx)
{
	json_t *out = json_array(), *rec, *kept;
	size_t i;

	json_array_foreach(h->builds, i, rec) {
		/* A record made from commits is made again from them. */
		if (json_object_get(rec, "commit") != NULL)
			continue;
		if ((kept = record_without(rec, fetched, ctx)) != NULL)
			json_array_append_new(out, kept);
	}
	return out;
}

struct dated_record {
	const char	*date;
	size_t		 order;		/* its place before: ties keep it */
	json_t		*rec;
};

static int
dated_record_cmp(const void *a, const void *b)
{
	const struct dated_record *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	return c != 0 ? c : x->order < y->order ? -1 : x->order > y->order;
}

void
tl_site_history_add_builds(struct tl_site_history *h, json_t *records)
{
	struct dated_record *v;
	json_t *rec;
	const char *date;
	size_t i, n;

	if (h->builds == NULL)
		h->builds = json_array();
	json_array_foreach(records, i, rec)
		json_array_append(h->builds, rec);
	json_decref(records);
	/* By date, oldest first; records of one day keep their order. */
	n = json_array_size(h->builds);
	v = xcalloc(n + 1, sizeof(*v));
	json_array_foreach(h->builds, i, rec) {
		date = json_string_value(json_object_get(rec, "date"));
		v[i].date = date != NULL ? date : "";
		v[i].order = i;
		v[i].rec = json_incref(rec);
	}
	qsort(v, n, sizeof(*v), dated_record_cmp);
	json_array_clear(h->builds);
	for (i = 0; i < n; i++)
		json_array_append_new(h->builds, v[i].rec);
	free(v);
}

void
tl_site_history_clear(struct tl_site_history *h)
{
	if (h->builds != NULL)
		json_array_clear(h->builds);
}

/* ---- as the templates see it ----------------------------------------- */

/* The title a record gives the page at path, or NULL. */
static const char *
record_title(json_t *rec, const char *path)
{
	json_t *pj;
	size_t i;

	json_array_foreach(json_object_get(rec, "pages"), i, pj)
		if (path != NULL && strcmp(str_member(pj, "page"), path) == 0)
			return str_member(pj, "title");
	return NULL;
}

/* A stored change shown as diff_context.c shows a live one: label,
 * section, type_api, table_number, fields (changed), row (a changed row:
 * its key, which holds the type and API it was matched by).  page_title
 * is its page's title in the record. */
static json_t *
shown_change(json_t *ch, const char *page_title)
{
	json_t *s = json_deep_copy(ch), *row = json_object_get(ch, "row");
	json_t *key = json_object_get(ch, "key"), *table, *fields;
	json_t *before = json_object_get(ch, "before");
	const char *label = NULL, *section, *type, *api, *k;
	struct buf b = {0};
	json_t *v;

	if (row != NULL)
		label = str_member(row, "label");
	else if (key != NULL) {
		label = str_member(key, "permission");
		if (label == NULL)
			label = str_member(key, "label");
		json_object_foreach(key, k, v)
			if (label == NULL && json_is_string(v))
				label = json_string_value(v);
		row = key;
		json_object_set(s, "row", key);
	}
	if (label != NULL)
		json_object_set_new(s, "label", json_string(label));
	if (row != NULL && label != NULL) {
		type = str_member(row, "type");
		api = str_member(row, "api");
		if (type != NULL && strcmp(type, label) != 0)
			buf_puts(&b, type);
		if (api != NULL && strcmp(api, label) != 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", api);
		if (b.len > 0)
			json_object_set_new(s, "type_api",
			    json_string(buf_str(&b)));
	}
	if ((table = json_object_get(ch, "table")) != NULL)
		json_object_set_new(s, "table_number", json_integer(
		    json_integer_value(json_object_get(table, "index")) + 1));
	if (table != NULL) {
		section = tl_change_section_shown(str_member(table, "section"),
		    page_title);
		json_object_set_new(s, "section", section != NULL ?
		    json_string(section) : json_null());
	}
	if (before != NULL && strcmp(str_member(ch, "kind"), "changed") == 0) {
		json_t *after = json_object_get(ch, "after");

		fields = json_array();
		json_object_foreach(before, k, v)
			json_array_append_new(fields, json_pack("{s:s, s:O, s:O}",
			    "name", k, "before", v, "after",
			    after != NULL && json_object_get(after, k) != NULL ?
			    json_object_get(after, k) : json_null()));
		json_object_set_new(s, "fields", fields);
	}
	buf_free(&b);
	return s;
}

/* A page's changes in a record, as the site's detected pages were:
 * {title, slug, summary, counts, changes, added, removed, ...}. */
static json_t *
shown_page(json_t *rec, const char *path)
{
	json_t *p = json_object(), *pj;
	const char *title = record_title(rec, path), *slug = NULL;
	size_t i;
	int k;

	json_array_foreach(json_object_get(rec, "pages"), i, pj)
		if (strcmp(str_member(pj, "page"), path) == 0)
			slug = str_member(pj, "slug");
	json_object_set_new(p, "title", tl_json_text(title != NULL ? title :
	    slug != NULL ? slug : path));
	json_object_set_new(p, "slug", slug != NULL ? json_string(slug) :
	    json_null());
	json_object_set_new(p, "page", tl_json_text(path));
	json_object_set_new(p, "changes", json_array());
	for (k = 0; k < TL_CHANGE_PAGE_ADDED; k++)
		json_object_set_new(p, tl_change_kind_name(k), json_array());
	return p;
}

static void
finish_page(json_t *p)
{
	struct tl_diff counted;
	struct buf b = {0};
	json_t *counts = json_object(), *cuts, *ch, *cut;
	size_t i;
	int k;

	memset(&counted, 0, sizeof(counted));
	for (k = 0; k < TL_CHANGE_PAGE_ADDED; k++) {
		counted.count[k] = json_array_size(json_object_get(p,
		    tl_change_kind_name(k)));
		if (k != TL_CHANGE_RENAMED_COLUMN && k != TL_CHANGE_CUT)
			json_object_set_new(counts, tl_change_kind_name(k),
			    json_integer((json_int_t)counted.count[k]));
	}
	/* A cut is {old, new, unknown} for the page, as a live diff says. */
	cuts = json_object_get(p, "cut");
	json_array_foreach(cuts, i, ch) {
		cut = json_object_get(ch, "cut");
		counted.cut_before |= json_is_integer(json_object_get(cut,
		    "before"));
		counted.cut_after |= json_is_integer(json_object_get(cut,
		    "after"));
		counted.unknown += (size_t)json_integer_value(
		    json_object_get(ch, "unknown"));
	}
	if (counted.count[TL_CHANGE_CUT] > 0)
		json_object_set_new(p, "cut", json_pack("{s:b, s:b, s:I}",
		    "old", counted.cut_before, "new", counted.cut_after,
		    "unknown", (json_int_t)counted.unknown));
	else
		json_object_del(p, "cut");
	tl_diff_summary(&b, &counted);
	json_object_set_new(p, "summary", json_string(buf_str(&b)));
	json_object_set_new(p, "counts", counts);
	json_object_set_new(p, "column_changes", json_integer((json_int_t)(
	    counted.count[TL_CHANGE_COLUMN_ADDED] +
	    counted.count[TL_CHANGE_COLUMN_REMOVED] +
	    counted.count[TL_CHANGE_RENAMED_COLUMN])));
	buf_free(&b);
}

/* Records of one date after the first are told apart: DATE-2, DATE-3. */
static json_t *
shown_record(json_t *rec, const char *feed_base, int linked, size_t nth)
{
	json_t *s = json_object(), *pages = json_array(), *all = json_array();
	json_t *added = json_array(), *removed = json_array(), *ch, *p;
	const char *date = str_member(rec, "date"), *updated, *path;
	struct tl_date day;
	struct buf b = {0}, anchor = {0};
	size_t i, j;

	memset(&day, 0, sizeof(day));
	tl_parse_ymd(date, &day.year, &day.month, &day.day);
	buf_printf(&anchor, "%s", date);
	if (nth > 1)
		buf_printf(&anchor, "-%zu", nth);
	json_object_set_new(s, "date", json_string(date));
	json_object_set_new(s, "anchor", json_string(buf_str(&anchor)));
	tl_date_label(&b, &day);
	json_object_set_new(s, "label", json_string(buf_str(&b)));
	buf_reset(&b);
	if ((updated = str_member(rec, "updated")) != NULL)
		buf_puts(&b, updated);
	else
		buf_printf(&b, "%sT00:00:00Z", date);
	json_object_set_new(s, "updated", json_string(buf_str(&b)));
	buf_reset(&b);
	buf_puts(&b, feed_base);
	buf_printf(&b, linked ? "changelog.html#detected-%s" :
	    "/detected/%s", buf_str(&anchor));
	json_object_set_new(s, "id", json_string(buf_str(&b)));
	json_object_set(s, "source", json_object_get(rec, "source"));
	if (json_object_get(rec, "commit") != NULL) {
		json_object_set(s, "commit", json_object_get(rec, "commit"));
		json_object_set_new(s, "git", json_true());
	}
	json_array_foreach(json_object_get(rec, "changes"), i, ch) {
		json_t *shown = shown_change(ch, record_title(rec,
		    str_member(ch, "page")));
		const char *kind = str_member(ch, "kind");

		json_array_append(all, shown);
		if (strcmp(kind, "page_added") == 0 ||
		    strcmp(kind, "page_removed") == 0) {
			json_array_append_new(kind[5] == 'a' ? added :
			    removed, shown);
			continue;
		}
		path = str_member(ch, "page");
		path = path != NULL ? path : "";
		p = NULL;
		/* A page's changes are together: look at the last page. */
		j = json_array_size(pages);
		if (j > 0 && strcmp(str_member(json_array_get(pages, j - 1),
		    "page"), path) == 0)
			p = json_array_get(pages, j - 1);
		if (p == NULL) {
			p = shown_page(rec, path);
			json_array_append_new(pages, p);
		}
		json_array_append(json_object_get(p, "changes"), shown);
		json_array_append_new(json_object_get(p, kind), shown);
	}
	json_array_foreach(pages, i, p)
		finish_page(p);
	json_object_set_new(s, "any", json_boolean(json_array_size(all) > 0));
	buf_reset(&b);
	buf_printf(&b, "%zu change%s", json_array_size(all),
	    json_array_size(all) == 1 ? "" : "s");
	json_object_set_new(s, "count", json_integer(
	    (json_int_t)json_array_size(all)));
	json_object_set_new(s, "changes_label", json_string(buf_str(&b)));
	json_object_set_new(s, "changes", all);
	json_object_set_new(s, "pages", pages);
	json_object_set_new(s, "new_pages", added);
	json_object_set_new(s, "vanished_pages", removed);
	buf_free(&b);
	buf_free(&anchor);
	return s;
}

json_t *
tl_site_history_list(json_t *records, const char *feed_base, int linked,
    int oldest_first, const char **newest)
{
	json_t *list = json_array(), *rec, *seen = json_object();
	size_t i, n = json_array_size(records);
	json_int_t nth;

	*newest = NULL;
	for (i = 0; i < n; i++) {
		json_t *shown;
		const char *day;

		rec = json_array_get(records, i);
		day = str_member(rec, "date");
		nth = json_integer_value(json_object_get(seen, day)) + 1;
		json_object_set_new(seen, day, json_integer(nth));
		shown = shown_record(rec, feed_base, linked, (size_t)nth);
		/* `shown` lives in `list` as long as the caller keeps it. */
		if (*newest == NULL || strcmp(str_member(shown, "updated"),
		    *newest) > 0)
			*newest = str_member(shown, "updated");
		if (oldest_first)
			json_array_append_new(list, shown);
		else
			json_array_insert_new(list, 0, shown);
	}
	json_decref(seen);
	return list;
}

void
tl_site_history_show_records(json_t *records, struct tl_site_context *ctx,
    int oldest_first)
{
	struct buf base = {0};
	const char *newest;

	tl_site_feed_base(&base, ctx);
	json_decref(ctx->history);
	ctx->history = tl_site_history_list(records, buf_str(&base),
	    ctx->base_url != NULL && *ctx->base_url != '\0', oldest_first,
	    &newest);
	if (newest != NULL)
		tl_site_feed_updated(ctx, newest);
	buf_free(&base);
}

void
tl_site_history_by_page(const struct tl_site_history *h,
    const char *const *paths, size_t n, json_t **out)
{
	struct tl_map index = {0};
	json_t *rec, *ch, *item, **cur;
	size_t i, k, at, *touched, ntouched;

	for (i = 0; i < n; i++) {
		out[i] = json_array();
		if (paths[i] != NULL)
			tl_map_put(&index, paths[i], i);
	}
	/* This record's part for each page, made when the page first shows
	 * up in it: one pass over every change. */
	cur = xcalloc(n + 1, sizeof(*cur));
	touched = xcalloc(n + 1, sizeof(*touched));
	json_array_foreach(h->builds, i, rec) {
		ntouched = 0;
		json_array_foreach(json_object_get(rec, "changes"), k, ch) {
			if (!tl_map_get(&index, str_member(ch, "page"), &at))
				continue;
			if (cur[at] == NULL) {
				cur[at] = json_copy(rec);
				json_object_set_new(cur[at], "changes",
				    json_array());
				json_object_set_new(cur[at], "pages",
				    json_array());
				json_array_append_new(out[at], cur[at]);
				touched[ntouched++] = at;
			}
			json_array_append(json_object_get(cur[at], "changes"),
			    ch);
		}
		json_array_foreach(json_object_get(rec, "pages"), k, item)
			if (tl_map_get(&index, str_member(item, "page"), &at) &&
			    cur[at] != NULL)
				json_array_append(json_object_get(cur[at],
				    "pages"), item);
		/* Only the pages this record touched: no pass over all. */
		for (k = 0; k < ntouched; k++)
			cur[touched[k]] = NULL;
	}
	free(cur);
	free(touched);
	tl_map_free(&index);
}

void
tl_site_history_show(struct tl_site_history *h,
    struct tl_site_context *ctx, const char *date, int oldest_first)
{
	json_t *m;
	struct buf t = {0}, base = {0};
	char month[8], hex[TL_SHA256_HEX];
	const char *newest;
	size_t i;

	tl_site_feed_base(&base, ctx);
	json_decref(ctx->history);
	ctx->history = tl_site_history_list(h->builds, buf_str(&base),
	    ctx->base_url != NULL && *ctx->base_url != '\0', oldest_first,
	    &newest);
	buf_free(&base);

	/* A month whose rows are not what they were is updated today. */
	buf_printf(&t, "%sT00:00:00Z", date);
	for (i = 0; i < tl_site_nmonths(ctx); i++) {
		if (tl_site_month_digest(ctx, i, month, hex) != 0)
			continue;
		m = json_object_get(h->months, month);
		if (m != NULL && strcmp(str_member(m, "digest"), hex) == 0) {
			tl_site_month_set_updated(ctx, i,
			    str_member(m, "updated"));
			continue;
		}
		if (m != NULL)
			tl_site_month_set_updated(ctx, i, buf_str(&t));
		json_object_set_new(h->months, month, json_pack("{s:s, s:s}",
		    "digest", hex, "updated", tl_site_month_updated(ctx, i)));
	}
	if (newest != NULL)
		tl_site_feed_updated(ctx, newest);
	buf_free(&t);
}

/* ---- writing ---------------------------------------------------------- */

int
tl_site_history_write(const struct tl_site_history *h, int dirfd,
    const char *dir, struct tl_temps *temps, struct tl_diags *d)
{
	struct tl_outfile out;
	struct buf path = {0};
	json_t *root;
	int rc;

	tl_path_join(&path, dir, HISTORY_FILE);
	rc = tl_outfile_openat(&out, dirfd, HISTORY_FILE, buf_str(&path),
	    temps, d);
	buf_free(&path);
	if (rc != 0)
		return -1;
	root = json_pack("{s:i, s:s*, s:O, s:O}", "version", 1, "feed_key",
	    h->feed_key, "builds", h->builds, "months", h->months);
	rc = json_dumpf(root, out.fp, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	json_decref(root);
	if (rc != 0 || fputc('\n', out.fp) == EOF || ferror(out.fp)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, out.path, 0,
		    "cannot write file: %s", strerror(errno ? errno : EIO));
		tl_outfile_abort(&out);
		return -1;
	}
	return tl_outfile_commit(&out, d);
}

void
tl_site_feed_key(struct buf *out, const char *source)
{
	char hex[TL_SHA256_HEX];

	tl_sha256_hex(source, strlen(source), hex);
	buf_printf(out, "site-%.16s", hex);
}
