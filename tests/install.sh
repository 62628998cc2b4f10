#!/bin/sh
# tests/install.sh - install into a temporary DESTDIR and use what was
# installed: the binary, the shared and static library through pkg-config
# (tests/example/convert.c), the bash completion; then uninstall and check
# that nothing of tablog is left.  Ends with "N passed, N failed".
#
# Run from the repository root.  B (default build) is the build folder
# make uses; CC and CFLAGS, when set, build the example (so a sanitizer
# build links).  The model page is input/cloud-backup-for-azure.md, the
# page tests/golden/seed.* were checked against.
B=${B:-build}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
seed=input/cloud-backup-for-azure.md
prefix=/usr/local
passed=0
failed=0

stage=$(mktemp -d)		# DESTDIR: must hold only what install put
work=$(mktemp -d)		# everything else this test makes
trap 'rm -rf "$stage" "$work"' EXIT
root=$stage$prefix

ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL install: $1"; }
# check NAME COMMAND...: pass when COMMAND succeeds.
check() {
	name=$1; shift
	if "$@" >"$work/log" 2>&1; then ok "$name"; else
		fail "$name"; sed -n '1,20p' "$work/log"; fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

if ! make -s B="$B" DESTDIR="$stage" PREFIX="$prefix" install \
    >"$work/make.log" 2>&1; then
	cat "$work/make.log"
	fail "make install DESTDIR=... PREFIX=$prefix"
	finish
fi
ok "make install DESTDIR=... PREFIX=$prefix"

# ---- what was installed ----------------------------------------------
for f in bin/tablog lib/libtablog.a lib/libtablog.so lib/libtablog.so.0 \
    include/tablog.h lib/pkgconfig/tablog.pc share/man/man1/tablog.1 \
    share/bash-completion/completions/tablog; do
	check "installed $prefix/$f" test -e "$root/$f"
done
check "libtablog.so.0 is a symbolic link to the versioned file" \
    test -L "$root/lib/libtablog.so.0" -a -L "$root/lib/libtablog.so"
check "soname is libtablog.so.0" sh -c \
    "readelf -d '$root/lib/libtablog.so.0' | grep -q 'SONAME.*\[libtablog\.so\.0\]'"

# The shared library exports the API of tablog.h and nothing else.
nm -D --defined-only "$root/lib/libtablog.so.0" | awk '{ print $3 }' |
    sort >"$work/exported"
sed -n 's/^TABLOG_API .*[ *]\(tablog_[a-z_]*\)(.*/\1/p' \
    "$root/include/tablog.h" | sort >"$work/declared"
check "exports only tablog_* symbols" sh -c \
    "! grep -v '^tablog_' '$work/exported'"
check "exports every function tablog.h declares ($(wc -l <"$work/declared"))" \
    cmp "$work/declared" "$work/exported"

# ---- the installed binary --------------------------------------------
version=$("$root/bin/tablog" --version)
check "installed tablog --version ($version)" sh -c \
    "echo '$version' | grep -Eq '^tablog [0-9]+\.[0-9]+\.[0-9]+$'"
"$root/bin/tablog" -f csv "$seed" >"$work/bin.csv" 2>"$work/log"
check "installed tablog -f csv converts the model page" \
    cmp "$work/bin.csv" tests/golden/seed.csv

# ---- pkg-config ------------------------------------------------------
pc() {
	PKG_CONFIG_PATH=$root/lib/pkgconfig "$PKG_CONFIG" \
	    --define-variable=prefix="$root" "$@" tablog
}
check "pkg-config --modversion matches --version" \
    test "tablog $(pc --modversion)" = "$version"
cflags=$(pc --cflags)
libs=$(pc --libs)
# (--define-variable applies to the Requires.private packages too, so
# libxml2's folder moves into the stage as well: harmless here.)
check "pkg-config --cflags points into the stage" sh -c \
    "echo '$cflags' | grep -q -- '^-I$root/include '"
check "pkg-config --libs points into the stage" sh -c \
    "echo '$libs' | grep -q -- '-L$root/lib -ltablog'"
echo '#include <tablog.h>' >"$work/header.c"
# shellcheck disable=SC2086
check "tablog.h compiles alone (C11, pedantic)" $CC -std=c11 -Wall \
    -Wextra -Wpedantic -Werror $cflags -c -o "$work/header.o" "$work/header.c"

# ---- the example, against the shared library -------------------------
# shellcheck disable=SC2086
if $CC ${CFLAGS-} $cflags -o "$work/convert" tests/example/convert.c $libs \
    >"$work/log" 2>&1; then
	ok "example builds against the staged pkg-config file"
	check "example links libtablog.so.0" sh -c \
	    "readelf -d '$work/convert' | grep -q 'NEEDED.*libtablog\.so\.0'"
	run() { LD_LIBRARY_PATH=$root/lib "$work/convert" "$@"; }
	check "example loads the staged library" sh -c \
	    "LD_LIBRARY_PATH='$root/lib' ldd '$work/convert' | grep -q '$root/lib/libtablog.so.0'"
	run "$seed" >"$work/ex.csv" 2>"$work/log"
	check "example: model page to CSV equals tests/golden/seed.csv" \
	    cmp "$work/ex.csv" tests/golden/seed.csv
	run -f json "$seed" >"$work/ex.json" 2>"$work/log"
	check "example: model page to JSON equals tests/golden/seed.json" \
	    cmp "$work/ex.json" tests/golden/seed.json
	run -s "$seed" >"$work/ex.summary" 2>"$work/log"
	check "example: model summary (title, 6 crumbs, 5 columns, 23 rows)" \
	    sh -c "grep -qx 'title: Cloud Backup for Azure' '$work/ex.summary' &&
	    grep -q '^breadcrumb: 6: Home > ' '$work/ex.summary' &&
	    grep -q '^table 1: line [0-9]*, 5 columns, 23 rows$' '$work/ex.summary' &&
	    grep -qx '  column permission: Permission' '$work/ex.summary'"
	run -f nonesuch "$seed" >/dev/null 2>"$work/ex.err"
	status=$?
	check "example: an unknown format is an error diagnostic (exit $status)" \
	    sh -c "[ $status -eq 2 ] && grep -qx \"tablog: error: unknown format 'nonesuch'\" '$work/ex.err'"
	run "$work/missing.md" >/dev/null 2>"$work/ex.err"
	check "example: an unreadable file is an error naming it" \
	    grep -q "^tablog: $work/missing.md: error: " "$work/ex.err"
	# shellcheck disable=SC2086
	if $CC ${CFLAGS-} $cflags -o "$work/api" tests/example/api.c $libs \
	    >"$work/log" 2>&1; then
		check "tests/example/api.c: loader, model, writer, diagnostics" \
		    env LD_LIBRARY_PATH="$root/lib" "$work/api"
	else
		sed -n '1,20p' "$work/log"
		fail "tests/example/api.c builds"
	fi
else
	sed -n '1,20p' "$work/log"
	fail "example builds against the staged pkg-config file"
fi

# ---- the example, against the static library -------------------------
slibs=$(pc --static --libs | sed "s|-ltablog|$root/lib/libtablog.a|")
# shellcheck disable=SC2086
if $CC ${CFLAGS-} $cflags -o "$work/convert-static" tests/example/convert.c \
    $slibs >"$work/log" 2>&1; then
	"$work/convert-static" "$seed" >"$work/st.csv" 2>"$work/log"
	check "static example (pkg-config --static): CSV equals seed.csv" \
	    cmp "$work/st.csv" tests/golden/seed.csv
else
	sed -n '1,20p' "$work/log"
	fail "static example links with pkg-config --static --libs"
fi

# ---- bash completion -------------------------------------------------
if command -v bash >/dev/null 2>&1; then
	comp=$root/share/bash-completion/completions/tablog
	complete_words() {
		bash -c '. "$1"; shift; COMP_WORDS=("$@");
		    COMP_CWORD=$(($# - 1)); _tablog; echo "${COMPREPLY[*]}"' \
		    sh "$comp" "$@"
	}
	check "completion: subcommands" test \
	    "$(cd "$work" && complete_words tablog '')" = \
	    "convert build diff check history templates"
	check "completion: convert formats" test \
	    "$(complete_words tablog -f '')" = \
	    "md html csv json changelog changelog-html atom xlsx"
	check "completion: diff formats" test \
	    "$(complete_words tablog diff --format '')" = "md json csv html"
	check "completion: history formats" test \
	    "$(complete_words tablog history -f '')" = \
	    "changelog md html json csv atom"
	check "completion: history options" test \
	    "$(complete_words tablog history --from-)" = "--from-start"
	check "completion: build options" test \
	    "$(complete_words tablog build --j)" = "--jobs"
	check "completion: diff has no CSV options" test \
	    -z "$(complete_words tablog diff --csv)"
	check "completion: convert has no build options" test \
	    -z "$(complete_words tablog --sin)"
	check "completion: --color values" test \
	    "$(complete_words tablog check --color=n)" = "--color=never"
	check "completion: built-in template names" test \
	    "$(complete_words "$root/bin/tablog" templates fe)" = "feed.xml"
else
	echo "SKIP: bash not installed (completion not tested)"
fi

# ---- uninstall -------------------------------------------------------
check "make uninstall DESTDIR=... PREFIX=$prefix" make -s B="$B" \
    DESTDIR="$stage" PREFIX="$prefix" uninstall
find "$stage" ! -type d >"$work/left"
check "nothing of tablog is left in the stage" test ! -s "$work/left"
[ -s "$work/left" ] && cat "$work/left"

finish
