/*
 * shapes.c - the tables other vendors write (see shapes.h).
 *
 * Every function here works on one cell, one column or one table and
 * costs time in proportion to it: a column is judged in one pass over its
 * cells, stopping at the first that does not fit, and flags are spread
 * into rows in one pass over the table.
 */
#include "normalise/shapes.h"

#include <stdlib.h>
#include <string.h>

#include "base/space.h"
#include "base/xalloc.h"

/* ---- brackets and lists -------------------------------------------- */

#define FW_OPEN		"\xEF\xBC\x88"	/* （ */
#define FW_CLOSE	"\xEF\xBC\x89"	/* ） */

/* The length of a closing bracket ending s[..e), or 0. */
static size_t
close_at(const char *s, size_t b, size_t e)
{
	if (e > b && s[e - 1] == ')')
		return 1;
	if (e >= b + 3 && memcmp(s + e - 3, FW_CLOSE, 3) == 0)
		return 3;
	return 0;
}

/*
 * Split s[b, e) "Main (bracket)": 1 with the main part [*mb, *me) and
 * the bracket's contents [*qb, *qe), both trimmed and not empty, when s
 * ends with a bracket that has text before it.  Brackets nest; ASCII and
 * full-width ones are alike.
 */
static int
split_bracket(const char *s, size_t b, size_t e, size_t *mb, size_t *me,
    size_t *qb, size_t *qe)
{
	size_t n = close_at(s, b, e), i, depth = 0;

	if (n == 0)
		return 0;
	for (i = e; i > b; i--) {
		if (s[i - 1] == ')' || (i >= b + 3 &&
		    memcmp(s + i - 3, FW_CLOSE, 3) == 0))
			depth++;
		else if (s[i - 1] == '(' || (i >= b + 3 &&
		    memcmp(s + i - 3, FW_OPEN, 3) == 0)) {
			size_t open = s[i - 1] == '(' ? i - 1 : i - 3;

			if (--depth > 0)
				continue;
			*mb = b, *me = open;
			*qb = i, *qe = e - n;
			tl_trim(s, mb, me);
			tl_trim(s, qb, qe);
			return *me > *mb && *qe > *qb;
		}
	}
	return 0;
}

/* The form of s[b, e) in tmp (reset first). */
static const char *
form_of(struct buf *tmp, const char *s, size_t b, size_t e)
{
	buf_reset(tmp);
	tl_vocab_form(tmp, s + b, e - b);
	return buf_str(tmp);
}

/* The length of a list separator at s[i] (, ; newline 、 ，), or 0. */
static size_t
separator_at(const char *s, size_t i, size_t len)
{
	if (s[i] == ',' || s[i] == ';' || s[i] == '\n')
		return 1;
	if (i + 3 <= len && (memcmp(s + i, "\xE3\x80\x81", 3) == 0 ||
	    memcmp(s + i, "\xEF\xBC\x8C", 3) == 0))
		return 3;
	return 0;
}

/* A list's items, as [begin, end) offsets, trimmed, empty ones left out. */
struct items {
	size_t	(*v)[2];
	size_t	 n, cap;
};

static void
split_list(struct items *it, const char *s, size_t len)
{
	size_t i = 0, start = 0, n;

	it->n = 0;
	for (;;) {
		n = i < len ? separator_at(s, i, len) : 0;
		if (i == len || n > 0) {
			size_t b = start, e = i;

			tl_trim(s, &b, &e);
			if (e > b) {
				it->v = xgrow(it->v, &it->cap, it->n + 1,
				    sizeof(*it->v));
				it->v[it->n][0] = b;
				it->v[it->n][1] = e;
				it->n++;
			}
			if (i == len)
				break;
			i += n;
			start = i;
			continue;
		}
		i++;
	}
}

/* ---- headers and types --------------------------------------------- */

int
tl_shape_header(const struct tl_vocab *v, const char *header, int *ordered,
    struct buf *tmp)
{
	size_t len = strlen(header), mb, me, qb, qe;
	int field;

