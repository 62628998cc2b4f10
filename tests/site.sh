#!/bin/sh
# tests/site.sh - `tablog build`: layout, determinism across -j, a bad
# page among good ones, --since detected changes, template overrides.
#
# Determinism is checked on the repository's own real pages (input/ and
# tests/data/) and, when ../shared is there (tests/shared.sh), again on
# the whole corpus.
TABLOG=${TABLOG:-./tablog}
. tests/shared.sh
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL site: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

# Layout of a two-page site.
"$TABLOG" build tests/site/old -o "$tmp/old" --title "Test site" 2>"$tmp/err"
check "build exit 0" [ $? -eq 0 ]
check "summary line" grep -q '^tablog: 2 pages, 4 rows, 0 warnings, 0 errors in ' "$tmp/err"
for f in index.html changelog.md changelog.html feed.xml all.csv all.xlsx all.json; do
	check "site has $f" [ -s "$tmp/old/$f" ]
done
for p in alpha-app beta-app; do
	for f in index.html table.md table.csv table.json changelog.md; do
		check "page $p has $f" [ -s "$tmp/old/$p/$f" ]
	done
done
check "all.csv starts with the page, its title and the table, then the fields" grep -q '^page_title,page,table,api,permission,display_name,qualifier,type,purpose,last_update,last_update_text' "$tmp/old/all.csv"
check "all.csv: a row names its page and table" grep -q '^Alpha App,alpha-app,1,Microsoft Graph,User.Read,' "$tmp/old/all.csv"
check "all.csv has 4 rows" [ "$(wc -l <"$tmp/old/all.csv")" -eq 5 ]
check "index links pages" grep -q 'href="alpha-app/index.html"[^>]*>Alpha App<' "$tmp/old/index.html"

# Changes since the previous build, dated by --date.
cp -r "$tmp/old" "$tmp/new"
"$TABLOG" build tests/site/new -o "$tmp/new" --since "$tmp/new" --date 2026-11-26 --title "Test site" -q
check "--since exit 0" [ $? -eq 0 ]
check "--since changelog as reviewed" cmp -s "$tmp/new/changelog.md" tests/site/expected-changelog.md
check "--since feed entry" grep -q '<title>Detected changes, 26 November 2026</title>' "$tmp/new/feed.xml"
check "--since html section" grep -q 'id="detected-2026-11-26"' "$tmp/new/changelog.html"
"$TABLOG" build tests/site/new -o "$tmp/none" --since "$tmp/missing" -q 2>"$tmp/err"
check "--since without all.json exit 2" [ $? -eq 2 ]
check "--since without all.json one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]

