/*
 * source.c - read or fetch a page's bytes and run them through reader and
 * normaliser (see source.h).
 */
#include "load/source.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/swar.h"
#include "base/utf8.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "read/structure.h"

struct tl_loader {
	struct tl_load_opts	 opts;
	/* What each reader of the table (read.h) keeps, by its index. */
	void			**readers;
	size_t			 nreaders;
	struct tl_normaliser	*norm;
	struct tl_fetch		*fetch;		/* made on the first URL */
};

struct tl_loader *
tl_loader_new(const struct tl_load_opts *opts)
{
	const struct tl_input_format *f = tl_input_formats();
	struct tl_loader *l = xcalloc(1, sizeof(*l));
	size_t i;

	/* Before the first reader is made, on whichever thread. */
	tl_read_init();
	l->opts = *opts;
	if (l->opts.max_input == 0)
		l->opts.max_input = TL_DEFAULT_MAX_INPUT;
	while (f[l->nreaders].name != NULL)
		l->nreaders++;
	l->readers = xcalloc(l->nreaders, sizeof(*l->readers));
	for (i = 0; i < l->nreaders; i++)
		if (f[i].new != NULL)
			l->readers[i] = f[i].new();
	l->norm = tl_normaliser_new(&l->opts.norm);
	return l;
}

void
tl_loader_free(struct tl_loader *l)
{
	const struct tl_input_format *f = tl_input_formats();
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nreaders; i++)
		if (f[i].free != NULL)
			f[i].free(l->readers[i]);
	free(l->readers);
	tl_normaliser_free(l->norm);
	tl_fetch_free(l->fetch);
	free(l);
}

/* Read with format f, through this loader's reader for it. */
static int
read_as(struct tl_loader *l, const struct tl_input_format *f,
    struct tl_page *page, const char *bytes, size_t len, struct tl_diags *d)
{
	return f->read(l->readers[f - tl_input_formats()], page, bytes, len,
	    d);
}

/*
 * UTF-16 with a byte-order mark becomes UTF-8 (through glibc's iconv),
 * starting with a UTF-8 byte-order mark: a BOM decides the encoding
 * before anything the page declares (WHATWG Encoding sniffing: BOM, then
 * the transport's charset, then <meta charset>), and the HTML reader
 * takes a UTF-8 BOM as that decision.
 */
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
		tl_diag_kind(d, TL_ERROR, TL_DK_ENCODING,
		    name, 0, "cannot convert %s: %s", enc,
		    strerror(errno));
		return -1;
	}
	buf_reset(out);
	out->data = xgrow(out->data, &out->cap, cap, 1);
	memcpy(out->data, "\xEF\xBB\xBF", 3);
	dst = out->data + 3;
	room = cap - 4;
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		/* Keep what converted; say where it stopped. */
		tl_diag_kind(d, TL_WARNING, TL_DK_ENCODING, name, 0,
		    "invalid %s at byte %zu; the rest is ignored", enc,
		    (size_t)(src - in));
		rc = 0;
	}
	out->len = (size_t)(dst - out->data);
	out->data[out->len] = '\0';
	iconv_close(cd);
	return rc;
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

/*
 * Whether the bytes are binary rather than a page of text: text holds no
 * NUL, so a page whose first TEXT_SNIFF bytes (after UTF-16 became UTF-8)
 * are NUL one time in ten or more is not one (a program is often half
 * NUL).  A few stray NULs in a real page are repaired by the readers,
 * with a warning; compressed data, with its one NUL in 256, gets the
 * readers' one warning about invalid UTF-8.
 */
#define TEXT_SNIFF	65536

static int
is_binary(const char *bytes, size_t len)
{
	size_t n = len < TEXT_SNIFF ? len : TEXT_SNIFF, nuls = 0;
	const char *p = bytes, *end = bytes + n;

	while (p < end && (p = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		nuls++;
		p++;
	}
	return nuls > 0 && nuls * 10 >= n;
}

static int
has_bom(const char *bytes, size_t len)
{
	const unsigned char *u = (const unsigned char *)bytes;

	return (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
	    (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF)));
}

