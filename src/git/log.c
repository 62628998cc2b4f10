/*
 * log.c - the versions of one file in a git repository (see log.h).
 *
 * libgit2 has no `--follow`, so the walk is done here.  A revision walk
 * (topological, then by time: children before parents) lists the
 * commits of the range; a commit is looked at only when it was reached
 * from the end through the parents the simplification follows, each
 * reached commit carrying the name the file has there.  The tree entry
 * of the file in each parent is worked out once, when its child is
 * looked at, and handed down, so each commit's tree is searched about
 * once.
 */
/* realpath() is XSI in glibc's headers. */
#define _XOPEN_SOURCE 700

#include "git/log.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "git/init.h"

struct tl_git {
	git_repository	*git;
	char		*path;		/* as given, for messages */
	char		*origin;	/* found when first asked for */
};

/* libgit2's last error, or what it was doing when it has none. */
static void
git_fail(struct tl_diags *d, const char *file, const char *doing)
{
	const git_error *e = git_error_last();

	tl_diag_kind(d, TL_ERROR, TL_DK_READ, file, 0, "%s: %s", doing,
	    e != NULL && e->message != NULL ? e->message : "libgit2 failed");
}

/*
 * The remote origin's URL, else the repository's absolute path.  The URL
 * is read from the configuration itself: git_remote_lookup() parses every
 * remote.* setting through regular expressions and, in libgit2 1.5 built
 * with PCRE2, leaks their match data.
 */
static char *
find_origin(git_repository *repo)
{
	git_config *cfg = NULL;
	const char *dir, *url = NULL;
	char *out = NULL, *abs;
	size_t n;

	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 &&
	    url != NULL && *url != '\0')
		out = xstrdup(url);
	git_config_free(cfg);
	if (out != NULL)
		return out;
	dir = git_repository_is_bare(repo) ? git_repository_path(repo) :
	    git_repository_workdir(repo);
	abs = realpath(dir, NULL);
	out = xstrdup(abs != NULL ? abs : dir);
	free(abs);
	n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	return out;
}

struct tl_git *
tl_git_open(const char *path, struct tl_diags *d)
{
	git_repository *repo = NULL;
	struct tl_git *g;

	if (tl_git_init() != 0) {
		git_fail(d, path, "cannot open the repository");
		return NULL;
	}
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) != 0) {
		git_fail(d, path, "cannot open the repository");
		return NULL;
	}
	g = xcalloc(1, sizeof(*g));
	g->git = repo;
	g->path = xstrdup(path);
	return g;
}

void
tl_git_close(struct tl_git *g)
{
	if (g == NULL)
		return;
	git_repository_free(g->git);
	free(g->path);
	free(g->origin);
	free(g);
}

const char *
tl_git_origin(struct tl_git *g)
{
	if (g->origin == NULL)
		g->origin = find_origin(g->git);
	return g->origin;
}

/* ---- the range ----------------------------------------------------- */

/* The commit a revision names, in *out. */
static int
commit_of(struct tl_git *g, const git_object *obj, git_oid *out,
    const char *rev, struct tl_diags *d)
{
	git_object *c = NULL;

	if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, g->path, 0, "'%s' names "
		    "no commit", rev);
		return -1;
	}
	git_oid_cpy(out, git_object_id(c));
	git_object_free(c);
	return 0;
}

static int
resolve(struct tl_git *g, const char *rev, git_oid *out, struct tl_diags *d)
{
	git_object *obj = NULL;
	int rc;

	if (git_revparse_single(&obj, g->git, rev) != 0) {
		const git_error *e = git_error_last();

		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, g->path, 0, "cannot find "
		    "revision '%s'%s%s", rev, e != NULL && e->message != NULL ?
		    ": " : "", e != NULL && e->message != NULL ? e->message :
		    "");
		return -1;
	}
	rc = commit_of(g, obj, out, rev, d);
	git_object_free(obj);
	return rc;
}

/* What tl_git_tree_files() collects. */
struct tree_walk {
	int	(*want)(const char *name);
	char	***out;
	size_t	 *n, cap;
	const char *prefix;	/* the folder walked, "" for the top */
};

static int
tree_file(const char *root, const git_tree_entry *e, void *arg)
{
	struct tree_walk *w = arg;
	struct buf path = {0};

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    !w->want(git_tree_entry_name(e)))
		return 0;
	if (*w->prefix != '\0')
		buf_printf(&path, "%s/", w->prefix);
	buf_printf(&path, "%s%s", root, git_tree_entry_name(e));
	*w->out = xgrow(*w->out, &w->cap, *w->n + 1, sizeof(**w->out));
	(*w->out)[(*w->n)++] = xstrdup(buf_str(&path));
	buf_free(&path);
	return 0;
}