# diff and build --since make the same change objects from the same pair
# of pages (site/changes-old, site/changes-new: two tables, a column
# added, an API alias, a display name column, a table keyed by its
# label).  The site's are read through DIR's site-changelog.md, which
# prints every member of each change (site/tpl-changes/change.txt); they
# must equal what `diff -f json` prints, with the date the build gives
# them, and what diff's own template prints from the same partial.
case $TABLOG in /*) tablog=$TABLOG ;; *) tablog=$PWD/$TABLOG ;; esac
"$TABLOG" build tests/site/changes-old -o "$tmp/changes" -q
"$TABLOG" build tests/site/changes-new -o "$tmp/changes" --since "$tmp/changes" --date 2026-11-26 --templates tests/site/tpl-changes -q
check "--since changes: exit 0" [ $? -eq 0 ]
(cd tests/site/changes-new && "$tablog" diff -f json ../changes-old/delta.md delta.md) >"$tmp/changes.json"
check "--since changes: diff exit 1" [ $? -eq 1 ]
check "--since changes: as diff -f json" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
def s(v):
    if v is None: return ""
    if v is True: return "true"
    if v is False: return "false"
    return str(v)
def m(o, *path):
    for p in path:
        o = o.get(p) if isinstance(o, dict) else None
    return s(o)
lines = []
for c in doc["changes"]:
    c["date"] = "2026-11-26"        # the caller fills it: build, its --date
    row = ["kind", "date", "commit", "page", "title", "slug"]
    f = [m(c, k) for k in row]
    f += [m(c, "table", "index"), m(c, "table", "section")]
    f += [m(c, "key", k) for k in ("api", "permission", "type", "label")]
    f += [m(c, "lines", "before"), m(c, "lines", "after")]
    f += [m(c, "column", "field"), m(c, "column", "header")]
    b, a = c.get("before", {}), c.get("after", {})
    assert list(b) == list(a), (b, a)
    f.append("".join("%s=%s>%s;" % (k, s(b[k]), s(a[k])) for k in b))
    f.append(m(c, "changed_without_date_update"))
    if c["kind"] != "changed":      # JSON has the row of added and removed
        f += [m(c, "row", k) for k in ("line", "label", "api", "permission",
            "display_name", "type", "purpose", "notes", "owner", "value",
            "last_update", "last_update_text")]
    lines.append("|".join(f))
got = open(sys.argv[2]).read().splitlines()
assert len(got) == 9 and got == lines, "\n".join(["got:"] + got + ["want:"] + lines)
' "$tmp/changes.json" "$tmp/changes/changelog.md"
(cd tests/site/changes-new && "$tablog" diff --templates ../tpl-changes ../changes-old/delta.md delta.md) | sed 's/^\([a-z_]*\)||/\1|2026-11-26|/' >"$tmp/changes.md"
check "--since changes: as diff's template" cmp -s "$tmp/changes.md" "$tmp/changes/changelog.md"

# The same site whatever -j, and from one run to the next; every page
# with a table is in the index, and all.csv holds exactly the rows of the
# per-page CSVs.  determinism NAME INDIR TABLES: INDIR holds TABLES pages
# with a table (and may hold pages without, which are errors).  Only
# positional parameters are used: check() sets $name.
csv_rows() {
	python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))) - 1)' "$1"
}
determinism() {
	set -- "$1" "$2" "$3" "$tmp/site-$1"
	"$TABLOG" build "$2" -o "$4/j1" -j1 -q 2>/dev/null
	"$TABLOG" build "$2" -o "$4/j2" -j2 -q 2>/dev/null
	"$TABLOG" build "$2" -o "$4/j4" -j4 -q 2>/dev/null
	check "$1: -j1 and -j2 identical" diff -r "$4/j1" "$4/j2"
	check "$1: -j2 and -j4 identical" diff -r "$4/j2" "$4/j4"
	"$TABLOG" build "$2" -o "$4/j2b" -j2 -q 2>/dev/null
	check "$1: two runs identical" diff -r "$4/j2" "$4/j2b"
	check "$1: index lists every page with a table" [ "$(grep -c '<td data-label="Page" class="page"><a href="[a-z0-9-]*/index.html"' "$4/j1/index.html")" -eq "$3" ]
	sum=0
	for f in "$4"/j1/*/table.csv; do
		sum=$((sum + $(csv_rows "$f")))
	done
	check "$1: all.csv rows = per-page rows" [ "$(csv_rows "$4/j1/all.csv")" -eq "$sum" ]
}

# The model page and the copies of corpus pages in tests/data/: eight
# with a table, three plain-text renderings without one.
mkdir "$tmp/pages"
cp input/cloud-backup-for-azure.md tests/data/*.md "$tmp/pages/"
determinism pages "$tmp/pages" 8
# The whole corpus (tests/corpus/expected.tsv counts its tables).
if shared_present; then
	determinism corpus "$SHARED/corpus" \
	    "$(awk -F'\t' '!/^#/ && $2 > 0' tests/corpus/expected.tsv | wc -l)"
else
	echo "note: $SHARED not present: the corpus site is not built"
fi

# Built from INDIR named by its absolute path: no output names the build
# machine's path (a page's source is its path under INDIR), and no HTML
# output loads anything from another host (inline script and style only;
# a link in a cell is the page's own text, and the model page has none).
"$TABLOG" build -q "$(pwd)/input" -o "$tmp/abs"
check "no local path in any output" sh -c '! grep -rqF "$1" "$2" && (cd "$2" && unzip -q -o all.xlsx -d "$3" && ! grep -rqF "$1" "$3")' - "$(pwd)/input" "$tmp/abs" "$tmp/abs-xlsx"
check "a page's source is its path under INDIR" grep -q '"source": "cloud-backup-for-azure.md"' "$tmp/abs/cloud-backup-for-azure/table.json"
check "no resource of another host in any HTML output" sh -c '! grep -rEq "(src|href)=\"(https?:)?//" --include="*.html" "$1"' - "$tmp/abs"
check "every page links its Atom feed" sh -c 'for f in "$1"/index.html "$1"/changelog.html "$1"/*/index.html "$1"/*/changelog.html "$1"/permissions/*/index.html; do grep -q "<link rel=\"alternate\" type=\"application/atom+xml\"" "$f" || exit 1; done' - "$tmp/abs"
check "each page has its changelog.html and feed.xml" [ -s "$tmp/abs/cloud-backup-for-azure/changelog.html" ] && [ -s "$tmp/abs/cloud-backup-for-azure/feed.xml" ]

