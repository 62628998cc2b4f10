#!/bin/sh
# tests/xlsx.sh - `-f xlsx` and a site's all.xlsx, read by the programs
# people open them with.  Ends with "N passed, N failed".
#
#   openpyxl      (Debian python3-openpyxl) reads each workbook as its
#                 JSON says (tests/xlsx/check.py book, site): a sheet per
#                 table and Changelog, the header frozen, an autofilter
#                 over every row, date cells as dates, no formula even for
#                 the formula payloads of tests/xss/gen.py, hyperlinks,
#                 properties; and the issue's done-when on the model page
#                 (23 data rows, 15 date cells).
#   LibreOffice   (headless, as tests/consumers.sh) converts every sheet
#                 to CSV with the same cells as tablog's own CSV
#                 (--csv-raw: an xlsx needs no formula guard).
#   bytes         the same page gives the same bytes; standard output, a
#                 file and a folder get the same workbook; a terminal gets
#                 one line of error instead.
#   limits        a cell past 32767 characters is cut, with one warning;
#                 columns past 16384 are left out of all.xlsx, with one.
#
# A program that is missing gives a "SKIP: <what> (<why>)" line, never a
# silent pass (`make deps-consumers` installs them).  Run from the
# repository root; TABLOG (default ./tablog) selects the binary, PY
# (default /usr/bin/python3) the Python.

TABLOG=${TABLOG:-./tablog}
MODEL=input/cloud-backup-for-azure.md
TRICKY=tests/consumers/tricky.md
MULTI=tests/pages/graph-crawl-permissions-reference.md
CHECK=tests/xlsx/check.py
NAME=xlsx
. tests/consumers/lib.sh

# --- The workbooks under test ---------------------------------------------
# The model page, the tricky page (commas, line breaks, Japanese, formula
# triggers), a page of five tables with extra columns, the payload pages
# of tests/xss (every hostile text in every column, and CSV's formula
# triggers: =cmd|' /C calc'!A0 and friends), and a page of links.
mkdir -p "$W/pages" "$W/x"
"$PY" tests/xss/gen.py "$W/xss" >/dev/null 2>&1 ||
	bad "tests/xss/gen.py writes the payload pages"
cp "$MODEL" "$W/pages/model.md"
cp "$TRICKY" "$W/pages/tricky.md"
cp "$MULTI" "$W/pages/multi.md"
cp "$W/xss/new/xss-md.md" "$W/pages/payloads.md"
cp "$W/xss/new/xss-html.html" "$W/pages/payloads-html.html"
cp "$W/xss/csv/formula.md" "$W/pages/formula.md"
# The vendors' shapes: columns only some pages have (type_qualifier,
# higher_privileged, supported), after the fields, as in CSV.
cp tests/golden/shapes/graph-include.md "$W/pages/graph.md"
cp tests/golden/shapes/flags.md "$W/pages/flags.md"
# Links: the first of a cell, its text the cell's text.  The first rows
# write each link both as a link and as the URL in the text; the last
# two only as links whose text is no URL (one relative, resolved against
# the page's <base href>), which only the model's links can give.
cat >"$W/pages/links.html" <<'EOF'
<!DOCTYPE html><base href="https://docs.example.org/guide/"><title>Links</title><h1>Links</h1>
<table><tr><th>API</th><th>Permission</th><th>Purpose</th><th>Docs</th></tr>
<tr><td>Microsoft Graph</td><td>User.Read</td>
<td>See <a href="https://learn.microsoft.com/graph/permissions-reference#userread">https://learn.microsoft.com/graph/permissions-reference#userread</a>.</td>
<td><a href="https://example.com/one">https://example.com/one</a> and <a href="https://example.com/two">https://example.com/two</a></td></tr>
<tr><td>Microsoft Graph</td><td>Mail.Send</td>
<td>No link, only javascript:alert(1) and example.com.</td>
<td><a href="mailto:owner@example.com">mailto:owner@example.com</a></td></tr>
<tr><td>Microsoft Graph</td><td>Files.Read</td>
<td>Reads <a href="api/files.html#read">the user's files</a> and <a href="https://example.com/three">more</a>.</td>
<td><a href="https://example.com/files">Files API</a></td></tr>
</table>
EOF
# Past XLSX_STREAM_ROWS rows (write_xlsx.c) a page's workbook goes to
# disk row by row, as a site's does: two sections of 6000 rows, with
# links, month and day dates, undated rows and formula-like text.
awk 'function rows(api, n,   i, d) {
	print "| API | Permission | Purpose | Last update |"
	print "|---|---|---|---|"
	for (i = 1; i <= n; i++) {
		d = i % 3 == 0 ? "" : i % 3 == 1 ? "March 2024" : \
		    sprintf("2024-05-%02d", i % 28 + 1)
		printf "| %s | Big%05d.Read.All | Reads [item %d](https://example.com/i/%d), or =1+%d | %s |\n", \
		    api, i, i, i, i, d
	}
}
BEGIN {
	print "# Big app\n\n## Application permissions\n"
	rows("Microsoft Graph", 6000)
	print "\n## Delegated permissions\n"
	rows("SharePoint", 6000)
}' >"$W/pages/big.md"
PAGES="model tricky multi payloads payloads-html formula links graph flags big"
for p in $PAGES; do
	src=$(ls "$W/pages/$p".*)
	"$TABLOG" -q -f json "$src" >"$W/x/$p.json" 2>>"$W/err"
	"$TABLOG" -q -f csv --csv-raw "$src" >"$W/x/$p.raw.csv" 2>>"$W/err"
	check "tablog -f xlsx $p -o $p.xlsx" \
		"$TABLOG" -q -f xlsx "$src" -o "$W/x/$p.xlsx"