	*ordered = 0;
	field = tl_vocab_header(v, form_of(tmp, header, 0, len));
	if (field != TL_EXTRA || !split_bracket(header, 0, len, &mb, &me, &qb,
	    &qe))
		return field;
	field = tl_vocab_header(v, form_of(tmp, header, mb, me));
	if (field == TL_PERMISSION) {
		/* "(from least to most privileged)": a word of it says so;
		 * Japanese runs its words together, so look inside. */
		size_t i, j;

		for (i = qb; i < qe && !*ordered; i = j + 1) {
			for (j = i; j < qe && header[j] != ' '; j++)
				;
			*ordered = tl_vocab_in(v, TL_VOCAB_LEAST,
			    form_of(tmp, header, i, j));
		}
		if (strstr(header + qb, "\xE5\xB0\x8F\xE3\x81\x95\xE3\x81\x84") !=
		    NULL || strstr(header + qb, "\xE6\x9C\x80\xE5\xB0\x8F") != NULL)
			*ordered = 1;	/* 小さい, 最小 */
	}
	return field;
}

enum tl_ptype
tl_shape_ptype(const struct tl_vocab *v, const char *text, int *english,
    size_t *qb, size_t *qe, struct buf *tmp)
{
	size_t len = strlen(text), b = 0, e = len, mb, me, i;
	enum tl_ptype t;
	int eng = 0;

	*qb = *qe = 0;
	/* "Type: Application": the words after a type header's colon. */
	for (i = 0; i < len; i++)
		if (text[i] == ':' || (i + 3 <= len &&
		    memcmp(text + i, "\xEF\xBC\x9A", 3) == 0)) {
			if (tl_vocab_header(v, form_of(tmp, text, 0, i)) ==
			    TL_TYPE)
				b = i + (text[i] == ':' ? 1 : 3);
			break;
		}
	tl_trim(text, &b, &e);
	if (split_bracket(text, b, e, &mb, &me, qb, qe) &&
	    (t = tl_vocab_ptype(v, form_of(tmp, text, mb, me), &eng)) !=
	    TL_PTYPE_NONE) {
		if (english != NULL)
			*english = eng;
		return t;
	}
	*qb = *qe = 0;
	t = tl_vocab_ptype(v, form_of(tmp, text, b, e), &eng);
	if (english != NULL)
		*english = eng;
	return t;
}

void
tl_shape_type_cell(const struct tl_vocab *v, struct tl_page *page,
    struct tl_row *r, const char *text, struct buf *tmp)
{
	size_t qb, qe;
	int english;
	enum tl_ptype t = tl_shape_ptype(v, text, &english, &qb, &qe, tmp);

	if (t == TL_PTYPE_NONE) {
		r->f[TL_TYPE] = text;
		return;
	}
	r->f[TL_TYPE] = tl_ptype_name(t);
	if (qe > qb)
		r->f[TL_TYPE_QUALIFIER] = tl_strndup_shared(page, text + qb,
		    qe - qb);
	if (!english)
		r->f[TL_TYPE_TEXT] = text;
}

int
tl_shape_says(const struct tl_vocab *v, enum tl_vocab_set set,
    const char *text, struct buf *tmp)
{
	size_t len = strlen(text);

	/* The words are short and bracketless; a permission name, with its
	 * display name or not, is none of them.  (Most cells stop here.) */
	if (len > 48 || memchr(text, '(', len) != NULL ||
	    tl_shape_name(text, len) >= 2)
		return 0;
	return tl_vocab_in(v, set, form_of(tmp, text, 0, len));
}

/* ---- permission names and lists ------------------------------------ */

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
tl_shape_name(const char *s, size_t len)
{
	size_t i, dots = 0;
	int part_start = 1;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (c == '.') {
			if (part_start)
				return 0;
			dots++;
			part_start = 1;
			continue;
		}
		if (part_start && !is_alpha(c))
			return 0;
		if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '_' &&
		    c != '-')
			return 0;
		part_start = 0;
	}
	if (part_start)
		return 0;
	if (dots == 0)
		return 1;
	return s[0] >= 'A' && s[0] <= 'Z' ? 3 : 2;
}

