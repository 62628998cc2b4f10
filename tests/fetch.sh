#!/bin/sh
# tests/fetch.sh - fetching pages (src/fetch/) and archiving them
# (src/git/), against a local server that misbehaves on request.
#
# tests/tools/httpd.py serves tests/data pages and a few made here on
# 127.0.0.1 (plain HTTP, and TLS with a self-signed certificate made by
# openssl for this run); tests/tools/fetch_tool.c drives the library.
# Each fault must give its one-line diagnostic naming the URL; the cache
# must never hold a torn entry, even after SIGKILL, and a second fetch of
# unchanged pages must transfer no body (the server counts); the per-host
# limit, the delay, Retry-After and the backoff are timed on the server's
# side.  The archive is checked with git itself (log, show, fsck).
# Nothing here reaches any address but 127.0.0.1: proxy variables are
# cleared, and the one proxy test names this server as the proxy.
#
# Needs python3, openssl and git (make deps-test installs them).
B=${B:-build}
TOOL=${FETCH_TOOL:-$B/tests/fetch_tool}
SEED=input/cloud-backup-for-azure.md
NAME=fetch
. tests/httpd.sh
if [ ! -x "$TOOL" ]; then
	echo "fetch: $TOOL missing (make B=$B $TOOL)"
	echo "0 passed, 1 failed"
	exit 1
fi

# ---- the server -------------------------------------------------------

root=$tmp/root
mkdir "$root"
cp "$SEED" "$root/seed.md"
cp tests/golden/seed.html "$root/seed.html"
cp "$SEED" "$root/lastmod.md"
cp "$SEED" "$root/mutable.md"
if ! httpd_start "$root"; then
	echo "0 passed, 1 failed"
	exit 1
fi

# Run the tool: status in $st, stdout in $tmp/out, stderr in $tmp/err,
# wall time in $ms (milliseconds).
get() {
	t0=$(date +%s%N)
	"$TOOL" get "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
}
# Standard error is exactly this one line.
one_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ "$(cat "$tmp/err")" = "$1" ]; }
no_stderr() { [ ! -s "$tmp/err" ]; }
# The stdout line of URL has every one of the given words.
says() {
	url=$1; shift
	line=$(grep -F "$url " "$tmp/out" | head -n 1)
	for w in "$@"; do
		case " $line " in *" $w "*) ;; *) return 1 ;; esac
	done
}
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

version=$(sed -n 's/^#define TL_VERSION "\(.*\)"/\1/p' src/base/version.h)

# ---- a page -----------------------------------------------------------

mkdir "$tmp/o"
get --out "$tmp/o" "$H/pages/seed.md"
check "a page: exit 0" [ "$st" -eq 0 ]
check "a page: nothing on stderr" no_stderr
check "a page: the file's bytes" cmp -s "$tmp/o/0" "$root/seed.md"
check "a page: status, length, charset" says "$H/pages/seed.md" ok \
    status=200 cached=0 attempts=1 "len=$(wc -c <"$root/seed.md")" \
    charset=utf-8 "final=$H/pages/seed.md"
check "User-Agent names tablog and its version" \
    stat_true "d['user_agent'].startswith('tablog/$version (')"
check "Accept-Encoding offers gzip and deflate" \
    stat_true "'gzip' in d['accept_encoding'] and 'deflate' in d['accept_encoding']"

# ---- the cache: conditional requests, 304, no body the second time ----

reset
cache=$tmp/cache
mkdir "$tmp/o2" "$tmp/o3"
get --cache "$cache" "$H/pages/seed.md?c=1" "$H/pages/seed.html?c=1" \
    "$H/pages/lastmod.md?noetag=1"
check "cache, first run: exit 0" [ "$st" -eq 0 ]
check "cache, first run: three bodies" \
    stat_true "sorted(v['statuses'] for v in p.values()) == [[200]] * 3"
check "cache, first run: three entries" \
    [ "$(find "$cache/http" -type f ! -name '.*' | wc -l)" -eq 3 ]
reset
get --cache "$cache" --out "$tmp/o2" "$H/pages/seed.md?c=1" \
    "$H/pages/seed.html?c=1" "$H/pages/lastmod.md?noetag=1"
check "cache, second run: exit 0" [ "$st" -eq 0 ]
check "cache, second run: every answer 304, all conditional" \
    stat_true "[(v['statuses'], v['conditional']) for v in p.values()] == [([304], 1)] * 3"
