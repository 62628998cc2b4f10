/*
 * source.c - read a page's bytes and run them through reader and
 * normaliser (see source.h).
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>

#include "buf.h"
#include "xalloc.h"

/* tl_detect_format() looks for a <table> this far past the first tag. */
#define DETECT_SCAN	65536
/* Bigger inputs are read in pieces when they can be (see load_stream). */
#define FIRST_PIECE	(4 * DETECT_SCAN)
#define PIECE		65536

struct tl_loader {
	struct tl_load_opts	 opts;
	struct tl_md_reader	*md;
	struct tl_normaliser	*norm;
};

void
tl_read_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	xmlInitParser();
}

struct tl_loader *
tl_loader_new(const struct tl_load_opts *opts)
{
	struct tl_loader *l = xcalloc(1, sizeof(*l));

	l->opts = *opts;
	if (l->opts.max_input == 0)
		l->opts.max_input = TL_DEFAULT_MAX_INPUT;
	l->md = tl_md_reader_new();
	l->norm = tl_normaliser_new(&l->opts.norm);
	return l;
}

void
tl_loader_free(struct tl_loader *l)
{
	if (l == NULL)
		return;
	tl_md_reader_free(l->md);
	tl_normaliser_free(l->norm);
	free(l);
}

/*
 * Read fd into out until it holds `want` bytes or more, or the input ends
 * (*eof set), refusing more than max bytes in all.
 */
static int
read_some(int fd, const char *name, size_t max, size_t want, struct buf *out,
    int *eof, struct tl_diags *d)
{
	char chunk[65536];
	ssize_t n;

	*eof = 0;
	while (out->len < want) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tl_diag(d, TL_ERROR, name, 0, "cannot read: %s",
			    strerror(errno));
			return -1;
		}
		if (n == 0) {
			*eof = 1;
			return 0;
		}
		if (out->len + (size_t)n > max) {
			tl_diag(d, TL_ERROR, name, 0,
			    "input larger than the limit of %zu bytes "
			    "(see --max-input-size)", max);
			return -1;
		}
		buf_put(out, chunk, (size_t)n);
	}
	return 0;
}

/* Read all of fd into out, refusing more than max bytes. */
static int
read_all(int fd, const char *name, size_t max, struct buf *out,
    struct tl_diags *d)
{
	int eof;

	return read_some(fd, name, max, SIZE_MAX, out, &eof, d);
}

/* An input being read: its descriptor, and where it started if seekable. */
struct input {
	int	 fd;
	int	 own;		/* ours to close (not standard input) */
	off_t	 start;		/* -1: cannot seek back */
};

/* Open path ("-": standard input), refusing folders and oversized files. */
static int
open_input(const char *path, size_t max, struct input *in, struct tl_diags *d)
{
	struct stat st;

	in->own = 0;
	in->start = -1;
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
		in->start = lseek(in->fd, 0, SEEK_CUR);
		return 0;
	}
	in->fd = open(path, O_RDONLY);
	if (in->fd < 0) {
		tl_diag(d, TL_ERROR, path, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	in->own = 1;
	if (fstat(in->fd, &st) != 0) {
		tl_diag(d, TL_ERROR, path, 0, "cannot read: %s",
		    strerror(errno));
		close(in->fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		tl_diag(d, TL_ERROR, path, 0, "is a folder, not a page");
		close(in->fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		tl_diag(d, TL_ERROR, path, 0,
		    "input larger than the limit of %zu bytes "
		    "(see --max-input-size)", max);
		close(in->fd);
		return -1;
	}
	if (S_ISREG(st.st_mode))
		in->start = lseek(in->fd, 0, SEEK_CUR);
	return 0;
}

static void
close_input(struct input *in)
{
	if (in->own)
		close(in->fd);
}

int
tl_read_file(const char *path, size_t max, struct buf *out, struct tl_diags *d)
{
	struct input in;
	int rc;

	if (open_input(path, max, &in, d) != 0)
		return -1;
	rc = read_all(in.fd, path, max, out, d);
	close_input(&in);
	return rc;
}

/* UTF-16 with a byte-order mark becomes UTF-8 (through glibc's iconv). */
static int
utf16_to_utf8(const char *name, const char *in, size_t len, struct buf *out,
    struct tl_diags *d)
{
	const char *enc = ((unsigned char)in[0] == 0xFF) ? "UTF-16LE" :
	    "UTF-16BE";
	iconv_t cd = iconv_open("UTF-8", enc);
	char *src = (char *)in + 2, *dst;
	size_t left = len - 2, room, cap = len * 2 + 16;
	int rc = 0;

	if (cd == (iconv_t)-1) {
		tl_diag(d, TL_ERROR, name, 0, "cannot convert %s: %s", enc,
		    strerror(errno));
		return -1;
	}
	buf_reset(out);
	out->data = xgrow(out->data, &out->cap, cap, 1);
	dst = out->data;
	room = cap - 1;
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		/* Keep what converted; say where it stopped. */
		tl_diag(d, TL_WARNING, name, 0,
		    "invalid %s at byte %zu; the rest is ignored", enc,
		    (size_t)(src - in));
		rc = 0;
	}
	out->len = (size_t)(dst - out->data);
	out->data[out->len] = '\0';
	iconv_close(cd);
	return rc;
}

static int
starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* Where the first tag or text is: past a UTF-8 BOM and white space. */
static size_t
lead_len(const char *bytes, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' ||
	    bytes[i] == '\r' || bytes[i] == '\n'))
		i++;
	return i;
}

