/*
 * render.h - templates as writers: find a template, render it, escape.
 *
 * A renderer is a template set whose loader looks in --templates DIR first
 * and falls back to the templates compiled into the binary.  Names are
 * checked before they touch the file system: a partial can never reach
 * outside DIR.  One renderer per thread (template sets cache).
 */
#ifndef TABLOG_RENDER_H
#define TABLOG_RENDER_H

#include <stdio.h>

#include "base/diag.h"
#include "template/template.h"

/* A template file bigger than this is ignored (the built-in one is used). */
#define TL_TEMPLATE_MAX_FILE ((size_t)16 << 20)

struct tl_renderer;

/* `dir` may be NULL (built-in templates only). */
struct tl_renderer *tl_renderer_new(const char *dir);
/* Another renderer with the same templates, for another thread. */
struct tl_renderer *tl_renderer_clone(const struct tl_renderer *r);
void	tl_renderer_free(struct tl_renderer *r);
/*
 * Strict (--strict): a name that a template interpolates and the context
 * does not have is a warning naming the template's file and line, once
 * per render; otherwise it renders as nothing, unremarked.  Clones keep
 * it.
 */
void	tl_renderer_set_strict(struct tl_renderer *r, int strict);

/* Is `name` a template name we accept ([A-Za-z0-9_.-], no leading dot)? */
int	tl_template_name_ok(const char *name);

/* Render template `name` with `context` to fp; 0, or -1 with a
 * diagnostic ("NAME:LINE: error: ...") appended to d. */
int	tl_render(struct tl_renderer *r, const char *name,
	    const struct tl_value *context, FILE *fp, struct tl_diags *d);

#endif
