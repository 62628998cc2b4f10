/*
 * structure.c - chrome headings and tables, legend rows, note words
 * (see structure.h).
 */
#include "read/structure.h"

#include <string.h>
#include <strings.h>

#include "base/space.h"
#include "base/utf8.h"

/* [*s, *s + *len) without white space (Unicode spaces too) at its ends. */
static void
trim_unicode(const char **s, size_t *len)
{
	const unsigned char *u;
	size_t n;
	long cp;

	for (;;) {
		u = (const unsigned char *)*s;
		if (*len == 0 || (n = tl_utf8_decode(u, *len, &cp)) == 0 ||
		    !tl_is_unicode_space(cp))
			break;
		*s += n;
		*len -= n;
	}
	while (*len > 0) {
		size_t back = 1;

		u = (const unsigned char *)*s;
		while (back < *len && back < 4 &&
		    (u[*len - back] & 0xC0) == 0x80)
			back++;
		if ((n = tl_utf8_decode(u + *len - back, back, &cp)) != back ||
		    !tl_is_unicode_space(cp))
			break;
		*len -= back;
	}
}

/* s (len bytes) is one of list, ASCII case ignored, ends trimmed. */
static int
in_list(const char *s, size_t len, const char *const *list)
{
	trim_unicode(&s, &len);
	for (; *list != NULL; list++)
		if (strlen(*list) == len && strncasecmp(s, *list, len) == 0)
			return 1;
	return 0;
}

int
tl_read_chrome_heading(const char *text, size_t len)
{
	static const char *const chrome[] = {
		"In this article", "Share via", "Feedback",
		"Additional resources", "On this page", "Table of contents",
		"In this section", "Was this page helpful?",
		"Was this page helpful", "Theme",
		"Submit and view feedback for",
		NULL,
	};

	return in_list(text, len, chrome);
}

int
tl_read_has_token(const char *s, const char *word)
{
	size_t n = strlen(word);

	while (s != NULL && *s != '\0') {
		while (tl_is_space((unsigned char)*s))
			s++;
		if (strncmp(s, word, n) == 0 &&
		    (s[n] == '\0' || tl_is_space((unsigned char)s[n])))
			return 1;
		while (*s != '\0' && !tl_is_space((unsigned char)*s))
			s++;
	}
	return 0;
}

/* An inline style that hides: display:none or visibility:hidden, white
 * space and case aside. */
static int
style_hides(const char *style)
{
	static const char *const hiding[] = {
		"display:none", "visibility:hidden",
	};
	size_t i, k;
	const char *p;

	for (i = 0; i < sizeof(hiding) / sizeof(hiding[0]); i++)
		for (p = style; *p != '\0'; p++) {
			const char *q = p;

			for (k = 0; hiding[i][k] != '\0' && *q != '\0'; q++) {
				if (tl_is_space((unsigned char)*q))
					continue;
				if ((*q | 0x20) != hiding[i][k] &&
				    *q != hiding[i][k])
					break;
				k++;
			}
			if (hiding[i][k] == '\0')
				return 1;
		}
	return 0;
}

int
tl_read_hides(const char *hidden, const char *aria_hidden, const char *style,
    const char *cls)
{
	static const char *const classes[] = {
		"hidden", "visually-hidden", "visuallyhidden", "sr-only",
		"screen-reader-text", "screen-reader-only", "d-none",
		"is-hidden", "sxs-lookup",
	};
	size_t i;

	if (hidden != NULL)
		return 1;
	if (aria_hidden != NULL && strcasecmp(aria_hidden, "true") == 0)
		return 1;
	if (style != NULL && style_hides(style))
		return 1;
	for (i = 0; cls != NULL && i < sizeof(classes) / sizeof(classes[0]);
	    i++)
		if (tl_read_has_token(cls, classes[i]))
			return 1;
	return 0;
}

/* U+1F4CC PUSHPIN */
#define PUSHPIN "\xF0\x9F\x93\x8C"

int
tl_read_legend_row(const char *const *cells, size_t n)
{
	size_t i, found = 0;

	for (i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		size_t len = strlen(s);

		trim_unicode(&s, &len);
		if (len == 0)
			continue;
		if (len < 4 || memcmp(s, PUSHPIN, 4) != 0)
			return 0;
		found++;
	}
	return found > 0;
}

int
tl_read_note_word(const char *text, size_t len)
{
	static const char *const words[] = {
		"Note", "Notes", "Tip", "Tips", "Important", "Warning",
		"Caution", "Attention", "Remark", "Hinweis", "Wichtig",
		"Remarque", "Nota", "Importante", "Aviso",
		"\xE6\xB3\xA8",				/* 注 */
		"\xE6\xB3\xA8\xE6\x84\x8F",		/* 注意 */
		"\xE3\x83\xA1\xE3\x83\xA2",		/* メモ */
		"\xE9\x87\x8D\xE8\xA6\x81",		/* 重要 */
		NULL,
	};

	trim_unicode(&text, &len);
	if (len > 0 && text[len - 1] == ':')
		len--;
	else if (len >= 3 && memcmp(text + len - 3, "\xEF\xBC\x9A", 3) == 0)
		len -= 3;	/* a full-width colon */
	return in_list(text, len, words);
}

int
tl_read_blank(const char *s)
{
	size_t len = strlen(s);

	trim_unicode(&s, &len);
	return len == 0;
}

/* Does s hold needle (lowercase ASCII), ignoring ASCII case? */
static int
has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

static int
feedback_widget(const struct tl_table *t)
{
	size_t i, k;

	for (k = 0; k < t->ncolumns; k++)
		if (has_ci(t->columns[k].header, "was this page helpful"))
			return 1;
	for (i = 0; i < t->nrows && i < 4; i++)
		for (k = 0; k < t->ncolumns; k++)
			if (has_ci(t->rows[i].cells[k],
			    "was this page helpful"))
				return 1;
	return 0;
}

static int
file_listing(const struct tl_table *t)
{
	size_t k;
	int name = 0, message = 0;

	for (k = 0; k < t->ncolumns; k++) {
		const char *h = t->columns[k].header;
		size_t len = strlen(h);

		trim_unicode(&h, &len);
		if (len == 4 && strncasecmp(h, "name", 4) == 0)
			name = 1;
		else if (has_ci(h, "last commit message"))
			message = 1;
	}
	return name && message;
}

static int
one_column_box(const struct tl_table *t)
{
	const char *h;

	if (t->ncolumns != 1)
		return 0;
	h = t->columns[0].header;
	if (tl_read_blank(h) || tl_read_note_word(h, strlen(h)))
		return 1;
	return t->nrows > 0 &&
	    tl_read_note_word(t->rows[0].cells[0], strlen(t->rows[0].cells[0]));
}

void
tl_read_drop_chrome(struct tl_page *page)
{
	size_t i = 0;

	tl_page_drop_empty_tables(page);
	while (i < page->ntables) {
		const struct tl_table *t = &page->tables[i];

		if (feedback_widget(t) || file_listing(t) || one_column_box(t))
			tl_page_remove_table(page, i);
		else
			i++;
	}
}
