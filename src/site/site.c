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
/* realpath() is XSI in glibc's headers. */
#define _XOPEN_SOURCE 700

#include "site/site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/date.h"
#include "fetch/fetch.h"
#include "git/repo.h"
#include "model/changelog.h"
#include "read/read.h"
#include "site/sources.h"
#include "write/context.h"
#include "write/convert.h"
#include "base/output.h"
#include "write/render.h"
#include "site/manifest.h"
#include "site/permissions.h"
#include "site/since.h"
#include "site/site_context.h"
#include "site/site_git.h"
#include "site/site_history.h"
#include "base/map.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

struct site_page {
	char		*path;		/* as found under indir, or the URL */
	const char	*rel;		/* relative to indir; the URL */
	const struct tl_source *src;	/* a page of --sources, or NULL */
	struct tl_fetch_result fetched;	/* src: what its fetch gave */
	struct buf	 archived;	/* src: the archive's bytes, when */
	int		 have_archived;	/* the fetch failed and it has some */
	struct tl_page	*page;		/* NULL when it could not be read */
	int		 write_failed;
	size_t		 written;	/* its files written, in order */
	struct tl_diags	 diags;
	struct tl_write_opts opts;	/* the site's, with this page's links */
	struct tl_view	 view;		/* valid when page != NULL */
	/* --git: its history's changes; --archive: a fetched page's, from
	 * its versions in the archive (archive_path there). */
	json_t		*changes;
	char		*archive_path;
	/* The site history's records of this page (tl_site_history_by_page())
	 * and as its changelog.html and feed.xml show them (view.history). */
	json_t		*records, *history;
};

/*
 * A set of files by device and inode: the folders and pages the walk
 * has met, so that each is read once however many links lead to it.
 */
struct inode_key {
	dev_t	dev;
	ino_t	ino;
};

struct inode_set {
	struct inode_key *keys;
	size_t		  n, cap;
	struct tl_map	  index;	/* (dev, ino) -> its place in keys */
};

/* What tl_map_find() compares stored keys with. */
struct inode_probe {
	const struct inode_set	*set;
	struct inode_key	 key;
};

static int
inode_same(const void *ctx, size_t val)
{
	const struct inode_probe *p = ctx;

	return p->set->keys[val].dev == p->key.dev &&
	    p->set->keys[val].ino == p->key.ino;
}

static uint64_t
inode_probe(struct inode_probe *p, const struct inode_set *set,
    const struct stat *st)
{
	p->set = set;
	p->key.dev = st->st_dev;
	p->key.ino = st->st_ino;
	return tl_hash_bytes(tl_hash_bytes(TL_HASH_INIT, &p->key.dev,
	    sizeof(p->key.dev)), &p->key.ino, sizeof(p->key.ino));
}

static int
inode_set_has(const struct inode_set *set, const struct stat *st)
{
	struct inode_probe p;
	uint64_t h = inode_probe(&p, set, st);

	return tl_map_find(&set->index, h, inode_same, &p, NULL);
}

/* Add st's file; 0 when it was there already. */
static int
inode_set_add(struct inode_set *set, const struct stat *st)
{
	struct inode_probe p;
	uint64_t h = inode_probe(&p, set, st);
	size_t i = set->n;

	if (tl_map_find_add(&set->index, h, inode_same, &p, &i))
		return 0;
	set->keys = xgrow(set->keys, &set->cap, set->n + 1,
	    sizeof(*set->keys));
	set->keys[set->n++] = p.key;
	return 1;
}

static void
inode_set_free(struct inode_set *set)
{
	free(set->keys);
	tl_map_free(&set->index);
	memset(set, 0, sizeof(*set));
}

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
	struct tl_sources sources;	/* --sources */
	struct tl_site_history hist;	/* history.json (site_history.h) */
	/* --since: what this build found against PREV (record_history()) */
	struct tl_since_changes detected;
	struct buf	 feed_key;	/* the feed's ids without --base-url */
	char		*origin;	/* --git: the repository's name */
	struct tl_perm_index perms;	/* the permissions across pages */
	/* What the previous build wrote (its manifest), and this one. */
	struct tl_manifest old, now;
	int		 outfd;		/* OUTDIR, once checked and made */
	size_t		 rel_at;	/* where paths under indir go on */
	/* What the walk read: never written to (see check_outputs()). */
	struct inode_set folders, files;
};

/* ---- finding pages ------------------------------------------------- */

int
tl_site_page_name(const char *name)
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

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct walk {
	struct site	*site;
	struct tl_diags	*d;
	dev_t		 out_dev;	/* the output folder, never read */
	ino_t		 out_ino;
	int		 have_out;
	size_t		 depth;		/* folders open above this one */
};

/* The names in folder `dir` but hidden ones, sorted (so which path
 * reaches a folder or file first never depends on the file system). */