# A page's own feed is the site's feed (site-feed.xml) filtered to the
# page: the model page's 10 dated months, its ids and title; and in a
# two-page site, Alpha's feed has Alpha's rows and none of Beta's.
check "a page's feed: the page's months, ids and title" python3 -c '
import re, sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
f = ET.parse(sys.argv[1]).getroot()
ids = [e.findtext(A + "id") for e in f.findall(A + "entry")]
assert len(ids) == 10, ids
# Under the site feed id (its key: two sites never share ids).
site = ET.parse(sys.argv[2]).getroot().findtext(A + "id")
assert re.fullmatch(r"tag:tablog\.invalid,2024:site-[0-9a-f]{16}", site), site
assert all(i.startswith(site + "/cloud-backup-for-azure/") for i in ids), ids
assert f.findtext(A + "title") == "Cloud Backup for Azure: changes"
' "$tmp/abs/cloud-backup-for-azure/feed.xml" "$tmp/abs/feed.xml"
mkdir "$tmp/tpl-feed"
printf '<feed>{{site.title}}|{{#site.changelog}}{{#pages}}{{#entries}}{{permission}};{{/entries}}{{/pages}}{{/site.changelog}}</feed>\n' >"$tmp/tpl-feed/site-feed.xml"
"$TABLOG" build -q tests/site/old -o "$tmp/feeds" --templates "$tmp/tpl-feed"
check "a page's feed is made with site-feed.xml, of that page's rows only" \
	[ "$(cat "$tmp/feeds/alpha-app/feed.xml")" = "<feed>Alpha App|$(python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print("".join(r["permission"] + ";" for g in j["changelog"] for r in g["entries"]))' "$tmp/feeds/alpha-app/table.json")</feed>" ]
check "... none of the other page's" sh -c '! grep -q "Mail.Read" "$1"' - "$tmp/feeds/alpha-app/feed.xml"
check "... which the site's feed has" grep -q "Mail.Read;" "$tmp/feeds/feed.xml"

# Permission pages and rows, linked both ways by the row's anchor.
check "a row links its permission's page" grep -q 'class="also" href="../permissions/auditlog-read-all/index.html"' "$tmp/abs/cloud-backup-for-azure/index.html"
check "the row has its key as id" grep -q '<tr id="AuditLog.Read.All-Application">' "$tmp/abs/cloud-backup-for-azure/index.html"
check "the permission's page links the row" grep -q 'href="../../cloud-backup-for-azure/index.html#AuditLog.Read.All-Application"' "$tmp/abs/permissions/auditlog-read-all/index.html"
check "the permission index links the permission's page" grep -q 'href="auditlog-read-all/index.html">AuditLog.Read.All<' "$tmp/abs/permissions/index.html"
check "no row is #line-N any more" sh -c '! grep -q "id=\"line-" "$1"' - "$tmp/abs/cloud-backup-for-azure/index.html"

