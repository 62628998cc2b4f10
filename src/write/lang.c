/*
 * lang.c - a page's language from its text (see lang.h).
 */
#include "write/lang.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

enum script {
	S_LATIN, S_KANA, S_HAN, S_HANGUL, S_CYRILLIC, S_GREEK, S_HEBREW,
	S_ARABIC, S_THAI, S_DEVANAGARI, S_NSCRIPTS, S_NONE = S_NSCRIPTS
};

/* Latin words: the languages of vocab.c, by their most common words
 * (sorted, for bsearch). */
enum { L_EN, L_DE, L_FR, L_ES, L_PT, L_NLANGS };

struct word {
	const char	*w;
	unsigned	 langs;		/* 1 << L_... */
};

#define EN (1u << L_EN)
#define DE (1u << L_DE)
#define FR (1u << L_FR)
#define ES (1u << L_ES)
#define PT (1u << L_PT)

static const struct word words[] = {
	{ "all", EN }, { "als", DE }, { "an", EN | DE }, { "and", EN },
	{ "are", EN }, { "as", EN | PT }, { "au", FR }, { "auf", DE },
	{ "aux", FR }, { "avec", FR }, { "be", EN }, { "by", EN },
	{ "can", EN }, { "com", PT }, { "con", ES }, { "da", PT },
	{ "dans", FR }, { "das", DE | PT }, { "de", FR | ES | PT },
	{ "dem", DE }, { "den", DE }, { "der", DE }, { "des", DE | FR },
	{ "die", DE }, { "dos", PT }, { "du", FR }, { "ein", DE },
	{ "eine", DE }, { "einen", DE }, { "el", ES }, { "em", PT },
	{ "en", FR | ES }, { "es", DE | ES }, { "est", FR }, { "et", FR },
	{ "for", EN }, { "from", EN }, { "f\xc3\xbcr", DE }, { "ist", DE },
	{ "it", EN }, { "la", FR | ES }, { "las", ES }, { "le", FR },
	{ "les", FR }, { "los", ES }, { "mit", DE }, { "nicht", DE },
	{ "n\xc3\xa3o", PT }, { "of", EN }, { "on", EN }, { "or", EN },
	{ "ou", FR | PT }, { "para", ES | PT }, { "pas", FR },
	{ "por", ES | PT }, { "pour", FR }, { "que", FR | ES | PT },
	{ "qui", FR }, { "se", ES | PT }, { "sie", DE }, { "sind", DE },
	{ "sont", FR }, { "su", ES }, { "sur", FR }, { "s\xc3\xa3o", PT },
	{ "that", EN }, { "the", EN }, { "this", EN }, { "to", EN },
	{ "um", DE | PT }, { "uma", PT }, { "un", FR | ES }, { "una", ES },
	{ "und", DE }, { "une", FR }, { "von", DE }, { "votre", FR },
	{ "vous", FR }, { "when", EN }, { "which", EN }, { "will", EN },
	{ "wird", DE }, { "with", EN }, { "you", EN }, { "your", EN },
	{ "zu", DE }, { "\xc3\xa9", PT },
};

static const char *const latin_tags[L_NLANGS] = {
	"en", "de", "fr", "es", "pt",
};

struct tally {
	size_t	letters[S_NSCRIPTS];
	size_t	hits[L_NLANGS];
	size_t	read;			/* bytes of text looked at */
	char	word[16];		/* the Latin word being read */
	size_t	wlen;			/* its length; > sizeof(word): too long */
};

static enum script
script_of(long c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x1E00 && c <= 0x1EFF))
		return S_LATIN;
	if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF))
		return S_GREEK;
	if (c >= 0x400 && c <= 0x52F)
		return S_CYRILLIC;
	if (c >= 0x590 && c <= 0x5FF)
		return S_HEBREW;
	if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F))
		return S_ARABIC;
	if (c >= 0x900 && c <= 0x97F)
		return S_DEVANAGARI;
	if (c >= 0xE00 && c <= 0xE7F)
		return S_THAI;
	if ((c >= 0x3040 && c <= 0x30FF && c != 0x30FB && c != 0x30FC) ||
	    (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
		return S_KANA;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
		return S_HAN;
	if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
	    (c >= 0x3130 && c <= 0x318F))
		return S_HANGUL;
	return S_NONE;
}

static int
compare_word(const void *key, const void *elem)
{
	return strcmp(key, ((const struct word *)elem)->w);
}