static char **
folder_names(struct walk *w, const char *dir, size_t *n)
{
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;
	DIR *dp;

	*n = 0;
	if ((dp = opendir(dir)) == NULL) {
		tl_diag_kind(w->d, TL_ERROR, TL_DK_READ,
		    dir, 0, "cannot read folder: %s",
		    strerror(errno));
		return NULL;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;	/* hidden files, . and .. */
		names = xgrow(names, &cap, *n + 1, sizeof(*names));
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

static void
add_page(struct site *s, const char *path)
{
	s->pages = xgrow(s->pages, &s->cap, s->n + 1, sizeof(*s->pages));
	memset(&s->pages[s->n], 0, sizeof(s->pages[s->n]));
	s->pages[s->n].path = xstrdup(path);
	s->pages[s->n].rel = s->pages[s->n].path + s->rel_at;
	s->n++;
}

/*
 * Read folder `dir` (st: its status) and those below it.  Every real
 * folder is read once and every page file is one page, however many
 * links lead to them (with --follow-links a chain of folders each linking
 * twice to the next would otherwise be read 2^depth times).
 */
static void
walk_folder(struct walk *w, const char *dir, const struct stat *dst)
{
	struct site *s = w->site;
	struct stat st;
	struct buf path = {0};
	char **names;
	size_t i, n, dirlen = strlen(dir);

	if (w->have_out && dst->st_dev == w->out_dev &&
	    dst->st_ino == w->out_ino)
		return;
	if (!inode_set_add(&s->folders, dst))
		return;		/* read already, by another path */
	if (w->depth == 64) {
		tl_diag_kind(w->d, TL_WARNING, TL_DK_SKIPPED_PATH,
		    dir, 0, "folders nested too deep; "
		    "not read");
		return;
	}
	if ((names = folder_names(w, dir, &n)) == NULL)
		return;
	w->depth++;
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		buf_reset(&path);
		tl_path_join(&path, dir, names[i]);
		if (len > NAME_MAX || dirlen + 1 + len >= PATH_MAX) {
			tl_diag_kind(w->d, TL_WARNING, TL_DK_SKIPPED_PATH,
			    path.data, 0, "%s longer than "
			    "%s (%d bytes); not read", len > NAME_MAX ? "name" :
			    "path", len > NAME_MAX ? "NAME_MAX" : "PATH_MAX",
			    len > NAME_MAX ? NAME_MAX : PATH_MAX);
			continue;
		}
		if (lstat(path.data, &st) != 0) {
			if (errno != ENOENT)	/* gone since: nothing to say */
				tl_diag_kind(w->d, TL_WARNING, TL_DK_SKIPPED_PATH,
				    path.data, 0,
				    "cannot read: %s; not read",
				    strerror(errno));
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			if (!s->o->follow_links || stat(path.data, &st) != 0)
				continue;
		}
		if (S_ISDIR(st.st_mode))
			walk_folder(w, path.data, &st);
		else if (S_ISREG(st.st_mode) && tl_site_page_name(names[i]) &&
		    inode_set_add(&s->files, &st))
			add_page(s, path.data);
	}
	w->depth--;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
}

static int
find_pages(struct site *s, struct tl_diags *d)
{
	struct walk w;
	struct stat st, out;
	size_t len = strlen(s->o->indir);
	char *indir = xstrdup(s->o->indir);
	int rc = 0;

	memset(&w, 0, sizeof(w));
	w.site = s;
	w.d = d;
	while (len > 1 && indir[len - 1] == '/')
		indir[--len] = '\0';
	s->rel_at = len + (len > 0 && indir[len - 1] != '/');
	if (stat(indir, &st) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ,
		    s->o->indir, 0, "cannot read folder: %s",
		    strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(st.st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ,
		    s->o->indir, 0, "not a folder");
		rc = -1;
	} else if (stat(s->o->outdir, &out) == 0) {
		/* Skipped below INDIR; INDIR itself would be overwritten. */
		if (out.st_dev == st.st_dev && out.st_ino == st.st_ino) {
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
			    s->o->outdir, 0, "the output "
			    "folder is the input folder; give build another "
			    "(-o OUTDIR)");
			rc = -1;
		}
		w.out_dev = out.st_dev;
		w.out_ino = out.st_ino;
		w.have_out = 1;
	}
	if (rc == 0)
		walk_folder(&w, indir, &st);
	free(indir);
	if (s->n > 1)
		qsort(s->pages, s->n, sizeof(*s->pages), compare_paths);
	return rc;
}

/* ---- pages from the web (--sources) -------------------------------- */

/* Each source is a page after those found under indir, in FILE's order;
 * its URL is its path, what --since knows it by. */
static void
add_sources(struct site *s)
{
	size_t i;

	for (i = 0; i < s->sources.n; i++) {
		add_page(s, s->sources.v[i].url);
		s->pages[s->n - 1].rel = s->pages[s->n - 1].path;
		s->pages[s->n - 1].src = &s->sources.v[i];
	}
}

/*
 * Fetch the sources, pages[first..n), all at once through one client, so
 * that the per-host limit and delay hold across them.  Each diagnostic
 * about a source goes to its page, to be said with it in input order;
 * the others (a cache that cannot be opened) to d.  -1 when no client
 * could be made (a cacert that cannot be read): nothing was fetched.
 */
static int
fetch_sources(struct site *s, size_t first, struct tl_diags *d)
{
	const struct tl_build_opts *o = s->o;
	size_t n = s->n - first, i, k;
	struct tl_fetch_result *res;
	struct tl_fetch_opts fo;
	struct tl_diags fd = {0};
	struct tl_map byurl = {0};
	struct tl_fetch *f;
	const char **urls;

	if (n == 0)
		return 0;
	tl_load_fetch_opts(&o->load, &fo);
	fo.per_host = o->per_host;
	fo.host_delay = o->delay;
	fo.temps = o->write.temps;
	if ((f = tl_fetch_new(&fo, d)) == NULL)
		return -1;
	urls = xcalloc(n, sizeof(*urls));
	res = xcalloc(n, sizeof(*res));
	for (i = 0; i < n; i++) {
		urls[i] = s->pages[first + i].path;
		tl_map_put(&byurl, urls[i], first + i);
	}
	tl_fetch_urls(f, urls, n, res, &fd);
	for (i = 0; i < fd.n; i++) {
		const struct tl_diag *dg = &fd.v[i];

		tl_diag_kind(dg->file != NULL && tl_map_get(&byurl, dg->file,
		    &k) ? &s->pages[k].diags : d, dg->severity, dg->kind,
		    dg->file, dg->line, "%s", dg->message);
	}
	for (i = 0; i < n; i++)
		s->pages[first + i].fetched = res[i];
	tl_diags_free(&fd);
	tl_map_free(&byurl);
	free(res);
	free(urls);
	tl_fetch_free(f);
	return 0;
}

/* The commit message: the URL, then what the server said of the bytes. */
static void
archive_message(struct buf *m, const char *url,
    const struct tl_fetch_result *r)
{
	buf_printf(m, "%s\n\n", url);
	if (r->final_url != NULL && strcmp(r->final_url, url) != 0)
		buf_printf(m, "Final-URL: %s\n", r->final_url);
	if (r->etag != NULL)
		buf_printf(m, "ETag: %s\n", r->etag);
	if (r->date != NULL)
		buf_printf(m, "Date: %s\n", r->date);
	if (r->last_modified != NULL)
		buf_printf(m, "Last-Modified: %s\n", r->last_modified);
	if (r->content_type != NULL)
		buf_printf(m, "Content-Type: %s\n", r->content_type);
}

