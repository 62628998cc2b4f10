/*
 * write_json.c - the page object (context.h) as indented JSON.
 */
#include <jansson.h>

#include "buf.h"
#include "context.h"
#include "write.h"

/* jansson writes a token at a time; gather them and write once. */
static int
append_to_buf(const char *text, size_t len, void *b)
{
	buf_put(b, text, len);
	return 0;
}

int
tl_write_json_value(json_t *value, FILE *fp)
{
	struct buf b = {0};
	int rc;

	rc = json_dump_callback(value, append_to_buf, &b,
	    JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_putc(&b, '\n');
	if (rc == 0 && fwrite(b.data, 1, b.len, fp) != b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}

int
tl_write_json(struct tl_view *v, FILE *fp, struct tl_diags *d)
{
	(void)d;
	if (tl_write_json_value(tl_view_context(v), fp) != 0)
		return -1;
	return ferror(fp) ? -1 : 0;
}