# lang from the page's content (tests/site/lang: a Japanese and a German
# page), on the page, its changelog, and its rows in a permission's page.
"$TABLOG" build -q tests/site/lang -o "$tmp/lang"
check "lang: a Japanese page is ja" grep -q '<html lang="ja">' "$tmp/lang/ja/index.html"
check "lang: its changelog too" grep -q '<html lang="ja">' "$tmp/lang/ja/changelog.html"
check "lang: a German page is de" grep -q '<html lang="de">' "$tmp/lang/berechtigungen-der-app/index.html"
check "lang: the site's own pages are en" grep -q '<html lang="en">' "$tmp/lang/index.html"
check "lang: a row of a Japanese page in a permission's page" grep -q '<tr lang="ja">' "$tmp/lang/permissions/user-read/index.html"

# The model page's HTML, read as a person would (tests/html_structure.py).
"$TABLOG" -f html input/cloud-backup-for-azure.md >"$tmp/seed.html"
check "model page HTML structure" python3 tests/html_structure.py "$tmp/seed.html"

# One bad page is reported and skipped; the rest is built; exit 2.
"$TABLOG" build tests/site/bad -o "$tmp/bad" 2>"$tmp/err"
check "bad page exit 2" [ $? -eq 2 ]
check "bad page reported" grep -q '^tablog: tests/site/bad/empty.md: error: no table found$' "$tmp/err"
check "good page built" [ -s "$tmp/bad/alpha-app/index.html" ]
check "bad page counted, in the singular" grep -q '^tablog: 1 page, 3 rows, 0 warnings, 1 error in ' "$tmp/err"

# --templates: a file there replaces the built-in one; partial names
# cannot leave the folder; a broken template is FILE:LINE: error.
"$TABLOG" -f html --fragment --templates tests/site/tpl-override tests/site/old/alpha.md >"$tmp/frag" 2>"$tmp/err"
check "override used" grep -q '^<p>custom fragment: \[User.Read\]\[Group.Read.All\]\[Sites.Read.All\]</p>$' "$tmp/frag"
check "partials stay inside" [ "$(grep -c root: "$tmp/frag")" -eq 0 ]
"$TABLOG" -f html --templates tests/site/tpl-override tests/site/old/alpha.md >"$tmp/page" 2>/dev/null
check "missing file falls back" grep -q '<!DOCTYPE html>' "$tmp/page"
"$TABLOG" -f html --fragment --templates tests/site/tpl-broken tests/site/old/alpha.md >/dev/null 2>"$tmp/err"
check "broken template exit 2" [ $? -eq 2 ]
check "broken template FILE:LINE" grep -q "^tablog: tests/site/tpl-broken/table.html:1: error: unclosed section 'tables'" "$tmp/err"

