/*
 * value.c - values (see value.h): constructors, the generic accessors,
 * objects read from tables of members, and the class over jansson values.
 */
#include "template/value.h"

#include <string.h>

#include "base/utf8.h"

struct tl_value
tl_value_missing(void)
{
	struct tl_value v;

	memset(&v, 0, sizeof(v));
	v.kind = TL_VALUE_MISSING;
	return v;
}

struct tl_value
tl_value_make(enum tl_value_kind kind, const struct tl_value_class *cls,
    const void *p, size_t a, size_t b)
{
	struct tl_value v = tl_value_missing();

	v.kind = kind;
	v.cls = cls;
	v.p = p;
	v.a = a;
	v.b = b;
	return v;
}

struct tl_value
tl_value_null(void)
{
	struct tl_value v = tl_value_missing();

	v.kind = TL_VALUE_NULL;
	return v;
}

struct tl_value
tl_value_bool(int b)
{
	struct tl_value v = tl_value_missing();

	v.kind = b ? TL_VALUE_TRUE : TL_VALUE_FALSE;
	return v;
}

struct tl_value
tl_value_int(json_int_t i)
{
	struct tl_value v = tl_value_missing();

	v.kind = TL_VALUE_INTEGER;
	v.i = i;
	return v;
}

/* *out = tl_value_str(s), written in place. */
static void
set_str(struct tl_value *out, const char *s)
{
	memset(out, 0, sizeof(*out));
	if (s == NULL) {
		out->kind = TL_VALUE_NULL;
		return;
	}
	out->kind = TL_VALUE_STRING;
	out->p = s;
	out->a = strlen(s);
}

struct tl_value
tl_value_str(const char *s)
{
	struct tl_value v;

	set_str(&v, s);
	return v;
}

/* ---- jansson ------------------------------------------------------- */

static int
json_class_get(const struct tl_value *v, const char *key,
    struct tl_value *out)
{
	json_t *m = json_object_get((json_t *)v->p, key);

	if (m == NULL)
		return -1;
	*out = tl_value_json(m);
	return 0;
}

static int
json_class_members(const struct tl_value *v, tl_value_member_fn fn,
    void *ctx)
{
	const char *key;
	json_t *m;
	int rc = 0;

	json_object_foreach((json_t *)v->p, key, m) {
		struct tl_value mv = tl_value_json(m);

		if ((rc = fn(ctx, key, &mv)) != 0)
			break;
	}
	return rc;
}

static size_t
json_class_size(const struct tl_value *v)
{
	return json_array_size((json_t *)v->p);
}

static void
json_class_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_json(json_array_get((json_t *)v->p, i));
}

static const struct tl_value_class json_object_class = {
	.get = json_class_get,
	.members = json_class_members,
};

static const struct tl_value_class json_array_class = {
	.size = json_class_size,
	.at = json_class_at,
};

struct tl_value
tl_value_json(json_t *j)
{
	struct tl_value v = tl_value_missing();

	if (j == NULL)
		return v;
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v.kind = TL_VALUE_OBJECT;
		v.cls = &json_object_class;
		v.p = j;
		break;
	case JSON_ARRAY:
		v.kind = TL_VALUE_ARRAY;
		v.cls = &json_array_class;
		v.p = j;
		break;
	case JSON_STRING:
		v.kind = TL_VALUE_STRING;
		v.p = json_string_value(j);
		v.a = json_string_length(j);
		break;
	case JSON_INTEGER:
		v = tl_value_int(json_integer_value(j));
		break;
	case JSON_REAL:
		v.kind = TL_VALUE_REAL;
		v.d = json_real_value(j);
		break;
	case JSON_TRUE:
		v.kind = TL_VALUE_TRUE;
		break;
	case JSON_FALSE:
		v.kind = TL_VALUE_FALSE;
		break;
	case JSON_NULL:
		v.kind = TL_VALUE_NULL;
		break;
	}
	return v;
}

/* ---- fixed members ------------------------------------------------ */

/* A file name or a title: repaired if it is not UTF-8. */
static void
repaired_text(const struct tl_value *v, struct buf *out)
{
	const char *s = v->p;

	tl_utf8_repair(out, s, strlen(s));
}

static const struct tl_value_class repaired_class = {
	.text = repaired_text,
};

/* What a value of class cls is: an array if it has elements. */
static enum tl_value_kind
class_kind(const struct tl_value_class *cls)
{
	return cls->size != NULL ? TL_VALUE_ARRAY : TL_VALUE_OBJECT;
}

/* The object v through class cls (made strings, other views of it). */
static struct tl_value
as_class(const struct tl_value *v, const struct tl_value_class *cls,
    enum tl_value_kind kind)
{
	struct tl_value out = tl_value_make(kind, cls, v->p, v->a, v->b);

