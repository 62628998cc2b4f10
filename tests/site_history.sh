#!/bin/sh
# tests/site_history.sh - what a site remembers (OUTDIR/history.json):
# builds --since in a row keep every build's detected changes, a build
# with nothing new adds and loses nothing, the file is untrusted input,
# a page is its path (a new title is no new page), feed ids come from
# the source, and a month whose rows changed gets a new <updated>.
# Expected lines are written here by hand.
TABLOG=${TABLOG:-./tablog}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL site_history: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
entries() { grep -c '<entry>' "$1"; }

head='| API | Permission | Type | Last update |
|---|---|---|---|'
page() {	# page DIR FILE TITLE ROW...
	dir=$1 file=$2 title=$3; shift 3
	mkdir -p "$dir"
	{ printf '# %s\n\n%s\n' "$title" "$head"; for r; do printf '%s\n' "$r"; done; } >"$dir/$file"
}
A='| Microsoft Graph | User.Read | Delegated | March 2024 |'
B='| Microsoft Graph | Mail.Read | Application | March 2024 |'
C='| Microsoft Graph | Files.Read.All | Application | March 2024 |'
D='| Microsoft Graph | Sites.Read.All | Application | April 2024 |'

page "$tmp/r1" app.md "Alpha App" "$A" "$B"
page "$tmp/r2" app.md "Alpha App" "$A" "$B" "$C"
page "$tmp/r3" app.md "Alpha App" "$A" "$C"
page "$tmp/r3" beta.md "Beta App" "$D"
out=$tmp/site

# ---- builds in a row keep what each found --------------------------------
"$TABLOG" build -q "$tmp/r1" -o "$out" --date 2024-05-01
check "first build: exit 0" [ $? -eq 0 ]
check "first build: history.json" [ -f "$out/history.json" ]
n1=$(entries "$out/feed.xml")
check "first build: one entry per month" [ "$n1" -eq 1 ]
"$TABLOG" build -q "$tmp/r2" -o "$out" --since "$out" --date 2024-05-10
check "second build: exit 0" [ $? -eq 0 ]
check "second build: one entry more" [ "$(entries "$out/feed.xml")" -eq $((n1 + 1)) ]
"$TABLOG" build -q "$tmp/r3" -o "$out" --since "$out" --date 2024-05-20
check "third build: exit 0" [ $? -eq 0 ]
n3=$(entries "$out/feed.xml")
check "third build: both builds' entries, and April's" [ "$n3" -eq $((n1 + 3)) ]
check "third build: the second build's changes stay" grep -qx -- '- Added: `Files.Read.All` (Application, Microsoft Graph)' "$out/changelog.md"
check "third build: its own changes" grep -qx -- '- Removed: `Mail.Read` (Application, Microsoft Graph)' "$out/changelog.md"
check "third build: its new page" grep -qx -- '- New page: Beta App' "$out/changelog.md"
check "third build: both dated" [ "$(grep -c '^## Detected changes, 10 May 2024$\|^## Detected changes, 20 May 2024$' "$out/changelog.md")" -eq 2 ]
# A page's own changelog.html lists what the builds found of it, dated.
check "a page's changelog.html: both builds' findings of it" sh -c \
    'grep -q "<h2 id=\"detected-2024-05-10\">Detected changes, 10 May 2024</h2>" "$1" && grep -q "<h2 id=\"detected-2024-05-20\">Detected changes, 20 May 2024</h2>" "$1" && grep -q "Removed: <code>Mail.Read</code>" "$1"' - "$out/alpha-app/changelog.html"
check "a page's changelog.html: nothing of the other page" sh -c \
    '! grep -q "Beta App" "$1"' - "$out/alpha-app/changelog.html"
check "a page's table.json: its history, as its changelog shows it" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert [r["date"] for r in h] == ["2024-05-20", "2024-05-10"], h
' "$out/alpha-app/table.json"
# A page's own feed has what the builds found of that page, only.
detected_in() { grep -c '<id>[^<]*/detected/[^<]*</id>' "$1"; }
check "a page's feed: its detected changes of both builds" \
    [ "$(detected_in "$out/alpha-app/feed.xml")" -eq 2 ]
