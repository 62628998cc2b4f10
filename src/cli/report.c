/*
 * report.c - what tablog(1) tells its user on standard error: the run's
 * diagnostics, one line each, coloured only where that helps; past a few,
 * their counts by kind instead of a flood; and the exit status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

void
cli_init(struct cli *c, const struct cli_command *cmd)
{
	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->diags = tablog_diags_new();
	c->loader = tablog_loader_new();
	c->writer = tablog_writer_new(NULL);
	c->match = tablog_match_new();
}

void
cli_free(struct cli *c)
{
	tablog_match_free(c->match);
	tablog_writer_free(c->writer);
	tablog_loader_free(c->loader);
	tablog_diags_free(c->diags);
}

/*
 * --color=auto: a terminal that can show colour (TERM set and not
 * "dumb"), and never when NO_COLOR is set (no-color.org).  An explicit
 * --color=always wins over NO_COLOR, as that convention asks.
 */
int
cli_want_colour(enum cli_colour when)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (when != CLI_COLOUR_AUTO)
		return when == CLI_COLOUR_ALWAYS;
	if (nc != NULL && *nc != '\0')
		return 0;
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDERR_FILENO);
}

const char *
cli_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* How many diagnostics of one kind. */
struct kind_count {
	const char	*kind;
	size_t		 n;
};

/* Most first; among equals, by name, so the line is the same each run. */
static int
by_count(const void *pa, const void *pb)
{
	const struct kind_count *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->kind, b->kind);
}

/* "tablog: 2038 warnings: 1200 unrecognised-date, 500 cut-row, ..." */
static void
print_kinds(const tablog_diags *d, enum tablog_severity sev,
    const char *one, const char *many)
{
	struct kind_count *v;
	size_t i, k, nkinds = 0, total = tablog_diags_count(d, sev);

	if (total == 0)
		return;
	for (nkinds = 0; tablog_diag_kind_name(nkinds) != NULL; nkinds++)
		;
	if ((v = calloc(nkinds, sizeof(*v))) == NULL)
		return;
	for (k = 0; k < nkinds; k++)
		v[k].kind = tablog_diag_kind_name(k);
	for (i = 0; i < tablog_diags_size(d); i++) {
		if (tablog_diag_severity(d, i) != sev)
			continue;
		for (k = 0; k < nkinds; k++)
			if (strcmp(v[k].kind, tablog_diag_kind(d, i)) == 0)
				break;
		if (k < nkinds)
			v[k].n++;
	}
	qsort(v, nkinds, sizeof(*v), by_count);
	fprintf(stderr, "tablog: %zu %s:", total, cli_plural(total, one, many));
	for (k = 0; k < nkinds && v[k].n > 0; k++)
		fprintf(stderr, "%s %zu %s", k ? "," : "", v[k].n, v[k].kind);
	fputc('\n', stderr);
	free(v);
}

void
cli_print_diags(struct cli *c, int summarise)
{
	const tablog_diags *d = c->diags;
	unsigned flags = cli_want_colour(c->colour_when) ? TABLOG_COLOUR : 0;
	size_t i, shown = 0, hidden = 0;
	int limit = summarise && !c->verbose;

	for (i = 0; i < tablog_diags_size(d); i++) {
		if (tablog_diag_severity(d, i) != TABLOG_ERROR) {
			if (c->quiet)
				continue;
			if (limit && shown == CLI_SHOWN) {
				hidden++;
				continue;
			}
			shown++;
		}
		tablog_diag_print(d, i, stderr, flags);
	}
	if (hidden == 0)
		return;
	print_kinds(d, TABLOG_WARNING, "warning", "warnings");
	print_kinds(d, TABLOG_NOTE, "note", "notes");
	fprintf(stderr, "tablog: %zu more not shown (-v shows every one)\n",
	    hidden);
}

void
cli_error(struct cli *c, const char *kind, const char *file,
    const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tablog_diags_add(c->diags, TABLOG_ERROR, kind, file, 0, msg);
}

int
cli_exit_status(const struct cli *c)
{
	if (tablog_diags_count(c->diags, TABLOG_ERROR) > 0)
		return EXIT_ERROR;
	if (c->strict && tablog_diags_count(c->diags, TABLOG_WARNING) > 0)
		return EXIT_FINDINGS;
	return EXIT_OK;
}