check "cache, second run: the server sent no body byte" \
    stat_true "sum(v['body_bytes'] for v in p.values()) == 0"
check "cache, second run: 304 through ETag, from the cache" \
    says "$H/pages/seed.md?c=1" ok status=304 cached=1 transferred=0
check "cache, second run: 304 through Last-Modified alone" \
    says "$H/pages/lastmod.md?noetag=1" ok status=304 cached=1 transferred=0 \
    etag=-
check "cache, second run: the bodies are the files" sh -c \
    "cmp -s '$tmp/o2/0' '$root/seed.md' && cmp -s '$tmp/o2/1' '$root/seed.html' && cmp -s '$tmp/o2/2' '$root/lastmod.md'"

# A page that changed is fetched whole, and its new version cached.
get --cache "$cache" "$H/pages/mutable.md"
printf 'A new version.\n' >>"$root/mutable.md"
get --cache "$cache" --out "$tmp/o3" "$H/pages/mutable.md"
check "a changed page: 200 and the new bytes" sh -c \
    "grep -q 'status=200 cached=0' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/mutable.md'"
get --cache "$cache" --out "$tmp/o3" "$H/pages/mutable.md"
check "a changed page: then 304 with the new bytes" sh -c \
    "grep -q 'status=304 cached=1' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/mutable.md'"

# Entries the cache must not trust: a torn one, one with bad metadata.
entry() {
	python3 -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' "$1"
}
e=$cache/http/$(entry "$H/pages/seed.md?c=1")
# Cut inside the body, as a write stopped short would leave it.
head -c $(($(wc -c <"$e") - 1000)) "$e" >"$tmp/torn" && cat "$tmp/torn" >"$e"
reset
get --cache "$cache" --out "$tmp/o3" "$H/pages/seed.md?c=1"
check "a torn entry: one warning naming it" one_line \
    "tablog: $e: warning: cache entry ignored (body cut short); fetching $H/pages/seed.md?c=1 again"
check "a torn entry: fetched whole again, not conditionally" sh -c \
    "grep -q 'status=200 cached=0' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/seed.md'"
check "a torn entry: the server saw no condition" \
    stat_true "p['/pages/seed.md?c=1']['conditional'] == 0"
sed 's/^etag: /etg: /' "$e" >"$tmp/bad" && cat "$tmp/bad" >"$e"
get --cache "$cache" "$H/pages/seed.md?c=1"
check "bad metadata: ignored with a warning, fetched again" sh -c \
    "grep -q 'cache entry ignored (unknown metadata field)' '$tmp/err' && grep -q 'status=200 cached=0' '$tmp/out'"
get --cache "$cache" "$H/pages/seed.md?c=1"
check "bad metadata: the entry is whole again" sh -c \
    "grep -q 'status=304 cached=1' '$tmp/out' && [ ! -s '$tmp/err' ]"

# ---- HTTP errors, retries, Retry-After --------------------------------

get "$H/status/404"
check "404: exit 2" [ "$st" -eq 2 ]
check "404: one line" one_line "tablog: $H/status/404: error: HTTP 404"
check "404: not retried" stat_true "p['/status/404']['requests'] == 1"

reset
get --retry-cap 0.2 --out "$tmp/o3" "$H/flaky/seed.md?fails=2"
check "500 then 200: the page after three attempts" sh -c \
    "[ $st -eq 0 ] && grep -q 'ok status=200 cached=0 attempts=3' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/seed.md'"
check "500 then 200: the server saw 500, 500, 200" \
    stat_true "p['/flaky/seed.md?fails=2']['statuses'] == [500, 500, 200]"
get --retry-cap 0.2 --retries 2 "$H/flaky/seed.md?fails=9&code=503"
check "503 for ever: one line after the retries" one_line \
    "tablog: $H/flaky/seed.md?fails=9&code=503: error: HTTP 503 (3 attempts)"
check "503 for ever: as many requests as attempts" \
    stat_true "p['/flaky/seed.md?fails=9&code=503']['requests'] == 3"

# Backoff without Retry-After: 1 s, then 2 s.
get --retry-cap 10 "$H/flaky/seed.md?fails=2&t=backoff"
check "backoff: 1 s then 2 s between attempts" \
    stat_true "(lambda g: len(g) == 2 and 0.95 <= g[0] < 1.8 and 1.95 <= g[1] < 3)(t('/flaky/seed.md?fails=2&t=backoff'))"
