/*
 * site.c - `tablog build` (see site.h).
 *
 * Four steps: find the pages (sorted, so the order never depends on the
 * file system); read and normalise them in parallel; give each a unique
 * slug, in input order; write each page's folder in parallel; then write
 * the combined files.  Each worker thread owns its own loader and
 * renderer (compiled patterns and templates are per thread), and each page
 * collects its own diagnostics, which are merged in input order at the end.
 */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "changelog.h"
#include "context.h"
#include "convert.h"
#include "normalise.h"
#include "output.h"
#include "render.h"
#include "since.h"
#include "strmap.h"
#include "xalloc.h"

struct site_page {
	char		*path;		/* as found under indir */
	struct tl_page	*page;		/* NULL when it could not be read */
	struct tl_diags	 diags;
	struct tl_write_opts opts;	/* the site's, with this page's links */
	struct tl_view	 view;		/* valid when page != NULL */
};

struct site {
	const struct tl_build_opts *o;
	struct site_page *pages;
	size_t		 n, cap;
	/* Work sharing between threads. */
	pthread_mutex_t	 lock;
	size_t		 next, done;
	void		(*step)(struct site *, struct site_page *,
			    struct tl_loader *, struct tl_renderer *);
	struct tl_since	 prev;		/* --since: the previous build */
};

/* ---- finding pages ------------------------------------------------- */

