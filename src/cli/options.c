/*
 * options.c - options of tablog(1): the groups several subcommands
 * share, parsing one subcommand's options, its --help, usage errors.
 *
 * A subcommand takes only the options of its own groups: getopt_long()
 * is given exactly those, so anything else is an unknown option, named
 * as such (and, when another subcommand has it, said so) with a pointer
 * to the subcommand's --help.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Every subcommand (main.c), to say where a misplaced option belongs. */
extern const struct cli_command *const cli_commands[];

const struct cli_option cli_common_options[] = {
	{ "color",		optional_argument, OPT_COLOR, "WHEN",
	    "colour diagnostics: auto (the default: on a\n"
	    "terminal whose TERM is not dumb, unless\n"
	    "NO_COLOR is set), always or never" },
	{ "help",		no_argument,	   'h', NULL,
	    "this help" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_quiet_options[] = {
	{ "quiet",		no_argument,	   'q', NULL,
	    "print errors only" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_verbose_options[] = {
	{ "verbose",		no_argument,	   'v', NULL,
	    "print every warning and note (by default, past\n"
	    "20 they are counted by kind instead)" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_load_options[] = {
	{ "from",		required_argument, OPT_FROM, "html|md",
	    "the input format (default: detected from content)" },
	{ "date-column",	required_argument, OPT_DATE_COLUMN, "NAME",
	    "the column that holds each row's date" },
	{ "normalize-dates",	no_argument,	   OPT_NORMALIZE_DATES, NULL,
	    "show dates as \"December 2023\", not as the page\n"
	    "wrote them" },
	{ "max-input-size",	required_argument, OPT_MAX_INPUT, "N",
	    "refuse inputs over N bytes (default 256 MiB;\n"
	    "suffixes K, M, G)" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_write_options[] = {
	{ "templates",		required_argument, OPT_TEMPLATES, "DIR",
	    "templates that replace the built-in ones\n"
	    "(see 'tablog templates')" },
	{ "base-url",		required_argument, OPT_BASE_URL, "URL",
	    "where the output will be published (feed ids)" },
	{ "oldest-first",	no_argument,	   OPT_OLDEST_FIRST, NULL,
	    "changelog months oldest first" },
	{ "csv-bom",		no_argument,	   OPT_CSV_BOM, NULL,
	    "start CSV with a UTF-8 byte-order mark (Excel)" },
	{ "csv-raw",		no_argument,	   OPT_CSV_RAW, NULL,
	    "do not guard cells that start with = + - @" },
	{ "csv-markdown",	no_argument,	   OPT_CSV_MARKDOWN, NULL,
	    "CSV cells with links, code or emphasis as\n"
	    "Markdown (default: plain text)" },
	{ "strict",		no_argument,	   OPT_STRICT, NULL,
	    "warnings count as findings (exit 1); a name a\n"
	    "template uses that is not there is a warning" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_match_options[] = {
	{ "key",		required_argument, OPT_KEY, "COLS",
	    "match rows by these fields (comma list;\n"
	    "default api,permission,type)" },
	{ "aliases",		required_argument, OPT_ALIASES, "FILE",
	    "more API aliases, 'alias = canonical' a line" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_option cli_fetch_options[] = {
	{ "cache",		required_argument, OPT_CACHE, "DIR",
	    "keep fetched pages in DIR and ask servers\n"
	    "whether they changed (default:\n"
	    "$XDG_CACHE_HOME/tablog, else ~/.cache/tablog)" },
	{ "no-cache",		no_argument,	   OPT_NO_CACHE, NULL,
	    "fetch every URL whole, keeping nothing" },
	{ "cacert",		required_argument, OPT_CACERT, "FILE",
	    "verify servers with the CA certificates in\n"
	    "FILE (PEM) instead of the system's" },
	{ "timeout",		required_argument, OPT_TIMEOUT, "SECONDS",
	    "give up on a request after SECONDS (default 60)" },
	{ "retries",		required_argument, OPT_RETRIES, "N",
	    "retry a 429, 5xx or failed connection N times\n"
	    "(default 3)" },
	{ NULL, 0, 0, NULL, NULL },
};

#define MAX_OPTIONS 64

/* The subcommand as the user types it (convert too when it was implied). */
static const char *
cmd_name(const struct cli *c)
{
	return c->cmd->name;
}

static void
say_usage_error(struct cli *c, const char *fmt, va_list ap)
{
	tablog_diags *d = tablog_diags_new();
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	tablog_diags_add(d, TABLOG_ERROR, "usage", NULL, 0, msg);
	tablog_diag_print(d, 0, stderr, cli_want_colour(c->colour_when) ?
	    TABLOG_COLOUR : 0);
	fprintf(stderr, "tablog: see 'tablog %s --help'\n", cmd_name(c));
	tablog_diags_free(d);
}

enum cli_next
cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_usage_error(c, fmt, ap);
	va_end(ap);
	c->status = EXIT_ERROR;
	return CLI_EXIT;
}

int
cli_parse_number(const char *s, int suffixes, unsigned long long min,
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

enum cli_next
cli_parse_jobs(struct cli *c, const char *v, unsigned *jobs)
{
	unsigned long long n;

	if (cli_parse_number(v, 0, 1, 256, &n) != 0)
		return cli_usage_error(c, "--jobs takes a number from 1 to 256, "
		    "not '%s'", v);
	*jobs = (unsigned)n;
	return CLI_CONTINUE;
}

int
cli_parse_seconds(const char *s, double min, double max, double *out)
{
	double v = 0, unit = 1;
	const char *p = s;
	int digits = 0;

	for (; *p >= '0' && *p <= '9' && v <= max; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			v += (*p - '0') * (unit /= 10);
	if (digits == 0 || *p != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The option named `name` (without dashes) in cmd's groups, or NULL. */
static const struct cli_option *
find_option(const struct cli_command *cmd, const char *name, size_t len)
{
	const struct cli_option *const *g;
	const struct cli_option *o;

	for (g = cmd->groups; *g != NULL; g++)
		for (o = *g; o->name != NULL; o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, name, len) == 0)
				return o;
	return NULL;
}

/*
 * The other subcommands that have the long option `arg`, as "build" or
 * "diff and check", into out; 0 when none has it.
 */
static int
owners_of(const struct cli *c, const char *arg, char *out, size_t size)
{
	const struct cli_command *const *cmd;
	const char *names[8];
	size_t len, n = 0, i, at = 0;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	arg += 2;
	len = strcspn(arg, "=");
	for (cmd = cli_commands; *cmd != NULL && n < 8; cmd++)
		if (*cmd != c->cmd && find_option(*cmd, arg, len) != NULL)
			names[n++] = (*cmd)->name;
	out[0] = '\0';
	for (i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s",
		    i == 0 ? "" : i + 1 < n ? ", " : " and ", names[i]);
	return n > 0;
}

/*
 * getopt_long() found an unknown option or a missing value (opterr is
 * off, so it said nothing): say it once, our way.
 */
static enum cli_next
bad_option(struct cli *c, char **argv, int missing)
{
	const char *arg = argv[optind - 1];
	char shown[3] = { '-', (char)optopt, '\0' }, owners[128];

	/*
	 * A long option is the argument just read; a short one is named
	 * alone, since it may sit in a bundle ("-qz") that getopt has not
	 * finished with.  A short letter without its value ended its
	 * argument; a long option (optopt then its id) is that argument.
	 */
	if (missing && strncmp(arg, "--", 2) == 0)
		return cli_usage_error(c, "option '%.*s' needs a value",
		    (int)strcspn(arg, "="), arg);
	if (optopt > ' ' && optopt < 127)
		arg = shown;
	if (missing)
		return cli_usage_error(c, "option '%s' needs a value", arg);
	if (owners_of(c, arg, owners, sizeof(owners)))
		return cli_usage_error(c, "'tablog %s' has no option '%.*s' "
		    "(%s %s)", cmd_name(c), (int)strcspn(arg, "="), arg,
		    owners, strchr(owners, ' ') ? "have" : "has");
	return cli_usage_error(c, "unknown option '%.*s'",
	    (int)strcspn(arg, "="), arg);
}

/* The library said why (in c->diags): print that and stop. */
static enum cli_next
failed(struct cli *c)
{
	cli_print_diags(c, 0);
	c->status = EXIT_ERROR;
	return CLI_EXIT;
}

/* The options of the shared groups; 0 when `id` is not one of them. */
static int
shared_option(struct cli *c, int id, const char *v, enum cli_next *next)
{
	unsigned long long n;
	double secs;

	*next = CLI_CONTINUE;
	switch (id) {
	case 'h':
		c->status = cli_print_help(c);
		*next = CLI_EXIT;
		break;
	case OPT_COLOR:
		if (v == NULL || strcmp(v, "always") == 0)
			c->colour_when = CLI_COLOUR_ALWAYS;
		else if (strcmp(v, "auto") == 0)
			c->colour_when = CLI_COLOUR_AUTO;
		else if (strcmp(v, "never") == 0)
			c->colour_when = CLI_COLOUR_NEVER;
		else
			*next = cli_usage_error(c, "--color takes auto, always "
			    "or never, not '%s'", v);
		break;
	case 'q':
		c->quiet = 1;
		c->verbose = 0;
		break;
	case 'v':
		c->verbose = 1;
		c->quiet = 0;
		break;
	case OPT_FROM:
		if (strcmp(v, "html") == 0)
			tablog_loader_set_input(c->loader, TABLOG_INPUT_HTML);
		else if (strcmp(v, "md") == 0 || strcmp(v, "markdown") == 0)
			tablog_loader_set_input(c->loader,
			    TABLOG_INPUT_MARKDOWN);
		else
			*next = cli_usage_error(c, "--from takes html or md, "
			    "not '%s'", v);
		break;
	case OPT_DATE_COLUMN:
		tablog_loader_set_date_column(c->loader, v);
		break;
	case OPT_NORMALIZE_DATES:
		tablog_loader_set_normalize_dates(c->loader, 1);
		break;
	case OPT_MAX_INPUT:
		if (cli_parse_number(v, 1, 1, SIZE_MAX, &n) != 0)
			*next = cli_usage_error(c, "--max-input-size takes a "
			    "size such as 64M, not '%s'", v);
		else
			tablog_loader_set_max_input(c->loader, (size_t)n);
		break;
	case OPT_TEMPLATES:
		if (tablog_writer_set_templates(c->writer, v, c->diags) != 0)
			*next = failed(c);
		break;
	case OPT_BASE_URL:
		tablog_writer_set_base_url(c->writer, v);
		break;
	case OPT_OLDEST_FIRST:
		c->write_flags |= TABLOG_OLDEST_FIRST;
		break;
	case OPT_CSV_BOM:
		c->write_flags |= TABLOG_CSV_BOM;
		break;
	case OPT_CSV_RAW:
		c->write_flags |= TABLOG_CSV_RAW;
		break;
	case OPT_CSV_MARKDOWN:
		c->write_flags |= TABLOG_CSV_MARKDOWN;
		break;
	case OPT_STRICT:
		c->strict = 1;
		c->write_flags |= TABLOG_STRICT;
		break;
	case OPT_KEY:
		if (tablog_match_set_key(c->match, v, c->diags) != 0)
			*next = failed(c);
		break;
	case OPT_ALIASES:
		if (tablog_match_read_aliases(c->match, v, c->diags) != 0)
			*next = failed(c);
		break;
	case OPT_CACHE:
		tablog_loader_set_cache(c->loader, v);
		c->cache_chosen = 1;
		break;
	case OPT_NO_CACHE:
		tablog_loader_set_cache(c->loader, NULL);
		c->cache_chosen = 1;
		break;
	case OPT_CACERT:
		tablog_loader_set_cacert(c->loader, v);
		break;
	case OPT_TIMEOUT:
		if (cli_parse_seconds(v, 0.001, 86400, &secs) != 0)
			*next = cli_usage_error(c, "--timeout takes seconds "
			    "above 0 (at most 86400), not '%s'", v);
		else
			tablog_loader_set_timeout(c->loader, secs);
		break;
	case OPT_RETRIES:
		if (cli_parse_number(v, 0, 0, 100, &n) != 0)
			*next = cli_usage_error(c, "--retries takes a number "
			    "from 0 to 100, not '%s'", v);
		else
			tablog_loader_set_retries(c->loader, (int)n);
		break;
	default:
		return 0;
	}
	return 1;
}

static int
takes_group(const struct cli_command *cmd, const struct cli_option *group)
{
	const struct cli_option *const *g;

	for (g = cmd->groups; *g != NULL; g++)
		if (*g == group)
			return 1;
	return 0;
}

/*
 * What a subcommand that fetches gets without asking: the cache folder
 * of the XDG Base Directory specification ($XDG_CACHE_HOME/tablog when
 * that is an absolute path, else ~/.cache/tablog; none without a home),
 * and the cache's temporaries removed if a signal ends the run.  Nothing
 * is made until a URL is fetched.
 */
static void
fetch_defaults(struct cli *c)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = NULL;
	size_t len;

	tablog_loader_set_temps(c->loader, cli_catch_signals());
	if (c->cache_chosen)
		return;
	if (xdg != NULL && xdg[0] == '/') {
		len = strlen(xdg) + sizeof("/tablog");
		dir = malloc(len);
		if (dir != NULL)
			snprintf(dir, len, "%s/tablog", xdg);
	} else if (home != NULL && home[0] != '\0') {
		len = strlen(home) + sizeof("/.cache/tablog");
		dir = malloc(len);
		if (dir != NULL)
			snprintf(dir, len, "%s/.cache/tablog", home);
	}
	if (dir != NULL)
		tablog_loader_set_cache(c->loader, dir);
	free(dir);
}

enum cli_next
cli_parse(struct cli *c, int argc, char **argv,
    enum cli_next (*own)(struct cli *, int, const char *, void *), void *ctx)
{
	struct option longopts[MAX_OPTIONS + 1];
	char shortopts[3 * MAX_OPTIONS + 2] = ":";
	const struct cli_option *const *g;
	const struct cli_option *o;
	enum cli_next next = CLI_CONTINUE;
	size_t n = 0, k = 1;
	int id;

	for (g = c->cmd->groups; *g != NULL; g++)
		for (o = *g; o->name != NULL && n < MAX_OPTIONS; o++) {
			longopts[n].name = o->name;
			longopts[n].has_arg = o->has_arg;
			longopts[n].flag = NULL;
			longopts[n++].val = o->id;
			if (o->id >= 256)
				continue;
			shortopts[k++] = (char)o->id;
			if (o->has_arg != no_argument)
				shortopts[k++] = ':';
			if (o->has_arg == optional_argument)
				shortopts[k++] = ':';
		}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	shortopts[k] = '\0';
	opterr = 0;	/* bad_option() says it, in tablog's words */
	while (next == CLI_CONTINUE && (id = getopt_long(argc, argv,
	    shortopts, longopts, NULL)) != -1) {
		if (id == '?' || id == ':')
			next = bad_option(c, argv, id == ':');
		else if (!shared_option(c, id, optarg, &next))
			next = own != NULL ? own(c, id, optarg, ctx) :
			    CLI_CONTINUE;
	}
	if (next == CLI_CONTINUE) {
		tablog_writer_set_flags(c->writer, c->write_flags);
		if (takes_group(c->cmd, cli_fetch_options))
			fetch_defaults(c);
	}
	return next;
}

void
cli_names(char *out, size_t size, const char *(*name)(size_t))
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; name(i) != NULL; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
		    "%s%s", i == 0 ? "" : name(i + 1) != NULL ? ", " : " or ",
		    name(i));
}

/* ---- help ---------------------------------------------------------- */

#define HELP_COLUMN 26

/* One option's lines: "  -f, --format FORMAT     help". */
static void
print_option(const struct cli_option *o)
{
	const char *h = o->help, *nl;
	int w;

	w = printf("  %c%c%s--%s", o->id < 256 ? '-' : ' ',
	    o->id < 256 ? o->id : ' ', o->id < 256 ? ", " : "  ", o->name);
	if (o->arg != NULL)
		w += printf(o->has_arg == optional_argument ? "[=%s]" : " %s",
		    o->arg);
	if (w > HELP_COLUMN - 2) {
		putchar('\n');
		w = 0;
	}
	for (;;) {
		nl = strchr(h, '\n');
		printf("%*s%.*s\n", HELP_COLUMN - w, "",
		    nl ? (int)(nl - h) : (int)strlen(h), h);
		if (nl == NULL)
			break;
		h = nl + 1;
		w = 0;
	}
}

void
cli_print_usage(const struct cli_command *cmd)
{
	const char *u = cmd->usage, *nl;

	/* More usage lines line up under the first. */
	printf("usage: ");
	while ((nl = strchr(u, '\n')) != NULL) {
		printf("%.*s\n       ", (int)(nl - u), u);
		u = nl + 1;
	}
	printf("%s\n\n%s\n\n", u, cmd->about);
}

void
cli_print_options(const struct cli_command *cmd)
{
	const struct cli_option *const *g;
	const struct cli_option *o;

	for (g = cmd->groups; *g != NULL; g++)
		for (o = *g; o->name != NULL; o++)
			print_option(o);
	printf("\n%s\n", cmd->status);
}

int
cli_print_help(struct cli *c)
{
	cli_print_usage(c->cmd);
	cli_print_options(c->cmd);
	return cli_finish_output(c);
}

int
cli_finish_output(struct cli *c)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_OK;
	err = errno ? errno : EIO;
	cli_error(c, "write", NULL, "writing standard output: %s",
	    strerror(err));
	cli_print_diags(c, 0);
	return EXIT_ERROR;
}
