#!/bin/sh
# tests/layers.sh - the source tree keeps its layers (docs/design.md
# "Source tree"): every #include "..." under src/ is read and checked
# against the rule, one test per include line.
#
# The rule: a folder of src/ includes project headers only from itself and
# from the folders below it, in this order, bottom up (folders on one level,
# written "a, b", are siblings and may not include each other):
#
ORDER='base < model < read, normalise, fetch, git < load < template < write < diff, check < history < site < lib < cli'
#
# Every project include names its folder ("base/buf.h"); the public header
# include/tablog.h ("tablog.h") is included by lib/ and cli/ only.
#
# cli/ is a client of the library like any other program: it includes
# "tablog.h" and its own headers, nothing else of the project.
#
# Run from the repository root; SRC (default src) is the tree to check.
SRC=${SRC:-src}
DESIGN=${DESIGN:-docs/design.md}
passed=0
failed=0

# The order must be the one docs/design.md states, word for word.
if grep -qF "$ORDER" "$DESIGN"; then
	passed=$((passed + 1))
else
	echo "FAIL layers: $DESIGN does not state the order this test checks: $ORDER"
	failed=$((failed + 1))
fi

files=$(find "$SRC" -name '*.[ch]' | sort)
if [ -z "$files" ]; then
	echo "FAIL layers: no sources under $SRC"
	echo "0 passed, 1 failed"
	exit 1
fi

# One line per include checked: "ok" or "FAIL ..."; folders of src/ that
# hold sources but have no place in the order fail too.
# shellcheck disable=SC2086
out=$(awk -v order="$ORDER" -v src="$SRC" '
BEGIN {
	n = split(order, levels, /[ \t]*<[ \t]*/)
	for (i = 1; i <= n; i++) {
		m = split(levels[i], names, /[ \t]*,[ \t]*/)
		for (k = 1; k <= m; k++)
			level[names[k]] = i
	}
	rule = "a folder includes only itself and the folders below it: " order
}
FNR == 1 {
	rel = substr(FILENAME, length(src) + 2)
	slash = index(rel, "/")
	folder = slash ? substr(rel, 1, slash - 1) : ""
	if (folder == "" || !(folder in level)) {
		printf "FAIL layers: %s: %s has no place in the order (%s)\n",
		    FILENAME, folder == "" ? "a file outside any folder" : \
		    "folder " folder "/", order
	}
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
	inc = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*"/, "", inc)
	sub(/".*/, "", inc)
	where = FILENAME ":" FNR ": " folder "/ includes \"" inc "\""
	if (!(folder in level))
		next
	if (inc == "tablog.h") {
		if (folder == "lib" || folder == "cli")
			print "ok"
		else
			print "FAIL layers: " where ": only lib/ and cli/ " \
			    "include the public header"
		next
	}
	slash = index(inc, "/")
	to = slash ? substr(inc, 1, slash - 1) : ""
	if (to == "" || !(to in level)) {
		print "FAIL layers: " where ": a project include names " \
		    "its folder of src/ (\"base/buf.h\")"
		next
	}
	if (to == folder) {
		print "ok"
	} else if (folder == "cli") {
		print "FAIL layers: " where ": cli/ includes only " \
		    "\"tablog.h\" and its own headers, not " to "/"
	} else if (level[to] < level[folder]) {
		print "ok"
	} else if (level[to] == level[folder]) {
		print "FAIL layers: " where ": " to "/ is a sibling of " \
		    folder "/; " rule
	} else {
		print "FAIL layers: " where ": " to "/ is above " folder \
		    "/; " rule
	}
}
' $files)

ok=$(printf '%s\n' "$out" | grep -c '^ok$')
bad=$(printf '%s\n' "$out" | grep -c '^FAIL')
printf '%s\n' "$out" | grep '^FAIL'
passed=$((passed + ok))
failed=$((failed + bad))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