	out.q = v->q;
	return out;
}

/*
 * One reader for each kind of member: member m of object v, whose
 * class's struct is `self`.  They are called through a table, not a
 * switch: each is a few instructions, and objects are read member by
 * member for every row of a page.
 */
typedef void member_reader(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out);

static const char *
field_str(const char *self, const struct tl_value_member *m)
{
	return *(const char *const *)(const void *)(self + m->off);
}

static void
read_string(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	set_str(out, field_str(self, m));
}

static void
read_repaired(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	const char *s = field_str(self, m);

	(void)v;
	*out = s == NULL ? tl_value_null() :
	    tl_value_make(TL_VALUE_STRING, &repaired_class, s, 0, 0);
}

static void
read_unsigned(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	*out = tl_value_int(*(const unsigned *)(const void *)(self + m->off));
}

static void
read_size(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	*out = tl_value_int(
	    (json_int_t)*(const size_t *)(const void *)(self + m->off));
}

static void
read_json(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	*out = tl_value_json(*(json_t *const *)(const void *)(self + m->off));
}

static void
read_class_at(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	*out = tl_value_make(class_kind(m->cls), m->cls, self + m->off, 0, 0);
}

static void
read_as(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)self;
	*out = as_class(v, m->cls, class_kind(m->cls));
}

static void
read_const(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)v;
	(void)self;
	set_str(out, m->text);
}

static void
read_made(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)self;
	*out = as_class(v, m->cls, TL_VALUE_STRING);
}

static void
read_computed(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	(void)self;
	*out = tl_value_missing();
	m->fn(v, out);
}

static member_reader *const readers[] = {
	[TL_MEMBER_STRING] = read_string,
	[TL_MEMBER_REPAIRED] = read_repaired,
	[TL_MEMBER_UNSIGNED] = read_unsigned,
	[TL_MEMBER_SIZE] = read_size,
	[TL_MEMBER_JSON] = read_json,
	[TL_MEMBER_CLASS_AT] = read_class_at,
	[TL_MEMBER_AS] = read_as,
	[TL_MEMBER_CONST] = read_const,
	[TL_MEMBER_MADE] = read_made,
	[TL_MEMBER_COMPUTED] = read_computed,
};

/* The struct v's members' offsets are into. */
static const char *
self_of(const struct tl_value *v)
{
	return v->cls->self != NULL ? v->cls->self(v) : v->p;
}

/*
 * Member m (not a spread) of v.  Inline, with strings (most members) read
 * here: an object is read member by member for every row of a page.
 */
static inline void
member_value(const struct tl_value *v, const char *self,
    const struct tl_value_member *m, struct tl_value *out)
{
	if (m->when != NULL && !m->when(v)) {
		*out = tl_value_missing();
		out->kind = m->absent;
	} else if (m->kind == TL_MEMBER_STRING) {
		set_str(out, field_str(self, m));
	} else {
		readers[m->kind](v, self, m, out);
	}
}

/*
 * A spread member's part of v: members that cls's get and members give
 * for v itself (called with v, which saves making a value each time), or
 * those of the object fn makes.
 */
static int
spread_get(const struct tl_value *v, const struct tl_value_member *m,
    const char *key, struct tl_value *out)
{
	struct tl_value obj;

	if (m->fn == NULL)
		return m->cls->get(v, key, out);
	obj = tl_value_missing();
	m->fn(v, &obj);
	*out = tl_value_get(&obj, key);
	return out->kind == TL_VALUE_MISSING ? -1 : 0;
}

static int
spread_members(const struct tl_value *v, const struct tl_value_member *m,
    tl_value_member_fn fn, void *ctx)
{
	struct tl_value obj;

	if (m->fn == NULL)
		return m->cls->members(v, fn, ctx);
	obj = tl_value_missing();
	m->fn(v, &obj);
	return tl_value_members(&obj, fn, ctx);
}

static void
fixed_get(const struct tl_value *v, const char *key, struct tl_value *out)
{
	const struct tl_value_member *m = v->cls->fixed;
	const struct tl_value_member *end = m + v->cls->nfixed;

	for (; m < end; m++) {
		if (m->kind == TL_MEMBER_SPREAD) {
			if (spread_get(v, m, key, out) == 0)
				return;
		} else if (m->key[0] == key[0] && strcmp(m->key, key) == 0) {
			member_value(v, self_of(v), m, out);
			return;
		}
	}
	*out = tl_value_missing();
}

