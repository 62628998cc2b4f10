/*
 * templates.c - `tablog templates [NAME]`: the templates built into
 * tablog, by name or in full, to start a --templates folder from (as
 * `pandoc -D FORMAT` prints its defaults).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct cli_option *const templates_groups[] = {
	cli_common_options, NULL,
};

static int
run_templates(struct cli *c, int argc, char **argv)
{
	const char *name, *text;
	char names[1024];
	size_t i, len, at = 0;

	if (cli_parse(c, argc, argv, NULL, NULL) != CLI_CONTINUE)
		return c->status;
	if (argc - optind > 1) {
		cli_usage_error(c, "templates takes one name at most, not "
		    "'%s' too", argv[optind + 1]);
		return c->status;
	}
	if (optind == argc) {
		for (i = 0; (name = tablog_template_name(i)) != NULL; i++)
			printf("%s\n", name);
		return cli_finish_output(c);
	}
	if ((text = tablog_template_text(argv[optind], &len)) == NULL) {
		names[0] = '\0';
		for (i = 0; (name = tablog_template_name(i)) != NULL &&
		    at < sizeof(names); i++)
			at += (size_t)snprintf(names + at, sizeof(names) - at,
			    "%s%s", i ? ", " : "", name);
		cli_error(c, "usage", NULL, "no built-in template '%s'; they "
		    "are %s", argv[optind], names);
		cli_print_diags(c, 0);
		return EXIT_ERROR;
	}
	fwrite(text, 1, len, stdout);
	return cli_finish_output(c);
}

const struct cli_command cli_templates = {
	"templates",
	"print the built-in templates, by name or in full",
	"tablog templates [NAME]",
	"Without NAME, list the templates built into tablog, one a line;\n"
	"with NAME, print that template as it is built in.  A file of that\n"
	"name in a --templates folder replaces it.",
	templates_groups,
	"Exit status: 0 success, 2 error.",
	run_templates,
};
