/*
 * build.c - `tablog build`: a folder of pages into a static site, with a
 * progress line on a terminal and a summary at the end.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

struct build {
	tablog_site	*site;
	const char	*outdir;
	const char	*sources;	/* --sources FILE */
	const char	*archive;	/* --archive REPO */
	const char	*git, *rev;	/* --git, --rev */
};

static const struct cli_option build_options[] = {
	{ "output",		required_argument, 'o', "OUTDIR",
	    "the site's folder (default: output)" },
	{ "jobs",		required_argument, 'j', "N",
	    "pages read and written at once (1 to 256;\n"
	    "default: one per processor)" },
	{ "title",		required_argument, OPT_TITLE, "TEXT",
	    "the site's title" },
	{ "date",		required_argument, OPT_DATE, "YYYY-MM-DD",
	    "the build's date, shown on the index" },
	{ "follow-links",	no_argument,	   OPT_FOLLOW_LINKS, NULL,
	    "follow symbolic links under INDIR" },
	{ "since",		required_argument, OPT_SINCE, "PREV",
	    "add \"Detected changes\" against the build in\n"
	    "PREV (its all.json), dated --date or today" },
	{ "sources",		required_argument, OPT_SOURCES, "FILE",
	    "also fetch the pages FILE lists, one\n"
	    "'URL [SLUG]' a line (INDIR is then optional)" },
	{ "archive",		required_argument, OPT_ARCHIVE, "REPO",
	    "commit each fetched page that changed to the\n"
	    "git repository REPO; a page that cannot be\n"
	    "fetched is built from its last version there" },
	{ "per-host",		required_argument, OPT_PER_HOST, "N",
	    "fetches at once to one host (1 to 64; default 2)" },
	{ "delay",		required_argument, OPT_DELAY, "SECONDS",
	    "wait between two fetches from one host" },
	{ "git",		required_argument, OPT_GIT, "REPO",
	    "build from the git repository REPO: the pages\n"
	    "at --rev (default HEAD) under each PATH (default\n"
	    "all), each with its history in the changelog" },
	{ "rev",		required_argument, OPT_REV, "REV",
	    "with --git: the commit whose pages are built" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const build_groups[] = {
	build_options, cli_load_options, cli_fetch_options, cli_write_options,
	cli_quiet_options, cli_verbose_options, cli_common_options, NULL,
};

static enum cli_next
build_option(struct cli *c, int id, const char *v, void *ctx)
{
	struct build *b = ctx;
	unsigned jobs;
	unsigned long long n;
	double secs;

	switch (id) {
	case 'o':
		b->outdir = v;
		break;
	case 'j':
		if (cli_parse_jobs(c, v, &jobs) != CLI_CONTINUE)
			return CLI_EXIT;
		tablog_site_set_jobs(b->site, jobs);
		break;
	case OPT_TITLE:
		tablog_site_set_title(b->site, v);
		break;
	case OPT_DATE:
		if (tablog_site_set_date(b->site, v) != 0)
			return cli_usage_error(c, "--date takes YYYY-MM-DD, "
			    "not '%s'", v);
		break;
	case OPT_FOLLOW_LINKS:
		tablog_site_set_follow_links(b->site, 1);
		break;
	case OPT_SINCE:
		tablog_site_set_since(b->site, v);
		break;
	case OPT_SOURCES:
		b->sources = v;
		tablog_site_set_sources(b->site, v);
		break;
	case OPT_ARCHIVE:
		b->archive = v;
		tablog_site_set_archive(b->site, v);
		break;
	case OPT_PER_HOST:
		if (cli_parse_number(v, 0, 1, 64, &n) != 0)
			return cli_usage_error(c, "--per-host takes a number "
			    "from 1 to 64, not '%s'", v);
		tablog_site_set_per_host(b->site, (unsigned)n);
		break;
	case OPT_DELAY:
		if (cli_parse_seconds(v, 0, 3600, &secs) != 0)
			return cli_usage_error(c, "--delay takes seconds from "
			    "0 to 3600, not '%s'", v);
		tablog_site_set_delay(b->site, secs);
		break;
	case OPT_GIT:
		b->git = v;
		break;
	case OPT_REV:
		b->rev = v;
		break;
	}
	return CLI_CONTINUE;
}

/* The progress line, redrawn in place on a terminal. */
static void
show_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rtablog: %zu/%zu %s", done, total,
	    cli_plural(total, "page", "pages"));
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* A terminal that redraws a line: not a file, not TERM=dumb. */
static int
progress_wanted(const struct cli *c)
{
	const char *term = getenv("TERM");

	return !c->quiet && isatty(STDERR_FILENO) && term != NULL &&
	    *term != '\0' && strcmp(term, "dumb") != 0;
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* "tablog: 2 pages, 4 rows, 1 warning, 0 errors in 0.05 s" */
static void
print_summary(const struct cli *c, const tablog_site *site, double seconds)
{
	size_t pages = tablog_site_pages_built(site);
	size_t rows = tablog_site_rows(site);
	size_t warnings = tablog_diags_count(c->diags, TABLOG_WARNING);
	size_t errors = tablog_diags_count(c->diags, TABLOG_ERROR);

	fprintf(stderr, "tablog: %zu %s, %zu %s, %zu %s, %zu %s in %.2f s\n",
	    pages, cli_plural(pages, "page", "pages"),
	    rows, cli_plural(rows, "row", "rows"),
	    warnings, cli_plural(warnings, "warning", "warnings"),
	    errors, cli_plural(errors, "error", "errors"), seconds);
}

static int
run_build(struct cli *c, int argc, char **argv)
{
	struct build b;
	struct timespec start;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&b, 0, sizeof(b));
	b.site = tablog_site_new();
	b.outdir = "output";
	if (cli_parse(c, argc, argv, build_option, &b) != CLI_CONTINUE) {
		tablog_site_free(b.site);
		return c->status;
	}
	if (b.rev != NULL && b.git == NULL) {
		cli_usage_error(c, "--rev needs --git REPO");
		tablog_site_free(b.site);
		return c->status;
	}
	if (b.git != NULL && (b.sources != NULL || b.archive != NULL)) {
		cli_usage_error(c, "--git builds a repository's pages: not with "
		    "--sources or --archive");
		tablog_site_free(b.site);
		return c->status;
	}
	if (b.git != NULL) {
		tablog_site_set_git(b.site, b.git, b.rev,
		    (const char *const *)argv + optind, (size_t)(argc - optind));
	} else if (argc - optind > 1 ||
	    (b.archive != NULL && b.sources == NULL)) {
		if (argc - optind > 1)
			cli_usage_error(c, "build takes one input folder, not "
			    "'%s' too", argv[optind + 1]);
		else
			cli_usage_error(c, "--archive keeps fetched pages: it "
			    "needs --sources FILE");
		tablog_site_free(b.site);
		return c->status;
	}
	tablog_writer_set_temps(c->writer, cli_catch_signals());
	if (progress_wanted(c))
		tablog_site_set_progress(b.site, show_progress, NULL);
	/* INDIR defaults to input, unless the pages come from --sources
	 * or a repository (whose PATHs are not folders here). */
	tablog_site_build(b.site, b.git != NULL ? NULL :
	    optind < argc ? argv[optind] : b.sources != NULL ? NULL : "input",
	    b.outdir, c->loader, c->writer, c->diags);
	cli_print_diags(c, 1);
	if (!c->quiet)
		print_summary(c, b.site, seconds_since(&start));
	rc = cli_exit_status(c);
	tablog_site_free(b.site);
	return rc;
}

const struct cli_command cli_build = {
	"build",
	"a folder of pages into a static site",
	"tablog build [-o OUTDIR] [-j N] [options] [INDIR]\n"
	"tablog build --sources FILE [--archive REPO] [options] [INDIR]\n"
	"tablog build --git REPO [--rev REV] [-o OUTDIR] [options] [PATH...]",
	"Every .md, .markdown, .html and .htm file under INDIR (default\n"
	"input, or none with --sources), every page fetched from the URLs\n"
	"in --sources FILE, or every page in the repository REPO under each\n"
	"PATH, becomes a page of a static site in OUTDIR (default output).\n"
	"OUTDIR/history.json keeps every change each build detected\n"
	"(--since) or the repository's history (--git), which the\n"
	"changelog and feed show.",
	build_groups,
	"Exit status: 0 success, 1 findings (--strict warnings), 2 error.",
	run_build,
};
