#!/bin/sh
# tests/io.sh - output is never torn or lost.
#
# Every file tablog writes is written to a temporary beside it and renamed
# into place when complete (src/base/output.c).  These tests make writing
# fail (a full /dev/full, and an LD_PRELOAD shim, tests/shim/failio.c,
# that fails open/mkdir/fclose/rename and their *at forms on request,
# since as root chmod cannot take write permission away), kill a build
# halfway, and check that every file is then either the old version or
# the new one, byte for byte, and no temporary is left behind; interrupt
# a build and check that its temporaries went with it.  Also: what -o
# finds at its path (a device, a FIFO, someone's file, a link) is never
# harmed, and symbolic links under INDIR are followed only with
# --follow-links.
#
# TABLOG (default ./tablog) is the binary; FAILIO (default
# $B/tests/failio.so, built by `make B=... failio`) is the shim.
TABLOG=${TABLOG:-./tablog}
B=${B:-build}
FAILIO=${FAILIO:-$B/tests/failio.so}
SEED=input/cloud-backup-for-azure.md
passed=0
failed=0
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# ASan wants its runtime first; the shim is preloaded before it.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL io: $*"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

case $FAILIO in /*) ;; *) FAILIO=$(pwd)/$FAILIO ;; esac
if [ ! -f "$FAILIO" ]; then
	echo "io: shim $FAILIO missing (make B=$B failio)"
	echo "0 passed, 1 failed"
	exit 1
fi

# Run tablog: status in $st, stdout in $tmp/out, stderr in $tmp/err.
run() { "$TABLOG" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
# The same with the shim; the first arguments are VAR=VALUE settings.
run_failing() {
	env LD_PRELOAD="$FAILIO" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?
}
one_error_line() {
	[ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	    grep -Eq "^tablog: (.*: )?error: .*$1" "$tmp/err"
}
# Folders A and B hold the same files, byte for byte.
same_tree() { diff -r "$1" "$2" >/dev/null 2>&1; }
no_temporaries() { [ -z "$(find "$1" -name '.*.tmp-*' | head -n 1)" ]; }
# Every file under DIR is the file of the same name under OLD or NEW,
# and every file of NEW is there (a killed run may not have made it yet:
# then it must be absent or old).
old_or_new() {
	dir=$1 old=$2 new=$3 bad=0
	(cd "$dir" && find . -type f ! -name '.*.tmp-*') >"$tmp/files"
	while read -r f; do
		if ! cmp -s "$dir/$f" "$new/$f" && ! cmp -s "$dir/$f" "$old/$f"
		then
			echo "io: $f is neither the old nor the new file"
			bad=1
		fi
	done <"$tmp/files"
	[ "$bad" -eq 0 ]
}

# ---- a full disk ------------------------------------------------------

if [ -w /dev/full ]; then
	for f in md csv json html changelog atom xlsx; do
		"$TABLOG" -f "$f" "$SEED" >/dev/full 2>"$tmp/err"; st=$?
		check "/dev/full -f $f exit 2" [ "$st" -eq 2 ]
		check "/dev/full -f $f one line" one_error_line "No space left on device"
	done
	"$TABLOG" diff "$SEED" "$SEED" >/dev/full 2>"$tmp/err"; st=$?
	check "/dev/full diff exit 2" [ "$st" -eq 2 ]
	check "/dev/full diff one line" one_error_line "No space left on device"
	"$TABLOG" check --format json --today 2025-06-01 "$SEED" >/dev/full \
	    2>"$tmp/err"; st=$?
	check "/dev/full check exit 2" [ "$st" -eq 2 ]
	check "/dev/full check says so" grep -q "No space left on device" "$tmp/err"
fi

# ---- one file: the old one survives every failure --------------------

printf 'old\n' >"$tmp/old.csv"
for how in CLOSE RENAME CREATE; do
	cp "$tmp/old.csv" "$tmp/t.csv"
	run_failing "FAILIO_$how=t.csv" "$TABLOG" -f csv -o "$tmp/t.csv" "$SEED"
	check "-o file, $how fails: exit 2" [ "$st" -eq 2 ]
	check "-o file, $how fails: old file kept" cmp -s "$tmp/old.csv" "$tmp/t.csv"
	check "-o file, $how fails: no temporary" no_temporaries "$tmp"
done
run_failing FAILIO_CLOSE=t.csv "$TABLOG" -f csv -o "$tmp/t.csv" "$SEED"
check "-o file, close fails: message" one_error_line "cannot write file: No space left on device"
run_failing FAILIO_RENAME=t.csv "$TABLOG" -f csv -o "$tmp/t.csv" "$SEED"
check "-o file, rename fails: message" one_error_line "cannot write file: Input/output error"
run_failing FAILIO_CREATE=t.csv "$TABLOG" -f csv -o "$tmp/t.csv" "$SEED"
check "-o file, folder not writable: message" one_error_line "cannot create file: Permission denied"
# And with the shim idle, the same command works (the shim is no cause).
run_failing FAILIO_CREATE=nothing-matches "$TABLOG" -f csv -o "$tmp/t.csv" "$SEED"
check "-o file, shim idle: exit 0" [ "$st" -eq 0 ]
check "-o file, shim idle: written" [ "$(head -c 4 "$tmp/t.csv")" = "api," ]

# -o DIR: the third file fails; the two before it are new, the rest old.
mkdir "$tmp/d"
for f in table.md table.html table.csv table.json changelog.md; do
	printf 'old %s\n' "$f" >"$tmp/d/$f"
done
cp -R "$tmp/d" "$tmp/d.old"
run_failing FAILIO_RENAME=/d/ FAILIO_NTH=3 "$TABLOG" -o "$tmp/d" "$SEED"
check "-o dir, 3rd rename fails: exit 2" [ "$st" -eq 2 ]
check "-o dir, 3rd rename fails: one line" one_error_line "cannot write file: Input/output error"
check "-o dir, 3rd rename fails: names table.csv" grep -q "/d/table.csv: error:" "$tmp/err"
check "-o dir: files before it written" [ "$(head -c 3 "$tmp/d/table.md")" != old ]
check "-o dir: failed file kept" cmp -s "$tmp/d/table.csv" "$tmp/d.old/table.csv"
check "-o dir: files after it kept" cmp -s "$tmp/d/table.json" "$tmp/d.old/table.json"
check "-o dir: no temporary" no_temporaries "$tmp/d"

# -o DIR where one format fails (a broken page.html): that one error, the
# formats before it written and none after it, no temporary - whatever
# the thread count.  (Under AddressSanitizer this once wrote past the end
# of the per-format results.)
mkdir "$tmp/tpl"
printf '{{#x}}\n' >"$tmp/tpl/page.html"
for j in 1 2 4; do
	rm -rf "$tmp/dd"
	run --templates "$tmp/tpl" -j "$j" -o "$tmp/dd" "$SEED"
	check "-o dir -j $j, a template fails: exit 2" [ "$st" -eq 2 ]
	check "-o dir -j $j, a template fails: one line" one_error_line "unclosed section 'x'"
	check "-o dir -j $j, a template fails: names it" grep -q "/tpl/page.html:1: error:" "$tmp/err"
	check "-o dir -j $j, a template fails: formats before it written" [ -s "$tmp/dd/table.md" ]
	check "-o dir -j $j, a template fails: none after it" [ ! -e "$tmp/dd/table.csv" ]
	check "-o dir -j $j, a template fails: no temporary" no_temporaries "$tmp/dd"
done

# ---- what -o finds at PATH ----------------------------------------------

# A character device or a FIFO is written in place, never replaced: as
# root, replacing /dev/null breaks the machine.  Copies of /dev/null and
# /dev/full made with mknod are tried first, so that a regression breaks
# a copy; /dev/null itself only once its copy survived.
if mknod "$tmp/null" c 1 3 2>/dev/null && mknod "$tmp/full" c 1 7; then
	run -f csv -o "$tmp/null" "$SEED"
	check "-o device: exit 0" [ "$st" -eq 0 ]
	check "-o device: still the device" [ -c "$tmp/null" ]
	run -f csv -o "$tmp/full" "$SEED"
	check "-o full device: exit 2" [ "$st" -eq 2 ]
	check "-o full device: one line" one_error_line "No space left on device"
	check "-o full device: still the device" [ -c "$tmp/full" ]
	if [ -c "$tmp/null" ]; then
		run -f csv -o /dev/null "$SEED"
		check "-o /dev/null: exit 0" [ "$st" -eq 0 ]
		check "-o /dev/null: still a device" [ -c /dev/null ]
	fi
else
	echo "io: mknod refused here: -o DEVICE not tested"
fi
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
timeout 20 "$TABLOG" -f csv -o "$tmp/fifo" "$SEED" >"$tmp/out" 2>"$tmp/err"
st=$?
wait "$reader"
check "-o FIFO: exit 0" [ "$st" -eq 0 ]
check "-o FIFO: still a FIFO" [ -p "$tmp/fifo" ]
"$TABLOG" -f csv "$SEED" >"$tmp/want.csv"
check "-o FIFO: the reader got the CSV" cmp -s "$tmp/fifo.out" "$tmp/want.csv"

# A regular file replaced keeps its permissions and (as root) its owner.
printf 'old\n' >"$tmp/m.csv"
chmod 0600 "$tmp/m.csv"
chown 65534:65534 "$tmp/m.csv" 2>/dev/null && owned=yes || owned=no
run -f csv -o "$tmp/m.csv" "$SEED"
check "-o over a 0600 file: exit 0" [ "$st" -eq 0 ]
check "-o over a 0600 file: written" cmp -s "$tmp/m.csv" "$tmp/want.csv"
check "-o over a 0600 file: still 0600" [ "$(stat -c %a "$tmp/m.csv")" = 600 ]
if [ "$owned" = yes ]; then
	check "-o over another's file: owner kept" [ "$(stat -c %u:%g "$tmp/m.csv")" = 65534:65534 ]
fi
# -o naming a symbolic link: the user's link is followed, and kept.
ln -s m.csv "$tmp/link.csv"
run -f md -o "$tmp/link.csv" "$SEED"
check "-o a link: exit 0" [ "$st" -eq 0 ]
check "-o a link: the link kept" [ -L "$tmp/link.csv" ]
check "-o a link: the file it names written" [ "$(head -c 5 "$tmp/m.csv")" = "| API" ]
check "-o a link: that file still 0600" [ "$(stat -c %a "$tmp/m.csv")" = 600 ]
# Inside -o DIR nothing is followed: a link there is one error, and
# neither it nor what it names is touched.
mkdir "$tmp/dl" "$tmp/outside"
printf 'keep\n' >"$tmp/outside/t.csv"
ln -s ../outside/t.csv "$tmp/dl/table.csv"
run -f csv -o "$tmp/dl/" "$SEED"
check "-o dir, a link in it: exit 2" [ "$st" -eq 2 ]
check "-o dir, a link in it: one line" one_error_line "is a symbolic link"
check "-o dir, a link in it: names it" grep -q "/dl/table.csv: error:" "$tmp/err"
check "-o dir, a link in it: link kept" [ -L "$tmp/dl/table.csv" ]
check "-o dir, a link in it: its target kept" [ "$(cat "$tmp/outside/t.csv")" = keep ]
check "-o dir, a link in it: no temporary" no_temporaries "$tmp/dl"

# ---- a site -----------------------------------------------------------

# Version 1 and version 2 of N pages; every page changes between them.
make_pages() {
	dir=$1 version=$2 pages=$3 rows=$4
	mkdir -p "$dir"
	awk -v dir="$dir" -v v="$version" -v pages="$pages" -v rows="$rows" '
	BEGIN {
		for (p = 0; p < pages; p++) {
			f = sprintf("%s/page%04d.md", dir, p)
			printf "# Page %d\n\n| API | Permission | Type | Purpose | Last update |\n|---|---|---|---|---|\n", p > f
			for (r = 0; r < rows; r++)
				printf "| Microsoft Graph | P%d.Read.All(Read %d) | Application | v%d reason %d | %s 2024 |\n", r, r, v, r, (r % 2 ? "May" : "June") > f
			close(f)
		}
	}'
}

make_pages "$tmp/in1" 1 20 10
make_pages "$tmp/in2" 2 20 10
run build -q -j 2 --date 2025-01-01 -o "$tmp/site1" "$tmp/in1"
check "site v1 builds" [ "$st" -eq 0 ]
run build -q -j 2 --date 2025-01-01 -o "$tmp/site2" "$tmp/in2"
check "site v2 builds" [ "$st" -eq 0 ]
check "site v1 and v2 differ" [ "$(cd "$tmp/site1" && find . -type f | wc -l)" -gt 100 ]

# An output folder that cannot be written: the old site, byte for byte.
for how in CREATE CLOSE RENAME; do
	rm -rf "$tmp/site"
	cp -R "$tmp/site1" "$tmp/site"
	run_failing "FAILIO_$how=$tmp/site/" "$TABLOG" build -q -j 2 \
	    --date 2025-01-01 -o "$tmp/site" "$tmp/in2"
	check "site, every $how fails: exit 2" [ "$st" -eq 2 ]
	check "site, every $how fails: old site kept" same_tree "$tmp/site" "$tmp/site1"
	check "site, every $how fails: no temporary" no_temporaries "$tmp/site"
	check "site, every $how fails: diagnostics one line each" \
	    sh -c '! grep -Ev "^tablog: " "$1"' sh "$tmp/err"
done

# Failing halfway (the 40th file): each file old or new, none torn.
for how in CLOSE RENAME; do
	rm -rf "$tmp/site"
	cp -R "$tmp/site1" "$tmp/site"
	run_failing "FAILIO_$how=$tmp/site/" FAILIO_NTH=40 "$TABLOG" build -q \
	    -j 2 --date 2025-01-01 -o "$tmp/site" "$tmp/in2"
	check "site, $how fails halfway: exit 2" [ "$st" -eq 2 ]
	check "site, $how fails halfway: old or new" old_or_new "$tmp/site" "$tmp/site1" "$tmp/site2"
	check "site, $how fails halfway: some new" sh -c '! cmp -s "$1" "$2"' sh \
	    "$tmp/site/page-0/table.md" "$tmp/site1/page-0/table.md"
	check "site, $how fails halfway: no temporary" no_temporaries "$tmp/site"
done

# A build killed with SIGKILL halfway.  A bigger site, so that there is a
# halfway; the delay is half the time a whole build takes here.
rm -rf "$tmp/in1" "$tmp/in2" "$tmp/site1" "$tmp/site2"
make_pages "$tmp/in1" 1 120 150
make_pages "$tmp/in2" 2 120 150
"$TABLOG" build -q -j 2 -o "$tmp/site1" "$tmp/in1" 2>/dev/null
# The new site is what a build of in2 makes over the old one (the site
# remembers: history.json and the feed's months go on from site1's).
cp -R "$tmp/site1" "$tmp/site2"
start=$(date +%s%N)
"$TABLOG" build -q -j 2 -o "$tmp/site2" "$tmp/in2" 2>/dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))	# ms
killed=0 halfway=0
for frac in 2 3 4; do
	rm -rf "$tmp/site"
	cp -R "$tmp/site1" "$tmp/site"
	"$TABLOG" build -q -j 2 -o "$tmp/site" "$tmp/in2" 2>/dev/null &
	pid=$!
	delay=$((took / frac))
	sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	check "kill -9 at 1/$frac: every file old or new" old_or_new "$tmp/site" "$tmp/site1" "$tmp/site2"
	if ! same_tree "$tmp/site" "$tmp/site1" && ! same_tree "$tmp/site" "$tmp/site2"
	then
		halfway=$((halfway + 1))
	fi
done
# Timing decides whether a kill lands mid-build; say what happened.
echo "io: kill -9: $killed of 3 runs killed, $halfway left halfway (build ${took} ms)"
check "kill -9 landed halfway at least once" [ "$halfway" -gt 0 ]

# SIGINT or SIGTERM halfway: tablog removes its temporaries, then dies of
# the signal (status 128 + its number).  A shell starts a background job
# with SIGINT ignored, and tablog keeps a signal that was ignored (as
# nohup wants): env gives the job the default back.
for sig in INT:2 TERM:15; do
	num=${sig#*:} sig=${sig%:*} ended=0
	for frac in 2 3 4 6; do
		rm -rf "$tmp/site"
		cp -R "$tmp/site1" "$tmp/site"
		env --default-signal=INT "$TABLOG" build -q -j 2 -o "$tmp/site" \
		    "$tmp/in2" 2>/dev/null &
		pid=$!
		delay=$((took / frac))
		sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid"
		st=$?
		[ "$st" -eq $((128 + num)) ] && ended=$((ended + 1))
		check "SIG$sig at 1/$frac: exit by the signal or 0" \
		    [ "$st" -eq $((128 + num)) -o "$st" -eq 0 ]
		check "SIG$sig at 1/$frac: no temporary" no_temporaries "$tmp/site"
		check "SIG$sig at 1/$frac: every file old or new" old_or_new "$tmp/site" "$tmp/site1" "$tmp/site2"
	done
	echo "io: SIG$sig: $ended of 4 runs ended by it"
	check "SIG$sig ended a run at least once" [ "$ended" -gt 0 ]
done

# ---- symbolic links under INDIR ----------------------------------------

mkdir -p "$tmp/links/in/sub" "$tmp/links/elsewhere"
cp "$SEED" "$tmp/links/in/real.md"
printf '# Outside\n\n| API | Permission |\n|---|---|\n| a | Outside.Read |\n' \
    >"$tmp/links/elsewhere/outside.md"
ln -s ../elsewhere/outside.md "$tmp/links/in/linked.md"
ln -s ../../elsewhere "$tmp/links/in/sub/linkdir"
ln -s .. "$tmp/links/in/sub/loop"		# a loop, with --follow-links
run build -q -o "$tmp/links/out" "$tmp/links/in"
check "links: build exit 0" [ "$st" -eq 0 ]
check "links: not followed by default" [ "$(grep -c '^Cloud Backup for Azure,cloud-backup-for-azure,1,' "$tmp/links/out/all.csv")" -eq 23 ]
check "links: linked page absent" sh -c '! grep -q Outside.Read "$1"' sh "$tmp/links/out/all.csv"
rm -rf "$tmp/links/out"
run build -q --follow-links -o "$tmp/links/out" "$tmp/links/in"
check "--follow-links: exit 0" [ "$st" -eq 0 ]
# linked.md and linkdir/outside.md are one file: one page.
check "--follow-links: linked file and folder read, once" [ "$(grep -c 'Outside.Read' "$tmp/links/out/all.csv")" -eq 1 ]
check "--follow-links: the loop read once" [ "$(grep -c '^Cloud Backup for Azure,cloud-backup-for-azure,1,' "$tmp/links/out/all.csv")" -eq 23 ]

# A page swapped, between the walk that listed it and its reading, for a
# FIFO or a link: neither followed nor waited on; one error each.  (The
# shim holds the first page's open for two seconds: the swap is made
# then, while the other pages wait their turn on one thread.)
mkdir "$tmp/swap"
cp tests/site/old/alpha.md "$tmp/swap/a.md"
cp tests/site/old/beta.md "$tmp/swap/b.md"
cp tests/site/old/beta.md "$tmp/swap/c.md"
printf '# Secret\n\n| API | Permission |\n|---|---|\n| a | Secret.Read |\n' \
    >"$tmp/secret.md"
env LD_PRELOAD="$FAILIO" FAILIO_SLOW=/swap/a.md FAILIO_SLOW_MARK="$tmp/mark" \
    timeout 60 "$TABLOG" build -q -j 1 -o "$tmp/swap-out" "$tmp/swap" \
    >"$tmp/out" 2>"$tmp/err" &
pid=$!
i=0
while [ ! -e "$tmp/mark" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
rm "$tmp/swap/b.md" "$tmp/swap/c.md"
mkfifo "$tmp/swap/b.md"
ln -s ../secret.md "$tmp/swap/c.md"
wait "$pid"
st=$?
check "page swapped: exit 2 (not a hang)" [ "$st" -eq 2 ]
check "page swapped for a FIFO: one error" grep -q "^tablog: $tmp/swap/b.md: error: not a regular file; not read$" "$tmp/err"
check "page swapped for a link: one error" grep -q "^tablog: $tmp/swap/c.md: error: cannot open: a symbolic link (not followed)$" "$tmp/err"
check "page swapped for a link: not read" sh -c '! grep -q Secret "$1"' sh "$tmp/swap-out/all.csv"
check "page swapped: the others built" [ -s "$tmp/swap-out/alpha-app/table.md" ]

# A chain of folders, each linking twice to the next: every real folder
# is read once (17 levels were once 65,536 pages and 2.5 GB).
mkdir "$tmp/chain"
i=0
while [ "$i" -le 12 ]; do
	mkdir "$tmp/chain/l$i"
	printf '# Level %d\n\n| API | Permission |\n|---|---|\n| a | L%d.Read |\n' \
	    "$i" "$i" >"$tmp/chain/l$i/page.md"
	if [ "$i" -gt 0 ]; then
		ln -s "../l$i" "$tmp/chain/l$((i - 1))/a"
		ln -s "../l$i" "$tmp/chain/l$((i - 1))/b"
	fi
	i=$((i + 1))
done
timeout 120 "$TABLOG" build -q --follow-links -o "$tmp/chain-out" \
    "$tmp/chain/l0" >"$tmp/out" 2>"$tmp/err"
st=$?
check "--follow-links chain: exit 0" [ "$st" -eq 0 ]
check "--follow-links chain: 13 pages, one row each" [ "$(wc -l <"$tmp/chain-out/all.csv")" -eq 14 ]
check "--follow-links chain: each level once" [ "$(grep -c 'L12.Read' "$tmp/chain-out/all.csv")" -eq 1 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
