#!/bin/sh
# tests/readme.sh - the README cannot drift: every command in a ```console
# block of README.md is run from the repository root and its output
# (standard output and error, CRs at line ends dropped) compared with the
# lines shown under it, up to the next "$ " line or the end of the block.
TABLOG=${TABLOG:-./tablog}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" /tmp/tablog-tour /tmp/tablog-site /tmp/tablog-history' EXIT
rm -rf /tmp/tablog-tour /tmp/tablog-site /tmp/tablog-history

# `tablog` in the README is the binary under test.
mkdir "$tmp/bin"
case $TABLOG in
/*) ln -s "$TABLOG" "$tmp/bin/tablog" ;;
*) ln -s "$PWD/$TABLOG" "$tmp/bin/tablog" ;;
esac

# Split README.md into numbered command and expected-output files.
awk -v dir="$tmp" '
	/^```console$/ { inblock = 1; next }
	/^```/ && inblock { inblock = 0; next }
	inblock && /^\$ / { n++; print substr($0, 3) > (dir "/" n ".cmd");
		printf "" > (dir "/" n ".want"); next }
	inblock && n { print > (dir "/" n ".want") }
' README.md

n=1
while [ -f "$tmp/$n.cmd" ]; do
	PATH="$tmp/bin:$PATH" sh -c "$(cat "$tmp/$n.cmd")" 2>&1 | tr -d '\r' >"$tmp/$n.got"
	if cmp -s "$tmp/$n.want" "$tmp/$n.got"; then
		passed=$((passed + 1))
	else
		echo "FAIL readme: \$ $(cat "$tmp/$n.cmd")"
		diff "$tmp/$n.want" "$tmp/$n.got" | head -n 10
		failed=$((failed + 1))
	fi
	n=$((n + 1))
done
[ "$n" -gt 1 ] || { echo "FAIL readme: no console blocks found"; failed=1; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
