/*
 * template.c - Mustache templates (see template.h).
 *
 * Compiling is four passes.  The lexer cuts the source into text and tag
 * tokens, following set-delimiter tags as it goes.  The linker pairs
 * every section, parent and block with its closing tag.  The standalone
 * pass finds lines that hold nothing but such tags and white space and
 * removes that white space and the newline, as the spec asks.  Last, the
 * tokens become a flat array of nodes in document order, in which a node
 * with contents records the index just past them, so rendering walks the
 * array with no tree to build or free.
 *
 * Indentation is the subtle part.  A standalone partial is indented by
 * the white space before it, on every line it renders; a block passed to
 * a parent is moved from where it is written to where the parent uses it,
 * so its own indentation is taken off each line and the site's put on.
 * Both are a `struct indent` during rendering: a prefix to strip from
 * template lines and a prefix to add before each line of output.  The
 * prefix is added lazily, when something is written after a template
 * newline, so that a newline inside interpolated data is never indented
 * and a template's trailing newline does not leave a dangling indent.
 */
#include "template/template.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/space.h"
#include "base/map.h"
#include "base/xalloc.h"

#define NONE			SIZE_MAX
/* Longest name quoted in an error message. */
#define MAX_QUOTE		64

enum kind {
	K_TEXT,
	K_VAR,		/* {{name}} */
	K_RAW,		/* {{{name}}} or {{&name}} */
	K_CODE,		/* {{`name}}: the value as code (see template.h) */
	K_SECTION,	/* {{#name}} */
	K_INVERTED,	/* {{^name}} */
	K_CLOSE,	/* {{/name}} */
	K_COMMENT,	/* {{! ... }} */
	K_PARTIAL,	/* {{>name}} */
	K_DELIM,	/* {{=<% %>=}} */
	K_PARENT,	/* {{<name}} */
	K_BLOCK		/* {{$name}} */
};

struct token {
	enum kind	 kind;
	unsigned	 line;
	size_t		 start, end;	/* the whole token in the source */
	size_t		 raw, raw_len;	/* tags: the trimmed content */
	size_t		 name, name_len; /* tags: the name without '*' */
	bool		 dynamic;	/* name written as *name */
	bool		 standalone;	/* on a line removed from the output */
	size_t		 match;		/* opening <-> closing tag */
	size_t		 indent, indent_len; /* white space a standalone line had */
	size_t		 next_line;	/* standalone: where the next line starts */
};

struct compiler {
	const char		*name;
	const char		*src;
	size_t			 len;
	struct tl_template_error *err;
	struct token		*tok;
	size_t			 ntok, cap;
	size_t			 counted;	/* newlines counted up to here */
	unsigned		 line;		/* line number at `counted` */
};

struct delims {
	char	open[TL_TEMPLATE_MAX_DELIM];
	size_t	open_len;
	char	close[TL_TEMPLATE_MAX_DELIM];
	size_t	close_len;
};

/* A parent's block, for finding overrides by name. */
struct block_ref {
	const char	*name;
	size_t		 node;
};

struct node {
	enum kind	 kind;
	unsigned	 line;
	bool		 bol;		/* text: starts a line of the source */
	bool		 dynamic;	/* partials, parents: name is looked up */
	size_t		 end;		/* with contents: index just past them */
	const char	*text;		/* text: in the template's source copy */
	size_t		 len;
	char		*name;		/* dotted names: parts split by NULs */
	size_t		 nparts;	/* 0 for the implicit iterator "." */
	const char	*indent;	/* see S_block_indent(), S_finish_line() */
	size_t		 indent_len;
	struct block_ref *blocks;	/* parents: their blocks, by name */
	size_t		 nblocks;
};

struct tl_template {
	char		*name;
	char		*src;
	size_t		 len;
	struct node	*nodes;
	size_t		 nnodes;
};

/* ---- errors -------------------------------------------------------- */

