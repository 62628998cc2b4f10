/*
 * render.c - template look-up and rendering (see render.h).
 */
#include "write/render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/map.h"
#include "write/escape.h"
#include "write/templates.h"
#include "base/xalloc.h"

struct tl_renderer {
	char			*dir;
	struct tl_template_set	*set;
	int			 strict;	/* warn of missing names */
	/* While tl_render() runs, strict: where warnings go, and which
	 * (template, line, name) were already reported, once each. */
	struct tl_diags		*d;
	struct tl_map		 seen;
	char			**seen_keys;	/* owned; seen borrows */
	size_t			 nseen, seen_cap;
};

int
tl_template_name_ok(const char *name)
{
	const char *p;

	if (name[0] == '\0' || name[0] == '.' || strlen(name) > 128)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.'))
			return 0;
	return 1;
}

/* A template file, or NULL when there is none (or it cannot be read). */
static char *
read_template_file(const char *path)
{
	struct tl_diags ignored = {0};
	struct buf b = {0};
	char *text = NULL;

	if (tl_file_read(path, 0, TL_TEMPLATE_MAX_FILE, &b, &ignored) == 0)
		text = b.data ? b.data : xstrdup("");
	else
		buf_free(&b);
	tl_diags_free(&ignored);
	return text;
}

/* The loader: DIR/name when it exists, else the built-in copy. */
static char *
load_template(void *ctx, const char *name)
{
	const struct tl_renderer *r = ctx;
	const struct tl_builtin_template *t;

	if (!tl_template_name_ok(name))
		return NULL;
	if (r->dir != NULL) {
		struct buf path = {0};
		char *text;

		buf_printf(&path, "%s/%s", r->dir, name);
		text = read_template_file(buf_str(&path));
		buf_free(&path);
		if (text != NULL)
			return text;
	}
	for (t = tl_builtin_templates; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return xstrndup(t->text, t->len);
	return NULL;
}

struct tl_renderer *
tl_renderer_new(const char *dir)
{
	struct tl_renderer *r = xcalloc(1, sizeof(*r));
	struct tl_template_loader loader;

	r->dir = dir ? xstrdup(dir) : NULL;
	loader.load = load_template;
	loader.ctx = r;
	r->set = tl_template_set_new(&loader);
	return r;
}

struct tl_renderer *
tl_renderer_clone(const struct tl_renderer *r)
{
	struct tl_renderer *c = tl_renderer_new(r->dir);

	tl_renderer_set_strict(c, r->strict);
	return c;
}

void
tl_renderer_free(struct tl_renderer *r)
{
	if (r == NULL)
		return;
	tl_template_set_free(r->set);
	free(r->dir);
	free(r);
}

/*
 * Name a template as the user knows it, in path: DIR/NAME when it came
 * from --templates DIR, else the built-in template's name.
 */
static const char *
template_path(const struct tl_renderer *r, const char *name, struct buf *path)
{
	FILE *fp;

	if (r->dir != NULL && tl_template_name_ok(name)) {
		buf_printf(path, "%s/%s", r->dir, name);
		if ((fp = fopen(path->data, "r")) != NULL) {
			fclose(fp);
			return path->data;
		}
		buf_reset(path);
	}
	return name;
}

static void
template_error(const struct tl_renderer *r,
    const struct tl_template_error *err, const char *rendered,
    struct tl_diags *d)
{
	struct buf path = {0};

	tl_diag_kind(d, TL_ERROR, TL_DK_TEMPLATE, template_path(r,
	    err->name[0] ? err->name : rendered, &path), err->line, "%s",
	    err->message);
	buf_free(&path);
}

/* The engine's hook (template.h): a name not in the context, under
 * --strict a warning, once per template, line and name in a render. */
static void
missing_name(void *ctx, const char *template_name, unsigned line,
    const char *name)
{
	struct tl_renderer *r = ctx;
	struct buf key = {0}, path = {0};

	if (r->d == NULL)
		return;
	buf_printf(&key, "%s\n%u\n%s", template_name, line, name);
	if (tl_map_get(&r->seen, buf_str(&key), NULL)) {
		buf_free(&key);
		return;
	}
	r->seen_keys = xgrow(r->seen_keys, &r->seen_cap, r->nseen + 1,
	    sizeof(*r->seen_keys));
	r->seen_keys[r->nseen] = key.data;	/* the map borrows it */
	tl_map_put(&r->seen, key.data, r->nseen++);
	tl_diag_kind(r->d, TL_WARNING, TL_DK_TEMPLATE_VARIABLE,
	    template_path(r, template_name, &path), line, "no value named "
	    "'%s' here; it renders as nothing", name);
	buf_free(&path);
}

void
tl_renderer_set_strict(struct tl_renderer *r, int strict)
{
	r->strict = strict != 0;
	tl_template_set_on_missing(r->set, r->strict ? missing_name : NULL, r);
}

/* Forget what this render reported. */
static void
seen_clear(struct tl_renderer *r)
{
	size_t i;

	for (i = 0; i < r->nseen; i++)
		free(r->seen_keys[i]);
	free(r->seen_keys);
	r->seen_keys = NULL;
	r->nseen = r->seen_cap = 0;
	tl_map_free(&r->seen);
}

/*
 * {{name}} in a Markdown template: Markdown text, escaped for where it
 * lands (out holds everything rendered so far, so esc_md_inline() sees
 * whether the value starts a line).  The engine hands over NUL-terminated
 * values (template.h), so no copy is needed; a NUL inside a value ends it
 * here, as it always has.
 */
static void
escape_md(struct buf *out, const char *s, size_t len)
{
	(void)len;
	esc_md_inline(out, s);
}

/* {{`name}} in a Markdown template: a whole code span, fences included. */
static void
escape_md_code(struct buf *out, const char *s, size_t len)
{
	(void)len;
	esc_md_code(out, s);
}

static int
is_markdown_name(const char *name)
{
	size_t len = strlen(name);

	return len > 3 && strcmp(name + len - 3, ".md") == 0;
}

int
tl_render(struct tl_renderer *r, const char *name,
    const struct tl_value *context, FILE *fp, struct tl_diags *d)
{
	struct tl_template_error err;
	struct buf out = {0};
	int rc;

	/* The template's kind, by its name, decides how values are escaped. */
	if (is_markdown_name(name)) {
		tl_template_set_escape(r->set, escape_md);
		tl_template_set_escape_code(r->set, escape_md_code);
	} else {
		tl_template_set_escape(r->set, NULL);
	}
	memset(&err, 0, sizeof(err));
	r->d = d;
	rc = tl_template_set_render(r->set, name, context, &out, &err);
	r->d = NULL;
	if (r->nseen > 0)
		seen_clear(r);
	if (rc != 0)
		template_error(r, &err, name, d);
	else if (out.len > 0 && fwrite(out.data, 1, out.len, fp) != out.len)
		rc = -1;
	buf_free(&out);
	return rc;
}
