/*
 * file.h - reading a whole file, safely: the one reader of files for
 * pages, templates and alias lists.
 *
 * What may be read is said by flags, so that every caller gets the same
 * checks in the same order: a folder is refused before anything is read,
 * and so is a regular file larger than the limit (a file whose size is
 * not known, such as a pipe, is cut off at the limit while it is read).
 */
#ifndef TABLOG_FILE_H
#define TABLOG_FILE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

/* "-" names standard input. */
#define TL_FILE_STDIN		0x1
/*
 * Only a regular file is read.  For a file that may have been swapped
 * for something else since it was found (tablog build walks a folder):
 * it is opened without blocking, so a FIFO put in its place cannot hang
 * the open, and then refused, as is a device.
 */
#define TL_FILE_REGULAR		0x2
/* A symbolic link is refused, not followed. */
#define TL_FILE_NOFOLLOW	0x4

/*
 * Append all of the file at `path` to out, refusing folders, anything
 * over `max` bytes and whatever `flags` (above) rule out.  Without
 * TL_FILE_REGULAR any other kind of file (a FIFO, a device) is read as
 * `cat` would.  0, or -1 with an error naming path in d.
 */
int	tl_file_read(const char *path, unsigned flags, size_t max,
	    struct buf *out, struct tl_diags *d);

/* The error for an input of more than max bytes, said one way wherever
 * bytes come from (a file, a repository's blob). */
void	tl_file_too_big(const char *name, size_t max, struct tl_diags *d);

#endif
