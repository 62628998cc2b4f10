/*
 * json_check.c - checking JSON that tablog wrote and reads back as
 * untrusted input (see json_check.h).
 */
#include "site/json_check.h"

#include <stdarg.h>
#include <string.h>

#include "base/diag_kind.h"
#include "base/file.h"
#include "base/utf8.h"

int
tl_jc_bad(struct tl_jcheck *c, const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;

	if (c->failed++)
		return -1;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	tl_diag(c->d, TL_ERROR, c->file, 0, "not a usable tablog %s: "
	    "%s%s%s", c->what, c->where.len ? buf_str(&c->where) : "",
	    c->where.len ? ": " : "", buf_str(&msg));
	buf_free(&msg);
	return -1;
}

/* Set `where` to prefix + suffix (printf), returning prefix's length to
 * put it back. */
size_t
tl_jc_enter(struct tl_jcheck *c, const char *fmt, ...)
{
	size_t len = c->where.len;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&c->where, fmt, ap);
	va_end(ap);
	return len;
}

void
tl_jc_leave(struct tl_jcheck *c, size_t len)
{
	c->where.len = len;
	if (c->where.data != NULL)
		c->where.data[len] = '\0';
}

int
tl_jc_valid_text(const char *s, size_t len)
{
	size_t n;

	return tl_utf8_find_bad(s, len, 0, TL_UTF8_NUL, &n) == len;
}

/* Member `key` of o as `how` allows: 1 with *v set when there is a value
 * to check, 0 when it may be and is missing (or null), -1 (said) else. */
static int
member(struct tl_jcheck *c, json_t *o, const char *key, int how, json_t **v)
{
	*v = json_object_get(o, key);
	if (*v == NULL)
		return (how & TL_JC_OPTIONAL) ? 0 :
		    tl_jc_bad(c, "no member \"%s\"", key);
	if (json_is_null(*v) && (how & TL_JC_NULLABLE))
		return 0;
	return 1;
}

int
tl_jc_get_string(struct tl_jcheck *c, json_t *o, const char *key, int how,
    const char **out)
{
	json_t *v;
	int rc;

	*out = NULL;
	if ((rc = member(c, o, key, how, &v)) <= 0)
		return rc;
	if (!json_is_string(v))
		return tl_jc_bad(c, "\"%s\" is not a string%s", key,
		    (how & TL_JC_NULLABLE) ? " or null" : "");
	if (!tl_jc_valid_text(json_string_value(v), json_string_length(v)))
		return tl_jc_bad(c, "\"%s\" is not valid UTF-8 text", key);
	*out = json_string_value(v);
	return 0;
}

/* Member `key`: an integer from lo to hi (or, nullable, null: *out -1). */
int
tl_jc_get_int(struct tl_jcheck *c, json_t *o, const char *key, int how,
    json_int_t lo, json_int_t hi, json_int_t *out)
{
	json_t *v;
	int rc;

	*out = -1;
	if ((rc = member(c, o, key, how, &v)) <= 0)
		return rc;
	if (!json_is_integer(v))
		return tl_jc_bad(c, "\"%s\" is not an integer%s", key,
		    (how & TL_JC_NULLABLE) ? " or null" : "");
	*out = json_integer_value(v);
	if (*out < lo || *out > hi)
		return tl_jc_bad(c, "\"%s\" is %" JSON_INTEGER_FORMAT ", not from %"
		    JSON_INTEGER_FORMAT " to %" JSON_INTEGER_FORMAT, key, *out,
		    lo, hi);
	return 0;
}

json_t *
tl_jc_get_array(struct tl_jcheck *c, json_t *o, const char *key, size_t max)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		tl_jc_bad(c, "no member \"%s\"", key);
		return NULL;
	}
	if (!json_is_array(v)) {
		tl_jc_bad(c, "\"%s\" is not an array", key);
		return NULL;
	}
	if (json_array_size(v) > max) {
		tl_jc_bad(c, "\"%s\" has %zu items, more than %zu", key,
		    json_array_size(v), max);
		return NULL;
	}
	return v;
}


void
tl_jc_problem(struct buf *out, const json_error_t *err)
{
	const unsigned char *p;

	buf_printf(out, "not valid JSON at line %d, column %d: ", err->line,
	    err->column);
	for (p = (const unsigned char *)err->text; *p != '\0'; p++)
		buf_putc(out, *p >= 0x20 && *p < 0x7f ? (char)*p : '?');
}

json_t *
tl_jc_load(struct tl_jcheck *c, unsigned flags, size_t max,
    const char *reading)
{
	struct buf bytes = {0}, msg = {0};
	struct tl_diags rd = {0};
	json_error_t err;
	json_t *root = NULL;

	/* One line: why it cannot be read is said about the file. */
	if (tl_file_read(c->file, flags, max, &bytes, &rd) != 0) {
		tl_diag_kind(c->d, TL_ERROR, TL_DK_READ, c->file, 0,
		    "cannot read %s: %s", reading,
		    rd.n > 0 ? rd.v[rd.n - 1].message : "?");
		goto out;
	}
	root = json_loadb(buf_str(&bytes), bytes.len, JSON_REJECT_DUPLICATES,
	    &err);
	if (root == NULL) {
		tl_jc_problem(&msg, &err);
		tl_jc_bad(c, "%s", buf_str(&msg));
	}
out:
	tl_diags_free(&rd);
	buf_free(&bytes);
	buf_free(&msg);
	return root;
}
