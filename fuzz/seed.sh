#!/bin/sh
# fuzz/seed.sh - build the seed corpora fuzz/corpus-<harness>/ from the
# tests, the real pages and the Mustache spec (tests/mustache-spec).
# usage: sh fuzz/seed.sh [SHARED]   (SHARED defaults to ../shared)
# Real pages: the whole corpus in SHARED when it is there, else the
# repository's own (input/ and the copies in tests/data/).
# The folders are rebuilt from scratch each time (they are gitignored);
# what libFuzzer adds to them during a run is kept until the next seeding
# only if FUZZ_KEEP=1.  Needs python3 for the spec (skipped without it).
set -e
cd "$(dirname "$0")/.."
shared=${1:-${SHARED:-../shared}}
# Left unquoted below, so that the patterns expand (no names with spaces).
own=
[ -d "$shared/corpus" ] || own="input/*.md tests/data/*.md"

# Copy a file into a corpus folder under a name made from its path.
put() {	# put DIR FILE
	[ -f "$2" ] || return 0
	cp "$2" "$1/$(printf '%s' "$2" | tr -c 'A-Za-z0-9._-' '_' | tail -c 120)"
}

for h in html md cells template diff state; do
	d=fuzz/corpus-$h
	[ "${FUZZ_KEEP:-0}" = 1 ] || rm -rf "$d"
	mkdir -p "$d"
	if [ -d fuzz/seeds/$h ]; then
		for f in fuzz/seeds/$h/*; do put "$d" "$f"; done
	fi
done

# Pages: HTML to the HTML reader, Markdown to the Markdown reader, both
# to diff (as OLD and NEW of the same page, and paired versions).
for f in tests/html/*.html tests/golden/*.html tests/diff/*.html \
    tests/bad/*.html tests/bad/*.htm; do
	put fuzz/corpus-html "$f"
done
for f in tests/golden/*.md tests/diff/*.md tests/check/*.md \
    tests/bad/*.md "$shared"/corpus/*/*.md $own; do
	put fuzz/corpus-md "$f"
done
for f in tests/golden/*.csv tests/golden/*.json tests/bad/*.txt; do
	put fuzz/corpus-md "$f"
done
n=0
for f in tests/golden/seed.html tests/diff/*.old.* \
    "$shared"/corpus/seed/*.md "$shared"/corpus/github/*.md $own; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	# The page against itself, and against the next version (diff pairs
	# in tests/diff/ and the @commit pairs of the real pages).
	{ cat "$f"; printf '\0'; cat "$f"; } >fuzz/corpus-diff/self-$n
	case $f in
	*.old.*)
		new=$(ls "${f%%.old.*}".new.* 2>/dev/null | head -n 1) ;;
	*@*)
		new=$(ls "${f%%@*}"@*.md | grep -v -F "$f" | head -n 1) ;;
	*)	new= ;;
	esac
	if [ -n "$new" ] && [ -f "$new" ]; then
		{ cat "$f"; printf '\0'; cat "$new"; } >fuzz/corpus-diff/pair-$n
	fi
done
# One cross-format pair: HTML old, Markdown new.
if [ -f tests/diff/cross.old.html ] && [ -f tests/diff/alias.new.md ]; then
	{ cat tests/diff/cross.old.html; printf '\0'; \
	    cat tests/diff/alias.new.md; } >fuzz/corpus-diff/cross
fi

# Cells: every table cell of the seed page and the test pages, one a file
# (headers, permissions, dates as written).
for f in "$shared"/corpus/seed/*.md "$shared"/corpus/github/*.md \
    "$shared"/corpus/avepoint/*.md $own; do
	[ -f "$f" ] || continue
	grep '^|' "$f" | tr '|' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^-*$'
done | sort -u | head -n 3000 | awk -v d=fuzz/corpus-cells '
	{ f = sprintf("%s/cell-%05d", d, NR); printf "%s", $0 > f; close(f) }'

# Templates: the built-in ones, and every test of the Mustache spec with
# its partials appended as "\001NAME=SOURCE".
for f in templates/*; do
	case $f in *.sh) continue ;; esac
	put fuzz/corpus-template "$f"
done
if command -v python3 >/dev/null 2>&1; then
	python3 - tests/mustache-spec fuzz/corpus-template <<'PY'
import json, os, sys
spec, out = sys.argv[1], sys.argv[2]
n = 0
for name in sorted(os.listdir(spec)):
    if not name.endswith(".json"):
        continue
    with open(os.path.join(spec, name), encoding="utf-8") as fp:
        for test in json.load(fp).get("tests", []):
            data = test["template"]
            for pname, psrc in sorted(test.get("partials", {}).items()):
                data += "\x01" + pname + "=" + psrc
            n += 1
            with open(os.path.join(out, "spec-%03d" % n), "wb") as fp2:
                fp2.write(data.encode("utf-8"))
PY
fi

for h in html md cells template diff state; do
	echo "seeded fuzz/corpus-$h: $(ls fuzz/corpus-$h | wc -l) files"
done
