#!/bin/sh
# bench/run.sh - time tablog against reference tools (make bench).
#
# Generates inputs with bench/gen.c into bench/work/ (only when missing or
# when the generator or the sizes changed), measures each tablog command's
# peak RSS once (that run also checks that it works), then times tablog and
# its references with hyperfine and prints medians, ratios and targets.
# The table also goes to bench/results.md.  See bench/README.md.
#
# Environment: TABLOG (default ./tablog), BENCH_ROUNDS (3), BENCH_ROWS
# (100000), BENCH_PEER_ROWS (10000), BENCH_PAGES (2000), BENCH_PAGE_ROWS
# (25), BENCH_SEED (1), BENCH_WORK (bench/work), BENCH_RESULTS
# (bench/results.md), BENCH_TIMEOUT (120 s for one run of a tablog
# command), BENCH_DEADLINE (540 s: comparisons get fewer runs, or none, so
# that timing ends by then), BENCH_HISTORY_BUNDLE (the repository the
# history row reads; default ../shared/history's first-party-apps bundle,
# else one is made).
#
# hyperfine runs all runs of one command before the next, so every
# comparison is done in BENCH_ROUNDS rounds (one hyperfine invocation each,
# --warmup 1 in the first), the command order reversed in every other
# round (A B, B A, A B): load changes on the machine hit both sides.  The
# median is taken over the runs of all rounds.

set -u
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD

TABLOG=${TABLOG:-./tablog}
ROUNDS=${BENCH_ROUNDS:-3}
ROWS=${BENCH_ROWS:-100000}
PEER_ROWS=${BENCH_PEER_ROWS:-10000}
PAGES=${BENCH_PAGES:-2000}
PAGE_ROWS=${BENCH_PAGE_ROWS:-25}
SEED=${BENCH_SEED:-1}
W=${BENCH_WORK:-bench/work}
RESULTS=${BENCH_RESULTS:-bench/results.md}
case $W in /*) ;; *) W=$ROOT/$W ;; esac
case $RESULTS in /*) ;; *) RESULTS=$ROOT/$RESULTS ;; esac
case $TABLOG in /*) ;; */*) TABLOG=$ROOT/$TABLOG ;; esac

TIMEOUT=${BENCH_TIMEOUT:-120}
DEADLINE=${BENCH_DEADLINE:-540}	# seconds after the start: no new timing
START=$(date +%s)
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
say() { printf 'bench: %s\n' "$*"; }

# ---- tools ----------------------------------------------------------------

apt_updated=no
install_pkg() {
	[ "$(id -u)" = 0 ] || return 1
	command -v apt-get >/dev/null 2>&1 || return 1
	say "installing $1 (apt-get)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" \
	    >/dev/null 2>&1 && return 0
	if [ $apt_updated = no ]; then
		apt_updated=yes
		apt-get update -qq >/dev/null 2>&1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1
}

# have PROGRAM PACKAGE: yes if PROGRAM is there or could be installed.
have() {
	if command -v "$1" >/dev/null 2>&1 ||
	    { install_pkg "$2" && command -v "$1" >/dev/null 2>&1; }; then
		echo yes
	else
		echo no
	fi
}

if ! command -v "${CC:-cc}" >/dev/null 2>&1; then
	say "no C compiler (${CC:-cc}) for bench/gen.c"
	exit 2
fi
if [ ! -x "$TABLOG" ]; then
	say "no tablog at $TABLOG (run 'make' first, or set TABLOG)"
	exit 2
fi
HF=$(have hyperfine hyperfine)
XL=$(have xmllint libxml2-utils)
PD=$(have pandoc pandoc)
CM=$(have cmark-gfm cmark-gfm)
if [ -x /usr/bin/time ] || install_pkg time && [ -x /usr/bin/time ]; then
	TM=yes
else
	TM=no
fi

# ---- inputs ---------------------------------------------------------------

mkdir -p "$W/log"
GEN=$W/gen
if [ ! -x "$GEN" ] || [ bench/gen.c -nt "$GEN" ]; then
	"${CC:-cc}" -std=c11 -O2 -o "$GEN" bench/gen.c || exit 2
