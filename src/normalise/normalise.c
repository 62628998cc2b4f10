/*
 * normalise.c - from raw cells to canonical fields (see normalise.h).
 *
 * Readers hand over text as the page had it.  This file is the one place
 * that decides what that text means: it folds white space and repairs
 * UTF-8, maps header cells to fields (the words of other languages are
 * vocab.c's), splits permission cells, reads other vendors' table shapes
 * (shapes.c), finds the dates in date cells, drops exact duplicate rows
 * and names the page.
 *
 * Every pass is linear in the size of the page: dates are found with one
 * left-to-right PCRE2 scan per cell, balanced parentheses are matched by a
 * backward scan rather than a recursive pattern, and duplicate rows and
 * column keys are found through hash tables.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "normalise/normalise.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/space.h"
#include "base/swar.h"
#include "base/utf8.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "normalise/shapes.h"
#include "normalise/vocab.h"

struct tl_normaliser {
	char			*date_column;	/* copy of the option, or NULL */
	int			 normalize_dates;	/* --normalize-dates */
	struct tl_vocab		*vocab;		/* words of other languages */
	struct buf		 scratch;	/* for month names */
	pcre2_code		*re_date;	/* every date form, one scan */
	pcre2_code		*re_name;	/* a permission name */
	pcre2_code		*re_qualifier;	/* "(preview)" contents */
	pcre2_code		*re_bracket;	/* "... [preview]" at the end */
	pcre2_code		*re_text;	/* a letter or a digit */
	pcre2_match_data	*md;
};

/* ---- patterns ------------------------------------------------------ */

/*
 * A month name or abbreviation, in any language vocab.c knows, not
 * followed by a letter; `@` stands for it in date_pattern and is replaced
 * by the names when the pattern is compiled.
 */
#define MONTH_NAME "@"

/*
 * One alternative per date form, in two branches so that most positions
 * fail on their first character: forms that start with a digit, and
 * forms that start with a month name.  Each guards its own edges
 * ("2023年" has no word boundary under UCP, so \b would not do) and uses
 * [0-9] because \d would also match full-width digits.  Groups:
 *   1 day, 2 month name, 3 year            5 December 2023, 13. Juli
 *                                          2021, 1er juillet 2023,
 *                                          12 de enero de 2023
 *   4 year, 5 month, 6 day (optional)      2023 年 12 月 (5 日)
 *   7 year, 8 separator, 9 month, 10 day   2023-12-05, 2023/12/05
 *   11 year, 12 month                      2023-12, 2023/12
 *   13 month, 14 year                      12/2023
 *   15 month name, then 16 day, 17 year    December 5, 2023
 *                  or 18 year              December 2023, julio de 2023
 *                  or 19 day, 20 year      Aug-04-21, Aug-04-2021
 */
static const char date_pattern[] =
	"(?=[0-9])(?<![0-9])(?:"
	    "(?<!\\p{L})([0-9]{1,2})(?:\\.|er)?\\s*(?:de\\s+)?" MONTH_NAME
		",?\\s*(?:de\\s+)?([0-9]{4})(?![0-9])"
	    "|([0-9]{4})\\s*\xE5\xB9\xB4\\s*([0-9]{1,2})\\s*\xE6\x9C\x88"
		"(?:\\s*([0-9]{1,2})\\s*\xE6\x97\xA5)?"
	    "|([0-9]{4})([-/])([0-9]{1,2})\\g{-2}([0-9]{1,2})(?![0-9])"
	    "|([0-9]{4})[-/]([0-9]{1,2})(?![0-9])"
	    "|(?<!/)([0-9]{1,2})/([0-9]{4})(?![0-9]))"
	"|(?<!\\p{L})" MONTH_NAME "(?:"
	    "\\s*([0-9]{1,2})(?:st|nd|rd|th)?,?\\s+([0-9]{4})(?![0-9])"
	    "|,?\\s*(?:de\\s+)?([0-9]{4})(?![0-9])"
	    "|-([0-9]{1,2})-([0-9]{2}(?:[0-9]{2})?)(?![0-9]))";

/* A permission name: no white space, no brackets. */
static const char name_pattern[] = "\\A[^\\s()\\[\\]]+\\z";
/* What "Name (qualifier)(Display)" may hold as a qualifier. */
static const char qualifier_pattern[] =
	"\\A[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,39}\\z";
/* "Read and write to the Yammer platform [preview]". */
static const char bracket_pattern[] =
	"\\s*\\[\\s*(preview|beta|deprecated)\\s*\\]\\s*\\z";
/* Text that says something, unlike "-" or an em dash. */
static const char text_pattern[] = "[\\p{L}\\p{N}]";

static pcre2_code *
compile(const char *pattern, uint32_t flags)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    flags | PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (re != NULL)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* date_pattern with the month names in place of each `@`. */
static void
date_pattern_text(struct buf *out)
{
	const char *p;

	for (p = date_pattern; *p != '\0'; p++) {
		if (*p != '@') {
			buf_putc(out, *p);
			continue;
		}
		buf_puts(out, "(");
		tl_vocab_month_pattern(out);
		buf_puts(out, ")(?!\\p{L})\\.?");
	}
}

struct tl_normaliser *
tl_normaliser_new(const struct tl_norm_opts *opts)
{
	struct tl_normaliser *n = xcalloc(1, sizeof(*n));
	struct buf pattern = {0};

	if (opts != NULL && opts->date_column != NULL)
		n->date_column = xstrdup(opts->date_column);
	if (opts != NULL)
		n->normalize_dates = opts->normalize_dates;
	n->vocab = tl_vocab_new();
	date_pattern_text(&pattern);
	n->re_date = compile(buf_str(&pattern), PCRE2_CASELESS);
	buf_free(&pattern);
	n->re_name = compile(name_pattern, 0);
	n->re_qualifier = compile(qualifier_pattern, 0);
	n->re_bracket = compile(bracket_pattern, PCRE2_CASELESS);
	n->re_text = compile(text_pattern, 0);
	if (n->re_date == NULL || n->re_name == NULL ||
	    n->re_qualifier == NULL || n->re_bracket == NULL ||
	    n->re_text == NULL) {
		tl_normaliser_free(n);
		return NULL;
	}
	/* The date pattern has the most groups; one match data fits all. */
	n->md = pcre2_match_data_create_from_pattern(n->re_date, NULL);
	if (n->md == NULL) {
		tl_normaliser_free(n);
		return NULL;
	}
	return n;
}

