# tests/shared.sh - sourced by test scripts: where ../shared is, and
# whether it is there.
#
# ../shared holds the whole corpus of real pages (and, later, history
# bundles).  CI has it beside the repository; a plain clone does not.
# Every test that `make test` must run uses files inside the repository;
# only tests over the whole of ../shared run when it is present, and are
# skipped, silently, when it is not.  tests/run.sh sources this once,
# exports the answer and prints the one "SKIP corpus: ..." line; a script
# run on its own sources it too and decides the same way.
#
#   SHARED                 the folder (default ../shared, from the
#                          repository root)
#   TABLOG_SHARED_PRESENT  1 when $SHARED/corpus is a folder, else 0;
#                          set it to 0 to skip those tests on purpose
#   shared_present         succeeds when TABLOG_SHARED_PRESENT is 1
#
# A test over ../shared/history belongs behind the same switch:
#	if shared_present; then ... "$SHARED/history" ...; fi
SHARED=${SHARED:-../shared}
if [ -z "${TABLOG_SHARED_PRESENT:-}" ]; then
	if [ -d "$SHARED/corpus" ]; then
		TABLOG_SHARED_PRESENT=1
	else
		TABLOG_SHARED_PRESENT=0
	fi
fi
export SHARED TABLOG_SHARED_PRESENT

shared_present() {
	[ "$TABLOG_SHARED_PRESENT" = 1 ]
}
