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
struct tl_value_class;

/* Called for each member of an object, in order; non-zero stops. */
typedef int (*tl_value_member_fn)(void *ctx, const char *key,
	    const struct tl_value *value);

/*
 * An object whose members are known in advance (the page view's) lists
 * them in a table of struct tl_value_member, one line each, in the order
 * they are written:
 *
 *	static const struct tl_value_member table_members[] = {
 *		TL_UNSIGNED_AT("line", struct tl_table, line),
 *		TL_AS("rows", &rows_class),
 *	};
 *
 * Most members are a field of the struct the class reads (its `self`:
 * the struct a value's object leads to, such as a table's row), found by
 * offsetof and checked against the field's type at compile time; the
 * rest are made by a function.  A look-up takes the first member of that
 * name.
 */
enum tl_member_kind {
	TL_MEMBER_STRING,	/* the `const char *` at off; null for NULL */
	TL_MEMBER_REPAIRED,	/* the same, repaired where not UTF-8 */
	TL_MEMBER_UNSIGNED,	/* the `unsigned` at off */
	TL_MEMBER_SIZE,		/* the `size_t` at off */
	TL_MEMBER_JSON,		/* the `json_t *` at off; no member for NULL */
	TL_MEMBER_CLASS_AT,	/* the struct at off, read through cls */
	TL_MEMBER_AS,		/* the object itself (p, q, a, b) through cls */
	TL_MEMBER_CONST,	/* the string `text` */
	TL_MEMBER_MADE,		/* a string cls->text makes from the object */
	TL_MEMBER_COMPUTED,	/* what fn sets (left missing: no member) */
	TL_MEMBER_SPREAD,	/* no key: every member of the object fn makes,
				 * or (no fn) that cls's get and members give
				 * when called with the object itself */
};

struct tl_value_member {
	const char			*key;
	enum tl_member_kind		 kind;
	size_t				 off;	/* into the class's self */
	const struct tl_value_class	*cls;
	const char			*text;
	void	(*fn)(const struct tl_value *obj, struct tl_value *out);
	/* When given and false for the object, the member is `absent`:
	 * TL_VALUE_MISSING (not there) or TL_VALUE_NULL. */
	int	(*when)(const struct tl_value *obj);
	enum tl_value_kind		 absent;
};

/* offsetof(type, field), a compile error unless the field is a T. */
#define TL_OFFSET_OF(T, type, field)					\
	_Generic(((type *)0)->field, T: offsetof(type, field))

#define TL_STRING_AT(k, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_STRING,					\
	.off = TL_OFFSET_OF(const char *, type, field) }
#define TL_REPAIRED_AT(k, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_REPAIRED,					\
	.off = TL_OFFSET_OF(const char *, type, field) }
#define TL_UNSIGNED_AT(k, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_UNSIGNED,					\
	.off = TL_OFFSET_OF(unsigned, type, field) }
#define TL_SIZE_AT(k, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_SIZE,						\
	.off = TL_OFFSET_OF(size_t, type, field) }
#define TL_JSON_AT(k, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_JSON,						\
	.off = TL_OFFSET_OF(json_t *, type, field) }
#define TL_CLASS_AT(k, c, type, field)	{ .key = (k),			\
	.kind = TL_MEMBER_CLASS_AT, .cls = (c),				\
	.off = offsetof(type, field) }
#define TL_AS(k, c)		{ .key = (k), .kind = TL_MEMBER_AS, .cls = (c) }
#define TL_CONST(k, s)		{ .key = (k), .kind = TL_MEMBER_CONST,	\
	.text = (s) }
#define TL_COMPUTED(k, f)	{ .key = (k), .kind = TL_MEMBER_COMPUTED, \
	.fn = (f) }
#define TL_SPREAD(f)		{ .kind = TL_MEMBER_SPREAD, .fn = (f) }
#define TL_SPREAD_AS(c)		{ .kind = TL_MEMBER_SPREAD, .cls = (c) }
/* textfn(obj, buf) appends the string when it is read; TL_MADE_IF's is
 * `absent` for objects `when` is false for.  (The class is a compound
 * literal: member tables are static, at file scope.) */
#define TL_MADE(k, textfn)	{ .key = (k), .kind = TL_MEMBER_MADE,	\
	.cls = &(const struct tl_value_class){ .text = (textfn) } }
#define TL_MADE_IF(k, textfn, whenfn, absentkind) { .key = (k),	\
	.kind = TL_MEMBER_MADE,						\
	.cls = &(const struct tl_value_class){ .text = (textfn) },	\
	.when = (whenfn), .absent = (absentkind) }

/*
 * An object class gives either get and members, or a list of `fixed`
 * members (and, if its members' offsets are not into the object p, self);
 * an array class gives size and at; a string made on demand gives text.
 */
struct tl_value_class {
	const struct tl_value_member *fixed;
	size_t	nfixed;
	/* Fixed objects: the struct their members' offsets are into. */
	const void *(*self)(const struct tl_value *v);
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
/* The object class of a fixed member table, and of one with a self. */
#define TL_FIXED_CLASS(m)	{ .fixed = (m), .nfixed = TL_NMEMBERS(m) }
#define TL_FIXED_CLASS_OF(m, selffn)	{ .fixed = (m),			\
	.nfixed = TL_NMEMBERS(m), .self = (selffn) }

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
/*
 * A JSON string of s (null for NULL), invalid UTF-8 repaired (utf8.h):
 * for text from outside the model, such as file names, put into JSON
 * documents built with jansson (all.json, check --format json).
 */
json_t		*tl_json_text(const char *s);

#endif