# ... capped.
get --retry-cap 0.3 "$H/flaky/seed.md?fails=3&t=cap"
check "backoff: capped" \
    stat_true "(lambda g: len(g) == 3 and all(0.28 <= x < 0.9 for x in g))(t('/flaky/seed.md?fails=3&t=cap'))"

# Waits other than the first backoff's 1 s, so that they show.
get --retry-cap 5 "$H/busy/seed.md?after=2"
check "429 Retry-After: 2: the page" grep -q 'ok status=200 cached=0 attempts=2' "$tmp/out"
check "429 Retry-After: 2: waited 2 s, not much more" \
    stat_true "(lambda g: len(g) == 1 and 1.95 <= g[0] < 3.5)(t('/busy/seed.md?after=2'))"
# The date is whole seconds: 3 s on is 2 to 3 s from the answer.
get --retry-cap 5 "$H/busy/seed.md?after=3&date=1"
check "429 Retry-After as an HTTP date: the page" grep -q 'ok status=200' "$tmp/out"
check "429 Retry-After as an HTTP date: waited until then" \
    stat_true "(lambda g: len(g) == 1 and 1.95 <= g[0] < 4)(t('/busy/seed.md?after=3&date=1'))"
get --retry-cap 5 "$H/busy/seed.md?after=3600"
check "429 Retry-After beyond the cap: given up at once" sh -c \
    "[ $st -eq 2 ] && [ $ms -lt 2000 ]"
check "429 Retry-After beyond the cap: one line" one_line \
    "tablog: $H/busy/seed.md?after=3600: error: HTTP 429 (Retry-After 3600 s is over the 5 s limit)"

# ---- connection errors ------------------------------------------------

closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
get --retry-cap 0.1 "http://127.0.0.1:$closed/x"
check "a closed port: retried, one line" one_line \
    "tablog: http://127.0.0.1:$closed/x: error: cannot connect: Connection refused (4 attempts)"
get --retry-cap 0.1 "$H/hangup"
check "no answer: retried, one line" one_line \
    "tablog: $H/hangup: error: connection closed without a response (4 attempts)"
check "no answer: four requests" stat_true "p['/hangup']['requests'] == 4"

# ---- redirects --------------------------------------------------------

reset
get --out "$tmp/o3" "$H/chain/10"
check "10 redirects: followed" sh -c \
    "[ $st -eq 0 ] && grep -q 'final=$H/chain/0\$' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/seed.md'"
get "$H/chain/11"
check "11 redirects: one line" one_line \
    "tablog: $H/chain/11: error: more than 10 redirects"
check "11 redirects: the 11th redirect not requested" \
    stat_true "'/chain/0' not in p or p['/chain/0']['requests'] == 1"
get "$H/loop/a"
check "a redirect loop: one line" one_line \
    "tablog: $H/loop/a: error: more than 10 redirects"
check "a redirect loop: 11 requests, no more" \
    stat_true "p['/loop/a']['requests'] + p['/loop/b']['requests'] == 11"
get "$H/redirect?to=ftp://127.0.0.1/x"
check "a redirect to ftp: refused" one_line \
    "tablog: $H/redirect?to=ftp://127.0.0.1/x: error: redirect to ftp://127.0.0.1/x refused"
get "$H/redirect?to=file:///etc/passwd"
check "a redirect to file: refused" one_line \
    "tablog: $H/redirect?to=file:///etc/passwd: error: redirect to file:///etc/passwd refused"
get "$H/redirect?to=gopher://127.0.0.1/x"
check "a redirect to gopher: refused" one_line \
    "tablog: $H/redirect?to=gopher://127.0.0.1/x: error: redirect to gopher://127.0.0.1/x refused"
get "file:///etc/passwd" "ftp://127.0.0.1/x" "127.0.0.1:$port/pages/seed.md"
check "only http and https URLs" sh -c "[ $st -eq 2 ] && [ \"\$(grep -c ': error: only http:// and https:// URLs are fetched\$' '$tmp/err')\" -eq 2 ] && grep -q '^tablog: 127.0.0.1:$port/pages/seed.md: error: ' '$tmp/err' && [ \"\$(wc -l <'$tmp/err')\" -eq 3 ]"
get "$H/redirect?to=$S/pages/seed.md"
check "a redirect to https: TLS still verified" one_line \
    "tablog: $H/redirect?to=$S/pages/seed.md: error: TLS: certificate verify failed (self-signed certificate)"