void
tl_normaliser_free(struct tl_normaliser *n)
{
	if (n == NULL)
		return;
	free(n->date_column);
	tl_vocab_free(n->vocab);
	buf_free(&n->scratch);
	pcre2_code_free(n->re_date);
	pcre2_code_free(n->re_name);
	pcre2_code_free(n->re_qualifier);
	pcre2_code_free(n->re_bracket);
	pcre2_code_free(n->re_text);
	pcre2_match_data_free(n->md);
	free(n);
}

/* Subjects are valid UTF-8 (folded) whenever this is called. */
static int
match(struct tl_normaliser *n, pcre2_code *re, const char *s, size_t len,
    size_t start)
{
	return pcre2_match(re, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK,
	    n->md, NULL);
}

/* ---- text folding -------------------------------------------------- */

#define BAD_UTF8 (-1L)

/*
 * Decode the sequence at s.  An ill-formed one gives *cp = BAD_UTF8 and
 * is consumed a maximal subpart at a time (utf8.h), each to become one
 * U+FFFD.
 */
static size_t
utf8_next(const unsigned char *s, size_t len, long *cp)
{
	size_t n = tl_utf8_decode(s, len, cp);

	if (n > 0)
		return n;
	*cp = BAD_UTF8;
	return tl_utf8_ill_len(s, len);
}

static int
utf8_valid(const char *s, size_t len)
{
	size_t n;

	return tl_utf8_find_bad(s, len, 0, 0, &n) == len;
}

enum char_class { CH_TEXT, CH_SPACE, CH_NEWLINE, CH_DROP };

static enum char_class
classify(long cp)
{
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
		return CH_NEWLINE;
	/* \v and \f separate words rather than vanish; see space.h. */
	if (tl_is_unicode_space(cp))
		return CH_SPACE;
	/*
	 * C0, DEL, C1 and the byte-order mark carry no text, nor do the
	 * noncharacters (U+FDD0-FDEF, U+xFFFE, U+xFFFF), which XML forbids:
	 * one in a title would make the Atom feed unreadable.
	 */
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0xFEFF || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE)
		return CH_DROP;
	return CH_TEXT;
}

/*
 * tl_fold_text(), and where each byte of s went: pos[i] is the length of
 * out before byte i was read (white space owed is written only before the
 * text that follows it), pos[len] its length at the end.  pos may be NULL.
 */
static void
fold_text(struct buf *out, const char *s, size_t len, int *repaired,
    size_t *pos)
{
	const unsigned char *u = (const unsigned char *)s;
	int pend_space = 0, pend_nl = 0, line_text = 0;
	size_t i = 0, n, k, base;
	long cp;

	if (repaired != NULL)
		*repaired = 0;
	buf_put(out, "", 0);	/* NUL-terminated even when nothing is kept */
	base = out->len;
	while (i < len) {
		n = utf8_next(u + i, len - i, &cp);
		if (pos != NULL)
			for (k = 0; k < n; k++)
				pos[i + k] = out->len - base;
		if (cp == BAD_UTF8) {
			if (repaired != NULL)
				*repaired = 1;
		} else {
			switch (classify(cp)) {
			case CH_NEWLINE:
				if (line_text)
					pend_nl = 1;
				line_text = pend_space = 0;
				i += n;
				continue;
			case CH_SPACE:
				if (line_text)
					pend_space = 1;
				i += n;
				continue;
			case CH_DROP:
				i += n;
				continue;
			case CH_TEXT:
				break;
			}
		}
		if (pend_nl)
			buf_putc(out, '\n');
		else if (pend_space)
			buf_putc(out, ' ');
		pend_nl = pend_space = 0;
		line_text = 1;
		if (cp == BAD_UTF8)
			buf_put(out, "\xEF\xBF\xBD", 3);
		else {
			/* Copy a run of printable ASCII at once: most text. */
			while (i + n < len && u[i + n] > ' ' && u[i + n] < 0x7F)
				n++;
			if (pos != NULL)
				for (k = 1; k < n; k++)
					pos[i + k] = out->len - base + k;
			buf_put(out, s + i, n);
		}
		i += n;
	}
	if (pos != NULL)
		pos[len] = out->len - base;
}

void
tl_fold_text(struct buf *out, const char *s, size_t len, int *repaired)
{
	fold_text(out, s, len, repaired, NULL);
}

/*
 * Are the 8 bytes at u printable ASCII and spaces, no two spaces side by
 * side, and a space first only after text (*after_text)?  Sets
 * *after_text for the next byte.
 */
static int
is_folded8(const unsigned char *u, int *after_text)
{
	const uint64_t lows = TL_BYTES(0x7F);
	uint64_t w = tl_word(u), x, sp;

	if (tl_word_has_high(w) || tl_word_has_below(w, 0x20) ||
	    tl_word_has(w, 0x7F))
		return 0;
	/* Exactly the bytes that are spaces, as high bits. */
	x = w ^ TL_BYTES(0x20);
	sp = ~(((x & lows) + lows) | x) & TL_BYTES(0x80);
	if ((sp & (sp << 8)) != 0 || (u[0] == ' ' && !*after_text))
		return 0;
	*after_text = u[7] != ' ';
	return 1;
}

/*
 * Would tl_fold_text() give s back unchanged?  True for most cells: valid
 * UTF-8 text with single ASCII spaces and newlines between words and none
 * at either end.  Checking is cheaper than folding into a copy.
 */
static int
is_folded(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	int after_text = 0;
	long cp;

	while (i < len) {
		if (len - i >= 8 && is_folded8(u + i, &after_text)) {
			i += 8;
			continue;
		}
		if (u[i] > ' ' && u[i] < 0x7F) {
			after_text = 1;
			i++;
			continue;
		}
		if (u[i] == ' ' || u[i] == '\n') {
			/* Kept only between text: not first, not doubled. */
			if (!after_text)
				return 0;
			after_text = 0;
			i++;
			continue;
		}
		if (u[i] < 0x80)
			return 0;
		if ((n = tl_utf8_decode(u + i, len - i, &cp)) == 0 ||
		    classify(cp) != CH_TEXT)
			return 0;
		after_text = 1;
		i += n;
	}
	return len == 0 || after_text;
}

