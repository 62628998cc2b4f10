/*
 * timeline.h - changes per month, as the bars of a chart: the page's and
 * the site's changelog counted by month, oldest to newest, for the
 * inline SVG the changelog and index pages draw (docs/design.md "JSON and
 * the template context", `timeline`).
 *
 * A timeline spans its first dated month to its last, and at least 12
 * months (ending at the last), so a page dated in one month draws one bar
 * of a year, not a bar as wide as the chart.  Each month of the span is a
 * slot 10 units wide in a chart 100 units high; only months with changes
 * have a bar.
 */
#ifndef TABLOG_TIMELINE_H
#define TABLOG_TIMELINE_H

#include <stddef.h>

#include "template/value.h"

#define TL_TIMELINE_MIN_MONTHS	12
#define TL_TIMELINE_SLOT	10	/* a month's width, in chart units */
#define TL_TIMELINE_HEIGHT	100	/* the chart's height */

struct tl_timeline_bar {
	int	key;		/* year * 12 + month - 1 */
	size_t	count;
};

struct tl_timeline {
	int			 first, last;	/* month keys of the span */
	size_t			 total, max;	/* changes in all, in one month */
	struct tl_timeline_bar	*bars;		/* months with changes, in order */
	size_t			 nbars, cap;
};

/* Count n changes in month (year, month); any order, a month repeated
 * adds up.  A zeroed timeline is empty. */
void	tl_timeline_add(struct tl_timeline *t, int year, int month, size_t n);
/* Sort, merge and span what was added; call once, before reading. */
void	tl_timeline_finish(struct tl_timeline *t);
void	tl_timeline_free(struct tl_timeline *t);

/*
 * The timeline as a value: null when nothing was dated, else
 * {first, first_label, last, last_label, months, width, height, total,
 * max, bars: [{month, label, count, changes, x, y, height}]}: months is
 * the span's length, width its width in chart units; a bar's x is its
 * left edge (8 units wide, 1 from its slot's), y its top and height its
 * height, the busiest month 100 high.  t must outlive the value.
 */
struct tl_value	tl_timeline_value(const struct tl_timeline *t);

#endif
