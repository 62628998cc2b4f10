/*
 * main.c - tablog's command line: options and dispatch only.
 *
 *	tablog [convert] [-f FORMAT]... [-o PATH] [--from html|md] [FILE|-]
 *	tablog build [-o OUTDIR] [INDIR]
 *	tablog diff [-f md|json|csv|html] OLD NEW
 *	tablog check FILE...
 *
 * Library code never prints: it appends diagnostics, which are printed
 * here, one line each, and turned into the exit code.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/version.h"
#include "check/check.h"
#include "write/context.h"
#include "write/convert.h"
#include "diff/diff.h"
#include "model/key.h"
#include "base/output.h"
#include "write/render.h"
#include "site/site.h"
#include "load/source.h"
#include "model/table.h"

enum exit_code {
	EXIT_OK = 0,		/* success */
	EXIT_FINDINGS = 1,	/* differences, problems, --strict warnings */
	EXIT_ERROR = 2,		/* usage, input or output error */
};

#define MAX_FORMATS 16

struct convert_args {
	const struct tl_output_format *formats[MAX_FORMATS];
	size_t			 nformats;
	const char		*output;
	long			 table;		/* 1-based; 0 for all */
	struct tl_load_opts	 load;
	struct tl_write_opts	 write;
	struct tl_renderer	*renderer;
	const char		*templates;
	int			 strict;
	int			 quiet;
	/* build only */
	int			 jobs;
	int			 follow_links;
	const char		*title;
	const char		*date;
	const char		*since;
};

static const char usage_text[] =
"usage: tablog [convert] [-f FORMAT]... [-o PATH] [options] [FILE|-]\n"
"       tablog build [-o OUTDIR] [-j N] [options] [INDIR]\n"
"       tablog diff [-f md|json|csv|html] OLD NEW   (see tablog diff --help)\n"
"       tablog check [--format text|json] FILE...  (see tablog check --help)\n"
"       tablog --help | --version\n"
"\n"
"Read a documentation page (HTML or Markdown) and write its table(s).\n"
"\n"
"  -f, --format FORMAT     md (default), html, csv, json, changelog,\n"
"                          changelog-html, atom; repeatable\n"
"  -o, --output PATH       a file (one format) or a folder (every format,\n"
"                          or those given with -f)\n"
"      --from html|md      the input format (default: detected from content)\n"
"      --table N           only the N-th table of the page (1-based)\n"
"      --date-column NAME  the column that holds each row's date\n"
"      --fragment          HTML: the table only, not a whole page\n"
"      --templates DIR     templates that replace the built-in ones\n"
"      --base-url URL      where the output will be published (feed ids)\n"
"      --oldest-first      changelog months oldest first\n"
"      --csv-bom           start CSV with a UTF-8 byte-order mark (Excel)\n"
"      --csv-raw           do not guard cells that start with = + - @\n"
"      --max-input-size N  refuse inputs over N bytes (default 256 MiB;\n"
"                          suffixes K, M, G)\n"
"  -j, --jobs N            threads: with -o FOLDER, formats written at\n"
"                          once; with build, pages (default: cores)\n"
"      --strict            warnings count as findings (exit 1)\n"
"  -q, --quiet             do not print warnings\n"
"  -h, --help              this help\n"
"      --version           the version\n"
"\n"
"\n"
"build: every .md, .markdown, .html and .htm file under INDIR (default\n"
"input/) becomes a page of a static site in OUTDIR (default output/).\n"
"      --title TEXT        the site's title\n"
"      --date YYYY-MM-DD   the build's date, shown on the index\n"
"      --follow-links      follow symbolic links under INDIR\n"
"      --since PREV        add \"Detected changes\" against the build in\n"
"                          PREV (its all.json), dated --date or today\n"
"\n"
"Exit status: 0 success, 1 findings (--strict warnings), 2 error.\n";

/*
 * The temporaries of this run, for the signal handler below: the one
 * process-wide object tablog keeps, set once before any handler is
 * installed and never freed (a signal may come until the process ends).
 * Slots for every file written at once: one per thread (-j is at most
 * 256) or one per format of -o DIR.
 */
static struct tl_temps *run_temps;

