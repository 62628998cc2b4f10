/*
 * cli.h - what the subcommands of tablog(1) share.
 *
 * The command line is a client of <tablog.h> and nothing else (the rule
 * is docs/design.md "Source tree"): it includes no header from src/.
 * Each subcommand is one file holding one struct cli_command (its help,
 * its options, its run function), listed once in main.c; a new
 * subcommand is a new file and a line there.  What they share lives here:
 *
 *	options.c	option tables and parsing, --help, usage errors
 *	report.c	printing diagnostics (colour, the summary by kind),
 *			counts, exit status
 *	signals.c	the run's temporaries, removed on SIGINT/TERM/HUP
 *
 * Only this folder prints and picks the exit code; the library appends
 * diagnostics to the run's list and returns -1 (include/tablog.h).
 */
#ifndef TABLOG_CLI_H
#define TABLOG_CLI_H

#include <stddef.h>

#include <tablog.h>

enum exit_code {
	EXIT_OK = 0,		/* success */
	EXIT_FINDINGS = 1,	/* differences, problems, --strict warnings */
	EXIT_ERROR = 2,		/* usage, input or output error */
};

/*
 * What a step of a subcommand (parsing its options, checking its
 * operands) tells the subcommand: carry on, or stop now and exit with
 * the status in struct cli (after --help, or a usage error said once).
 */
enum cli_next {
	CLI_CONTINUE,
	CLI_EXIT,
};

/* Long-only options; short ones are their letter. */
enum cli_option_id {
	OPT_FROM = 256, OPT_DATE_COLUMN, OPT_MAX_INPUT, OPT_TEMPLATES,
	OPT_BASE_URL, OPT_OLDEST_FIRST, OPT_CSV_BOM, OPT_CSV_RAW, OPT_STRICT,
	OPT_COLOR, OPT_KEY, OPT_ALIASES, OPT_TABLE, OPT_FRAGMENT, OPT_TITLE,
	OPT_DATE, OPT_FOLLOW_LINKS, OPT_SINCE, OPT_TODAY, OPT_VERSION,
	OPT_GIT, OPT_REV, OPT_FROM_START, OPT_DATES,
	OPT_CACHE, OPT_NO_CACHE, OPT_CACERT, OPT_TIMEOUT, OPT_RETRIES,
	OPT_SOURCES, OPT_ARCHIVE, OPT_PER_HOST, OPT_DELAY,
	OPT_NORMALIZE_DATES,
	OPT_PAGE_URL, OPT_CSV_MARKDOWN,
};

/*
 * One option: its getopt_long() entry and its line in --help.  Tables
 * end with an entry whose name is NULL; tests/man.sh reads every entry
 * written `<TAB>{ "name",` in src/cli/ and wants it in the man page.
 */
struct cli_option {
	const char	*name;		/* long name */
	int		 has_arg;	/* no_argument, required_argument... */
	int		 id;		/* a letter, or enum cli_option_id */
	const char	*arg;		/* its value in help ("FORMAT") */
	const char	*help;		/* '\n' continues it on a new line */
};

/* Option groups that several subcommands take (options.c). */
extern const struct cli_option cli_common_options[];	/* -h, --color */
extern const struct cli_option cli_quiet_options[];	/* -q */
extern const struct cli_option cli_verbose_options[];	/* -v */
extern const struct cli_option cli_load_options[];	/* reading pages */
extern const struct cli_option cli_write_options[];	/* writing them */
extern const struct cli_option cli_match_options[];	/* --key, --aliases */
/* Fetching URLs: --cache, --no-cache, --cacert, --timeout, --retries.  A
 * subcommand that has this group also gets the default cache folder and
 * the cache's temporaries removed on a signal (cli_parse()). */
extern const struct cli_option cli_fetch_options[];

struct cli;

struct cli_command {
	const char	*name;		/* "build" */
	const char	*summary;	/* its line in `tablog --help` */
	const char	*usage;		/* after "usage: "; '\n' for more */
	const char	*about;		/* what it does, for its --help */
	const struct cli_option *const *groups;	/* its options; NULL ends */
	const char	*status;	/* what its exit status means */
	int		(*run)(struct cli *c, int argc, char **argv);
};

extern const struct cli_command cli_convert, cli_build, cli_diff, cli_check,
	cli_history, cli_templates;

