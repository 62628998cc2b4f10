/*
 * history.c - a page's history (see history.h): versions listed, read
 * on worker threads, compared in order on the calling one.
 *
 * Reading a version (inflating its blob, parsing, normalising) is nearly
 * all the cost, and versions are independent, so workers read them a
 * few ahead of the one being compared.  Comparing needs the version
 * before, so it is done in order: each version is diffed against the
 * last one read, its rows' records (first seen, last changed) carried
 * over through the diff's pairing, and the version before freed when no
 * change points into it.
 */
#include "history/history.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/map.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "git/log.h"
#include "model/key.h"

#define MAX_JOBS 64

const char *
tl_version_state_name(enum tl_version_state s)
{
	static const char *const names[] = {
		"read", "same", "skipped", "deleted",
	};

	return s <= TL_VERSION_DELETED ? names[s] : "read";
}

/* ---- reading versions, on workers ---------------------------------- */

/* What a worker made of one version. */
struct slot {
	int		 done;
	struct tl_page	*page;		/* NULL: it could not be read */
	struct tl_diags	 diags;		/* the loader's */
};

struct run {
	struct tl_history_page	*hp;
	const char		*repo;		/* NULL: versions are files */
	const struct tl_load_opts *load;
	size_t			 max;		/* bytes a version may have */
	struct slot		*slots;
	unsigned char		*skip;		/* [k]: nothing to read */
	size_t			 next;		/* the next version to read */
	size_t			 consumed;	/* versions compared */
	size_t			 window;	/* read at most this far ahead */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
};

/* One reader's own objects: neither loaders nor libgit2 handles are
 * shared between threads. */
struct reader {
	struct run	*run;
	struct tl_loader *loader;
	struct tl_git	*git;
	struct buf	 bytes;
};

static void
read_version(struct reader *rd, size_t k)
{
	struct run *run = rd->run;
	struct tl_version *v = &run->hp->v[k];
	struct slot *s = &run->slots[k];

	if (run->skip[k])
		return;
	if (run->repo == NULL) {
		s->page = tl_load_page(rd->loader, v->path, &s->diags);
		return;
	}
	if (rd->git == NULL)
		rd->git = tl_git_open(run->repo, &s->diags);
	if (rd->git == NULL)
		return;
	buf_reset(&rd->bytes);
	if (tl_git_blob(rd->git, v->blob, run->max, &rd->bytes, v->path,
	    &s->diags) != 0)
		return;
	s->page = tl_load_buffer(rd->loader, v->path,
	    rd->bytes.data != NULL ? rd->bytes.data : "", rd->bytes.len,
	    &s->diags);
}

static void
reader_init(struct reader *rd, struct run *run)
{
	memset(rd, 0, sizeof(*rd));
	rd->run = run;
	rd->loader = tl_loader_new(run->load);
}

static void
reader_free(struct reader *rd)
{
	tl_loader_free(rd->loader);
	tl_git_close(rd->git);
	buf_free(&rd->bytes);
}

static void *
worker(void *arg)
{
	struct run *run = arg;
	struct reader rd;
	size_t k;

	reader_init(&rd, run);
	pthread_mutex_lock(&run->lock);
	for (;;) {
		while (run->next < run->hp->n &&
		    run->next >= run->consumed + run->window)
			pthread_cond_wait(&run->cond, &run->lock);
		if (run->next >= run->hp->n)
			break;
		k = run->next++;
		pthread_mutex_unlock(&run->lock);
		read_version(&rd, k);
		pthread_mutex_lock(&run->lock);
		run->slots[k].done = 1;
		pthread_cond_broadcast(&run->cond);
	}
	pthread_mutex_unlock(&run->lock);
	reader_free(&rd);
	return NULL;
}

/* ---- following rows through the versions --------------------------- */

/* A row of the last version read: the versions that first had it, last
 * added or changed it, and last changed its content (-1: none since the
 * first version). */
