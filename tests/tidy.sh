#!/bin/sh
# tests/tidy.sh - `tablog build` removes what an earlier build wrote and
# this one no longer writes, through OUTDIR/.tablog-manifest, and nothing
# else: not a file the user added or changed, not through a symbolic
# link, and a hostile manifest (`..`, an absolute path, a hidden name, a
# symbolic link as the manifest) stops the build before anything is
# written or removed.  Expected outcomes are written by hand.
TABLOG=${TABLOG:-./tablog}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL tidy: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

row='| API | Permission | Type |\n|---|---|---|\n| Microsoft Graph | %s | Application |\n'
mkdir "$tmp/in"
printf "# Alpha\n\n$row" Alpha.Read >"$tmp/in/alpha.md"
printf "# Beta\n\n$row" Beta.Read >"$tmp/in/beta.md"
O=$tmp/out
"$TABLOG" build -q "$tmp/in" -o "$O"
check "first build: exit 0" [ $? -eq 0 ]
check "first build: a manifest" grep -qx 'tablog-manifest 1' "$O/.tablog-manifest"
check "manifest lists beta's folder" grep -qx 'd beta' "$O/.tablog-manifest"
check "manifest lists beta's permission" grep -qx 'd permissions/beta-read' "$O/.tablog-manifest"
check "manifest lists beta's files with their digest" \
	grep -qx "f $(sha256sum <"$O/beta/index.html" | cut -d' ' -f1) beta/index.html" "$O/.tablog-manifest"

# A page gone from INDIR: its folder and its permission's page go too.
rm "$tmp/in/beta.md"
"$TABLOG" build -q "$tmp/in" -o "$O"
check "page removed: exit 0" [ $? -eq 0 ]
check "page removed: its folder is gone" [ ! -e "$O/beta" ]
check "page removed: its permission's page is gone" [ ! -e "$O/permissions/beta-read" ]
check "page removed: the other page stays" [ -s "$O/alpha/index.html" ]
check "page removed: no longer listed" sh -c '! grep -q " beta" "$1"' - "$O/.tablog-manifest"

# A file the user added in a page's folder, one the user changed, a file
# of the user's at the top: they stay, and so does the folder.
printf "# Beta\n\n$row" Beta.Read >"$tmp/in/beta.md"
"$TABLOG" build -q "$tmp/in" -o "$O"
echo mine >"$O/beta/notes.txt"
echo mine >"$O/mine.html"
echo edited >>"$O/beta/table.md"
rm "$tmp/in/beta.md"
"$TABLOG" build "$tmp/in" -o "$O" 2>"$tmp/err"
check "user's files: exit 0" [ $? -eq 0 ]
check "user's files: the added file stays" [ "$(cat "$O/beta/notes.txt")" = mine ]
check "user's files: the top file stays" [ "$(cat "$O/mine.html")" = mine ]
check "user's files: the changed file stays" grep -q '^edited$' "$O/beta/table.md"
check "user's files: the changed file is named" grep -q "beta/table.md: warning: not removed: changed since tablog wrote it" "$tmp/err"
check "user's files: tablog's own files in that folder go" [ ! -e "$O/beta/index.html" ] && [ ! -e "$O/beta/table.csv" ]
check "user's files: the folder stays, still listed" grep -qx 'd beta' "$O/.tablog-manifest"
rm "$O/beta/notes.txt" "$O/beta/table.md"
"$TABLOG" build -q "$tmp/in" -o "$O"
check "user's files gone: the folder goes next time" [ ! -e "$O/beta" ]

# A symbolic link where tablog's folder was: nothing is removed through
# it, whatever the manifest says of the files behind it.
mkdir -p "$tmp/elsewhere"
printf "# Beta\n\n$row" Beta.Read >"$tmp/in/beta.md"
"$TABLOG" build -q "$tmp/in" -o "$O"
cp -r "$O/beta/." "$tmp/elsewhere/"
rm -r "$O/beta"
ln -s "$tmp/elsewhere" "$O/beta"
rm "$tmp/in/beta.md"
"$TABLOG" build -q "$tmp/in" -o "$O"
check "link: the files behind it stay" [ -s "$tmp/elsewhere/index.html" ] && [ -s "$tmp/elsewhere/table.csv" ]
check "link: the link stays" [ -L "$O/beta" ]
rm "$O/beta"

# Hostile manifests: one error naming the file, exit 2, nothing written
# or removed.
hostile() {
	what=$1; shift
	rm -rf "$tmp/h"
	mkdir -p "$tmp/h/out" "$tmp/h/victim"
	echo precious >"$tmp/h/victim/index.html"
	echo precious >"$tmp/h/out/keep.html"
	sum=$(sha256sum <"$tmp/h/victim/index.html" | cut -d' ' -f1)
	ksum=$(sha256sum <"$tmp/h/out/keep.html" | cut -d' ' -f1)
	# shellcheck disable=SC2059
	printf "tablog-manifest 1\n$1" "$sum" "$ksum" >"$tmp/h/out/.tablog-manifest"
	cp "$tmp/h/out/.tablog-manifest" "$tmp/h/manifest.before"
	"$TABLOG" build -q "$tmp/in" -o "$tmp/h/out" 2>"$tmp/err"
	check "$what: exit 2" [ $? -eq 2 ]
	check "$what: one error naming the manifest" [ "$(grep -c "^tablog: $tmp/h/out/.tablog-manifest:[0-9]*: error: not a usable tablog manifest" "$tmp/err")" -eq 1 ]
	check "$what: nothing outside OUTDIR removed" [ "$(cat "$tmp/h/victim/index.html")" = precious ]
	check "$what: the user's file stays" [ "$(cat "$tmp/h/out/keep.html")" = precious ]
	check "$what: nothing written" [ "$(ls "$tmp/h/out")" = keep.html ]
	check "$what: the manifest is left as it was" cmp -s "$tmp/h/manifest.before" "$tmp/h/out/.tablog-manifest"
}
hostile "manifest with ../" 'f %s ../victim/index.html\nd ../victim\n'
hostile "manifest with an absolute path" "f %s $tmp/h/victim/index.html\n"
hostile "manifest with a hidden name" '%.0s%.0sd .git\n'
hostile "manifest with . as a name" 'f %s ./keep.html\n'
hostile "manifest with an empty name" 'f %s alpha//index.html\n'
hostile "manifest with a bad digest" 'f %.10s alpha/index.html\n'
hostile "manifest naming a file tablog never writes" 'f %.0s%s keep.html\n'
# A manifest that is a symbolic link is not read.
rm -rf "$tmp/h"
mkdir -p "$tmp/h/out"
printf 'tablog-manifest 1\n' >"$tmp/h/elsewhere-manifest"
ln -s "$tmp/h/elsewhere-manifest" "$tmp/h/out/.tablog-manifest"
"$TABLOG" build -q "$tmp/in" -o "$tmp/h/out" 2>"$tmp/err"
check "manifest as a symbolic link: exit 2" [ $? -eq 2 ]
check "manifest as a symbolic link: left as it is" [ -L "$tmp/h/out/.tablog-manifest" ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