int
tl_git_tree_files(struct tl_git *g, const char *rev, const char *prefix,
    int (*want)(const char *name), char ***out, size_t *n, struct tl_diags *d)
{
	struct tree_walk w;
	git_commit *commit = NULL;
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	git_oid oid;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	w.want = want;
	w.out = out;
	w.n = n;
	w.cap = *n;
	w.prefix = prefix != NULL ? prefix : "";
	if (resolve(g, rev != NULL ? rev : "HEAD", &oid, d) != 0)
		return -1;
	if (git_commit_lookup(&commit, g->git, &oid) != 0 ||
	    git_commit_tree(&tree, commit) != 0) {
		git_fail(d, g->path, "cannot read the commit's tree");
		goto out;
	}
	if (*w.prefix == '\0') {
		rc = git_tree_walk(tree, GIT_TREEWALK_PRE, tree_file, &w) == 0 ?
		    0 : -1;
		goto out;
	}
	if (git_tree_entry_bypath(&e, tree, w.prefix) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, g->path, 0, "no '%s' in "
		    "%s", w.prefix, rev != NULL ? rev : "HEAD");
		goto out;
	}
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		if (git_tree_lookup(&sub, g->git, git_tree_entry_id(e)) != 0) {
			git_fail(d, g->path, "cannot read a tree");
			goto out;
		}
		rc = git_tree_walk(sub, GIT_TREEWALK_PRE, tree_file, &w) == 0 ?
		    0 : -1;
	} else {
		/* A file named is taken, whatever its name. */
		*out = xgrow(*out, &w.cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = xstrdup(w.prefix);
		rc = 0;
	}
out:
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/*
 * The end of the range in *end and, for A..B, its start in *start
 * (*has_start set).  "A.." ends at HEAD, "..B" starts there, as in git.
 */
static int
resolve_range(struct tl_git *g, const char *range, git_oid *end,
    git_oid *start, int *has_start, struct tl_diags *d)
{
	const char *dots;
	char *a, *b;
	int rc;

	*has_start = 0;
	if (range == NULL || *range == '\0')
		return resolve(g, "HEAD", end, d);
	if ((dots = strstr(range, "..")) == NULL)
		return resolve(g, range, end, d);
	if (dots[2] == '.') {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, g->path, 0, "'%s': a "
		    "range is A..B (A...B is not one)", range);
		return -1;
	}
	a = xstrndup(range, (size_t)(dots - range));
	b = xstrdup(dots + 2);
	rc = resolve(g, *b != '\0' ? b : "HEAD", end, d);
	if (rc == 0)
		rc = resolve(g, *a != '\0' ? a : "HEAD", start, d);
	if (rc == 0)
		*has_start = 1;
	free(a);
	free(b);
	return rc;
}

/* ---- the walk ------------------------------------------------------ */

/* Where the file is in one commit: a blob, or nothing. */
struct entry {
	int	known;		/* worked out yet */
	int	has;		/* a regular file is there */
	git_oid	blob;
};

/* A commit reached from the end, and the file's name there. */
struct reached {
	git_oid		 oid;
	char		*path;
	struct entry	 e;
};

struct walk {
	struct tl_git	*g;
	struct reached	*v;
	size_t		 n, cap;
	struct tl_map	 index;		/* oid -> v[] */
	const git_oid	*probe;		/* the oid being looked up */
	struct tl_diags	*d;
};

static uint64_t
oid_hash(const git_oid *oid)
{
	return tl_hash_bytes(TL_HASH_INIT, oid->id, sizeof(oid->id));
}

static int
same_oid(const void *ctx, size_t val)
{
	const struct walk *w = ctx;

	return git_oid_equal(&w->v[val].oid, w->probe);
}

static struct reached *
find_reached(struct walk *w, const git_oid *oid)
{
	size_t i;

	w->probe = oid;
	return tl_map_find(&w->index, oid_hash(oid), same_oid, w, &i) ?
	    &w->v[i] : NULL;
}