# ---- slow servers -----------------------------------------------------

get --low-speed-time 2 "$H/drip?n=100"
check "a dripping body: fails in bounded time" sh -c "[ $st -eq 2 ] && [ $ms -lt 6000 ]"
check "a dripping body: one line" one_line \
    "tablog: $H/drip?n=100: error: timed out after 2 s: slower than 100 bytes/s for 2 s"
get --timeout 3 "$H/drip?n=100&t=total"
check "a dripping body, total timeout: one line" one_line \
    "tablog: $H/drip?n=100&t=total: error: timed out after 3 s"
check "a dripping body, total timeout: in about 3 s" between "$ms" 2900 5000
get --timeout 1 "$H/sleep?s=4"
check "no answer in time: one line" one_line \
    "tablog: $H/sleep?s=4: error: timed out after 1 s"
check "no answer in time: after about 1 s" between "$ms" 900 2500

# ---- sizes and encodings ----------------------------------------------

reset
size=$(wc -c <"$root/seed.md")
get --max-body "$size" "$H/pages/seed.md"
check "a body of exactly the limit: accepted" [ "$st" -eq 0 ]
get --max-body $((size - 1)) "$H/pages/seed.md?t=1"
check "a body one byte over the limit: one line" one_line \
    "tablog: $H/pages/seed.md?t=1: error: body larger than $((size - 1)) bytes"
get --max-body 1048576 "$H/big?size=67108864"
check "64 MiB announced, 1 MiB limit: one line" one_line \
    "tablog: $H/big?size=67108864: error: body larger than 1048576 bytes"
check "64 MiB announced: stopped at the headers" \
    says "$H/big?size=67108864" failed transferred=0
get --max-body 1048576 "$H/big?size=67108864&cl=0"
check "64 MiB unannounced: one line" one_line \
    "tablog: $H/big?size=67108864&cl=0: error: body larger than 1048576 bytes"
check "64 MiB unannounced: read stops soon after 1 MiB" sh -c \
    "n=\$(sed -n 's/.*transferred=\([0-9]*\).*/\1/p' '$tmp/out'); [ \$n -ge 1048576 ] && [ \$n -lt 1310720 ]"
check "64 MiB: the server could send little of it" \
    stat_true "p['/big?size=67108864']['body_bytes'] < 16 << 20 and p['/big?size=67108864&cl=0']['body_bytes'] < 16 << 20"
get --max-body 1048576 "$H/gzbomb?size=67108864"
check "a gzip bomb: stopped at the limit of decoded bytes" one_line \
    "tablog: $H/gzbomb?size=67108864: error: body larger than 1048576 bytes"

get --out "$tmp/o3" "$H/gzip/seed.md" "$H/deflate/seed.md"
check "gzip and deflate: the file's bytes" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/o3/0' '$root/seed.md' && cmp -s '$tmp/o3/1' '$root/seed.md'"
check "gzip and deflate: fewer bytes on the wire" \
    stat_true "0 < p['/gzip/seed.md']['body_bytes'] < $size / 2 and 0 < p['/deflate/seed.md']['body_bytes'] < $size / 2"
check "gzip: transferred counts the compressed bytes" sh -c \
    "n=\$(grep -F '$H/gzip/seed.md ' '$tmp/out' | sed 's/.*transferred=\([0-9]*\).*/\1/'); [ \$n -gt 0 ] && [ \$n -lt $size ]"
get "$H/badgzip"
check "a body that is not the gzip it claims: one line" sh -c \
    "[ $st -eq 2 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ] && grep -q '^tablog: $H/badgzip: error: bad compressed body (' '$tmp/err'"

get --out "$tmp/o3" "$H/charset/seed.md?cs=ISO-8859-1"
check "a wrong charset header: reported as sent, bytes untouched" sh -c \
    "grep -q ' charset=iso-8859-1 ' '$tmp/out' && cmp -s '$tmp/o3/0' '$root/seed.md'"

# ---- TLS --------------------------------------------------------------

get "$S/pages/seed.md"
check "TLS, self-signed, no cacert: refused, one line" one_line \
    "tablog: $S/pages/seed.md: error: TLS: certificate verify failed (self-signed certificate)"
