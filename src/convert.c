/*
 * convert.c - dispatch a page to its writers (see convert.h).
 */
#include "convert.h"

#include <errno.h>
#include <string.h>

#include "buf.h"
#include "output.h"

static const struct tl_output_format formats[] = {
	{ "md",			"table.md",		tl_write_md },
	{ "html",		"table.html",		tl_write_html },
	{ "csv",		"table.csv",		tl_write_csv },
	{ "json",		"table.json",		tl_write_json },
	{ "changelog",		"changelog.md",		tl_write_changelog },
	{ "changelog-html",	"changelog.html",	tl_write_changelog_html },
	{ "atom",		"feed.xml",		tl_write_atom },
	{ NULL,			NULL,			NULL },
};

const struct tl_output_format *
tl_output_formats(void)
{
	return formats;
}

const struct tl_output_format *
tl_output_format(const char *name)
{
	const struct tl_output_format *f;

	for (f = formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

int
tl_convert_stream(struct tl_view *v, const struct tl_output_format *f,
    FILE *fp, const char *what, struct tl_diags *d)
{
	int rc = f->write(v, fp, d);

	/* A failed write leaves the stream's error set: report that. */
	if (tl_stream_finish(fp, what, d) != 0)
		return -1;
	return rc;
}

int
tl_convert_file(struct tl_view *v, const struct tl_output_format *f,
    const char *path, struct tl_diags *d)
{
	struct tl_outfile out;

	if (tl_outfile_open(&out, path, d) != 0)
		return -1;
	if (f->write(v, out.fp, d) != 0) {
		if (ferror(out.fp))
			tl_diag(d, TL_ERROR, path, 0, "cannot write file: %s",
			    strerror(errno ? errno : EIO));
		tl_outfile_abort(&out);
		return -1;
	}
	return tl_outfile_commit(&out, d);
}

int
tl_convert_dir(struct tl_view *v, const struct tl_output_format *const *fmts,
    size_t n, const char *dir, struct tl_diags *d)
{
	struct buf path = {0};
	const struct tl_output_format *f;
	size_t i;
	int rc = 0;

	if (tl_mkdirs(dir, d) != 0)
		return -1;
	for (i = 0; rc == 0; i++) {
		f = n ? (i < n ? fmts[i] : NULL) : &formats[i];
		if (f == NULL || f->name == NULL)
			break;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, f->file);
		rc = tl_convert_file(v, f, buf_str(&path), d);
	}
	buf_free(&path);
	return rc;
}