/*
 * Set the row's higher privileged permissions to items [from, it->n) of
 * text; the names are put in tmp, NUL after each, for the model to copy.
 */
static void
set_items(struct tl_page *page, struct tl_row *r, const char *text,
    const struct items *it, size_t from, struct buf *tmp)
{
	const char *small[16], **names = small;
	size_t i, n = it->n - from, at;

	if (n > 16)
		names = xcalloc(n, sizeof(*names));
	buf_reset(tmp);
	for (i = from; i < it->n; i++) {
		buf_put(tmp, text + it->v[i][0], it->v[i][1] - it->v[i][0]);
		buf_put(tmp, "", 1);
	}
	for (i = 0, at = 0; i < n; i++) {
		names[i] = tmp->data + at;
		at += strlen(names[i]) + 1;
	}
	tl_row_set_higher(page, r, names, n);
	if (names != small)
		free(names);
}

void
tl_shape_higher_cell(const struct tl_vocab *v, struct tl_page *page,
    struct tl_row *r, const char *text, struct buf *tmp)
{
	struct items it = {0};

	if (*text == '\0' ||
	    tl_shape_says(v, TL_VOCAB_NOT_SUPPORTED, text, tmp) ||
	    tl_shape_says(v, TL_VOCAB_NONE, text, tmp)) {
		tl_row_set_higher(page, r, NULL, 0);
		return;
	}
	split_list(&it, text, strlen(text));
	set_items(page, r, text, &it, 0, tmp);
	free(it.v);
}

int
tl_shape_ordered_cell(struct tl_page *page, struct tl_row *r,
    const char *text, struct buf *tmp)
{
	struct items it = {0};
	size_t i;

	split_list(&it, text, strlen(text));
	for (i = 0; i < it.n; i++)
		if (tl_shape_name(text + it.v[i][0],
		    it.v[i][1] - it.v[i][0]) == 0)
			break;
	if (it.n == 0 || i < it.n) {
		free(it.v);
		return 0;
	}
	r->f[TL_PERMISSION] = tl_strndup_shared(page, text + it.v[0][0],
	    it.v[0][1] - it.v[0][0]);
	set_items(page, r, text, &it, 1, tmp);
	free(it.v);
	return 1;
}

/* ---- columns known by their cells ---------------------------------- */

/* A lowercase identifier with an underscore: an OAuth scope such as
 * `offline_access` (not a constant such as `RTLD_LAZY`). */
static int
is_snake(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return memchr(s, '_', len) != NULL && s[0] >= 'a' && s[0] <= 'z';
}

/*
 * Every non-empty cell a permission name, dotted and capitalised ones
 * (`User.Read.All`, maybe with its display name after it in brackets)
 * at least one, scopes (`offline_access`) the others.  A plain word
 * (`No`, `Yes`) or a constant is not one: a column of them is something
 * else.
 */
int
tl_shape_permission_column(const struct tl_table *t, size_t col)
{
	size_t r, dotted = 0;

	for (r = 0; r < t->nrows; r++) {
		const char *s = t->rows[r].cells[col];
		size_t len = strlen(s), cut;
		int shape;

		if (len == 0)
			continue;
		cut = strcspn(s, " (");
		if (cut < len && s[len - 1] != ')')
			return 0;
		shape = tl_shape_name(s, cut);
		if (shape == 3)
			dotted++;
		else if (!is_snake(s, cut))
			return 0;
	}
	return dotted > 0;
}

/* Whether every non-empty cell of column col, one at least, is ok. */
static int
column_all(const struct tl_vocab *v, const struct tl_table *t, size_t col,
    struct buf *tmp, int (*ok)(const struct tl_vocab *, const char *,
    struct buf *))
{
	size_t r, nonempty = 0;

	for (r = 0; r < t->nrows; r++) {
		const char *s = t->rows[r].cells[col];

		if (*s == '\0')
			continue;
		if (!ok(v, s, tmp))
			return 0;
		nonempty++;
	}
	return nonempty > 0;
}