get --cacert "$tmp/cert.pem" --out "$tmp/o3" "$S/pages/seed.md"
check "TLS with --cacert: accepted" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/o3/0' '$root/seed.md'"
get --cacert "$tmp/other.pem" "$S/pages/seed.md"
check "TLS with another CA: refused" sh -c \
    "[ $st -eq 2 ] && grep -q '^tablog: $S/pages/seed.md: error: TLS: certificate verify failed (' '$tmp/err'"
get --cacert "$tmp/missing.pem" "$S/pages/seed.md"
check "a missing cacert: one line naming it" one_line \
    "tablog: $tmp/missing.pem: error: cannot read CA certificates: No such file or directory"

# ---- politeness: per-host limit, delay --------------------------------

reset
urls=
for i in 1 2 3 4 5 6; do urls="$urls $H/pages/seed.md?delay=400&i=$i"; done
# shellcheck disable=SC2086
get $urls
check "per-host limit 2: all six fetched" [ "$st" -eq 0 ]
check "per-host limit 2: never more than 2 at once" stat_true "d['max_concurrent'] == 2"
reset
# shellcheck disable=SC2086
get --per-host 3 $urls
check "per-host limit 3: 3 at once (the count can see it)" \
    stat_true "d['max_concurrent'] == 3"
reset
get --per-host 4 --delay 0.3 "$H/pages/seed.md?d=1" "$H/pages/seed.md?d=2" \
    "$H/pages/seed.md?d=3" "$H/pages/seed.md?d=4"
check "--delay 0.3: starts 0.3 s apart (0.25 seen, for jitter)" \
    stat_true "(lambda s: len(s) == 4 and all(b - a >= 0.25 for a, b in zip(s, s[1:])))([a for a, b in d['starts']])"

# ---- proxies from the environment -------------------------------------

reset
# Exported and cleared again: "VAR=x function" may outlive the call.
http_proxy=$H
export http_proxy
get --out "$tmp/o3" "http://tablog-proxy-test.invalid/pages/seed.md"
unset http_proxy
check "http_proxy is honoured" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/o3/0' '$root/seed.md'"
check "http_proxy: the request came through the proxy" stat_true "d['proxied'] == 1"

# ---- a run killed during a fetch leaves a usable cache ----------------

kcache=$tmp/kcache
"$TOOL" get --cache "$kcache" "$H/pages/seed.md?k=1" "$H/pages/seed.html?k=1" \
    "$H/drip?n=100&k=1" >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 $pid
wait $pid 2>/dev/null
check "killed during a fetch: the cache is whole" cache_whole "$kcache"
check "killed during a fetch: the finished pages are cached" \
    [ "$(find "$kcache/http" -type f ! -name '.*' | wc -l)" -eq 2 ]
reset
get --cache "$kcache" "$H/pages/seed.md?k=1" "$H/pages/seed.html?k=1"
check "killed during a fetch: the next run revalidates (304)" sh -c \
    "[ $st -eq 0 ] && [ \"\$(grep -c 'status=304 cached=1' '$tmp/out')\" -eq 2 ] && [ ! -s '$tmp/err' ]"

# Killed at many moments while big bodies are being received and stored.
python3 -c '
import sys
for i in range(6):
    open(sys.argv[1] + "/big%d.bin" % i, "wb").write(bytes([65 + i]) * (3 << 20))
' "$root"
urls=
for i in 0 1 2 3 4 5; do urls="$urls $H/pages/big$i.bin"; done
torn=0
for delay in 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4 0.5 0.6; do
	rm -rf "$tmp/kc2"
	# shellcheck disable=SC2086
	"$TOOL" get --parallel 6 --per-host 6 --cache "$tmp/kc2" $urls \
	    >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	cache_whole "$tmp/kc2" || torn=$((torn + 1))
done
check "killed at ten moments: never a torn entry" [ $torn -eq 0 ]
mkdir "$tmp/o4"
# shellcheck disable=SC2086
get --cache "$tmp/kc2" --per-host 6 --out "$tmp/o4" $urls
check "killed at ten moments: the next run fetches every page" sh -c \
    "[ $st -eq 0 ] && cmp -s '$tmp/o4/0' '$root/big0.bin' && cmp -s '$tmp/o4/5' '$root/big5.bin' && [ ! -s '$tmp/err' ]"