static int
is_ascii(const char *bytes, size_t len)
{
	size_t i = 0;

	for (; len - i >= 8; i += 8)
		if (tl_word_has_high(tl_word(bytes + i)))
			return 0;
	for (; i < len; i++)
		if ((unsigned char)bytes[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * The charset the transport named, for bytes without a BOM (a BOM decides
 * first; docs/design.md "Reading pages"): the bytes become UTF-8 behind a
 * UTF-8 BOM in out, which every reader takes as the decision made, so a
 * <meta charset> no longer counts.  Bytes that are valid UTF-8 are read
 * as UTF-8 whatever the header says: a page saved as UTF-8 and served as
 * ISO-8859-1 is a wrong header, not mojibake to publish (a warning when
 * the header's charset would have read them otherwise).  A charset iconv
 * does not know is a warning, and the page's own declaration decides.
 * Returns 1 when out holds the page, 0 when the bytes stand as they are.
 */
static int
apply_charset(const char *name, const char *bytes, size_t len,
    const char *charset, struct buf *out, struct tl_diags *d)
{
	size_t n;
	long bad;

	buf_puts(out, "\xEF\xBB\xBF");
	if (tl_charset_is_utf8(charset)) {
		buf_put(out, bytes, len);
		return 1;
	}
	if (tl_utf8_find_bad(bytes, len, 0, 0, &n) == len) {
		/* ASCII reads the same in any charset but UTF-16's. */
		if (!is_ascii(bytes, len) || strncmp(charset, "utf-16", 6) == 0)
			tl_diag_kind(d, TL_WARNING, TL_DK_ENCODING, name, 0,
			    "the Content-Type says charset=%s, but the page "
			    "is UTF-8: read as UTF-8", charset);
		buf_put(out, bytes, len);
		return 1;
	}
	if ((bad = tl_charset_decode(out, charset, bytes, len)) < 0) {
		tl_diag_kind(d, TL_WARNING, TL_DK_ENCODING, name, 0,
		    "unknown charset \"%s\" in the Content-Type: ignored",
		    charset);
		buf_reset(out);
		return 0;
	}
	if (bad > 0)
		tl_diag_kind(d, TL_WARNING, TL_DK_ENCODING, name, 0,
		    "bytes not valid in %s replaced by U+FFFD (%ld)", charset,
		    bad);
	return 1;
}

struct tl_page *
tl_load_buffer(struct tl_loader *l, const char *name, const char *bytes,
    size_t len, struct tl_diags *d)
{
	return tl_load_bytes(l, name, bytes, len, NULL, d);
}

struct tl_page *
tl_load_bytes(struct tl_loader *l, const char *name, const char *bytes,
    size_t len, const struct tl_load_meta *meta, struct tl_diags *d)
{
	const struct tl_input_format *f;
	struct buf utf8 = {0}, decoded = {0};
	struct tl_page *page;
	const char *url;
	int rc;

	if (meta != NULL && meta->charset != NULL && !has_bom(bytes, len) &&
	    apply_charset(name, bytes, len, meta->charset, &decoded, d)) {
		bytes = buf_str(&decoded);
		len = decoded.len;
	}
	if (len >= 2 && (((unsigned char)bytes[0] == 0xFF &&
	    (unsigned char)bytes[1] == 0xFE) ||
	    ((unsigned char)bytes[0] == 0xFE &&
	    (unsigned char)bytes[1] == 0xFF))) {
		if (utf16_to_utf8(name, bytes, len, &utf8, d) != 0) {
			buf_free(&utf8);
			buf_free(&decoded);
			return NULL;
		}
		bytes = buf_str(&utf8);
		len = utf8.len;
	}
	if (is_binary(bytes, len)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_NOT_TEXT,
		    name, 0, "not a text page");
		buf_free(&utf8);
		buf_free(&decoded);
		return NULL;
	}
	f = l->opts.from != NULL ? l->opts.from : tl_input_detect(bytes, len);
	page = tl_page_new(name);
	/* The page's own URL: as given, else where it was fetched from
	 * (the HTML reader falls back on the page's canonical link). */
	url = l->opts.page_url != NULL ? l->opts.page_url :
	    meta != NULL ? meta->url : NULL;
	if (url != NULL)
		page->url = tl_strdup(page, url);
	rc = read_as(l, f, page, bytes, len, d);
	buf_free(&utf8);
	buf_free(&decoded);
	if (rc == 0)
		tl_read_drop_chrome(page);
	if (rc == 0 && !has_columns(page)) {
		tl_diag_kind(d, TL_ERROR, TL_DK_NO_TABLE,
		    name, 0, "no table found");
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
tl_load_found_page(struct tl_loader *l, const char *path, int follow_links,
    struct tl_diags *d)
{
	struct buf bytes = {0};
	struct tl_page *page = NULL;

	if (tl_file_read(path, TL_FILE_REGULAR |
	    (follow_links ? 0 : TL_FILE_NOFOLLOW), l->opts.max_input, &bytes,
	    d) == 0)
		page = tl_load_buffer(l, path, buf_str(&bytes), bytes.len, d);
	buf_free(&bytes);
	return page;
}

int
tl_is_url(const char *name)
{
	const char *p = name;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

void
tl_load_fetch_opts(const struct tl_load_opts *o, struct tl_fetch_opts *out)
{
	*out = o->fetch;
	out->max_body = o->max_input != 0 ? o->max_input :
	    TL_DEFAULT_MAX_INPUT;
	out->version = TL_VERSION;
}

struct tl_page *
tl_load_fetched(struct tl_loader *l, const char *name,
    const struct tl_fetch_result *res, struct tl_diags *d)
{
	struct tl_load_meta meta;

	meta.charset = res->charset;
	meta.url = res->final_url;
	return tl_load_bytes(l, name, res->body, res->len, &meta, d);
}

/* A URL: fetched (through the cache, when there is one), then read. */
static struct tl_page *
load_url(struct tl_loader *l, const char *url, struct tl_diags *d)
{
	struct tl_fetch_opts fo;
	struct tl_fetch_result res;
	struct tl_page *page = NULL;

	if (l->fetch == NULL) {
		tl_load_fetch_opts(&l->opts, &fo);
		if ((l->fetch = tl_fetch_new(&fo, d)) == NULL)
			return NULL;
	}
	if (tl_fetch_url(l->fetch, url, &res, d) == 0)
		page = tl_load_fetched(l, url, &res, d);
	tl_fetch_result_free(&res);
	return page;
}

struct tl_page *
tl_load_page(struct tl_loader *l, const char *path, struct tl_diags *d)
{
	struct buf bytes = {0};
	struct tl_page *page = NULL;

	if (tl_is_url(path))
		return load_url(l, path, d);
	if (tl_file_read(path, TL_FILE_STDIN, l->opts.max_input, &bytes,
	    d) == 0)
		page = tl_load_buffer(l, path, buf_str(&bytes), bytes.len, d);
	buf_free(&bytes);
	return page;
}
