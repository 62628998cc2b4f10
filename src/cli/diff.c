/*
 * diff.c - `tablog diff OLD NEW`: what changed between two versions of a
 * page, on standard output.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct cli_option diff_options[] = {
	{ "format",		required_argument, 'f', "FORMAT",
	    "md (default), json, csv or html" },
	{ "templates",		required_argument, OPT_TEMPLATES, "DIR",
	    "md and html: diff.md, diff.html from DIR\n"
	    "(see 'tablog templates')" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const diff_groups[] = {
	diff_options, cli_match_options, cli_load_options, cli_fetch_options,
	cli_quiet_options, cli_common_options, NULL,
};

static enum cli_next
diff_option(struct cli *c, int id, const char *v, void *ctx)
{
	const char **format = ctx;
	char names[128];
	size_t i;

	if (id != 'f')
		return CLI_CONTINUE;
	for (i = 0; tablog_diff_format_name(i) != NULL; i++)
		if (strcmp(tablog_diff_format_name(i), v) == 0)
			break;
	if (tablog_diff_format_name(i) == NULL) {
		cli_names(names, sizeof(names), tablog_diff_format_name);
		return cli_usage_error(c, "diff formats are %s, not '%s'",
		    names, v);
	}
	*format = v;
	return CLI_CONTINUE;
}

static int
run_diff(struct cli *c, int argc, char **argv)
{
	const char *format = "md";
	tablog_page *before, *after = NULL;
	tablog_diff *df;
	int rc = EXIT_ERROR;

	if (cli_parse(c, argc, argv, diff_option, &format) != CLI_CONTINUE)
		return c->status;
	if (argc - optind == 0)
		cli_usage_error(c, "diff takes two pages, OLD and NEW; none "
		    "given");
	else if (argc - optind == 1)
		cli_usage_error(c, "diff takes two pages, OLD and NEW; NEW is "
		    "missing");
	else if (argc - optind > 2)
		cli_usage_error(c, "diff takes two pages, OLD and NEW; '%s' is "
		    "one too many", argv[optind + 2]);
	if (argc - optind != 2)
		return c->status;
	if ((before = tablog_load_file(c->loader, argv[optind],
	    c->diags)) != NULL)
		after = tablog_load_file(c->loader, argv[optind + 1], c->diags);
	if ((df = tablog_diff_new(before, after, c->match)) != NULL &&
	    tablog_diff_write(df, format, stdout, c->writer, c->diags) == 0)
		rc = tablog_diff_changed(df) ? EXIT_FINDINGS : EXIT_OK;
	cli_print_diags(c, 0);
	tablog_diff_free(df);
	tablog_page_free(before);
	tablog_page_free(after);
	return rc;
}

const struct cli_command cli_diff = {
	"diff",
	"what changed between two versions of a page",
	"tablog diff [-f md|json|csv|html] [--key COLS] [--aliases FILE] "
	"[--templates DIR] OLD NEW",
	"Compare two versions of a page (each HTML or Markdown, a file or an\n"
	"http:// or https:// URL): rows added, removed and changed (matched\n"
	"by api, permission and type, or --key), and columns added or\n"
	"removed.",
	diff_groups,
	"Exit status: 0 no differences, 1 differences, 2 error.",
	run_diff,
};