/* A fetched source's bytes into the archive, when they changed. */
static void
archive_page(struct site *s, struct tl_repo *repo, struct site_page *p)
{
	const struct tl_fetch_result *r = &p->fetched;
	const struct tl_input_format *fmt = s->o->load.from != NULL ?
	    s->o->load.from : tl_input_detect(r->body, r->len);
	const char *ext = tl_archive_ext(r->content_type, fmt->name);
	struct buf path = {0}, other = {0}, msg = {0};
	struct tl_repo_file f;

	buf_printf(&path, "%s%s", p->src->archive, ext);
	buf_printf(&other, "%s%s", p->src->archive,
	    strcmp(ext, ".html") == 0 ? ".md" : ".html");
	archive_message(&msg, p->src->url, r);
	memset(&f, 0, sizeof(f));
	f.path = path.data;
	f.bytes = r->body;
	f.len = r->len;
	f.when = r->fetched;
	f.message = msg.data;
	f.replaces = other.data;
	tl_repo_commit_file(repo, &f, &p->diags);
	p->archive_path = xstrdup(path.data);
	buf_free(&path);
	buf_free(&other);
	buf_free(&msg);
}

/* A source that could not be fetched: the archive's version, if any. */
static void
archive_fallback(struct site *s, struct tl_repo *repo, struct site_page *p)
{
	static const char *const exts[] = { ".html", ".md" };
	struct buf path = {0};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]) && rc == 0; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s%s", p->src->archive, exts[i]);
		rc = tl_repo_read_file(repo, path.data, &p->archived,
		    &p->diags);
	}
	if (rc == 1) {
		p->have_archived = 1;
		p->archive_path = xstrdup(path.data);
		tl_diag_kind(&p->diags, TL_WARNING, TL_DK_ARCHIVED, p->path, 0,
		    "built from its last archived version (%s in %s)",
		    path.data, s->o->archive);
	}
	buf_free(&path);
}

/*
 * --archive: commit each source fetched whose bytes changed, in input
 * order, and read back the last version of each source whose fetch
 * failed.  An archive that cannot be opened is an error, and the build
 * goes on without it.
 */
static void
archive_sources(struct site *s, size_t first, struct tl_diags *d)
{
	struct tl_repo *repo;
	size_t i;

	if (s->o->archive == NULL || first == s->n ||
	    (repo = tl_repo_open(s->o->archive, 1, d)) == NULL)
		return;
	for (i = first; i < s->n; i++) {
		if (s->pages[i].fetched.ok)
			archive_page(s, repo, &s->pages[i]);
		else
			archive_fallback(s, repo, &s->pages[i]);
	}
	tl_repo_close(repo);
}

/*
 * Before anything is written: nothing tablog would write may be, or be
 * reached through, something it did not make.  A file in the way of one
 * of the site's files may not be an input page, a symbolic link or
 * anything but a regular file, and a page's folder (or a permission
 * page's) may not be a folder the walk read (INDIR inside OUTDIR).  Each
 * problem is one error.
 */
static const char *const site_files[] = {
	"index.html", "changelog.md", "changelog.html", "feed.xml",
	"all.csv", "all.xlsx", "all.json",
};
static const char *const history_files[] = { "history.json" };
static const char *const page_files[] = {
	"index.html", "table.md", "table.csv", "table.json", "changelog.md",
	"changelog.html", "feed.xml",
};
/* The one file of the permission index's folder and of each permission's. */
static const char *const permission_files[] = { "index.html" };
static const char *const manifest_files[] = { TL_MANIFEST_NAME };

static int
check_files(const struct site *s, int dirfd, const char *dir,
    const char *const *files, size_t n, struct tl_diags *d)
{
	struct buf path = {0};
	struct stat st;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		const char *why = NULL;

		if (fstatat(dirfd, files[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;	/* nothing there (or tl_outfile says) */
		if (S_ISLNK(st.st_mode))
			why = "is a symbolic link; tablog writes no file "
			    "through a link in a folder it writes to";
		else if (!S_ISREG(st.st_mode))
			why = "is not a regular file; not replaced";
		else if (inode_set_has(&s->files, &st))
			why = "is an input page; the build would overwrite it";
		if (why == NULL)
			continue;
		buf_reset(&path);
		tl_path_join(&path, dir, files[i]);
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, path.data, 0, "%s", why);
		rc = -1;
	}
	buf_free(&path);
	return rc;
}

/*
 * The folder `name` in dirfd (shown as `dir`), if it is there: a real
 * folder the walk did not read, whose `files` are checked in turn.  With
 * subfd, the folder is left open there for the caller (-1 when it is
 * not there or not usable).
 */
static int
check_folder(const struct site *s, int dirfd, const char *name,
    const char *dir, const char *const *files, size_t nfiles, int *subfd,
    struct tl_diags *d)
{
	struct stat st;
	int fd, rc = 0;

	if (subfd != NULL)
		*subfd = -1;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, dir, 0, "is a symbolic "
		    "link; tablog writes no file through a link in a folder "
		    "it writes to");
		rc = -1;
	} else if (!S_ISDIR(st.st_mode)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, dir, 0, "not a folder");
		rc = -1;
	} else if (inode_set_has(&s->folders, &st)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, dir, 0, "is a folder of "
		    "the input; the build would write its pages into it");
		rc = -1;
	} else if ((fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (check_files(s, fd, dir, files, nfiles, d) != 0)
			rc = -1;
		if (subfd != NULL)
			*subfd = fd;
		else
			close(fd);
	}
	return rc;
}