static void	S_error(struct tl_template_error *, const char *, unsigned,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
S_error(struct tl_template_error *err, const char *name, unsigned line,
    const char *fmt, ...)
{
	va_list ap;
	char *p;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	snprintf(err->name, sizeof(err->name), "%s", name ? name : "");
	err->line = line;
	/* Names quoted from the source may hold any byte; keep one line. */
	for (p = err->message; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

/* How much of a quoted name to show. */
static int
S_qlen(size_t len)
{
	return len > MAX_QUOTE ? MAX_QUOTE : (int)len;
}

static const char *
S_kind_word(enum kind k)
{
	switch (k) {
	case K_PARENT:
		return "parent";
	case K_BLOCK:
		return "block";
	default:
		return "section";
	}
}

/* ---- lexer --------------------------------------------------------- */

/* First occurrence of `pat` in s[from..len), or NONE. */
static size_t
S_find(const char *s, size_t from, size_t len, const char *pat,
    size_t patlen)
{
	const char *p;

	while (from < len && len - from >= patlen) {
		p = memchr(s + from, pat[0], len - from - patlen + 1);
		if (p == NULL)
			return NONE;
		if (memcmp(p, pat, patlen) == 0)
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return NONE;
}

/* The line number of source offset `to` (offsets only ever increase). */
static unsigned
S_line_at(struct compiler *c, size_t to)
{
	const char *p = c->src + c->counted, *end = c->src + to;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		c->line++;
		p++;
	}
	c->counted = to;
	return c->line;
}

static struct token *
S_push_token(struct compiler *c, enum kind kind, size_t start, size_t end,
    unsigned line)
{
	struct token *t;

	c->tok = xgrow(c->tok, &c->cap, c->ntok + 1, sizeof(*c->tok));
	t = &c->tok[c->ntok++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->line = line;
	t->match = NONE;
	t->next_line = NONE;
	return t;
}

/* Parse `{{=open close=}}` content s[from..to) into `d`. */
static int
S_parse_delims(struct compiler *c, const struct token *t, size_t from,
    size_t to, struct delims *d)
{
	const char *s = c->src;
	size_t a, a_end, b, b_end;

	tl_trim(s, &from, &to);
	a = from;
	for (a_end = a; a_end < to && !tl_is_space(s[a_end]); a_end++)
		continue;
	for (b = a_end; b < to && tl_is_space(s[b]); b++)
		continue;
	for (b_end = b; b_end < to && !tl_is_space(s[b_end]); b_end++)
		continue;
	if (a_end == a || b_end == b || b_end != to) {
		S_error(c->err, c->name, t->line, "bad set-delimiter tag: "
		    "expected two delimiters separated by white space");
		return -1;
	}
	if (a_end - a > TL_TEMPLATE_MAX_DELIM ||
	    b_end - b > TL_TEMPLATE_MAX_DELIM) {
		S_error(c->err, c->name, t->line, "bad set-delimiter tag: "
		    "delimiters longer than %d bytes", TL_TEMPLATE_MAX_DELIM);
		return -1;
	}
	memcpy(d->open, s + a, a_end - a);
	d->open_len = a_end - a;
	memcpy(d->close, s + b, b_end - b);
	d->close_len = b_end - b;
	return 0;
}

/* Fill a tag's name from its content s[from..to). */
static int
S_parse_name(struct compiler *c, struct token *t, size_t from, size_t to)
{
	const char *s = c->src;
	size_t i;

	tl_trim(s, &from, &to);
	t->raw = from;
	t->raw_len = to - from;
	if ((t->kind == K_PARTIAL || t->kind == K_PARENT ||
	    t->kind == K_CLOSE) && from < to && s[from] == '*') {
		t->dynamic = true;
		from++;
		tl_trim(s, &from, &to);
	}
	t->name = from;
	t->name_len = to - from;
	if (t->name_len == 0) {
		S_error(c->err, c->name, t->line, "tag without a name");
		return -1;
	}
	for (i = from; i < to; i++) {
		if (tl_is_space(s[i]) && t->kind != K_CLOSE) {
			S_error(c->err, c->name, t->line,
			    "bad tag name '%.*s': white space in a name",
			    S_qlen(t->raw_len), s + t->raw);
			return -1;
		}
	}
	return 0;
}

static enum kind
S_sigil_kind(char c)
{
	switch (c) {
	case '{':
	case '&':
		return K_RAW;
	case '`':
		return K_CODE;
	case '#':
		return K_SECTION;
	case '^':
		return K_INVERTED;
	case '/':
		return K_CLOSE;
	case '!':
		return K_COMMENT;
	case '>':
		return K_PARTIAL;
	case '=':
		return K_DELIM;
	case '<':
		return K_PARENT;
	case '$':
		return K_BLOCK;
	default:
		return K_VAR;
	}
}

/* Lex the tag whose open delimiter is at `at`; set *next past it. */
static int
S_lex_tag(struct compiler *c, struct delims *d, size_t at, size_t *next)
{
	const char *s = c->src;
	char pat[TL_TEMPLATE_MAX_DELIM + 1];
	size_t p = at + d->open_len, patlen, close;
	enum kind kind = K_VAR;
	struct token *t;
	unsigned line = S_line_at(c, at);

	if (p < c->len)
		kind = S_sigil_kind(s[p]);
	/* `{{{x}}}` and `{{=a b=}}` end with their sigil before the delimiter. */
	patlen = 0;
	if (kind == K_RAW && s[p] == '{')
		pat[patlen++] = '}';
	else if (kind == K_DELIM)
		pat[patlen++] = '=';
	memcpy(pat + patlen, d->close, d->close_len);
	patlen += d->close_len;
	if (kind != K_VAR)
		p++;

	close = S_find(s, p, c->len, pat, patlen);
	if (close == NONE) {
		S_error(c->err, c->name, line, "unclosed tag: no '%.*s' after "
		    "'%.*s'", (int)patlen, pat, (int)d->open_len, d->open);
		return -1;
	}
	t = S_push_token(c, kind, at, close + patlen, line);
	*next = close + patlen;
	if (kind == K_COMMENT)
		return 0;
	if (kind == K_DELIM)
		return S_parse_delims(c, t, p, close, d);
	return S_parse_name(c, t, p, close);
}

static int
S_lex(struct compiler *c)
{
	struct delims d = { "{{", 2, "}}", 2 };
	size_t pos = 0, at;

	while (pos < c->len) {
		at = S_find(c->src, pos, c->len, d.open, d.open_len);
		if (at == NONE)
			at = c->len;
		if (at > pos)
			S_push_token(c, K_TEXT, pos, at, S_line_at(c, pos));
		if (at == c->len)
			break;
		if (S_lex_tag(c, &d, at, &pos) == -1)
			return -1;
	}
	return 0;
}

/* ---- linker -------------------------------------------------------- */

static bool
S_opens(enum kind k)
{
	return k == K_SECTION || k == K_INVERTED || k == K_PARENT ||
	    k == K_BLOCK;
}

static int
S_link(struct compiler *c)
{
	size_t *stack = NULL, n = 0, cap = 0, i;
	struct token *t, *o;
	const char *s = c->src;
	int rc = -1;

	for (i = 0; i < c->ntok; i++) {
		t = &c->tok[i];
		if (S_opens(t->kind)) {
			if (n == TL_TEMPLATE_MAX_NESTING) {
				S_error(c->err, c->name, t->line, "sections "
				    "nested more than %d deep",
				    TL_TEMPLATE_MAX_NESTING);
				goto out;
			}
			stack = xgrow(stack, &cap, n + 1, sizeof(*stack));
			stack[n++] = i;
		} else if (t->kind == K_CLOSE) {
			if (n == 0) {
				S_error(c->err, c->name, t->line, "closing tag "
				    "'%.*s' without an open section",
				    S_qlen(t->raw_len), s + t->raw);
				goto out;
			}
			o = &c->tok[stack[n - 1]];
			if (o->raw_len != t->raw_len ||
			    memcmp(s + o->raw, s + t->raw, t->raw_len) != 0) {
				S_error(c->err, c->name, t->line, "closing tag "
				    "'%.*s' does not match %s '%.*s' opened on "
				    "line %u", S_qlen(t->raw_len), s + t->raw,
				    S_kind_word(o->kind), S_qlen(o->raw_len),
				    s + o->raw, o->line);
				goto out;
			}
			o->match = i;
			t->match = stack[--n];
		}
	}
	if (n > 0) {
		o = &c->tok[stack[n - 1]];
		S_error(c->err, c->name, o->line, "unclosed %s '%.*s'",
		    S_kind_word(o->kind), S_qlen(o->raw_len), s + o->raw);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

/* ---- standalone lines ---------------------------------------------- */

/* A line of the source being examined by S_standalone(). */
struct line {
	size_t	start;		/* offset where it starts */
	size_t	first, last;	/* its first and last tag token, or NONE */
	size_t	ntags;
	bool	blank;		/* all its text is white space, no variable */
};

static bool
S_can_stand_alone(enum kind k)
{
	return k != K_VAR && k != K_RAW && k != K_CODE && k != K_TEXT;
}

/*
 * s[0..n) is white space; a '\r' may end it when a '\n' follows.
 */
static bool
S_blank_run(const char *s, size_t n, bool before_newline)
{
	size_t i;

	if (before_newline && n > 0 && s[n - 1] == '\r')
		n--;
	for (i = 0; i < n; i++)
		if (!tl_is_blank(s[i]))
			return false;
	return true;
}

/*
 * Several tags on one line make it standalone only when they are the
 * ends of parents and blocks, as in `{{<page}}{{$body}}`: the spec's
 * inheritance tests expect that.  A whole block on one line does not
 * stand alone (it renders text), nor do sections, so `{{#a}}{{>b}}{{/a}}`
 * keeps its newline as in other implementations.
 */
static bool
S_multi_standalone(const struct compiler *c, const struct line *l)
{
	const struct token *t;
	size_t i;

	for (i = l->first; i <= l->last; i++) {
		t = &c->tok[i];
		if (t->kind == K_TEXT)
			continue;
		if (t->kind == K_BLOCK && t->match >= l->first &&
		    t->match <= l->last)
			return false;
		if (t->kind == K_CLOSE)
			t = &c->tok[t->match];
		if (t->kind != K_PARENT && t->kind != K_BLOCK)
			return false;
	}
	return true;
}

/* The line `l` ends just before `next`: remove it if it is standalone. */
static void
S_finish_line(struct compiler *c, const struct line *l, size_t next)
{
	struct token *first, *before;
	size_t i;

	if (!l->blank || l->ntags == 0)
		return;
	if (l->ntags > 1 && !S_multi_standalone(c, l))
		return;
	first = &c->tok[l->first];
	first->indent = l->start;
	first->indent_len = first->start - l->start;
	if (l->first > 0) {
		before = &c->tok[l->first - 1];
		if (before->kind == K_TEXT && before->end > l->start)
			before->end = l->start;
	}
	for (i = l->first; i <= l->last; i++) {
		if (c->tok[i].kind == K_TEXT)
			c->tok[i].end = c->tok[i].start;
		c->tok[i].standalone = true;
		c->tok[i].next_line = next;
	}
	if (l->last + 1 < c->ntok)
		c->tok[l->last + 1].start = next;
}

static void
S_standalone(struct compiler *c)
{
	struct line l = { 0, NONE, NONE, 0, true };
	const char *s = c->src, *nl;
	struct token *t;
	size_t i, p;

	for (i = 0; i < c->ntok; i++) {
		t = &c->tok[i];
		if (t->kind != K_TEXT) {
			if (l.first == NONE)
				l.first = i;
			l.last = i;
			l.ntags++;
			if (!S_can_stand_alone(t->kind))
				l.blank = false;
			continue;
		}
		for (p = t->start; ; p = (size_t)(nl - s) + 1) {
			nl = memchr(s + p, '\n', t->end - p);
			if (!S_blank_run(s + p, (nl ? (size_t)(nl - s) : t->end)
			    - p, nl != NULL))
				l.blank = false;
			if (nl == NULL)
				break;
			S_finish_line(c, &l, (size_t)(nl - s) + 1);
			l.start = (size_t)(nl - s) + 1;
			l.first = l.last = NONE;
			l.ntags = 0;
			l.blank = true;
		}
	}
	S_finish_line(c, &l, c->len);
}

/* ---- building nodes ------------------------------------------------ */

static size_t
S_next(const struct tl_template *t, size_t i)
{
	return S_opens(t->nodes[i].kind) ? t->nodes[i].end : i + 1;
}

/* A NUL-terminated copy of a name, split into parts at dots if `dotted`. */
static char *
S_name(const char *s, size_t len, bool dotted, size_t *nparts)
{
	char *name = xstrndup(s, len);
	size_t i;

	*nparts = 1;
	if (!dotted)
		return name;
	if (len == 1 && s[0] == '.') {
		*nparts = 0;
		return name;
	}
	for (i = 0; i < len; i++) {
		if (name[i] == '.') {
			name[i] = '\0';
			(*nparts)++;
		}
	}
	return name;
}

/*
 * A block's own indentation, which moving it to where a parent uses it
 * takes off its lines.  When `{{$name}}` stands alone on its line, that is
 * the indentation of the first line below it that is not blank (the
 * "intrinsic indentation" of the inheritance spec); otherwise it is the
 * white space before the tag, if only white space precedes it.
 */
static void
S_block_indent(const struct compiler *c, const struct token *t,
    size_t *off, size_t *len)
{
	const char *s = c->src;
	size_t p, q, end;

	*off = t->start;
	*len = 0;
	if (t->standalone) {
		end = c->tok[t->match].start;
		for (p = t->next_line; p < end; p = q + 1) {
			for (q = p; q < end && tl_is_blank(s[q]); q++)
				continue;
			if (q < end && s[q] == '\r' && q + 1 < c->len &&
			    s[q + 1] == '\n')
				q++;
			if (q == end || s[q] != '\n') {
				*off = p;
				*len = q - p;
				return;
			}
		}
		*off = t->indent;
		*len = t->indent_len;
		return;
	}
	for (p = t->start; p > 0 && tl_is_blank(s[p - 1]); p--)
		continue;
	if (p == 0 || s[p - 1] == '\n') {
		*off = p;
		*len = t->start - p;
	}
}

static int
S_block_cmp(const void *a, const void *b)
{
	const struct block_ref *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d != 0)
		return d;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Index the blocks directly inside each parent, to find overrides. */
static void
S_index_blocks(struct tl_template *t)
{
	struct node *n;
	size_t i, j, k;

	for (i = 0; i < t->nnodes; i++) {
		n = &t->nodes[i];
		if (n->kind != K_PARENT)
			continue;
		for (k = 0, j = i + 1; j < n->end; j = S_next(t, j))
			k += t->nodes[j].kind == K_BLOCK;
		if (k == 0)
			continue;
		n->blocks = xcalloc(k, sizeof(*n->blocks));
		for (j = i + 1; j < n->end; j = S_next(t, j)) {
			if (t->nodes[j].kind != K_BLOCK)
				continue;
			n->blocks[n->nblocks].name = t->nodes[j].name;
			n->blocks[n->nblocks++].node = j;
		}
		qsort(n->blocks, n->nblocks, sizeof(*n->blocks), S_block_cmp);
	}
}

static void
S_build_tag(const struct compiler *c, struct tl_template *t,
    const struct token *tok, struct node *n)
{
	const char *s = c->src;
	size_t off, len;
	bool dotted = tok->kind == K_VAR || tok->kind == K_RAW ||
	    tok->kind == K_CODE || tok->kind == K_SECTION || tok->kind == K_INVERTED || tok->dynamic;

	n->name = S_name(s + tok->name, tok->name_len, dotted, &n->nparts);
	n->dynamic = tok->dynamic;
	if (tok->kind == K_BLOCK) {
		S_block_indent(c, tok, &off, &len);
		n->indent = t->src + off;
		n->indent_len = len;
	} else if (tok->kind == K_PARTIAL || tok->kind == K_PARENT) {
		n->indent = t->src + tok->indent;
		n->indent_len = tok->indent_len;
	}
}

static struct tl_template *
S_build(const struct compiler *c)
{
	struct tl_template *t = xcalloc(1, sizeof(*t));
	size_t *stack = NULL, n = 0, cap = 0, i;
	const struct token *tok;
	struct node *node;

	t->name = xstrdup(c->name);
	t->src = xstrndup(c->src, c->len);
	t->len = c->len;
	t->nodes = xcalloc(c->ntok, sizeof(*t->nodes));
	for (i = 0; i < c->ntok; i++) {
		tok = &c->tok[i];
		if (tok->kind == K_COMMENT || tok->kind == K_DELIM)
			continue;
		if (tok->kind == K_CLOSE) {
			t->nodes[stack[--n]].end = t->nnodes;
			continue;
		}
		if (tok->kind == K_TEXT && tok->start >= tok->end)
			continue;
		node = &t->nodes[t->nnodes++];
		node->kind = tok->kind;
		node->line = tok->line;
		if (tok->kind == K_TEXT) {
			node->text = t->src + tok->start;
			node->len = tok->end - tok->start;
			node->bol = tok->start == 0 ||
			    c->src[tok->start - 1] == '\n';
			continue;
		}
		S_build_tag(c, t, tok, node);
		if (S_opens(tok->kind)) {
			stack = xgrow(stack, &cap, n + 1, sizeof(*stack));
			stack[n++] = t->nnodes - 1;
		}
	}
	free(stack);
	S_index_blocks(t);
	return t;
}

struct tl_template *
tl_template_compile(const char *name, const char *src, size_t len,
    struct tl_template_error *err)
{
	struct compiler c;
	struct tl_template *t = NULL;

	memset(&c, 0, sizeof(c));
	c.name = name ? name : "";
	c.src = src ? src : "";
	c.len = src ? len : 0;
	c.err = err;
	c.line = 1;
	if (S_lex(&c) == 0 && S_link(&c) == 0) {
		S_standalone(&c);
		t = S_build(&c);
	}
	free(c.tok);
	return t;
}

const char *
tl_template_name(const struct tl_template *t)
{
	return t->name;
}

void
tl_template_free(struct tl_template *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nnodes; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].blocks);
	}
	free(t->nodes);
	free(t->src);
	free(t->name);
	free(t);
}

/* ---- rendering ----------------------------------------------------- */

/* How template lines are re-indented (see the top of the file). */
struct indent {
	const char	*strip;
	size_t		 strip_len;
	const char	*add;
	size_t		 add_len;
};

/* A parent being rendered: its blocks override the parent's. */
struct override {
	const struct tl_template *t;
	size_t		 node;
};

struct render {
	struct tl_template_set	*set;
	struct buf		*out;
	struct tl_template_error *err;
	struct tl_value		*stack;		/* the context stack */
	size_t			 nstack, stack_cap;
	struct override		*ov;
	size_t			 nov, ov_cap;
	unsigned		 partials;	/* partials being rendered */
	unsigned		 level;		/* S_render_nodes() recursion */
	bool			 pending;	/* output is at a line start */
	tl_template_escaper	 escape;	/* for {{name}} */
	tl_template_escaper	 escape_code;	/* for {{`name}} */
	tl_template_missing	 missing;	/* NULL: missing names are "" */
	void			*missing_ctx;
	struct buf		 scratch;	/* strings made on demand */
};

static int	S_render_nodes(struct render *, const struct tl_template *,
		    size_t, size_t, const struct indent *);
static tl_template_escaper S_set_escaper(const struct tl_template_set *);
static tl_template_escaper S_set_code_escaper(const struct tl_template_set *);
static void	S_set_missing(const struct tl_template_set *, struct render *);

static void
S_push_context(struct render *r, const struct tl_value *v)
{
	r->stack = xgrow(r->stack, &r->stack_cap, r->nstack + 1,
	    sizeof(*r->stack));
	r->stack[r->nstack++] = *v;
}

/*
 * `a.b.c`: `a` through the context stack (objects only), then `b` and
 * `c` inside it only, a part made of digits indexing an array.
 */
static struct tl_value
S_lookup(const struct render *r, const char *name, size_t nparts)
{
	struct tl_value v = tl_value_missing();
	size_t k, i;

	if (r->nstack == 0)
		return v;
	if (nparts == 0)
		return r->stack[r->nstack - 1];
	for (k = r->nstack; k-- > 0 && v.kind == TL_VALUE_MISSING; )
		if (r->stack[k].kind == TL_VALUE_OBJECT)
			v = tl_value_get(&r->stack[k], name);
	for (i = 1; i < nparts && v.kind != TL_VALUE_MISSING; i++) {
		name += strlen(name) + 1;
		v = tl_value_get(&v, name);
	}
	return v;
}

/* Tell the set's hook that node n of t names nothing (see template.h). */
static void
S_report_missing(const struct render *r, const struct tl_template *t,
    const struct node *n)
{
	struct buf name = {0};
	const char *part = n->name;
	size_t i;

	for (i = 0; i < n->nparts; i++) {
		if (i > 0)
			buf_putc(&name, '.');
		buf_puts(&name, part);
		part += strlen(part) + 1;
	}
	r->missing(r->missing_ctx, t->name ? t->name : "", n->line,
	    n->nparts ? buf_str(&name) : ".");
	buf_free(&name);
}

/* Before writing s[0..len): indent it if it starts a line of output. */
static void
S_line_start(struct render *r, const char *s, size_t len,
    const struct indent *ind)
{
	/* A blank line gets no indentation: no trailing white space. */
	if (r->pending && len > 0 && s[0] != '\n' &&
	    !(s[0] == '\r' && len > 1 && s[1] == '\n'))
		buf_put(r->out, ind->add, ind->add_len);
}

/* Template text ending at most at a newline. */
static void
S_put_text(struct render *r, const char *s, size_t len,
    const struct indent *ind)
{
	if (len == 0)
		return;
	S_line_start(r, s, len, ind);
	buf_put(r->out, s, len);
	r->pending = s[len - 1] == '\n';
}

/* Length of the prefix of s[0..len) that `strip` also starts with. */
static size_t
S_common_prefix(const char *s, size_t len, const char *strip,
    size_t strip_len)
{
	size_t i;

	for (i = 0; i < len && i < strip_len && s[i] == strip[i]; i++)
		continue;
	return i;
}

static void
S_emit_text(struct render *r, const struct node *n,
    const struct indent *ind)
{
	const char *p = n->text, *end = n->text + n->len, *nl, *stop;
	bool bol = n->bol;

	if (ind->strip_len == 0 && ind->add_len == 0) {
		buf_put(r->out, n->text, n->len);
		r->pending = n->text[n->len - 1] == '\n';
		return;
	}
	while (p < end) {
		if (bol)
			p += S_common_prefix(p, (size_t)(end - p), ind->strip,
			    ind->strip_len);
		nl = memchr(p, '\n', (size_t)(end - p));
		stop = nl ? nl + 1 : end;
		S_put_text(r, p, (size_t)(stop - p), ind);
		p = stop;
		bol = true;
	}
}

/* The shortest decimal form that reads back as `d`. */
static void
S_format_real(double d, char *out, size_t size)
{
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			return;
	}
}

static void
S_emit_value(struct render *r, const struct tl_value *v,
    tl_template_escaper escape, const struct indent *ind)
{
	char num[64];
	const char *s = num;
	size_t len;

	switch (v->kind) {
	case TL_VALUE_STRING:
		s = tl_value_text(v, &r->scratch, &len);
		break;
	case TL_VALUE_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, v->i);
		len = strlen(num);
		break;
	case TL_VALUE_REAL:
		S_format_real(v->d, num, sizeof(num));
		len = strlen(num);
		break;
	case TL_VALUE_TRUE:
		s = "true";
		len = 4;
		break;
	case TL_VALUE_FALSE:
		s = "false";
		len = 5;
		break;
	default:
		return;
	}
	if (len == 0)
		return;
	/* Data is part of the line it is on: its newlines are not indented. */
	if (r->pending)
		buf_put(r->out, ind->add, ind->add_len);
	r->pending = false;
	if (escape != NULL)
		escape(r->out, s, len);
	else
		buf_put(r->out, s, len);
}

static int
S_render_section(struct render *r, const struct tl_template *t, size_t i,
    const struct indent *ind)
{
	const struct node *n = &t->nodes[i];
	struct tl_value v = S_lookup(r, n->name, n->nparts), e;
	size_t k, size;
	int rc = 0;

	if (v.kind == TL_VALUE_ARRAY) {
		size = tl_value_size(&v);
		for (k = 0; k < size && rc == 0; k++) {
			e = tl_value_at(&v, k);
			S_push_context(r, &e);
			rc = S_render_nodes(r, t, i + 1, n->end, ind);
			r->nstack--;
		}
	} else if (tl_value_truthy(&v, &r->scratch)) {
		S_push_context(r, &v);
		rc = S_render_nodes(r, t, i + 1, n->end, ind);
		r->nstack--;
	}
	return rc;
}

/*
 * The indentation to add for something written at a line start after
 * white space `ws` (a slice of template source): the current addition,
 * plus whatever of `ws` is not stripped.  When that needs a new string,
 * *owned is set to it for the caller to free; otherwise to NULL.
 */
static const char *
S_reindent(const struct indent *ind, const char *ws, size_t ws_len,
    size_t *len, char **owned)
{
	size_t keep = S_common_prefix(ws, ws_len, ind->strip, ind->strip_len);

	*owned = NULL;
	*len = ind->add_len;
	if (keep == ws_len)
		return ind->add;
	*len = ind->add_len + ws_len - keep;
	*owned = xmalloc(*len);
	memcpy(*owned, ind->add, ind->add_len);
	memcpy(*owned + ind->add_len, ws + keep, ws_len - keep);
	return *owned;
}

/* The partial or parent at node i, named `name`. */
static int
S_render_named_partial(struct render *r, const struct tl_template *t,
    size_t i, const char *name, const struct indent *ind)
{
	const struct node *n = &t->nodes[i];
	const struct tl_template *p;
	struct indent sub;
	char *owned;
	int rc;

	if (r->set == NULL)
		return 0;
	if (tl_template_set_get(r->set, name, &p, r->err) == -1)
		return -1;
	if (p == NULL)
		return 0;
	if (r->partials >= TL_TEMPLATE_MAX_PARTIALS) {
		S_error(r->err, t->name, n->line, "partials nested more than "
		    "%d deep (at '%.*s')", TL_TEMPLATE_MAX_PARTIALS,
		    S_qlen(strlen(name)), name);
		return -1;
	}
	sub.add = S_reindent(ind, n->indent, n->indent_len, &sub.add_len,
	    &owned);
	sub.strip = "";
	sub.strip_len = 0;
	if (n->kind == K_PARENT) {
		r->ov = xgrow(r->ov, &r->ov_cap, r->nov + 1, sizeof(*r->ov));
		r->ov[r->nov].t = t;
		r->ov[r->nov++].node = i;
	}
	r->partials++;
	rc = S_render_nodes(r, p, 0, p->nnodes, &sub);
	r->partials--;
	if (n->kind == K_PARENT)
		r->nov--;
	free(owned);
	return rc;
}

/* Partials and parents, their name written or (`*name`) looked up. */
static int
S_render_partial(struct render *r, const struct tl_template *t, size_t i,
    const struct indent *ind)
{
	const struct node *n = &t->nodes[i];
	struct tl_value v;
	struct buf dynamic = {0};
	const char *name;
	size_t len;
	int rc;

	if (!n->dynamic)
		return S_render_named_partial(r, t, i, n->name, ind);
	v = S_lookup(r, n->name, n->nparts);
	if (v.kind != TL_VALUE_STRING)
		return 0;
	/* Its own copy: rendering the partial reuses the scratch buffer. */
	name = tl_value_text(&v, &r->scratch, &len);
	buf_put(&dynamic, name, len);
	rc = S_render_named_partial(r, t, i, buf_str(&dynamic), ind);
	buf_free(&dynamic);
	return rc;
}

/*
 * The block overriding `name`: the outermost parent's wins, so that a
 * template overrides what the parents it extends pass further up.
 */
static bool
S_find_override(const struct render *r, const char *name,
    const struct tl_template **t, size_t *node)
{
	const struct node *p;
	size_t k, lo, hi, mid;
	int d;

	for (k = 0; k < r->nov; k++) {
		p = &r->ov[k].t->nodes[r->ov[k].node];
		lo = 0;
		hi = p->nblocks;
		while (lo < hi) {	/* the leftmost match: the first written */
			mid = lo + (hi - lo) / 2;
			d = strcmp(p->blocks[mid].name, name);
			if (d < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < p->nblocks && strcmp(p->blocks[lo].name, name) == 0) {
			*t = r->ov[k].t;
			*node = p->blocks[lo].node;
			return true;
		}
	}
	return false;
}

static int
S_render_block(struct render *r, const struct tl_template *t, size_t i,
    const struct indent *ind)
{
	const struct node *site = &t->nodes[i], *def;
	const struct tl_template *dt;
	struct indent sub;
	size_t di;
	char *owned;
	int rc;

	if (!S_find_override(r, site->name, &dt, &di))
		return S_render_nodes(r, t, i + 1, site->end, ind);
	def = &dt->nodes[di];
	sub.add = S_reindent(ind, site->indent, site->indent_len,
	    &sub.add_len, &owned);
	sub.strip = def->indent;
	sub.strip_len = def->indent_len;
	rc = S_render_nodes(r, dt, di + 1, def->end, &sub);
	free(owned);
	return rc;
}

static int
S_render_nodes(struct render *r, const struct tl_template *t, size_t from,
    size_t to, const struct indent *ind)
{
	const struct node *n;
	struct tl_value v;
	size_t i;
	int rc = 0;

	if (r->level >= TL_TEMPLATE_MAX_DEPTH) {
		S_error(r->err, t->name, from < t->nnodes ?
		    t->nodes[from].line : 0, "templates nested more than %d "
		    "deep while rendering", TL_TEMPLATE_MAX_DEPTH);
		return -1;
	}
	r->level++;
	for (i = from; i < to && rc == 0; i = S_next(t, i)) {
		n = &t->nodes[i];
		switch (n->kind) {
		case K_TEXT:
			S_emit_text(r, n, ind);
			break;
		case K_VAR:
		case K_RAW:
		case K_CODE:
			v = S_lookup(r, n->name, n->nparts);
			if (v.kind == TL_VALUE_MISSING && r->missing != NULL)
				S_report_missing(r, t, n);
			S_emit_value(r, &v, n->kind == K_VAR ? r->escape :
			    n->kind == K_CODE ? r->escape_code : NULL, ind);
			break;
		case K_SECTION:
			rc = S_render_section(r, t, i, ind);
			break;
		case K_INVERTED:
			v = S_lookup(r, n->name, n->nparts);
			if (!tl_value_truthy(&v, &r->scratch))
				rc = S_render_nodes(r, t, i + 1, n->end, ind);
			break;
		case K_PARTIAL:
		case K_PARENT:
			rc = S_render_partial(r, t, i, ind);
			break;
		case K_BLOCK:
			rc = S_render_block(r, t, i, ind);
			break;
		default:
			break;
		}
	}
	r->level--;
	return rc;
}

int
tl_template_render(const struct tl_template *t, const struct tl_value *context,
    struct tl_template_set *partials, struct buf *out,
    struct tl_template_error *err)
{
	struct indent none = { "", 0, "", 0 };
	struct render r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.set = partials;
	r.escape = S_set_escaper(partials);
	r.escape_code = S_set_code_escaper(partials);
	S_set_missing(partials, &r);
	r.out = out;
	r.err = err;
	r.pending = true;
	if (context != NULL)
		S_push_context(&r, context);
	/* Leave `out` a valid (empty) string even when nothing is written. */
	buf_put(out, "", 0);
	rc = S_render_nodes(&r, t, 0, t->nnodes, &none);
	free(r.stack);
	free(r.ov);
	buf_free(&r.scratch);
	return rc;
}

/* ---- template sets ------------------------------------------------- */

struct entry {
	char			*name;
	struct tl_template	*t;	/* NULL: no such template */
};

/* Templates by name: the entries, and a map from name to entry. */
struct tl_template_set {
	struct tl_template_loader loader;
	tl_template_escaper	 escape;	/* NULL: HTML */
	tl_template_escaper	 escape_code;	/* NULL: as escape */
	tl_template_missing	 missing;	/* NULL: not reported */
	void			*missing_ctx;
	struct entry	*v;
	size_t		 n, cap;
	struct tl_map	 names;		/* name -> index into v */
};

/* The entry for `name`, or NULL. */
static struct entry *
S_entry(const struct tl_template_set *set, const char *name)
{
	size_t i;

	return tl_map_get(&set->names, name, &i) ? &set->v[i] : NULL;
}

static void
S_insert(struct tl_template_set *set, const char *name,
    struct tl_template *t)
{
	struct entry *e;

	set->v = xgrow(set->v, &set->cap, set->n + 1, sizeof(*set->v));
	e = &set->v[set->n];
	e->name = xstrdup(name);
	e->t = t;
	/* The entry's copy of the name stays put as v grows. */
	tl_map_put(&set->names, e->name, set->n++);
}

struct tl_template_set *
tl_template_set_new(const struct tl_template_loader *loader)
{
	struct tl_template_set *set = xcalloc(1, sizeof(*set));

	if (loader != NULL)
		set->loader = *loader;
	return set;
}

void
tl_template_set_free(struct tl_template_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		free(set->v[i].name);
		tl_template_free(set->v[i].t);
	}
	free(set->v);
	tl_map_free(&set->names);
	free(set);
}

int
tl_template_set_add(struct tl_template_set *set, const char *name,
    const char *src, size_t len, struct tl_template_error *err)
{
	struct tl_template *t = tl_template_compile(name, src, len, err);
	struct entry *e;

	if (t == NULL)
		return -1;
	if ((e = S_entry(set, name)) != NULL) {
		tl_template_free(e->t);
		e->t = t;
		return 0;
	}
	S_insert(set, name, t);
	return 0;
}

int
tl_template_set_get(struct tl_template_set *set, const char *name,
    const struct tl_template **found, struct tl_template_error *err)
{
	struct tl_template *t = NULL;
	struct entry *e;
	char *src;

	*found = NULL;
	if ((e = S_entry(set, name)) != NULL) {
		*found = e->t;
		return 0;
	}
	if (set->loader.load == NULL)
		return 0;
	src = set->loader.load(set->loader.ctx, name);
	if (src != NULL) {
		t = tl_template_compile(name, src, strlen(src), err);
		free(src);
		if (t == NULL)
			return -1;
	}
	S_insert(set, name, t);
	*found = t;
	return 0;
}

void
tl_template_set_escape(struct tl_template_set *set, tl_template_escaper escape)
{
	set->escape = escape;
	set->escape_code = NULL;
}

void
tl_template_set_escape_code(struct tl_template_set *set,
    tl_template_escaper escape)
{
	set->escape_code = escape;
}

void
tl_template_set_on_missing(struct tl_template_set *set, tl_template_missing fn,
    void *ctx)
{
	set->missing = fn;
	set->missing_ctx = ctx;
}

/* The set's hook for missing names, into r. */
static void
S_set_missing(const struct tl_template_set *set, struct render *r)
{
	if (set != NULL) {
		r->missing = set->missing;
		r->missing_ctx = set->missing_ctx;
	}
}

static tl_template_escaper
S_set_escaper(const struct tl_template_set *set)
{
	return (set != NULL && set->escape != NULL) ? set->escape :
	    tl_html_escape;
}

static tl_template_escaper
S_set_code_escaper(const struct tl_template_set *set)
{
	return (set != NULL && set->escape_code != NULL) ? set->escape_code :
	    S_set_escaper(set);
}

int
tl_template_set_render(struct tl_template_set *set, const char *name,
    const struct tl_value *context, struct buf *out,
    struct tl_template_error *err)
{
	const struct tl_template *t;

	if (tl_template_set_get(set, name, &t, err) == -1)
		return -1;
	if (t == NULL) {
		S_error(err, name, 0, "no template '%.*s'",
		    S_qlen(strlen(name)), name);
		return -1;
	}
	return tl_template_render(t, context, set, out, err);
}
