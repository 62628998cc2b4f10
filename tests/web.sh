#!/bin/sh
# tests/web.sh - tablog(1) reading pages from the web: URLs given to
# convert, diff and check, the transport's charset, the default cache,
# and `build --sources` with its archive, against the local server of
# tests/httpd.sh (127.0.0.1 only; tests/fetch.sh tests the fetch client
# and the archive module below the command line).
#
# Every fault of issue 15's list, through the command line: one clear
# line on standard error naming the URL and the documented exit status
# (2; a charset warning 0), and nothing torn in the cache or the archive
# (checked by Python and git, not by tablog).  A second build of
# unchanged pages transfers no body (the server counts), a build killed
# during a fetch leaves cache and archive usable, a source that fails is
# built from the archive, and a bad line of --sources is one error naming
# FILE:LINE.  Expected outputs are the local files' conversions, or
# written here by hand.
#
# Needs python3, openssl and git (make deps-test installs them).
TABLOG=${TABLOG:-./tablog}
SEED=input/cloud-backup-for-azure.md
NAME=web
. tests/httpd.sh

# Never the user's own cache: the default folder is under here.
XDG_CACHE_HOME=$tmp/xdg
export XDG_CACHE_HOME
cache=$XDG_CACHE_HOME/tablog

root=$tmp/root
mkdir "$root"
cp "$SEED" "$root/cloud-backup-for-azure.md"
cp "$SEED" "$root/seed.md"
cp tests/golden/seed.html "$root/seed.html"
cp tests/site/old/alpha.md "$root/alpha-old.md"
cp tests/site/new/alpha.md "$root/alpha-new.md"
cp tests/check/problems.md "$root/problems.md"
printf 'Just some prose.\n' >"$root/prose.md"
# Relative links in cells, for the page's own URL.
printf '%s\n' '| Permission | Purpose |' '|---|---|' \
    '| User.Read | See [the guide](d.html) and [more](../up/e.html). |' \
    >"$root/links.md"
printf '%s\n' '<html><head><link rel="canonical" href="https://docs.example/x/canon.html"></head><body>' \
    '<table><tr><th>Permission</th><th>Purpose</th></tr>' \
    '<tr><td>User.Read</td><td>See <a href="d.html">the guide</a>.</td></tr></table></body></html>' \
    >"$root/canon.html"
# One table whose purpose is "Café access", in windows-1252 (0xE9), with
# the charset named in different places.
latin() {
	printf '<html><head>%s<title>Latin</title></head><body><table><tr><th>Permission</th><th>Purpose</th></tr><tr><td>Files.Read.All</td><td>Caf\351 access</td></tr></table></body></html>\n' "$1"
}
latin '' >"$root/latin.html"
echo 'text/html; charset=windows-1252' >"$root/latin.html.ctype"
latin '<meta charset="utf-8">' >"$root/meta.html"
echo 'text/html; charset=windows-1252' >"$root/meta.html.ctype"
latin '<meta charset="windows-1252">' >"$root/unknown.html"
echo 'text/html; charset=x-nonesuch' >"$root/unknown.html.ctype"
{ printf '\357\273\277'; latin '' | sed 's/\xe9/\xc3\xa9/'; } >"$root/bom.html"
echo 'text/html; charset=windows-1252' >"$root/bom.html.ctype"
if ! httpd_start "$root"; then
	echo "0 passed, 1 failed"
	exit 1
fi

# Run tablog: status in $st, stdout in $tmp/out, stderr in $tmp/err.
run() {
	"$TABLOG" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
# Standard error is exactly this one line.
one_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ "$(cat "$tmp/err")" = "$1" ]; }
no_stderr() { [ ! -s "$tmp/err" ]; }
# One line of standard error is exactly this.
has_line() { grep -qxF -- "$1" "$tmp/err"; }
# The entry of URL in the cache folder.
entry() {
	echo "$1/http/$(python3 -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' "$2")"
}
etag_of() {
	python3 -c 'import hashlib,sys; print("\"%s\"" % hashlib.sha1(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$1"
}
version=$(sed -n 's/^#define TL_VERSION "\(.*\)"/\1/p' src/base/version.h)

"$TABLOG" -f csv "$SEED" >"$tmp/seed.csv"
"$TABLOG" -f csv tests/golden/seed.html >"$tmp/seed-html.csv"