static int
check_outputs(const struct site *s, struct tl_diags *d)
{
	struct buf dir = {0}, sub = {0};
	size_t i;
	int outfd, permfd, rc;

	if ((outfd = open(s->o->outdir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		return 0;	/* to be made (or tl_mkdirs says why not) */
	rc = check_files(s, outfd, s->o->outdir, site_files,
	    sizeof(site_files) / sizeof(site_files[0]), d);
	if (check_files(s, outfd, s->o->outdir, history_files, 1, d) != 0 ||
	    check_files(s, outfd, s->o->outdir, manifest_files, 1, d) != 0)
		rc = -1;
	for (i = 0; i < s->n; i++) {
		const char *slug;

		if (s->pages[i].page == NULL)
			continue;
		slug = s->pages[i].page->slug;
		buf_reset(&dir);
		tl_path_join(&dir, s->o->outdir, slug);
		if (check_folder(s, outfd, slug, buf_str(&dir), page_files,
		    sizeof(page_files) / sizeof(page_files[0]), NULL, d) != 0)
			rc = -1;
	}
	buf_reset(&dir);
	tl_path_join(&dir, s->o->outdir, TL_PERMISSIONS_DIR);
	if (check_folder(s, outfd, TL_PERMISSIONS_DIR, buf_str(&dir),
	    permission_files, 1, &permfd, d) != 0)
		rc = -1;
	for (i = 0; permfd >= 0 && i < s->perms.n; i++) {
		buf_reset(&sub);
		tl_path_join(&sub, buf_str(&dir), s->perms.v[i].ref.slug);
		if (check_folder(s, permfd, s->perms.v[i].ref.slug,
		    buf_str(&sub), permission_files, 1, NULL, d) != 0)
			rc = -1;
	}
	if (permfd >= 0)
		close(permfd);
	close(outfd);
	buf_free(&dir);
	buf_free(&sub);
	return rc;
}

/* ---- the thread pool ----------------------------------------------- */

/* A thread's templates: the build's, strict or not. */
static struct tl_renderer *
site_renderer(const struct tl_build_opts *o)
{
	struct tl_renderer *r = tl_renderer_new(o->templates_dir);

	tl_renderer_set_strict(r, o->strict_templates);
	return r;
}

static void *
worker(void *arg)
{
	struct site *s = arg;
	struct tl_loader *loader = tl_loader_new(&s->o->load);
	struct tl_renderer *renderer = site_renderer(s->o);
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

/* A source's page, from its fetch or the archive; its bytes let go. */
static void
load_source(struct site_page *p, struct tl_loader *loader)
{
	struct tl_load_meta meta;

	if (p->fetched.ok) {
		p->page = tl_load_fetched(loader, p->path, &p->fetched,
		    &p->diags);
	} else if (p->have_archived) {
		/* The archive keeps the bytes, not the Content-Type. */
		meta.charset = NULL;
		meta.url = p->path;
		p->page = tl_load_bytes(loader, p->path, buf_str(&p->archived),
		    p->archived.len, &meta, &p->diags);
	}
	tl_fetch_result_free(&p->fetched);
	buf_free(&p->archived);
	if (p->page != NULL && p->src->slug != NULL)
		p->page->slug = tl_strdup(p->page, p->src->slug);
}

static void
step_load(struct site *s, struct site_page *p, struct tl_loader *loader,
    struct tl_renderer *renderer)
{
	(void)renderer;
	if (p->src != NULL) {
		load_source(p, loader);
		/* Its history is its versions in the archive. */
		if (p->page != NULL && p->archive_path != NULL)
			p->changes = tl_site_archive_changes(s->o,
			    p->archive_path, p->rel, &p->diags);
	} else if (s->o->git != NULL)
		p->page = tl_site_git_page(s->o, p->path, &p->changes,
		    &p->diags);
	else
		p->page = tl_load_found_page(loader, p->path,
		    s->o->follow_links, &p->diags);
	if (p->page == NULL)
		return;
	p->opts = s->o->write;
	p->opts.index_link = "../index.html";
	p->opts.changelog_link = NULL;	/* the page's own */
	p->opts.site_root = "../";
	/* No path of the build machine in the site: the page's path under
	 * INDIR, or its URL. */
	p->opts.source = p->rel;
	p->opts.fragment = 0;
	tl_view_init(&p->view, p->page, &p->opts);
}

/* The format of each of page_files[]. */
static const char *const page_formats[] = {
	"html", "md", "csv", "json", "changelog", "changelog-html",
};
/* The last of page_files[], the page's feed, is made with the site's
 * (write_page_feeds()). */

/* A page's folder, made and written through OUTDIR's descriptor. */
static void
step_write(struct site *s, struct site_page *p, struct tl_loader *loader,
    struct tl_renderer *renderer)
{
	struct buf dir = {0}, path = {0};
	size_t i;
	int fd;

	(void)loader;
	if (p->page == NULL)
		return;
	tl_path_join(&dir, s->o->outdir, p->page->slug);
	if ((fd = tl_subdir_open(s->outfd, p->page->slug, dir.data,
	    &p->diags)) < 0) {
		p->write_failed = 1;
		goto out;
	}
	for (i = 0; i < sizeof(page_formats) / sizeof(page_formats[0]); i++) {
		const struct tl_output_format *f = tl_output_format(
		    page_formats[i]);

		buf_reset(&path);
		tl_path_join(&path, dir.data, page_files[i]);
		if (tl_convert_fileat(&p->view, renderer, f, fd,
		    page_files[i], path.data, &p->diags) != 0) {
			p->write_failed = 1;
			break;
		}
		p->written++;
	}
	close(fd);
out:
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
	struct tl_map taken = {0}, next = {0};
	struct buf slug = {0};
	size_t i, k;

	/* The permission pages' folder is the site's; a slug --sources
	 * gives is the page's own (sources.c refuses the folder's name):
	 * both taken first. */
	tl_map_put(&taken, TL_PERMISSIONS_DIR, s->n);
	for (i = 0; i < s->n; i++)
		if (s->pages[i].page != NULL && s->pages[i].src != NULL &&
		    s->pages[i].src->slug != NULL)
			tl_map_put(&taken, s->pages[i].page->slug, i);
	for (i = 0; i < s->n; i++) {
		struct tl_page *page = s->pages[i].page;
		const char *base;

		if (page == NULL || (s->pages[i].src != NULL &&
		    s->pages[i].src->slug != NULL))
			continue;
		base = page->slug;
		if (!tl_map_get(&next, base, &k))
			k = 1;
		for (;; k++) {
			buf_reset(&slug);
			if (k == 1)
				buf_puts(&slug, base);
			else
				buf_printf(&slug, "%s-%zu", base, k);
			if (!tl_map_get(&taken, slug.data, NULL))
				break;
		}
		if (k > 1)
			page->slug = tl_strdup(page, slug.data);
		/* Keys are borrowed: both live in the page's arena. */
		tl_map_put(&next, base, k + 1);
		tl_map_put(&taken, page->slug, i);
	}
	tl_map_free(&taken);
	tl_map_free(&next);
	buf_free(&slug);
}

/* ---- combined files ------------------------------------------------ */

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
		json_object_set_new(pj, "source", tl_json_text(p->rel));
		json_object_set_new(pj, "lang", json_string(p->view.lang));
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

/*
 * "Detected changes" (since.h): every page against its previous version,
 * then the pages that are new and those that are gone, dated the build's
 * --date; meta holds what the site adds (label, feed id).  Nothing
 * without --since.
 */
static void
detect_changes(struct tl_since_changes *out, const struct site *s)
{
	const struct tl_page **pages;
	const char **paths;
	struct tl_diff_opts dopts;
	struct tl_aliases *aliases;
	json_t *det;
	struct buf b = {0};
	struct tl_date day;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (s->o->since == NULL)
		return;
	pages = xcalloc(s->n + 1, sizeof(*pages));
	paths = xcalloc(s->n + 1, sizeof(*paths));
	for (i = 0; i < s->n; i++) {
		pages[i] = s->pages[i].page;
		paths[i] = s->pages[i].rel;
	}
	aliases = tl_aliases_new();
	memset(&dopts, 0, sizeof(dopts));
	dopts.aliases = aliases;
	tl_since_detect(out, &s->prev, pages, paths, s->n, &dopts,
	    s->o->detected_date);
	/* The diffs keep no pointer to the options. */
	tl_aliases_free(aliases);
	free(pages);
	free(paths);

	det = json_object();
	/* --date was checked when given; today's date is always one. */
	if (tl_parse_iso_date(s->o->detected_date, &day) != 0)
		memset(&day, 0, sizeof(day));
	json_object_set_new(det, "date", json_string(s->o->detected_date));
	tl_date_label(&b, &day);
	json_object_set_new(det, "label", json_string(b.data));
	buf_reset(&b);
	buf_printf(&b, "%sT00:00:00Z", s->o->detected_date);
	json_object_set_new(det, "updated", json_string(b.data));
	buf_reset(&b);
	tl_feed_base(&b, s->o->write.base_url, buf_str(&s->feed_key));
	if (s->o->write.base_url != NULL && *s->o->write.base_url != '\0')
		buf_printf(&b, "changelog.html#detected-%s",
		    s->o->detected_date);
	else
		buf_printf(&b, "/detected/%s", s->o->detected_date);
	json_object_set_new(det, "id", json_string(b.data));
	out->meta = det;
	buf_free(&b);
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
		/* What --since matches pages by (slugs depend on which other
		 * pages there are). */
		json_object_set_new(pj, "path", tl_json_text(s->pages[i].rel));
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
			/* A cut table's rows past the cut are unknown to
			 * the next build's --since too. */
			if (tab->cut > 0)
				json_object_set_new(tj, "cut",
				    json_integer(tab->cut));
			json_array_append_new(tables, tj);
		}
		json_object_set_new(pj, "tables", tables);
	}
	return pages;
}

static int
write_all_csv(const struct site *s, FILE *fp, int flags, int bom)
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
			tl_csv_rows(&b, fp, s->pages[i].page, &cols, 1, flags);
	buf_spill(&b, fp, 0);
	buf_free(&b);
	tl_csv_columns_free(&cols);
	return ferror(fp) ? -1 : 0;
}

/* One combined file, through a template or a function, atomically. */
static int
write_site_file(const struct site *s, struct tl_renderer *renderer,
    const struct tl_site_context *ctx, const char *file, const char *template,
    struct tl_diags *d)
{
	struct tl_outfile out;
	struct buf path = {0};
	struct tl_value v;
	int rc;

	tl_path_join(&path, s->o->outdir, file);
	rc = tl_outfile_openat(&out, s->outfd, file, path.data,
	    s->o->write.temps, d);
	buf_free(&path);
	if (rc != 0)
		return -1;
	if (template != NULL) {
		v = tl_site_value(ctx);
		rc = tl_render(renderer, template, &v, out.fp, d);
	} else if (strcmp(file, "all.csv") == 0) {
		rc = write_all_csv(s, out.fp,
		    (s->o->write.csv_raw ? TL_CSV_RAW : 0) |
		    (s->o->write.csv_markdown ? TL_CSV_MARKDOWN : 0),
		    s->o->write.csv_bom);
	} else if (strcmp(file, "all.xlsx") == 0) {
		rc = tl_write_xlsx_site(ctx->views, ctx->nviews, ctx->title,
		    out.fp, d);
	} else {
		v = tl_site_all_value(ctx);
		rc = tl_write_value(&v, out.fp);
	}
	if (rc != 0) {
		if (ferror(out.fp))
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE,
			    out.path, 0, "cannot write file: %s",
			    strerror(errno ? errno : EIO));
		tl_outfile_abort(&out);
		return -1;
	}
	return tl_outfile_commit(&out, d);
}

