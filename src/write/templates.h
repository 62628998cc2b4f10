/*
 * templates.h - the default templates, compiled into the binary.
 *
 * The table is generated at build time from templates/ by
 * templates/embed.sh; --templates DIR overrides any of them by name.
 */
#ifndef TABLOG_TEMPLATES_H
#define TABLOG_TEMPLATES_H

#include <stddef.h>

struct tl_builtin_template {
	const char	*name;		/* file name in templates/ */
	const char	*text;		/* NUL-terminated */
	size_t		 len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct tl_builtin_template tl_builtin_templates[];

#endif
