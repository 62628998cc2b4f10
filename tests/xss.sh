#!/bin/sh
# tests/xss.sh - output safety: hostile page text comes out as text.
# Ends with "N passed, N failed"; exits non-zero on a failure.
#
# tests/xss/payloads.py holds the payloads (script tags, event attributes,
# javascript: URLs, SVG/MathML, broken quotes, </title> and friends,
# comments, CDATA, entity-encoded markup, template delimiters, Unicode
# tricks); tests/xss/gen.py writes them into every place page text can
# reach, as backslash-escaped Markdown, raw Markdown and entity-encoded
# HTML, and as file names, plus the same pages with harmless text (the
# baseline).  Every HTML output (-f html, --fragment, -f changelog-html,
# the site's index.html, changelog.html with detected changes, each
# page's index.html, diff -f html, history -f html) is checked with
# Python's html.parser and, when Chromium is installed, in the DOM
# Chromium builds (--dump-dom): only the elements and attributes the
# baseline has, no on* attribute, no javascript: URL, no foreign
# <script>, and every piece of page text shown as text.  Atom feeds are
# parsed with xml.etree.  Template delimiters stay literal in md, csv,
# json and html; CSV keeps the formula guard in every column
# (tests/xss/check.py does the checks).
# Run from the repository root; TABLOG (default ./tablog) selects the
# binary.

TABLOG=${TABLOG:-./tablog}
case $TABLOG in /*) ;; *) TABLOG=$(pwd)/$TABLOG ;; esac
X=$(pwd)/tests/xss
CHECK=$X/check.py
NAME=xss
. tests/consumers/lib.sh

if ! have "$PY"; then
	echo "SKIP: all output-safety tests (no python3)"
	echo "0 passed, 1 failed"
	exit 1
fi

# --- The pages, and every output of them --------------------------------
# $W/p: the payloads; $W/b: the same pages with harmless text (baseline).
EXPECT=$W/p/expect.json
for v in p b; do
	if [ $v = b ]; then plain=--plain; else plain=; fi
	"$PY" "$X/gen.py" "$W/$v" $plain || { bad "gen.py $v"; continue; }
	for pg in xss-md xss-raw xss-html; do
		src=$(ls "$W/$v/new/$pg".*)
		"$TABLOG" -q -o "$W/$v/$pg" "$src" 2>>"$W/err"
		"$TABLOG" -q -f html --fragment "$src" >"$W/$v/$pg/fragment.html" 2>>"$W/err"
	done
	# Pages with no title: the file name is shown.
	k=0
	for f in "$W/$v/new"/*.md; do
		case $f in */xss-*|*/t[0-9].md) continue ;; esac
		(cd "$W/$v/new" && "$TABLOG" -q -o "$W/$v/name$k" "${f##*/}") 2>>"$W/err"
		k=$((k + 1))
	done
	# The site, twice: the second build detects the changes.
	"$TABLOG" build -q -o "$W/$v/s1" "$W/$v/old" 2>>"$W/err"
	"$TABLOG" build -q -o "$W/$v/s2" --since "$W/$v/s1" --date 2026-01-05 \
	    --title "$(sed -n 1p "$W/$v/new/t0.md")" "$W/$v/new" 2>>"$W/err"
	for pg in xss-md xss-html; do
		src=$(ls "$W/$v/new/$pg".*)
		old=$(ls "$W/$v/old/$pg".*)
		"$TABLOG" diff -f html "$old" "$src" >"$W/$v/$pg.diff.html" 2>>"$W/err"
	done
	# diff names its files: give them hostile names.
	mkdir -p "$W/$v/dn"
	n1=$(ls "$W/$v/new" | grep -v -e '^xss-' -e '^t[0-9]' | sed -n 1p)
	n2=$(ls "$W/$v/new" | grep -v -e '^xss-' -e '^t[0-9]' | sed -n 2p)
	cp "$W/$v/old/xss-md.md" "$W/$v/dn/$n1"
	cp "$W/$v/new/xss-md.md" "$W/$v/dn/$n2"
	(cd "$W/$v/dn" && "$TABLOG" diff -f html "$n1" "$n2") \
	    >"$W/$v/names.diff.html" 2>>"$W/err"
	for pg in xss-md xss-html; do
		src=$(ls "$W/$v/new/$pg".*)
		old=$(ls "$W/$v/old/$pg".*)
		"$TABLOG" diff -f md "$old" "$src" >"$W/$v/$pg.diff.md" 2>>"$W/err"
		# The same two versions as a page's history.
		for f in html changelog; do
			"$TABLOG" history -q -f $f --dates 2026-01-01,2026-01-05 \
			    "$old" "$src" >"$W/$v/$pg.history.$f" 2>>"$W/err"
		done
		"$TABLOG" -q -f md "$old" >"$W/$v/$pg.old.md" 2>>"$W/err"
		"$TABLOG" -q -f changelog "$old" >"$W/$v/$pg.old.changelog.md" 2>>"$W/err"
	done
