/*
 * read_md.c - the Markdown reader: a page's bytes into a raw tl_page.
 *
 * The pages we read are Markdown renderings of documentation pages made by
 * a crawler, so besides GitHub-flavoured tables (found by cmark-gfm) they
 * carry page chrome (button labels glued to the first sentence), tables
 * cut mid-row where the crawler stopped at ~2000 bytes, and two layouts
 * that are not GFM at all:
 *
 *  - "cell lines": one cell per line, each ending " |", no delimiter row;
 *    a row lacking its rowspan-merged first cell ends in "| |"
 *    (docs.avepoint.co.jp Japanese pages);
 *  - "broken rows": a GFM header whose rows are broken across lines, with
 *    merged cells as lone "|" lines (IBM rebrands of the same pages).
 *
 * The GFM path, the cell-line recovery and the broken-row recovery are
 * kept apart; each recovery gives up (reading fewer rows) rather than
 * guess.  Every loop here is linear in the input.
 */
#include "read/read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "base/buf.h"
#include "base/space.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "read/inline.h"
#include "read/structure.h"

/* ---- patterns ------------------------------------------------------ */

/*
 * Page chrome: text the site's page template adds around the content.
 * Each match is cut out of its source line before the page is parsed,
 * in this order (so "Export to PDFInstructions…." loses both).  `first`
 * lists the ASCII letters a match can begin with (both cases, as the
 * patterns are caseless); change it with the pattern.
 */
static const struct chrome {
	const char	*what;
	const char	*pattern;
	const char	*first;	/* ASCII bytes a match can start with, after
				 * white space (any non-ASCII byte can) */
} chrome_table[] = {
	{ "PDF/download button text glued to the first sentence",
	  "^\\s*(?:Export to PDF|Download this article|"
	  "この記事をダウンロード|PDF にエクスポート)", "EeDdPp" },
	{ "'Instructions….' placeholder line",
	  "^\\s*Instructions\\s*(?:…|\\.\\.\\.)\\.?\\s*$", "Ii" },
};
#define NCHROME (sizeof(chrome_table) / sizeof(chrome_table[0]))

/* Other patterns, indexed by enum re. */
enum re {
	RE_BREADCRUMB,	/* "Home > A > B" */
	RE_NOTE,	/* "*Note: ...", "注意: ..." */
	RE_PERMCELL,	/* "Name (Display)": anchors a broken row */
	RE__MAX
};

/*
 * Write [^\s] rather than \S: PCRE2 10.42's JIT with
 * PCRE2_MATCH_INVALID_UTF fails to match \S before a multibyte character.
 */
static const char *const re_table[RE__MAX] = {
	/* RE_BREADCRUMB */ "^(?:Home|ホーム)\\s*>\\s*[^\\s>]",
	/* RE_NOTE */ "^\\*?\\s*(?:Notes?|注意|注|メモ)\\s*[:：]",
	/* RE_PERMCELL */ "^[A-Za-z][A-Za-z0-9_.\\-]*\\s*\\(",
};

/*
 * Header names of the permission tables, for the cell-line layout (which
 * has no delimiter row saying where the header ends).  Compared after
 * trimming, ASCII case ignored.
 */
static const char *const header_names[] = {
	"API", "Resource", "Permission", "Permissions", "Permission name",
	"Type", "Permission type", "Purpose", "Description", "Reason",
	"Last update", "Last updated", "Updated", "Date",
	"Is newly required?", "Why do we need it?",
	"アクセス許可", "タイプ", "種類", "説明", "目的", "最終更新日",
	"更新日",
};

/* Header names of a permission column, for the broken-row layout. */
static const char *const permission_names[] = {
	"Permission", "Permissions", "Permission name", "Scope",
	"アクセス許可",
};

struct tl_md_reader {
	pcre2_code		*chrome[NCHROME];
	pcre2_code		*re[RE__MAX];
	pcre2_match_data	*md;
	cmark_syntax_extension	*table_ext;
};

static pcre2_code *
S_compile(const char *pattern)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS,
	    &err, &off, NULL);
	if (re != NULL)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* optional */
	return re;
}

void
tl_md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

void *
tl_md_reader_new(void)
{
	struct tl_md_reader *r = xcalloc(1, sizeof(*r));
	size_t i;

	for (i = 0; i < NCHROME; i++)
		if ((r->chrome[i] = S_compile(chrome_table[i].pattern)) == NULL)
			goto fail;
	for (i = 0; i < RE__MAX; i++)
		if ((r->re[i] = S_compile(re_table[i])) == NULL)
			goto fail;
	if ((r->md = pcre2_match_data_create(4, NULL)) == NULL)
		goto fail;
	tl_read_init();		/* the extension registry, once */
	if ((r->table_ext = cmark_find_syntax_extension("table")) == NULL)
		goto fail;
	return r;
fail:
	tl_md_reader_free(r);
	return NULL;
}

void
tl_md_reader_free(void *reader)
{
	struct tl_md_reader *r = reader;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < NCHROME; i++)
		pcre2_code_free(r->chrome[i]);
	for (i = 0; i < RE__MAX; i++)
		pcre2_code_free(r->re[i]);
	pcre2_match_data_free(r->md);
	free(r);
}

