#!/bin/sh
# tests/golden.sh - compare tablog's output with hand-checked files.
#
# Each line of tests/golden/cases.tsv is "EXPECTED<TAB>ARGUMENTS": run
# tablog with ARGUMENTS and compare standard output with
# tests/golden/EXPECTED byte for byte.  Every page a case reads is in the
# repository (input/, tests/golden/), and so is every path its expected
# output names.
TABLOG=${TABLOG:-./tablog}
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

while IFS='	' read -r expected args; do
	case $expected in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	if $TABLOG $args >"$out" 2>/dev/null && cmp -s "$out" "tests/golden/$expected"; then
		passed=$((passed + 1))
	else
		echo "FAIL golden: tablog $args (expected tests/golden/$expected)"
		diff "tests/golden/$expected" "$out" | head -n 20
		failed=$((failed + 1))
	fi
done < tests/golden/cases.tsv
echo "$passed passed, $failed failed"
