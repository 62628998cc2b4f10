/*
 * repo.c - the archive's git repository through libgit2 (see repo.h).
 *
 * A commit of one file: look up the branch tip, make the blob, compare it
 * with the tip's entry at that path (equal: nothing to do), make the tree
 * from the tip's with that one entry replaced (git_tree_create_updated),
 * then the commit, moving the branch only if its tip is still the parent.
 */
#include "git/repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/output.h"
#include "base/xalloc.h"
#include "git/init.h"

#define LOCK_NAME "tablog.lock"
#define BRANCH "main"

struct tl_repo {
	git_repository	*git;
	char		*path;		/* as given, for messages */
};

/* libgit2's last error, or what it was doing when it has none. */
static void
git_fail(struct tl_diags *d, const char *path, const char *doing)
{
	const git_error *e = git_error_last();

	tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, path, 0, "%s: %s", doing,
	    e != NULL && e->message != NULL ? e->message : "libgit2 failed");
}

/* Whether path is a folder with nothing in it. */
static int
empty_folder(const char *path)
{
	DIR *dp = opendir(path);
	struct dirent *de;
	int empty = 1;

	if (dp == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(dp);
	return empty;
}

/* Remove the folder `name` in dirfd and everything under it (a new
 * repository that could not be used), without following links. */
static void
remove_tree(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	DIR *dp;
	struct dirent *de;

	if (fd < 0) {
		unlinkat(dirfd, name, 0);
		return;
	}
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, de->d_name, 0) != 0)
			remove_tree(fd, de->d_name);
	}
	closedir(dp);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

/*
 * Make a bare repository at path: initialise it at a temporary name
 * beside it, then rename it into place (over an empty folder too).
 */
static int
create(const char *path, struct tl_diags *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	struct buf tmp = {0};
	char *clean = xstrdup(path), *parent = NULL, *slash;
	size_t n = strlen(clean);
	int rc = -1;

	/* "a/b/" is "a/b": the temporary goes beside it, not inside. */
	while (n > 1 && clean[n - 1] == '/')
		clean[--n] = '\0';
	if ((slash = strrchr(clean, '/')) != NULL && slash != clean) {
		parent = xstrndup(clean, (size_t)(slash - clean));
		if (tl_mkdirs(parent, d) != 0)
			goto out;
	}
	buf_printf(&tmp, "%s.tmp-init-%ld", clean, (long)getpid());
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
	    GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = BRANCH;
	if (git_repository_init_ext(&repo, tmp.data, &opts) != 0) {
		git_fail(d, path, "cannot create the archive");
		remove_tree(AT_FDCWD, tmp.data);
		goto out;
	}
	git_repository_free(repo);
	if (rename(tmp.data, clean) != 0) {
		int err = errno;

		remove_tree(AT_FDCWD, tmp.data);
		/* Someone else made it first: use theirs. */
		if (err != EEXIST && err != ENOTEMPTY) {
			tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, path, 0,
			    "cannot create the "
			    "archive: %s", strerror(err));
			goto out;
		}
	}
	rc = 0;
out:
	buf_free(&tmp);
	free(parent);
	free(clean);
	return rc;
}

struct tl_repo *
tl_repo_open(const char *path, int make, struct tl_diags *d)
{
	struct tl_repo *r;
	git_repository *repo = NULL;
	struct stat st;

	if (tl_git_init() != 0) {
		git_fail(d, path, "cannot open the archive");
		return NULL;
	}
	if (stat(path, &st) != 0) {
		if (errno != ENOENT || !make) {
			tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, path, 0,
			    "cannot open the archive: "
			    "%s", strerror(errno));
			goto fail;
		}
		if (create(path, d) != 0)
			goto fail;
	} else if (make && S_ISDIR(st.st_mode) && empty_folder(path)) {
		if (create(path, d) != 0)
			goto fail;
	}
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) != 0) {
		git_fail(d, path, "cannot open the archive");
		goto fail;
	}
	if (!git_repository_is_bare(repo)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, path, 0,
		    "the archive must be a bare "
		    "repository (git init --bare); this one has a work tree");
		git_repository_free(repo);
		goto fail;
	}
	r = xcalloc(1, sizeof(*r));
	r->git = repo;
	r->path = xstrdup(path);
	return r;
fail:
	return NULL;
}

void
tl_repo_close(struct tl_repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->git);
	free(r->path);
	free(r);
}

static int
path_ok(const char *path)
{
	const char *p = path, *end;

	if (*path == '\0' || strlen(path) > 4096)
		return 0;
	for (;;) {
		size_t n;

		end = strchr(p, '/');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 4 && strncasecmp(p, ".git", 4) == 0))
			return 0;
		for (; n > 0; n--, p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
				return 0;
		if (end == NULL)
			return 1;
		p = end + 1;
	}
}

/*
 * Hold the archive's lock (REPO/tablog.lock) against other tablogs.  With
 * it held, a branch lock file found is one a killed tablog left behind
 * (libgit2 holds it only while moving the branch), and is removed, or
 * the archive could never be written again.  The descriptor, or -1.
 */
