/*
 * convert.c - `tablog [convert]`: one page into one or more formats, on
 * standard output, into a file or into a folder.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

#define MAX_FORMATS 16

struct convert {
	const char	*formats[MAX_FORMATS];
	size_t		 nformats;
	const char	*output;
	unsigned long long table;	/* 1-based; 0 for all */
};

static const struct cli_option convert_options[] = {
	{ "format",		required_argument, 'f', "FORMAT",
	    "md (default), html, csv, json, changelog,\n"
	    "changelog-html, atom, xlsx; repeatable" },
	{ "output",		required_argument, 'o', "PATH",
	    "a file (one format) or a folder (every format,\n"
	    "or those given with -f)" },
	{ "table",		required_argument, OPT_TABLE, "N",
	    "only the N-th table of the page (1-based)" },
	{ "fragment",		no_argument,	   OPT_FRAGMENT, NULL,
	    "HTML: the table only, not a whole page" },
	{ "page-url",		required_argument, OPT_PAGE_URL, "URL",
	    "where the page was read from: its relative\n"
	    "links resolve against it (default: the page's\n"
	    "canonical link, if it has one)" },
	{ "jobs",		required_argument, 'j', "N",
	    "with -o FOLDER, formats written at once\n"
	    "(1 to 256; default: one per processor)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_option *const convert_groups[] = {
	convert_options, cli_load_options, cli_fetch_options,
	cli_write_options, cli_quiet_options, cli_common_options, NULL,
};

static enum cli_next
convert_option(struct cli *c, int id, const char *v, void *ctx)
{
	struct convert *a = ctx;
	unsigned jobs;

	switch (id) {
	case 'f':
		if (a->nformats == MAX_FORMATS)
			return cli_usage_error(c, "at most %d formats",
			    MAX_FORMATS);
		if (tablog_format_file(v) == NULL)
			return cli_usage_error(c, "unknown format '%s'", v);
		a->formats[a->nformats++] = v;
		break;
	case 'o':
		a->output = v;
		break;
	case OPT_TABLE:
		if (cli_parse_number(v, 0, 1, LONG_MAX, &a->table) != 0)
			return cli_usage_error(c, "--table takes a number "
			    "from 1, not '%s'", v);
		break;
	case OPT_FRAGMENT:
		c->write_flags |= TABLOG_FRAGMENT;
		break;
	case OPT_PAGE_URL:
		if (tablog_loader_set_page_url(c->loader, v) != 0)
			return cli_usage_error(c, "--page-url takes an http:// "
			    "or https:// URL, not '%s'", v);
		break;
	case 'j':
		if (cli_parse_jobs(c, v, &jobs) != CLI_CONTINUE)
			return CLI_EXIT;
		tablog_writer_set_jobs(c->writer, jobs);
		break;
	}
	return CLI_CONTINUE;
}

/* -o PATH names a folder: it ends in '/' or is one already. */
static int
is_folder(const char *path)
{
	struct stat st;
	size_t len = strlen(path);

	if (len > 0 && path[len - 1] == '/')
		return 1;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
write_page(struct cli *c, const struct convert *a, const tablog_page *page)
{
	const char *f = a->nformats ? a->formats[0] : "md";

	if (a->output == NULL)
		return tablog_write(page, f, stdout, c->writer, c->diags);
	if (a->nformats == 1 && !is_folder(a->output))
		return tablog_write_file(page, f, a->output, c->writer,
		    c->diags);
	return tablog_write_folder(page, a->formats, a->nformats, a->output,
	    c->writer, c->diags);
}

static int
run_convert(struct cli *c, int argc, char **argv)
{
	struct convert a;
	tablog_page *page;
	const char *input;

	memset(&a, 0, sizeof(a));
	if (cli_parse(c, argc, argv, convert_option, &a) != CLI_CONTINUE)
		return c->status;
	if (argc - optind > 1) {
		cli_usage_error(c, "one input at a time (got '%s' and more); "
		    "'tablog build' reads folders", argv[optind + 1]);
		return c->status;
	}
	if (a.output == NULL && a.nformats > 1) {
		cli_usage_error(c, "%zu formats need a folder: -o FOLDER",
		    a.nformats);
		return c->status;
	}
	input = optind < argc ? argv[optind] : "-";
	tablog_writer_set_temps(c->writer, cli_catch_signals());
	page = tablog_load_file(c->loader, input, c->diags);
	if (page != NULL && a.table > 0 &&
	    tablog_page_select_table(page, (size_t)a.table - 1) != 0)
		cli_error(c, "usage", input, "no table %llu (the page has %zu)",
		    a.table, tablog_page_table_count(page));
	if (page != NULL && tablog_diags_count(c->diags, TABLOG_ERROR) == 0)
		write_page(c, &a, page);
	cli_print_diags(c, 0);
	tablog_page_free(page);
	return cli_exit_status(c);
}

const struct cli_command cli_convert = {
	"convert",
	"one page into one or more formats (the default command)",
	"tablog [convert] [-f FORMAT]... [-o PATH] [options] [FILE|URL|-]",
	"Read a documentation page (HTML or Markdown; from an http:// or\n"
	"https:// URL, or standard input when FILE is - or absent) and write\n"
	"its table(s): with one format and no -o, on standard output.",
	convert_groups,
	"Exit status: 0 success, 1 findings (--strict warnings), 2 error.",
	run_convert,
};
