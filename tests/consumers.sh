#!/bin/sh
# tests/consumers.sh - feed every tablog output to a real consumer and
# check that it reads what tablog meant.  Ends with "N passed, N failed".
#
#   CSV       LibreOffice Calc (headless) CSV -> xlsx -> CSV keeps every
#             cell; Python's csv module reads the cells the JSON holds.
#   Markdown  cmark-gfm renders table.md; tablog reads back the same cells.
#   HTML      tidy finds no error or warning; Chromium renders the rows.
#   JSON      jq reads every JSON output.
#   Atom      feedparser reads the feeds (bozo 0, one entry per month).
#   Screens   Chromium screenshots of a page at phone and desktop width.
#
# Pages: the model page (input/cloud-backup-for-azure.md)
# and tests/consumers/tricky.md (commas, quotes, line breaks, Japanese,
# formula triggers).  A consumer that is not installed gives a
# "SKIP: <what> (<why>)" line, never a silent pass
# (`make deps-consumers` installs them all).  Run from the repository
# root; TABLOG (default ./tablog) selects the binary, PY (default
# /usr/bin/python3) the Python.  The screenshots are copied to
# $SHOTS (default /tmp/tablog-shots) for people to look at.

TABLOG=${TABLOG:-./tablog}
SHOTS=${SHOTS:-/tmp/tablog-shots}
MODEL=input/cloud-backup-for-azure.md
TRICKY=tests/consumers/tricky.md
CHECK=tests/consumers/check.py
NAME=consumers
. tests/consumers/lib.sh

if ! have "$PY"; then
	skip "all consumer tests" "no python3"
	echo "0 passed, 0 failed"
	exit 0
fi

# --- The outputs under test -------------------------------------------
mkdir -p "$W/in" "$W/model" "$W/tricky"
cp "$MODEL" "$TRICKY" "$W/in/"
check "tablog writes every format of the model page" \
	"$TABLOG" -o "$W/model" "$MODEL"
check "tablog writes every format of the tricky page" \
	"$TABLOG" -o "$W/tricky" "$TRICKY"
check "tablog build makes a site of both pages" \
	"$TABLOG" build -q -o "$W/site" "$W/in"
SITE=$W/site
PAGES="model tricky"
# The page folder of the site, by page.
slug_model=cloud-backup-for-azure
slug_tricky=tricky-cells
rows_model=23
rows_tricky=8
months_model=10
months_tricky=6

# --- CSV ----------------------------------------------------------------
for p in $PAGES; do
	check "csv: python csv reads $p table.csv as table.json says" \
		"$PY" "$CHECK" csv-json "$W/$p/table.csv" "$W/$p/table.json"
	eval "s=\$slug_$p"
	check "csv: python csv reads site $s/table.csv as its table.json" \
		"$PY" "$CHECK" csv-json "$SITE/$s/table.csv" "$SITE/$s/table.json"
done
check "csv: python csv reads site all.csv as all.json says" \
	"$PY" "$CHECK" csv-json "$SITE/all.csv" "$SITE/all.json"

# LibreOffice: import with comma, '"', UTF-8, quoted fields as text,
# special numbers not detected, formulas evaluated (token 13) - so that
# an unguarded "=1+1" would arrive as 2; export quoting every text cell,
# cells as shown.
LO_IN='Text - txt - csv (StarCalc):44,34,76,1,,0,true,false,false,false,false,,true'
LO_OUT='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true'
soffice=
for c in soffice libreoffice; do have $c && soffice=$c && break; done
if [ -z "$soffice" ]; then
	skip "csv: LibreOffice round trips" "soffice not installed; make deps-consumers"
