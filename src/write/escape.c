/*
 * escape.c - quoting for HTML, Markdown, CSV (see escape.h); HTML's
 * escaping itself is base/html.c's, shared with the template engine.
 */
#include "write/escape.h"

#include <string.h>

#include "base/html.h"
#include "base/utf8.h"

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

/* Text [from, to) of s as GFM cell text (esc_md_cell()); the ends of the
 * range count as word edges. */
static void
md_text(struct buf *out, const char *s, size_t from, size_t to)
{
	size_t i, run;

	for (i = from; i < to; i++) {
		/* Most bytes need nothing: copy them a run at a time. */
		run = strcspn(s + i, "|\\<*`[]~_&\n\r");
		if (run > 0) {
			if (run > to - i)
				run = to - i;
			buf_put(out, s + i, run);
			i += run - 1;
			continue;
		}
		switch (s[i]) {
		case '|': case '\\': case '<': case '*': case '`': case '[':
		case ']': case '~':
			buf_putc(out, '\\');
			buf_putc(out, s[i]);
			break;
		case '_':
			/* Inside a word (user_impersonation) it is text. */
			if (i == from || i + 1 >= to ||
			    !is_word_byte(s[i - 1]) || !is_word_byte(s[i + 1]))
				buf_putc(out, '\\');
			buf_putc(out, '_');
			break;
		case '&':
			md_amp(out, s + i);
			break;
		case '\n':
			buf_puts(out, "<br>");
			break;
		case '\r':
			/* A line end too: it would end the table row. */
			buf_putc(out, ' ');
			break;
		default:
			buf_putc(out, s[i]);
		}
	}
}