check "a page's feed: the build that found the other page new, only there" \
    sh -c '[ "$(grep -c "<id>[^<]*/detected/[^<]*</id>" "$1")" -eq 1 ] && grep -q "Beta App" "$1" && ! grep -q "Files.Read.All" "$1"' - "$out/beta-app/feed.xml"
check "a page's feed: its entries' ids are not the site feed's" sh -c \
    '! grep -F -x -f "$1" "$2"' - "$(grep -o '<id>[^<]*</id>' "$out/alpha-app/feed.xml" | sed 1d >"$tmp/ids"; echo "$tmp/ids")" "$out/feed.xml"
cp "$out/history.json" "$tmp/history.before"
"$TABLOG" build -q "$tmp/r3" -o "$out" --since "$out" --date 2024-05-30
check "nothing new: exit 0" [ $? -eq 0 ]
check "nothing new: no entry lost, none added" [ "$(entries "$out/feed.xml")" -eq "$n3" ]
check "nothing new: said so" grep -qx 'No changes since the previous build.' "$out/changelog.md"
check "nothing new: earlier builds still shown" grep -qx '## Detected changes, 10 May 2024' "$out/changelog.md"
check "nothing new: history.json unchanged" cmp -s "$out/history.json" "$tmp/history.before"
check "history.json: the change schema" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))
assert h["version"] == 1
b = h["builds"]
assert [r["date"] for r in b] == ["2024-05-10", "2024-05-20"], b
kinds = [[c["kind"] for c in r["changes"]] for r in b]
assert kinds == [["added"], ["removed", "page_added"]], kinds
c = b[0]["changes"][0]
assert c["page"] == "app.md" and c["date"] == "2024-05-10"
assert c["row"]["permission"] == "Files.Read.All"
# The page heading above its one table is that table section.
assert c["table"] == {"index": 0, "section": "Alpha App"}, c["table"]
' "$out/history.json"
# Without --since a rebuild keeps the history it finds in OUTDIR.
"$TABLOG" build -q "$tmp/r3" -o "$out" --date 2024-06-01
check "rebuild without --since: history kept" [ "$(entries "$out/feed.xml")" -eq "$n3" ]

# ---- an entry's <updated> follows its content ----------------------------
updated() {	# the <updated> of the entry with id ending /MONTH
	python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
for e in ET.parse(sys.argv[1]).getroot().findall("a:entry", ns):
    if e.find("a:id", ns).text.endswith("/" + sys.argv[2]):
        print(e.find("a:updated", ns).text)' "$1" "$2"
}
m=$tmp/months
"$TABLOG" build -q "$tmp/r1" -o "$m" --date 2024-05-01
check "a month's updated: its newest day" [ "$(updated "$m/feed.xml" 2024-03)" = 2024-03-01T00:00:00Z ]
"$TABLOG" build -q "$tmp/r2" -o "$m" --since "$m" --date 2024-05-10
check "a month whose rows changed: updated by the build" [ "$(updated "$m/feed.xml" 2024-03)" = 2024-05-10T00:00:00Z ]
"$TABLOG" build -q "$tmp/r2" -o "$m" --since "$m" --date 2024-05-20
check "a month unchanged since: keeps its updated" [ "$(updated "$m/feed.xml" 2024-03)" = 2024-05-10T00:00:00Z ]

# ---- feed ids: from the source, never a local path -----------------------
"$TABLOG" build -q "$tmp/r2" -o "$tmp/other" --date 2024-05-01
id1=$(sed -n 's:^<id>\(.*\)</id>$:\1:p' "$out/feed.xml" | head -n 1)
id2=$(sed -n 's:^<id>\(.*\)</id>$:\1:p' "$tmp/other/feed.xml" | head -n 1)
check "feed ids: two sites, two ids" [ "$id1" != "$id2" ]
check "feed ids: a tag: URI" expr "$id1" : 'tag:tablog.invalid,2024:site-[0-9a-f]\{16\}$' >/dev/null
check "feed ids: no local path in the feed" sh -c '! grep -q "$1" "$2"' - "$tmp" "$tmp/other/feed.xml"
check "feed ids: the site keeps its own" grep -q "<id>$id1/2024-03</id>" "$out/feed.xml"
"$TABLOG" build -q "$tmp/r2" -o "$tmp/linked" --base-url https://example.org/perms --date 2024-05-01
check "feed ids: --base-url decides" grep -q '<id>https://example.org/perms/feed.xml</id>' "$tmp/linked/feed.xml"