static int
lock_archive(struct tl_repo *r, struct tl_diags *d)
{
	const char *gitdir = git_repository_path(r->git);
	git_reference *head = NULL;
	struct buf p = {0};
	int fd;

	buf_printf(&p, "%s%s", gitdir, LOCK_NAME);
	fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, r->path, 0,
		    "cannot lock the archive: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		buf_free(&p);
		return -1;
	}
	buf_reset(&p);
	buf_printf(&p, "%sHEAD.lock", gitdir);
	unlink(p.data);
	if (git_reference_lookup(&head, r->git, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		buf_reset(&p);
		buf_printf(&p, "%s%s.lock", gitdir,
		    git_reference_symbolic_target(head));
		unlink(p.data);
	}
	git_reference_free(head);
	buf_free(&p);
	return fd;
}

/* The branch tip's commit, or NULL for a branch with no commit yet. */
static int
tip(struct tl_repo *r, git_commit **out, struct tl_diags *d)
{
	git_oid oid;
	int rc;

	*out = NULL;
	rc = git_reference_name_to_id(&oid, r->git, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 0;
	if (rc != 0 || git_commit_lookup(out, r->git, &oid) != 0) {
		git_fail(d, r->path, "cannot read the archive's branch");
		return -1;
	}
	return 0;
}

int
tl_repo_commit_file(struct tl_repo *r, const struct tl_repo_file *f,
    struct tl_diags *d)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_tree_entry *old = NULL, *gone = NULL;
	git_signature *sig = NULL;
	git_tree_update up[2];
	git_oid blob, tree_oid, commit;
	struct buf msg = {0};
	const git_commit *parents[1];
	size_t nup = 1;
	int lock, rc = -1;

	if (!path_ok(f->path) || (f->replaces != NULL &&
	    !path_ok(f->replaces))) {
		tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, r->path, 0,
		    "cannot archive '%s': not a "
		    "path inside a repository", path_ok(f->path) ?
		    f->replaces : f->path);
		return -1;
	}
	if ((lock = lock_archive(r, d)) < 0)
		return -1;
	if (tip(r, &parent, d) != 0)
		goto out;
	/* No parent: base stays NULL, which libgit2 takes as the empty
	 * tree (and no empty tree object is left dangling). */
	if (parent != NULL && git_commit_tree(&base, parent) != 0) {
		git_fail(d, r->path, "cannot read the archive's tree");
		goto out;
	}
	if (git_blob_create_from_buffer(&blob, r->git, f->bytes, f->len) != 0) {
		git_fail(d, r->path, "cannot write to the archive");
		goto out;
	}
	/* The path a page had before (another extension) goes in the same
	 * commit, so that git sees one file renamed, not two. */
	if (base != NULL && f->replaces != NULL &&
	    strcmp(f->replaces, f->path) != 0 &&
	    git_tree_entry_bypath(&gone, base, f->replaces) != 0)
		gone = NULL;
	if (gone == NULL && base != NULL &&
	    git_tree_entry_bypath(&old, base, f->path) == 0 &&
	    git_tree_entry_type(old) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(old) == GIT_FILEMODE_BLOB &&
	    git_oid_equal(git_tree_entry_id(old), &blob)) {
		rc = 0;
		goto out;
	}
	memset(up, 0, sizeof(up));
	up[0].action = GIT_TREE_UPDATE_UPSERT;
	up[0].id = blob;
	up[0].filemode = GIT_FILEMODE_BLOB;
	up[0].path = f->path;
	if (gone != NULL) {
		up[1].action = GIT_TREE_UPDATE_REMOVE;
		up[1].path = f->replaces;
		nup = 2;
	}
	if (git_tree_create_updated(&tree_oid, r->git, base, nup, up) != 0 ||
	    git_tree_lookup(&tree, r->git, &tree_oid) != 0) {
		git_fail(d, r->path, "cannot write to the archive");
		goto out;
	}
	if (git_signature_new(&sig, f->name != NULL ? f->name : "tablog",
	    f->email != NULL ? f->email : "tablog@localhost",
	    (git_time_t)f->when, 0) != 0) {
		git_fail(d, r->path, "cannot commit to the archive");
		goto out;
	}
	buf_puts(&msg, f->message != NULL ? f->message : f->path);
	if (msg.len == 0 || msg.data[msg.len - 1] != '\n')
		buf_putc(&msg, '\n');
	parents[0] = parent;
	/* "HEAD": the branch moves only if its tip is still `parent`. */
	if (git_commit_create(&commit, r->git, "HEAD", sig, sig, NULL, msg.data,
	    tree, parent != NULL ? 1 : 0, parents) != 0) {
		git_fail(d, r->path, "cannot commit to the archive");
		goto out;
	}
	rc = 1;
out:
	close(lock);	/* and with it the flock */
	buf_free(&msg);
	git_signature_free(sig);
	git_tree_entry_free(old);
	git_tree_entry_free(gone);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return rc;
}

int
tl_repo_read_file(struct tl_repo *r, const char *path, struct buf *out,
    struct tl_diags *d)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int rc = -1;

	if (!path_ok(path)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_ARCHIVE, r->path, 0,
		    "cannot read '%s' from the "
		    "archive: not a path inside a repository", path);
		return -1;
	}
	if (tip(r, &head, d) != 0)
		return -1;
	if (head == NULL)
		return 0;
	if (git_commit_tree(&tree, head) != 0) {
		git_fail(d, r->path, "cannot read the archive's tree");
		goto out;
	}
	if (git_tree_entry_bypath(&e, tree, path) != 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = 0;
		goto out;
	}
	if (git_blob_lookup(&blob, r->git, git_tree_entry_id(e)) != 0) {
		git_fail(d, r->path, "cannot read from the archive");
		goto out;
	}
	buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	rc = 1;
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(head);
	return rc;
}
