/*
 * vocab.c - the words of other languages tablog understands, and the
 * form they are compared in (see vocab.h).
 *
 * The lists are written as pages write the words, accents and all, so
 * that they can be read and extended; each is folded once, when the
 * vocabulary is made.  Folding (tl_vocab_form()) is what makes
 * `Beschreibung:`, `BESCHREIBUNG` and a full-width `ＡＰＩ` compare equal
 * to the listed word; case folding covers the Latin, Greek and Cyrillic
 * letters pages use, accents are dropped for Latin letters only.
 */
#include "normalise/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/table.h"

/* ---- characters ---------------------------------------------------- */

/*
 * Whether cp is part of a word: a letter, a digit or a combining mark
 * of any script.  Not: ASCII punctuation and symbols, Latin-1's, the
 * general punctuation, symbol, arrow, box, dingbat (✔) and emoji blocks,
 * CJK punctuation (、。「」・), the full-width and small forms of
 * punctuation, private use, variation selectors and specials (U+FFFD).
 */
static int
is_word(long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	if (cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F))
		return 0;
	if (cp >= 0x3000 && cp <= 0x303F)
		return cp >= 0x3005 && cp <= 0x3007;	/* 々 〆 〇 */
	if (cp == 0x30FB || (cp >= 0xFE00 && cp <= 0xFE6F))
		return 0;
	if (cp >= 0xFF00 && cp <= 0xFF65)	/* full-width punctuation */
		return !((cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
		    (cp >= 0xFF3B && cp <= 0xFF40) || cp >= 0xFF5B);
	if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFF))
		return 0;
	if ((cp >= 0x1F000 && cp <= 0x1FAFF) || cp >= 0xE0000)
		return 0;
	return 1;
}

/* Full-width ASCII (U+FF01-U+FF5E) as ASCII; anything else as it is. */
static long
narrow(long cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp;
}

/*
 * The lowercase of a Latin (Latin-1, Latin Extended-A), Greek or
 * Cyrillic capital; anything else as it is.
 */
static long
lower(long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp < 0xC0)
		return cp;
	if (cp <= 0xDE)
		return cp == 0xD7 ? cp : cp + 32;
	if (cp >= 0x100 && cp <= 0x17F) {
		/* Pairs, capital first, but for three runs that start
		 * odd: Ĺ-Ň, Ź-Ž, and Ÿ whose lowercase is ÿ. */
		if (cp == 0x178)
			return 0xFF;
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 &&
		    cp <= 0x17E))
			return cp % 2 == 1 ? cp + 1 : cp;
		if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 ||
		    cp == 0x17F)
			return cp == 0x130 ? 'i' : cp;
		return cp % 2 == 0 ? cp + 1 : cp;
	}
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

/* Latin-1's letters À-ÿ without their accents (lowercase); 0: none. */
static const char latin1_base[64] =
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
/* Latin Extended-A, Ā-ſ. */
static const char latin_a_base[128] =
	"aaaaaaccccccccdddd" "eeeeeeeeeegggggggghhhh" "iiiiiiiiii" "ij" "jj"
	"kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oe" "rrrrrr" "ssssssss"
	"tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* Append the unaccented ASCII of a lowercase Latin letter, or cp. */
static void
put_base(struct buf *out, long cp)
{
	if (cp >= 0xC0 && cp <= 0xFF && latin1_base[cp - 0xC0] != '\0') {
		if (cp == 0xDF)
			buf_put(out, "ss", 2);
		else if (cp == 0xE6)
			buf_put(out, "ae", 2);
		else
			buf_putc(out, latin1_base[cp - 0xC0]);
	} else if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x132 || cp == 0x133)
			buf_put(out, "ij", 2);
		else if (cp == 0x152 || cp == 0x153)
			buf_put(out, "oe", 2);
		else
			buf_putc(out, latin_a_base[cp - 0x100]);
	} else {
		tl_utf8_encode(out, cp);
	}
}

/* The next code point of s (valid UTF-8 as a rule; a stray byte is
 * taken as itself, so folding never stops short). */
