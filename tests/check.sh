#!/bin/sh
# tests/check.sh - the cases of tests/check/: tablog check over pages
# (the whole corpus among them), findings compared with reviewed lists.
# Same layout as tests/diff/ (see tests/diff.sh), but NAME.expected
# holds the findings as printed on standard error.
STREAM=stderr
export STREAM
exec sh "$(dirname "$0")/diff.sh" tests/check
