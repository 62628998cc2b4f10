#!/bin/sh
# tests/linear.sh - pathological inputs cost time in proportion to their
# size: doubling one must no more than about double the work.
#
# Work is counted in instructions (valgrind --tool=callgrind), not wall
# time, so the result does not depend on the machine or its load.  For
# each shape, with I(n) the instructions for an input of size n:
#
#	ratio = (I(2n) - I(1)) / (I(n) - I(1))
#
# Subtracting I(1) (start-up, compiling patterns and templates) keeps a
# large fixed cost from hiding a quadratic part; linear work gives 2.0,
# quadratic 4.0.  The limit is 2.5.
#
# TABLOG (default ./tablog) must be a plain binary: under sanitizers
# (TABLOG_SANITIZED set) the shapes are skipped.
TABLOG=${TABLOG:-./tablog}
LIMIT=${LINEAR_LIMIT:-2.5}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -n "${TABLOG_SANITIZED-}" ]; then
	echo "SKIP linear: instruction counts of a sanitized build mean nothing"
	echo "0 passed, 0 failed"
	exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "linear: valgrind is missing (make deps-sanitize)"
	echo "0 passed, 1 failed"
	exit 1
fi

# Write shape $1 at size $2 to file $3.
gen() {
	awk -v shape="$1" -v n="$2" '
	function md_head() { print "| API | Permission | Type | Last update |"; print "|---|---|---|---|" }
	function html_head() { printf "<table><tr><th>API</th><th>Permission</th></tr>" }
	BEGIN {
		if (shape == "md-rows") {
			md_head()
			for (i = 0; i < n; i++)
				printf "| Graph | P%d.Read.All(Read %d) | Application | December 2023 |\n", i, i
		} else if (shape == "md-rows-cr") {
			# Old Mac line ends: a lone CR ends every line.
			printf "| API | Permission | Type | Last update |\r|---|---|---|---|\r"
			for (i = 0; i < n; i++)
				printf "| Graph | P%d.Read.All(Read %d) | Application | December 2023 |\r", i, i
		} else if (shape == "html-rows") {
			html_head()
			for (i = 0; i < n; i++)
				printf "<tr><td>Graph</td><td>P%d.Read</td></tr>\n", i
			print "</table>"
		} else if (shape == "html-columns") {
			printf "<table><tr><th>API</th><th>Permission</th>"
			for (i = 0; i < n; i++) printf "<th>h%d</th>", i
			printf "</tr>\n<tr><td>a</td><td>p</td>"
			for (i = 0; i < n; i++) printf "<td>c%d</td>", i
			print "</tr></table>"
		} else if (shape == "md-long-cell") {
			md_head()
			printf "| Graph | P.Read | Application | "
			for (i = 0; i < n; i++) printf "word "
			print "|"
		} else if (shape == "html-long-cell") {
			html_head()
			printf "<tr><td>Graph</td><td>"
			for (i = 0; i < n; i++) printf "word &amp; "
			print "</td></tr></table>"
		} else if (shape == "md-pipes") {
			md_head()
			print "| Graph | P.Read | Application | May 2024 |"
			for (i = 0; i < n; i++) printf "|"
			print ""
		} else if (shape == "md-escaped-pipes") {
			md_head()
			printf "| Graph | P.Read | Application | "
			for (i = 0; i < n; i++) printf "\\|"
			print " |"
		} else if (shape == "html-deep-tags") {
			html_head()
			printf "<tr><td>Graph</td><td>"
			for (i = 0; i < n; i++) printf "<span>"
			printf "x"
			for (i = 0; i < n; i++) printf "</span>"
			print "</td></tr></table>"
		} else if (shape == "html-nested-tables") {
			for (i = 0; i < n; i++) {
				html_head()
				printf "<tr><td>a</td><td>"
			}
			printf "x"
			for (i = 0; i < n; i++) printf "</td></tr></table>"
			print ""
		} else if (shape == "md-deep-quotes") {
			for (i = 0; i < n; i++) printf ">"
			print " x"; print ""
			md_head()
			print "| Graph | P.Read | Application | May 2024 |"
		} else if (shape == "md-dates") {
			md_head()
			printf "| Graph | P.Read | Application | "
			for (i = 0; i < n; i++)
				printf "Insider: %s %d, Production: 2024-%02d-05; ", (i % 2 ? "May" : "Dec."), 2000 + i % 25, i % 12 + 1
			print "|"
		} else if (shape == "md-same-rows") {
			md_head()
			for (i = 0; i < n; i++)
				print "| Graph | P.Read | Application | December 2023 |"
		} else if (shape == "md-flag-rows") {
			# Flag columns headed by types: each row becomes two.
			print "| Permission | Delegated | Application |"
			print "|---|---|---|"
			for (i = 0; i < n; i++)
				printf "| P%d.Read.All | \342\234\224 | Yes |\n", i
		} else if (shape == "html-flag-columns") {
			# More flag columns than the shape allows, in one row.
			printf "<table><tr><th>Permission</th>"
			for (i = 0; i < n; i++) printf "<th>Delegated</th>"
			printf "</tr>\n<tr><td>P.Read.All</td>"
			for (i = 0; i < n; i++) printf "<td>\342\234\224</td>"
			print "</tr></table>"
		} else if (shape == "md-higher-list") {
			# Graph: one cell of many higher privileged permissions.
			print "| Permission type | Least privileged permissions | Higher privileged permissions |"
			print "|---|---|---|"
			printf "| Delegated (work or school account) | A.Read | "
			for (i = 0; i < n; i++) printf "P%d.ReadWrite.All, ", i
			print "Z.All |"
		} else if (shape == "md-type-cells") {
			# Type cells all different: nothing folded is reused.
			print "| Permission | Type | Last update |"
			print "|---|---|---|"
			for (i = 0; i < n; i++)
				printf "| P%d.Read | Delegiert (Konto %d) | %d. Juli 2021 |\n", i, i, i % 28 + 1
		}
	}' >"$3"
}