done

P=$W/p
B=$W/b
RAW_SLUG=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"]["slug"])' "$P/xss-raw/table.json")
n1=$(ls "$P/new" | grep -v -e '^xss-' -e '^t[0-9]' | sed -n 1p)
n2=$(ls "$P/new" | grep -v -e '^xss-' -e '^t[0-9]' | sed -n 2p)
slug() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"]["slug"])' "$1"; }
check "gen: $("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["payloads"]))' "$EXPECT") payloads (at least 50)" \
	"$PY" -c 'import json,sys; sys.exit(len(json.load(open(sys.argv[1]))["payloads"]) < 50)' "$EXPECT"

# --- The reader got every payload (the checks below have teeth) ----------
check "reader: backslash-escaped Markdown gives every payload exactly" \
	"$PY" "$CHECK" reader "$P/xss-md/table.json" "$EXPECT" md
check "reader: entity-encoded HTML decodes to every payload exactly" \
	"$PY" "$CHECK" reader "$P/xss-html/table.json" "$EXPECT" html

# --- The HTML outputs: NAME|OUTPUT|BASELINE|TEXT-CHECK ARGUMENTS -------------
LIST=$W/list
: >"$LIST"
add() { echo "$1|$2|$3|$4" >>"$LIST"; }
for pg in xss-md xss-raw xss-html; do
	add "$pg -f html" "$pg/table.html" "xss-md/table.html" "page $pg/table.json"
	add "$pg -f html --fragment" "$pg/fragment.html" "xss-md/fragment.html" "fragment $pg/table.json"
	add "$pg -f changelog-html" "$pg/changelog.html" "xss-md/changelog.html" "changelog $pg/table.json --need-rows"
	s=$(slug "$P/$pg/table.json"); sb=$(slug "$B/$pg/table.json")
	add "site $pg index.html" "s2/$s/index.html" "s2/$sb/index.html" "page s2/$s/table.json"
done
k=0
while [ -d "$P/name$k" ]; do
	add "no-title page name$k -f html" "name$k/table.html" "name0/table.html" "page name$k/table.json"
	add "no-title page name$k -f changelog-html" "name$k/changelog.html" "name0/changelog.html" "changelog name$k/table.json --need-rows"
	k=$((k + 1))
done
for d in "$P"/s2/*/; do
	d=${d%/}; s=${d##*/}
	[ "$s" = permissions ] && continue	# the site's, below
	grep -q "|s2/$s/index.html|" "$LIST" && continue
	add "site $s/index.html" "s2/$s/index.html" "s2/$(slug "$B/xss-md/table.json")/index.html" "page s2/$s/table.json"
done
JS=$(cd "$P" && ls s2/*/table.json | tr '\n' ' ')
add "site index.html" s2/index.html s2/index.html "index $JS"
add "site permissions/index.html" s2/permissions/index.html s2/permissions/index.html "perms $JS"
# Every permission's page, against the baseline's first (the payload
# pages' permissions are not the baseline's); together they show every
# permission.
PB=$(cd "$B" && ls -d s2/permissions/*/ | sed -n 1p)
PJ=$W/perms.json
"$PY" -c 'import json, sys; json.dump({"payloads": [r["permission"] for p in sys.argv[2:] for t in json.load(open(p))["tables"] for r in t["rows"] if r.get("permission")]}, open(sys.argv[1], "w"))' \
    "$PJ" $(cd "$P" && ls s2/*/table.json | sed "s#^#$P/#")
for d in "$P"/s2/permissions/*/; do
	d=${d%/}; s=${d##*/}
	add "site permissions/$s/index.html" "s2/permissions/$s/index.html" "${PB}index.html" "perms"
done
cat "$P"/s2/permissions/*/index.html >"$W/perm-pages.html"
check "site permission pages: every permission has its page" \
	"$PY" "$CHECK" text "$W/perm-pages.html" perms --need-payloads "$PJ"
add "site changelog.html (with detected changes)" s2/changelog.html s2/changelog.html "changelog $JS --need-rows --need-payloads $EXPECT"
add "site changelog.html (first build)" s1/changelog.html s1/changelog.html "changelog $(cd "$P" && ls s1/*/table.json | tr '\n' ' ') --need-rows"
add "diff -f html (Markdown)" xss-md.diff.html xss-md.diff.html "diff --need-payloads $EXPECT"
add "diff -f html (HTML)" xss-html.diff.html xss-html.diff.html "diff --need-payloads $EXPECT"
add "history -f html (Markdown)" xss-md.history.html xss-md.history.html "diff --need-payloads $EXPECT"
add "history -f html (HTML)" xss-html.history.html xss-html.history.html "diff --need-payloads $EXPECT"
"$PY" -c 'import json, sys; json.dump({"payloads": sys.argv[2:]}, open(sys.argv[1], "w"))' \
    "$W/names.json" "$n1" "$n2"
add "diff -f html (hostile file names)" names.diff.html names.diff.html "diff --need-payloads $W/names.json"

# The raw Markdown page's cells hold markup of their own (links, code,
# emphasis): it may show as such, inside cells, links to safe targets only.
cell_markup() {
	case $1 in *xss-raw*|*"$RAW_SLUG"*) echo --cell-markup ;; esac
}

