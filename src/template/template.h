/*
 * template.h - a Mustache template engine rendering values (value.h).
 *
 * Implements the Mustache spec (interpolation, sections, inverted
 * sections, comments, partials, set delimiters), template inheritance
 * (blocks `{{$name}}` and parents `{{<name}}`) and dynamic partial names
 * (`{{>*name}}`, also `{{<*name}}`).  Lambdas are not supported: the
 * context is JSON-shaped data (value.h), built as jansson values or
 * answered on demand from a page's model.
 *
 * Ownership: a compiled template owns a copy of its source and name;
 * nothing passed in is kept.  A template set owns the templates added to
 * it or loaded through its loader, and frees them in tl_template_set_free().
 * Rendering only borrows the context and appends to the caller's buf.
 *
 * Errors are returned, never printed: a function that fails fills a
 * `struct tl_template_error` (when one is given) so the caller can print
 * `NAME:LINE: error: MESSAGE`, e.g. `page.html:12: error: unclosed
 * section 'rows'`.  NAME is the template the error is in, which for an
 * error inside a partial is the partial, not the template rendered.
 *
 * Values: strings interpolate as they are, integers in decimal, reals in
 * the shortest form that reads back the same (1.21), true and false as
 * "true" and "false"; null, objects and arrays interpolate as "".
 * `{{x}}` escapes & < > " ' for HTML; `{{{x}}}` and `{{&x}}` do not.
 * `` {{`x}} `` (an extension: a backtick sigil) is the value as code:
 * escaped by the set's code escaper, which for Markdown output writes a
 * whole code span, fences and all; without one it is escaped as `{{x}}`.
 * Falsy (a section is skipped, an inverted section rendered): a missing
 * name, null, false, 0, "", []; everything else, including {}, is truthy.
 * An array section renders once per element.  A name `a.b.c` looks up `a`
 * through the context stack and then `b`, `c` inside it only; a part made
 * of digits indexes an array (`items.0.name`).
 *
 * Limits (each an error, never a crash): sections nested more than
 * TL_TEMPLATE_MAX_NESTING deep in one template; partials and parents
 * nested more than TL_TEMPLATE_MAX_PARTIALS deep while rendering (which
 * is how unbounded recursion ends); sections, partials and blocks nested
 * more than TL_TEMPLATE_MAX_DEPTH deep in all while rendering (each level
 * is a C stack frame); delimiters longer than TL_TEMPLATE_MAX_DELIM bytes.
 *
 * Nothing here is thread-safe: a template set caches what it loads, so
 * use one set per thread.  Compiled templates are read-only once built.
 */
#ifndef TABLOG_TEMPLATE_H
#define TABLOG_TEMPLATE_H

#include <stddef.h>

#include "base/buf.h"
#include "template/value.h"

#define TL_TEMPLATE_MAX_NESTING		1000
#define TL_TEMPLATE_MAX_PARTIALS	100
#define TL_TEMPLATE_MAX_DEPTH		2500
#define TL_TEMPLATE_MAX_DELIM		32

/* What went wrong and where: `name` is a copy, possibly truncated. */
struct tl_template_error {
	char		 message[256];
	char		 name[256];
	unsigned	 line;		/* 1-based; 0 when not about a line */
};

/*
 * How a template set finds partials and parents it has not been given.
 * load() returns the source of template `name` as a NUL-terminated string
 * allocated with malloc() (the set frees it), or NULL when there is no
 * such template (a missing partial renders as "", per the spec).
 */
struct tl_template_loader {
	char	*(*load)(void *ctx, const char *name);
	void	*ctx;
};

/*
 * How `{{name}}` escapes a value: append the escaped form of `len` bytes
 * of `s` to `out`; s[len] is always '\0' (values are NUL-terminated, see
 * value.h).  The default is tl_html_escape() (base/html.h), which escapes
 * & < > " ' as the writers do; a set can be told to use another (Markdown
 * output).
 */