/* Match `re` against s; on a match set [*so, *eo) and return 1. */
static int
S_match(struct tl_md_reader *r, pcre2_code *re, const char *s, size_t len,
    size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov;

	if (pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, r->md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(r->md);
	if (so != NULL)
		*so = ov[0];
	if (eo != NULL)
		*eo = ov[1];
	return 1;
}

/* ---- lines --------------------------------------------------------- */

struct line {
	const char	*p;
	size_t		 len;	/* without '\n' and a trailing '\r' */
};

/*
 * Raw HTML among a block's inlines that hides what it holds (a page's
 * <span class="sxs-lookup">, read/structure.h): the element open, and how
 * deep elements of its name nest inside it.
 */
struct hiding {
	char		 name[16];
	unsigned	 depth;
	struct buf	 attr;
};

/* A heading of the page: where, how deep, what it says. */
struct heading {
	unsigned	 line;
	int		 level;
	const char	*text;
};

/* What one read works on; lines are numbered from 1 like the source. */
struct ctx {
	struct tl_md_reader *r;
	struct tl_page	*page;
	struct tl_diags	*d;
	struct line	*lines;	/* lines[1..nlines] */
	size_t		 nlines;
	int		 ends_nl;	/* the text ends with a newline */
	unsigned	*lmap;	/* parsed-text line -> source line */
	size_t		 nlmap;
	size_t		 consumed;	/* last line read by a recovery */
	struct tl_inline inl;		/* the cell being read */
	struct buf	 tagbuf;	/* a raw HTML tag's attribute */
	struct hiding	 hide;		/* hidden raw HTML in the cell */
	/* The page's headings, in source order, for the tables' paths. */
	struct heading	*heads;
	size_t		 nheads, heads_cap;
	/* Tables in block quotes: their lines (they have no path). */
	unsigned	*quoted;
	size_t		 nquoted, quoted_cap;
	/* First lines of paragraphs read as a table's notes, ascending. */
	unsigned	*noted;
	size_t		 nnoted, noted_cap;
	const char	*fm_title;	/* front matter's title:, or NULL */
	/* Header lines of tables without a delimiter row, ascending. */
	unsigned	*headless;
	size_t		 nheadless, headless_cap;
};

/* [*p, *p + *len) without white space at either end (space.h). */
static void
S_trim(const char **p, size_t *len)
{
	size_t from = 0, to = *len;

	tl_trim(*p, &from, &to);
	*p += from;
	*len = to - from;
}

/* The first `ch` in [p, end), or end. */
static const char *
S_find(const char *p, const char *end, char ch)
{
	const char *q = p < end ? memchr(p, ch, (size_t)(end - p)) : NULL;

	return q != NULL ? q : end;
}

static void
S_split_lines(struct ctx *c, const char *text, size_t len)
{
	const char *s = text, *end = text + len, *nl, *cr, *e;
	size_t cap = 0;

	c->lines = xgrow(NULL, &cap, 2, sizeof(*c->lines));
	c->lines[0].p = text;	/* line 0: "no line", read as empty */
	c->lines[0].len = 0;
	c->nlines = 0;
	/* Lines end where cmark-gfm's do (\n, \r\n or a lone \r), so that
	 * its line numbers index c->lines.  nl and cr are the next '\n' and
	 * '\r' at or after s, each searched again only once passed, so this
	 * stays linear whichever of them the page ends its lines with. */
	nl = S_find(s, end, '\n');
	cr = S_find(s, end, '\r');
	while (s < end) {
		if (nl < s)
			nl = S_find(s, end, '\n');
		if (cr < s)
			cr = S_find(s, end, '\r');
		e = cr < nl ? cr : nl;	/* a '\r' ends the line either way */
		c->lines = xgrow(c->lines, &cap, c->nlines + 2,
		    sizeof(*c->lines));
		c->nlines++;
		c->lines[c->nlines].p = s;
		c->lines[c->nlines].len = (size_t)(e - s);
		if (cr < nl && cr + 1 != nl)
			s = cr + 1;	/* a lone '\r' */
		else
			s = nl < end ? nl + 1 : end;
	}
	c->ends_nl = len > 0 &&
	    (text[len - 1] == '\n' || text[len - 1] == '\r');
}

/*
 * Source line ln without the block quote markers in front of it ("> |
 * a | b |" is the row "| a | b |" of a table in a block quote).
 */
static void
S_content(const struct ctx *c, size_t ln, const char **p, size_t *len)
{
	*p = c->lines[ln].p;
	*len = c->lines[ln].len;
	for (;;) {
		size_t i = 0;

		while (i < *len && i < 3 && (*p)[i] == ' ')
			i++;
		if (i >= *len || (*p)[i] != '>')
			return;
		i++;
		if (i < *len && ((*p)[i] == ' ' || (*p)[i] == '\t'))
			i++;
		*p += i;
		*len -= i;
	}
}

/* The line is the last of a file stored without its final newline. */
static int
S_is_cut_line(const struct ctx *c, size_t ln)
{
	return ln == c->nlines && !c->ends_nl;
}

/*
 * The page ends inside table t, in a row that is dropped: warn, and
 * record where (the table's `cut`), so that a diff knows the rows past it
 * are unknown rather than removed (docs/design.md "Changes").
 */
static void
S_cut_row(struct ctx *c, struct tl_table *t, unsigned line)
{
	tl_diag_kind(c->d, TL_WARNING, TL_DK_CUT_ROW, c->page->source, line,
	    "table cut mid-row; row dropped");
	t->cut = line;
}

static int
S_is_blank(const char *p, size_t len)
{
	S_trim(&p, &len);
	return len == 0;
}

static int
S_has_pipe(const char *p, size_t len)
{
	return len > 0 && memchr(p, '|', len) != NULL;
}

/* s[i] is '|' not escaped by an odd run of backslashes. */
static int
S_is_sep(const char *s, size_t i)
{
	size_t bs = 0;

	if (s[i] != '|')
		return 0;
	while (bs < i && s[i - bs - 1] == '\\')
		bs++;
	return bs % 2 == 0;
}

/* The trimmed line starts with '|' and ends with an unescaped '|'. */
static int
S_is_framed(const char *p, size_t len)
{
	S_trim(&p, &len);
	return len >= 1 && p[0] == '|' && S_is_sep(p, len - 1);
}

static int
S_is_framed_start(const char *p, size_t len)
{
	S_trim(&p, &len);
	return len >= 1 && p[0] == '|';
}

/* Cells a GFM row line really has (cmark-gfm pads and cuts to the header). */
static size_t
S_count_cells(const char *p, size_t len)
{
	const char *q, *end;
	size_t n = 1;

	S_trim(&p, &len);
	if (len > 0 && p[0] == '|') {
		p++;
		len--;
	}
	if (len > 0 && S_is_sep(p, len - 1))
		len--;
	for (q = p, end = p + len;
	    (q = memchr(q, '|', (size_t)(end - q))) != NULL; q++)
		if (S_is_sep(p, (size_t)(q - p)))
			n++;
	return n;
}

static size_t
S_count_byte(const char *p, size_t len, char ch)
{
	const char *end = p + len;
	size_t n = 0;

	while (p < end && (p = memchr(p, ch, (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/*
 * The text with each NUL byte and each ill-formed part of its UTF-8 made
 * U+FFFD (utf8.h), with one warning for the page however many lines hold
 * them (a binary file has hundreds); *outlen is its length.  cmark-gfm
 * silently ends a table at a row holding invalid UTF-8, and PCRE2 cannot
 * match across it, so this has to happen before anything else reads the
 * text.  Valid text (the usual case) is returned as is, not copied; the
 * copy, when there is one, is made in out.
 */
static const char *
S_repair(struct ctx *c, const char *text, size_t len, struct buf *out,
    size_t *outlen)
{
	size_t at, n, counted = 0, nlines = 0;
	unsigned line = 1, warned = 0, first = 0;

	if ((at = tl_utf8_find_bad(text, len, 0, TL_UTF8_NUL, &n)) == len) {
		*outlen = len;
		return text;
	}
	/* The lines that hold them, counted only here and lazily. */
	for (; at < len; at = tl_utf8_find_bad(text, len, at + n,
	    TL_UTF8_NUL, &n)) {
		line += (unsigned)S_count_byte(text + counted, at - counted,
		    '\n');
		counted = at;
		if (warned != line) {
			nlines++;
			if (first == 0)
				first = line;
		}
		warned = line;
	}
	if (nlines == 1)
		tl_diag_kind(c->d, TL_WARNING, TL_DK_INVALID_UTF8,
		    c->page->source, first,
		    "invalid UTF-8 replaced by U+FFFD");
	else
		tl_diag_kind(c->d, TL_WARNING, TL_DK_INVALID_UTF8,
		    c->page->source, first,
		    "%zu lines with invalid UTF-8 (first at line %u), "
		    "replaced by U+FFFD", nlines, first);
	tl_utf8_repair_as(out, text, len, TL_UTF8_NUL);
	*outlen = out->len;
	return out->data;
}

/* ---- preparing the text for cmark-gfm ------------------------------ */

/*
 * Whether chrome pattern `first` could match the line: its first byte
 * after leading white space is non-ASCII or one of `first`.  Most lines
 * fail this and never reach PCRE2, which decides the rest.
 */
static int
S_may_be_chrome(const char *first, const char *p, size_t len)
{
	S_trim(&p, &len);
	if (len == 0)
		return 0;
	return (unsigned char)p[0] >= 0x80 || strchr(first, p[0]) != NULL;
}

/*
 * Cut the chrome patterns out of the line [*p, *p + *len).  A line that
 * loses something is made in out and *p, *len point there.
 */
static void
S_strip_chrome(struct ctx *c, const char **p, size_t *len, struct buf *out,
    struct buf *tmp)
{
	size_t i, so, eo;

	for (i = 0; i < NCHROME; i++) {
		if (!S_may_be_chrome(chrome_table[i].first, *p, *len) ||
		    !S_match(c->r, c->r->chrome[i], *p, *len, &so, &eo) ||
		    eo == so)
			continue;
		buf_reset(tmp);
		buf_put(tmp, *p, so);
		buf_put(tmp, *p + eo, *len - eo);
		buf_reset(out);
		buf_put(out, tmp->data, tmp->len);
		*p = out->data;
		*len = out->len;
	}
}

/* Lines 1..n of a YAML front matter block ("---" ... "---"), or 0. */
static size_t
S_front_matter(const struct ctx *c)
{
	size_t i;

	if (c->nlines < 2 || c->lines[1].len != 3 ||
	    memcmp(c->lines[1].p, "---", 3) != 0)
		return 0;
	for (i = 2; i <= c->nlines; i++)
		if ((c->lines[i].len == 3 &&
		    (memcmp(c->lines[i].p, "---", 3) == 0 ||
		    memcmp(c->lines[i].p, "...", 3) == 0)))
			return i;
	return 0;
}

/*
 * cmark-gfm 0.29.0.gfm.6 takes time quadratic in the cells of one table
 * row (40,000 pipes: 12 s).  No real table has this many columns, so a
 * line with more pipes is not given to cmark-gfm at all.
 */
#define MAX_ROW_PIPES 128

static int
S_too_many_pipes(const char *p, size_t len)
{
	const char *end = p + len;
	size_t n = 0;

	while (n <= MAX_ROW_PIPES &&
	    (p = memchr(p, '|', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n > MAX_ROW_PIPES;
}

/*
 * What goes to cmark-gfm: lines with their '\n', in one stream.  Source
 * lines that go in unchanged are not copied but fed from the source in
 * runs; the rest (changed lines, lines not ending in a plain '\n') are
 * fed in pieces.  cmark-gfm splits what it is fed into lines the same
 * way whatever the pieces, as long as none ends in '\r' (none does:
 * every '\r' ends a source line and is never fed).
 */
struct feed {
	cmark_parser	*parser;
	const char	*run;	/* unchanged source bytes [run, end) not fed */
	const char	*end;
	size_t		 lmap_cap;
};

static void
S_feed_flush(struct feed *f)
{
	if (f->end > f->run)
		cmark_parser_feed(f->parser, f->run, (size_t)(f->end - f->run));
	f->run = f->end = NULL;
}

/* Feed the line p (len bytes, no newline), read for source line ln. */
static void
S_feed_line(struct ctx *c, struct feed *f, size_t ln, const char *p,
    size_t len)
{
	const struct line *src = &c->lines[ln];

	c->lmap = xgrow(c->lmap, &f->lmap_cap, c->nlmap + 2,
	    sizeof(*c->lmap));
	c->lmap[++c->nlmap] = (unsigned)ln;
	if (p == src->p && len == src->len && !S_is_cut_line(c, ln) &&
	    p[len] == '\n') {
		if (f->end != p) {
			S_feed_flush(f);
			f->run = p;
		}
		f->end = p + len + 1;
		return;
	}
	S_feed_flush(f);
	if (len > 0)
		cmark_parser_feed(f->parser, p, len);
	cmark_parser_feed(f->parser, "\n", 1);
}

/*
 * Feed cmark-gfm the page: front matter blanked, chrome cut out, and a
 * blank line between a line with a '|' and one without.  In GFM a line
 * without any pipe right after a table is still a table row; on these
 * pages it is always the prose that follows the table.  lmap maps the
 * lines cmark-gfm sees back to the source.
 */
/* A fence opening or closing a fenced code block: ``` or ~~~ after at
 * most three spaces. */
static int
S_is_fence(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && p[i] == ' ')
		i++;
	return len - i >= 3 && (memcmp(p + i, "```", 3) == 0 ||
	    memcmp(p + i, "~~~", 3) == 0);
}

/* A GFM delimiter row: pipes, dashes, colons and blanks, a dash at least. */
static int
S_is_delimiter_row(const char *p, size_t len)
{
	size_t i;

	S_trim(&p, &len);
	for (i = 0; i < len; i++)
		if (strchr("|:- \t", p[i]) == NULL)
			return 0;
	return memchr(p, '-', len) != NULL;
}

/*
 * A pipe table without its delimiter row (help pages dumped to Markdown
 * write them so): a line framed by pipes with two cells or more, after a
 * blank line or one without pipes, followed by another framed line that
 * is not a delimiter row.
 */
static int
S_is_headless_table(struct ctx *c, size_t ln, const char *p, size_t len,
    int prev_pipe)
{
	const char *q = c->lines[ln + 1].p;
	size_t qlen = c->lines[ln + 1].len;

	return !prev_pipe && ln + 1 <= c->nlines && S_is_framed(p, len) &&
	    S_count_cells(p, len) >= 2 && !S_is_delimiter_row(p, len) &&
	    S_is_framed(q, qlen) && !S_is_delimiter_row(q, qlen);
}

static void
S_prepare(struct ctx *c, cmark_parser *parser)
{
	struct buf line = {0}, tmp = {0};
	struct feed f = { parser, NULL, NULL, 0 };
	size_t i, k, fm = S_front_matter(c);
	int prev_pipe = 0, prev_blank = 1, fenced = 0;

	c->lmap = xgrow(NULL, &f.lmap_cap, 1, sizeof(*c->lmap));
	c->lmap[0] = 0;
	c->nlmap = 0;
	for (i = 1; i <= c->nlines; i++) {
		const char *p = c->lines[i].p;
		size_t len = c->lines[i].len;
		int pipe, blank;

		if (i <= fm) {
			S_feed_line(c, &f, i, "", 0);
			continue;
		}
		S_strip_chrome(c, &p, &len, &line, &tmp);
		if (S_too_many_pipes(p, len)) {
			tl_diag_kind(c->d, TL_WARNING, TL_DK_WIDE_ROW,
			    c->page->source, (unsigned)i,
			    "line has more than %d '|'; not read as a table "
			    "row", MAX_ROW_PIPES);
			p = "";
			len = 0;
		}
		pipe = S_has_pipe(p, len);
		blank = S_is_blank(p, len);
		if (S_is_fence(p, len))
			fenced = !fenced;
		if (!blank && !prev_blank && pipe != prev_pipe)
			S_feed_line(c, &f, i, "", 0);
		S_feed_line(c, &f, i, p, len);
		if (!fenced && i < c->nlines &&
		    S_is_headless_table(c, i, p, len, prev_pipe)) {
			/* The delimiter row it lacks, read for its header. */
			buf_reset(&tmp);
			buf_putc(&tmp, '|');
			for (k = S_count_cells(p, len); k > 0; k--)
				buf_puts(&tmp, "---|");
			S_feed_line(c, &f, i, tmp.data, tmp.len);
			c->headless = xgrow(c->headless, &c->headless_cap,
			    c->nheadless + 1, sizeof(*c->headless));
			c->headless[c->nheadless++] = (unsigned)i;
		}
		prev_pipe = pipe;
		prev_blank = blank;
	}
	S_feed_flush(&f);
	buf_free(&line);
	buf_free(&tmp);
}

static unsigned
S_srcline(const struct ctx *c, int parsed)
{
	if (parsed <= 0 || (size_t)parsed > c->nlmap)
		return 0;
	return c->lmap[parsed];
}

/* ---- flattening inline content ------------------------------------- */

/* "<br>", "<br/>", "<br />" in any case. */
static int
S_is_br(const char *s)
{
	if (s == NULL || s[0] != '<' || (s[1] != 'b' && s[1] != 'B') ||
	    (s[2] != 'r' && s[2] != 'R'))
		return 0;
	s += 3;
	while (tl_is_space(*s))
		s++;
	if (*s == '/')
		s++;
	return s[0] == '>' && s[1] == '\0';
}

/*
 * The node after n in document order, n's own children left out; NULL
 * past the last node under root.  With first_child this walks a subtree
 * the way cmark_iter does, without allocating an iterator per cell.
 */
static cmark_node *
S_next_skip(cmark_node *n, cmark_node *root)
{
	cmark_node *next;

	for (; n != NULL && n != root; n = cmark_node_parent(n))
		if ((next = cmark_node_next(n)) != NULL)
			return next;
	return NULL;
}

static cmark_node *
S_next(cmark_node *n, cmark_node *root)
{
	cmark_node *child = cmark_node_first_child(n);

	return child != NULL ? child : S_next_skip(n, root);
}

static int S_tag_attr(const char *tag, const char *name, struct buf *out);
static int S_streq_ci(const char *a, size_t alen, const char *b);

/* The name of the raw HTML tag `tag` ("<a ...>", "</a>"): where it
 * starts and its length; *closing for an end tag. */
static const char *
S_tag_name(const char *tag, size_t *len, int *closing)
{
	const char *p = tag + 1, *name;

	*closing = *p == '/';
	if (*closing)
		p++;
	for (name = p; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9'); p++)
		continue;
	*len = (size_t)(p - name);
	return name;
}

/*
 * Take the raw tag `tag` into h: 1 when it is hidden content itself (it
 * opens, closes or sits in a hidden element), so that it and the text
 * after it up to the element's end are left out.
 */
static int
S_hiding(struct hiding *h, const char *tag)
{
	static const char *const voids[] = { "img", "br", "input", "wbr" };
	const char *name;
	size_t len, i;
	int closing, hidden;

	if (tag == NULL || tag[0] != '<')
		return h->depth > 0;
	name = S_tag_name(tag, &len, &closing);
	if (h->depth > 0) {
		if (len == strlen(h->name) && S_streq_ci(name, len, h->name))
			h->depth += closing ? -1 : 1;
		return 1;
	}
	if (closing || len == 0 || len >= sizeof(h->name))
		return 0;
	hidden = tl_read_hides(
	    S_tag_attr(tag, "hidden", &h->attr) ? "" : NULL,
	    S_tag_attr(tag, "aria-hidden", &h->attr) ?
	    buf_str(&h->attr) : NULL, NULL, NULL);
	if (!hidden && S_tag_attr(tag, "style", &h->attr))
		hidden = tl_read_hides(NULL, NULL, buf_str(&h->attr), NULL);
	if (!hidden && S_tag_attr(tag, "class", &h->attr))
		hidden = tl_read_hides(NULL, NULL, NULL, buf_str(&h->attr));
	if (!hidden)
		return 0;
	for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++)
		if (S_streq_ci(name, len, voids[i]))
			return 1;	/* hidden, holding nothing */
	if (strlen(tag) >= 2 && tag[strlen(tag) - 2] == '/')
		return 1;	/* <span hidden/> */
	memcpy(h->name, name, len);
	h->name[len] = '\0';
	h->depth = 1;
	return 1;
}

/*
 * Plain text of a block's inlines: code spans and link texts kept,
 * emphasis dropped, <br> and hard breaks as '\n', other inline HTML
 * dropped, and what it hides.  Soft breaks become `softbreak`.
 */
static void
S_flatten(cmark_node *node, struct buf *out, char softbreak)
{
	struct hiding h = { "", 0, { NULL, 0, 0 } };
	cmark_node *n;
	const char *lit;

	for (n = node; n != NULL; n = S_next(n, node)) {
		cmark_node_type type = cmark_node_get_type(n);

		if (type == CMARK_NODE_HTML_INLINE) {
			if (!S_hiding(&h, cmark_node_get_literal(n)) &&
			    S_is_br(cmark_node_get_literal(n)))
				buf_putc(out, '\n');
			continue;
		}
		if (h.depth > 0)
			continue;
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(out, softbreak);
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		default:
			break;
		}
	}
	buf_free(&h.attr);
}

/* The trimmed flattened text of a node, in the page arena. */
static const char *
S_node_text(struct ctx *c, cmark_node *node, struct buf *tmp)
{
	const char *p;
	size_t len;

	buf_reset(tmp);
	S_flatten(node, tmp, ' ');
	p = buf_str(tmp);
	len = tmp->len;
	S_trim(&p, &len);
	return tl_strndup(c->page, p, len);
}

/* ---- a growable list of cell texts --------------------------------- */

struct cells {
	const char	**v;
	unsigned	 *line;	/* source line of each cell */
	size_t		 *off;	/* see S_row_cells */
	const struct tl_markup **mk;	/* each cell's markup, or NULL */
	size_t		  n, cap, lcap, ocap, mcap;
};

static void
S_cells_add(struct cells *cs, const char *s, unsigned line)
{
	cs->v = xgrow(cs->v, &cs->cap, cs->n + 1, sizeof(*cs->v));
	cs->line = xgrow(cs->line, &cs->lcap, cs->n + 1, sizeof(*cs->line));
	cs->v[cs->n] = s;
	cs->line[cs->n] = line;
	cs->n++;
}

static void
S_cells_free(struct cells *cs)
{
	free(cs->v);
	free(cs->line);
	free(cs->off);
	free(cs->mk);
	memset(cs, 0, sizeof(*cs));
}

static int
S_streq_ci(const char *a, size_t alen, const char *b)
{
	size_t i, blen = strlen(b);

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

static int
S_in_list(const char *s, size_t len, const char *const *list, size_t n)
{
	size_t i;

	S_trim(&s, &len);
	for (i = 0; i < n; i++)
		if (S_streq_ci(s, len, list[i]))
			return 1;
	return 0;
}

/* ---- broken-row recovery (IBM pages) ------------------------------- */

/*
 * Split the body lines [first, last] into non-empty cell texts.  A '|'
 * ends a cell; a line that does not end with '|' continues its cell on
 * the next line (kept as '\n').  Empty cells (lone '|' lines, "| |") carry
 * no information in this layout and are skipped.  Returns 1 when the
 * text ends inside an unterminated cell on a cut last line.
 */
static int
S_broken_tokens(struct ctx *c, size_t first, size_t last, struct cells *out)
{
	struct buf cell = {0};
	unsigned cell_line = 0;
	size_t ln, i;
	int cut = 0;

	for (ln = first; ln <= last; ln++) {
		const char *p = c->lines[ln].p;
		size_t len = c->lines[ln].len, start = 0;

		for (i = 0; i <= len; i++) {
			const char *t;
			size_t tlen;

			if (i < len && !S_is_sep(p, i))
				continue;
			if (cell.len == 0)
				cell_line = (unsigned)ln;
			buf_put(&cell, p + start, i - start);
			start = i + 1;
			if (i == len) {
				if (!S_is_blank(cell.data, cell.len))
					buf_putc(&cell, '\n');
				else
					buf_reset(&cell);
				break;
			}
			t = buf_str(&cell);
			tlen = cell.len;
			S_trim(&t, &tlen);
			if (tlen > 0)
				S_cells_add(out, tl_strndup(c->page, t, tlen),
				    cell_line);
			buf_reset(&cell);
		}
	}
	if (!S_is_blank(buf_str(&cell), cell.len)) {
		if (S_is_cut_line(c, last))
			cut = 1;
		else {
			const char *t = buf_str(&cell);
			size_t tlen = cell.len;

			S_trim(&t, &tlen);
			S_cells_add(out, tl_strndup(c->page, t, tlen),
			    cell_line);
		}
	}
	buf_free(&cell);
	return cut;
}

/*
 * Group the cells of a broken table into rows, anchored on the permission
 * cells ("Name (Display)"): between two of them lie the cells after the
 * permission of one row and the cells before it in the next; a row with
 * fewer leading cells shares them with the row above (rowspan).  Returns
 * -1 (adding nothing) as soon as a count does not fit.
 */
static int
S_recover_broken(struct ctx *c, const struct cells *hdr, size_t first,
    size_t last)
{
	struct cells tok = {0};
	size_t *perm = NULL, nperm = 0, pcap = 0, p = hdr->n, i, k;
	size_t ncol = hdr->n, post;
	const char **row = NULL;
	struct tl_table *t;
	int cut, rc = -1;

	for (i = 0; i < hdr->n; i++)
		if (S_in_list(hdr->v[i], strlen(hdr->v[i]), permission_names,
		    sizeof(permission_names) / sizeof(permission_names[0]))) {
			p = i;
			break;
		}
	if (p == ncol)
		return -1;
	post = ncol - p - 1;
	cut = S_broken_tokens(c, first, last, &tok);
	for (i = 0; i < tok.n; i++)
		if (S_match(c->r, c->r->re[RE_PERMCELL], tok.v[i],
		    strlen(tok.v[i]), NULL, NULL)) {
			perm = xgrow(perm, &pcap, nperm + 1, sizeof(*perm));
			perm[nperm++] = i;
		}
	if (nperm == 0 || perm[0] != p)
		goto out;
	/* Check every count before adding anything. */
	for (k = 0; k + 1 < nperm; k++) {
		size_t m = perm[k + 1] - perm[k] - 1;

		if (m < post || m - post > p)
			goto out;
	}
	if (tok.n - perm[nperm - 1] - 1 > post ||
	    (!cut && tok.n - perm[nperm - 1] - 1 != post))
		goto out;

	row = xcalloc(ncol, sizeof(*row));
	t = tl_page_add_table(c->page, hdr->line[0]);
	tl_table_set_header(c->page, t, hdr->v, ncol);
	for (k = 0; k < nperm; k++) {
		size_t pre = k == 0 ? p : perm[k] - perm[k - 1] - 1 - post;
		size_t start = perm[k] - pre, end = perm[k] + post;

		if (k + 1 == nperm && end >= tok.n) {
			S_cut_row(c, t, tok.line[start]);
			break;
		}
		/* Cells left of `start` keep the previous row's values. */
		for (i = 0; i < pre; i++)
			row[p - pre + i] = tok.v[start + i];
		for (i = 0; i <= post; i++)
			row[p + i] = tok.v[perm[k] + i];
		tl_table_add_row(c->page, t, tok.line[start], row, ncol);
	}
	rc = 0;
out:
	free(row);
	free(perm);
	S_cells_free(&tok);
	return rc;
}

/* ---- GFM tables ---------------------------------------------------- */

static int
S_is_type(cmark_node *n, const char *type)
{
	const char *s = cmark_node_get_type_string(n);

	return s != NULL && strcmp(s, type) == 0;
}

/* ---- cells with their markup -------------------------------------- */

/* One character reference ("&amp;", "&#39;", "&#x2F;") at s, decoded
 * into out; returns its length, or 0 when s starts none. */
static size_t
S_entity(const char *s, size_t len, struct buf *out)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }, { "colon;", ':' },
		{ "sol;", '/' }, { "lpar;", '(' }, { "rpar;", ')' },
		{ "period;", '.' }, { "Tab;", '\t' }, { "NewLine;", '\n' },
		{ "num;", '#' }, { "quest;", '?' }, { "equals;", '=' },
	};
	size_t i, n;
	unsigned long cp = 0;
	int hex;

	if (len < 3 || s[0] != '&')
		return 0;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		n = strlen(named[i].name);
		if (len > n && strncmp(s + 1, named[i].name, n) == 0) {
			buf_putc(out, named[i].c);
			return n + 1;
		}
	}
	if (s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2; i < len && i < 12; i++) {
		char ch = s[i];
		int d = (ch >= '0' && ch <= '9') ? ch - '0' :
		    hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 :
		    hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;

		if (d < 0)
			break;
		cp = cp * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i >= len || s[i] != ';' || i == (size_t)(hex ? 3 : 2) ||
	    cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x80)
		buf_putc(out, (char)cp);
	else if (cp < 0x800) {
		buf_putc(out, (char)(0xC0 | (cp >> 6)));
		buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_putc(out, (char)(0xE0 | (cp >> 12)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_putc(out, (char)(0xF0 | (cp >> 18)));
		buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	}
	return i + 1;
}

/*
 * The value of attribute `name` of the raw HTML tag `tag` ("<a
 * href=...>"), character references decoded, into out.  Returns 1 when
 * the tag has it.
 */
static int
S_tag_attr(const char *tag, const char *name, struct buf *out)
{
	const char *p = tag + 1, *n, *v;
	size_t nlen, vlen, k, len = strlen(name);

	while (*p != '\0' && *p != '>' && !tl_is_space(*p) && *p != '/')
		p++;	/* the tag's name */
	for (;;) {
		while (tl_is_space(*p) || *p == '/')
			p++;
		if (*p == '\0' || *p == '>')
			return 0;
		for (n = p; *p != '\0' && *p != '>' && *p != '=' &&
		    !tl_is_space(*p) && *p != '/'; p++)
			continue;
		nlen = (size_t)(p - n);
		while (tl_is_space(*p))
			p++;
		v = "";
		vlen = 0;
		if (*p == '=') {
			p++;
			while (tl_is_space(*p))
				p++;
			if (*p == '"' || *p == '\'') {
				char q = *p++;

				for (v = p; *p != '\0' && *p != q; p++)
					continue;
				vlen = (size_t)(p - v);
				if (*p == q)
					p++;
			} else {
				for (v = p; *p != '\0' && *p != '>' &&
				    !tl_is_space(*p); p++)
					continue;
				vlen = (size_t)(p - v);
			}
		}
		if (nlen == len && S_streq_ci(n, nlen, name)) {
			buf_reset(out);
			buf_put(out, "", 0);
			for (k = 0; k < vlen; k++) {
				size_t e = S_entity(v + k, vlen - k, out);

				if (e > 0)
					k += e - 1;
				else
					buf_putc(out, v[k]);
			}
			return 1;
		}
	}
}

/*
 * A raw HTML tag among a cell's inlines: the markup it opens or closes
 * (<br>, <a href>, <code>, <b>, <strong>, <i>, <em>, <sup>, <sub>, lists,
 * <p>, <div>, <img alt>).  Any other tag is left out.
 */
static void
S_html_tag(struct ctx *c, const char *tag)
{
	static const struct {
		const char	*name;
		int		 kind;	/* enum tl_mark_kind, or one of these: */
	} tags[] = {
		{ "a", TL_MARK_LINK }, { "code", TL_MARK_CODE },
		{ "kbd", TL_MARK_CODE }, { "samp", TL_MARK_CODE },
		{ "tt", TL_MARK_CODE }, { "b", TL_MARK_STRONG },
		{ "strong", TL_MARK_STRONG }, { "i", TL_MARK_EM },
		{ "em", TL_MARK_EM }, { "sup", TL_MARK_SUP },
		{ "sub", TL_MARK_SUB }, { "ul", TL_MARK_LIST },
		{ "ol", TL_MARK_OLIST }, { "li", TL_MARK_ITEM },
		{ "br", -1 }, { "p", -2 }, { "div", -2 }, { "img", -3 },
	};
	struct tl_inline *b = &c->inl;
	const char *name;
	size_t len, i;
	int closing, kind;

	name = S_tag_name(tag, &len, &closing);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (S_streq_ci(name, len, tags[i].name))
			break;
	if (i == sizeof(tags) / sizeof(tags[0]))
		return;
	kind = tags[i].kind;
	if (kind == -1) {
		tl_inl_break(b);
	} else if (kind == -2) {
		tl_inl_block(b);
	} else if (kind == -3) {
		if (!closing && S_tag_attr(tag, "alt", &c->tagbuf))
			tl_inl_image(b, buf_str(&c->tagbuf));
	} else if (closing) {
		tl_inl_close(b, (enum tl_mark_kind)kind);
		if (kind == TL_MARK_LIST || kind == TL_MARK_OLIST ||
		    kind == TL_MARK_ITEM)
			tl_inl_block(b);
	} else {
		if (kind == TL_MARK_LIST || kind == TL_MARK_OLIST ||
		    kind == TL_MARK_ITEM)
			tl_inl_block(b);
		tl_inl_open(b, (enum tl_mark_kind)kind, kind != TL_MARK_LINK ?
		    NULL : S_tag_attr(tag, "href", &c->tagbuf) ?
		    buf_str(&c->tagbuf) : NULL);
	}
}

/* Leaving an inline node that holds others. */
static void
S_inline_exit(struct tl_inline *b, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH:
		tl_inl_close(b, TL_MARK_EM);
		break;
	case CMARK_NODE_STRONG:
		tl_inl_close(b, TL_MARK_STRONG);
		break;
	case CMARK_NODE_LINK:
		tl_inl_close(b, TL_MARK_LINK);
		break;
	default:
		break;
	}
}

/*
 * A table cell's inlines, in document order, through the builder
 * (read/inline.h), the way the HTML reader reads a <td>.
 */
static void
S_cell_inlines(struct ctx *c, cmark_node *cell)
{
	struct tl_inline *b = &c->inl;
	cmark_node *n = cmark_node_first_child(cell), *child, *next;
	const char *lit;
	int container;

	c->hide.depth = 0;
	while (n != NULL) {
		container = 0;
		lit = cmark_node_get_literal(n);
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE &&
		    c->hide.depth > 0) {
			/* Hidden: inline containers are walked for the raw
			 * tag that ends it. */
			if (cmark_node_first_child(n) != NULL) {
				n = cmark_node_first_child(n);
				continue;
			}
			goto next;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (lit != NULL)
				tl_inl_text(b, lit, strlen(lit));
			break;
		case CMARK_NODE_CODE:
			tl_inl_open(b, TL_MARK_CODE, NULL);
			if (lit != NULL)
				tl_inl_text(b, lit, strlen(lit));
			tl_inl_close(b, TL_MARK_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			tl_inl_text(b, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			tl_inl_break(b);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (lit != NULL && !S_hiding(&c->hide, lit))
				S_html_tag(c, lit);
			break;
		case CMARK_NODE_EMPH:
			tl_inl_open(b, TL_MARK_EM, NULL);
			container = 1;
			break;
		case CMARK_NODE_STRONG:
			tl_inl_open(b, TL_MARK_STRONG, NULL);
			container = 1;
			break;
		case CMARK_NODE_LINK:
			tl_inl_open(b, TL_MARK_LINK, cmark_node_get_url(n));
			container = 1;
			break;
		case CMARK_NODE_IMAGE:
			/* Its alt text is its children's text. */
			buf_reset(&c->tagbuf);
			S_flatten(n, &c->tagbuf, ' ');
			tl_inl_image(b, buf_str(&c->tagbuf));
			break;
		default:
			container = 1;	/* an extension's: its text is read */
			break;
		}
		if (container && (child = cmark_node_first_child(n)) != NULL) {
			n = child;
			continue;
		}
		if (container)
			S_inline_exit(b, n);
next:
		for (;;) {
			if ((next = cmark_node_next(n)) != NULL) {
				n = next;
				break;
			}
			n = cmark_node_parent(n);
			if (n == NULL || n == cell) {
				n = NULL;
				break;
			}
			S_inline_exit(b, n);
		}
	}
}

/*
 * Cell texts of a table row, with the row's source line for each, and
 * (with `marks`) each cell's markup.  The texts are made in `text` (one
 * after another) and last until it changes; the page gets its own copies
 * when the row is added.
 */
static void
S_row_cells(struct ctx *c, cmark_node *row, struct cells *out,
    struct buf *text, int marks)
{
	cmark_node *cell;
	unsigned line = S_srcline(c, cmark_node_get_start_line(row));
	size_t i, start;

	out->n = 0;
	buf_reset(text);
	for (cell = cmark_node_first_child(row); cell != NULL;
	    cell = cmark_node_next(cell)) {
		if (!S_is_type(cell, "table_cell"))
			continue;
		out->off = xgrow(out->off, &out->ocap, out->n + 1,
		    sizeof(*out->off));
		out->mk = xgrow(out->mk, &out->mcap, out->n + 1,
		    sizeof(*out->mk));
		tl_inl_begin(&c->inl, text);
		start = text->len;
		S_cell_inlines(c, cell);
		tl_inl_end(&c->inl);
		out->off[out->n] = start;
		out->mk[out->n] = marks ? tl_markup_copy(c->page,
		    c->inl.marks, c->inl.nmarks) : NULL;
		buf_putc(text, '\0');
		S_cells_add(out, NULL, line);
	}
	for (i = 0; i < out->n; i++)
		out->v[i] = text->data + out->off[i];
}

/*
 * A body line of a table framed by pipes ("| a | b |") that is not framed
 * itself, and has another number of cells than the header, means the
 * broken-row layout.  (A row without its outer pipes and with all its
 * cells is GFM.)  The cut last line does not count.
 */
static size_t
S_first_broken_line(struct ctx *c, size_t hline, size_t ncol,
    cmark_node *first_body)
{
	cmark_node *row;
	const char *p;
	size_t len;

	S_content(c, hline, &p, &len);
	if (!S_is_framed(p, len))
		return 0;
	for (row = first_body; row != NULL; row = cmark_node_next(row)) {
		size_t ln = S_srcline(c, cmark_node_get_start_line(row));

		if (ln == 0 || S_is_cut_line(c, ln))
			continue;
		S_content(c, ln, &p, &len);
		if (!S_is_framed(p, len) && S_count_cells(p, len) != ncol)
			return ln;
	}
	return 0;
}

/*
 * A row one cell short in a table whose first column was merged across
 * rows (a rowspan the dump could not write): its cells move one column
 * right and the first takes the row above's, as a rowspan would.
 */
static void
S_carry_first(struct ctx *c, struct cells *row, const struct tl_row *above,
    size_t ncol)
{
	size_t k;

	row->v = xgrow(row->v, &row->cap, ncol, sizeof(*row->v));
	row->mk = xgrow(row->mk, &row->mcap, ncol, sizeof(*row->mk));
	row->line = xgrow(row->line, &row->lcap, ncol, sizeof(*row->line));
	for (k = ncol - 1; k > 0; k--) {
		row->v[k] = row->v[k - 1];
		row->mk[k] = row->mk[k - 1];
	}
	row->v[0] = above->cells[0];
	row->mk[0] = tl_cell_markup(above, 0);
	row->n = ncol;
	(void)c;
}

/*
 * A section row: a row of one cell in a wider table, or one whose first
 * cell alone is filled, and in bold all through.  It names the rows below
 * it rather than being one.
 */
static int
S_is_section_row(const struct cells *row, size_t ncol, size_t nraw)
{
	const struct tl_markup *m;
	size_t k, len;

	if (ncol < 2 || row->n == 0 || tl_read_blank(row->v[0]))
		return 0;
	for (k = 1; k < row->n; k++)
		if (!tl_read_blank(row->v[k]))
			return 0;
	if (nraw == 1)
		return 1;
	m = row->mk[0];
	len = strlen(row->v[0]);
	return m != NULL && m->v[0].kind == TL_MARK_STRONG &&
	    m->v[0].start == 0 && m->v[0].end == len;
}

static void
S_read_gfm_table(struct ctx *c, cmark_node *table, struct buf *tmp)
{
	struct cells hdr = {0}, cells = {0};
	struct buf htext = {0};
	cmark_node *hrow = cmark_node_first_child(table), *row, *next, *last;
	struct tl_table *t;
	size_t hline, broken, lastln, k;
	const char *section = NULL;
	int headless = 0;

	if (hrow == NULL)
		return;
	hline = S_srcline(c, cmark_node_get_start_line(hrow));
	S_row_cells(c, hrow, &hdr, &htext, 0);
	if (hdr.n == 0 || hline == 0)
		goto out;
	if (hline <= c->consumed)
		goto out;	/* read already as part of a broken table */
	last = cmark_node_last_child(table);
	lastln = S_srcline(c, cmark_node_get_start_line(last));
	broken = S_first_broken_line(c, hline, hdr.n, cmark_node_next(hrow));
	if (broken != 0) {
		/*
		 * cmark-gfm ends the table at the first line it cannot read
		 * as a row (a lone '|'); the broken layout goes on as long
		 * as lines have a pipe, plus a cut last line without one.
		 */
		for (lastln = hline + 1; lastln + 1 <= c->nlines &&
		    S_has_pipe(c->lines[lastln + 1].p,
		    c->lines[lastln + 1].len); lastln++)
			continue;
		if (lastln + 1 <= c->nlines && S_is_cut_line(c, lastln + 1) &&
		    !S_is_blank(c->lines[lastln + 1].p,
		    c->lines[lastln + 1].len))
			lastln++;
		if (lastln >= hline + 2 &&
		    S_recover_broken(c, &hdr, hline + 2, lastln) == 0) {
			c->consumed = lastln;
			goto out;
		}
	}

	for (k = 0; k < c->nheadless; k++)
		if (c->headless[k] == hline)
			headless = 1;
	t = tl_page_add_table(c->page, (unsigned)hline);
	tl_table_set_header(c->page, t, hdr.v, hdr.n);
	if (broken != 0)
		tl_diag_kind(c->d, TL_WARNING, TL_DK_TABLE_SKIPPED,
		    c->page->source, (unsigned)broken,
		    "table rows broken across lines; rest of table skipped");
	for (row = cmark_node_next(hrow); row != NULL; row = next) {
		size_t ln = S_srcline(c, cmark_node_get_start_line(row));
		size_t nraw, len, k;
		const char *p;
		struct tl_row *r;

		next = cmark_node_next(row);
		if (broken != 0 && ln >= broken)
			break;
		S_content(c, ln, &p, &len);
		nraw = S_count_cells(p, len);
		if (row == last && S_is_cut_line(c, ln) &&
		    (nraw < hdr.n || !S_is_framed(p, len))) {
			S_cut_row(c, t, (unsigned)ln);
			break;
		}
		S_row_cells(c, row, &cells, tmp, 1);
		if (headless && nraw + 1 == hdr.n && t->nrows > 0) {
			S_carry_first(c, &cells, &t->rows[t->nrows - 1],
			    t->ncolumns);
			nraw = hdr.n;
		} else if (S_is_section_row(&cells, hdr.n, nraw)) {
			section = tl_strdup(c->page, cells.v[0]);
			cmark_node_free(row);
			continue;
		}
		if (t->nrows == 0 && tl_read_legend_row(cells.v, cells.n)) {
			cmark_node_free(row);
			continue;
		}
		r = tl_table_add_row(c->page, t, (unsigned)ln, cells.v,
		    cells.n);
		r->nread = nraw;
		r->section = section;
		for (k = 0; k < cells.n && k < t->ncolumns; k++)
			tl_row_set_markup(c->page, t, r, k, cells.mk[k]);
		if (nraw != hdr.n)
			tl_diag_kind(c->d, TL_WARNING, TL_DK_RAGGED_ROW,
			    c->page->source,
			    (unsigned)ln, "row has %zu cell%s, header has %zu",
			    nraw, nraw == 1 ? "" : "s", hdr.n);
		/* Nothing reads the row again: free it while it is still in
		 * the cache rather than in one more walk over the tree. */
		cmark_node_free(row);
	}
	/* A cut row too short for cmark-gfm to see as a row ("|"). */
	if (broken == 0 && lastln + 1 <= c->nlines &&
	    S_is_cut_line(c, lastln + 1) &&
	    S_is_framed_start(c->lines[lastln + 1].p,
	    c->lines[lastln + 1].len))
		S_cut_row(c, t, (unsigned)(lastln + 1));
out:
	S_cells_free(&hdr);
	S_cells_free(&cells);
	buf_free(&htext);
}

/* ---- structure around tables -------------------------------------- */

/* Remember that the paragraph starting at source line ln was read as a
 * table's note (lines come in ascending order). */
static void
S_noted_add(struct ctx *c, unsigned ln)
{
	c->noted = xgrow(c->noted, &c->noted_cap, c->nnoted + 1,
	    sizeof(*c->noted));
	c->noted[c->nnoted++] = ln;
}

static int
S_is_noted(const struct ctx *c, unsigned ln)
{
	size_t lo = 0, hi = c->nnoted;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->noted[mid] == ln)
			return 1;
		if (c->noted[mid] < ln)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Text that starts with a note's label: "Note:", "Hinweis:", "注:". */
static int
S_note_label(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 40; i++)
		if (s[i] == ':' || (len - i >= 3 &&
		    memcmp(s + i, "\xEF\xBC\x9A", 3) == 0))
			return tl_read_note_word(s, i);
	return 0;
}

/* A "[!NOTE]" marker (GitHub's and Microsoft Learn's alerts) at the start
 * of s: its length, or 0. */
static size_t
S_alert_marker(const char *s, size_t len)
{
	size_t i;

	if (len < 4 || s[0] != '[' || s[1] != '!')
		return 0;
	for (i = 2; i < len && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z')); i++)
		continue;
	return i > 2 && i < len && s[i] == ']' ? i + 1 : 0;
}

/* The text of a block: paragraphs and list items each a line. */
static void
S_block_text(cmark_node *block, struct buf *out)
{
	cmark_node *n;

	for (n = cmark_node_first_child(block); n != NULL;
	    n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);

		if (type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM ||
		    type == CMARK_NODE_BLOCK_QUOTE) {
			S_block_text(n, out);
			continue;
		}
		if (out->len > 0)
			buf_putc(out, '\n');
		S_flatten(n, out, ' ');
	}
}

/* Add text (trimmed) to table ti's notes. */
static void
S_table_note(struct ctx *c, size_t ti, const char *s, size_t len)
{
	S_trim(&s, &len);
	if (len > 0)
		tl_strlist_add(c->page, &c->page->tables[ti].notes,
		    tl_strndup(c->page, s, len));
}

/*
 * The notes right after a table (table ti of the page): block quotes
 * that are alerts ("> [!NOTE]") or begin with a note's label, "Note:"
 * paragraphs, and the items of a list after a "Notes:" paragraph.  The
 * first other block ends them.
 */
static void
S_table_notes(struct ctx *c, cmark_node *table, size_t ti, struct buf *tmp)
{
	cmark_node *n, *list;
	const char *s;
	size_t len, m;

	for (n = cmark_node_next(table); n != NULL; n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);

		buf_reset(tmp);
		if (type == CMARK_NODE_BLOCK_QUOTE)
			S_block_text(n, tmp);
		else if (type == CMARK_NODE_PARAGRAPH)
			S_flatten(n, tmp, ' ');
		else
			return;
		s = buf_str(tmp);
		len = tmp->len;
		S_trim(&s, &len);
		if (type == CMARK_NODE_BLOCK_QUOTE &&
		    (m = S_alert_marker(s, len)) > 0) {
			S_table_note(c, ti, s + m, len - m);
			continue;
		}
		if (!S_note_label(s, len))
			return;
		if (type == CMARK_NODE_PARAGRAPH)
			S_noted_add(c, S_srcline(c,
			    cmark_node_get_start_line(n)));
		list = cmark_node_next(n);
		if (type == CMARK_NODE_PARAGRAPH &&
		    tl_read_note_word(s, len) && list != NULL &&
		    cmark_node_get_type(list) == CMARK_NODE_LIST) {
			/* "Notes:" and a list: each item is a note. */
			for (n = cmark_node_first_child(list); n != NULL;
			    n = cmark_node_next(n)) {
				buf_reset(tmp);
				S_block_text(n, tmp);
				S_table_note(c, ti, buf_str(tmp), tmp->len);
			}
			n = list;
			continue;
		}
		S_table_note(c, ti, s, len);
	}
}

static int
S_in_quote(cmark_node *n)
{
	for (n = cmark_node_parent(n); n != NULL; n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE)
			return 1;
	return 0;
}

/* A heading of the page, unless it is the site's chrome. */
static void
S_add_heading(struct ctx *c, cmark_node *n, struct buf *tmp)
{
	const char *text = S_node_text(c, n, tmp);
	struct heading *h;

	if (*text == '\0' || tl_read_chrome_heading(text, strlen(text)))
		return;
	c->heads = xgrow(c->heads, &c->heads_cap, c->nheads + 1,
	    sizeof(*c->heads));
	h = &c->heads[c->nheads++];
	h->line = S_srcline(c, cmark_node_get_start_line(n));
	h->level = cmark_node_get_heading_level(n);
	if (h->level < 1 || h->level > 6)
		h->level = 6;
	h->text = text;
}

/*
 * Read every GFM table, in document order, with the notes after it; note
 * the page's headings on the way.  Tables are blocks: the walk does not
 * go into tables, paragraphs or headings, where only inlines are.
 */
static void
S_read_gfm_tables(struct ctx *c, cmark_node *doc, struct buf *tmp)
{
	cmark_node *n = cmark_node_first_child(doc);
	size_t before;

	while (n != NULL) {
		cmark_node_type type = cmark_node_get_type(n);

		if (S_is_type(n, "table")) {
			before = c->page->ntables;
			S_read_gfm_table(c, n, tmp);
			if (c->page->ntables > before) {
				if (S_in_quote(n)) {
					c->quoted = xgrow(c->quoted,
					    &c->quoted_cap, c->nquoted + 1,
					    sizeof(*c->quoted));
					c->quoted[c->nquoted++] =
					    c->page->tables[before].line;
				}
				S_table_notes(c, n, c->page->ntables - 1, tmp);
			}
			n = S_next_skip(n, doc);
		} else if (type == CMARK_NODE_HEADING) {
			if (cmark_node_parent(n) == doc)
				S_add_heading(c, n, tmp);
			n = S_next_skip(n, doc);
		} else if (type == CMARK_NODE_PARAGRAPH)
			n = S_next_skip(n, doc);
		else
			n = S_next(n, doc);
	}
}

/*
 * Each table's heading path: the headings above it, each level's last
 * one (tables are sorted by line by now).  A table in a block quote has
 * none.
 */
static void
S_table_headings(struct ctx *c)
{
	const char *path[6] = { NULL };
	size_t h = 0, t, q, k;
	int i;

	for (t = 0; t < c->page->ntables; t++) {
		struct tl_table *tab = &c->page->tables[t];

		for (; h < c->nheads && c->heads[h].line < tab->line; h++) {
			path[c->heads[h].level - 1] = c->heads[h].text;
			for (i = c->heads[h].level; i < 6; i++)
				path[i] = NULL;
		}
		for (q = 0; q < c->nquoted; q++)
			if (c->quoted[q] == tab->line)
				break;
		if (q < c->nquoted)
			continue;
		for (k = 0; k < 6; k++)
			if (path[k] != NULL)
				tl_strlist_add(c->page, &tab->headings,
				    path[k]);
	}
}

/* ---- cell-line recovery (docs.avepoint.co.jp pages) ---------------- */

/*
 * A cell line: "text |", a lone "|" (empty cell), or either followed by
 * a second "|" that marks the end of a row lacking its merged first cell.
 * No other pipe.  Returns 1 and sets the cell text and *marker.
 */
static int
S_cell_line(const char *p, size_t len, const char **text, size_t *tlen,
    int *marker)
{
	S_trim(&p, &len);
	if (len == 0 || p[len - 1] != '|')
		return 0;
	len--;
	S_trim(&p, &len);
	*marker = 0;
	if (len > 0 && p[len - 1] == '|') {
		*marker = 1;
		len--;
		S_trim(&p, &len);
	}
	if (len > 0 && p[0] == '|' && !*marker) {
		/* "| |" alone: an empty cell and the marker. */
		if (len != 1)
			return 0;
		*marker = 1;
		len = 0;
	}
	if (len > 0 && memchr(p, '|', len) != NULL)
		return 0;
	*text = p;
	*tlen = len;
	return 1;
}

/*
 * Read one cell-line table whose header starts at line `h` and has `ncol`
 * cells; returns the first line after it.  A row is complete at `ncol`
 * cells, or at ncol-1 cells ending with the marker (or at the end of the
 * table, where the renderer dropped the last marker): then its first cell
 * repeats the row above.  Anything else stops the table.
 */
static size_t
S_read_cell_table(struct ctx *c, size_t h, size_t ncol)
{
	struct cells hdr = {0}, row = {0};
	const char **v = xcalloc(ncol, sizeof(*v));
	const char *prev_first = NULL, *text;
	struct tl_table *t;
	size_t ln, tlen, i;
	int marker = 0;

	for (ln = h; ln < h + ncol; ln++) {
		S_cell_line(c->lines[ln].p, c->lines[ln].len, &text, &tlen,
		    &marker);
		S_cells_add(&hdr, tl_strndup(c->page, text, tlen),
		    (unsigned)ln);
	}
	t = tl_page_add_table(c->page, (unsigned)h);
	tl_table_set_header(c->page, t, hdr.v, ncol);
	for (; ln <= c->nlines; ln++) {
		if (!S_cell_line(c->lines[ln].p, c->lines[ln].len, &text,
		    &tlen, &marker))
			break;
		S_cells_add(&row, tl_strndup(c->page, text, tlen),
		    (unsigned)ln);
		if (row.n == ncol && !marker) {
			tl_table_add_row(c->page, t, row.line[0], row.v, ncol);
			prev_first = row.v[0];
			row.n = 0;
		} else if (marker && row.n == ncol - 1 && prev_first) {
			v[0] = prev_first;
			for (i = 0; i < row.n; i++)
				v[i + 1] = row.v[i];
			tl_table_add_row(c->page, t, row.line[0], v, ncol);
			row.n = 0;
		} else if (marker || row.n >= ncol) {
			tl_diag_kind(c->d, TL_WARNING, TL_DK_TABLE_SKIPPED,
			    c->page->source,
			    row.line[0], "table layout not recognised; "
			    "rest of table skipped");
			row.n = 0;
			goto out;
		}
	}
	/* At the end of the table the renderer drops the last marker. */
	if (row.n == ncol - 1 && prev_first != NULL) {
		v[0] = prev_first;
		for (i = 0; i < row.n; i++)
			v[i + 1] = row.v[i];
		tl_table_add_row(c->page, t, row.line[0], v, ncol);
	} else if (row.n > 0)
		S_cut_row(c, t, row.line[0]);
	else if (ln <= c->nlines && S_is_cut_line(c, ln) &&
	    !S_is_blank(c->lines[ln].p, c->lines[ln].len))
		S_cut_row(c, t, (unsigned)ln);
out:
	free(v);
	S_cells_free(&hdr);
	S_cells_free(&row);
	return ln;
}

/* Find and read every cell-line table. */
static void
S_read_cell_tables(struct ctx *c)
{
	size_t ln = 1, run, i;
	const char *text;
	size_t tlen;
	int marker;

	while (ln <= c->nlines) {
		/* The header: a run of known header names, one per line. */
		for (run = 0, i = ln; i <= c->nlines; i++, run++)
			if (!S_cell_line(c->lines[i].p, c->lines[i].len, &text,
			    &tlen, &marker) || marker ||
			    !S_in_list(text, tlen, header_names,
			    sizeof(header_names) / sizeof(header_names[0])))
				break;
		if (run >= 2)
			ln = S_read_cell_table(c, ln, run);
		else
			ln = i + 1;
	}
}

/* ---- page metadata ------------------------------------------------- */

static void
S_add_breadcrumb(struct ctx *c, const char *s, size_t len)
{
	size_t start = 0, i;

	for (i = 0; i <= len; i++) {
		const char *seg;
		size_t slen;

		if (i < len && s[i] != '>')
			continue;
		seg = s + start;
		slen = i - start;
		S_trim(&seg, &slen);
		if (slen > 0)
			tl_strlist_add(c->page, &c->page->breadcrumb,
			    tl_strndup(c->page, seg, slen));
		start = i + 1;
	}
}

/*
 * One line of a top-level paragraph: a breadcrumb, a note or, before the
 * first table, an intro line.
 */
static void
S_meta_line(struct ctx *c, const char *s, size_t len, unsigned line,
    unsigned first_table)
{
	size_t so, eo;

	S_trim(&s, &len);
	if (len == 0)
		return;
	if (S_match(c->r, c->r->re[RE_NOTE], s, len, &so, &eo)) {
		if (s[0] == '*') {
			s++;
			len--;
			S_trim(&s, &len);
		}
		tl_strlist_add(c->page, &c->page->notes,
		    tl_strndup(c->page, s, len));
		return;
	}
	if (first_table != 0 && line >= first_table)
		return;
	if (c->page->breadcrumb.n == 0 &&
	    S_match(c->r, c->r->re[RE_BREADCRUMB], s, len, NULL, NULL)) {
		S_add_breadcrumb(c, s, len);
		return;
	}
	tl_strlist_add(c->page, &c->page->intro, tl_strndup(c->page, s, len));
}

/* The value of a top-level "title:" of the front matter (lines 2 to
 * fm - 1), quotes removed; or NULL. */
static const char *
S_fm_title(struct ctx *c, size_t fm)
{
	size_t ln;

	for (ln = 2; ln < fm; ln++) {
		const char *p = c->lines[ln].p;
		size_t len = c->lines[ln].len;

		if (len < 6 || memcmp(p, "title:", 6) != 0)
			continue;
		p += 6;
		len -= 6;
		S_trim(&p, &len);
		if (len >= 2 && (p[0] == '"' || p[0] == '\'') &&
		    p[len - 1] == p[0]) {
			p++;
			len -= 2;
			S_trim(&p, &len);
		}
		return len > 0 ? tl_strndup(c->page, p, len) : NULL;
	}
	return NULL;
}

/*
 * A scraped page with no '#' heading often starts with its title on a
 * line of its own, then prose: a short line of words that ends in no
 * sentence punctuation, followed by a longer line.
 */
static int
S_title_line(const char *s, size_t len, const char *next, size_t nlen)
{
	char last;

	S_trim(&s, &len);
	S_trim(&next, &nlen);
	if (len == 0 || len > 80 || nlen <= len || memchr(s, '|', len) ||
	    memchr(s, '>', len))
		return 0;
	last = s[len - 1];
	return last != '.' && last != ':' && last != ';' && last != ',' &&
	    last != '!' && last != '?' && last != ')' && last != ']';
}

static void
S_read_meta(struct ctx *c, cmark_node *doc, struct buf *tmp)
{
	unsigned first_table = c->page->ntables ? c->page->tables[0].line : 0;
	const char *scraped = NULL;
	cmark_node *n;
	size_t k;

	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		int pline = cmark_node_get_start_line(n);
		const char *text;
		size_t start, i, nl;

		if (type != CMARK_NODE_PARAGRAPH ||
		    S_is_noted(c, S_srcline(c, pline)))
			continue;
		buf_reset(tmp);
		S_flatten(n, tmp, '\n');
		text = buf_str(tmp);	/* tmp->data is NULL if nothing was put */
		start = 0;
		/* The first block of a page without a title of its own. */
		if (n == cmark_node_first_child(doc) && c->fm_title == NULL &&
		    c->nheads == 0 && (nl = strcspn(text, "\n")) < tmp->len &&
		    !S_match(c->r, c->r->re[RE_BREADCRUMB], text, nl, NULL,
		    NULL) && S_title_line(text, nl, text + nl + 1,
		    strcspn(text + nl + 1, "\n"))) {
			const char *t = text;
			size_t tlen = nl;

			S_trim(&t, &tlen);
			scraped = tl_strndup(c->page, t, tlen);
			start = nl + 1;
			pline++;
		}
		/* Each soft or hard break is a source line of its own. */
		for (i = start; i <= tmp->len; i++) {
			if (i < tmp->len && text[i] != '\n')
				continue;
			S_meta_line(c, text + start, i - start,
			    S_srcline(c, pline), first_table);
			start = i + 1;
			pline++;
		}
	}
	/* The title: the front matter's, else the first '#' heading, else
	 * the breadcrumb's last part, else the first heading. */
	if (c->fm_title != NULL) {
		c->page->title = c->fm_title;
		return;
	}
	for (k = 0; k < c->nheads; k++)
		if (c->heads[k].level == 1) {
			c->page->title = c->heads[k].text;
			return;
		}
	if (c->page->breadcrumb.n > 0)
		c->page->title =
		    c->page->breadcrumb.v[c->page->breadcrumb.n - 1];
	else if (c->nheads > 0)
		c->page->title = c->heads[0].text;
	else
		c->page->title = scraped;
}

/* ---- the reader ---------------------------------------------------- */

static int
S_table_cmp(const void *a, const void *b)
{
	const struct tl_table *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

int
tl_read_md(void *reader, struct tl_page *page, const char *text,
    size_t len, struct tl_diags *d)
{
	struct tl_md_reader *r = reader;
	struct ctx c;
	struct buf fixed = {0}, tmp = {0};
	cmark_parser *parser;
	cmark_node *doc;
	const char *good;
	size_t glen;

	if (r == NULL) {
		tl_diag(d, TL_ERROR, page->source, 0, "no Markdown reader "
		    "(a PCRE2 pattern failed to compile)");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.page = page;
	c.d = d;
	c.inl.base_url = page->url;	/* relative links resolve against it */
	if (text == NULL) {
		text = "";
		len = 0;
	}
	/* Markdown is UTF-8: a BOM only hides front matter. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	good = S_repair(&c, text, len, &fixed, &glen);
	S_split_lines(&c, good, glen);

	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(parser, r->table_ext);
	S_prepare(&c, parser);
	doc = cmark_parser_finish(parser);
	if (doc == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_INTERNAL, page->source, 0,
		    "cannot parse Markdown");
		cmark_parser_free(parser);
		buf_free(&fixed);
		free(c.lines);
		free(c.lmap);
		free(c.headless);
		return -1;
	}

	c.fm_title = S_fm_title(&c, S_front_matter(&c));
	S_read_gfm_tables(&c, doc, &tmp);
	S_read_cell_tables(&c);
	if (page->ntables > 1)
		qsort(page->tables, page->ntables, sizeof(*page->tables),
		    S_table_cmp);
	S_table_headings(&c);
	S_read_meta(&c, doc, &tmp);

	cmark_node_free(doc);
	cmark_parser_free(parser);
	buf_free(&fixed);
	buf_free(&tmp);
	buf_free(&c.tagbuf);
	buf_free(&c.hide.attr);
	tl_inl_free(&c.inl);
	free(c.lines);
	free(c.lmap);
	free(c.heads);
	free(c.quoted);
	free(c.noted);
	free(c.headless);
	return 0;
}