# html.parser: always.
while IFS='|' read -r name out base targs; do
	if [ ! -s "$P/$out" ] || [ ! -s "$B/$base" ]; then
		bad "html: $name: no output ($out)"
		continue
	fi
	check "html.parser: $name: only the template's elements and attributes" \
		"$PY" "$CHECK" markup "$P/$out" "$B/$base" $(cell_markup "$name")
	# shellcheck disable=SC2086
	check "html.parser: $name: page text shown as text" \
		sh -c 'cd "$1" && shift && exec "$@"' sh "$P" "$PY" "$CHECK" text "$P/$out" $targs
done <"$LIST"

# Chromium: the DOM it builds, one run per file, two at a time.
chromium=
for c in chromium chromium-browser google-chrome; do
	have $c && chromium=$c && break
done
if [ -z "$chromium" ]; then
	echo "SKIP: html: Chromium DOM checks (chromium not installed; make deps-consumers)"
else
	# One run frames every file (tests/xss/check.py harness) and dumps
	# each frame's DOM once all have loaded, scripts and all.
	{ cut -d'|' -f2 "$LIST" | sed "s#^#$P/#"
	  cut -d'|' -f3 "$LIST" | sort -u | sed "s#^#$B/#"; } >"$W/files"
	set --
	while IFS= read -r f; do set -- "$@" "$f"; done <"$W/files"
	"$PY" "$CHECK" harness "$W/harness.html" "$@"
	# The dump races the harness's load handler now and then on a busy
	# machine: give it virtual time, and a second and third chance.
	for attempt in 1 2 3; do
		profile=$(mktemp -d "$W/chrome.XXXXXX")
		timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		    --disable-quic --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync --hide-scrollbars \
		    --virtual-time-budget=5000 \
		    --allow-file-access-from-files --user-data-dir="$profile" \
		    --dump-dom "file://$W/harness.html" >"$W/harness.dom" 2>"$W/chrome.log"
		"$PY" "$CHECK" unpack "$W/harness.dom" "$@" >/dev/null 2>&1 && break
	done
	check "chromium: one run loads all $# HTML outputs and dumps their DOM" \
		"$PY" "$CHECK" unpack "$W/harness.dom" "$@"
	while IFS='|' read -r name out base targs; do
		if [ ! -s "$P/$out.dom" ] || [ ! -s "$B/$base.dom" ]; then
			bad "chromium: $name: no DOM dumped"
			continue
		fi
		check "chromium: $name: only the template's elements and attributes, nothing ran" \
			"$PY" "$CHECK" markup "$P/$out.dom" "$B/$base.dom" $(cell_markup "$name")
		# shellcheck disable=SC2086
		check "chromium: $name: page text shown as text" \
			sh -c 'cd "$1" && shift && exec "$@"' sh "$P" "$PY" "$CHECK" text "$P/$out.dom" $targs
	done <"$LIST"
fi

# --- Atom feeds ---------------------------------------------------------------
for pg in xss-md xss-raw xss-html; do
	check "atom: $pg -f atom parses, only Atom/XHTML elements, rows as text" \
		"$PY" "$CHECK" atom "$P/$pg/feed.xml" "$B/$pg/feed.xml" "$P/$pg/table.json"
done
check "atom: site feed.xml (with detected changes) parses, only Atom/XHTML elements, rows as text" \
	sh -c 'cd "$1" && shift && exec "$@"' sh "$P" "$PY" "$CHECK" atom "$P/s2/feed.xml" "$B/s2/feed.xml" $JS --need-payloads "$EXPECT"

# --- Page text is never a template ------------------------------------------
for pg in xss-md xss-html; do
	for f in table.json table.csv table.md table.html fragment.html changelog.html feed.xml; do
		check "template text stays literal: $pg $f" \
			"$PY" "$CHECK" literal "$P/$pg/$f" "$EXPECT"
	done