static void
on_fatal_signal(int sig)
{
	tl_temps_remove(run_temps);
	signal(sig, SIG_DFL);
	raise(sig);		/* delivered once this returns: the status */
}

/* Interrupted or terminated, remove the run's temporaries first.  A
 * signal ignored when tablog started (nohup, `cmd &`) stays ignored. */
static struct tl_temps *
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	run_temps = tl_temps_new(512);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	return run_temps;
}

/* Colour only for a terminal, and never when NO_COLOR is set. */
static int
want_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(STDERR_FILENO) && (nc == NULL || *nc == '\0');
}

/* Each line through tl_diag_format(), which quotes control bytes. */
static void
print_diag(const struct tl_diag *dg, int colour)
{
	struct buf line = {0};

	tl_diag_format(&line, dg, colour);
	fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

static void
print_diags(const struct tl_diags *d, int quiet)
{
	int colour = want_colour();
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!quiet || d->v[i].severity == TL_ERROR)
			print_diag(&d->v[i], colour);
}

/*
 * Help and the version go to standard output, which may be full or
 * closed: the exit status says whether they got there.
 */
static int
print_info(const char *text)
{
	struct tl_diags d = {0};
	int rc;

	fputs(text, stdout);
	rc = tl_stream_finish(stdout, "standard output", &d) == 0 ?
	    EXIT_OK : EXIT_ERROR;
	print_diags(&d, 0);
	tl_diags_free(&d);
	return rc;
}

static int
exit_status(const struct tl_diags *d, int strict)
{
	if (tl_diags_count(d, TL_ERROR) > 0)
		return EXIT_ERROR;
	if (strict && tl_diags_count(d, TL_WARNING) > 0)
		return EXIT_FINDINGS;
	return EXIT_OK;
}

/*
 * The number every numeric option takes: ASCII digits only (strtol would
 * take a sign, leading space and wrap around), with a K, M or G suffix
 * when `suffixes`, from min to max.  0 with the value in *out, else -1.
 */
static int
parse_number(const char *s, int suffixes, unsigned long long min,
    unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0, mult = 1;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	if (p == s)
		return -1;
	if (suffixes) {
		switch (*p) {
		case 'k': case 'K': mult = 1ULL << 10; p++; break;
		case 'm': case 'M': mult = 1ULL << 20; p++; break;
		case 'g': case 'G': mult = 1ULL << 30; p++; break;
		}
	}
	if (*p != '\0' || v > ULLONG_MAX / mult)
		return -1;
	v *= mult;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	struct tl_diag dg = { TL_ERROR, NULL, 0, NULL };
	struct buf msg = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	dg.message = msg.data;
	print_diag(&dg, 0);
	fputs("tablog: try 'tablog --help'\n", stderr);
	buf_free(&msg);
	return EXIT_ERROR;
}

static int
is_folder(const char *path)
{
	struct stat st;
	size_t len = strlen(path);

	if (len > 0 && path[len - 1] == '/')
		return 1;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

enum {
	OPT_FROM = 256, OPT_TABLE, OPT_DATE_COLUMN, OPT_OLDEST_FIRST,
	OPT_CSV_BOM, OPT_CSV_RAW, OPT_MAX_INPUT, OPT_STRICT, OPT_VERSION,
	OPT_FRAGMENT, OPT_TEMPLATES, OPT_BASE_URL, OPT_TITLE, OPT_DATE,
	OPT_FOLLOW_LINKS, OPT_SINCE,
};

static const struct option convert_options[] = {
	{ "format",		required_argument, NULL, 'f' },
	{ "output",		required_argument, NULL, 'o' },
	{ "from",		required_argument, NULL, OPT_FROM },
	{ "table",		required_argument, NULL, OPT_TABLE },
	{ "date-column",	required_argument, NULL, OPT_DATE_COLUMN },
	{ "oldest-first",	no_argument,	   NULL, OPT_OLDEST_FIRST },
	{ "csv-bom",		no_argument,	   NULL, OPT_CSV_BOM },
	{ "csv-raw",		no_argument,	   NULL, OPT_CSV_RAW },
	{ "max-input-size",	required_argument, NULL, OPT_MAX_INPUT },
	{ "strict",		no_argument,	   NULL, OPT_STRICT },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, OPT_VERSION },
	{ "fragment",		no_argument,	   NULL, OPT_FRAGMENT },
	{ "templates",		required_argument, NULL, OPT_TEMPLATES },
	{ "base-url",		required_argument, NULL, OPT_BASE_URL },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "title",		required_argument, NULL, OPT_TITLE },
	{ "date",		required_argument, NULL, OPT_DATE },
	{ "follow-links",	no_argument,	   NULL, OPT_FOLLOW_LINKS },
	{ "since",		required_argument, NULL, OPT_SINCE },
	{ NULL,			0,		   NULL, 0 },
};