fi
stamp="$(cksum <bench/gen.c) seed=$SEED rows=$ROWS peer=$PEER_ROWS site=${PAGES}x$PAGE_ROWS"
nsite=$(ls "$W/site" 2>/dev/null | wc -l)
if [ "$(cat "$W/inputs.stamp" 2>/dev/null)" != "$stamp" ] ||
    [ ! -f "$W/big.html" ] || [ ! -f "$W/big.md" ] ||
    [ ! -f "$W/peer.html" ] || [ "$nsite" -ne "$PAGES" ]; then
	say "generating inputs (seed $SEED)"
	rm -rf "$W/site" "$W/inputs.stamp"
	"$GEN" page -f html -n "$ROWS" -s "$SEED" -o "$W/big.html" &&
	"$GEN" page -f md -n "$ROWS" -s "$SEED" -o "$W/big.md" &&
	"$GEN" page -f html -n "$PEER_ROWS" -s "$SEED" -o "$W/peer.html" &&
	"$GEN" site -p "$PAGES" -n "$PAGE_ROWS" -s "$SEED" "$W/site" || exit 2
	# Same seed, same bytes.
	"$GEN" page -f html -n "$ROWS" -s "$SEED" -o "$W/again.html" &&
	cmp -s "$W/big.html" "$W/again.html" || {
		say "gen.c is not deterministic: big.html differs between runs"
		exit 2
	}
	rm -f "$W/again.html"
	echo "$stamp" >"$W/inputs.stamp"
fi

# A page's history: the real repository of ../shared/history when it is
# there (apps/Microsoft Graph.md, 97 versions of 700+ rows per table),
# else one made here: a 1,500-row page of gen.c and 96 more versions,
# each dropping two rows and adding three, committed with fixed dates.
HBUNDLE=${BENCH_HISTORY_BUNDLE:-$ROOT/../shared/history/first-party-apps-permissions.bundle}
HREPO=$W/history-repo
if [ -f "$HBUNDLE" ]; then
	HPATH="apps/Microsoft Graph.md"
	hstamp="bundle $(cksum <"$HBUNDLE")"
else
	HPATH="page.md"
	hstamp="generated $(cksum <bench/gen.c) seed=$SEED"
fi
if [ "$(cat "$W/history.stamp" 2>/dev/null)" != "$hstamp" ] ||
    [ ! -d "$HREPO" ]; then
	rm -rf "$HREPO" "$W/history.stamp"
	if [ -f "$HBUNDLE" ]; then
		say "cloning $HBUNDLE"
		git clone -q "$HBUNDLE" "$HREPO" 2>/dev/null || exit 2
	else
		say "making a history repository (no $HBUNDLE)"
		git init -q "$HREPO" &&
		"$GEN" page -f md -n 1500 -s "$SEED" -o "$W/history-base.md" || exit 2
		v=0
		while [ $v -lt 97 ]; do
			# Version v: rows 2v and 2v+1 (from the 3rd line on)
			# gone, three rows of its own at the end.
			awk -v v=$v 'NR <= 2 || (NR - 3 != 2 * v && NR - 3 != 2 * v + 1)
			    END { for (i = 0; i < 3; i++) printf "| Microsoft Graph | Bench.V%d.R%d(Version %d row %d) | Application | Added by version %d. | December 2023 |\n", v, i, v, i, v }' \
			    "$W/history-base.md" >"$W/history-next.md" &&
			mv "$W/history-next.md" "$W/history-base.md" &&
			cp "$W/history-base.md" "$HREPO/$HPATH" &&
			git -C "$HREPO" add "$HPATH" &&
			GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost \
			GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost \
			GIT_AUTHOR_DATE="$((1704067200 + v * 86400)) +0000" \
			GIT_COMMITTER_DATE="$((1704067200 + v * 86400)) +0000" \
			    git -C "$HREPO" commit -q -m "version $v" || exit 2
			v=$((v + 1))
		done
		rm -f "$W/history-base.md"
	fi
	echo "$hstamp" >"$W/history.stamp"
fi
HVERSIONS=$(git -C "$HREPO" log --format=%H --follow -- "$HPATH" | wc -l | tr -d ' ')

