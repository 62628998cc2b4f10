/*
 * html.c - HTML escaping and link targets (see html.h).
 */
#include "base/html.h"

#include <string.h>
#include <strings.h>

#include "base/buf.h"

/* What each byte becomes; NULL: itself.  A table, so that the common
 * byte costs one load and one test. */
static const struct {
	const char	*text;
	unsigned char	 len;
} escapes[256] = {
	['&'] = { "&amp;", 5 },
	['<'] = { "&lt;", 4 },
	['>'] = { "&gt;", 4 },
	['"'] = { "&quot;", 6 },
	['\''] = { "&#39;", 5 },
};

void
tl_html_escape(struct buf *out, const char *s, size_t len)
{
	const char *run = s, *end = s + len;

	for (; s < end; s++) {
		if (escapes[(unsigned char)*s].text == NULL)
			continue;
		buf_put(out, run, (size_t)(s - run));
		buf_put(out, escapes[(unsigned char)*s].text,
		    escapes[(unsigned char)*s].len);
		run = s + 1;
	}
	buf_put(out, run, (size_t)(end - run));
}

/* The bytes a browser drops from either end of a URL: C0 and space. */
static int
url_edge(unsigned char c)
{
	return c <= ' ';
}

void
tl_url_clean(struct buf *out, const char *href)
{
	const unsigned char *s = (const unsigned char *)href;
	size_t len = strlen(href);

	while (len > 0 && url_edge(*s)) {
		s++;
		len--;
	}
	while (len > 0 && url_edge(s[len - 1]))
		len--;
	buf_put(out, "", 0);
	for (; len > 0; s++, len--) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if (*s <= ' ' || *s == 0x7F || *s == '"' || *s == '<' ||
		    *s == '>' || *s == '`' || *s == '\\')
			buf_printf(out, "%%%02X", *s);
		else
			buf_putc(out, (char)*s);
	}
}

int
tl_url_allowed(const char *url)
{
	size_t n = strcspn(url, ":/?#");

	/* "javascript&colon;" is a scheme to whatever decodes it later. */
	if (memchr(url, '&', n) != NULL)
		return 0;
	if (url[n] != ':')
		return 1;	/* relative: no scheme */
	return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(url, "https", 5) == 0) ||
	    (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}
