/*
 * key.c - row keys and API aliases (see key.h).
 */
#include "model/key.h"

#include <stdlib.h>
#include <string.h>

#include "base/space.h"
#include "base/xalloc.h"

/* ---- folding ------------------------------------------------------- */

void
tl_key_fold(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int pending = 0;

	buf_put(out, "", 0);
	if (s == NULL)
		return;
	while (*p != '\0' && tl_is_space(*p))
		p++;
	for (; *p != '\0'; p++) {
		if (tl_is_space(*p)) {
			pending = 1;
			continue;
		}
		if (pending)
			buf_putc(out, ' ');
		pending = 0;
		/* U+2018-U+201D: E2 80 98..9D */
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x98 &&
		    p[2] <= 0x9D) {
			buf_putc(out, p[2] <= 0x9B ? '\'' : '"');
			p += 2;
		} else if (*p >= 'A' && *p <= 'Z')
			buf_putc(out, (char)(*p - 'A' + 'a'));
		else
			buf_putc(out, (char)*p);
	}
}

/* ---- aliases ------------------------------------------------------- */

struct alias {
	char	*folded;	/* the alias, folded */
	char	*canonical;	/* as it should be written */
};

struct tl_aliases {
	struct alias	*v;
	size_t		 n, cap;
};

/*
 * Names the same API goes by in the pages tablog reads.  The canonical
 * name is the one Microsoft Entra shows for the app.
 */
static const char *const builtin_aliases[][2] = {
	{ "MSFT Graph", "Microsoft Graph" },
	{ "MS Graph", "Microsoft Graph" },
	{ "Graph API", "Microsoft Graph" },
	{ "Microsoft Graph API", "Microsoft Graph" },
	{ "Exchange Online", "Office 365 Exchange Online" },
	{ "SharePoint Online", "Office 365 SharePoint Online" },
	{ "SharePoint/Office 365 SharePoint Online",
	  "Office 365 SharePoint Online" },
};

struct tl_aliases *
tl_aliases_new(void)
{
	struct tl_aliases *a = xcalloc(1, sizeof(*a));
	size_t i;

	for (i = 0; i < sizeof(builtin_aliases) / sizeof(builtin_aliases[0]);
	    i++)
		tl_aliases_add(a, builtin_aliases[i][0], builtin_aliases[i][1]);
	return a;
}

void
tl_aliases_free(struct tl_aliases *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].folded);
		free(a->v[i].canonical);
	}
	free(a->v);
	free(a);
}

static struct alias *
find_alias(const struct tl_aliases *a, const char *folded)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].folded, folded) == 0)
			return &a->v[i];
	return NULL;
}

void
tl_aliases_add(struct tl_aliases *a, const char *alias, const char *canonical)
{
	struct buf f = {0};
	struct alias *old;

	tl_key_fold(&f, alias);
	if ((old = find_alias(a, buf_str(&f))) != NULL) {
		free(old->canonical);
		old->canonical = xstrdup(canonical);
		buf_free(&f);
		return;
	}
	a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof(*a->v));
	a->v[a->n].folded = xstrdup(buf_str(&f));
	a->v[a->n].canonical = xstrdup(canonical);
	a->n++;
	buf_free(&f);
}

/* Trim white space at both ends of s in place; returns the new start. */
static char *
trim(char *s)
{
	size_t from = 0, to = strlen(s);

	tl_trim(s, &from, &to);
	s[to] = '\0';
	return s + from;
}

/* One `alias = canonical` line; 0, or -1 when it is not one. */
static int
alias_line(struct tl_aliases *a, char *line)
{
	char *eq = strchr(line, '='), *alias, *canonical;

	if (eq == NULL)
		return -1;
	*eq = '\0';
	alias = trim(line);
	canonical = trim(eq + 1);
	if (*alias == '\0' || *canonical == '\0')
		return -1;
	tl_aliases_add(a, alias, canonical);
	return 0;
}

int
tl_aliases_parse(struct tl_aliases *a, const char *name, const char *text,
    size_t len, struct tl_diags *d)
{
	const char *p = text, *end = text + len, *nl;
	struct buf line = {0};
	unsigned lineno = 0;
	char *s;
	int rc = 0;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		lineno++;
		if (nl == p)
			continue;
		buf_reset(&line);
		buf_put(&line, p, (size_t)(nl - p));
		s = trim(line.data);
		if (*s == '\0' || *s == '#')
			continue;
		if (alias_line(a, s) != 0) {
			tl_diag_kind(d, TL_ERROR, TL_DK_USAGE, name, lineno,
			    "expected 'alias = canonical name'");
			rc = -1;
		}
	}
	buf_free(&line);
	return rc;
}

const char *
tl_aliases_canonical(const struct tl_aliases *a, const char *api)
{
	struct buf f = {0};
	const struct alias *hit;

	if (a == NULL || api == NULL)
		return api;
	tl_key_fold(&f, api);
	hit = find_alias(a, buf_str(&f));
	buf_free(&f);
	return hit != NULL ? hit->canonical : api;
}

/* ---- key specifications -------------------------------------------- */

void
tl_keyspec_default(struct tl_keyspec *k)
{
	memset(k, 0, sizeof(*k));
	k->names[k->n++] = xstrdup(tl_field_name(TL_API));
	k->names[k->n++] = xstrdup(tl_field_name(TL_PERMISSION));
	k->names[k->n++] = xstrdup(tl_field_name(TL_TYPE));
}