/* ---- headers ------------------------------------------------------- */

/*
 * Header names are compared in vocab.h's form (case, width and accents
 * folded, punctuation dropped), against the words of every language
 * vocab.c lists; shapes.c adds "Name (anything)".
 */
int
tl_header_field(const char *header)
{
	struct tl_vocab *v = tl_vocab_new();
	struct buf folded = {0}, tmp = {0};
	int field, ordered;

	tl_fold_text(&folded, header, strlen(header), NULL);
	field = tl_shape_header(v, buf_str(&folded), &ordered, &tmp);
	buf_free(&folded);
	buf_free(&tmp);
	tl_vocab_free(v);
	return field;
}

/*
 * Lowercase ASCII letters and digits; runs of anything else -> sep; at
 * most max bytes.  A word that does not fit is dropped whole when an
 * earlier separator allows it, so that a long title loses its tail, not
 * half a word.
 */
static void
slug(struct buf *out, const char *s, char sep, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len, last_sep = 0;
	int pending = 0;

	buf_put(out, "", 0);
	for (; *p != '\0'; p++) {
		char c;

		if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p - 'A' + 'a');
		else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else {
			pending = out->len > start;
			continue;
		}
		if (out->len - start + (size_t)pending + 1 > max) {
			if (!pending && last_sep > start)
				out->len = last_sep;
			break;
		}
		if (pending) {
			last_sep = out->len;
			buf_putc(out, sep);
		}
		pending = 0;
		buf_putc(out, c);
	}
	out->data[out->len] = '\0';
}

void
tl_header_slug(struct buf *out, const char *header)
{
	tl_vocab_key(out, header, '_');
}

void
tl_slugify(struct buf *out, const char *title)
{
	slug(out, title, '-', 80);
}

/* ---- column keys --------------------------------------------------- */

/*
 * Column keys become JSON member names and CSV headers beside the
 * canonical fields and the other members of a row object (context.h) and
 * the site-wide `page` column, so those names are never extra keys.
 */
/*
 * The keys taken in a table, each mapped to the next suffix to try after
 * a clash with it (2 at first).
 */
static void
key_take(struct tl_map *taken, const char *key)
{
	if (!tl_map_get(taken, key, NULL))
		tl_map_put(taken, key, 2);
}

/* A key for an extra column: its slug, made unique with `_2`, `_3`... */
static const char *
extra_key(struct tl_page *page, struct tl_map *taken, const char *header,
    size_t col, struct buf *tmp)
{
	const char *key;
	size_t blen, next;

	buf_reset(tmp);
	tl_header_slug(tmp, header);
	if (tmp->len == 0)
		buf_printf(tmp, "column_%zu", col + 1);
	if (tl_map_get(taken, buf_str(tmp), &next)) {
		blen = tmp->len;
		for (;; next++) {
			tmp->len = blen;
			tmp->data[blen] = '\0';
			/* The base key's counter: only its value changes. */
			tl_map_put(taken, buf_str(tmp), next + 1);
			buf_printf(tmp, "_%zu", next);
			if (!tl_map_get(taken, buf_str(tmp), NULL))
				break;
		}
	}
	key = tl_strdup(page, buf_str(tmp));
	key_take(taken, key);
	return key;
}

/* What the columns of a table are, beyond each column's field. */
struct columns_found {
	int			 ordered;	/* the permission column lists
						 * least to most privileged */
	struct tl_flag_column	*flags;		/* flag columns headed by a
						 * type */
	size_t			 nflags;
};

/* The header's form is `word` (vocab.h). */
static int
header_is(const char *header, const char *word, struct buf *tmp)
{
	buf_reset(tmp);
	tl_vocab_form(tmp, header, strlen(header));
	return strcmp(buf_str(tmp), word) == 0;
}

/*
 * At most this many flag columns in a table: there are two types, each
 * maybe twice (work and personal accounts), and a row with flags in k
 * columns becomes k rows of every column; a table of more is not this
 * shape (docs/limits.md).
 */
#define MAX_FLAG_COLUMNS 8

/*
 * Flag columns: headed by a type (`Delegated`, `Type: Application`,
 * `Anwendung`) with nothing but check marks and the like below, in a
 * table without a type column.
 */
static void
find_flag_columns(struct tl_normaliser *n, struct tl_page *page,
    struct tl_table *t, int *field, struct columns_found *cf,
    struct buf *tmp)
{
	size_t i, qb, qe, cap = 0;
	enum tl_ptype pt;

	for (i = 0; i < t->ncolumns; i++)
		if (field[i] == TL_TYPE)
			return;
	for (i = 0; i < t->ncolumns && cf->nflags <= MAX_FLAG_COLUMNS; i++) {
		const char *h = t->columns[i].header;

		pt = tl_shape_ptype(n->vocab, h, NULL, &qb, &qe, tmp);
		if (pt == TL_PTYPE_NONE ||
		    !tl_shape_flag_column(n->vocab, t, i, tmp))
			continue;
		field[i] = TL_EXTRA;
		cf->flags = xgrow(cf->flags, &cap, cf->nflags + 1,
		    sizeof(*cf->flags));
		cf->flags[cf->nflags].col = i;
		cf->flags[cf->nflags].type = pt;
		cf->flags[cf->nflags].qualifier = qe > qb ?
		    tl_strndup(page, h + qb, qe - qb) : NULL;
		cf->nflags++;
	}
	if (cf->nflags > MAX_FLAG_COLUMNS) {
		for (i = 0; i < cf->nflags; i++)
			field[cf->flags[i].col] = tl_shape_header(n->vocab,
			    t->columns[cf->flags[i].col].header, &(int){0},
			    tmp);
		cf->nflags = 0;
	}
}

static int
is_flag_column(const struct columns_found *cf, size_t col)
{
	size_t k;

	for (k = 0; k < cf->nflags; k++)
		if (cf->flags[k].col == col)
			return 1;
	return 0;
}

/*
 * Columns whose header says nothing known, recognised by their cells
 * (docs/design.md "Table shapes"): permission names (`User.Read.All`),
 * the display names right after such a column, permission types.
 */