static size_t
next_cp(const char *s, size_t len, long *cp)
{
	size_t n = tl_utf8_decode((const unsigned char *)s, len, cp);

	if (n == 0) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

void
tl_vocab_form(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;
	long cp;

	buf_put(out, "", 0);
	while (i < len) {
		i += next_cp(s + i, len - i, &cp);
		cp = lower(narrow(cp));
		if (!is_word(cp) || (cp >= 0x300 && cp <= 0x36F))
			continue;
		if (cp < 0x80)
			buf_putc(out, (char)cp);
		else
			put_base(out, cp);
	}
}

void
tl_vocab_key(struct buf *out, const char *s, char sep)
{
	size_t i = 0, len = strlen(s);
	int pending = 0, any = 0;
	long cp;

	buf_put(out, "", 0);
	while (i < len) {
		i += next_cp(s + i, len - i, &cp);
		cp = lower(narrow(cp));
		if (!is_word(cp)) {
			pending = any;
			continue;
		}
		if (pending)
			buf_putc(out, sep);
		pending = 0;
		any = 1;
		tl_utf8_encode(out, cp);
	}
}

/* ---- the lists ----------------------------------------------------- */

struct word {
	int		 value;
	const char	*text;
};

/* Header names, by field (docs/design.md "Header synonyms"). */
static const struct word headers[] = {
	{ TL_API, "API" }, { TL_API, "APIs" }, { TL_API, "API name" },
	{ TL_API, "Resource" }, { TL_API, "Resource app" },
	{ TL_API, "Resource name" }, { TL_API, "Ressource" },
	{ TL_API, "API-Name" }, { TL_API, "Recurso" },
	{ TL_API, "Nom de l'API" }, { TL_API, "Nombre de la API" },
	{ TL_API, "リソース" }, { TL_API, "API 名" },

	{ TL_PERMISSION, "Permission" }, { TL_PERMISSION, "Permissions" },
	{ TL_PERMISSION, "Permission name" }, { TL_PERMISSION, "Scope" },
	{ TL_PERMISSION, "Scopes" },
	{ TL_PERMISSION, "Application permission" },
	{ TL_PERMISSION, "Least privileged permission" },
	{ TL_PERMISSION, "Least privileged permissions" },
	{ TL_PERMISSION, "Berechtigung" }, { TL_PERMISSION, "Berechtigungen" },
	{ TL_PERMISSION, "Berechtigungsname" },
	{ TL_PERMISSION, "Berechtigungen mit den geringsten Rechten" },
	{ TL_PERMISSION, "Berechtigungen mit den geringsten Berechtigungen" },
	{ TL_PERMISSION, "Autorisation" }, { TL_PERMISSION, "Autorisations" },
	{ TL_PERMISSION, "Nom de l'autorisation" },
	{ TL_PERMISSION, "Autorisations avec privilèges minimum" },
	{ TL_PERMISSION, "Autorisations les moins privilégiées" },
	{ TL_PERMISSION, "Permiso" }, { TL_PERMISSION, "Permisos" },
	{ TL_PERMISSION, "Nombre del permiso" },
	{ TL_PERMISSION, "Permisos con privilegios mínimos" },
	{ TL_PERMISSION, "Permissão" }, { TL_PERMISSION, "Permissões" },
	{ TL_PERMISSION, "Nome da permissão" },
	{ TL_PERMISSION, "Permissões com privilégios mínimos" },
	{ TL_PERMISSION, "アクセス許可" }, { TL_PERMISSION, "アクセス許可名" },
	{ TL_PERMISSION, "アクセス許可の名前" }, { TL_PERMISSION, "権限" },
	{ TL_PERMISSION, "最小特権のアクセス許可" },
	{ TL_PERMISSION, "最小限の特権を持つアクセス許可" },

	{ TL_DISPLAY_NAME, "Display name" }, { TL_DISPLAY_NAME, "Display text" },
	{ TL_DISPLAY_NAME, "DisplayText" }, { TL_DISPLAY_NAME, "Display string" },
	{ TL_DISPLAY_NAME, "Anzeigename" },
	{ TL_DISPLAY_NAME, "Anzeigezeichenfolge" },
	{ TL_DISPLAY_NAME, "Anzeigetext" },
	{ TL_DISPLAY_NAME, "Nom d'affichage" },
	{ TL_DISPLAY_NAME, "Chaîne d'affichage" },
	{ TL_DISPLAY_NAME, "Texte d'affichage" },
	{ TL_DISPLAY_NAME, "Nombre para mostrar" },
	{ TL_DISPLAY_NAME, "Cadena para mostrar" },
	{ TL_DISPLAY_NAME, "Texto para mostrar" },
	{ TL_DISPLAY_NAME, "Nome de exibição" },
	{ TL_DISPLAY_NAME, "Cadeia de caracteres de exibição" },
	{ TL_DISPLAY_NAME, "Texto de exibição" },
	{ TL_DISPLAY_NAME, "表示名" }, { TL_DISPLAY_NAME, "表示文字列" },
	{ TL_DISPLAY_NAME, "表示テキスト" },

	{ TL_QUALIFIER, "Qualifier" }, { TL_QUALIFIER, "Qualifizierer" },
	{ TL_QUALIFIER, "Qualificatif" }, { TL_QUALIFIER, "Calificador" },
	{ TL_QUALIFIER, "Qualificador" }, { TL_QUALIFIER, "修飾子" },

	{ TL_TYPE, "Type" }, { TL_TYPE, "Permission type" },
	{ TL_TYPE, "Typ" }, { TL_TYPE, "Berechtigungstyp" },
	{ TL_TYPE, "Type d'autorisation" }, { TL_TYPE, "Type de permission" },
	{ TL_TYPE, "Tipo" }, { TL_TYPE, "Tipo de permiso" },
	{ TL_TYPE, "Tipo de permissão" },
	{ TL_TYPE, "タイプ" }, { TL_TYPE, "種類" },
	{ TL_TYPE, "アクセス許可の種類" }, { TL_TYPE, "アクセス許可のタイプ" },
	{ TL_TYPE, "権限の種類" },

	{ TL_PURPOSE, "Purpose" }, { TL_PURPOSE, "Description" },
	{ TL_PURPOSE, "Reason" }, { TL_PURPOSE, "Why you need" },
	{ TL_PURPOSE, "Why do we need it" },
	{ TL_PURPOSE, "Beschreibung" }, { TL_PURPOSE, "Zweck" },
	{ TL_PURPOSE, "Verwendungszweck" },
	{ TL_PURPOSE, "Objectif" }, { TL_PURPOSE, "Raison" },
	{ TL_PURPOSE, "Finalité" },
	{ TL_PURPOSE, "Descripción" }, { TL_PURPOSE, "Propósito" },
	{ TL_PURPOSE, "Motivo" }, { TL_PURPOSE, "Finalidad" },
	{ TL_PURPOSE, "Descrição" }, { TL_PURPOSE, "Finalidade" },
	{ TL_PURPOSE, "説明" }, { TL_PURPOSE, "目的" }, { TL_PURPOSE, "用途" },
	{ TL_PURPOSE, "理由" },

	{ TL_LAST_UPDATE, "Last update" }, { TL_LAST_UPDATE, "Last updated" },
	{ TL_LAST_UPDATE, "Updated" }, { TL_LAST_UPDATE, "Date" },
	{ TL_LAST_UPDATE, "Date added" }, { TL_LAST_UPDATE, "Detected on" },
	{ TL_LAST_UPDATE, "Zuletzt aktualisiert" },
	{ TL_LAST_UPDATE, "Letzte Aktualisierung" },
	{ TL_LAST_UPDATE, "Aktualisiert" }, { TL_LAST_UPDATE, "Datum" },
	{ TL_LAST_UPDATE, "Hinzugefügt am" },
	{ TL_LAST_UPDATE, "Dernière mise à jour" },
	{ TL_LAST_UPDATE, "Mis à jour" }, { TL_LAST_UPDATE, "Mise à jour" },
	{ TL_LAST_UPDATE, "Date d'ajout" },
	{ TL_LAST_UPDATE, "Date de mise à jour" },
	{ TL_LAST_UPDATE, "Última actualización" },
	{ TL_LAST_UPDATE, "Actualizado" }, { TL_LAST_UPDATE, "Fecha" },
	{ TL_LAST_UPDATE, "Fecha de actualización" },
	{ TL_LAST_UPDATE, "Última atualização" },
	{ TL_LAST_UPDATE, "Atualizado" },
	{ TL_LAST_UPDATE, "Data de atualização" },
	{ TL_LAST_UPDATE, "最終更新日" }, { TL_LAST_UPDATE, "更新日" },
	{ TL_LAST_UPDATE, "更新日時" }, { TL_LAST_UPDATE, "最終更新" },
	{ TL_LAST_UPDATE, "日付" }, { TL_LAST_UPDATE, "追加日" },

	{ TL_LAST_UPDATE_TEXT, "Last update text" },

	{ TL_HIGHER_PRIVILEGED, "Higher privileged permissions" },
	{ TL_HIGHER_PRIVILEGED, "Higher privileged permission" },
	{ TL_HIGHER_PRIVILEGED, "Higher privileged" },
	{ TL_HIGHER_PRIVILEGED, "Berechtigungen mit höheren Rechten" },
	{ TL_HIGHER_PRIVILEGED, "Berechtigungen mit höheren Berechtigungen" },
	{ TL_HIGHER_PRIVILEGED, "Höher privilegierte Berechtigungen" },
	{ TL_HIGHER_PRIVILEGED, "Autorisations à privilèges plus élevés" },
	{ TL_HIGHER_PRIVILEGED, "Autorisations privilégiées plus élevées" },
	{ TL_HIGHER_PRIVILEGED, "Permisos con privilegios más altos" },
	{ TL_HIGHER_PRIVILEGED, "Permisos con más privilegios" },
	{ TL_HIGHER_PRIVILEGED, "Permissões com privilégios mais altos" },
	{ TL_HIGHER_PRIVILEGED, "高い特権のアクセス許可" },
	{ TL_HIGHER_PRIVILEGED, "より高い特権のアクセス許可" },
	{ TL_HIGHER_PRIVILEGED, "上位の特権を持つアクセス許可" },
};

/* Permission types; value: type, plus ENGLISH for English words. */
#define ENGLISH 0x100
#define APP	TL_PTYPE_APPLICATION
#define DEL	TL_PTYPE_DELEGATED
static const struct word ptypes[] = {
	{ APP | ENGLISH, "Application" }, { APP | ENGLISH, "Applications" },
	{ APP | ENGLISH, "App" }, { APP | ENGLISH, "App-only" },
	{ APP | ENGLISH, "Application only" },
	{ APP | ENGLISH, "Application permission" },
	{ APP | ENGLISH, "Application permissions" },
	{ APP | ENGLISH, "App permission" }, { APP | ENGLISH, "App permissions" },
	{ APP | ENGLISH, "App role" }, { APP | ENGLISH, "App roles" },
	{ APP, "Anwendung" }, { APP, "Anwendungen" },
	{ APP, "Anwendungsberechtigung" }, { APP, "Anwendungsberechtigungen" },
	{ APP, "Autorisation d'application" },
	{ APP, "Autorisations d'application" },
	{ APP, "Autorisations de l'application" },
	{ APP, "Permission d'application" }, { APP, "Permissions d'application" },
	{ APP, "Aplicación" }, { APP, "Aplicaciones" },
	{ APP, "Permiso de aplicación" }, { APP, "Permisos de aplicación" },
	{ APP, "Permisos de la aplicación" },
	{ APP, "Aplicativo" }, { APP, "Aplicativos" }, { APP, "Aplicação" },
	{ APP, "Permissão de aplicativo" }, { APP, "Permissões de aplicativo" },
	{ APP, "Permissões de aplicação" },
	{ APP, "アプリケーション" }, { APP, "アプリケーションのアクセス許可" },
	{ APP, "アプリケーション アクセス許可" }, { APP, "アプリケーションの許可" },
	{ APP, "アプリ" },
	{ APP, "应用程序" }, { APP, "应用程序权限" }, { APP, "應用程式" },
	{ APP, "應用程式權限" }, { APP, "애플리케이션" },
	{ APP, "애플리케이션 권한" },
	{ APP, "Applicazione" }, { APP, "Autorizzazioni dell'applicazione" },

	{ DEL | ENGLISH, "Delegated" },
	{ DEL | ENGLISH, "Delegated permission" },
	{ DEL | ENGLISH, "Delegated permissions" },
	{ DEL, "Delegiert" }, { DEL, "Delegierte" },
	{ DEL, "Delegierte Berechtigung" }, { DEL, "Delegierte Berechtigungen" },
	{ DEL, "Déléguée" }, { DEL, "Délégué" }, { DEL, "Déléguées" },
	{ DEL, "Délégués" }, { DEL, "Autorisation déléguée" },
	{ DEL, "Autorisations déléguées" }, { DEL, "Permission déléguée" },
	{ DEL, "Permissions déléguées" },
	{ DEL, "Delegado" }, { DEL, "Delegada" }, { DEL, "Delegados" },
	{ DEL, "Delegadas" }, { DEL, "Permiso delegado" },
	{ DEL, "Permisos delegados" },
	{ DEL, "Permissão delegada" }, { DEL, "Permissões delegadas" },
	{ DEL, "委任" }, { DEL, "委任済み" }, { DEL, "委任された" },
	{ DEL, "委任されたアクセス許可" }, { DEL, "委任のアクセス許可" },
	{ DEL, "委任アクセス許可" },
	{ DEL, "委派" }, { DEL, "委派的权限" }, { DEL, "委派权限" },
	{ DEL, "委派的權限" }, { DEL, "위임됨" }, { DEL, "위임된 권한" },
	{ DEL, "Delegato" }, { DEL, "Autorizzazioni delegate" },
};

#define SET(s)	((s) << 8)
static const struct word sets[] = {
	/* Where a permission (or the higher ones) would be. */
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Not supported" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Unsupported" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Not available" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Nicht unterstützt" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Nicht verfügbar" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Non pris en charge" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Non supporté" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Non disponible" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "No admitido" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "No compatible" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "No se admite" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "No disponible" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Não suportado" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Sem suporte" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Não há suporte" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "Não disponível" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "サポートされていません" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "サポート対象外" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "サポートなし" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "利用できません" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "使用できません" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "不支持" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "不受支持" },
	{ SET(TL_VOCAB_NOT_SUPPORTED), "지원되지 않음" },

	{ SET(TL_VOCAB_NONE), "None" }, { SET(TL_VOCAB_NONE), "Keine" },
	{ SET(TL_VOCAB_NONE), "Aucun" }, { SET(TL_VOCAB_NONE), "Aucune" },
	{ SET(TL_VOCAB_NONE), "Ninguno" }, { SET(TL_VOCAB_NONE), "Ninguna" },
	{ SET(TL_VOCAB_NONE), "Nenhum" }, { SET(TL_VOCAB_NONE), "Nenhuma" },
	{ SET(TL_VOCAB_NONE), "なし" }, { SET(TL_VOCAB_NONE), "無し" },
	{ SET(TL_VOCAB_NONE), "无" },

	/* A date cell that gives no date (and is no mistake). */
	{ SET(TL_VOCAB_PLACEHOLDER), "TBD" }, { SET(TL_VOCAB_PLACEHOLDER), "TBA" },
	{ SET(TL_VOCAB_PLACEHOLDER), "TBC" }, { SET(TL_VOCAB_PLACEHOLDER), "N/A" },
	{ SET(TL_VOCAB_PLACEHOLDER), "None" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Not yet" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Never" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Pending" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Unknown" },
	{ SET(TL_VOCAB_PLACEHOLDER), "k. A." },
	{ SET(TL_VOCAB_PLACEHOLDER), "Keine" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Noch nicht" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Unbekannt" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Ausstehend" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Aucun" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Aucune" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Pas encore" },
	{ SET(TL_VOCAB_PLACEHOLDER), "À déterminer" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Inconnu" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Ninguno" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Ninguna" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Todavía no" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Aún no" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Pendiente" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Por determinar" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Desconocido" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Nenhum" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Ainda não" },
	{ SET(TL_VOCAB_PLACEHOLDER), "Pendente" },
	{ SET(TL_VOCAB_PLACEHOLDER), "A definir" },
	{ SET(TL_VOCAB_PLACEHOLDER), "なし" },
	{ SET(TL_VOCAB_PLACEHOLDER), "未定" },
	{ SET(TL_VOCAB_PLACEHOLDER), "該当なし" },
	{ SET(TL_VOCAB_PLACEHOLDER), "不明" },

	/* Flag cells, in words (check marks are in tl_vocab_flag()). */
	{ SET(TL_VOCAB_YES), "Yes" }, { SET(TL_VOCAB_YES), "Y" },
	{ SET(TL_VOCAB_YES), "X" }, { SET(TL_VOCAB_YES), "Supported" },
	{ SET(TL_VOCAB_YES), "True" }, { SET(TL_VOCAB_YES), "Ja" },
	{ SET(TL_VOCAB_YES), "Unterstützt" }, { SET(TL_VOCAB_YES), "Oui" },
	{ SET(TL_VOCAB_YES), "Pris en charge" }, { SET(TL_VOCAB_YES), "Sí" },
	{ SET(TL_VOCAB_YES), "Admitido" }, { SET(TL_VOCAB_YES), "Compatible" },
	{ SET(TL_VOCAB_YES), "Sim" }, { SET(TL_VOCAB_YES), "Suportado" },
	{ SET(TL_VOCAB_YES), "はい" }, { SET(TL_VOCAB_YES), "サポート対象" },
	{ SET(TL_VOCAB_YES), "是" }, { SET(TL_VOCAB_YES), "예" },

	{ SET(TL_VOCAB_NO), "No" }, { SET(TL_VOCAB_NO), "N" },
	{ SET(TL_VOCAB_NO), "False" }, { SET(TL_VOCAB_NO), "Nein" },
	{ SET(TL_VOCAB_NO), "Non" }, { SET(TL_VOCAB_NO), "Não" },
	{ SET(TL_VOCAB_NO), "いいえ" }, { SET(TL_VOCAB_NO), "否" },
	{ SET(TL_VOCAB_NO), "아니요" }, { SET(TL_VOCAB_NO), "N/A" },
	{ SET(TL_VOCAB_NO), "Not supported" },
	{ SET(TL_VOCAB_NO), "Nicht unterstützt" },
	{ SET(TL_VOCAB_NO), "Non pris en charge" },
	{ SET(TL_VOCAB_NO), "No admitido" },
	{ SET(TL_VOCAB_NO), "サポート対象外" },

	/* "Permissions (from least to most privileged)": the words of
	 * the bracket that say "least" (Japanese in shapes.c). */
	{ SET(TL_VOCAB_LEAST), "least" }, { SET(TL_VOCAB_LEAST), "wenigsten" },
	{ SET(TL_VOCAB_LEAST), "geringsten" }, { SET(TL_VOCAB_LEAST), "moins" },
	{ SET(TL_VOCAB_LEAST), "menos" },
};

/* Month names and abbreviations: English, German, French, Spanish,
 * Portuguese (Japanese dates are numbers: 2023年12月).  An abbreviation
 * that is also an English word ("ago", "set", "out") counts only with
 * its dot: "Rolled out 2023" is no October. */
static const struct word months[] = {
	{ 1, "January" }, { 1, "Jan" }, { 1, "Januar" }, { 1, "Jänner" },
	{ 1, "Jän" }, { 1, "janvier" }, { 1, "janv" }, { 1, "enero" },
	{ 1, "ene" }, { 1, "janeiro" },
	{ 2, "February" }, { 2, "Feb" }, { 2, "Februar" }, { 2, "février" },
	{ 2, "févr" }, { 2, "fév" }, { 2, "fevrier" }, { 2, "fevr" },
	{ 2, "febrero" }, { 2, "fevereiro" }, { 2, "fev" },
	{ 3, "March" }, { 3, "Mar" }, { 3, "März" }, { 3, "Mär" }, { 3, "Mrz" },
	{ 3, "Marz" }, { 3, "mars" }, { 3, "marzo" }, { 3, "março" },
	{ 3, "marco" },
	{ 4, "April" }, { 4, "Apr" }, { 4, "avril" }, { 4, "avr" },
	{ 4, "abril" }, { 4, "abr" },
	{ 5, "May" }, { 5, "Mai" }, { 5, "mayo" }, { 5, "maio" },
	{ 6, "June" }, { 6, "Jun" }, { 6, "Juni" }, { 6, "juin" },
	{ 6, "junio" }, { 6, "junho" },
	{ 7, "July" }, { 7, "Jul" }, { 7, "Juli" }, { 7, "juillet" },
	{ 7, "juil" }, { 7, "julio" }, { 7, "julho" },
	{ 8, "August" }, { 8, "Aug" }, { 8, "août" }, { 8, "aout" },
	{ 8, "agosto" }, { 8, "ago." },
	{ 9, "September" }, { 9, "Sep" }, { 9, "Sept" }, { 9, "septembre" },
	{ 9, "septiembre" }, { 9, "setiembre" }, { 9, "setembro" },
	{ 9, "set." },
	{ 10, "October" }, { 10, "Oct" }, { 10, "Oktober" }, { 10, "Okt" },
	{ 10, "octobre" }, { 10, "octubre" }, { 10, "outubro" },
	{ 10, "out." },
	{ 11, "November" }, { 11, "Nov" }, { 11, "novembre" },
	{ 11, "noviembre" }, { 11, "novembro" },
	{ 12, "December" }, { 12, "Dec" }, { 12, "Dezember" }, { 12, "Dez" },
	{ 12, "décembre" }, { 12, "déc" }, { 12, "decembre" },
	{ 12, "diciembre" }, { 12, "dic" }, { 12, "dezembro" },
};

#define NWORDS(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- the vocabulary ------------------------------------------------ */

struct tl_vocab {
	struct tl_map	 header, ptype, set[TL_VOCAB_NSETS], month;
	char		**forms;	/* the maps' keys, owned */
	size_t		 nforms;
};

/* Fold each word of a list into map (words of another set skipped). */
static void
add_words(struct tl_vocab *v, struct tl_map *map, const struct word *w,
    size_t n, int set)
{
	struct buf form = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		if (set >= 0 && (w[i].value >> 8) != set)
			continue;
		buf_reset(&form);
		tl_vocab_form(&form, w[i].text, strlen(w[i].text));
		if (tl_map_get(map, buf_str(&form), NULL))
			continue;	/* "Mar", "mar": one form */
		v->forms[v->nforms] = xstrdup(buf_str(&form));
		tl_map_put(map, v->forms[v->nforms++],
		    set >= 0 ? 1 : (size_t)w[i].value);
	}
	buf_free(&form);
}