typedef void (*tl_template_escaper)(struct buf *out, const char *s,
	    size_t len);

struct tl_template;		/* a compiled template */
struct tl_template_set;		/* named compiled templates */

/*
 * Compile `len` bytes of `src` (need not be NUL-terminated; may contain
 * any bytes).  `name` is used in error messages and may be NULL.
 * Returns a template the caller frees with tl_template_free(), or NULL
 * after filling `err` (which may be NULL) on a syntax error.
 */
struct tl_template *tl_template_compile(const char *name, const char *src,
	    size_t len, struct tl_template_error *err);

/* The name given at compile time ("" when none). */
const char	*tl_template_name(const struct tl_template *t);

void		 tl_template_free(struct tl_template *t);

/*
 * Render `t` with `context` (borrowed; NULL is an empty context) at the
 * bottom of the context stack, appending to `out`.  Partials and parents
 * are resolved through `partials`, which may be NULL (then every partial
 * is missing and renders as "").  Returns 0, or -1 after filling `err`;
 * on error `out` holds partial output the caller should discard.
 * The set is modified (it caches what it loads) but `t` is not, so a
 * template may be rendered any number of times.
 */
int		 tl_template_render(const struct tl_template *t,
	    const struct tl_value *context, struct tl_template_set *partials,
	    struct buf *out, struct tl_template_error *err);

/*
 * A new empty set.  `loader` (copied; may be NULL) is asked for names the
 * set does not hold yet, once per name: both what it returns and the fact
 * that a name is missing are remembered until the set is freed.
 */
struct tl_template_set *tl_template_set_new(
	    const struct tl_template_loader *loader);

void		 tl_template_set_free(struct tl_template_set *set);

/*
 * Escape `{{name}}` values with `escape` in every render through this set
 * from now on (NULL: back to HTML).  This also resets the code escaper,
 * so that `` {{`name}} `` is escaped the same way until told otherwise.
 */
void		 tl_template_set_escape(struct tl_template_set *set,
	    tl_template_escaper escape);
/* Escape `` {{`name}} `` values with `escape` (NULL: as `{{name}}`). */
void		 tl_template_set_escape_code(struct tl_template_set *set,
	    tl_template_escaper escape);

/*
 * Told, while rendering, of each interpolation (`{{name}}`, `{{{name}}}`,
 * `{{&name}}`, `` {{`name}} ``) of a name the context does not have:
 * the template it is written in (a partial's own name inside a partial),
 * its line, and the name as written (`page.titel`).  Sections are not
 * reported: a section over a missing name is how a template asks whether
 * a value is there.  This is what `--strict` warns about.
 */
typedef void (*tl_template_missing)(void *ctx, const char *template_name,
	    unsigned line, const char *name);

/* Report missing names to `fn` in every render through this set from
 * now on (NULL: do not; the default, which costs nothing). */
void		 tl_template_set_on_missing(struct tl_template_set *set,
	    tl_template_missing fn, void *ctx);

/*
 * Compile `src` as template `name` and keep it in the set, replacing any
 * template of that name (do not do that while one of the set's templates
 * is being rendered).  Returns 0, or -1 after filling `err`.
 */
int		 tl_template_set_add(struct tl_template_set *set,
	    const char *name, const char *src, size_t len,
	    struct tl_template_error *err);

/*
 * Find template `name`, loading and compiling it through the loader on
 * first use.  Returns 0 and sets *found (owned by the set; NULL when there
 * is no such template), or -1 after filling `err` when the loaded source
 * does not compile.
 */
int		 tl_template_set_get(struct tl_template_set *set,
	    const char *name, const struct tl_template **found,
	    struct tl_template_error *err);

/*
 * Render the set's template `name` with the set for partials (see
 * tl_template_render()).  A missing `name` is an error here.
 */
int		 tl_template_set_render(struct tl_template_set *set,
	    const char *name, const struct tl_value *context, struct buf *out,
	    struct tl_template_error *err);

#endif
