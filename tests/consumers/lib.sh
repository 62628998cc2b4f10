# tests/consumers/lib.sh - what the scripts that feed tablog's outputs to
# other programs share (consumers.sh, xlsx.sh, xss.sh), sourced with
# NAME set: the Python to use, a temporary folder W (tablog-NAME.XXXXXX,
# removed at exit) and the counted checks, each printing one line.
#
# The consumers' Python modules (feedparser, openpyxl) are Debian
# packages: PY prefers the system interpreter over whatever python3 comes
# first on PATH.
if [ -z "$PY" ]; then
	if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
fi

passed=0
failed=0
W=$(mktemp -d "${TMPDIR:-/tmp}/tablog-$NAME.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
trap 'exit 2' HUP INT TERM

ok()   { passed=$((passed + 1)); echo "ok: $1"; }
bad()  { failed=$((failed + 1)); echo "FAIL: $1"; }
skip() { echo "SKIP: $1 ($2)"; }
have() { command -v "$1" >/dev/null 2>&1; }

# check NAME COMMAND...: one counted check; its output is shown on failure.
check() {
	cname=$1; shift
	if "$@" >"$W/out" 2>&1; then
		ok "$cname"
	else
		bad "$cname"
		sed 's/^/    /' "$W/out" | head -n 40
	fi
}