enum cli_colour { CLI_COLOUR_AUTO, CLI_COLOUR_ALWAYS, CLI_COLOUR_NEVER };

/*
 * One run of one subcommand: the library objects the shared options set
 * (made for every subcommand: they cost little) and how to report.
 */
struct cli {
	const struct cli_command *cmd;
	tablog_diags	*diags;		/* everything the run has to say */
	tablog_loader	*loader;
	tablog_writer	*writer;
	tablog_match	*match;
	unsigned	 write_flags;	/* applied when parsing is done */
	int		 quiet;		/* errors only */
	int		 verbose;	/* every warning, however many */
	int		 strict;	/* warnings are findings */
	int		 cache_chosen;	/* --cache or --no-cache given */
	enum cli_colour	 colour_when;
	int		 colour;	/* decided once options are read */
	int		 status;	/* the exit status, with CLI_EXIT */
};

/* ---- options.c ----------------------------------------------------- */

/*
 * Parse the options of c->cmd from argv (argv[0] is the subcommand's or
 * the program's name).  The shared options are handled here; each of the
 * subcommand's own is passed to own(c, id, value, ctx), which returns
 * CLI_CONTINUE or CLI_EXIT (with c->status set, the problem said).
 * Returns CLI_CONTINUE with optind at the first operand, else CLI_EXIT.
 */
enum cli_next cli_parse(struct cli *c, int argc, char **argv,
	    enum cli_next (*own)(struct cli *c, int id, const char *value,
	    void *ctx), void *ctx);

/* A usage error, said as `tablog: error: MESSAGE` and a pointer to the
 * subcommand's --help; sets c->status and returns CLI_EXIT. */
enum cli_next cli_usage_error(struct cli *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * The number an option takes: ASCII digits only (strtol would take a
 * sign, leading space and wrap around), with a K, M or G suffix when
 * `suffixes`, from min to max.  0 with the value in *out, else -1.
 */
int	cli_parse_number(const char *s, int suffixes, unsigned long long min,
	    unsigned long long max, unsigned long long *out);
/* -j/--jobs N (1 to 256) into *jobs; CLI_CONTINUE, or a usage error. */
enum cli_next cli_parse_jobs(struct cli *c, const char *v, unsigned *jobs);
/* Seconds: digits with an optional fraction ("30", "2.5"), from min to
 * max.  0 with the value in *out, else -1. */
int	cli_parse_seconds(const char *s, double min, double max, double *out);

/* The names name(0), name(1), ... (until NULL) as "a, b or c", in out
 * (cut to size): the values an option takes, for its usage error. */
void	cli_names(char *out, size_t size, const char *(*name)(size_t));

/* c->cmd's help on standard output (its usage and what it does, then
 * its options and exit status); the exit status says whether it got
 * there. */
int	cli_print_help(struct cli *c);
void	cli_print_usage(const struct cli_command *cmd);
void	cli_print_options(const struct cli_command *cmd);
/* Flush standard output, where a subcommand printed its result: the exit
 * status, after an error said if it could not be written (a full disk,
 * a closed descriptor). */
int	cli_finish_output(struct cli *c);

/* ---- report.c ------------------------------------------------------ */

/* Set up a run of cmd (c->cmd, its objects); cli_free() ends it. */
void	cli_init(struct cli *c, const struct cli_command *cmd);
void	cli_free(struct cli *c);

/* Whether diagnostics are coloured, from --color and the environment. */
int	cli_want_colour(enum cli_colour when);

/*
 * Print the run's diagnostics to standard error, one line each: errors
 * always, warnings and notes unless -q.  With `summarise` (build, check
 * over several pages) and without -v, only the first CLI_SHOWN warnings
 * and notes are printed, then their counts by kind.
 */
#define CLI_SHOWN 20
void	cli_print_diags(struct cli *c, int summarise);

/* Append an error of the run's own to c->diags. */
void	cli_error(struct cli *c, const char *kind, const char *file,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* 2 with any error, 1 with a warning under --strict, else 0. */
int	cli_exit_status(const struct cli *c);

/* "page" or "pages", as n says. */
const char *cli_plural(size_t n, const char *one, const char *many);

/* ---- signals.c ----------------------------------------------------- */

/* The run's temporaries, removed if SIGINT, SIGTERM or SIGHUP end it. */
tablog_temps *cli_catch_signals(void);

#endif
