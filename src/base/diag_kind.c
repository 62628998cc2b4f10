/*
 * diag_kind.c - the names of the diagnostic kinds (see diag_kind.h).
 */
#include "base/diag_kind.h"

#include <string.h>

static const char *const names[] = {
	"other", "usage", "read", "too-large", "not-text", "no-table",
	"encoding", "invalid-utf8", "cut-row", "table-skipped", "wide-row",
	"ragged-row", "duplicate-row", "shared-key", "unrecognised-date",
	"future-date", "date-column", "unknown-header", "unsplit-permission",
	"api-spelling", "display-name", "skipped-path", "no-pages", "template",
	"template-variable", "write", "internal", "fetch", "cache", "archive",
	"sources", "archived",
};

_Static_assert(sizeof(names) / sizeof(names[0]) == TL_DK_COUNT,
    "one name per diagnostic kind");

const char *
tl_diag_kind_name(enum tl_diag_kind k)
{
	return k >= 0 && k < TL_DK_COUNT ? names[k] : names[TL_DK_OTHER];
}

enum tl_diag_kind
tl_diag_kind_named(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < TL_DK_COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return (enum tl_diag_kind)i;
	return TL_DK_OTHER;
}