/*
 * getopt found an unknown option or a missing argument (opterr is off, so
 * it said nothing): say it once, our way, with a hint.
 */
static int
bad_option(char **argv, const char *cmd)
{
	struct tl_diag dg = { TL_ERROR, NULL, 0, NULL };
	struct buf msg = {0};

	if (optopt > ' ' && optopt < 127)
		buf_printf(&msg, "option '-%c' is unknown or needs a value",
		    optopt);
	else
		buf_printf(&msg, "unknown option or missing value: '%s'",
		    argv[optind - 1]);
	dg.message = msg.data;
	print_diag(&dg, 0);
	fprintf(stderr, "tablog: try 'tablog %s%s--help'\n", cmd ? cmd : "",
	    cmd ? " " : "");
	buf_free(&msg);
	return EXIT_ERROR;
}

static int
valid_date(const char *s)
{
	int y, m, d;

	return tl_parse_ymd(s, &y, &m, &d) == 0;
}

/* Parse the options (shared by convert and build); returns -1 to go on, else an exit code. */
static int
parse_convert(int argc, char **argv, struct convert_args *a)
{
	unsigned long long n;
	int c;

	while ((c = getopt_long(argc, argv, "f:o:j:qh", convert_options,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			if (a->nformats == MAX_FORMATS)
				return usage_error("at most %d formats", MAX_FORMATS);
			if ((a->formats[a->nformats++] =
			    tl_output_format(optarg)) == NULL)
				return usage_error("unknown format '%s'",
				    optarg);
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_FROM:
			/* "markdown" is the md reader's long name. */
			if ((a->load.from = tl_input_format(strcmp(optarg,
			    "markdown") == 0 ? "md" : optarg)) == NULL)
				return usage_error("--from takes html or md, "
				    "not '%s'", optarg);
			break;
		case OPT_TABLE:
			if (parse_number(optarg, 0, 1, LONG_MAX, &n) != 0)
				return usage_error("--table takes a number "
				    "from 1, not '%s'", optarg);
			a->table = (long)n;
			break;
		case OPT_DATE_COLUMN:
			a->load.norm.date_column = optarg;
			break;
		case OPT_OLDEST_FIRST:
			a->write.oldest_first = 1;
			break;
		case OPT_CSV_BOM:
			a->write.csv_bom = 1;
			break;
		case OPT_CSV_RAW:
			a->write.csv_raw = 1;
			break;
		case OPT_MAX_INPUT:
			if (parse_number(optarg, 1, 1, SIZE_MAX, &n) != 0)
				return usage_error("--max-input-size takes a "
				    "size such as 64M, not '%s'", optarg);
			a->load.max_input = (size_t)n;
			break;
		case OPT_STRICT:
			a->strict = 1;
			break;
		case OPT_FRAGMENT:
			a->write.fragment = 1;
			break;
		case OPT_TEMPLATES:
			a->templates = optarg;
			break;
		case OPT_BASE_URL:
			a->write.base_url = optarg;
			break;
		case 'j':
			if (parse_number(optarg, 0, 1, 256, &n) != 0)
				return usage_error("--jobs takes a number from "
				    "1 to 256, not '%s'", optarg);
			a->jobs = (int)n;
			break;
		case OPT_TITLE:
			a->title = optarg;
			break;
		case OPT_DATE:
			if (!valid_date(optarg))
				return usage_error("--date takes YYYY-MM-DD, "
				    "not '%s'", optarg);
			a->date = optarg;
			break;
		case OPT_FOLLOW_LINKS:
			a->follow_links = 1;
			break;
		case OPT_SINCE:
			a->since = optarg;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case 'h':
			return print_info(usage_text);
		case OPT_VERSION:
			return print_info("tablog " TL_VERSION "\n");
		default:
			return bad_option(argv, argv[0] && strcmp(argv[0],
			    "build") == 0 ? "build" : NULL);
		}
	}
	return -1;
}

static int
write_page(const struct tl_page *page, const struct convert_args *a,
    struct tl_diags *d)
{
	const struct tl_output_format *f =
	    a->nformats ? a->formats[0] : tl_output_format("md");
	struct tl_view v;
	int rc;

	if (a->output == NULL && a->nformats > 1) {
		tl_diag(d, TL_ERROR, NULL, 0, "several formats need -o FOLDER");
		return -1;
	}
	tl_view_init(&v, page, &a->write);
	if (a->output == NULL)
		rc = tl_convert_stream(&v, a->renderer, f, stdout,
		    "standard output", d);
	else if (a->nformats == 1 && !is_folder(a->output))
		rc = tl_convert_file(&v, a->renderer, f, a->output, d);
	else
		rc = tl_convert_dir(&v, a->renderer, a->formats, a->nformats,
		    a->output, a->jobs, d);
	tl_view_free(&v);
	return rc;
}

static int
cmd_convert(int argc, char **argv)
{
	struct convert_args a;
	struct tl_diags d = {0};
	struct tl_loader *loader;
	struct tl_page *page;
	const char *input;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = parse_convert(argc, argv, &a)) >= 0)
		return rc;
	if (argc - optind > 1)
		return usage_error("one input at a time (got '%s' and more); "
		    "see 'tablog build' for folders", argv[optind + 1]);
	input = optind < argc ? argv[optind] : "-";

	loader = tl_loader_new(&a.load);
	a.renderer = tl_renderer_new(a.templates);
	a.write.temps = catch_signals();
	page = tl_load_page(loader, input, &d);
	if (page != NULL && a.table > 0 &&
	    tl_page_keep_table(page, (size_t)a.table - 1) != 0)
		tl_diag(&d, TL_ERROR, input, 0, "no table %ld (the page has "
		    "%zu)", a.table, page->ntables);
	if (page != NULL && tl_diags_count(&d, TL_ERROR) == 0)
		write_page(page, &a, &d);
	print_diags(&d, a.quiet);
	rc = exit_status(&d, a.strict);
	tl_page_free(page);
	tl_renderer_free(a.renderer);
	tl_loader_free(loader);
	tl_diags_free(&d);
	return rc;
}