/* The Latin word read so far is over: count it for its languages. */
static void
end_word(struct tally *t)
{
	const struct word *w;
	int l;

	if (t->wlen > 0 && t->wlen < sizeof(t->word)) {
		t->word[t->wlen] = '\0';
		w = bsearch(t->word, words, sizeof(words) / sizeof(words[0]),
		    sizeof(words[0]), compare_word);
		for (l = 0; w != NULL && l < L_NLANGS; l++)
			if (w->langs & (1u << l))
				t->hits[l]++;
	}
	t->wlen = 0;
}

static void
add_letter(struct tally *t, const unsigned char *s, size_t n, long c)
{
	size_t i;

	if (t->wlen + n >= sizeof(t->word)) {
		t->wlen = sizeof(t->word);	/* too long to be a word here */
		return;
	}
	for (i = 0; i < n; i++)
		t->word[t->wlen++] = (char)s[i];
	/* Lowercase: ASCII, and the Latin-1 capitals the words use. */
	if (c >= 'A' && c <= 'Z')
		t->word[t->wlen - 1] = (char)(c + 32);
	else if (c >= 0xC0 && c <= 0xDE && c != 0xD7 && n == 2)
		t->word[t->wlen - 1] = (char)(s[1] + 32);
}

static void
tally_text(struct tally *t, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len, n;
	enum script sc;
	long c;

	if (text == NULL || t->read >= TL_LANG_SAMPLE)
		return;
	len = strlen(text);
	if (len > TL_LANG_SAMPLE - t->read)
		len = TL_LANG_SAMPLE - t->read;
	t->read += len;
	while (len > 0) {
		if ((n = tl_utf8_decode(s, len, &c)) == 0) {
			n = 1;
			c = -1;
		}
		sc = c >= 0 ? script_of(c) : S_NONE;
		if (sc != S_NONE)
			t->letters[sc]++;
		if (sc == S_LATIN && c != 0xAA && c != 0xBA)
			add_letter(t, s, n, c);
		else if (c != '\'' && c != 0x2019)
			end_word(t);
		s += n;
		len -= n;
	}
	end_word(t);
}

static void
tally_list(struct tally *t, const struct tl_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		tally_text(t, l->v[i]);
}

/* Han, kana and hangul say about as much in one character as three
 * Latin letters do. */
static const char *
decide(const struct tally *t)
{
	static const struct {
		enum script	 script;
		const char	*tag;
		size_t		 weight;
	} scripts[] = {
		{ S_LATIN, NULL, 1 }, { S_HAN, NULL, 3 },
		{ S_HANGUL, "ko", 3 }, { S_CYRILLIC, "ru", 1 },
		{ S_GREEK, "el", 1 }, { S_HEBREW, "he", 1 },
		{ S_ARABIC, "ar", 1 }, { S_THAI, "th", 1 },
		{ S_DEVANAGARI, "hi", 1 },
	};
	size_t i, best = 0, score, top = 0, cjk = t->letters[S_HAN] +
	    t->letters[S_KANA];
	int l, lang = L_EN;

	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		score = (scripts[i].script == S_HAN ? cjk :
		    t->letters[scripts[i].script]) * scripts[i].weight;
		if (score > top) {
			top = score;
			best = i;
		}
	}
	if (scripts[best].script == S_HAN)
		/* Japanese writes kana among its kanji; Chinese none. */
		return t->letters[S_KANA] * 20 >= cjk ? "ja" : "zh";
	if (scripts[best].tag != NULL)
		return scripts[best].tag;
	/* Latin letters (or none): a language whose words outnumber
	 * English's, by three at least, else English. */
	for (l = 1; l < L_NLANGS; l++)
		if (t->hits[l] >= 3 && t->hits[l] > t->hits[lang])
			lang = l;
	return latin_tags[lang];
}

const char *
tl_page_lang(const struct tl_page *page)
{
	struct tally t;
	size_t i, c, r;

	memset(&t, 0, sizeof(t));
	tally_text(&t, page->title);
	tally_list(&t, &page->breadcrumb);
	tally_list(&t, &page->intro);
	tally_list(&t, &page->notes);
	for (i = 0; i < page->ntables; i++)
		for (c = 0; c < page->tables[i].ncolumns; c++)
			tally_text(&t, page->tables[i].columns[c].header);
	for (i = 0; i < page->ntables && t.read < TL_LANG_SAMPLE; i++)
		for (r = 0; r < page->tables[i].nrows &&
		    t.read < TL_LANG_SAMPLE; r++)
			for (c = 0; c < page->tables[i].ncolumns; c++)
				tally_text(&t, page->tables[i].rows[r].cells[c]);
	return decide(&t);
}

const char *
tl_text_lang(const char *text)
{
	struct tally t;

	memset(&t, 0, sizeof(t));
	tally_text(&t, text);
	return decide(&t);
}
