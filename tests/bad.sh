#!/bin/sh
# tests/bad.sh - hostile and broken input: the documented exit code and
# one-line diagnostics, never a crash, a hang or a dump.
#
# Each case is tests/bad/NAME.t, lines of "key: value":
#   what:    what it tests (one line)
#   input:   the input file: in tests/bad/, or made in a temporary folder
#            by `sh tests/bad/NAME.gen PATH` when that script exists (big
#            inputs are generated, never committed); "-" reads `stdin:`
#   args:    arguments before the input (default none)
#   exit:    the expected exit status
#   err:     an ERE one line of standard error must match; @FILE@ stands
#            for the input's name as given
#   lines:   the most lines standard error may have
#   out:     an ERE one line of standard output must match
#   noout:   yes: standard output must be empty
#   big:     yes: skipped when BAD_SKIP_BIG=1 (make valgrind)
#   preload: open: run with tests/shim/failio.c failing open() on the
#            input (tests run as root, where chmod 000 does not stop reads)
#   ulimit:  KB of address space allowed: a case that must not read its
#            input into memory (not under sanitizers, which reserve more)
# Every line of standard error must look like
# "tablog: FILE[:LINE]: error|warning|note: MESSAGE", and a run may take
# at most BAD_TIMEOUT seconds (default 120).
TABLOG=${TABLOG:-./tablog}
B=${B:-build}
FAILIO=${FAILIO:-$B/tests/failio.so}
BAD_TIMEOUT=${BAD_TIMEOUT:-120}
here=$(pwd)
passed=0
failed=0
skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

# The cases run inside a folder, so make relative paths absolute; TABLOG
# may be a command with arguments (valgrind ... build/tablog).
abs() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$here" "$1" ;; esac; }
tl=
for w in $TABLOG; do
	case $w in */*) [ -e "$w" ] && w=$(abs "$w") ;; esac
	tl="$tl $w"
done
TABLOG=${tl# }
FAILIO=$(abs "$FAILIO")

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL bad: $*"; failed=$((failed + 1)); }

field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
# Escape a file name for use inside an ERE.
ere_quote() { printf '%s' "$1" | sed 's/[].[\\*^$()+?{}|]/\\&/g'; }

for t in tests/bad/*.t; do
	name=$(basename "$t" .t)
	what=$(field what "$t")
	input=$(field input "$t")
	args=$(field args "$t")
	want=$(field exit "$t")
	err=$(field err "$t")
	lines=$(field lines "$t")
	out=$(field out "$t")
	noout=$(field noout "$t")
	big=$(field big "$t")
	preload=$(field preload "$t")
	vlimit=$(field ulimit "$t")
	stdin=$(field stdin "$t")
	if [ -z "$what" ] || [ -z "$input" ] || [ -z "$want" ]; then
		fail "$name: the .t file needs what, input and exit"
		continue
	fi
	if [ "$big" = yes ] && [ -n "${BAD_SKIP_BIG-}" ]; then
		skipped=$((skipped + 1))
		continue
	fi
	dir=$here/tests/bad
	if [ -f "tests/bad/$name.gen" ]; then
		dir=$tmp/$name
		mkdir -p "$dir"
		if ! sh "tests/bad/$name.gen" "$dir/$input"; then
			fail "$name: generator failed"
			continue
		fi
	fi
	env=
	[ "$preload" = open ] && env="LD_PRELOAD=$FAILIO FAILIO_OPEN=/$input"
	[ -n "${TABLOG_SANITIZED-}" ] && vlimit=
	# shellcheck disable=SC2086
	(
		cd "$dir" || exit 125
		[ -n "$vlimit" ] && ulimit -v "$vlimit"
		if [ -n "$stdin" ]; then
			exec env $env timeout "$BAD_TIMEOUT" $TABLOG $args - <"$stdin"
		fi
		exec env $env timeout "$BAD_TIMEOUT" $TABLOG $args "$dir/$input" </dev/null
	) >"$tmp/out" 2>"$tmp/err"
	st=$?
	# Diagnostics name the input as given: the full path.
	shown=$dir/$input
	[ -n "$stdin" ] && shown=-
	pat=$(printf '%s' "$err" | sed "s|@FILE@|$(ere_quote "$shown" | sed 's/[|&]/\\&/g')|g")
	problems=
	if [ "$st" -eq 124 ]; then
		problems="timed out after ${BAD_TIMEOUT}s"
	elif [ "$st" -ge 128 ]; then
		problems="killed by signal $((st - 128))"
	elif [ "$st" -ne "$want" ]; then
		problems="exit $st, want $want"
	fi
	if grep -Evq '^tablog: ([^ ].*: )?(error|warning|note): [^ ].*$' "$tmp/err"; then
		problems="$problems; a stderr line is not one diagnostic"
	fi
	# Page text quoted in a message must not bring terminal escapes.
	if LC_ALL=C tr -d '\n' <"$tmp/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		problems="$problems; a control character on stderr"
	fi
	n=$(wc -l <"$tmp/err")
	if [ -n "$lines" ] && [ "$n" -gt "$lines" ]; then
		problems="$problems; $n stderr lines, at most $lines"
	fi
	if [ -n "$err" ] && ! grep -Eq -- "$pat" "$tmp/err"; then
		problems="$problems; no stderr line matches /$err/"
	fi
	if [ -n "$out" ] && ! LC_ALL=C grep -Eq -- "$out" "$tmp/out"; then
		problems="$problems; no stdout line matches /$out/"
	fi
	if [ "$noout" = yes ] && [ -s "$tmp/out" ]; then
		problems="$problems; standard output not empty"
	fi
	if [ -n "$problems" ]; then
		fail "$name ($what): ${problems#; }"
		head -c 600 "$tmp/err" | head -n 5 | sed 's/^/	stderr: /'
	else
		ok
	fi
done
[ "$skipped" -gt 0 ] && echo "bad: skipped $skipped big cases (BAD_SKIP_BIG)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
