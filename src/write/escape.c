/*
 * escape.c - quoting for HTML, Markdown, CSV (see escape.h); HTML's
 * escaping itself is base/html.c's, shared with the template engine.
 */
#include "write/escape.h"

#include <string.h>

#include "base/html.h"

void
esc_html(struct buf *out, const char *s)
{
	tl_html_escape(out, s, strlen(s));
}

void
esc_html_lines(struct buf *out, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		tl_html_escape(out, s, (size_t)(nl - s));
		buf_puts(out, "<br>");
		s = nl + 1;
	}
	tl_html_escape(out, s, strlen(s));
}

/* An & (at s) is escaped only where it could be read back as an entity:
 * before a letter or '#'. */
static void
md_amp(struct buf *out, const char *s)
{
	if ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') ||
	    s[1] == '#')
		buf_putc(out, '\\');
	buf_putc(out, '&');
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
		if ((run = strcspn(s, "|\\<*`[]~_&\n\r")) > 0) {
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
			md_amp(out, s);
			break;
		case '\n':
			buf_puts(out, "<br>");
			break;
		case '\r':
			/* A line end too: it would end the table row. */
			buf_putc(out, ' ');
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

/*
 * Whether text appended to out starts a block: its last line so far holds
 * only indentation and block markers ("", "- ", "  - ", "> ", "## ",
 * "1. "), so a leading '-', '+', '=', "1." or indentation in the text
 * would be read as a list, a heading underline or code.
 */
static int
at_block_start(const struct buf *out)
{
	size_t i;

	for (i = out->len; i > 0 && out->data[i - 1] != '\n'; i--)
		if (strchr(" \t>-+*#0123456789.)", out->data[i - 1]) == NULL)
			return 0;
	return 1;
}

/* The start of s as text that starts no block; returns where to go on. */
static const char *
md_block_start(struct buf *out, const char *s)
{
	const char *p;

	/* Four spaces would make code: indentation as character
	 * references, which are text. */
	for (; *s == ' ' || *s == '\t'; s++)
		buf_puts(out, *s == ' ' ? "&#32;" : "&#9;");
	if (*s == '-' || *s == '+' || *s == '=') {
		buf_putc(out, '\\');
		buf_putc(out, *s);
		return s + 1;
	}
	/* "1." and "1)" start an ordered list. */
	for (p = s; *p >= '0' && *p <= '9'; p++)
		continue;
	if (p > s && (*p == '.' || *p == ')')) {
		buf_put(out, s, (size_t)(p - s));
		buf_putc(out, '\\');
		buf_putc(out, *p);
		return p + 1;
	}
	return s;
}

void
esc_md_inline(struct buf *out, const char *s)
{
	size_t run;

	if (at_block_start(out))
		s = md_block_start(out, s);
	for (; *s != '\0'; s++) {
		/* Most bytes need nothing: copy them a run at a time. */
		if ((run = strcspn(s, "\\`*_[]<>#|~&\n\r")) > 0) {
			buf_put(out, s, run);
			s += run - 1;
			continue;
		}
		switch (*s) {
		case '&':
			md_amp(out, s);
			break;
		case '\n':
		case '\r':
			/* A line break would end the line the template put the
			 * value on, and could start a block. */
			buf_putc(out, ' ');
			break;
		default:
			buf_putc(out, '\\');
			buf_putc(out, *s);
		}
	}
}

void
esc_md_code(struct buf *out, const char *s)
{
	size_t longest = 0, run = 0, len = strlen(s), i, n;
	int pad, all_space = 1;
	const char *p;

	/* An empty code span cannot be written: "``" is two backticks. */
	if (len == 0)
		return;
	for (p = s; *p != '\0'; p++) {
		run = (*p == '`') ? run + 1 : 0;
		if (run > longest)
			longest = run;
		if (*p != ' ' && *p != '\n' && *p != '\r')
			all_space = 0;
	}
	/*
	 * CommonMark strips one space from each end of a code span that
	 * starts and ends with one, unless it is all spaces: pad content
	 * that starts or ends with a backtick (which would join the fence)
	 * or a space (which would be stripped), and, to be easy to read,
	 * any that holds a backtick.
	 */
	pad = !all_space && (longest > 0 || s[0] == ' ' || s[0] == '\n' ||
	    s[0] == '\r' || s[len - 1] == ' ' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r');
	n = longest + 1;
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
	if (pad)
		buf_putc(out, ' ');
	/* Line breaks as spaces (what CommonMark makes of them anyway): a
	 * break could end the paragraph and with it the span. */
	for (p = s; *p != '\0'; p++)
		buf_putc(out, (*p == '\n' || *p == '\r') ? ' ' : *p);
	if (pad)
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