static int
is_page_name(const char *name)
{
	static const char *const exts[] = { ".md", ".markdown", ".html",
	    ".htm", NULL };
	size_t len = strlen(name), i;

	for (i = 0; exts[i] != NULL; i++) {
		size_t el = strlen(exts[i]);

		if (len > el && strcasecmp(name + len - el, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int
compare_paths(const void *a, const void *b)
{
	return strcmp(((const struct site_page *)a)->path,
	    ((const struct site_page *)b)->path);
}

struct walk {
	struct site	*site;
	struct tl_diags	*d;
	dev_t		 out_dev;	/* the output folder, never read */
	ino_t		 out_ino;
	int		 have_out;
	/* Folders on the current path, to stop link loops. */
	struct { dev_t dev; ino_t ino; } stack[64];
	size_t		 depth;
};

static void
walk_folder(struct walk *w, const char *dir)
{
	struct dirent *e;
	struct stat st;
	struct buf path = {0};
	DIR *dp;
	size_t i;

	if (stat(dir, &st) != 0)
		return;
	if (w->have_out && st.st_dev == w->out_dev && st.st_ino == w->out_ino)
		return;
	for (i = 0; i < w->depth; i++)
		if (w->stack[i].dev == st.st_dev && w->stack[i].ino == st.st_ino)
			return;		/* a link back up the tree */
	if (w->depth == sizeof(w->stack) / sizeof(w->stack[0])) {
		tl_diag(w->d, TL_WARNING, dir, 0, "folders nested too deep; "
		    "not read");
		return;
	}
	if ((dp = opendir(dir)) == NULL) {
		tl_diag(w->d, TL_ERROR, dir, 0, "cannot read folder: %s",
		    strerror(errno));
		return;
	}
	w->stack[w->depth].dev = st.st_dev;
	w->stack[w->depth].ino = st.st_ino;
	w->depth++;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;	/* hidden files, . and .. */
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if (lstat(path.data, &st) != 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			if (!w->site->o->follow_links ||
			    stat(path.data, &st) != 0)
				continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_folder(w, path.data);
		} else if (S_ISREG(st.st_mode) && is_page_name(e->d_name)) {
			struct site *s = w->site;

			s->pages = xgrow(s->pages, &s->cap, s->n + 1,
			    sizeof(*s->pages));
			memset(&s->pages[s->n], 0, sizeof(s->pages[s->n]));
			s->pages[s->n++].path = xstrdup(path.data);
		}
	}
	w->depth--;
	closedir(dp);
	buf_free(&path);
}

static int
find_pages(struct site *s, struct tl_diags *d)
{
	struct walk w;
	struct stat st;
	size_t len = strlen(s->o->indir);
	char *indir = xstrdup(s->o->indir);

	memset(&w, 0, sizeof(w));
	w.site = s;
	w.d = d;
	while (len > 1 && indir[len - 1] == '/')
		indir[--len] = '\0';
	if (stat(indir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tl_diag(d, TL_ERROR, s->o->indir, 0, "not a folder: %s",
		    errno ? strerror(errno) : "not a folder");
		free(indir);
		return -1;
	}
	if (stat(s->o->outdir, &st) == 0) {
		w.out_dev = st.st_dev;
		w.out_ino = st.st_ino;
		w.have_out = 1;
	}
	walk_folder(&w, indir);
	free(indir);
	qsort(s->pages, s->n, sizeof(*s->pages), compare_paths);
	return 0;
}

/* ---- the thread pool ----------------------------------------------- */

static void *
worker(void *arg)
{
	struct site *s = arg;
	struct tl_loader *loader = tl_loader_new(&s->o->load);
	struct tl_renderer *renderer = tl_renderer_new(s->o->templates_dir);
	size_t i;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		i = s->next++;
		pthread_mutex_unlock(&s->lock);
		if (i >= s->n)
			break;
		s->step(s, &s->pages[i], loader, renderer);
		pthread_mutex_lock(&s->lock);
		s->done++;
		if (s->o->progress != NULL)
			s->o->progress(s->o->progress_ctx, s->done, s->n);
		pthread_mutex_unlock(&s->lock);
	}
	tl_renderer_free(renderer);
	tl_loader_free(loader);
	return NULL;
}

/* Run step over every page on `jobs` threads (the caller is one). */
static void
run_parallel(struct site *s, int jobs,
    void (*step)(struct site *, struct site_page *, struct tl_loader *,
    struct tl_renderer *))
{
	pthread_t *threads;
	int i, started = 0;

	s->step = step;
	s->next = s->done = 0;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > s->n)
		jobs = s->n > 0 ? (int)s->n : 1;
	threads = xcalloc((size_t)jobs, sizeof(*threads));
	for (i = 1; i < jobs; i++)
		if (pthread_create(&threads[i], NULL, worker, s) == 0)
			started = i;
		else
			break;
	worker(s);
	for (i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

/* ---- per page ------------------------------------------------------ */

static void
step_load(struct site *s, struct site_page *p, struct tl_loader *loader,
    struct tl_renderer *renderer)
{
	(void)renderer;
	p->page = tl_load_page(loader, p->path, &p->diags);
	if (p->page == NULL)
		return;
	p->opts = s->o->write;
	p->opts.index_link = "../index.html";
	p->opts.changelog_link = "../changelog.html";
	p->opts.fragment = 0;
	tl_view_init(&p->view, p->page, &p->opts);
}

static const char *const page_formats[] = {
	"md", "csv", "json", "changelog",
};

static void
step_write(struct site *s, struct site_page *p, struct tl_loader *loader,
    struct tl_renderer *renderer)
{
	struct buf dir = {0}, path = {0};
	size_t i;

	(void)loader;
	if (p->page == NULL)
		return;
	p->opts.renderer = renderer;
	buf_printf(&dir, "%s/%s", s->o->outdir, p->page->slug);
	if (tl_mkdirs(dir.data, &p->diags) != 0)
		goto out;
	buf_printf(&path, "%s/index.html", dir.data);
	if (tl_convert_file(&p->view, tl_output_format("html"), path.data,
	    &p->diags) != 0)
		goto out;
	for (i = 0; i < sizeof(page_formats) / sizeof(page_formats[0]); i++) {
		const struct tl_output_format *f =
		    tl_output_format(page_formats[i]);

		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir.data, f->file);
		if (tl_convert_file(&p->view, f, path.data, &p->diags) != 0)
			break;
	}
out:
	p->opts.renderer = NULL;
	buf_free(&dir);
	buf_free(&path);
}

/*
 * Give every page a slug no earlier page has: name, name-2, name-3...
 * The slugs taken so far, and for each name the next suffix to try, are
 * kept in hash maps, so a thousand pages with one title cost a thousand
 * look-ups, not a thousand scans of a thousand candidates each.
 */
static void
assign_slugs(struct site *s)
{
	struct tl_strmap taken = {0}, next = {0};
	struct buf slug = {0};
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		struct tl_page *page = s->pages[i].page;
		const char *base;

		if (page == NULL)
			continue;
		base = page->slug;
		if (!tl_strmap_get(&next, base, &k))
			k = 1;
		for (;; k++) {
			buf_reset(&slug);
			if (k == 1)
				buf_puts(&slug, base);
			else
				buf_printf(&slug, "%s-%zu", base, k);
			if (!tl_strmap_get(&taken, slug.data, NULL))
				break;
		}
		if (k > 1)
			page->slug = tl_strdup(page, slug.data);
		/* Keys are borrowed: both live in the page's arena. */
		tl_strmap_put(&next, base, k + 1);
		tl_strmap_put(&taken, page->slug, i);
	}
	tl_strmap_free(&taken);
	tl_strmap_free(&next);
	buf_free(&slug);
}

/* ---- combined files ------------------------------------------------ */

static long
group_key(const struct tl_changelog_group *g)
{
	return g->year ? (long)g->year * 12 + g->month - 1 : -1;
}

static int
compare_keys_desc(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	if (x == y)
		return 0;
	if (x < 0)
		return 1;
	if (y < 0)
		return -1;
	return x > y ? -1 : 1;
}

static json_t *
site_changelog_json(const struct site *s)
{
	json_t *groups = json_array();
	long *keys = NULL;
	size_t nkeys = 0, cap = 0, i, k, g;
	struct buf b = {0};
	const char *base = s->o->write.base_url;
	int linked = base != NULL && *base != '\0';

	for (i = 0; i < s->n; i++)
		for (g = 0; s->pages[i].page && g < s->pages[i].view.changelog.ngroups;
		    g++) {
			keys = xgrow(keys, &cap, nkeys + 1, sizeof(*keys));
			keys[nkeys++] = group_key(&s->pages[i].view.changelog.groups[g]);
		}
	qsort(keys, nkeys, sizeof(*keys), compare_keys_desc);
	if (s->o->write.oldest_first) {
		/* Reverse the dated part; Undated stays last. */
		size_t dated = 0;

		while (dated < nkeys && keys[dated] >= 0)
			dated++;
		for (i = 0; i < dated / 2; i++) {
			long t = keys[i];
			keys[i] = keys[dated - 1 - i];
			keys[dated - 1 - i] = t;
		}
	}
	for (k = 0; k < nkeys; k++) {
		json_t *grp, *pages;
		size_t count = 0;
		const struct tl_changelog_group *any = NULL;

		if (k > 0 && keys[k] == keys[k - 1])
			continue;
		grp = json_object();
		pages = json_array();
		for (i = 0; i < s->n; i++) {
			const struct site_page *p = &s->pages[i];
			json_t *pj, *entries;

			if (p->page == NULL)
				continue;
			for (g = 0; g < p->view.changelog.ngroups; g++)
				if (group_key(&p->view.changelog.groups[g]) == keys[k])
					break;
			if (g == p->view.changelog.ngroups)
				continue;
			any = &p->view.changelog.groups[g];
			pj = json_object();
			entries = json_array();
			json_object_set_new(pj, "title", json_string(
			    p->page->title ? p->page->title : p->page->slug));
			json_object_set_new(pj, "slug", json_string(p->page->slug));
			for (size_t e = 0; e < any->n; e++)
				json_array_append_new(entries, tl_row_json(
				    any->entries[e].table, any->entries[e].row));
			json_object_set_new(pj, "entries", entries);
			json_array_append_new(pages, pj);
			count += any->n;
		}
		buf_reset(&b);
		tl_changelog_month(&b, any);
		json_object_set_new(grp, "month",
		    any->year ? json_string(b.data) : json_null());
		buf_reset(&b);
		tl_changelog_label(&b, any);
		json_object_set_new(grp, "label", json_string(b.data));
		json_object_set_new(grp, "count", json_integer((json_int_t)count));
		buf_reset(&b);
		buf_printf(&b, "%zu change%s", count, count == 1 ? "" : "s");
		json_object_set_new(grp, "changes", json_string(b.data));
		if (any->year) {
			struct buf id = {0};

			buf_reset(&b);
			tl_group_updated(&b, any);
			json_object_set_new(grp, "updated", json_string(b.data));
			tl_feed_base(&id, base, "site");
			if (linked)
				buf_puts(&id, "changelog.html#");
			else
				buf_putc(&id, '/');
			tl_changelog_month(&id, any);
			json_object_set_new(grp, "id", json_string(id.data));
			buf_free(&id);
		}
		json_object_set_new(grp, "pages", pages);
		json_array_append_new(groups, grp);
	}
	free(keys);
	buf_free(&b);
	return groups;
}

static json_t *
site_pages_json(const struct site *s)
{
	json_t *pages = json_array();
	struct buf b = {0};
	size_t i, t;

	for (i = 0; i < s->n; i++) {
		const struct site_page *p = &s->pages[i];
		const struct tl_changelog *cl = &p->view.changelog;
		json_t *pj;
		size_t rows = 0;

		if (p->page == NULL)
			continue;
		for (t = 0; t < p->page->ntables; t++)
			rows += p->page->tables[t].nrows;
		pj = json_object();
		json_object_set_new(pj, "title", json_string(
		    p->page->title ? p->page->title : p->page->slug));
		json_object_set_new(pj, "slug", json_string(p->page->slug));
		json_object_set_new(pj, "source", tl_json_text(p->page->source));
		json_object_set_new(pj, "rows", json_integer((json_int_t)rows));
		buf_reset(&b);
		buf_printf(&b, "%08zu", rows);
		json_object_set_new(pj, "rows_key", json_string(b.data));
		/* Groups run newest first unless --oldest-first. */
		if (cl->ngroups > 0) {
			const struct tl_changelog_group *g = s->o->write.oldest_first ?
			    &cl->groups[cl->ngroups - 1] : &cl->groups[0];

			if (g->year == 0 && s->o->write.oldest_first &&
			    cl->ngroups > 1)
				g = &cl->groups[cl->ngroups - 2];
			if (g->year != 0) {
				buf_reset(&b);
				tl_changelog_month(&b, g);
				json_object_set_new(pj, "latest", json_string(b.data));
				buf_reset(&b);
				tl_changelog_label(&b, g);
				json_object_set_new(pj, "latest_label",
				    json_string(b.data));
			}
		}
		json_array_append_new(pages, pj);
	}
	buf_free(&b);
	return pages;
}

/* A page as the detected-changes lists name it. */
static json_t *
page_ref_json(const struct tl_page *page)
{
	return json_pack("{s:s, s:s}", "title", page->title ? page->title :
	    page->slug, "slug", page->slug);
}

/*
 * "Detected changes": every page against its previous version, then the
 * pages that are new and those that are gone.  NULL without --since.
 */
static json_t *
detected_json(const struct site *s)
{
	struct tl_diff_opts dopts;
	struct tl_aliases *aliases;
	json_t *det, *pages, *added, *gone;
	struct buf b = {0};
	struct tl_date day;
	size_t i, changes = 0;

	if (s->o->since == NULL)
		return NULL;
	aliases = tl_aliases_new();
	memset(&dopts, 0, sizeof(dopts));
	dopts.aliases = aliases;
	pages = json_array();
	added = json_array();
	gone = json_array();
	for (i = 0; i < s->n; i++) {
		const struct tl_page *page = s->pages[i].page;
		const struct tl_page *old;
		json_t *pj;

		if (page == NULL)
			continue;
		old = tl_since_find(&s->prev, page->slug);
		if (old == NULL) {
			json_array_append_new(added, page_ref_json(page));
			changes++;
		} else if ((pj = tl_since_page_json(old, page, &dopts)) != NULL) {
			json_array_append_new(pages, pj);
			changes++;
		}
	}
	for (i = 0; i < s->prev.n; i++) {
		const struct tl_page *old = s->prev.pages[i];
		size_t k;

		for (k = 0; k < s->n; k++)
			if (s->pages[k].page != NULL &&
			    strcmp(s->pages[k].page->slug, old->slug) == 0)
				break;
		if (k == s->n) {
			json_array_append_new(gone, page_ref_json(old));
			changes++;
		}
	}
	tl_aliases_free(aliases);

	det = json_object();
	memset(&day, 0, sizeof(day));
	sscanf(s->o->detected_date, "%d-%d-%d", &day.year, &day.month,
	    &day.day);
	json_object_set_new(det, "date", json_string(s->o->detected_date));
	tl_date_label(&b, &day);
	json_object_set_new(det, "label", json_string(b.data));
	buf_reset(&b);
	buf_printf(&b, "%sT00:00:00Z", s->o->detected_date);
	json_object_set_new(det, "updated", json_string(b.data));
	buf_reset(&b);
	tl_feed_base(&b, s->o->write.base_url, "site");
	if (s->o->write.base_url != NULL && *s->o->write.base_url != '\0')
		buf_printf(&b, "changelog.html#detected-%s",
		    s->o->detected_date);
	else
		buf_printf(&b, "/detected/%s", s->o->detected_date);
	json_object_set_new(det, "id", json_string(b.data));
	json_object_set_new(det, "any", json_boolean(changes > 0));
	json_object_set_new(det, "pages", pages);
	json_object_set_new(det, "new_pages", added);
	json_object_set_new(det, "vanished_pages", gone);
	buf_free(&b);
	return det;
}

static json_t *
site_json(const struct site *s)
{
	json_t *root = json_object(), *site = json_object(), *gen, *feed;
	json_t *changelog = site_changelog_json(s);
	const char *base = s->o->write.base_url;
	struct buf b = {0};
	size_t i;

	gen = json_pack("{s:s, s:s}", "name", "tablog", "version", TL_VERSION);
	json_object_set_new(root, "generator", gen);
	json_object_set_new(site, "title", json_string(s->o->title ?
	    s->o->title : "Permissions"));
	json_object_set_new(site, "date", s->o->date ? json_string(s->o->date) :
	    json_null());
	json_object_set_new(site, "pages", site_pages_json(s));
	json_object_set_new(site, "changelog", changelog);
	if (s->o->since != NULL)
		json_object_set_new(site, "detected", detected_json(s));
	json_object_set_new(root, "site", site);

	feed = json_object();
	tl_feed_base(&b, base, "site");
	if (base != NULL && *base != '\0')
		buf_puts(&b, "feed.xml");
	json_object_set_new(feed, "id", json_string(b.data));
	buf_reset(&b);
	if (base != NULL && *base != '\0')
		tl_feed_base(&b, base, "site");
	buf_puts(&b, "changelog.html");
	json_object_set_new(feed, "link", json_string(b.data));
	/* The newest dated group dates the feed. */
	buf_reset(&b);
	for (i = 0; i < json_array_size(changelog); i++) {
		json_t *u = json_object_get(json_array_get(changelog, i),
		    "updated");

		if (json_is_string(u) && (b.len == 0 ||
		    strcmp(json_string_value(u), b.data) > 0)) {
			buf_reset(&b);
			buf_puts(&b, json_string_value(u));
		}
	}
	if (s->o->since != NULL && s->o->detected_date != NULL &&
	    strncmp(s->o->detected_date, b.len ? b.data : "", 10) > 0) {
		buf_reset(&b);
		buf_printf(&b, "%sT00:00:00Z", s->o->detected_date);
	}
	json_object_set_new(feed, "updated", json_string(b.len ? b.data :
	    "1970-01-01T00:00:00Z"));
	json_object_set_new(root, "feed", feed);
	buf_free(&b);
	return root;
}

/* all.json's pages: the index's entries plus each table's columns, so
 * that a later `build --since` can rebuild the pages (since.c). */
static json_t *
all_pages_json(const struct site *s)
{
	json_t *pages = site_pages_json(s), *pj;
	size_t i, k = 0, t, c;

	for (i = 0; i < s->n; i++) {
		const struct tl_page *page = s->pages[i].page;
		json_t *tables;

		if (page == NULL)
			continue;
		pj = json_array_get(pages, k++);
		tables = json_array();
		for (t = 0; t < page->ntables; t++) {
			const struct tl_table *tab = &page->tables[t];
			json_t *tj = json_object(), *cols = json_array();

			for (c = 0; c < tab->ncolumns; c++)
				json_array_append_new(cols, json_pack(
				    "{s:s, s:s}", "field", tab->columns[c].key,
				    "header", tab->columns[c].header));
			json_object_set_new(tj, "line", json_integer(tab->line));
			json_object_set_new(tj, "columns", cols);
			json_object_set_new(tj, "date_column",
			    tab->date_column >= 0 ?
			    json_integer(tab->date_column) : json_null());
			json_object_set_new(tj, "label_column",
			    tab->label_column >= 0 ?
			    json_integer(tab->label_column) : json_null());
			json_array_append_new(tables, tj);
		}
		json_object_set_new(pj, "tables", tables);
	}
	return pages;
}

/* all.json: the pages, then every row with its page's slug first. */
static int
write_all_json(const struct site *s, json_t *site, FILE *fp,
    struct tl_diags *d)
{
	json_t *root = json_object(), *rows = json_array();
	size_t i, t, r;
	int rc;

	(void)d;
	json_object_set(root, "generator", json_object_get(site, "generator"));
	json_object_set_new(root, "pages", all_pages_json(s));
	for (i = 0; i < s->n; i++) {
		const struct tl_page *page = s->pages[i].page;

		for (t = 0; page != NULL && t < page->ntables; t++)
			for (r = 0; r < page->tables[t].nrows; r++) {
				json_t *row = json_object();

				json_object_set_new(row, "page",
				    json_string(page->slug));
				json_object_set_new(row, "table",
				    json_integer((json_int_t)t));
				json_object_update_new(row, tl_row_json(
				    &page->tables[t], &page->tables[t].rows[r]));
				json_array_append_new(rows, row);
			}
	}
	json_object_set_new(root, "rows", rows);
	rc = tl_write_json_value(root, fp);
	json_decref(root);
	return rc;
}

static int
write_all_csv(const struct site *s, FILE *fp, int raw, int bom)
{
	struct tl_csv_columns cols = {0};
	struct buf b = {0};
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pages[i].page != NULL)
			tl_csv_columns_add(&cols, s->pages[i].page);
	if (bom)
		buf_puts(&b, "\xEF\xBB\xBF");
	tl_csv_header(&b, &cols, 1);
	for (i = 0; i < s->n; i++)
		if (s->pages[i].page != NULL)
			tl_csv_rows(&b, fp, s->pages[i].page, &cols,
			    s->pages[i].page->slug, raw);
	buf_spill(&b, fp, 0);
	buf_free(&b);
	tl_csv_columns_free(&cols);
	return ferror(fp) ? -1 : 0;
}

/* One combined file, through a template or a function, atomically. */
static int
write_site_file(const struct site *s, struct tl_renderer *renderer,
    json_t *ctx, const char *file, const char *template, struct tl_diags *d)
{
	struct tl_outfile out;
	struct buf path = {0};
	int rc;

	buf_printf(&path, "%s/%s", s->o->outdir, file);
	rc = tl_outfile_open(&out, path.data, d);
	buf_free(&path);
	if (rc != 0)
		return -1;
	if (template != NULL)
		rc = tl_render(renderer, template, TL_JSON_VALUE(ctx), out.fp,
		    d);
	else if (strcmp(file, "all.csv") == 0)
		rc = write_all_csv(s, out.fp, s->o->write.csv_raw,
		    s->o->write.csv_bom);
	else
		rc = write_all_json(s, ctx, out.fp, d);
	if (rc != 0) {
		if (ferror(out.fp))
			tl_diag(d, TL_ERROR, out.path, 0, "cannot write file: %s",
			    strerror(errno ? errno : EIO));
		tl_outfile_abort(&out);
		return -1;
	}
	return tl_outfile_commit(&out, d);
}

static int
write_site(const struct site *s, struct tl_diags *d)
{
	static const struct { const char *file, *template; } files[] = {
		{ "index.html",		"index.html" },
		{ "changelog.md",	"site-changelog.md" },
		{ "changelog.html",	"site-changelog.html" },
		{ "feed.xml",		"site-feed.xml" },
		{ "all.csv",		NULL },
		{ "all.json",		NULL },
	};
	struct tl_renderer *renderer = tl_renderer_new(s->o->templates_dir);
	json_t *ctx = site_json(s);
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == 0; i++)
		rc = write_site_file(s, renderer, ctx, files[i].file,
		    files[i].template, d);
	json_decref(ctx);
	tl_renderer_free(renderer);
	return rc;
}