void
esc_md_cell(struct buf *out, const char *s)
{
	md_text(out, s, 0, strlen(s));
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

/* esc_md_code() of len bytes of s; in a table cell, '|' as "\\|" (which
 * the table extension reads as '|', in a code span too). */
static void
md_code(struct buf *out, const char *s, size_t len, int in_table)
{
	size_t longest = 0, run = 0, i, n;
	int pad, all_space = 1;

	/* An empty code span cannot be written: "``" is two backticks. */
	if (len == 0)
		return;
	for (i = 0; i < len; i++) {
		run = (s[i] == '`') ? run + 1 : 0;
		if (run > longest)
			longest = run;
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r')
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
	for (i = 0; i < len; i++) {
		if (s[i] == '|' && in_table)
			buf_putc(out, '\\');
		buf_putc(out, (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
	}
	if (pad)
		buf_putc(out, ' ');
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
}

void
esc_md_code(struct buf *out, const char *s)
{
	md_code(out, s, strlen(s), 0);
}

/* ---- cells with markup --------------------------------------------- */

/* What a cell with markup is written with, into out. */
struct marked {
	struct buf		*out;
	const char		*s;	/* the cell's text */
	const struct tl_mark	*v;	/* its marks */
	int			 md;	/* GFM, else HTML */
	int			 in_table;
};

static int
is_list_mark(unsigned kind)
{
	return kind == TL_MARK_LIST || kind == TL_MARK_OLIST ||
	    kind == TL_MARK_ITEM;
}

/* HTML text with each '\n' shown as <br>. */
static void
html_lines(struct buf *out, const char *s, size_t len)
{
	const char *nl, *end = s + len;

	while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		tl_html_escape(out, s, (size_t)(nl - s));
		buf_puts(out, "<br>");
		s = nl + 1;
	}
	tl_html_escape(out, s, (size_t)(end - s));
}

/*
 * Text [from, to) of the cell.  A line break next to a list or an item
 * is the list's own boundary, not a <br>: drop_first and drop_last say
 * where one is.
 */
static void
marked_text(struct marked *c, size_t from, size_t to, int drop_first,
    int drop_last)
{
	if (drop_first && from < to && c->s[from] == '\n')
		from++;
	if (drop_last && to > from && c->s[to - 1] == '\n')
		to--;
	if (from >= to)
		return;
	if (c->md)
		md_text(c->out, c->s, from, to);
	else
		html_lines(c->out, c->s + from, to - from);
}

static void render_mark(struct marked *c, size_t i, size_t end_i);

/*
 * Text [from, to) with marks i .. end_i - 1 (all inside it).  list_start
 * and list_end say whether a list boundary is just before from and just
 * after to.
 */
static void
render_range(struct marked *c, size_t from, size_t to, size_t i,
    size_t end_i, int list_start, int list_end)
{
	size_t pos = from, j;
	int prev_list = list_start;

	while (i < end_i) {
		const struct tl_mark *m = &c->v[i];

		for (j = i + 1; j < end_i && c->v[j].start < m->end; j++)
			continue;
		marked_text(c, pos, m->start, prev_list,
		    is_list_mark(m->kind));
		render_mark(c, i, j);
		prev_list = is_list_mark(m->kind);
		pos = m->end;
		i = j;
	}
	marked_text(c, pos, to, prev_list, list_end);
}

/* Is the character at s (first) or ending at s + len (last) a letter or
 * a digit, as CommonMark's emphasis rules see it?  Unsure is no. */
static int
word_char(const char *s, size_t len, int last)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t at = 0, n;
	long cp;

	if (len == 0)
		return 0;
	if (last) {
		at = len - 1;
		while (at > 0 && len - at < 4 && (u[at] & 0xC0) == 0x80)
			at--;
	}
	if (u[at] < 0x80)
		return (u[at] >= 'a' && u[at] <= 'z') ||
		    (u[at] >= 'A' && u[at] <= 'Z') ||
		    (u[at] >= '0' && u[at] <= '9');
	if ((n = tl_utf8_decode(u + at, len - at, &cp)) == 0)
		return 0;
	/* Punctuation and spaces in the blocks that hold them. */
	return !(cp <= 0xBF || cp == 0xD7 || cp == 0xF7 ||
	    (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	    (cp >= 0xFF5B && cp <= 0xFF65));
}

/*
 * Strong or emphasis in GFM: "**x**" or "*x*" where CommonMark is sure
 * to read them so (the text inside starts and ends with a letter or a
 * digit, and no '*' is just before), else <strong> or <em>, which it
 * reads as they are.
 */
static void
md_emphasis(struct marked *c, size_t i, size_t end_i, const char *delim,
    const char *tag)
{
	const struct tl_mark *m = &c->v[i];
	struct buf inner = {0}, *out = c->out;
	struct marked sub = *c;

	sub.out = &inner;
	render_range(&sub, m->start, m->end, i + 1, end_i, 0, 0);
	if (word_char(inner.data, inner.len, 0) &&
	    word_char(inner.data, inner.len, 1) &&
	    (out->len == 0 || out->data[out->len - 1] != '*')) {
		buf_puts(out, delim);
		buf_put(out, inner.data, inner.len);
		buf_puts(out, delim);
	} else {
		buf_printf(out, "<%s>", tag);
		buf_put(out, inner.data, inner.len);
		buf_printf(out, "</%s>", tag);
	}
	buf_free(&inner);
}

/* A link target in GFM: ( ) and & backslash-escaped (so that nothing in
 * it is read as a character reference), and | as %7C so that no table
 * cell ends inside it. */
static void
md_url(struct buf *out, const char *url)
{
	for (; *url != '\0'; url++) {
		if (*url == '(' || *url == ')' || *url == '&') {
			buf_putc(out, '\\');
			buf_putc(out, *url);
		} else if (*url == '|')
			buf_puts(out, "%7C");
		else
			buf_putc(out, *url);
	}
}

/* Where a superscript's text starts: after the '^' (or a subscript's
 * '_') that sets it off from the text before it (model/table.h). */
static size_t
content_start(const struct marked *c, const struct tl_mark *m)
{
	char glue = m->kind == TL_MARK_SUP ? '^' : '_';

	if (m->start > 0 && c->s[m->start] == glue &&
	    c->s[m->start - 1] != ' ' && c->s[m->start - 1] != '\n' &&
	    m->end > m->start + 1)
		return m->start + 1;
	return m->start;
}

static void
render_mark(struct marked *c, size_t i, size_t end_i)
{
	static const char *const tags[TL_MARK_NKINDS] = {
		[TL_MARK_CODE] = "code", [TL_MARK_STRONG] = "strong",
		[TL_MARK_EM] = "em", [TL_MARK_SUP] = "sup",
		[TL_MARK_SUB] = "sub", [TL_MARK_LIST] = "ul",
		[TL_MARK_OLIST] = "ol", [TL_MARK_ITEM] = "li",
	};
	const struct tl_mark *m = &c->v[i];
	struct buf *out = c->out;
	size_t from = m->start;
	int list = m->kind == TL_MARK_LIST || m->kind == TL_MARK_OLIST;

	switch (m->kind) {
	case TL_MARK_LINK:
		if (m->href == NULL || !tl_url_allowed(m->href)) {
			render_range(c, m->start, m->end, i + 1, end_i, 0, 0);
			return;
		}
		if (c->md) {
			/* "![" would make an image. */
			if (out->len > 0 && out->data[out->len - 1] == '!') {
				out->data[out->len - 1] = '\\';
				buf_putc(out, '!');
			}
			buf_putc(out, '[');
			render_range(c, m->start, m->end, i + 1, end_i, 0, 0);
			buf_puts(out, "](");
			md_url(out, m->href);
			buf_putc(out, ')');
		} else {
			buf_puts(out, "<a href=\"");
			tl_html_escape(out, m->href, strlen(m->href));
			buf_puts(out, "\">");
			render_range(c, m->start, m->end, i + 1, end_i, 0, 0);
			buf_puts(out, "</a>");
		}
		return;
	case TL_MARK_CODE:
		/* Code holds text only: marks inside it are not kept. */
		if (c->md) {
			md_code(out, c->s + m->start, m->end - m->start,
			    c->in_table);
			return;
		}
		buf_puts(out, "<code>");
		html_lines(out, c->s + m->start, m->end - m->start);
		buf_puts(out, "</code>");
		return;
	case TL_MARK_STRONG:
	case TL_MARK_EM:
		if (c->md) {
			md_emphasis(c, i, end_i,
			    m->kind == TL_MARK_STRONG ? "**" : "*",
			    tags[m->kind]);
			return;
		}
		break;
	case TL_MARK_SUP:
	case TL_MARK_SUB:
		from = content_start(c, m);
		break;
	case TL_MARK_LIST:
	case TL_MARK_OLIST:
	case TL_MARK_ITEM:
		break;
	default:
		render_range(c, m->start, m->end, i + 1, end_i, 0, 0);
		return;
	}
	buf_printf(out, "<%s>", tags[m->kind]);
	render_range(c, from, m->end, i + 1, end_i, list, list);
	buf_printf(out, "</%s>", tags[m->kind]);
}

static void
render_marked(struct buf *out, const char *s, const struct tl_markup *m,
    int md, int in_table)
{
	struct marked c = { out, s, m != NULL ? m->v : NULL, md, in_table };

	render_range(&c, 0, strlen(s), 0, m != NULL ? m->n : 0, 0, 0);
}

void
esc_md_marked(struct buf *out, const char *s, const struct tl_markup *m,
    int in_table)
{
	render_marked(out, s, m, 1, in_table);
}

void
esc_html_marked(struct buf *out, const char *s, const struct tl_markup *m)
{
	render_marked(out, s, m, 0, 0);
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
