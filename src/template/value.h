/*
 * value.h - read-only JSON-shaped values that templates and the JSON
 * writer walk without a tree being built first.
 *
 * A value is a small struct passed by value: scalars (null, booleans,
 * integers, reals, strings) are held in it; an array, an object, or a
 * string made on demand names a class and the class's object.  Two kinds
 * of classes exist: one over jansson values (tl_value_json(), for
 * contexts built as JSON) and the page view's (context.c), which answers
 * from the model as it is asked, so a 100,000-row page costs no memory
 * beyond the model and nothing is computed that no template uses.
 *
 * Strings are UTF-8 and followed by a NUL byte, whether held (`p`, `a`
 * bytes) or made on demand (the class appends them to a caller's buffer).
 * A value borrows everything it names: it is valid as long as what it was
 * made from.  Classes keep no state, so values may be read from several
 * threads at once.
 */
#ifndef TABLOG_VALUE_H
#define TABLOG_VALUE_H

#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"

enum tl_value_kind {
	TL_VALUE_MISSING,	/* a name that is not there (look-ups only) */
	TL_VALUE_NULL,
	TL_VALUE_FALSE,
	TL_VALUE_TRUE,
	TL_VALUE_INTEGER,
	TL_VALUE_REAL,
	TL_VALUE_STRING,
	TL_VALUE_ARRAY,
	TL_VALUE_OBJECT,
};

struct tl_value;

/* Called for each member of an object, in order; non-zero stops. */
typedef int (*tl_value_member_fn)(void *ctx, const char *key,
	    const struct tl_value *value);

/*
 * A member of an object whose members are known in advance: its value
 * made from the object (TL_VALUE_MISSING: the object has no such member).
 */
struct tl_value_member {
	const char	*key;
	void		(*value)(const struct tl_value *obj,
			    struct tl_value *out);
};

/*
 * An object class gives either get and members, or a list of `fixed`
 * members; an array class gives size and at; a string made on demand
 * gives text.
 */
struct tl_value_class {
	const struct tl_value_member *fixed;
	size_t	nfixed;
	/* Objects: set *out to member `key` and return 0, or return -1. */
	int	(*get)(const struct tl_value *v, const char *key,
		    struct tl_value *out);
	/* Objects: call fn for each member in order; returns what the
	 * last call returned (0 when all were called). */
	int	(*members)(const struct tl_value *v, tl_value_member_fn fn,
		    void *ctx);
	/* Arrays: the number of elements, and element i (< size). */
	size_t	(*size)(const struct tl_value *v);
	void	(*at)(const struct tl_value *v, size_t i, struct tl_value *out);
	/* Strings made on demand: append the text to out. */
	void	(*text)(const struct tl_value *v, struct buf *out);
};

struct tl_value {
	enum tl_value_kind		 kind;
	const struct tl_value_class	*cls;	/* NULL for held scalars */
	const void			*p;	/* class object; held string */
	const void			*q;	/* a second one, if the class wants */
	size_t				 a, b;	/* class indices; string length */
	json_int_t			 i;	/* TL_VALUE_INTEGER */
	double				 d;	/* TL_VALUE_REAL */
};

/* A value of a class: its object p, indices a and b. */
struct tl_value	tl_value_make(enum tl_value_kind kind,
		    const struct tl_value_class *cls, const void *p, size_t a,
		    size_t b);
/* The length of a class's `fixed` member table. */
#define TL_NMEMBERS(m)	(sizeof(m) / sizeof((m)[0]))

struct tl_value	tl_value_missing(void);
struct tl_value	tl_value_null(void);
struct tl_value	tl_value_bool(int b);
struct tl_value	tl_value_int(json_int_t i);
/* A held string (NULL: null); s must stay valid and NUL-terminated. */
struct tl_value	tl_value_str(const char *s);
/* A jansson value, borrowed (NULL: missing). */
struct tl_value	tl_value_json(json_t *j);
/* The same as a pointer valid for one call: f(TL_JSON_VALUE(j)). */
#define TL_JSON_VALUE(j) ((const struct tl_value[]){ tl_value_json(j) })

/* An object's member, or an array's element when `key` is all digits
 * (at most 9).  Anything else, or no such member: TL_VALUE_MISSING. */
struct tl_value	tl_value_get(const struct tl_value *v, const char *key);
/* Elements of an array (0 for anything else), and element i. */
size_t		tl_value_size(const struct tl_value *v);
struct tl_value	tl_value_at(const struct tl_value *v, size_t i);
/* Members of an object in order (nothing for anything else). */
int		tl_value_members(const struct tl_value *v,
		    tl_value_member_fn fn, void *ctx);
/*
 * A string's bytes and length: held ones directly, ones made on demand
 * in `scratch` (reset first), valid until scratch changes.  NULL for a
 * value that is not a string.
 */
const char	*tl_value_text(const struct tl_value *v, struct buf *scratch,
		    size_t *len);
/* Mustache's truth: not missing, null, false, 0, "" or []. */
int		tl_value_truthy(const struct tl_value *v, struct buf *scratch);

/* A jansson copy of v (a new reference), e.g. to keep past v's source. */
json_t		*tl_value_to_json(const struct tl_value *v);

#endif