# Instructions for one run of tablog with the given arguments; nothing
# when it takes over 5 minutes (a quadratic loop on the big inputs), so a
# regression fails the shape instead of hanging the run.
count() {
	timeout 300 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$TABLOG" "$@" 2>&1 >/dev/null |
	    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Is (c - a) / (b - a) at most LIMIT?  And is the work big enough to
# measure (b - a over a million instructions)?
judge() {
	awk -v a="$2" -v b="$3" -v c="$4" -v lim="$LIMIT" -v name="$1" 'BEGIN {
		if (a == "" || b == "" || c == "") {
			printf "linear: %s: no count (timed out or crashed: %s %s %s)\n", name, a, b, c
			exit 1
		}
		if (b - a < 1000000) {
			printf "linear: %s: too little work to measure (%s %s %s)\n", name, a, b, c
			exit 1
		}
		r = (c - a) / (b - a)
		printf "linear: %-20s I(1)=%d I(n)=%d I(2n)=%d ratio %.2f\n", name, a, b, c, r
		exit !(r <= lim)
	}'
}

# Count the judgement of LABEL's three counts as passed or failed.
verdict() {
	if judge "$1" "$2" "$3" "$4"; then
		passed=$((passed + 1))
	else
		echo "FAIL linear: $1 grows faster than linearly"
		failed=$((failed + 1))
	fi
}

# One shape through one command: LABEL SHAPE N EXT "ARGUMENTS", where
# @IN@ in ARGUMENTS is the input file.
run_shape() {
	label=$1 name=$2 n=$3 ext=$4 cmd=$5
	i1= in= i2n=
	for size in 1 "$n" "$((2 * n))"; do
		gen "$name" "$size" "$tmp/in.$ext"
		# shellcheck disable=SC2086
		c=$(count $(echo "$cmd" | sed "s|@IN@|$tmp/in.$ext|g"))
		if [ -z "$i1" ]; then i1=$c; elif [ -z "$in" ]; then in=$c; else i2n=$c; fi
	done
	verdict "$label" "$i1" "$in" "$i2n"
}

# A diff of two versions with many columns, and a site of many pages
# with one title (their slugs must all be told apart).
run_diff_columns() {
	n=$1
	i1= in= i2n=
	for size in 1 "$n" "$((2 * n))"; do
		gen html-columns "$size" "$tmp/old.html"
		sed 's/<td>c/<td>d/g' "$tmp/old.html" >"$tmp/new.html"
		c=$(count diff "$tmp/old.html" "$tmp/new.html")
		if [ -z "$i1" ]; then i1=$c; elif [ -z "$in" ]; then in=$c; else i2n=$c; fi
	done
	verdict "diff-columns" "$i1" "$in" "$i2n"
}