struct tl_vocab *
tl_vocab_new(void)
{
	struct tl_vocab *v = xcalloc(1, sizeof(*v));
	int s;

	v->forms = xcalloc(NWORDS(headers) + NWORDS(ptypes) + NWORDS(sets) +
	    NWORDS(months), sizeof(*v->forms));
	add_words(v, &v->header, headers, NWORDS(headers), -1);
	add_words(v, &v->ptype, ptypes, NWORDS(ptypes), -1);
	for (s = 0; s < TL_VOCAB_NSETS; s++)
		add_words(v, &v->set[s], sets, NWORDS(sets), s);
	add_words(v, &v->month, months, NWORDS(months), -1);
	return v;
}

void
tl_vocab_free(struct tl_vocab *v)
{
	size_t i;
	int s;

	if (v == NULL)
		return;
	tl_map_free(&v->header);
	tl_map_free(&v->ptype);
	for (s = 0; s < TL_VOCAB_NSETS; s++)
		tl_map_free(&v->set[s]);
	tl_map_free(&v->month);
	for (i = 0; i < v->nforms; i++)
		free(v->forms[i]);
	free(v->forms);
	free(v);
}

const char *
tl_ptype_name(enum tl_ptype t)
{
	return t == TL_PTYPE_APPLICATION ? "Application" :
	    t == TL_PTYPE_DELEGATED ? "Delegated" : NULL;
}