bytes() { cat "$@" | wc -c | tr -d ' '; }
SZ_BIG_HTML=$(bytes "$W/big.html")
SZ_BIG_MD=$(bytes "$W/big.md")
SZ_PEER=$(bytes "$W/peer.html")
SZ_SITE=$(bytes "$W"/site/*.html)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

cd "$W" || exit 2

# Commands, run from bench/work; T is how tables show tablog.
T=$TABLOG
C_CSV_HTML="$T -f csv big.html"
C_ALL_HTML="$T -o out-all big.html"
C_XML_BIG="xmllint --html --noout big.html"
C_MD_PEER="$T -f md peer.html"
# pandoc needs 13-40 s a run and tablog a tenth of a second, so one timed
# run of pandoc faces ten of tablog in a row (the ratio divides by ten):
# a single 0.1 s sample would be mostly noise.
printf '#!/bin/sh\nfor i in 1 2 3 4 5 6 7 8 9 10; do\n\t"$1" -f md peer.html >/dev/null || exit 1\ndone\n' >md10.sh
C_MD10="sh md10.sh $T"
C_PANDOC="pandoc -f html -t gfm peer.html"
C_CSV_MD="$T -f csv big.md"
C_CMARK="cmark-gfm -e table big.md"
C_BUILD2="$T build site -o out-j2 -j 2"
C_BUILD1="$T build site -o out-j1 -j 1"
C_XML_SITE="xmllint --html --noout site/*.html"
# The file system's share of a build: copying the site it wrote (the same
# folders and files, no reading or rendering).  Not a target; it shows
# how much of the build is creating files.
C_CP_SITE="cp -R site-out out-cp"
# Every version of a page read and diffed, against git showing the same
# versions' diffs.
C_HISTORY="$T history --git history-repo -f json '$HPATH'"
C_GITLOG="git -C history-repo log -p --follow -- '$HPATH'"
show() { printf '%s' "$1" | sed "s|$T|tablog|g"; }

: >medians.tsv
: >rss.tsv
: >notes.txt
note() { say "$*"; echo "- $*" >>notes.txt; }

# ---- one run of each command: does it work, peak RSS, wall time -----------

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

# check KEY INPUT SIZE COMMAND: one run of a tablog command under
# /usr/bin/time -v (and timeout); sets OK_KEY and WALL_KEY.
check() {
	key=$1 input=$2 size=$3 cmd=$4
	rm -rf out-all out-j1 out-j2 time.$key
	t0=$(now)
	if [ $TM = yes ]; then
		eval "timeout $TIMEOUT /usr/bin/time -v -o time.$key $cmd" \
		    >out.$key 2>err.$key
	else
		eval "timeout $TIMEOUT $cmd" >out.$key 2>err.$key
	fi
	st=$?
	wall=$(since "$t0")
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
	    time.$key 2>/dev/null)
	case $key in
	all)	made="$(ls out-all 2>/dev/null | wc -l) files" ;;
	build*)	made="$(find out-j${key#build} -type f 2>/dev/null | wc -l) files" ;;
	*)	made="$(wc -l <out.$key) lines" ;;
	esac
	nerr=$(wc -l <err.$key)
	eval WALL_$key=\$wall
	if [ $st -eq 124 ]; then
		eval OK_$key=no
		note "TOO SLOW: $(show "$cmd") did not finish in $TIMEOUT s (BENCH_TIMEOUT); not timed"
	elif [ $st -ne 0 ]; then
		eval OK_$key=no
		note "FAILED (exit $st): $(show "$cmd"): $(grep -v '^	' err.$key | head -n 2 | tr '\n' ' ')"
	else
		eval OK_$key=yes
	fi
	if [ -n "$rss" ] && [ $st -ne 124 ]; then
		ratio=$(awk -v r="$rss" -v s="$size" 'BEGIN { printf "%.2f", r * 1024 / s }')
		rss_s=$(awk -v r="$rss" 'BEGIN { printf "%.1f MB", r * 1024 / 1e6 }')
	else
		ratio=- rss_s=-
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$(show "$cmd")" \
	    "$input ($(mb "$size"))" "$rss_s" "$ratio" \
	    "$made, $nerr stderr lines" "$st" "$wall s" >>rss.tsv
	say "checked $(show "$cmd"): exit $st in $wall s, $made, peak RSS $rss_s"
}

# probe KEY COMMAND: one run of a reference command; sets WALL_KEY.
probe() {
	t0=$(now)
	eval "$2" >/dev/null 2>&1
	eval WALL_$1=\$\(since "$t0"\)
}

check csv "big.html" "$SZ_BIG_HTML" "$C_CSV_HTML"
check all "big.html" "$SZ_BIG_HTML" "$C_ALL_HTML"
check md "peer.html" "$SZ_PEER" "$C_MD_PEER"
check csvmd "big.md" "$SZ_BIG_MD" "$C_CSV_MD"
check build2 "site/: $PAGES files" "$SZ_SITE" "$C_BUILD2"
rm -rf site-out
[ "$OK_build2" = yes ] && cp -R out-j2 site-out
# What the site's file system cost is compared with: a copy of the site,
# probed once like the other references (a single run stands in for it
# when the site comparison has no time for hyperfine rounds).
if [ -d site-out ]; then
	SITE_FILES=$(find site-out -type f | wc -l)
	SITE_DIRS=$(find site-out -mindepth 1 -type d | wc -l)
	probe cpsite "$C_CP_SITE"
	rm -rf out-cp
fi
check build1 "site/: $PAGES files" "$SZ_SITE" "$C_BUILD1"
rm -rf out-all out-j1 out-j2
[ $XL = yes ] && probe xmlbig "$C_XML_BIG" && probe xmlsite "$C_XML_SITE"
WALL_xmlbig2=${WALL_xmlbig:-}
[ $CM = yes ] && probe cmark "$C_CMARK"
check history "history-repo: $HVERSIONS versions of $HPATH" \
    "$(git -C "$HREPO" log --format=%H --follow -- "$HPATH" |
    while read -r c; do git -C "$HREPO" cat-file -s "$c:$HPATH"; done |
    awk '{ s += $1 } END { print s + 0 }')" "$C_HISTORY"
probe gitlog "$C_GITLOG"

expect=$((ROWS + 1))
lines=$(wc -l <out.csv)
if [ "$OK_csv" = yes ] && [ "$lines" -ne "$expect" ]; then
	note "tablog -f csv big.html wrote $lines lines, expected $expect (header + $ROWS rows)"
fi
lines=$(wc -l <out.csvmd)
if [ "$OK_csvmd" = yes ] && [ "$lines" -ne "$expect" ]; then
	note "tablog -f csv big.md wrote $lines lines, expected $expect (header + $ROWS rows)"
fi

# big.html and big.md hold the same rows: their CSV should be the same.
if [ "$OK_csv" = yes ] && [ "$OK_csvmd" = yes ] && ! cmp -s out.csv out.csvmd; then
	note "tablog -f csv gives different CSV for big.html and big.md (same rows): $(cmp out.csv out.csvmd 2>&1 | head -n 1)"
fi

# ---- timing ---------------------------------------------------------------

# bench NAME BUDGET ROUNDS RUNS KEY=CMD...: ROUNDS hyperfine invocations of
# RUNS runs each, fewer if the single runs above say that would take more
# than BUDGET seconds or run past the whole run's deadline ("-": no limit);
# appends "KEY command median min max n cpu" to medians.tsv.  If even one
# round would not fit, the single runs above stand in for the medians.
bench() {
	name=$1 budget=$2 rounds=$3 runs=$4 def_rounds=$3 def_runs=$4
	shift 4
	n=$#
	i=1 sum=0
	for kc in "$@"; do
		eval "K$i=\${kc%%=*} C$i=\${kc#*=}"
		eval "kk=\$K$i"
		eval "w=\${WALL_$kk:-0}"
		sum=$(awk -v a="$sum" -v b="$w" 'BEGIN { print a + b }')
		i=$((i + 1))
	done
	if [ "$budget" != - ]; then
		left=$((DEADLINE - ($(date +%s) - START)))
		[ "$left" -lt "$budget" ] && budget=$left
		# Plan with 25% to spare: the single runs are one sample.
		set -- $(awk -v B="$budget" -v s="$sum" -v N="$rounds" -v R="$runs" 'BEGIN {
			s *= 1.25
			if (s <= 0 || (N * R + 1) * s <= B) { print N, R; exit }
			r = int((B / s - 1) / N)
			if (r >= 1) { print N, r; exit }
			n = int(B / s - 1)
			print (n >= 1 ? n : 0), 1
		}')
		rounds=$1 runs=$2
	fi
	if [ "$rounds" -eq 0 ]; then
		note "$name: one run of each command takes $sum s together, over the $budget s left for it: the table shows those single runs, not hyperfine medians"
		i=1
		while [ $i -le $n ]; do
			eval "key=\$K$i cmd=\$C$i"
			eval "w=\${WALL_$key:-0}"
			printf '%s\t%s\t%s\t%s\t%s\t1\t-\n' "$key" "$(show "$cmd")" \
			    "$w" "$w" "$w" >>medians.tsv
			i=$((i + 1))
		done
		return 0
	fi
	if [ "$rounds" -ne "$def_rounds" ] || [ "$runs" -ne "$def_runs" ]; then
		note "$name: one run of each command takes $sum s together: $rounds round(s) of $runs run(s) instead of $def_rounds x $def_runs, to fit the $budget s left for it"
	fi
	: >times.$name
	r=1
	while [ $r -le "$rounds" ]; do
		fwd= rev=
		i=1
		while [ $i -le $n ]; do
			fwd="$fwd \"\$C$i\""
			rev="\"\$C$i\" $rev"
			i=$((i + 1))
		done
		if [ $((r % 2)) = 1 ]; then order=$fwd; flip=0; else order=$rev; flip=1; fi
		wu=0
		[ $r = 1 ] && wu=1
		say "timing $name: round $r/$rounds, $runs run(s) per command"
		if ! eval "hyperfine --style basic --warmup $wu --runs $runs \
		    \${PREP:+--prepare} \${PREP:+\"\$PREP\"} \
		    --export-json h.$name.$r.json $order" >>log/$name.log 2>&1; then
			note "hyperfine failed for $name (see bench/work/log/$name.log)"
			return 1
		fi
		# "K TIME" per run; "K cpu USER+SYS" per command (hyperfine
		# gives only the mean CPU time of the round's runs).
		awk -v n=$n -v flip=$flip '
			function num(s) { sub(/.*: */, "", s); sub(/,.*/, "", s); return s + 0 }
			/"command":/ { k++; c = flip ? n + 1 - k : k }
			/"user":/ { u = num($0) }
			/"system":/ { printf "%d cpu %.6f\n", c, u + num($0) }
			/"times": *\[/ { t = 1; next }
			t && /\]/ { t = 0; next }
			t { gsub(/[ ,]/, ""); print c, $0 }
		' h.$name.$r.json >>times.$name
		r=$((r + 1))
	done
	i=1
	while [ $i -le $n ]; do
		eval "key=\$K$i cmd=\$C$i"
		cpu=$(awk -v i=$i '$1 == i && $2 == "cpu" { s += $3; n++ }
		    END { if (n) printf "%.4f", s / n }' times.$name)
		awk -v i=$i '$1 == i && $2 != "cpu" { print $2 }' times.$name |
		sort -g |
		awk -v k="$key" -v c="$(show "$cmd")" -v cpu="$cpu" '
			{ a[NR] = $1 }
			END {
				if (NR == 0) exit
				m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
				printf "%s\t%s\t%.4f\t%.4f\t%.4f\t%d\t%s\n", k, c, m, a[1], a[NR], NR, cpu
			}' >>medians.tsv
		i=$((i + 1))
	done
}