# ---- a page is its path ---------------------------------------------------
page "$tmp/t1" app.md "Alpha App" "$A"
page "$tmp/t2" app.md "Alpha Application" "$A" "$B"
"$TABLOG" build -q "$tmp/t1" -o "$tmp/title" --date 2024-05-01
"$TABLOG" build -q "$tmp/t2" -o "$tmp/title" --since "$tmp/title" --date 2024-05-02
check "new title: exit 0" [ $? -eq 0 ]
check "new title: no new page" sh -c '! grep -q "New page" "$1"' - "$tmp/title/changelog.md"
check "new title: no page removed" sh -c '! grep -q "Page removed" "$1"' - "$tmp/title/changelog.md"
check "new title: the row diff" grep -qx '### Alpha Application: 1 added, 0 removed, 0 changed' "$tmp/title/changelog.md"

# ---- history.json is untrusted input -------------------------------------
bad() {	# bad NAME PYTHON-EDIT: each is one error line, exit 2, nothing written
	what=$1
	rm -rf "$tmp/bad"
	cp -r "$out" "$tmp/bad"
	python3 -c "
import json, sys
h = json.load(open(sys.argv[1]))
$2
json.dump(h, open(sys.argv[1], 'w'))" "$tmp/bad/history.json"
	cp -r "$tmp/bad" "$tmp/bad.before"
	"$TABLOG" build -q "$tmp/r3" -o "$tmp/bad" --date 2024-06-01 2>"$tmp/err"
	check "$what: exit 2" [ $? -eq 2 ]
	check "$what: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
	check "$what: names history.json" grep -q "^tablog: $tmp/bad/history.json: error: " "$tmp/err"
	check "$what: nothing written" diff -r "$tmp/bad" "$tmp/bad.before"
	rm -rf "$tmp/bad.before"
}
bad "builds not an array" 'h["builds"] = 5'
bad "a string for a change" 'h["builds"][0]["changes"][0] = "x"'
bad "a huge row count" 'h["builds"][1]["changes"][1]["rows"] = 10**15'
bad "a day that is not" 'h["builds"][0]["date"] = "2024-02-30"'
bad "a change dated badly" 'h["builds"][0]["changes"][0]["date"] = "yesterday"'
bad "an unknown kind" 'h["builds"][0]["changes"][0]["kind"] = "exploded"'
bad "a version from the future" 'h["version"] = 2'
bad "a nested row" 'h["builds"][0]["changes"][0]["row"]["api"] = [[[]]]'
bad "a month digest" 'h["months"]["2024-03"]["digest"] = "zz"'
rm -rf "$tmp/bad" && cp -r "$out" "$tmp/bad" && printf '{"version": 1, "builds": [' >"$tmp/bad/history.json"
"$TABLOG" build -q "$tmp/r3" -o "$tmp/bad" 2>"$tmp/err"
check "cut short: exit 2" [ $? -eq 2 ]
check "cut short: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
rm -rf "$tmp/bad" && cp -r "$out" "$tmp/bad" && mv "$tmp/bad/history.json" "$tmp/elsewhere.json" &&
	ln -s "$tmp/elsewhere.json" "$tmp/bad/history.json" && cp -P -r "$tmp/bad" "$tmp/bad.before"
"$TABLOG" build -q "$tmp/r3" -o "$tmp/bad" 2>"$tmp/err"
check "a symbolic link: exit 2" [ $? -eq 2 ]
check "a symbolic link: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "a symbolic link: nothing written" diff -r --no-dereference "$tmp/bad" "$tmp/bad.before"
check "a symbolic link: its target untouched" cmp -s "$tmp/elsewhere.json" "$out/history.json"
# --since PREV elsewhere: a link in OUTDIR's place is still refused.
rm -rf "$tmp/bad.before"
"$TABLOG" build -q "$tmp/r3" -o "$tmp/bad" --since "$out" 2>"$tmp/err"
check "a link in OUTDIR with --since: exit 2" [ $? -eq 2 ]
check "a link in OUTDIR with --since: target untouched" cmp -s "$tmp/elsewhere.json" "$out/history.json"