struct rec {
	size_t	first, last;
	long	content;
};

struct follow {
	struct tl_history_page	*hp;
	const struct tl_history_opts *o;
	struct tl_keyspec	 spec;		/* the key, for first_seen */
	struct tl_page		*empty;		/* --from-start's "before" */
	long			 last;		/* last version read, or -1 */
	int			 gone;		/* deleted since */
	struct rec		**recs;		/* [table][row] of `last` */
	size_t			 ntables;
	struct tl_map		 seen;		/* table + key -> version */
	char			**keys;		/* the map's keys (owned) */
	size_t			 nkeys, keys_cap;
	struct tl_diags		 warnings;	/* the last version read's */
	struct buf		 tmp;
};

/* The first version that had a row with this key in table t (k if
 * none before it did). */
static size_t
first_seen(struct follow *f, size_t t, const struct tl_table *table,
    const struct tl_row *r, size_t k)
{
	struct tl_keycols kc;
	size_t v;

	tl_keycols_resolve(&kc, &f->spec, table, NULL);
	buf_reset(&f->tmp);
	buf_printf(&f->tmp, "%zu\x1e", t);
	tl_row_key(&f->tmp, &kc, 0, r, f->o->diff.aliases);
	if (tl_map_get(&f->seen, buf_str(&f->tmp), &v))
		return v;
	f->keys = xgrow(f->keys, &f->keys_cap, f->nkeys + 1,
	    sizeof(*f->keys));
	f->keys[f->nkeys] = xstrdup(buf_str(&f->tmp));
	tl_map_put(&f->seen, f->keys[f->nkeys++], k);
	return k;
}

static void
free_recs(struct rec **recs, size_t n)
{
	size_t t;

	for (t = 0; t < n; t++)
		free(recs[t]);
	free(recs);
}

/* Whether a changed row's content changed, not only its date. */
static int
content_changed(const struct tl_change *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++)
		if (tl_field_by_name(c->fields[i].name) != TL_LAST_UPDATE &&
		    tl_field_by_name(c->fields[i].name) != TL_LAST_UPDATE_TEXT)
			return 1;
	return 0;
}

/* The records of version k's rows, from the last version's through the
 * pairing of df (NULL: every row is new). */
static void
carry_records(struct follow *f, size_t k, const struct tl_page *p,
    const struct tl_diff *df)
{
	struct rec **recs = xcalloc(p->ntables + 1, sizeof(*recs));
	size_t t, i;

	for (t = 0; t < p->ntables; t++) {
		const struct tl_table *table = &p->tables[t];
		const long *pair = df != NULL && df->pairs != NULL &&
		    t < df->nkeys ? df->pairs[t] : NULL;

		recs[t] = xcalloc(table->nrows + 1, sizeof(*recs[t]));
		for (i = 0; i < table->nrows; i++) {
			if (pair != NULL && pair[i] >= 0 && t < f->ntables) {
				recs[t][i] = f->recs[t][pair[i]];
				continue;
			}
			recs[t][i].first = first_seen(f, t, table,
			    &table->rows[i], k);
			recs[t][i].last = k;
			/* The rows of the first version are no change. */
			recs[t][i].content = df != NULL ? (long)k : -1;
		}
	}
	for (i = 0; df != NULL && i < df->count[TL_CHANGE_CHANGED]; i++) {
		const struct tl_change *c =
		    &df->v[df->first[TL_CHANGE_CHANGED] + i];
		struct rec *r = &recs[c->table][c->after - c->after_table->rows];

		r->last = k;
		if (content_changed(c))
			r->content = (long)k;
	}
	free_recs(f->recs, f->ntables);
	f->recs = recs;
	f->ntables = p->ntables;
}

/* ---- comparing versions, in order ---------------------------------- */