med() { awk -F'\t' -v k="$1" '$1 == k { print $3 }' medians.tsv; }

# Defaults: ROUNDS x runs below (+1 warmup) take about 4 minutes for a
# tool that meets its targets; the budgets (s) cap slow ones.
if [ $HF = no ]; then
	note "SKIP all timings: hyperfine is missing and could not be installed"
else
	# pandoc first: its cost (~20-40 s a run) does not depend on tablog.
	if [ $PD = yes ]; then
		[ "$OK_md" = yes ] && PREP= bench pandoc - 3 1 "md10=$C_MD10" "pandoc=$C_PANDOC"
	else
		note "SKIP pandoc comparison: pandoc missing"
	fi
	if [ $XL = yes ]; then
		[ "$OK_csv" = yes ] && PREP= bench csv 45 "$ROUNDS" 3 "csv=$C_CSV_HTML" "xmlbig=$C_XML_BIG"
	fi
	if [ $CM = yes ]; then
		[ "$OK_csvmd" = yes ] && PREP= bench csvmd 45 "$ROUNDS" 3 "csvmd=$C_CSV_MD" "cmark=$C_CMARK"
	else
		note "SKIP cmark-gfm comparison: cmark-gfm missing"
	fi
	if [ $XL = yes ]; then
		[ "$OK_all" = yes ] && PREP="rm -rf out-all" bench all 60 "$ROUNDS" 3 "all=$C_ALL_HTML" "xmlbig2=$C_XML_BIG"
	else
		note "SKIP xmllint comparisons: xmllint (libxml2-utils) missing"
	fi
	[ "$OK_history" = yes ] && PREP= bench history 45 "$ROUNDS" 5 \
	    "history=$C_HISTORY" "gitlog=$C_GITLOG"
	set --
	[ $XL = yes ] && set -- "$@" "xmlsite=$C_XML_SITE"
	[ "$OK_build2" = yes ] && set -- "$@" "build2=$C_BUILD2"
	[ "$OK_build1" = yes ] && set -- "$@" "build1=$C_BUILD1"
	[ -d site-out ] && set -- "$@" "cpsite=$C_CP_SITE"
	[ $# -ge 2 ] && PREP="rm -rf out-j1 out-j2 out-cp" bench site 90 "$ROUNDS" 2 "$@"
fi
rm -rf out-all out-j1 out-j2 out-cp site-out

# ---- report ---------------------------------------------------------------

# ratio LABEL NUMKEY DENKEY OP TARGET [N]: one row of the targets table;
# the denominator's command ran N times in a row (default 1).
ratio() {
	a=$(med "$2") b=$(med "$3")
	[ -n "$b" ] && [ -n "${6:-}" ] && b=$(awk -v b="$b" -v n="$6" 'BEGIN { printf "%.6f", b / n }')
	if [ -z "$a" ] || [ -z "$b" ]; then
		printf '| %s | %s | %s | - | %s %s | SKIP |\n' "$1" \
		    "${a:--}" "${b:--}" "$4" "$5"
		return
	fi
	single=$(awk -F'\t' -v a="$2" -v b="$3" '($1 == a || $1 == b) && $7 == "-" { s = 1 }
	    END { if (s) print " (single runs)" }' medians.tsv)
	awk -v l="$1" -v a="$a" -v b="$b" -v op="$4" -v t="$5" -v s="$single" 'BEGIN {
		r = b > 0 ? a / b : 1e9
		ok = op == "<=" ? r <= t : r >= t
		printf "| %s | %.3f s | %.3f s | %.2f | %s %s | %s%s |\n", \
		    l, a, b, r, op, t, ok ? "PASS" : "MISS", s
	}'
}

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ver() { "$@" 2>&1 | head -n 1; }
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)
[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ] && rev="$rev+dirty src"
{
	echo "# tablog benchmark"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
	echo "- tablog: $(ver "$TABLOG" --version) (git $rev)"
	echo "- load average (1 min): $LOAD0 at start, $(cut -d' ' -f1 /proc/loadavg) at end (above $(nproc) means other work competed for the cores)"
	echo "- tools: $(ver hyperfine --version); xmllint (libxml $(xmllint --version 2>&1 | sed -n '1s/.*version //p')); $(ver pandoc --version); $(ver cmark-gfm --version | sed 's/ - .*//')"
	echo "- inputs (bench/gen.c, seed $SEED): big.html $ROWS rows $(mb "$SZ_BIG_HTML"); big.md $ROWS rows $(mb "$SZ_BIG_MD"); peer.html $PEER_ROWS rows $(mb "$SZ_PEER"); site/ $PAGES pages x $PAGE_ROWS rows $(mb "$SZ_SITE")"
	echo "- history: $(if [ -f "$HBUNDLE" ]; then echo "a clone of $(basename "$HBUNDLE")"; else echo "a repository made from a gen.c page (BENCH_HISTORY_BUNDLE not found)"; fi), \`$HPATH\`, $HVERSIONS versions"
	echo "- method: hyperfine, $ROUNDS rounds per comparison (3 for pandoc, one run each; tablog -f md ten times in a row per run), order reversed every other round, --warmup 1 in the first, median over all runs; pandoc is timed on peer.html ($PEER_ROWS rows) because it needs 20-40 s for it and minutes for big.html"
	echo
	echo "## Targets"
	echo
	echo "| ratio | numerator | denominator | ratio | target | result |"
	echo "|---|---|---|---|---|---|"
	ratio "\`tablog -f csv big.html\` / \`xmllint --html --noout big.html\`" csv xmlbig "<=" 0.8
	ratio "\`tablog -o DIR big.html\` (all formats) / \`xmllint --html --noout big.html\`" all xmlbig2 "<=" 1.2
	ratio "\`pandoc -f html -t gfm\` / \`tablog -f md\` (peer.html, $PEER_ROWS rows; tablog timed 10 runs in a row, divided by 10)" pandoc md10 ">=" 150 10
	ratio "\`tablog -f csv big.md\` / \`cmark-gfm -e table big.md\`" csvmd cmark "<=" 1.0
	echo "| peak RSS of \`tablog -f csv big.html\` / input size | $(awk -F'\t' '$1 == "csv" { print $4 }' rss.tsv) | $(mb "$SZ_BIG_HTML") | $(awk -F'\t' '$1 == "csv" { print $5 }' rss.tsv) | <= 1.0 | $(awk -F'\t' '$1 == "csv" { print ($5 == "-") ? "SKIP" : ($7 != 0 ? "MISS (failed)" : ($5 <= 1.0 ? "PASS" : "MISS")) }' rss.tsv) |"
	ratio "\`tablog build site -j 2\` / \`xmllint --html --noout site/*.html\`" build2 xmlsite "<=" 1.5
	ratio "\`tablog build site -j 1\` / \`-j 2\` (wall time)" build1 build2 ">=" 1.7
	ratio "\`tablog history --git REPO -f json PATH\` / \`git log -p --follow -- PATH\` ($HVERSIONS versions of \`$HPATH\`)" history gitlog "<=" 3
	echo
	echo "Not a target: \`tablog build site -j 2\` / \`cp -R\` of the site it writes (the file system's cost of its ${SITE_FILES:-?} files and ${SITE_DIRS:-?} folders): $(ratio x build2 cpsite "<=" 1 | awk -F' [|] ' '{ print $4 " (" $2 " / " $3 ")" }')."
	echo
	echo "## Medians"
	echo
	echo "| command (run in bench/work) | median | min | max | runs | CPU (user+sys, mean) |"
	echo "|---|---|---|---|---|---|"
	awk -F'\t' '{ printf "| `%s` | %.3f s | %.3f s | %.3f s | %d | %s |\n", $2, $3, $4, $5, $6, $7 == "-" ? "-" : sprintf("%.3f s", $7) }' medians.tsv
	echo
	echo "## Peak RSS (one run each, /usr/bin/time -v)"
	echo
	echo "| command | input | peak RSS | RSS / input | output | exit | wall |"
	echo "|---|---|---|---|---|---|---|"
	awk -F'\t' '{ printf "| `%s` | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }' rss.tsv
	if [ -s notes.txt ]; then
		echo
		echo "## Notes"
		echo
		cat notes.txt
	fi
	echo
	echo "Whole run: $(($(date +%s) - START)) s."
} >results.tmp
mv results.tmp "$RESULTS"
echo
cat "$RESULTS"
if grep -q '^- FAILED' notes.txt; then
	exit 1
fi
exit 0
