#!/bin/sh
# tests/history.sh - tablog history: a page's versions read from a git
# repository or from files, diffed in order, in every format.
#
# Self-contained cases use the repository tests/history/mkrepo.sh makes
# (fixed dates, authors and messages: the same commit ids every run; the
# files history/*.md, *.csv, *.xml, *.html-main were written by hand and
# name commits @C1@ (7 digits) or @C1_FULL@).  With ../shared present
# (tests/shared.sh) the real histories of ../shared/history are read too:
# every removed row of apps/Microsoft Graph.md with its commit's date,
# some checked by hand with `git log -S`, and the last 30 versions
# compared with an independent line-by-line reading of the pages
# (history/linecheck.py); and the Azure tiering pages, deleted at the end.
TABLOG=${TABLOG:-./tablog}
case $TABLOG in /*) ;; *) TABLOG=$PWD/$TABLOG ;; esac
. tests/shared.sh
H=$PWD/tests/history
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
# q FILE CODE: Python CODE run with the JSON document of FILE as d.
q() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $2" "$1"; }
fail() { echo "FAIL history: $*"; failed=$((failed + 1)); }

for c in git python3; do
	if ! command -v $c >/dev/null 2>&1; then
		echo "FAIL history: $c is needed (make deps-test)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

R=$tmp/repo
if ! sh "$H/mkrepo.sh" "$R" >"$tmp/mkrepo.log" 2>&1; then
	cat "$tmp/mkrepo.log"
	echo "FAIL history: cannot make the test repository"
	echo "0 passed, 1 failed"
	exit 1
fi
# C1 ... C9 as mkrepo.sh lists them: main's commits, then gone's two.
i=1
for c in $(git -C "$R" rev-list --reverse main) \
    $(git -C "$R" rev-list --reverse main..gone); do
	eval "C$i=$c"
	i=$((i + 1))
done
VERSION=$("$TABLOG" --version | sed 's/^tablog //')

# The expected file with its placeholders filled in.
expected() {
	sed -e "s/@VERSION@/$VERSION/g" \
	    -e "s/@C1_FULL@/$C1/g" -e "s/@C2_FULL@/$C2/g" \
	    -e "s/@C3_FULL@/$C3/g" -e "s/@C6_FULL@/$C6/g" \
	    -e "s/@C1@/$(echo "$C1" | cut -c1-7)/g" \
	    -e "s/@C2@/$(echo "$C2" | cut -c1-7)/g" \
	    -e "s/@C3@/$(echo "$C3" | cut -c1-7)/g" \
	    -e "s/@C5@/$(echo "$C5" | cut -c1-7)/g" \
	    -e "s/@C6@/$(echo "$C6" | cut -c1-7)/g" \
	    -e "s/@C8@/$(echo "$C8" | cut -c1-7)/g" \
	    -e "s/@C9@/$(echo "$C9" | cut -c1-7)/g" "$1"
}

# same NAME EXPECTED GOT: GOT equals EXPECTED with placeholders filled.
same() {
	expected "$2" >"$tmp/want"
	if cmp -s "$tmp/want" "$3"; then
		ok
	else
		fail "$1"
		diff "$tmp/want" "$3" | head -n 20
	fi
}

# run NAME STATUS ARGS...: tablog with ARGS, from $R, exits with STATUS;
# standard output in $tmp/out, error in $tmp/err.
run() {
	name=$1 want=$2
	shift 2
	(cd "$R" && "$TABLOG" "$@") >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ]; then
		ok
	else
		fail "$name: exit $st, want $want"
		head -n 5 "$tmp/err"
	fi
}

# ---- a repository: every format ------------------------------------------

run "changelog" 0 history --git . docs/contoso-app.md
same "changelog (git log --follow, rename, a version without a table)" \
    "$H/git.changelog.md" "$tmp/out"
same "the skipped version's one warning" "$H/git.stderr" "$tmp/err"
run "-f changelog" 0 history -f changelog --git . docs/contoso-app.md
same "-f changelog is the default" "$H/git.changelog.md" "$tmp/out"
run "-f md" 0 history -f md --git . docs/contoso-app.md
same "-f md: the current table with its history columns, then the changes" \
    "$H/git.md" "$tmp/out"
run "-f csv" 0 history -f csv --git . docs/contoso-app.md
same "-f csv" "$H/git.csv" "$tmp/out"
run "-f atom" 0 history -f atom --git . docs/contoso-app.md
same "-f atom" "$H/git.atom.xml" "$tmp/out"
if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout "$tmp/out" 2>"$tmp/xml"; then ok; else
		fail "-f atom is not well-formed XML"; head -n 3 "$tmp/xml"; fi
fi
run "-f html" 0 history -f html --git . docs/contoso-app.md
sed -n '/^<main/,/^<\/main>/p' "$tmp/out" >"$tmp/main"
same "-f html" "$H/git.html-main" "$tmp/main"
if grep -q '^<!DOCTYPE html>' "$tmp/out" && grep -q '</html>' "$tmp/out"; then
	ok
else
	fail "-f html is not a whole page"
fi
run "-f json" 0 history -f json --git . docs/contoso-app.md
cp "$tmp/out" "$tmp/json"
if python3 "$H/check_json.py" "$tmp/json" $(git -C "$R" rev-list --reverse main); then
	ok
else
	fail "-f json (tests/history/check_json.py)"
fi

# The result does not depend on how many threads read the versions.
for j in 1 2 4; do
	run "-j $j" 0 history -f json -j "$j" --git . docs/contoso-app.md
	if cmp -s "$tmp/json" "$tmp/out"; then ok; else
		fail "-j $j gives another -f json"; fi
done

# The repository given as its .git folder reads the same.
run ".git folder" 0 history -f json --git .git docs/contoso-app.md
if cmp -s "$tmp/json" "$tmp/out"; then ok; else
	fail "--git REPO/.git gives another history"; fi

# ---- options ---------------------------------------------------------------

run "--from-start" 0 history --from-start --git . --rev "$C3" \
    docs/contoso.md
same "--from-start: the first version's rows are added too" \
    "$H/from-start.changelog.md" "$tmp/out"
run "--rev A..B" 0 history --git . --rev "$C2..$C6" docs/contoso.md
same "--rev A..B: the versions of B not in A" "$H/range.changelog.md" \
    "$tmp/out"
run "--rev REV" 0 history -f json --git . --rev "$C3" docs/contoso.md
n=$(q "$tmp/out" 'print(len(d["pages"][0]["versions"]))' 2>/dev/null)
if [ "$n" = 3 ]; then ok; else fail "--rev C3: $n versions, want 3"; fi
run "--rev gone" 0 history --git . --rev gone docs/contoso-app.md
same "a page deleted and added again" "$H/gone.changelog.md" "$tmp/out"
run "--rev deleted" 0 history -f md --git . --rev deleted docs/contoso-app.md
same "a page deleted at the end: no current table" "$H/deleted.md" \
    "$tmp/out"
run "--rev deleted json" 0 history -f json --git . --rev deleted \
    docs/contoso-app.md
if [ "$(q "$tmp/out" 'print(d["pages"][0]["current"], d["changes"][0]["kind"],
    d["changes"][0]["rows"])')" = 'None page_removed 3' ]; then ok; else
	fail "a deleted page: current is null, page_removed first"; fi
run "--oldest-first" 0 history --oldest-first --git . docs/contoso-app.md
if [ "$(grep '^## ' "$tmp/out" | tr '\n' '|')" = \
    "## 3 January 2024|## 1 February 2024|## 20 February 2024|## 1 April 2024|" ]; then
	ok
else
	fail "--oldest-first: days oldest first"; grep '^## ' "$tmp/out"
fi
run "--base-url" 0 history -f atom --base-url https://example.org/c --git . docs/contoso-app.md
if grep -qx '<id>https://example.org/c/history.xml</id>' "$tmp/out" &&
    grep -qx '<link rel="alternate" type="text/html" href="https://example.org/c/history.html"/>' "$tmp/out" &&
    grep -qx '<id>https://example.org/c/history.html#2024-02-20</id>' "$tmp/out" &&
    [ "$(grep -c '<link rel="alternate" type="text/html" href="https://example.org/c/history.html#' "$tmp/out")" = 4 ]; then
	ok
else
	fail "--base-url: the feed's ids and links"
fi
mkdir -p "$tmp/tpl"
printf '{{#days}}{{date}}: {{count}}\n{{/days}}' >"$tmp/tpl/history-changelog.md"
run "--templates" 0 history --templates "$tmp/tpl" --git . docs/contoso-app.md
printf '2024-04-01: 1\n2024-02-20: 1\n2024-02-01: 2\n2024-01-03: 1\n' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then ok; else
	fail "--templates DIR: history-changelog.md from DIR"; fi

# ---- versions as files -----------------------------------------------------

(cd "$H" && "$TABLOG" history --dates 2024-01-03,2024-02-01,2024-03-10,2024-04-01 \
    v1.md v2.md v3.md v5.md) >"$tmp/out" 2>"$tmp/err"
same "files with --dates" "$H/files.changelog.md" "$tmp/out"
echo "tablog: v3.md: warning: no table found; this version is skipped" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/err"; then ok; else
	fail "files: the skipped version's warning"; cat "$tmp/err"; fi
# Dates from the file's name, else its folder's.
mkdir -p "$tmp/names/2024-02-01" "$tmp/names/x-2024-04-01-y"
cp "$H/v1.md" "$tmp/names/contoso-2024-01-03.md"
cp "$H/v2.md" "$tmp/names/2024-02-01/contoso.md"
cp "$H/v3.md" "$tmp/names/contoso.2024-03-10.md"
cp "$H/v5.md" "$tmp/names/x-2024-04-01-y/contoso.md"
(cd "$tmp/names" && "$TABLOG" history contoso-2024-01-03.md \
    2024-02-01/contoso.md contoso.2024-03-10.md x-2024-04-01-y/contoso.md) \
    >"$tmp/out" 2>"$tmp/err"
same "files dated by their names" "$H/files.changelog.md" "$tmp/out"

# A version cut mid-table (a crawler's): the rows past the cut are
# unknown, neither removed then nor added back by the next whole version.
D=tests/diff
"$TABLOG" history --dates 2024-01-10,2024-02-01,2024-03-01 \
    $D/graph.md $D/graph-cut.md $D/graph.md >"$tmp/out" 2>"$tmp/err"
same "a version cut mid-table" "$H/cut.changelog.md" "$tmp/out"
# Only the current version's warnings are said: here the cut one's.
"$TABLOG" history --dates 2024-01-10,2024-02-01 $D/graph.md $D/graph-cut.md \
    >/dev/null 2>"$tmp/err"
echo "tablog: $D/graph-cut.md:13: warning: table cut mid-row; row dropped" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/err"; then ok; else
	fail "a version cut mid-table: its warning"; cat "$tmp/err"; fi
"$TABLOG" history -f json --dates 2024-01-10,2024-02-01,2024-03-01 \
    $D/graph.md $D/graph-cut.md $D/graph.md >"$tmp/out" 2>/dev/null
if q "$tmp/out" '
ch = d["changes"]
rows = [(c["date"], c["kind"], c["key"]["permission"]) for c in ch if "key" in c]
assert sorted(rows) == [("2024-02-01", "added", "Agreement.Read.All"),
    ("2024-02-01", "removed", "Application.Read.All"),
    ("2024-03-01", "added", "Application.Read.All"),
    ("2024-03-01", "removed", "Agreement.Read.All")], rows
cuts = [(c["date"], c["cut"], c["unknown"], c["table"]["index"]) for c in ch if c["kind"] == "cut"]
assert cuts == [("2024-03-01", {"before": 13, "after": None}, 5, 0),
    ("2024-02-01", {"before": None, "after": 13}, 5, 0)], cuts
'; then ok; else fail "a version cut mid-table: -f json"; fi

# CSV guards cells a spreadsheet would run, as the page CSV does.
printf '| Permission | Purpose |\n|---|---|\n| A.Read | x |\n' >"$tmp/f1.md"
printf '| Permission | Purpose |\n|---|---|\n| A.Read | x |\n| =1+2 | @SUM(A1) |\n' >"$tmp/f2.md"
(cd "$tmp" && "$TABLOG" history -f csv --dates 2024-01-01,2024-01-02 f1.md f2.md) \
    >"$tmp/out" 2>&1
if grep -q ",added,1,'=1+2,,4,,,," "$tmp/out"; then ok; else
	fail "-f csv: formula guard"; cat "$tmp/out"; fi
(cd "$tmp" && "$TABLOG" history -f csv --csv-raw --dates 2024-01-01,2024-01-02 \
    f1.md f2.md) >"$tmp/out" 2>&1
if grep -q ",added,1,=1+2,,4,,,," "$tmp/out"; then ok; else
	fail "-f csv --csv-raw"; cat "$tmp/out"; fi

# ---- mistakes ----------------------------------------------------------------

# errcase NAME STATUS MESSAGE ARGS...: the first line of standard error.
errcase() {
	name=$1 st=$2 msg=$3
	shift 3
	(cd "$H" && "$TABLOG" "$@") >"$tmp/out" 2>"$tmp/err"
	got=$?
	line=$(head -n 1 "$tmp/err")
	if [ "$got" -eq "$st" ] && [ "$line" = "$msg" ]; then
		ok
	else
		fail "$name: exit $got, '$line'; want $st, '$msg'"
	fi
}
errcase "no page" 2 "tablog: error: history takes a page: its path in the repository (--git), or its versions as files" history
errcase "--rev without --git" 2 "tablog: error: --rev needs --git REPO" history --rev HEAD v1.md
errcase "--dates with --git" 2 "tablog: error: --dates is for versions given as files; with --git each commit dates its version" history --git . --dates 2024-01-01 v1.md
errcase "--dates count" 2 "tablog: error: --dates gives 1 date for 2 versions" history --dates 2024-01-01 v1.md v2.md
errcase "--dates not a day" 2 "tablog: error: --dates takes days YYYY-MM-DD, not '2024-02-30'" history --dates 2024-01-01,2024-02-30 v1.md v2.md
errcase "no date" 2 "tablog: v1.md: error: no date YYYY-MM-DD in its name (give every version's date with --dates)" history v1.md v2.md
errcase "dates backwards" 2 "tablog: v2.md: error: dated 2024-01-01, before the version given before it (v1.md, 2024-02-01): versions go oldest first" history --dates 2024-02-01,2024-01-01 v1.md v2.md
errcase "-f" 2 "tablog: error: history formats are changelog, md, html, json, csv or atom, not 'xml'" history -f xml v1.md
errcase "-j" 2 "tablog: error: --jobs takes a number from 1 to 256, not '0'" history -j 0 v1.md
errcase "no repository" 2 "tablog: $tmp/none: error: cannot open the repository: failed to resolve path '$tmp/none': No such file or directory" history --git "$tmp/none" a.md
errcase "a path no commit touches" 2 "tablog: nothing.md: error: no commit in HEAD's history touches this path" history --git "$R" nothing.md
errcase "a revision that is not there" 2 "tablog: $R: error: cannot find revision 'nope': revspec 'nope' not found" history --git "$R" --rev nope docs/contoso-app.md
errcase "A...B" 2 "tablog: $R: error: 'main...gone': a range is A..B (A...B is not one)" history --git "$R" --rev main...gone docs/contoso-app.md
errcase "every version unreadable" 2 "tablog: v3.md: warning: no table found; this version is skipped" history --dates 2024-01-01 v3.md
if grep -q '^tablog: error: no version of the page could be read$' "$tmp/err"; then
	ok
else
	fail "every version unreadable: no error"; cat "$tmp/err"
fi

# Every version over --max-input-size: a warning each (the blob's size is
# read from its header, the blob not inflated), then an error.
run "--max-input-size" 2 history --max-input-size 100 --git . docs/contoso-app.md
if [ "$(grep -c 'warning: input larger than the limit of 100 bytes (see --max-input-size); this version is skipped$' "$tmp/err")" = 4 ] &&
    tail -n 1 "$tmp/err" | grep -qx 'tablog: docs/contoso-app.md: error: no version of the page could be read' &&
    [ ! -s "$tmp/out" ]; then
	ok
else
	fail "--max-input-size: a warning per version, then an error"
	cat "$tmp/err"
fi
# Output that cannot be written is an error.
if [ -w /dev/full ]; then
	(cd "$R" && "$TABLOG" history --git . docs/contoso-app.md) >/dev/full 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 2 ] && grep -q '^tablog: error: writing standard output: No space left on device$' "$tmp/err"; then
		ok
	else
		fail "/dev/full: exit $st"; cat "$tmp/err"
	fi
fi

# ---- real histories (../shared/history) --------------------------------------

if shared_present && [ -f "$SHARED/history/first-party-apps-permissions.bundle" ]; then
	F=$tmp/fpa
	P="apps/Microsoft Graph.md"
	git clone -q "$SHARED/history/first-party-apps-permissions.bundle" "$F" 2>/dev/null
	(cd "$F" && "$TABLOG" history -f json --git . "$P") >"$tmp/g.json" 2>"$tmp/err"
	if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else
		fail "Microsoft Graph: history failed"; head -n 3 "$tmp/err"; fi
	n=$(q "$tmp/g.json" 'print(len(d["pages"][0]["versions"]))')
	if [ "$n" = 97 ]; then ok; else fail "Microsoft Graph: $n versions, want 97"; fi
	# Every removed row, with the date of the commit that removed it
	# (table, permission), as git log -S finds them: the dates below were
	# read by hand from `git log -S'| NAME |' -- "$P"` (the commit where
	# the count of the row's line goes down) and `git show`.
	q "$tmp/g.json" '
for c in d["changes"]:
    if c["kind"] == "removed":
        print("%s %s %s %s" % (c["date"], c["commit"][:7],
              c["table"]["index"], c["key"]["permission"]))' |
	    LC_ALL=C sort >"$tmp/removed"
	if cmp -s "$H/graph-removed.txt" "$tmp/removed"; then ok; else
		fail "Microsoft Graph: removed rows and their dates"
		diff "$H/graph-removed.txt" "$tmp/removed" | head -n 10
	fi
	# Checked by hand: `git log -S'| NAME |' -- "$P"` lists the commit
	# that added the row and, newest, the one that removed it (git show
	# of that commit has the row's line as a '-' line), dated as below.
	while read -r day commit name; do
		if git -C "$F" log -S"| $name |" --format='%cs %h' -- "$P" |
		    head -n 1 | grep -qx "$day $commit" &&
		    grep -q "^$day $commit [01] $name\$" "$tmp/removed"; then
			ok
		else
			fail "Microsoft Graph: $name removed on $day ($commit)"
		fi
	done <<-EOF
	2026-04-29 fa1f3dd MS-RemoteTenantGroups.Read.All
	2025-11-15 028e086 AgentIdentity.Create
	2024-09-14 22c1068 Directory.Write.Restricted
	2024-06-18 548f428 CrossTenantContentMigration.Read.All
	2023-12-15 eb6227f AuditLogsQuery-General.Read.All
	2023-03-01 6600c1d DigitalHealthSettings.Read
	EOF
	# The last 30 versions against a line-by-line reading of the pages.
	if python3 "$H/linecheck.py" "$F" "$P" "$tmp/g.json" 30 >"$tmp/lc"; then
		ok
	else
		fail "Microsoft Graph: the last 30 versions differ from linecheck.py"
		head -n 10 "$tmp/lc"
	fi
	# Rows now: each one's first_seen and last_changed.
	q "$tmp/g.json" '
for t in d["pages"][0]["current"]["tables"]:
    for r in t["rows"]:
        if r["permission"] in ("PlaceDeviceTelemetry.ReadWrite.All",
                               "MailboxItem.ImportExport.All"):
            print(r["permission"], r["first_seen"], r["last_changed"])' \
	    >"$tmp/rows"
	# (read by hand: git log -S and -G on each name)
	printf '%s\n' "MailboxItem.ImportExport.All 2024-08-24 2026-08-12" \
	    "PlaceDeviceTelemetry.ReadWrite.All 2024-01-19 2024-03-30" >"$tmp/want"
	if cmp -s "$tmp/want" "$tmp/rows"; then ok; else
		fail "Microsoft Graph: first_seen and last_changed"
		cat "$tmp/rows"
	fi
else
	echo "SKIP history: $SHARED/history not present"
fi
if shared_present && [ -f "$SHARED/history/azure-tiering-history.bundle" ]; then
	A=$tmp/az
	git clone -q "$SHARED/history/azure-tiering-history.bundle" "$A" 2>/dev/null
	M="Microsoft Graph application permissions/Untiered MSGraph application permissions.md"
	E="Entra roles/Untiered Entra roles.md"
	(cd "$A" && "$TABLOG" history -f json --git . --rev origin/main "$M" "$E") \
	    >"$tmp/az.json" 2>"$tmp/err"
	if [ $? -eq 0 ]; then ok; else fail "azure-tiering: history failed"; fi
	got=$(q "$tmp/az.json" 'print(d["page"],
    [len(p["versions"]) for p in d["pages"]],
    [p["current"] for p in d["pages"]],
    [(c["kind"], c["date"]) for c in d["changes"][:2]])')
	want="None [51, 26] [None, None] [('page_removed', '2025-08-08'), ('page_removed', '2025-08-08')]"
	if [ "$got" = "$want" ]; then ok; else
		fail "azure-tiering: two pages, deleted on 2025-08-08: $got"; fi
	# The versions are git log --follow's.
	for p in "$M" "$E"; do
		git -C "$A" log origin/main --format=%H --follow -- "$p" >"$tmp/want"
		P=$p q "$tmp/az.json" '
import os
for p in d["pages"]:
    if p["page"] == os.environ["P"]:
        for v in reversed(p["versions"]):
            print(v["commit"])' >"$tmp/got"
		if cmp -s "$tmp/want" "$tmp/got"; then ok; else
			fail "azure-tiering: $p: not git log --follow's commits"; fi
	done
else
	echo "SKIP history: $SHARED/history/azure-tiering-history.bundle not present"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