static void
page_change(struct follow *f, struct tl_version *v, enum tl_change_kind kind,
    const struct tl_page *page)
{
	struct tl_change *c = &v->page_change;

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->page = f->hp->name;
	c->date = v->date;
	c->time = v->time;
	c->commit = v->commit;
	if (kind == TL_CHANGE_PAGE_ADDED)
		c->after_page = page;
	else
		c->before_page = page;
	v->has_page_change = 1;
}

static size_t
count_rows(const struct tl_page *p)
{
	size_t t, n = 0;

	for (t = 0; t < p->ntables; t++)
		n += p->tables[t].nrows;
	return n;
}

/* Whether anything still points into version j's page. */
static int
page_in_use(const struct follow *f, size_t j)
{
	const struct tl_history_page *hp = f->hp;
	size_t k;

	if (hp->v[j].diff.n > 0 || hp->v[j].has_page_change)
		return 1;
	for (k = j + 1; k < hp->n; k++) {
		if (hp->v[k].state == TL_VERSION_READ)
			return hp->v[k].diff.n > 0;
		if (hp->v[k].has_page_change &&
		    hp->v[k].page_change.before_page == hp->v[j].page)
			return 1;
	}
	return 0;
}

/* Free version j's page if it is not the last read and nothing points
 * into it. */
static void
release(struct follow *f, size_t j)
{
	struct tl_version *v = &f->hp->v[j];

	if (v->page == NULL || !v->owns_page || (long)j == f->last ||
	    page_in_use(f, j))
		return;
	tl_page_free(v->page);
	v->page = NULL;
}

/* A version that could not be read: one warning, the first error. */
static void
skipped(struct follow *f, struct tl_version *v, struct slot *s,
    struct tl_diags *d)
{
	const struct tl_diag *e = NULL;
	size_t i;

	v->state = TL_VERSION_SKIPPED;
	for (i = 0; i < s->diags.n && e == NULL; i++)
		if (s->diags.v[i].severity == TL_ERROR)
			e = &s->diags.v[i];
	buf_reset(&f->tmp);
	if (v->commit != NULL)
		buf_printf(&f->tmp, "%s@%.7s", v->path, v->commit);
	else
		buf_puts(&f->tmp, v->path);
	tl_diag_kind(d, TL_WARNING, e != NULL ? e->kind : TL_DK_READ,
	    buf_str(&f->tmp), e != NULL ? e->line : 0, "%s; this version is "
	    "skipped", e != NULL ? e->message : "cannot be read");
}

static void
compare(struct follow *f, size_t k, struct slot *s, struct tl_diags *d)
{
	struct tl_history_page *hp = f->hp;
	struct tl_version *v = &hp->v[k], *last = f->last >= 0 ?
	    &hp->v[f->last] : NULL;
	struct tl_diff_opts dopts = f->o->diff;
	long prev = f->last;

	if (v->state == TL_VERSION_DELETED) {
		if (last != NULL && !f->gone) {
			page_change(f, v, TL_CHANGE_PAGE_REMOVED, last->page);
			f->gone = 1;
		}
		return;
	}
	if (v->state == TL_VERSION_SAME) {
		/* The bytes of the version before: that version's result. */
		if (k > 0 && hp->v[k - 1].state == TL_VERSION_SKIPPED)
			v->state = TL_VERSION_SKIPPED;
		else
			v->rows = hp->v[k - 1].rows;
		return;
	}
	if (s->page == NULL) {
		skipped(f, v, s, d);
		return;
	}
	v->state = TL_VERSION_READ;
	v->page = s->page;
	v->owns_page = 1;
	s->page = NULL;
	v->rows = count_rows(v->page);
	tl_diags_free(&f->warnings);
	tl_diags_move(&f->warnings, &s->diags);
	dopts.pairs = 1;
	if (last == NULL || f->gone) {
		page_change(f, v, TL_CHANGE_PAGE_ADDED, v->page);
		v->first = last == NULL;
	}
	if (last != NULL)
		tl_diff_pages(&v->diff, last->page, v->page, &dopts);
	else if (f->o->from_start)
		tl_diff_pages(&v->diff, f->empty, v->page, &dopts);
	tl_diff_set_origin(&v->diff, hp->name, v->date, v->commit);
	tl_diff_set_time(&v->diff, v->time);
	carry_records(f, k, v->page, last != NULL ? &v->diff : NULL);
	if (v->diff.pairs != NULL) {
		size_t t;

		for (t = 0; t < v->diff.nkeys; t++)
			free(v->diff.pairs[t]);
		free(v->diff.pairs);
		v->diff.pairs = NULL;
	}
	if (v->diff.n == 0)
		tl_diff_free(&v->diff);
	f->last = (long)k;
	f->gone = 0;
	if (prev >= 0)
		release(f, (size_t)prev);
}

