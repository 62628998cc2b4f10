/*
 * check.c - `tablog check FILE...`: what a reader of the pages would trip
 * over, on standard error (or as JSON on standard output).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct check {
	int		 json;
	const char	*today;
};

static const struct cli_option check_options[] = {
	{ "format",		required_argument, 'f', "FORMAT",
	    "text (default, on standard error) or json\n"
	    "(on standard output)" },
	{ "today",		required_argument, OPT_TODAY, "YYYY-MM-DD",
	    "dates after this day are in the future\n"
	    "(default: today)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const check_groups[] = {
	check_options, cli_match_options, cli_load_options, cli_fetch_options,
	cli_quiet_options, cli_verbose_options, cli_common_options, NULL,
};

static enum cli_next
check_option(struct cli *c, int id, const char *v, void *ctx)
{
	struct check *k = ctx;

	switch (id) {
	case 'f':
		if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
			return cli_usage_error(c, "check formats are text and "
			    "json, not '%s'", v);
		k->json = strcmp(v, "json") == 0;
		break;
	case OPT_TODAY:
		if (tablog_parse_date(v, NULL, NULL, NULL) != 0)
			return cli_usage_error(c, "--today takes a date "
			    "YYYY-MM-DD, not '%s'", v);
		k->today = v;
		break;
	}
	return CLI_CONTINUE;
}

static int
run_check(struct cli *c, int argc, char **argv)
{
	struct check k;
	size_t found = 0;
	int npages;

	memset(&k, 0, sizeof(k));
	if (cli_parse(c, argc, argv, check_option, &k) != CLI_CONTINUE)
		return c->status;
	if ((npages = argc - optind) == 0) {
		cli_usage_error(c, "check takes one page or more; none given");
		return c->status;
	}
	tablog_check(c->loader, (const char *const *)argv + optind,
	    (size_t)npages, c->match, k.today, c->diags, &found);
	errno = 0;
	if (k.json && tablog_diags_print_json(c->diags, stdout) != 0) {
		/* Say so, and what was found, on standard error. */
		cli_error(c, "write", NULL, "writing standard output: %s",
		    strerror(errno ? errno : EIO));
		k.json = 0;
	}
	if (!k.json)
		cli_print_diags(c, npages > 1);
	if (tablog_diags_count(c->diags, TABLOG_ERROR) > 0)
		return EXIT_ERROR;
	return found > 0 ? EXIT_FINDINGS : EXIT_OK;
}

const struct cli_command cli_check = {
	"check",
	"what a reader of pages would trip over",
	"tablog check [-f text|json] [--today YYYY-MM-DD] FILE|URL...",
	"Find problems in permission pages: duplicate rows, missing or extra\n"
	"cells, unrecognised or future dates, permission cells that do not\n"
	"split, one permission with two display names or one API written two\n"
	"ways across the pages, unknown headers.  Notes (rows sharing a key\n"
	"with different purposes) do not change the exit status.",
	check_groups,
	"Exit status: 0 clean, 1 findings, 2 error.",
	run_check,
};