# Killed in the middle of replacing an entry, at a known point: under a
# file size limit (ulimit -f, 1 or 2 MiB by the shell's unit) the kernel
# ends the process with SIGXFSZ partway through writing a 3 MiB entry.
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"a" * (3 << 20))' \
    "$root/grow.bin"
get --cache "$tmp/fz" "$H/pages/grow.bin"
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"b" * (3 << 20) + b"!")' \
    "$root/grow.bin"
# (In a shell of its own, whose report of the signal goes nowhere.)
sh -c 'ulimit -f 2048; "$@" >/dev/null' sh "$TOOL" get --cache "$tmp/fz" \
    "$H/pages/grow.bin" 2>/dev/null
st=$?
check "killed while writing an entry (SIGXFSZ)" [ $st -gt 128 ]
check "killed while writing an entry: the old entry is whole" \
    cache_whole "$tmp/fz"
mkdir "$tmp/o5"
get --cache "$tmp/fz" --out "$tmp/o5" "$H/pages/grow.bin"
check "killed while writing an entry: the next run gets the new version" \
    sh -c "[ $st -eq 0 ] && grep -q 'status=200 cached=0' '$tmp/out' && cmp -s '$tmp/o5/0' '$root/grow.bin' && [ ! -s '$tmp/err' ]"
check "killed while writing an entry: now cached whole" cache_whole "$tmp/fz"

# ---- the archive (src/git) --------------------------------------------