static void
git_records(struct site *s)
{
	const struct tl_page **pages = xcalloc(s->n + 1, sizeof(*pages));
	const char **paths = xcalloc(s->n + 1, sizeof(*paths));
	json_t **changes = xcalloc(s->n + 1, sizeof(*changes));
	size_t i;

	for (i = 0; i < s->n; i++) {
		pages[i] = s->pages[i].page;
		paths[i] = s->pages[i].rel;
		changes[i] = s->pages[i].changes;
	}
	tl_site_git_records(&s->hist, s->origin, pages, paths, changes, s->n);
	free(pages);
	free(paths);
	free(changes);
}

static int
is_fetched_page(const char *page, void *ctx)
{
	const struct site *s = ctx;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pages[i].src != NULL && strcmp(s->pages[i].rel, page) == 0)
			return 1;
	return 0;
}

/*
 * --archive: the fetched pages' history is their versions in the archive
 * (one record per day, made again each build, as --git makes them); the
 * records of earlier builds keep what they detected of the other pages
 * (INDIR's), and the site shows both, by date.
 */
static void
archive_records(struct site *s)
{
	json_t *local = tl_site_history_take_builds(&s->hist, is_fetched_page,
	    s);
	const struct tl_page **pages = xcalloc(s->n + 1, sizeof(*pages));
	const char **paths = xcalloc(s->n + 1, sizeof(*paths));
	json_t **changes = xcalloc(s->n + 1, sizeof(*changes));
	size_t i, n = 0;

	for (i = 0; i < s->n; i++) {
		if (s->pages[i].changes == NULL)
			continue;
		pages[n] = s->pages[i].page;
		paths[n] = s->pages[i].rel;
		changes[n++] = s->pages[i].changes;
	}
	tl_site_git_records(&s->hist, s->o->archive, pages, paths, changes,
	    n);
	tl_site_history_add_builds(&s->hist, local);
	free(pages);
	free(paths);
	free(changes);
}

/* The combined files' objects: the pages built, and what they share
 * (detected: the changes since PREV, which the context borrows). */
static void
site_context_init(struct tl_site_context *ctx, struct site *s,
    const struct tl_view **views)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->pages[i].page != NULL)
			views[n++] = &s->pages[i].view;
	memset(ctx, 0, sizeof(*ctx));
	ctx->title = s->o->title ? s->o->title : "Permissions";
	ctx->date = s->o->date;
	ctx->base_url = s->o->write.base_url;
	ctx->feed_key = buf_str(&s->feed_key);
	/* The feed is dated by its newest entry: the history's records
	 * date the detected changes (tl_site_history_show()). */
	tl_site_context_init(ctx, views, n, s->o->write.oldest_first, NULL);
	ctx->pages = site_pages_json(s);
	ctx->all_pages = all_pages_json(s);
	ctx->perms = &s->perms;
	ctx->detected = s->o->since != NULL ? &s->detected : NULL;
	tl_site_history_show(&s->hist, ctx, s->o->detected_date,
	    s->o->write.oldest_first);
}