done
mkdir "$W/in"
cp "$W/pages/model.md" "$W/pages/tricky.md" "$W/pages/multi.md" \
    "$W/pages/formula.md" "$W/pages/links.html" "$W/pages/graph.md" "$W/in/"
check "tablog build makes all.xlsx" \
	"$TABLOG" build -q -o "$W/site" "$W/in"

# --- Bytes ------------------------------------------------------------------
"$TABLOG" -f xlsx -o "$W/again.xlsx" "$MODEL" 2>/dev/null
check "the same page gives the same bytes" cmp "$W/x/model.xlsx" "$W/again.xlsx"
"$TABLOG" -f xlsx "$MODEL" 2>/dev/null | cat >"$W/piped.xlsx"
check "-f xlsx into a pipe writes the same workbook" \
	cmp "$W/x/model.xlsx" "$W/piped.xlsx"
"$TABLOG" -f xlsx "$MODEL" >"$W/redirected.xlsx" 2>/dev/null
check "-f xlsx into a file (>) writes the same workbook" \
	cmp "$W/x/model.xlsx" "$W/redirected.xlsx"
"$TABLOG" -o "$W/dir" "$MODEL" 2>/dev/null
check "-o DIR writes table.xlsx, the same workbook" \
	cmp "$W/x/model.xlsx" "$W/dir/table.xlsx"
"$TABLOG" build -q -o "$W/site2" "$W/in" 2>/dev/null
check "all.xlsx: the same pages give the same bytes" \
	cmp "$W/site/all.xlsx" "$W/site2/all.xlsx"
check "the model page's workbook is a zip of an xlsx" \
	"$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
assert "xl/workbook.xml" in z.namelist(), z.namelist()' "$W/x/model.xlsx"

# A terminal gets one line of error, and none of the workbook's bytes
# (script(1) runs tablog with both its outputs on a pseudo-terminal).
if ! have script; then
	skip "-f xlsx to a terminal" "no script(1)"
else
	script -qec "'$TABLOG' -f xlsx --color=never '$MODEL'" /dev/null \
	    >"$W/tty" 2>&1
	st=$?
	check "-f xlsx to a terminal: exit 2" [ "$st" -eq 2 ]
	check "-f xlsx to a terminal: one line saying so, and nothing else" sh -c \
		'[ "$(tr -d "\r" <"$1")" = "tablog: error: -f xlsx writes a binary file: not to a terminal (use -o FILE.xlsx, or redirect standard output)" ]' \
		sh "$W/tty"
