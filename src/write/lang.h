/*
 * lang.h - the language a page is written in, for its HTML's `lang`
 * (docs/design.md "JSON and the template context", `page.lang`).
 *
 * Told from the page's text: the script most of its letters are in
 * (Japanese when kana are among its CJK characters, Chinese when not,
 * Korean, Russian, Greek, Hebrew, Arabic, Thai, Hindi), and for Latin
 * letters the most common words of the languages whose headers tablog
 * reads (English, German, French, Spanish, Portuguese); English when
 * nothing says otherwise.  Only the first TL_LANG_SAMPLE bytes of text
 * are read (title, breadcrumb, intro, notes and headers first, then the
 * cells), so big pages cost no more than small ones.
 */
#ifndef TABLOG_LANG_H
#define TABLOG_LANG_H

#include "model/table.h"

#define TL_LANG_SAMPLE	((size_t)64 << 10)

/* A BCP 47 language tag ("en", "ja"), a static string. */
const char *tl_page_lang(const struct tl_page *page);

/* The same for one text. */
const char *tl_text_lang(const char *text);

#endif
