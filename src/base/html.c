/*
 * html.c - HTML escaping (see html.h).
 */
#include "base/html.h"

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
