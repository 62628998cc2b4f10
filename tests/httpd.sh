# tests/httpd.sh - sourced by tests/fetch.sh and tests/web.sh: what both
# need to test against the local web server (tests/tools/httpd.py, on
# 127.0.0.1 only), and the helpers that read what it counted.
#
# Set NAME (the test's name in FAIL lines) before sourcing.  Sourcing
# makes $tmp, a folder removed when the script ends (with the server
# killed), the counters passed and failed with ok, fail NAME and check
# NAME COMMAND..., and ends the script with "0 passed, 1 failed" when
# python3, openssl or git is missing (make deps-test installs them).
# Proxy variables are cleared, so nothing a test fetches goes anywhere
# but 127.0.0.1.
#
#   httpd_start ROOT       serve ROOT: plain HTTP at $H (port $port) and
#                          TLS at $S (port $tport) with a certificate made
#                          for the run ($tmp/cert.pem; $tmp/other.pem is a
#                          CA that did not sign it); $server is its pid.
#                          Fails (saying why) if it did not start.
#   stats EXPR             a Python expression over the server's /__stats:
#                          d is all of it, p its counts per request target,
#                          t(TARGET) the gaps between the requests' starts
#   stat_true EXPR         succeeds when EXPR is True
#   reset                  the server forgets what it counted
#   cache_whole DIR        succeeds when every entry of the fetch cache in
#                          DIR is whole (docs/design.md "Fetching"),
#                          checked by Python, not by the code under test
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY

passed=0
failed=0
tmp=$(mktemp -d)
server=
httpd_cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap httpd_cleanup EXIT
trap 'exit 2' INT TERM

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $NAME: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

for need in python3 openssl git; do
	if ! command -v "$need" >/dev/null 2>&1; then
		echo "$NAME: $need is missing (as root: make deps-test)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

httpd_start() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
	    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	    >/dev/null 2>&1
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -keyout "$tmp/other-key.pem" -out "$tmp/other.pem" -days 2 \
	    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	    >/dev/null 2>&1
	: >"$tmp/ports"
	python3 tests/tools/httpd.py "$1" --tls "$tmp/cert.pem" \
	    "$tmp/key.pem" >"$tmp/ports" 2>"$tmp/httpd.log" &
	server=$!
	i=0
	while [ "$(wc -l <"$tmp/ports")" -lt 2 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(sed -n 's/^http //p' "$tmp/ports")
	tport=$(sed -n 's/^https //p' "$tmp/ports")
	if [ -z "$port" ] || [ -z "$tport" ]; then
		cat "$tmp/httpd.log"
		echo "the test server did not start"
		return 1
	fi
	H=http://127.0.0.1:$port
	S=https://127.0.0.1:$tport
}

stats() {
	python3 - "$H/__stats" "$1" <<'EOF'
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1]))
p = d["paths"]
def t(target):
    s = [a for a, b in d["starts"] if b == target]
    return [round(y - x, 3) for x, y in zip(s, s[1:])]
print(eval(sys.argv[2]))
EOF
}
stat_true() { [ "$(stats "$1")" = True ]; }
reset() { python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" "$H/__reset"; }

cache_whole() {
	python3 - "$1" <<'EOF'
import hashlib, os, sys
d = os.path.join(sys.argv[1], "http")
bad = 0
for name in os.listdir(d) if os.path.isdir(d) else []:
    if name.startswith("."):
        continue                  # a temporary: never read as an entry
    data = open(os.path.join(d, name), "rb").read()
    head, sep, body = data.partition(b"\n\n")
    lines = head.split(b"\n")
    meta = dict(l.split(b": ", 1) for l in lines[1:])
    ok = (sep and lines[0] == b"tablog-cache 1" and
          hashlib.sha256(meta[b"url"]).hexdigest() == name and
          int(meta[b"length"]) == len(body) and
          hashlib.sha256(body).hexdigest().encode() == meta[b"sha256"])
    if not ok:
        print("torn cache entry:", name)
        bad += 1
sys.exit(1 if bad else 0)
EOF
}