fi

# --- openpyxl ------------------------------------------------------------
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	skip "xlsx: openpyxl checks" "$PY has no openpyxl; make deps-consumers"
else
	# The issue's done-when, on the file its command line writes.
	"$TABLOG" -f xlsx "$MODEL" -o "$W/t.xlsx" 2>"$W/t.err"
	check "done-when: tablog -f xlsx input/cloud-backup-for-azure.md -o t.xlsx: exit 0, no diagnostics" \
		sh -c '[ -s "$1" ] && [ ! -s "$2" ]' sh "$W/t.xlsx" "$W/t.err"
	check "done-when: openpyxl reads t.xlsx: 23 data rows, 15 date cells, header frozen, autofilter A1:I24" \
		"$PY" "$CHECK" count "$W/t.xlsx" "Table 1" 23 15 A2 A1:I24
	for p in $PAGES; do
		check "openpyxl: $p.xlsx holds what $p.json says (sheets, header, filter, cells, dates, Changelog, no formula)" \
			"$PY" "$CHECK" book "$W/x/$p.xlsx" "$W/x/$p.json"
	done
	check "openpyxl: all.xlsx holds what all.json says (Rows, Changelog by month then page)" \
		"$PY" "$CHECK" site "$W/site/all.xlsx" "$W/site/all.json"
	check "openpyxl: hyperlinks: the first link of a cell, to its URL; mailto; none from text that is no link" \
		"$PY" "$CHECK" links "$W/x/links.xlsx" \
		"$("$PY" "$CHECK" names "$W/x/links.json" | head -n 1)" \
		"F2=https://learn.microsoft.com/graph/permissions-reference#userread" \
		"J2=https://example.com/one" "J3=mailto:owner@example.com" "F3=-" \
		"F4=https://docs.example.org/guide/api/files.html#read" \
		"J4=https://example.com/files"
	# The checks have teeth: a workbook with one formula in it (openpyxl
	# writes "=..." as a formula) fails them ...
	"$PY" -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
wb["Table 1"]["B2"] = "=1+1"
wb.save(sys.argv[2])' "$W/x/model.xlsx" "$W/control.xlsx"
	if "$PY" "$CHECK" book "$W/control.xlsx" "$W/x/model.json" >"$W/out" 2>&1; then
		bad "openpyxl: control: a workbook with a formula fails the check"
	elif grep -q "Table 1!B2: a formula" "$W/out"; then
		ok "openpyxl: control: a workbook with a formula fails the check"
	else
		bad "openpyxl: control: a workbook with a formula fails the check"
		sed 's/^/    /' "$W/out" | head -n 10
	fi
	# ... and the formula payloads are there, as text.
	check "openpyxl: the formula page's cells are its formulas, as text" \
		"$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
vals = {c.value for r in ws.iter_rows() for c in r}
want = {"=1+1", "@SUM(1,2)", "-2+3", "=\"a\"\"b\""}
assert want <= vals, want - vals
assert openpyxl.load_workbook(sys.argv[1]).properties.title == "=cmd|'"' /C calc'"'!A0"' \
		"$W/x/formula.xlsx" \
		"$("$PY" "$CHECK" names "$W/x/formula.json" | head -n 1)"
fi

# --- LibreOffice -----------------------------------------------------------
# Every sheet to CSV (token 12: -1), quoting text, cells as shown, in a
# fixed locale, so that dates read "Dec 2023" and "5 Dec 2023".
LO_OUT='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,,,-1'
soffice=
for c in soffice libreoffice; do have $c && soffice=$c && break; done
if [ -z "$soffice" ]; then
	skip "xlsx: LibreOffice round trips" "soffice not installed; make deps-consumers"