/* The progress line, redrawn in place on a terminal. */
static void
show_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rtablog: %zu/%zu pages", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Today's date, YYYY-MM-DD, local time. */
static const char *
today(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "1970-01-01");
	return buf;
}

static int
cmd_build(int argc, char **argv)
{
	char today_buf[16];
	struct convert_args a;
	struct tl_build_opts o;
	struct tl_build_stats st;
	struct tl_diags d = {0};
	struct timespec start;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&a, 0, sizeof(a));
	if ((rc = parse_convert(argc, argv, &a)) >= 0)
		return rc;
	if (a.nformats > 0 || a.table > 0)
		return usage_error("build writes every format of every "
		    "table; -f and --table are for single pages");
	if (argc - optind > 1)
		return usage_error("build takes one input folder, not '%s'",
		    argv[optind + 1]);
	memset(&o, 0, sizeof(o));
	o.indir = optind < argc ? argv[optind] : "input";
	o.outdir = a.output ? a.output : "output";
	o.jobs = a.jobs;
	o.follow_links = a.follow_links;
	o.templates_dir = a.templates;
	o.title = a.title;
	o.date = a.date;
	o.since = a.since;
	o.detected_date = a.date ? a.date : today(today_buf, sizeof(today_buf));
	o.load = a.load;
	o.write = a.write;
	o.write.temps = catch_signals();
	if (isatty(STDERR_FILENO) && !a.quiet)
		o.progress = show_progress;

	tl_build(&o, &d, &st);
	print_diags(&d, a.quiet);
	if (!a.quiet)
		fprintf(stderr, "tablog: %zu pages, %zu rows, %zu warnings, "
		    "%zu errors in %.2f s\n", st.built, st.rows, st.warnings,
		    st.errors, seconds_since(&start));
	rc = exit_status(&d, a.strict);
	tl_diags_free(&d);
	return rc;
}