done
# Markdown escapes its own characters, so read it back instead: the same
# text, and the raw page's markup (links, code) the same too.
for pg in xss-md xss-html xss-raw; do
	"$TABLOG" -q -f json "$P/$pg/table.md" >"$P/$pg/md.json" 2>>"$W/err"
	check "md: $pg table.md reads back to the same cells (no cell text turns into Markdown)" \
		"$PY" "$CHECK" cells "$P/$pg/table.json" "$P/$pg/md.json"
done

# --- Markdown: cmark-gfm reads page text as text ---------------------------
# Every Markdown output of the payload pages parses (cmark-gfm -e table)
# to the same nodes as the baseline's, text aside: no raw HTML, link or
# image, no code span closed early, no block the page text started; the
# changelogs' code spans are exactly their labels.
if ! have cmark-gfm; then
	bad "md: cmark-gfm is not installed"
else
	MDLIST=$W/mdlist
	: >"$MDLIST"
	for pg in xss-md xss-raw xss-html; do
		echo "$pg/table.md|$pg/table.md|" >>"$MDLIST"
		echo "$pg/changelog.md|$pg/changelog.md|$pg/table.json" >>"$MDLIST"
		s=$(slug "$P/$pg/table.json"); sb=$(slug "$B/$pg/table.json")
		echo "s2/$s/table.md|s2/$sb/table.md|" >>"$MDLIST"
		echo "s2/$s/changelog.md|s2/$sb/changelog.md|s2/$s/table.json" >>"$MDLIST"
	done
	k=0
	while [ -d "$P/name$k" ]; do
		echo "name$k/changelog.md|name$k/changelog.md|name$k/table.json" >>"$MDLIST"
		k=$((k + 1))
	done
	for pg in xss-md xss-html; do
		echo "$pg.diff.md|$pg.diff.md|" >>"$MDLIST"
		echo "$pg.history.changelog|$pg.history.changelog|" >>"$MDLIST"
		echo "$pg.old.md|$pg.old.md|" >>"$MDLIST"
		echo "$pg.old.changelog.md|$pg.old.changelog.md|" >>"$MDLIST"
	done
	echo "s1/changelog.md|s1/changelog.md|" >>"$MDLIST"
	echo "s2/changelog.md|s2/changelog.md|" >>"$MDLIST"
	while IFS='|' read -r out base labels; do
		if [ ! -s "$P/$out" ] || [ ! -s "$B/$base" ]; then
			bad "md: $out: no output"
			continue
		fi
		check "md: cmark-gfm: $out: text stays text (no HTML, link, image, block or span of its own)" \
			"$PY" "$CHECK" markdown "$P/$out" "$B/$base" ${labels:+--labels "$P/$labels"} $(cell_markup "$out")
	done <"$MDLIST"
fi

# --- CSV formula guard ----------------------------------------------------------
F=$P/csv/formula.md
"$TABLOG" -q -f json "$F" >"$W/f.json" 2>>"$W/err"
"$TABLOG" -q -f csv "$F" >"$W/f.csv" 2>>"$W/err"
"$TABLOG" -q -f csv --csv-raw "$F" >"$W/f.raw.csv" 2>>"$W/err"
"$TABLOG" -q -f csv --csv-bom "$F" >"$W/f.bom.csv" 2>>"$W/err"
"$TABLOG" build -q -o "$W/fs" "$P/csv" 2>>"$W/err"
check "csv: every trigger (= + - @, after white space, in quoted fields) guarded in every column" \
	"$PY" "$CHECK" csv "$W/f.csv" "$W/f.json"
check "csv: --csv-bom keeps the guard" \
	"$PY" "$CHECK" csv "$W/f.bom.csv" "$W/f.json"
check "csv: --csv-raw leaves the cells as they are" \
	"$PY" "$CHECK" csv "$W/f.raw.csv" "$W/f.json" --raw
check "csv: site all.csv guarded in every column, page_title and page too" \
	"$PY" "$CHECK" csv "$W/fs/all.csv" "$W/fs/all.json"
check "csv: the trigger page has a trigger in every column (the check has teeth)" \
	"$PY" -c '
import json, sys
j = json.load(open(sys.argv[1]))
cols = [c["field"] for c in j["tables"][0]["columns"]]
bad = [c for c in cols if c != "last_update" and not any(
    (r.get(c) or "")[:1] in "=+-@" for r in j["tables"][0]["rows"])]
print(bad); sys.exit(bool(bad))' "$W/f.json"
check "csv: the payload pages' CSV read as their JSON says" \
	"$PY" "$CHECK" csv "$P/xss-html/table.csv" "$P/xss-html/table.json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