# ---- a URL where a file goes ------------------------------------------

run -f csv "$H/cloud-backup-for-azure.md"
check "convert a URL: exit 0, nothing on stderr" sh -c \
    "[ $st -eq 0 ] && [ ! -s '$tmp/err' ]"
check "convert a URL: the same bytes as the local file" \
    cmp -s "$tmp/out" "$tmp/seed.csv"
check "the request names tablog and its version" \
    stat_true "d['user_agent'] == 'tablog/$version (documentation table reader; +tablog(1))'"
run -f csv "$H/pages/seed.html"
check "an HTML page by URL: as the local file" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed-html.csv'"
run -f json "$H/cloud-backup-for-azure.md"
check "the page's source is the URL" \
    grep -qF "\"source\": \"$H/cloud-backup-for-azure.md\"," "$tmp/out"
run -f csv "$H/gzip/seed.md"
check "gzip: the same bytes" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"
run -f csv "$H/deflate/seed.md"
check "deflate: the same bytes" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"
run -f csv "$H/chain/10"
check "10 redirects: followed" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"

"$TABLOG" diff tests/site/old/alpha.md tests/site/new/alpha.md >"$tmp/diff.want"
run diff "$H/alpha-old.md" "$H/alpha-new.md"
check "diff of two URLs: as of the files, exit 1" sh -c \
    "[ $st -eq 1 ] && cmp -s '$tmp/out' '$tmp/diff.want' && [ ! -s '$tmp/err' ]"
"$TABLOG" history -f json --dates 2024-01-01,2024-02-01 tests/site/old/alpha.md \
    tests/site/new/alpha.md 2>&1 | sed "s|tests/site/old/alpha.md|$H/alpha-old.md|g; s|tests/site/new/alpha.md|$H/alpha-new.md|g; s|\"url\": null|\"url\": \"$H/alpha-new.md\"|" >"$tmp/history.want"
run history -f json --dates 2024-01-01,2024-02-01 "$H/alpha-old.md" "$H/alpha-new.md"
check "history of two URLs: as of the files, named by the URLs" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/history.want' && [ ! -s '$tmp/err' ]"
"$TABLOG" check --today 2026-11-26 tests/check/problems.md 2>&1 |
    sed "s|tests/check/problems.md|$H/problems.md|g" >"$tmp/check.want"
run check --today 2026-11-26 "$H/problems.md"
check "check of a URL: the file's findings, named by the URL" sh -c \
    "[ $st -eq 1 ] && cmp -s '$tmp/err' '$tmp/check.want'"
run check --today 2026-11-26 "$H/cloud-backup-for-azure.md" "$SEED"
check "check of a URL and a file" sh -c "[ $st -eq 0 ] && [ ! -s '$tmp/err' ]"

# ---- the page's URL ------------------------------------------------------