else
	mkdir -p "$W/lo/csv" "$W/lo/xlsx" "$W/lo/back"
	for p in $PAGES; do cp "$W/$p/table.csv" "$W/lo/csv/$p.csv"; done
	cp "$SITE/all.csv" "$W/lo/csv/all.csv"
	# With --csv-bom (for Excel) LibreOffice must read the same cells.
	"$TABLOG" -f csv --csv-bom "$TRICKY" >"$W/lo/csv/bom.csv"
	# The control: the same tricky page without the formula guard.
	"$TABLOG" -f csv --csv-raw "$TRICKY" >"$W/lo/csv/raw.csv"
	lo() {
		timeout 180 "$soffice" \
		    "-env:UserInstallation=file://$W/lo/profile" \
		    --headless --norestore "$@" >>"$W/lo/log" 2>&1
	}
	lo --infilter="$LO_IN" --convert-to xlsx --outdir "$W/lo/xlsx" \
	    "$W/lo/csv"/*.csv
	lo --convert-to "$LO_OUT" --outdir "$W/lo/back" "$W/lo/xlsx"/*.xlsx
	for f in model tricky all bom; do
		if [ ! -s "$W/lo/back/$f.csv" ]; then
			bad "csv: LibreOffice converts $f.csv to xlsx and back"
			sed 's/^/    /' "$W/lo/log" | tail -n 5
			continue
		fi
		check "csv: LibreOffice keeps every cell of $f.csv (csv->xlsx->csv)" \
			"$PY" "$CHECK" csv-same "$W/lo/csv/$f.csv" "$W/lo/back/$f.csv"
	done
	# Proof that the round trip has teeth: unguarded cells do change.
	if "$PY" "$CHECK" csv-same "$W/lo/csv/raw.csv" "$W/lo/back/raw.csv" \
	    >"$W/out" 2>&1; then
		bad "csv: control: LibreOffice evaluates --csv-raw formulas"
	elif grep -q '"=1+1" became "2"' "$W/out"; then
		ok "csv: control: LibreOffice evaluates --csv-raw formulas (=1+1 -> 2)"
	else
		bad "csv: control: LibreOffice evaluates --csv-raw formulas"
		sed 's/^/    /' "$W/out" | head -n 20
	fi
fi

# --- Markdown -----------------------------------------------------------
for p in $PAGES; do
	"$TABLOG" -f json "$W/$p/table.md" >"$W/$p/md.json" 2>"$W/$p/md.err"
	check "md: tablog reads $p table.md back to the same cells" \
		"$PY" "$CHECK" cells "$W/$p/table.json" "$W/$p/md.json"
done
if ! have cmark-gfm; then
	skip "md: cmark-gfm renderings" "cmark-gfm not installed; make deps-consumers"
else
	for p in $PAGES; do
		# --unsafe keeps the <br> of multi-line cells, as GitHub does;
		# cmark-gfm's safe default drops all raw HTML.
		cmark-gfm --unsafe -e table "$W/$p/table.md" >"$W/$p/cmark.html"
		"$TABLOG" -f json --from html "$W/$p/cmark.html" \
		    >"$W/$p/cmark.json" 2>"$W/$p/cmark.err"
		check "md: cmark-gfm renders $p table.md to the same cells" \
			"$PY" "$CHECK" cells "$W/$p/table.json" "$W/$p/cmark.json"
	done
fi

# --- HTML: tidy ------------------------------------------------------------
# Every HTML page tablog writes: the site's pages and the single-page
# outputs.  Errors and warnings both fail (tidy exits 1 on warnings).
HTML="$SITE/index.html $SITE/changelog.html"
for p in $PAGES; do
	eval "s=\$slug_$p"
	HTML="$HTML $SITE/$s/index.html $W/$p/table.html $W/$p/changelog.html"
done
if ! have tidy; then
	skip "html: tidy" "tidy not installed; make deps-consumers"
else
	for f in $HTML; do
		check "html: tidy -q -e finds nothing in ${f#"$W"/}" \
			tidy -q -e "$f"
	done
fi

# --- HTML: Chromium ------------------------------------------------------
chromium=
for c in chromium chromium-browser google-chrome; do
	have $c && chromium=$c && break
done
chrome() {
	profile=$(mktemp -d "$W/chrome.XXXXXX")
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --hide-scrollbars \
	    --user-data-dir="$profile" "$@" 2>>"$W/chrome.log"
}
if [ -z "$chromium" ]; then
	skip "html: Chromium rendering and screenshots" "chromium not installed; make deps-consumers"
else
	for p in $PAGES; do
		eval "s=\$slug_$p; n=\$rows_$p"
		chrome --dump-dom "file://$SITE/$s/index.html" >"$W/$p.dom.html"
		check "html: Chromium renders $n rows of $s/index.html, cells as in table.json" \
			"$PY" "$CHECK" dom "$W/$p.dom.html" "$SITE/$s/table.json"
		chrome --dump-dom "file://$W/$p/table.html" >"$W/$p.table.dom.html"
		check "html: Chromium renders $n rows of $p table.html" \
			"$PY" "$CHECK" dom "$W/$p.table.dom.html" "$W/$p/table.json"
	done
	chrome --dump-dom "file://$SITE/index.html" >"$W/index.dom.html"
	check "html: Chromium renders the site index with a link to each page" \
		"$PY" "$CHECK" links "$W/index.dom.html" \
		"$slug_model/index.html" "$slug_tricky/index.html"

	# Screenshots of the model page at phone and desktop width.  Headless
	# Chromium lays a window out at least 500 px wide whatever
	# --window-size says (it then crops the shot), and ignores the
	# viewport <meta>; so the phone shot frames the page in a 390 px
	# <iframe>, which is what a 390 px phone lays it out in.
	page=$SITE/$slug_model/index.html
	phone=$W/phone.html
	printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>phone</title></head><body style="margin:0"><iframe src="%s" style="border:0;width:%spx;height:%spx;display:block"></iframe></body></html>\n' \
	    "file://$SITE/$slug_model/measure.html" 390 844 >"$phone"
	{ sed 's#</body>.*##' "$page"
	  printf '<script>\n'; cat tests/consumers/measure.js
	  printf '</script>\n</body>\n</html>\n'; } \
	    >"$SITE/$slug_model/measure.html"
	chrome --allow-file-access-from-files --window-size=390,844 \
	    --dump-dom "file://$phone" >"$W/phone.dom.html"
	check "screenshot: at 390 px the page does not scroll sideways and the table reflows into cards that fit" \
		"$PY" "$CHECK" phone "$W/phone.dom.html" 390
	mkdir -p "$SHOTS"
	for shot in phone:390,844:"file://$phone" \
	    desktop:1280,900:"file://$page"; do
		kind=${shot%%:*}; rest=${shot#*:}
		size=${rest%%:*}; url=${rest#*:}
		w=${size%,*}
		png=$W/shot-$kind.png
		rm -f "$png"
		chrome --allow-file-access-from-files \
		    --force-device-scale-factor=1 --window-size="$size" \
		    --screenshot="$png" "$url" >/dev/null
		if [ -s "$png" ]; then
			check "screenshot: model page, $kind ${w}x${size#*,}, is a real rendering" \
				"$PY" "$CHECK" png "$png" "$w"
			cp "$png" "$SHOTS/model-$kind-$w.png"
		else
			bad "screenshot: Chromium wrote no PNG at $size"
			tail -n 5 "$W/chrome.log" | sed 's/^/    /'
		fi
	done
fi

# --- JSON: jq ------------------------------------------------------------
if ! have jq; then
	skip "json: jq" "jq not installed; make deps-consumers"
else
	for p in $PAGES; do
		eval "s=\$slug_$p; n=\$rows_$p"
		for f in "$W/$p/table.json" "$SITE/$s/table.json"; do
			check "json: jq reads ${f#"$W"/}: $n rows" \
				jq -e "[.tables[].rows[]] | length == $n" "$f"
		done
	done
	check "json: jq reads all.json: $((rows_model + rows_tricky)) rows, 2 pages" \
		jq -e "(.rows | length == $((rows_model + rows_tricky))) and (.pages | length == 2)" \
		"$SITE/all.json"
fi

# --- Atom: feedparser -----------------------------------------------------
if ! "$PY" -c 'import feedparser' 2>/dev/null; then
	skip "atom: feedparser" "$PY has no feedparser module; make deps-consumers"
else
	for p in $PAGES; do
		eval "n=\$months_$p"
		check "atom: feedparser reads $p feed.xml: $n entries, one per month" \
			"$PY" "$CHECK" feed "$W/$p/feed.xml" "$n" "$W/$p/table.json"
	done
	check "atom: the model page's newest entry is 'April 2025: 2 changes'" \
		"$PY" -c 'import feedparser, sys
d = feedparser.parse(sys.argv[1])
t = d.entries[0].title
print(t)
sys.exit(t != "April 2025: 2 changes")' "$W/model/feed.xml"
	# The site feed: one entry per month of either page.
	months=$("$PY" -c 'import json, sys
print(len({r["last_update"][:7] for f in sys.argv[1:]
           for t in json.load(open(f))["tables"] for r in t["rows"]
           if r.get("last_update")}))' "$W/model/table.json" "$W/tricky/table.json")
	check "atom: feedparser reads the site feed.xml: $months entries" \
		"$PY" "$CHECK" feed "$SITE/feed.xml" "$months"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
