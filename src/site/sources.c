/*
 * sources.c - the list of pages `build --sources FILE` fetches, and the
 * archive's path for each (see sources.h).
 */
#include "site/sources.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/file.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "fetch/fetch.h"
#include "load/source.h"
#include "site/permissions.h"

/* One line's words: up to three (a third is an error). */
struct words {
	const char	*w[3];
	size_t		 len[3];
	size_t		 n;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Split the line into words; a word starting with '#' ends it. */
static void
split(const char *p, const char *end, struct words *w)
{
	memset(w, 0, sizeof(*w));
	for (;;) {
		const char *start;

		while (p < end && is_blank(*p))
			p++;
		if (p == end || *p == '#' || w->n == 3)
			return;
		start = p;
		while (p < end && !is_blank(*p))
			p++;
		w->w[w->n] = start;
		w->len[w->n++] = (size_t)(p - start);
	}
}

/* Lowercase ASCII letters and digits joined by single '-'. */
static int
slug_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > TL_SLUG_MAX || s[0] == '-' || s[len - 1] == '-')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '-' && s[i + 1] == '-')
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	}
	return 1;
}

struct reading {
	struct tl_sources *s;
	const char	*path;
	struct tl_diags	*d;
	struct tl_map	 urls, slugs, paths;	/* -> their index in s */
	struct buf	 tmp, shown;
	int		 archive;
	int		 bad;
};