# Exit 0, and the page's url in the JSON output, then its cells' link
# targets, are these.
urls_are() {
	[ "$st" -eq 0 ] && [ "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["page"]["url"])
for t in d["tables"]:
    for r in t["rows"]:
        for c in r["cells"]:
            for l in c.get("links", []):
                print(l["href"])' "$tmp/out")" = "$(printf '%s\n' "$@")" ]
}
run -f json "$H/pages/links.md"
check "a fetched page: its url is the URL, its relative links resolve against it" \
    urls_are "$H/pages/links.md" "$H/pages/d.html" "$H/up/e.html"
run -f json "$H/redirect?to=/gzip/links.md"
check "a redirected page: the URL after redirects" \
    urls_are "$H/gzip/links.md" "$H/gzip/d.html" "$H/up/e.html"
run -f json --page-url https://docs.example/a/b.md "$H/pages/links.md"
check "--page-url wins over the fetched URL" \
    urls_are https://docs.example/a/b.md https://docs.example/a/d.html \
    https://docs.example/up/e.html
run -f json "$H/pages/canon.html"
check "a fetched page: the fetched URL wins over its canonical link" \
    urls_are "$H/pages/canon.html" "$H/pages/d.html"
run -f json "$root/canon.html"
check "the same page from a file: its canonical link" \
    urls_are https://docs.example/x/canon.html https://docs.example/x/d.html

# ---- the cache ----------------------------------------------------------

u=$H/cloud-backup-for-azure.md
check "the default cache: \$XDG_CACHE_HOME/tablog" test -f "$(entry "$cache" "$u")"
reset
run -f csv "$u"
check "the second time: 304, no body sent" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'" 
check "the second time: 304, no body sent (server)" \
    stat_true "p['/cloud-backup-for-azure.md']['statuses'] == [304] and p['/cloud-backup-for-azure.md']['body_bytes'] == 0"
run -f csv --no-cache "$u?nc=1"
check "--no-cache: fetched, nothing kept" sh -c \
    "[ $st -eq 0 ] && [ ! -e '$(entry "$cache" "$u?nc=1")' ]"
run -f csv --no-cache "$u?nc=1"
check "--no-cache: fetched whole again" \
    stat_true "p['/cloud-backup-for-azure.md?nc=1']['statuses'] == [200, 200]"
run -f csv --cache "$tmp/mycache" "$u?c=1"
check "--cache DIR: the entry there" sh -c \
    "[ $st -eq 0 ] && [ -f '$(entry "$tmp/mycache" "$u?c=1")' ] && [ ! -e '$(entry "$cache" "$u?c=1")' ]"
HOME=$tmp/home XDG_CACHE_HOME= "$TABLOG" -f csv "$u?home=1" >/dev/null 2>&1
check "no XDG_CACHE_HOME: ~/.cache/tablog" \
    test -f "$(entry "$tmp/home/.cache/tablog" "$u?home=1")"

# ---- faults: one line each, exit 2 --------------------------------------

run -f csv "$H/status/404"
check "404: exit 2, one line" sh -c "[ $st -eq 2 ]"
check "404: one line" one_line "tablog: $H/status/404: error: HTTP 404"
run -f csv --retries 1 "$H/flaky/seed.md?fails=1"
check "500 then 200: the page" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv' && [ ! -s '$tmp/err' ]"
check "500 then 200: the server saw both" \
    stat_true "p['/flaky/seed.md?fails=1']['statuses'] == [500, 200]"
run -f csv --retries 1 "$H/flaky/seed.md?fails=9&code=503"
check "503 for ever, --retries 1: one line" sh -c "[ $st -eq 2 ]"
check "503 for ever, --retries 1: one line after 2 attempts" one_line \
    "tablog: $H/flaky/seed.md?fails=9&code=503: error: HTTP 503 (2 attempts)"
run -f csv --retries 0 "$H/flaky/seed.md?fails=1&t=none"
check "--retries 0: no second attempt" one_line \
    "tablog: $H/flaky/seed.md?fails=1&t=none: error: HTTP 500"
run -f csv "$H/busy/seed.md?after=1"
check "429 with Retry-After: 1: the page" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"
run -f csv "$H/busy/seed.md?after=3600"
check "429 with Retry-After beyond 30 s: one line" one_line \
    "tablog: $H/busy/seed.md?after=3600: error: HTTP 429 (Retry-After 3600 s is over the 30 s limit)"
run -f csv "$H/loop/a"
check "a redirect loop: one line" one_line \
    "tablog: $H/loop/a: error: more than 10 redirects"
run -f csv "$H/chain/11"
check "11 redirects: one line" one_line \
    "tablog: $H/chain/11: error: more than 10 redirects"
run -f csv "$H/redirect?to=file:///etc/passwd"
check "a redirect to file://: refused" one_line \
    "tablog: $H/redirect?to=file:///etc/passwd: error: redirect to file:///etc/passwd refused"
run -f csv "$H/redirect?to=ftp://127.0.0.1/x"
check "a redirect to ftp://: refused" one_line \
    "tablog: $H/redirect?to=ftp://127.0.0.1/x: error: redirect to ftp://127.0.0.1/x refused"
run -f csv "ftp://127.0.0.1/x"
check "an ftp:// URL: not read, not a file" sh -c "[ $st -eq 2 ]"
check "an ftp:// URL: one line" one_line \
    "tablog: ftp://127.0.0.1/x: error: only http:// and https:// URLs are fetched"
run -f csv "file:///etc/passwd"
check "a file:// URL: one line" one_line \
    "tablog: file:///etc/passwd: error: only http:// and https:// URLs are fetched"
run -f csv --timeout 2 "$H/drip?n=100"
check "a body dripping a byte a second, --timeout 2: one line" one_line \
    "tablog: $H/drip?n=100: error: timed out after 2 s"
run -f csv --timeout 1 "$H/sleep?s=4"
check "no answer within --timeout 1: one line" one_line \
    "tablog: $H/sleep?s=4: error: timed out after 1 s"
run -f csv --max-input-size 1K "$u?size=1"
check "a body past --max-input-size: one line" one_line \
    "tablog: $u?size=1: error: body larger than 1024 bytes"
run -f csv --max-input-size 1M "$H/gzbomb?size=67108864"
check "a gzip bomb: stopped at the limit" one_line \
    "tablog: $H/gzbomb?size=67108864: error: body larger than 1048576 bytes"
run -f csv "$H/badgzip"
check "a body that is not the gzip it claims: one line" sh -c \
    "[ $st -eq 2 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ] && grep -q '^tablog: $H/badgzip: error: bad compressed body (' '$tmp/err'"
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run -f csv --retries 0 "http://127.0.0.1:$closed/x"
check "a closed port: one line" one_line \
    "tablog: http://127.0.0.1:$closed/x: error: cannot connect: Connection refused"
run -f csv "$H/prose.md"
check "a page without a table: as from a file" one_line \
    "tablog: $H/prose.md: error: no table found"
run -f csv "$S/seed.md"
check "TLS with a self-signed certificate: refused" one_line \
    "tablog: $S/seed.md: error: TLS: certificate verify failed (self-signed certificate)"
run -f csv --cacert "$tmp/cert.pem" "$S/seed.md"
check "TLS with --cacert: the page" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"
run -f csv --cacert "$tmp/other.pem" "$S/seed.md?other=1"
check "TLS with another CA: refused" sh -c \
    "[ $st -eq 2 ] && grep -q '^tablog: $S/seed.md?other=1: error: TLS: certificate verify failed (' '$tmp/err'"
run -f csv --cacert "$tmp/none.pem" "$S/seed.md"
check "--cacert that is not there: one line naming it" one_line \
    "tablog: $tmp/none.pem: error: cannot read CA certificates: No such file or directory"
check "after every fault: each cache entry whole" cache_whole "$cache"
check "after every fault: no entry for what failed" sh -c \
    "[ ! -e '$(entry "$cache" "$H/status/404")' ] && [ ! -e '$(entry "$cache" "$H/drip?n=100")' ] && [ ! -e '$(entry "$cache" "$u?size=1")' ]"

# ---- charsets: a BOM, then the Content-Type, then <meta> ----------------

run -f csv "$H/latin.html"
check "a charset the header alone names: decoded, no warning" sh -c \
    "[ $st -eq 0 ] && grep -q 'Café access' '$tmp/out' && [ ! -s '$tmp/err' ]"
run -f csv "$root/latin.html"
check "(the same file without the header: a guess, with a warning)" \
    grep -q 'warning: not UTF-8 and no charset declared' "$tmp/err"
run -f csv "$H/meta.html"
check "the header's charset over <meta charset>" sh -c \
    "[ $st -eq 0 ] && grep -q 'Café access' '$tmp/out' && [ ! -s '$tmp/err' ]"
run -f csv "$H/bom.html"
check "a BOM over the header's charset" sh -c \
    "[ $st -eq 0 ] && grep -q 'Café access' '$tmp/out' && [ ! -s '$tmp/err' ]"
run -f csv "$H/unknown.html"
check "an unknown charset in the header: <meta charset> decides" sh -c \
    "[ $st -eq 0 ] && grep -q 'Café access' '$tmp/out'"
check "an unknown charset in the header: one warning" one_line \
    "tablog: $H/unknown.html: warning: unknown charset \"x-nonesuch\" in the Content-Type: ignored"
run -f csv "$H/charset/seed.md?cs=ISO-8859-1"
check "a wrong charset header on a UTF-8 page: read as UTF-8" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/out' '$tmp/seed.csv'"
check "a wrong charset header on a UTF-8 page: one warning" one_line \
    "tablog: $H/charset/seed.md?cs=ISO-8859-1: warning: the Content-Type says charset=iso-8859-1, but the page is UTF-8: read as UTF-8"

# ---- usage -------------------------------------------------------------

run -f csv --timeout 0 "$u"
check "--timeout 0: a usage error" sh -c \
    "[ $st -eq 2 ] && grep -qxF \"tablog: error: --timeout takes seconds above 0 (at most 86400), not '0'\" '$tmp/err'"
run -f csv --retries -1 "$u"
check "--retries -1: a usage error" sh -c \
    "[ $st -eq 2 ] && grep -qxF \"tablog: error: --retries takes a number from 0 to 100, not '-1'\" '$tmp/err'"
run build --archive "$tmp/a.git" -o "$tmp/nosite"
check "--archive without --sources: a usage error" sh -c \
    "[ $st -eq 2 ] && grep -qxF 'tablog: error: --archive keeps fetched pages: it needs --sources FILE' '$tmp/err' && [ ! -e '$tmp/a.git' ]"
run build --sources "$tmp/none.txt" --per-host 0 -o "$tmp/nosite"
check "--per-host 0: a usage error" sh -c \
    "[ $st -eq 2 ] && grep -qxF \"tablog: error: --per-host takes a number from 1 to 64, not '0'\" '$tmp/err'"
run build --sources "$tmp/none.txt" --delay 1e3 -o "$tmp/nosite"
check "--delay 1e3: a usage error" sh -c \
    "[ $st -eq 2 ] && grep -qxF \"tablog: error: --delay takes seconds from 0 to 3600, not '1e3'\" '$tmp/err'"
run build --sources "$tmp/none.txt" -o "$tmp/nosite"
check "--sources that is not there: one line, nothing written" sh -c \
    "[ $st -eq 2 ] && grep -q '^tablog: $tmp/none.txt: error: ' '$tmp/err' && [ ! -e '$tmp/nosite' ]"

# ---- --sources: a bad line is one error with FILE:LINE ------------------

cat >"$tmp/bad.txt" <<EOF
# every line below but the good ones is wrong
example.com/page
ftp://127.0.0.1/x
$H/cloud-backup-for-azure.md good
$H/seed.md Not_A_Slug
$H/seed.md good
$H/cloud-backup-for-azure.md
$H/seed.html two words
$H/a.html
$H/a
EOF
reset
run build --sources "$tmp/bad.txt" --archive "$tmp/bad.git" -o "$tmp/badsite"
cat >"$tmp/bad.want" <<EOF
tablog: $tmp/bad.txt:2: error: example.com/page: not a URL (no http:// or https://)
tablog: $tmp/bad.txt:3: error: ftp://127.0.0.1/x: only http:// and https:// URLs are fetched
tablog: $tmp/bad.txt:5: error: bad slug 'Not_A_Slug': lowercase ASCII letters and digits joined by single '-', at most 80 bytes
tablog: $tmp/bad.txt:6: error: slug 'good' is already line 4's
tablog: $tmp/bad.txt:7: error: $H/cloud-backup-for-azure.md is already on line 4
tablog: $tmp/bad.txt:8: error: a line is a URL and an optional slug; 'words' is one word too many
tablog: $tmp/bad.txt:10: error: archived at the same path as line 9 (127.0.0.1_$port/a); give one of them a slug
tablog: 0 pages, 0 rows, 0 warnings, 7 errors in
EOF
sed 's/ in [0-9.]* s$/ in/' "$tmp/err" >"$tmp/bad.got"
check "bad --sources lines: one error each, FILE:LINE" cmp -s "$tmp/bad.want" "$tmp/bad.got"
[ -f "$tmp/bad.got" ] && ! cmp -s "$tmp/bad.want" "$tmp/bad.got" &&
    diff "$tmp/bad.want" "$tmp/bad.got"
check "bad --sources lines: exit 2" [ "$st" -eq 2 ]
check "bad --sources lines: nothing fetched, nothing written" sh -c \
    "[ ! -e '$tmp/badsite' ] && [ ! -e '$tmp/bad.git' ]"
check "bad --sources lines: the server saw nothing" stat_true "p == {}"

# ---- build --sources --archive: the weekly job ---------------------------

mkdir "$tmp/local"
cp tests/site/old/alpha.md "$tmp/local/alpha.md"
cat >"$tmp/sources.txt" <<EOF
# The pages a reviewer follows, fetched each week.

$H/cloud-backup-for-azure.md  azure   # the model page
$H/pages/seed.html
EOF
arch=$tmp/archive.git
G() { git --git-dir "$arch" "$@"; }
# A cache of their own: a page convert cached above would be archived
# dated by that earlier fetch.
bc=$tmp/bcache
reset
t0=$(date +%s)
run build -q --cache "$bc" --sources "$tmp/sources.txt" --archive "$arch" \
    -o "$tmp/site" "$tmp/local"
t1=$(date +%s)
check "build --sources: exit 0, nothing said" sh -c \
    "[ $st -eq 0 ] && [ ! -s '$tmp/err' ]"
check "build --sources: the local page, the given slug, the title's" sh -c \
    "[ -f '$tmp/site/alpha-app/index.html' ] && [ -f '$tmp/site/azure/index.html' ] && [ -f '$tmp/site/cloud-backup-for-azure/index.html' ]"
check "build --sources: a fetched page's table as the local file's" \
    cmp -s "$tmp/site/azure/table.csv" "$tmp/seed.csv"
check "build --sources: all.json's source and path are the URL" python3 -c '
import json, sys
pages = {p["slug"]: p for p in json.load(open(sys.argv[1]))["pages"]}
u = sys.argv[2]
sys.exit(not (pages["azure"]["source"] == u and pages["azure"]["path"] == u
              and pages["alpha-app"]["path"] == "alpha.md"))
' "$tmp/site/all.json" "$H/cloud-backup-for-azure.md"
check "archive: two commits, one file per source" sh -c \
    "[ \"\$(git --git-dir '$arch' rev-list --count HEAD)\" -eq 2 ] && [ \"\$(git --git-dir '$arch' ls-tree -r --name-only HEAD | tr '\n' ' ')\" = '127.0.0.1_$port/pages/seed.html azure.md ' ]"
check "archive: the bytes fetched" sh -c \
    "git --git-dir '$arch' show HEAD:azure.md | cmp -s - '$root/cloud-backup-for-azure.md' && git --git-dir '$arch' show HEAD:127.0.0.1_$port/pages/seed.html | cmp -s - '$root/seed.html'"
G log --format=%at >"$tmp/times"
check "archive: dated by the fetch" sh -c \
    "while read -r t; do [ \$t -ge $t0 ] && [ \$t -le $t1 ] || exit 1; done <'$tmp/times'"
G log -1 --format=%B -- azure.md >"$tmp/msg"
check "archive: the message names the URL, the ETag and the HTTP date" sh -c \
    "[ \"\$(sed -n 1p '$tmp/msg')\" = '$H/cloud-backup-for-azure.md' ] && [ -z \"\$(sed -n 2p '$tmp/msg')\" ] &&
     grep -qxF 'ETag: $(etag_of "$root/cloud-backup-for-azure.md")' '$tmp/msg' &&
     grep -qE '^Date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$' '$tmp/msg'"
check "archive: git fsck --strict finds nothing" sh -c \
    "git --git-dir '$arch' fsck --strict --no-dangling >/dev/null 2>&1"
cp -R "$tmp/site" "$tmp/site1"

# The same pages again: every answer 304, not one body byte.
reset
run build -q --cache "$bc" --sources "$tmp/sources.txt" --archive "$arch" \
    -o "$tmp/site" "$tmp/local"
check "unchanged pages, second build: exit 0" sh -c \
    "[ $st -eq 0 ] && [ ! -s '$tmp/err' ]"
# One conditional request per page, each answered 304.  This failed
# twice under .ci/run with no body byte sent: the mark of a handler from
# an earlier test (/drip, /sleep, whose clients timed out long before)
# recording its status after the reset.  tests/tools/httpd.py now counts
# a request only in the generation it arrived in.
all304="sorted((k, v['statuses'], v['conditional']) for k, v in p.items()) == [('/cloud-backup-for-azure.md', [304], 1), ('/pages/seed.html', [304], 1)]"
check "unchanged pages, second build: every answer 304, conditional" \
    stat_true "$all304"
stat_true "$all304" || stats p
check "unchanged pages, second build: no body byte sent" \
    stat_true "sum(v['body_bytes'] for v in p.values()) == 0"
check "unchanged pages, second build: no commit" \
    [ "$(G rev-list --count HEAD)" -eq 2 ]
check "unchanged pages, second build: the same site" diff -r "$tmp/site1" "$tmp/site"

# A page changes: one commit for it, and --since sees it as the same page.
sed 's/Read all audit log data/Read every audit log/' "$SEED" \
    >"$root/cloud-backup-for-azure.md"
reset
run build -q --cache "$bc" --sources "$tmp/sources.txt" --archive "$arch" \
    -o "$tmp/site" --since "$tmp/site1" --date 2026-11-26 "$tmp/local"
check "a changed page: fetched whole, the other 304" \
    stat_true "p['/cloud-backup-for-azure.md']['statuses'] == [200] and p['/pages/seed.html']['statuses'] == [304]"
check "a changed page: one commit, of its file only" sh -c \
    "[ \"\$(git --git-dir '$arch' rev-list --count HEAD)\" -eq 3 ] && [ \"\$(git --git-dir '$arch' show --name-only --format= HEAD)\" = azure.md ] && git --git-dir '$arch' show HEAD:azure.md | cmp -s - '$root/cloud-backup-for-azure.md'"
# With --archive the fetched pages' history is the archive's commits:
# the change dated by the commit that archived it, each source new once
# (on the day of its first commit), and history.json naming the commit.
day=$(G log -1 --format=%cs)
label=$(python3 -c 'import datetime, sys
d = datetime.date.fromisoformat(sys.argv[1])
print("%d %s %d" % (d.day, d.strftime("%B"), d.year))' "$day")
check "the weekly job: the change dated by its commit in the archive" sh -c \
    "sed -n '/^## Changes, $label\$/,/^## /p' '$tmp/site/changelog.md' | grep -q '^  - display\\\\_name: Read all audit log data → Read every audit log\$'"
check "the weekly job: each source a new page once, when first archived" sh -c \
    "[ \"\$(grep -c '^- New page: Cloud Backup for Azure\$' '$tmp/site/changelog.md')\" -eq 2 ]"
check "the weekly job: history.json's record names the archive's commit" python3 -c '
import json, sys
recs = [r for r in json.load(open(sys.argv[1]))["builds"] if r.get("commit") == sys.argv[2]]
sys.exit(not (len(recs) == 1 and recs[0]["date"] == sys.argv[3] and
              any(c["kind"] == "changed" and c["page"] == sys.argv[4] for c in recs[0]["changes"])))
' "$tmp/site/history.json" "$(G rev-parse HEAD)" "$day" "$H/cloud-backup-for-azure.md"
check "the weekly job: no local path in the site (the archive by its name)" \
    sh -c '! grep -rqF "$1" "$2"' - "$arch" "$tmp/site"
# A build of another folder from the same archive knows the history too:
# the weekly job can start over.
run build -q --cache "$bc" --sources "$tmp/sources.txt" --archive "$arch" \
    -o "$tmp/site-again" "$tmp/local"
check "the weekly job: a new site from the archive has the whole history" \
    grep -q 'display\\_name: Read all audit log data → Read every audit log' \
    "$tmp/site-again/changelog.md"
# Without an archive, --since matches the changed page by its URL.
run build -q --cache "$bc" --sources "$tmp/sources.txt" \
    -o "$tmp/site-since" --since "$tmp/site1" --date 2026-11-26 "$tmp/local"
# (its history, site1's, also holds the archive's records: those stay)
sed -n '/^## Detected changes, 26 November 2026$/,/^## /p' \
    "$tmp/site-since/changelog.md" >"$tmp/detected"
check "a changed page: --since matches it by its URL" sh -c \
    "grep -q '^### Cloud Backup for Azure: 0 added, 0 removed, 1 changed' '$tmp/detected' && ! grep -q 'New page' '$tmp/detected'"

# A source fails: the error, then the archive's version is built.
mv "$root/seed.html" "$tmp/seed.html.away"
run build --cache "$bc" --sources "$tmp/sources.txt" --archive "$arch" \
    -o "$tmp/site" "$tmp/local"
check "a source that fails: exit 2" [ "$st" -eq 2 ]
check "a source that fails: its error" has_line \
    "tablog: $H/pages/seed.html: error: HTTP 404"
check "a source that fails: the fallback said" has_line \
    "tablog: $H/pages/seed.html: warning: built from its last archived version (127.0.0.1_$port/pages/seed.html in $arch)"
check "a source that fails: two lines about it, nothing else" sh -c \
    "[ \"\$(grep -c '$H' '$tmp/err')\" -eq 2 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 3 ]"
check "a source that fails: built from the archive" sh -c \
    "cmp -s '$tmp/site/cloud-backup-for-azure/table.csv' '$tmp/seed-html.csv' && grep -q '^tablog: 3 pages, ' '$tmp/err'"
check "a source that fails: the archive unchanged" \
    [ "$(G rev-list --count HEAD)" -eq 3 ]
run build --sources "$tmp/sources.txt" -o "$tmp/site-noarch" "$tmp/local"
check "a source that fails, no archive: left out, exit 2" sh -c \
    "[ $st -eq 2 ] && [ ! -e '$tmp/site-noarch/cloud-backup-for-azure' ] && [ -d '$tmp/site-noarch/azure' ] && grep -q '^tablog: 2 pages, ' '$tmp/err'"
mv "$tmp/seed.html.away" "$root/seed.html"

# A page whose Content-Type changes from Markdown to HTML is renamed.
cp "$SEED" "$root/typed"
echo 'text/markdown; charset=utf-8' >"$root/typed.ctype"
echo "$H/typed" >"$tmp/typed.txt"
run build -q --sources "$tmp/typed.txt" --archive "$arch" -o "$tmp/tsite"
cp tests/golden/seed.html "$root/typed"
echo 'text/html; charset=utf-8' >"$root/typed.ctype"
run build -q --sources "$tmp/typed.txt" --archive "$arch" -o "$tmp/tsite"
check "a page now served as HTML: renamed in the archive, one commit" sh -c \
    "[ $st -eq 0 ] && git --git-dir '$arch' show --name-status --format= HEAD | grep -q '^D	127.0.0.1_$port/typed.md$' &&
     git --git-dir '$arch' show --name-status --format= HEAD | grep -q '^A	127.0.0.1_$port/typed.html$' &&
     [ \"\$(git --git-dir '$arch' ls-tree -r --name-only HEAD | grep -c typed)\" -eq 1 ]"

# ---- politeness: the per-host limit and the delay ------------------------

: >"$tmp/slow.txt"
for i in 1 2 3 4 5; do
	echo "$H/cloud-backup-for-azure.md?delay=400&i=$i s$i" >>"$tmp/slow.txt"
done
reset
run build -q --no-cache --sources "$tmp/slow.txt" -o "$tmp/slow"
check "per host: all fetched" [ "$st" -eq 0 ]
check "per host, by default: 2 at once" stat_true "d['max_concurrent'] == 2"
reset
run build -q --no-cache --per-host 1 --sources "$tmp/slow.txt" -o "$tmp/slow"
check "--per-host 1: 1 at once" stat_true "d['max_concurrent'] == 1"
reset
run build -q --no-cache --per-host 5 --delay 0.3 --sources "$tmp/slow.txt" \
    -o "$tmp/slow"
check "--delay 0.3: starts 0.3 s apart (0.25 seen, for jitter)" \
    stat_true "(lambda s: len(s) == 5 and all(b - a >= 0.25 for a, b in zip(s, s[1:])))([a for a, b in d['starts']])"

# ---- a build killed during a fetch leaves cache and archive usable -------

kc=$tmp/kcache
printf '%s\n%s\n' "$H/seed.md?k=1 kill-seed" "$H/drip?n=100&k=1 kill-drip" \
    >"$tmp/kill.txt"
"$TABLOG" build -q --cache "$kc" --sources "$tmp/kill.txt" --archive "$arch" \
    -o "$tmp/ksite" >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 $pid
wait $pid 2>/dev/null
check "killed during a fetch: the cache is whole" cache_whole "$kc"
check "killed during a fetch: the archive is whole and as it was" sh -c \
    "git --git-dir '$arch' fsck --strict --no-dangling >/dev/null 2>&1 && [ \"\$(git --git-dir '$arch' rev-list --count HEAD)\" -eq 5 ]"
echo "$H/seed.md?k=1 kill-seed" >"$tmp/kill.txt"
reset
run build -q --cache "$kc" --sources "$tmp/kill.txt" --archive "$arch" \
    -o "$tmp/ksite"
check "killed during a fetch: the next build revalidates and archives" sh -c \
    "[ $st -eq 0 ] && [ ! -s '$tmp/err' ] && git --git-dir '$arch' show HEAD:kill-seed.md | cmp -s - '$root/seed.md'"
check "killed during a fetch: the page it had was cached (304)" \
    stat_true "p['/seed.md?k=1']['statuses'] == [304]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