int
tl_vocab_header(const struct tl_vocab *v, const char *form)
{
	size_t f;

	return tl_map_get(&v->header, form, &f) ? (int)f : TL_EXTRA;
}

enum tl_ptype
tl_vocab_ptype(const struct tl_vocab *v, const char *form, int *english)
{
	size_t t;

	if (!tl_map_get(&v->ptype, form, &t))
		return TL_PTYPE_NONE;
	if (english != NULL)
		*english = (t & ENGLISH) != 0;
	return (enum tl_ptype)(t & 0xFF);
}

int
tl_vocab_in(const struct tl_vocab *v, enum tl_vocab_set set,
    const char *form)
{
	return tl_map_get(&v->set[set], form, NULL);
}

int
tl_vocab_month(const struct tl_vocab *v, const char *form)
{
	size_t m;

	return tl_map_get(&v->month, form, &m) ? (int)m : 0;
}

static int
by_length_desc(const void *a, const void *b)
{
	size_t la = strlen(*(const char *const *)a);
	size_t lb = strlen(*(const char *const *)b);

	return (la < lb) - (la > lb);
}

void
tl_vocab_month_pattern(struct buf *out)
{
	const char *v[NWORDS(months)];
	size_t i;

	for (i = 0; i < NWORDS(months); i++)
		v[i] = months[i].text;
	qsort(v, NWORDS(months), sizeof(v[0]), by_length_desc);
	for (i = 0; i < NWORDS(months); i++) {
		size_t len = strlen(v[i]);

		if (i > 0)
			buf_putc(out, '|');
		if (v[i][len - 1] == '.') {	/* a dot it must have */
			buf_put(out, v[i], len - 1);
			buf_puts(out, "\\.");
		} else {
			buf_puts(out, v[i]);
		}
	}
}

