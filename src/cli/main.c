/*
 * main.c - tablog(1): which subcommand, and the overview of them all.
 *
 *	tablog [convert] [-f FORMAT]... [-o PATH] [options] [FILE|-]
 *	tablog build [-o OUTDIR] [options] [INDIR]
 *	tablog diff [-f md|json|csv|html] [options] OLD NEW
 *	tablog check [-f text|json] [options] FILE...
 *	tablog history [-f FORMAT] [--git REPO] [options] PATH...
 *	tablog templates [NAME]
 *	tablog --help | --version
 *
 * Each subcommand is its own file (cli.h); this one only picks it.  A
 * first word that is no subcommand and no file, but close to a
 * subcommand's name, is a typo worth a "did you mean".
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* Every subcommand, in the order the overview lists them. */
const struct cli_command *const cli_commands[] = {
	&cli_convert, &cli_build, &cli_diff, &cli_check, &cli_history,
	&cli_templates, NULL,
};

/* What `tablog` alone takes before a subcommand. */
static const struct cli_option top_options[] = {
	{ "help",		no_argument,	   'h', NULL,
	    "this overview ('tablog COMMAND --help': a\n"
	    "command's own options)" },
	{ "version",		no_argument,	   OPT_VERSION, NULL,
	    "the version" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const top_groups[] = { top_options, NULL };

static const struct cli_command top = {
	"",
	NULL,
	"tablog [convert] [-f FORMAT]... [-o PATH] [options] [FILE|-]\n"
	"tablog COMMAND [options] ARGS...\n"
	"tablog --help | --version",
	"Read documentation pages (HTML or Markdown) whose core is a "
	"permissions\ntable, and write their tables as Markdown, HTML, CSV, "
	"JSON, a changelog\nor an Atom feed; build a site of them, compare "
	"and check them.",
	top_groups,
	"Exit status: 0 success, 1 findings (differences, problems,\n"
	"--strict warnings), 2 error.",
	NULL,
};

static int
overview(struct cli *c)
{
	const struct cli_command *const *cmd;

	cli_print_usage(&top);
	printf("Commands:\n");
	for (cmd = cli_commands; *cmd != NULL; cmd++)
		printf("  %-11s%s\n", (*cmd)->name, (*cmd)->summary);
	printf("\n");
	cli_print_options(&top);
	return cli_finish_output(c);
}

/* Optimal string alignment distance: edits, a swap of two neighbours
 * counting as one ("buidl" is one from "build"). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t d[16][16];

	if (la >= 16 || lb >= 16)
		return 16;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/*
 * The subcommand `word` is a typo of, or NULL: the only one it is the
 * start of (three letters at least), else the nearest within one edit
 * (two for names of five letters or more).
 */
static const struct cli_command *
meant(const char *word)
{
	const struct cli_command *const *cmd, *best = NULL;
	size_t len = strlen(word), d, best_d = 3, nprefix = 0;

	for (cmd = cli_commands; *cmd != NULL; cmd++)
		if (len >= 3 && strncmp((*cmd)->name, word, len) == 0) {
			best = *cmd;
			nprefix++;
		}
	if (nprefix == 1)
		return best;
	best = NULL;
	for (cmd = cli_commands; *cmd != NULL; cmd++) {
		d = distance(word, (*cmd)->name);
		if (d <= (strlen((*cmd)->name) >= 5 ? 2u : 1u) && d < best_d) {
			best = *cmd;
			best_d = d;
		}
	}
	return best;
}

/* A first word that is no file and reads like a mistyped subcommand. */
static const struct cli_command *
typo(const char *word)
{
	struct stat st;
	const char *p;

	for (p = word; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
			return NULL;
	if (*word == '\0' || *word == '-' || stat(word, &st) == 0)
		return NULL;
	return meant(word);
}

int
main(int argc, char **argv)
{
	const struct cli_command *const *cmd, *guess;
	struct cli c;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--version") == 0)) {
		cli_init(&c, &top);
		if (strcmp(argv[1], "--version") == 0) {
			printf("tablog %s\n", tablog_version());
			rc = cli_finish_output(&c);
		} else
			rc = overview(&c);
		cli_free(&c);
		return rc;
	}
	for (cmd = cli_commands; argc > 1 && *cmd != NULL; cmd++)
		if (strcmp(argv[1], (*cmd)->name) == 0)
			break;
	if (argc > 1 && *cmd == NULL && (guess = typo(argv[1])) != NULL) {
		cli_init(&c, &top);
		cli_error(&c, "usage", NULL, "'%s' is not a tablog command; "
		    "did you mean '%s'?", argv[1], guess->name);
		cli_print_diags(&c, 0);
		fputs("tablog: see 'tablog --help'\n", stderr);
		cli_free(&c);
		return EXIT_ERROR;
	}
	if (argc > 1 && *cmd != NULL) {
		cli_init(&c, *cmd);
		rc = (*cmd)->run(&c, argc - 1, argv + 1);
	} else {
		/* No subcommand named: convert, argv[0] standing for it. */
		cli_init(&c, &cli_convert);
		rc = cli_convert.run(&c, argc, argv);
	}
	cli_free(&c);
	return rc;
}