static int
is_type_cell(const struct tl_vocab *v, const char *s, struct buf *tmp)
{
	size_t qb, qe;

	return tl_shape_ptype(v, s, NULL, &qb, &qe, tmp) != TL_PTYPE_NONE;
}

/* Display names are a short line of words, not a name, a flag nor a
 * paragraph. */
static int
is_display_cell(const struct tl_vocab *v, const char *s, struct buf *tmp)
{
	return strlen(s) <= 120 && strchr(s, '\n') == NULL &&
	    strchr(s, ' ') != NULL && tl_vocab_flag(v, s, tmp) < 0;
}

int
tl_shape_type_column(const struct tl_vocab *v, const struct tl_table *t,
    size_t col, struct buf *tmp)
{
	return column_all(v, t, col, tmp, is_type_cell);
}

int
tl_shape_display_column(const struct tl_vocab *v, const struct tl_table *t,
    size_t col, struct buf *tmp)
{
	return column_all(v, t, col, tmp, is_display_cell);
}

int
tl_shape_flag_column(const struct tl_vocab *v, const struct tl_table *t,
    size_t col, struct buf *tmp)
{
	size_t r;
	int set = 0, f;

	for (r = 0; r < t->nrows; r++) {
		if ((f = tl_vocab_flag(v, t->rows[r].cells[col], tmp)) < 0)
			return 0;
		set |= f;
	}
	return set;
}

/* ---- types from flags and headings --------------------------------- */

void
tl_shape_expand_flags(const struct tl_vocab *v, struct tl_page *page,
    struct tl_table *t, const struct tl_flag_column *fc, size_t nfc,
    struct buf *tmp)
{
	struct tl_row *out = NULL;
	size_t nout = 0, cap = 0, r, k, j;
	unsigned char *set = xcalloc(nfc ? nfc : 1, 1);

	for (r = 0; r < t->nrows; r++) {
		const struct tl_row *row = &t->rows[r];
		size_t nset = 0;

		for (k = 0; k < nfc; k++) {
			set[k] = tl_vocab_flag(v, row->cells[fc[k].col],
			    tmp) == 1;
			nset += set[k];
		}
		out = xgrow(out, &cap, nout + (nset ? nset : 1), sizeof(*out));
		if (nset == 0) {
			out[nout++] = *row;
			continue;
		}
		for (k = 0; k < nfc; k++) {
			struct tl_row *n;
			const char **cells;

			if (!set[k])
				continue;
			n = &out[nout++];
			*n = *row;
			cells = tl_alloc(page, t->ncolumns * sizeof(*cells));
			memcpy(cells, row->cells, t->ncolumns * sizeof(*cells));
			/* Each copy has its own list of marks: a blanked
			 * check mark loses its own (a link, bold). */
			if (row->markup != NULL) {
				n->markup = tl_alloc(page,
				    t->ncolumns * sizeof(*n->markup));
				memcpy(n->markup, row->markup,
				    t->ncolumns * sizeof(*n->markup));
			}
			for (j = 0; j < nfc; j++)
				if (j != k && set[j]) {
					cells[fc[j].col] = "";
					tl_row_set_markup(page, t, n,
					    fc[j].col, NULL);
				}
			n->cells = cells;
			n->f[TL_TYPE] = tl_ptype_name(fc[k].type);
			n->f[TL_TYPE_QUALIFIER] = fc[k].qualifier;
		}
	}
	free(set);
	free(t->rows);
	t->rows = out;
	t->nrows = nout;
	t->rows_cap = cap;
}

void
tl_shape_heading_type(const struct tl_vocab *v, struct tl_page *page,
    struct tl_table *t, struct buf *tmp)
{
	const char *qualifier = NULL, *name = NULL;
	size_t i, r, qb, qe;