static void
find_by_content(struct tl_normaliser *n, struct tl_table *t, int *field,
    const int *taken, const struct columns_found *cf, struct buf *tmp)
{
	size_t i;

	for (i = 0; i < t->ncolumns && !taken[TL_PERMISSION]; i++) {
		if (field[i] != TL_EXTRA || is_flag_column(cf, i) ||
		    !tl_shape_permission_column(t, i))
			continue;
		field[i] = TL_PERMISSION;
		if (!taken[TL_DISPLAY_NAME] && i + 1 < t->ncolumns &&
		    field[i + 1] == TL_EXTRA && !is_flag_column(cf, i + 1) &&
		    tl_shape_display_column(n->vocab, t, i + 1, tmp))
			field[i + 1] = TL_DISPLAY_NAME;
		break;
	}
	for (i = 0; i < t->ncolumns && !taken[TL_TYPE] && cf->nflags == 0;
	    i++) {
		if (field[i] != TL_EXTRA || is_flag_column(cf, i) ||
		    !tl_shape_type_column(n->vocab, t, i, tmp))
			continue;
		field[i] = TL_TYPE;
		break;
	}
}

/*
 * Set each column's field and key.  `Role` names the permission only in
 * the first-party app lists (`Role | Role Id | Display Name | ...`);
 * elsewhere a role is something else, so it needs that context.  The
 * first column that names a field takes it; columns that name none may
 * take one by their cells.
 */
static void
map_columns(struct tl_normaliser *n, struct tl_page *page,
    struct tl_table *t, struct columns_found *cf, struct buf *tmp)
{
	static const char *const reserved[] = {
		"line", "page", "table", "label", "last_update_label", "cells",
		"supported",
	};
	int *field = xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof(*field));
	int *ordered = xcalloc(t->ncolumns ? t->ncolumns : 1,
	    sizeof(*ordered));
	int taken[TL_NFIELDS] = {0};
	int role_context = 0;
	struct tl_map keys = {0};
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		field[i] = tl_shape_header(n->vocab, t->columns[i].header,
		    &ordered[i], tmp);
		if (field[i] == TL_DISPLAY_NAME ||
		    header_is(t->columns[i].header, "roleid", tmp))
			role_context = 1;
	}
	if (role_context)
		for (i = 0; i < t->ncolumns; i++)
			if (header_is(t->columns[i].header, "role", tmp))
				field[i] = TL_PERMISSION;
	find_flag_columns(n, page, t, field, cf, tmp);
	for (i = 0; i < t->ncolumns; i++) {
		if (field[i] == TL_EXTRA || taken[field[i]]) {
			field[i] = TL_EXTRA;
			continue;
		}
		taken[field[i]] = 1;
		if (field[i] == TL_PERMISSION)
			cf->ordered = ordered[i];
	}
	find_by_content(n, t, field, taken, cf, tmp);

	tl_map_reserve(&keys, t->ncolumns + TL_NFIELDS +
	    sizeof(reserved) / sizeof(reserved[0]));
	for (i = 0; i < TL_NFIELDS; i++)
		key_take(&keys, tl_field_name((enum tl_field)i));
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		key_take(&keys, reserved[i]);
	for (i = 0; i < t->ncolumns; i++) {
		struct tl_column *c = &t->columns[i];

		c->field = field[i];
		c->key = field[i] != TL_EXTRA ?
		    tl_field_name((enum tl_field)field[i]) :
		    extra_key(page, &keys, c->header, i, tmp);
	}
	tl_map_free(&keys);
	free(field);
	free(ordered);
}

/* ---- permission cells ---------------------------------------------- */

/* Index of the '(' matching the ')' at s[close], not before b; or -1. */
static long
matching_open(const char *s, size_t b, size_t close)
{
	size_t i = close;
	size_t depth = 0;

	for (;;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && --depth == 0)
			return (long)i;
		if (i == b)
			return -1;
		i--;
	}
}

static int
matches_all(struct tl_normaliser *n, pcre2_code *re, const char *s,
    size_t b, size_t e)
{
	return pcre2_match(re, (PCRE2_SPTR)(s + b), e - b, 0,
	    PCRE2_NO_UTF_CHECK, n->md, NULL) >= 0;
}

/* The parts of a split cell, as [begin, end) offsets into it. */
struct perm_parts {
	size_t	nb, ne, qb, qe, db, de;
};

/*
 * Split s (valid UTF-8) at its last balanced "(...)" group and, before
 * that, an optional "(qualifier)".  Display names may hold parentheses of
 * their own, so groups are matched from the end, by depth.
 */
static int
split_parts(struct tl_normaliser *n, const char *s, size_t len,
    struct perm_parts *p)
{
	size_t b = 0, e = len;
	long open, qopen;

	tl_trim(s, &b, &e);
	if (e == b || s[e - 1] != ')')
		return 0;
	if ((open = matching_open(s, b, e - 1)) < 0)
		return 0;
	p->db = (size_t)open + 1, p->de = e - 1;
	tl_trim(s, &p->db, &p->de);
	p->nb = b, p->ne = (size_t)open;
	tl_trim(s, &p->nb, &p->ne);
	p->qb = p->qe = 0;
	if (p->ne > p->nb && s[p->ne - 1] == ')' &&
	    (qopen = matching_open(s, p->nb, p->ne - 1)) >= 0) {
		size_t qb = (size_t)qopen + 1, qe = p->ne - 1;
		size_t nb = p->nb, ne = (size_t)qopen;

		tl_trim(s, &qb, &qe);
		tl_trim(s, &nb, &ne);
		if (qe > qb && ne > nb &&
		    matches_all(n, n->re_qualifier, s, qb, qe)) {
			p->qb = qb, p->qe = qe;
			p->nb = nb, p->ne = ne;
		}
	}
	if (p->ne == p->nb || !matches_all(n, n->re_name, s, p->nb, p->ne))
		return 0;
	/* "Display [preview]": the qualifier written inside the group. */
	if (p->qe == p->qb && p->de > p->db &&
	    match(n, n->re_bracket, s, p->de, p->db) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(n->md);

		p->qb = ov[2], p->qe = ov[3];
		p->de = ov[0];
		tl_trim(s, &p->db, &p->de);
	}
	return 1;
}