int
tl_vocab_flag(const struct tl_vocab *v, const char *s, struct buf *tmp)
{
	static const char *const marks[] = {
		"\xE2\x9C\x94", "\xE2\x9C\x85", "\xE2\x9C\x93", "\xE2\x98\x91",
		"\xF0\x9F\x97\xB8",		/* ✔ ✅ ✓ ☑ 🗸 */
	};
	static const char *const crosses[] = {
		"\xE2\x9C\x97", "\xE2\x9C\x98", "\xE2\x9D\x8C", "\xE2\x9C\x96",
		"\xE2\x9D\x8E", "-", "\xE2\x80\x94", "\xE2\x80\x93",
	};	/* ✗ ✘ ❌ ✖ ❎ - — – */
	size_t len = strlen(s), i;

	/* An emoji variation selector (U+FE0F) after a mark adds nothing. */
	if (len >= 3 && memcmp(s + len - 3, "\xEF\xB8\x8F", 3) == 0)
		len -= 3;
	if (len == 0)
		return 0;
	for (i = 0; i < NWORDS(marks); i++)
		if (strlen(marks[i]) == len && memcmp(s, marks[i], len) == 0)
			return 1;
	for (i = 0; i < NWORDS(crosses); i++)
		if (strlen(crosses[i]) == len && memcmp(s, crosses[i], len) == 0)
			return 0;
	buf_reset(tmp);
	tl_vocab_form(tmp, s, len);
	if (tl_vocab_in(v, TL_VOCAB_YES, buf_str(tmp)))
		return 1;
	if (tl_vocab_in(v, TL_VOCAB_NO, buf_str(tmp)))
		return 0;
	return -1;
}
