/*
 * timeline.c - changes per month as a chart's bars (see timeline.h).
 */
#include "write/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"

void
tl_timeline_add(struct tl_timeline *t, int year, int month, size_t n)
{
	if (year == 0 || n == 0)
		return;
	t->bars = xgrow(t->bars, &t->cap, t->nbars + 1, sizeof(*t->bars));
	t->bars[t->nbars].key = year * 12 + month - 1;
	t->bars[t->nbars++].count = n;
}

static int
compare_bars(const void *a, const void *b)
{
	const struct tl_timeline_bar *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

void
tl_timeline_finish(struct tl_timeline *t)
{
	size_t i, n = 0;

	t->total = t->max = 0;
	if (t->nbars == 0)
		return;
	qsort(t->bars, t->nbars, sizeof(*t->bars), compare_bars);
	for (i = 0; i < t->nbars; i++) {
		if (n > 0 && t->bars[n - 1].key == t->bars[i].key)
			t->bars[n - 1].count += t->bars[i].count;
		else
			t->bars[n++] = t->bars[i];
	}
	t->nbars = n;
	for (i = 0; i < n; i++) {
		t->total += t->bars[i].count;
		if (t->bars[i].count > t->max)
			t->max = t->bars[i].count;
	}
	t->last = t->bars[n - 1].key;
	t->first = t->bars[0].key;
	if (t->last - t->first + 1 < TL_TIMELINE_MIN_MONTHS)
		t->first = t->last - TL_TIMELINE_MIN_MONTHS + 1;
}

void
tl_timeline_free(struct tl_timeline *t)
{
	free(t->bars);
	memset(t, 0, sizeof(*t));
}

/* ---- the value ------------------------------------------------------ */

/* p: the timeline; a: a bar's index. */

static const struct tl_timeline *
timeline_of(const struct tl_value *v)
{
	return v->p;
}

static void
month_iso(struct buf *out, int key)
{
	buf_printf(out, "%04d-%02d", key / 12, key % 12 + 1);
}

static void
month_label(struct buf *out, int key)
{
	struct tl_date month = { key / 12, key % 12 + 1, 0 };

	tl_date_label(out, &month);
}

/* -- a bar -- */

static const struct tl_timeline_bar *
bar_of(const struct tl_value *v)
{
	return &timeline_of(v)->bars[v->a];
}

static const void *
bar_self(const struct tl_value *v)
{
	return bar_of(v);
}

static void
bar_month_made(const struct tl_value *v, struct buf *out)
{
	month_iso(out, bar_of(v)->key);
}

static void
bar_label_made(const struct tl_value *v, struct buf *out)
{
	month_label(out, bar_of(v)->key);
}

static void
bar_changes_made(const struct tl_value *v, struct buf *out)
{
	size_t n = bar_of(v)->count;

	buf_printf(out, "%zu change%s", n, n == 1 ? "" : "s");
}

/* The busiest month is the chart's height; any other at least 1 high. */
static size_t
bar_height(const struct tl_value *v)
{
	size_t max = timeline_of(v)->max;

	return (bar_of(v)->count * TL_TIMELINE_HEIGHT + max - 1) / max;
}

static void
bar_x(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)(bar_of(v)->key -
	    timeline_of(v)->first) * TL_TIMELINE_SLOT + 1);
}

static void
bar_y(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)(TL_TIMELINE_HEIGHT - bar_height(v)));
}

static void
bar_h(const struct tl_value *v, struct tl_value *out)
{
	*out = tl_value_int((json_int_t)bar_height(v));
}

static const struct tl_value_member bar_members[] = {
	TL_MADE("month", bar_month_made),
	TL_MADE("label", bar_label_made),
	TL_SIZE_AT("count", struct tl_timeline_bar, count),
	TL_MADE("changes", bar_changes_made),
	TL_COMPUTED("x", bar_x),
	TL_COMPUTED("y", bar_y),
	TL_COMPUTED("height", bar_h),
};

static const struct tl_value_class bar_class =
    TL_FIXED_CLASS_OF(bar_members, bar_self);

static size_t
bars_size(const struct tl_value *v)
{
	return timeline_of(v)->nbars;
}

static void
bars_at(const struct tl_value *v, size_t i, struct tl_value *out)
{
	*out = tl_value_make(TL_VALUE_OBJECT, &bar_class, v->p, i, 0);
}

static const struct tl_value_class bars_class = {
	.size = bars_size,
	.at = bars_at,
};

/* -- the timeline -- */

static const void *
timeline_self(const struct tl_value *v)
{
	return v->p;
}

static void
first_made(const struct tl_value *v, struct buf *out)
{
	month_iso(out, timeline_of(v)->first);
}

static void
first_label_made(const struct tl_value *v, struct buf *out)
{
	month_label(out, timeline_of(v)->first);
}

static void
last_made(const struct tl_value *v, struct buf *out)
{
	month_iso(out, timeline_of(v)->last);
}

static void
last_label_made(const struct tl_value *v, struct buf *out)
{
	month_label(out, timeline_of(v)->last);
}

static void
months(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_timeline *t = timeline_of(v);

	*out = tl_value_int((json_int_t)(t->last - t->first + 1));
}

static void
width(const struct tl_value *v, struct tl_value *out)
{
	const struct tl_timeline *t = timeline_of(v);

	*out = tl_value_int((json_int_t)(t->last - t->first + 1) *
	    TL_TIMELINE_SLOT);
}

static void
height(const struct tl_value *v, struct tl_value *out)
{
	(void)v;
	*out = tl_value_int(TL_TIMELINE_HEIGHT);
}

static const struct tl_value_member timeline_members[] = {
	TL_MADE("first", first_made),
	TL_MADE("first_label", first_label_made),
	TL_MADE("last", last_made),
	TL_MADE("last_label", last_label_made),
	TL_COMPUTED("months", months),
	TL_COMPUTED("width", width),
	TL_COMPUTED("height", height),
	TL_SIZE_AT("total", struct tl_timeline, total),
	TL_SIZE_AT("max", struct tl_timeline, max),
	TL_AS("bars", &bars_class),
};

static const struct tl_value_class timeline_class =
    TL_FIXED_CLASS_OF(timeline_members, timeline_self);

struct tl_value
tl_timeline_value(const struct tl_timeline *t)
{
	if (t->nbars == 0)
		return tl_value_null();
	return tl_value_make(TL_VALUE_OBJECT, &timeline_class, t, 0, 0);
}
