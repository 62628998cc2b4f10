/*
 * site.h - `tablog build`: a folder of pages into a small static site.
 *
 *	OUTDIR/index.html                  pages, row counts, latest update
 *	OUTDIR/changelog.md, changelog.html, feed.xml
 *	OUTDIR/all.csv, all.json           every row, `page` column first
 *	OUTDIR/<slug>/index.html, table.md, table.csv, table.json, changelog.md
 *
 * With `since`, the site changelog and feed open with "Detected changes":
 * every page diffed against the previous build's all.json (since.h).
 *
 * With `sources`, the pages of a list of URLs (sources.h) are fetched, in
 * parallel by one client, beside or instead of the pages under indir;
 * with `archive`, each one's bytes are committed to a git repository when
 * they changed, and a source whose fetch fails is built from the version
 * the archive holds (docs/design.md "Fetching").
 *
 * Pages are read and written by a pool of threads; everything that depends
 * on more than one page (slugs, combined files) is done in input order by
 * the calling thread, so the output is the same whatever the thread count.
 */
#ifndef TABLOG_SITE_H
#define TABLOG_SITE_H

#include "load/source.h"
#include "model/table.h"
#include "write/write.h"

struct tl_build_opts {
	const char	*indir;		/* NULL: none (sources only) */
	const char	*outdir;
	const char	*sources;	/* --sources FILE, or NULL (sources.h) */
	const char	*archive;	/* --archive REPO, or NULL */
	int		 per_host;	/* fetches at once to one host (0: 2) */
	double		 delay;		/* seconds between two to one host */
	int		 jobs;		/* threads; 0 for one per core */
	int		 follow_links;	/* follow symbolic links in indir */
	const char	*templates_dir;	/* --templates, or NULL */
	int		 strict_templates; /* --strict: missing names warn */
	const char	*title;		/* site title, or NULL */
	const char	*date;		/* --date YYYY-MM-DD, or NULL */
	const char	*since;		/* --since PREV: a previous OUTDIR */
	const char	*detected_date;	/* date of the detected changes */
	/* --git REPO: build from the repository's tree at git_rev (NULL:
	 * HEAD) under git_paths (none: all of it), with each page's history
	 * (site_git.c); indir is then not read. */
	const char	*git;
	const char	*git_rev;
	const char *const *git_paths;
	size_t		 ngit_paths;
	struct tl_load_opts	load;
	struct tl_write_opts	write;	/* csv, base_url, oldest_first */
	/* Called (from any thread, one call at a time) as pages finish. */
	void		(*progress)(void *ctx, size_t done, size_t total);
	void		*progress_ctx;
};

struct tl_build_stats {
	size_t	pages;		/* pages found */
	size_t	built;		/* pages written */
	size_t	rows;
	size_t	warnings;
	size_t	errors;
};

/* Whether a file is read as a page: .md, .markdown, .html, .htm (any
 * case). */
int	tl_site_page_name(const char *name);

/*
 * Build the site.  Per-page problems are appended to d in input order and
 * the page is skipped; returns 0 when every page was built, -1 otherwise
 * (or when the site itself could not be written).
 */
int	tl_build(const struct tl_build_opts *o, struct tl_diags *d,
	    struct tl_build_stats *stats);

#endif