# ---- build --git: a repository's pages with their histories -------------
g=$tmp/repo
git init -q "$g"
commit() {	# commit DAY MESSAGE
	git -C "$g" add -A &&
	GIT_AUTHOR_DATE="$1T10:00:00+01:00" GIT_COMMITTER_DATE="$1T10:00:00+01:00" \
	git -C "$g" -c user.name=t -c user.email=t@t commit -q -m "$2"
}
page "$g/apps" app.md "Alpha App" "$A" "$B"
printf 'not a page\n' >"$g/README.txt"
commit 2024-01-10 first
page "$g/apps" app.md "Alpha App" "$A" "$B" "$C"
page "$g/other" beta.md "Beta App" "$D"
commit 2024-02-05 second
page "$g/apps" app.md "Alpha Application" "$A" "$C"
commit 2024-03-01 third
"$TABLOG" build -q --git "$g" -o "$tmp/gsite" apps --date 2024-06-01
check "--git: exit 0" [ $? -eq 0 ]
check "--git: no local path in any file of the site (the repository by its name)" sh -c '! grep -rqF "$1" "$2"' - "$g" "$tmp/gsite"
check "--git: only the pages under PATH" [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["pages"]))' "$tmp/gsite/all.json")" -eq 1 ]
# The table's heading then was the page's old title, not the page's title
# now: the section names it.
check "--git: the day a permission appeared" sh -c 'grep -A4 -x "## Changes, 5 February 2024" "$1" | grep -qx -- "- Added: \`Files.Read.All\` (Application, Microsoft Graph), Alpha App"' - "$tmp/gsite/changelog.md"
check "--git: the day one disappeared" sh -c 'grep -A4 -x "## Changes, 1 March 2024" "$1" | grep -qx -- "- Removed: \`Mail.Read\` (Application, Microsoft Graph)"' - "$tmp/gsite/changelog.md"
check "--git: the first version, a new page" sh -c 'grep -A3 -x "## Changes, 10 January 2024" "$1" | grep -qx -- "- New page: Alpha App"' - "$tmp/gsite/changelog.md"
check "--git: a new title is no page removed" sh -c '! grep -q "Page removed" "$1"' - "$tmp/gsite/changelog.md"
check "--git: one feed entry per day, and March's month" [ "$(entries "$tmp/gsite/feed.xml")" -eq 4 ]
check "--git: entries dated by the commits" grep -qx '<updated>2024-03-01T10:00:00+01:00</updated>' "$tmp/gsite/feed.xml"
check "--git: the page as at HEAD" grep -q 'Alpha Application' "$tmp/gsite/index.html"
check "--git: the page's changelog.html has its whole history" sh -c \
    'grep -q ">Changes, 10 January 2024</h2>" "$1" && grep -q ">Changes, 5 February 2024</h2>" "$1" && grep -q ">Changes, 1 March 2024</h2>" "$1"' - "$tmp/gsite/alpha-application/changelog.html"
"$TABLOG" build -q --git "$g" --rev HEAD~1 -o "$tmp/grev" 2>"$tmp/err"
check "--git --rev: exit 0" [ $? -eq 0 ]
check "--git --rev: the pages at REV" grep -q 'Alpha App<' "$tmp/grev/index.html"
check "--git --rev: no later day" sh -c '! grep -q "1 March 2024" "$1"' - "$tmp/grev/changelog.md"
# A remote whose URL carries a token: the site names the repository by
# the URL without it (history.json is published with the site).
git -C "$g" remote add origin "https://x-token:s3cr3t-t0ken@git.example.com/docs/perms.git"
"$TABLOG" build -q --git "$g" -o "$tmp/gremote" apps --date 2024-06-01
check "--git with a remote: exit 0" [ $? -eq 0 ]
check "--git with a remote: named by its URL, without the token" sh -c \
    'grep -q "\"source\": \"https://git.example.com/docs/perms.git\"" "$1/history.json" && ! grep -rq "s3cr3t" "$1"' - "$tmp/gremote"