int
tl_keyspec_parse(struct tl_keyspec *k, const char *cols, struct tl_diags *d)
{
	char *copy = xstrdup(cols), *p = copy, *comma, *name;

	memset(k, 0, sizeof(*k));
	for (;;) {
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		name = trim(p);
		if (*name == '\0' || k->n == TL_KEY_MAX) {
			tl_diag_kind(d, TL_ERROR, TL_DK_USAGE,
			    NULL, 0, *name == '\0' ?
			    "--key: empty field name in '%s'" :
			    "--key: more than 16 fields in '%s'", cols);
			tl_keyspec_free(k);
			free(copy);
			return -1;
		}
		k->names[k->n++] = xstrdup(name);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	free(copy);
	return 0;
}

void
tl_keyspec_free(struct tl_keyspec *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->names[i]);
	memset(k, 0, sizeof(*k));
}

/* ---- fields of a table --------------------------------------------- */

/* A table's date or label column, or -1 when it has none or the index
 * is past its columns (a model rebuilt from a file may say anything). */
static int
column_or_none(const struct tl_table *t, int col)
{
	return col >= 0 && (size_t)col < t->ncolumns ? col : -1;
}

/* Whether any row of t has a value for field f. */
static int
rows_have(const struct tl_table *t, int f)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].f[f] != NULL)
			return 1;
	return 0;
}

int
tl_field_resolve(const struct tl_table *t, const char *name,
    struct tl_fieldref *ref)
{
	int f = tl_field_by_name(name), col;

	ref->field = f;
	ref->column = -1;
	if (f == TL_EXTRA) {
		ref->column = tl_table_column(t, name);
		return ref->column >= 0;
	}
	if ((col = tl_table_field_column(t, f)) >= 0) {
		ref->column = col;
		return 1;
	}
	switch (f) {
	case TL_DISPLAY_NAME:
	case TL_QUALIFIER:
		ref->column = tl_table_field_column(t, TL_PERMISSION);
		break;
	case TL_LAST_UPDATE:
	case TL_LAST_UPDATE_TEXT:
		ref->column = column_or_none(t, t->date_column);
		break;
	case TL_TYPE_TEXT:
	case TL_TYPE_QUALIFIER:
		ref->column = tl_table_field_column(t, TL_TYPE);
		break;
	case TL_TYPE:
	case TL_HIGHER_PRIVILEGED:
		/* A type from a heading or flag columns, higher privileged
		 * permissions from a permission column that lists them:
		 * rows that have one have the field. */
		return rows_have(t, f);
	}
	return ref->column >= 0;
}

const char *
tl_field_value(const struct tl_row *r, const struct tl_fieldref *ref)
{
	if (ref->field >= 0)
		return r->f[ref->field];
	if (ref->column < 0)
		return NULL;
	return r->cells[ref->column];
}

void
tl_keycols_resolve(struct tl_keycols *kc, const struct tl_keyspec *k,
    const struct tl_table *a, const struct tl_table *b)
{
	struct tl_fieldref ra, rb;
	size_t i;

	memset(kc, 0, sizeof(*kc));
	for (i = 0; i < k->n; i++) {
		if (!tl_field_resolve(a, k->names[i], &ra))
			continue;
		if (b != NULL && !tl_field_resolve(b, k->names[i], &rb))
			continue;
		/* The same name, but owned by what outlives the spec: the
		 * model's field names, the table's column keys (key.h). */
		kc->names[kc->n] = ra.field != TL_EXTRA ?
		    tl_field_name((enum tl_field)ra.field) :
		    a->columns[ra.column].key;
		kc->a[kc->n] = ra;
		kc->b[kc->n] = b != NULL ? rb : ra;
		kc->n++;
	}
	if (kc->n > 0)
		return;
	/* Nothing of the key on both sides: match rows by their labels. */
	kc->names[0] = "label";
	kc->by_label = 1;
	kc->a[0].field = kc->b[0].field = TL_EXTRA;
	kc->a[0].column = column_or_none(a, a->label_column);
	kc->b[0].column = b != NULL ? column_or_none(b, b->label_column) :
	    kc->a[0].column;
	kc->n = 1;
}

void
tl_row_key(struct buf *out, const struct tl_keycols *kc, int side,
    const struct tl_row *r, const struct tl_aliases *al)
{
	const struct tl_fieldref *refs = side == 0 ? kc->a : kc->b;
	const char *v;
	size_t i;

	buf_put(out, "", 0);
	for (i = 0; i < kc->n; i++) {
		if (i > 0)
			buf_putc(out, '\x1f');
		v = tl_field_value(r, &refs[i]);
		if (refs[i].field == TL_API)
			v = tl_aliases_canonical(al, v);
		tl_key_fold(out, v);
	}
}

void
tl_row_key_text(struct buf *out, const struct tl_keycols *kc, int side,
    const struct tl_row *r)
{
	const struct tl_fieldref *refs = side == 0 ? kc->a : kc->b;
	const char *v;
	size_t i;

	buf_put(out, "", 0);
	for (i = 0; i < kc->n; i++) {
		if (i > 0)
			buf_puts(out, " | ");
		v = tl_field_value(r, &refs[i]);
		buf_puts(out, v != NULL ? v : "");
	}
}
