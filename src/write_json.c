/*
 * write_json.c - the page object (context.h) as indented JSON.
 */
#include <jansson.h>

#include "changelog.h"
#include "context.h"
#include "write.h"

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
	rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = -1;
	json_decref(root);
	tl_changelog_free(&cl);
	return (rc != 0 || ferror(fp)) ? -1 : 0;
}