/*
 * Does its content change after the row's own date?  last_update is at
 * the precision written ("2023-12" or "2023-12-05"): a change in a later
 * month, or day, is after it.
 */
static int
after_own_date(const char *changed, const char *last_update)
{
	size_t n;

	if (last_update == NULL)
		return 0;
	n = strlen(last_update);
	if (n > 10)
		n = 10;
	return strncmp(changed, last_update, n) > 0;
}

/* Write what the records say into the current page's rows. */
static void
mark_current(struct follow *f)
{
	struct tl_history_page *hp = f->hp;
	struct tl_page *p;
	size_t t, i;

	if (f->last < 0 || f->gone)
		return;
	p = hp->current = hp->v[f->last].page;
	for (t = 0; t < p->ntables && t < f->ntables; t++) {
		/* A column of the page's own under one of these names keeps
		 * it: a row object has each name once. */
		if (tl_table_column(&p->tables[t], "first_seen") >= 0 ||
		    tl_table_column(&p->tables[t], "last_changed") >= 0 ||
		    tl_table_column(&p->tables[t],
		    "changed_without_date_update") >= 0)
			continue;
		for (i = 0; i < p->tables[t].nrows; i++) {
			struct tl_row *r = &p->tables[t].rows[i];
			const struct rec *rc = &f->recs[t][i];

			r->first_seen = tl_strndup_shared(p,
			    hp->v[rc->first].date, 10);
			r->last_changed = tl_strndup_shared(p,
			    hp->v[rc->last].date, 10);
			r->changed_without_date_update = rc->content >= 0 &&
			    after_own_date(hp->v[rc->content].date,
			    r->f[TL_LAST_UPDATE]);
		}
	}
}

static int
jobs_for(const struct tl_history_opts *o, size_t n)
{
	long jobs = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (jobs < 1)
		jobs = 1;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (long)n : 1;
	return (int)jobs;
}

/*
 * Read and compare the versions of one page (hp->v, listed), on `jobs`
 * readers: the calling thread's alone with one.
 */
