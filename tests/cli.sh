#!/bin/sh
# tests/cli.sh - the command line as a user meets it: standard input,
# exit codes, one-line diagnostics, output files written whole.
TABLOG=${TABLOG:-./tablog}
SEED=input/cloud-backup-for-azure.md
passed=0
failed=0
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL cli: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

# Run tablog; keep exit status in $st, stdout in $tmp/out, stderr in $tmp/err.
run() { "$TABLOG" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
one_error_line() {
	[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -Eq "$1" "$tmp/err"
}

# The model page as CSV: a header and 23 rows, CRLF line ends.
run -f csv "$SEED"
check "seed csv exit 0" [ "$st" -eq 0 ]
check "seed csv has 24 lines" [ "$(wc -l <"$tmp/out")" -eq 24 ]
check "seed csv lines end CRLF" [ "$(grep -c "$(printf '\r')\$" "$tmp/out")" -eq 24 ]
check "seed csv no warnings" [ ! -s "$tmp/err" ]
cp "$tmp/out" "$tmp/seed.csv"

# Standard input, as '-' and as no file at all, gives the same bytes.
"$TABLOG" -f csv - <"$SEED" >"$tmp/stdin.csv" 2>/dev/null
check "stdin '-' same bytes" cmp -s "$tmp/seed.csv" "$tmp/stdin.csv"
cat "$SEED" | "$TABLOG" -f csv >"$tmp/stdin2.csv" 2>/dev/null
check "stdin (no file) same bytes" cmp -s "$tmp/seed.csv" "$tmp/stdin2.csv"

# JSON: 23 rows, 11 changelog groups, the last Undated with 8 rows.
run -f json "$SEED"
check "seed json counts" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["tables"][0]["rows"]
cl = d["changelog"]
assert len(rows) == 23, len(rows)
assert len(cl) == 11, len(cl)
assert cl[-1]["label"] == "Undated" and cl[-1]["month"] is None
assert len(cl[-1]["entries"]) == 8
r = [r for r in rows if r["permission"] == "UserAuthenticationMethod.ReadWrite.All"][0]
assert r["qualifier"] == "preview"
assert r["display_name"] == "Read and write all users\u0027 authentication methods"
' "$tmp/out"

# Date placeholders (TBD, k. A., a dash) are no date and no warning; dates
# in other languages are dates (tests/golden/shapes/ has their values).
for f in tests/golden/shapes/dates.md tests/golden/shapes/by-content.md \
    tests/golden/shapes/dates-as-written.md; do
	run -f csv "$f"
	check "no warning: $f" test "$st" -eq 0 -a ! -s "$tmp/err"
done

# Pages with no table left are an error, on one line, exit 2: the three
# plain-text renderings of the corpus (copies in tests/data/).
PLAIN="tests/data/stg__api-permissions-required-by-default-avepoint-apps-for-microsoft-tenants__microsoft-entra-id.md
tests/data/stg__app-profile-authentication__required-permissions-of-avepoint-cloud-backup-express-app.md
tests/data/stg__cloud-backup-for-microsoft-365__cloud-backup-express.md"
for f in $PLAIN; do
	run -f csv "$f"
	check "no table: $(basename "$f")" [ "$st" -eq 2 ]
	check "no table message: $(basename "$f")" one_error_line "^tablog: .*: error: no table found$"
	check "no table, no output: $(basename "$f")" [ ! -s "$tmp/out" ]
done

# Bad files and arguments: exit 2 and one line.
run -f csv "$tmp/missing.md"
check "missing file exit 2" [ "$st" -eq 2 ]
check "missing file one line" one_error_line "^tablog: .*missing.md: error: cannot open: No such file"
run -f csv "$tmp"
check "folder as file exit 2" [ "$st" -eq 2 ]
check "folder as file one line" one_error_line "error: is a folder"
run --no-such-option
check "unknown option exit 2" [ "$st" -eq 2 ]
run -f nosuch "$SEED"
check "unknown format exit 2" [ "$st" -eq 2 ]
check "unknown format message" grep -q "unknown format 'nosuch'" "$tmp/err"
run --help
check "--help exit 0 to stdout" [ "$st" -eq 0 -a -s "$tmp/out" ]
run --version
check "--version" grep -q '^tablog [0-9]' "$tmp/out"
run --max-input-size 1K "$SEED"
check "size limit exit 2" [ "$st" -eq 2 ]
check "size limit one line" one_error_line "larger than the limit"

# A full disk is an error, said once.
if [ -w /dev/full ]; then
	"$TABLOG" -f csv "$SEED" >/dev/full 2>"$tmp/err"; st=$?
	check "/dev/full exit 2" [ "$st" -eq 2 ]
	check "/dev/full one line" one_error_line "error: .*No space left on device"
	# Help and the version too: exit 2, one line.
	for h in --help -h --version "build --help" "convert --help" \
	    "diff --help" "check --help"; do
		# shellcheck disable=SC2086
		"$TABLOG" $h >/dev/full 2>"$tmp/err"; st=$?
		check "$h >/dev/full exit 2" [ "$st" -eq 2 ]
		check "$h >/dev/full one line" one_error_line "^tablog: error: .*No space left on device"
	done
fi

# -o FILE is replaced whole; a failed run leaves the old file alone.
run -f csv -o "$tmp/t.csv" "$SEED"
check "-o file written" cmp -s "$tmp/t.csv" "$tmp/seed.csv"
echo old >"$tmp/keep.csv"
run -f csv -o "$tmp/keep.csv" tests/data/stg__cloud-backup-for-microsoft-365__cloud-backup-express.md
check "failed run keeps old file" [ "$(cat "$tmp/keep.csv")" = old ]
check "no temporaries left" [ -z "$(ls -A "$tmp" | grep '\.tmp-')" ]

# -o DIR: every format.
run -o "$tmp/site" "$SEED"
for f in table.md table.csv table.json changelog.md; do
	check "-o dir writes $f" [ -s "$tmp/site/$f" ]
done

# A file name that is not UTF-8 still gives valid JSON naming the file.
bad_name=$(printf '%s/name\377.md' "$tmp")
cp "$SEED" "$bad_name"
run -f json "$bad_name"
check "non-UTF-8 file name in JSON" python3 -c '
import json, sys
src = json.load(open(sys.argv[1]))["page"]["source"]
assert src.endswith("name\ufffd.md"), src
' "$tmp/out"

# A file name holding a newline and ESC cannot forge a second
# diagnostic or colour the terminal: control bytes are quoted.
forged=$(printf '%s/x\ntablog: fake.md: error: forged\033[31m.md' "$tmp")
printf 'no table here\n' >"$forged"
run -f csv "$forged"
check "control bytes in a file name: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "control bytes in a file name: quoted" grep -Fq 'x\ntablog: fake.md: error: forged\x1b[31m.md: error: no table found' "$tmp/err"
check "control bytes in a file name: no ESC on stderr" sh -c '! LC_ALL=C grep -q "$(printf "\033")" "$1"' sh "$tmp/err"
run -f csv "$(printf '%s/gone\r\001\177\302\233\377.md' "$tmp")"
check "C0, DEL, C1 and invalid UTF-8 in a name as \\xNN" grep -Fq 'gone\r\x01\x7f\xc2\x9b\xff.md: error: cannot open' "$tmp/err"
run -f "$(printf 'bad\033[2Jformat')" "$SEED"
check "control bytes in a usage error: quoted" grep -Fq "unknown format 'bad\x1b[2Jformat'" "$tmp/err"
"$TABLOG" check --format "$(printf 'a\nb')" "$SEED" >"$tmp/out" 2>"$tmp/err"
check "newline in an option value: one diagnostic line" [ "$(grep -c '^tablog: error' "$tmp/err")" -eq 1 ] 
check "newline in an option value: quoted" grep -Fq "not 'a\nb'" "$tmp/err"

# Cells with markup: plain in CSV, Markdown with --csv-markdown (a value
# tablog derives, such as a split permission name, stays plain); relative
# links resolve against --page-url, which must be an http(s) URL.
printf '%s\n' '| Permission | Purpose |' '|---|---|' \
    '| `User.Read`(Sign in) | See [docs](../d.html). |' >"$tmp/marked.md"
run -f csv "$tmp/marked.md"
check "csv: cells as plain text" grep -Fxq ',User.Read,Sign in,,,See docs.,,'"$(printf '\r')" "$tmp/out"
run -f csv --csv-markdown --page-url https://x.example/a/b.html "$tmp/marked.md"
check "--csv-markdown: a cell with a link as Markdown, resolved by --page-url" \
    grep -Fq ',User.Read,Sign in,,,See [docs](https://x.example/d.html).,' "$tmp/out"
run -f md --page-url ftp://x.example/ "$tmp/marked.md"
check "--page-url: only http or https, a usage error" sh -c '[ "$1" = 2 ] &&
    grep -q "^tablog: error: --page-url takes an http:// or https:// URL, not .ftp://x.example/.$" "$2"' sh "$st" "$tmp/err"

# Dates in options: one validator, calendar-correct, digits only.
for d in 2026-02-30 2023-02-29 2026-13-01 2026-00-10 0000-01-01 \
    +202-01-01 "2026-01- 1" " 2026-01-01" 2026-1-01 2026-01-011 \
    2026/01/01 ""; do
	run build -q -o "$tmp/dated" --date "$d" tests/site/old
	check "build --date '$d' rejected" [ "$st" -eq 2 ]
	check "build --date '$d': says so" grep -q "^tablog: error: --date takes YYYY-MM-DD" "$tmp/err"
	run check --today "$d" "$SEED"
	check "check --today '$d' rejected" [ "$st" -eq 2 ]
done
for d in 2024-02-29 2000-02-29 2026-12-31; do
	run build -q -o "$tmp/dated" --date "$d" tests/site/old
	check "build --date $d accepted" [ "$st" -eq 0 ]
	run check --today "$d" "$SEED"
	check "check --today $d accepted" [ "$st" -le 1 ]
done

# Numbers in options: digits only, range-checked, no wrap-around.
for o in "-j 4294967297" "-j -1" "-j ' 4'" "-j 4x" "-j 0" "-j 257" \
    "--max-input-size -1" "--max-input-size 0" "--max-input-size ' 64M'" \
    "--max-input-size 18446744073709551616" "--max-input-size 17179869184G" \
    "--max-input-size 1T" "--table -1" "--table +1" "--table 0" \
    "--table 99999999999999999999" "--table 1.5"; do
	eval "run $o -f csv \"\$SEED\""
	check "'$o' rejected" [ "$st" -eq 2 ]
	check "'$o' says so" grep -q "^tablog: error: --[a-z-]* takes" "$tmp/err"
done
for o in "-j 1" "-j 256" "--max-input-size 1M" "--table 1"; do
	eval "run $o -f csv \"\$SEED\""
	check "'$o' accepted" [ "$st" -eq 0 ]
done

# --aliases FILE is read like a page: a size limit, no folders, no
# endless files.
printf 'MSFT Graph = Microsoft Graph\n' >"$tmp/aliases.txt"
run diff --aliases "$tmp/aliases.txt" "$SEED" "$SEED"
check "--aliases: a small file is read" [ "$st" -eq 0 ]
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Alias %d = Canonical %d\n", i, i }' >"$tmp/aliases-big.txt"
run diff --aliases "$tmp/aliases-big.txt" "$SEED" "$SEED"
check "--aliases: a file over the limit is refused" [ "$st" -eq 2 ]
check "--aliases: over the limit, one line" one_error_line "aliases-big.txt: error: input larger than the limit"
run check --aliases "$tmp" "$SEED"
check "--aliases: a folder is refused" one_error_line "error: is a folder"
if [ -z "${TABLOG_SANITIZED-}" ]; then
	# An endless file stops at the limit (at most 256 MB of memory here).
	(ulimit -v 262144; exec timeout 60 "$TABLOG" diff --aliases /dev/zero \
	    "$SEED" "$SEED") >"$tmp/out" 2>"$tmp/err"; st=$?
	check "--aliases /dev/zero: exit 2" [ "$st" -eq 2 ]
	check "--aliases /dev/zero: one line" one_error_line "/dev/zero: error: input larger than the limit"
fi

# diff -f json keeps "old" and "new" when a name is not UTF-8, repaired
# as page text is (base/utf8.h): \300\257, an overlong '/', is two
# maximal subparts, so two U+FFFD.
cp "$SEED" "$(printf '%s/old\377.md' "$tmp")"
cp "$SEED" "$(printf '%s/new\300\257.md' "$tmp")"
run diff -f json "$(printf '%s/old\377.md' "$tmp")" "$(printf '%s/new\300\257.md' "$tmp")"
check "diff -f json: non-UTF-8 names kept, repaired" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["old"].endswith("/old\ufffd.md"), j.get("old")
assert j["new"].endswith("/new\ufffd\ufffd.md"), j.get("new")
' "$tmp/out"

# diff -f md and -f html go through DIR's diff.md and diff.html (tests/diff/
# has a case of each); one that does not compile is one error naming it,
# exit 2, and no output.  check has no templates to take.
mkdir "$tmp/dtpl"
printf '{{#changes}}\n' >"$tmp/dtpl/diff.md"
run diff --templates "$tmp/dtpl" tests/diff/alias.old.md tests/diff/alias.new.md
check "diff: a broken DIR/diff.md: exit 2" [ "$st" -eq 2 ]
check "diff: a broken DIR/diff.md: one line naming it" one_error_line "dtpl/diff\.md:1: error: unclosed section 'changes'"
check "diff: a broken DIR/diff.md: no output" [ ! -s "$tmp/out" ]
run check --templates "$tmp/dtpl" "$SEED"
check "check --templates: a usage error" [ "$st" -eq 2 ]

# CSV formula guard, and --csv-raw, --csv-bom.
printf '| API | Permission | Type | Purpose |\n|---|---|---|---|\n| =cmd | @x | -1 | +2 |\n' >"$tmp/f.md"
run -f csv "$tmp/f.md"
check "formula cells guarded" grep -q "^'=cmd,'@x,,,'-1,'+2," "$tmp/out"
run -f csv --csv-raw "$tmp/f.md"
check "--csv-raw leaves cells" grep -q "^=cmd,@x,,,-1,+2," "$tmp/out"
printf '| API | Permission | Type | Purpose |\n|---|---|---|---|\n| G | P | Application | =new |\n' >"$tmp/f2.md"
run diff -f csv "$tmp/f.md" "$tmp/f2.md"
cr=$(printf '\r')
check "diff -f csv: a formula key guarded" grep -q "^removed,1,'=cmd | @x | -1,3,,,,,,,'=cmd,'@x,,,'-1,'+2,,,,,{}$cr\$" "$tmp/out"
printf '| API | Permission | Type | Purpose |\n|---|---|---|---|\n| G | P | Application | +old |\n' >"$tmp/f1.md"
run diff -f csv "$tmp/f1.md" "$tmp/f2.md"
check "diff -f csv: formula values guarded" grep -q "^changed,1,G | P | Application,3,3,purpose,'+old,'=new,,,,,,,,,,,,,$cr\$" "$tmp/out"
run -f csv --csv-bom "$SEED"
check "--csv-bom" [ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ]

# A page over 256 KB is read from its file in pieces; from a pipe it is
# read whole.  Both must give the same table and the same diagnostics,
# with characters cut between pieces, and when a late byte that is not
# UTF-8 makes the reader start again on the whole file.
big_page() {
	awk -v bad="$1" 'BEGIN {
		print "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
		print "<title>Big</title></head><body><table>"
		print "<tr><th>API</th><th>Permission</th><th>Purpose</th><th>Last update</th></tr>"
		for (i = 0; i < 4000; i++) {
			printf "<tr><td>Graph</td><td>P%d.Read.All(Read %d)</td>", i, i
			printf "<td>Z\303\274rich &amp; S\303\243o Paulo \342\200\224 caf\303\251 %d", i
			if (bad && i == 3990)
				printf " \377"
			printf "</td><td>%s</td></tr>\n", i % 3 ? "May 2024" : ""
		}
		print "</table></body></html>"
	}'
}
for bad in 0 1; do
	big_page $bad >"$tmp/big$bad.html"
	"$TABLOG" -f csv "$tmp/big$bad.html" >"$tmp/big$bad.file.csv" \
	    2>"$tmp/big$bad.file.err"
	st_file=$?
	cat "$tmp/big$bad.html" | "$TABLOG" -f csv - >"$tmp/big$bad.pipe.csv" \
	    2>"$tmp/big$bad.pipe.err"
	st_pipe=$?
	sed "s|$tmp/big$bad.html:|-:|" "$tmp/big$bad.file.err" \
	    >"$tmp/big$bad.file.err2"
	check "big page ($bad): over 256 KB" \
	    [ "$(wc -c <"$tmp/big$bad.html")" -gt 262144 ]
	check "big page ($bad): same exit" [ "$st_file" -eq "$st_pipe" ]
	check "big page ($bad): 4001 lines" \
	    [ "$(wc -l <"$tmp/big$bad.file.csv")" -eq 4001 ]
	check "big page ($bad): file and pipe same CSV" \
	    cmp -s "$tmp/big$bad.file.csv" "$tmp/big$bad.pipe.csv"
	check "big page ($bad): same diagnostics" \
	    cmp -s "$tmp/big$bad.file.err2" "$tmp/big$bad.pipe.err"
done
check "big page: the bad byte is reported" grep -q "warning: " "$tmp/big1.file.err"
check "big page: the bad byte is repaired" \
    grep -q "$(printf 'caf\303\251 3990 \357\277\275')" "$tmp/big1.file.csv"

# ---- each subcommand its own options and help ------------------------

# (That src/cli/ includes nothing of src/ but its own headers is
# tests/layers.sh's to check, with the rest of the layering.)

# An option of another subcommand is an error naming where it belongs and
# pointing at this subcommand's --help; it is never silently taken.
run --since /x --title X "$SEED"
check "convert refuses build's --since: exit 2" [ "$st" -eq 2 ]
check "convert refuses build's --since: says whose it is" grep -q "^tablog: error: 'tablog convert' has no option '--since' (build has)$" "$tmp/err"
check "convert refuses build's --since: points at convert --help" grep -q "^tablog: see 'tablog convert --help'$" "$tmp/err"
check "convert refuses build's --since: two lines, nothing written" [ "$(wc -l <"$tmp/err")" -eq 2 -a ! -s "$tmp/out" ]
run build --fragment -q -o "$tmp/frag-site" tests/site/old
check "build refuses convert's --fragment" [ "$st" -eq 2 -a ! -e "$tmp/frag-site" ]
check "build refuses convert's --fragment: points at build --help" grep -q "^tablog: see 'tablog build --help'$" "$tmp/err"
run diff --csv-bom "$SEED" "$SEED"
check "diff refuses --csv-bom" [ "$st" -eq 2 ]
check "diff: an unknown option points at diff --help" grep -q "^tablog: see 'tablog diff --help'$" "$tmp/err"
run check --bogus "$SEED"
check "check: an unknown option is named" grep -q "^tablog: error: unknown option '--bogus'$" "$tmp/err"
check "check: an unknown option points at check --help" grep -q "^tablog: see 'tablog check --help'$" "$tmp/err"

# Each --help shows its own usage and options, and only those.
has() { grep -q -- "$1" "$tmp/out"; }
run build --help
check "build --help: its usage" grep -q "^usage: tablog build " "$tmp/out"
check "build --help: its options" sh -c 'grep -q -- "--since PREV" "$1" && grep -q -- "--follow-links" "$1" && grep -q -- "--templates DIR" "$1"' sh "$tmp/out"
check "build --help: not convert's" sh -c '! grep -q -- "--table\|--format\|--fragment\|--key\|--today" "$1"' sh "$tmp/out"
run convert --help
check "convert --help: its options" sh -c 'grep -q "^usage: tablog \[convert\]" "$1" && grep -q -- "--table N" "$1" && grep -q -- "--fragment" "$1"' sh "$tmp/out"
check "convert --help: not build's" sh -c '! grep -q -- "--since\|--title\|--follow-links\|--key\|--today" "$1"' sh "$tmp/out"
run diff --help
check "diff --help: its options only" sh -c 'grep -q "^usage: tablog diff " "$1" && grep -q -- "--key COLS" "$1" && ! grep -q -- "--csv-bom\|--since\|--today\|--strict" "$1"' sh "$tmp/out"
run check --help
check "check --help: its options only" sh -c 'grep -q "^usage: tablog check " "$1" && grep -q -- "--today" "$1" && ! grep -q -- "--csv-bom\|--since\|--table" "$1"' sh "$tmp/out"
run --help
check "--help: the overview lists every subcommand" sh -c 'for c in convert build diff check templates; do grep -q "^  $c  " "$1" || exit 1; done' sh "$tmp/out"
check "--help: the overview, not convert's options" sh -c '! grep -q -- "--csv-bom\|--table" "$1"' sh "$tmp/out"
for c in convert build diff check templates; do
	run "$c" --help
	check "$c --help: exit 0, --color listed" [ "$st" -eq 0 -a -n "$(grep -- '--color\[=WHEN\]' "$tmp/out")" ]
done

# ---- tablog templates [NAME] ----------------------------------------

run templates
check "templates: exit 0" [ "$st" -eq 0 ]
ls templates | grep -v '^embed\.sh$' >"$tmp/template-names"
check "templates: the built-in names, one a line" cmp -s "$tmp/template-names" "$tmp/out"
run templates page.html
check "templates page.html: the template as built in" cmp -s templates/page.html "$tmp/out"
run templates style.css
check "templates style.css: the template as built in" cmp -s templates/style.css "$tmp/out"
run templates page.htm
check "templates NAME unknown: exit 2" [ "$st" -eq 2 -a ! -s "$tmp/out" ]
check "templates NAME unknown: lists the names" grep -q "^tablog: error: no built-in template 'page.htm'; they are changelog-entry.html, .*page.html, .*table.html, timeline.html$" "$tmp/err"

# --templates DIR must be a folder, checked before anything is written.
run -o "$tmp/tpl-missing" --templates "$tmp/no-such-folder" "$SEED"
check "--templates missing: exit 2" [ "$st" -eq 2 ]
check "--templates missing: said once" one_error_line "^tablog: $tmp/no-such-folder: error: cannot read the templates folder: No such file"
check "--templates missing: nothing written" [ ! -e "$tmp/tpl-missing" ]
run -o "$tmp/tpl-file" --templates "$SEED" "$SEED"
check "--templates a file: exit 2, nothing written" [ "$st" -eq 2 -a ! -e "$tmp/tpl-file" ]
check "--templates a file: not a folder" one_error_line "error: not a folder"
run build -q --templates "$tmp/no-such-folder" -o "$tmp/tpl-site" tests/site/old
check "build --templates missing: exit 2, no site" [ "$st" -eq 2 -a ! -e "$tmp/tpl-site" ]

# --strict: a name a template uses that is not in the context warns,
# naming the template's file and line; without --strict it is silent.
mkdir "$tmp/tpl"
printf '# {{page.title}}\n\n{{page.titel}} {{page.titel}}\n{{#page}}{{nope}}{{/page}}{{#maybe}}{{/maybe}}\n' >"$tmp/tpl/changelog.md"
run -f changelog --templates "$tmp/tpl" "$SEED"
check "missing name, not strict: exit 0, silent" [ "$st" -eq 0 -a ! -s "$tmp/err" ]
run --strict -f changelog --templates "$tmp/tpl" "$SEED"
check "missing name, --strict: exit 1" [ "$st" -eq 1 ]
check "missing name, --strict: file and line" grep -q "^tablog: $tmp/tpl/changelog.md:3: warning: .*'page.titel'" "$tmp/err"
check "missing name, --strict: in a section too" grep -q "^tablog: $tmp/tpl/changelog.md:4: warning: .*'nope'" "$tmp/err"
check "missing name, --strict: once each, a section's name is no warning" [ "$(wc -l <"$tmp/err")" -eq 2 ]
run build --strict -o "$tmp/strict-site" tests/site/old
check "--strict: the built-in templates name nothing missing" [ "$st" -eq 0 -a "$(grep -c warning: "$tmp/err")" -eq 0 ]

# ---- guidance: typos, missing operands, counts, colour ----------------

run buidl
check "typo of a subcommand: exit 2" [ "$st" -eq 2 ]
check "typo of a subcommand: did you mean" grep -q "^tablog: error: 'buidl' is not a tablog command; did you mean 'build'?$" "$tmp/err"
run chekc "$SEED"
check "typo of check: did you mean" grep -q "did you mean 'check'?" "$tmp/err"
run tempaltes
check "typo of templates: did you mean" grep -q "did you mean 'templates'?" "$tmp/err"
run xylophone
check "far from every subcommand: read as a file" one_error_line "^tablog: xylophone: error: cannot open: No such file"
cp "$SEED" "$tmp/buidl"
case $TABLOG in /*) abs_tablog=$TABLOG ;; *) abs_tablog=$PWD/$TABLOG ;; esac
(cd "$tmp" && "$abs_tablog" -f csv buidl >/dev/null 2>&1)
check "a file named like a typo is read" [ $? -eq 0 ]
run diff "$SEED"
check "diff with one page: exit 2" [ "$st" -eq 2 ]
check "diff with one page: says NEW is missing" grep -q "^tablog: error: diff takes two pages, OLD and NEW; NEW is missing$" "$tmp/err"
check "diff with one page: points at diff --help" grep -q "^tablog: see 'tablog diff --help'$" "$tmp/err"
run check
check "check with no page: says so" grep -q "^tablog: error: check takes one page or more; none given$" "$tmp/err"

# Counts agree in number.
mkdir "$tmp/one-page"
cp "$SEED" "$tmp/one-page/"
run build -o "$tmp/one-site" "$tmp/one-page"
check "build of one page: 1 page, no '1 pages'" grep -q "^tablog: 1 page, 23 rows, 0 warnings, 0 errors in " "$tmp/err"
# (An empty one: a row of one cell with text is a section row, no row.)
printf '| API | Permission | Type |\n|---|---|---|\n| Graph | x | y |\n| |\n' >"$tmp/one-cell.md"
run -f csv "$tmp/one-cell.md"
check "row of one cell: '1 cell'" grep -q "warning: row has 1 cell, header has 3$" "$tmp/err"

# Colour: only on a terminal whose TERM is not dumb, never with NO_COLOR,
# and --color=auto|always|never on every subcommand.
on_tty() {	# on_tty TERM NO_COLOR ARGS...: stderr of tablog on a pty
	python3 - "$TABLOG" "$@" <<'PY'
import os, pty, subprocess, sys
tablog, term, nocolor = sys.argv[1:4]
env = dict(os.environ)
env.pop("NO_COLOR", None)
env.pop("TERM", None)
if term:
    env["TERM"] = term
if nocolor:
    env["NO_COLOR"] = nocolor
m, s = pty.openpty()
subprocess.run([tablog] + sys.argv[4:], stdin=subprocess.DEVNULL,
    stdout=subprocess.DEVNULL, stderr=s, env=env)
os.close(s)
out = b""
while True:
    try:
        d = os.read(m, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
sys.stdout.write(out.decode("utf-8", "replace"))
PY
}
esc=$(printf '\033')
on_tty xterm "" -f csv "$tmp/missing.md" >"$tmp/tty"
check "colour on a terminal" grep -q "${esc}\[31merror:${esc}\[0m" "$tmp/tty"
on_tty dumb "" -f csv "$tmp/missing.md" >"$tmp/tty"
check "no colour on TERM=dumb" sh -c '! grep -q "$(printf "\033")" "$1" && grep -q "error: cannot open" "$1"' sh "$tmp/tty"
on_tty "" "" -f csv "$tmp/missing.md" >"$tmp/tty"
check "no colour without TERM" sh -c '! grep -q "$(printf "\033")" "$1" && grep -q "error: cannot open" "$1"' sh "$tmp/tty"
on_tty xterm 1 -f csv "$tmp/missing.md" >"$tmp/tty"
check "no colour with NO_COLOR" sh -c '! grep -q "$(printf "\033")" "$1" && grep -q "error: cannot open" "$1"' sh "$tmp/tty"
on_tty xterm "" --color=never -f csv "$tmp/missing.md" >"$tmp/tty"
check "no colour with --color=never" sh -c '! grep -q "$(printf "\033")" "$1" && grep -q "error: cannot open" "$1"' sh "$tmp/tty"
for c in "convert" "build -o $tmp/colour-site" "diff $SEED" "check"; do
	# shellcheck disable=SC2086
	NO_COLOR=1 "$TABLOG" $c --color=always "$tmp/missing.md" >/dev/null 2>"$tmp/err"
	check "$c --color=always: colour even into a file" grep -q "${esc}\[31merror:" "$tmp/err"
	# shellcheck disable=SC2086
	"$TABLOG" $c --color=auto "$tmp/missing.md" >/dev/null 2>"$tmp/err"
	check "$c --color=auto: none into a file" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$tmp/err"
done
run --color=sometimes "$SEED"
check "--color=sometimes refused" [ "$st" -eq 2 ]

# ---- many warnings: the first 20, then counts by kind -----------------

mkdir "$tmp/many"
i=1
while [ $i -le 24 ]; do
	printf '# Dated %d\n\n| API | Permission | Type | Last update |\n|---|---|---|---|\n| Graph | P%d.Read | Application | soon |\n' $i $i >"$tmp/many/d$i.md"
	i=$((i + 1))
done
for i in 1 2 3; do
	printf '# Ragged %d\n\n| API | Permission | Type |\n|---|---|---|\n| Graph | R%d.Read |\n' $i $i >"$tmp/many/r$i.md"
done
run build -o "$tmp/many-site" "$tmp/many"
check "many warnings: build exit 0" [ "$st" -eq 0 ]
check "many warnings: the first 20 in full" [ "$(grep -c ': warning: ' "$tmp/err")" -eq 20 ]
check "many warnings: counted by kind" grep -q "^tablog: 27 warnings: 24 unrecognised-date, 3 ragged-row$" "$tmp/err"
check "many warnings: says how many are not shown" grep -q "^tablog: 7 more not shown (-v shows every one)$" "$tmp/err"
check "many warnings: the build's summary last" sh -c 'tail -n 1 "$1" | grep -q "^tablog: 27 pages, 27 rows, 27 warnings, 0 errors in "' sh "$tmp/err"
run build -v -o "$tmp/many-site" "$tmp/many"
check "many warnings, -v: every one" [ "$(grep -c ': warning: ' "$tmp/err")" -eq 27 -a -z "$(grep 'not shown' "$tmp/err")" ]
run check "$tmp"/many/*.md
check "check over many pages: exit 1" [ "$st" -eq 1 ]
check "check over many pages: 20, then by kind" sh -c '[ "$(grep -c ": warning: " "$1")" -eq 20 ] && grep -q "^tablog: 27 warnings: 24 unrecognised-date, 3 ragged-row$" "$1"' sh "$tmp/err"
run check --verbose "$tmp"/many/*.md
check "check --verbose: every one" [ "$(grep -c ': warning: ' "$tmp/err")" -eq 27 ]
run check --format json "$tmp"/many/*.md
check "check --format json: every finding, with its kind" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == 27, len(v)
kinds = sorted(set(d["kind"] for d in v))
assert kinds == ["ragged-row", "unrecognised-date"], kinds
' "$tmp/out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
