/*
 * history.c - `tablog history PATH...`: what changed in a page, and when,
 * from every version of it: the commits of a git repository (--git) or
 * files given in order, on standard output.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct history {
	tablog_history	*h;		/* what the library keeps */
	const char	*format;
	const char	*git;
	const char	*rev;
	const char	*dates;		/* "D1,D2,..." */
};

static const struct cli_option history_options[] = {
	{ "format",		required_argument, 'f', "FORMAT",
	    "changelog (default), md, html, json, csv or\n"
	    "atom" },
	{ "git",		required_argument, OPT_GIT, "REPO",
	    "read PATH... in git repository REPO: every\n"
	    "commit that touches each, following renames" },
	{ "rev",		required_argument, OPT_REV, "RANGE",
	    "with --git: the commits of RANGE (A..B, or REV\n"
	    "and its history; default HEAD)" },
	{ "dates",		required_argument, OPT_DATES, "D1,D2,...",
	    "without --git: each version's date, YYYY-MM-DD\n"
	    "(default: the date in its file or folder name)" },
	{ "from-start",		no_argument,	   OPT_FROM_START, NULL,
	    "list the first version's rows as added too" },
	{ "jobs",		required_argument, 'j', "N",
	    "versions read at once (1 to 256; default: one\n"
	    "per processor)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const history_groups[] = {
	history_options, cli_match_options, cli_load_options,
	cli_write_options, cli_quiet_options, cli_verbose_options,
	cli_common_options, NULL,
};

static enum cli_next
history_option(struct cli *c, int id, const char *v, void *ctx)
{
	struct history *a = ctx;
	unsigned long long n;
	char names[128];
	size_t i;

	switch (id) {
	case 'f':
		for (i = 0; tablog_history_format_name(i) != NULL; i++)
			if (strcmp(tablog_history_format_name(i), v) == 0)
				break;
		if (tablog_history_format_name(i) == NULL) {
			cli_names(names, sizeof(names),
			    tablog_history_format_name);
			return cli_usage_error(c, "history formats are %s, not "
			    "'%s'", names, v);
		}
		a->format = v;
		break;
	case OPT_GIT:
		a->git = v;
		break;
	case OPT_REV:
		a->rev = v;
		tablog_history_set_rev(a->h, v);
		break;
	case OPT_DATES:
		a->dates = v;
		break;
	case OPT_FROM_START:
		tablog_history_set_from_start(a->h, 1);
		break;
	case 'j':
		if (cli_parse_number(v, 0, 1, 256, &n) != 0)
			return cli_usage_error(c, "--jobs takes a number from "
			    "1 to 256, not '%s'", v);
		tablog_history_set_jobs(a->h, (unsigned)n);
		break;
	}
	return CLI_CONTINUE;
}

/*
 * --dates D1,D2,...: one date per version, each a day of the calendar;
 * the list (strings in `copy`, which the caller frees), or NULL after a
 * usage error.
 */
static const char **
split_dates(struct cli *c, const char *list, size_t n, char **copy)
{
	const char **dates = calloc(n + 1, sizeof(*dates));
	char *p;
	size_t k = 0;

	*copy = strdup(list);
	if (dates == NULL || *copy == NULL) {
		cli_usage_error(c, "out of memory");
		goto fail;
	}
	for (p = *copy; k <= n; p = NULL) {
		char *d = strtok(p, ",");

		if (d == NULL)
			break;
		if (tablog_parse_date(d, NULL, NULL, NULL) != 0) {
			cli_usage_error(c, "--dates takes days YYYY-MM-DD, not "
			    "'%s'", d);
			goto fail;
		}
		if (k < n)
			dates[k] = d;
		k++;
	}
	if (k != n) {
		cli_usage_error(c, "--dates gives %zu date%s for %zu version%s",
		    k, cli_plural(k, "", "s"), n, cli_plural(n, "", "s"));
		goto fail;
	}
	return dates;
fail:
	free(dates);
	free(*copy);
	*copy = NULL;
	return NULL;
}

static int
run_history(struct cli *c, int argc, char **argv)
{
	struct history a;
	const char *const *paths;
	const char **dates = NULL;
	char *dates_copy = NULL;
	size_t n;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	a.format = "changelog";
	a.h = tablog_history_new();
	if (cli_parse(c, argc, argv, history_option, &a) != CLI_CONTINUE)
		goto out;
	paths = (const char *const *)argv + optind;
	n = (size_t)(argc - optind);
	if (n == 0) {
		cli_usage_error(c, "history takes a page: its path in the "
		    "repository (--git), or its versions as files");
		goto out;
	}
	if (a.git != NULL && a.dates != NULL) {
		cli_usage_error(c, "--dates is for versions given as files; "
		    "with --git each commit dates its version");
		goto out;
	}
	if (a.git == NULL && a.rev != NULL) {
		cli_usage_error(c, "--rev needs --git REPO");
		goto out;
	}
	if (a.dates != NULL &&
	    (dates = split_dates(c, a.dates, n, &dates_copy)) == NULL)
		goto out;
	if (a.git != NULL)
		rc = tablog_history_read_git(a.h, a.git, paths, n, c->loader,
		    c->match, c->diags);
	else
		rc = tablog_history_read_files(a.h, paths, dates, n, c->loader,
		    c->match, c->diags);
	if (rc == 0)
		tablog_history_write(a.h, a.format, stdout, c->writer,
		    c->diags);
	cli_print_diags(c, 1);
	c->status = cli_exit_status(c);
out:
	free(dates);
	free(dates_copy);
	tablog_history_free(a.h);
	return c->status;
}

const struct cli_command cli_history = {
	"history",
	"what changed in a page, and when, from its versions",
	"tablog history [-f changelog|md|html|json|csv|atom] --git REPO "
	"[--rev RANGE] PATH...\n"
	"tablog history [-f FORMAT] [--dates D1,D2,...] VERSION...",
	"Read every version of a page and list what changed between each and\n"
	"the one before, dated: with --git, the commits of repository REPO\n"
	"that touch each PATH (following renames), dated by the committer;\n"
	"otherwise VERSION... are files of one page, oldest first, dated by\n"
	"--dates or the YYYY-MM-DD in their names.  The first version is the\n"
	"starting point (its rows are not listed as added unless\n"
	"--from-start); a version that cannot be read is a warning and is\n"
	"skipped.  The current version's rows get first_seen and\n"
	"last_changed dates (-f json, -f md).",
	history_groups,
	"Exit status: 0 success, 1 --strict warnings, 2 error.",
	run_history,
};