static void
walk_page(struct tl_history_page *hp, const char *repo,
    const struct tl_history_opts *o, struct tl_diags *d)
{
	static const struct tl_load_opts dflt;
	struct run run;
	struct follow f;
	struct reader self;
	pthread_t threads[MAX_JOBS];
	int jobs = jobs_for(o, hp->n), started = 0, i;
	size_t k;

	memset(&run, 0, sizeof(run));
	run.hp = hp;
	run.repo = repo;
	run.load = o->load != NULL ? o->load : &dflt;
	run.max = run.load->max_input ? run.load->max_input :
	    TL_DEFAULT_MAX_INPUT;
	run.slots = xcalloc(hp->n + 1, sizeof(*run.slots));
	run.skip = xcalloc(hp->n + 1, 1);
	run.window = 2 * (size_t)jobs + 2;
	for (k = 0; k < hp->n; k++)
		run.skip[k] = hp->v[k].state != TL_VERSION_READ;

	memset(&f, 0, sizeof(f));
	f.hp = hp;
	f.o = o;
	f.last = -1;
	if (o->diff.key != NULL) {
		f.spec = *o->diff.key;	/* borrowed names: not freed */
	} else {
		tl_keyspec_default(&f.spec);
	}
	if (o->from_start)
		f.empty = tl_page_new("");

	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.cond, NULL);
	if (jobs > 1)
		for (i = 0; i < jobs; i++)
			if (pthread_create(&threads[started], NULL, worker,
			    &run) == 0)
				started++;
	if (started == 0)
		reader_init(&self, &run);
	for (k = 0; k < hp->n; k++) {
		if (started == 0) {
			read_version(&self, k);
		} else {
			pthread_mutex_lock(&run.lock);
			while (!run.slots[k].done)
				pthread_cond_wait(&run.cond, &run.lock);
			pthread_mutex_unlock(&run.lock);
		}
		compare(&f, k, &run.slots[k], d);
		tl_page_free(run.slots[k].page);
		tl_diags_free(&run.slots[k].diags);
		pthread_mutex_lock(&run.lock);
		run.consumed = k + 1;
		pthread_cond_broadcast(&run.cond);
		pthread_mutex_unlock(&run.lock);
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (started == 0)
		reader_free(&self);
	pthread_cond_destroy(&run.cond);
	pthread_mutex_destroy(&run.lock);

	mark_current(&f);
	if (f.last >= 0)
		hp->title = hp->v[f.last].page->title;
	/* The current version's own warnings, once; older versions' would
	 * repeat them, and a page that is gone has none. */
	if (hp->current != NULL)
		tl_diags_move(d, &f.warnings);
	tl_diags_free(&f.warnings);
	free_recs(f.recs, f.ntables);
	for (k = 0; k < f.nkeys; k++)
		free(f.keys[k]);
	free(f.keys);
	tl_map_free(&f.seen);
	if (o->diff.key == NULL)
		tl_keyspec_free(&f.spec);
	buf_free(&f.tmp);
	hp->empty = f.empty;	/* --from-start's changes point to it */
	free(run.slots);
	free(run.skip);
}

/* ---- dates in names ------------------------------------------------ */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Where a YYYY-MM-DD naming a real day starts in s[0..n), not inside a
 * longer run of digits; NULL when none does. */
static const char *
find_date(const char *s, size_t n)
{
	char d[11];
	int y, m, dd;
	size_t i;

	for (i = 0; i + 10 <= n; i++) {
		if ((i > 0 && is_digit(s[i - 1])) ||
		    (i + 10 < n && is_digit(s[i + 10])))
			continue;
		memcpy(d, s + i, 10);
		d[10] = '\0';
		if (tl_parse_ymd(d, &y, &m, &dd) == 0)
			return s + i;
	}
	return NULL;
}

int
tl_history_name_date(const char *path, char out[11])
{
	size_t end = strlen(path), start;
	const char *hit;

	while (end > 0) {
		while (end > 0 && path[end - 1] == '/')
			end--;
		start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		if ((hit = find_date(path + start, end - start)) != NULL) {
			memcpy(out, hit, 10);
			out[10] = '\0';
			return 0;
		}
		end = start;
	}
	return -1;
}

/*
 * What names a page read from files, for feed ids: the newest file's
 * absolute path with its dates taken out, so that the next version, in
 * a file named by its own date, keeps the ids.
 */
static char *
files_origin(const char *path)
{
	struct buf b = {0};
	char cwd[4096];
	const char *p, *hit;

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		buf_printf(&b, "%s/", cwd);
	for (p = path; (hit = find_date(p, strlen(p))) != NULL; p = hit + 10) {
		buf_put(&b, p, (size_t)(hit - p));
		buf_puts(&b, "DATE");
	}
	buf_puts(&b, p);
	return b.data;
}

/* ---- the histories ------------------------------------------------- */

static void
set_moment(struct tl_version *v, long long seconds, int offset)
{
	v->seconds = seconds;
	tl_moment_text(seconds, offset, v->date, v->time);
}

