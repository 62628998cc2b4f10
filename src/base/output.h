/*
 * output.h - files that appear whole or not at all.
 *
 * Every file tablog writes goes through an outfile: the text is written
 * to a temporary file in the destination's folder, which is renamed over
 * the destination only once everything was written and closed without
 * error.  On failure the temporary is removed and any previous file at the
 * destination is left untouched, so a reader never sees half a file.
 */
#ifndef TABLOG_OUTPUT_H
#define TABLOG_OUTPUT_H

#include <stdio.h>

#include "model/table.h"

struct tl_outfile {
	char	*path;		/* destination */
	char	*tmp;		/* temporary beside it */
	FILE	*fp;		/* write here */
};

/* Open a temporary for `path`; 0 or -1 with a diagnostic. */
int	tl_outfile_open(struct tl_outfile *o, const char *path,
	    struct tl_diags *d);
/* Flush, close and rename into place; 0 or -1 with a diagnostic.  The
 * outfile is released either way. */
int	tl_outfile_commit(struct tl_outfile *o, struct tl_diags *d);
/* Give up: close and remove the temporary. */
void	tl_outfile_abort(struct tl_outfile *o);

/* Check and flush a stream written to; 0 or -1 with a diagnostic naming
 * `what` (e.g. "standard output"). */
int	tl_stream_finish(FILE *fp, const char *what, struct tl_diags *d);

/* Create a folder and its parents (like mkdir -p); 0 or -1. */
int	tl_mkdirs(const char *path, struct tl_diags *d);

#endif