int
tl_split_permission(struct tl_normaliser *n, const char *cell,
    struct buf *name, struct buf *qualifier, struct buf *display)
{
	struct buf folded = {0};
	struct perm_parts p;
	const char *s = cell;
	size_t len = strlen(cell);
	int ok;

	buf_reset(name);
	buf_reset(qualifier);
	buf_reset(display);
	buf_put(name, "", 0);
	buf_put(qualifier, "", 0);
	buf_put(display, "", 0);
	if (!utf8_valid(cell, len)) {
		tl_fold_text(&folded, cell, len, NULL);
		s = buf_str(&folded);
		len = folded.len;
	}
	ok = split_parts(n, s, len, &p);
	if (ok) {
		buf_put(name, s + p.nb, p.ne - p.nb);
		buf_put(qualifier, s + p.qb, p.qe - p.qb);
		buf_put(display, s + p.db, p.de - p.db);
	} else
		buf_put(name, s, len);
	buf_free(&folded);
	return ok;
}

/* ---- dates --------------------------------------------------------- */

/* Years outside 1900-2999 in a cell are more likely other numbers. */
static int
date_valid(const struct tl_date *d)
{
	return d->year >= 1900 && d->year <= 2999 &&
	    (d->day == 0 ? d->month >= 1 && d->month <= 12 :
	    tl_ymd_valid(d->year, d->month, d->day));
}

static int
group_set(const PCRE2_SIZE *ov, int g)
{
	return ov[2 * g] != PCRE2_UNSET;
}