enum tl_format
tl_detect_format(const char *bytes, size_t len)
{
	size_t i = lead_len(bytes, len), scan;

	if (starts_with_ci(bytes + i, len - i, "<!doctype html") ||
	    starts_with_ci(bytes + i, len - i, "<html") ||
	    starts_with_ci(bytes + i, len - i, "<?xml") ||
	    starts_with_ci(bytes + i, len - i, "<table") ||
	    starts_with_ci(bytes + i, len - i, "<head") ||
	    starts_with_ci(bytes + i, len - i, "<body") ||
	    starts_with_ci(bytes + i, len - i, "<meta"))
		return TL_FORMAT_HTML;
	/*
	 * A page that opens with some other tag (a fragment: <div>, <nav>,
	 * <h1>, a comment) is HTML if it holds a <table> early on and no line
	 * that starts like a GFM delimiter row.
	 */
	if (i < len && bytes[i] == '<') {
		scan = len - i < DETECT_SCAN ? len - i : DETECT_SCAN;
		for (size_t k = i; k + 6 <= i + scan; k++)
			if (bytes[k] == '<' &&
			    starts_with_ci(bytes + k, len - k, "<table"))
				return TL_FORMAT_HTML;
	}
	return TL_FORMAT_MD;
}

/* A table with no columns at all (`<table></table>`) is no table. */
static int
has_columns(const struct tl_page *page)
{
	size_t i;

	for (i = 0; i < page->ntables; i++)
		if (page->tables[i].ncolumns > 0)
			return 1;
	return 0;
}

/* After the reader: no table is an error; otherwise normalise. */
static struct tl_page *
finish_page(struct tl_loader *l, struct tl_page *page, int rc,
    struct tl_diags *d)
{
	if (rc == 0 && !has_columns(page)) {
		tl_diag(d, TL_ERROR, page->source, 0, "no table found");
		rc = -1;
	}
	if (rc == 0)
		rc = tl_normalise(l->norm, page, d);
	if (rc != 0) {
		tl_page_free(page);
		return NULL;
	}
	return page;
}

struct tl_page *
tl_load_buffer(struct tl_loader *l, const char *name, const char *bytes,
    size_t len, struct tl_diags *d)
{
	struct buf utf8 = {0};
	struct tl_page *page;
	enum tl_format fmt;
	int rc;

	if (len >= 2 && (((unsigned char)bytes[0] == 0xFF &&
	    (unsigned char)bytes[1] == 0xFE) ||
	    ((unsigned char)bytes[0] == 0xFE &&
	    (unsigned char)bytes[1] == 0xFF))) {
		if (utf16_to_utf8(name, bytes, len, &utf8, d) != 0) {
			buf_free(&utf8);
			return NULL;
		}
		bytes = buf_str(&utf8);
		len = utf8.len;
	}
	fmt = l->opts.format != TL_FORMAT_AUTO ? l->opts.format :
	    tl_detect_format(bytes, len);
	page = tl_page_new(name);
	if (fmt == TL_FORMAT_HTML)
		rc = tl_read_html(page, bytes, len, d);
	else
		rc = tl_read_md(l->md, page, bytes, len, d);
	buf_free(&utf8);
	return finish_page(l, page, rc, d);
}

