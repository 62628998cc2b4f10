/*
 * escape.c - quoting for HTML, Markdown, CSV (see escape.h).
 */
#include "write/escape.h"

#include <string.h>

void
esc_html(struct buf *out, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_put(out, run, (size_t)(s - run));
		buf_puts(out, rep);
		run = s + 1;
	}
	buf_put(out, run, (size_t)(s - run));
}

void
esc_html_lines(struct buf *out, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		struct buf line = {0};

		buf_put(&line, s, (size_t)(nl - s));
		esc_html(out, buf_str(&line));
		buf_puts(out, "<br>");
		buf_free(&line);
		s = nl + 1;
	}
	esc_html(out, s);
}

static int
is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

void
esc_md_cell(struct buf *out, const char *s)
{
	const char *start = s;
	size_t run;

	for (; *s != '\0'; s++) {
		/* Most bytes need nothing: copy them a run at a time. */
		if ((run = strcspn(s, "|\\<*`[]~_&\n")) > 0) {
			buf_put(out, s, run);
			s += run - 1;
			continue;
		}
		switch (*s) {
		case '|': case '\\': case '<': case '*': case '`': case '[':
		case ']': case '~':
			buf_putc(out, '\\');
			buf_putc(out, *s);
			break;
		case '_':
			/* Inside a word (user_impersonation) it is text. */
			if (s == start || !is_word_byte(s[-1]) ||
			    !is_word_byte(s[1]))
				buf_putc(out, '\\');
			buf_putc(out, '_');
			break;
		case '&':
			/* Only where it could be read back as an entity. */
			if ((s[1] >= 'a' && s[1] <= 'z') ||
			    (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '#')
				buf_putc(out, '\\');
			buf_putc(out, '&');
			break;
		case '\n':
			buf_puts(out, "<br>");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

void
esc_md_inline(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '>': case '#':
			buf_putc(out, '\\');
			buf_putc(out, *s);
			break;
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '\n':
			buf_putc(out, ' ');
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

void
esc_md_code(struct buf *out, const char *s)
{
	size_t longest = 0, run = 0, i, n;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		run = (*p == '`') ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	n = longest + 1;
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
	/* A space keeps a leading or trailing backtick from joining the fence. */
	if (longest > 0)
		buf_putc(out, ' ');
	for (p = s; *p != '\0'; p++)
		buf_putc(out, *p == '\n' ? ' ' : *p);
	if (longest > 0)
		buf_putc(out, ' ');
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
}

static int
csv_needs_guard(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r';
}

void
esc_csv(struct buf *out, const char *s, int raw)
{
	size_t len = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	int guard = !raw && csv_needs_guard(s);
	const char *q;

	if (guard)
		quote = quote || s[0] == '\t';
	if (!quote) {
		if (guard)
			buf_putc(out, '\'');
		buf_put(out, s, len);
		return;
	}
	buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	/* Copy up to and including each '"', then double it. */
	while ((q = memchr(s, '"', len)) != NULL) {
		buf_put(out, s, (size_t)(q - s) + 1);
		buf_putc(out, '"');
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	buf_put(out, s, len);
	buf_putc(out, '"');
}