/* A group of at most 4 digits as a number; 0 when unset. */
static int
group_num(const char *s, const PCRE2_SIZE *ov, int g)
{
	PCRE2_SIZE i;
	int v = 0;

	if (!group_set(ov, g))
		return 0;
	for (i = ov[2 * g]; i < ov[2 * g + 1]; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Month 1-12 from a name the pattern accepted ("Sept.", "März"). */
static int
group_month(struct tl_normaliser *n, const char *s, const PCRE2_SIZE *ov,
    int g, struct buf *tmp)
{
	size_t b = ov[2 * g], e = ov[2 * g + 1];

	buf_reset(tmp);
	tl_vocab_form(tmp, s + b, e - b);
	return tl_vocab_month(n->vocab, buf_str(tmp));
}

/* The date one match of date_pattern denotes (not yet validated). */
static struct tl_date
match_date(struct tl_normaliser *n, const char *s, const PCRE2_SIZE *ov,
    struct buf *tmp)
{
	struct tl_date d = {0, 0, 0};

	if (group_set(ov, 1)) {
		d.day = group_num(s, ov, 1);
		d.month = group_month(n, s, ov, 2, tmp);
		d.year = group_num(s, ov, 3);
	} else if (group_set(ov, 4)) {
		d.year = group_num(s, ov, 4);
		d.month = group_num(s, ov, 5);
		d.day = group_num(s, ov, 6);
	} else if (group_set(ov, 7)) {
		d.year = group_num(s, ov, 7);
		d.month = group_num(s, ov, 9);
		d.day = group_num(s, ov, 10);
	} else if (group_set(ov, 11)) {
		d.year = group_num(s, ov, 11);
		d.month = group_num(s, ov, 12);
	} else if (group_set(ov, 13)) {
		d.month = group_num(s, ov, 13);
		d.year = group_num(s, ov, 14);
	} else if (group_set(ov, 15)) {
		d.month = group_month(n, s, ov, 15, tmp);
		d.day = group_set(ov, 16) ? group_num(s, ov, 16) :
		    group_num(s, ov, 19);
		d.year = group_set(ov, 17) ? group_num(s, ov, 17) :
		    group_set(ov, 18) ? group_num(s, ov, 18) :
		    group_num(s, ov, 20);
		/* Aug-04-21: a year of two digits is this century's. */
		if (group_set(ov, 20) && ov[41] - ov[40] == 2)
			d.year += 2000;
	}
	/* A day 0 written out is no day, not month precision. */
	if ((group_set(ov, 1) || group_set(ov, 6) || group_set(ov, 10) ||
	    group_set(ov, 16) || group_set(ov, 19)) && d.day == 0)
		d.day = -1;
	return d;
}

/*
 * Scan s (valid UTF-8) once, left to right.  A match that does not
 * validate (`2023-13-01`, `February 30, 2024`) is skipped whole, so no
 * part of it is read again as a shorter form.
 */
static int
scan_dates(struct tl_normaliser *n, const char *s, size_t len,
    struct tl_date *latest)
{
	size_t off = 0;
	int found = 0;

	memset(latest, 0, sizeof(*latest));
	while (off < len && match(n, n->re_date, s, len, off) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(n->md);
		struct tl_date d = match_date(n, s, ov, &n->scratch);

		off = ov[1] > off ? ov[1] : off + 1;
		if (!date_valid(&d))
			continue;
		if (found++ == 0 || tl_date_cmp(&d, latest) > 0)
			*latest = d;
	}
	return found;
}

int
tl_parse_dates(struct tl_normaliser *n, const char *cell,
    struct tl_date *date)
{
	size_t len = strlen(cell);
	struct buf folded = {0};
	int found;

	if (utf8_valid(cell, len))
		return scan_dates(n, cell, len, date);
	tl_fold_text(&folded, cell, len, NULL);
	found = scan_dates(n, buf_str(&folded), folded.len, date);
	buf_free(&folded);
	return found;
}

/* ---- the page ------------------------------------------------------ */

struct ctx {
	struct tl_normaliser	*n;
	struct tl_page		*page;
	struct tl_diags		*d;
	struct buf		 tmp;
	/* The last type cells folded (see fill_type()). */
#define NTYPES_SEEN 4
	struct type_seen {
		const char	*cell;
		const char	*type, *qualifier;
		int		 folded;	/* type_text is the cell */
	}			 types[NTYPES_SEEN];
	size_t			 ntypes;
	size_t			*pos;		/* fold_marked()'s map */
	size_t			 pos_cap;
	struct tl_mark		*marks;
	size_t			 marks_cap;
};

/* s folded into the arena; s itself when folding changes nothing. */
static const char *
fold(struct ctx *c, const char *s, unsigned line)
{
	size_t len = strlen(s);
	int repaired;

	if (is_folded(s, len))
		return s;
	buf_reset(&c->tmp);
	tl_fold_text(&c->tmp, s, len, &repaired);
	if (repaired)
		tl_diag_kind(c->d, TL_WARNING, TL_DK_INVALID_UTF8,
		    c->page->source, line,
		    "invalid UTF-8 replaced by U+FFFD");
	if (c->tmp.len == len && memcmp(c->tmp.data, s, len) == 0)
		return s;
	return tl_strndup(c->page, c->tmp.data, c->tmp.len);
}

/*
 * Cell col of r folded, and its markup with it: each mark moves to where
 * its text went; one left holding no text is dropped.  A start that
 * lands on the space or line break written before its first character
 * moves past it.
 */
static const char *
fold_marked(struct ctx *c, const struct tl_table *t, struct tl_row *r,
    size_t col)
{
	const char *s = r->cells[col], *folded;
	const struct tl_markup *m = tl_cell_markup(r, col);
	size_t len = strlen(s), i, n = 0, start, end;
	int repaired;

	if (m == NULL)
		return fold(c, s, r->line);
	if (is_folded(s, len))
		return s;
	c->pos = xgrow(c->pos, &c->pos_cap, len + 1, sizeof(*c->pos));
	buf_reset(&c->tmp);
	fold_text(&c->tmp, s, len, &repaired, c->pos);
	if (repaired)
		tl_diag_kind(c->d, TL_WARNING, TL_DK_INVALID_UTF8,
		    c->page->source, r->line,
		    "invalid UTF-8 replaced by U+FFFD");
	c->marks = xgrow(c->marks, &c->marks_cap, m->n, sizeof(*c->marks));
	for (i = 0; i < m->n; i++) {
		if (m->v[i].start > len || m->v[i].end > len)
			continue;	/* not this text's: never made so */
		start = c->pos[m->v[i].start];
		end = c->pos[m->v[i].end];
		while (start < end && (c->tmp.data[start] == ' ' ||
		    c->tmp.data[start] == '\n'))
			start++;
		while (end > start && (c->tmp.data[end - 1] == ' ' ||
		    c->tmp.data[end - 1] == '\n'))
			end--;
		if (start >= end)
			continue;
		c->marks[n] = m->v[i];
		c->marks[n].start = (unsigned)start;
		c->marks[n].end = (unsigned)end;
		n++;
	}
	folded = tl_strndup(c->page, c->tmp.data, c->tmp.len);
	tl_row_set_markup(c->page, t, r, col,
	    tl_markup_copy(c->page, c->marks, n));
	return folded;
}

/* Fold every string of a list, dropping those left empty. */
static void
fold_list(struct ctx *c, struct tl_strlist *l)
{
	size_t i, kept = 0;

	for (i = 0; i < l->n; i++) {
		const char *s = fold(c, l->v[i], 0);

		if (*s != '\0')
			l->v[kept++] = s;
	}
	l->n = kept;
}

/* A hash for finding equal rows (row_equal decides). */
static uint64_t
row_hash(const struct tl_table *t, const struct tl_row *r)
{
	uint64_t h = TL_HASH_INIT;
	size_t i;

	for (i = 0; i < t->ncolumns; i++) {
		/* 0xFF never occurs in UTF-8: "a|bc" differs from "ab|c". */
		h = tl_hash_words(h, r->cells[i], strlen(r->cells[i]));
		h = tl_hash_bytes(h, "\xFF", 1);
	}
	return h;
}

static int
row_equal(const struct tl_table *t, const struct tl_row *a,
    const struct tl_row *b)
{
	size_t i;

	for (i = 0; i < t->ncolumns; i++)
		if (strcmp(a->cells[i], b->cells[i]) != 0)
			return 0;
	return 1;
}

/* What tl_map_find_add() compares kept rows with: row i of t. */
struct row_probe {
	const struct tl_table	*t;
	size_t			 i;
};

static int
same_row(const void *ctx, size_t kept)
{
	const struct row_probe *p = ctx;

	return row_equal(p->t, &p->t->rows[kept], &p->t->rows[p->i]);
}

/*
 * Drop rows equal in every cell to an earlier one, compacting the array
 * in the same pass (a kept row moves only to where no row is looked up
 * any more).  Rows that only share a key stay: one permission can be
 * listed twice for two purposes.
 */
static void
drop_duplicates(struct ctx *c, struct tl_table *t)
{
	struct tl_map seen = {0};
	struct row_probe p;
	size_t i, kept = 0, at;

	tl_map_reserve(&seen, t->nrows);
	p.t = t;
	for (i = 0; i < t->nrows; i++) {
		p.i = i;
		at = kept;
		if (tl_map_find_add(&seen, row_hash(t, &t->rows[i]), same_row,
		    &p, &at)) {
			tl_diag_kind(c->d, TL_WARNING, TL_DK_DUPLICATE_ROW,
			    c->page->source, t->rows[i].line,
			    "duplicate row (same as line %u)",
			    t->rows[at].line);
			continue;
		}
		if (kept != i)
			t->rows[kept] = t->rows[i];
		kept++;
	}
	t->nrows = kept;
	tl_map_free(&seen);
}

/* The column named by --date-column, by header or key; or -1. */
static int
option_column(struct ctx *c, const struct tl_table *t)
{
	size_t i;

	if (c->n->date_column == NULL)
		return -1;
	for (i = 0; i < t->ncolumns; i++)
		if (strcasecmp(t->columns[i].header, c->n->date_column) == 0 ||
		    strcmp(t->columns[i].key, c->n->date_column) == 0)
			return (int)i;
	return -1;
}

/*
 * A date cell that gives no date on purpose: nothing but punctuation
 * (`-`, `—`), or a placeholder such as `TBD`, `N/A` or `Not yet`.
 */
static int
no_date_given(struct ctx *c, const char *text)
{
	return match(c->n, c->n->re_text, text, strlen(text), 0) < 0 ||
	    tl_shape_says(c->n->vocab, TL_VOCAB_PLACEHOLDER, text, &c->tmp);
}

/*
 * An extra column whose cells (one at least) hold dates, but for empty
 * ones and placeholders; a cell of other text means it is not.
 */
static int
content_date_column(struct ctx *c, const struct tl_table *t)
{
	struct tl_date d;
	size_t col, r;

	for (col = 0; col < t->ncolumns; col++) {
		size_t dated = 0;

		if (t->columns[col].field != TL_EXTRA)
			continue;
		for (r = 0; r < t->nrows; r++) {
			const char *s = t->rows[r].cells[col];

			if (*s == '\0')
				continue;
			if (scan_dates(c->n, s, strlen(s), &d) > 0)
				dated++;
			else if (!no_date_given(c, s))
				break;
		}
		if (r == t->nrows && dated > 0)
			return (int)col;
	}
	return -1;
}

/*
 * An explicit --date-column wins over the header mapping: a user who
 * names a column means that one.
 */
static int
find_date_column(struct ctx *c, const struct tl_table *t)
{
	int col;

	if ((col = option_column(c, t)) >= 0)
		return col;
	if ((col = tl_table_field_column(t, TL_LAST_UPDATE)) >= 0)
		return col;
	return content_date_column(c, t);
}

static void
warn_undated(struct ctx *c, const struct tl_row *r, const char *text)
{
	tl_diag_kind(c->d, TL_WARNING, TL_DK_UNRECOGNISED_DATE,
	    c->page->source, r->line, "unrecognised date '%s'",
	    tl_diag_excerpt(&c->tmp, text));
}

/*
 * Cell col of r shows `text` instead of what the page wrote, and its
 * markup follows: a mark that held the whole old text (a date that is a
 * link) holds the whole new one, the others go with the words they held.
 */
static void
replace_cell(struct ctx *c, const struct tl_table *t, struct tl_row *r,
    size_t col, const char *text)
{
	const struct tl_markup *m = tl_cell_markup(r, col);
	size_t len = strlen(r->cells[col]), i, n = 0;

	r->cells[col] = text;
	if (m == NULL)
		return;
	c->marks = xgrow(c->marks, &c->marks_cap, m->n, sizeof(*c->marks));
	for (i = 0; i < m->n && *text != '\0'; i++)
		if (m->v[i].start == 0 && m->v[i].end == len) {
			c->marks[n] = m->v[i];
			c->marks[n++].end = (unsigned)strlen(text);
		}
	tl_row_set_markup(c->page, t, r, col,
	    tl_markup_copy(c->page, c->marks, n));
}

/*
 * The row's date from its date cell.  With --normalize-dates the cell
 * is shown as tablog writes dates ("December 2023"); last_update_text
 * keeps what the page wrote either way.
 */
static void
fill_date(struct ctx *c, const struct tl_table *t, struct tl_row *r, int col)
{
	const char *text = r->cells[col];

	if (*text == '\0')
		return;
	if (r->f[TL_LAST_UPDATE_TEXT] == NULL)
		r->f[TL_LAST_UPDATE_TEXT] = text;
	if (scan_dates(c->n, text, strlen(text), &r->date) == 0) {
		if (!no_date_given(c, text))
			warn_undated(c, r, text);
		return;
	}
	buf_reset(&c->tmp);
	tl_date_iso(&c->tmp, &r->date);
	r->f[TL_LAST_UPDATE] = tl_strndup_shared(c->page, buf_str(&c->tmp),
	    c->tmp.len);
	if (c->n->normalize_dates) {
		buf_reset(&c->tmp);
		tl_date_label(&c->tmp, &r->date);
		replace_cell(c, t, r, (size_t)col, tl_strndup_shared(c->page,
		    buf_str(&c->tmp), c->tmp.len));
	}
}

/*
 * The permission cell: `Not supported.` (in any language) is no
 * permission; a cell listing names from the least privileged on gives
 * the first and the higher ones; else "Name (qualifier)(Display)" is
 * split, unless the table has its own display name column.
 */
static void
fill_permission(struct ctx *c, struct tl_row *r, const char *text,
    int own_display, int ordered)
{
	struct perm_parts p;

	if (*text == '\0')
		return;
	if (tl_shape_says(c->n->vocab, TL_VOCAB_NOT_SUPPORTED, text,
	    &c->tmp)) {
		r->unsupported = 1;
		if (ordered)
			tl_row_set_higher(c->page, r, NULL, 0);
		return;
	}
	if (ordered && tl_shape_ordered_cell(c->page, r, text, &c->tmp))
		return;
	if (own_display || !split_parts(c->n, text, strlen(text), &p)) {
		r->f[TL_PERMISSION] = text;
		return;
	}
	r->f[TL_PERMISSION] = tl_strndup(c->page, text + p.nb, p.ne - p.nb);
	if (p.qe > p.qb)
		r->f[TL_QUALIFIER] = tl_strndup_shared(c->page, text + p.qb,
		    p.qe - p.qb);
	if (p.de > p.db)
		r->f[TL_DISPLAY_NAME] = tl_strndup_shared(c->page,
		    text + p.db, p.de - p.db);
}

/*
 * The type cell, folded (shapes.c).  A type column repeats a few words,
 * so the last few cells' results are kept (by text; repeated cells are
 * mostly one string of the arena): each text is folded about once.
 */
static void
fill_type(struct ctx *c, struct tl_row *r, const char *text)
{
	struct type_seen *t = NULL;
	size_t i;

	for (i = 0; i < NTYPES_SEEN && t == NULL; i++)
		if (c->types[i].cell != NULL && (c->types[i].cell == text ||
		    strcmp(c->types[i].cell, text) == 0))
			t = &c->types[i];
	if (t == NULL) {
		struct tl_row probe;

		memset(&probe, 0, sizeof(probe));
		tl_shape_type_cell(c->n->vocab, c->page, &probe, text, &c->tmp);
		t = &c->types[c->ntypes++ % NTYPES_SEEN];
		t->cell = text;
		t->type = probe.f[TL_TYPE];
		t->qualifier = probe.f[TL_TYPE_QUALIFIER];
		t->folded = probe.f[TL_TYPE_TEXT] != NULL;
	}
	r->f[TL_TYPE] = t->type;
	r->f[TL_TYPE_QUALIFIER] = t->qualifier;
	r->f[TL_TYPE_TEXT] = t->folded ? text : NULL;
}

/*
 * A cell's text as a field's value: without the footnote marks at its end
 * (superscripts or subscripts: "Group.Read.All^1" names Group.Read.All).
 */
static const char *
field_text(struct ctx *c, const struct tl_row *r, int col)
{
	const char *s = r->cells[col];
	const struct tl_markup *m = tl_cell_markup(r, (size_t)col);
	size_t len = strlen(s), end = len, i;
	int cut;

	do {
		cut = 0;
		for (i = 0; m != NULL && i < m->n; i++)
			if ((m->v[i].kind == TL_MARK_SUP ||
			    m->v[i].kind == TL_MARK_SUB) &&
			    m->v[i].end == end && m->v[i].start > 0) {
				end = m->v[i].start;
				while (end > 0 && s[end - 1] == ' ')
					end--;
				cut = 1;
			}
	} while (cut && end > 0);
	return end == len || end == 0 ? s : tl_strndup(c->page, s, end);
}

static void
fill_row(struct ctx *c, const struct tl_table *t, const int *col,
    const struct columns_found *cf, struct tl_row *r)
{
	static const enum tl_field plain[] = {
		TL_API, TL_PURPOSE, TL_DISPLAY_NAME, TL_QUALIFIER,
		TL_LAST_UPDATE_TEXT,
	};
	size_t i;

	memset(r->f, 0, sizeof(r->f));
	memset(&r->date, 0, sizeof(r->date));
	memset(&r->higher, 0, sizeof(r->higher));
	r->unsupported = 0;
	if (col[TL_PERMISSION] >= 0)
		fill_permission(c, r, field_text(c, r, col[TL_PERMISSION]),
		    col[TL_DISPLAY_NAME] >= 0, cf->ordered);
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (col[plain[i]] >= 0 && *r->cells[col[plain[i]]] != '\0')
			r->f[plain[i]] = plain[i] == TL_LAST_UPDATE_TEXT ?
			    r->cells[col[plain[i]]] :
			    field_text(c, r, col[plain[i]]);
	if (col[TL_TYPE] >= 0 && *r->cells[col[TL_TYPE]] != '\0')
		fill_type(c, r, field_text(c, r, col[TL_TYPE]));
	if (col[TL_HIGHER_PRIVILEGED] >= 0)
		tl_shape_higher_cell(c->n->vocab, c->page, r,
		    field_text(c, r, col[TL_HIGHER_PRIVILEGED]), &c->tmp);
	if (t->date_column >= 0)
		fill_date(c, t, r, t->date_column);
}

static void
normalise_table(struct ctx *c, struct tl_table *t)
{
	struct columns_found cf;
	int col[TL_NFIELDS];
	size_t i, j;

	memset(&cf, 0, sizeof(cf));
	fold_list(c, &t->headings);
	fold_list(c, &t->notes);
	if (t->caption != NULL && *(t->caption = fold(c, t->caption,
	    t->line)) == '\0')
		t->caption = NULL;
	for (i = 0; i < t->ncolumns; i++)
		t->columns[i].header = fold(c, t->columns[i].header, t->line);
	for (i = 0; i < t->nrows; i++) {
		struct tl_row *r = &t->rows[i];

		for (j = 0; j < t->ncolumns; j++)
			r->cells[j] = fold_marked(c, t, r, j);
		if (r->section != NULL &&
		    *(r->section = fold(c, r->section, r->line)) == '\0')
			r->section = NULL;
	}
	tl_shape_transpose(c->n->vocab, c->page, t, &c->tmp);
	map_columns(c->n, c->page, t, &cf, &c->tmp);
	drop_duplicates(c, t);
	for (i = 0; i < TL_NFIELDS; i++)
		col[i] = tl_table_field_column(t, (int)i);
	t->date_column = find_date_column(c, t);
	t->label_column = col[TL_PERMISSION] >= 0 ? col[TL_PERMISSION] :
	    t->ncolumns > 0 ? 0 : -1;
	memset(c->types, 0, sizeof(c->types));
	for (i = 0; i < t->nrows; i++)
		fill_row(c, t, col, &cf, &t->rows[i]);
	if (cf.nflags > 0)
		tl_shape_expand_flags(c->n->vocab, c->page, t, cf.flags,
		    cf.nflags, &c->tmp);
	else
		tl_shape_heading_type(c->n->vocab, c->page, t, &c->tmp);
	free(cf.flags);
}

/* The base name of a path without its extension, slugified. */
static void
source_slug(struct buf *out, const char *source)
{
	const char *base = strrchr(source, '/');
	const char *dot;
	char *name;

	base = base != NULL ? base + 1 : source;
	name = xstrdup(base);
	if ((dot = strrchr(name, '.')) != NULL && dot != name)
		name[dot - name] = '\0';
	tl_slugify(out, name);
	free(name);
}

static void
set_slug(struct ctx *c)
{
	struct tl_page *page = c->page;

	buf_reset(&c->tmp);
	if (page->title != NULL)
		tl_slugify(&c->tmp, page->title);
	if (c->tmp.len == 0 && page->source != NULL)
		source_slug(&c->tmp, page->source);
	if (c->tmp.len == 0)
		buf_puts(&c->tmp, "page");
	page->slug = tl_strdup(page, buf_str(&c->tmp));
}

int
tl_normalise(struct tl_normaliser *n, struct tl_page *page,
    struct tl_diags *d)
{
	struct ctx c;
	int date_option_used = 0;
	size_t i;

	if (page == NULL)
		return -1;
	if (n == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_INTERNAL, page->source, 0,
		    "no normaliser (a PCRE2 pattern failed to compile)");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.n = n;
	c.page = page;
	c.d = d;
	if (page->title != NULL) {
		page->title = fold(&c, page->title, 0);
		if (*page->title == '\0')
			page->title = NULL;
	}
	fold_list(&c, &page->breadcrumb);
	fold_list(&c, &page->intro);
	fold_list(&c, &page->notes);
	for (i = 0; i < page->ntables; i++) {
		normalise_table(&c, &page->tables[i]);
		if (option_column(&c, &page->tables[i]) >= 0)
			date_option_used = 1;
	}
	if (n->date_column != NULL && page->ntables > 0 && !date_option_used)
		tl_diag_kind(d, TL_WARNING, TL_DK_DATE_COLUMN, page->source, 0,
		    "no column '%s' for --date-column", n->date_column);
	set_slug(&c);
	buf_free(&c.tmp);
	free(c.pos);
	free(c.marks);
	return 0;
}