else
	mkdir -p "$W/lo/in" "$W/lo/out"
	for p in $PAGES; do cp "$W/x/$p.xlsx" "$W/lo/in/"; done
	cp "$W/site/all.xlsx" "$W/lo/in/all.xlsx"
	LC_ALL=C.UTF-8 LANG=C.UTF-8 timeout 300 "$soffice" \
	    "-env:UserInstallation=file://$W/lo/profile" --headless --norestore \
	    --convert-to "$LO_OUT" --outdir "$W/lo/out" "$W/lo/in"/*.xlsx \
	    >"$W/lo/log" 2>&1
	for p in $PAGES; do
		n=$("$PY" -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["tables"]))' "$W/x/$p.json")
		set --
		"$PY" "$CHECK" names "$W/x/$p.json" | head -n "$n" >"$W/names"
		while IFS= read -r sheet; do
			set -- "$@" "$W/lo/out/$p-$sheet.csv"
		done <"$W/names"
		if [ ! -s "$1" ]; then
			bad "LibreOffice converts $p.xlsx to CSV"
			tail -n 5 "$W/lo/log" | sed 's/^/    /'
			continue
		fi
		check "LibreOffice: $p.xlsx, $n sheet(s), has the cells of tablog -f csv --csv-raw" \
			"$PY" "$CHECK" lo "$W/x/$p.raw.csv" "$@"
	done
	"$TABLOG" build -q --csv-raw -o "$W/site-raw" "$W/in" 2>/dev/null
	check "LibreOffice: all.xlsx Rows has the cells of all.csv (--csv-raw)" \
		"$PY" "$CHECK" lo "$W/site-raw/all.csv" "$W/lo/out/all-Rows.csv"
	# The control: the same check fails on the guarded CSV.
	if "$PY" "$CHECK" lo "$W/site/all.csv" "$W/lo/out/all-Rows.csv" \
	    >"$W/out" 2>&1; then
		bad "LibreOffice: control: the guarded all.csv is not what the xlsx holds"
	else
		ok "LibreOffice: control: the guarded all.csv is not what the xlsx holds ('=1+1 is not =1+1)"
	fi
fi

# --- Limits ----------------------------------------------------------------
"$PY" -c '
print("# Long\n\n| API | Permission | Purpose |\n|---|---|---|")
print("| a | P.Read | " + "x" * 40000 + " |")
print("| a | Q.Read | short |")' >"$W/long.md"
"$TABLOG" -f xlsx -o "$W/long.xlsx" "$W/long.md" 2>"$W/long.err"
st=$?
check "a cell past 32767 characters: exit 0, one warning naming its line" \
	sh -c '[ "$2" -eq 0 ] && [ "$(wc -l <"$1")" -eq 1 ] && grep -q "^tablog: .*/long.md:5: warning: 1 cell cut to fit the xlsx (a cell holds 32767 characters)$" "$1"' \
	sh "$W/long.err" "$st"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	check "a cell past 32767 characters: 32767 of them in the sheet" \
		"$PY" "$CHECK" cell "$W/long.xlsx" "Long" F2 32767
fi
# Two pages of 8200 extra columns each: all.xlsx's Rows would need 16412.
mkdir "$W/wide"
for p in a b; do
	"$PY" -c '
import sys
p = sys.argv[1]
h = "".join("<th>%s%d</th>" % (p, i) for i in range(8200))
d = "".join("<td>%d</td>" % i for i in range(8200))
print("<!DOCTYPE html><title>Wide %s</title><table><tr><th>Permission</th>%s</tr><tr><td>X.Read</td>%s</tr></table>" % (p, h, d))' "$p" >"$W/wide/$p.html"
done
"$TABLOG" build -o "$W/wide-out" "$W/wide" 2>"$W/wide.err"
st=$?
check "all.xlsx past 16384 columns: exit 0, one warning" sh -c \
	'[ "$2" -eq 0 ] && [ "$(grep -c warning: "$1")" -eq 1 ] && grep -q "^tablog: warning: 28 columns left out of the xlsx (a sheet holds 16384)$" "$1"' \
	sh "$W/wide.err" "$st"
check "all.csv keeps every column" \
	"$PY" -c 'import csv, sys
assert len(next(csv.reader(open(sys.argv[1])))) == 3 + 8 + 16400' \
	"$W/wide-out/all.csv"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