/* Reach `oid` with the file called `path` (the first way in wins). */
static void
reach(struct walk *w, const git_oid *oid, const char *path,
    const struct entry *e)
{
	size_t i = w->n;

	w->probe = oid;
	if (tl_map_find_add(&w->index, oid_hash(oid), same_oid, w, &i))
		return;
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	git_oid_cpy(&w->v[w->n].oid, oid);
	w->v[w->n].path = xstrdup(path);
	if (e != NULL)
		w->v[w->n].e = *e;
	else
		memset(&w->v[w->n].e, 0, sizeof(w->v[w->n].e));
	w->n++;
}

/* The file at path in commit c. */
static int
entry_in(struct walk *w, const git_commit *c, const char *path,
    struct entry *out)
{
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->known = 1;
	if (git_commit_tree(&tree, c) != 0) {
		git_fail(w->d, w->g->path, "cannot read a commit's tree");
		return -1;
	}
	rc = git_tree_entry_bypath(&te, tree, path);
	if (rc == 0 && (git_tree_entry_filemode(te) == GIT_FILEMODE_BLOB ||
	    git_tree_entry_filemode(te) == GIT_FILEMODE_BLOB_EXECUTABLE)) {
		out->has = 1;
		git_oid_cpy(&out->blob, git_tree_entry_id(te));
	}
	git_tree_entry_free(te);
	git_tree_free(tree);
	return 0;
}

static int
same_entry(const struct entry *a, const struct entry *b)
{
	return a->has == b->has && (!a->has || git_oid_equal(&a->blob,
	    &b->blob));
}

/*
 * The name the file had in parent p when commit c made it appear at
 * `path`: a rename that git's similarity finds, or NULL.
 */
static char *
renamed_from(struct walk *w, const git_commit *p, const git_commit *c,
    const char *path)
{
	git_tree *pt = NULL, *ct = NULL;
	git_diff *diff = NULL;
	git_diff_find_options fo;
	char *from = NULL;
	size_t i, n;

	if (git_commit_tree(&pt, p) != 0 || git_commit_tree(&ct, c) != 0 ||
	    git_diff_tree_to_tree(&diff, w->g->git, pt, ct, NULL) != 0)
		goto out;
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_find_similar(diff, &fo) != 0)
		goto out;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);

		if (dd->status == GIT_DELTA_RENAMED &&
		    strcmp(dd->new_file.path, path) == 0) {
			from = xstrdup(dd->old_file.path);
			break;
		}
	}
out:
	git_diff_free(diff);
	git_tree_free(ct);
	git_tree_free(pt);
	return from;
}

static void
add_version(struct tl_git_versions *out, const git_commit *c,
    enum tl_git_how how, const char *path, char *old_path,
    const git_oid *blob)
{
	struct tl_git_version *v;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	v = &out->v[out->n++];
	memset(v, 0, sizeof(*v));
	git_oid_tostr(v->commit, sizeof(v->commit), git_commit_id(c));
	v->time = (long long)git_commit_time(c);
	v->offset = git_commit_time_offset(c);
	v->how = how;
	v->path = xstrdup(path);
	v->old_path = old_path;
	if (blob != NULL)
		git_oid_tostr(v->blob, sizeof(v->blob), blob);
}

#define MAX_PARENTS 64		/* an octopus of more is followed whole */

/*
 * Look at one reached commit: did it touch the file, and which parents
 * does the walk go on into, under which name.
 */
static int
visit(struct walk *w, size_t at, struct tl_git_versions *out)
{
	git_commit *c = NULL, *parents[MAX_PARENTS];
	struct entry ce, pe[MAX_PARENTS];
	char *path = xstrdup(w->v[at].path), *old = NULL;
	size_t np, i, same = MAX_PARENTS;
	int rc = -1;

	if (git_commit_lookup(&c, w->g->git, &w->v[at].oid) != 0) {
		git_fail(w->d, w->g->path, "cannot read a commit");
		free(path);
		return -1;
	}
	np = git_commit_parentcount(c);
	if (np > MAX_PARENTS)
		np = MAX_PARENTS;
	memset(parents, 0, sizeof(parents));
	ce = w->v[at].e;
	if (!ce.known && entry_in(w, c, path, &ce) != 0)
		goto out;
	for (i = 0; i < np; i++) {
		if (git_commit_parent(&parents[i], c, (unsigned)i) != 0) {
			git_fail(w->d, w->g->path, "cannot read a commit");
			goto out;
		}
		if (entry_in(w, parents[i], path, &pe[i]) != 0)
			goto out;
		if (same == MAX_PARENTS && same_entry(&ce, &pe[i]))
			same = i;
	}
	if (same < np) {
		/* The file came from that parent: follow it alone. */
		reach(w, git_commit_id(parents[same]), path, &pe[same]);
		rc = 0;
		goto out;
	}
	if (ce.has && (np == 0 || !pe[0].has)) {
		old = np > 0 ? renamed_from(w, parents[0], c, path) : NULL;
		add_version(out, c, old != NULL ? TL_GIT_RENAMED :
		    TL_GIT_ADDED, path, old, &ce.blob);
	} else if (ce.has) {
		add_version(out, c, TL_GIT_MODIFIED, path, NULL, &ce.blob);
	} else if (np > 0) {
		add_version(out, c, TL_GIT_DELETED, path, NULL, NULL);
	}
	for (i = 0; i < np; i++)
		reach(w, git_commit_id(parents[i]), old != NULL ? old : path,
		    old != NULL ? NULL : &pe[i]);
	rc = 0;
out:
	for (i = 0; i < np; i++)
		git_commit_free(parents[i]);
	git_commit_free(c);
	free(path);
	return rc;
}