/* A version in the order it is compared. */
struct when {
	const struct tl_version	*v;
	size_t			 page, index;
};

/* Newest first; at the same second, pages as given, then later versions
 * first. */
static int
newest_first(const void *pa, const void *pb)
{
	const struct when *a = pa, *b = pb;

	if (a->v->seconds != b->v->seconds)
		return a->v->seconds > b->v->seconds ? -1 : 1;
	if (a->page != b->page)
		return a->page < b->page ? -1 : 1;
	return a->index > b->index ? -1 : a->index < b->index;
}

/* Every change of every page in one list, newest first. */
static void
merge_changes(struct tl_history *h)
{
	struct when *w;
	size_t nw = 0, n = 0, p, k, i;

	for (p = 0; p < h->npages; p++)
		nw += h->pages[p].n;
	w = xcalloc(nw + 1, sizeof(*w));
	nw = 0;
	for (p = 0; p < h->npages; p++)
		for (k = 0; k < h->pages[p].n; k++) {
			const struct tl_version *v = &h->pages[p].v[k];

			if (!v->has_page_change && v->diff.n == 0)
				continue;
			w[nw].v = v;
			w[nw].page = p;
			w[nw++].index = k;
			n += v->has_page_change + v->diff.n;
		}
	qsort(w, nw, sizeof(*w), newest_first);
	h->changes = xcalloc(n + 1, sizeof(*h->changes));
	for (i = 0; i < nw; i++) {
		const struct tl_version *v = w[i].v;

		for (k = 0; k < v->has_page_change + v->diff.n; k++) {
			struct tl_history_change *hc =
			    &h->changes[h->nchanges++];

			hc->c = k < (size_t)v->has_page_change ?
			    &v->page_change :
			    &v->diff.v[k - v->has_page_change];
			hc->v = v;
			hc->page = &h->pages[w[i].page];
		}
	}
	free(w);
}

/*
 * A page none of whose versions could be read has no history: an error
 * (a page whose only version in the range deletes it has none either,
 * rightly, and no error).
 */
static int
check_read(const struct tl_history_page *hp, const char *name,
    struct tl_diags *d)
{
	size_t k, skipped = 0;

	for (k = 0; k < hp->n; k++) {
		if (hp->v[k].state == TL_VERSION_READ)
			return 0;
		skipped += hp->v[k].state == TL_VERSION_SKIPPED;
	}
	if (skipped == 0)
		return 0;
	tl_diag_kind(d, TL_ERROR, TL_DK_READ, name, 0, "no version of the "
	    "page could be read");
	return -1;
}

/* A page's versions from the repository's log. */
static void
git_versions(struct tl_history_page *hp, const struct tl_git_versions *vs)
{
	size_t k;

	hp->n = vs->n;
	hp->v = xcalloc(vs->n + 1, sizeof(*hp->v));
	for (k = 0; k < vs->n; k++) {
		const struct tl_git_version *g = &vs->v[k];
		struct tl_version *v = &hp->v[k];

		v->commit = xstrdup(g->commit);
		v->path = xstrdup(g->path);
		v->renamed_from = g->old_path ? xstrdup(g->old_path) : NULL;
		memcpy(v->blob, g->blob, sizeof(v->blob));
		set_moment(v, g->time, g->offset);
		if (g->how == TL_GIT_DELETED)
			v->state = TL_VERSION_DELETED;
		else if (k > 0 && vs->v[k - 1].how != TL_GIT_DELETED &&
		    strcmp(vs->v[k - 1].blob, g->blob) == 0)
			v->state = TL_VERSION_SAME;
		else
			v->state = TL_VERSION_READ;
	}
}

int
tl_history_read_git(struct tl_history *h, const char *repo,
    const char *const *paths, size_t n, const struct tl_history_opts *o,
    struct tl_diags *d)
{
	struct tl_git_versions vs;
	struct tl_git *g;
	size_t i;
	int rc = 0;

