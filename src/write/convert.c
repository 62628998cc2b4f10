/*
 * convert.c - dispatch a page to its writers (see convert.h).
 */
#include "write/convert.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/output.h"
#include "write/render.h"
#include "base/xalloc.h"

static const struct tl_output_format formats[] = {
	{ "md",			"table.md",		tl_write_md, 0 },
	{ "html",		"table.html",		tl_write_html, 0 },
	{ "csv",		"table.csv",		tl_write_csv, 0 },
	{ "json",		"table.json",		tl_write_json, 0 },
	{ "changelog",		"changelog.md",		tl_write_changelog, 0 },
	{ "changelog-html",	"changelog.html",	tl_write_changelog_html,
	    0 },
	{ "atom",		"feed.xml",		tl_write_atom, 0 },
	{ "xlsx",		"table.xlsx",		tl_write_xlsx, 1 },
	{ NULL,			NULL,			NULL, 0 },
};

const struct tl_output_format *
tl_output_formats(void)
{
	return formats;
}

const struct tl_output_format *
tl_output_format(const char *name)
{
	const struct tl_output_format *f;

	for (f = formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

int
tl_convert_stream(const struct tl_view *v, struct tl_renderer *r,
    const struct tl_output_format *f, FILE *fp, const char *what,
    struct tl_diags *d)
{
	int rc;

	/* A spreadsheet on a terminal is noise, and can be escape codes. */
	if (f->binary && isatty(fileno(fp))) {
		tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, NULL, 0,
		    "-f %s writes a binary file: not to a terminal (use -o "
		    "FILE.%s, or redirect %s)", f->name, f->name, what);
		return -1;
	}
	rc = f->write(v, r, fp, d);
	/* A failed write leaves the stream's error set: report that. */
	if (tl_stream_finish(fp, what, d) != 0)
		return -1;
	return rc;
}

/* Write one format to a temporary (opened by the caller into *out);
 * on failure the temporary is gone and d says why. */
static int
write_temp(const struct tl_view *v, struct tl_renderer *r,
    const struct tl_output_format *f, struct tl_outfile *out,
    struct tl_diags *d)
{
	if (f->write(v, r, out->fp, d) != 0) {
		if (ferror(out->fp))
			tl_diag_kind(d, TL_ERROR, TL_DK_WRITE, out->path, 0,
			    "cannot write file: %s",
			    strerror(errno ? errno : EIO));
		tl_outfile_abort(out);
		return -1;
	}
	return 0;
}

int
tl_convert_file(const struct tl_view *v, struct tl_renderer *r,
    const struct tl_output_format *f, const char *path, struct tl_diags *d)
{
	struct tl_outfile out;

	if (tl_outfile_open(&out, path, v->opts->temps, d) != 0 ||
	    write_temp(v, r, f, &out, d) != 0)
		return -1;
	return tl_outfile_commit(&out, d);
}

int
tl_convert_fileat(const struct tl_view *v, struct tl_renderer *r,
    const struct tl_output_format *f, int dirfd, const char *name,
    const char *shown, struct tl_diags *d)
{
	struct tl_outfile out;

	if (tl_outfile_openat(&out, dirfd, name, shown, v->opts->temps,
	    d) != 0 || write_temp(v, r, f, &out, d) != 0)
		return -1;
	return tl_outfile_commit(&out, d);
}

/*
 * `-o DIR`: the formats are handed out to `jobs` threads, JSON first (it
 * is the biggest), each thread with its own templates (a template set is
 * not thread-safe): the caller's renderer on the calling thread, a copy
 * on each other.  The view is read-only and shared.  Each format is
 * written to a temporary; then, in the order the formats were asked for,
 * the temporaries are renamed into place until one fails, and the rest
 * are dropped: the folder ends as one thread would leave it, with the
 * formats before the failure new and those after it untouched, and the
 * diagnostics are that thread's.
 */
struct dir_run {
	const struct tl_view		 *view;
	struct tl_renderer		 *renderer;	/* the caller's */
	const struct tl_output_format	**fmts;		/* as asked for */
	size_t				 *order;	/* as handed out */
	size_t				  n, next;
	const char			 *dir;		/* as named */
	int				  dirfd;	/* the folder */
	struct tl_outfile		 *out;		/* [format] */
	struct tl_diags			 *diags;	/* [format] */
	int				 *rc;		/* [format] */
	size_t				  failed;	/* first failure, or n */
	pthread_mutex_t			  lock;
};

static void
write_one(struct dir_run *run, size_t i, struct tl_renderer *r)
{
	struct buf path = {0};

	tl_path_join(&path, run->dir, run->fmts[i]->file);
	run->rc[i] = tl_outfile_openat(&run->out[i], run->dirfd,
	    run->fmts[i]->file, buf_str(&path), run->view->opts->temps,
	    &run->diags[i]);
	if (run->rc[i] == 0)
		run->rc[i] = write_temp(run->view, r, run->fmts[i],
		    &run->out[i], &run->diags[i]);
	buf_free(&path);
	if (run->rc[i] != 0) {
		pthread_mutex_lock(&run->lock);
		if (i < run->failed)
			run->failed = i;
		pthread_mutex_unlock(&run->lock);
	}
}

/* A thread's loop, rendering with that thread's renderer. */
static void
dir_worker_run(struct dir_run *run, struct tl_renderer *renderer)
{
	size_t i;

	for (;;) {
		pthread_mutex_lock(&run->lock);
		i = run->next < run->n ? run->order[run->next++] : run->n;
		/* Past a failure nothing will be kept: do not write it.
		 * (i == n is the end of the work, not a format.) */
		if (i < run->n && i > run->failed)
			run->rc[i] = -1;
		pthread_mutex_unlock(&run->lock);
		if (i == run->n)
			break;
		if (run->rc[i] == 0)
			write_one(run, i, renderer);
	}
}

static void *
dir_worker(void *arg)
{
	struct dir_run *run = arg;
	struct tl_renderer *renderer = tl_renderer_clone(run->renderer);

	dir_worker_run(run, renderer);
	tl_renderer_free(renderer);
	return NULL;
}

/* The formats to write (all when n == 0), and the order to write them
 * in: JSON first.  Returns how many. */
static size_t
dir_formats(struct dir_run *run, const struct tl_output_format *const *fmts,
    size_t n)
{
	size_t i, k = 0, pass;

	if (n == 0)
		for (; formats[n].name != NULL; n++)
			continue;
	run->fmts = xcalloc(n ? n : 1, sizeof(*run->fmts));
	run->order = xcalloc(n ? n : 1, sizeof(*run->order));
	for (i = 0; i < n; i++)
		run->fmts[i] = fmts != NULL ? fmts[i] : &formats[i];
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if ((run->fmts[i]->write == tl_write_json) == (pass == 0))
				run->order[k++] = i;
	return n;
}

int
tl_convert_dir(const struct tl_view *v, struct tl_renderer *r,
    const struct tl_output_format *const *fmts, size_t n, const char *dir,
    int jobs, struct tl_diags *d)
{
	struct dir_run run;
	pthread_t *threads;
	size_t i;
	int k, started = 0, rc = 0;

	if (tl_mkdirs(dir, d) != 0)
		return -1;
	memset(&run, 0, sizeof(run));
	/* The user's path to the folder is followed once; inside it, every
	 * file is made through this descriptor (see output.h). */
	if ((run.dirfd = tl_dir_open(dir, d)) < 0)
		return -1;
	run.view = v;
	run.renderer = r;
	run.dir = dir;
	run.n = dir_formats(&run, n ? fmts : NULL, n);
	run.failed = run.n;
	run.out = xcalloc(run.n ? run.n : 1, sizeof(*run.out));
	run.diags = xcalloc(run.n ? run.n : 1, sizeof(*run.diags));
	run.rc = xcalloc(run.n ? run.n : 1, sizeof(*run.rc));
	pthread_mutex_init(&run.lock, NULL);
	if (jobs < 1)
		jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1 || r == NULL)
		jobs = 1;
	if ((size_t)jobs > run.n)
		jobs = run.n ? (int)run.n : 1;
	threads = xcalloc((size_t)jobs, sizeof(*threads));
	for (k = 1; k < jobs; k++)
		if (pthread_create(&threads[k], NULL, dir_worker, &run) == 0)
			started = k;
		else
			break;
	dir_worker_run(&run, r);
	for (k = 1; k <= started; k++)
		pthread_join(threads[k], NULL);
	for (i = 0; i < run.n; i++) {
		if (rc != 0) {
			if (run.rc[i] == 0)
				tl_outfile_abort(&run.out[i]);
			tl_diags_free(&run.diags[i]);
			continue;
		}
		if (run.rc[i] == 0)
			run.rc[i] = tl_outfile_commit(&run.out[i],
			    &run.diags[i]);
		tl_diags_move(d, &run.diags[i]);
		if (run.rc[i] != 0)
			rc = -1;
	}
	pthread_mutex_destroy(&run.lock);
	close(run.dirfd);
	free(threads);
	free(run.out);
	free(run.diags);
	free(run.rc);
	free(run.fmts);
	free(run.order);
	return rc;
}