	if (tl_table_field_column(t, TL_PERMISSION) < 0 ||
	    tl_table_field_column(t, TL_TYPE) >= 0)
		return;
	for (i = t->headings.n; i > 0 && name == NULL; i--) {
		const char *h = t->headings.v[i - 1];
		enum tl_ptype pt = tl_shape_ptype(v, h, NULL, &qb, &qe, tmp);

		if (pt == TL_PTYPE_NONE)
			continue;
		name = tl_ptype_name(pt);
		if (qe > qb)
			qualifier = tl_strndup(page, h + qb, qe - qb);
	}
	if (name == NULL)
		return;
	for (r = 0; r < t->nrows; r++)
		if (t->rows[r].f[TL_TYPE] == NULL) {
			t->rows[r].f[TL_TYPE] = name;
			t->rows[r].f[TL_TYPE_QUALIFIER] = qualifier;
		}
}

/* ---- a table per permission, read transposed ----------------------- */

/* An attribute's name as a header: "Identifier" is the ID, and
 * "AdminConsentRequired" is words. */
static const char *
attribute_header(struct tl_page *page, const char *name, struct buf *tmp)
{
	size_t i;

	if (strcmp(name, "Identifier") == 0)
		return "ID";
	buf_reset(tmp);
	buf_put(tmp, "", 0);
	for (i = 0; name[i] != '\0'; i++) {
		if (i > 0 && name[i] >= 'A' && name[i] <= 'Z' &&
		    name[i - 1] >= 'a' && name[i - 1] <= 'z')
			buf_putc(tmp, ' ');
		buf_putc(tmp, name[i]);
	}
	return tl_strdup(page, buf_str(tmp));
}

int
tl_shape_transpose(const struct tl_vocab *v, struct tl_page *page,
    struct tl_table *t, struct buf *tmp)
{
	static const char *const category[] = {
		"category", "kategorie", "categorie", "categoria", "カテゴリ",
	};
	struct tl_row *old = t->rows;
	size_t nold = t->nrows, ncol = t->ncolumns, i, j, qb, qe;
	const char **header, **cells, *permission = "", *first;
	struct tl_row *row;
	int ok = 0;

	/* Graph's tables have four attributes and two types; a table far
	 * larger is something else (docs/limits.md). */
	if (ncol < 2 || ncol > 17 || nold == 0 || nold > 64)
		return 0;
	first = form_of(tmp, t->columns[0].header, 0,
	    strlen(t->columns[0].header));
	for (i = 0; i < sizeof(category) / sizeof(category[0]); i++)
		ok |= strcmp(first, category[i]) == 0;
	for (j = 1; j < ncol && ok; j++)
		ok = tl_shape_ptype(v, t->columns[j].header, NULL, &qb, &qe,
		    tmp) != TL_PTYPE_NONE && !tl_shape_flag_column(v, t, j, tmp);
	for (i = 0; i < nold && ok; i++)
		ok = *old[i].cells[0] != '\0';
	if (!ok)
		return 0;
	if (t->headings.n > 0) {
		const char *h = t->headings.v[t->headings.n - 1];

		if (tl_shape_name(h, strlen(h)) >= 2)
			permission = h;
	}
	header = xcalloc(nold + 2, sizeof(*header));
	cells = xcalloc(nold + 2, sizeof(*cells));
	header[0] = "Permission";
	header[1] = "Type";
	for (i = 0; i < nold; i++)
		header[i + 2] = attribute_header(page, old[i].cells[0], tmp);
	t->rows = NULL;
	t->nrows = t->rows_cap = 0;
	{
		const char **types = xcalloc(ncol, sizeof(*types));

		for (j = 1; j < ncol; j++)
			types[j] = t->columns[j].header;
		tl_table_set_header(page, t, header, nold + 2);
		for (j = 1; j < ncol; j++) {
			cells[0] = permission;
			cells[1] = types[j];
			for (i = 0; i < nold; i++)
				cells[i + 2] = old[i].cells[j];
			row = tl_table_add_row(page, t, old[0].line, cells,
			    nold + 2);
			/* Each value keeps its markup (its text is the
			 * same); the permission and type are plain. */
			for (i = 0; i < nold; i++)
				tl_row_set_markup(page, t, row, i + 2,
				    tl_cell_markup(&old[i], j));
		}
		free(types);
	}
	free(header);
	free(cells);
	free(old);
	return 1;
}