run_site_same_title() {
	n=$1
	i1= in= i2n=
	for size in 1 "$n" "$((2 * n))"; do
		rm -rf "$tmp/site" "$tmp/out"
		mkdir "$tmp/site"
		awk -v n="$size" -v dir="$tmp/site" 'BEGIN {
			for (i = 0; i < n; i++) {
				f = sprintf("%s/p%05d.md", dir, i)
				print "# Same title\n\n| API | Permission |\n|---|---|\n| Graph | P.Read |" > f
				close(f)
			}
		}'
		c=$(count build -q -j 1 -o "$tmp/out" "$tmp/site")
		if [ -z "$i1" ]; then i1=$c; elif [ -z "$in" ]; then in=$c; else i2n=$c; fi
	done
	verdict "site-same-title" "$i1" "$in" "$i2n"
}

# A history of many versions (files of one day: each version changes one
# row of twenty), and one of two versions whose rows all share one key
# and all change.
run_history() {
	label=$1 n=$2
	i1= in= i2n=
	for size in 1 "$n" "$((2 * n))"; do
		rm -rf "$tmp/v"
		mkdir -p "$tmp/v/2024-01-01"
		if [ "$label" = history-versions ]; then
			awk -v n="$size" -v dir="$tmp/v/2024-01-01" 'BEGIN {
				for (v = 0; v < n; v++) {
					f = sprintf("%s/p%05d.md", dir, v)
					print "| API | Permission | Purpose |\n|---|---|---|" > f
					for (i = 0; i < 20; i++)
						printf "| Graph | P%d.Read | %s |\n", i, i == v % 20 ? "changed in " v : "kept" > f
					close(f)
				}
			}'
			set -- "$tmp"/v/2024-01-01/*.md
		else
			gen md-same-rows "$size" "$tmp/v/2024-01-01/a.md"
			sed 's/December 2023/January 2024/' "$tmp/v/2024-01-01/a.md" \
			    >"$tmp/v/2024-01-01/b.md"
			set -- "$tmp/v/2024-01-01/a.md" "$tmp/v/2024-01-01/b.md"
		fi
		c=$(count history -j 1 -f json "$@")
		if [ -z "$i1" ]; then i1=$c; elif [ -z "$in" ]; then in=$c; else i2n=$c; fi
	done
	verdict "$label" "$i1" "$in" "$i2n"
}

run_shape md-rows		md-rows		2000	md	"-f csv @IN@"
run_shape md-rows-cr		md-rows-cr	8000	md	"-f csv @IN@"
run_shape md-rows-json		md-rows		1000	md	"-f json @IN@"
run_shape html-rows		html-rows	2000	html	"-f csv @IN@"
run_shape html-columns		html-columns	2000	html	"-f csv @IN@"
run_shape html-columns-html	html-columns	1000	html	"-f html @IN@"
run_shape md-long-cell		md-long-cell	50000	md	"-f csv @IN@"
run_shape html-long-cell	html-long-cell	50000	html	"-f md @IN@"
run_shape md-pipes		md-pipes	1000000	md	"-f csv @IN@"
run_shape md-escaped-pipes	md-escaped-pipes 500000	md	"-f csv @IN@"
run_shape html-deep-tags	html-deep-tags	3000	html	"-f csv @IN@"
run_shape html-nested-tables	html-nested-tables 300	html	"-f csv @IN@"
run_shape md-deep-quotes	md-deep-quotes	3000	md	"-f csv @IN@"
run_shape md-dates		md-dates	1000	md	"-f csv @IN@"
run_shape md-same-rows		md-same-rows	2000	md	"-f csv @IN@"
run_shape check-rows		md-rows		1000	md	"check --today 2025-01-01 @IN@"
run_shape md-flag-rows		md-flag-rows	2000	md	"-f csv @IN@"
run_shape html-flag-columns	html-flag-columns 2000	html	"-f csv @IN@"
run_shape md-higher-list	md-higher-list	20000	md	"-f json @IN@"
run_shape md-type-cells		md-type-cells	2000	md	"-f csv @IN@"
run_diff_columns 1000
run_site_same_title 150
run_history history-versions 150
run_history history-same-key 2000

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
