/*
 * html.h - escaping text for HTML, the one implementation.
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

#endif