/*
 * Before any page is written: what this build detects (--since), joined
 * to what earlier ones did, or a repository's history (--git, and the
 * fetched pages' --archive), whole; then each page's share of it, for its
 * changelog.html and feed.xml.
 */
static void
record_history(struct site *s)
{
	const char **paths = xcalloc(s->n + 1, sizeof(*paths));
	json_t **records = xcalloc(s->n + 1, sizeof(*records));
	struct tl_site_context scope;
	struct buf base = {0};
	const char *newest;
	size_t i;

	detect_changes(&s->detected, s);
	if (s->o->git != NULL) {
		git_records(s);
	} else {
		if (s->o->since != NULL)
			tl_site_history_add(&s->hist, s->o->detected_date,
			    s->o->indir, &s->detected);
		if (s->o->archive != NULL)
			archive_records(s);
	}
	for (i = 0; i < s->n; i++)
		paths[i] = s->pages[i].page != NULL ? s->pages[i].rel : NULL;
	tl_site_history_by_page(&s->hist, paths, s->n, records);
	memset(&scope, 0, sizeof(scope));
	scope.base_url = s->o->write.base_url;
	scope.feed_key = buf_str(&s->feed_key);
	for (i = 0; i < s->n; i++) {
		struct site_page *p = &s->pages[i];

		p->records = records[i];
		if (p->page == NULL || json_array_size(p->records) == 0)
			continue;
		/* Ids as the page's own feed gives them. */
		scope.scope = p->page->slug;
		buf_reset(&base);
		tl_site_feed_base(&base, &scope);
		p->history = tl_site_history_list(p->records, buf_str(&base),
		    scope.base_url != NULL && *scope.base_url != '\0',
		    s->o->write.oldest_first, &newest);
		p->view.history = p->history;
	}
	buf_free(&base);
	free(paths);
	free(records);
}

/* A page of the permission index's folder (dirfd), through a template. */
static int
write_rendered(const struct site *s, struct tl_renderer *renderer,
    int dirfd, const char *name, const char *shown, const char *template,
    const struct tl_value *v, struct tl_diags *d)
{
	struct tl_outfile out;

	if (tl_outfile_openat(&out, dirfd, name, shown, s->o->write.temps,
	    d) != 0)
		return -1;
	if (tl_render(renderer, template, v, out.fp, d) != 0) {
		if (ferror(out.fp))
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, out.path, 0,
			    "cannot write file: %s",
			    strerror(errno ? errno : EIO));
		tl_outfile_abort(&out);
		return -1;
	}
	return tl_outfile_commit(&out, d);
}

/*
 * OUTDIR/permissions/index.html, and OUTDIR/permissions/SLUG/index.html
 * for each permission (permissions.h); each written file and folder
 * listed in the manifest.
 */
static int
write_permissions(struct site *s, struct tl_renderer *renderer,
    const struct tl_site_context *ctx, struct tl_diags *d)
{
	struct buf dir = {0}, shown = {0}, rel = {0};
	struct tl_value v;
	size_t i;
	int permfd, fd, rc = 0;

	tl_path_join(&dir, s->o->outdir, TL_PERMISSIONS_DIR);
	if ((permfd = tl_subdir_open(s->outfd, TL_PERMISSIONS_DIR,
	    buf_str(&dir), d)) < 0) {
		buf_free(&dir);
		return -1;
	}
	tl_manifest_add(&s->now, s->outfd, TL_PERMISSIONS_DIR, 1);
	tl_path_join(&shown, buf_str(&dir), "index.html");
	v = tl_site_value(ctx);
	rc = write_rendered(s, renderer, permfd, "index.html",
	    buf_str(&shown), "permissions.html", &v, d);
	if (rc == 0)
		tl_manifest_add(&s->now, s->outfd,
		    TL_PERMISSIONS_DIR "/index.html", 0);
	for (i = 0; i < s->perms.n && rc == 0; i++) {
		const char *slug = s->perms.v[i].ref.slug;

		buf_reset(&shown);
		tl_path_join(&shown, buf_str(&dir), slug);
		if ((fd = tl_subdir_open(permfd, slug, buf_str(&shown),
		    d)) < 0) {
			rc = -1;
			break;
		}
		buf_reset(&rel);
		buf_printf(&rel, "%s/%s", TL_PERMISSIONS_DIR, slug);
		tl_manifest_add(&s->now, s->outfd, buf_str(&rel), 1);
		buf_puts(&shown, "/index.html");
		v = tl_site_permission_value(ctx, i);
		rc = write_rendered(s, renderer, fd, "index.html",
		    buf_str(&shown), "permission.html", &v, d);
		if (rc == 0) {
			buf_puts(&rel, "/index.html");
			tl_manifest_add(&s->now, s->outfd, buf_str(&rel), 0);
		}
		close(fd);
	}
	close(permfd);
	buf_free(&dir);
	buf_free(&shown);
	buf_free(&rel);
	return rc;
}

/*
 * Each page's own feed.xml: the site's feed (site-feed.xml, the same
 * writer and template) of a site of that one page, so it is the site's
 * changes filtered to the page, with the page's title, ids and links.
 */
static int
write_page_feeds(struct site *s, struct tl_renderer *renderer,
    struct tl_diags *d)
{
	struct buf dir = {0}, shown = {0}, rel = {0};
	struct tl_site_context pc;
	struct tl_value v;
	size_t i;
	int fd, rc = 0;

