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

# CSV formula guard, and --csv-raw, --csv-bom.
printf '| API | Permission | Type | Purpose |\n|---|---|---|---|\n| =cmd | @x | -1 | +2 |\n' >"$tmp/f.md"
run -f csv "$tmp/f.md"
check "formula cells guarded" grep -q "^'=cmd,'@x,,,'-1,'+2," "$tmp/out"
run -f csv --csv-raw "$tmp/f.md"
check "--csv-raw leaves cells" grep -q "^=cmd,@x,,,-1,+2," "$tmp/out"
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