/* ---- diff and check ------------------------------------------------ */

/* What diff and check share: the row key and the API aliases. */
struct match_args {
	struct tl_keyspec	 key;		/* n == 0: the default */
	struct tl_aliases	*aliases;
	struct tl_load_opts	 load;
	const char		*format;
	const char		*today;
	int			 quiet;
};

enum { OPT_KEY = 512, OPT_ALIASES, OPT_TODAY, OPT_M_DATE_COLUMN };

static const struct option match_options[] = {
	{ "format",		required_argument, NULL, 'f' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "aliases",		required_argument, NULL, OPT_ALIASES },
	{ "date-column",	required_argument, NULL, OPT_M_DATE_COLUMN },
	{ "today",		required_argument, NULL, OPT_TODAY },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ NULL,			0,		   NULL, 0 },
};

/* --aliases FILE: read like a page (size limit, no folders), then parsed. */
static int
load_aliases(struct tl_aliases *a, const char *path, struct tl_diags *d)
{
	struct buf text = {0};
	int rc = tl_read_file(path, TL_ALIASES_MAX_FILE, &text, d);

	if (rc == 0)
		rc = tl_aliases_parse(a, path, buf_str(&text), text.len, d);
	buf_free(&text);
	return rc;
}

/* Parse diff's or check's options; -1 to go on, else an exit code. */
static int
parse_match(int argc, char **argv, struct match_args *m, const char *help)
{
	struct tl_diags d = {0};
	int c, rc = -1;

	while (rc < 0 && (c = getopt_long(argc, argv, "f:qh", match_options,
	    NULL)) != -1) {
		switch (c) {
		case 'f': m->format = optarg; break;
		case OPT_M_DATE_COLUMN: m->load.norm.date_column = optarg; break;
		case OPT_TODAY: m->today = optarg; break;
		case 'q': m->quiet = 1; break;
		case 'h': rc = print_info(help); break;
		case OPT_KEY:
			tl_keyspec_free(&m->key);
			if (tl_keyspec_parse(&m->key, optarg, &d) != 0)
				rc = EXIT_ERROR;
			break;
		case OPT_ALIASES:
			if (load_aliases(m->aliases, optarg, &d) != 0)
				rc = EXIT_ERROR;
			break;
		default:
			rc = bad_option(argv, argv[0]);
		}
	}
	print_diags(&d, 0);
	tl_diags_free(&d);
	return rc;
}

static void
match_free(struct match_args *m)
{
	tl_keyspec_free(&m->key);
	tl_aliases_free(m->aliases);
}

static const char diff_help[] =
"usage: tablog diff [-f md|json|csv|html] [--key COLS] [--aliases FILE] OLD NEW\n"
"\n"
"Compare two versions of a page (each HTML or Markdown): rows added,\n"
"removed and changed (matched by api, permission and type, or --key),\n"
"and columns added or removed.\n"
"\n"
"  -f, --format FORMAT     md (default), json, csv, html\n"
"      --key COLS          match rows by these fields (comma list)\n"
"      --aliases FILE      more API aliases, 'alias = canonical' a line\n"
"      --date-column NAME  the column that holds each row's date\n"
"  -q, --quiet             do not print warnings\n"
"\n"
"Exit status: 0 no differences, 1 differences, 2 error.\n";