	for (i = 0; i < s->n && rc == 0; i++) {
		struct site_page *p = &s->pages[i];
		const struct tl_view *view = &p->view;

		if (p->page == NULL || p->write_failed)
			continue;
		buf_reset(&dir);
		tl_path_join(&dir, s->o->outdir, p->page->slug);
		if ((fd = tl_subdir_open(s->outfd, p->page->slug,
		    buf_str(&dir), d)) < 0) {
			rc = -1;
			break;
		}
		memset(&pc, 0, sizeof(pc));
		pc.title = p->page->title != NULL ? p->page->title :
		    p->page->slug;
		pc.date = s->o->date;
		pc.base_url = s->o->write.base_url;
		pc.scope = p->page->slug;
		pc.feed_key = buf_str(&s->feed_key);
		tl_site_context_init(&pc, &view, 1, s->o->write.oldest_first,
		    NULL);
		/* What the site's history says of this page alone. */
		tl_site_history_show_records(p->records, &pc,
		    s->o->write.oldest_first);
		v = tl_site_value(&pc);
		buf_reset(&shown);
		tl_path_join(&shown, buf_str(&dir), "feed.xml");
		rc = write_rendered(s, renderer, fd, "feed.xml",
		    buf_str(&shown), "site-feed.xml", &v, d);
		if (rc == 0) {
			buf_reset(&rel);
			buf_printf(&rel, "%s/feed.xml", p->page->slug);
			tl_manifest_add(&s->now, s->outfd, buf_str(&rel), 0);
		}
		tl_site_context_free(&pc);
		close(fd);
	}
	buf_free(&dir);
	buf_free(&shown);
	buf_free(&rel);
	return rc;
}

static int
write_site(struct site *s, struct tl_diags *d)
{
	/* The template of each of site_files[], or none. */
	static const char *const templates[] = {
		"index.html", "site-changelog.md", "site-changelog.html",
		"site-feed.xml", NULL, NULL, NULL,
	};
	struct tl_renderer *renderer = site_renderer(s->o);
	const struct tl_view **views = xcalloc(s->n ? s->n : 1,
	    sizeof(*views));
	struct tl_site_context ctx;
	size_t i;
	int rc = 0;

	site_context_init(&ctx, s, views);
	for (i = 0; i < sizeof(site_files) / sizeof(site_files[0]) &&
	    rc == 0; i++) {
		rc = write_site_file(s, renderer, &ctx, site_files[i],
		    templates[i], d);
		if (rc == 0)
			tl_manifest_add(&s->now, s->outfd, site_files[i], 0);
	}
	if (rc == 0)
		rc = write_permissions(s, renderer, &ctx, d);
	if (rc == 0)
		rc = write_page_feeds(s, renderer, d);
	if (rc == 0)
		rc = tl_site_history_write(&s->hist, s->outfd, s->o->outdir,
		    s->o->write.temps, d);
	tl_site_context_free(&ctx);
	free(views);
	tl_renderer_free(renderer);
	return rc;
}

/* List each page's folder and the files written into it. */
static void
list_pages(struct site *s)
{
	struct buf rel = {0};
	size_t i, f;

	for (i = 0; i < s->n; i++) {
		const struct site_page *p = &s->pages[i];

		if (p->page == NULL || (p->written == 0 && p->write_failed))
			continue;
		tl_manifest_add(&s->now, s->outfd, p->page->slug, 1);
		for (f = 0; f < p->written; f++) {
			buf_reset(&rel);
			buf_printf(&rel, "%s/%s", p->page->slug, page_files[f]);
			tl_manifest_add(&s->now, s->outfd, buf_str(&rel), 0);
		}
	}
	buf_free(&rel);
}

/* The permission index: the views of the pages read, in input order. */
static void
index_permissions(struct site *s)
{
	struct tl_view **views = xcalloc(s->n ? s->n : 1, sizeof(*views));
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->pages[i].page != NULL)
			views[n++] = &s->pages[i].view;
	tl_perm_index_build(&s->perms, views, n);
	free(views);
}

