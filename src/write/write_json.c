/*
 * write_json.c - the page object (context.h) as indented JSON.
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "write/context.h"
#include "base/swar.h"
#include "write/write.h"

/*
 * Values (value.h) are written here directly, in exactly jansson's
 * JSON_INDENT(2) layout, and spilled as the buffer fills: a page's object
 * is never built as a tree (and jansson's own dump, which checks every
 * container for loops through a hash table, was over half the time of
 * `-o DIR` when it was).
 */
static void
put_indent(struct buf *b, int depth)
{
	static const char spaces[] = "\n                                ";
	size_t n = 2 * (size_t)depth;

	buf_put(b, spaces, 1);
	for (; n > sizeof(spaces) - 2; n -= sizeof(spaces) - 2)
		buf_put(b, spaces + 1, sizeof(spaces) - 2);
	buf_put(b, spaces + 1, n);
}

/* Bytes JSON strings cannot hold as they are: controls, '"', '\\'. */
static int
needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* The first byte of s[0..end) that needs escaping, or end: strings are
 * mostly long runs that need nothing, tested 8 bytes at a time. */
static const char *
scan_plain(const char *s, const char *end)
{
	uint64_t w;

	while (end - s >= 8) {
		w = tl_word(s);
		if (tl_word_has_below(w, 0x20) || tl_word_has(w, '"') ||
		    tl_word_has(w, '\\'))
			break;
		s += 8;
	}
	while (s < end && !needs_escape((unsigned char)*s))
		s++;
	return s;
}

static void
put_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";	/* as jansson */
	const char *end = s + len, *run;

	buf_putc(b, '"');
	while (s < end) {
		run = s;
		s = scan_plain(s, end);
		buf_put(b, run, (size_t)(s - run));
		if (s == end)
			break;
		switch (*s) {
		case '"': buf_put(b, "\\\"", 2); break;
		case '\\': buf_put(b, "\\\\", 2); break;
		case '\b': buf_put(b, "\\b", 2); break;
		case '\f': buf_put(b, "\\f", 2); break;
		case '\n': buf_put(b, "\\n", 2); break;
		case '\r': buf_put(b, "\\r", 2); break;
		case '\t': buf_put(b, "\\t", 2); break;
		default:
			buf_put(b, "\\u00", 4);
			buf_putc(b, hex[(unsigned char)*s >> 4]);
			buf_putc(b, hex[*s & 15]);
			break;
		}
		s++;
	}
	buf_putc(b, '"');
}

/* An integer in decimal; printf's machinery costs more than the row. */
static void
put_int(struct buf *b, json_int_t v)
{
	char digits[24];
	size_t n = sizeof(digits);
	unsigned long long u = v < 0 ? -(unsigned long long)v :
	    (unsigned long long)v;

	do
		digits[--n] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[--n] = '-';
	buf_put(b, digits + n, sizeof(digits) - n);
}

struct json_out {
	struct buf	*b;
	FILE		*fp;
	struct buf	 scratch;	/* strings made on demand */
	int		 depth;
	size_t		 n;		/* members written at this depth */
};

static void put_value(struct json_out *, const struct tl_value *);

static int
put_member(void *ctx, const char *key, const struct tl_value *m)
{
	struct json_out *o = ctx;

	if (o->n++ > 0)
		buf_putc(o->b, ',');
	put_indent(o->b, o->depth);
	put_string(o->b, key, strlen(key));
	buf_puts(o->b, ": ");
	put_value(o, m);
	return 0;
}

static void
put_object(struct json_out *o, const struct tl_value *v)
{
	size_t outer = o->n;

	o->n = 0;
	o->depth++;
	buf_putc(o->b, '{');
	tl_value_members(v, put_member, o);
	o->depth--;
	if (o->n == 0) {
		buf_putc(o->b, '}');
	} else {
		put_indent(o->b, o->depth);
		buf_putc(o->b, '}');
	}
	o->n = outer;
}

static void
put_array(struct json_out *o, const struct tl_value *v)
{
	size_t i, n = tl_value_size(v);

	if (n == 0) {
		buf_puts(o->b, "[]");
		return;
	}
	buf_putc(o->b, '[');
	o->depth++;
	for (i = 0; i < n; i++) {
		struct tl_value e = tl_value_at(v, i);

		if (i > 0)
			buf_putc(o->b, ',');
		put_indent(o->b, o->depth);
		put_value(o, &e);
	}
	o->depth--;
	put_indent(o->b, o->depth);
	buf_putc(o->b, ']');
}

static void
put_value(struct json_out *o, const struct tl_value *v)
{
	const char *s;
	size_t len;

	switch (v->kind) {
	case TL_VALUE_OBJECT:
		put_object(o, v);
		break;
	case TL_VALUE_ARRAY:
		put_array(o, v);
		break;
	case TL_VALUE_STRING:
		s = tl_value_text(v, &o->scratch, &len);
		put_string(o->b, s, len);
		break;
	case TL_VALUE_INTEGER:
		put_int(o->b, v->i);
		break;
	case TL_VALUE_REAL:
		buf_printf(o->b, "%.17g", v->d);
		break;
	case TL_VALUE_TRUE:
		buf_puts(o->b, "true");
		break;
	case TL_VALUE_FALSE:
		buf_puts(o->b, "false");
		break;
	default:
		buf_puts(o->b, "null");
		break;
	}
	buf_spill(o->b, o->fp, 65536);
}

int
tl_write_value(const struct tl_value *value, FILE *fp)
{
	struct buf b = {0};
	struct json_out o;

	memset(&o, 0, sizeof(o));
	o.b = &b;
	o.fp = fp;
	put_value(&o, value);
	buf_putc(&b, '\n');
	buf_spill(&b, fp, 0);
	buf_free(&b);
	buf_free(&o.scratch);
	return ferror(fp) ? -1 : 0;
}

int
tl_write_json_value(json_t *value, FILE *fp)
{
	struct tl_value v = tl_value_json(value);

	return tl_write_value(&v, fp);
}

int
tl_write_json(const struct tl_view *v, struct tl_renderer *r, FILE *fp,
    struct tl_diags *d)
{
	struct tl_value page = tl_view_value(v);

	(void)r;
	(void)d;
	return tl_write_value(&page, fp);
}
