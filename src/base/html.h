/*
 * html.h - escaping text for HTML, the one implementation; and which
 * link targets may be links.
 *
 * The template engine escapes `{{name}}` with it by default (Mustache's
 * rule, for HTML templates) and the writers escape cells with it
 * (write/escape.h): both must agree, so there is one.
 */
#ifndef TABLOG_HTML_H
#define TABLOG_HTML_H

#include <stddef.h>

struct buf;

/*
 * Append `len` bytes of s to out, fit for HTML text and for attribute
 * values in either quotes: & < > " ' as &amp; &lt; &gt; &quot; &#39;,
 * every other byte (NUL included) as it is.
 */
void	tl_html_escape(struct buf *out, const char *s, size_t len);

/*
 * A link target as a browser reads it, appended to out: ASCII control
 * characters and spaces at either end dropped, tab, LF and CR dropped
 * anywhere ("java\tscript:" is "javascript:" to a browser), other
 * control characters, spaces and " < > ` \ as %XX.
 */
void	tl_url_clean(struct buf *out, const char *href);
/*
 * Whether a cleaned target may be a link in what tablog writes: an http,
 * https or mailto URL (any case), or a relative one (no scheme: no ':'
 * before the first '/', '?' or '#').  Anything else (javascript:, data:,
 * vbscript:, file:) is shown as text, never linked; so is a target with
 * an '&' before its first '/', '?' or '#', where a character reference
 * left undecoded ("javascript&colon;") could become a scheme.
 */
int	tl_url_allowed(const char *url);

#endif