/* 1 when name is one of the n names of list. */
static int
one_of(const char *name, size_t len, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

#define NAMES(a)	(a), sizeof(a) / sizeof((a)[0])

/*
 * 1 when a build writes `path` (a folder when dir): a page's folder or a
 * permission's, one of the site's files, a page's, or a permission
 * page's, where the build writes them.  A manifest is read as untrusted:
 * whatever it lists, no other file is ever removed.
 */
static int
site_writes(const char *path, int dir)
{
	const char *slash = strchr(path, '/'), *rest;
	size_t first;

	if (slash == NULL)
		return dir || one_of(path, strlen(path), NAMES(site_files));
	first = (size_t)(slash - path);
	rest = slash + 1;
	if (first == strlen(TL_PERMISSIONS_DIR) &&
	    memcmp(path, TL_PERMISSIONS_DIR, first) == 0) {
		slash = strchr(rest, '/');
		if (slash == NULL)
			return dir || one_of(rest, strlen(rest),
			    NAMES(permission_files));
		return !dir && strchr(slash + 1, '/') == NULL &&
		    one_of(slash + 1, strlen(slash + 1),
		    NAMES(permission_files));
	}
	return !dir && strchr(rest, '/') == NULL &&
	    one_of(rest, strlen(rest), NAMES(page_files));
}

/* The previous build's manifest, each entry one a build writes. */
static int
read_manifest(struct site *s, struct tl_diags *d)
{
	const struct tl_build_opts *o = s->o;
	struct buf name = {0};
	size_t i;
	int rc;

	rc = tl_manifest_read(&s->old, o->outdir, o->load.max_input ?
	    o->load.max_input : TL_DEFAULT_MAX_INPUT, d);
	for (i = 0; rc == 0 && i < s->old.n; i++)
		if (!site_writes(s->old.v[i].path, s->old.v[i].dir)) {
			tl_path_join(&name, o->outdir, TL_MANIFEST_NAME);
			/* Entry i is line i + 2, after the header. */
			tl_diag_kind(d, TL_ERROR, TL_DK_READ, buf_str(&name),
			    (unsigned)(i + 2), "not a usable tablog manifest: '%s' is not a "
			    "%s tablog writes (remove it, and build again "
			    "without tidying up)", s->old.v[i].path,
			    s->old.v[i].dir ? "folder" : "file");
			rc = -1;
		}
	buf_free(&name);
	return rc;
}

/* ---- the build ----------------------------------------------------- */

/* --git: the repository's pages, by their paths in it. */
static int
find_git_pages(struct site *s, struct tl_diags *d)
{
	char **paths;
	size_t i, n;
	int rc = tl_site_git_pages(s->o, &paths, &n, &s->origin, d);

	s->rel_at = 0;
	for (i = 0; i < n; i++) {
		if (rc == 0)
			add_page(s, paths[i]);
		free(paths[i]);
	}
	free(paths);
	if (rc == 0 && n == 0)
		tl_diag_kind(d, TL_WARNING, TL_DK_NO_PAGES, s->o->git, 0,
		    "no pages (.md, .markdown, .html, .htm) found");
	return rc;
}

/* Two sites never share feed ids: without --base-url they are made from
 * where the pages come from (INDIR's real path, hashed: no local path is
 * written) by the site's first build, and kept in its history so that
 * they stay when INDIR moves. */
static void
site_feed_key(struct site *s)
{
	struct buf src = {0};
	char *real;
	size_t i;

	if (s->hist.feed_key != NULL) {
		buf_puts(&s->feed_key, s->hist.feed_key);
		return;
	}
	if (s->origin != NULL) {
		/* A repository: its name and the paths asked for. */
		buf_puts(&src, s->origin);
		for (i = 0; i < s->o->ngit_paths; i++)
			buf_printf(&src, "\n%s", s->o->git_paths[i]);
	} else {
		/* INDIR, else (pages only from the web) the sources file. */
		const char *from = s->o->indir != NULL ? s->o->indir :
		    s->o->sources;

		if ((real = realpath(from, NULL)) != NULL) {
			buf_puts(&src, real);
			free(real);
		} else {
			buf_puts(&src, from);
		}
	}
	tl_site_feed_key(&s->feed_key, buf_str(&src));
	buf_free(&src);
	s->hist.feed_key = xstrdup(buf_str(&s->feed_key));
}

int
tl_build(const struct tl_build_opts *o, struct tl_diags *d,
    struct tl_build_stats *stats)
{
	struct site s;
	int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, t, first;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	memset(stats, 0, sizeof(*stats));
	s.o = o;
	pthread_mutex_init(&s.lock, NULL);
	s.outfd = -1;
	/* Read the previous build first: PREV may well be OUTDIR itself. */
	if (o->since != NULL && tl_since_load(&s.prev, o->since,
	    o->load.max_input, d) != 0) {
		rc = -1;
		goto out;
	}
	/* A bad line of --sources stops the build before anything is
	 * fetched: a page left out would vanish from the site. */
	if (o->sources != NULL && tl_sources_read(&s.sources, o->sources,
	    o->load.max_input ? o->load.max_input : TL_DEFAULT_MAX_INPUT,
	    o->archive != NULL, d) != 0) {
		rc = -1;
		goto out;
	}
	/* The history goes on from the previous build's, else OUTDIR's. */
	if (tl_site_history_load(&s.hist, o->since != NULL ? o->since :
	    o->outdir, o->load.max_input, d) != 0) {
		rc = -1;
		goto out;
	}
	if (o->git != NULL ? find_git_pages(&s, d) :
	    o->indir != NULL ? find_pages(&s, d) : 0) {
		rc = -1;
		goto out;
	}
	site_feed_key(&s);
	if (s.n == 0 && o->git == NULL && o->indir != NULL)
		tl_diag_kind(d, TL_WARNING, TL_DK_NO_PAGES,
		    o->indir, 0, "no pages (.md, .markdown, "
		    ".html, .htm) found");
	else if (s.sources.n == 0 && o->sources != NULL)
		tl_diag_kind(d, TL_WARNING, TL_DK_NO_PAGES, o->sources, 0,
		    "no sources (a URL a line)");
	first = s.n;
	add_sources(&s);
	if (fetch_sources(&s, first, d) != 0) {
		rc = -1;
		goto out;
	}
	archive_sources(&s, first, d);

	run_parallel(&s, jobs, step_load);
	assign_slugs(&s);
	index_permissions(&s);
	record_history(&s);
	/* What the previous build wrote, before anything is written: a
	 * manifest that is not one stops the build here. */
	if (read_manifest(&s, d) != 0) {
		for (i = 0; i < s.n; i++)
			tl_diags_move(d, &s.pages[i].diags);
		rc = -1;
		goto out;
	}
	/* Nothing is written before OUTDIR is known to hold nothing the
	 * build must not touch.  Then OUTDIR, as the user named it, is
	 * followed once: inside it every file and folder is made through
	 * its descriptor (output.h). */
	if (check_outputs(&s, d) != 0 || tl_mkdirs(o->outdir, d) != 0 ||
	    (s.outfd = tl_dir_open(o->outdir, d)) < 0) {
		for (i = 0; i < s.n; i++)
			tl_diags_move(d, &s.pages[i].diags);
		rc = -1;
		goto out;
	}
	run_parallel(&s, jobs, step_write);

	stats->pages = s.n;
	for (i = 0; i < s.n; i++) {
		struct site_page *p = &s.pages[i];

		/* A source built from the archive was built, and its failed
		 * fetch is still an error. */
		if (tl_diags_count(&p->diags, TL_ERROR) > 0)
			rc = -1;
		tl_diags_move(d, &p->diags);
		if (p->page == NULL || p->write_failed) {
			rc = -1;
			continue;
		}
		stats->built++;
		for (t = 0; t < p->page->ntables; t++)
			stats->rows += p->page->tables[t].nrows;
	}
	list_pages(&s);
	if (write_site(&s, d) != 0)
		rc = -1;
	/* Only a build that wrote everything removes what it no longer
	 * writes; the manifest lists what is tablog's either way. */
	tl_manifest_tidy(&s.old, &s.now, s.outfd, o->outdir, rc == 0, d);
	if (tl_manifest_write(&s.now, s.outfd, o->outdir, o->write.temps,
	    d) != 0)
		rc = -1;
out:
	stats->warnings = tl_diags_count(d, TL_WARNING);
	stats->errors = tl_diags_count(d, TL_ERROR);
	for (i = 0; i < s.n; i++) {
		if (s.pages[i].page != NULL)
			tl_view_free(&s.pages[i].view);
		tl_page_free(s.pages[i].page);
		tl_diags_free(&s.pages[i].diags);
		tl_fetch_result_free(&s.pages[i].fetched);
		buf_free(&s.pages[i].archived);
		json_decref(s.pages[i].changes);
		free(s.pages[i].archive_path);
		json_decref(s.pages[i].records);
		json_decref(s.pages[i].history);
		free(s.pages[i].path);
	}
	free(s.pages);
	tl_sources_free(&s.sources);
	tl_perm_index_free(&s.perms);
	tl_manifest_free(&s.old);
	tl_manifest_free(&s.now);
	if (s.outfd >= 0)
		close(s.outfd);
	inode_set_free(&s.folders);
	inode_set_free(&s.files);
	tl_since_free(&s.prev);
	tl_site_history_free(&s.hist);
	tl_since_changes_free(&s.detected);
	buf_free(&s.feed_key);
	free(s.origin);
	pthread_mutex_destroy(&s.lock);
	return rc;
}