# Nothing is written outside OUTDIR, whatever the page's title says.
mkdir "$tmp/evil"
"$TABLOG" build tests/site/evil -o "$tmp/evil/out/site" -q
check "title cannot leave OUTDIR" [ "$(ls "$tmp/evil")" = out ] && [ "$(ls "$tmp/evil/out")" = site ]
check "slug from such a title" [ -d "$tmp/evil/out/site/escaped" ]
mkdir "$tmp/hostile"
row='| API | Permission | Type | Purpose |\n|---|---|---|---|\n| Microsoft Graph | User.Read(Sign in) | Delegated | Sign in. |\n'
printf "Home > /etc/passwd\n$row" >"$tmp/hostile/absolute.md"
printf "Home > %s\n$row" "$(printf 'a%.0s' $(seq 1 1000))" >"$tmp/hostile/long.md"
printf "Home > !!! ??? ...\n$row" >"$tmp/hostile/punct.md"
printf "Home > 日本語のページ\n$row" >"$tmp/hostile/japanese.md"
printf "# ../../..\n\n$row" >"$tmp/hostile/dots.md"
"$TABLOG" build "$tmp/hostile" -o "$tmp/hostile-out/site" -q
check "hostile titles build" [ $? -eq 0 ]
check "hostile titles stay inside" [ "$(ls "$tmp/hostile-out")" = site ]
check "hostile slugs are safe" sh -c 'for d in "$1"/*/; do b=$(basename "$d"); case $b in *[!a-z0-9-]*|-*|"") exit 1;; esac; [ ${#b} -le 80 ] || exit 1; done' - "$tmp/hostile-out/site"
check "five hostile pages, five folders (and the permissions')" [ "$(find "$tmp/hostile-out/site" -mindepth 1 -maxdepth 1 -type d ! -name permissions | wc -l)" -eq 5 ] && [ -d "$tmp/hostile-out/site/permissions" ]

# ---- what build may touch ----------------------------------------------

