/*
 * vocab.h - the words pages write in their own language, in one place:
 * header names, permission types, "Not supported.", check marks, date
 * placeholders and month names, in English, German, French, Spanish,
 * Portuguese and Japanese (and a few of other languages), and the folded
 * form they are compared in (docs/design.md "Header synonyms", "Table
 * shapes").
 *
 * Words are listed as pages write them; tl_vocab_new() folds each once
 * into a hash map, so a look-up costs one fold of the text and one probe.
 * A vocabulary is read-only once made and may be shared by threads.
 */
#ifndef TABLOG_VOCAB_H
#define TABLOG_VOCAB_H

#include <stddef.h>

#include "base/buf.h"

/*
 * The form text is compared in: letters lowercased and without accents
 * (`Ä` is `a`, `ß` is `ss`), full-width ASCII as ASCII, every character
 * that is not a letter or a digit (spaces, punctuation, symbols, emoji)
 * dropped; letters of other scripts (Japanese) kept as they are.  s is
 * valid UTF-8; the form is appended to out.
 */
void	tl_vocab_form(struct buf *out, const char *s, size_t len);

/*
 * A column key from a header: letters (of any script) and digits kept,
 * lowercased (`Änderungstyp` is `änderungstyp`), full-width ASCII as
 * ASCII, and each run of anything else one `sep`, none at either end.
 * Appended to out.
 */
void	tl_vocab_key(struct buf *out, const char *s, char sep);

struct tl_vocab;

struct tl_vocab *tl_vocab_new(void);
void	tl_vocab_free(struct tl_vocab *v);

/* The permission types tablog knows; a row's `type` is the name. */
enum tl_ptype { TL_PTYPE_NONE, TL_PTYPE_APPLICATION, TL_PTYPE_DELEGATED };
const char *tl_ptype_name(enum tl_ptype t);	/* "Application", ... */

/* Header names (a form): the canonical field they name, or TL_EXTRA. */
int	tl_vocab_header(const struct tl_vocab *v, const char *form);

/*
 * A word or phrase that names a permission type (a form): `Application`,
 * `Anwendung`, `Delegated permissions`, `委任されたアクセス許可`.  *english
 * (may be NULL) is set when the page wrote it in English.
 */
enum tl_ptype tl_vocab_ptype(const struct tl_vocab *v, const char *form,
	    int *english);

/* Sets of words, each looked up by form. */
enum tl_vocab_set {
	TL_VOCAB_NOT_SUPPORTED,	/* "Not supported.", "Nicht unterstützt" */
	TL_VOCAB_NONE,		/* "None", "Keine", "なし" */
	TL_VOCAB_PLACEHOLDER,	/* a date not given: "TBD", "N/A", "Not yet" */
	TL_VOCAB_YES,		/* a flag set: "Yes", "Ja", "はい" */
	TL_VOCAB_NO,		/* a flag not set: "No", "Nein", "いいえ" */
	TL_VOCAB_LEAST,		/* "least" in "(from least to most privileged)" */
	TL_VOCAB_NSETS
};
int	tl_vocab_in(const struct tl_vocab *v, enum tl_vocab_set set,
	    const char *form);

/* A month name or abbreviation (a form, any language): 1-12, else 0. */
int	tl_vocab_month(const struct tl_vocab *v, const char *form);

/*
 * Every month name and abbreviation as a PCRE2 alternation, longest
 * first (for the date pattern; matched without regard to case).
 */
void	tl_vocab_month_pattern(struct buf *out);

/*
 * A flag cell: 1 for a check mark (✔ ✅ ✓ ☑) or a word that says yes, 0 for
 * an empty cell, a cross or a word that says no, -1 for anything else.
 * s is the folded cell; tmp is scratch.
 */
int	tl_vocab_flag(const struct tl_vocab *v, const char *s,
	    struct buf *tmp);

#endif
