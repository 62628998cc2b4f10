/*
 * write_json.c - the page object (context.h) as indented JSON.
 */
#include <jansson.h>

#include "changelog.h"
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
tl_write_json(const struct tl_page *page, const struct tl_write_opts *o,
    FILE *fp, struct tl_diags *d)
{
	struct tl_changelog cl;
	json_t *root;
	int rc;

	(void)d;

	tl_changelog_build(&cl, page, o->oldest_first);
	root = tl_page_json(page, &cl, o);
	rc = tl_write_json_value(root, fp);
	json_decref(root);
	tl_changelog_free(&cl);
	return (rc != 0 || ferror(fp)) ? -1 : 0;
}