	memset(h, 0, sizeof(*h));
	h->git = 1;
	if ((g = tl_git_open(repo, d)) == NULL)
		return -1;
	h->origin = xstrdup(tl_git_origin(g));
	h->pages = xcalloc(n + 1, sizeof(*h->pages));
	for (i = 0; i < n && rc == 0; i++) {
		struct tl_history_page *hp = &h->pages[h->npages];

		memset(&vs, 0, sizeof(vs));
		if (tl_git_file_log(g, paths[i], o->range, &vs, d) != 0) {
			rc = -1;
		} else if (vs.n == 0) {
			tl_diag_kind(d, TL_ERROR, TL_DK_READ, paths[i], 0, "no "
			    "commit %s%s touches this path", o->range ?
			    "in " : "in HEAD's history", o->range ? o->range :
			    "");
			rc = -1;
		} else {
			hp->name = xstrdup(paths[i]);
			git_versions(hp, &vs);
			h->npages++;
		}
		tl_git_versions_free(&vs);
	}
	tl_git_close(g);
	for (i = 0; i < h->npages && rc == 0; i++) {
		walk_page(&h->pages[i], repo, o, d);
		if (check_read(&h->pages[i], h->pages[i].name, d) != 0)
			rc = -1;
	}
	if (rc == 0)
		merge_changes(h);
	return rc;
}

int
tl_history_read_files(struct tl_history *h, const char *const *paths,
    const char *const *dates, size_t n, const struct tl_history_opts *o,
    struct tl_diags *d)
{
	struct tl_history_page *hp;
	char day[11];
	int y, m, dd;
	size_t k;

	memset(h, 0, sizeof(*h));
	if (n == 0)
		return 0;
	h->pages = hp = xcalloc(1, sizeof(*h->pages));
	h->npages = 1;
	hp->name = xstrdup(paths[n - 1]);
	h->origin = files_origin(paths[n - 1]);
	hp->v = xcalloc(n + 1, sizeof(*hp->v));
	hp->n = n;
	for (k = 0; k < n; k++) {
		struct tl_version *v = &hp->v[k];

		v->path = xstrdup(paths[k]);
		v->state = TL_VERSION_READ;
		if (dates != NULL) {
			if (tl_parse_ymd(dates[k], &y, &m, &dd) != 0) {
				tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0,
				    "'%s' is not a date YYYY-MM-DD", dates[k]);
				return -1;
			}
			memcpy(day, dates[k], 11);
		} else if (tl_history_name_date(paths[k], day) != 0) {
			tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, paths[k], 0, "no "
			    "date YYYY-MM-DD in its name (give every version's "
			    "date with --dates)");
			return -1;
		}
		tl_parse_ymd(day, &y, &m, &dd);
		set_moment(v, (long long)tl_days_from_civil(y, m, dd) * 86400, 0);
		if (k > 0 && v->seconds < hp->v[k - 1].seconds) {
			tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, paths[k], 0,
			    "dated %s, before the version given before it "
			    "(%s, %s): versions go oldest first", v->date,
			    hp->v[k - 1].path, hp->v[k - 1].date);
			return -1;
		}
	}
	walk_page(hp, NULL, o, d);
	if (check_read(hp, NULL, d) != 0)
		return -1;
	merge_changes(h);
	return 0;
}

void
tl_history_free(struct tl_history *h)
{
	size_t p, k;

	for (p = 0; p < h->npages; p++) {
		struct tl_history_page *hp = &h->pages[p];

		for (k = 0; k < hp->n; k++) {
			struct tl_version *v = &hp->v[k];

			tl_diff_free(&v->diff);
			if (v->owns_page)
				tl_page_free(v->page);
			free(v->commit);
			free(v->path);
			free(v->renamed_from);
		}
		free(hp->v);
		tl_page_free(hp->empty);
		free(hp->name);
	}
	free(h->pages);
	free(h->changes);
	free(h->origin);
	memset(h, 0, sizeof(*h));
}