static int
cmd_diff(int argc, char **argv)
{
	struct match_args m = { .aliases = tl_aliases_new() };
	struct tl_diff_opts o;
	struct tl_diags d = {0};
	struct tl_loader *loader;
	struct tl_page *before, *after = NULL;
	struct tl_diff df;
	int rc, fmt = TL_DIFF_MD;

	if ((rc = parse_match(argc, argv, &m, diff_help)) < 0 && m.format &&
	    (fmt = tl_diff_format(m.format)) < 0)
		rc = usage_error("diff formats are md, json, csv and html, "
		    "not '%s'", m.format);
	if (rc < 0 && argc - optind != 2)
		rc = usage_error("diff takes two pages: OLD NEW");
	if (rc >= 0) {
		match_free(&m);
		return rc;
	}
	loader = tl_loader_new(&m.load);
	if ((before = tl_load_page(loader, argv[optind], &d)) != NULL)
		after = tl_load_page(loader, argv[optind + 1], &d);
	rc = EXIT_ERROR;
	if (after != NULL) {
		o.key = m.key.n > 0 ? &m.key : NULL;
		o.aliases = m.aliases;
		tl_diff_pages(&df, before, after, &o);
		if (tl_diff_write(&df, (enum tl_diff_format)fmt, stdout) == 0 &&
		    tl_stream_finish(stdout, "standard output", &d) == 0)
			rc = tl_diff_any(&df) ? EXIT_FINDINGS : EXIT_OK;
		else if (tl_diags_count(&d, TL_ERROR) == 0)
			tl_diag(&d, TL_ERROR, NULL, 0, "cannot write to "
			    "standard output");
		tl_diff_free(&df);
	}
	print_diags(&d, m.quiet);
	tl_page_free(before);
	tl_page_free(after);
	tl_loader_free(loader);
	tl_diags_free(&d);
	match_free(&m);
	return rc;
}

static const char check_help[] =
"usage: tablog check [--format text|json] [--today YYYY-MM-DD] FILE...\n"
"\n"
"Find problems in permission pages: duplicate rows, missing or extra\n"
"cells, unrecognised or future dates, permission cells that do not\n"
"split, one permission with two display names or one API written two\n"
"ways across the pages, unknown headers.  Notes (rows sharing a key\n"
"with different purposes) do not change the exit status.\n"
"\n"
"  -f, --format FORMAT     text (default, on standard error) or json\n"
"                          (on standard output)\n"
"      --today DATE        dates after DATE are in the future (default:\n"
"                          today)\n"
"      --key COLS          the fields that make a row's key\n"
"      --aliases FILE      more API aliases, 'alias = canonical' a line\n"
"      --date-column NAME  the column that holds each row's date\n"
"  -q, --quiet             text: print errors only\n"
"\n"
"Exit status: 0 clean, 1 findings, 2 error.\n";

static int
cmd_check(int argc, char **argv)
{
	struct match_args m = { .aliases = tl_aliases_new() };
	struct tl_check_opts o;
	struct tl_diags d = {0};
	struct tl_loader *loader;
	size_t found;
	int rc, json = 0;

	if ((rc = parse_match(argc, argv, &m, check_help)) < 0 && m.format &&
	    !(json = strcmp(m.format, "json") == 0) &&
	    strcmp(m.format, "text") != 0)
		rc = usage_error("check formats are text and json, not '%s'",
		    m.format);
	if (rc < 0 && tl_check_today(&o.today, m.today) != 0)
		rc = usage_error("--today takes a date YYYY-MM-DD, not '%s'",
		    m.today ? m.today : "");
	if (rc < 0 && optind >= argc)
		rc = usage_error("check takes one page or more");
	if (rc >= 0) {
		match_free(&m);
		return rc;
	}
	o.key = m.key.n > 0 ? &m.key : NULL;
	o.aliases = m.aliases;
	loader = tl_loader_new(&m.load);
	found = tl_check_files(loader, (const char *const *)argv + optind,
	    (size_t)(argc - optind), &o, &d);
	if (json && (tl_check_write_json(&d, stdout) != 0 ||
	    tl_stream_finish(stdout, "standard output", &d) != 0))
		json = 0;	/* say so on standard error */
	if (!json)
		print_diags(&d, m.quiet);
	rc = tl_diags_count(&d, TL_ERROR) ? EXIT_ERROR :
	    found ? EXIT_FINDINGS : EXIT_OK;
	tl_loader_free(loader);
	tl_diags_free(&d);
	match_free(&m);
	return rc;
}

int
main(int argc, char **argv)
{
	opterr = 0;	/* bad_option() reports, in tablog's own words */
	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return cmd_diff(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "convert") == 0)
		return cmd_convert(argc - 1, argv + 1);
	return cmd_convert(argc, argv);
}