git -C "$g" remote remove origin
check "--git --rev: two pages, whole tree" [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["pages"]))' "$tmp/grev/all.json")" -eq 2 ]
"$TABLOG" build -q --git "$g" -o "$tmp/gbad" nowhere 2>"$tmp/err"
check "--git a PATH not there: exit 2" [ $? -eq 2 ]
"$TABLOG" build -q --rev HEAD -o "$tmp/gbad" 2>"$tmp/err"
check "--rev without --git: exit 2" [ $? -eq 2 ]

# The first bundle of ../shared/history: about 280 pages.
. tests/shared.sh
bundle=$SHARED/history/first-party-apps-permissions.bundle
if [ -f "$bundle" ]; then
	git clone -q "$bundle" "$tmp/fpa" 2>/dev/null
	"$TABLOG" build -q --git "$tmp/fpa" -o "$tmp/fpasite" apps 2>"$tmp/err"
	check "bundle: exit 0" [ $? -eq 0 ]
	check "bundle: about 280 pages" [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["pages"]))' "$tmp/fpasite/all.json")" -ge 250 ]
	check "bundle: days permissions appeared" [ "$(grep -c '^- Added: ' "$tmp/fpasite/changelog.md")" -gt 100 ]
	check "bundle: days permissions disappeared" [ "$(grep -c '^- Removed: ' "$tmp/fpasite/changelog.md")" -gt 10 ]
	check "bundle: dated days" [ "$(grep -c '^## Changes, ' "$tmp/fpasite/changelog.md")" -gt 100 ]
else
	echo "SKIP site_history: ../shared/history not present"
fi

# ---- a page cut mid-table: rows past the cut are unknown -------------------
# The second build reads the Graph page cut mid-row (as a crawler left
# it), the third the whole page again: neither says the rows past the cut
# were removed or added, both say the page was cut.
for v in 1 2 3; do mkdir -p "$tmp/cut$v"; done
cp tests/diff/graph.md "$tmp/cut1/graph.md"
cp tests/diff/graph-cut.md "$tmp/cut2/graph.md"
cp tests/diff/graph.md "$tmp/cut3/graph.md"
"$TABLOG" build -q "$tmp/cut1" -o "$tmp/cs" --date 2024-01-10 &&
"$TABLOG" build -q "$tmp/cut2" -o "$tmp/cs" --since "$tmp/cs" --date 2024-02-01 2>/dev/null &&
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(d["pages"][0]["tables"][0]["cut"] != 13)' "$tmp/cs/all.json"
check "cut: all.json keeps where the table ends" [ $? -eq 0 ]
"$TABLOG" build -q "$tmp/cut3" -o "$tmp/cs" --since "$tmp/cs" --date 2024-03-01
check "cut: builds exit 0" [ $? -eq 0 ]
check "cut: the cut build's summary" grep -qx '### Microsoft Graph: 1 added, 1 removed, 0 changed, 5 rows unknown past a cut' "$tmp/cs/changelog.md"
check "cut: said in the cut build" grep -qx -- '- Cut short: the new version ends inside a table; 5 rows past the cut unknown, neither added nor removed' "$tmp/cs/changelog.md"
check "cut: said in the next whole build" grep -qx -- '- Cut short: the old version ends inside a table; 5 rows past the cut unknown, neither added nor removed' "$tmp/cs/changelog.md"
check "cut: rows past the cut never removed" sh -c '! grep -q "^- Removed: \`\(User.Read.All\|Calendars.Read\|User.Read\)\`" "$1"' - "$tmp/cs/changelog.md"
check "cut: nor added back" sh -c '! grep -q "^- Added: \`\(User.Read.All\|Calendars.Read\|User.Read\)\`" "$1"' - "$tmp/cs/changelog.md"
check "cut: the real removal stays" grep -qx -- '- Removed: `Application.Read.All` (Application), Application Permissions' "$tmp/cs/changelog.md"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