/*
 * Can the input whose first bytes are `first` be read in pieces?  Only
 * HTML can, when the first bytes settle the format, and only from an
 * input we can read again from the start (see load_stream).
 */
static int
can_stream(const struct tl_loader *l, const struct input *in,
    const struct buf *first)
{
	const unsigned char *u = (const unsigned char *)first->data;

	if (in->start < 0 || first->len < FIRST_PIECE)
		return 0;
	if ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))
		return 0;
	if (l->opts.format != TL_FORMAT_AUTO)
		return l->opts.format == TL_FORMAT_HTML;
	/* Past the tag the detector may look at, all it reads is here. */
	if (lead_len(first->data, first->len) + DETECT_SCAN + 16 > first->len)
		return 0;
	return tl_detect_format(first->data, first->len) == TL_FORMAT_HTML;
}

/*
 * Feed the HTML reader the bytes read so far, then the rest of the input
 * a piece at a time, so that neither we nor libxml2 hold the whole page.
 * Returns the reader's result, TL_READ_WHOLE included, or -1 after a
 * read error, which is appended to `errs`.
 */
static int
stream_html(struct tl_page *page, const char *path, size_t max, int fd,
    struct buf *first, struct tl_diags *d, struct tl_diags *errs)
{
	struct tl_html_stream *s = tl_html_stream_new(page, d);
	size_t total = first->len;
	char *piece = xmalloc(PIECE);
	ssize_t n;
	int rc;

	rc = tl_html_stream_feed(s, first->data, first->len);
	buf_free(first);
	while (rc == 0) {
		n = read(fd, piece, PIECE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tl_diag(errs, TL_ERROR, path, 0, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else if (n == 0) {
			break;
		} else if (total + (size_t)n > max) {
			tl_diag(errs, TL_ERROR, path, 0,
			    "input larger than the limit of %zu bytes "
			    "(see --max-input-size)", max);
			rc = -1;
		} else {
			total += (size_t)n;
			rc = tl_html_stream_feed(s, piece, (size_t)n);
		}
	}
	free(piece);
	if (rc == 0)
		return tl_html_stream_end(s);
	tl_html_stream_abort(s);
	return rc;
}

/*
 * Read a big HTML input in pieces.  When the reader asks for all the
 * bytes at once (a charset to convert, bytes to repair), what it made of
 * the first pieces is thrown away and the input is read again, whole.
 */
static struct tl_page *
load_stream(struct tl_loader *l, const char *path, struct input *in,
    struct buf *first, struct tl_diags *d)
{
	struct tl_diags errs = {0};
	struct tl_page *page = tl_page_new(path);
	struct buf bytes = {0};
	size_t nd = d->n;
	int rc;

	rc = stream_html(page, path, l->opts.max_input, in->fd, first, d,
	    &errs);
	if (rc == 0)
		return finish_page(l, page, rc, d);
	tl_page_free(page);
	tl_diags_truncate(d, nd);
	/* Read errors are kept; a request to read it whole has none. */
	tl_diags_move(d, &errs);
	if (rc != TL_READ_WHOLE)
		return NULL;
	if (lseek(in->fd, in->start, SEEK_SET) != in->start) {
		tl_diag(d, TL_ERROR, path, 0, "cannot read: %s",
		    strerror(errno));
		return NULL;
	}
	page = NULL;
	if (read_all(in->fd, path, l->opts.max_input, &bytes, d) == 0)
		page = tl_load_buffer(l, path, buf_str(&bytes), bytes.len, d);
	buf_free(&bytes);
	return page;
}

struct tl_page *
tl_load_page(struct tl_loader *l, const char *path, struct tl_diags *d)
{
	struct buf bytes = {0};
	struct tl_page *page = NULL;
	struct input in;
	int eof;

	if (open_input(path, l->opts.max_input, &in, d) != 0)
		return NULL;
	if (read_some(in.fd, path, l->opts.max_input, FIRST_PIECE, &bytes,
	    &eof, d) != 0)
		goto done;
	if (!eof && can_stream(l, &in, &bytes)) {
		page = load_stream(l, path, &in, &bytes, d);
		goto done;
	}
	if (read_all(in.fd, path, l->opts.max_input, &bytes, d) == 0)
		page = tl_load_buffer(l, path, buf_str(&bytes), bytes.len, d);
done:
	buf_free(&bytes);
	close_input(&in);
	return page;
}
