#!/bin/sh
# tests/a11y.sh - the site `make run` builds, in a real browser: axe-core
# (npm) in Debian's Chromium through puppeteer-core (npm), on the index,
# the model page's table and changelog, the site changelog, the
# permission index and a permission page, light and dark, desktop and
# phone: 0 violations; no page scrolls sideways on a phone; the filter
# works with the keyboard and the page works without script
# (tests/a11y/check.js).  One browser for everything.
#
# The npm packages are installed from tests/a11y/package-lock.json (npm
# ci) into tests/a11y/node_modules, once.  Without npm, node, Chromium or
# the registry, one "SKIP a11y: ..." line says so and nothing fails.
# Ends with "N passed, N failed".  Run from the repository root.
TABLOG=${TABLOG:-./tablog}
case $TABLOG in /*) ;; *) TABLOG=$(pwd)/$TABLOG ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
A=$(pwd)/tests/a11y

skip() {
	echo "SKIP a11y: $*"
	echo "0 passed, 0 failed"
	exit 0
}

command -v node >/dev/null 2>&1 || skip "no node (make deps-consumers)"
command -v npm >/dev/null 2>&1 || skip "no npm (make deps-consumers)"
[ -x "$CHROMIUM" ] || skip "no Chromium at $CHROMIUM (make deps-consumers)"
# npm ci again only when the lock file changed since the last install.
if [ ! -f "$A/node_modules/.package-lock.json" ] ||
    [ "$A/package-lock.json" -nt "$A/node_modules/.package-lock.json" ]; then
	(cd "$A" && npm ci --no-audit --no-fund --loglevel=error \
	    >/dev/null 2>&1) ||
	    skip "npm ci failed in tests/a11y (no registry?)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The site of `make run`.
if ! "$TABLOG" build -q input -o "$tmp/site"; then
	echo "FAIL: a11y: tablog build input"
	echo "0 passed, 1 failed"
	exit 1
fi
P=cloud-backup-for-azure
node "$A/check.js" "$tmp/site" "$P/index.html" \
    index.html "$P/index.html" "$P/changelog.html" changelog.html \
    permissions/index.html permissions/auditlog-read-all/index.html