static void
bad_line(struct reading *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad_line(struct reading *r, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_vdiag_kind(r->d, TL_ERROR, TL_DK_SOURCES, r->path, line, fmt, ap);
	va_end(ap);
	r->bad = 1;
}

/* A word as a message quotes it: one line, at most an excerpt. */
static const char *
shown(struct reading *r, const char *s, size_t len)
{
	char *copy = xstrndup(s, len);

	tl_diag_excerpt(&r->shown, copy);
	free(copy);
	return buf_str(&r->shown);
}

static void
add_line(struct reading *r, unsigned line, const struct words *w)
{
	struct tl_source src;
	size_t earlier;

	if (w->n == 3) {
		bad_line(r, line, "a line is a URL and an optional slug; '%s' "
		    "is one word too many", shown(r, w->w[2], w->len[2]));
		return;
	}
	memset(&src, 0, sizeof(src));
	src.url = xstrndup(w->w[0], w->len[0]);
	src.line = line;
	buf_reset(&r->tmp);
	/* libcurl would say "Bad scheme" of a URL without one, and never
	 * sees past a NUL. */
	if (memchr(w->w[0], '\0', w->len[0]) != NULL)
		buf_puts(&r->tmp, "not a URL (a NUL byte)");
	else if (!tl_is_url(src.url))
		buf_puts(&r->tmp, "not a URL (no http:// or https://)");
	if (r->tmp.len > 0 || tl_fetch_check_url(src.url, &r->tmp) != 0) {
		bad_line(r, line, "%s: %s", shown(r, w->w[0], w->len[0]),
		    buf_str(&r->tmp));
		goto drop;
	}
	if (w->n == 2 && !slug_ok(w->w[1], w->len[1])) {
		bad_line(r, line, "bad slug '%s': lowercase ASCII letters and "
		    "digits joined by single '-', at most %d bytes",
		    shown(r, w->w[1], w->len[1]), TL_SLUG_MAX);
		goto drop;
	}
	if (w->n == 2 && w->len[1] == strlen(TL_PERMISSIONS_DIR) &&
	    memcmp(w->w[1], TL_PERMISSIONS_DIR, w->len[1]) == 0) {
		bad_line(r, line, "slug '%s' is the folder of the site's "
		    "permission pages", TL_PERMISSIONS_DIR);
		goto drop;
	}
	if (w->n == 2)
		src.slug = xstrndup(w->w[1], w->len[1]);
	if (tl_map_get(&r->urls, src.url, &earlier)) {
		bad_line(r, line, "%s is already on line %u",
		    shown(r, w->w[0], w->len[0]), r->s->v[earlier].line);
		goto drop;
	}
	if (src.slug != NULL && tl_map_get(&r->slugs, src.slug, &earlier)) {
		bad_line(r, line, "slug '%s' is already line %u's", src.slug,
		    r->s->v[earlier].line);
		goto drop;
	}
	buf_reset(&r->tmp);
	tl_archive_base(&r->tmp, src.url, src.slug);
	src.archive = xstrdup(buf_str(&r->tmp));
	if (r->archive && tl_map_get(&r->paths, src.archive, &earlier)) {
		bad_line(r, line, "archived at the same path as line %u (%s); "
		    "give one of them a slug", r->s->v[earlier].line,
		    src.archive);
		goto drop;
	}
	r->s->v = xgrow(r->s->v, &r->s->cap, r->s->n + 1, sizeof(*r->s->v));
	r->s->v[r->s->n] = src;
	/* The keys are the strings of the list: they do not move. */
	tl_map_put(&r->urls, src.url, r->s->n);
	if (src.slug != NULL)
		tl_map_put(&r->slugs, src.slug, r->s->n);
	tl_map_put(&r->paths, src.archive, r->s->n);
	r->s->n++;
	return;
drop:
	free(src.url);
	free(src.slug);
	free(src.archive);
}

int
tl_sources_read(struct tl_sources *s, const char *path, size_t max,
    int archive, struct tl_diags *d)
{
	struct reading r;
	struct buf text = {0};
	const char *p, *end, *nl;
	unsigned line = 0;

	memset(s, 0, sizeof(*s));
	if (tl_file_read(path, TL_FILE_STDIN, max, &text, d) != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.path = path;
	r.d = d;
	r.archive = archive;
	p = buf_str(&text);
	end = p + text.len;
	while (p < end) {
		struct words w;

		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		split(p, nl, &w);
		if (w.n > 0)
			add_line(&r, line, &w);
		p = nl + (nl < end);
	}
	tl_map_free(&r.urls);
	tl_map_free(&r.slugs);
	tl_map_free(&r.paths);
	buf_free(&r.tmp);
	buf_free(&r.shown);
	buf_free(&text);
	return r.bad ? -1 : 0;
}

void
tl_sources_free(struct tl_sources *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].url);
		free(s->v[i].slug);
		free(s->v[i].archive);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- the archive's paths ------------------------------------------- */

static int
ends_with_ci(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && strncasecmp(s + len - n, suffix, n) == 0;
}

/* One segment of the path, made safe (see sources.h). */
static void
put_segment(struct buf *out, const char *s, size_t len, int last)
{
	static const char *const page_exts[] = { ".html", ".htm", ".md",
	    ".markdown" };
	size_t i;

	if (last)
		for (i = 0; i < sizeof(page_exts) / sizeof(page_exts[0]); i++)
			if (ends_with_ci(s, len, page_exts[i])) {
				len -= strlen(page_exts[i]);
				break;
			}
	if (len > 0 && s[0] == '.')
		buf_putc(out, '_');
	for (i = 0; i < len; i++) {
		char c = s[i];

		buf_putc(out, (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ?
		    c : '_');
	}
	/* A folder never takes the name a page's file could have. */
	if (!last && (ends_with_ci(s, len, ".html") ||
	    ends_with_ci(s, len, ".md")))
		buf_putc(out, '_');
}

void
tl_archive_base(struct buf *out, const char *url, const char *slug)
{
	const char *p, *host, *hend, *at, *path, *pend, *query, *qend, *seg,
	    *send;
	size_t i, start, n, k;
	int index;

	if (slug != NULL) {
		buf_puts(out, slug);
		return;
	}
	p = strstr(url, "://");
	host = p != NULL ? p + 3 : url;
	hend = host + strcspn(host, "/?#");
	/* Credentials are not part of where a page is. */
	for (at = host; (p = memchr(at, '@', (size_t)(hend - at))) != NULL;)
		at = p + 1;
	host = at;
	start = out->len;
	for (p = host; p < hend; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf_putc(out, (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '-' ? c : '_');
	}
	if (out->len == start || out->data[start] == '.')
		buf_puts(out, "_");
	path = hend;
	pend = path + strcspn(path, "?#");
	query = *pend == '?' ? pend + 1 : NULL;
	qend = query != NULL ? query + strcspn(query, "#") : NULL;
	/* The non-empty segments: folders, then the page's file, unless the
	 * path ends in '/' (or is empty): then the file is `index`. */
	for (n = 0, seg = path; seg < pend; seg = send + 1) {
		send = memchr(seg, '/', (size_t)(pend - seg));
		if (send == NULL)
			send = pend;
		n += send > seg;
	}
	index = path == pend || pend[-1] == '/';
	for (k = 0, seg = path; seg < pend; seg = send + 1) {
		send = memchr(seg, '/', (size_t)(pend - seg));
		if (send == NULL)
			send = pend;
		if (send == seg)
			continue;
		buf_putc(out, '/');
		put_segment(out, seg, (size_t)(send - seg), ++k == n && !index);
	}
	if (index)
		buf_puts(out, "/index");
	if (query != NULL && qend > query) {
		buf_putc(out, '_');
		for (i = 0; query + i < qend; i++) {
			char c = query[i];

			buf_putc(out, (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			    c == '.' || c == '-' || c == '_' ? c : '_');
		}
	}
}

const char *
tl_archive_ext(const char *content_type, const char *format)
{
	size_t n;

	if (content_type != NULL) {
		n = strcspn(content_type, "; \t");
		if ((n == 9 && strncasecmp(content_type, "text/html", 9) == 0) ||
		    (n == 21 && strncasecmp(content_type,
		    "application/xhtml+xml", 21) == 0))
			return ".html";
		if ((n == 13 && strncasecmp(content_type, "text/markdown",
		    13) == 0) || (n == 15 && strncasecmp(content_type,
		    "text/x-markdown", 15) == 0))
			return ".md";
	}
	return format != NULL && strcmp(format, "html") == 0 ? ".html" : ".md";
}