/* ---- the build ----------------------------------------------------- */

int
tl_build(const struct tl_build_opts *o, struct tl_diags *d,
    struct tl_build_stats *stats)
{
	struct site s;
	int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, j, t;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	memset(stats, 0, sizeof(*stats));
	s.o = o;
	pthread_mutex_init(&s.lock, NULL);
	/* Read the previous build first: PREV may well be OUTDIR itself. */
	if (o->since != NULL && tl_since_load(&s.prev, o->since, d) != 0) {
		rc = -1;
		goto out;
	}
	if (tl_mkdirs(o->outdir, d) != 0 || find_pages(&s, d) != 0) {
		rc = -1;
		goto out;
	}
	if (s.n == 0)
		tl_diag(d, TL_WARNING, o->indir, 0, "no pages (.md, .markdown, "
		    ".html, .htm) found");

	/* The readers' libraries set up process-wide state on first use,
	 * which two workers must not race to do. */
	tl_read_init();
	run_parallel(&s, jobs, step_load);
	assign_slugs(&s);
	run_parallel(&s, jobs, step_write);

	stats->pages = s.n;
	for (i = 0; i < s.n; i++) {
		struct site_page *p = &s.pages[i];
		int failed = p->page == NULL ||
		    tl_diags_count(&p->diags, TL_ERROR) > 0;

		for (j = 0; j < p->diags.n; j++) {
			const struct tl_diag *dg = &p->diags.v[j];

			tl_diag(d, dg->severity, dg->file, dg->line, "%s",
			    dg->message);
		}
		if (failed) {
			rc = -1;
			continue;
		}
		stats->built++;
		for (t = 0; t < p->page->ntables; t++)
			stats->rows += p->page->tables[t].nrows;
	}
	if (write_site(&s, d) != 0)
		rc = -1;
out:
	stats->warnings = tl_diags_count(d, TL_WARNING);
	stats->errors = tl_diags_count(d, TL_ERROR);
	for (i = 0; i < s.n; i++) {
		if (s.pages[i].page != NULL)
			tl_view_free(&s.pages[i].view);
		tl_page_free(s.pages[i].page);
		tl_diags_free(&s.pages[i].diags);
		free(s.pages[i].path);
	}
	free(s.pages);
	tl_since_free(&s.prev);
	pthread_mutex_destroy(&s.lock);
	return rc;
}
