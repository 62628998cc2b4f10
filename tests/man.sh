#!/bin/sh
# tests/man.sh - the manual page: mandoc -Tlint finds nothing, it renders,
# and it names every subcommand and every long option tablog accepts
# (read from src/cli/main.c, so a new option without documentation fails).
# Ends with "N passed, N failed".  Run from the repository root.
page=man/tablog.1
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL man: $1"; }

if command -v mandoc >/dev/null 2>&1; then
	if mandoc -Tlint "$page" >"$out" 2>&1 && [ ! -s "$out" ]; then
		ok
	else
		fail "mandoc -Tlint $page"
		cat "$out"
	fi
	if mandoc -Tascii "$page" >"$out" 2>/dev/null && [ -s "$out" ]; then
		ok
	else
		fail "mandoc -Tascii $page renders nothing"
	fi
else
	echo "SKIP: mandoc not installed (mandoc -Tlint $page not run)"
fi

# Every long option of src/cli/main.c's option tables, as `.Fl -NAME`.
for opt in $(sed -n 's/^	{ "\([a-z-]*\)",.*/\1/p' src/cli/main.c | sort -u); do
	if grep -q "^\.It Fl.* Fl -$opt\( \|$\)\|^\.It Fl -$opt\( \|$\)" "$page"; then
		ok
	else
		fail "--$opt (src/cli/main.c) is not described in $page"
	fi
done
for cmd in convert build diff check; do
	if grep -q "^\.It Cm $cmd$" "$page"; then ok; else
		fail "subcommand $cmd is not described in $page"; fi
done
for word in NO_COLOR "EXIT STATUS" LIMITS "Template context" EXAMPLES; do
	if grep -q "$word" "$page"; then ok; else
		fail "$page has no $word"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
