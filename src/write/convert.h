/*
 * convert.h - one page into one or all output formats.
 *
 * The table of output formats lives here: each has a name (`-f NAME`),
 * the file it gets in an output folder, and its writer.
 */
#ifndef TABLOG_CONVERT_H
#define TABLOG_CONVERT_H

#include <stdio.h>

#include "base/diag.h"
#include "write/view.h"
#include "write/write.h"

struct tl_output_format {
	const char	*name;		/* as given to -f */
	const char	*file;		/* its name in an output folder */
	/* The writer (write.h): view, templates, stream, diagnostics. */
	int		(*write)(const struct tl_view *, struct tl_renderer *,
			    FILE *, struct tl_diags *);
	int		binary;		/* never written to a terminal */
};

/* The format called `name`, or NULL. */
const struct tl_output_format *tl_output_format(const char *name);
/* All formats, terminated by an entry with a NULL name. */
const struct tl_output_format *tl_output_formats(void);

/*
 * Write one format to a stream (`what` names it in diagnostics, e.g.
 * "standard output"), with the templates r of the calling thread (r may
 * be NULL for a format that uses none).  A binary format refuses a
 * terminal: an error, and nothing written.
 */
int	tl_convert_stream(const struct tl_view *v, struct tl_renderer *r,
	    const struct tl_output_format *f, FILE *fp, const char *what,
	    struct tl_diags *d);
/* Write one format to a file, atomically: a path as the user gave it
 * (tl_outfile_open()), or a name in a folder tablog writes to, open as
 * dirfd (tl_outfile_openat(); `shown` names it in diagnostics). */
int	tl_convert_file(const struct tl_view *v, struct tl_renderer *r,
	    const struct tl_output_format *f, const char *path,
	    struct tl_diags *d);
int	tl_convert_fileat(const struct tl_view *v, struct tl_renderer *r,
	    const struct tl_output_format *f, int dirfd, const char *name,
	    const char *shown, struct tl_diags *d);
/*
 * Write the given formats (all when n == 0) into folder `dir` (created
 * when missing), rendered on `jobs` threads (0: one per core), each file
 * atomically and through a descriptor of the folder.  The calling thread
 * renders with r; each other thread with a copy of it (render.h: a
 * renderer is one thread's).  The result is what writing them one by one
 * would give: the formats before the first that fails are written, those
 * after it left as they were.
 */
int	tl_convert_dir(const struct tl_view *v, struct tl_renderer *r,
	    const struct tl_output_format *const *fmts, size_t n,
	    const char *dir, int jobs, struct tl_diags *d);

#endif
