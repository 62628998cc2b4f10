#!/bin/sh
# tests/man.sh - the manual page: mandoc -Tlint finds nothing, it renders,
# and it names every subcommand, every long option tablog accepts (read
# from the option tables of src/cli/*.c, one file per subcommand plus the
# shared groups, so a new option without documentation fails) and every
# diagnostic kind (src/base/diag_kind.c).
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

# Every long option of the option tables in src/cli/, as `.Fl -NAME`.
opts=$(sed -n 's/^	{ "\([a-z-]*\)",.*/\1/p' src/cli/*.c | sort -u)
if [ "$(echo "$opts" | wc -w)" -lt 20 ]; then
	fail "found only $(echo "$opts" | wc -w) options in src/cli/*.c"
fi
for opt in $opts; do
	if grep -q "^\.It Fl.* Fl -$opt\( \|$\)\|^\.It Fl -$opt\( \|$\)" "$page"; then
		ok
	else
		fail "--$opt (src/cli/) is not described in $page"
	fi
done
# Every subcommand main.c lists.
cmds=$(sed -n '/^const struct cli_command \*const cli_commands/,/};/p' \
    src/cli/main.c | grep -o '&cli_[a-z]*' | sed 's/&cli_//')
if [ "$(echo "$cmds" | wc -w)" -lt 5 ]; then
	fail "found only $(echo "$cmds" | wc -w) subcommands in src/cli/main.c"
fi
for cmd in $cmds; do
	if grep -q "^\.It Cm $cmd$" "$page"; then ok; else
		fail "subcommand $cmd is not described in $page"; fi
done
# Every diagnostic kind, in DIAGNOSTICS.
kinds=$(sed -n '/^static const char \*const names\[\]/,/};/p' \
    src/base/diag_kind.c | grep -o '"[a-z0-9-]*"' | tr -d '"')
if [ "$(echo "$kinds" | wc -w)" -lt 20 ]; then
	fail "found only $(echo "$kinds" | wc -w) kinds in src/base/diag_kind.c"
fi
for kind in $kinds; do
	if sed -n '/^\.Sh DIAGNOSTICS/,/^\.Sh /p' "$page" | grep -q "^\.It Cm $kind$"
	then ok; else
		fail "diagnostic kind $kind is not described in $page"; fi
done
for word in NO_COLOR "EXIT STATUS" LIMITS "Template context" EXAMPLES; do
	if grep -q "$word" "$page"; then ok; else
		fail "$page has no $word"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
