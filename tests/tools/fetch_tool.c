/*
 * fetch_tool.c - drive src/fetch/ and src/git/ from tests/fetch.sh, below
 * the command line (tests/web.sh tests them through tablog itself): each
 * option of the client, and the archive's commits, one at a time.
 *
 *   fetch_tool get [OPTIONS] URL...
 *	Fetch the URLs in parallel.  One line per URL on standard output:
 *	  URL ok status=N cached=0|1 attempts=N len=N transferred=N
 *	      charset=X etag=X final=URL
 *	  URL failed status=N attempts=N transferred=N
 *	and the diagnostics on standard error as tablog prints them.  Exit 0
 *	when every URL gave a page, 2 otherwise.  Options (see fetch.h):
 *	--cache DIR, --cacert FILE, --max-body N, --timeout S,
 *	--connect-timeout S, --low-speed N, --low-speed-time S,
 *	--retries N, --retry-cap S, --per-host N, --parallel N, --delay S,
 *	--out DIR (write the I-th URL's body to DIR/I, from 0).
 *   fetch_tool commit REPO PATH FILE EPOCH MESSAGE
 *	Commit FILE's bytes as PATH in the archive REPO (made if missing),
 *	dated EPOCH; prints "committed" or "unchanged".
 *   fetch_tool commit-loop REPO PATH N
 *	Commit N versions of PATH ("version I"), for tests that kill it.
 *   fetch_tool read REPO PATH
 *	Print PATH's bytes at the tip; exit 1 when there is none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "fetch/fetch.h"
#include "git/repo.h"
#include "model/table.h"
#include "base/version.h"

static void
print_diags(struct tl_diags *d)
{
	struct buf out = {0};
	size_t i;

	for (i = 0; i < d->n; i++)
		tl_diag_format(&out, &d->v[i], 0);
	fputs(buf_str(&out), stderr);
	buf_free(&out);
	tl_diags_free(d);
}

static int
usage(void)
{
	fputs("usage: fetch_tool get [OPTIONS] URL...\n"
	    "       fetch_tool commit REPO PATH FILE EPOCH MESSAGE\n"
	    "       fetch_tool commit-loop REPO PATH N\n"
	    "       fetch_tool read REPO PATH\n", stderr);
	return 2;
}

static int
write_body(const char *dir, size_t i, const struct tl_fetch_result *r)
{
	struct buf path = {0};
	FILE *fp;
	int rc = 0;

	buf_printf(&path, "%s/%zu", dir, i);
	if ((fp = fopen(path.data, "wb")) == NULL ||
	    fwrite(r->body, 1, r->len, fp) != r->len)
		rc = -1;
	if (fp != NULL && fclose(fp) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "fetch_tool: cannot write %s\n", path.data);
	buf_free(&path);
	return rc;
}

static int
cmd_get(int argc, char **argv)
{
	struct tl_fetch_opts o;
	struct tl_diags d = {0};
	struct tl_fetch *f;
	struct tl_fetch_result *res;
	const char *out = NULL;
	size_t i, n, failed;
	int a, rc = 0;

	tl_fetch_opts_init(&o);
	o.version = TL_VERSION;
	for (a = 0; a < argc && strncmp(argv[a], "--", 2) == 0; a += 2) {
		const char *opt = argv[a], *v = argv[a + 1];

		if (a + 1 >= argc)
			return usage();
		if (strcmp(opt, "--cache") == 0)
			o.cache_dir = v;
		else if (strcmp(opt, "--cacert") == 0)
			o.cacert = v;
		else if (strcmp(opt, "--out") == 0)
			out = v;
		else if (strcmp(opt, "--max-body") == 0)
			o.max_body = (size_t)strtoull(v, NULL, 10);
		else if (strcmp(opt, "--timeout") == 0)
			o.timeout = strtod(v, NULL);
		else if (strcmp(opt, "--connect-timeout") == 0)
			o.connect_timeout = strtod(v, NULL);
		else if (strcmp(opt, "--low-speed") == 0)
			o.low_speed = strtol(v, NULL, 10);
		else if (strcmp(opt, "--low-speed-time") == 0)
			o.low_speed_time = strtod(v, NULL);
		else if (strcmp(opt, "--retries") == 0)
			o.retries = atoi(v) == 0 ? -1 : atoi(v);
		else if (strcmp(opt, "--retry-cap") == 0)
			o.retry_cap = strtod(v, NULL);
		else if (strcmp(opt, "--per-host") == 0)
			o.per_host = atoi(v);
		else if (strcmp(opt, "--parallel") == 0)
			o.parallel = atoi(v);
		else if (strcmp(opt, "--delay") == 0)
			o.host_delay = strtod(v, NULL);
		else
			return usage();
	}
	if (a >= argc)
		return usage();
	if ((f = tl_fetch_new(&o, &d)) == NULL) {
		print_diags(&d);
		return 2;
	}
	n = (size_t)(argc - a);
	res = calloc(n, sizeof(*res));
	if (res == NULL)
		abort();
	failed = tl_fetch_urls(f, (const char *const *)argv + a, n, res, &d);
	for (i = 0; i < n; i++) {
		const struct tl_fetch_result *r = &res[i];

		if (r->ok) {
			printf("%s ok status=%ld cached=%d attempts=%d len=%zu "
			    "transferred=%llu charset=%s etag=%s final=%s\n",
			    argv[a + i], r->status, r->from_cache, r->attempts,
			    r->len, r->transferred, r->charset ? r->charset : "-",
			    r->etag ? r->etag : "-", r->final_url);
			if (out != NULL && write_body(out, i, r) != 0)
				rc = 2;
		} else {
			printf("%s failed status=%ld attempts=%d "
			    "transferred=%llu\n", argv[a + i], r->status,
			    r->attempts, r->transferred);
		}
		tl_fetch_result_free(&res[i]);
	}
	print_diags(&d);
	free(res);
	tl_fetch_free(f);
	return failed > 0 ? 2 : rc;
}

static int
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(b, chunk, n);
	fclose(fp);
	return 0;
}

static int
cmd_commit(int argc, char **argv)
{
	struct tl_diags d = {0};
	struct tl_repo_file f;
	struct tl_repo *r;
	struct buf bytes = {0};
	int rc;

	if (argc != 5)
		return usage();
	if (slurp(argv[2], &bytes) != 0) {
		fprintf(stderr, "fetch_tool: cannot read %s\n", argv[2]);
		return 2;
	}
	if ((r = tl_repo_open(argv[0], 1, &d)) == NULL) {
		print_diags(&d);
		buf_free(&bytes);
		return 2;
	}
	memset(&f, 0, sizeof(f));
	f.path = argv[1];
	f.bytes = bytes.data != NULL ? bytes.data : "";
	f.len = bytes.len;
	f.when = (time_t)strtoll(argv[3], NULL, 10);
	f.message = argv[4];
	rc = tl_repo_commit_file(r, &f, &d);
	if (rc >= 0)
		puts(rc == 1 ? "committed" : "unchanged");
	print_diags(&d);
	tl_repo_close(r);
	buf_free(&bytes);
	return rc < 0 ? 2 : 0;
}

static int
cmd_commit_loop(int argc, char **argv)
{
	struct tl_diags d = {0};
	struct tl_repo_file f;
	struct tl_repo *r;
	struct buf bytes = {0}, msg = {0};
	long i, n;
	int rc = 0;

	if (argc != 3)
		return usage();
	n = strtol(argv[2], NULL, 10);
	if ((r = tl_repo_open(argv[0], 1, &d)) == NULL) {
		print_diags(&d);
		return 2;
	}
	for (i = 0; i < n && rc == 0; i++) {
		buf_reset(&bytes);
		buf_reset(&msg);
		/* A few KiB, so that writing objects takes a moment. */
		while (bytes.len < 8192)
			buf_printf(&bytes, "version %ld of %s\n", i, argv[1]);
		buf_printf(&msg, "version %ld", i);
		memset(&f, 0, sizeof(f));
		f.path = argv[1];
		f.bytes = bytes.data;
		f.len = bytes.len;
		f.when = (time_t)(1700000000 + i);
		f.message = msg.data;
		if (tl_repo_commit_file(r, &f, &d) < 0)
			rc = 2;
	}
	print_diags(&d);
	tl_repo_close(r);
	buf_free(&bytes);
	buf_free(&msg);
	return rc;
}

static int
cmd_read(int argc, char **argv)
{
	struct tl_diags d = {0};
	struct tl_repo *r;
	struct buf out = {0};
	int rc;

	if (argc != 2)
		return usage();
	if ((r = tl_repo_open(argv[0], 0, &d)) == NULL) {
		print_diags(&d);
		return 2;
	}
	rc = tl_repo_read_file(r, argv[1], &out, &d);
	if (rc == 1)
		fwrite(out.data != NULL ? out.data : "", 1, out.len, stdout);
	print_diags(&d);
	tl_repo_close(r);
	buf_free(&out);
	return rc == 1 ? 0 : rc == 0 ? 1 : 2;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "get") == 0)
		return cmd_get(argc - 2, argv + 2);
	if (strcmp(argv[1], "commit") == 0)
		return cmd_commit(argc - 2, argv + 2);
	if (strcmp(argv[1], "commit-loop") == 0)
		return cmd_commit_loop(argc - 2, argv + 2);
	if (strcmp(argv[1], "read") == 0)
		return cmd_read(argc - 2, argv + 2);
	return usage();
}