static int
fixed_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	const struct tl_value_member *m = v->cls->fixed;
	const struct tl_value_member *end = m + v->cls->nfixed;
	const char *self = self_of(v);
	struct tl_value mv;
	int rc;

	for (; m < end; m++) {
		if (m->kind == TL_MEMBER_SPREAD) {
			rc = spread_members(v, m, fn, ctx);
		} else {
			member_value(v, self, m, &mv);
			rc = mv.kind == TL_VALUE_MISSING ? 0 :
			    fn(ctx, m->key, &mv);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* ---- access -------------------------------------------------------- */

/* An array index written in at most 9 digits, or -1. */
static long
index_of(const char *key)
{
	long i = 0;
	const char *p;

	if (*key == '\0' || strlen(key) > 9)
		return -1;
	for (p = key; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		i = i * 10 + (*p - '0');
	}
	return i;
}

struct tl_value
tl_value_get(const struct tl_value *v, const char *key)
{
	struct tl_value out = tl_value_missing();
	long i;

	if (v->kind == TL_VALUE_OBJECT) {
		if (v->cls->fixed != NULL)
			fixed_get(v, key, &out);
		else if (v->cls->get(v, key, &out) != 0)
			return tl_value_missing();
	} else if (v->kind == TL_VALUE_ARRAY) {
		if ((i = index_of(key)) >= 0 && (size_t)i < tl_value_size(v))
			v->cls->at(v, (size_t)i, &out);
	}
	return out;
}

size_t
tl_value_size(const struct tl_value *v)
{
	return v->kind == TL_VALUE_ARRAY ? v->cls->size(v) : 0;
}

struct tl_value
tl_value_at(const struct tl_value *v, size_t i)
{
	struct tl_value out = tl_value_missing();

	if (i < tl_value_size(v))
		v->cls->at(v, i, &out);
	return out;
}

int
tl_value_members(const struct tl_value *v, tl_value_member_fn fn, void *ctx)
{
	if (v->kind != TL_VALUE_OBJECT)
		return 0;
	if (v->cls->fixed != NULL)
		return fixed_members(v, fn, ctx);
	return v->cls->members(v, fn, ctx);
}

const char *
tl_value_text(const struct tl_value *v, struct buf *scratch, size_t *len)
{
	if (v->kind != TL_VALUE_STRING)
		return NULL;
	if (v->cls == NULL || v->cls->text == NULL) {
		*len = v->a;
		return v->p;
	}
	buf_reset(scratch);
	v->cls->text(v, scratch);
	*len = scratch->len;
	return buf_str(scratch);
}

int
tl_value_truthy(const struct tl_value *v, struct buf *scratch)
{
	size_t len = 0;

	switch (v->kind) {
	case TL_VALUE_OBJECT:
	case TL_VALUE_TRUE:
		return 1;
	case TL_VALUE_ARRAY:
		return tl_value_size(v) > 0;
	case TL_VALUE_STRING:
		tl_value_text(v, scratch, &len);
		return len > 0;
	case TL_VALUE_INTEGER:
		return v->i != 0;
	case TL_VALUE_REAL:
		return v->d != 0.0;
	default:
		return 0;
	}
}

/* ---- copying into jansson ------------------------------------------ */

/*
 * A JSON string of len bytes of s.  Model text is valid UTF-8 (the
 * readers and the normaliser see to it); a file name need not be, and
 * jansson refuses such a string, so it is repaired (utf8.h) rather than
 * lost.
 */
static json_t *
json_text(const char *s, size_t len)
{
	struct buf fixed = {0};
	json_t *j;

	if ((j = json_stringn(s, len)) != NULL)
		return j;
	tl_utf8_repair(&fixed, s, len);
	j = json_stringn(buf_str(&fixed), fixed.len);
	buf_free(&fixed);
	return j;
}

json_t *
tl_json_text(const char *s)
{
	return s != NULL ? json_text(s, strlen(s)) : json_null();
}

static int
copy_member(void *ctx, const char *key, const struct tl_value *m)
{
	json_object_set_new((json_t *)ctx, key, tl_value_to_json(m));
	return 0;
}

json_t *
tl_value_to_json(const struct tl_value *v)
{
	struct buf scratch = {0};
	const char *s;
	size_t i, len, n;
	json_t *j;

	switch (v->kind) {
	case TL_VALUE_OBJECT:
		j = json_object();
		tl_value_members(v, copy_member, j);
		return j;
	case TL_VALUE_ARRAY:
		j = json_array();
		n = tl_value_size(v);
		for (i = 0; i < n; i++) {
			struct tl_value e = tl_value_at(v, i);

			json_array_append_new(j, tl_value_to_json(&e));
		}
		return j;
	case TL_VALUE_STRING:
		s = tl_value_text(v, &scratch, &len);
		j = json_text(s, len);
		buf_free(&scratch);
		return j;
	case TL_VALUE_INTEGER:
		return json_integer(v->i);
	case TL_VALUE_REAL:
		return json_real(v->d);
	case TL_VALUE_TRUE:
		return json_true();
	case TL_VALUE_FALSE:
		return json_false();
	default:
		return json_null();
	}
}
