/*
 * write_json.c - the page object (context.h) as indented JSON.
 */
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "context.h"
#include "write.h"

/*
 * jansson's own dump checks every container for reference loops by
 * putting its address, formatted as a string, into a hash table: with a
 * page's thousands of small cell objects that was over half the time of
 * `-o DIR` (callgrind).  Our values are trees built by context.c (shared
 * rows are shared, never cyclic), so they are written here directly, in
 * exactly jansson's JSON_INDENT(2) layout, and spilled as the buffer fills.
 */
static void
put_indent(struct buf *b, int depth)
{
	buf_putc(b, '\n');
	for (int i = 0; i < depth; i++)
		buf_put(b, "  ", 2);
}

static void
put_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s, *end = s + len;

	buf_putc(b, '"');
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = NULL;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, run, (size_t)(s - run));
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\b': rep = "\\b"; break;
		case '\f': rep = "\\f"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		}
		if (rep != NULL) {
			buf_puts(b, rep);
		} else {
			buf_puts(b, "\\u00");
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
		run = s + 1;
	}
	buf_put(b, run, (size_t)(end - run));
	buf_putc(b, '"');
}

static void
put_value(struct buf *b, FILE *fp, json_t *v, int depth)
{
	const char *key;
	json_t *item;
	size_t i, n;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			buf_puts(b, "{}");
			break;
		}
		buf_putc(b, '{');
		n = 0;
		json_object_foreach(v, key, item) {
			if (n++ > 0)
				buf_putc(b, ',');
			put_indent(b, depth + 1);
			put_string(b, key, strlen(key));
			buf_puts(b, ": ");
			put_value(b, fp, item, depth + 1);
		}
		put_indent(b, depth);
		buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		if (json_array_size(v) == 0) {
			buf_puts(b, "[]");
			break;
		}
		buf_putc(b, '[');
		json_array_foreach(v, i, item) {
			if (i > 0)
				buf_putc(b, ',');
			put_indent(b, depth + 1);
			put_value(b, fp, item, depth + 1);
		}
		put_indent(b, depth);
		buf_putc(b, ']');
		break;
	case JSON_STRING:
		put_string(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		buf_printf(b, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE:
		buf_puts(b, "true");
		break;
	case JSON_FALSE:
		buf_puts(b, "false");
		break;
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	}
	buf_spill(b, fp, 65536);
}

int
tl_write_json_value(json_t *value, FILE *fp)
{
	struct buf b = {0};

	put_value(&b, fp, value, 0);
	buf_putc(&b, '\n');
	buf_spill(&b, fp, 0);
	buf_free(&b);
	return ferror(fp) ? -1 : 0;
}

int
tl_write_json(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	(void)d;
	if (tl_write_json_value(tl_view_context(v), fp) != 0)
		return -1;
	return ferror(fp) ? -1 : 0;
}