/* A path the way trees name it: no "./", no leading or double '/'. */
static char *
tree_path(const char *path)
{
	struct buf b = {0};
	const char *p = path;

	while (*p != '\0') {
		size_t n = strcspn(p, "/");

		if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (b.len > 0)
				buf_putc(&b, '/');
			buf_put(&b, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	buf_put(&b, "", 0);
	return b.data;
}

int
tl_git_file_log(struct tl_git *g, const char *path, const char *range,
    struct tl_git_versions *out, struct tl_diags *d)
{
	struct walk w;
	git_revwalk *rw = NULL;
	git_oid end, start, oid;
	char *tp = tree_path(path);
	size_t first = out->n, i, j;
	struct reached *r;
	int has_start, rc = -1, err;

	memset(&w, 0, sizeof(w));
	w.g = g;
	w.d = d;
	if (*tp == '\0') {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, g->path, 0, "'%s' is not "
		    "a file's path in the repository", path);
		goto out;
	}
	if (resolve_range(g, range, &end, &start, &has_start, d) != 0)
		goto out;
	if (git_revwalk_new(&rw, g->git) != 0 ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
	    git_revwalk_push(rw, &end) != 0 ||
	    (has_start && git_revwalk_hide(rw, &start) != 0)) {
		git_fail(d, g->path, "cannot walk the history");
		goto out;
	}
	reach(&w, &end, tp, NULL);
	while ((err = git_revwalk_next(&oid, rw)) == 0) {
		if ((r = find_reached(&w, &oid)) == NULL)
			continue;
		if (visit(&w, (size_t)(r - w.v), out) != 0)
			goto out;
	}
	if (err != GIT_ITEROVER) {
		git_fail(d, g->path, "cannot walk the history");
		goto out;
	}
	/* Found newest first; the caller wants them oldest first. */
	for (i = first, j = out->n; j > 0 && i < j - 1; i++, j--) {
		struct tl_git_version t = out->v[i];

		out->v[i] = out->v[j - 1];
		out->v[j - 1] = t;
	}
	rc = 0;
out:
	if (rc != 0) {
		for (i = first; i < out->n; i++) {
			free(out->v[i].path);
			free(out->v[i].old_path);
		}
		out->n = first;
	}
	git_revwalk_free(rw);
	for (i = 0; i < w.n; i++)
		free(w.v[i].path);
	free(w.v);
	tl_map_free(&w.index);
	free(tp);
	return rc;
}

void
tl_git_versions_free(struct tl_git_versions *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].path);
		free(vs->v[i].old_path);
	}
	free(vs->v);
	memset(vs, 0, sizeof(*vs));
}

int
tl_git_blob(struct tl_git *g, const char *hex, size_t max, struct buf *out,
    const char *name, struct tl_diags *d)
{
	git_oid oid;
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	git_object_t type;
	size_t size;
	int rc = -1;

	/* The size from the header first: a blob over the limit is not
	 * inflated at all. */
	if (git_oid_fromstr(&oid, hex) != 0 ||
	    git_repository_odb(&odb, g->git) != 0 ||
	    git_odb_read_header(&size, &type, odb, &oid) != 0) {
		git_fail(d, name, "cannot read the file from the repository");
		goto out;
	}
	if (size > max) {
		tl_file_too_big(name, max, d);
		goto out;
	}
	if (git_blob_lookup(&blob, g->git, &oid) != 0) {
		git_fail(d, name, "cannot read the file from the repository");
		goto out;
	}
	buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	rc = 0;
out:
	git_blob_free(blob);
	git_odb_free(odb);
	return rc;
}