# OUTDIR is INDIR, however spelled: one error before anything is written,
# and the user's own index.html and changelog.md stay as they were.
mkdir "$tmp/D"
cp tests/site/old/*.md "$tmp/D/"
printf '# my own changelog\n' >"$tmp/D/changelog.md"
printf '<p>my own index</p>\n' >"$tmp/D/index.html"
cp -R "$tmp/D" "$tmp/D.before"
ln -s D "$tmp/Dlink"
for out in "$tmp/D" "$tmp/D/" "$tmp/D/." "$tmp/../$(basename "$tmp")/D" "$tmp/Dlink"; do
	"$TABLOG" build -q "$tmp/D" -o "$out" 2>"$tmp/err"
	check "build D -o $out: exit 2" [ $? -eq 2 ]
	check "build D -o $out: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
	check "build D -o $out: says so" grep -q "error: the output folder is the input folder" "$tmp/err"
	check "build D -o $out: nothing written" diff -r "$tmp/D" "$tmp/D.before"
done

# OUTDIR inside INDIR: the walk skips it, so a rebuild reads no output.
mkdir -p "$tmp/in-out"
cp tests/site/old/*.md "$tmp/in-out/"
"$TABLOG" build -q "$tmp/in-out" -o "$tmp/in-out/site"
"$TABLOG" build "$tmp/in-out" -o "$tmp/in-out/site" 2>"$tmp/err"
check "OUTDIR inside INDIR: exit 0" [ $? -eq 0 ]
check "OUTDIR inside INDIR: its pages only" grep -q '^tablog: 2 pages, 4 rows, 0 warnings, 0 errors' "$tmp/err"

# INDIR inside OUTDIR: allowed, unless a page's folder would be INDIR (or
# a folder under it): then one error and nothing written.
mkdir -p "$tmp/o2/src"
printf '# Src\n\n| API | Permission |\n|---|---|\n| a | X.Read |\n' >"$tmp/o2/src/page.md"
"$TABLOG" build -q "$tmp/o2/src" -o "$tmp/o2" 2>"$tmp/err"
check "a page's folder is INDIR: exit 2" [ $? -eq 2 ]
check "a page's folder is INDIR: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "a page's folder is INDIR: says so" grep -q "^tablog: $tmp/o2/src: error: is a folder of the input" "$tmp/err"
check "a page's folder is INDIR: nothing written" [ "$(ls "$tmp/o2" "$tmp/o2/src" | tr '\n' ' ')" = "$tmp/o2: src  $tmp/o2/src: page.md " ]
printf '# Other\n\n| API | Permission |\n|---|---|\n| a | X.Read |\n' >"$tmp/o2/src/page.md"
"$TABLOG" build -q "$tmp/o2/src" -o "$tmp/o2"
check "INDIR inside OUTDIR, no clash: exit 0" [ $? -eq 0 ]
check "INDIR inside OUTDIR, no clash: built" [ -s "$tmp/o2/other/table.md" ]
check "INDIR inside OUTDIR, no clash: INDIR untouched" [ "$(ls "$tmp/o2/src")" = page.md ]

# A page (reached through a link) that is one of the files build writes.
"$TABLOG" build -q tests/site/old -o "$tmp/o3"
mkdir "$tmp/in3"
ln -s ../o3/alpha-app/table.md "$tmp/in3/alpha-app.md"
cp "$tmp/o3/alpha-app/table.md" "$tmp/table.md.before"
"$TABLOG" build -q --follow-links "$tmp/in3" -o "$tmp/o3" 2>"$tmp/err"
check "an input page in the way: exit 2" [ $? -eq 2 ]
check "an input page in the way: one line" grep -q "^tablog: $tmp/o3/alpha-app/table.md: error: is an input page" "$tmp/err"
check "an input page in the way: kept" cmp -s "$tmp/o3/alpha-app/table.md" "$tmp/table.md.before"

# A symbolic link already in OUTDIR is never written through (nor
# replaced): one error each, before anything is written.
"$TABLOG" build -q tests/site/old -o "$tmp/ln"
cp -R "$tmp/ln" "$tmp/ln.before"
mkdir "$tmp/elsewhere"
printf 'victim\n' >"$tmp/victim"
rm -r "$tmp/ln/alpha-app"
ln -s ../elsewhere "$tmp/ln/alpha-app"
rm "$tmp/ln/beta-app/table.csv"
ln -s ../../victim "$tmp/ln/beta-app/table.csv"
"$TABLOG" build -q tests/site/new -o "$tmp/ln" 2>"$tmp/err"
check "links in OUTDIR: exit 2" [ $? -eq 2 ]
check "links in OUTDIR: one line each" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "links in OUTDIR: the folder link named" grep -q "^tablog: $tmp/ln/alpha-app: error: is a symbolic link" "$tmp/err"
check "links in OUTDIR: nothing written through it" [ -z "$(ls "$tmp/elsewhere")" ]
check "links in OUTDIR: links kept" [ -L "$tmp/ln/alpha-app" ] && [ -L "$tmp/ln/beta-app/table.csv" ]
check "links in OUTDIR: nothing else written" cmp -s "$tmp/ln/index.html" "$tmp/ln.before/index.html"
"$TABLOG" build -q tests/site/old -o "$tmp/ln" 2>"$tmp/err"
check "a file link in OUTDIR: exit 2" [ $? -eq 2 ]
check "a file link in OUTDIR: named" grep -q "^tablog: $tmp/ln/beta-app/table.csv: error: is a symbolic link" "$tmp/err"
check "a file link in OUTDIR: its target kept" [ "$(cat "$tmp/victim")" = victim ]

# ---- reading INDIR ------------------------------------------------------

# A FILE is not a folder: that, and no stale error text after it.
"$TABLOG" build -q tests/site/old/alpha.md -o "$tmp/nf" 2>"$tmp/err"
check "build FILE: exit 2" [ $? -eq 2 ]
check "build FILE: not a folder" [ "$(cat "$tmp/err")" = "tablog: tests/site/old/alpha.md: error: not a folder" ]
check "build FILE: nothing written" [ ! -e "$tmp/nf" ]

# An empty INDIR: a warning, and an empty site.
mkdir "$tmp/empty"
"$TABLOG" build "$tmp/empty" -o "$tmp/empty-out" 2>"$tmp/err"
check "empty INDIR: exit 0" [ $? -eq 0 ]
check "empty INDIR: warned" grep -q "warning: no pages" "$tmp/err"

# A path longer than PATH_MAX under INDIR is said, not skipped in silence.
mkdir "$tmp/deep"
cp tests/site/old/alpha.md "$tmp/deep/"
# 17 folders of 250 bytes: made one by one (a shell's cd wants a full path).
python3 -c '
import os, sys
os.chdir(sys.argv[1])
for i in range(17):
    os.mkdir("d" * 250)
    os.chdir("d" * 250)
open("page.md", "w").write("# Deep\n\n| API | Permission |\n|---|---|\n| a | Deep.Read |\n")' "$tmp/deep"
"$TABLOG" build "$tmp/deep" -o "$tmp/deep-out" 2>"$tmp/err"
check "path past PATH_MAX: exit 0" [ $? -eq 0 ]
check "path past PATH_MAX: warned" grep -q "warning: path longer than PATH_MAX (4096 bytes); not read$" "$tmp/err"
check "path past PATH_MAX: the rest built" [ -s "$tmp/deep-out/alpha-app/table.md" ]

# ---- --since: the previous build is untrusted input ---------------------

# A broken all.json is one error naming it; nothing is written.
"$TABLOG" build -q tests/site/old -o "$tmp/prev"
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
j["pages"][0]["tables"][0]["columns"] = []
j["pages"][0]["tables"][0]["label_column"] = 7
json.dump(j, open(sys.argv[1], "w"))' "$tmp/prev/all.json"
cp -R "$tmp/prev" "$tmp/prev.before"
"$TABLOG" build -q tests/site/new -o "$tmp/fresh" --since "$tmp/prev" 2>"$tmp/err"
check "--since broken: exit 2" [ $? -eq 2 ]
check "--since broken: one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
check "--since broken: names the file" grep -q "^tablog: $tmp/prev/all.json: error: not a usable tablog all.json: pages\[0\]\.tables\[0\]: " "$tmp/err"
check "--since broken: no OUTDIR made" [ ! -e "$tmp/fresh" ]
"$TABLOG" build -q tests/site/new -o "$tmp/prev" --since "$tmp/prev" 2>"$tmp/err"
check "--since broken, PREV is OUTDIR: exit 2" [ $? -eq 2 ]
check "--since broken, PREV is OUTDIR: nothing written" diff -r "$tmp/prev" "$tmp/prev.before"

# Pages are matched by their file under INDIR, not by slug (slugs depend
# on the other pages): an untitled Alpha.md beside alpha.md is one new
# page, not "1 added, 1 removed".
row='| API | Permission | Type |\n|---|---|---|\n| Microsoft Graph | %s | Application |\n'
mkdir "$tmp/case1" "$tmp/case2"
printf "$row" Lower.Read >"$tmp/case1/alpha.md"
cp "$tmp/case1/alpha.md" "$tmp/case2/alpha.md"
printf "$row" Upper.Read >"$tmp/case2/Alpha.md"
"$TABLOG" build -q "$tmp/case1" -o "$tmp/case"
"$TABLOG" build -q "$tmp/case2" -o "$tmp/case" --since "$tmp/case" --date 2026-11-26
check "--since by path: exit 0" [ $? -eq 0 ]
check "--since by path: one new page" [ "$(grep -c '^- New page: ' "$tmp/case/changelog.md")" -eq 1 ]
check "--since by path: no page changed" [ "$(grep -c '^### .*added\|removed' "$tmp/case/changelog.md")" -eq 0 ]
check "--since by path: no page removed" [ "$(grep -c '^- Page removed' "$tmp/case/changelog.md")" -eq 0 ]
# An all.json from before paths were recorded is matched by slug.
rm -rf "$tmp/noslug"
cp -r "$tmp/old" "$tmp/noslug"
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
for p in j["pages"]:
    p.pop("path", None)
json.dump(j, open(sys.argv[1], "w"))' "$tmp/noslug/all.json"
"$TABLOG" build tests/site/new -o "$tmp/noslug" --since "$tmp/noslug" --date 2026-11-26 --title "Test site" -q
check "--since an older all.json: exit 0" [ $? -eq 0 ]
check "--since an older all.json: matched by slug" cmp -s "$tmp/noslug/changelog.md" tests/site/expected-changelog.md

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