repo=$tmp/archive/pages.git
G() { git --git-dir "$repo" "$@"; }
commit() { "$TOOL" commit "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
printf 'first\n' >"$tmp/v1"
printf 'second\n' >"$tmp/v2"
commit "$repo" pages/seed.md "$tmp/v1" 1700000000 "$H/pages/seed.md

ETag: \"abc\"
Date: Tue, 14 Nov 2023 22:13:20 GMT"
check "archive: a new repository and a first commit" sh -c \
    "[ $st -eq 0 ] && [ \"\$(cat '$tmp/out')\" = committed ] && [ -f '$repo/HEAD' ]"
check "archive: it is bare, on main" sh -c \
    "[ \"\$(git --git-dir '$repo' rev-parse --is-bare-repository)\" = true ] && [ \"\$(git --git-dir '$repo' symbolic-ref HEAD)\" = refs/heads/main ]"
check "archive: dated by the fetch (author and committer)" \
    [ "$(G log -1 --format='%at %ct %an <%ae>')" = "1700000000 1700000000 tablog <tablog@localhost>" ]
check "archive: the message names URL, ETag and HTTP date" [ "$(G log -1 --format=%B)" = "$H/pages/seed.md

ETag: \"abc\"
Date: Tue, 14 Nov 2023 22:13:20 GMT" ]
check "archive: git show gives the bytes" sh -c \
    "git --git-dir '$repo' show HEAD:pages/seed.md | cmp -s - '$tmp/v1'"
commit "$repo" pages/seed.md "$tmp/v1" 1700000100 "again"
check "archive: identical bytes are not committed" sh -c \
    "[ $st -eq 0 ] && [ \"\$(cat '$tmp/out')\" = unchanged ] && [ \"\$(git --git-dir '$repo' rev-list --count HEAD)\" -eq 1 ]"
commit "$repo" pages/seed.md "$tmp/v2" 1700000200 "changed"
commit "$repo" other.md "$tmp/v1" 1700000300 "another page"
check "archive: new bytes, then another file: three commits" \
    [ "$(G rev-list --count HEAD)" -eq 3 ]
check "archive: each version where it belongs" sh -c \
    "git --git-dir '$repo' show HEAD:pages/seed.md | cmp -s - '$tmp/v2' &&
     git --git-dir '$repo' show HEAD~2:pages/seed.md | cmp -s - '$tmp/v1' &&
     git --git-dir '$repo' show HEAD:other.md | cmp -s - '$tmp/v1'"
check "archive: the tree holds both files, nothing else" \
    [ "$(G ls-tree -r --name-only HEAD | tr '\n' ' ')" = "other.md pages/seed.md " ]
check "archive: git fsck --strict finds nothing" sh -c \
    "git --git-dir '$repo' fsck --strict --no-dangling >/dev/null 2>&1 && [ -z \"\$(git --git-dir '$repo' fsck --strict 2>&1)\" ]"
"$TOOL" read "$repo" pages/seed.md >"$tmp/read" 2>"$tmp/err"
check "archive: the newest version read back" cmp -s "$tmp/read" "$tmp/v2"
"$TOOL" read "$repo" pages/none.md >"$tmp/read" 2>"$tmp/err"
st=$?
check "archive: a file it does not have" sh -c "[ $st -eq 1 ] && [ ! -s '$tmp/read' ]"
for bad in ../x .git/config pages//x /abs pages/./x ""; do
	commit "$repo" "$bad" "$tmp/v1" 1 m
	check "archive: path '$bad' refused" one_line \
	    "tablog: $repo: error: cannot archive '$bad': not a path inside a repository"
done
git init -q "$tmp/worktree"
commit "$tmp/worktree" a.md "$tmp/v1" 1 m
check "archive: a repository with a work tree is refused" one_line \
    "tablog: $tmp/worktree: error: the archive must be a bare repository (git init --bare); this one has a work tree"
mkdir "$tmp/notrepo" && echo x >"$tmp/notrepo/f"
commit "$tmp/notrepo" a.md "$tmp/v1" 1 m
check "archive: a folder of other things is not made a repository" sh -c \
    "[ $st -eq 2 ] && grep -q '^tablog: $tmp/notrepo: error: cannot open the archive: ' '$tmp/err' && [ ! -e '$tmp/notrepo/HEAD' ]"
mkdir "$tmp/empty"
commit "$tmp/empty" a.md "$tmp/v1" 1 m
check "archive: an empty folder becomes one" sh -c \
    "[ $st -eq 0 ] && git --git-dir '$tmp/empty' show HEAD:a.md | cmp -s - '$tmp/v1'"

# A lock file left by a killed run does not block the next one.
: >"$repo/refs/heads/main.lock"
commit "$repo" pages/seed.md "$tmp/v1" 1700000400 "after a stale lock"
check "archive: a stale branch lock is cleared" sh -c \
    "[ $st -eq 0 ] && [ ! -e '$repo/refs/heads/main.lock' ] && [ \"\$(git --git-dir '$repo' rev-list --count HEAD)\" -eq 4 ]"

# Killed again and again while committing.
krepo=$tmp/karchive
"$TOOL" commit "$krepo" p.md "$tmp/v1" 1 m >/dev/null 2>&1
bad=0
for delay in 0.02 0.05 0.08 0.11 0.14 0.17 0.2 0.23 0.26 0.3; do
	"$TOOL" commit-loop "$krepo" p.md 100000 >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	git --git-dir "$krepo" fsck --strict --no-dangling >/dev/null 2>&1 ||
	    bad=$((bad + 1))
	git --git-dir "$krepo" show HEAD:p.md 2>/dev/null | grep -q . ||
	    bad=$((bad + 1))
done
check "archive killed at ten moments: fsck clean, the tip readable" [ $bad -eq 0 ]
commit "$krepo" p.md "$tmp/v2" 1800000000 "after the kills"
check "archive killed at ten moments: the next commit works" sh -c \
    "[ $st -eq 0 ] && git --git-dir '$krepo' show HEAD:p.md | cmp -s - '$tmp/v2'"

# Killed in the middle of writing an object (SIGXFSZ, as for the cache):
# 3 MiB that do not compress.
python3 -c 'import os, sys; open(sys.argv[1], "wb").write(os.urandom(3 << 20))' \
    "$tmp/random"
sh -c 'ulimit -f 2048; "$@" >/dev/null' sh "$TOOL" commit "$krepo" big.bin \
    "$tmp/random" 1800000100 "big" 2>/dev/null
st=$?
check "archive killed while writing an object (SIGXFSZ)" [ $st -gt 128 ]
check "archive killed while writing an object: fsck clean, tip unchanged" \
    sh -c "git --git-dir '$krepo' fsck --strict --no-dangling >/dev/null 2>&1 &&
    [ \"\$(git --git-dir '$krepo' log -1 --format=%s)\" = 'after the kills' ]"
commit "$krepo" big.bin "$tmp/random" 1800000100 "big"
check "archive killed while writing an object: the next commit works" sh -c \
    "[ $st -eq 0 ] && git --git-dir '$krepo' show HEAD:big.bin | cmp -s - '$tmp/random' && git --git-dir '$krepo' show HEAD:p.md | cmp -s - '$tmp/v2'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
