#!/bin/sh
# tests/run.sh - run every test and end with one line: "N passed, N failed".
#
# Stages: cmocka unit tests (build/tests/test_*), the Mustache spec runner
# (tests/mustache-spec), the layering of src/ (tests/layers.sh), golden
# tests (tests/golden/cases.tsv), the real pages of tests/pages (each
# against its hand-written expectation), the test scripts below (tests/README.md says what each covers) and the corpus
# check (tests/corpus/expected.tsv).  Each stage prints its own counts;
# this script adds them up.  Run from the repository root.  TABLOG
# (default ./tablog) and B (default build) select what is tested.
#
# Everything reads files inside the repository, except the tests over the
# whole of ../shared (SHARED), which run only when it is present
# (tests/shared.sh); without it they are skipped, counted in neither
# total, and one "SKIP corpus: ..." line says so.

B=${B:-build}
TABLOG=${TABLOG:-./tablog}
. tests/shared.sh
export TABLOG B
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

add() { passed=$((passed + $1)); failed=$((failed + $2)); }

# A program that prints "N passed, N failed" as its last such line.
run_counted() {
	name=$1; shift
	"$@" >"$log" 2>&1
	status=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"
		echo "$name: FAILED (exit $status, no count)"
		add 0 1
		return
	fi
	p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -ne 0 ] && cat "$log"
	grep -E '^(mustache spec|SKIP)' "$log"
	echo "$name: $p passed, $f failed"
	add "$p" "$f"
}

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)...".
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" >"$log" 2>&1
	status=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}; f=${f:-0}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -ne 0 ] && cat "$log"
	echo "unit $name: $p passed, $f failed"
	add "$p" "$f"
done

if [ -x "$B/tests/mustache_spec" ]; then
	run_counted "mustache spec" "$B/tests/mustache_spec" tests/mustache-spec
fi
run_counted layers sh tests/layers.sh
run_counted golden sh tests/golden.sh
run_counted pages python3 tests/pages/check.py
run_counted cli sh tests/cli.sh
run_counted site sh tests/site.sh
run_counted site_history sh tests/site_history.sh
run_counted tidy sh tests/tidy.sh
run_counted readme sh tests/readme.sh
run_counted install sh tests/install.sh
run_counted man sh tests/man.sh
run_counted consumers sh tests/consumers.sh
run_counted xlsx sh tests/xlsx.sh
run_counted xss sh tests/xss.sh
run_counted a11y sh tests/a11y.sh
run_counted diff sh tests/diff.sh
run_counted history sh tests/history.sh
run_counted check sh tests/check.sh
run_counted bad sh tests/bad.sh
run_counted io sh tests/io.sh
run_counted fetch sh tests/fetch.sh
run_counted web sh tests/web.sh
run_counted linear sh tests/linear.sh
if ! shared_present; then
	echo "SKIP corpus: $SHARED not present"
elif [ -x "$B/tests/corpus_check" ]; then
	run_counted corpus "$B/tests/corpus_check" tests/corpus/expected.tsv "$SHARED/corpus"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
