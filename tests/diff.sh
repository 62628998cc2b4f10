#!/bin/sh
# tests/diff.sh - run the cases of tests/diff/ (and, given a folder, any
# folder laid out the same way) and end with "N passed, N failed".
#
# A case is NAME.args (tablog's arguments on one line), NAME.expected
# (standard output, written by hand after reading both pages) and
# optionally NAME.status (the exit status).  With STREAM=stderr, standard
# error is compared instead of standard output (tablog check prints its
# findings there).
#
# Cases read pages inside the repository.  Only a case over the whole
# corpus names ${SHARED} (../shared) in its arguments; it runs only when
# ../shared is present (tests/shared.sh), and paths under $SHARED in its
# output are written back as ${SHARED} before comparing.
TABLOG=${TABLOG:-./tablog}
LC_ALL=C
export LC_ALL
. "$(dirname "$0")/shared.sh"
dir=${1:-tests/diff}
passed=0
failed=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

for args_file in "$dir"/*.args; do
	[ -e "$args_file" ] || continue
	name=${args_file%.args}
	if grep -q '\${SHARED}' "$args_file" && ! shared_present; then
		echo "note: $SHARED not present: $name not run"
		continue
	fi
	args=$(sed "s|\${SHARED}|$SHARED|g" "$args_file")
	# shellcheck disable=SC2086
	$TABLOG $args >"$out" 2>"$err"
	status=$?
	got=$out
	[ "${STREAM:-stdout}" = stderr ] && got=$err
	want=$name.expected
	sed -i "s|$SHARED/|\${SHARED}/|g" "$got"
	ok=yes
	cmp -s "$got" "$want" || ok=no
	if [ -e "$name.status" ] && [ "$status" != "$(cat "$name.status")" ]; then
		ok=no
		echo "FAIL $name: exit status $status, expected $(cat "$name.status")"
	fi
	if [ $ok = yes ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $name: tablog $args"
		diff "$want" "$got" | head -n 20
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
